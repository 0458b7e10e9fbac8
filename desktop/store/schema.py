"""The database's tables: what each holds, and the migrations that build them (append only).

Every synced record carries the sync contract's columns (desktop/store/__init__.py).
"""

from __future__ import annotations

import logging

import sqlite_utils

from desktop import audit
from desktop.store.errors import StoreError
from fundus.clock import now_utc
from fundus.text import QT_TRANSLATE_NOOP
# Shared with the hub; tests/test_wire.py ties fundus.wire to MIGRATIONS.
from fundus.wire import CLINICAL_TABLES, SYNCED_TABLES  # noqa: F401 (re-exported by desktop.store)

log = logging.getLogger(__name__)

DB_NAME = "dr-screen.db"
EYES = ("right", "left")
EYE_NAMES = {"right": QT_TRANSLATE_NOOP("store", "right eye"), "left": QT_TRANSLATE_NOOP("store", "left eye")}
SEXES = ("female", "male", "other")
PERSONAL_FIELDS = ("patient_code", "name", "age", "sex", "diabetes_years", "phone", "notes")
LIVE = "deleted_at IS NULL AND purged_at IS NULL"  # a record still here with its personal data
LIVE_P = "p.deleted_at IS NULL AND p.purged_at IS NULL"


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


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database up to SCHEMA_VERSION, one transaction per migration."""
    if "migrations" not in db.table_names():
        db["migrations"].create({"version": int, "applied_at": str}, pk="version")
    current = db.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StoreError(QT_TRANSLATE_NOOP(
            "store", "This database was written by a newer dr-screen (schema {found}, this program knows "
                     "{known}). Update dr-screen to open it.")
            .format(found=current, known=SCHEMA_VERSION))
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[version - 1](db)
            db["migrations"].insert({"version": version, "applied_at": now_utc()})
        log.info("database migrated to schema %d", version)
