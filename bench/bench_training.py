"""Training throughput (images/s) per stage on this machine, at 224 px.

  python bench/bench_training.py [--models efficientnet_lite0 MobileNetV2] [--steps 3] [--batch-size 32]

"frozen encoder" is the stage-2 head warm-up; "all layers" is stage 1 and the rest
of stage 2 (same cost: every layer gets gradients). Steps run on real APTOS images
through the training wrapper (augmentation included), after one untimed step that
traces/compiles. Prints a markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time

import keras
import numpy as np

from training import data as data_lib
from training.augment import build_augmenter, with_augmentation
from training.config import load_config
from training.losses import main_losses, make_targets
from training.model import build_model, set_encoder_trainable


def images_per_second(backbone: str, images: np.ndarray, grades: np.ndarray, train_encoder: bool,
                      steps: int, augment: dict) -> float:
    keras.utils.set_random_seed(0)
    model = build_model(backbone, images.shape[1])
    set_encoder_trainable(model, train_encoder)
    wrapper = with_augmentation(model, build_augmenter(augment))
    wrapper.compile(keras.optimizers.Adam(1e-4), loss=main_losses())
    x, y = images.astype(np.float32), make_targets(grades)
    wrapper.train_on_batch(x, y)  # trace / compile, untimed
    start = time.perf_counter()
    for _ in range(steps):
        wrapper.train_on_batch(x, y)
    return steps * len(x) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["efficientnet_lite0", "MobileNetV2"])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--size", type=int, default=224)
    args = parser.parse_args()

    cfg = load_config("base")
    aptos = data_lib.load_folder(cfg["data"]["aptos"], preprocessed=True)
    pick = data_lib.stratified_subset(aptos.grades, args.batch_size)
    with tempfile.TemporaryDirectory() as cache:
        images, grades = data_lib.load_arrays(aptos.take(pick), args.size, cache)
        images = np.array(images)

    rows = []
    for backbone in args.models:
        for label, trainable in (("frozen encoder (stage 2 warm-up)", False), ("all layers (stages 1, 2)", True)):
            rate = images_per_second(backbone, images, grades, trainable, args.steps, cfg["augment"])
            rows.append(f"| {backbone} | {label} | {args.size} | {args.batch_size} | {rate:.1f} |")
            print(rows[-1], flush=True)
    print(f"\nTraining throughput, keras {keras.__version__} on {keras.backend.backend()}, "
          f"{os.cpu_count()} CPU cores ({platform.processor() or platform.machine()}), "
          f"{args.steps} timed steps after one untimed:\n")
    print("| backbone | stage | px | batch | images/s |\n|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
