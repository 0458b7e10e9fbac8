"""Pack the shared training images small enough to travel to a lent GPU machine
(whose working tree may hold 64 MiB, the weight and Keras wheels included).

APTOS is re-encoded as it is (224 px, already filtered); the photos (EyePACS enhanced
and natural colour, the labelled camera photos) are cut to the fundus's bounding box
in natural colour (`fundus.preprocess.find_disc`) and downscaled, so the machine runs
the app's own preprocessing on them and finds the same disc.

    python scripts/pack_training_data.py [--data ../shared/data] [--out .gpu/data]
"""
import argparse
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2

from fundus.image import read_image
from fundus.preprocess import NoFundusError, find_disc

ROOT = Path(__file__).resolve().parents[1]
SETS = {  # name: (source folder, images in images/, longest side of a photo (None: as is), JPEG quality)
    "aptos": ("aptos2019-gaussian224", True, None, 40),
    "eyepacs": ("eyepacs2015-enhanced256", True, 192, 40),
    "natural": ("eyepacs2015-natural1024", True, 384, 70),
    "camera": ("fundus-camera-raw", False, 384, 80),
}


def pack(src: Path, dst: Path, side: int | None, quality: int) -> None:
    rgb = read_image(src)
    if side:
        try:
            x0, y0, x1, y1 = find_disc(rgb)
        except NoFundusError:  # packed whole: the machine drops it as training does here
            x0, y0, x1, y1 = 0, 0, rgb.shape[1], rgb.shape[0]
        # A dark margin of 4 % around the disc: the disc detector there needs a border.
        pad = int(0.04 * max(x1 - x0, y1 - y0))
        h, w = rgb.shape[:2]
        rgb = rgb[max(0, y0 - pad):min(h, y1 + pad), max(0, x0 - pad):min(w, x1 + pad)]
        scale = side / max(rgb.shape[:2])
        if scale < 1:
            rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(dst), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / ".gpu" / "data")
    args = parser.parse_args()
    for name, (folder, nested, side, quality) in SETS.items():
        src, dst = args.data / folder, args.out / name
        (dst / "images").mkdir(parents=True, exist_ok=True)
        shutil.copy(src / "labels.csv", dst / "labels.csv")
        files = sorted(p for p in (src / "images" if nested else src).iterdir()
                       if p.suffix.lower() in (".jpg", ".jpeg") and not p.name.startswith("unlabelled"))
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda f: pack(f, dst / "images" / f.with_suffix(".jpg").name, side, quality), files))
        size = sum(p.stat().st_size for p in (dst / "images").iterdir()) / 2**20
        print(f"{name}: {len(files)} images, {size:.1f} MiB -> {dst}")


if __name__ == "__main__":
    main()
