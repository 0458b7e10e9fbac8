"""`python -m desktop referral --patient ID --out FILE.pdf`: the referral slip without the window.

It unlocks like the other commands (desktop/unlock.py: the passphrase from
$DR_SCREEN_PASSPHRASE or --passphrase-fd, the user from --user or $DR_SCREEN_USER, the
PIN from $DR_SCREEN_PIN), and the slip is recorded in the audit log under that user.
Exit 0 written, 1 not written (disk, an unfinished patient), 2 usage errors (unknown
patient, data in use by the window, not unlocked). The slip is drawn offscreen, so it
works over SSH and without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import PROG, paths, unlock
from desktop.advice import AdviceTable
from desktop.preferences import LANGUAGES, Preferences
from desktop.store import StoreError

EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} referral",
                                     description="Write a patient's one-page referral slip (PDF).")
    parser.add_argument("--patient", required=True, help="patient ID (the most recent camp's patient with it)")
    parser.add_argument("--out", required=True, type=Path, help="the PDF to write")
    parser.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="language of the slip (default: the app's setting, else the computer's)")
    unlock.add_arguments(parser)
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from desktop.referral import slip_for, slip_written
    from desktop.ui import i18n
    from desktop.ui.app import load_model
    from desktop.ui.referral_pdf import SlipTooLongError, write_pdf

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts need it)
    try:
        store = unlock.session(paths.data_dir(args.data_dir), args)
    except StoreError as e:
        return fail(str(e), EXIT_USAGE)
    with store:
        i18n.install(args.language or Preferences.load(store.data_dir).language)
        patient = store.latest_patient(args.patient)
        if patient is None:
            return fail("no patient with that ID; check it, or register the patient in the app first", EXIT_USAGE)
        try:
            slip = slip_for(store, AdviceTable.load(store.data_dir), patient["id"])
        except (ValueError, StoreError) as e:  # a broken advice.json, a photo file that cannot be read
            return fail(str(e), EXIT_FAILED)
        if slip.outcome.key == "incomplete":
            return fail("that patient has no graded photo of each eye yet; grade both eyes first", EXIT_FAILED)
        bundle, _ = load_model(store.data_dir, None)
        try:
            write_pdf(slip, args.out, bundle)
        except OSError as e:
            return fail(f"cannot write {args.out} ({e.strerror})", EXIT_FAILED)
        except SlipTooLongError as e:
            return fail(str(e), EXIT_FAILED)
        slip_written(store, patient["id"])
    print(f"referral slip written to {args.out}")
    return 0


def fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
