"""Grade one photo and put it in managed storage: the step the batch and the UI workers share.

Qt-free and database-free, so a UI worker thread can run it; the caller then saves
the outcome with Store.record_graded_photo (one transaction) on its own thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.store import PhotoFiles, StoredFile
from fundus.grader import GradeResult, Grader
from fundus.overlay import overlay_png

@dataclass
class GradedPhoto:
    source: Path
    stored: StoredFile
    result: GradeResult
    overlay_png: bytes | None


def grade_and_ingest(grader: Grader, files: PhotoFiles, path: str | os.PathLike,
                     sha256: str | None = None) -> GradedPhoto:
    """Grade first, then copy: a file that cannot be read (ImageError) is never stored."""
    path = Path(path)
    result = grader.grade_path(path)
    stored = files.ingest(path, sha256)
    return GradedPhoto(path, stored, result, overlay_png(result))


def model_label(grader: Grader) -> tuple[str, str, str]:
    """(name, version, manifest sha256): what a result records as the model that graded it."""
    return grader.bundle.name, grader.bundle.version, grader.bundle.manifest_sha256
