"""How well the model agrees with the graders, per model version, then per camp, laptop and month.

Each pair is one result (the model version that graded the photo) of an eye whose
reviews reached a reference (fundus.reviews: adjudicated, else agreed). Every number
is per model version, because a result records the manifest that made it.

- QWK between the model's grade and the reference grade, on eyes both could grade;
- referable sensitivity and specificity: the model's "refer" (grade >= 2 or
  ungradable) against the reference grade >= 2, on eyes the graders could grade;
- the ungradable rate: of the model (over every result on the hub) and of the graders.

The queue reviews every referred eye but only a share of the others, so a sampled
eye stands for 1 / share eyes: the counts are weighted by that, else sensitivity
would look better than it is. 95 % intervals: percentile bootstrap over patients
(both eyes of a person share their disease). A number whose whole interval lies
below what the bundle's publisher measured (manifest ``metrics.tflite``) is flagged.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np

from fundus import metrics
from fundus.reviews import SAMPLED, references
from hub.bundles import HubModels
from hub.reviews import has_hub_tables

BOOTSTRAP = 1000
DIMENSIONS = ("camp", "laptop", "month")
FLAGGED = (("qwk", "qwk"), ("referable_sensitivity", "sensitivity"), ("referable_specificity", "specificity"))

_RESULTS_SQL = """
SELECT r.id AS result_id, r.photo_id, r.model_name, r.model_version, r.model_sha256, r.gradable, r.grade,
       r.referable, p.patient_id, c.site AS camp_site, c.date AS camp_date, c.id AS camp_id, s.laptop
FROM results r
JOIN photos p ON p.id = r.photo_id
JOIN patients pt ON pt.id = p.patient_id
JOIN camp_sessions c ON c.id = pt.camp_session_id
LEFT JOIN photo_sources s ON s.photo_id = p.id
"""


@dataclass
class Stats:
    """The numbers of one group of results (one model version, maybe one camp of it)."""

    group: str
    results: int
    model_ungradable_rate: float | None
    reviewed: int                       # eyes with a reference (not weighted)
    graders_ungradable_rate: float | None
    qwk: float | None = None
    referable_sensitivity: float | None = None
    referable_specificity: float | None = None
    ci95: dict = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


@dataclass
class VersionReport:
    model: str                  # "NAME VERSION"
    model_sha256: str
    published: dict | None      # the publisher's validation numbers, None when the hub lacks the bundle
    overall: Stats
    by: dict[str, list[Stats]]  # dimension -> one Stats per camp / laptop / month


def report(conn: sqlite3.Connection, models: HubModels, bootstrap: int = BOOTSTRAP) -> list[VersionReport]:
    """One report per model version that graded photos on the hub, newest name/version last."""
    if not has_hub_tables(conn):
        return []
    refs = references(conn)
    rows = _results(conn)
    by_version = defaultdict(list)
    for row in rows:
        ref, reviews = refs.get(row["photo_id"], (None, []))
        row["reviewed"] = bool(ref and ref.resolved)
        row["reference"] = ref.verdict.grade if row["reviewed"] else None  # None: ungradable, or no reference
        first = reviews[0] if reviews else None
        row["weight"] = 1 / first["sample_share"] if first and first["queue_reason"] == SAMPLED else 1.0
        by_version[row["model_sha256"] or "unknown"].append(row)
    reports = []
    for sha, version_rows in by_version.items():
        published = models.published_metrics(sha) if sha != "unknown" else None
        name = f"{version_rows[0]['model_name']} {version_rows[0]['model_version']}"
        groups = {dim: defaultdict(list) for dim in DIMENSIONS}
        for row in version_rows:
            for dim in DIMENSIONS:
                groups[dim][row[dim]].append(row)
        reports.append(VersionReport(
            name, sha, published, stats("all", version_rows, published, bootstrap),
            {dim: [stats(key, members, published, bootstrap) for key, members in sorted(groups[dim].items())]
             for dim in DIMENSIONS}))
    return sorted(reports, key=lambda r: r.model)


def _results(conn: sqlite3.Connection) -> list[dict]:
    have_sources = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'photo_sources'").fetchone()
    sql = _RESULTS_SQL if have_sources else _RESULTS_SQL.replace(
        "s.laptop", "NULL AS laptop").replace("LEFT JOIN photo_sources s ON s.photo_id = p.id", "")
    cursor = conn.execute(sql)
    names = [c[0] for c in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(names, values))
        row["camp"] = f"{row['camp_site']} {row['camp_date']}"
        row["laptop"] = row["laptop"] or "unknown"
        row["month"] = (row["camp_date"] or "unknown")[:7]
        rows.append(row)
    return rows


def stats(group: str, rows: list[dict], published: dict | None, bootstrap: int = BOOTSTRAP) -> Stats:
    model_gradable = np.array([bool(r["gradable"]) for r in rows])
    reviewed = [r for r in rows if r["reviewed"]]
    out = Stats(group, len(rows), float(1 - model_gradable.mean()) if rows else None, len(reviewed), None)
    if not reviewed:
        return out
    weight = np.array([r["weight"] for r in reviewed])
    ref_gradable = np.array([r["reference"] is not None for r in reviewed])
    out.graders_ungradable_rate = float(weight[~ref_gradable].sum() / weight.sum())
    graded = [r for r in reviewed if r["reference"] is not None]
    if graded:
        truth = np.array([r["reference"] for r in graded])
        refer = np.array([bool(r["referable"]) for r in graded])
        w = np.array([r["weight"] for r in graded])
        patients = [r["patient_id"] for r in graded]
        both = np.array([r["gradable"] == 1 and r["grade"] is not None for r in graded])
        model_grade = np.array([r["grade"] if ok else 0 for r, ok in zip(graded, both)])
        values = {
            "qwk": (_qwk, (truth[both], model_grade[both], w[both]), np.array(patients)[both]),
            "referable_sensitivity": (_sensitivity, (truth, refer, w), patients),
            "referable_specificity": (_specificity, (truth, refer, w), patients),
        }
        for name, (fn, arrays, groups) in values.items():
            setattr(out, name, fn(*arrays) if len(arrays[0]) else None)
            out.ci95[name] = (metrics.bootstrap_ci(fn, *arrays, n=bootstrap, groups=groups)
                              if len(arrays[0]) else None)
    out.flags = flags(out, published)
    return out


def flags(out: Stats, published: dict | None) -> list[str]:
    """A number whose 95 % interval lies wholly below the publisher's validation number."""
    found = []
    for key, label in FLAGGED:
        claimed, interval = (published or {}).get(key), out.ci95.get(key)
        if claimed is not None and interval is not None and interval[1] < claimed:
            found.append(f"{label} below the published {claimed:.2f}")
    return found


