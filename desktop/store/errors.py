"""What can go wrong with the camp's records, in words a technician can act on."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from pathlib import Path
from typing import Iterator

from desktop import vault
from fundus.text import QT_TRANSLATE_NOOP

SQLITE_OPERATIONAL_ERRORS = (sqlite3.OperationalError, vault.OperationalError)


class StoreError(Exception):
    """A problem the technician must see; the message says what to do."""


class InstanceLockedError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


class InvalidInputError(StoreError):
    pass


class DuplicatePatientError(InvalidInputError):
    pass


class PhotoConflictError(StoreError):
    """The photo is already stored for another patient or eye."""


class NotSignedInError(StoreError):
    """A change with nobody signed in: every change must be attributable."""


class PlainStoreError(StoreError):
    """The database is not encrypted yet (desktop/store/plain_migration.py encrypts it)."""


class DamagedDatabaseError(StoreError):
    """The database fails its integrity check; `backup` is the newest backup, if any."""

    def __init__(self, message: str, backup_path: Path | None):
        super().__init__(message)
        self.backup = backup_path


@contextlib.contextmanager
def disk_full_is_clear() -> Iterator[None]:
    """Turn SQLite's and the OS's 'disk full' into a DiskFullError a technician understands."""
    try:
        yield
    except SQLITE_OPERATIONAL_ERRORS as e:
        if "full" in str(e).lower():
            raise DiskFullError(QT_TRANSLATE_NOOP(
                "store", "The disk is full, so nothing was saved for this step. "
                         "Free some space (or move old exports off this computer), then try again.")) from e
        raise
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFullError(QT_TRANSLATE_NOOP(
                "store", "The disk is full, so the photo was not saved. "
                         "Free some space (or move old exports off this computer), then try again.")) from e
        raise


@contextlib.contextmanager
def folder_errors_are_clear(folder: Path) -> Iterator[None]:
    """A data folder this user cannot write (read-only, another owner, not a folder) as a StoreError."""
    try:
        yield
    except SQLITE_OPERATIONAL_ERRORS as e:
        if "locked" in str(e) or "full" in str(e).lower():
            raise
        raise StoreError(QT_TRANSLATE_NOOP(
            "store", "dr-screen cannot write its data folder {folder} ({reason}). Choose a folder this user may "
                     "write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.")
            .format(folder=folder, reason=e)) from e
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise
        raise StoreError(QT_TRANSLATE_NOOP(
            "store", "dr-screen cannot use its data folder {folder} ({reason}). Choose a folder this user may "
                     "write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.")
            .format(folder=folder, reason=e.strerror or e)) from e
