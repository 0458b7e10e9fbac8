"""The heat map drawn over the model input: what the window, the slip and the hub's review show."""
from __future__ import annotations

import cv2
import numpy as np

HEATMAP_ALPHA = 0.45


def overlay_png(result) -> bytes | None:
    """A GradeResult's model input with its heat map blended on top (red = what drove the grade up),
    as PNG; None when it has no heat map (ungradable)."""
    if result.heatmap is None or result.model_input is None:
        return None
    heat = cv2.applyColorMap((result.heatmap * 255).astype(np.uint8), cv2.COLORMAP_JET)  # BGR
    base = cv2.cvtColor(result.model_input, cv2.COLOR_RGB2BGR)
    weight = (HEATMAP_ALPHA * result.heatmap)[..., None]  # cold areas stay see-through
    blended = (base * (1 - weight) + heat * weight).astype(np.uint8)
    ok, png = cv2.imencode(".png", blended)
    return png.tobytes() if ok else None
