"""Where the app keeps its data, and keeping it private to the OS user."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dr-screen"
ENV_DATA_DIR = "DR_SCREEN_DATA"

# Patient photos and records: owner only (no group/other access).
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: `override`, else $DR_SCREEN_DATA, else the platform's app-data dir.

    Created (owner-only) if missing.
    """
    chosen = override or os.environ.get(ENV_DATA_DIR) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser().resolve()
    make_private_dir(path)
    return path


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    # mkdir's mode is filtered by the umask and ignored for existing dirs.
    os.chmod(path, DIR_MODE)


def make_private_file(path: Path) -> None:
    if path.exists():
        os.chmod(path, FILE_MODE)


def private_opener(path, flags: int) -> int:
    """`open(..., opener=private_opener)`: the file is owner-only, also when it existed before."""
    fd = os.open(path, flags, FILE_MODE)
    if hasattr(os, "fchmod"):  # not on Windows, where the data folder's ACL applies
        os.fchmod(fd, FILE_MODE)
    return fd

