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
from desktop.store import InvalidInputError, Store
from fundus.text import QT_TRANSLATE_NOOP

POLICY_SETTING = "retention_days"


def delete_patient(store: Store, patient_id: str) -> int:
    """Erase a patient (administrator only); returns the number of photo files deleted."""
    users.require_admin(store)
    patient = store.get_patient(patient_id)
    if patient is None or patient["deleted_at"]:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That patient no longer exists."))
    return store.erase_patient(patient_id)


def policy_days(store: Store) -> int | None:
    value = store.setting(POLICY_SETTING)
    return int(value) if value else None


def set_policy(store: Store, days: int | None) -> None:
    """Administrator: purge N days after a confirmed sync (None: keep everything, the default)."""
    users.require_admin(store)
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInputError(QT_TRANSLATE_NOOP("retention", "Keep records between 1 and 3650 days after the "
                                                               "hub confirmed them."))
    store.change_setting(POLICY_SETTING, None if days is None else str(days), "retention_policy", days=days)


def purge_due(store: Store, now: datetime | None = None) -> int:
    """Apply the policy (if any): returns how many patients were purged from this laptop."""
    days = policy_days(store)
    if days is None:
        return 0
    cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=days)).isoformat(timespec="milliseconds")
    return store.purge_confirmed_before(cutoff, days)
