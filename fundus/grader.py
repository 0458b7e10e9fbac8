"""Grade a fundus photo with a model bundle on LiteRT: photo -> quality check ->
preprocessing -> heads -> combined score -> grade, triage band, referable flag and CAM
heat map.

The app never guesses: a photo without a fundus, or one that fails the quality
check, comes back ungradable (and referable) with the reasons, never with a grade.

A Grader owns one LiteRT interpreter, which is not thread-safe: give each worker
thread its own Grader instead of sharing one. The steps before the model
(`prepare_photo`: decode, one disc detection for both the crop and the quality check)
need no Grader, so another thread can prepare the next photo meanwhile.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np

from fundus import grades
from fundus.bundle import MODEL_OUTPUTS, Bundle, BundleError, load_bundle
from fundus.image import PhotoBytes, read_photo_bytes
from fundus.preprocess import NoFundusError, decode_photo, find_disc_mask, preprocess, read_photo
from fundus.quality import assess
from fundus.triage import UNGRADABLE, is_referred


@dataclass
class GradeResult:
    gradable: bool
    reasons: list[str] = field(default_factory=list)
    grade: int | None = None
    grade_name: str = grades.grade_name(None)
    score: float | None = None
    probabilities: list[float] | None = None  # softmax head, grades 0..4
    referable: bool = True  # the band is urgent or refer, or the photo is ungradable
    heatmap: np.ndarray | None = None  # S x S float32 0..1, CAM of the regression head
    model_input: np.ndarray | None = None  # S x S x 3 uint8, what the model saw
    ms: float = 0.0
    # Calibrated P(referable DR) from the score; None when the bundle carries no calibration.
    referable_probability: float | None = None
    # The raw head outputs the score combines: {"regression": x, "classification": [5], "ordinal": [4]}.
    heads: dict | None = None
    # urgent | refer | clear (fundus.triage) by the grader's policy, from the score; ungradable without one.
    triage: str = UNGRADABLE
    sha256: str | None = None  # of the photo file's bytes that were decoded (None: graded from pixels)


@dataclass(frozen=True)
class Prepared:
    """A photo through the gate in front of the model (`prepare_photo`)."""

    sha256: str | None  # of the bytes decoded
    model_input: np.ndarray | None  # None: ungradable, for `reasons`
    reasons: list[str]
    ms: float  # decoding, the quality check and preprocessing


def _interpreter_class():
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        try:
            from tflite_runtime.interpreter import Interpreter
        except ImportError:
            raise BundleError("no TFLite runtime: install ai-edge-litert "
                              "(pip install ai-edge-litert)") from None
    return Interpreter


class Grader:
    """A verified bundle on one LiteRT interpreter. Not thread-safe: one per thread.

    `policy` names the bundle's triage policy that sets each result's band and
    referral (the manifest's default when None; see Bundle.policy)."""

    def __init__(self, bundle: Bundle | str | os.PathLike, num_threads: int = 2, policy: str | None = None):
        self.bundle = bundle if isinstance(bundle, Bundle) else load_bundle(bundle)
        self.policy = self.bundle.policy(policy)
        self.size = self.bundle.input_size
        # Verify the bytes we actually load: the file could change after load_bundle.
        self._model = Path(self.bundle.model_path).read_bytes()
        if hashlib.sha256(self._model).hexdigest() != self.bundle.manifest["model"]["sha256"]:
            raise BundleError(f"{self.bundle.model_path.name} changed after its bundle was verified")
        try:
            interpreter = _interpreter_class()(model_content=self._model, num_threads=num_threads)
            self._runner, self._input_name = self._signature(interpreter)
            # The first run applies LiteRT's XNNPACK delegate, which says so on the process's
            # stderr; a command's output is ours alone.
            with _quiet_stderr():
                self._runner(**{self._input_name: np.zeros((1, self.size, self.size, 3), np.float32)})
        except (ValueError, RuntimeError) as e:
            raise BundleError(f"{self.bundle.model_path.name} is not a loadable TFLite model: {e}") from None

    def _signature(self, interpreter):
        """Outputs are read by signature name: TFLite's tensor order is arbitrary."""
        signatures = interpreter.get_signature_list()
        if len(signatures) != 1:
            raise BundleError(f"{self.bundle.model_path.name}: expected one signature, found "
                              f"{sorted(signatures) or 'none'}")
        key, io = next(iter(signatures.items()))
        missing = set(MODEL_OUTPUTS) - set(io["outputs"])
        if len(io["inputs"]) != 1 or missing:
            raise BundleError(f"{self.bundle.model_path.name}: needs one input and outputs "
                              f"{list(MODEL_OUTPUTS)}; has {io['inputs']} -> {io['outputs']}")
        runner = interpreter.get_signature_runner(key)
        shape = tuple(runner.get_input_details()[io["inputs"][0]]["shape"])
        if shape != (1, self.size, self.size, 3):
            raise BundleError(f"{self.bundle.model_path.name}: input shape {shape} does not match "
                              f"the manifest's input size {self.size}")
        return runner, io["inputs"][0]

    def predict(self, batch_uint8: np.ndarray) -> dict[str, np.ndarray]:
        """Raw head outputs for a batch of model inputs (N x S x S x 3 uint8), one
        image per invoke (the model is exported with batch 1)."""
        batch = np.asarray(batch_uint8)
        if batch.ndim != 4 or batch.shape[1:] != (self.size, self.size, 3):
            raise ValueError(f"expected N x {self.size} x {self.size} x 3 images, got {batch.shape}")
        per_image = [self._runner(**{self._input_name: img[None].astype(np.float32)}) for img in batch]
        return {k: np.concatenate([o[k] for o in per_image]) for k in MODEL_OUTPUTS}

    def grade_path(self, path: str | os.PathLike) -> GradeResult:
        """Grade a photo file (raises fundus.image.ImageError if it cannot be read)."""
        return self.grade_photo(read_photo_bytes(path))

    def grade_photo(self, photo: PhotoBytes) -> GradeResult:
        """Grade a photo read once (`fundus.image.read_photo_bytes`); the result records its sha256."""
        return self.grade_prepared(prepare_photo(photo, self.size))

    def grade_prepared(self, prepared: Prepared) -> GradeResult:
        """Grade a photo `prepare_photo` made ready (perhaps on another thread)."""
        if prepared.model_input is None:
            result = GradeResult(False, list(prepared.reasons))
        else:
            result = self._grade(prepared.model_input, time.perf_counter())
        return replace(result, ms=prepared.ms + result.ms, sha256=prepared.sha256)

    def grade_rgb(self, rgb: np.ndarray) -> GradeResult:
        """Grade a decoded photo (RGB uint8, any size)."""
        start = time.perf_counter()
        model_input, reasons = prepare_rgb(rgb, self.size)
        return self.grade_prepared(Prepared(None, model_input, reasons, _ms_since(start)))

    def grade_input(self, model_input: np.ndarray) -> GradeResult:
        """Grade an image that is already a model input (S x S x 3 uint8, e.g. from
        fundus.preprocess.from_preprocessed); there is no photo to quality-check."""
        return self._grade(model_input, time.perf_counter())

    def _grade(self, model_input: np.ndarray, start: float) -> GradeResult:
        outputs = self.predict(model_input[None])
        combiner = self.bundle.combiner
        score = float(combiner.scores(outputs)[0])
        grade = int(combiner.grades(score)[0])
        # Quantized softmax outputs can miss 1 by a rounding step; renormalise.
        probabilities = outputs["classification"][0].astype(np.float64)
        probabilities = (probabilities / probabilities.sum()).tolist()
        likelihood = combiner.referable_probability(score)
        heads = {"regression": float(np.ravel(outputs["regression"][0])[0]), "classification": probabilities,
                 "ordinal": [float(p) for p in np.ravel(outputs["ordinal"][0])]}
        band = self.policy.band(score)
        return GradeResult(True, [], grade, grades.grade_name(grade), score, probabilities,
                           is_referred(band), cam_heatmap(outputs["cam"][0], self.size),
                           model_input, _ms_since(start),
                           referable_probability=None if likelihood is None else float(likelihood[0]), heads=heads,
                           triage=band)


def prepare_photo(photo: PhotoBytes, size: int) -> Prepared:
    """Decode a photo read once and pass it through the gate in front of the model
    (raises fundus.image.ImageError for bytes that are no usable photo)."""
    start = time.perf_counter()
    model_input, reasons = prepare_rgb(decode_photo(photo, size), size)
    return Prepared(photo.sha256, model_input, reasons, _ms_since(start))


def prepare_path(path: str | os.PathLike, size: int) -> tuple[np.ndarray | None, list[str]]:
    """The app's gate in front of the model, for a photo file: (model input, []) when a
    fundus is found and the photo passes the quality check, else (None, reasons)."""
    return prepare_rgb(read_photo(path, size), size)


def prepare_rgb(rgb: np.ndarray, size: int) -> tuple[np.ndarray | None, list[str]]:
    """Like prepare_path, for a decoded photo. The disc is found once, for the crop and
    the quality check (which runs on the decoded photo: the Ben filter hides exposure and focus)."""
    disc = find_disc_mask(rgb)
    try:
        model_input = preprocess(rgb, size, disc).image
    except NoFundusError as e:
        return None, [str(e)]
    quality = assess(rgb, disc)
    return (model_input, []) if quality.gradable else (None, list(quality.reasons))


def cam_heatmap(cam: np.ndarray, size: int) -> np.ndarray:
    """h x w (x 1) class-activation map -> size x size float32, scaled to 0..1."""
    upsampled = cv2.resize(np.asarray(cam, np.float32).reshape(cam.shape[:2]), (size, size),
                           interpolation=cv2.INTER_CUBIC)
    low, high = float(upsampled.min()), float(upsampled.max())
    if high - low < 1e-12:  # a flat map carries no location
        return np.zeros((size, size), np.float32)
    return ((upsampled - low) / (high - low)).astype(np.float32)


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


@contextlib.contextmanager
def _quiet_stderr():
    """Send what native code writes to file descriptor 2 to the null device meanwhile."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
