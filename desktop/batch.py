"""`python -m desktop grade PATHS... --csv OUT.csv`: headless grading through the app's store.

Same code path as the window: grade, copy into managed storage (encrypted), one
transaction per photo, each result recorded as graded by the signed-in user. It unlocks
without a person typing: the passphrase from $DR_SCREEN_PASSPHRASE or --passphrase-fd,
the user from --user or $DR_SCREEN_USER, the PIN from $DR_SCREEN_PIN (desktop/unlock.py).
A photo already graded by this model is reported from the store, not graded again
(Store.reuse_graded, the window's rule too), so an interrupted run can simply be started
again. Bad files get their row with the reason; the exit status is 1 if any file failed,
2 for a usage error (no photos, an unwritable CSV, an unknown patient, an eye already
graded without --add, a --db that does not exist). The last line on stdout sums the run up.

Two stages, one core each: while the model grades photo n on this thread, another reads
photo n+1 (once: the same bytes are hashed, decoded and sealed) and decodes and
prepares it. A photo is still committed whole or not at all, in input order.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import logging
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from desktop import models, paths, unlock
from desktop.grading import model_label, seal_graded
from desktop.paths import private_opener
from desktop.store import DB_NAME, DiskFullError, Store, StoreError
from fundus.bundle import BundleError
from fundus.cli import expand_paths
from fundus.csv_safe import safe_cell
from fundus.files import file_sha256
from fundus.grader import Grader, Prepared, prepare_photo
from fundus.image import IMAGE_SUFFIXES, ImageError, PhotoBytes, read_photo_bytes
from fundus.progress import Progress
from fundus.text import count

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
    parser.add_argument("--add", action="store_true",
                        help="add the photos to an eye that already has a graded photo (a retake); without "
                             "it such a run is refused, so a photo cannot land on the wrong eye unnoticed")
    parser.add_argument("--threads", type=int, default=1,
                        help="LiteRT threads (default 1: the other core reads and decodes the next photo)")
    unlock.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if bool(args.patient) != bool(args.eye):
        return usage_error("--patient and --eye go together")
    photos = expand_paths(args.paths)
    if not photos:
        return usage_error(f"no photos found in {', '.join(args.paths)} "
                           f"(looked for {', '.join(sorted(IMAGE_SUFFIXES))} files)")
    if args.db:
        if not args.db.is_file():  # opening it would start a second, empty database without accounts
            return usage_error(f"there is no database {args.db}. --db names an existing dr-screen database; "
                               f"leave it out to use the data folder's ({DB_NAME})")
        data_dir, db_name = args.db.resolve().parent, args.db.name
    else:
        data_dir, db_name = paths.data_dir(args.data_dir), DB_NAME
    try:
        grader = Grader(models.load_active(data_dir, args.model), num_threads=args.threads)
    except BundleError as e:
        return usage_error(f"cannot use the model: {e}")
    try:
        store = unlock.session(data_dir, args, db_name)
    except StoreError as e:
        return usage_error(str(e))
    with store:
        patient = None
        if args.patient:
            patient = store.latest_patient(args.patient)
            if patient is None:
                return usage_error("no patient with that ID; check it, or register the patient in the app first")
            already = graded_elsewhere(store, patient, args.eye, photos)
            if already and not args.add:
                return usage_error(
                    f"the {args.eye} eye of that patient already has {count(already, 'graded photo')}. "
                    "Pass --add to add these photos to it (e.g. a retake), or remove or move the wrong photo "
                    "in the app ('Remove or move…' on the eye)")
        try:
            csv_file = open(args.csv, "w", encoding="utf-8-sig", newline="", opener=private_opener)
        except OSError as e:
            return usage_error(f"cannot write the CSV file {args.csv} ({e.strerror})")
        with csv_file:
            status = grade_all(store, grader, photos, csv_file, patient, args.eye)
        if patient is None:
            print("note: photos graded without --patient belong to no patient, so they never reach the hub's "
                  "review queue; give them to a patient's eye in the app, or grade with --patient and --eye",
                  file=sys.stderr)
        return status


def usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def graded_elsewhere(store: Store, patient: dict, eye: str, photos: list[Path]) -> int:
    """How many graded photos the eye holds that are not among `photos` (those of a
    resumed run are fine)."""
    ours = set()
    for path in photos:
        try:
            ours.add(file_sha256(path))
        except OSError:
            pass  # reported in the photo's row
    return sum(1 for p in store.photos(patient["id"], eye) if p["sha256"] not in ours and store.result_for(p["id"]))


def grade_all(store: Store, grader: Grader, photos: list[Path], csv_file: TextIO,
              patient: dict | None, eye: str | None) -> int:
    tally = Counter()
    writer = csv.writer(csv_file)
    writer.writerow(COLUMNS)
    known = store.graded_sha256s(grader.bundle.manifest_sha256)
    with Progress(len(photos), "grading") as progress, contextlib.closing(read_ahead(photos, grader.size, known)) \
            as reads:
        for path, read in zip(photos, reads):
            row, error = grade_one(store, grader, path, patient, eye, read)
            tally[outcome(row, error)] += 1
            writer.writerow([safe_cell(row.get(c)) for c in COLUMNS])
            csv_file.flush()  # rows already written survive a kill
            progress.advance()
            if isinstance(error, DiskFullError):  # every further photo would fail the same way
                print(f"error: {error}", file=sys.stderr)
                return EXIT_FAILED
    print(f"{count(len(photos), 'photo')}: {tally['graded'] + tally['referable']} graded ({tally['referable']} "
          f"referable), {tally['ungradable']} ungradable, {tally['failed']} failed -> {csv_file.name}")
    print(f"note: {csv_file.name} is plain text, not encrypted like the data folder: keep it safe, delete it "
          "after use", file=sys.stderr)
    if tally["failed"]:
        print(f"{tally['failed']} of {count(len(photos), 'photo')} could not be graded; see the error column of "
              f"{csv_file.name}", file=sys.stderr)
    return EXIT_FAILED if tally["failed"] else 0


def outcome(row: dict, error: Exception | None) -> str:
    if error is not None:
        return "failed"
    if not row["gradable"]:
        return "ungradable"
    return "referable" if row["referable"] else "graded"


@dataclass(frozen=True)
class PhotoRead:
    """A photo read once, and (unless this model graded it already) decoded and prepared; or why not."""

    photo: PhotoBytes | None
    prepared: Prepared | None
    error: ImageError | None


def read_photo(path: Path, size: int, known: set[str] | frozenset = frozenset()) -> PhotoRead:
    """Read, hash and (for a photo not in `known`) decode and prepare one photo; safe on another thread."""
    try:
        photo = read_photo_bytes(path)
        return PhotoRead(photo, None if photo.sha256 in known else prepare_photo(photo, size), None)
    except ImageError as e:
        return PhotoRead(None, None, e)


def read_ahead(photos: list[Path], size: int, known: set[str]) -> Iterator[PhotoRead]:
    """Each photo's PhotoRead, in order, the next one made on a reader thread meanwhile."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") as reader:
        ahead = reader.submit(read_photo, photos[0], size, known) if photos else None
        for index in range(len(photos)):
            current = ahead.result()
            if index + 1 < len(photos):
                ahead = reader.submit(read_photo, photos[index + 1], size, known)
            yield current


def grade_one(store: Store, grader: Grader, path: Path, patient: dict | None, eye: str | None,
              read: PhotoRead | None = None) -> tuple[dict, Exception | None]:
    """One CSV row; the error (already in the row's text) when the photo failed. `read`: the photo
    as the reader thread left it (read here when not given)."""
    name, version, model_sha256 = model_label(grader)
    row = {"image": str(path), "model": f"{name} {version}"}
    patient_id = patient["id"] if patient else None
    read = read or read_photo(path, grader.size)
    try:
        if read.error:
            raise read.error
        reused = store.reuse_graded(read.photo.sha256, model_sha256, patient_id, eye)
        if reused:
            photo, result = reused
        else:
            prepared = read.prepared or prepare_photo(read.photo, grader.size)  # not graded after all
            graded = seal_graded(store.files, path, read.photo, grader.grade_prepared(prepared))
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
