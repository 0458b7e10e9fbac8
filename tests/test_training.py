"""The tiny config through all three stages on real shared images, and resume."""

import csv
import json

import keras
import numpy as np
import pytest

from training.config import load_config
from training.run import fit, load_run_data
from training.stages import Trainer, fit_few_steps
from training.model import build_model

RUN_FILES = ("model.keras", "combiner.json", "metrics.json", "history.csv", "config.json", "train.log",
             "class_distribution.png", "curves.png", "confusion_matrix.png", "tsne_images.png",
             "tsne_embeddings.png")


@pytest.fixture(scope="module")
def tiny_cfg(shared_data, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return load_config("tiny", [f"data.aptos={shared_data / 'aptos2019-gaussian224'}",
                                f"data.eyepacs={shared_data / 'eyepacs2015-enhanced256'}",
                                f"data.natural={shared_data / 'eyepacs2015-natural1024'}",
                                f"data.camera={shared_data / 'fundus-camera-raw'}",
                                f"data.cache_dir={cache}"])


@pytest.fixture(scope="module")
def tiny_run(tiny_cfg, tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("tiny_run")
    metrics = fit(tiny_cfg, run_dir, command="pytest")
    return run_dir, metrics


def _history(run_dir):
    with open(run_dir / "history.csv") as f:
        return list(csv.DictReader(f))


def test_tiny_run_writes_a_complete_run_folder(tiny_run):
    run_dir, metrics = tiny_run
    for name in RUN_FILES:
        assert (run_dir / name).stat().st_size > 0, name
    combiner = json.loads((run_dir / "combiner.json").read_text())
    assert set(combiner) - {"referable_probability"} == {"weights", "bias", "cut_points", "calibration"}
    assert len(combiner["weights"]) == 3 and len(combiner["cut_points"]) == 4
    assert combiner["cut_points"] == sorted(combiner["cut_points"])
    # Post-training saw only the calibration parts, 24 images each (limit_val).
    assert combiner["calibration"] == {"aptos_calibration": 24, "eyepacs_calibration": 24,
                                       "natural_calibration": 24}
    likelihood = combiner.get("referable_probability")
    if likelihood is None:  # a few steps may leave the score falling with referable DR on 24 photos
        assert "no likelihood of referable DR" in (run_dir / "train.log").read_text()
    else:
        assert likelihood["slope"] > 0 and likelihood["sets"] == ["natural_calibration"]
    assert set(metrics["sets"]) == {"aptos_val", "eyepacs_holdout", "natural_test", "camera"}
    val = metrics["sets"]["aptos_val"]
    assert set(val["heads"]) == {"regression", "classification", "ordinal"}
    assert val["combined"]["n"] == 24 and len(val["combined"]["confusion_matrix_normalized"]) == 5
    assert 0 <= val["referable_auc"] <= 1
    assert metrics["sets"]["camera"]["combined"]["n"] == 10
    assert json.loads((run_dir / "config.json").read_text())["command"] == "pytest"


def test_tiny_run_goes_through_all_stages_and_its_loss_goes_down(tiny_run):
    history = _history(tiny_run[0])
    assert [(row["phase"], row["epoch"]) for row in history] == [
        ("pretrain", "1"), ("main_frozen", "1"), ("main", "1"), ("main", "2")]
    main = [float(row["loss"]) for row in history if row["phase"] == "main"]
    assert main[-1] < main[0]
    assert all(f"val_qwk_{head}" in history[0] for head in ("regression", "classification", "ordinal"))


def test_saved_model_is_the_inner_model_without_augmentation(tiny_run):
    model = keras.saving.load_model(tiny_run[0] / "model.keras")
    assert model.input_shape == (None, 64, 64, 3)
    assert "augment" not in [layer.name for layer in model.layers]
    x = np.full((1, 64, 64, 3), 128, np.float32)
    first, second = model.predict(x, verbose=0), model.predict(x, verbose=0)
    np.testing.assert_array_equal(first["regression"], second["regression"])  # deterministic: no augmentation


def test_fit_few_steps_lowers_the_loss_on_real_images(tiny_cfg):
    train = load_run_data(tiny_cfg).train
    keras.utils.set_random_seed(0)
    model = build_model("MobileNetV2", 64, alpha=0.35)
    # One batch of 32 real images seen at every step: each step's loss is then measured on the same
    # images, so the drop is the training's and not the luck of which batch came last (with a new
    # batch per step, 12 steps from random weights go up or down with the installed Keras).
    chosen = np.random.default_rng(0).choice(len(train.images), 32, replace=False)
    losses = fit_few_steps(model, np.asarray(train.images)[chosen], np.asarray(train.grades)[chosen], steps=12,
                           batch_size=32)
    assert len(losses) == 12
    assert np.mean(losses[-3:]) < 0.75 * np.mean(losses[:3])


def test_resume_continues_from_the_checkpoint(tiny_cfg, tmp_path, monkeypatch):
    cfg = json.loads(json.dumps(tiny_cfg))
    cfg["epochs"]["pretrain"] = 0  # the phases that matter here: one done, one interrupted
    checkpoint = Trainer._checkpoint

    def interrupted(self, wrapper, phase, epoch, logs, epochs):
        checkpoint(self, wrapper, phase, epoch, logs, epochs)
        if (phase, epoch) == ("main", 1):
            raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "_checkpoint", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fit(cfg, tmp_path)
    state = json.loads((tmp_path / "checkpoint" / "state.json").read_text())
    assert (state["done"], state["phase"], state["epoch"]) == (["main_frozen"], "main", 1)
    assert not (tmp_path / "model.keras").exists()

    monkeypatch.setattr(Trainer, "_checkpoint", checkpoint)
    fit(cfg, tmp_path, resume=True)
    assert [(row["phase"], row["epoch"]) for row in _history(tmp_path)] == [
        ("main_frozen", "1"), ("main", "1"), ("main", "2")]
    # The optimizer continued: 3 steps before the interruption + 3 after (a fresh one would count 3).
    iterations = np.load(tmp_path / "checkpoint" / "optimizer.npz")["arr_0"]
    assert int(iterations) == 6
    assert (tmp_path / "model.keras").exists()


def test_main_sets_mix_domains_and_never_train_on_a_reported_or_calibration_image(tiny_cfg):
    from training.config import apply_overrides

    cfg = apply_overrides(tiny_cfg, ['data.main_sets={"aptos_train": 1, "eyepacs_train": 1, "natural_train": 3}',
                                     "epochs.pretrain=0"])
    data = load_run_data(cfg)
    assert data.pretrain is None  # no stage 1 asked for
    n = len(data.train)
    assert 0 < data.train.natural.sum() < n  # APTOS comes filtered, the photos as natural-colour crops
    natural_train = int(np.sum(data.train.repeat == 3))
    assert data.train.epoch_length == n + 2 * natural_train
    trained = {img.tobytes() for img in np.asarray(data.train.as_model_inputs().images)}
    for name, split in {**data.calibration, **data.evaluation}.items():
        assert not any(img.tobytes() in trained for img in np.asarray(split.images)), name


def test_distillation_blends_the_teachers_outputs_into_the_training_targets(tiny_cfg, tiny_run):
    """The student's targets: weight x teacher (seeing the same photos at its own input
    size) + (1 - weight) x the label's targets."""
    from training.config import apply_overrides
    from training.losses import make_targets

    teacher_dir = str(tiny_run[0])
    data = load_run_data(apply_overrides(tiny_cfg, [f'distill.teachers=["{teacher_dir}"]', "distill.weight=0.7",
                                                    "epochs.pretrain=0"]))
    targets, hard = data.train.targets, make_targets(data.train.grades)
    assert set(targets) == {"regression", "classification", "ordinal"}
    np.testing.assert_allclose(targets["classification"].sum(axis=1), 1.0, atol=1e-5)
    # Soft: every row keeps at least 0.3 on the true grade and spreads the rest.
    assert (targets["classification"][hard["classification"] == 1] >= 0.3 - 1e-6).all()
    assert (targets["classification"][hard["classification"] == 0] > 0).any()
    teacher_part = (targets["regression"] - 0.3 * hard["regression"]) / 0.7
    assert np.ptp(teacher_part) > 0  # the teacher tells the photos apart
    assert data.calibration and all(s.targets is None for s in data.evaluation.values())
