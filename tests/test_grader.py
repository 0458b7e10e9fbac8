"""The LiteRT grader on real photos, with the tiny real bundle."""
from __future__ import annotations

import json
import shutil

import cv2
import numpy as np
import pytest

from fundus.bundle import BundleError, load_bundle
from fundus.grader import Grader, cam_heatmap
from fundus.image import ImageError, read_image
from fundus.preprocess import from_preprocessed, preprocess_path


@pytest.fixture(scope="module")
def grader(tiny_bundle) -> Grader:
    return Grader(tiny_bundle)


def test_raw_camera_photos_are_graded(grader, labelled_raw_photos):
    results = [grader.grade_path(p) for p in labelled_raw_photos]
    for photo, r in zip(labelled_raw_photos, results, strict=True):
        assert r.gradable, (photo.name, r.reasons)
        assert r.grade in range(5) and r.reasons == []
        assert r.referable == (r.grade >= 2)
        assert sum(r.probabilities) == pytest.approx(1.0, abs=1e-6)
        assert min(r.probabilities) >= 0
        assert r.model_input.shape == (64, 64, 3) and r.model_input.dtype == np.uint8
        assert r.heatmap.shape == (64, 64) and r.heatmap.dtype == np.float32
        assert r.heatmap.min() == pytest.approx(0) and r.heatmap.max() == pytest.approx(1)
        assert r.ms > 0
    # A model that learned something does not give every photo the same score.
    assert len({round(r.score, 4) for r in results}) > 1


def test_score_and_grade_follow_the_manifest_combiner(grader, labelled_raw_photos):
    result = grader.grade_path(labelled_raw_photos[0])
    outputs = grader.predict(result.model_input[None])
    combiner = load_bundle(grader.bundle.manifest_path).combiner
    weights, bias = np.array(combiner.weights), combiner.bias
    x = [outputs["regression"][0, 0], outputs["classification"][0] @ np.arange(5),
         outputs["ordinal"][0].sum()]
    assert result.score == pytest.approx(float(np.dot(weights, x) + bias), abs=1e-9)
    assert result.grade == sum(c < result.score for c in combiner.cut_points)


def test_likelihood_and_raw_heads_come_with_the_grade(grader, tiny_bundle, labelled_raw_photos, tmp_path,
                                                     sign_as_publisher):
    result = grader.grade_path(labelled_raw_photos[0])
    assert result.referable_probability is None  # the bundle has no calibration: no number is made up
    outputs = grader.predict(result.model_input[None])
    assert result.heads["regression"] == pytest.approx(float(outputs["regression"][0, 0]))
    assert result.heads["ordinal"] == pytest.approx(outputs["ordinal"][0].tolist())
    assert result.heads["classification"] == result.probabilities

    manifest = json.loads(tiny_bundle.read_text())
    manifest["combiner"]["referable_probability"] = {"slope": 3.0, "intercept": -4.5}
    calibrated = tmp_path / "calibrated.json"
    calibrated.write_text(json.dumps(manifest))
    sign_as_publisher(calibrated)  # the publisher signs the calibrated manifest
    shutil.copy(tiny_bundle.with_suffix(".tflite"), tmp_path)
    again = Grader(calibrated).grade_path(labelled_raw_photos[0])
    assert again.score == pytest.approx(result.score)
    assert again.referable_probability == pytest.approx(1 / (1 + np.exp(-(3.0 * result.score - 4.5))))


def test_a_score_at_the_referral_threshold_is_referred_with_its_own_grade(grader, tiny_bundle, labelled_raw_photos,
                                                                          tmp_path, sign_as_publisher):
    """The screening point refers an eye whose grade is below moderate; the grade stays."""
    score = grader.grade_path(labelled_raw_photos[0]).score
    manifest = json.loads(tiny_bundle.read_text())
    shutil.copy(tiny_bundle.with_suffix(".tflite"), tmp_path)
    results = {}
    for threshold in (score - 0.01, score + 0.01, None):
        manifest["combiner"]["cut_points"] = [score + 1, score + 2, score + 3, score + 4]  # grade 0
        manifest["combiner"].pop("referral_threshold", None)
        if threshold is not None:
            manifest["combiner"]["referral_threshold"] = threshold
        screened = tmp_path / "screened.json"
        screened.write_text(json.dumps(manifest))
        sign_as_publisher(screened)
        results[threshold] = Grader(screened).grade_path(labelled_raw_photos[0])
    assert [(r.grade, r.referable) for r in results.values()] == [(0, True), (0, False), (0, False)]

    manifest["combiner"]["referral_threshold"] = score + 2.5  # above the moderate cut point: refers no one more
    screened.write_text(json.dumps(manifest))
    sign_as_publisher(screened)
    with pytest.raises(BundleError, match="referral_threshold"):
        load_bundle(screened)


