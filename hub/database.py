"""The hub database (plain SQLite, served by Datasette on the hospital server) and its version guard.

``setup`` creates the hub tables with the laptops' column types and installs, inside
the database, the guard both routes rely on: a trigger pair on every synced table
that silently ignores a row whose ``version`` is not higher than the one the hub
holds (so neither a push nor an import can roll a record back, or rewrite it at the
same version), and on ``photo_files`` one that keeps the first copy of a photo. The
guard runs in SQLite itself, whoever writes: Datasette's upsert, the USB import, or
``sqlite3`` by hand. The audit log is write-once there: the hub keeps the first copy of
each event, so a laptop cannot rewrite its history after it was synced.

Erasure: when a photo's tombstone (``deleted_at`` set, a higher version) reaches the
hub, a trigger deletes its reduced JPEG from ``photo_files``, and a photo file of an
erased photo is never stored again (an old stick imported later cannot bring it
back). The patient's tombstone replaces its personal fields like any newer version.

``photo_sources`` (hub only, never on a laptop or in an export) records which laptop
sent each photo first, for the agreement report per laptop: ``record_writer`` names
the writer on a connection (the USB import: the laptop whose key signed the file; the
review plugin: the actor of a push's token), and temporary triggers on that connection
fill the table as photos are written.

The tables and their columns are the laptops' (fundus/wire.py); the keys beside the
database are hub/keys.py's.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from fundus.audit_chain import TABLE as AUDIT_TABLE
from fundus.private import FILE_MODE, make_private_file
from fundus.wire import HUB_TABLES, PHOTO_FILES, primary_key, table_columns
from hub import HubError, keys

PHOTO_SOURCES = "photo_sources"


def _write_once(table: str, pk: str) -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS [{table}_write_once] BEFORE UPDATE ON [{table}] "
            "BEGIN SELECT RAISE(IGNORE); END",
            f"CREATE TRIGGER IF NOT EXISTS [{table}_keep_first] BEFORE INSERT ON [{table}] "
            f"WHEN EXISTS (SELECT 1 FROM [{table}] WHERE [{pk}] = NEW.[{pk}]) "
            "BEGIN SELECT RAISE(IGNORE); END"]


def guard_sql(table: str) -> list[str]:
    """The triggers that keep the newer version of a record (the first copy of a photo file or an
    audit event), and erase what a tombstone erases."""
    if table == PHOTO_FILES:
        return _write_once(table, "sha256") + [
            f"CREATE TRIGGER IF NOT EXISTS [{table}_not_erased] BEFORE INSERT ON [{table}] "
            "WHEN EXISTS (SELECT 1 FROM photos WHERE sha256 = NEW.sha256 AND deleted_at IS NOT NULL) "
            "BEGIN SELECT RAISE(IGNORE); END"]
    if table == AUDIT_TABLE:
        return _write_once(table, "id")
    erase = []
    if table == "photos":
        erase = [f"CREATE TRIGGER IF NOT EXISTS [photos_erase_on_{event.lower()}] AFTER {event} ON photos "
                 f"WHEN NEW.deleted_at IS NOT NULL BEGIN DELETE FROM {PHOTO_FILES} WHERE sha256 = NEW.sha256; END"
                 for event in ("INSERT", "UPDATE")]
    # BEFORE INSERT also covers INSERT OR REPLACE, which deletes the old row instead of updating it.
    return [f"CREATE TRIGGER IF NOT EXISTS [{table}_keep_newer_update] BEFORE UPDATE ON [{table}] "
            "WHEN NEW.version IS NULL OR NEW.version <= OLD.version BEGIN SELECT RAISE(IGNORE); END",
            f"CREATE TRIGGER IF NOT EXISTS [{table}_keep_newer_insert] BEFORE INSERT ON [{table}] "
            f"WHEN NEW.version IS NULL OR EXISTS (SELECT 1 FROM [{table}] WHERE id = NEW.id "
            "AND version >= NEW.version) BEGIN SELECT RAISE(IGNORE); END"] + erase


def setup(conn: sqlite3.Connection) -> list[str]:
    """Create missing tables and columns and install the guard; idempotent. Returns what it did.

    Runs inside the caller's transaction (the import's), or commits on its own
    when the connection is in autocommit mode.
    """
    done = []
    for table, columns in table_columns().items():
        existing = {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")}
        if not existing:
            pk = primary_key(table)
            defs = ", ".join(f"[{name}] {kind.upper()}" + (" PRIMARY KEY" if name == pk else "")
                             for name, kind in columns.items())
            conn.execute(f"CREATE TABLE [{table}] ({defs})")
            done.append(f"created table {table}")
        for name, kind in columns.items():
            if existing and name not in existing:  # a later laptop migration (e.g. results.model_sha256)
                conn.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {kind.upper()}")
                done.append(f"added column {table}.{name}")
        for sql in guard_sql(table):
            name = sql.split("[", 1)[1].split("]", 1)[0]
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                [name]).fetchone():
                conn.execute(sql)
                done.append(f"installed guard {name}")
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [PHOTO_SOURCES]).fetchone():
        conn.execute(f"CREATE TABLE [{PHOTO_SOURCES}] (photo_id TEXT PRIMARY KEY, laptop TEXT NOT NULL, "
                     "received_at TEXT NOT NULL)")
        done.append(f"created table {PHOTO_SOURCES}")
    return done


def record_writer(conn: sqlite3.Connection, laptop: str | None) -> None:
    """Name the laptop whose photos this connection writes from now on (None: stop recording).

    The first laptop to send a photo is kept; a later copy of the same photo changes nothing.
    """
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS dr_screen_writer (laptop TEXT NOT NULL)")
    for event in ("INSERT", "UPDATE"):
        # NOT EXISTS, not INSERT OR IGNORE: an upsert's ON CONFLICT overrides the conflict
        # policy of statements in the triggers it fires, so OR IGNORE fails on a second copy.
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS dr_screen_photo_source_{event.lower()} "
                     f"AFTER {event} ON main.photos BEGIN "
                     f"INSERT INTO [{PHOTO_SOURCES}] (photo_id, laptop, received_at) "
                     "SELECT NEW.id, laptop, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM dr_screen_writer "
                     f"WHERE NOT EXISTS (SELECT 1 FROM [{PHOTO_SOURCES}] WHERE photo_id = NEW.id); END")
    conn.execute("DELETE FROM dr_screen_writer")
    if laptop:
        conn.execute("INSERT INTO dr_screen_writer (laptop) VALUES (?)", [laptop])


def missing_guard(conn: sqlite3.Connection) -> list[str]:
    """Names of guard triggers the hub database lacks (empty when set up)."""
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    wanted = [sql.split("[", 1)[1].split("]", 1)[0] for table in HUB_TABLES for sql in guard_sql(table)]
    return [name for name in wanted if name not in have]


def open_hub_db(path: str | os.PathLike, create: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); refuses a missing file unless `create`."""
    path = Path(path)
    if not path.is_file():
        if not create:
            raise HubError(f"There is no hub database {path}. Check the path; to start a new hub "
                           "database there, add --create.")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except OSError as e:
            raise HubError(f"The hub database {path} cannot be created ({e.strerror}).") from None
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")  # Datasette may be writing: wait, do not fail
    return conn


def setup_hub_db(path: str | os.PathLike, create: bool = False) -> list[str]:
    """Set the hub database up (`setup`) and make the hub's export key beside it once; returns what it did."""
    conn = open_hub_db(path, create)
    try:
        conn.execute("BEGIN IMMEDIATE")
        done = setup(conn)
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        conn.rollback()
        raise HubError(f"The hub database {path} could not be set up ({e}); nothing was changed.") from None
    finally:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        make_private_file(Path(f"{path}{suffix}"))
    public, key, made = keys.make_hub_key(path)
    if made:
        done.append(f"made the hub's export key {key}: copy {public} to each laptop (`sync hub-key`)")
    return done
