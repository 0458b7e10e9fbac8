"""Grade labels in the two CSV layouts of the shared datasets: APTOS
(`id_code,diagnosis`) and EyePACS (`image,level`). Training, the converter and the
split script all read labels through here."""
from __future__ import annotations

import csv
from pathlib import Path

from fundus.grades import NUM_GRADES

LAYOUTS = {"aptos": ("id_code", "diagnosis"), "eyepacs": ("image", "level")}


def patient_of(image_id: str) -> str:
    """`10_left` → `10`: EyePACS ids name the patient and the eye. An id without an eye
    suffix (APTOS) is its own patient. Splits and confidence intervals group by it,
    because both eyes of a person share most of their disease."""
    stem, _, eye = image_id.rpartition("_")
    return stem if stem and eye in ("left", "right") else image_id


class LabelsError(ValueError):
    """A labels file that cannot be used; the message names the file and line."""


def read_labels(csv_path: str | Path) -> dict[str, int]:
    """Image id (file stem) -> grade, in file order, from either layout."""
    csv_path = Path(csv_path)
    try:
        with open(csv_path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
    except FileNotFoundError:
        raise LabelsError(f"labels file not found: {csv_path}") from None
    columns = set(reader.fieldnames or ())  # a header without rows is an empty set of labels
    layout = next((cols for cols in LAYOUTS.values() if set(cols) <= columns), None)
    if layout is None:
        raise LabelsError(f"{csv_path}: expected columns " + " or ".join(",".join(c) for c in LAYOUTS.values()))
    id_col, grade_col = layout
    labels = {}
    for line, row in enumerate(rows, start=2):
        try:
            grade = int(row[grade_col])
        except (TypeError, ValueError):
            raise LabelsError(f"{csv_path}:{line}: grade {row[grade_col]!r} is not a number") from None
        if not 0 <= grade < NUM_GRADES:
            raise LabelsError(f"{csv_path}:{line}: grade {grade} is outside 0..{NUM_GRADES - 1}")
        labels[Path(row[id_col]).stem] = grade
    return labels


def write_labels(csv_path: str | Path, layout: str, labels: dict[str, int]) -> None:
    """Write id -> grade in the named layout ("aptos" or "eyepacs")."""
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(LAYOUTS[layout])
        writer.writerows(labels.items())
