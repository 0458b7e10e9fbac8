"""Compare trained runs on the same images: float Keras and TFLite int8, APTOS
validation split, EyePACS holdout and the labelled raw camera photos.

    python bench/compare_runs.py --run "LABEL=runs/cmp/compare_mnv2" [--run ...] \\
        --out docs/comparison [--calibration-count 200]

Every run is scored on the splits training used (`training.data.stratified_split`,
seed 42): the APTOS validation 20 % and the EyePACS holdout 20 %, which no config
trains on. Images go through the converter's own input path (so photos the app
would call ungradable are skipped, as in the app). Each run is converted to int8,
calibrated on the same APTOS training-split images, and graded with LiteRT exactly
as the app loads a bundle. Writes OUT/comparison.md (the table), OUT/comparison.json
and OUT/comparison.png.

A run already in OUT/comparison.json (same label and folder, same model.keras) is not
scored again, so arms can be added as their training ends. The ms/image column is
always re-measured at the end, for every arm in one pass (the bundle RUN/compare-int8.json),
so the speeds compare under the same load.
"""
from __future__ import annotations

import argparse
import hashlib
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
from converter.data import labelled_files, load_inputs  # noqa: E402
from fundus.bundle import load_bundle, write_bundle  # noqa: E402
from fundus.grader import Grader  # noqa: E402
from training.data import load_folder, stratified_split  # noqa: E402

DATA = REPO.parent / "shared" / "data"
SEED = 42
SETS = ("aptos_val", "eyepacs_holdout", "camera_raw")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="append", required=True, metavar="LABEL=RUN_DIR")
    parser.add_argument("--out", type=Path, required=True, help="folder for comparison.md/.json/.png")
    parser.add_argument("--calibration-count", type=int, default=200)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    json_path = args.out / "comparison.json"
    done = {(r["label"], r["run"], r["keras_sha256"]): r
            for r in (json.loads(json_path.read_text()) if json_path.exists() else [])}
    rows = []
    for item in args.run:
        label, run_dir = item.split("=", 1)
        key = (label, run_dir, _sha256(Path(run_dir) / "model.keras"))
        rows.append(done.get(key) or compare_run(label, Path(run_dir), args.calibration_count))
        json_path.write_text(json.dumps(rows, indent=2))
    retime(rows)
    json_path.write_text(json.dumps(rows, indent=2))
    (args.out / "comparison.md").write_text(table(rows) + "\n")
    plot(rows, args.out / "comparison.png")
    print(table(rows))
    return 0


def compare_run(label: str, run_dir: Path, calibration_count: int) -> dict:
    run = convert.load_run(run_dir)
    size = int(run.model.input_shape[1])
    cfg = run.config.get("config", {})
    row = {"label": label, "run": str(run_dir), "keras_sha256": _sha256(run_dir / "model.keras"),
           "backbone": cfg.get("model", {}).get("backbone"),
           "mode": cfg.get("mode"), "image_size": size, "epochs": cfg.get("epochs"),
           "main_add_eyepacs": cfg.get("data", {}).get("main_add_eyepacs", False),
           "params_m": round(run.model.count_params() / 1e6, 2), "float": {}, "int8": {}}
    with tempfile.TemporaryDirectory() as tmp:
        convert.save_export(convert.export_model(run.model), Path(tmp) / "saved")
        tflite = convert.to_tflite(Path(tmp) / "saved", "int8", calibration(size, calibration_count))
    manifest = convert.base_manifest(run, "int8", "compare", {})
    write_bundle(run_dir, "compare-int8", tflite, manifest)  # for retime
    for name in SETS:
        data = evaluation_set(name, size)
        row["float"][name] = convert.evaluate_keras(run, data).metrics
        row["int8"][name] = convert.evaluate_tflite(tflite, "int8", manifest, data).metrics
        row["int8"][name]["skipped"] = len(data.skipped)
        row["int8"][name]["referable"] = int((data.grades >= 2).sum())
        print(f"{label} {name}: float QWK {row['float'][name]['qwk']:.4f}, "
              f"int8 QWK {row['int8'][name]['qwk']:.4f}", flush=True)
    row["size_mb"] = row["int8"]["aptos_val"]["size_mb"]
    return row


def retime(rows: list[dict], images: int = 200, rounds: int = 3) -> None:
    """Median ms per image of every arm's int8 model, interleaved over `rounds` so
    that a change in the machine's load hits all arms alike."""
    graders = [Grader(load_bundle(Path(row["run"]) / "compare-int8.json", check_signature=False)) for row in rows]
    times = {i: [] for i in range(len(rows))}
    for _ in range(rounds):
        for i, (row, grader) in enumerate(zip(rows, graders)):
            for image in evaluation_set("aptos_val", row["image_size"]).images[:images]:
                start = time.perf_counter()
                grader.predict(image[None])
                times[i].append(time.perf_counter() - start)
    for i, row in enumerate(rows):
        row["ms_per_image"] = round(float(np.median(times[i])) * 1000, 2)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def splits():
    """APTOS and EyePACS with training's (train, validation/holdout) indices."""
    aptos = load_folder(DATA / "aptos2019-gaussian224", preprocessed=True)
    eyepacs = load_folder(DATA / "eyepacs2015-enhanced256", preprocessed=False)
    return aptos, stratified_split(aptos.grades, 0.2, SEED), eyepacs, stratified_split(eyepacs.grades, 0.2, SEED)


