"""The converter on a model trained for a few steps on real APTOS images."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score, roc_auc_score

from converter import UserError, convert
from converter.__main__ import main
from converter.evaluate import screening_metrics
from converter.triage import ALL_REFERABLE, SIGHT_THREATENING_FIRST
from fundus.bundle import load_bundle, write_bundle
from fundus.signing import key_id, load_private_key
from fundus.grader import Grader
from fundus.image import read_image
from fundus.labels import patient_of
from fundus.preprocess import from_preprocessed
from fundus.triage import plain_numbers

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run(tiny_run):
    return convert.load_run(tiny_run)


@pytest.fixture(scope="module")
def heldout_inputs(aptos_heldout) -> np.ndarray:
    images_dir, labels = aptos_heldout
    ids = [row["id_code"] for row in csv.DictReader(open(labels))][:6]
    return np.stack([from_preprocessed(read_image(images_dir / f"{i}.jpg"), 64) for i in ids])


def convert_args(tiny_run, aptos_heldout, out: Path, *extra: str) -> list[str]:
    images_dir, labels = aptos_heldout
    return [str(tiny_run), "--out", str(out), "--validation", str(images_dir), "--labels", str(labels),
            "--preprocessed", *extra]


def test_float32_export_is_the_keras_model_with_an_exact_cam(run, heldout_inputs, tmp_path):
    convert.save_export(convert.export_model(run.model), tmp_path / "saved")
    tflite = convert.to_tflite(tmp_path / "saved", "float32")
    manifest = convert.base_manifest(run, "float32", "f32", {})
    grader = Grader(load_bundle(write_bundle(tmp_path, "f32", tflite, manifest), check_signature=False))
    lite = grader.predict(heldout_inputs)
    reference = run.model.predict(heldout_inputs.astype(np.float32), verbose=0)
    for head in ("regression", "classification", "ordinal"):
        np.testing.assert_allclose(lite[head], reference[head], atol=1e-4)
    # GAP is linear: the CAM averages to the regression output minus the head's bias.
    bias = run.model.get_layer("regression").get_weights()[1]
    np.testing.assert_allclose(lite["cam"].mean(axis=(1, 2)) + bias, lite["regression"], atol=1e-4)
    assert np.ptp(lite["regression"]) > 0.1  # trained: the outputs depend on the image


def test_faithful_conversion_passes_the_gate(tiny_run, aptos_heldout, test_publisher, tmp_path, capsys):
    out = tmp_path / "models"
    # float32 matches Keras to ~1e-6, so no grade flips at a cut point and the default
    # 0.01 tolerance holds for any retrained tiny model (int8 is gated in tiny_bundle).
    code = main(convert_args(tiny_run, aptos_heldout, out, "--mode", "float32", "--name", "fp",
                             "--limit", "80", "--sign-key", str(test_publisher)))
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "signed fp.json with key" in printed and "the app trusts this key" in printed
    bundle = load_bundle(out / "fp.json")  # signed at publishing, so the app's check passes
    assert bundle.signer == key_id(load_private_key(test_publisher).public_key())
    metrics = bundle.manifest["metrics"]
    assert bundle.mode == "float32" and bundle.input_size == 64
    assert metrics["qwk_drop"] <= 0.01 and metrics["max_qwk_drop"] == 0.01
    assert metrics["float"]["n"] == metrics["tflite"]["n"] == 80
    assert metrics["tflite"]["size_mb"] > 0 and metrics["tflite"]["ms_per_image"] > 0
    assert bundle.combiner.to_dict() == json.loads((tiny_run / "combiner.json").read_text())
    run_config = json.loads((tiny_run / "config.json").read_text())
    assert bundle.manifest["training"] == convert.portable_paths(
        {"run": str(tiny_run.resolve()), "resumed_with": [], "initial_weights": None,
         "backbone": run_config["config"]["model"]["backbone"], "imagenet_weights": None, **run_config})
    assert bundle.manifest["training"]["backbone"] == "MobileNetV2"
    assert 0 <= metrics["tflite"]["referable_auc"] <= 1 and "referable_auc" in metrics["float"]
    assert "referable sensitivity" in printed and "confusion" in printed


def _layer(model: keras.Model, name: str) -> keras.layers.Layer:
    for layer in model.layers:
        if layer.name == name:
            return layer
        if isinstance(layer, keras.Model) and name in {sub.name for sub in layer.layers}:
            return layer.get_layer(name)
    raise KeyError(name)


def test_gate_refuses_a_damaged_conversion(tiny_run, aptos_heldout, tmp_path, capsys, monkeypatch):
    real_export_model = convert.export_model

    def damaged(model):
        """The export graph with every head negated. The float model shares these
        layers, but the converter has evaluated it before exporting."""
        export = real_export_model(model)
        for name in ("regression", "classification", "ordinal"):
            head = _layer(export, name)
            head.set_weights([-w for w in head.get_weights()])
        return export

    monkeypatch.setattr(convert, "export_model", damaged)
    out = tmp_path / "models"
    code = main(convert_args(tiny_run, aptos_heldout, out, "--mode", "float32", "--limit", "80"))
    printed = capsys.readouterr().out
    assert code == 2
    assert not out.exists()
    refusal = printed.strip().splitlines()[-1]
    assert refusal.startswith("REFUSED") and "float32" in refusal and "float model's" in refusal


def test_mode_all_compares_and_publishes_the_smallest_passing(tiny_run, aptos_heldout, tmp_path, capsys):
    images_dir, _ = aptos_heldout
    out = tmp_path / "models"
    code = main(convert_args(tiny_run, aptos_heldout, out, "--mode", "all", "--name", "best", "--limit", "30",
                             "--calibration", str(images_dir), "--calibration-count", "10",
                             "--max-qwk-drop", "1"))
    printed = capsys.readouterr().out
    assert code == 0, printed
    table = [line.split() for line in printed.splitlines() if line.split()[:1] in
             [["float32"], ["fp16"], ["dynamic"], ["int8"]] and len(line.split()) == 6]
    assert [row[0] for row in table] == ["float32", "fp16", "dynamic", "int8"]
    sizes = {row[0]: float(row[1]) for row in table}
    assert sizes["float32"] > sizes["fp16"] > sizes["int8"]
    bundle = load_bundle(out / "best.json", check_signature=False)  # published unsigned
    assert bundle.mode == min(sizes, key=sizes.get)
    assert [c["mode"] for c in bundle.manifest["metrics"]["comparison"]] == list(sizes)


def test_evaluate_metrics_equal_an_independent_qwk(tiny_bundle, aptos_heldout, tmp_path):
    images_dir, labels_csv = aptos_heldout
    predictions = tmp_path / "predictions.csv"
    done = subprocess.run([sys.executable, "-m", "converter", "evaluate", str(tiny_bundle),
                           "--images", str(images_dir), "--labels", str(labels_csv), "--preprocessed",
                           "--predictions", str(predictions)],
                          cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    reported = json.loads(done.stdout.strip().splitlines()[-1])
    truth = {row["id_code"]: int(row["diagnosis"]) for row in csv.DictReader(open(labels_csv))}
    rows = list(csv.DictReader(open(predictions)))
    assert {r["image"] for r in rows} == set(truth)
    graded = [r for r in rows if r["gradable"] == "1"]
    expected = cohen_kappa_score([truth[r["image"]] for r in graded], [int(r["grade"]) for r in graded],
                                 weights="quadratic")
    assert reported["qwk"] == pytest.approx(expected, abs=1e-12)
    assert reported["n"] == len(graded) == len(truth)
    # The bundle's own validation used these images too: same QWK through the app's path.
    assert reported["qwk"] == pytest.approx(load_bundle(tiny_bundle).manifest["metrics"]["tflite"]["qwk"])
    labels = [truth[r["image"]] >= 2 for r in graded]
    assert reported["referable_auc"] == pytest.approx(roc_auc_score(labels, [float(r["score"]) for r in graded]),
                                                      abs=1e-5)  # the CSV rounds scores to 6 decimals
    for name in ("referable_auc", "referable_sensitivity", "referable_specificity"):
        low, high = reported["ci95"][name]
        assert low <= reported[name] <= high and high - low < 0.5, name


def test_evaluate_intervals_resample_patients_not_eyes():
    """EyePACS ids name the patient: both eyes go in or out of a bootstrap sample
    together, so the interval is not the narrower one of independent eyes."""
    rng = np.random.default_rng(0)
    grades = np.repeat(rng.integers(0, 5, 150), 2)
    scores = grades + np.repeat(rng.normal(0, 1.2, 150), 2)
    patients = [f"{i // 2}_{'left' if i % 2 else 'right'}" for i in range(300)]
    predicted = np.clip(np.round(scores), 0, 4).astype(int)
    by_patient = screening_metrics(grades, predicted, scores, [patient_of(p) for p in patients],
                                   predicted >= 2)["ci95"]["referable_auc"]
    by_eye = screening_metrics(grades, predicted, scores, list(range(300)), predicted >= 2)["ci95"]["referable_auc"]
    assert by_patient[1] - by_patient[0] > 1.2 * (by_eye[1] - by_eye[0])


def test_evaluate_grades_raw_camera_photos(tiny_bundle, shared_data, tmp_path, capsys):
    raw = shared_data / "fundus-camera-raw"
    predictions = tmp_path / "raw.csv"
    code = main(["evaluate", str(tiny_bundle), "--images", str(raw), "--labels", str(raw / "labels.csv"),
                 "--predictions", str(predictions)])
    assert code == 0
    printed = capsys.readouterr().out
    summary = json.loads(printed.strip().splitlines()[-1])
    rows = list(csv.DictReader(open(predictions)))
    assert summary["images"] == len(rows) == 10 and summary["ungradable"] == 0
    assert all(r["grade"] in "01234" and r["referable"] in "01" for r in rows)
    # Every photo's band by the bundle's policy (its screening point: it has no triage section).
    policy = load_bundle(tiny_bundle).policy()
    assert summary["policy"] == policy.name and "triage policy screening-point" in printed
    for r in rows:
        assert r["triage"] == policy.band(float(r["score"])) and r["referable"] == str(int(r["triage"] != "clear"))
    # The per-band grade mix: each band's photos by their true grade.
    truth = {r["image"]: int(r["label"]) for r in rows}
    for band, counts in summary["bands"].items():
        assert counts == [sum(1 for r in rows if r["triage"] == band and truth[r["image"]] == g) for g in range(5)]
        assert f"{band:<11}{sum(counts):>6}" in printed
    assert sum(map(sum, summary["bands"].values())) == 10


def test_evaluate_uses_a_named_policy_and_refuses_an_unknown_one(tiny_bundle, shared_data, capsys):
    raw = shared_data / "fundus-camera-raw"
    assert main(["evaluate", str(tiny_bundle), "--images", str(raw), "--labels", str(raw / "labels.csv"),
                 "--policy", "all-referable"]) == 1
    assert "has no triage policies, so none named 'all-referable'" in capsys.readouterr().err


@pytest.mark.parametrize("change, message", [
    (lambda a, tmp: ["/nonexistent/run", *a[1:]], "no model found"),
    (lambda a, tmp: [*a, "--mode", "int8"], "int8 needs --calibration"),  # the last --mode wins
    (lambda a, tmp: [*a[:a.index("--validation") + 1], str(tmp), *a[a.index("--validation") + 2:]],
     "no images"),
])
def test_user_errors_are_one_clear_line(tiny_run, aptos_heldout, tmp_path, capsys, change, message):
    args = change(convert_args(tiny_run, aptos_heldout, tmp_path / "out", "--mode", "fp16"), tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_labels_in_an_unknown_layout_are_refused(tiny_bundle, tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text("file,grade\na,1\n")
    assert main(["evaluate", str(tiny_bundle), "--images", str(tmp_path), "--labels", str(labels)]) == 1
    assert "id_code,diagnosis or image,level" in capsys.readouterr().err


def test_usage_errors_exit_1_not_the_gate_status(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--mode", "int8"])
    assert exit_info.value.code == 1
    assert "required" in capsys.readouterr().err


def test_manifest_paths_are_relative_to_the_checkout():
    shared = str(REPO_ROOT.parent / "shared" / "data" / "x")
    run = str(REPO_ROOT / "runs" / "r")
    assert convert.portable_paths({"data": shared, "runs": [run], "other": "/etc/hosts", "n": 3}) == {
        "data": "../shared/data/x", "runs": ["runs/r"], "other": "/etc/hosts", "n": 3}


def test_float_layers_stay_float32_in_an_int8_model(run, heldout_inputs, tmp_path):
    from ai_edge_litert.interpreter import Interpreter

    convert.save_export(convert.export_model(run.model), tmp_path / "saved")
    calibration = np.repeat(heldout_inputs, 4, axis=0)

    def kinds(tflite: bytes, layer: str) -> set:
        return {str(t["dtype"].__name__) for t in Interpreter(model_content=tflite).get_tensor_details()
                if f"/{layer}" in t["name"]}

    plain = convert.to_tflite(tmp_path / "saved", "int8", calibration)
    selective = convert.to_tflite(tmp_path / "saved", "int8", calibration, ("Conv1",))
    assert "float32" not in kinds(plain, "Conv1")  # MobileNetV2's stem, quantized by default
    assert kinds(selective, "Conv1") == {"float32"}
    assert "int8" in kinds(selective, "block_16")  # the rest stays int8
    with pytest.raises(UserError, match="no such layer"):
        convert.to_tflite(tmp_path / "saved", "int8", calibration, ("no_such_layer",))


def test_evaluate_sets_are_scored_with_the_published_model_and_recorded(tiny_run, aptos_heldout, shared_data,
                                                                         tmp_path, capsys):
    raw = shared_data / "fundus-camera-raw"
    out = tmp_path / "models"
    code = main(convert_args(tiny_run, aptos_heldout, out, "--mode", "float32", "--name", "fp", "--limit", "40",
                             "--evaluate", "camera", str(raw), str(raw / "labels.csv"),
                             "--warning", "AUC {camera[referable_auc]:.2f} on {camera[n]} camera photos"))
    assert code == 0
    bundle = load_bundle(out / "fp.json", check_signature=False)
    camera = bundle.manifest["metrics"]["sets"]["camera"]
    assert bundle.warning == f"AUC {camera['referable_auc']:.2f} on {camera['n']} camera photos"
    assert camera["images"] == 10 and camera["n"] + camera["ungradable"] == 10
    assert camera["labels"].endswith("fundus-camera-raw/labels.csv")
    assert 0 <= camera["referable_auc"] <= 1 and set(camera["ci95"]) == {
        "referable_auc", "referable_sensitivity", "referable_specificity"}
    # The same numbers as grading the same photos with the written bundle.
    code = main(["evaluate", str(out / "fp.json"), "--images", str(raw), "--labels", str(raw / "labels.csv")])
    evaluated = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert evaluated["qwk"] == pytest.approx(camera["qwk"]) and evaluated["referable_auc"] == pytest.approx(
        camera["referable_auc"])


def test_a_warning_naming_an_unknown_set_is_refused(tiny_run, aptos_heldout, tmp_path, capsys):
    code = main(convert_args(tiny_run, aptos_heldout, tmp_path / "out", "--mode", "float32", "--limit", "20",
                             "--warning", "AUC {field[referable_auc]:.2f}"))
    assert code == 1 and "cannot fill in 'field'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# ---------------------------------------------------------------- converter triage

CAMERA_PATIENTS = {"10", "13", "15", "16", "17"}  # their natural-colour photos are in the camera set too


def labels_of(folder: Path, keep, n: int, tmp: Path, name: str, skip=frozenset()) -> Path:
    """A labels CSV of the first n images of `folder`'s labels.csv whose grade passes `keep`."""
    rows = [r for r in csv.DictReader(open(folder / "labels.csv"))
            if keep(int(r["level"])) and patient_of(r["image"]) not in skip][:n]
    path = tmp / f"{name}.csv"
    path.write_text("image,level\n" + "".join(f"{r['image']},{r['level']}\n" for r in rows))
    return path


