"""The training stages (after Tymchenko et al., arXiv 2003.02261), each a function.

stage 1  pretrain   all layers, SGD + cosine decay, MAE / CE / BCE (EyePACS by default)
stage 2  main       Adam or RAdam, MSE / categorical focal / binary focal:
                    encoder frozen (heads warm up), then all layers
stage 3  post       linear combiner over the heads, cut points tuned on validation QWK
baseline            one head (regression or classification), head-only then all layers

A `Trainer` runs each phase of a stage with `fit`, checkpoints after every epoch
(weights, optimizer state, position, history) and skips or continues phases on
resume, so an interrupted run ends where an uninterrupted one would.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np

from fundus.grades import head_scalars
from fundus.metrics import qwk
from training import data as data_lib
from training.augment import with_augmentation
from training.losses import main_losses, pretrain_losses
from training.model import HEADS, set_encoder_trainable
from training.optim import cosine_decay, make_optimizer
from training.thresholds import (combine, fit_combiner, fit_referable_probability, head_grades, optimise_cut_points,
                                 referral_threshold)

log = logging.getLogger(__name__)

# Checkpoint files and the names they are written under before the rename.
_TMP = {"model.weights.h5": "tmp.weights.h5", "optimizer.npz": "tmp_optimizer.npz",
        "augment.npz": "tmp_augment.npz", "state.json": "tmp_state.json"}


@dataclass
class Split:
    """Images (N×S×S×3 uint8) and their grades.

    natural: per image, True where it is a natural-colour disc crop that the feeder
    augments and filters (training sets); evaluation sets hold model inputs only.
    repeat: how often each image appears per training epoch (None: once).
    """

    images: np.ndarray
    grades: np.ndarray
    natural: np.ndarray | None = None
    repeat: np.ndarray | None = None
    targets: dict | None = None  # soft targets (training.distill) instead of the grades'

    def __len__(self) -> int:
        return len(self.grades)

    @property
    def epoch_length(self) -> int:
        return len(self) if self.repeat is None else int(np.sum(self.repeat))

    def feed_options(self, camera_options: dict) -> dict:
        return {"natural": self.natural, "repeat": self.repeat, "camera_options": camera_options,
                "targets": self.targets}

    def as_model_inputs(self) -> "Split":
        if self.natural is None or not self.natural.any():
            return Split(self.images, self.grades)
        return Split(data_lib.model_inputs(self.images, self.natural), self.grades)


def stage1_pretrain(trainer: "Trainer", train: Split, val: Split, cfg: dict) -> None:
    """All layers trainable; SGD with momentum and cosine decay; MAE / CE / BCE."""
    epochs = cfg["epochs"]["pretrain"]
    steps = epochs * data_lib.steps_per_epoch(train.epoch_length, cfg["batch_size"])
    p = cfg["pretrain"]
    trainer.run_phase(
        "pretrain", train, val, epochs=epochs, train_encoder=True,
        optimizer=lambda: make_optimizer(p["optimizer"], cosine_decay(p["lr"], steps), p["momentum"],
                                         p["weight_decay"]),
        losses=pretrain_losses(p["label_smoothing"]))


def stage2_main(trainer: "Trainer", train: Split, val: Split, cfg: dict) -> None:
    """Focal losses; heads warm up on the frozen encoder, then all layers train."""
    m = cfg["main"]
    losses = main_losses(m["focal_alpha"], m["focal_gamma"], m["label_smoothing"])
    trainer.run_phase("main_frozen", train, val, epochs=cfg["epochs"]["warmup"], train_encoder=False,
                      optimizer=lambda: make_optimizer(m["optimizer"], m["warmup_lr"],
                                                       weight_decay=m["weight_decay"]),
                      losses=losses)
    trainer.run_phase("main", train, val, epochs=cfg["epochs"]["main"], train_encoder=True,
                      optimizer=lambda: make_optimizer(m["optimizer"], _main_lr(train, cfg),
                                                       weight_decay=m["weight_decay"]),
                      losses=losses)


def _main_lr(train: Split, cfg: dict):
    """main.schedule "cosine": decay to zero over the phase (fine-tuning ImageNet
    weights settles better than at a constant rate); "constant": the paper's fixed rate."""
    m = cfg["main"]
    if m["schedule"] == "constant":
        return m["lr"]
    return cosine_decay(m["lr"], cfg["epochs"]["main"] * data_lib.steps_per_epoch(train.epoch_length,
                                                                                   cfg["batch_size"]))


