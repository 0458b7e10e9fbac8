"""The one preprocessing path: crop to the fundus, square resize, Ben Graham filter,
circle mask. Training, the converter and the desktop app all call this module, so a
model is always fed what it was trained on.

It reproduces the look of the Kaggle "APTOS 2019 224x224 Gaussian filtered" images the
model is trained on: crop to the bright disc (gray > tolerance), squash to size x size,
then `addWeighted(img, 4, GaussianBlur(img, (0, 0), sigma), -4, 128)`. The circle mask
sets everything outside the inscribed circle to the neutral 128 grey, so camera
borders, labels and the filter's glow in the corners never reach the model.

Sigma is 2.5 at 224 px (scaled with the size), not the 10 the dataset's description
names: the APTOS images show a thin edge ring and an inside-disc contrast (channel std,
median 13) that raw photos reach near sigma 2.5 at 224 (std 16), while sigma 10 gives
a wide glow and more than twice the contrast (std 31). docs/preprocessing.md has the
measurement and `bench/sigma_match.py` makes it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import cv2
import numpy as np

from fundus.image import PhotoBytes, decode_image, read_image
from fundus.text import QT_TRANSLATE_NOOP

PREPROCESS_VERSION = "ben-crop-v1"
DEFAULT_SIZE = 224
CROP_TOLERANCE = 7  # gray level that separates the fundus from the camera's black border
SIGMA_AT_224 = 2.5
BACKGROUND = 128
# The disc must cover this share of its bounding box (a full circle covers pi/4 = 0.785,
# a disc clipped at top and bottom more); a rectangle of texture fills ~1.0 but fails
# the dark-corner test below instead.
MIN_DISC_FILL = 0.55
MIN_DISC_SHARE = 0.08  # share of the photo the disc must cover
MAX_BORDER_LEVEL = 60  # a fundus photo's corners are darker than this
_ANALYSIS_SIDE = 256  # disc detection runs on a small copy: fast and noise-robust


class NoFundusError(ValueError):
    """No fundus disc could be found in the photo."""


@dataclass(frozen=True)
class Preprocessed:
    image: np.ndarray  # size x size x 3 RGB uint8, the model input
    crop_box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the decoded photo
    radius_px: float  # disc radius in the decoded photo's pixels
    decoded_shape: tuple[int, int]  # (height, width) of the decoded photo


def params(size: int = DEFAULT_SIZE) -> dict:
    """Everything a model manifest must record to reproduce this preprocessing."""
    return {"version": PREPROCESS_VERSION, "size": size, "sigma": sigma_for(size),
            "crop_tolerance": CROP_TOLERANCE, "background": BACKGROUND}


def sigma_for(size: int) -> float:
    return SIGMA_AT_224 * size / 224.0


def preprocess(rgb: np.ndarray, size: int = DEFAULT_SIZE, disc: Disc | None = None) -> Preprocessed:
    """Camera photo (RGB uint8, any size) -> Ben-filtered model input. Pass `disc` when the
    caller already located it (`find_disc_mask`: the quality check needs it too)."""
    square, box = crop_square(rgb, size, disc)
    x0, y0, x1, y1 = box
    radius = max(x1 - x0, y1 - y0) / 2.0
    return Preprocessed(filter_square(square), box, radius, rgb.shape[:2])


def crop_square(rgb: np.ndarray, size: int = DEFAULT_SIZE,
                disc: Disc | None = None) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The first half of `preprocess`: the disc's bounding box squashed to size x size,
    in natural colour (training caches this to simulate other cameras before filtering)."""
    x0, y0, x1, y1 = find_disc(rgb, disc)
    square = cv2.resize(rgb[y0:y1, x0:x1], (size, size), interpolation=cv2.INTER_AREA)
    return square, (x0, y0, x1, y1)


def filter_square(square: np.ndarray) -> np.ndarray:
    """The second half of `preprocess`: Ben Graham filter at the size's sigma, circle mask."""
    return circle_mask(ben_graham(square, sigma_for(square.shape[0])))


def preprocess_path(path: str | os.PathLike, size: int = DEFAULT_SIZE) -> tuple[np.ndarray, Preprocessed]:
    """Decode (at reduced scale where the photo is large) and preprocess.

    Returns the decoded photo too: the quality check and the app's display use it.
    """
    rgb = read_photo(path, size)
    return rgb, preprocess(rgb, size)


def read_photo(path: str | os.PathLike, size: int = DEFAULT_SIZE) -> np.ndarray:
    """Decode a photo at the smallest JPEG scale that still gives a `size` model input."""
    return read_image(path, min_side=min_side(size))


def decode_photo(photo: PhotoBytes, size: int = DEFAULT_SIZE) -> np.ndarray:
    """`read_photo` for a photo already read (`fundus.image.read_photo_bytes`)."""
    return decode_image(photo.data, photo.name, min_side=min_side(size))


def min_side(size: int) -> int:
    """The short side a photo is decoded at for a `size` model input. The disc is usually
    ~90 % of the short side; 1.25x headroom keeps the crop at or above `size`, so the final
    resize always shrinks."""
    return int(size * 1.25)