@pytest.fixture(scope="module")
def calibration_parts(shared_data, tmp_path_factory) -> dict[str, list[str]]:
    """A field-like part (natural colour, grades 0-2) and a severe one (EyePACS enhanced, grades 3-4) of real
    photos, no patient of them in the camera set."""
    tmp = tmp_path_factory.mktemp("calibration")
    natural, enhanced = shared_data / "eyepacs2015-natural1024", shared_data / "eyepacs2015-enhanced256"
    field = labels_of(natural, lambda g: g <= 2, 24, tmp, "field", skip=CAMERA_PATIENTS)
    severe = labels_of(enhanced, lambda g: g >= 3, 22, tmp, "severe", skip=CAMERA_PATIENTS)
    return {"field": [str(natural / "images"), str(field)], "severe": [str(enhanced / "images"), str(severe)]}


@pytest.fixture
def bundle_to_triage(tiny_bundle, aptos_heldout, tmp_path) -> Path:
    """An unsigned copy of the tiny bundle whose validation labels are where the cache keeps them (its
    manifest names the folder they were made in)."""
    manifest = json.loads(tiny_bundle.read_text())
    manifest["data"]["validation"]["labels"] = str(aptos_heldout[1])
    return write_bundle(tmp_path / "models", "tiny", tiny_bundle.with_suffix(".tflite").read_bytes(), manifest)


