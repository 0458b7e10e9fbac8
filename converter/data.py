"""Validation and calibration images for the converter, turned into model inputs by
the app's own code (fundus.grader.prepare_path for camera photos,
fundus.preprocess.from_preprocessed for already-filtered datasets)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from converter import UserError
from fundus import labels as labels_lib
from fundus.image import IMAGE_SUFFIXES
from fundus.grader import prepare_path
from fundus.image import ImageError, read_image
from fundus.preprocess import from_preprocessed
from fundus.progress import Progress


@dataclass
class ModelInputs:
    names: list[str]  # file stems, one per kept image
    images: np.ndarray  # N x S x S x 3 uint8
    grades: np.ndarray | None  # N true grades, or None for unlabelled images
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def read_labels(csv_path: str | Path) -> dict[str, int]:
    """image id (file stem) -> grade, from either labels.csv layout."""
    try:
        return labels_lib.read_labels(csv_path)
    except labels_lib.LabelsError as e:
        raise UserError(str(e)) from None


def image_files(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"image folder not found: {folder}")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not files:
        raise UserError(f"no images (jpg, png, tif, bmp) in {folder}")
    return files


def labelled_files(folder: str | Path, labels_csv: str | Path) -> tuple[list[Path], np.ndarray]:
    """The images in `folder` that have a grade in `labels_csv`, with those grades."""
    labels = read_labels(labels_csv)
    files = [p for p in image_files(folder) if p.stem in labels]
    if not files:
        raise UserError(f"none of the images in {folder} is listed in {labels_csv}")
    return files, np.array([labels[p.stem] for p in files], np.int64)


def sample(files: list[Path], n: int | None, seed: int = 0) -> np.ndarray:
    """Indices of a reproducible random subset of n files (all when n is None)."""
    if n is None or n >= len(files):
        return np.arange(len(files))
    return np.sort(np.random.default_rng(seed).choice(len(files), n, replace=False))


def load_inputs(files: list[Path], size: int, preprocessed: bool, grades: np.ndarray | None = None,
                label: str = "images") -> ModelInputs:
    """Model inputs for `files`. Photos the app would call ungradable (no fundus,
    failed quality check) or could not read are skipped and listed with the reason."""
    names, images, kept, skipped = [], [], [], []
    with Progress(len(files), label) as progress:
        for i, path in enumerate(files):
            image, reasons = model_input(path, size, preprocessed)
            if image is None:
                skipped.append((path.name, "; ".join(reasons)))
            else:
                names.append(path.stem)
                images.append(image)
                kept.append(i)
            progress.advance()
    array = np.stack(images) if images else np.zeros((0, size, size, 3), np.uint8)
    return ModelInputs(names, array, None if grades is None else grades[kept], skipped)


def model_input(path: Path, size: int, preprocessed: bool) -> tuple[np.ndarray | None, list[str]]:
    try:
        if preprocessed:
            return from_preprocessed(read_image(path), size), []
        return prepare_path(path, size)
    except ImageError as e:
        return None, [str(e)]
