"""Correcting a photo put on the wrong eye or the wrong patient, on the record. Qt-free.

A photo is never deleted. Moving it changes its ``photos`` row (patient and eye);
removing it unassigns the row (no patient, no eye), so it leaves every patient's
result but stays in the data folder and can be given to the right patient later.
Either way the change and a ``photo_corrections`` row saying who did it, when and
why are written in one transaction; both are records of the sync contract
(desktop/store.py), so the hub gets the photo's new version and the reason.
The patient and eye results follow by themselves: they are computed from the
photos each eye holds (Store.patient_results).
"""

from __future__ import annotations

from desktop.store import EYES, InvalidInputError, Store, disk_full_is_clear
from fundus.text import QT_TRANSLATE_NOOP

REMOVE, MOVE = "remove", "move"


def remove_photo(store: Store, photo_id: str, reason: str, operator: str) -> dict:
    """Take a photo off its patient; returns the correction row."""
    return _correct(store, photo_id, None, None, reason, operator)


def move_photo(store: Store, photo_id: str, patient_id: str, eye: str, reason: str, operator: str) -> dict:
    """Give a photo to another eye and/or patient; returns the correction row."""
    if eye not in EYES:
        raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
    if store.get_patient(patient_id) is None:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "Choose the patient to move the photo to."))
    return _correct(store, photo_id, patient_id, eye, reason, operator)


def history(store: Store, patient_id: str) -> list[dict]:
    """The corrections that took a photo from or gave one to this patient, oldest first,
    with the photo's original file name."""
    return list(store.db.query(
        "SELECT c.*, p.original_name FROM photo_corrections c JOIN photos p ON p.id = c.photo_id "
        "WHERE c.from_patient_id = :id OR c.to_patient_id = :id ORDER BY c.created_at", {"id": patient_id}))


def _correct(store: Store, photo_id: str, patient_id: str | None, eye: str | None, reason: str,
             operator: str) -> dict:
    reason, operator = reason.strip(), operator.strip()
    if not reason:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "Write why the photo is corrected."))
    if not operator:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "Enter your name: corrections are signed."))
    photo = store.get_photo(photo_id)
    if photo is None or photo["patient_id"] is None:
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "That photo is not on a patient any more."))
    if (photo["patient_id"], photo["eye"]) == (patient_id, eye):
        raise InvalidInputError(QT_TRANSLATE_NOOP("corrections", "The photo is already on that eye."))
    with disk_full_is_clear(), store.db.atomic():
        store._update("photos", photo_id, {"patient_id": patient_id, "eye": eye})
        return store._insert("photo_corrections", {
            "photo_id": photo_id, "action": REMOVE if patient_id is None else MOVE,
            "from_patient_id": photo["patient_id"], "from_eye": photo["eye"],
            "to_patient_id": patient_id, "to_eye": eye, "reason": reason, "operator": operator,
        })
