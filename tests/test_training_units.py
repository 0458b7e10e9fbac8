"""Unit tests of training's pieces that need no training run."""

import json

import keras
import numpy as np
import pytest

from fundus.grades import DEFAULT_CUT_POINTS, ordinal_decode, score_to_grade
from fundus.bundle import Combiner
from fundus.metrics import qwk, referable_sensitivity_specificity, referral_sensitivity_specificity
from training import data as data_lib
from training.config import load_config
from training.losses import main_losses, make_targets
from training.model import OfflineWeightsError, build_model
from training.optim import RAdam
from training.thresholds import combine, fit_combiner, head_grades, optimise_cut_points, referral_threshold


def test_categorical_focal_matches_hand_computation():
    y_true = np.array([[0, 0, 1, 0, 0], [1, 0, 0, 0, 0]], np.float32)
    y_pred = np.array([[0.1, 0.1, 0.6, 0.1, 0.1], [0.3, 0.4, 0.1, 0.1, 0.1]], np.float32)
    alpha, gamma = 0.25, 2.0
    p_true = (y_true * y_pred).sum(axis=1)
    expected = np.mean(-alpha * (1 - p_true) ** gamma * np.log(p_true))
    loss = main_losses(alpha, gamma)["classification"](y_true, y_pred)
    assert float(loss) == pytest.approx(expected, rel=1e-5)


def test_binary_focal_matches_hand_computation():
    y_true = np.array([[1, 1, 0, 0], [1, 0, 0, 0]], np.float32)
    y_pred = np.array([[0.9, 0.6, 0.3, 0.05], [0.2, 0.5, 0.1, 0.7]], np.float32)
    alpha, gamma = 0.25, 2.0
    p_t = np.where(y_true == 1, y_pred, 1 - y_pred)
    alpha_t = np.where(y_true == 1, alpha, 1 - alpha)
    expected = np.mean(np.mean(-alpha_t * (1 - p_t) ** gamma * np.log(p_t), axis=1))
    loss = main_losses(alpha, gamma)["ordinal"](y_true, y_pred)
    assert float(loss) == pytest.approx(expected, rel=1e-5)


def test_ordinal_targets_round_trip():
    grades = np.arange(5)
    targets = make_targets(grades)
    np.testing.assert_array_equal(targets["ordinal"],
                                  [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]])
    np.testing.assert_array_equal(score_to_grade(ordinal_decode(targets["ordinal"])), grades)
    np.testing.assert_array_equal(targets["classification"].argmax(axis=1), grades)
    np.testing.assert_array_equal(targets["regression"].ravel(), grades)
    # A perfect model's outputs decode to the true grade for every head.
    assert all((g == grades).all() for g in head_grades(targets).values())


def test_optimised_cut_points_beat_default_on_a_biased_score():
    rng = np.random.default_rng(0)
    grades = rng.integers(0, 5, 400)
    # A regressor that compresses high grades (a common failure): score = 0.7·grade + noise.
    scores = 0.7 * grades + rng.normal(0, 0.25, len(grades))
    default = qwk(grades, score_to_grade(scores, DEFAULT_CUT_POINTS))
    cuts = optimise_cut_points(scores, grades)
    tuned = qwk(grades, score_to_grade(scores, cuts))
    assert tuned >= default
    assert tuned > default + 0.02, (default, tuned)  # it really moved, not only kept the start
    assert list(cuts) == sorted(cuts)


def test_referral_threshold_reaches_the_sensitivity_target_and_leaves_the_grades_alone():
    rng = np.random.default_rng(1)
    grades = rng.choice(5, 600, p=[0.5, 0.1, 0.25, 0.07, 0.08])
    scores = 0.8 * grades + rng.normal(0, 0.7, len(grades))  # overlapping: QWK cuts miss referrals
    cuts = optimise_cut_points(scores, grades)
    sens_before, spec_before = referable_sensitivity_specificity(grades, score_to_grade(scores, cuts))
    assert sens_before < 0.9
    threshold = referral_threshold(scores, grades, cuts, 0.9)
    combiner = Combiner((1.0, 0.0, 0.0), 0.0, tuple(cuts), referral_threshold=threshold)
    sens, spec = referral_sensitivity_specificity(grades, combiner.refers(scores))
    assert 0.9 <= sens < 0.9 + 2 / np.sum(grades >= 2)  # the target, not far beyond it
    assert spec < spec_before  # the price is paid in specificity
    assert threshold < cuts[1] and list(combiner.grades(scores)) == list(score_to_grade(scores, cuts))
    assert referral_threshold(scores, grades, cuts, 0.5) is None  # the moderate cut point already refers enough


