"""Removing personal data: a patient's deletion (everywhere), and the retention policy (this laptop). Qt-free.

**Delete patient** (an administrator, when the patient asks): in one transaction the
patient's personal fields are erased and ``deleted_at`` set, as a new version: the
anonymised tombstone keeps only the record's id, its camp and dates, so the hub,
when it syncs, overwrites its copy the same way. Each of the patient's photos becomes
a tombstone too (its sha256 stays, so the hub deletes its JPEG and never stores it
again), its heat maps are deleted, and its photo file is overwritten and deleted.
The results stay, anonymous: grades of a record that no longer names anyone.

**Retention policy** (optional, off by default): records confirmed synced more than
N days ago lose their personal fields and photo files on this laptop only. Nothing
changes version or goes to the hub, which keeps the full record; the rows are marked
``purged_at`` (a local column) and no longer listed.

Backups taken before either still hold the data, encrypted, until they rotate out
(7 days, desktop/backup.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from desktop import users
from desktop.store import PERSONAL_FIELDS, InvalidInputError, Store, disk_full_is_clear, now_utc
from fundus.text import QT_TRANSLATE_NOOP

POLICY_SETTING = "retention_days"
# What a photo row keeps: what the sync needs (its id, version…) and the sha256 that erases it on the hub.
PHOTO_ERASED = ("original_name",)  # a camera file may have been renamed after the patient


def delete_patient(store: Store, patient_id: str) -> int:
    """Erase a patient (administrator only); returns the number of photo files deleted."""
    users.require_admin(store)
    patient = store.get_patient(patient_id)
    if patient is None or patient["deleted_at"]:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That patient no longer exists."))
    photos = list(store.db.query("SELECT * FROM photos WHERE patient_id = ?", [patient_id]))
    stamp = now_utc()
    with disk_full_is_clear(), store.db.atomic():
        store.update_record("patients", patient_id, {**dict.fromkeys(PERSONAL_FIELDS), "deleted_at": stamp})
        for photo in photos:
            store.update_record("photos", photo["id"], {**dict.fromkeys(PHOTO_ERASED), "deleted_at": stamp})
            store.db.execute("DELETE FROM overlays WHERE result_id IN (SELECT id FROM results WHERE photo_id = ?)",
                             [photo["id"]])
        store.audit("patient_delete", "patients", patient_id, photos=len(photos))
    removed = sum(store.files.remove(photo["sha256"]) for photo in photos)
    _forget_old_pages(store)
    return removed


def policy_days(store: Store) -> int | None:
    value = store.setting(POLICY_SETTING)
    return int(value) if value else None


def set_policy(store: Store, days: int | None) -> None:
    """Administrator: purge N days after a confirmed sync (None: keep everything, the default)."""
    users.require_admin(store)
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInputError(QT_TRANSLATE_NOOP("retention", "Keep records between 1 and 3650 days after the "
                                                               "hub confirmed them."))
    with disk_full_is_clear(), store.db.atomic():
        store.set_setting(POLICY_SETTING, None if days is None else str(days))
        store.audit("retention_policy", "settings", POLICY_SETTING, days=days)


def purge_due(store: Store, now: datetime | None = None) -> int:
    """Apply the policy (if any): returns how many patients were purged from this laptop."""
    days = policy_days(store)
    if days is None:
        return 0
    cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=days)).isoformat(timespec="milliseconds")
    # A patient whose row and every photo and result are synced, each confirmed before the cutoff.
    due = [r["id"] for r in store.db.query(
        "SELECT p.id FROM patients p WHERE p.deleted_at IS NULL AND p.purged_at IS NULL "
        "AND p.sync_state = 'synced' AND p.synced_at < :cutoff "
        "AND NOT EXISTS (SELECT 1 FROM photos ph LEFT JOIN results r ON r.photo_id = ph.id "
        "  WHERE ph.patient_id = p.id AND (ph.sync_state != 'synced' OR ph.synced_at >= :cutoff "
        "  OR r.sync_state != 'synced' OR r.synced_at >= :cutoff))", {"cutoff": cutoff})]
    if not due:
        return 0
    stamp = now_utc()
    photos = []
    with disk_full_is_clear(), store.db.atomic():
        for patient_id in due:
            sets = ", ".join(f"[{f}] = NULL" for f in PERSONAL_FIELDS)
            store.db.execute(f"UPDATE patients SET {sets}, purged_at = ? WHERE id = ?", [stamp, patient_id])
            for photo in store.db.query("SELECT id, sha256 FROM photos WHERE patient_id = ?", [patient_id]):
                photos.append(photo["sha256"])
                store.db.execute("UPDATE photos SET original_name = NULL, purged_at = ? WHERE id = ?",
                                 [stamp, photo["id"]])
                store.db.execute("DELETE FROM overlays WHERE result_id IN "
                                 "(SELECT id FROM results WHERE photo_id = ?)", [photo["id"]])
        store.audit("purge", "patients", None, patients=len(due), photos=len(photos), days=days)
    for sha in photos:
        store.files.remove(sha)
    _forget_old_pages(store)
    return len(due)


def _forget_old_pages(store: Store) -> None:
    """Old page images of the erased rows leave the write-ahead log (secure_delete zeroes freed pages)."""
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
