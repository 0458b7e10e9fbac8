"""Where the app keeps its data, and keeping it private to the OS user."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from fundus.private import DIR_MODE, FILE_MODE, make_private_dir, make_private_file  # noqa: F401 (re-exported)

APP_NAME = "dr-screen"
ENV_DATA_DIR = "DR_SCREEN_DATA"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: `override`, else $DR_SCREEN_DATA, else the platform's app-data dir.

    Created (owner-only) if missing.
    """
    chosen = override or os.environ.get(ENV_DATA_DIR) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser().resolve()
    make_private_dir(path)
    return path


def private_opener(path, flags: int) -> int:
    """`open(..., opener=private_opener)`: the file is owner-only, also when it existed before."""
    fd = os.open(path, flags, FILE_MODE)
    if hasattr(os, "fchmod"):  # not on Windows, where the data folder's ACL applies
        os.fchmod(fd, FILE_MODE)
    return fd

