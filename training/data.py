"""Labelled fundus folders → cached uint8 arrays → batches for `fit`.

Images are decoded and preprocessed once and cached as .npy (keyed by folder, file
list, size and preprocessing version), so CPU epochs are not spent on JPEG decoding.
Batches come from tf.data when the backend is TensorFlow and from a
keras.utils.PyDataset otherwise (JAX on the GPU machine has no TensorFlow). Both
draw the same per-epoch order from (seed, epoch), so a resumed run sees the data
in exactly the order an uninterrupted one would.
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

from fundus.image import ImageError, read_image
from fundus.labels import read_labels
from fundus.preprocess import PREPROCESS_VERSION, NoFundusError, from_preprocessed, preprocess_path
from training.losses import make_targets

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


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

    Photos without a detectable fundus are dropped with a warning, so the returned
    grades may be shorter than `images`.
    """
    key = _cache_key(images, size)
    cache = Path(cache_dir) / f"{images.name}-{size}-{key}"
    if (cache / "done").exists():
        return np.load(cache / "images.npy", mmap_mode="r"), np.load(cache / "grades.npy")
    log.info("decoding %d images of %s at %d px (cached in %s)", len(images), images.name, size, cache)
    decode = _decode_preprocessed if images.preprocessed else _decode_raw
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


def _cache_key(images: LabelledImages, size: int) -> str:
    digest = hashlib.sha1()
    for part in (PREPROCESS_VERSION, str(size), str(images.preprocessed), *map(str, images.paths)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:16]


def _decode_preprocessed(path: Path, size: int) -> np.ndarray:
    return from_preprocessed(read_image(path), size)


def _decode_raw(path: Path, size: int) -> np.ndarray | None:
    try:
        _, prepared = preprocess_path(path, size)
    except (NoFundusError, ImageError) as err:
        log.warning("%s dropped: %s", path.name, err)
        return None
    return prepared.image


def epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    """The shuffled order of epoch `epoch`: a pure function, so resume is exact."""
    return np.random.default_rng([seed, epoch]).permutation(n)


class ArrayBatches(keras.utils.PyDataset):
    """Batches of (float32 images, target dict) over in-memory arrays, any backend."""

    def __init__(self, images, grades, batch_size: int, shuffle: bool, seed: int = 0, epoch: int = 0):
        super().__init__()
        self.images, self.targets = images, make_targets(grades)
        self.batch_size, self.shuffle, self.seed, self.epoch = batch_size, shuffle, seed, epoch
        self._order = self._order_for(epoch)

    def __len__(self) -> int:
        return math.ceil(len(self.images) / self.batch_size)

    def __getitem__(self, i):
        index = self._order[i * self.batch_size:(i + 1) * self.batch_size]
        return (np.asarray(self.images[index], np.float32),
                {head: target[index] for head, target in self.targets.items()})

    def on_epoch_end(self):
        self.epoch += 1
        self._order = self._order_for(self.epoch)

    def _order_for(self, epoch: int) -> np.ndarray:
        n = len(self.images)
        return epoch_order(n, self.seed, epoch) if self.shuffle else np.arange(n)


def batches(images, grades, batch_size: int, shuffle: bool, seed: int = 0, epoch: int = 0,
            epochs: int = 1):
    """Training or validation batches for `fit`/`predict` on the current backend.

    For training (shuffle=True) on TensorFlow the tf.data pipeline covers epochs
    `epoch`..`epochs-1`, each in `epoch_order`; pass steps_per_epoch=len(...) to fit.
    """
    if keras.backend.backend() != "tensorflow":
        return ArrayBatches(images, grades, batch_size, shuffle, seed, epoch)
    return _tf_batches(images, grades, batch_size, shuffle, seed, epoch, epochs)


def steps_per_epoch(n: int, batch_size: int) -> int:
    return math.ceil(n / batch_size)


def _tf_batches(images, grades, batch_size, shuffle, seed, epoch, epochs):
    import tensorflow as tf

    images = tf.constant(np.asarray(images))
    targets = {head: tf.constant(t) for head, t in make_targets(grades).items()}
    n = int(images.shape[0])

    def gather(index):
        return (tf.cast(tf.gather(images, index), tf.float32),
                {head: tf.gather(t, index) for head, t in targets.items()})

    if not shuffle:
        return tf.data.Dataset.range(n).batch(batch_size).map(gather).prefetch(2)

    def one_epoch(e):
        order = tf.numpy_function(lambda e: epoch_order(n, seed, int(e)), [e], tf.int64)
        return tf.data.Dataset.from_tensor_slices(tf.reshape(order, [n])).batch(batch_size)

    return (tf.data.Dataset.range(epoch, epochs).flat_map(one_epoch)
            .map(gather, num_parallel_calls=tf.data.AUTOTUNE).prefetch(2))
