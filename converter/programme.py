"""The programme gate: a new model must not do worse than the current one on the programme's own
held-out reviewed eyes (the ``holdout`` part of ``python -m training dataset``).

Both bundles grade every held-out photo through the app's own call (Grader.grade_path),
each at its own input size. Refused when the candidate's QWK (on photos both could
grade) or its referral sensitivity (the app's "refer", ungradable included, against
the graders' grade >= 2) is lower than the current model's by more than the allowed
drop (default 0: no regression). No TensorFlow here.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from converter import UserError
from converter.data import labelled_files
from fundus import metrics
from fundus.bundle import Bundle, BundleError, load_bundle, write_bundle
from fundus.grader import Grader, GradeResult
from fundus.image import ImageError
from fundus.progress import Progress

HOLDOUT = "holdout"
GATED = ("qwk", "referral_sensitivity")


@dataclass
class Gate:
    images: int
    candidate: dict
    baseline: dict
    max_drop: float
    refusals: list[str]

    def record(self) -> dict:
        """What the manifest keeps (metrics.programme)."""
        return {"images": self.images, "candidate": self.candidate, "baseline": self.baseline,
                "max_drop": self.max_drop}


def holdout_files(folder: str | Path) -> tuple[list[Path], np.ndarray]:
    part = Path(folder) / HOLDOUT
    if not (part / "labels.csv").is_file():
        raise UserError(f"{folder} is not a programme dataset: no {HOLDOUT}/labels.csv "
                        "(make one with `python -m training dataset`)")
    return labelled_files(part / "images", part / "labels.csv")


def baseline_bundle(path: str | Path) -> Bundle:
    """The model in use, verified as a laptop would (it is what the programme trusts today)."""
    try:
        return load_bundle(path)
    except BundleError as e:
        raise UserError(f"--baseline: {e}") from None


def grade_all(bundle: Bundle, files: list[Path], label: str) -> list[GradeResult]:
    grader = Grader(bundle)
    results = []
    with Progress(len(files), label) as progress:
        for path in files:
            try:
                results.append(grader.grade_path(path))
            except ImageError as e:
                results.append(GradeResult(False, [str(e)]))
            progress.advance()
    return results


def scores(labels: np.ndarray, results: list[GradeResult], both: np.ndarray) -> dict:
    grades = np.array([r.grade if r.grade is not None else 0 for r in results])
    refer = np.array([r.referable for r in results])
    sensitivity, specificity = metrics.referral_sensitivity_specificity(labels, refer)
    return {"qwk": metrics.qwk(labels[both], grades[both]) if both.any() else None,
            "referral_sensitivity": sensitivity, "referral_specificity": specificity,
            "ungradable": int(sum(not r.gradable for r in results))}


def check(folder: str | Path, baseline: Bundle, tflite: bytes, manifest: dict, max_drop: float) -> Gate:
    """Grade the held-out reviewed eyes with both models and compare."""
    files, labels = holdout_files(folder)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = load_bundle(write_bundle(tmp, "candidate", tflite, manifest), check_signature=False)
        new = grade_all(candidate, files, "programme holdout, new model")
    old = grade_all(baseline, files, "programme holdout, current model")
    both = np.array([a.gradable and b.gradable for a, b in zip(new, old)])
    gate = Gate(len(files), scores(labels, new, both),
                {**scores(labels, old, both), "bundle": f"{baseline.name} {baseline.version}",
                 "manifest_sha256": baseline.manifest_sha256}, max_drop, [])
    for key in GATED:
        was, now = gate.baseline[key], gate.candidate[key]
        if was is not None and (now is None or now < was - max_drop):
            gate.refusals.append(f"{key.replace('_', ' ')} {_fmt(now)} against the current model's {_fmt(was)}")
    return gate


def describe(gate: Gate) -> str:
    def line(name, s):
        return (f"{name}: QWK {_fmt(s['qwk'])}, referral sensitivity {_fmt(s['referral_sensitivity'])}, "
                f"specificity {_fmt(s['referral_specificity'])}, {s['ungradable']} ungradable")
    return "\n".join([f"programme holdout ({gate.images} reviewed eyes):",
                      "  " + line("new model", gate.candidate),
                      "  " + line(f"current model {gate.baseline['bundle']}", gate.baseline)])


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"
