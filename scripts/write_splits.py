"""Write the labels CSVs of a training config's splits, so the converter and the model
card evaluate on exactly the images training held out.

    python scripts/write_splits.py --config lite0_224 --out runs/splits

Writes one CSV per part of `training.splits.make_splits` (aptos_train.csv,
aptos_calibration.csv, aptos_val.csv, eyepacs_holdout.csv, natural_test.csv, ... in
the source's own layout); `converter evaluate --images <source folder> --labels
<part>.csv` grades just that part. NoFundus drops happen later, at decoding, and are
not applied here.

Also writes two folders of links for int8 calibration, so no evaluation image shapes
the quantization: aptos_train_images/ (the provider-filtered APTOS training part, the
converter's `--calibration` with `--preprocessed`) and calibration_photos/ (the photos
of the EyePACS training parts, enhanced and natural colour, `--calibration-photos`):
the model grades both kinds, and quantization needs the ranges of both.
"""
import argparse
from pathlib import Path

from fundus.labels import write_labels
from training.config import load_config
from training.splits import make_splits

CALIBRATION_LINKS = {"aptos_train": "aptos_train_images", "eyepacs_train": "calibration_photos",
                     "natural_train": "calibration_photos"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, images in make_splits(load_config(args.config)).items():
        layout = "aptos" if images.preprocessed else "eyepacs"
        write_labels(args.out / f"{name}.csv", layout, {p.stem: int(g) for p, g in zip(images.paths, images.grades)})
        print(f"{args.out / name}.csv: {len(images)} images")
        if name in CALIBRATION_LINKS:
            link_dir = args.out / CALIBRATION_LINKS[name]
            link_dir.mkdir(exist_ok=True)
            for path in images.paths:
                link = link_dir / path.name
                if not link.exists():
                    link.symlink_to(path.resolve())


if __name__ == "__main__":
    main()
