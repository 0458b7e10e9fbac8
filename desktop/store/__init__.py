"""The camp's records: SQLite (via sqlite-utils) plus content-addressed photo files.

Qt-free; the UI and the headless batch both call it, it calls neither. Nothing outside
this package writes to the laptop's database (tests/test_layering.py checks it); each
change is a method here that writes its audit event in the same transaction.

    errors.py          what can go wrong (StoreError and its kinds), disk full, unusable folder
    files.py           the sealed photo files (PhotoFiles) and shredding
    lock.py            the instance lock (one dr-screen per data folder)
    schema.py          the tables, the migrations, and their constants
    events.py          appending to the audit log (desktop/audit.py: the chain's format)
    facade.py          Store: opening, integrity, backups, who acts, settings, sync bookkeeping
    clinical.py        camps, patients, photos, results, corrections (Store's records)
    accounts.py        the accounts table's writes (desktop/users.py decides who may)
    erasure.py         a patient's erasure and the retention purge (desktop/retention.py decides when)
    plain_migration.py encrypting a data folder an earlier release left plain

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
Corrections (``record_correction``) and erasure are written through the same
``_insert`` / ``_update``, so they follow this contract.
"""

from desktop.store.errors import (SQLITE_OPERATIONAL_ERRORS, DamagedDatabaseError, DiskFullError,
                                  DuplicatePatientError, InstanceLockedError, InvalidInputError, NotSignedInError,
                                  PhotoConflictError, PlainStoreError, StoreError, disk_full_is_clear,
                                  folder_errors_are_clear)
from desktop.store.facade import AUTOMATIC, BUSY_TIMEOUT_MS, Store, new_id
from desktop.store.files import MAX_PHOTO_BYTES, PhotoFiles, StoredFile, shred
from desktop.store.lock import InstanceLock
from desktop.store.schema import (CLINICAL_TABLES, DB_NAME, EYE_NAMES, EYES, LIVE, LIVE_P, MIGRATIONS,
                                  PERSONAL_FIELDS, SCHEMA_VERSION, SEXES, SYNCED_TABLES)
from fundus.clock import now_utc
from fundus.files import file_sha256

__all__ = [
    "AUTOMATIC", "BUSY_TIMEOUT_MS", "CLINICAL_TABLES", "DB_NAME", "EYES", "EYE_NAMES", "LIVE", "LIVE_P",
    "MAX_PHOTO_BYTES", "MIGRATIONS", "PERSONAL_FIELDS", "SCHEMA_VERSION", "SEXES", "SQLITE_OPERATIONAL_ERRORS",
    "SYNCED_TABLES", "DamagedDatabaseError", "DiskFullError", "DuplicatePatientError", "InstanceLock",
    "InstanceLockedError", "InvalidInputError", "NotSignedInError", "PhotoConflictError", "PhotoFiles",
    "PlainStoreError", "Store", "StoreError", "StoredFile", "disk_full_is_clear", "file_sha256",
    "folder_errors_are_clear", "new_id", "now_utc", "shred",
]
