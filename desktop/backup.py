"""Rotating online backups of the local database, and restoring one. Qt-free.

A backup is a full copy of the SQLite database taken with SQLite's online backup
API (consistent while the app has it open, WAL included) into a database encrypted
with the same SQLCipher key (desktop/vault.py), checked with ``PRAGMA quick_check``
and written owner-only to ``backups/`` in the data folder::

    backups/dr-screen-20250301-173002-123456.db

The newest ``KEEP`` are kept. Photos are not copied: they are content-addressed
files that never change once stored, so the database is the only thing that needs
a history. ``restore`` puts a backup back in place of a damaged database, keeping
the damaged file (and its -wal/-shm) beside it, never deleting anything.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop import vault
from desktop.partial import partial_file
from desktop.paths import make_private_dir, make_private_file
from desktop.vault import Keys
from fundus.text import QT_TRANSLATE_NOOP

BACKUP_DIR = "backups"
KEEP = 7
DAILY = timedelta(hours=24)
_STAMP = "%Y%m%d-%H%M%S-%f"


class BackupError(Exception):
    """A backup that could not be made or restored; the message (a fundus.text.Text) says why."""


def backups(data_dir: Path, db_name: str) -> list[Path]:
    """The backups of `db_name` in the data folder, newest first."""
    folder = data_dir / BACKUP_DIR
    return sorted(folder.glob(f"{Path(db_name).stem}-*.db"), reverse=True) if folder.is_dir() else []


def taken_at(backup: Path) -> datetime:
    stamp = "-".join(backup.stem.rsplit("-", 3)[1:])  # NAME-<date>-<time>-<microseconds>
    return datetime.strptime(stamp, _STAMP).replace(tzinfo=timezone.utc)


def describe(backup: Path) -> str:
    return QT_TRANSLATE_NOOP("backup", "{name} (taken {time} UTC)").format(
        name=backup.name, time=f"{taken_at(backup):%Y-%m-%d %H:%M}")


def take(conn, data_dir: Path, db_name: str, keys: Keys, keep: int = KEEP) -> Path:
    """Copy the open database into a new backup; drop all but the newest `keep`. Returns its path."""
    folder = data_dir / BACKUP_DIR
    make_private_dir(folder)
    target = folder / f"{Path(db_name).stem}-{datetime.now(timezone.utc).strftime(_STAMP)}.db"
    # Journalled (desktop/partial.py): a backup killed half-way leaves no .part file past the next start.
    with partial_file(data_dir, target) as part:
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # owner-only from the start
            copy = vault.connect(part, keys)
            try:
                conn.backup(copy)
                if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise BackupError(QT_TRANSLATE_NOOP("backup", "The backup of the database was not made: the "
                                                                  "copy failed its integrity check. Try again."))
            finally:
                copy.close()
            os.replace(part, target)
        except (OSError, vault.Error) as e:
            raise BackupError(QT_TRANSLATE_NOOP("backup", "The backup of the database was not made ({reason}). "
                                                          "Check the free disk space.").format(reason=e)) from e
    for old in backups(data_dir, db_name)[keep:]:
        old.unlink(missing_ok=True)
    return target


def due(data_dir: Path, db_name: str, now: datetime | None = None) -> bool:
    """True when there is no backup from the last 24 hours."""
    newest = backups(data_dir, db_name)[:1]
    return not newest or (now or datetime.now(timezone.utc)) - taken_at(newest[0]) >= DAILY


def check(path: Path, keys: Keys) -> str | None:
    """None when the database file opens with the key and passes quick_check, else what is wrong."""
    try:
        conn = vault.connect(path, keys, readonly=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except vault.DatabaseError as e:
        return str(e)
    return None if result == ["ok"] else "; ".join(result[:3])


def restore(db_path: Path, backup: Path, keys: Keys) -> Path:
    """Put `backup` in place of the database at `db_path`; returns where the old file was kept.

    The caller holds the instance lock (no dr-screen has the database open). The old
    database and its -wal/-shm are renamed, never deleted: a stale WAL beside the
    restored file would otherwise be replayed into it.
    """
    problem = check(backup, keys)
    if problem:
        raise BackupError(QT_TRANSLATE_NOOP("backup", "The backup {name} is damaged too ({problem}); choose an "
                                                      "older one.").format(name=backup.name, problem=problem))
    kept = db_path.with_name(f"{db_path.name}.damaged-{datetime.now(timezone.utc).strftime(_STAMP)}")
    with partial_file(db_path.parent, db_path.with_name(f"{db_path.name}.restore")) as part:
        try:
            with open(backup, "rb") as src, \
                    open(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as dst:
                while block := src.read(1 << 20):
                    dst.write(block)
                dst.flush()
                os.fsync(dst.fileno())
            for suffix in ("", "-wal", "-shm"):
                old = Path(f"{db_path}{suffix}")
                if old.exists():
                    os.replace(old, Path(f"{kept}{suffix}"))
            os.replace(part, db_path)
        except OSError as e:
            raise BackupError(QT_TRANSLATE_NOOP("backup", "The backup could not be restored ({reason}). Nothing "
                                                          "was deleted.").format(reason=e)) from e
    make_private_file(db_path)
    return kept
