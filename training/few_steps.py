"""A run folder from a few training steps: a real model that converts and grades, made in
seconds (the tests' tiny model, bench/bench_converter.py's few-step models). Its grades
mean nothing; its size, speed and the road to a bundle are real."""
from __future__ import annotations

import json
from pathlib import Path

import keras

from fundus.grades import head_scalars
from training.model import build_model
from training.stages import fit_few_steps, predict_heads
from training.thresholds import combine, fit_combiner, optimise_cut_points


def write_few_step_run(run_dir: Path, images, grades, backbone: str = "MobileNetV2", size: int = 64,
                       steps: int = 60, batch_size: int = 32, command: str = "", **backbone_kwargs) -> None:
    """A training run folder (model.keras, combiner.json, config.json in training's
    layout) from a few Adam steps on `images` (N x size x size x 3 uint8 model inputs)."""
    keras.utils.set_random_seed(0)
    model = build_model(backbone, size, **backbone_kwargs)
    fit_few_steps(model, images, grades, steps=steps, batch_size=batch_size)
    # A few steps barely move BatchNorm's moving statistics (momentum 0.99-0.999), and
    # the net then gives the same output for every image; re-estimate them once.
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.momentum = 0.0
    model(images[:64].astype("float32"), training=True)

    scalars = head_scalars(predict_heads(model, images))
    weights, bias = fit_combiner(scalars, grades)
    cut_points = optimise_cut_points(combine(scalars, weights, bias), grades)
    run_dir.mkdir(parents=True)
    model.save(run_dir / "model.keras")
    (run_dir / "combiner.json").write_text(json.dumps(
        {"weights": [float(w) for w in weights], "bias": bias, "cut_points": list(cut_points)}))
    config = {"model": {"backbone": backbone, "backbone_kwargs": backbone_kwargs}, "image_size": size,
              "steps": steps, "batch_size": batch_size, "train_images": len(images)}
    (run_dir / "config.json").write_text(json.dumps({"command": command, "config": config}))
