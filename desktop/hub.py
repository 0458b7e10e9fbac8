"""The hub's side (run on the hospital server): its database, its version guard, the laptops' keys. Qt-free.

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

The hub's key pair for encrypted exports (desktop/sealed.py) lives beside the hub
database: ``hub-export.key`` (owner-only) and ``hub-export.pub`` (for the laptops).

``photo_sources`` (hub only, never on a laptop or in an export) records which laptop
sent each photo first, for the agreement report per laptop: ``record_writer`` names
the writer on a connection (the USB import: the laptop whose key signed the file; the
review plugin: the actor of a push's token), and temporary triggers on that connection
fill the table as photos are written.

Laptop keys: the hub trusts an export file only if it is signed by a laptop enrolled
here (``enrol``): its public key lives in ``laptop-keys/NAME.pub`` beside the hub
database, outside the database that Datasette serves and the laptops write to.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from desktop import audit, sealed
from desktop.paths import FILE_MODE, make_private_dir, make_private_file
from desktop.store import SCHEMA_VERSION, SYNCED_TABLES
from desktop.sync import PHOTO_FILES, PHOTO_FILES_COLUMNS, SyncError, hub_columns
from fundus.signing import PUBLIC_SUFFIX, KeyFileError, key_id, load_public_key, load_trusted_keys, write_public_key

LAPTOP_KEYS = "laptop-keys"
HUB_TABLES = (*SYNCED_TABLES, PHOTO_FILES)
PHOTO_SOURCES = "photo_sources"
LAPTOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class HubSetupError(SyncError):
    pass


def table_columns(schema: int = SCHEMA_VERSION) -> dict[str, dict[str, str]]:
    """Column types of every hub table ('text'/'integer'/'float'/'blob'), as laptops of store
    schema `schema` (default: this program's) send them."""
    return {**hub_columns(schema), PHOTO_FILES: PHOTO_FILES_COLUMNS}


def primary_key(table: str) -> str:
    return "sha256" if table == PHOTO_FILES else "id"


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
    if table == audit.TABLE:
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
            raise HubSetupError(f"There is no hub database {path}. Check the path; to start a new hub "
                                "database there, add --create.")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except OSError as e:
            raise HubSetupError(f"The hub database {path} cannot be created ({e.strerror}).") from None
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")  # Datasette may be writing: wait, do not fail
    return conn


def hub_key_path(hub_db: str | os.PathLike) -> Path:
    return Path(hub_db).resolve().parent / sealed.PRIVATE_NAME


def make_hub_key(hub_db: str | os.PathLike) -> tuple[Path, str, bool]:
    """The hub's export key pair beside the database (made once): (public file, key id, made now)."""
    public, made = sealed.make_hub_key(Path(hub_db).resolve().parent)
    return public, sealed.key_id(sealed.load_hub_key(hub_key_path(hub_db)).public_key), made


def setup_hub_db(path: str | os.PathLike, create: bool = False) -> list[str]:
    conn = open_hub_db(path, create)
    try:
        conn.execute("BEGIN IMMEDIATE")
        done = setup(conn)
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        conn.rollback()
        raise HubSetupError(f"The hub database {path} could not be set up ({e}); nothing was changed.") from None
    finally:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        make_private_file(Path(f"{path}{suffix}"))
    public, key, made = make_hub_key(path)
    if made:
        done.append(f"made the hub's export key {key}: copy {public} to each laptop (`sync hub-key`)")
    return done


# ---------------------------------------------------------------- laptop keys


def laptop_keys_dir(hub_db: str | os.PathLike) -> Path:
    return Path(hub_db).resolve().parent / LAPTOP_KEYS


def enrol(keys_dir: Path, laptop: str, public_key_file: str | os.PathLike) -> str:
    """Trust exports signed by this laptop's key; returns the key id. Re-enrolling replaces its key."""
    if not LAPTOP_NAME.fullmatch(laptop):
        raise HubSetupError(f"{laptop!r} is not a laptop name: use letters, digits, '.', '_' and '-'.")
    try:
        key = load_public_key(public_key_file)
    except KeyFileError as e:
        raise HubSetupError(str(e)) from None
    make_private_dir(keys_dir)
    write_public_key(keys_dir / f"{laptop}{PUBLIC_SUFFIX}", key)
    return key_id(key)


def enrolled(keys_dir: Path) -> dict[str, str]:
    """key id -> laptop name of every enrolled laptop."""
    try:
        return {key_id(load_public_key(p)): p.stem for p in sorted(keys_dir.glob(f"*{PUBLIC_SUFFIX}"))}
    except KeyFileError as e:
        raise HubSetupError(f"A laptop key in {keys_dir} is damaged: {e}") from None


def trusted_laptops(keys_dir: Path):
    try:
        return load_trusted_keys([keys_dir])
    except KeyFileError as e:
        raise HubSetupError(f"A laptop key in {keys_dir} is damaged: {e}") from None