def baseline_transfer(trainer: "Trainer", train: Split, val: Split, cfg: dict) -> None:
    """The seed's transfer baseline: one head, a few epochs head-only, then all layers."""
    head = cfg["baseline_head"]
    loss = {"regression": keras.losses.MeanSquaredError(),
            "classification": keras.losses.CategoricalCrossentropy()}[head]
    m = cfg["main"]
    trainer.run_phase("baseline_head", train, val, epochs=cfg["epochs"]["warmup"], train_encoder=False,
                      optimizer=lambda: make_optimizer(m["optimizer"], m["warmup_lr"]), losses={head: loss})
    trainer.run_phase("baseline_all", train, val, epochs=cfg["epochs"]["main"], train_encoder=True,
                      optimizer=lambda: make_optimizer(m["optimizer"], _main_lr(train, cfg)), losses={head: loss})


def stage3_post_training(model: keras.Model, calibration: dict[str, Split], cfg: dict,
                         head: str | None = None) -> dict:
    """Post-training on the calibration sets, which are neither trained on nor reported.

    1. the combiner, fitted on all calibration sets;
    2. cut points on their QWK;
    3. with eval.min_referable_sensitivity, a referral threshold below the moderate
       cut point: the screening operating point on eval.screening_sets (field-like
       photos: a cut point learned on one camera does not carry to another);
    4. the likelihood of referable DR, a logistic fit of the score on the same sets
       (left out when it does not rise with the score: an untrained or failed run).

    With `head` (baseline) the score is that head alone: weights one-hot, bias 0.
    Returns the combiner.json dict.
    """
    if not calibration:
        raise ValueError("post-training needs calibration images (eval.calibration_sets)")
    batch, tta = cfg["batch_size"], cfg["eval"]["tta_flip"]
    scalars = {n: head_scalars(predict_heads(model, s.images, batch, tta)) for n, s in calibration.items()}
    grades = {n: s.grades for n, s in calibration.items()}
    pooled_x, pooled_y = np.concatenate(list(scalars.values())), np.concatenate(list(grades.values()))
    if head is None:
        weights, bias = fit_combiner(pooled_x, pooled_y)
    else:
        weights, bias = np.eye(len(HEADS))[HEADS.index(head)], 0.0
    cut_points = optimise_cut_points(combine(pooled_x, weights, bias), pooled_y)
    combiner = {"weights": [float(w) for w in weights], "bias": float(bias), "cut_points": list(cut_points)}
    screening_sets = [n for n in cfg["eval"]["screening_sets"] if n in calibration] or list(calibration)
    screen_scores = np.concatenate([combine(scalars[n], weights, bias) for n in screening_sets])
    screen_grades = np.concatenate([grades[n] for n in screening_sets])
    target = cfg["eval"]["min_referable_sensitivity"]
    if target is not None:
        threshold = referral_threshold(screen_scores, screen_grades, cut_points, target)
        if threshold is not None:
            combiner["referral_threshold"] = threshold
        combiner["screening"] = {"min_referable_sensitivity": target, "sets": screening_sets}
    likelihood = fit_referable_probability(screen_scores, screen_grades)
    if likelihood["slope"] > 0:
        combiner["referable_probability"] = {**likelihood, "sets": screening_sets}
    else:  # the app shows "not available" rather than a likelihood that falls as the score rises
        log.warning("no likelihood of referable DR: on %s it does not rise with the score (slope %.3f)",
                    screening_sets, likelihood["slope"])
    combiner["calibration"] = {n: len(s) for n, s in calibration.items()}
    return combiner


