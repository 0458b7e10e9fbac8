"""Gradability: is this photo good enough to grade? Reasons are written for the
technician, who can retake the photo while the patient is still there.

Runs on the decoded camera photo (not the filtered model input): exposure and focus
are properties of the photo, and the Ben filter would hide both.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from fundus.preprocess import Disc, find_disc_mask
from fundus.text import QT_TRANSLATE_NOOP

# Thresholds were set on the 30 raw camera photos in shared/data (all gradable) and
# on synthetic failures (tests/test_quality.py); see docs/quality.md for the numbers.
TOO_DARK = 25.0  # mean gray inside the disc
OVEREXPOSED = 210.0
MAX_SATURATED_SHARE = 0.25  # share of disc pixels at >= 250
MIN_SHARPNESS = 5.0  # Laplacian std / mean of the green channel x 100, disc at 256 px
_FOCUS_SIDE = 256


@dataclass(frozen=True)
class Quality:
    gradable: bool
    reasons: list[str] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)


def assess(rgb: np.ndarray, disc: Disc | None = None) -> Quality:
    """Check the decoded photo for a fundus, exposure and focus (`disc`: found already, e.g. by the grader)."""
    disc = disc or find_disc_mask(rgb)
    if disc.problem:
        return Quality(False, [disc.problem], {})
    mask = disc.mask
    gray = cv2.cvtColor(disc.small, cv2.COLOR_RGB2GRAY)[mask]
    metrics = {
        "brightness": float(gray.mean()),
        "saturated_share": float((gray >= 250).mean()),
        "sharpness": sharpness(rgb, mask),
    }
    reasons = []
    if metrics["brightness"] < TOO_DARK:
        reasons.append(QT_TRANSLATE_NOOP("quality", "too dark: increase the flash or dilate the pupil, then retake"))
    if metrics["brightness"] > OVEREXPOSED or metrics["saturated_share"] > MAX_SATURATED_SHARE:
        reasons.append(QT_TRANSLATE_NOOP("quality", "overexposed: lower the flash, then retake"))
    if metrics["sharpness"] < MIN_SHARPNESS:
        reasons.append(QT_TRANSLATE_NOOP("quality", "too blurred: refocus the camera and keep the patient still, "
                                                    "then retake"))
    return Quality(not reasons, reasons, metrics)


def sharpness(rgb: np.ndarray, mask: np.ndarray) -> float:
    """Focus measure at a fixed scale, so it does not depend on the camera resolution.

    The disc's bounding box is resampled to _FOCUS_SIDE; the Laplacian of the green
    channel (vessels have the most contrast there) is measured inside the eroded disc
    so the disc's own edge does not count as detail, and divided by the mean level
    so a dim but sharp photo is not called blurred.
    """
    ys, xs = np.nonzero(mask)
    sy, sx = rgb.shape[0] / mask.shape[0], rgb.shape[1] / mask.shape[1]
    y0, y1 = int(ys.min() * sy), int((ys.max() + 1) * sy)
    x0, x1 = int(xs.min() * sx), int((xs.max() + 1) * sx)
    green = cv2.resize(rgb[y0:y1, x0:x1, 1], (_FOCUS_SIDE, _FOCUS_SIDE), interpolation=cv2.INTER_AREA)
    inner = cv2.resize(mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.uint8),
                       (_FOCUS_SIDE, _FOCUS_SIDE), interpolation=cv2.INTER_NEAREST)
    inner = cv2.erode(inner, np.ones((41, 41), np.uint8)).astype(bool)
    if not inner.any():
        return 0.0
    lap = cv2.Laplacian(green.astype(np.float32), cv2.CV_32F, ksize=3)
    return float(lap[inner].std() / (green[inner].mean() + 1.0) * 100.0)
