"""One training run, top to bottom: data → model → stages → model.keras → report."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np

from fundus.grades import NUM_GRADES
from training import data as data_lib
from training.augment import build_augmenter
from training.model import HEADS, build_model, set_batchnorm_momentum, set_encoder_trainable
from training.report import write_report
from training.stages import Split, Trainer, baseline_transfer, stage1_pretrain, stage2_main, stage3_post_training

log = logging.getLogger("training")


@dataclass
class RunData:
    train: Split            # APTOS training part (plus EyePACS minus its holdout with main_add_eyepacs)
    val: Split              # APTOS validation part: the same split for every config
    pretrain: Split | None  # EyePACS minus its holdout
    holdout: Split | None   # EyePACS holdout, never trained on: cross-domain evaluation


def load_run_data(cfg: dict) -> RunData:
    d, seed, size = cfg["data"], cfg["seed"], cfg["image_size"]
    aptos = data_lib.load_folder(d["aptos"], preprocessed=True, name="aptos")
    if d["folds"]:
        train_idx, val_idx = data_lib.kfold_splits(aptos.grades, d["folds"], seed)[d["fold"]]
    else:
        train_idx, val_idx = data_lib.stratified_split(aptos.grades, d["val_fraction"], seed)
    train = _decoded(aptos, train_idx, d["limit_train"], cfg)
    val = _decoded(aptos, val_idx, d["limit_val"], cfg)
    pretrain = holdout = None
    if d["eyepacs"]:
        eyepacs = data_lib.load_folder(d["eyepacs"], preprocessed=False, name="eyepacs")
        pre_idx, hold_idx = data_lib.stratified_split(eyepacs.grades, d["holdout_fraction"], seed)
        holdout = _decoded(eyepacs, hold_idx, d["limit_val"], cfg)
        pretraining = cfg["mode"] == "multitask" and cfg["epochs"]["pretrain"] > 0
        eyepacs_train = (_decoded(eyepacs, pre_idx, d["limit_train"], cfg)
                         if pretraining or d["main_add_eyepacs"] else None)
        if d["main_add_eyepacs"]:
            # Both domains in the main stage: the APTOS images come Ben-filtered by
            # their provider, the EyePACS ones through our own pipeline, as field
            # photos do (docs/model-card.md: on its own this does not make the
            # model transfer).
            train = Split(np.concatenate([train.images, eyepacs_train.images]),
                          np.concatenate([train.grades, eyepacs_train.grades]))
        pretrain = eyepacs_train if pretraining else None
    log.info("images: %d train, %d val, %s pretrain, %s holdout (%d px)", len(train), len(val),
             pretrain and len(pretrain), holdout and len(holdout), size)
    return RunData(train, val, pretrain, holdout)


def _decoded(images: data_lib.LabelledImages, index, limit, cfg) -> Split:
    index = index[data_lib.stratified_subset(images.grades[index], limit, cfg["seed"])]
    return Split(*data_lib.load_arrays(images.take(index), cfg["image_size"], cfg["data"]["cache_dir"]))


def fit(cfg: dict, run_dir: Path, resume: bool = False, command: str = "") -> dict:
    """Train as `cfg` says into `run_dir`; returns metrics.json's content."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(run_dir / "train.log")
    log.info("run %s, backend %s, %s", run_dir, keras.backend.backend(), "resume" if resume else "new")
    record_path = run_dir / "config.json"
    previous = json.loads(record_path.read_text()) if resume and record_path.exists() else None
    record_path.write_text(json.dumps({
        "command": previous["command"] if previous else command,
        "resumed_with": previous["resumed_with"] + [command] if previous else [],
        "backend": keras.backend.backend(), "keras": keras.__version__, "config": cfg}, indent=2))
    keras.utils.set_random_seed(cfg["seed"])
    data = load_run_data(cfg)
    baseline = cfg["mode"] == "baseline"
    with distribution_scope(cfg.get("distribute")):
        m = cfg["model"]
        model = build_model(m["backbone"], cfg["image_size"], m["weights"], m["dropout"], **m["backbone_kwargs"])
        if m["bn_momentum"] is not None:
            set_batchnorm_momentum(model, m["bn_momentum"])
        trainer = Trainer(model, build_augmenter(cfg["augment"], cfg["seed"]), run_dir, cfg, resume)
        if baseline:
            baseline_transfer(trainer, data.train, data.val, cfg)
        else:
            if data.pretrain is not None:
                stage1_pretrain(trainer, data.pretrain, data.holdout, cfg)
            stage2_main(trainer, data.train, data.val, cfg)
    set_encoder_trainable(model, True)
    model.save(run_dir / "model.keras")
    head = cfg["baseline_head"] if baseline else None
    combiner = stage3_post_training(model, data.train, data.val, cfg, head)
    (run_dir / "combiner.json").write_text(json.dumps(combiner, indent=2))
    log.info("combiner %s", combiner)
    splits = {"aptos_val": data.val, **({"eyepacs_holdout": data.holdout} if data.holdout is not None else {})}
    counts = {"main_train": data.train, "aptos_val": data.val, "eyepacs_pretrain": data.pretrain,
              "eyepacs_holdout": data.holdout}
    class_counts = {name: np.bincount(s.grades, minlength=NUM_GRADES).tolist()
                    for name, s in counts.items() if s is not None}
    metrics = write_report(run_dir, cfg, model, splits, class_counts, combiner, trainer.history,
                           heads=(head,) if head else HEADS)
    for name, result in metrics["sets"].items():
        log.info("%s: combined QWK %.4f, referable sensitivity %s specificity %s", name,
                 result["combined"]["qwk"], result["combined"]["referable_sensitivity"],
                 result["combined"]["referable_specificity"])
    return metrics


def setup_logging(path: Path) -> None:
    """INFO to run_dir/train.log and to stderr (keras prints its own progress to stdout)."""
    logger = logging.getLogger("training")
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in (logging.FileHandler(path), logging.StreamHandler(sys.stderr)):
        handler.setFormatter(formatter)
        logger.addHandler(handler)


def distribution_scope(name: str | None):
    """Multi-device training: tf.distribute on TensorFlow, keras.distribution on JAX."""
    if not name:
        return contextlib.nullcontext()
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        strategies = {"mirrored": tf.distribute.MirroredStrategy,
                      "multi_worker": tf.distribute.MultiWorkerMirroredStrategy}
        if name not in strategies:
            raise ValueError(f"distribute={name!r}: use one of {sorted(strategies)} on TensorFlow")
        return strategies[name]().scope()
    if backend == "jax" and name == "data_parallel":
        keras.distribution.set_distribution(keras.distribution.DataParallel())
        return contextlib.nullcontext()
    raise ValueError(f"distribute={name!r} is not supported on the {backend} backend "
                     "(TensorFlow: mirrored, multi_worker; JAX: data_parallel)")
