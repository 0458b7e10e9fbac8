"""The model's heat map drawn over what it saw: the laptop's result screen and slip, and the hub's review page."""

from __future__ import annotations

import cv2
import numpy as np

from fundus.grader import GradeResult

HEATMAP_ALPHA = 0.45


def overlay_png(result: GradeResult) -> bytes | None:
    """The model input with its heat map blended on top (red = what drove the grade up), as PNG."""
    if result.heatmap is None or result.model_input is None:
        return None
    heat = cv2.applyColorMap((result.heatmap * 255).astype(np.uint8), cv2.COLORMAP_JET)  # BGR
    base = cv2.cvtColor(result.model_input, cv2.COLOR_RGB2BGR)
    weight = (HEATMAP_ALPHA * result.heatmap)[..., None]  # cold areas stay see-through
    blended = (base * (1 - weight) + heat * weight).astype(np.uint8)
    ok, png = cv2.imencode(".png", blended)
    return png.tobytes() if ok else None