def from_preprocessed(rgb: np.ndarray, size: int = DEFAULT_SIZE) -> np.ndarray:
    """An image that is already cropped and Ben-filtered (the APTOS gaussian224 set):
    resize if needed and apply the same circle mask, never filter twice."""
    if rgb.shape[:2] != (size, size):
        rgb = cv2.resize(rgb, (size, size), interpolation=cv2.INTER_AREA)
    return circle_mask(rgb)


def ben_graham(rgb: np.ndarray, sigma: float) -> np.ndarray:
    blur = cv2.GaussianBlur(rgb, (0, 0), sigma)
    return cv2.addWeighted(rgb, 4, blur, -4, BACKGROUND)


def circle_mask(img: np.ndarray) -> np.ndarray:
    mask = _circle(img.shape[0])
    # np.where, not boolean indexing: the same pixels, several times faster (it runs for every photo)
    return np.where(mask.reshape(mask.shape + (1,) * (img.ndim - 2)), img, np.asarray(BACKGROUND, img.dtype))


_circles: dict[int, np.ndarray] = {}


def _circle(size: int) -> np.ndarray:
    if size not in _circles:
        mask = np.zeros((size, size), np.uint8)
        cv2.circle(mask, (size // 2, size // 2), size // 2, 1, -1)
        _circles[size] = mask.astype(bool)
    return _circles[size]


@dataclass(frozen=True)
class Disc:
    mask: np.ndarray  # the disc on the small analysis copy
    scale: float  # analysis copy -> decoded photo
    threshold: float  # gray level separating disc from border
    problem: str | None  # why this is not a fundus photo, or None
    small: np.ndarray  # the analysis copy of the photo (RGB) the mask was found on


def find_disc_mask(rgb: np.ndarray) -> Disc:
    """Locate the fundus disc on a small copy of the photo.

    The border threshold adapts to the camera: CROP_TOLERANCE on a black border, or
    just above the corner noise of photos whose border is not quite black (some
    enhanced datasets). A frame whose corners are bright is no fundus photo at all.
    """
    h, w = rgb.shape[:2]
    scale = max(h, w) / _ANALYSIS_SIDE
    small = cv2.resize(rgb, (max(1, round(w / scale)), max(1, round(h / scale))),
                       interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    corner_level = float(np.percentile(_corners(gray), 90))
    threshold = max(CROP_TOLERANCE, corner_level + 8)
    if corner_level > MAX_BORDER_LEVEL:
        return Disc(np.zeros(gray.shape, bool), scale, threshold,
                    "no fundus found: this does not look like a retina photo (no dark border)", small)
    bright = (gray > threshold).astype(np.uint8)
    # Opening removes specks and thin text overlays before picking the largest blob.
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    if count < 2:
        mask = np.zeros(gray.shape, bool)
    else:
        mask = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return Disc(mask, scale, threshold, disc_problem(mask), small)


def _corners(img: np.ndarray) -> np.ndarray:
    h, w = img.shape[:2]
    k = max(2, min(h, w) // 12)
    return np.concatenate([c.ravel() for c in (img[:k, :k], img[:k, -k:], img[-k:, :k], img[-k:, -k:])])


def find_disc(rgb: np.ndarray, disc: Disc | None = None) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1) of the fundus disc, or NoFundusError.

    The disc is found on the small copy, then its edges are refined at the decoded
    resolution: a box quantised to the small copy's pixels would shift the crop by
    up to 1/256 of the photo, and the Ben filter amplifies such shifts.
    """
    disc = disc or find_disc_mask(rgb)
    if disc.problem:
        raise NoFundusError(disc.problem)
    h, w = rgb.shape[:2]
    near_disc = cv2.resize(cv2.dilate(disc.mask.astype(np.uint8), np.ones((3, 3), np.uint8)), (w, h),
                           interpolation=cv2.INTER_NEAREST).astype(bool)
    bright = (cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) > disc.threshold) & near_disc
    rows, cols = np.nonzero(bright.any(1))[0], np.nonzero(bright.any(0))[0]
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def disc_problem(mask: np.ndarray) -> str | None:
    """Why `mask` does not look like a fundus disc on a dark background, or None."""
    area = int(mask.sum())
    if area < MIN_DISC_SHARE * mask.size:
        return QT_TRANSLATE_NOOP("quality", "no fundus found: the photo is dark or the retina is missing")
    ys, xs = np.nonzero(mask)
    box_area = (xs.max() - xs.min() + 1) * (ys.max() - ys.min() + 1)
    if area / box_area < MIN_DISC_FILL:
        return QT_TRANSLATE_NOOP("quality", "no fundus found: no round retina image in the photo")
    # A fundus camera leaves the corners of the frame dark. A photo of anything
    # else (a document, a face, a wall) is bright to its corners.
    corners = _corners(mask.astype(np.float32))
    if corners.mean() > 0.5:
        return QT_TRANSLATE_NOOP("quality", "no fundus found: this does not look like a retina photo (no dark border)")
    return None
