"""`python -m desktop grade PATHS... --csv OUT.csv`: headless grading through the app's store.

Same code path as the window: grade, copy into managed storage (encrypted), one
transaction per photo, each result recorded as graded by the signed-in user. It unlocks
without a person typing: the passphrase from $DR_SCREEN_PASSPHRASE or --passphrase-fd,
the user from --user or $DR_SCREEN_USER, the PIN from $DR_SCREEN_PIN (desktop/unlock.py). A photo already graded by this model is reported from the store, not graded
again, so an interrupted run can simply be started again. Bad files get their row
with the reason; the exit status is 1 if any file failed.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from pathlib import Path

from desktop import models, paths, unlock
from desktop.export import safe_cell
from desktop.paths import private_opener
from desktop.grading import grade_and_ingest, model_label
from desktop.store import DB_NAME, DiskFullError, Store, StoreError, file_sha256
from fundus.bundle import BundleError
from fundus.cli import expand_paths
from fundus.grader import Grader
from fundus.image import ImageError
from fundus.progress import Progress

log = logging.getLogger(__name__)

COLUMNS = ["image", "grade", "grade_name", "score", "referable", "gradable", "reasons", "model", "ms", "error"]
EXIT_FAILED = 1
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="photos, or folders of photos")
    parser.add_argument("--csv", required=True, type=Path, help="write one row per photo here")
    parser.add_argument("--model", type=Path, help="bundle manifest (default: the app's default bundle)")
    parser.add_argument("--db", type=Path, help="database file (default: dr-screen.db in the data dir; "
                                                "its folder holds the vault)")
    parser.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
    parser.add_argument("--patient", help="patient ID (registered in the app) the photos belong to")
    parser.add_argument("--eye", choices=["right", "left"], help="which eye the photos show (with --patient)")
    parser.add_argument("--threads", type=int, default=2, help="LiteRT threads (default 2)")
    unlock.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if bool(args.patient) != bool(args.eye):
        print("error: --patient and --eye go together", file=sys.stderr)
        return EXIT_USAGE
    if args.db:
        data_dir, db_name = args.db.resolve().parent, args.db.name
    else:
        data_dir, db_name = paths.data_dir(args.data_dir), DB_NAME
    try:
        grader = Grader(models.load_active(data_dir, args.model), num_threads=args.threads)
    except BundleError as e:
        print(f"error: cannot use the model: {e}", file=sys.stderr)
        return EXIT_USAGE
    try:
        store = unlock.session(data_dir, args, db_name)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE
    with store:
        patient = None
        if args.patient:
            patient = store.latest_patient(args.patient)
            if patient is None:
                print("error: no patient with that ID; check it, or register the patient in the app first",
                      file=sys.stderr)
                return EXIT_USAGE
        return grade_all(store, grader, expand_paths(args.paths), args.csv, patient, args.eye)


def grade_all(store: Store, grader: Grader, photos: list[Path], csv_path: Path,
              patient: dict | None, eye: str | None) -> int:
    failed = 0
    with open(csv_path, "w", encoding="utf-8-sig", newline="", opener=private_opener) as f, \
            Progress(len(photos), "grading") as progress:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for path in photos:
            row, error = grade_one(store, grader, path, patient, eye)
            failed += error is not None
            writer.writerow([safe_cell(row.get(c)) for c in COLUMNS])
            f.flush()  # rows already written survive a kill
            progress.advance()
            if isinstance(error, DiskFullError):  # every further photo would fail the same way
                print(f"error: {error}", file=sys.stderr)
                return EXIT_FAILED
    print(f"note: {csv_path} is plain text, not encrypted like the data folder: keep it safe, delete it after use",
          file=sys.stderr)
    if failed:
        print(f"{failed} of {len(photos)} photos could not be graded; see the error column of {csv_path}",
              file=sys.stderr)
    return EXIT_FAILED if failed else 0


def grade_one(store: Store, grader: Grader, path: Path, patient: dict | None,
              eye: str | None) -> tuple[dict, Exception | None]:
    """One CSV row; the error (already in the row's text) when the photo failed."""
    name, version, model_sha256 = model_label(grader)
    row = {"image": str(path), "model": f"{name} {version}"}
    patient_id = patient["id"] if patient else None
    try:
        sha = file_sha256(path)
        photo = store.find_photo(sha)
        result = photo and store.result_for(photo["id"], model_sha256)
        if result:
            if patient_id:
                store.assign_photo(sha, patient_id, eye)
        else:
            graded = grade_and_ingest(grader, store.files, path, sha)
            photo, result = store.record_graded_photo(
                graded.stored, path.name, graded.result, name, version, model_sha256,
                patient_id=patient_id, eye=eye, overlay_png=graded.overlay_png)
    except (ImageError, StoreError, OSError) as e:
        log.info("photo failed: %s", type(e).__name__)
        return {**row, "error": str(e)}, e
    row.update({k: result[k] for k in ("grade", "grade_name", "gradable", "referable")})
    row.update(score=None if result["score"] is None else round(result["score"], 4),
               reasons="; ".join(result["reasons"]), ms=round(result["ms"], 1))
    return row, None