def predict_heads(model: keras.Model, images: np.ndarray, batch_size: int = 32,
                  tta_flip: bool = False) -> dict[str, np.ndarray]:
    """Head outputs as numpy; with tta_flip, averaged with the left-right mirror."""
    def run(x):
        feed = data_lib.ArrayBatches(x, np.zeros(len(x), np.int64), batch_size, shuffle=False)
        return {k: np.asarray(v) for k, v in model.predict(feed, verbose=0).items()}

    outputs = run(images)
    if tta_flip:
        mirrored = run(np.ascontiguousarray(np.asarray(images)[:, :, ::-1]))
        outputs = {k: (outputs[k] + mirrored[k]) / 2 for k in outputs}
    return outputs


def fit_few_steps(model: keras.Model, images_uint8: np.ndarray, grades, steps: int = 5,
                  batch_size: int = 8, learning_rate: float = 1e-3, seed: int = 0) -> list[float]:
    """Train `model` in place for `steps` Adam steps with the stage-2 losses, no
    augmentation; returns the loss of each step. For tests that need a model whose
    outputs depend on the image (not a constant-output random net)."""
    model.compile(keras.optimizers.Adam(learning_rate), loss=main_losses())
    feed = data_lib.ArrayBatches(images_uint8, grades, batch_size, shuffle=True, seed=seed)
    losses = []
    for step in range(steps):
        if step and step % len(feed) == 0:
            feed.on_epoch_end()
        x, y = feed[step % len(feed)]
        losses.append(float(model.train_on_batch(x, y, return_dict=True)["loss"]))
    return losses


class Trainer:
    """Runs phases with checkpoints in run_dir/checkpoint and history in run_dir/history.csv."""

    def __init__(self, model: keras.Model, augmenter: keras.Sequential, run_dir: Path, cfg: dict,
                 resume: bool = False):
        self.model, self.augmenter, self.cfg = model, augmenter, cfg
        self.run_dir, self.ckpt_dir = Path(run_dir), Path(run_dir) / "checkpoint"
        self.state = {"done": [], "phase": None, "epoch": 0, "history": []}
        if resume and (self.ckpt_dir / "state.json").exists():
            self.state = json.loads((self.ckpt_dir / "state.json").read_text())
            self.model.load_weights(self.ckpt_dir / "model.weights.h5")
            # The augmentation seed states too, so resumed epochs draw the same augmentations.
            self.augmenter.build(self.model.inputs[0].shape)
            _load_variables(self.ckpt_dir / "augment.npz", self.augmenter.variables)
            log.info("resumed: phases done %s, %s at epoch %d", self.state["done"], self.state["phase"],
                     self.state["epoch"])
        elif resume:
            log.info("no checkpoint in %s: starting from the beginning", self.ckpt_dir)

    @property
    def history(self) -> list[dict]:
        return self.state["history"]

    def run_phase(self, phase: str, train: Split, val: Split, epochs: int, train_encoder: bool,
                  optimizer, losses: dict) -> None:
        """Fit `epochs` epochs (or what is left of them after a resume).

        `optimizer` is a factory: each phase starts a fresh one, or the checkpointed
        one when resuming in the middle of this phase.
        """
        if phase in self.state["done"] or epochs == 0:
            return
        start = self.state["epoch"] if self.state["phase"] == phase else 0
        set_encoder_trainable(self.model, train_encoder, self.cfg["model"]["freeze_until"])
        wrapper = with_augmentation(self.model, self.augmenter)
        wrapper.compile(optimizer(), loss=losses, jit_compile=self.cfg["jit_compile"],
                        run_eagerly=self.cfg["run_eagerly"])
        if start:
            self._restore_optimizer(wrapper)
        batch, seed = self.cfg["batch_size"], self.cfg["seed"]
        log.info("phase %s: epochs %d..%d, %d train images per epoch / %d val, encoder %s", phase, start + 1,
                 epochs, train.epoch_length, len(val), "trainable" if train_encoder else "frozen")
        wrapper.fit(
            data_lib.batches(train.images, train.grades, batch, shuffle=True, seed=seed, epoch=start, epochs=epochs,
                             **train.feed_options(self.cfg["camera"])),
            steps_per_epoch=data_lib.steps_per_epoch(train.epoch_length, batch),
            validation_data=data_lib.batches(val.images, val.grades, batch, shuffle=False),
            epochs=epochs, initial_epoch=start, shuffle=False,  # the batches are already in epoch_order
            verbose=1 if sys.stdout.isatty() else 2,
            callbacks=[_HeadQWK(self.model, val, batch), _EpochEnd(self, wrapper, phase, epochs)])

    def _checkpoint(self, wrapper: keras.Model, phase: str, epoch: int, logs: dict, epochs: int) -> None:
        row = {"phase": phase, "epoch": epoch, **{k: float(v) for k, v in logs.items()}}
        self.history.append(row)
        finished = epoch == epochs
        self.state.update(phase=None if finished else phase, epoch=0 if finished else epoch)
        if finished:
            self.state["done"].append(phase)
        self.ckpt_dir.mkdir(parents=True, exist_ok=True)
        # Write then rename, state.json last: a kill mid-write leaves the previous
        # checkpoint (or, at worst, newer weights with the previous position).
        self.model.save_weights(self.ckpt_dir / _TMP["model.weights.h5"])
        _save_variables(self.ckpt_dir / _TMP["optimizer.npz"], wrapper.optimizer.variables)
        _save_variables(self.ckpt_dir / _TMP["augment.npz"], self.augmenter.variables)
        (self.ckpt_dir / _TMP["state.json"]).write_text(json.dumps(self.state))
        for final, tmp in _TMP.items():
            os.replace(self.ckpt_dir / tmp, self.ckpt_dir / final)
        write_history(self.run_dir / "history.csv", self.history)

    def _restore_optimizer(self, wrapper: keras.Model) -> None:
        wrapper.optimizer.build(wrapper.trainable_variables)
        _load_variables(self.ckpt_dir / "optimizer.npz", wrapper.optimizer.variables)


