"""Augmentations that make one camera's photos look like another's.

They act on the natural-colour disc crop (`fundus.preprocess.crop_square`), before the
Ben Graham filter, because that is where cameras differ: exposure, colour balance,
gamma, focus, JPEG compression and where the disc detector puts the crop. The filter
then runs as in the app (`filter_square`), so the model learns on filtered images
whose differences are the ones another camera would leave after our preprocessing.

Plain numpy/OpenCV on uint8 images, used by the batch feeder on any backend.
"""

from __future__ import annotations

import cv2
import numpy as np

DEFAULTS = {  # all off: a config switches on what it wants
    "exposure": 0.0,      # log-gain of the whole image, uniform in ±exposure
    "contrast": 0.0,      # contrast factor around the mean in [1 - c, 1 + c]
    "colour": 0.0,        # per-channel log-gain in ±colour (white balance)
    "gamma": 0.0,         # log-gamma in ±gamma
    "blur": 0.0,          # probability of a defocus blur
    "blur_sigma": 1.5,    # its largest sigma, in pixels of the crop at the model size
    "jpeg": 0.0,          # probability of JPEG re-compression
    "jpeg_quality": [30, 90],
    "shift": 0.0,         # crop offset, fraction of the side
    "scale": 0.0,         # crop zoom factor in [1 - s, 1 + s]
}


def check_options(options: dict) -> dict:
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown camera augmentation options: {sorted(unknown)}")
    return {**DEFAULTS, **options}


def is_active(options: dict) -> bool:
    o = check_options(options)
    return any(o[k] for k in ("exposure", "contrast", "colour", "gamma", "blur", "jpeg", "shift", "scale"))


def augment(square: np.ndarray, rng: np.random.Generator, options: dict) -> np.ndarray:
    """One random camera look for a natural-colour crop (S×S×3 RGB uint8)."""
    o = check_options(options)
    out = _recrop(square, rng, o["shift"], o["scale"]) if o["shift"] or o["scale"] else square
    out = _photometric(out, rng, o)
    if o["blur"] and rng.random() < o["blur"]:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.3, o["blur_sigma"]))
    if o["jpeg"] and rng.random() < o["jpeg"]:
        out = _recompress(out, int(rng.integers(o["jpeg_quality"][0], o["jpeg_quality"][1] + 1)))
    return out


def _recrop(square: np.ndarray, rng, shift: float, scale: float) -> np.ndarray:
    """The crop the disc detector might have made: shifted and zoomed, black outside
    the photo (a camera's border is black)."""
    size = square.shape[0]
    zoom = 1.0 + rng.uniform(-scale, scale)
    dx, dy = rng.uniform(-shift, shift, 2) * size
    centre = (size - 1) / 2
    matrix = np.array([[zoom, 0, centre * (1 - zoom) + dx], [0, zoom, centre * (1 - zoom) + dy]], np.float32)
    return cv2.warpAffine(square, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))


def _photometric(square: np.ndarray, rng, o: dict) -> np.ndarray:
    if not (o["exposure"] or o["contrast"] or o["colour"] or o["gamma"]):
        return square
    x = square.astype(np.float32) / 255.0
    gain = np.exp(rng.uniform(-o["exposure"], o["exposure"]) + rng.uniform(-o["colour"], o["colour"], 3))
    x = x * gain.astype(np.float32)
    if o["contrast"]:
        mean = x.mean(axis=(0, 1), keepdims=True)
        x = (x - mean) * rng.uniform(1 - o["contrast"], 1 + o["contrast"]) + mean
    x = np.clip(x, 0.0, 1.0)
    if o["gamma"]:
        x = x ** np.float32(np.exp(rng.uniform(-o["gamma"], o["gamma"])))
    return (x * 255.0 + 0.5).astype(np.uint8)


def _recompress(rgb: np.ndarray, quality: int) -> np.ndarray:
    _, encoded = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.cvtColor(cv2.imdecode(encoded, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
