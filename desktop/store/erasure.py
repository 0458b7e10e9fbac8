"""Removing personal data from the records: a patient's erasure, and the retention policy's purge
(desktop/retention.py says who may and when)."""

from __future__ import annotations

from desktop.store.errors import disk_full_is_clear
from desktop.store.schema import PERSONAL_FIELDS
from fundus.clock import now_utc

# What a photo row keeps: what the sync needs (its id, version…) and the sha256 that erases it on the hub.
PHOTO_ERASED = ("original_name",)  # a camera file may have been renamed after the patient


class ErasureRecords:
    """Store's erasure and purge (a mixin: `Store` supplies the database, files and audit log)."""

    def erase_patient(self, patient_id: str) -> int:
        """In one transaction: the patient's personal fields erased and `deleted_at` set as a new version
        (the tombstone syncs), each photo a tombstone too, its heat maps deleted, with the event. Then
        the photo files are shredded. Returns the number of photo files deleted."""
        photos = self._rows("SELECT * FROM photos WHERE patient_id = ?", [patient_id])
        stamp = now_utc()
        with disk_full_is_clear(), self.db.atomic():
            self._update("patients", patient_id, {**dict.fromkeys(PERSONAL_FIELDS), "deleted_at": stamp})
            for photo in photos:
                self._update("photos", photo["id"], {**dict.fromkeys(PHOTO_ERASED), "deleted_at": stamp})
                self._drop_overlays(photo["id"])
            self.audit("patient_delete", "patients", patient_id, photos=len(photos))
        removed = sum(self.files.remove(photo["sha256"]) for photo in photos)
        self._forget_old_pages()
        return removed

    def purge_confirmed_before(self, cutoff: str, days: int) -> int:
        """Purge from this laptop (no new version: the hub keeps the full record) every patient whose
        row and every photo and result were confirmed synced before `cutoff`: personal fields and
        photo files go, the rows are marked `purged_at`. `days`: the policy, for the event.
        Returns how many patients were purged."""
        due = [r["id"] for r in self.db.query(
            "SELECT p.id FROM patients p WHERE p.deleted_at IS NULL AND p.purged_at IS NULL "
            "AND p.sync_state = 'synced' AND p.synced_at < :cutoff "
            "AND NOT EXISTS (SELECT 1 FROM photos ph LEFT JOIN results r ON r.photo_id = ph.id "
            "  WHERE ph.patient_id = p.id AND (ph.sync_state != 'synced' OR ph.synced_at >= :cutoff "
            "  OR r.sync_state != 'synced' OR r.synced_at >= :cutoff))", {"cutoff": cutoff})]
        if not due:
            return 0
        stamp = now_utc()
        photos = []
        with disk_full_is_clear(), self.db.atomic():
            for patient_id in due:
                sets = ", ".join(f"[{f}] = NULL" for f in PERSONAL_FIELDS)
                self.db.execute(f"UPDATE patients SET {sets}, purged_at = ? WHERE id = ?", [stamp, patient_id])
                for photo in self._rows("SELECT id, sha256 FROM photos WHERE patient_id = ?", [patient_id]):
                    photos.append(photo["sha256"])
                    self.db.execute("UPDATE photos SET original_name = NULL, purged_at = ? WHERE id = ?",
                                    [stamp, photo["id"]])
                    self._drop_overlays(photo["id"])
            self.audit("purge", "patients", None, patients=len(due), photos=len(photos), days=days)
        for sha in photos:
            self.files.remove(sha)
        self._forget_old_pages()
        return len(due)

    def _drop_overlays(self, photo_id: str) -> None:
        self.db.execute("DELETE FROM overlays WHERE result_id IN (SELECT id FROM results WHERE photo_id = ?)",
                        [photo_id])

    def _forget_old_pages(self) -> None:
        """Old page images of the erased rows leave the write-ahead log (secure_delete zeroes freed pages)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
