"""The USB route's hub side: `python -m hub import FILE --hub-db HUB.db` loads a laptop's export file.

The file (fundus/wire.py's format, sealed to this hub's key with fundus/sealed.py) is
trusted for nothing until it is proven: it is decrypted with the hub's private key into an
owner-only temporary file beside the hub database (chunk by chunk, each authenticated, at
most the size limit below), then the zip's directory is checked against limits (member
count, each member's size, total size) before any member is read; the manifest's signature
must be from a laptop enrolled at the hub (hub/keys.py); every member's sha256, every row's
columns and types, unique ids and real JPEGs are checked before the hub database is
touched. Then everything is written in one explicit transaction, through the hub's version
guard (hub/database.py: an older or equal version never replaces what the hub holds). Any
refusal is one DamagedExportError: "… cannot be imported: … Nothing was imported."
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
import zlib
from pathlib import Path

import cv2
import numpy as np

from fundus import sealed, signing
from fundus.private import FILE_MODE
from fundus.wire import (FORMAT, FORMAT_VERSION, HUB_TABLES, MANIFEST, OLDEST_SCHEMA, PHOTO_FILES, PHOTO_MEMBER,
                         SIGNATURE, photo_member, primary_key, records_member, table_columns)
from hub import HubError, database, keys

# Limits, checked on the zip's directory before anything is read or decompressed.
MAX_MEMBERS = 100_000
MAX_MANIFEST_BYTES = 16 * 2**20
MAX_RECORDS_BYTES = 64 * 2**20  # one table's JSON (a camp's records are a few MB)
MAX_PHOTO_BYTES = 8 * 2**20  # a reduced JPEG is ~100-250 kB
MAX_TOTAL_BYTES = 8 * 2**30
_TYPES = {"text": (str,), "integer": (int,), "float": (int, float), "blob": (bytes,)}


class DamagedExportError(HubError):
    """The file is refused; nothing was imported."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- check everything first


class _Refusal(Exception):
    """Why a file is refused (internal: becomes a DamagedExportError naming the file)."""


