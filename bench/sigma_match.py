"""Which Ben Graham sigma makes raw camera photos look like the APTOS gaussian224 set?

Compares, inside the central 80 % of the disc, the per-channel std (local contrast
after the filter) of APTOS images with raw photos filtered at several sigmas.

    python bench/sigma_match.py [--data ../shared/data]
"""
import argparse
from pathlib import Path

import cv2
import numpy as np

from fundus.image import read_image
from fundus.preprocess import ben_graham, find_disc, from_preprocessed

ROOT = Path(__file__).resolve().parents[1]
SIZE = 224


def inner_disc(share=0.8):
    y, x = np.mgrid[0:SIZE, 0:SIZE] - (SIZE - 1) / 2
    return x ** 2 + y ** 2 <= (share * SIZE / 2) ** 2


def stats(images):
    mask = inner_disc()
    return np.median([img[mask].std(0) for img in images], 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    data = Path(args.data)
    aptos = [from_preprocessed(read_image(p)) for p in
             sorted((data / "aptos2019-gaussian224" / "images").glob("*.jpg"))[:300]]
    crops = []
    for p in sorted((data / "fundus-camera-raw").glob("*.jpeg")):
        rgb = read_image(p, min_side=280)
        x0, y0, x1, y1 = find_disc(rgb)
        crops.append(cv2.resize(rgb[y0:y1, x0:x1], (SIZE, SIZE), interpolation=cv2.INTER_AREA))
    print("| images | sigma at 224 | median std R/G/B inside disc |")
    print("|---|---|---|")
    print(f"| APTOS gaussian224 (300) | (as shipped) | {'/'.join(f'{v:.1f}' for v in stats(aptos))} |")
    for sigma in (10, 5, 3.5, 2.5):
        std = stats([ben_graham(c, sigma) for c in crops])
        print(f"| raw camera photos ({len(crops)}) | {sigma} | {'/'.join(f'{v:.1f}' for v in std)} |")


if __name__ == "__main__":
    main()
