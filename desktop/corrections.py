"""Correcting a photo put on the wrong eye or the wrong patient, on the record. Qt-free.

A photo is never deleted. Moving it changes its ``photos`` row (patient and eye);
removing it unassigns the row (no patient, no eye), so it leaves every patient's
result but stays in the data folder and can be given to the right patient later.
Either way the change, a ``photo_corrections`` row saying who did it (the signed-in
user), when and why, and its audit event are written in one transaction
(``Store.record_correction``); the first two are records of the sync contract
(desktop/store/), so the hub gets the photo's new version and the reason.
The patient and eye results follow by themselves: they are computed from the
photos each eye holds (Store.patient_results).
"""

from __future__ import annotations

from desktop.store import EYES, InvalidInputError, Store
from fundus.text import QT_TRANSLATE_NOOP

REMOVE, MOVE = "remove", "move"


def remove_photo(store: Store, photo_id: str, reason: str) -> dict:
    """Take a photo off its patient (by the signed-in user); returns the correction row."""
    return _correct(store, photo_id, None, None, reason)


def move_photo(store: Store, photo_id: str, patient_id: str, eye: str, reason: str) -> dict:
    """Give a photo to another eye and/or patient (by the signed-in user); returns the correction row."""
    if eye not in EYES:
        raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
    patient = store.get_patient(patient_id)
    if patient is None or patient["deleted_at"] or patient["purged_at"]:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "Choose the patient to move the photo to."))
    return _correct(store, photo_id, patient_id, eye, reason)


def history(store: Store, patient_id: str) -> list[dict]:
    """The corrections that took a photo from or gave one to this patient, oldest first,
    with the photo's original file name."""
    return list(store.db.query(
        "SELECT c.*, p.original_name FROM photo_corrections c JOIN photos p ON p.id = c.photo_id "
        "WHERE c.from_patient_id = :id OR c.to_patient_id = :id ORDER BY c.created_at", {"id": patient_id}))


def _correct(store: Store, photo_id: str, patient_id: str | None, eye: str | None, reason: str) -> dict:
    store.actor()  # corrections are signed: by whoever is signed in
    reason = reason.strip()
    if not reason:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "Write why the photo is corrected."))
    photo = store.get_photo(photo_id)
    if photo is None or photo["patient_id"] is None or photo["deleted_at"] or photo["purged_at"]:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "That photo is not on a patient any more."))
    if (photo["patient_id"], photo["eye"]) == (patient_id, eye):
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "The photo is already on that eye."))
    return store.record_correction(photo, patient_id, eye, reason, REMOVE if patient_id is None else MOVE)
