"""Converter benchmark: size, ms/img (LiteRT, 2 threads, batch 1) and QWK of every
quantization mode, for MobileNetV2 and EfficientNetB0 at 224 px, on the same
validation images.

    python bench/bench_converter.py [--run MobileNetV2=runs/X --run EfficientNetB0=runs/Y] \\
        [--limit 200] [--calibration-count 200] [--steps 30] [--json OUT.json]

A backbone without --run is trained for --steps Adam steps on APTOS images (with
BatchNorm statistics re-estimated), enough for honest size and speed numbers; its QWK
only shows whether quantization changes the grades of a barely trained net, not how
well a real model grades. Validation images are --limit of training's APTOS
validation split; calibration and few-step training images come from the rest.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from converter import convert  # noqa: E402
from converter.data import load_inputs  # noqa: E402
from training.data import load_folder, stratified_split, stratified_subset  # noqa: E402
from training.few_steps import write_few_step_run  # noqa: E402

SHARED_DATA = Path(os.environ.get("DR_SCREEN_SHARED_DATA", REPO.parent / "shared" / "data"))

BACKBONES = ("MobileNetV2", "EfficientNetB0")
SIZE = 224


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="append", default=[], metavar="BACKBONE=RUN_DIR",
                        help="benchmark a trained run instead of a few-step model")
    parser.add_argument("--limit", type=int, default=200, help="validation images")
    parser.add_argument("--calibration-count", type=int, default=200)
    parser.add_argument("--steps", type=int, default=30, help="training steps of few-step models")
    parser.add_argument("--train-images", type=int, default=320)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    runs = dict(item.split("=", 1) for item in args.run)

    # Validation: training's APTOS validation split (the same for every config), so a
    # trained --run is not scored on its own training images. Few-step training and
    # calibration draw disjoint images from the training part.
    aptos = load_folder(SHARED_DATA / "aptos2019-gaussian224", preprocessed=True)
    train_part, val_part = stratified_split(aptos.grades)
    val_idx = val_part[stratified_subset(aptos.grades[val_part], args.limit)]
    order = np.random.default_rng(11).permutation(train_part)
    train_idx = order[:args.train_images]
    cal_idx = order[args.train_images:args.train_images + args.calibration_count]
    files, grades = aptos.paths, aptos.grades
    validation = load_inputs([files[i] for i in val_idx], SIZE, True, grades[val_idx], "validation")
    calibration = load_inputs([files[i] for i in cal_idx], SIZE, True, label="calibration").images

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for backbone in BACKBONES:
            run_dir = Path(runs[backbone]) if backbone in runs else Path(tmp) / backbone
            trained = f"run {run_dir.name}" if backbone in runs else f"{args.steps} steps"
            if backbone not in runs:
                print(f"{backbone}: training {args.steps} steps", flush=True)
                train = load_inputs([files[i] for i in train_idx], SIZE, True, grades[train_idx], "train")
                write_few_step_run(run_dir, train.images, train.grades, backbone, SIZE, steps=args.steps,
                                   batch_size=16, command="bench/bench_converter.py")
            rows += bench_backbone(backbone, trained, convert.load_run(run_dir), validation, calibration,
                                   Path(tmp) / f"{backbone}-saved")

    print(table(rows, validation, len(calibration)))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


def bench_backbone(backbone, trained, run, validation, calibration, saved_model: Path) -> list[dict]:
    keras_eval = convert.evaluate_keras(run, validation)
    print(f"{backbone}: float Keras QWK {keras_eval.qwk:.4f}", flush=True)
    convert.save_export(convert.export_model(run.model), saved_model)
    rows = []
    for mode in convert.MODES:
        tflite = convert.to_tflite(saved_model, mode, calibration)
        manifest = convert.base_manifest(run, mode, "bench", {})
        e = convert.evaluate_tflite(tflite, mode, manifest, validation)
        rows.append({"backbone": backbone, "trained": trained, "mode": mode,
                     "size_mb": e.metrics["size_mb"], "ms_per_image": e.metrics["ms_per_image"],
                     "qwk": round(e.qwk, 4), "float_qwk": round(keras_eval.qwk, 4),
                     "qwk_drop": round(keras_eval.qwk - e.qwk, 4)})
        print(f"  {mode}: {rows[-1]}", flush=True)
    return rows


def table(rows: list[dict], validation, n_calibration: int) -> str:
    lines = [f"Validation: {len(validation.images)} images of the APTOS validation split; int8 "
             f"calibrated on {n_calibration} training-split images. LiteRT, 2 threads, batch 1, "
             f"median ms; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end "
             "(other work on the machine slows every row alike).", "",
             "| backbone | trained | mode | size MB | ms/img | QWK | float QWK | drop |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['backbone']} | {r['trained']} | {r['mode']} | {r['size_mb']:.2f} | "
              f"{r['ms_per_image']:.1f} | {r['qwk']:.4f} | {r['float_qwk']:.4f} | {r['qwk_drop']:+.4f} |"
              for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
