"""Bundle manifests: round trip, verification, refusal messages, default bundle."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fundus.bundle import (
    BundleError,
    Combiner,
    default_bundle,
    load_bundle,
    write_bundle,
)
from fundus.preprocess import PREPROCESS_VERSION, params


@pytest.fixture
def bundle_copy(tiny_bundle, tmp_path):
    """A private copy of the tiny bundle, free to damage."""
    manifest = json.loads(tiny_bundle.read_text())
    tflite = tiny_bundle.with_suffix(".tflite").read_bytes()
    return write_bundle(tmp_path, "copy", tflite, manifest)


def test_manifest_round_trips(tiny_bundle, tmp_path):
    original = load_bundle(tiny_bundle)
    tflite = original.model_path.read_bytes()
    path = write_bundle(tmp_path / "out", "again", tflite, original.manifest)
    again = load_bundle(path)
    assert again.model_path == tmp_path / "out" / "again.tflite"
    assert again.model_path.read_bytes() == tflite
    assert (again.name, again.version, again.mode, again.input_size, again.combiner) == \
        (original.name, original.version, original.mode, original.input_size, original.combiner)
    assert again.manifest["metrics"] == original.manifest["metrics"]
    assert again.manifest["training"] == original.manifest["training"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["again.json", "again.tflite"]


def test_tiny_manifest_has_what_the_issue_asks(tiny_bundle):
    m = load_bundle(tiny_bundle).manifest
    assert {"name", "version", "created", "model", "input", "preprocessing", "combiner", "metrics",
            "data", "training"} <= set(m)
    assert m["preprocessing"] == params(m["input"]["size"])
    assert m["model"]["mode"] == "int8" and len(m["model"]["sha256"]) == 64
    assert set(m["combiner"]) == {"weights", "bias", "cut_points"}
    assert m["metrics"]["float"]["qwk"] - m["metrics"]["tflite"]["qwk"] == \
        pytest.approx(m["metrics"]["qwk_drop"], abs=1e-6)
    assert m["data"]["calibration"]["n"] == 100 and m["data"]["validation"]["n"] > 100
    assert m["training"]["command"] and m["training"]["config"]["image_size"] == 64


def test_tampered_model_is_refused(bundle_copy):
    model = bundle_copy.with_suffix(".tflite")
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit
    model.write_bytes(bytes(data))
    with pytest.raises(BundleError, match="does not match the sha256"):
        load_bundle(bundle_copy)


def test_missing_model_file_is_refused(bundle_copy):
    bundle_copy.with_suffix(".tflite").unlink()
    with pytest.raises(BundleError, match="copy.tflite is missing"):
        load_bundle(bundle_copy)


def test_unknown_preprocessing_is_refused(bundle_copy):
    manifest = json.loads(bundle_copy.read_text())
    manifest["preprocessing"]["version"] = "ben-crop-v0"
    bundle_copy.write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match=f"'ben-crop-v0'.*{PREPROCESS_VERSION}"):
        load_bundle(bundle_copy)


def test_changed_preprocessing_parameters_are_refused(bundle_copy):
    manifest = json.loads(bundle_copy.read_text())
    manifest["preprocessing"]["sigma"] += 1
    bundle_copy.write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match="preprocessing parameters"):
        load_bundle(bundle_copy)


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a dr-screen model manifest"),
    (json.dumps({"format": "dr-screen-bundle", "format_version": 1}), "incomplete or malformed"),
])
def test_bad_manifests_are_refused(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(BundleError, match=message):
        load_bundle(path)


def test_missing_manifest_is_refused(tmp_path):
    with pytest.raises(BundleError, match="manifest not found"):
        load_bundle(tmp_path / "nope.json")


def test_write_refuses_a_manifest_the_app_would_refuse(tiny_bundle, tmp_path):
    manifest = json.loads(tiny_bundle.read_text())
    del manifest["combiner"]
    with pytest.raises(BundleError, match="combiner"):
        write_bundle(tmp_path / "out", "x", b"model", manifest)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_default_bundle(tmp_path, bundle_copy):
    models = bundle_copy.parent
    assert default_bundle(models) == bundle_copy  # the only manifest
    second = write_bundle(models, "second", bundle_copy.with_suffix(".tflite").read_bytes(),
                          json.loads(bundle_copy.read_text()))
    with pytest.raises(BundleError, match="several bundles"):
        default_bundle(models)
    (models / "default.json").write_text(json.dumps({"bundle": "second.json"}))
    assert default_bundle(models) == second
    (models / "default.json").write_text(json.dumps({"bundle": "gone.json"}))
    with pytest.raises(BundleError, match="gone.json"):
        default_bundle(models)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BundleError, match="no model bundle"):
        default_bundle(empty)


def test_combiner_scores_and_grades():
    combiner = Combiner((1.0, 0.5, 0.25), -0.5, (0.5, 1.5, 2.5, 3.5))
    outputs = {"regression": [[2.0]], "classification": [[0, 0, 0, 1.0, 0]], "ordinal": [[1, 1, 0, 0]]}
    # 2 + 0.5 * 3 + 0.25 * 2 - 0.5 = 3.5: a score on a cut point is above it.
    assert combiner.scores(outputs)[0] == pytest.approx(3.5)
    assert combiner.grades(combiner.scores(outputs)).tolist() == [4]
    with pytest.raises(ValueError, match="increase"):
        Combiner.from_dict({"weights": [1, 0, 0], "bias": 0, "cut_points": [0.5, 2.5, 1.5, 3.5]})


def test_core_loads_and_runs_bundles_without_tensorflow(tiny_bundle):
    code = ("import sys, numpy as np; from fundus.grader import Grader; "
            f"g = Grader({str(tiny_bundle)!r}); g.predict(np.zeros((1, 64, 64, 3), np.uint8)); "
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True,
                   cwd=Path(__file__).resolve().parents[1])


def test_referable_probability_is_read_from_the_manifest(bundle_copy, tmp_path):
    manifest = json.loads(bundle_copy.read_text())
    assert load_bundle(bundle_copy).combiner.referable_probability([1.0]) is None  # today's bundles: none
    manifest["combiner"]["referable_probability"] = {"slope": 2.0, "intercept": -3.0}
    bundle_copy.write_text(json.dumps(manifest))
    combiner = load_bundle(bundle_copy).combiner
    assert combiner.referable_probability([1.5, 0.0]).tolist() == pytest.approx([0.5, 1 / (1 + np.exp(3.0))])
    assert Combiner.from_dict(combiner.to_dict()) == combiner
    for bad in ({"slope": -1.0, "intercept": 0.0}, {"slope": float("nan"), "intercept": 0.0}, {"slope": 1.0}):
        manifest["combiner"]["referable_probability"] = bad
        bundle_copy.write_text(json.dumps(manifest))
        with pytest.raises(BundleError, match="malformed"):
            load_bundle(bundle_copy)
