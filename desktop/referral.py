"""What the patient's referral slip says, gathered from the store. Qt-free.

desktop/ui/referral_pdf.py lays it out on one A4 page with Qt's PDF writer; the
window's "Referral slip" button and `python -m desktop referral --patient ID --out
FILE.pdf` both go through `slip_for` and that one renderer, and record the slip as an
audit event (`slip_written`): a slip is patient data leaving the encrypted store.

Where referred patients go is the referral hospital: asked at set-up
(desktop/unlock.py `first_run`), changed by an administrator (Admin menu, `python -m
desktop hospital`), kept in the encrypted settings and audited; without one, the
programme's advice.json `referral_centre`, else a line that sends the patient to the
camp staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop import users
from desktop.advice import AdviceTable, EyeSummary, Outcome, eye_summary
from desktop.store import EYES, InvalidInputError, Store
from fundus.text import QT_TRANSLATE_NOOP

HOSPITAL_SETTING = "referral_hospital"
MAX_HOSPITAL = 200  # one or two printed lines on the slip


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
    referral_centre: str  # where to go: the referral hospital (or advice.json's referral_centre)


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
                advice.outcome(by_eye["right"], by_eye["left"]), eyes, sorted(set(models)),
                referral_hospital(store) or advice.referral_centre)


def referral_hospital(store: Store) -> str | None:
    """The referral hospital an administrator named (None: not named yet)."""
    return store.setting(HOSPITAL_SETTING)


def check_hospital(name: str) -> str:
    """The hospital as it will be printed: one line, spaces tidied, 2 to MAX_HOSPITAL characters."""
    name = " ".join(str(name).split())
    if not 2 <= len(name) <= MAX_HOSPITAL or not name.isprintable():
        raise InvalidInputError(QT_TRANSLATE_NOOP(
            "referral", "Name the eye hospital where referred patients go, with its town (2 to {max} characters): "
                        "it is printed on their referral slip.").format(max=MAX_HOSPITAL))
    return name


def set_referral_hospital(store: Store, name: str) -> str:
    """Administrator: name the referral hospital (audited, with the old and new names)."""
    users.require_admin(store)
    name = check_hospital(name)
    store.change_setting(HOSPITAL_SETTING, name, "referral_hospital", old=store.setting(HOSPITAL_SETTING), new=name)
    return name


def slip_written(store: Store, patient_id: str) -> None:
    """The audit event of a slip written (by the signed-in user); the file's name is not
    recorded, as it holds the patient ID."""
    store.record_event("referral_slip", "patients", patient_id)