def test_cut_points_never_worse_than_default_when_default_is_optimal():
    grades = np.repeat(np.arange(5), 20)
    cuts = optimise_cut_points(grades.astype(float), grades)
    assert qwk(grades, score_to_grade(grades.astype(float), cuts)) == pytest.approx(1.0)


def test_combiner_weighs_heads_by_reliability_and_splits_collinear_ones():
    rng = np.random.default_rng(1)
    grades = rng.integers(0, 5, 300).astype(float)
    scalars = np.column_stack([grades + rng.normal(0, 0.3, 300), grades + rng.normal(0, 0.6, 300),
                               grades + rng.normal(0, 1.0, 300)])
    weights, bias = fit_combiner(scalars, grades)
    assert weights[0] > weights[1] > weights[2] > 0  # trusts the least noisy head most
    assert np.mean((combine(scalars, weights, bias) - grades) ** 2) < np.mean((scalars[:, 0] - grades) ** 2)
    # Three copies of one head: shared weight, no large opposite values.
    copies = scalars[:, :1] + rng.normal(0, 1e-4, (300, 3))
    weights, _ = fit_combiner(copies, grades)
    assert np.all(weights > 0) and weights.sum() < 1.0


def test_combiner_scales_up_a_small_but_informative_head_and_ignores_a_constant_one():
    rng = np.random.default_rng(2)
    grades = rng.integers(0, 5, 300).astype(float)
    tiny_signal = 1.0 + 1e-6 * (grades + rng.normal(0, 0.5, 300))  # e.g. squashed by stale BN statistics
    scalars = np.column_stack([tiny_signal, np.full(300, 2.0), np.full(300, 0.5)])
    weights, bias = fit_combiner(scalars, grades)
    assert weights[1] == weights[2] == 0
    assert np.corrcoef(combine(scalars, weights, bias), grades)[0, 1] > 0.9


def test_imagenet_weights_offline_fail_fast_with_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr("keras.src.backend.config.keras_home", lambda: str(tmp_path))
    with pytest.raises(OfflineWeightsError, match="no internet.*local weights file"):
        build_model("MobileNetV2", 96, weights="imagenet", alpha=0.35)


def test_local_weights_file_loads(tmp_path):
    source = build_model("MobileNetV2", 64, alpha=0.35)
    source.save_weights(tmp_path / "run.weights.h5")
    loaded = build_model("MobileNetV2", 64, weights=str(tmp_path / "run.weights.h5"), alpha=0.35)
    for a, b in zip(source.weights, loaded.weights):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b))
    with pytest.raises(FileNotFoundError):
        build_model("MobileNetV2", 64, weights=str(tmp_path / "missing.h5"), alpha=0.35)


@pytest.mark.parametrize("backbone", ["MobileNetV2", "EfficientNetB0", "ResNet50"])
def test_model_contract(backbone):
    kwargs = {"alpha": 0.35} if backbone == "MobileNetV2" else {}
    model = build_model(backbone, 64, **kwargs)
    out = model.predict(np.full((2, 64, 64, 3), 128, np.float32), verbose=0)
    assert {k: v.shape for k, v in out.items()} == {"regression": (2, 1), "classification": (2, 5),
                                                     "ordinal": (2, 4)}
    np.testing.assert_allclose(out["classification"].sum(axis=1), 1, rtol=1e-5)
    assert len(model.get_layer("features").output.shape) == 4
    for head in ("regression", "classification", "ordinal"):
        assert isinstance(model.get_layer(head), keras.layers.Dense)


