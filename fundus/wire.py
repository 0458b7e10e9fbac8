"""What a camp laptop and the hub agree on: the synced tables, their columns, and the USB export's format.

The laptop (desktop/sync.py pushes these rows through Datasette's upsert API,
desktop/sync_export.py writes the export file) and the hub (hub/database.py makes these
tables, hub/usb_import.py reads the file) both import this module; it imports neither
SQLCipher nor Qt nor the laptop's package. One push protocol and one export format:
whatever changes here changes what a laptop and a hub of another release understand.

The export file (encrypted to the hub with fundus/sealed.py) holds a zip::

    manifest.json              format, the laptop's key id, the hub's key id (whom it is for),
                               row counts, sha256 of every other member
    manifest.sig               the laptop's Ed25519 signature of manifest.json (fundus/signing.py)
    records/<table>.json       every row of the table as the hub stores it (HUB_TABLES; photo_files
                               without its jpeg column)
    photos/<sha256>.jpg        the reduced JPEG of each photo (the ``jpeg`` column of photo_files)
"""

from __future__ import annotations

import re

from fundus.audit_chain import TABLE as AUDIT_TABLE
from fundus.text import count

# ---------------------------------------------------------------- the synced tables

CLINICAL_TABLES = ("camp_sessions", "patients", "photos", "results", "photo_corrections")
SYNCED_TABLES = (*CLINICAL_TABLES, AUDIT_TABLE)  # in this order: parents first
PHOTO_FILES = "photo_files"  # the hub's reduced copy of each photo, keyed by the original's sha256
PHOTO_FILES_COLUMNS = {"sha256": "text", "width": "integer", "height": "integer", "jpeg": "blob"}
HUB_TABLES = (*SYNCED_TABLES, PHOTO_FILES)
# The laptop's own bookkeeping: never sent, never stored at the hub.
LOCAL_ONLY_COLUMNS = ("sync_state", "synced_at", "purged_at")

_RECORD = {"id": "text", "created_at": "text", "updated_at": "text", "version": "integer"}
# What each store schema added to the synced tables, as they travel ('text', 'integer', 'float'),
# local-only columns left out. Append only, like the laptop's migrations (desktop/store.py);
# tests/test_wire.py checks that those migrations make exactly these columns.
ADDED_BY_SCHEMA = {
    1: {"camp_sessions": {**_RECORD, "site": "text", "operator": "text", "date": "text"},
        "patients": {**_RECORD, "camp_session_id": "text", "patient_code": "text", "name": "text",
                     "age": "integer", "sex": "text", "diabetes_years": "float", "phone": "text", "notes": "text"},
        "photos": {**_RECORD, "sha256": "text", "patient_id": "text", "eye": "text", "original_name": "text",
                   "stored_path": "text", "size_bytes": "integer"},
        "results": {**_RECORD, "photo_id": "text", "model_name": "text", "model_version": "text",
                    "gradable": "integer", "reasons": "text", "grade": "integer", "grade_name": "text",
                    "score": "float", "probabilities": "text", "referable": "integer", "ms": "float"}},
    2: {"results": {"model_sha256": "text"}},
    3: {"results": {"referable_probability": "float", "heads": "text"},
        "photo_corrections": {**_RECORD, "photo_id": "text", "action": "text", "from_patient_id": "text",
                              "from_eye": "text", "to_patient_id": "text", "to_eye": "text", "reason": "text",
                              "operator": "text"}},
    4: {"results": {"graded_by": "text"}, "patients": {"deleted_at": "text"}, "photos": {"deleted_at": "text"},
        AUDIT_TABLE: {**_RECORD, "seq": "integer", "device": "text", "user": "text", "action": "text",
                      "target_table": "text", "target_id": "text", "detail": "text", "prev_hash": "text",
                      "hash": "text"}},
}
SCHEMA = max(ADDED_BY_SCHEMA)  # the newest laptop store schema this program sends and stores


def synced_columns(schema: int = SCHEMA) -> dict[str, dict[str, str]]:
    """Column types of each synced table as a laptop of store schema `schema` sends them."""
    tables: dict[str, dict[str, str]] = {}
    for version in range(1, schema + 1):
        for table, columns in ADDED_BY_SCHEMA[version].items():
            tables.setdefault(table, {}).update(columns)
    return {table: tables[table] for table in SYNCED_TABLES if table in tables}


def table_columns(schema: int = SCHEMA) -> dict[str, dict[str, str]]:
    """Column types of every hub table a laptop writes (the synced ones and photo_files)."""
    return {**synced_columns(schema), PHOTO_FILES: PHOTO_FILES_COLUMNS}


def primary_key(table: str) -> str:
    return "sha256" if table == PHOTO_FILES else "id"


def hub_row(row: dict) -> dict:
    """A laptop's row as it travels: without the local-only columns."""
    return {k: v for k, v in row.items() if k not in LOCAL_ONLY_COLUMNS}


RECORD_NAMES = {AUDIT_TABLE: "audit event"}


def record_name(table: str) -> str:
    """'camp_sessions' -> 'camp session': one record of a hub table, in words (for counts)."""
    return RECORD_NAMES.get(table, table.replace("_", " ").removesuffix("s"))


def records_text(counts: dict[str, int]) -> str:
    """{'patients': 5, 'photos': 1} -> '5 patients, 1 photo' (what a push, an export or an import moved)."""
    return ", ".join(count(n, record_name(table)) for table, n in counts.items())


# ---------------------------------------------------------------- the USB export file

FORMAT = "dr-screen-sync-export"
FORMAT_VERSION = 3  # 2: signed by the laptop; 3: encrypted to the hub, names the hub
# Format 3 came with store schema 4. An export from a laptop of a later schema holds the
# tables and columns that schema added; one from an older laptop lacks them, and the hub
# keeps them empty (NULL) for its records. Anything beyond the hub's schema is refused.
OLDEST_SCHEMA = 4
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PHOTO_MEMBER = re.compile(r"photos/([0-9a-f]{64})\.jpg")


def records_member(table: str) -> str:
    return f"records/{table}.json"


def photo_member(sha256: str) -> str:
    return f"photos/{sha256}.jpg"
