"""Pack the shared training images small enough to travel to a lent GPU machine
(whose working tree may hold 64 MiB): APTOS re-encoded as JPEG q72 at 224 px, EyePACS
(raw, to be preprocessed there) downscaled to 168 px, JPEG q75. The shipped model was
trained on this pack; docs/model-card.md says so.

    python scripts/pack_training_data.py [--data ../shared/data] [--out .gpu/data]
"""
import argparse
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2

ROOT = Path(__file__).resolve().parents[1]
SETS = {  # name: (source folder, side or None to keep, JPEG quality)
    "aptos": ("aptos2019-gaussian224", None, 72),
    "eyepacs": ("eyepacs2015-enhanced256", 168, 75),
}


def pack(src: Path, dst: Path, side: int | None, quality: int) -> None:
    img = cv2.imread(str(src))
    if side:
        img = cv2.resize(img, (side, side), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(dst), img, [cv2.IMWRITE_JPEG_QUALITY, quality])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / ".gpu" / "data")
    args = parser.parse_args()
    for name, (folder, side, quality) in SETS.items():
        src, dst = args.data / folder, args.out / name
        (dst / "images").mkdir(parents=True, exist_ok=True)
        shutil.copy(src / "labels.csv", dst / "labels.csv")
        files = sorted((src / "images").glob("*.jpg"))
        with ThreadPoolExecutor() as pool:
            list(pool.map(lambda f: pack(f, dst / "images" / f.name, side, quality), files))
        print(f"{name}: {len(files)} images -> {dst}")


if __name__ == "__main__":
    main()
