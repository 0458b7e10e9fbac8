"""The camp's records: SQLite (via sqlite-utils) plus content-addressed photo files.

Qt-free; the UI and the headless batch both call it, it calls neither.

Layout of a data directory (owner-only: dirs 0700, files 0600)::

    vault.json              the wrapped data key and KDF settings (desktop/vault.py)
    dr-screen.db            SQLCipher (encrypted SQLite), WAL mode
    dr-screen.lock          held (exclusive) by the one running instance (named after the db)
    photos/ab/ab12....enc   the imported photos, AES-256-GCM, named by a keyed hash of their sha256
    backups/                rotating copies of the database, encrypted like it (desktop/backup.py)
    partial-files.json      exports being written right now (desktop/partial.py)

Tables: camp_sessions, patients (unique patient_code per camp), photos (unique
sha256), results (unique per photo + sha256 of the model manifest that graded it),
photo_corrections (who removed or moved a photo, when and why: desktop/corrections.py),
audit_log (desktop/audit.py), overlays (heat-map PNGs, derived data, local only),
users (accounts and PIN hashes, local only: desktop/users.py), settings (local
key/value: sync settings, the laptop's signing key, policies) and migrations.

Every change is made by the signed-in user (``Store.user``, set by
desktop/users.py) and written with its audit event in one transaction.

Opening checks the database (``PRAGMA quick_check``) and refuses a damaged one with
a DamagedDatabaseError naming the newest backup (desktop/backup.py); it never starts
an empty database over a damaged one.

Sync contract (for desktop/sync.py)
-----------------------------------
Every row of SYNCED_TABLES carries:

- ``id``: a UUID4 string, the primary key, stable forever (upsert on the hub by id);
- ``created_at`` / ``updated_at``: UTC ISO-8601 strings;
- ``version``: the per-record modification counter, 1 on insert, +1 on every change;
- ``sync_state``: ``'pending'`` after any insert or change, ``'synced'`` once pushed;
- ``synced_at``: when it was last confirmed (local only, for the retention policy).

A deleted patient is not removed: its personal fields are erased and ``deleted_at``
set (a new version, so the tombstone syncs and the hub erases it too); its photos'
rows become tombstones and their files are deleted (desktop/retention.py).
``purged_at`` (local only) marks a record whose personal data the retention policy
removed from this laptop after the hub confirmed it: no new version, nothing to send.

Push parents first (the order of SYNCED_TABLES)::

    for table in SYNCED_TABLES:
        rows = store.pending(table)                  # full rows, as dicts
        hub.upsert(table, rows, pk="id")             # whatever the hub needs
        store.mark_synced(table, [(r["id"], r["version"]) for r in rows])

``mark_synced`` only flips a row whose version is still the version pushed, so a
row edited while the push was in flight stays pending and goes next time.
Photo files are not in the database: ``photos.sha256`` finds them (``PhotoFiles``;
``stored_path`` records where it was stored). ``overlays`` is never synced.
desktop/corrections.py writes its records through ``_insert`` / ``update_record`` too, so
they follow this contract.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import sqlite3
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from desktop import PROG, audit, backup, partial, vault
from desktop.paths import FILE_MODE, make_private_dir, make_private_file
from desktop.vault import Keys
from fundus.text import QT_TRANSLATE_NOOP
from fundus.wire import SYNCED_TABLES  # shared with the hub; tests/test_wire.py ties fundus.wire to MIGRATIONS

log = logging.getLogger(__name__)

DB_NAME = "dr-screen.db"
EYES = ("right", "left")
EYE_NAMES = {"right": QT_TRANSLATE_NOOP("store", "right eye"), "left": QT_TRANSLATE_NOOP("store", "left eye")}
SEXES = ("female", "male", "other")
BUSY_TIMEOUT_MS = 5000
MAX_PHOTO_BYTES = 200 * 2**20  # fundus.image refuses larger files anyway
PERSONAL_FIELDS = ("patient_code", "name", "age", "sex", "diabetes_years", "phone", "notes")
SQLITE_OPERATIONAL_ERRORS = (sqlite3.OperationalError, vault.OperationalError)
AUTOMATIC = "dr-screen (automatic)"  # the actor of what the app does on its own with nobody signed in


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
    """The database is not encrypted yet (desktop/plain_migration.py encrypts it)."""


class DamagedDatabaseError(StoreError):
    """The database fails its integrity check; `backup` is the newest backup, if any."""

    def __init__(self, message: str, backup_path: Path | None):
        super().__init__(message)
        self.backup = backup_path


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_id() -> str:
    return str(uuid.uuid4())


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


# ---------------------------------------------------------------- photo files


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    stored_path: str  # relative to the data directory
    size_bytes: int  # of the original photo


class PhotoFiles:
    """Content-addressed photo files, sealed with AES-256-GCM (desktop/vault.py).

    A photo is stored once per content, under a keyed hash of its sha256 (the name says
    nothing about it), sealed with its sha256 as associated data (a file moved under
    another name does not open). No database access, so safe to call from worker threads.
    """

    def __init__(self, data_dir: Path, keys: Keys):
        self.data_dir, self._keys = data_dir, keys
        make_private_dir(data_dir / "photos")

    def relative(self, sha256: str) -> str:
        name = self._keys.photo_name(sha256)
        return f"photos/{name[:2]}/{name}.enc"

    def ingest(self, src: str | os.PathLike, sha256: str | None = None) -> StoredFile:
        """Seal `src` into managed storage (once per content); return where it lies.

        Pass `sha256` when the caller has just hashed the file: a photo that changed
        since (a camera still writing it) is refused rather than stored under a wrong name.
        """
        src = Path(src)
        if src.stat().st_size > MAX_PHOTO_BYTES:
            raise StoreError(QT_TRANSLATE_NOOP("store", "{name} is too large for a photo.").format(name=src.name))
        data = src.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if sha256 and sha256 != sha:
            raise StoreError(QT_TRANSLATE_NOOP("store", "{name} changed while it was being read (is the camera "
                                                        "still saving it?). Add it again.").format(name=src.name))
        rel = self.relative(sha)
        dest = self.data_dir / rel
        if not dest.exists():
            make_private_dir(dest.parent)
            # Unique temp name: two workers may ingest the same file at once.
            tmp = dest.with_name(f".{dest.stem}.{uuid.uuid4().hex}.part")
            try:
                with disk_full_is_clear():
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                    with os.fdopen(fd, "wb") as fout:
                        fout.write(vault.seal(self._keys.photo_key, data, sha))
                        fout.flush()
                        os.fsync(fout.fileno())
                    os.replace(tmp, dest)  # atomic: a crash leaves no half photo under its name
            finally:
                tmp.unlink(missing_ok=True)
        return StoredFile(sha, rel, len(data))

    def exists(self, sha256: str) -> bool:
        return (self.data_dir / self.relative(sha256)).is_file()

    def read(self, sha256: str) -> bytes:
        """The original photo's bytes; StoreError when its file is missing or damaged."""
        path = self.data_dir / self.relative(sha256)
        try:
            data = vault.unseal(self._keys.photo_key, path.read_bytes(), sha256)
        except (OSError, vault.VaultError) as e:
            raise StoreError(QT_TRANSLATE_NOOP("store", "The photo file {name} in the data folder cannot be read "
                                                        "({reason}). Restore the data folder from a copy.")
                             .format(name=path.name, reason=e)) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreError(QT_TRANSLATE_NOOP("store", "The photo file {name} in the data folder is damaged.")
                             .format(name=path.name))
        return data

    def remove(self, sha256: str) -> bool:
        """Erase a photo's file (overwritten, then deleted); True if there was one."""
        return shred(self.data_dir / self.relative(sha256))

    def remove_partials(self) -> None:
        """Delete temp files left by a crash mid-copy."""
        for part in (self.data_dir / "photos").glob("*/.*.part"):
            part.unlink(missing_ok=True)


