"""The reduced JPEG of a photo: what the hub stores and its graders see (a camera photo is 1-5 MB)."""
from __future__ import annotations

import cv2

from fundus.image import ImageError, decode_image
from fundus.text import QT_TRANSLATE_NOOP

REDUCED_MAX_SIDE = 1024
REDUCED_QUALITY = 85


def reduced_jpeg(data: bytes, name: str) -> tuple[bytes, int, int]:
    """The photo as a JPEG no larger than REDUCED_MAX_SIDE: (bytes, width, height). Deterministic.
    Raises ImageError for bytes that are no photo."""
    rgb = decode_image(data, name, min_side=REDUCED_MAX_SIDE)  # decodes big JPEGs at 1/2..1/8 straight away
    height, width = rgb.shape[:2]
    scale = REDUCED_MAX_SIDE / max(height, width)
    if scale < 1:
        width, height = round(width * scale), round(height * scale)
        rgb = cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA)
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, REDUCED_QUALITY])
    if not ok:
        raise ImageError(QT_TRANSLATE_NOOP("sync", "Could not make the reduced copy of photo {name}.")
                         .format(name=name))
    return jpeg.tobytes(), width, height
