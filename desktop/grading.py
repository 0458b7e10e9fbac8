"""Grade one photo and put it in managed storage: the step the batch and the UI workers share.

Qt-free and database-free, so a UI worker thread can run it; the caller then saves
the outcome with Store.record_graded_photo (one transaction) on its own thread. The
photo is read once: the bytes graded are the bytes sealed, and the result records
their sha256.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.store import PhotoFiles, StoredFile
from fundus.grader import GradeResult, Grader
from fundus.image import PhotoBytes, read_photo_bytes
from fundus.overlay import overlay_png


@dataclass
class GradedPhoto:
    source: Path
    stored: StoredFile
    result: GradeResult
    overlay_png: bytes | None


def grade_and_ingest(grader: Grader, files: PhotoFiles, path: str | os.PathLike,
                     sha256: str | None = None) -> GradedPhoto:
    """Read, grade, then seal: a file that cannot be read (ImageError) is never stored. `sha256`:
    what the caller hashed earlier (a file that changed since is refused, StoreError)."""
    photo = read_photo_bytes(path)
    return seal_graded(files, Path(path), photo, grader.grade_photo(photo), sha256)


def seal_graded(files: PhotoFiles, source: Path, photo: PhotoBytes, result: GradeResult,
                expected_sha256: str | None = None) -> GradedPhoto:
    """Seal the very bytes `result` graded, and draw its heat map."""
    return GradedPhoto(source, files.seal(photo, expected_sha256), result, overlay_png(result))


def model_label(grader: Grader) -> tuple[str, str, str]:
    """(name, version, manifest sha256): what a result records as the model that graded it."""
    return grader.bundle.name, grader.bundle.version, grader.bundle.manifest_sha256
