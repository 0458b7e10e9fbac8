"""Pick up the newest photo a fundus camera wrote to its folder (card or shared folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from fundus.files import file_sha256
from fundus.image import IMAGE_SUFFIXES

SETTLE_SECONDS = 1.0  # a file modified more recently may still be being written by the camera
CANDIDATES = 8  # hash only the newest few: a card can hold thousands of old photos


def newest_new_photo(folder: str | os.PathLike, is_known: Callable[[str], bool]) -> tuple[Path, str] | None:
    """The newest finished image under `folder` whose sha256 `is_known` does not recognise,
    with that sha256; None when there is none."""
    cutoff = time.time() - SETTLE_SECONDS
    files = []
    for path in Path(folder).rglob("*"):
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
            mtime = path.stat().st_mtime
            if mtime <= cutoff:
                files.append((mtime, path))
    for _, path in sorted(files, reverse=True)[:CANDIDATES]:
        sha = file_sha256(path)
        if not is_known(sha):
            return path, sha
    return None
