"""The offline route to the hub: one export file carried on a USB stick, imported at the hospital.

The file is a zip::

    manifest.json              format, hub column types, row counts, sha256 of every other member
    records/<table>.json       every row of the table as the hub stores it (SYNCED_TABLES, photo_files)
    photos/<sha256>.jpg        the reduced JPEG of each photo (the ``jpeg`` column of photo_files)

It holds every record, not only the pending ones, so any one file brings the hub up to
date with the laptop. Rows and JPEGs are exactly what ``sync.push`` sends, so an import
gives the hub the same rows a push would. Exporting does not mark anything synced:
the laptop cannot know the file reached the hub.

Import verifies every checksum before touching the hub database, then writes in one
transaction. A row already on the hub at a higher version is kept (an old stick cannot
undo newer data), which also makes importing the same file twice change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from pathlib import Path

import sqlite_utils

from desktop.paths import FILE_MODE
from desktop.store import SYNCED_TABLES, Store, disk_full_is_clear, now_utc
from desktop.sync import PHOTO_FILES, PHOTO_FILES_COLUMNS, SyncError, hub_columns, hub_row, photo_file_row

FORMAT = "dr-screen-sync-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class DamagedExportError(SyncError):
    pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _records_member(table: str) -> str:
    return f"records/{table}.json"


def _photo_member(sha256: str) -> str:
    return f"photos/{sha256}.jpg"


# ---------------------------------------------------------------- export


def export_file(store: Store, out: str | os.PathLike) -> dict[str, int]:
    """Write the export file atomically (owner-only: it holds patient data); returns rows per table."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.part")
    members: dict[str, str] = {}
    counts: dict[str, int] = {}
    try:
        with disk_full_is_clear():
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as f, zipfile.ZipFile(f, "w") as zf:
                def add(name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
                    zf.writestr(name, data, compress_type=compress)
                    members[name] = _sha256(data)

                photo_files = []
                for table in SYNCED_TABLES:
                    rows = store.db[table].rows_where(order_by="created_at")
                    records = [hub_row(r) for r in rows]
                    add(_records_member(table), json.dumps(records).encode())
                    counts[table] = len(records)
                    if table == "photos":
                        for photo in records:
                            file_row = photo_file_row(store, photo)
                            add(_photo_member(photo["sha256"]), file_row.pop("jpeg"), zipfile.ZIP_STORED)
                            photo_files.append(file_row)
                add(_records_member(PHOTO_FILES), json.dumps(photo_files).encode())
                counts[PHOTO_FILES] = len(photo_files)
                manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "created_at": now_utc(),
                            "columns": {**hub_columns(store), PHOTO_FILES: PHOTO_FILES_COLUMNS},
                            "rows": counts, "sha256": members}
                add(MANIFEST, json.dumps(manifest, indent=1).encode())
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


# ---------------------------------------------------------------- import


def read_export(path: str | os.PathLike) -> tuple[dict, dict[str, list[dict]]]:
    """(manifest, rows per table with photo JPEGs filled in), after checking every checksum.

    Raises DamagedExportError naming what is wrong; nothing is written before this passes.
    """
    path = Path(path)

    def refuse(why: str) -> DamagedExportError:
        return DamagedExportError(f"{path.name} cannot be imported: {why}. Nothing was imported. "
                                  "Make the export again on the camp laptop and bring the new file.")

    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
                raise refuse("it is not a dr-screen export of a version this program knows")
            data = {}
            for name, expected in manifest["sha256"].items():
                data[name] = zf.read(name)
                if _sha256(data[name]) != expected:
                    raise refuse(f"its part {name} is damaged (checksum mismatch)")
    except FileNotFoundError:
        raise SyncError(f"There is no file {path}.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, AttributeError) as e:
        raise refuse(f"the file is damaged or incomplete ({type(e).__name__}: {e})") from None
    # An export from an older app lacks the tables added since: nothing to import there.
    tables = {t: json.loads(data[_records_member(t)]) for t in (*SYNCED_TABLES, PHOTO_FILES)
              if _records_member(t) in data}
    for file_row in tables[PHOTO_FILES]:
        file_row["jpeg"] = data[_photo_member(file_row["sha256"])]
    return manifest, tables


def import_file(path: str | os.PathLike, hub_db: str | os.PathLike) -> dict[str, int]:
    """Load an export file into the hub's SQLite database; returns rows written per table."""
    manifest, tables = read_export(path)
    db = sqlite_utils.Database(hub_db)
    written = {}
    with db.conn:  # one transaction: all or nothing
        for table, rows in tables.items():
            pk = "sha256" if table == PHOTO_FILES else "id"
            if not db[table].exists():
                db[table].create(manifest["columns"][table], pk=pk)
            newer = _newer(db, table, pk, rows)
            db[table].upsert_all(newer, pk=pk, alter=True)  # columns of a newer laptop schema are added
            written[table] = len(newer)
    db.close()
    return written


def _newer(db: sqlite_utils.Database, table: str, pk: str, rows: list[dict]) -> list[dict]:
    """The rows the hub lacks or holds at a lower version (photo files never change)."""
    if pk == "sha256":
        known = {r["sha256"] for r in db.query(f"SELECT sha256 FROM [{table}]")}
        return [r for r in rows if r["sha256"] not in known]
    versions = {r["id"]: r["version"] for r in db.query(f"SELECT id, version FROM [{table}]")}
    return [r for r in rows if r["version"] > versions.get(r["id"], 0)]
