"""Draw the synthetic fundus photo the self-test grades (sample_fundus.jpg).

Real patient photos stay out of the repository, so the shipped sample is drawn:
a dark frame, an orange retina disc with uneven light, an optic disc, a fovea and
branching vessels. It passes the gradability check like a real photo; its grade
means nothing, the self-test only proves the whole path runs.

    python desktop/assets/make_sample.py
"""
from pathlib import Path

import cv2
import numpy as np

OUT = Path(__file__).resolve().parent / "sample_fundus.jpg"
W, H, R = 1000, 750, 340


def draw_vessels(img, rng, start, angle, width, depth):
    """A vessel as a jittered polyline that forks a few times."""
    if depth == 0 or width < 1:
        return
    x, y = start
    for _ in range(int(rng.integers(6, 10))):
        angle += rng.normal(0, 0.25)
        nx, ny = x + 22 * np.cos(angle), y + 22 * np.sin(angle)
        cv2.line(img, (int(x), int(y)), (int(nx), int(ny)), (40, 20, 120), int(width), cv2.LINE_AA)
        x, y = nx, ny
    for turn in (-0.5, 0.5):
        draw_vessels(img, rng, (x, y), angle + turn, width * 0.7, depth - 1)


def main():
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W / 2, H / 2
    light = 1.0 - 0.45 * np.hypot(xx - cx + 80, yy - cy) / R  # brighter towards the optic disc
    img = np.zeros((H, W, 3), np.float32)
    for channel, level in enumerate((50, 110, 210)):  # BGR: orange-red retina
        img[..., channel] = level * light
    fovea = np.exp(-((xx - cx - 60) ** 2 + (yy - cy) ** 2) / (2 * 45 ** 2))
    img *= (1 - 0.35 * fovea)[..., None]
    img += rng.normal(0, 4, img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    disc_centre = (int(cx - 190), int(cy - 10))
    for angle in np.linspace(0, 2 * np.pi, 6, endpoint=False):
        draw_vessels(img, rng, disc_centre, angle, 7, 4)
    cv2.circle(img, disc_centre, 48, (150, 220, 250), -1, cv2.LINE_AA)
    mask = np.zeros((H, W), np.uint8)
    cv2.circle(mask, (int(cx), int(cy)), R, 1, -1, cv2.LINE_AA)
    img[mask == 0] = 0
    img = cv2.GaussianBlur(img, (0, 0), 1.0)
    cv2.imwrite(str(OUT), img, [cv2.IMWRITE_JPEG_QUALITY, 88])
    print(OUT)


if __name__ == "__main__":
    main()
