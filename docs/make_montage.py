"""Side-by-side montage: raw camera photos, our preprocessing of them, APTOS
gaussian224 images as their provider filtered them, and the model input made of those.

    python docs/make_montage.py [--data ../shared/data] [--out docs/preprocess-montage.png]
"""
import argparse
from pathlib import Path

import cv2
import numpy as np

from fundus.image import read_image
from fundus.preprocess import from_preprocessed, preprocess_path

ROOT = Path(__file__).resolve().parents[1]


def tile(rgb, side=224):
    h, w = rgb.shape[:2]
    scale = side / max(h, w)
    small = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    out = np.zeros((side, side, 3), np.uint8)
    y, x = (side - small.shape[0]) // 2, (side - small.shape[1]) // 2
    out[y:y + small.shape[0], x:x + small.shape[1]] = small
    return out


def label(img, text):
    img = img.copy()
    cv2.putText(img, text, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 2, cv2.LINE_AA)
    cv2.putText(img, text, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    return img


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "preprocess-montage.png"))
    args = parser.parse_args()
    data = Path(args.data)
    raws = sorted((data / "fundus-camera-raw").glob("[0-9]*.jpeg"))[::2][:5]
    aptos = sorted((data / "aptos2019-gaussian224" / "images").glob("*.jpg"))[:5]
    rows = [
        [label(tile(read_image(p, 280)), "raw " + p.stem) for p in raws],
        [label(preprocess_path(p)[1].image, "ours " + p.stem) for p in raws],
        [label(read_image(p), "APTOS " + p.stem[:6]) for p in aptos],
        [label(from_preprocessed(read_image(p)), "input " + p.stem[:6]) for p in aptos],
    ]
    montage = np.vstack([np.hstack(r) for r in rows])
    cv2.imwrite(args.out, cv2.cvtColor(montage, cv2.COLOR_RGB2BGR))
    print(args.out)


if __name__ == "__main__":
    main()
