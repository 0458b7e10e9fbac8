"""The review tables in the hub database, the review queue, and writing a review. sqlite3 only.

``reviews`` is append-only (triggers refuse UPDATE and DELETE): a grader's read, or a
senior's adjudication, is a new row with who and when; a correction is a later
adjudication, never an edit. The plugin also denies Datasette's write API on it, so
a laptop's token (allowed to write the synced tables) cannot write a review.

The queue holds every eye whose latest result is referred or ungradable, plus the
non-referred eyes that fall in the programme's random share (``sample_share``). The
draw is a hash of the photo id, so an eye stays in or out of the sample as the queue
is read again; each review records why its eye was in the queue and the share then
in force, so the agreement report can weigh a sampled eye by 1 / share.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from fundus.grades import NUM_GRADES
from fundus.reviews import (ADJUDICATION, DISAGREEMENT, GRADE, REFERRED, REVIEWS, SAMPLED, UNGRADABLE, Reference,
                            reference, reviews_by_photo)

NOTE_MAX = 2000

SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS [{REVIEWS}] (
        id TEXT PRIMARY KEY,
        photo_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('{GRADE}', '{ADJUDICATION}')),
        grader TEXT NOT NULL,
        gradable INTEGER NOT NULL CHECK (gradable IN (0, 1)),
        grade INTEGER CHECK ((gradable = 1 AND grade BETWEEN 0 AND {NUM_GRADES - 1})
                             OR (gradable = 0 AND grade IS NULL)),
        note TEXT,
        queue_reason TEXT NOT NULL CHECK (queue_reason IN ('{REFERRED}', '{UNGRADABLE}', '{SAMPLED}')),
        sample_share REAL NOT NULL,
        result_id TEXT,
        created_at TEXT NOT NULL)""",
    f"CREATE UNIQUE INDEX IF NOT EXISTS reviews_one_read_per_grader ON [{REVIEWS}] (photo_id, grader) "
    f"WHERE kind = '{GRADE}'",
    f"CREATE INDEX IF NOT EXISTS reviews_photo ON [{REVIEWS}] (photo_id)",
    f"CREATE TRIGGER IF NOT EXISTS reviews_never_updated BEFORE UPDATE ON [{REVIEWS}] "
    "BEGIN SELECT RAISE(ABORT, 'reviews are never changed: add an adjudication instead'); END",
    f"CREATE TRIGGER IF NOT EXISTS reviews_never_deleted BEFORE DELETE ON [{REVIEWS}] "
    "BEGIN SELECT RAISE(ABORT, 'reviews are never deleted'); END",
]

# The latest result of every photo that belongs to a patient, with its camp. An erased photo
# (its patient deleted: desktop/retention.py) has no JPEG left on the hub and leaves the queue.
_EYES_SQL = """
SELECT p.id AS photo_id, p.eye, p.patient_id, p.sha256, c.id AS camp_id, c.site AS camp_site, c.date AS camp_date,
       r.id AS result_id, r.model_name, r.model_version, r.model_sha256, r.gradable, r.grade, r.grade_name,
       r.referable, r.reasons, r.probabilities, r.score
FROM photos p
JOIN patients pt ON pt.id = p.patient_id
JOIN camp_sessions c ON c.id = pt.camp_session_id
JOIN results r ON r.id = (SELECT id FROM results WHERE photo_id = p.id ORDER BY created_at DESC, id LIMIT 1)
WHERE p.deleted_at IS NULL
ORDER BY c.date, c.id, p.created_at, p.id
"""


class ReviewError(ValueError):
    """A review that cannot be recorded; the message says why in plain words."""


