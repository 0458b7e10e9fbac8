"""`python -m training dataset --hub-db HUB.db --out DIR`: the programme's reviewed eyes as training data.

Reads the hub database (never writes it) and writes::

    DIR/train/images/<patient>_<eye>.jpg        the hub's copy of each photo
    DIR/train/labels.csv                        image,level
    DIR/calibration/...  DIR/holdout/...        the same for the other parts
    DIR/split.csv                               image,patient,part,level,reference: the recorded split
    DIR/dataset.json                            what was taken, what was skipped and why

A label is the graders' reference (fundus.reviews): the adjudicated grade, else the
grade two graders agreed on. Eyes without one (graders disagree and nobody
adjudicated, or one read so far), eyes the graders found ungradable, and older photos
of an eye that has a newer reviewed one are skipped and counted.

The split is by patient, so both eyes of a person fall in one part, and it is a
fixed draw per patient id: a patient stays in the same part in every later export,
so a later round never trains on an earlier round's held-out patients. ``holdout``
is what the converter's programme gate measures (``--programme DIR``);
training.splits reads the three parts as ``data.programme``. Ids are the hub's
patient UUIDs (no names or patient codes), ``PATIENT_left/right`` like EyePACS, so
fundus.labels.patient_of groups them.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from fundus.labels import write_labels
from fundus.reviews import DISAGREEMENT, ONE_READ, references

PARTS = ("train", "calibration", "holdout")
SIDES = ("left", "right")

_PHOTOS_SQL = """
SELECT p.id AS photo_id, p.patient_id, p.eye, p.created_at, f.jpeg IS NOT NULL AS has_file
FROM photos p LEFT JOIN photo_files f ON f.sha256 = p.sha256
WHERE p.patient_id IS NOT NULL
ORDER BY p.created_at
"""


class DatasetError(Exception):
    """The export cannot be made; the message says why."""


@dataclass
class Summary:
    hub_db: str
    created: str
    fractions: dict
    images: dict = field(default_factory=dict)         # part -> images written
    patients: dict = field(default_factory=dict)       # part -> patients
    grades: dict = field(default_factory=dict)         # part -> count per grade 0..4
    references: dict = field(default_factory=dict)     # adjudicated / agreed -> images
    skipped: dict = field(default_factory=dict)        # why -> eyes


def part_of(patient_id: str, holdout: float, calibration: float) -> str:
    """The fixed part of a patient: a hash of its id, so it never changes between exports."""
    draw = int.from_bytes(hashlib.sha256(f"dr-screen-split:{patient_id}".encode()).digest()[:8], "big") / 2**64
    if draw < holdout:
        return "holdout"
    return "calibration" if draw < holdout + calibration else "train"


def export(hub_db: str | os.PathLike, out: str | os.PathLike, holdout: float = 0.2,
           calibration: float = 0.1) -> Summary:
    hub_db, out = Path(hub_db), Path(out)
    if not (0 <= holdout < 1 and 0 <= calibration < 1 and holdout + calibration < 1):
        raise DatasetError("--holdout and --calibration are shares from 0 to 1 that leave some patients for training")
    if not hub_db.is_file():
        raise DatasetError(f"There is no hub database {hub_db}.")
    if out.exists() and any(out.iterdir()):
        raise DatasetError(f"{out} is not empty: write each dataset to a new folder.")
    building = out.with_name(f".{out.name}.part")
    shutil.rmtree(building, ignore_errors=True)
    conn = sqlite3.connect(f"file:{hub_db.resolve()}?mode=ro", uri=True)
    try:
        chosen, skipped = _choose(conn)
        summary = _write(conn, chosen, building, holdout, calibration)
        summary.hub_db, summary.skipped = str(hub_db.resolve()), dict(skipped)
        (building / "dataset.json").write_text(json.dumps(asdict(summary), indent=2))
        if out.exists():
            out.rmdir()
        building.rename(out)
    except sqlite3.DatabaseError as e:
        raise DatasetError(f"The hub database {hub_db} cannot be read ({e}).") from None
    finally:
        conn.close()
        shutil.rmtree(building, ignore_errors=True)
    return summary


def _choose(conn: sqlite3.Connection) -> tuple[dict[str, dict], Counter]:
    """image id -> its photo and reference, newest reviewed photo per eye; and the skipped eyes by reason."""
    refs = references(conn)
    if not refs:
        raise DatasetError("The hub database has no reviews yet: graders review eyes on the hub's review "
                           "pages first (docs/review-loop.md).")
    skipped, chosen = Counter(), {}
    cursor = conn.execute(_PHOTOS_SQL)
    names = [c[0] for c in cursor.description]
    for photo in (dict(zip(names, row)) for row in cursor):
        found = refs.get(photo["photo_id"])
        if found is None:
            continue
        ref = found[0]
        if ref.status == DISAGREEMENT:
            skipped["graders disagree, not adjudicated"] += 1
        elif ref.status == ONE_READ:
            skipped["one read so far"] += 1
        elif not ref.verdict.gradable:
            skipped["ungradable for the graders"] += 1
        elif photo["eye"] not in SIDES:
            skipped["photo not given to an eye"] += 1
        elif not photo["has_file"]:
            skipped["photo file missing on the hub"] += 1
        else:
            image_id = f"{photo['patient_id']}_{photo['eye']}"
            if image_id in chosen:  # photos come oldest first: a newer photo of the eye replaces it
                skipped["older photo of the same eye"] += 1
            chosen[image_id] = {**photo, "grade": ref.verdict.grade, "reference": ref.status}
    if not chosen:
        raise DatasetError("No reviewed eye has a reference grade yet (" +
                           ", ".join(f"{n} {why}" for why, n in skipped.items()) + ").")
    return chosen, skipped


def _write(conn: sqlite3.Connection, chosen: dict[str, dict], folder: Path, holdout: float,
           calibration: float) -> Summary:
    summary = Summary("", datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      {"holdout": holdout, "calibration": calibration})
    labels = {part: {} for part in PARTS}
    rows = []
    for part in PARTS:
        (folder / part / "images").mkdir(parents=True)
    for image_id, item in sorted(chosen.items()):
        part = part_of(item["patient_id"], holdout, calibration)
        (jpeg,) = conn.execute("SELECT f.jpeg FROM photos p JOIN photo_files f ON f.sha256 = p.sha256 "
                               "WHERE p.id = ?", [item["photo_id"]]).fetchone()
        (folder / part / "images" / f"{image_id}.jpg").write_bytes(jpeg)
        labels[part][image_id] = item["grade"]
        rows.append((image_id, item["patient_id"], part, item["grade"], item["reference"]))
    for part in PARTS:
        write_labels(folder / part / "labels.csv", "eyepacs", labels[part])
        summary.images[part] = len(labels[part])
        summary.patients[part] = len({r[1] for r in rows if r[2] == part})
        summary.grades[part] = [sum(1 for g in labels[part].values() if g == k) for k in range(5)]
    summary.references = dict(Counter(r[4] for r in rows))
    with open(folder / "split.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(("image", "patient", "part", "level", "reference"))
        writer.writerows(rows)
    return summary


def describe(summary: Summary, out: Path) -> str:
    lines = [f"wrote {sum(summary.images.values())} reviewed eyes to {out}: " +
             ", ".join(f"{part} {summary.images[part]} ({summary.patients[part]} patients)" for part in PARTS),
             "labels: " + ", ".join(f"{n} {how}" for how, n in sorted(summary.references.items()))]
    if summary.skipped:
        lines.append("skipped: " + ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items())))
    lines.append(f"the split by patient is recorded in {out / 'split.csv'}")
    return "\n".join(lines)
