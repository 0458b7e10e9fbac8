"""CSV exports for the programme office: one row per patient, or one row per photo.

A CSV file is plain text: unlike the data folder and the USB export it is not
encrypted (the window says so before writing one, docs/threat-model.md).

UTF-8 with a BOM so Excel shows names in any script correctly; text cells that a
spreadsheet would run as a formula are neutralised; the file appears whole or not
at all (written to a temp file, then renamed).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterable

from desktop import partial
from desktop.advice import AdviceTable
from desktop.paths import FILE_MODE
from desktop.store import Store, disk_full_is_clear
from fundus.csv_safe import safe_cell


PATIENT_COLUMNS = [
    "camp_site", "camp_date", "operator", "patient_id", "name", "age", "sex", "diabetes_years", "phone",
    "right_grade", "right_grade_name", "left_grade", "left_grade_name",
    "outcome", "refer", "advice", "notes",
]
PHOTO_COLUMNS = [
    "camp_site", "camp_date", "patient_id", "eye", "photo_id", "original_name", "sha256",
    "gradable", "reasons", "grade", "grade_name", "score", "referable",
    "p_no_dr", "p_mild", "p_moderate", "p_severe", "p_proliferative", "model", "graded_at",
]


def whole_if_whole(value: float | None) -> float | int | None:
    """12.0 -> 12 (a spreadsheet and a reader both expect "12 years"); 2.5 stays."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def write_csv(path: str | os.PathLike, columns: list[str], rows: Iterable[dict], data_dir: Path) -> int:
    """Write rows atomically (the temp file journalled in `data_dir`); returns the number of data rows."""
    path = Path(path)
    count = 0
    with partial.partial_file(data_dir, path) as tmp, disk_full_is_clear():
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([safe_cell(row.get(c)) for c in columns])
                count += 1
        os.replace(tmp, path)
    return count


def patient_rows(store: Store, advice: AdviceTable, **filters) -> Iterable[dict]:
    for p in store.patients_for_export(**filters):
        by_eye = store.patient_results(p["id"])
        outcome = advice.outcome(by_eye["right"], by_eye["left"])
        row = {
            "camp_site": p["camp_site"], "camp_date": p["camp_date"], "operator": p["camp_operator"],
            "patient_id": p["patient_code"], "name": p["name"], "age": p["age"], "sex": p["sex"],
            "diabetes_years": whole_if_whole(p["diabetes_years"]), "phone": p["phone"], "notes": p["notes"],
            "outcome": outcome.title, "refer": outcome.refer, "advice": outcome.advice,
        }
        for eye, summary in outcome.eyes.items():
            row[f"{eye}_grade"] = None if summary is None else summary.grade
            row[f"{eye}_grade_name"] = "not graded" if summary is None else summary.grade_name
        yield row


def photo_rows(store: Store, **filters) -> Iterable[dict]:
    for p in store.patients_for_export(**filters):
        for photo in store.photos(p["id"]):
            r = store.result_for(photo["id"]) or {}
            probs = r.get("probabilities") or [None] * 5
            yield {
                "camp_site": p["camp_site"], "camp_date": p["camp_date"], "patient_id": p["patient_code"],
                "eye": photo["eye"], "photo_id": photo["id"], "original_name": photo["original_name"],
                "sha256": photo["sha256"], "gradable": r.get("gradable"), "reasons": "; ".join(r.get("reasons", [])),
                "grade": r.get("grade"), "grade_name": r.get("grade_name", "not graded"), "score": r.get("score"),
                "referable": r.get("referable"),
                **dict(zip(PHOTO_COLUMNS[13:18], probs)),
                "model": f"{r['model_name']} {r['model_version']}" if r else None,
                "graded_at": r.get("created_at"),
            }


def export_patients(store: Store, path: str | os.PathLike, advice: AdviceTable, *, camp_id: str | None = None,
                    date_from: str | None = None, date_to: str | None = None) -> int:
    store.actor()  # nobody signed in: nothing written
    rows = patient_rows(store, advice, camp_id=camp_id, date_from=date_from, date_to=date_to)
    return _audited(store, "patients", write_csv(path, PATIENT_COLUMNS, rows, store.data_dir))


def export_photos(store: Store, path: str | os.PathLike, *, camp_id: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> int:
    store.actor()
    rows = photo_rows(store, camp_id=camp_id, date_from=date_from, date_to=date_to)
    return _audited(store, "photos", write_csv(path, PHOTO_COLUMNS, rows, store.data_dir))


def _audited(store: Store, kind: str, rows: int) -> int:
    """A CSV is plain text outside the vault: who wrote one, and how many rows, is an audit event."""
    store.record_event("export_csv", kind=kind, rows=rows)
    return rows
