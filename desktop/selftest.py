"""`dr-screen --self-test`: check an installed app end to end, with no display and no patient.

Takes the road a technician's photo takes, on a throw-away data folder: set it up
as the first run does (a random passphrase, Argon2id, SQLCipher, an administrator),
open the window as the app starts it (store, advice, verified model bundle), grade the
sample photo shipped in desktop/assets through the same step as `grade`, store it
(encrypted), and read it back after unlocking and reopening. One line per step; exit 0, or exit 1 with
`self-test FAILED: ...` naming what is wrong.

The window is drawn offscreen (unless QT_QPA_PLATFORM says otherwise), so the check
runs in CI, over SSH, and on a laptop without a window flashing up; the native
platform plugin is checked to be present instead.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import traceback
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent / "assets" / "sample_fundus.jpg"
NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")


class SelfTestError(Exception):
    """A check failed; the message says which and what to do."""


def run(model: str | None = None) -> int:
    start = time.perf_counter()
    print("dr-screen self-test", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="dr-screen-selftest-") as tmp:
            _checks(Path(tmp) / "data", model)
    except SelfTestError as e:
        print(f"self-test FAILED: {e}", file=sys.stderr, flush=True)
        return 1
    except Exception as e:  # a broken install (missing module or file): show everything
        traceback.print_exc()
        print(f"self-test FAILED: unexpected {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        return 1
    print(f"self-test passed in {_ms(start):.0f} ms", flush=True)
    return 0


def _checks(data_dir: Path, model: str | None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo, qVersion
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from desktop import unlock, users, vault
    from desktop.batch import grade_one
    from fundus.files import file_sha256
    from desktop.ui.app import STYLE, build_window
    from fundus.grader import Grader

    step = time.perf_counter()
    passphrase = secrets.token_urlsafe(24)
    store, _ = unlock.first_run(data_dir, passphrase, "self-test", "".join(secrets.choice("0123456789")
                                                                            for _ in range(8)))
    _report("vault", "passphrase → Argon2id → SQLCipher database and sealed photos; administrator signed in", step)
    step = time.perf_counter()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(STYLE)
    try:
        window = build_window(store, model)
    except BaseException:
        store.close()
        raise
    try:
        window.show()
        app.processEvents()
        _report("window", f"shown on Qt {qVersion()} ({app.platformName()})", step)
        if window.bundle is None:
            raise SelfTestError(f"no usable model: {window.model_problem}")
        bundle = window.bundle
        _report("model", f"{bundle.name} {bundle.version} ({bundle.mode}, {bundle.input_size} px), "
                         f"sha256 verified: {bundle.manifest_path}")
        _check_qt_plugins(QLibraryInfo, QImageReader)
        _check_languages()

        step = time.perf_counter()
        if not SAMPLE.is_file():
            raise SelfTestError(f"the sample photo is missing: {SAMPLE}")
        grader = Grader(bundle, num_threads=2)
        row, error = grade_one(window.store, grader, SAMPLE, None, None)
        if error is not None:
            raise SelfTestError(f"grading the sample photo failed: {error}")
        if not row["gradable"]:  # a known good photo: preprocessing or the quality check is broken
            raise SelfTestError(f"the sample photo came back ungradable: {row['reasons']}")
        _report("grade", f"{SAMPLE.name}: grade {row['grade']} {row['grade_name']}, score {row['score']}, "
                         f"{'referable' if row['referable'] else 'not referable'}", step)
    finally:
        window.close()
        window.store.close()

    step = time.perf_counter()
    with unlock.open_store(data_dir, vault.unlock(data_dir, passphrase)) as store:  # committed, and encrypted?
        photo = store.find_photo(file_sha256(SAMPLE))
        result = photo and store.result_for(photo["id"], bundle.manifest_sha256)
        if not result or result["grade"] != row["grade"]:
            raise SelfTestError(f"the graded sample is not in the database {store.db_path}")
        if store.overlay_png(result["id"]) is None:
            raise SelfTestError("the heat map of the sample photo was not stored")
        if store.photo_bytes(photo) != SAMPLE.read_bytes():
            raise SelfTestError("the sample photo was not stored in the data folder")
        if SAMPLE.read_bytes()[:4096] in (data_dir / photo["stored_path"]).read_bytes():
            raise SelfTestError("the stored photo is not encrypted")
        if users.accounts(store)[0]["name"] != "self-test" or not store.db.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'grade'").fetchone()[0]:
            raise SelfTestError("the grading was not recorded in the audit log")
    _report("database", "result, heat map, audit event and sealed photo stored and read back after unlocking "
                        "(temporary folder)", step)


def _check_qt_plugins(library_info, image_reader) -> None:
    if b"jpeg" not in image_reader.supportedImageFormats():
        raise SelfTestError("Qt cannot read JPEG photos: the imageformats/qjpeg plugin is missing")
    platforms = Path(library_info.path(library_info.LibraryPath.PluginsPath)) / "platforms"
    if not any(NATIVE_PLATFORM in p.name for p in platforms.glob("*")):
        raise SelfTestError(f"the {NATIVE_PLATFORM} platform plugin is missing from {platforms}: "
                            "the window cannot open on this system")


def _check_languages() -> None:
    """Every shipped translation loads, and Hindi has a font (the bundled one)."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFontDatabase

    from desktop.preferences import LANGUAGES
    from desktop.ui.i18n import I18N_DIR, add_fonts

    for language in LANGUAGES:
        if not QTranslator().load(str(I18N_DIR / f"dr-screen_{language}.qm")):
            raise SelfTestError(f"the {language} translation is missing from {I18N_DIR}")
    add_fonts()
    if not QFontDatabase.families(QFontDatabase.WritingSystem.Devanagari):
        raise SelfTestError("no font can show Hindi: desktop/assets/fonts/Lohit-Devanagari.ttf is missing")
    _report("language", f"{', '.join(LANGUAGES)} translations; Devanagari font")


def _report(name: str, text: str, since: float | None = None) -> None:
    timing = "" if since is None else f"  [{_ms(since):.0f} ms]"
    print(f"  {name:<9}{text}{timing}", flush=True)


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
