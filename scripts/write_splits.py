"""Write the labels CSVs of a training config's splits, so the converter and the model
card evaluate on exactly the images training held out.

    python scripts/write_splits.py --config shipped_mnv2_160 --out runs/splits

Writes aptos_val.csv, aptos_train.csv (id_code,diagnosis) and eyepacs_holdout.csv,
eyepacs_pretrain.csv (image,level): the same seeded stratified splits `training.run`
makes (NoFundus drops happen later, at decoding, and are not applied here). Also
aptos_train_images/, links to the training images: int8 calibration draws from it, so
no validation image shapes the quantization.
"""
import argparse
from pathlib import Path

from fundus.labels import write_labels
from training.config import load_config
from training.data import load_folder, stratified_split


def write(path: Path, layout: str, images, index) -> None:
    write_labels(path, layout, {images.paths[i].stem: int(images.grades[i]) for i in index})
    print(f"{path}: {len(index)} images")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    cfg = load_config(args.config)
    d, seed = cfg["data"], cfg["seed"]
    args.out.mkdir(parents=True, exist_ok=True)
    aptos = load_folder(d["aptos"], preprocessed=True, name="aptos")
    train, val = stratified_split(aptos.grades, d["val_fraction"], seed)
    write(args.out / "aptos_train.csv", "aptos", aptos, train)
    write(args.out / "aptos_val.csv", "aptos", aptos, val)
    link_dir = args.out / "aptos_train_images"
    link_dir.mkdir(exist_ok=True)
    for i in train:
        link = link_dir / aptos.paths[i].name
        if not link.exists():
            link.symlink_to(aptos.paths[i].resolve())
    if d["eyepacs"]:
        eyepacs = load_folder(d["eyepacs"], preprocessed=False, name="eyepacs")
        pre, hold = stratified_split(eyepacs.grades, d["holdout_fraction"], seed)
        write(args.out / "eyepacs_pretrain.csv", "eyepacs", eyepacs, pre)
        write(args.out / "eyepacs_holdout.csv", "eyepacs", eyepacs, hold)


if __name__ == "__main__":
    main()
