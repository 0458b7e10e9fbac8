"""`Store`: one open data folder. Opening, integrity, backups, who is acting, settings, and
the row primitives its record mixins (clinical, accounts, erasure) share."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from desktop import PROG, backup, partial, vault
from desktop.paths import make_private_dir, make_private_file
from desktop.store import events
from desktop.store.accounts import AccountRecords
from desktop.store.clinical import ClinicalRecords
from desktop.store.erasure import ErasureRecords
from desktop.store.errors import (DamagedDatabaseError, NotSignedInError, PlainStoreError, StoreError,
                                  disk_full_is_clear, folder_errors_are_clear)
from desktop.store.files import PhotoFiles
from desktop.store.lock import InstanceLock
from desktop.store.schema import DB_NAME, SYNCED_TABLES, migrate
from desktop.vault import Keys
from fundus.clock import now_utc
from fundus.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
AUTOMATIC = "dr-screen (automatic)"  # the actor of what the app does on its own with nobody signed in


def new_id() -> str:
    return str(uuid.uuid4())


class Store(ClinicalRecords, AccountRecords, ErasureRecords):
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
                        migrate(self.db)
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
        return events.append(self.db, self.keys.device_id, self.actor() if by is None else by, action, target_table,
                             target_id, **detail)

    def record_event(self, action: str, target_table: str | None = None, target_id: str | None = None, *,
                     by: str | None = None, **detail: Any) -> dict:
        """An event on its own (an export, a sync, a verification) in its own transaction."""
        with disk_full_is_clear(), self.db.atomic():
            return self.audit(action, target_table, target_id, by=by, **detail)

    def record_recovery_used(self) -> dict:
        """The recovery key replaced a forgotten passphrase: recorded with no user (whoever held the key)."""
        with disk_full_is_clear(), self.db.atomic():
            return events.append(self.db, self.keys.device_id, None, "recovery_used")

    # ------------------------------------------------------------ local settings (never synced)

    def setting(self, key: str) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return row["value"] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        """Set (or, with None, remove) a setting the app keeps for itself (the last sync's outcome,
        the laptop's signing key made on first use): no event. A person's change is `change_setting`."""
        with disk_full_is_clear(), self.db.atomic():
            if value is None:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def change_setting(self, key: str, value: str | None, action: str, **detail: Any) -> None:
        """A setting changed by the signed-in user, with its event (`action`, `detail`: never a secret)."""
        with disk_full_is_clear(), self.db.atomic():
            self.set_setting(key, value)
            self.audit(action, "settings", key, **detail)

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

    def export_rows(self, table: str) -> list[dict]:
        """Every row of a synced table for the USB export, oldest first; the patients and photos the
        retention policy purged from this laptop stay out (the hub has them)."""
        _check_synced_table(table)
        where = "WHERE purged_at IS NULL " if table in ("patients", "photos") else ""
        return self._rows(f"SELECT * FROM [{table}] {where}ORDER BY created_at")

    # ------------------------------------------------------------ row primitives (this package only)

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        return list(self.db.query(sql, list(params)))

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _insert(self, table: str, fields: dict) -> dict:
        """A new synced record (the sync contract's columns filled in); every column, as stored."""
        stamp = now_utc()
        row = {"id": new_id(), "created_at": stamp, "updated_at": stamp, "version": 1,
               "sync_state": "pending", **fields}
        self.db[table].insert(row)
        return self._one(f"SELECT * FROM [{table}] WHERE id = ?", [row["id"]])

    def _update(self, table: str, row_id: str, fields: dict) -> None:
        """Change a synced record: bump its version and make it pending again."""
        sets = ", ".join(f"[{k}] = ?" for k in fields)
        self.db.execute(
            f"UPDATE [{table}] SET {sets}, updated_at = ?, version = version + 1, "
            "sync_state = 'pending' WHERE id = ?",
            [*fields.values(), now_utc(), row_id],
        )


def _check_synced_table(table: str) -> None:
    if table not in SYNCED_TABLES:
        raise ValueError(f"not a synced table: {table!r}")