def test_triage_sets_policies_on_calibration_parts_and_measures_every_reported_set(
        tiny_bundle, bundle_to_triage, calibration_parts, shared_data, test_publisher, capsys):
    raw = shared_data / "fundus-camera-raw"
    before, bundle = load_bundle(tiny_bundle), bundle_to_triage
    code = main(["triage", str(bundle), "--field-calibration", *calibration_parts["field"],
                 "--severe-calibration", *calibration_parts["severe"],
                 "--evaluate", "camera", str(raw), str(raw / "labels.csv"),
                 "--plain-healthy", "camera", "--plain-sight-threatening", "validation",
                 "--warning", "clears about {plain.healthy_of_10} of 10 healthy eyes, "
                              "{default[camera][grade 0-1][clear][share]:.0%} of the camera's",
                 "--sign-key", str(test_publisher)])
    printed, err = capsys.readouterr()
    assert code == 0, err
    after = load_bundle(bundle)  # signed again by the publisher: the app's check passes
    assert after.signer == key_id(load_private_key(test_publisher).public_key())
    assert after.model_path.read_bytes() == before.model_path.read_bytes()
    assert after.version.startswith(before.version.split("-")[0]) and after.version > before.version
    triage = after.triage
    assert triage.default == ALL_REFERABLE and set(triage.policies) == {SIGHT_THREATENING_FIRST,
                                                                                   ALL_REFERABLE}
    section = triage.section
    assert section["command"].startswith("python -m converter triage ")
    assert section["calibration"]["field"]["labels"] == calibration_parts["field"][1]
    for name, policy in triage.policies.items():
        entry = section["policies"][name]
        assert policy.clear_below <= policy.urgent_from and policy.clear_below <= after.combiner.cut_points[1]
        assert entry["calibration"]["grade 0-1 urgent"] <= 0.10
        assert set(triage.rates(name)) == {"validation", "camera"}
        camera = triage.rates(name)["camera"]
        assert [camera[g]["n"] for g in ("grade 0-1", "grade 2", "grade 3-4")] == [7, 1, 2]
    assert section["policies"][SIGHT_THREATENING_FIRST]["calibration"]["grade 3-4 cleared"] <= 0.05
    # The same bands as grading the camera photos with the written bundle's default policy.
    code = main(["evaluate", str(bundle), "--images", str(raw), "--labels", str(raw / "labels.csv")])
    evaluated = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    healthy = triage.rates()["camera"]["grade 0-1"]
    for band in ("urgent", "refer", "clear", "ungradable"):
        assert sum(evaluated["bands"][band][:2]) == round(healthy[band]["share"] * 7)
    plain = plain_numbers(triage)
    assert after.warning == (f"clears about {plain.healthy_of_10} of 10 healthy eyes, "
                             f"{healthy['clear']['share']:.0%} of the camera's")
    assert f"default policy in plain words: clears about {plain.healthy_of_10} of 10 healthy eyes" in printed