def setup(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA:
        conn.execute(sql)


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def in_sample(photo_id: str, share: float) -> bool:
    """Whether a non-referred eye falls in the random share: a fixed draw per photo."""
    draw = int.from_bytes(hashlib.sha256(f"dr-screen-review:{photo_id}".encode()).digest()[:8], "big") / 2**64
    return draw < share


def queue_reason(eye: dict, share: float) -> str | None:
    if not eye["gradable"]:
        return UNGRADABLE
    if eye["referable"]:
        return REFERRED
    return SAMPLED if in_sample(eye["photo_id"], share) else None


@dataclass
class Eye:
    """One screened eye in the queue: the hub's rows, why it is queued, and its reviews so far."""

    row: dict
    reason: str
    reviews: list[dict] = field(default_factory=list)

    @property
    def photo_id(self) -> str:
        return self.row["photo_id"]

    @property
    def reference(self) -> Reference:
        return reference(self.reviews)

    @property
    def reads(self) -> list[dict]:
        return [r for r in self.reviews if r["kind"] == GRADE]

    def read_by(self, grader: str) -> dict | None:
        return next((r for r in self.reads if r["grader"] == grader), None)

    def waits_for(self, grader: str) -> bool:
        """A first read by this grader is still wanted."""
        ref = self.reference
        return not ref.resolved and ref.status != DISAGREEMENT and self.read_by(grader) is None

    @property
    def model_reasons(self) -> list[str]:
        return json.loads(self.row["reasons"] or "[]")


def has_hub_tables(conn: sqlite3.Connection) -> bool:
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"photos", "patients", "camp_sessions", "results"} <= have


def queue(conn: sqlite3.Connection, share: float, camp: str | None = None) -> list[Eye]:
    """Every queued eye (optionally of one camp), oldest camp first, with its reviews."""
    if not has_hub_tables(conn):
        return []
    reviews = reviews_by_photo(conn)
    eyes = []
    for row in _rows(conn, _EYES_SQL):
        if camp and row["camp_id"] != camp:
            continue
        reviewed = reviews.get(row["photo_id"], [])
        # An eye already reviewed stays in the queue for its second read, whatever the share is now.
        reason = reviewed[0]["queue_reason"] if reviewed else queue_reason(row, share)
        if reason:
            eyes.append(Eye(row, reason, reviewed))
    return eyes


def eye(conn: sqlite3.Connection, photo_id: str, share: float) -> Eye | None:
    return next((e for e in queue(conn, share) if e.photo_id == photo_id), None)


def camps(conn: sqlite3.Connection) -> list[dict]:
    if not has_hub_tables(conn):
        return []
    return _rows(conn, "SELECT id, site, date FROM camp_sessions ORDER BY date, site")


def photo_jpeg(conn: sqlite3.Connection, photo_id: str) -> bytes | None:
    row = conn.execute("SELECT f.jpeg FROM photos p JOIN photo_files f ON f.sha256 = p.sha256 WHERE p.id = ?",
                       [photo_id]).fetchone()
    return row[0] if row else None


def add_review(conn: sqlite3.Connection, photo_id: str, grader: str, kind: str, grade: int | None,
               note: str = "", *, share: float) -> dict:
    """Record a read (kind GRADE) or an adjudication; grade None = ungradable. Returns the row.

    The caller checks the grader's permission for the kind; this checks the eye's state.
    """
    if grade is not None and not (isinstance(grade, int) and 0 <= grade < NUM_GRADES):
        raise ReviewError(f"A grade is 0 to {NUM_GRADES - 1}, or ungradable.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ReviewError(f"The note is longer than {NOTE_MAX} characters.")
    setup(conn)
    target = eye(conn, photo_id, share)
    if target is None:
        raise ReviewError("This eye is not in the review queue.")
    if kind == GRADE:
        if target.read_by(grader):
            raise ReviewError("You have already graded this eye.")
        if not target.waits_for(grader):
            raise ReviewError("This eye needs no more first reads: it is agreed, adjudicated or waiting "
                              "for a senior grader.")
    elif kind == ADJUDICATION:
        if len(target.reads) < 1:
            raise ReviewError("An eye is adjudicated after graders have read it.")
    else:
        raise ReviewError(f"Unknown kind of review {kind!r}.")
    row = {"id": str(uuid.uuid4()), "photo_id": photo_id, "kind": kind, "grader": grader,
           "gradable": int(grade is not None), "grade": grade, "note": note or None,
           "queue_reason": target.reason, "sample_share": share, "result_id": target.row["result_id"],
           "created_at": now_utc()}
    try:
        conn.execute(f"INSERT INTO [{REVIEWS}] ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
    except sqlite3.IntegrityError:
        raise ReviewError("You have already graded this eye.") from None
    return row


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