def shred(path: Path) -> bool:
    """Overwrite a file with zeros, flush, then delete it; True if it existed.

    Best effort: on SSDs and journalling or copy-on-write file systems an old copy of the
    blocks may survive (docs/threat-model.md); what we remove this way is encrypted or is
    the plain copy being replaced by an encrypted one.
    """
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            block = bytes(1 << 20)
            for start in range(0, size, len(block)):
                f.write(block[:min(len(block), size - start)])
            f.flush()
            os.fsync(f.fileno())
    except FileNotFoundError:
        return False
    path.unlink()
    return True


# ---------------------------------------------------------------- instance lock


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


# ---------------------------------------------------------------- schema


def _record_columns() -> dict[str, type]:
    return {"id": str, "created_at": str, "updated_at": str, "version": int, "sync_state": str}


def _migration_1(db: sqlite_utils.Database) -> None:
    db["camp_sessions"].create(
        {**_record_columns(), "site": str, "operator": str, "date": str}, pk="id"
    )
    db["patients"].create(
        {
            **_record_columns(),
            "camp_session_id": str,
            "patient_code": str,
            "name": str,
            "age": int,
            "sex": str,
            "diabetes_years": float,
            "phone": str,
            "notes": str,
        },
        pk="id",
        foreign_keys=[("camp_session_id", "camp_sessions", "id")],
    )
    db["patients"].create_index(["camp_session_id", "patient_code"], unique=True)
    db["photos"].create(
        {
            **_record_columns(),
            "sha256": str,
            "patient_id": str,
            "eye": str,
            "original_name": str,
            "stored_path": str,
            "size_bytes": int,
        },
        pk="id",
        foreign_keys=[("patient_id", "patients", "id")],
    )
    db["photos"].create_index(["sha256"], unique=True)
    db["photos"].create_index(["patient_id"])
    db["results"].create(
        {
            **_record_columns(),
            "photo_id": str,
            "model_name": str,
            "model_version": str,
            "gradable": int,
            "reasons": str,  # JSON list of strings
            "grade": int,
            "grade_name": str,
            "score": float,
            "probabilities": str,  # JSON list of 5 floats, or null
            "referable": int,
            "ms": float,
        },
        pk="id",
        foreign_keys=[("photo_id", "photos", "id")],
    )
    db["results"].create_index(["photo_id", "model_name", "model_version"], unique=True)
    db["overlays"].create(
        {"result_id": str, "png": bytes}, pk="result_id", foreign_keys=[("result_id", "results", "id")]
    )
    for table in ("camp_sessions", "patients", "photos", "results"):  # the synced tables of schema 1
        db[table].create_index(["sync_state"])


