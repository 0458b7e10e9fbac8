"""Referral advice per outcome, and the patient outcome (worst eye).

Defaults follow the ICO Guidelines for Diabetic Eye Care (International Council of
Ophthalmology, 2017) for settings with limited resources. Each outcome has texts for
two readers: `title` and `advice` for the staff (the window, the CSV), and
`patient_finding` and `patient_advice` for the patient (the referral slip: what was
found, what to do and how soon, in plain words). A programme changes them without
code: `advice.json` in the data directory overrides any field (title, advice, urgency,
patient_finding, patient_advice, refer, colour) of any key, e.g.

    {"moderate": {"patient_advice": "Go to the district eye hospital within 3 months."},
     "referral_centre": "District Eye Hospital, Melur (Mon-Sat 9-13)"}

`referral_centre` is where referred patients go when an administrator has not named
the referral hospital (asked at set-up, kept in the encrypted settings:
desktop/referral.py), which wins over it.

The default texts are translated into the technician's language; a programme's own
texts are shown as written (write them in the camp's language).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fundus.grades import GRADE_NAMES, UNGRADABLE, is_referable
from fundus.text import QT_TRANSLATE_NOOP

ADVICE_FILE = "advice.json"

# Outcome keys, least to most urgent. Ungradable sits between mild and moderate:
# it must be referred (the app never guesses) but is not a confirmed lesion. So does
# screen_positive: a grade below moderate whose score is at or above the model's
# referral threshold (the screening point), where referable DR is not ruled out.
# An eye is "ungradable" after one photo (retake it while the patient is there) and
# "ungradable_again" once a retake failed too (refer).
OUTCOME_KEYS = ("no_dr", "mild", "screen_positive", "ungradable", "ungradable_again", "moderate", "severe",
                "proliferative")
GRADE_KEYS = ("no_dr", "mild", "moderate", "severe", "proliferative")  # index = ICDR grade

DEFAULT_ADVICE: dict[str, dict] = {
    "no_dr": {
        "title": QT_TRANSLATE_NOOP("advice", "No DR: no referral"),
        "advice": QT_TRANSLATE_NOOP("advice", "No diabetic retinopathy seen. Rescreen in 1 to 2 years."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Rescreen in 1 to 2 years"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "No signs of diabetic eye disease were found."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Have your eyes checked again in 1 to 2 years, or sooner if "
                                                      "your sight changes."),
        "refer": False, "colour": "#2e7d32",
    },
    "mild": {
        "title": QT_TRANSLATE_NOOP("advice", "Mild DR: no referral"),
        "advice": QT_TRANSLATE_NOOP("advice", "Mild diabetic retinopathy. Rescreen in 1 year; advise good sugar "
                                              "and blood-pressure control."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Rescreen in 1 year"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "Early, mild signs of diabetic eye disease were found."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "You do not need to see an eye doctor now. Keep your blood "
                                                      "sugar and blood pressure under control, and have your eyes "
                                                      "checked again in 1 year."),
        "refer": False, "colour": "#9e9d24",
    },
    "screen_positive": {
        "title": QT_TRANSLATE_NOOP("advice", "REFER: possible DR, to be confirmed"),
        "advice": QT_TRANSLATE_NOOP("advice", "The grade is below moderate, but the model's score is above its "
                                              "screening threshold, where referable diabetic retinopathy is not "
                                              "ruled out. Refer to an ophthalmologist within 3 to 6 months to "
                                              "confirm."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Within 3 to 6 months"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "The photos show signs that need an eye doctor to check."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor within 3 to 6 months."),
        "refer": True, "colour": "#f9a825",
    },
    "ungradable": {
        "title": QT_TRANSLATE_NOOP("advice", "UNGRADABLE: retake now"),
        "advice": QT_TRANSLATE_NOOP("advice", "The photo cannot be graded. Retake it now (clean the lens, dilate "
                                              "the pupil if allowed). If it is still ungradable, refer to an eye "
                                              "doctor within 1 month."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Retake now; if still ungradable, within 1 month"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "The photos of your eyes were not clear enough to be read."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor within 1 month, to have your eyes "
                                                      "examined."),
        "refer": True, "colour": "#6a1b9a",
    },
    "ungradable_again": {
        "title": QT_TRANSLATE_NOOP("advice", "UNGRADABLE after a retake: REFER"),
        "advice": QT_TRANSLATE_NOOP("advice", "The retake could not be graded either. Refer to an eye doctor "
                                              "within 1 month, and give the patient the referral slip."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Within 1 month"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "The photos of your eyes were not clear enough to be read."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor within 1 month, to have your eyes "
                                                      "examined."),
        "refer": True, "colour": "#6a1b9a",
    },
    "moderate": {
        "title": QT_TRANSLATE_NOOP("advice", "REFER: moderate DR"),
        "advice": QT_TRANSLATE_NOOP("advice", "Moderate diabetic retinopathy. Refer to an ophthalmologist within "
                                              "3 to 6 months."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Within 3 to 6 months"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "Signs of diabetic eye disease were found."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor within 3 to 6 months. Treatment can "
                                                      "protect your sight."),
        "refer": True, "colour": "#ef6c00",
    },
    "severe": {
        "title": QT_TRANSLATE_NOOP("advice", "REFER SOON: severe DR"),
        "advice": QT_TRANSLATE_NOOP("advice", "Severe non-proliferative diabetic retinopathy. Refer to an "
                                              "ophthalmologist within weeks (less than 3 months)."),
        "urgency": QT_TRANSLATE_NOOP("advice", "Within weeks (less than 3 months)"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "Serious signs of diabetic eye disease were found."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor soon: within a few weeks, and before 3 "
                                                      "months have passed. Treatment can protect your sight."),
        "refer": True, "colour": "#d84315",
    },
    "proliferative": {
        "title": QT_TRANSLATE_NOOP("advice", "URGENT REFERRAL: proliferative DR"),
        "advice": QT_TRANSLATE_NOOP("advice", "Proliferative diabetic retinopathy: risk of blindness. Refer "
                                              "URGENTLY, within 1 month."),
        "urgency": QT_TRANSLATE_NOOP("advice", "URGENT: within 1 month"),
        "patient_finding": QT_TRANSLATE_NOOP("advice", "Advanced diabetic eye disease was found. It can cause "
                                                       "blindness."),
        "patient_advice": QT_TRANSLATE_NOOP("advice", "Go to an eye doctor URGENTLY, within 1 month. Treatment can "
                                                      "save your sight."),
        "refer": True, "colour": "#b71c1c",
    },
}
INCOMPLETE = {
    "title": QT_TRANSLATE_NOOP("advice", "Not finished"),
    "advice": QT_TRANSLATE_NOOP("advice", "Add and grade a photo of each eye."),
    "urgency": QT_TRANSLATE_NOOP("advice", "Not finished"),
    "patient_finding": QT_TRANSLATE_NOOP("advice", "Not finished"),
    "patient_advice": QT_TRANSLATE_NOOP("advice", "Add and grade a photo of each eye."),
    "refer": False, "colour": "#546e7a",
}
# One eye on the patient's slip, by its EyeSummary key.
EYE_FINDINGS = {
    "no_dr": QT_TRANSLATE_NOOP("advice", "no signs of diabetic eye disease"),
    "mild": QT_TRANSLATE_NOOP("advice", "mild signs of diabetic eye disease"),
    "screen_positive": QT_TRANSLATE_NOOP("advice", "signs that need an eye doctor to check"),
    "ungradable": QT_TRANSLATE_NOOP("advice", "the photo was not clear enough to be read"),
    "ungradable_again": QT_TRANSLATE_NOOP("advice", "the photo was not clear enough to be read"),
    "moderate": QT_TRANSLATE_NOOP("advice", "signs of diabetic eye disease"),
    "severe": QT_TRANSLATE_NOOP("advice", "serious signs of diabetic eye disease"),
    "proliferative": QT_TRANSLATE_NOOP("advice", "advanced diabetic eye disease"),
}
# Where a referred patient goes; a programme names its eye hospital in advice.json.
DEFAULT_REFERRAL_CENTRE = QT_TRANSLATE_NOOP("advice", "the eye hospital of your screening programme "
                                                      "(ask the camp staff which one)")
REFERRAL_CENTRE_KEY = "referral_centre"


@dataclass(frozen=True)
class Outcome:
    key: str  # one of OUTCOME_KEYS, or "incomplete"
    title: str  # for the staff (the window, the CSV)
    advice: str
    urgency: str
    patient_finding: str  # for the patient (the referral slip)
    patient_advice: str
    refer: bool
    colour: str
    eyes: dict  # eye -> EyeSummary or None


@dataclass(frozen=True)
class EyeSummary:
    gradable: bool
    grade: int | None
    grade_name: str
    referable: bool
    key: str


class AdviceTable:
    def __init__(self, table: dict[str, dict] | None = None, referral_centre: str = DEFAULT_REFERRAL_CENTRE):
        self.table = table or {k: dict(v) for k, v in DEFAULT_ADVICE.items()}
        self.referral_centre = referral_centre

    @classmethod
    def load(cls, data_dir: Path) -> "AdviceTable":
        """Defaults, overridden field by field by data_dir/advice.json when present."""
        table = {k: dict(v) for k, v in DEFAULT_ADVICE.items()}
        path = Path(data_dir) / ADVICE_FILE
        if not path.exists():
            return cls(table)
        try:
            overrides = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ValueError(f"The advice table {path} cannot be read ({e}). Fix or delete it.") from None
        if not isinstance(overrides, dict):
            raise ValueError(f"The advice table {path} must be one JSON object. Fix or delete it.")
        centre = overrides.pop(REFERRAL_CENTRE_KEY, DEFAULT_REFERRAL_CENTRE)
        unknown = set(overrides) - set(OUTCOME_KEYS)
        if unknown or not all(isinstance(v, dict) for v in overrides.values()) or not isinstance(centre, str):
            raise ValueError(f"The advice table {path} has unknown entries {sorted(unknown)}; "
                             f"use only {list(OUTCOME_KEYS)}, each an object, and {REFERRAL_CENTRE_KEY!r}, "
                             "a text.")
        for key, fields in overrides.items():
            table[key].update(fields)
        return cls(table, centre)

    def outcome(self, right: list[dict], left: list[dict]) -> Outcome:
        """Patient outcome from each eye's results (rows from Store.patient_results): the worst eye."""
        eyes = {"right": eye_summary(right), "left": eye_summary(left)}
        if any(summary is None for summary in eyes.values()):
            return Outcome("incomplete", eyes=eyes, **INCOMPLETE)
        worst = max(eyes.values(), key=lambda s: OUTCOME_KEYS.index(s.key))
        entry = self.table[worst.key]
        return Outcome(worst.key, entry["title"], entry["advice"], entry["urgency"], entry["patient_finding"],
                       entry["patient_advice"], bool(entry["refer"]), entry["colour"], eyes)


def eye_summary(results: list[dict]) -> EyeSummary | None:
    """One eye from all its graded photos: the worst gradable grade, referred when that
    grade is or any graded photo was (its score at the referral threshold); a retake that
    grades supersedes an ungradable photo, and a second ungradable one makes it
    "ungradable_again" (refer, no more retakes). None when the eye has no result yet."""
    if not results:
        return None
    graded = [r for r in results if r["gradable"] and r["grade"] is not None]
    if not graded:
        return EyeSummary(False, None, UNGRADABLE, True, "ungradable" if len(results) == 1 else "ungradable_again")
    grade = max(r["grade"] for r in graded)
    referable = is_referable(grade) or any(r["referable"] for r in graded)
    key = "screen_positive" if referable and not is_referable(grade) else GRADE_KEYS[grade]
    return EyeSummary(True, grade, GRADE_NAMES[grade], referable, key)
