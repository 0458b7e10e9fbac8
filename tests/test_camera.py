"""Camera augmentations on real photos, and the batch feeder that applies them before
the app's own filter."""

import numpy as np
import pytest

from fundus.preprocess import crop_square, filter_square, preprocess, read_photo
from training import camera
from training.data import BatchSource, model_inputs

OPTIONS = {"exposure": 0.25, "contrast": 0.2, "colour": 0.1, "gamma": 0.25, "blur": 0.5, "blur_sigma": 1.2,
           "jpeg": 0.5, "jpeg_quality": [30, 90], "shift": 0.03, "scale": 0.05}


@pytest.fixture(scope="module")
def squares(labelled_raw_photos):
    return np.stack([crop_square(read_photo(p, 128), 128)[0] for p in labelled_raw_photos[:4]])


def test_crop_then_filter_is_exactly_the_apps_preprocessing(labelled_raw_photos):
    rgb = read_photo(labelled_raw_photos[0], 128)
    square, box = crop_square(rgb, 128)
    prepared = preprocess(rgb, 128)
    assert box == prepared.crop_box
    np.testing.assert_array_equal(filter_square(square), prepared.image)


def test_augment_is_reproducible_from_its_seed_and_changes_the_photo(squares):
    first = camera.augment(squares[0], np.random.default_rng(3), OPTIONS)
    again = camera.augment(squares[0], np.random.default_rng(3), OPTIONS)
    other = camera.augment(squares[0], np.random.default_rng(4), OPTIONS)
    np.testing.assert_array_equal(first, again)
    assert first.shape == squares[0].shape and first.dtype == np.uint8
    assert np.abs(first.astype(int) - squares[0]).mean() > 1
    assert np.abs(first.astype(int) - other).mean() > 1


def test_exposure_and_colour_change_the_filtered_input_the_model_sees(squares):
    """Ben's filter removes slow illumination but not a gain: a brighter camera gives
    stronger filtered contrast, which is what the model must learn to ignore."""
    bright = camera.augment(squares[1], np.random.default_rng(0), {"exposure": 0.0, "colour": 0.0, "gamma": 0.0,
                                                                     "contrast": 0.3})
    assert np.std(filter_square(bright).astype(float)) != pytest.approx(
        np.std(filter_square(squares[1]).astype(float)), rel=0.01)


def test_unknown_option_is_refused():
    with pytest.raises(ValueError, match="unknown camera augmentation"):
        camera.check_options({"exposur": 0.1})


def test_feeder_filters_natural_crops_and_augments_only_when_training(squares):
    natural = np.array([True, True, False, False])
    images = np.array(squares)
    images[2:] = np.stack([filter_square(s) for s in squares[2:]])  # already model inputs
    grades = np.array([0, 2, 1, 4])
    evaluation = BatchSource(images, grades, 4, shuffle=False, natural=natural, camera_options=OPTIONS)
    x, targets = evaluation.batch(0, 0)
    np.testing.assert_array_equal(x.astype(np.uint8), model_inputs(images, natural))
    np.testing.assert_array_equal(targets["regression"].ravel(), grades)

    training = BatchSource(images, grades, 4, shuffle=True, seed=1, natural=natural, camera_options=OPTIONS)
    x, targets = training.batch(0, 0)
    order = training.order(0)
    expected = model_inputs(images, natural)[order]
    augmented = natural[order]
    np.testing.assert_array_equal(x[~augmented], expected[~augmented])  # filtered images pass as they are
    assert np.abs(x[augmented] - expected[augmented]).mean() > 0.5
    np.testing.assert_array_equal(targets["regression"].ravel(), grades[order])
    np.testing.assert_array_equal(training.batch(0, 0)[0], x)  # the same batch again on resume


def test_repeat_oversamples_within_each_epoch():
    images = np.zeros((3, 8, 8, 3), np.uint8)
    source = BatchSource(images, np.array([0, 1, 2]), 2, shuffle=True, repeat=np.array([1, 1, 3]))
    assert len(source) == 3
    assert sorted(source.order(5).tolist()) == [0, 1, 2, 2, 2]
