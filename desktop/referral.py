"""What the patient's referral slip says, gathered from the store. Qt-free.

desktop/ui/referral_pdf.py lays it out on one A4 page with Qt's PDF writer; the
window's "Referral slip" button and `python -m desktop referral --patient ID --out
FILE.pdf` both go through `slip_for` and that one renderer, and record the slip as an
audit event (`slip_written`): a slip is patient data leaving the encrypted store.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.advice import AdviceTable, EyeSummary, Outcome, eye_summary
from desktop.store import EYES, Store


@dataclass(frozen=True)
class EyeOnSlip:
    photo: bytes | None  # the photo shown for the eye (its latest graded one), decrypted
    overlay_png: bytes | None  # its heat map
    result: dict | None  # its result row (Store.result_for)
    summary: EyeSummary | None  # the eye's result over all its photos (the worst grade)
    photo_count: int


@dataclass(frozen=True)
class Slip:
    camp: dict
    patient: dict
    outcome: Outcome
    eyes: dict[str, EyeOnSlip]
    models: list[str]  # "name version" of every model that graded a photo on the slip
    referral_centre: str


def shown_photo(store: Store, patient_id: str, eye: str) -> tuple[dict, dict, int] | None:
    """(photo, result, number of graded photos) of the eye's latest graded photo, or None."""
    graded = [(p, r) for p in store.photos(patient_id, eye) if (r := store.result_for(p["id"]))]
    if not graded:
        return None
    photo, result = graded[-1]
    return photo, result, len(graded)


def slip_for(store: Store, advice: AdviceTable, patient_id: str) -> Slip:
    patient = store.get_patient(patient_id)
    by_eye = store.patient_results(patient_id)
    eyes, models = {}, []
    for eye in EYES:
        shown = shown_photo(store, patient_id, eye)
        if shown is None:
            eyes[eye] = EyeOnSlip(None, None, None, None, 0)
            continue
        photo, result, count = shown
        eyes[eye] = EyeOnSlip(store.photo_bytes(photo), store.overlay_png(result["id"]), result,
                              eye_summary(by_eye[eye]), count)
        models += [f"{r['model_name']} {r['model_version']}" for r in by_eye[eye]]
    return Slip(store.get_camp(patient["camp_session_id"]), patient,
                advice.outcome(by_eye["right"], by_eye["left"]), eyes, sorted(set(models)), advice.referral_centre)


def slip_written(store: Store, patient_id: str) -> None:
    """The audit event of a slip written (by the signed-in user); the file's name is not
    recorded, as it holds the patient ID."""
    store.record_event("referral_slip", "patients", patient_id)
