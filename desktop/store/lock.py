"""One running dr-screen per data folder: an exclusive OS lock on a file beside the database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.paths import make_private_file
from desktop.store.errors import InstanceLockedError
from fundus.text import QT_TRANSLATE_NOOP


class InstanceLock:
    """An exclusive OS lock on a file next to the database; released by the OS if we die."""

    def __init__(self, path: Path):
        self.path = path
        self._file = open(path, "a+")
        make_private_file(path)
        try:
            _lock_file(self._file)
        except OSError:
            self._file.seek(0)
            holder = self._file.read().strip() or "unknown"
            self._file.close()
            raise InstanceLockedError(QT_TRANSLATE_NOOP(
                "store", "dr-screen is already running on this data (process {process}), so this copy cannot "
                         "open it: {folder}. Close the other dr-screen window or batch job first, then try again.")
                .format(process=holder, folder=path.parent)) from None
        self._file.seek(0)
        self._file.truncate()
        self._file.write(str(os.getpid()))
        self._file.flush()

    def release(self) -> None:
        if not self._file.closed:
            self._file.close()  # closing the descriptor drops the lock


if sys.platform == "win32":
    import msvcrt

    def _lock_file(f) -> None:
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_file(f) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
