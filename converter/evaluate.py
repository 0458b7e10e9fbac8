"""`python -m converter evaluate BUNDLE.json --images DIR --labels CSV`: grade every
image with a bundle through the app's own calls (Grader.grade_path for camera photos)
and print the metrics and each triage band's grade mix; the last line printed is the
metrics as one JSON object."""
from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import numpy as np

from converter.data import labelled_files, model_input, sample
from fundus import metrics
from fundus.bundle import load_bundle
from fundus.grader import Grader, GradeResult
from fundus.grades import NUM_GRADES
from fundus.image import ImageError
from fundus.labels import patient_of
from fundus.numbers import with_interval
from fundus.progress import Progress
from fundus.triage import BANDS

CSV_FIELDS = ("image", "label", "gradable", "grade", "score", "triage", "referable", "p0", "p1", "p2", "p3",
              "p4", "reasons", "ms")


def grade_file(grader: Grader, path: Path, preprocessed: bool) -> GradeResult:
    """The app's call for a camera photo; an already-filtered image skips the photo
    checks (they need the unfiltered photo) and goes straight to the model."""
    if preprocessed:
        image, reasons = model_input(path, grader.size, preprocessed=True)
        return GradeResult(False, reasons) if image is None else grader.grade_input(image)
    try:
        return grader.grade_path(path)
    except ImageError as e:
        return GradeResult(False, [str(e)])


def evaluate_command(args) -> int:
    # Measuring needs no publisher's signature.
    grader = Grader(load_bundle(args.bundle, check_signature=False), policy=args.policy)
    files, labels = labelled_files(args.images, args.labels)
    chosen = sample(files, args.limit)
    files, labels = [files[i] for i in chosen], labels[chosen]
    print(f"grading {len(files)} images with {grader.bundle.name} ({grader.bundle.mode}, "
          f"version {grader.bundle.version}), triage policy {grader.policy.name}", flush=True)
    summary, results = evaluate_files(grader, files, labels, args.preprocessed)
    if args.predictions:
        write_predictions(args.predictions, files, labels, results)
    summary = {"bundle": grader.bundle.name, "version": grader.bundle.version, "mode": grader.bundle.mode,
               **summary}
    print(describe(summary))
    print(describe_bands(summary["bands"]))
    print(json.dumps(summary))
    return 0


def evaluate_files(grader: Grader, files: list[Path], labels, preprocessed: bool) -> tuple[dict, list[GradeResult]]:
    """Grade `files` through the app's calls: the summary (counts, time, screening
    metrics of the gradable ones) and each file's result."""
    start = time.perf_counter()
    results = []
    with Progress(len(files), "grading") as progress:
        for path in files:
            results.append(grade_file(grader, path, preprocessed))
            progress.advance()
    seconds = time.perf_counter() - start
    gradable = np.array([r.gradable for r in results])
    summary = {"images": len(files), "ungradable": int((~gradable).sum()),
               "ms_per_image": round(seconds * 1000 / len(files), 2),
               "policy": grader.policy.name, "bands": band_grades(labels, [r.triage for r in results])}
    if gradable.any():
        graded = [r for r in results if r.gradable]
        summary.update(screening_metrics(labels[gradable], np.array([r.grade for r in graded]),
                                         np.array([r.score for r in graded]),
                                         [patient_of(f.stem) for f, ok in zip(files, gradable) if ok],
                                         np.array([r.referable for r in graded])))
    return summary, results


def describe(summary: dict) -> str:
    if "qwk" not in summary:
        return "no image was gradable: no metrics"
    ci = summary["ci95"]
    return (f"QWK {summary['qwk']:.4f} on {summary['n']} gradable images, {summary['ungradable']} ungradable; "
            f"referable AUC {with_interval(summary['referable_auc'], ci['referable_auc'], 3)}, sensitivity "
            f"{with_interval(summary['referable_sensitivity'], ci['referable_sensitivity'], 3)}, specificity "
            f"{with_interval(summary['referable_specificity'], ci['referable_specificity'], 3)}")


def band_grades(labels, bands) -> dict[str, list[int]]:
    """The grade mix of each triage band: band -> eyes of true grade 0..4 (every image, ungradable too)."""
    labels, bands = np.asarray(labels), np.asarray(bands, dtype=object)
    return {band: np.bincount(labels[bands == band].astype(int), minlength=NUM_GRADES).tolist() for band in BANDS}


def describe_bands(bands: dict[str, list[int]]) -> str:
    lines = [f"{'band':<11}{'eyes':>6}   true grade " + " ".join(f"{g:>5}" for g in range(NUM_GRADES))]
    for band, counts in bands.items():
        lines.append(f"{band:<11}{sum(counts):>6}{'':>14}" + " ".join(f"{c:>5}" for c in counts))
    return "\n".join(lines)


def screening_metrics(labels, grades, scores, patients, refer) -> dict:
    """metrics.summary (sensitivity and specificity of the referral decisions `refer`)
    plus the score's referable AUC, each screening number with a 95 % bootstrap
    interval that resamples patients (two eyes are not independent)."""
    result = {**metrics.summary(labels, grades, refer), "referable_auc": metrics.referable_auc(labels, scores)}
    statistics = {
        "referable_auc": (metrics.referable_auc, scores),
        "referable_sensitivity": (lambda y, r: metrics.referral_sensitivity_specificity(y, r)[0], refer),
        "referable_specificity": (lambda y, r: metrics.referral_sensitivity_specificity(y, r)[1], refer),
    }
    result["ci95"] = {name: metrics.bootstrap_ci(fn, labels, values, groups=patients)
                      for name, (fn, values) in statistics.items()}
    return result


def write_predictions(path, files: list[Path], labels, results: list[GradeResult]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, CSV_FIELDS)
        writer.writeheader()
        for file, label, r in zip(files, labels, results, strict=True):
            probabilities = r.probabilities or [""] * 5
            writer.writerow({
                "image": file.stem, "label": int(label), "gradable": int(r.gradable),
                "grade": "" if r.grade is None else r.grade,
                "score": "" if r.score is None else f"{r.score:.6f}",
                "triage": r.triage, "referable": int(r.referable),
                **{f"p{k}": p if p == "" else f"{p:.6f}" for k, p in enumerate(probabilities)},
                "reasons": "; ".join(r.reasons), "ms": f"{r.ms:.1f}"})