def _migration_2(db: sqlite_utils.Database) -> None:
    """Results record the sha256 of the manifest that graded them: another bundle under the
    same name and version is another model and grades again. Older results keep NULL
    (the manifest that graded them is unknown), so no current bundle reuses them."""
    db["results"].add_column("model_sha256", str)
    db.execute("DROP INDEX idx_results_photo_id_model_name_model_version")
    db["results"].create_index(["photo_id", "model_sha256"], unique=True)


def _migration_3(db: sqlite_utils.Database) -> None:
    """The calibrated likelihood of referable DR and the raw head outputs of each result;
    the record of photo corrections (a photo is never deleted, only moved or unassigned).

    A database from a development build that numbered these changes 2 already has them
    but lacks migration 2's manifest sha256: it gets that here instead."""
    if "model_sha256" not in db["results"].columns_dict:
        _migration_2(db)
    if "referable_probability" in db["results"].columns_dict:
        return
    db["results"].add_column("referable_probability", float)
    db["results"].add_column("heads", str)  # JSON {"regression": x, "classification": [5], "ordinal": [4]}
    db["photo_corrections"].create(
        {
            **_record_columns(),
            "photo_id": str,
            "action": str,  # "remove" | "move"
            "from_patient_id": str,
            "from_eye": str,
            "to_patient_id": str,  # null when removed
            "to_eye": str,
            "reason": str,
            "operator": str,
        },
        pk="id",
        foreign_keys=[("photo_id", "photos", "id")],
    )
    db["photo_corrections"].create_index(["photo_id"])
    db["photo_corrections"].create_index(["sync_state"])


def _migration_4(db: sqlite_utils.Database) -> None:
    """Accounts, the audit trail, erasure and retention (encryption at rest came with it)."""
    db["users"].create({"id": str, "name": str, "role": str, "pin_hash": str, "active": int, "created_at": str,
                        "created_by": str, "failed_pins": int, "locked_until": float}, pk="id")
    db["users"].create_index(["name"], unique=True)
    db["settings"].create({"key": str, "value": str}, pk="key", if_not_exists=True)  # plain_migration may have
    db["results"].add_column("graded_by", str)
    for table in ("patients", "photos"):
        db[table].add_column("deleted_at", str)
        db[table].add_column("purged_at", str)  # local only
    for table in ("camp_sessions", "patients", "photos", "results", "photo_corrections"):
        db[table].add_column("synced_at", str)  # local only; the retention clock starts now for older rows
        db.execute(f"UPDATE [{table}] SET synced_at = ? WHERE sync_state = 'synced'", [now_utc()])
    audit.create_table(db)
    db["audit_log"].add_column("synced_at", str)


