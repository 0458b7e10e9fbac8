"""Compare trained models on the same images: float Keras and TFLite int8 on the APTOS
validation split, the EyePACS enhanced holdout, the natural-colour EyePACS test part
and the labelled raw camera photos, with referable AUC in every group.

    python bench/compare_runs.py --out docs/comparison \\
        --run "LABEL=runs/cmp/lite0_224" [--run "LABEL=models/NAME.json"] \\
        [--tta "LABEL=runs/cmp/lite0_224"] [--calibration-count 200]

Every set is a split of `training.splits` (base config, seed 42): no config trains or
tunes on them. Images go through the converter's own input path, so photos the app
would call ungradable are skipped, as in the app. A run folder is converted to int8
as the shipped model is: calibrated on half APTOS training images, half photos from
the EyePACS training parts (through our preprocessing), with an EfficientNet-Lite's
stem and first block kept float (`converter --float-layers`); it is graded with LiteRT
exactly as the app loads a bundle.
A bundle (`.json`) is scored as shipped (int8 only: its float model is not kept).
`--tta` scores a run with flip test-time augmentation (the mean of the image and its
mirror), which doubles the inference time. `--ensemble "LABEL=ARM A+ARM B"` prices an
ensemble of arms already listed: the referable AUC of the mean of their int8 scores,
at the sum of their times (it has no cut points of its own, so no QWK).

Writes OUT/comparison.md (the table), OUT/comparison.json and OUT/comparison.png. An
arm already in comparison.json (same label, source and model file) is not scored
again. The ms/image column is re-measured at the end for every arm in one
interleaved pass, so the speeds compare under the same load.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from converter import convert  # noqa: E402
from converter.data import load_inputs  # noqa: E402
from fundus.bundle import HEAD_OUTPUTS, load_bundle, write_bundle  # noqa: E402
from fundus import metrics  # noqa: E402
from fundus.files import file_sha256  # noqa: E402
from fundus.grader import Grader  # noqa: E402
from training.config import load_config  # noqa: E402
from training.splits import make_splits  # noqa: E402

SETS = ("aptos_val", "eyepacs_holdout", "natural_test", "camera")
SET_TITLES = {"aptos_val": "APTOS val", "eyepacs_holdout": "EyePACS holdout", "natural_test": "natural test",
              "camera": "camera photos"}
CALIBRATION_SETS = {"aptos_train": True, "eyepacs_train": False, "natural_train": False}  # set: filtered?
LITE_FLOAT_LAYERS = ("stem_", "block1a_")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="append", default=[], metavar="LABEL=RUN_DIR_OR_BUNDLE")
    parser.add_argument("--tta", action="append", default=[], metavar="LABEL=RUN_DIR")
    parser.add_argument("--ensemble", action="append", default=[], metavar="LABEL=ARM+ARM")
    parser.add_argument("--out", type=Path, required=True, help="folder for comparison.md/.json/.png")
    parser.add_argument("--calibration-count", type=int, default=200)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    json_path = args.out / "comparison.json"
    done = {(r["label"], r["source"], r["sha256"]): r
            for r in (json.loads(json_path.read_text()) if json_path.exists() else []) if "members" not in r}
    rows = []
    arms = [(item, False) for item in args.run] + [(item, True) for item in args.tta]
    for item, tta in arms:
        label, source = item.split("=", 1)
        source = Path(source)
        key = (label, str(source), file_sha256(_model_file(source)))
        rows.append(done.get(key) or score_arm(label, source, tta, args.calibration_count))
        json_path.write_text(json.dumps(rows, indent=2))
    retime(rows)
    rows += [ensemble_row(item, rows) for item in args.ensemble]
    json_path.write_text(json.dumps(rows, indent=2))
    (args.out / "comparison.md").write_text(table(rows) + "\n")
    plot(rows, args.out / "comparison.png")
    print(table(rows))
    return 0


def _model_file(source: Path) -> Path:
    return source if source.suffix == ".json" else source / "model.keras"


def score_arm(label: str, source: Path, tta: bool, calibration_count: int) -> dict:
    row = {"label": label, "source": str(source), "sha256": file_sha256(_model_file(source)), "tta": tta,
           "float": {}, "int8": {}}
    if source.suffix == ".json":
        bundle_path = source
        grader = _grader(bundle_path)
        manifest = grader.bundle.manifest
        row.update(backbone=(manifest.get("training") or {}).get("backbone")
                   or ((manifest.get("training") or {}).get("config") or {}).get("model", {}).get("backbone"),
                   image_size=grader.size, params_m=None)
    else:
        run = convert.load_run(source)
        size = run.input_size
        cfg = run.config.get("config", {})
        row.update(backbone=cfg.get("model", {}).get("backbone"), image_size=size,
                   weights=cfg.get("model", {}).get("weights"), camera=cfg.get("camera"),
                   main_sets=cfg.get("data", {}).get("main_sets"),
                   params_m=round(run.model.count_params() / 1e6, 2))
        with tempfile.TemporaryDirectory() as tmp:
            convert.save_export(convert.export_model(run.model), Path(tmp) / "saved")
            float_layers = LITE_FLOAT_LAYERS if str(row["backbone"]).startswith("efficientnet_lite") else ()
            tflite = convert.to_tflite(Path(tmp) / "saved", "int8", calibration(size, calibration_count),
                                       float_layers)
        bundle_path = write_bundle(source, "compare-int8", tflite, convert.base_manifest(run, "int8", "compare", {}))
        grader = _grader(bundle_path)
    row["bundle"] = str(bundle_path)
    row["size_mb"] = round(grader.bundle.model_path.stat().st_size / 2**20, 3)
    for name in SETS:
        data = evaluation_set(name, grader.size)
        if source.suffix != ".json":
            outputs = with_tta(lambda x: run.model.predict(x.astype(np.float32), batch_size=32, verbose=0),
                               data.images, tta)
            row["float"][name] = convert.scored(run.combiner, outputs, data.grades)
        outputs = with_tta(lambda x: _tflite_outputs(grader, x), data.images, tta)
        scores = grader.bundle.combiner.scores(outputs)
        row["int8"][name] = {**convert.scored(grader.bundle.combiner, outputs, data.grades),
                             "skipped": len(data.skipped), "referable": int((data.grades >= 2).sum()),
                             "scores": [round(float(x), 5) for x in scores],
                             "grades_given": sorted(set(grader.bundle.combiner.grades(
                                 grader.bundle.combiner.scores(outputs)).tolist()))}
        m = row["int8"][name]
        print(f"{label} {name}: int8 QWK {m['qwk']:.4f}, referable AUC {_f(m['referable_auc'], 3)}", flush=True)
    return row


def _grader(bundle_path) -> Grader:
    # The arms' int8 bundles are made here and never signed: a bench, not the app.
    return Grader(load_bundle(bundle_path, check_signature=False))


def ensemble_row(item: str, rows: list[dict]) -> dict:
    label, members = item.split("=", 1)
    by_label = {r["label"]: r for r in rows}
    parts = [by_label[m] for m in members.split("+")]
    row = {"label": label, "members": [p["label"] for p in parts], "image_size": parts[0]["image_size"],
           "size_mb": sum(p["size_mb"] for p in parts), "ms_per_image": sum(p["ms_per_image"] for p in parts),
           "float": {}, "int8": {}}
    for name in SETS:
        scores = [np.asarray(p["int8"][name]["scores"]) for p in parts]
        if len({len(x) for x in scores}) > 1:
            raise SystemExit(f"{label}: its members graded different photos of {name} (their sizes skip others)")
        grades = evaluation_set(name, parts[0]["image_size"]).grades
        row["int8"][name] = {"referable_auc": metrics.referable_auc(grades, np.mean(scores, axis=0)),
                             "n": len(grades)}
    return row


def with_tta(predict, images: np.ndarray, tta: bool) -> dict:
    outputs = predict(images)
    if not tta:
        return outputs
    mirrored = predict(np.ascontiguousarray(images[:, :, ::-1]))
    return {k: (outputs[k] + mirrored[k]) / 2 for k in HEAD_OUTPUTS}


def _tflite_outputs(grader: Grader, images: np.ndarray) -> dict:
    outputs = [grader.predict(image[None]) for image in images]
    return {k: np.concatenate([o[k] for o in outputs]) for k in HEAD_OUTPUTS}


def retime(rows: list[dict], images: int = 200, rounds: int = 3) -> None:
    """Median ms per image of every arm's int8 model (twice the invokes with TTA),
    interleaved over `rounds` so that a change in the machine's load hits all arms alike."""
    graders = [_grader(row["bundle"]) for row in rows]
    times = {i: [] for i in range(len(rows))}
    for _ in range(rounds):
        for i, (row, grader) in enumerate(zip(rows, graders)):
            for image in evaluation_set("aptos_val", grader.size).images[:images]:
                start = time.perf_counter()
                grader.predict(image[None])
                if row["tta"]:
                    grader.predict(np.ascontiguousarray(image[None, :, ::-1]))
                times[i].append(time.perf_counter() - start)
    for i, row in enumerate(rows):
        row["ms_per_image"] = round(float(np.median(times[i])) * 1000, 2)


