"""Preprocessing speed on the raw camera photos: naive path vs ours.

(a) naive: full-resolution decode, disc crop and Ben filter at full resolution
    (sigma scaled to the crop), circle mask, then resize to 224;
(b) ours: `fundus.preprocess.preprocess_path` (reduced-size JPEG decode, crop,
    resize, then filter at 224).

    python bench/bench_preprocess.py [--data ../shared/data] [--repeats 3]

Prints a markdown table for BENCHMARKS.md. Both paths run in the same process, one
photo after the other, so the ratio holds even on a noisy machine.
"""
import argparse
import os
import platform
import statistics
import time
from pathlib import Path

import cv2
from PIL import Image

from fundus.image import read_image
from fundus.preprocess import ben_graham, circle_mask, find_disc, preprocess_path, sigma_for

ROOT = Path(__file__).resolve().parents[1]


def naive(path, size=224):
    rgb = read_image(path)
    x0, y0, x1, y1 = find_disc(rgb)
    crop = rgb[y0:y1, x0:x1]
    side = max(crop.shape[:2])
    crop = cv2.resize(crop, (side, side), interpolation=cv2.INTER_LINEAR)
    filtered = circle_mask(ben_graham(crop, sigma_for(size) * side / size))
    return cv2.resize(filtered, (size, size), interpolation=cv2.INTER_AREA)


def ours(path, size=224):
    return preprocess_path(path, size)[1].image


def time_ms(fn, path, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(path)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    photos = sorted((Path(args.data) / "fundus-camera-raw").glob("*.jpeg"))
    rows = []
    for p in photos:
        w, h = Image.open(p).size
        rows.append((p.name, w * h / 1e6, time_ms(naive, p, args.repeats), time_ms(ours, p, args.repeats)))
    naive_med = statistics.median(r[2] for r in rows)
    ours_med = statistics.median(r[3] for r in rows)
    big = [r for r in rows if r[1] >= 12]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"OpenCV threads {cv2.getNumThreads()}")
    print(f"photos: {len(rows)} ({min(r[1] for r in rows):.1f}-{max(r[1] for r in rows):.1f} MP)\n")
    print("| path | median ms/photo (all) | median ms/photo (>= 12 MP) |")
    print("|---|---|---|")
    print(f"| (a) naive full-resolution | {naive_med:.1f} | {statistics.median(r[2] for r in big):.1f} |")
    print(f"| (b) ours (reduced decode) | {ours_med:.1f} | {statistics.median(r[3] for r in big):.1f} |")
    print(f"| ratio a/b | {naive_med / ours_med:.1f}x | "
          f"{statistics.median(r[2] for r in big) / statistics.median(r[3] for r in big):.1f}x |")


if __name__ == "__main__":
    main()
