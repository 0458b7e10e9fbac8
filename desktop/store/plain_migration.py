"""Encrypt a data folder that an earlier dr-screen left in plain files, in place. Qt-free.

What is plain before, and where it goes (the vault's keys, desktop/vault.py):

    dr-screen.db (+ -wal)        -> dr-screen.db, SQLCipher (sqlcipher_export, then verified)
    photos/ab/<sha256>.jpg       -> photos/xy/<keyed name>.enc (AES-256-GCM)
    backups/dr-screen-*.db       -> the same names, SQLCipher
    dr-screen.db.damaged-*       -> the same names + ".sealed" (kept for a rescue, but sealed)
    sync.json (the hub token)    -> the database's settings
    laptop.key (export signing)  -> the database's settings (laptop.pub stays: it is public)

The encrypted database is built beside the plain one and verified (integrity check,
then every table's rows and row count compared with the plain file) before it takes
the plain file's name. Only then is each plain file overwritten and deleted
(store.shred). A crash at any point loses nothing: the next unlock finds where it
stopped (the plain database, or ``dr-screen.db.plain`` beside the encrypted one)
and goes on. Runs under the instance lock, before the Store opens the folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop import backup, vault
from desktop.paths import FILE_MODE, make_private_dir
from desktop.store.errors import StoreError
from desktop.store.files import PhotoFiles, shred
from desktop.store.lock import InstanceLock
from desktop.store.schema import DB_NAME
from desktop.vault import Keys

SYNC_JSON = "sync.json"
LAPTOP_KEY = "laptop.key"
SYNC_SETTING = "sync"
LAPTOP_KEY_SETTING = "laptop_key"
STAGED_BACKUPS = ".encrypting"
_PLAIN_PHOTO = re.compile(r"[0-9a-f]{64}\.[a-z]+")


class MigrationError(StoreError):
    """The encrypted copy did not match the plain database; nothing plain was removed."""


@dataclass
class Report:
    tables: dict[str, int] = field(default_factory=dict)  # rows per table, checked equal
    photos: int = 0
    backups: int = 0
    damaged_copies: int = 0
    settings: list[str] = field(default_factory=list)
    removed: int = 0  # plain files overwritten and deleted


def needs_migration(data_dir: Path, db_name: str = DB_NAME) -> bool:
    db = data_dir / db_name
    return vault.is_plain_sqlite(db) or _aside(db).exists()


def _aside(db: Path) -> Path:
    return db.with_name(f"{db.name}.plain")


def _staging(db: Path) -> Path:
    return db.with_name(f".{db.name}.encrypting")


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def encrypt_in_place(data_dir: str | os.PathLike, keys: Keys, db_name: str = DB_NAME) -> Report | None:
    """Encrypt a plain data folder (or finish an interrupted run); None when there was nothing plain."""
    data_dir = Path(data_dir)
    db = data_dir / db_name
    if not needs_migration(data_dir, db_name):
        return None
    lock = InstanceLock(data_dir / f"{Path(db_name).stem}.lock")
    try:
        report = Report()
        if vault.is_plain_sqlite(db):  # not switched yet: (re)build everything from the plain files
            staging = _staging(db)
            for stale in _sidecars(staging):
                stale.unlink(missing_ok=True)
            report.tables = _export(db, staging, keys)
            conn = vault.connect(staging, keys)
            try:
                report.settings = _move_settings(data_dir, conn)
                conn.commit()
            finally:
                conn.close()
            report.photos = _seal_photos(data_dir, keys)
            report.backups = _stage_backups(data_dir, db_name, keys)
            os.replace(db, _aside(db))  # then a crash leaves: staging + aside, and no db
        if not db.exists():
            staging = _staging(db)
            if not staging.exists():
                raise MigrationError(f"The plain database was moved to {_aside(db).name} but its encrypted copy "
                                     "is missing; nothing was deleted. Ask for help before starting again.")
            _check_copy(_aside(db), staging, keys)
            os.replace(staging, db)
        report.damaged_copies = _seal_damaged(data_dir, db_name, keys)
        report.removed = _remove_plain(data_dir, db, keys)
        return report
    finally:
        lock.release()


# ---------------------------------------------------------------- the database


def _export(plain: Path, target: Path, keys: Keys) -> dict[str, int]:
    """sqlcipher_export into `target` (WAL content included: it reads through SQLite), then verified."""
    conn = vault.connect_plain(plain)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE))
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(target), f"x'{keys.db_key.hex()}'"])
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    return _check_copy(plain, target, keys)


def _digests(conn) -> dict[str, tuple[int, str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {}
    for table in tables:
        digest, rows = hashlib.sha256(), 0
        for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):
            digest.update(repr(row).encode())
            rows += 1
        out[table] = (rows, digest.hexdigest())
    return out


def _check_copy(plain: Path, encrypted: Path, keys: Keys) -> dict[str, int]:
    """Rows per table, once the encrypted copy passes integrity_check and holds the very same rows."""
    source = vault.connect_plain(plain, readonly=True)
    copy = vault.connect(encrypted, keys, readonly=True)
    try:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise MigrationError("The encrypted copy of the database failed its integrity check; the plain "
                                 "database was kept as it is.")
        want, got = _digests(source), _digests(copy)
    except vault.DatabaseError as e:
        raise MigrationError(f"The encrypted copy of the database could not be checked ({e}); the plain "
                             "database was kept as it is.") from None
    finally:
        source.close()
        copy.close()
    if any(got.get(table) != digest for table, digest in want.items()):  # (the copy may have settings too)
        raise MigrationError("The encrypted copy of the database does not hold the same records as the plain "
                             "one; the plain database was kept as it is. Ask for help.")
    return {table: rows for table, (rows, _) in want.items()}


def _move_settings(data_dir: Path, conn) -> list[str]:
    """The hub token and the export signing key into the encrypted database (their files go later)."""
    conn.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)")
    moved = []
    for name, key in ((SYNC_JSON, SYNC_SETTING), (LAPTOP_KEY, LAPTOP_KEY_SETTING)):
        path = data_dir / name
        if path.is_file():
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                         [key, path.read_text(encoding="utf-8", errors="replace")])
            moved.append(name)
    return moved


# ---------------------------------------------------------------- files


def _plain_photos(data_dir: Path) -> list[Path]:
    folder = data_dir / "photos"
    return sorted(p for p in folder.glob("*/*") if p.is_file() and p.suffix != ".enc"
                  and _PLAIN_PHOTO.fullmatch(p.name)) if folder.is_dir() else []


def _seal_photos(data_dir: Path, keys: Keys) -> int:
    files = PhotoFiles(data_dir, keys)
    for photo in _plain_photos(data_dir):
        files.ingest(photo)  # idempotent: a run cut short seals the rest next time
    return len(_plain_photos(data_dir))


def _stage_backups(data_dir: Path, db_name: str, keys: Keys) -> int:
    """Encrypted copies of the plain backups in backups/.encrypting/ (they replace them after the switch)."""
    staged = data_dir / backup.BACKUP_DIR / STAGED_BACKUPS
    count = 0
    for plain in backup.backups(data_dir, db_name):
        if not vault.is_plain_sqlite(plain):
            continue
        make_private_dir(staged)
        target = staged / plain.name
        for stale in _sidecars(target):
            stale.unlink(missing_ok=True)
        try:
            _export(plain, target, keys)
        except (MigrationError, vault.DatabaseError):
            target.unlink(missing_ok=True)  # a damaged backup: sealed as a damaged copy below instead
            continue
        count += 1
    return count


def _seal_damaged(data_dir: Path, db_name: str, keys: Keys) -> int:
    """Plain files kept for a rescue (damaged databases, unreadable backups): sealed whole, name + ".sealed"."""
    candidates = [p for p in data_dir.glob(f"{db_name}.damaged-*") if not p.name.endswith(".sealed")]
    candidates += [p for p in backup.backups(data_dir, db_name) if vault.is_plain_sqlite(p)
                   and not (data_dir / backup.BACKUP_DIR / STAGED_BACKUPS / p.name).exists()]
    for path in candidates:
        sealed = path.with_name(f"{path.name}.sealed")
        fd = os.open(sealed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(vault.seal(keys.photo_key, path.read_bytes(), f"damaged copy {path.name}"))
            f.flush()
            os.fsync(f.fileno())
        shred(path)
    return len(candidates)


def _remove_plain(data_dir: Path, db: Path, keys: Keys) -> int:
    """After the switch: swap in the encrypted backups and overwrite + delete every plain file."""
    removed = 0
    staged = data_dir / backup.BACKUP_DIR / STAGED_BACKUPS
    if staged.is_dir():
        for copy in sorted(staged.glob("*.db")):
            removed += shred(data_dir / backup.BACKUP_DIR / copy.name)
            os.replace(copy, data_dir / backup.BACKUP_DIR / copy.name)
        for leftover in staged.iterdir():
            leftover.unlink()
        staged.rmdir()
    files = PhotoFiles(data_dir, keys)
    for photo in _plain_photos(data_dir):
        data = photo.read_bytes()
        try:
            sealed_ok = files.read(hashlib.sha256(data).hexdigest()) == data
        except StoreError:
            sealed_ok = False
        if not sealed_ok:
            raise MigrationError(f"The encrypted copy of the photo {photo.name} does not read back, so the plain "
                                 "photos were kept. Check the free disk space and start dr-screen again.")
        removed += shred(photo)
    for path in [*_sidecars(_aside(db)), data_dir / SYNC_JSON, data_dir / LAPTOP_KEY]:
        removed += shred(path)
    return removed