def test_the_band_comes_from_the_score_by_the_bundles_default_or_a_chosen_policy(grader, tiny_bundle,
                                                                                  labelled_raw_photos, tmp_path,
                                                                                  sign_as_publisher):
    """The grade keeps its cut points; the triage band and the referral follow the policy."""
    plain = grader.grade_path(labelled_raw_photos[0])  # no triage section: the screening point decides
    referred = bool(grader.bundle.combiner.refers(plain.score)[0])
    assert plain.triage == ("clear" if not referred else "urgent" if plain.grade >= 3 else "refer")
    score = plain.score
    manifest = json.loads(tiny_bundle.read_text())
    manifest["combiner"]["cut_points"] = [score - 1, score + 1, score + 2, score + 3]  # grade 1
    manifest["combiner"].pop("referral_threshold", None)
    manifest["triage"] = {"default": "urgent-below", "policies": {
        "urgent-below": {"clear_below": score - 0.2, "urgent_from": score - 0.1},
        "refer-around": {"clear_below": score - 0.1, "urgent_from": score + 0.1},
        "clear-above": {"clear_below": score + 0.1, "urgent_from": score + 0.2}}}
    triaged = tmp_path / "triaged.json"
    triaged.write_text(json.dumps(manifest))
    sign_as_publisher(triaged)
    shutil.copy(tiny_bundle.with_suffix(".tflite"), tmp_path)
    seen = {}
    for policy in (None, "refer-around", "clear-above"):
        result = Grader(triaged, policy=policy).grade_path(labelled_raw_photos[0])
        assert result.score == pytest.approx(score) and result.grade == 1
        seen[policy] = (result.triage, result.referable)
    assert seen == {None: ("urgent", True), "refer-around": ("refer", True), "clear-above": ("clear", False)}
    with pytest.raises(BundleError, match="no triage policy 'nope'"):
        Grader(triaged, policy="nope")


def test_grade_rgb_agrees_with_grade_path(grader, labelled_raw_photos):
    path = labelled_raw_photos[1]
    by_path = grader.grade_path(path)
    decoded, _ = preprocess_path(path, grader.size)  # the same reduced decode grade_path uses
    by_rgb = grader.grade_rgb(decoded)
    assert by_rgb.gradable and by_rgb.score == pytest.approx(by_path.score, abs=1e-6)


def test_predict_outputs_are_mapped_by_name(grader, aptos_heldout):
    images_dir, _ = aptos_heldout
    batch = np.stack([from_preprocessed(read_image(p), 64) for p in sorted(images_dir.glob("*.jpg"))[:3]])
    out = grader.predict(batch)
    assert out["regression"].shape == (3, 1)
    assert out["classification"].shape == (3, 5)
    assert np.allclose(out["classification"].sum(axis=1), 1, atol=0.02)  # softmax, int8-rounded
    assert out["ordinal"].shape == (3, 4) and ((out["ordinal"] >= 0) & (out["ordinal"] <= 1)).all()
    assert out["cam"].shape == (3, 2, 2, 1)  # 64 px MobileNetV2: a 2x2 feature map
    with pytest.raises(ValueError, match="64 x 64 x 3"):
        grader.predict(np.zeros((1, 32, 32, 3), np.uint8))


def test_non_fundus_photo_is_ungradable(grader, tmp_path):
    # A scanned form: bright to the corners, no retina.
    page = np.full((1200, 1600, 3), 235, np.uint8)
    for i in range(12):
        cv2.putText(page, "Patient name ____  date ____", (80, 120 + 85 * i), cv2.FONT_HERSHEY_SIMPLEX,
                    1.6, (20, 20, 20), 3)
    path = tmp_path / "form.jpg"
    cv2.imwrite(str(path), page)
    for result in (grader.grade_path(path), grader.grade_rgb(page[:, :, ::-1].copy())):
        assert not result.gradable and result.reasons
        assert result.grade is None and result.grade_name == "Ungradable"
        assert result.referable is True and result.triage == "ungradable"
        assert result.probabilities is None and result.heatmap is None


def test_dark_photo_is_ungradable(grader, labelled_raw_photos):
    dark = (read_image(labelled_raw_photos[0], min_side=300) // 12).astype(np.uint8)
    result = grader.grade_rgb(dark)
    assert not result.gradable and result.referable and result.grade is None and result.triage == "ungradable"
    assert any("dark" in reason for reason in result.reasons)


def test_unreadable_file_raises_image_error(grader, tmp_path):
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"")
    with pytest.raises(ImageError):
        grader.grade_path(bad)


def test_cam_heatmap_is_upsampled_and_normalised():
    cam = np.array([[0.0, 1.0], [2.0, 4.0]], np.float32)[:, :, None]
    heat = cam_heatmap(cam, 64)
    assert heat.shape == (64, 64) and heat.min() == 0 and heat.max() == 1
    assert heat[-1, -1] > heat[0, 0]  # the hot corner stays hot
    assert not cam_heatmap(np.ones((2, 2, 1)), 64).any()
