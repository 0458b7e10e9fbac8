"""The screening records a `Store` holds: camps, patients, photos, results and photo corrections."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from desktop.store.errors import (DuplicatePatientError, InvalidInputError, PhotoConflictError,
                                  disk_full_is_clear)
from desktop.store.files import StoredFile
from desktop.store.schema import EYE_NAMES, EYES, LIVE, LIVE_P, PERSONAL_FIELDS, SEXES
from fundus.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


class ClinicalRecords:
    """Store's camps, patients, photos and results (a mixin: `Store` supplies the database,
    the signed-in user and the row primitives)."""

    # ------------------------------------------------------------ camp sessions

    def create_camp(self, site: str, operator: str, date: str) -> dict:
        site, operator = site.strip(), operator.strip()
        if not site or not operator:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the camp site and the operator's name."))
        try:
            datetime.strptime(date, "%Y-%m-%d")
        except ValueError:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "The camp date must look like 2025-01-31, not {date}.")
                                    .format(date=repr(date))) from None
        with disk_full_is_clear(), self.db.atomic():
            camp = self._insert("camp_sessions", {"site": site, "operator": operator, "date": date})
            self.audit("camp_add", "camp_sessions", camp["id"])
            return camp

    def camps(self) -> list[dict]:
        return self._rows("SELECT * FROM camp_sessions ORDER BY date DESC, created_at DESC")

    def get_camp(self, camp_id: str) -> dict | None:
        return self._one("SELECT * FROM camp_sessions WHERE id = ?", [camp_id])

    # ------------------------------------------------------------ patients

    def add_patient(self, camp_id: str, patient_code: str, name: str, age: int | str, sex: str,
                    diabetes_years: float | str | None = None, phone: str = "", notes: str = "") -> dict:
        fields = _valid_patient(patient_code, name, age, sex, diabetes_years, phone, notes)
        if self.get_camp(camp_id) is None:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Choose a camp session first."))
        if self.find_patient(camp_id, fields["patient_code"]):
            raise DuplicatePatientError(QT_TRANSLATE_NOOP(
                "store", "This patient ID is already registered in this camp. "
                         "Open that patient from the list, or check the ID."))
        with disk_full_is_clear(), self.db.atomic():
            patient = self._insert("patients", {"camp_session_id": camp_id, **fields})
            self.audit("patient_add", "patients", patient["id"])
            return patient

    def update_patient(self, patient_id: str, **changes: Any) -> dict:
        current = self.get_patient(patient_id)
        if current is None or current["deleted_at"] or current["purged_at"]:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That patient no longer exists."))
        merged = {k: current[k] for k in PERSONAL_FIELDS}
        merged.update(changes)
        fields = _valid_patient(**merged)
        other = self.find_patient(current["camp_session_id"], fields["patient_code"])
        if other and other["id"] != patient_id:
            raise DuplicatePatientError(QT_TRANSLATE_NOOP(
                "store", "This patient ID is already used by another patient in this camp."))
        changed = {k: v for k, v in fields.items() if current[k] != v}
        if changed:
            with disk_full_is_clear(), self.db.atomic():
                self._update("patients", patient_id, changed)
                self.audit("patient_edit", "patients", patient_id, fields=sorted(changed))  # names, not values
        return self.get_patient(patient_id)

    def get_patient(self, patient_id: str) -> dict | None:
        return self._one("SELECT * FROM patients WHERE id = ?", [patient_id])

    def find_patient(self, camp_id: str, patient_code: str) -> dict | None:
        return self._one(f"SELECT * FROM patients WHERE camp_session_id = ? AND patient_code = ? AND {LIVE}",
                         [camp_id, patient_code.strip()])

    def latest_patient(self, patient_code: str) -> dict | None:
        """The patient with this ID in the most recent camp (for the headless batch)."""
        return self._one(
            "SELECT p.* FROM patients p JOIN camp_sessions c ON c.id = p.camp_session_id "
            f"WHERE p.patient_code = ? AND {LIVE_P} ORDER BY c.date DESC, p.created_at DESC LIMIT 1",
            [patient_code.strip()])

    def patients(self, camp_id: str, search: str = "") -> list[dict]:
        """Patients of a camp, newest first; `search` matches ID, name or phone."""
        like = f"%{search.strip()}%"
        return self._rows(
            f"SELECT * FROM patients WHERE camp_session_id = ? AND {LIVE} "
            "AND (patient_code LIKE ? OR name LIKE ? OR phone LIKE ?) ORDER BY created_at DESC",
            [camp_id, like, like, like],
        )

    def patients_for_export(self, camp_id: str | None = None, date_from: str | None = None,
                            date_to: str | None = None) -> list[dict]:
        """Patients with their camp's site/operator/date, filtered by camp and/or camp date (inclusive)."""
        return self._rows(
            "SELECT p.*, c.site AS camp_site, c.operator AS camp_operator, c.date AS camp_date "
            "FROM patients p JOIN camp_sessions c ON c.id = p.camp_session_id "
            f"WHERE {LIVE_P} AND (? IS NULL OR c.id = ?) AND (? IS NULL OR c.date >= ?) AND (? IS NULL OR c.date <= ?) "
            "ORDER BY c.date, p.created_at",
            [camp_id, camp_id, date_from, date_from, date_to, date_to],
        )

    # ------------------------------------------------------------ photos and results

    def get_photo(self, photo_id: str) -> dict | None:
        return self._one("SELECT * FROM photos WHERE id = ?", [photo_id])

    def find_photo(self, sha256: str) -> dict | None:
        return self._one("SELECT * FROM photos WHERE sha256 = ?", [sha256])

    def photos(self, patient_id: str, eye: str | None = None) -> list[dict]:
        """The patient's photos still on this laptop (not erased, not purged)."""
        if eye is None:
            return self._rows(f"SELECT * FROM photos WHERE patient_id = ? AND {LIVE} ORDER BY created_at",
                              [patient_id])
        return self._rows(f"SELECT * FROM photos WHERE patient_id = ? AND eye = ? AND {LIVE} ORDER BY created_at",
                          [patient_id, eye])

    def photo_bytes(self, photo: dict) -> bytes:
        """The original photo, decrypted."""
        return self.files.read(photo["sha256"])

    def result_for(self, photo_id: str, model_sha256: str | None = None) -> dict | None:
        """The photo's result from the bundle with that manifest sha256, or (none given) its latest result."""
        if model_sha256 is None:
            row = self._one("SELECT * FROM results WHERE photo_id = ? ORDER BY created_at DESC LIMIT 1", [photo_id])
        else:
            row = self._one("SELECT * FROM results WHERE photo_id = ? AND model_sha256 = ?", [photo_id, model_sha256])
        return _decode_result(row) if row else None

    def graded_sha256s(self, model_sha256: str) -> set[str]:
        """The sha256 of every stored photo this model has graded (a batch need not decode those again)."""
        return {r["sha256"] for r in self._rows("SELECT p.sha256 FROM photos p JOIN results r ON r.photo_id = p.id "
                                                "WHERE r.model_sha256 = ?", [model_sha256])}

    def reuse_graded(self, sha256: str, model_sha256: str, patient_id: str | None = None,
                     eye: str | None = None) -> tuple[dict, dict] | None:
        """The one rule for a photo already on record, for the window and the batch alike.

        Graded by this model: its (photo, result), given to the patient's eye (if one is named and
        the photo was unassigned). Not graded by it: None, grade it; but a photo that belongs to
        another patient or eye, or to an erased record, is refused now (PhotoConflictError), before
        anyone waits for the model."""
        photo = self.find_photo(sha256)
        if photo is None:
            return None
        result = self.result_for(photo["id"], model_sha256)
        elsewhere = photo["patient_id"] is not None and (photo["patient_id"], photo["eye"]) != (patient_id, eye)
        if patient_id is not None and (result or elsewhere or photo["deleted_at"] or photo["purged_at"]):
            photo = self.assign_photo(sha256, patient_id, eye)  # raises the clear conflict message
        return (photo, result) if result else None

    def overlay_png(self, result_id: str) -> bytes | None:
        row = self._one("SELECT png FROM overlays WHERE result_id = ?", [result_id])
        return row["png"] if row else None

    def record_graded_photo(self, stored: StoredFile, original_name: str, result: Any,
                            model_name: str, model_version: str, model_sha256: str, *,
                            patient_id: str | None = None, eye: str | None = None,
                            overlay_png: bytes | None = None, by: str | None = None) -> tuple[dict, dict]:
        """Save a photo (already in managed storage) and its grading in ONE transaction.

        `result` is a fundus.grader.GradeResult (or anything with its fields) of exactly the
        stored bytes: its `sha256` must be the stored file's. `model_sha256` is the sha256 of
        the bundle manifest that graded it (Bundle.manifest_sha256). Re-recording the same
        photo with the same manifest changes nothing and returns the stored rows. Returns
        (photo row, result row). `by`: who added the photo (default: the signed-in user).
        """
        if not model_sha256:
            raise ValueError("a result needs the sha256 of the manifest that graded it")
        if result.sha256 != stored.sha256:
            raise ValueError(f"the result is of the bytes {result.sha256}, not of the stored photo {stored.sha256}")
        if eye is not None and eye not in EYES:
            raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
        with disk_full_is_clear(), self.db.atomic():
            by = by or self.actor()
            photo = self._attach_photo(stored.sha256, patient_id, eye) or self._insert("photos", {
                "sha256": stored.sha256, "patient_id": patient_id, "eye": eye,
                "original_name": original_name, "stored_path": stored.stored_path,
                "size_bytes": stored.size_bytes,
            })
            existing = self.result_for(photo["id"], model_sha256)
            if existing:
                return photo, existing
            row = self._insert("results", {
                "photo_id": photo["id"],
                "model_name": model_name,
                "model_version": model_version,
                "model_sha256": model_sha256,
                "gradable": int(bool(result.gradable)),
                "reasons": json.dumps(list(result.reasons or [])),
                "grade": None if result.grade is None else int(result.grade),
                "grade_name": result.grade_name,
                "score": None if result.score is None else float(result.score),
                "probabilities": None if result.probabilities is None
                else json.dumps([round(float(p), 6) for p in result.probabilities]),
                "referable": int(bool(result.referable)),
                "ms": float(result.ms),
                "referable_probability": _optional_float(result.referable_probability),
                "heads": json.dumps(result.heads) if result.heads else None,
                "graded_by": by,
            })
            if overlay_png is not None:
                self.db["overlays"].insert({"result_id": row["id"], "png": overlay_png})
            self.audit("grade", "results", row["id"], by=by, photo=photo["id"])
        log.info("graded photo %s result %s", photo["id"], row["id"])
        return photo, _decode_result(row)

    def assign_photo(self, sha256: str, patient_id: str, eye: str) -> dict:
        """Give an already stored photo (e.g. from a batch run) to a patient's eye."""
        if eye not in EYES:
            raise InvalidInputError(f"Eye must be 'right' or 'left', not {eye!r}.")
        with disk_full_is_clear(), self.db.atomic():
            photo = self._attach_photo(sha256, patient_id, eye)
            if photo is not None:
                self.audit("photo_assign", "photos", photo["id"])
        if photo is None:
            raise InvalidInputError(QT_TRANSLATE_NOOP("store", "That photo is not stored yet."))
        return photo

    def _attach_photo(self, sha256: str, patient_id: str | None, eye: str | None) -> dict | None:
        """The stored photo with this content, given to the patient's eye if it was unassigned."""
        photo = self.find_photo(sha256)
        if photo is None:
            return None
        if photo["deleted_at"] or photo["purged_at"]:
            raise PhotoConflictError(QT_TRANSLATE_NOOP(
                "store", "This photo belongs to a record that was deleted or removed from this laptop after it "
                         "reached the hospital, so it is not used again. Take a new photo."))
        if patient_id is None or (photo["patient_id"], photo["eye"]) == (patient_id, eye):
            return photo
        if photo["patient_id"] is None:
            self._update("photos", photo["id"], {"patient_id": patient_id, "eye": eye})
            return self.find_photo(sha256)
        raise PhotoConflictError(QT_TRANSLATE_NOOP(
            "store", "This photo is already saved for another patient or eye ({eye}). "
                     "Choose the right photo, or take a new one.")
            .format(eye=EYE_NAMES[photo["eye"]]))

    def patient_results(self, patient_id: str) -> dict[str, list[dict]]:
        """Latest result of each of the patient's photos, per eye ({'right': [...], 'left': [...]})."""
        by_eye: dict[str, list[dict]] = {eye: [] for eye in EYES}
        for photo in self.photos(patient_id):
            result = self.result_for(photo["id"])
            if result and photo["eye"] in by_eye:
                by_eye[photo["eye"]].append(result)
        return by_eye

    # ------------------------------------------------------------ corrections (desktop/corrections.py)

    def record_correction(self, photo: dict, patient_id: str | None, eye: str | None, reason: str,
                          action: str) -> dict:
        """Move a photo to another eye or patient (`patient_id` None: take it off its patient), with
        the correction record (by the signed-in user) and its event, in one transaction."""
        operator = self.actor()
        with disk_full_is_clear(), self.db.atomic():
            self._update("photos", photo["id"], {"patient_id": patient_id, "eye": eye})
            correction = self._insert("photo_corrections", {
                "photo_id": photo["id"], "action": action,
                "from_patient_id": photo["patient_id"], "from_eye": photo["eye"],
                "to_patient_id": patient_id, "to_eye": eye, "reason": reason, "operator": operator,
            })
            # the reason is free text: it stays in the synced correction record, not in the audit detail
            self.audit("correction", "photo_corrections", correction["id"], kind=action, photo=photo["id"])
            return correction