def test_triage_refuses_a_calibration_part_that_shares_a_patient_with_a_reported_set(
        bundle_to_triage, calibration_parts, shared_data, tmp_path, capsys):
    raw = shared_data / "fundus-camera-raw"
    leaky = tmp_path / "leaky.csv"  # the field part and one eye of a patient whose camera photos are reported
    leaky.write_text(Path(calibration_parts["field"][1]).read_text() + "10_left,0\n")
    before = bundle_to_triage.read_bytes()
    code = main(["triage", str(bundle_to_triage), "--field-calibration", calibration_parts["field"][0], str(leaky),
                 "--severe-calibration", *calibration_parts["severe"],
                 "--evaluate", "camera", str(raw), str(raw / "labels.csv")])
    err = capsys.readouterr().err
    assert code == 1 and "shares" in err and "with the reported set camera" in err and "Traceback" not in err
    assert bundle_to_triage.read_bytes() == before  # nothing written


def test_triage_needs_every_set_the_bundle_reports(tiny_bundle, calibration_parts, tmp_path, capsys):
    manifest = json.loads(tiny_bundle.read_text())
    manifest.setdefault("metrics", {})["sets"] = {"camera": {"labels": "somewhere/camera.csv", "n": 10}}
    bundle = write_bundle(tmp_path, "tiny", tiny_bundle.with_suffix(".tflite").read_bytes(), manifest)
    code = main(["triage", str(bundle), "--field-calibration", *calibration_parts["field"],
                 "--severe-calibration", *calibration_parts["severe"]])
    assert code == 1 and "give each with --evaluate NAME IMAGES LABELS" in capsys.readouterr().err
