"""Labelled fundus folders → cached uint8 arrays → batches for `fit`.

Images are decoded and preprocessed once and cached as .npy (keyed by folder, file
list, size and preprocessing version), so CPU epochs are not spent on JPEG decoding.
Photos (not the provider-filtered APTOS set) are cached as natural-colour disc crops,
before the Ben filter: the feeder applies the camera augmentations (training.camera)
and then the app's filter to each batch.

`BatchSource.batch(epoch, i)` makes every training batch; tf.data (TensorFlow) and a
keras.utils.PyDataset (JAX on the GPU machine has no TensorFlow) both call it. Order
and augmentation are drawn from (seed, epoch, i), so a resumed run sees the data in
exactly the order an uninterrupted one would.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from fundus.image import IMAGE_SUFFIXES, ImageError, read_image
import fundus.preprocess
from fundus.labels import read_labels
from fundus.preprocess import (PREPROCESS_VERSION, NoFundusError, crop_square, filter_square, from_preprocessed,
                               read_photo)
from training import camera
from training.losses import make_targets

log = logging.getLogger(__name__)

_PREPROCESS_SOURCE = Path(fundus.preprocess.__file__).read_bytes()


@dataclass(frozen=True)
class LabelledImages:
    """Image files with their grades. `preprocessed`: already cropped and Ben-filtered."""

    name: str
    paths: tuple[Path, ...]
    grades: np.ndarray
    preprocessed: bool

    def __len__(self) -> int:
        return len(self.paths)

    def take(self, index) -> "LabelledImages":
        index = np.asarray(index)
        return LabelledImages(self.name, tuple(self.paths[i] for i in index), self.grades[index],
                              self.preprocessed)

    def renamed(self, name: str) -> "LabelledImages":
        return LabelledImages(name, self.paths, self.grades, self.preprocessed)


def load_folder(folder: str | Path, preprocessed: bool, name: str | None = None) -> LabelledImages:
    """A folder with `labels.csv` in the APTOS or EyePACS layout, images in `images/` or beside it."""
    folder = Path(folder)
    labels = read_labels(folder / "labels.csv")
    image_dir = folder / "images" if (folder / "images").is_dir() else folder
    files = {p.stem: p for p in image_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES}
    paths, grades = [], []
    for image_id, grade in labels.items():
        if image_id not in files:
            log.warning("%s: no image for %s, skipped", folder, image_id)
            continue
        paths.append(files[image_id])
        grades.append(grade)
    return LabelledImages(name or folder.name, tuple(paths), np.array(grades, np.int64), preprocessed)


def stratified_split(grades, val_fraction: float = 0.2, seed: int = 42) -> tuple[np.ndarray, np.ndarray]:
    """Train and validation indices, class proportions kept in both."""
    index = np.arange(len(grades))
    train, val = train_test_split(index, test_size=val_fraction, stratify=grades, random_state=seed)
    return np.sort(train), np.sort(val)


def kfold_splits(grades, folds: int = 5, seed: int = 42) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified K-fold (train, validation) indices, for fold ensembles."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(grades)), grades))


def stratified_subset(grades, n: int | None, seed: int = 42) -> np.ndarray:
    """At most n indices with the class proportions kept (all when n is None or too big)."""
    index = np.arange(len(grades))
    if n is None or n >= len(grades):
        return index
    counts = np.bincount(grades)
    if n < np.count_nonzero(counts) or counts[counts > 0].min() < 2:
        return np.sort(np.random.default_rng(seed).choice(index, n, replace=False))
    subset, _ = train_test_split(index, train_size=n, stratify=grades, random_state=seed)
    return np.sort(subset)


def load_arrays(images: LabelledImages, size: int, cache_dir: str | Path,
                workers: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """(N×size×size×3 uint8, grades), decoded once and cached.

    Provider-filtered images come back as model inputs; photos as natural-colour disc
    crops (`crop_square`), which `filter_square` turns into model inputs. Photos
    without a detectable fundus are dropped with a warning, so the returned grades
    may be shorter than `images`.
    """
    key = _cache_key(images, size)
    cache = Path(cache_dir) / f"{images.name}-{size}-{key}"
    if (cache / "done").exists():
        return np.load(cache / "images.npy", mmap_mode="r"), np.load(cache / "grades.npy")
    log.info("decoding %d images of %s at %d px (cached in %s)", len(images), images.name, size, cache)
    decode = _decode_preprocessed if images.preprocessed else _decode_photo
    with ThreadPoolExecutor(workers) as pool:  # OpenCV releases the GIL while decoding
        decoded = list(pool.map(lambda p: decode(p, size), images.paths))
    keep = np.array([img is not None for img in decoded], bool)
    array = np.stack([img for img in decoded if img is not None]) if keep.any() else \
        np.zeros((0, size, size, 3), np.uint8)
    grades = images.grades[keep]
    cache.mkdir(parents=True, exist_ok=True)
    np.save(cache / "images.npy", array)
    np.save(cache / "grades.npy", grades)
    (cache / "done").write_text(json.dumps({"n": int(len(grades)), "dropped": int((~keep).sum())}))
    return array, grades


def model_inputs(images: np.ndarray, natural: np.ndarray) -> np.ndarray:
    """The model inputs of a mixed array: natural-colour crops filtered, the rest as is."""
    out = np.array(images)
    for i in np.flatnonzero(natural):
        out[i] = filter_square(out[i])
    return out


def _cache_key(images: LabelledImages, size: int) -> str:
    """Folder, files, size, and the preprocessing code itself: a change to
    fundus/preprocess.py that forgot to bump PREPROCESS_VERSION must not leave a model
    training on images the app no longer makes."""
    digest = hashlib.sha1(_PREPROCESS_SOURCE)
    for part in (PREPROCESS_VERSION, "crop", str(size), str(images.preprocessed), *map(str, images.paths)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:16]


def _decode_preprocessed(path: Path, size: int) -> np.ndarray:
    return from_preprocessed(read_image(path), size)


def _decode_photo(path: Path, size: int) -> np.ndarray | None:
    try:
        square, _ = crop_square(read_photo(path, size), size)
    except (NoFundusError, ImageError) as err:
        log.warning("%s dropped: %s", path.name, err)
        return None
    return square


def epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    """The shuffled order of epoch `epoch`: a pure function, so resume is exact."""
    return np.random.default_rng([seed, epoch]).permutation(n)


@dataclass
class BatchSource:
    """Training or evaluation batches over in-memory arrays.

    natural: per image, True where it is a natural-colour crop that gets the camera
    augmentation (with shuffle, i.e. training) and the Ben filter. `repeat` lists how
    many times each image appears per epoch (oversampling a small field-like set).
    `targets` replaces the grades' targets (distillation's soft targets).
    """

    images: np.ndarray
    grades: np.ndarray
    batch_size: int
    shuffle: bool
    seed: int = 0
    natural: np.ndarray | None = None
    camera_options: dict | None = None
    repeat: np.ndarray | None = None
    targets: dict | None = None  # per head, N rows: soft targets instead of the grades' own

    def __post_init__(self):
        if self.targets is None:
            self.targets = make_targets(self.grades)
        n = len(self.images)
        self.natural = np.zeros(n, bool) if self.natural is None else np.asarray(self.natural, bool)
        self.index = np.repeat(np.arange(n), 1 if self.repeat is None else self.repeat)
        self.camera_options = camera.check_options(self.camera_options or {})

    def __len__(self) -> int:
        return steps_per_epoch(len(self.index), self.batch_size)

    def order(self, epoch: int) -> np.ndarray:
        if not self.shuffle:
            return self.index
        return self.index[epoch_order(len(self.index), self.seed, epoch)]

    def batch(self, epoch: int, i: int, order: np.ndarray | None = None):
        order = self.order(epoch) if order is None else order
        index = order[i * self.batch_size:(i + 1) * self.batch_size]
        images = np.array(self.images[index])
        rng = np.random.default_rng([self.seed, epoch, i])
        for j in np.flatnonzero(self.natural[index]):
            crop = camera.augment(images[j], rng, self.camera_options) if self.shuffle else images[j]
            images[j] = filter_square(crop)
        return images.astype(np.float32), {head: target[index] for head, target in self.targets.items()}


class ArrayBatches(keras.utils.PyDataset):
    """A BatchSource as a PyDataset (any backend), one epoch at a time."""

    def __init__(self, images, grades, batch_size: int, shuffle: bool, seed: int = 0, epoch: int = 0,
                 **source_options):
        super().__init__()
        self.source = BatchSource(images, grades, batch_size, shuffle, seed, **source_options)
        self.epoch = epoch
        self._order = self.source.order(epoch)

    def __len__(self) -> int:
        return len(self.source)

    def __getitem__(self, i):
        return self.source.batch(self.epoch, i, self._order)

    def on_epoch_end(self):
        self.epoch += 1
        self._order = self.source.order(self.epoch)


def batches(images, grades, batch_size: int, shuffle: bool, seed: int = 0, epoch: int = 0,
            epochs: int = 1, **source_options):
    """Training or validation batches for `fit`/`predict` on the current backend.

    For training (shuffle=True) on TensorFlow the tf.data pipeline covers epochs
    `epoch`..`epochs-1`; pass steps_per_epoch=`steps_per_epoch(...)` to fit.
    source_options: BatchSource's natural / camera_options / repeat / targets.
    """
    if keras.backend.backend() != "tensorflow":
        return ArrayBatches(images, grades, batch_size, shuffle, seed, epoch, **source_options)
    return _tf_batches(BatchSource(images, grades, batch_size, shuffle, seed, **source_options), epoch, epochs)


def steps_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)


def _tf_batches(source: BatchSource, epoch: int, epochs: int):
    import tensorflow as tf

    steps = len(source)
    if not source.shuffle:
        epoch, epochs = 0, 1
    size = source.images.shape[1:]
    head_shapes = {head: t.shape[1:] for head, t in source.targets.items()}

    def make(k):
        images, targets = source.batch(int(k) // steps, int(k) % steps)
        return (images, *targets.values())

    def load(k):
        images, *targets = tf.numpy_function(make, [k], [tf.float32] * (1 + len(head_shapes)))
        images.set_shape((None, *size))
        for target, shape in zip(targets, head_shapes.values()):
            target.set_shape((None, *shape))
        return images, dict(zip(head_shapes, targets))

    # Two batches in flight: OpenCV releases the GIL, so augmentation overlaps the step.
    return tf.data.Dataset.range(epoch * steps, epochs * steps).map(load, num_parallel_calls=2).prefetch(2)