def _check_directory(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Members by name, after the limits; reads nothing."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Refusal(f"it has {len(infos)} parts, more than the {MAX_MEMBERS} an export can have")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in by_name:
            raise _Refusal(f"the part {name} is in it twice")
        if name in (MANIFEST, SIGNATURE):
            limit = MAX_MANIFEST_BYTES
        elif name in {records_member(t) for t in HUB_TABLES}:
            limit = MAX_RECORDS_BYTES
        elif PHOTO_MEMBER.fullmatch(name):
            limit = MAX_PHOTO_BYTES
        else:
            raise _Refusal(f"it has a part {name!r} that no export has")
        if info.file_size > limit:
            raise _Refusal(f"its part {name} is too large ({info.file_size} bytes unpacked, at most {limit})")
        total += info.file_size
        by_name[name] = info
    if total > MAX_TOTAL_BYTES:
        raise _Refusal(f"it unpacks to {total} bytes, more than {MAX_TOTAL_BYTES}")
    for name in (MANIFEST, SIGNATURE):
        if name not in by_name:
            raise _Refusal(f"its part {name} is missing" + (" (it is not signed)" if name == SIGNATURE else ""))
    return by_name


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member, never more than its (already limited) declared size."""
    with zf.open(info) as member:
        data = member.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise _Refusal(f"its part {info.filename} is not the size its directory says")
    return data


def _check_manifest(zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], laptops: dict[str, str],
                    trusted) -> tuple[dict, str]:
    """(manifest, laptop name) once its signature is an enrolled laptop's and it lists exactly the parts."""
    raw = _read(zf, by_name[MANIFEST])
    try:
        signer = signing.verify(raw, _read(zf, by_name[SIGNATURE]), trusted)
    except signing.UnknownSignerError:
        raise _Refusal("it is signed by a laptop that is not enrolled at this hub "
                       "(enrol it with `python -m hub enrol`, see docs/hub.md)") from None
    except signing.SignatureError as e:
        raise _Refusal(f"its signature is not valid ({e})") from None
    try:
        manifest = json.loads(raw)
        if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
            raise _Refusal("it is not a dr-screen export of a version this program knows")
        listed, rows = manifest["sha256"], manifest["rows"]
        if not (isinstance(listed, dict) and isinstance(rows, dict)):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _Refusal("its manifest is malformed") from None
    if set(listed) != set(by_name) - {MANIFEST, SIGNATURE}:
        raise _Refusal("its parts are not the ones its manifest lists")
    if not set(table_columns(OLDEST_SCHEMA)) <= set(rows) <= set(HUB_TABLES) or \
            not all(records_member(t) in listed for t in rows):
        raise _Refusal("it does not hold every table")
    return manifest, laptops[signer]


def _check_rows(table: str, rows, columns: dict[str, str], required: set[str], expected: int) -> None:
    """Each record has every `required` column, no column outside `columns`, and their types."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise _Refusal(f"{records_member(table)} is not a list of records")
    if len(rows) != expected:
        raise _Refusal(f"{records_member(table)} holds {len(rows)} records, its manifest says {expected}")
    pk, keys = primary_key(table), set(columns)
    for row in rows:
        if not required <= set(row) <= keys:
            extra, missing = sorted(set(row) - keys), sorted(required - set(row))
            raise _Refusal(f"a record in {records_member(table)} has " +
                           (f"unknown columns {extra}" if extra else f"no {missing}"))
        for name, kind in columns.items():
            value = row.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, _TYPES[kind])):
                raise _Refusal(f"a record in {records_member(table)} has a {type(value).__name__} in its "
                               f"{kind} column {name}")
        if not (isinstance(row[pk], str) and row[pk]) or (pk == "id" and not (row["version"] or 0) >= 1):
            raise _Refusal(f"a record in {records_member(table)} has no valid {pk} or version")
    if len({r[pk] for r in rows}) != len(rows):
        raise _Refusal(f"{records_member(table)} holds the same {pk} more than once")


def _check_jpeg(name: str, data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff") or cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_8) is None:
        raise _Refusal(f"its part {name} is not a JPEG photo")


def read_export(path: str | os.PathLike, laptop_keys: Path, hub_key_id: str,
                name: str | None = None) -> tuple[dict, str, dict[str, list[dict]]]:
    """(manifest, laptop name, rows per table without the JPEGs), after checking the whole
    (decrypted) file `path`; `name` is the export's own name, for messages.

    Photo JPEGs are checked one at a time here and read again (and their sha256
    checked again) while they are written, so a large file never sits in memory.
    Raises DamagedExportError naming the file and what is wrong.
    """
    path = Path(path)
    shown = Path(name or path.name)
    laptops, trusted = keys.enrolled(laptop_keys), keys.trusted_laptops(laptop_keys)
    try:
        with zipfile.ZipFile(path) as zf:
            by_name = _check_directory(zf)
            manifest, laptop = _check_manifest(zf, by_name, laptops, trusted)
            if manifest.get("hub_key") != hub_key_id:
                raise _Refusal("it was signed for another hub")
            tables, oldest = {}, table_columns(OLDEST_SCHEMA)
            for table, columns in table_columns().items():
                if table not in manifest["rows"]:  # from a laptop older than the table: nothing to import
                    continue
                data = _verified(zf, by_name, manifest, records_member(table))
                try:
                    tables[table] = json.loads(data)
                except ValueError:
                    raise _Refusal(f"{records_member(table)} is not valid JSON") from None
                if table == PHOTO_FILES:  # the JPEGs are members of their own
                    columns = {k: v for k, v in columns.items() if k != "jpeg"}
                required = set(oldest.get(table, columns)) & set(columns)  # a table added since comes whole
                _check_rows(table, tables[table], columns, required, manifest["rows"][table])
            photo_members = {photo_member(r["sha256"]) for r in tables[PHOTO_FILES]}
            if photo_members != {n for n in by_name if PHOTO_MEMBER.fullmatch(n)}:
                raise _Refusal("its photo files are not the ones its records list")
            live = {r["sha256"] for r in tables["photos"] if not r["deleted_at"]}  # a tombstone has none
            if live - {r["sha256"] for r in tables[PHOTO_FILES]}:
                raise _Refusal("a photo record has no photo file")
            for name in sorted(photo_members):
                _check_jpeg(name, _verified(zf, by_name, manifest, name))
    except _Refusal as e:
        raise _refuse(shown, str(e)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError) as e:
        raise _refuse(shown, f"the file is damaged or incomplete ({type(e).__name__})") from None
    return manifest, laptop, tables


def _verified(zf: zipfile.ZipFile, by_name: dict, manifest: dict, name: str) -> bytes:
    data = _read(zf, by_name[name])
    if _sha256(data) != manifest["sha256"][name]:
        raise _Refusal(f"its part {name} is damaged (checksum mismatch)")
    return data


def _refuse(path: Path, why: str) -> DamagedExportError:
    return DamagedExportError(f"{path.name} cannot be imported: {why}. Nothing was imported. "
                              "Make the export again on the camp laptop and bring the new file.")


# ---------------------------------------------------------------- write it all or nothing


def import_file(path: str | os.PathLike, hub_db: str | os.PathLike, *, create: bool = False,
                laptop_keys: str | os.PathLike | None = None,
                hub_key: str | os.PathLike | None = None) -> tuple[str, dict[str, int]]:
    """Decrypt, check and load an export into the hub's SQLite database in one transaction.

    Returns (laptop name, rows written per table); rows the hub already holds at the
    same or a higher version are left alone by the hub's guard and not counted, and
    neither are the rows the hub's triggers write (photo_sources).
    """
    path = Path(path)
    if not path.is_file():
        raise HubError(f"There is no file {path}.")
    keys_dir = Path(laptop_keys) if laptop_keys else keys.laptop_keys_dir(hub_db)
    private = keys.load_hub_key(Path(hub_key) if hub_key else keys.hub_key_path(hub_db))
    folder = Path(hub_db).resolve().parent
    fd, plain_name = tempfile.mkstemp(prefix=".import-", suffix=".zip", dir=folder)  # owner-only
    plain = Path(plain_name)
    try:
        with os.fdopen(fd, "wb") as f:
            try:
                sealed.unseal_file(path, f, private, MAX_TOTAL_BYTES + MAX_MANIFEST_BYTES)
            except sealed.SealedError as e:
                raise _refuse(path, str(e)) from None
        return _import_plain(plain, path, hub_db, create, keys_dir, sealed.key_id(private.public_key))
    finally:
        plain.unlink(missing_ok=True)


def _import_plain(plain: Path, path: Path, hub_db: str | os.PathLike, create: bool, keys_dir: Path,
                  hub_key_id: str) -> tuple[str, dict[str, int]]:
    manifest, laptop, tables = read_export(plain, keys_dir, hub_key_id, path.name)
    conn = database.open_hub_db(hub_db, create)
    written = {}
    try:
        with zipfile.ZipFile(plain) as zf:
            by_name = {i.filename: i for i in zf.infolist()}
            conn.execute("BEGIN IMMEDIATE")  # one transaction, held against Datasette's writes
            database.setup(conn)
            database.record_writer(conn, laptop)
            for table, rows in tables.items():
                written[table] = 0
                for row in rows:
                    if table == PHOTO_FILES:
                        row = {**row, "jpeg": _verified(zf, by_name, manifest, photo_member(row["sha256"]))}
                    written[table] += _upsert(conn, table, row)
            conn.execute("COMMIT")
    except _Refusal as e:  # the file changed since it was checked
        conn.rollback()
        raise _refuse(path, str(e)) from None
    except (sqlite3.Error, OSError, zipfile.BadZipFile, zlib.error) as e:
        conn.rollback()
        raise HubError(f"{path.name} was not imported: the hub database {hub_db} could not be written "
                       f"({e}). Nothing was imported; try again.") from None
    finally:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{hub_db}{suffix}").exists():
            os.chmod(f"{hub_db}{suffix}", FILE_MODE)
    return laptop, written


def _upsert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    """Insert or update one row through the guard; 1 if it was written, 0 if the guard kept the hub's.
    (The cursor's rowcount leaves out what triggers wrote, where the connection's total_changes does not.)"""
    columns = list(row)
    pk = primary_key(table)
    names = ", ".join(f"[{c}]" for c in columns)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
    return conn.execute(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))}) "
                        f"ON CONFLICT([{pk}]) DO UPDATE SET {updates}", [row[c] for c in columns]).rowcount
