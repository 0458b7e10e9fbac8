"""Files and folders private to the OS user (owner-only), for the laptop's data and the hub's alike."""

from __future__ import annotations

import os
from pathlib import Path

# Patient photos and records, keys, secrets: no group/other access.
DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    # mkdir's mode is filtered by the umask and ignored for existing dirs.
    os.chmod(path, DIR_MODE)


def make_private_file(path: Path) -> None:
    if path.exists():
        os.chmod(path, FILE_MODE)
