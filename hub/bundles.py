"""The model bundles the hub holds (its published-models folder), found by manifest sha256.

A result on the hub names the manifest that graded it (``results.model_sha256``).
The review page redraws that model's heat map from the hub's copy of the photo, and
the agreement report compares the graders with the numbers that bundle published.
Both need the bundle itself: ``python -m converter publish`` puts every bundle
there (``--no-offer`` for one the laptops should not be offered, e.g. the model
shipped with the app). Bundles are verified (publisher's signature, model sha256)
before use, exactly as on a laptop.
"""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from fundus.bundle import DEFAULT_POINTER, Bundle, BundleError, load_bundle, sha256_file
from fundus.grader import Grader
from fundus.image import ImageError
from fundus.overlay import overlay_png


class HubModels:
    """Bundles in one folder, verified once and kept (keyed by the manifest file's size and mtime)."""

    def __init__(self, folder: str | os.PathLike | None, key_folders: tuple[str | os.PathLike, ...] = ()):
        self.folder = Path(folder) if folder else None
        self.key_folders = tuple(key_folders)  # publisher keys besides the shipped ones and $DR_SCREEN_TRUSTED_KEYS
        self._index: dict[Path, tuple[tuple, str]] = {}   # manifest -> ((size, mtime), sha256)
        self._bundles: dict[str, Bundle | str] = {}        # sha256 -> Bundle, or why it was refused
        self._graders: dict[str, Grader] = {}
        self._lock = threading.Lock()  # a Grader is not thread-safe; page requests may come in parallel

    def _manifests(self) -> dict[str, Path]:
        """sha256 of each manifest's bytes -> its path."""
        if self.folder is None or not self.folder.is_dir():
            return {}
        found = {}
        for path in sorted(self.folder.glob("*.json")):
            if path.name == DEFAULT_POINTER:
                continue
            stat = path.stat()
            key = (stat.st_size, stat.st_mtime_ns)
            cached = self._index.get(path)
            if cached is None or cached[0] != key:
                cached = (key, sha256_file(path))
                self._index[path] = cached
            found[cached[1]] = path
        return found

    def bundle(self, manifest_sha256: str) -> Bundle | str:
        """The verified bundle, or a sentence saying why there is none."""
        with self._lock:
            if manifest_sha256 in self._bundles:
                return self._bundles[manifest_sha256]
            path = self._manifests().get(manifest_sha256)
            if path is None:
                return ("the hub does not hold the model that graded this photo (publish it to the hub with "
                        "`python -m converter publish`, see docs/review-loop.md)")
            try:
                found: Bundle | str = load_bundle(path, key_folders=self.key_folders)
            except BundleError as e:
                found = f"the hub's copy of this model is refused: {e}"
            self._bundles[manifest_sha256] = found
            return found

    def published_metrics(self, manifest_sha256: str) -> dict | None:
        """The validation numbers the bundle's publisher measured (manifest metrics.tflite), if the hub holds it."""
        bundle = self.bundle(manifest_sha256)
        return bundle.manifest.get("metrics", {}).get("tflite") if isinstance(bundle, Bundle) else None

    def overlay(self, manifest_sha256: str, jpeg: bytes) -> bytes | str:
        """The heat-map PNG of the photo as that model sees it, or why there is none."""
        bundle = self.bundle(manifest_sha256)
        if isinstance(bundle, str):
            return bundle
        with self._lock, tempfile.TemporaryDirectory() as tmp:
            photo = Path(tmp) / "photo.jpg"
            photo.write_bytes(jpeg)
            grader = self._graders.get(manifest_sha256) or self._graders.setdefault(manifest_sha256, Grader(bundle))
            try:
                result = grader.grade_path(photo)
            except ImageError as e:
                return f"the hub's copy of the photo cannot be read ({e})"
        if not result.gradable:
            return "no heat map: the model found this photo ungradable (" + "; ".join(result.reasons) + ")"
        return overlay_png(result) or "no heat map could be drawn"