def _optional_float(value) -> float | None:
    return None if value is None else float(value)


def _decode_result(row: dict) -> dict:
    decoded = dict(row)
    decoded["heads"] = json.loads(row["heads"]) if row.get("heads") else None
    decoded["reasons"] = json.loads(row["reasons"] or "[]")
    decoded["probabilities"] = json.loads(row["probabilities"]) if row["probabilities"] else None
    decoded["gradable"] = bool(row["gradable"])
    decoded["referable"] = bool(row["referable"])
    return decoded


def _valid_patient(patient_code: str, name: str, age: int | str, sex: str,
                   diabetes_years: float | str | None, phone: str, notes: str) -> dict:
    """Check the patient form; raise InvalidInputError naming the field to fix."""
    code, name = str(patient_code).strip(), str(name).strip()
    if not code:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the patient ID."))
    if not name:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Enter the patient's name."))
    try:
        age = int(str(age).strip())
    except ValueError:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Age must be a whole number of years.")) from None
    if not 0 < age <= 120:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Age must be between 1 and 120 years."))
    if sex not in SEXES:
        raise InvalidInputError(QT_TRANSLATE_NOOP("store", "Choose the patient's sex."))
    if diabetes_years in (None, ""):
        diabetes_years = None
    else:
        try:
            diabetes_years = float(str(diabetes_years).strip())
        except ValueError:
            raise InvalidInputError(QT_TRANSLATE_NOOP(
                "store", "Diabetes duration must be a number of years (or left empty).")) from None
        if not 0 <= diabetes_years <= age:
            raise InvalidInputError(QT_TRANSLATE_NOOP(
                "store", "Diabetes duration must be between 0 and the patient's age."))
    phone = str(phone or "").strip()
    if phone and not all(c.isdigit() or c in "+-() " for c in phone):
        raise InvalidInputError(QT_TRANSLATE_NOOP(
            "store", "Phone number may only contain digits, spaces, +, - and brackets."))
    return {"patient_code": code, "name": name, "age": age, "sex": sex,
            "diabetes_years": diabetes_years, "phone": phone, "notes": str(notes or "").strip()}
