"""Do a run's BatchNorm statistics fit the photos it grades?

    python bench/bn_statistics.py RUN_DIR [--sets aptos_val natural_test] [--limit 256]

Fine-tuning moves every BatchNormalization layer's moving mean and variance towards the
training photos. For each layer this measures the channel means and variances of its
inputs on each set (training.splits parts, through the converter's input path) and
compares them with the moving statistics the model normalises by:

- shift: |batch mean - moving mean| / moving sd, averaged over channels;
- log2 var: log2(batch variance / moving variance), averaged over channels (0 = same).

APTOS validation is the reference (the training domain). Values on another camera's
photos far above APTOS's mean those photos are normalised with statistics that are not
theirs, which re-estimating the statistics on field photos would address. Prints a
Markdown table by block (the mean over the block's layers) and the worst layers.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
from compare_runs import evaluation_set  # noqa: E402  (bench/ is the script's folder)

from converter import convert  # noqa: E402

BATCH = 16


def batchnorm_layers(model: keras.Model) -> list[keras.layers.BatchNormalization]:
    return [layer for layer in model.layers
            if isinstance(layer, keras.layers.BatchNormalization)]


def input_moments(model: keras.Model, layers, images: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per layer: the channel mean and variance of its inputs over all `images`."""
    probe = keras.Model(model.inputs, [layer.input for layer in layers])
    sums, squares, counts = [0.0] * len(layers), [0.0] * len(layers), [0] * len(layers)
    for start in range(0, len(images), BATCH):
        for i, x in enumerate(probe.predict(images[start:start + BATCH].astype(np.float32), verbose=0)):
            x = np.asarray(x, np.float64).reshape(-1, x.shape[-1])  # every pixel of every image
            sums[i] = sums[i] + x.sum(axis=0)
            squares[i] = squares[i] + (x ** 2).sum(axis=0)
            counts[i] += len(x)
    return [(s / n, q / n - (s / n) ** 2) for s, q, n in zip(sums, squares, counts)]


def mismatch(layer, mean: np.ndarray, var: np.ndarray) -> tuple[float, float]:
    moving_mean = np.asarray(layer.moving_mean, np.float64)
    moving_var = np.asarray(layer.moving_variance, np.float64) + layer.epsilon
    shift = np.abs(mean - moving_mean) / np.sqrt(moving_var)
    log_var = np.log2((var + layer.epsilon) / moving_var)
    return float(shift.mean()), float(log_var.mean())


def block_of(name: str) -> str:
    return name.split("_", 1)[0] if name.startswith("block") else name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--sets", nargs="+", default=["aptos_val", "natural_test"])
    parser.add_argument("--limit", type=int, default=256, help="images per set (the first N of the split)")
    args = parser.parse_args()
    run = convert.load_run(args.run)
    size = int(run.model.input_shape[1])
    layers = batchnorm_layers(run.model)
    per_set = {}
    for name in args.sets:
        images = evaluation_set(name, size).images[:args.limit]
        per_set[name] = [mismatch(layer, *moments)
                         for layer, moments in zip(layers, input_moments(run.model, layers, images))]
        print(f"{name}: {len(images)} images, {len(layers)} BatchNorm layers", file=sys.stderr, flush=True)

    blocks = defaultdict(list)
    for i, layer in enumerate(layers):
        blocks[block_of(layer.name)].append(i)
    header = " | ".join(f"{n} shift | {n} log2 var" for n in args.sets)
    lines = [f"`python bench/bn_statistics.py {args.run}` ({args.limit} images per set at most)", "",
             f"| block | layers | {header} |", "|---|---:|" + "---:|" * (2 * len(args.sets))]
    for block, index in blocks.items():
        cells = []
        for name in args.sets:
            values = np.array([per_set[name][i] for i in index])
            cells += [f"{values[:, 0].mean():.2f}", f"{values[:, 1].mean():+.2f}"]
        lines.append(f"| {block} | {len(index)} | " + " | ".join(cells) + " |")
    last = args.sets[-1]
    worst = sorted(range(len(layers)), key=lambda i: -per_set[last][i][0])[:5]
    lines += ["", f"Largest shifts on {last}: " + ", ".join(
        f"{layers[i].name} {per_set[last][i][0]:.2f} ({args.sets[0]} {per_set[args.sets[0]][i][0]:.2f})"
        for i in worst)]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