def test_radam_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], np.float32)
    variable = keras.Variable(np.zeros(3, np.float32))
    optimizer = RAdam(0.1)
    for _ in range(300):
        gradient = 2 * (keras.ops.convert_to_numpy(variable) - target)
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(gradient), variable)])
    np.testing.assert_allclose(keras.ops.convert_to_numpy(variable), target, atol=0.05)


def test_config_inherits_overrides_and_rejects_typos():
    cfg = load_config("aptos_mnv2_nopretrain", ["epochs.main=3", "model.backbone_kwargs.alpha=0.5"])
    assert cfg["epochs"] == {"pretrain": 0, "warmup": 2, "main": 3}
    assert cfg["model"]["backbone_kwargs"] == {"alpha": 0.5}
    assert cfg["data"]["aptos"].endswith("shared/data/aptos2019-gaussian224")
    json.dumps(cfg)
    with pytest.raises(KeyError, match="epoch.main"):
        load_config("tiny", ["epoch.main=3"])


def test_batches_follow_epoch_order_so_resume_sees_the_same_data():
    n, batch, seed = 10, 4, 7
    images = np.arange(n, dtype=np.uint8)[:, None, None, None] * np.ones((1, 2, 2, 3), np.uint8)
    grades = np.arange(n) % 5
    feed = data_lib.batches(images, grades, batch, shuffle=True, seed=seed, epoch=1, epochs=3)
    seen = [np.asarray(x)[:, 0, 0, 0].astype(int) for x, _ in
            (feed if keras.backend.backend() == "tensorflow" else _two_epochs(feed))]
    expected = np.concatenate([data_lib.epoch_order(n, seed, 1), data_lib.epoch_order(n, seed, 2)])
    np.testing.assert_array_equal(np.concatenate(seen), expected)
    assert not np.array_equal(expected[:n], expected[n:])


def _two_epochs(feed):
    for _ in range(2):
        yield from (feed[i] for i in range(len(feed)))
        feed.on_epoch_end()


def test_cli_reports_an_unknown_config_or_key_without_a_traceback(capsys):
    from training.__main__ import main

    for argv in (["fit", "--config", "no_such_config"], ["fit", "--config", "tiny", "epoch.main=1"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "unknown config key 'epoch.main'" in capsys.readouterr().err


def test_batchnorm_momentum_override_reaches_every_backbone_batchnorm():
    from training.model import set_batchnorm_momentum

    model = build_model("MobileNetV2", 64, alpha=0.35)
    set_batchnorm_momentum(model, 0.9)
    momenta = {layer.momentum for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)}
    assert momenta == {0.9}


def test_cli_resume_uses_the_config_saved_in_the_run(tmp_path, monkeypatch):
    import training.run
    from training.__main__ import main

    saved = load_config("tiny", ["epochs.main=5"])
    (tmp_path / "config.json").write_text(json.dumps({"command": "x", "resumed_with": [], "config": saved}))
    calls = []
    monkeypatch.setattr(training.run, "fit", lambda cfg, run_dir, resume, command: calls.append((cfg, resume)))
    main(["fit", "--config", "tiny", "--run-dir", str(tmp_path), "--resume", "epochs.warmup=3"])
    cfg, resume = calls[0]
    assert resume and cfg["epochs"] == {"pretrain": 1, "warmup": 3, "main": 5}


def test_cli_resume_of_a_run_saved_before_a_config_key_existed_gets_its_default(tmp_path, monkeypatch):
    import training.run
    from training.__main__ import main

    saved = load_config("tiny")
    del saved["eval"]["min_referable_sensitivity"], saved["data"]["main_sets"]
    (tmp_path / "config.json").write_text(json.dumps({"command": "x", "resumed_with": [], "config": saved}))
    calls = []
    monkeypatch.setattr(training.run, "fit", lambda cfg, run_dir, resume, command: calls.append(cfg))
    main(["fit", "--config", "tiny", "--run-dir", str(tmp_path), "--resume", "eval.min_referable_sensitivity=0.9"])
    assert calls[0]["eval"]["min_referable_sensitivity"] == 0.9
    assert calls[0]["data"]["main_sets"] == {"aptos_train": 1} and calls[0]["image_size"] == 64