@cache
def evaluation_set(name: str, size: int):
    aptos, (_, aptos_val), eyepacs, (_, holdout) = splits()
    if name == "aptos_val":
        return load_inputs([aptos.paths[i] for i in aptos_val], size, True, aptos.grades[aptos_val], name)
    if name == "eyepacs_holdout":
        return load_inputs([eyepacs.paths[i] for i in holdout], size, False, eyepacs.grades[holdout], name)
    files, grades = labelled_files(DATA / "fundus-camera-raw", DATA / "fundus-camera-raw" / "labels.csv")
    return load_inputs(files, size, False, grades, name)


@cache
def calibration(size: int, count: int) -> np.ndarray:
    aptos, (train, _), _, _ = splits()
    chosen = np.random.default_rng(11).choice(train, count, replace=False)
    return load_inputs([aptos.paths[i] for i in chosen], size, True, label="calibration").images


def table(rows: list[dict]) -> str:
    head = ("| model | px | params M | int8 MB | ms/img | APTOS val QWK float / int8 | recall 0/1/2/3/4 (int8) "
            "| referable sens / spec (int8) | EyePACS holdout QWK (int8) | EyePACS sens / spec | "
            "camera photos: referable caught |")
    lines = [head, "|---|---:|---:|---:|---:|---|---|---|---:|---|---|"]
    for r in rows:
        val, hold, cam = (r["int8"][s] for s in SETS)
        recall = " / ".join(f"{x:.2f}" for x in val["per_class_recall"])
        caught = _caught(cam)
        lines.append(
            f"| {r['label']} | {r['image_size']} | {r['params_m']} | {r['size_mb']:.2f} | {r['ms_per_image']:.1f} "
            f"| {r['float']['aptos_val']['qwk']:.3f} / **{val['qwk']:.3f}** | {recall} "
            f"| {_f(val['referable_sensitivity'])} / {_f(val['referable_specificity'])} "
            f"| {hold['qwk']:.3f} | {_f(hold['referable_sensitivity'])} / {_f(hold['referable_specificity'])} "
            f"| {caught} |")
    lines += ["", f"LiteRT int8, batch 1, median ms per preprocessed image on {os.cpu_count()} CPUs "
              f"({platform.processor() or platform.machine()}); made by `python bench/compare_runs.py`."]
    return "\n".join(lines)


def _caught(m: dict) -> str:
    """Referable photos graded referable, as a count: the camera set is tiny."""
    caught = round((m["referable_sensitivity"] or 0) * m["referable"])
    return f"{caught} of {m['referable']} ({m['skipped']} ungradable)"


def _f(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [r["label"] for r in rows]
    x = np.arange(len(rows))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 5.5), gridspec_kw={"width_ratios": [3, 2]})
    val = [r["int8"]["aptos_val"] for r in rows]
    bars = {"APTOS val QWK, float": [r["float"]["aptos_val"]["qwk"] for r in rows],
            "APTOS val QWK, int8": [m["qwk"] for m in val],
            "APTOS referable sensitivity, int8": [m["referable_sensitivity"] or 0 for m in val],
            "APTOS referable specificity, int8": [m["referable_specificity"] or 0 for m in val],
            "EyePACS holdout QWK, int8": [r["int8"]["eyepacs_holdout"]["qwk"] for r in rows]}
    width = 0.8 / len(bars)
    for i, (name, values) in enumerate(bars.items()):
        ax1.bar(x + (i - (len(bars) - 1) / 2) * width, values, width, label=name)
    ax1.axhline(0.88, color="grey", ls="--", lw=1)
    ax1.axhline(0.90, color="grey", ls=":", lw=1)
    ax1.set_xticks(x, labels, rotation=20, ha="right", fontsize=8)
    ax1.set_ylim(-0.1, 1.3)  # room for the legend above the bars
    ax1.axhline(0, color="black", lw=0.5)
    ax1.set_title("dashed: QWK target 0.88, dotted: sensitivity target 0.90", fontsize=9)
    ax1.legend(fontsize=7, loc="upper left", ncol=2)
    recall = np.array([r["int8"]["aptos_val"]["per_class_recall"] for r in rows], float)
    image = ax2.imshow(recall, vmin=0, vmax=1, cmap="viridis")
    for (i, j), value in np.ndenumerate(recall):
        ax2.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8,
                 color="white" if value < 0.6 else "black")
    ax2.set_xticks(range(5), ["0", "1", "2", "3", "4"], fontsize=8)
    ax2.set_xlabel("true grade (0 No DR, 1 mild, 2 moderate, 3 severe, 4 proliferative)", fontsize=8)
    ax2.set_yticks(range(len(rows)), labels, fontsize=8)
    ax2.set_title("APTOS validation recall per grade (int8)", fontsize=9)
    fig.colorbar(image, ax=ax2, fraction=0.03)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())
