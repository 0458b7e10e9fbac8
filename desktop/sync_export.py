"""The offline route to the hub: one signed, encrypted export file carried on a USB stick.

Sign, then encrypt: the laptop signs a zip, and the whole zip is encrypted to the
hub's public key (desktop/sealed.py), so a lost stick shows nothing, not even which
laptop wrote it, and only the hub's import opens it. The zip inside::

    manifest.json              format, the laptop's key id, the hub's key id (whom it is for),
                               row counts, sha256 of every other member
    manifest.sig               the laptop's Ed25519 signature of manifest.json (fundus/signing.py)
    records/<table>.json       every row of the table as the hub stores it (SYNCED_TABLES, photo_files)
    photos/<sha256>.jpg        the reduced JPEG of each photo (the ``jpeg`` column of photo_files)

The signature covers the hub's key id, so a signed zip re-encrypted for another hub
is refused there. Erased patients travel as their tombstones (no photo file);
records the retention policy removed from the laptop (already on the hub) stay out.

It holds every record, not only the pending ones, so any one file brings the hub up to
date with the laptop. Rows and JPEGs are exactly what ``sync.push`` sends, so an import
gives the hub the same rows a push would. Exporting does not mark anything synced:
the laptop cannot know the file reached the hub.

Import trusts nothing in the file until it is proven: it is decrypted with the hub's
private key into an owner-only temporary file beside the hub database (chunk by chunk,
each authenticated, at most the size limit below), then the zip's directory is checked
against limits (member count, each member's size, total size) before any member is
read; the manifest's signature must be from a laptop enrolled at the hub
(desktop/hub.py); every member's sha256, every row's columns and types, unique ids and
real JPEGs are checked before the hub database is touched. Then everything is written
in one explicit transaction, through the hub's version guard (an older or equal
version never replaces what the hub holds). Any refusal is one DamagedExportError:
"… cannot be imported: … Nothing was imported."
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import zipfile
import zlib
from pathlib import Path

import cv2
import numpy as np

from desktop import hub, partial, sealed
from desktop.paths import FILE_MODE
from desktop.store import SYNCED_TABLES, Store, disk_full_is_clear, now_utc
from desktop.store.plain_migration import LAPTOP_KEY_SETTING
from desktop.sync import PHOTO_FILES, SyncError, hub_row, photo_file_row
from desktop.users import require_admin
from fundus import signing
from fundus.text import QT_TRANSLATE_NOOP

FORMAT = "dr-screen-sync-export"
FORMAT_VERSION = 3  # 2: signed by the laptop; 3: encrypted to the hub, names the hub
# Format 3 came with store schema 4. An export from a laptop of a later schema holds the
# tables and columns that schema added; one from an older laptop lacks them, and the hub
# keeps them empty (NULL) for its records. Anything beyond this program's schema is refused.
OLDEST_SCHEMA = 4
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
LAPTOP_PUB = "laptop.pub"  # in the data folder: what the hub enrols (the private key is in the database)
HUB_KEY_SETTING = "hub_export_key"  # the hub's public key, in the database (its integrity matters)

# Limits, checked on the zip's directory before anything is read or decompressed.
MAX_MEMBERS = 100_000
MAX_MANIFEST_BYTES = 16 * 2**20
MAX_RECORDS_BYTES = 64 * 2**20  # one table's JSON (a camp's records are a few MB)
MAX_PHOTO_BYTES = 8 * 2**20  # a reduced JPEG is ~100-250 kB
MAX_TOTAL_BYTES = 8 * 2**30
_PHOTO_NAME = re.compile(r"photos/([0-9a-f]{64})\.jpg")
_TYPES = {"text": (str,), "integer": (int,), "float": (int, float), "blob": (bytes,)}


class DamagedExportError(SyncError):
    """The file is refused; nothing was imported."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _records_member(table: str) -> str:
    return f"records/{table}.json"


def _photo_member(sha256: str) -> str:
    return f"photos/{sha256}.jpg"


# ---------------------------------------------------------------- the laptop's and the hub's keys


def laptop_key(store: Store) -> signing.Ed25519PrivateKey:
    """This laptop's signing key, made on first use and kept in the encrypted database;
    laptop.pub (public) is written beside it for enrolment."""
    pem = store.setting(LAPTOP_KEY_SETTING)
    if pem is None:
        key = signing.Ed25519PrivateKey.generate()
        store.set_setting(LAPTOP_KEY_SETTING, signing.private_pem(key).decode("ascii"))
    else:
        try:
            key = signing.load_private_pem(pem.encode("ascii"), "this laptop's signing key")
        except signing.KeyFileError as e:
            raise SyncError(f"This laptop's signing key is damaged ({e}). Ask the hospital's IT staff.") from None
    public = store.data_dir / LAPTOP_PUB
    if not public.exists():
        signing.write_public_key(public, key.public_key())
    return key


def laptop_public_key(store: Store) -> Path:
    """The file to enrol at the hub (`python -m desktop hub enrol`)."""
    laptop_key(store)
    return store.data_dir / LAPTOP_PUB