# Append only: each entry moves the schema from version i to i + 1.
MIGRATIONS = [_migration_1, _migration_2, _migration_3, _migration_4]
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- the store


class Store:
    """One open data directory. Not shared between threads: use it from one thread only.

    `keys` come from the unlocked vault (desktop/vault.py); open a data folder through
    desktop/unlock.py, which also encrypts a plain one first. Nobody is signed in until
    desktop/users.py's `login` sets `user`.
    """

    closed = False
    user: dict | None = None  # the signed-in account: {"name", "role"}

    def __init__(self, data_dir: str | os.PathLike, db_name: str = DB_NAME, *, keys: Keys,
                 _opened_by: "Store | None" = None):
        self.data_dir = Path(data_dir)
        self.db_name = db_name
        self.keys = keys
        self._owner = _opened_by is None  # the Store that holds the instance lock and tidies up
        with folder_errors_are_clear(self.data_dir):
            make_private_dir(self.data_dir)
            self._lock = InstanceLock(self.data_dir / f"{Path(db_name).stem}.lock") if self._owner else _opened_by._lock
        try:
            with folder_errors_are_clear(self.data_dir):
                self.files = PhotoFiles(self.data_dir, keys)
                self.db_path = self.data_dir / db_name
                if self._owner:  # a second connection must not delete the temp files of copies in flight
                    self.files.remove_partials()
                    partial.remove_stale(self.data_dir)
                    if vault.is_plain_sqlite(self.db_path):
                        raise PlainStoreError(f"The database {self.db_path} is not encrypted yet; open it "
                                              "through the set-up, which encrypts it.")
                    self._refuse_damaged()
                with disk_full_is_clear():
                    try:
                        self.db = sqlite_utils.Database(vault.connect(self.db_path, keys))
                    except vault.VaultError as e:  # not SQLCipher: refused, nothing written
                        raise StoreError(str(e)) from None
                    self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                    if self._owner:
                        self._check_integrity()
                    self.db.execute("PRAGMA foreign_keys = ON")
                    if self._owner:
                        self.db.enable_wal()
                        self._migrate()
                for suffix in ("", "-wal", "-shm"):
                    make_private_file(Path(f"{self.db_path}{suffix}"))
        except BaseException:
            if getattr(self, "db", None) is not None:
                self.db.close()
            if self._owner:
                self._lock.release()
            raise

    def open_for_thread(self) -> "Store":
        """A second connection to this data for a worker thread (an SQLite connection stays in
        the thread that made it), opened through the vault with the same keys, its changes by the
        user signed in now (who started the work). Call it in that thread, and close it before this Store."""
        other = Store(self.data_dir, self.db_path.name, keys=self.keys, _opened_by=self)
        other.user = dict(self.user) if self.user else None
        return other

    def close(self) -> None:
        self.db.close()
        if self._owner:
            self._lock.release()
        self.closed = True

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _refuse_damaged(self) -> None:
        """A 0-byte database beside stored photos or backups lost its content: never start it empty."""
        if self.db_path.exists() and self.db_path.stat().st_size == 0 and (
                any((self.data_dir / "photos").rglob("*.*")) or backup.backups(self.data_dir, self.db_name)):
            raise self._damaged("it is empty (0 bytes) although photos or backups are stored")

    def _check_integrity(self) -> None:
        try:
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check")]
        except vault.DatabaseError as e:
            if isinstance(e, vault.OperationalError) and any(
                    word in str(e) for word in ("locked", "readonly", "disk", "unable to open", "full")):
                raise  # not damage (folder_errors_are_clear explains)
            # "file is not a database" (the key is right: damage), "malformed", and SQLCipher's
            # "SQL logic error" for a page that fails its authentication code
            raise self._damaged(str(e)) from None
        if problems != ["ok"]:
            raise self._damaged("; ".join(problems[:2]))

    def _damaged(self, detail: str) -> DamagedDatabaseError:
        newest = (backup.backups(self.data_dir, self.db_name) or [None])[0]
        offer = QT_TRANSLATE_NOOP(
            "store", "The newest backup is {backup}: restore it with `{command}` (the damaged file is kept "
                     "beside it), then check the last records.").format(
            backup=backup.describe(newest), command=f"{PROG} restore --data-dir {self.data_dir}") if newest else \
            QT_TRANSLATE_NOOP("store", "There is no backup of it. Keep the data folder exactly as it is and ask "
                                       "for help.")
        return DamagedDatabaseError(QT_TRANSLATE_NOOP(
            "store", "The database {file} is damaged ({detail}), so dr-screen does not use it and changed "
                     "nothing. {offer}").format(file=self.db_path, detail=detail, offer=offer), newest)

    def _migrate(self) -> None:
        if "migrations" not in self.db.table_names():
            self.db["migrations"].create({"version": int, "applied_at": str}, pk="version")
        current = self.db.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(QT_TRANSLATE_NOOP(
                "store", "This database was written by a newer dr-screen (schema {found}, this program knows "
                         "{known}). Update dr-screen to open it.")
                .format(found=current, known=SCHEMA_VERSION))
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.db.atomic():
                MIGRATIONS[version - 1](self.db)
                self.db["migrations"].insert({"version": version, "applied_at": now_utc()})
            log.info("database migrated to schema %d", version)

    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM migrations").fetchone()[0]

    def backup(self, keep: int = backup.KEEP) -> Path:
        """A new rotating backup now (e.g. at camp close); raises StoreError if it failed.

        The event is recorded first, so the backup holds its own event (by the signed-in user,
        or AUTOMATIC when the window closes while locked)."""
        with disk_full_is_clear(), self.db.atomic():
            self.audit("backup", by=None if self.user else AUTOMATIC)
        try:
            return backup.take(self.db.conn, self.data_dir, self.db_name, self.keys, keep)
        except backup.BackupError as e:
            raise StoreError(e.args[0]) from None

    def backup_if_due(self) -> Path | None:
        """A backup when the newest is more than a day old (or there is none)."""
        return self.backup() if backup.due(self.data_dir, self.db_name) else None

    # ------------------------------------------------------------ who does it

    def actor(self) -> str:
        """The signed-in user's name; every change needs one."""
        if self.user is None:
            raise NotSignedInError(QT_TRANSLATE_NOOP("store", "Nobody is signed in, so nothing was changed. Sign "
                                                              "in with your PIN first."))
        return self.user["name"]

    def audit(self, action: str, target_table: str | None = None, target_id: str | None = None, *,
              by: str | None = None, **detail: Any) -> dict:
        """Record an event by the signed-in user, or `by` (who started it: a photo graded in the
        background while the window locked). Call inside the change's transaction."""
        return audit.record(self.db, self.keys.device_id, by or self.actor(), action, target_table, target_id,
                            **detail)

    def record_event(self, action: str, target_table: str | None = None, target_id: str | None = None,
                     **detail: Any) -> dict:
        """An event on its own (an export, a sync, a verification) in its own transaction."""
        with disk_full_is_clear(), self.db.atomic():
            return self.audit(action, target_table, target_id, **detail)

    # ------------------------------------------------------------ local settings (never synced)

    def setting(self, key: str) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return row["value"] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        """Set (or, with None, remove) a setting, in the caller's transaction if there is one."""
        if value is None:
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    # ------------------------------------------------------------ helpers

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        return list(self.db.query(sql, list(params)))

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _insert(self, table: str, fields: dict) -> dict:
        stamp = now_utc()
        row = {"id": new_id(), "created_at": stamp, "updated_at": stamp, "version": 1,
               "sync_state": "pending", **fields}
        self.db[table].insert(row)
        return self._one(f"SELECT * FROM [{table}] WHERE id = ?", [row["id"]])  # every column, as stored

    def update_record(self, table: str, row_id: str, fields: dict) -> None:
        """Change a record: bump its version and make it pending again."""
        sets = ", ".join(f"[{k}] = ?" for k in fields)
        self.db.execute(
            f"UPDATE [{table}] SET {sets}, updated_at = ?, version = version + 1, "
            "sync_state = 'pending' WHERE id = ?",
            [*fields.values(), now_utc(), row_id],
        )

    # ------------------------------------------------------------ camp sessions

    def create_camp(self, site: str, operator: str, date: str) -> dict:
        site, operator = site.strip(), operator.strip()
        if not site or not operator:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the camp site and the operator's name."))
        try:
            datetime.strptime(date, "%Y-%m-%d")
        except ValueError:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "The camp date must look like 2025-01-31, not {date}.")
                                    .format(date=repr(date))) from None
        with disk_full_is_clear(), self.db.atomic():
            camp = self._insert("camp_sessions", {"site": site, "operator": operator, "date": date})
            self.audit("camp_add", "camp_sessions", camp["id"])
            return camp

    def camps(self) -> list[dict]:
        return self._rows("SELECT * FROM camp_sessions ORDER BY date DESC, created_at DESC")

    def get_camp(self, camp_id: str) -> dict | None:
        return self._one("SELECT * FROM camp_sessions WHERE id = ?", [camp_id])

    # ------------------------------------------------------------ patients

    def add_patient(self, camp_id: str, patient_code: str, name: str, age: int | str, sex: str,
                    diabetes_years: float | str | None = None, phone: str = "", notes: str = "") -> dict:
        fields = _valid_patient(patient_code, name, age, sex, diabetes_years, phone, notes)
        if self.get_camp(camp_id) is None:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Choose a camp session first."))
        if self.find_patient(camp_id, fields["patient_code"]):
            raise DuplicatePatientError(QT_TRANSLATE_NOOP(
                "store", "This patient ID is already registered in this camp. "
                         "Open that patient from the list, or check the ID."))
        with disk_full_is_clear(), self.db.atomic():
            patient = self._insert("patients", {"camp_session_id": camp_id, **fields})
            self.audit("patient_add", "patients", patient["id"])
            return patient

    def update_patient(self, patient_id: str, **changes: Any) -> dict:
        current = self.get_patient(patient_id)
        if current is None or current["deleted_at"] or current["purged_at"]:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That patient no longer exists."))
        merged = {k: current[k] for k in PERSONAL_FIELDS}
        merged.update(changes)
        fields = _valid_patient(**merged)
        other = self.find_patient(current["camp_session_id"], fields["patient_code"])
        if other and other["id"] != patient_id:
            raise DuplicatePatientError(QT_TRANSLATE_NOOP(
                "store", "This patient ID is already used by another patient in this camp."))
        changed = {k: v for k, v in fields.items() if current[k] != v}
        if changed:
            with disk_full_is_clear(), self.db.atomic():
                self.update_record("patients", patient_id, changed)
                self.audit("patient_edit", "patients", patient_id, fields=sorted(changed))  # names, not values
        return self.get_patient(patient_id)

    def get_patient(self, patient_id: str) -> dict | None:
        return self._one("SELECT * FROM patients WHERE id = ?", [patient_id])

    def find_patient(self, camp_id: str, patient_code: str) -> dict | None:
        return self._one(f"SELECT * FROM patients WHERE camp_session_id = ? AND patient_code = ? AND {LIVE}",
                         [camp_id, patient_code.strip()])

    def latest_patient(self, patient_code: str) -> dict | None:
        """The patient with this ID in the most recent camp (for the headless batch)."""
        return self._one(
            "SELECT p.* FROM patients p JOIN camp_sessions c ON c.id = p.camp_session_id "
            f"WHERE p.patient_code = ? AND {LIVE_P} ORDER BY c.date DESC, p.created_at DESC LIMIT 1",
            [patient_code.strip()])

    def patients(self, camp_id: str, search: str = "") -> list[dict]:
        """Patients of a camp, newest first; `search` matches ID, name or phone."""
        like = f"%{search.strip()}%"
        return self._rows(
            f"SELECT * FROM patients WHERE camp_session_id = ? AND {LIVE} "
            "AND (patient_code LIKE ? OR name LIKE ? OR phone LIKE ?) ORDER BY created_at DESC",
            [camp_id, like, like, like],
        )

    def patients_for_export(self, camp_id: str | None = None, date_from: str | None = None,
                            date_to: str | None = None) -> list[dict]:
        """Patients with their camp's site/operator/date, filtered by camp and/or camp date (inclusive)."""
        return self._rows(
            "SELECT p.*, c.site AS camp_site, c.operator AS camp_operator, c.date AS camp_date "
            "FROM patients p JOIN camp_sessions c ON c.id = p.camp_session_id "
            f"WHERE {LIVE_P} AND (? IS NULL OR c.id = ?) AND (? IS NULL OR c.date >= ?) AND (? IS NULL OR c.date <= ?) "
            "ORDER BY c.date, p.created_at",
            [camp_id, camp_id, date_from, date_from, date_to, date_to],
        )

    # ------------------------------------------------------------ photos and results

    def get_photo(self, photo_id: str) -> dict | None:
        return self._one("SELECT * FROM photos WHERE id = ?", [photo_id])

    def find_photo(self, sha256: str) -> dict | None:
        return self._one("SELECT * FROM photos WHERE sha256 = ?", [sha256])

    def photos(self, patient_id: str, eye: str | None = None) -> list[dict]:
        """The patient's photos still on this laptop (not erased, not purged)."""
        if eye is None:
            return self._rows(f"SELECT * FROM photos WHERE patient_id = ? AND {LIVE} ORDER BY created_at",
                              [patient_id])
        return self._rows(f"SELECT * FROM photos WHERE patient_id = ? AND eye = ? AND {LIVE} ORDER BY created_at",
                          [patient_id, eye])

    def photo_bytes(self, photo: dict) -> bytes:
        """The original photo, decrypted."""
        return self.files.read(photo["sha256"])

    def result_for(self, photo_id: str, model_sha256: str | None = None) -> dict | None:
        """The photo's result from the bundle with that manifest sha256, or (none given) its latest result."""
        if model_sha256 is None:
            row = self._one("SELECT * FROM results WHERE photo_id = ? ORDER BY created_at DESC LIMIT 1", [photo_id])
        else:
            row = self._one("SELECT * FROM results WHERE photo_id = ? AND model_sha256 = ?", [photo_id, model_sha256])
        return _decode_result(row) if row else None

    def overlay_png(self, result_id: str) -> bytes | None:
        row = self._one("SELECT png FROM overlays WHERE result_id = ?", [result_id])
        return row["png"] if row else None

    def record_graded_photo(self, stored: StoredFile, original_name: str, result: Any,
                            model_name: str, model_version: str, model_sha256: str, *,
                            patient_id: str | None = None, eye: str | None = None,
                            overlay_png: bytes | None = None, by: str | None = None) -> tuple[dict, dict]:
        """Save a photo (already in managed storage) and its grading in ONE transaction.

        `result` is a fundus.grader.GradeResult (or anything with its fields);
        `model_sha256` is the sha256 of the bundle manifest that graded it
        (Bundle.manifest_sha256). Re-recording the same photo with the same manifest
        changes nothing and returns the stored rows. Returns (photo row, result row).
        `by`: who added the photo (default: the signed-in user).
        """
        if not model_sha256:
            raise ValueError("a result needs the sha256 of the manifest that graded it")
        if eye is not None and eye not in EYES:
            raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
        with disk_full_is_clear(), self.db.atomic():
            by = by or self.actor()
            photo = self._attach_photo(stored.sha256, patient_id, eye) or self._insert("photos", {
                "sha256": stored.sha256, "patient_id": patient_id, "eye": eye,
                "original_name": original_name, "stored_path": stored.stored_path,
                "size_bytes": stored.size_bytes,
            })
            existing = self.result_for(photo["id"], model_sha256)
            if existing:
                return photo, existing
            row = self._insert("results", {
                "photo_id": photo["id"],
                "model_name": model_name,
                "model_version": model_version,
                "model_sha256": model_sha256,
                "gradable": int(bool(result.gradable)),
                "reasons": json.dumps(list(result.reasons or [])),
                "grade": None if result.grade is None else int(result.grade),
                "grade_name": result.grade_name,
                "score": None if result.score is None else float(result.score),
                "probabilities": None if result.probabilities is None
                else json.dumps([round(float(p), 6) for p in result.probabilities]),
                "referable": int(bool(result.referable)),
                "ms": float(result.ms),
                "referable_probability": _optional_float(result.referable_probability),
                "heads": json.dumps(result.heads) if result.heads else None,
                "graded_by": by,
            })
            if overlay_png is not None:
                self.db["overlays"].insert({"result_id": row["id"], "png": overlay_png})
            self.audit("grade", "results", row["id"], by=by, photo=photo["id"])
        log.info("graded photo %s result %s", photo["id"], row["id"])
        return photo, _decode_result(row)

    def assign_photo(self, sha256: str, patient_id: str, eye: str) -> dict:
        """Give an already stored photo (e.g. from a batch run) to a patient's eye."""
        if eye not in EYES:
            raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
        with disk_full_is_clear(), self.db.atomic():
            photo = self._attach_photo(sha256, patient_id, eye)
            if photo is not None:
                self.audit("photo_assign", "photos", photo["id"])
        if photo is None:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That photo is not stored yet."))
        return photo

    def _attach_photo(self, sha256: str, patient_id: str | None, eye: str | None) -> dict | None:
        """The stored photo with this content, given to the patient's eye if it was unassigned."""
        photo = self.find_photo(sha256)
        if photo is None:
            return None
        if photo["deleted_at"] or photo["purged_at"]:
            raise PhotoConflictError(QT_TRANSLATE_NOOP(
                "store", "This photo belongs to a record that was deleted or removed from this laptop after it "
                         "reached the hospital, so it is not used again. Take a new photo."))
        if patient_id is None or (photo["patient_id"], photo["eye"]) == (patient_id, eye):
            return photo
        if photo["patient_id"] is None:
            self.update_record("photos", photo["id"], {"patient_id": patient_id, "eye": eye})
            return self.find_photo(sha256)
        raise PhotoConflictError(QT_TRANSLATE_NOOP(
            "store", "This photo is already saved for another patient or eye ({eye}). "
                     "Choose the right photo, or take a new one.")
            .format(eye=EYE_NAMES[photo["eye"]]))

    def patient_results(self, patient_id: str) -> dict[str, list[dict]]:
        """Latest result of each of the patient's photos, per eye ({'right': [...], 'left': [...]})."""
        by_eye: dict[str, list[dict]] = {eye: [] for eye in EYES}
        for photo in self.photos(patient_id):
            result = self.result_for(photo["id"])
            if result and photo["eye"] in by_eye:
                by_eye[photo["eye"]].append(result)
        return by_eye

    # ------------------------------------------------------------ sync

    def pending(self, table: str) -> list[dict]:
        _check_synced_table(table)
        return self._rows(f"SELECT * FROM [{table}] WHERE sync_state = 'pending' ORDER BY created_at")

    def mark_synced(self, table: str, pushed: Iterable[tuple[str, int]]) -> int:
        """Mark rows synced, but only where the version is still the one pushed. Returns rows flipped."""
        _check_synced_table(table)
        flipped = 0
        stamp = now_utc()
        with disk_full_is_clear(), self.db.atomic():
            for row_id, version in pushed:
                cursor = self.db.execute(
                    f"UPDATE [{table}] SET sync_state = 'synced', synced_at = ? WHERE id = ? AND version = ?",
                    [stamp, row_id, version]
                )
                flipped += cursor.rowcount
        return flipped


