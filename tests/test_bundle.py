"""Bundle manifests: round trip, verification, publisher signatures, refusal messages, default bundle."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from converter.__main__ import main as converter_main
from fundus.bundle import (
    ENV_ALLOW_UNSIGNED,
    SCREENING_POINT,
    TRUSTED_KEYS_DIR,
    BundleError,
    Combiner,
    default_bundle,
    load_bundle,
    signature_path,
    write_bundle,
)
from fundus.preprocess import PREPROCESS_VERSION, params
from fundus.signing import generate_key_pair, key_id, load_trusted_keys
from fundus.triage import CLEAR, URGENT

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def bundle_copy(tiny_bundle, tmp_path, sign_as_publisher):
    """A private, signed copy of the tiny bundle, free to damage."""
    manifest = json.loads(tiny_bundle.read_text())
    tflite = tiny_bundle.with_suffix(".tflite").read_bytes()
    path = write_bundle(tmp_path, "copy", tflite, manifest)
    sign_as_publisher(path)
    return path


def edit_manifest(path: Path, change) -> None:
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest, indent=2))


def test_manifest_round_trips(tiny_bundle, tmp_path):
    original = load_bundle(tiny_bundle)
    tflite = original.model_path.read_bytes()
    path = write_bundle(tmp_path / "out", "again", tflite, original.manifest)
    again = load_bundle(path, check_signature=False)  # written, not yet signed
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


def test_unknown_preprocessing_is_refused(bundle_copy, sign_as_publisher):
    edit_manifest(bundle_copy, lambda m: m["preprocessing"].update(version="ben-crop-v0"))
    sign_as_publisher(bundle_copy)  # even a signed bundle must match this app's preprocessing
    with pytest.raises(BundleError, match=f"'ben-crop-v0'.*{PREPROCESS_VERSION}"):
        load_bundle(bundle_copy)


def test_changed_preprocessing_parameters_are_refused(bundle_copy, sign_as_publisher):
    edit_manifest(bundle_copy, lambda m: m["preprocessing"].update(sigma=m["preprocessing"]["sigma"] + 1))
    sign_as_publisher(bundle_copy)
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
        load_bundle(path, check_signature=False)


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


def test_referable_probability_is_read_from_the_manifest(bundle_copy, sign_as_publisher):
    manifest = json.loads(bundle_copy.read_text())
    assert load_bundle(bundle_copy).combiner.referable_probability([1.0]) is None  # today's bundles: none
    manifest["combiner"]["referable_probability"] = {"slope": 2.0, "intercept": -3.0}
    bundle_copy.write_text(json.dumps(manifest))
    sign_as_publisher(bundle_copy)  # the publisher signs the calibrated bundle
    combiner = load_bundle(bundle_copy).combiner
    assert combiner.referable_probability([1.5, 0.0]).tolist() == pytest.approx([0.5, 1 / (1 + np.exp(3.0))])
    assert Combiner.from_dict(combiner.to_dict()) == combiner
    for bad in ({"slope": -1.0, "intercept": 0.0}, {"slope": float("nan"), "intercept": 0.0}, {"slope": 1.0}):
        manifest["combiner"]["referable_probability"] = bad
        bundle_copy.write_text(json.dumps(manifest))
        sign_as_publisher(bundle_copy)  # signed, and still refused
        with pytest.raises(BundleError, match="malformed"):
            load_bundle(bundle_copy)


def test_triage_policies_are_read_from_the_manifest(bundle_copy, sign_as_publisher):
    original = load_bundle(bundle_copy)
    cuts = original.combiner.cut_points
    # A bundle without a triage section: its screening point, as Combiner.refers has always decided.
    implicit = original.policy()
    assert implicit.name == SCREENING_POINT and original.triage is None
    scores = np.linspace(cuts[0] - 1, cuts[3] + 1, 50)
    assert (implicit.bands(scores) != CLEAR).tolist() == original.combiner.refers(scores).tolist()
    assert ((implicit.bands(scores) == URGENT) == (original.combiner.grades(scores) >= 3)).all()
    with pytest.raises(BundleError, match="no triage policies, so none named 'p'"):
        original.policy("p")
    edit_manifest(bundle_copy, lambda m: m.update(triage={
        "default": "p", "policies": {"p": {"clear_below": cuts[0], "urgent_from": cuts[2], "rates": {}},
                                     "q": {"clear_below": cuts[1], "urgent_from": cuts[3]}}}))
    sign_as_publisher(bundle_copy)
    bundle = load_bundle(bundle_copy)
    assert bundle.policy() == bundle.triage.policy("p") and bundle.policy().clear_below == cuts[0]
    assert bundle.policy("q").urgent_from == cuts[3]
    with pytest.raises(BundleError, match="copy.json: no triage policy 'r'"):
        bundle.policy("r")


@pytest.mark.parametrize("triage, message", [
    ({"default": "missing", "policies": {"p": {"clear_below": 0.1, "urgent_from": 0.2}}}, "default 'missing'"),
    ({"default": "p", "policies": {"p": {"clear_below": 0.3, "urgent_from": 0.2}}}, "must be ordered"),
    ({"default": "p", "policies": {"p": {"clear_below": "low", "urgent_from": 0.2}}}, "malformed"),
    ({"default": "p", "policies": {"p": {"clear_below": 0.1, "urgent_from": 50.0}}, "extra": 1}, None),
])
def test_a_signed_manifest_with_a_bad_triage_section_is_refused(bundle_copy, sign_as_publisher, triage, message):
    edit_manifest(bundle_copy, lambda m: m.update(triage=triage))
    sign_as_publisher(bundle_copy)
    if message is None:  # well-formed: other keys are the publisher's record
        assert load_bundle(bundle_copy).policy().urgent_from == 50.0
        return
    with pytest.raises(BundleError, match=message):
        load_bundle(bundle_copy)


def test_a_policy_that_clears_a_referable_grade_is_refused(bundle_copy, sign_as_publisher):
    """Band and grade may disagree, but an eye graded moderate or worse is never cleared."""
    moderate = load_bundle(bundle_copy).combiner.cut_points[1]
    edit_manifest(bundle_copy, lambda m: m.update(triage={
        "default": "p", "policies": {"p": {"clear_below": moderate + 0.01, "urgent_from": moderate + 1}}}))
    sign_as_publisher(bundle_copy)
    with pytest.raises(BundleError, match="above the moderate cut point"):
        load_bundle(bundle_copy)


# ---------------------------------------------------------------- publisher signatures


def test_forged_manifest_is_refused(bundle_copy):
    """Issue 13: cut points moved to 10-40 and the warning removed would grade every
    photo "No DR" under the same name and version; the signature no longer matches."""
    forged = load_bundle(bundle_copy)
    edit_manifest(bundle_copy, lambda m: (m.update(combiner={**m["combiner"], "cut_points": [10, 20, 30, 40]}),
                                          m.pop("warning", None)))
    assert load_bundle(bundle_copy, check_signature=False).combiner.cut_points == (10, 20, 30, 40)
    with pytest.raises(BundleError, match="copy.json is not used: its signature does not match: it was altered"):
        load_bundle(bundle_copy)
    assert forged.signer  # the original was accepted


def test_unsigned_bundle_is_refused_unless_a_developer_allows_it(bundle_copy, monkeypatch):
    signature_path(bundle_copy).unlink()
    monkeypatch.delenv(ENV_ALLOW_UNSIGNED, raising=False)
    with pytest.raises(BundleError, match=f"copy.json is not signed by its publisher .*{ENV_ALLOW_UNSIGNED}=1"):
        load_bundle(bundle_copy)
    monkeypatch.setenv(ENV_ALLOW_UNSIGNED, "1")
    assert load_bundle(bundle_copy).signer is None
    edit_manifest(bundle_copy, lambda m: m.update(version="forged"))
    (bundle_copy.parent / "copy.json.sig").write_text('{"format": "dr-screen-signature", "key_id": "x"}')
    with pytest.raises(BundleError, match="malformed"):  # allowing unsigned never allows a bad signature
        load_bundle(bundle_copy)


def test_unknown_publisher_is_refused_until_an_administrator_trusts_the_key(bundle_copy, tmp_path, capsys):
    keys = tmp_path / "other-publisher"
    keys.mkdir()
    assert converter_main(["keygen", "--out", str(keys), "--name", "other"]) == 0
    assert (keys / "other.key").stat().st_mode & 0o777 == 0o600
    assert converter_main(["keygen", "--out", str(keys), "--name", "other"]) == 1  # never overwritten
    assert converter_main(["sign", str(bundle_copy), "--key", str(keys / "other.key")]) == 0
    assert "WARNING: this key is not in models/trusted_keys/" in capsys.readouterr().out
    with pytest.raises(BundleError, match="which is not a trusted key.*python -m desktop model trust"):
        load_bundle(bundle_copy)
    trusted = load_bundle(bundle_copy, key_folders=(keys,))
    assert trusted.signer == key_id(load_trusted_keys([keys]).popitem()[1])


def test_sign_refuses_a_bundle_whose_model_does_not_match(bundle_copy, tmp_path, capsys):
    generate_key_pair(tmp_path / "k.key")
    bundle_copy.with_suffix(".tflite").write_bytes(b"another model")
    assert converter_main(["sign", str(bundle_copy), "--key", str(tmp_path / "k.key")]) == 1
    assert "not signing" in capsys.readouterr().err


def test_rewriting_a_bundle_drops_its_old_signature(bundle_copy):
    manifest = json.loads(bundle_copy.read_text())
    write_bundle(bundle_copy.parent, "copy", bundle_copy.with_suffix(".tflite").read_bytes(),
                 {**manifest, "version": "2"})
    assert not signature_path(bundle_copy).exists()


def test_manifest_sha256_is_of_the_bytes_that_were_verified(bundle_copy):
    import hashlib
    assert load_bundle(bundle_copy).manifest_sha256 == hashlib.sha256(bundle_copy.read_bytes()).hexdigest()


def test_shipped_bundle_is_signed_by_a_shipped_key(monkeypatch):
    monkeypatch.delenv("DR_SCREEN_TRUSTED_KEYS")  # only the keys in models/trusted_keys/
    bundle = load_bundle(default_bundle())
    assert bundle.signer in load_trusted_keys([TRUSTED_KEYS_DIR])
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "PRIVATE KEY" not in "".join((REPO / f).read_text(errors="ignore") for f in tracked.split("\n")
                                        if f.endswith((".key", ".pem", ".pub", ".sig"))), \
        "a private key must never be in the repository"
