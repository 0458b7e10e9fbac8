"""Gradability on real raw photos and on images that must fail."""
import cv2
import numpy as np
import pytest

from fundus.image import read_image
from fundus.quality import assess


def test_all_labelled_raw_photos_are_gradable(labelled_raw_photos):
    assert len(labelled_raw_photos) == 10
    for path in labelled_raw_photos:
        q = assess(read_image(path, min_side=280))
        assert q.gradable, (path.name, q.reasons, q.metrics)


def _landscape(h=600, w=800):
    """A photo-like scene that is not a fundus: sky gradient, a sun, hills, texture."""
    rng = np.random.default_rng(1)
    y = np.linspace(0, 1, h)[:, None, None]
    img = (np.array([90, 150, 230]) * (1 - y) + np.array([200, 220, 250]) * y).repeat(w, 1)
    hills = (h * 0.6 + 40 * np.sin(np.linspace(0, 9, w))).astype(int)
    for x, top in enumerate(hills):
        img[top:, x] = [60, 130, 50]
    img = img.astype(np.uint8)
    cv2.circle(img, (600, 120), 50, (250, 230, 120), -1)
    noise = rng.normal(0, 8, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("name,make", [
    ("black frame", lambda: np.zeros((600, 800, 3), np.uint8)),
    ("white noise", lambda: np.random.default_rng(0).integers(0, 256, (600, 800, 3), dtype=np.uint8)),
    ("flat grey", lambda: np.full((600, 800, 3), 128, np.uint8)),
    ("landscape", _landscape),
])
def test_non_fundus_images_are_ungradable(name, make):
    q = assess(make())
    assert not q.gradable and q.reasons and "no fundus" in q.reasons[0], name


def _scaled(path, gain):
    rgb = read_image(path, min_side=280).astype(np.float32)
    return np.clip(rgb * gain, 0, 255).astype(np.uint8)


def test_dark_photo_is_ungradable(labelled_raw_photos):
    # Dimmed to 15 %: the disc is still found, but it is too dark to grade.
    q = assess(_scaled(labelled_raw_photos[4], 0.15))
    assert not q.gradable and any("too dark" in r for r in q.reasons), q.metrics


def test_overexposed_photo_is_ungradable(labelled_raw_photos):
    q = assess(_scaled(labelled_raw_photos[4], 4.0))
    assert not q.gradable and any("overexposed" in r for r in q.reasons), q.metrics


def test_strong_defocus_is_ungradable(labelled_raw_photos):
    # A Gaussian blur of 1/30 of the photo height mimics a badly defocused camera.
    # The focus measure is a heuristic: it must catch most, and we state how many.
    flagged = 0
    for path in labelled_raw_photos:
        rgb = read_image(path, min_side=280)
        q = assess(cv2.GaussianBlur(rgb, (0, 0), rgb.shape[0] / 30))
        flagged += any("blurred" in r for r in q.reasons)
    assert flagged >= 8, flagged