def _qwk(truth, grade, weight):
    return metrics.qwk(truth, grade, weights=weight) if len(truth) else None


def _sensitivity(truth, refer, weight):
    return metrics.referral_sensitivity_specificity(truth, refer, weight)[0]


def _specificity(truth, refer, weight):
    return metrics.referral_sensitivity_specificity(truth, refer, weight)[1]


def as_json(reports: list[VersionReport]) -> list[dict]:
    return [asdict(r) for r in reports]


def as_text(reports: list[VersionReport]) -> str:
    """The report as plain text tables, one block per model version."""
    if not reports:
        return "No results on the hub yet."
    lines = []
    for r in reports:
        lines.append(f"Model {r.model} (manifest {r.model_sha256[:12]})")
        if r.published:
            lines.append("  published validation: " + ", ".join(
                f"{label} {r.published[key]:.2f}" for key, label in FLAGGED if r.published.get(key) is not None))
        else:
            lines.append("  published validation: unknown (the hub does not hold this bundle)")
        lines.append(f"  {'group':<28}{'results':>8}{'model ungr.':>12}{'reviewed':>9}{'graders ungr.':>14}"
                     f"{'QWK':>18}{'sensitivity':>18}{'specificity':>18}")
        for dim, members in [("", [r.overall]), *r.by.items()]:
            for s in members:
                label = f"{dim}: {s.group}" if dim else "all"
                lines.append(f"  {label[:27]:<28}{s.results:>8}{_pct(s.model_ungradable_rate):>12}{s.reviewed:>9}"
                             f"{_pct(s.graders_ungradable_rate):>14}"
                             + "".join(f"{_with_ci(getattr(s, key), s.ci95.get(key)):>18}" for key, _ in FLAGGED))
                lines += [f"    FLAG {label}: {flag}" for flag in s.flags]
    return "\n".join(lines)


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0%}"


def _with_ci(value, interval) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" + (f" ({interval[0]:.2f}-{interval[1]:.2f})" if interval else "")