def hub_export_key(store: Store) -> sealed.PublicKey:
    text = store.setting(HUB_KEY_SETTING)
    if text is None:
        raise SyncError("This laptop does not have the hub's key yet, and an export is only ever written "
                        "encrypted for the hub. An administrator sets it once with "
                        "`python -m desktop sync hub-key hub-export.pub` (from the hub server; docs/hub.md).")
    return sealed.parse_public(text)


def set_hub_export_key(store: Store, key_file: str | os.PathLike) -> str:
    """Administrator: trust this hub key for exports; returns its key id."""
    require_admin(store)
    try:
        public = sealed.parse_public(Path(key_file).read_text(encoding="ascii", errors="replace"))
    except OSError as e:
        raise SyncError(QT_TRANSLATE_NOOP("sync_export", "The hub key file {file} cannot be read ({reason}).")
                        .format(file=key_file, reason=e.strerror)) from None
    except sealed.SealedError as e:
        raise SyncError(e.args[0]) from None
    store.change_setting(HUB_KEY_SETTING, sealed.public_text(public), "sync_settings", hub_key=sealed.key_id(public))
    return sealed.key_id(public)


# ---------------------------------------------------------------- export


def export_file(store: Store, out: str | os.PathLike) -> dict[str, int]:
    """Write the signed export file, encrypted to the hub, atomically (owner-only); returns rows per table.

    Nothing plain is written anywhere: the zip goes through the encryption on its way to
    the file. The file is written beside its target under a temporary name that the data
    folder's journal remembers, so a killed export leaves nothing behind after the next start.
    """
    out = Path(out)
    store.actor()
    key, hub_key = laptop_key(store), hub_export_key(store)
    members: dict[str, str] = {}
    counts: dict[str, int] = {}
    with partial.partial_file(store.data_dir, out) as tmp, disk_full_is_clear():
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        except OSError as e:
            raise SyncError(f"The export cannot be written to {out.parent} ({e.strerror}). Choose another "
                            "folder or stick; nothing was written.") from None
        with os.fdopen(fd, "wb") as f, sealed.SealingWriter(f, hub_key) as encrypted, \
                zipfile.ZipFile(encrypted, "w") as zf:
            def add(name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
                zf.writestr(name, data, compress_type=compress)
                members[name] = _sha256(data)

            photo_files = []
            for table in SYNCED_TABLES:
                records = [hub_row(r) for r in store.export_rows(table)]
                add(_records_member(table), json.dumps(records).encode())
                counts[table] = len(records)
                if table == "photos":
                    for photo in (p for p in records if not p["deleted_at"]):
                        file_row = photo_file_row(store, photo)
                        add(_photo_member(photo["sha256"]), file_row.pop("jpeg"), zipfile.ZIP_STORED)
                        photo_files.append(file_row)
            add(_records_member(PHOTO_FILES), json.dumps(photo_files).encode())
            counts[PHOTO_FILES] = len(photo_files)
            manifest = json.dumps({"format": FORMAT, "format_version": FORMAT_VERSION, "created_at": now_utc(),
                                   "laptop_key": signing.key_id(key.public_key()),
                                   "hub_key": sealed.key_id(hub_key), "rows": counts,
                                   "sha256": members}, indent=1).encode()
            zf.writestr(MANIFEST, manifest)
            zf.writestr(SIGNATURE, signing.sign(key, manifest))
        with open(tmp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(tmp, out)
    store.record_event("export_usb", file=out.name, **{t: n for t, n in counts.items() if n})
    return counts


# ---------------------------------------------------------------- import: check everything first


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
        elif name in {_records_member(t) for t in hub.HUB_TABLES}:
            limit = MAX_RECORDS_BYTES
        elif _PHOTO_NAME.fullmatch(name):
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
                       "(enrol it with `python -m desktop hub enrol`, see docs/hub.md)") from None
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
    if not set(hub.table_columns(OLDEST_SCHEMA)) <= set(rows) <= set(hub.HUB_TABLES) or \
            not all(_records_member(t) in listed for t in rows):
        raise _Refusal("it does not hold every table")
    return manifest, laptops[signer]


def _check_rows(table: str, rows, columns: dict[str, str], required: set[str], expected: int) -> None:
    """Each record has every `required` column, no column outside `columns`, and their types."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise _Refusal(f"{_records_member(table)} is not a list of records")
    if len(rows) != expected:
        raise _Refusal(f"{_records_member(table)} holds {len(rows)} records, its manifest says {expected}")
    pk, keys = hub.primary_key(table), set(columns)
    for row in rows:
        if not required <= set(row) <= keys:
            extra, missing = sorted(set(row) - keys), sorted(required - set(row))
            raise _Refusal(f"a record in {_records_member(table)} has " +
                           (f"unknown columns {extra}" if extra else f"no {missing}"))
        for name, kind in columns.items():
            value = row.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, _TYPES[kind])):
                raise _Refusal(f"a record in {_records_member(table)} has a {type(value).__name__} in its "
                               f"{kind} column {name}")
        if not (isinstance(row[pk], str) and row[pk]) or (pk == "id" and not (row["version"] or 0) >= 1):
            raise _Refusal(f"a record in {_records_member(table)} has no valid {pk} or version")
    if len({r[pk] for r in rows}) != len(rows):
        raise _Refusal(f"{_records_member(table)} holds the same {pk} more than once")


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
    laptops, trusted = hub.enrolled(laptop_keys), hub.trusted_laptops(laptop_keys)
    try:
        with zipfile.ZipFile(path) as zf:
            by_name = _check_directory(zf)
            manifest, laptop = _check_manifest(zf, by_name, laptops, trusted)
            if manifest.get("hub_key") != hub_key_id:
                raise _Refusal("it was signed for another hub")
            tables, oldest = {}, hub.table_columns(OLDEST_SCHEMA)
            for table, columns in hub.table_columns().items():
                if table not in manifest["rows"]:  # from a laptop older than the table: nothing to import
                    continue
                data = _verified(zf, by_name, manifest, _records_member(table))
                try:
                    tables[table] = json.loads(data)
                except ValueError:
                    raise _Refusal(f"{_records_member(table)} is not valid JSON") from None
                if table == PHOTO_FILES:  # the JPEGs are members of their own
                    columns = {k: v for k, v in columns.items() if k != "jpeg"}
                required = set(oldest.get(table, columns)) & set(columns)  # a table added since comes whole
                _check_rows(table, tables[table], columns, required, manifest["rows"][table])
            photo_members = {_photo_member(r["sha256"]) for r in tables[PHOTO_FILES]}
            if photo_members != {n for n in by_name if _PHOTO_NAME.fullmatch(n)}:
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


# ---------------------------------------------------------------- import: write it all or nothing


def import_file(path: str | os.PathLike, hub_db: str | os.PathLike, *, create: bool = False,
                laptop_keys: str | os.PathLike | None = None,
                hub_key: str | os.PathLike | None = None) -> tuple[str, dict[str, int]]:
    """Decrypt, check and load an export into the hub's SQLite database in one transaction.

    Returns (laptop name, rows written per table); rows the hub already holds at the
    same or a higher version are left alone by the hub's guard and not counted.
    """
    path = Path(path)
    if not path.is_file():
        raise SyncError(f"There is no file {path}.")
    keys = Path(laptop_keys) if laptop_keys else hub.laptop_keys_dir(hub_db)
    try:
        private = sealed.load_hub_key(Path(hub_key) if hub_key else hub.hub_key_path(hub_db))
    except sealed.SealedError as e:
        raise SyncError(str(e)) from None
    folder = Path(hub_db).resolve().parent
    fd, plain_name = tempfile.mkstemp(prefix=".import-", suffix=".zip", dir=folder)  # owner-only
    plain = Path(plain_name)
    try:
        with os.fdopen(fd, "wb") as f:
            try:
                sealed.unseal_file(path, f, private, MAX_TOTAL_BYTES + MAX_MANIFEST_BYTES)
            except sealed.SealedError as e:
                raise _refuse(path, str(e)) from None
        return _import_plain(plain, path, hub_db, create, keys, sealed.key_id(private.public_key))
    finally:
        plain.unlink(missing_ok=True)


def _import_plain(plain: Path, path: Path, hub_db: str | os.PathLike, create: bool, keys: Path,
                  hub_key_id: str) -> tuple[str, dict[str, int]]:
    manifest, laptop, tables = read_export(plain, keys, hub_key_id, path.name)
    conn = hub.open_hub_db(hub_db, create)
    written = {}
    try:
        with zipfile.ZipFile(plain) as zf:
            by_name = {i.filename: i for i in zf.infolist()}
            conn.execute("BEGIN IMMEDIATE")  # one transaction, held against Datasette's writes
            hub.setup(conn)
            hub.record_writer(conn, laptop)
            for table, rows in tables.items():
                before = conn.total_changes
                for row in rows:
                    if table == PHOTO_FILES:
                        row = {**row, "jpeg": _verified(zf, by_name, manifest, _photo_member(row["sha256"]))}
                    _upsert(conn, table, row)
                written[table] = conn.total_changes - before
            conn.execute("COMMIT")
    except _Refusal as e:  # the file changed since it was checked
        conn.rollback()
        raise _refuse(path, str(e)) from None
    except (sqlite3.Error, OSError, zipfile.BadZipFile, zlib.error) as e:
        conn.rollback()
        raise SyncError(f"{path.name} was not imported: the hub database {hub_db} could not be written "
                        f"({e}). Nothing was imported; try again.") from None
    finally:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{hub_db}{suffix}").exists():
            os.chmod(f"{hub_db}{suffix}", FILE_MODE)
    return laptop, written


def _upsert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    columns = list(row)
    pk = hub.primary_key(table)
    names = ", ".join(f"[{c}]" for c in columns)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
    conn.execute(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))}) "
                 f"ON CONFLICT([{pk}]) DO UPDATE SET {updates}", [row[c] for c in columns])