@cache
def splits() -> dict:
    return make_splits(load_config("base"))


@cache
def evaluation_set(name: str, size: int):
    images = splits()[name]
    return load_inputs(list(images.paths), size, images.preprocessed, images.grades, name)


@cache
def calibration(size: int, count: int) -> np.ndarray:
    """count // 2 APTOS training images and as many training photos."""
    rng = np.random.default_rng(11)
    parts = []
    for filtered in (True, False):
        paths = [p for name, f in CALIBRATION_SETS.items() if f == filtered for p in splits()[name].paths]
        chosen = rng.choice(len(paths), count // 2, replace=False)
        parts.append(load_inputs([paths[i] for i in sorted(chosen)], size, filtered, label="calibration").images)
    return np.concatenate(parts)


def table(rows: list[dict]) -> str:
    head = ["model", "px", "int8 MB", "ms/img", "APTOS val QWK float / int8", "APTOS AUC",
            "APTOS sens / spec", "EyePACS holdout QWK / AUC", "EyePACS sens / spec",
            "natural test QWK / AUC", "natural sens / spec", "camera: grades given, referable caught"]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---|---:|---|---|---|---|---|---|"]
    for r in rows:
        val, hold, natural, cam = (r["int8"][s] for s in SETS)
        if "members" in r:
            lines.append(f"| {r['label']} | {r['image_size']} | {r['size_mb']:.2f} | {r['ms_per_image']:.1f} | n/a "
                         f"| {_f(val['referable_auc'], 3)} | n/a | n/a / **{_f(hold['referable_auc'], 3)}** | n/a "
                         f"| n/a / **{_f(natural['referable_auc'], 3)}** | n/a | n/a |")
            continue
        float_qwk = _f(r["float"]["aptos_val"]["qwk"], 3) if r["float"] else "n/a"
        lines.append(
            f"| {r['label']} | {r['image_size']} | {r['size_mb']:.2f} | {r['ms_per_image']:.1f} "
            f"| {float_qwk} / **{val['qwk']:.3f}** | {_f(val['referable_auc'], 3)} | {_sens_spec(val)} "
            f"| {hold['qwk']:.3f} / **{_f(hold['referable_auc'], 3)}** | {_sens_spec(hold)} "
            f"| {natural['qwk']:.3f} / **{_f(natural['referable_auc'], 3)}** | {_sens_spec(natural)} "
            f"| {','.join(map(str, cam['grades_given']))}; {_caught(cam)} |")
    lines += ["", "QWK, sensitivity and specificity at each model's own cut points; AUC of its combined score "
              "for referable DR (grade >= 2). int8 unless marked float.",
              f"LiteRT int8, batch 1, median ms per preprocessed image on {os.cpu_count()} CPUs "
              f"({platform.processor() or platform.machine()}); made by `python bench/compare_runs.py`."]
    return "\n".join(lines)


def _sens_spec(m: dict) -> str:
    return f"{_f(m['referable_sensitivity'])} / {_f(m['referable_specificity'])}"


def _caught(m: dict) -> str:
    """Referable photos graded referable, as a count: the camera set is tiny."""
    caught = round((m["referable_sensitivity"] or 0) * m["referable"])
    return f"{caught} of {m['referable']} caught ({m['skipped']} ungradable)"


def _f(value, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in rows if "members" not in r]  # an ensemble row has AUCs only
    labels = [r["label"] for r in rows]
    x = np.arange(len(rows))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(15, 5.5))
    bars = {"APTOS val QWK": [r["int8"]["aptos_val"]["qwk"] for r in rows],
            **{f"{SET_TITLES[s]} AUC": [r["int8"][s]["referable_auc"] or 0 for r in rows] for s in SETS[:3]}}
    _bars(ax1, x, bars)
    ax1.axhline(0.88, color="grey", ls="--", lw=1)
    ax1.axhline(0.85, color="grey", ls=":", lw=1)
    ax1.set_title("int8. dashed: APTOS QWK target 0.88; dotted: AUC target 0.85", fontsize=9)
    natural = [r["int8"]["natural_test"] for r in rows]
    _bars(ax2, x, {"natural test sensitivity": [m["referable_sensitivity"] or 0 for m in natural],
                   "natural test specificity": [m["referable_specificity"] or 0 for m in natural],
                   "EyePACS holdout sensitivity": [r["int8"]["eyepacs_holdout"]["referable_sensitivity"] or 0
                                                   for r in rows],
                   "EyePACS holdout specificity": [r["int8"]["eyepacs_holdout"]["referable_specificity"] or 0
                                                   for r in rows]})
    ax2.axhline(0.85, color="grey", ls="--", lw=1)
    ax2.axhline(0.75, color="grey", ls=":", lw=1)
    ax2.set_title("int8 at each model's screening point. dashed: sensitivity 0.85; dotted: specificity 0.75",
                  fontsize=9)
    for ax in (ax1, ax2):
        ax.set_xticks(x, labels, rotation=20, ha="right", fontsize=8)
        ax.set_ylim(0, 1.3)  # room for the legend above the bars
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _bars(ax, x, bars: dict) -> None:
    width = 0.8 / len(bars)
    for i, (name, values) in enumerate(bars.items()):
        ax.bar(x + (i - (len(bars) - 1) / 2) * width, values, width, label=name)
    ax.legend(fontsize=7, loc="upper left", ncol=2)


if __name__ == "__main__":
    sys.exit(main())