LIVE = "deleted_at IS NULL AND purged_at IS NULL"  # a record still here with its personal data
LIVE_P = "p.deleted_at IS NULL AND p.purged_at IS NULL"


def _check_synced_table(table: str) -> None:
    if table not in SYNCED_TABLES:
        raise ValueError(f"not a synced table: {table!r}")


def _optional_float(value) -> float | None:
    return None if value is None else float(value)


def _decode_result(row: dict) -> dict:
    decoded = dict(row)
    decoded["heads"] = json.loads(row["heads"]) if row.get("heads") else None
    decoded["reasons"] = json.loads(row["reasons"] or "[]")
    decoded["probabilities"] = json.loads(row["probabilities"]) if row["probabilities"] else None
    decoded["gradable"] = bool(row["gradable"])
    decoded["referable"] = bool(row["referable"])
    return decoded


def _valid_patient(patient_code: str, name: str, age: int | str, sex: str,
                   diabetes_years: float | str | None, phone: str, notes: str) -> dict:
    """Check the patient form; raise InvalidInputError naming the field to fix."""
    code, name = str(patient_code).strip(), str(name).strip()
    if not code:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the patient ID."))
    if not name:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the patient's name."))
    try:
        age = int(str(age).strip())
    except ValueError:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Age must be a whole number of years.")) from None
    if not 0 < age <= 120:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Age must be between 1 and 120 years."))
    if sex not in SEXES:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Choose the patient's sex."))
    if diabetes_years in (None, ""):
        diabetes_years = None
    else:
        try:
            diabetes_years = float(str(diabetes_years).strip())
        except ValueError:
            raise InvalidInputError(QT_TRANSLATE_NOOP(
                "store", "Diabetes duration must be a number of years (or left empty).")) from None
        if not 0 <= diabetes_years <= age:
            raise InvalidInputError(QT_TRANSLATE_NOOP(
                "store", "Diabetes duration must be between 0 and the patient's age."))
    phone = str(phone or "").strip()
    if phone and not all(c.isdigit() or c in "+-() " for c in phone):
        raise InvalidInputError(QT_TRANSLATE_NOOP(
            "store", "Phone number may only contain digits, spaces, +, - and brackets."))
    return {"patient_code": code, "name": name, "age": age, "sex": sex,
            "diabetes_years": diabetes_years, "phone": phone, "notes": str(notes or "").strip()}