def _save_variables(path: Path, variables) -> None:
    np.savez(path, *[keras.ops.convert_to_numpy(v) for v in variables])


def _load_variables(path: Path, variables) -> None:
    """Assign in creation order: the same config builds the same variables in the same order."""
    saved = np.load(path)
    values = [saved[f"arr_{i}"] for i in range(len(saved.files))]
    if [v.shape for v in values] != [tuple(v.shape) for v in variables]:
        raise RuntimeError(f"{path} does not match this model and config: cannot resume")
    for variable, value in zip(variables, values):
        variable.assign(value)


def write_history(path: Path, history: list[dict]) -> None:
    columns = list(dict.fromkeys(key for row in history for key in row))
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(history)


class _HeadQWK(keras.callbacks.Callback):
    """Adds val_qwk_<head> (default cut points) to the epoch logs, for the curves."""

    def __init__(self, model: keras.Model, val: Split, batch_size: int):
        super().__init__()
        self.inner, self.val, self.batch_size = model, val, batch_size

    def on_epoch_end(self, epoch, logs=None):
        grades = head_grades(predict_heads(self.inner, self.val.images, self.batch_size))
        for head, predicted in grades.items():
            logs[f"val_qwk_{head}"] = qwk(self.val.grades, predicted)


class _EpochEnd(keras.callbacks.Callback):
    def __init__(self, trainer: Trainer, wrapper: keras.Model, phase: str, epochs: int):
        super().__init__()
        self.trainer, self.wrapper, self.phase, self.epochs = trainer, wrapper, phase, epochs

    def on_epoch_end(self, epoch, logs=None):
        self.trainer._checkpoint(self.wrapper, self.phase, epoch + 1, logs or {}, self.epochs)
