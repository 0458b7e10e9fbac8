"""Graders' reviews of screened eyes and the reference grade they make (docs/review-loop.md).

The hub's review pages (hub.plugin) write the ``reviews`` table into the hub
database; the agreement report and training's dataset export read it back through
here, so every consumer turns reviews into a reference the same way:

- an adjudication (a senior grader's decision) wins; the latest one counts;
- otherwise two or more first reads that all say the same (grade, or ungradable)
  are the agreed reference;
- first reads that differ are a disagreement, waiting for a senior; one read alone
  waits for the second grader. Neither is a reference.

No third-party imports: the laptop app, training and the hub all use it.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from fundus.grades import grade_name, is_referable

REVIEWS = "reviews"
GRADE, ADJUDICATION = "grade", "adjudication"  # reviews.kind
REFERRED, UNGRADABLE, SAMPLED = "referred", "ungradable", "sampled"  # reviews.queue_reason
READS_TO_AGREE = 2

# Reference statuses
ADJUDICATED, AGREED, DISAGREEMENT, ONE_READ = "adjudicated", "agreed", "disagreement", "one read"


@dataclass(frozen=True)
class Verdict:
    """One grader's (or the reference's) call on an eye: a grade 0-4, or ungradable (grade None)."""

    grade: int | None

    @property
    def gradable(self) -> bool:
        return self.grade is not None

    @property
    def referable(self) -> bool:
        return is_referable(self.grade)

    @property
    def label(self) -> str:
        return grade_name(self.grade) if self.grade is None else f"{self.grade} {grade_name(self.grade)}"


@dataclass(frozen=True)
class Reference:
    status: str                 # ADJUDICATED, AGREED, DISAGREEMENT or ONE_READ
    verdict: Verdict | None     # None unless adjudicated or agreed

    @property
    def resolved(self) -> bool:
        return self.verdict is not None


def verdict_of(review: dict) -> Verdict:
    return Verdict(int(review["grade"]) if review["gradable"] else None)


def reference(reviews: list[dict]) -> Reference:
    """The reference of one eye from its review rows (dicts with kind, gradable, grade, created_at)."""
    adjudications = sorted((r for r in reviews if r["kind"] == ADJUDICATION), key=lambda r: r["created_at"])
    if adjudications:
        return Reference(ADJUDICATED, verdict_of(adjudications[-1]))
    reads = {verdict_of(r) for r in reviews if r["kind"] == GRADE}
    first_reads = sum(r["kind"] == GRADE for r in reviews)
    if first_reads < READS_TO_AGREE:
        return Reference(ONE_READ, None)
    if len(reads) == 1:
        return Reference(AGREED, reads.pop())
    return Reference(DISAGREEMENT, None)


def has_reviews_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [REVIEWS]).fetchone() \
        is not None


def reviews_by_photo(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """photo id -> its review rows, oldest first (empty when the hub has no reviews table yet)."""
    if not has_reviews_table(conn):
        return {}
    cursor = conn.execute(f"SELECT * FROM [{REVIEWS}] ORDER BY photo_id, created_at")
    names = [c[0] for c in cursor.description]
    grouped = defaultdict(list)
    for row in cursor:
        review = dict(zip(names, row))
        grouped[review["photo_id"]].append(review)
    return dict(grouped)


def references(conn: sqlite3.Connection) -> dict[str, tuple[Reference, list[dict]]]:
    """photo id -> (its reference, its review rows) for every reviewed photo."""
    return {photo: (reference(rows), rows) for photo, rows in reviews_by_photo(conn).items()}
