"""Shared fixtures. Real images come from ../shared/data next to the checkout."""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# SQLCipher's module first: TensorFlow (loaded later by the tiny-model fixtures) brings
# a plain SQLite whose symbols would otherwise take SQLCipher's place in this process
# (desktop/vault.py refuses such a connection rather than write the records in clear).
import desktop.vault  # noqa: F401,E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("DR_SCREEN_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


# --- The fast path: `pytest -m "not slow"` (README) --------------------------------
# A developer's inner loop runs without TensorFlow: what needs it is slow, so deselected there.
# That is every test of a module that imports it (training, the converter) and every test that
# uses the tiny model (TensorFlow trains it when the cache misses). The fast run is not even
# allowed to collect those modules, and fails the test after which TensorFlow was imported.
NEEDS_TENSORFLOW = {"test_backbones.py", "test_camera.py", "test_converter.py", "test_shipped_model.py",
                    "test_splits.py", "test_training.py", "test_training_units.py"}
TINY_MODEL_FIXTURES = {"tiny_model", "tiny_run", "tiny_bundle", "aptos_heldout"}


def _fast(config) -> bool:
    return "not slow" in (config.getoption("markexpr") or "")


def pytest_ignore_collect(collection_path, config):
    return True if _fast(config) and collection_path.name in NEEDS_TENSORFLOW else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in NEEDS_TENSORFLOW or TINY_MODEL_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _no_tensorflow_on_the_fast_path(request):
    yield
    if _fast(request.config) and "tensorflow" in sys.modules:
        pytest.fail("this test imported TensorFlow on the fast path (pytest -m 'not slow'): mark it slow")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "fundus-camera-raw").is_dir():
        pytest.fail(f"real test images not found at {SHARED_DATA} (set DR_SCREEN_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def raw_photos(shared_data) -> list[Path]:
    """All 30 raw camera photos."""
    return sorted((shared_data / "fundus-camera-raw").glob("*.jpeg"))


@pytest.fixture(scope="session")
def labelled_raw_photos(shared_data) -> list[Path]:
    """The 10 raw camera photos that carry a grade in labels.csv."""
    return sorted((shared_data / "fundus-camera-raw").glob("[0-9]*.jpeg"))


# --- A real, tiny model bundle (built once, cached under .cache/) -------------------
# A MobileNetV2 (alpha 0.35, 64 px) trained a few steps on real APTOS images and
# converted by the converter, so tests exercise the whole road to the app in ~1 min
# on a cache miss. The cache key hashes the source files that shape the bundle.
TINY_SIZE = 64
TINY_TRAIN, TINY_HELDOUT = 600, 150
_TINY_SOURCES = ("fundus/image.py", "fundus/preprocess.py", "fundus/bundle.py", "training/model.py",
                 "training/stages.py", "training/losses.py", "training/data.py",
                 "training/thresholds.py", "training/few_steps.py", "converter/*.py", "tests/conftest.py")


def _tiny_key() -> str:
    digest = hashlib.sha256()
    for pattern in _TINY_SOURCES:
        for path in sorted(REPO_ROOT.glob(pattern)):
            digest.update(path.relative_to(REPO_ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _build_tiny(shared_data: Path, out: Path) -> None:
    """out/run (a few-step run), out/heldout.csv, out/bundle (its int8 bundle)."""
    from converter.__main__ import main as converter_main
    from converter.data import labelled_files, load_inputs, sample
    from training.few_steps import write_few_step_run

    aptos = shared_data / "aptos2019-gaussian224"
    files, grades = labelled_files(aptos / "images", aptos / "labels.csv")
    chosen = sample(files, TINY_TRAIN + TINY_HELDOUT, seed=7)
    train, heldout = chosen[:TINY_TRAIN], chosen[TINY_TRAIN:]
    data = load_inputs([files[i] for i in train], TINY_SIZE, True, grades[train], "tiny train")
    run = out / "run"
    write_few_step_run(run, data.images, data.grades, size=TINY_SIZE, alpha=0.35,
                       command="tests/conftest.py tiny model")
    with open(out / "heldout.csv", "w") as f:
        f.write("id_code,diagnosis\n" + "".join(f"{files[i].stem},{grades[i]}\n" for i in heldout))
    code = converter_main([str(run), "--out", str(out / "bundle"), "--mode", "int8", "--name", "tiny",
                           "--calibration", str(aptos / "images"), "--calibration-count", "100",
                           "--validation", str(aptos / "images"), "--labels", str(out / "heldout.csv"),
                           "--preprocessed", "--max-qwk-drop", "0.05"])
    assert code == 0, "the tiny model did not convert (see the converter output above)"


@pytest.fixture(scope="session")
def tiny_model(shared_data) -> Path:
    """Cache folder of the tiny model: run/, heldout.csv (APTOS ids not trained on),
    bundle/tiny.json. Read-only: copy before changing anything."""
    cache_root = REPO_ROOT / ".cache" / "tiny-model"
    cache_root.mkdir(parents=True, exist_ok=True)
    target = cache_root / _tiny_key()
    with open(cache_root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test sessions build it once
        if not target.is_dir():
            building = Path(tempfile.mkdtemp(prefix=".building-", dir=cache_root))
            try:
                _build_tiny(shared_data, building)
                os.replace(building, target)
            finally:
                shutil.rmtree(building, ignore_errors=True)
            for stale in cache_root.iterdir():  # models of older sources
                if stale.is_dir() and stale != target:
                    shutil.rmtree(stale, ignore_errors=True)
    return target


@pytest.fixture(scope="session")
def tiny_run(tiny_model) -> Path:
    """A training run folder (model.keras, combiner.json, config.json); read-only."""
    return tiny_model / "run"


@pytest.fixture(scope="session")
def aptos_heldout(shared_data, tiny_model) -> tuple[Path, Path]:
    """(images folder, labels CSV) of 150 APTOS images the tiny model never saw."""
    return shared_data / "aptos2019-gaussian224" / "images", tiny_model / "heldout.csv"


@pytest.fixture(scope="session", autouse=True)
def test_publisher(tmp_path_factory):
    """The private key file of a publisher made for this test session (the real one never leaves its owner),
    trusted through $DR_SCREEN_TRUSTED_KEYS by this process and the subprocesses it starts."""
    from fundus.bundle import ENV_TRUSTED_KEYS
    from fundus.signing import generate_key_pair

    folder = tmp_path_factory.mktemp("test-publisher")
    generate_key_pair(folder / "test-publisher.key")
    saved = os.environ.get(ENV_TRUSTED_KEYS)
    os.environ[ENV_TRUSTED_KEYS] = str(folder)
    yield folder / "test-publisher.key"
    if saved is None:
        os.environ.pop(ENV_TRUSTED_KEYS, None)
    else:
        os.environ[ENV_TRUSTED_KEYS] = saved


@pytest.fixture(scope="session")
def tiny_bundle(tiny_model, tmp_path_factory, test_publisher) -> Path:
    """Manifest path of a real int8 bundle (64 px input) in a fresh temporary folder,
    signed by the test publisher."""
    folder = tmp_path_factory.mktemp("tiny-bundle")
    for file in (tiny_model / "bundle").iterdir():
        shutil.copy2(file, folder / file.name)
    _sign(folder / "tiny.json", test_publisher)
    return folder / "tiny.json"


def _sign(manifest: Path, key_file: Path) -> None:
    from fundus.bundle import sign_bundle
    from fundus.signing import load_private_key

    sign_bundle(manifest, load_private_key(key_file))


@pytest.fixture
def sign_as_publisher(test_publisher):
    """sign(manifest_path): sign a bundle as the (trusted) test publisher."""
    return lambda manifest: _sign(manifest, test_publisher)


def photo_sha256(of) -> str:
    """The sha256 a fake grading result records for the photo it stands for: a StoredFile's, or a file's
    (Store.record_graded_photo takes a result only of the bytes stored)."""
    from fundus.files import file_sha256

    return of.sha256 if hasattr(of, "sha256") else file_sha256(of)


# --- Encrypted stores without typing ------------------------------------------------
# Every data folder is encrypted (desktop/vault.py) and every change is made by a
# signed-in account (desktop/users.py). Tests set a folder up with the lightest Argon2id
# setting the vault accepts (vault.MIN_KDF; the production one costs ~0.3 s per unlock) and sign in the test admin;
# commands started by tests read the same credentials from the environment.
TEST_PASSPHRASE = "test passphrase for the camp laptop"
TEST_ADMIN, TEST_PIN = "asha", "246810"


def light_kdf():
    from desktop.vault import MIN_KDF

    return MIN_KDF


def open_test_store(data_dir, db_name=None, *, user: str | None = TEST_ADMIN, pin: str = TEST_PIN):
    """The Store of `data_dir`, set up on first use (vault + admin), with `user` signed in (None: nobody)."""
    from desktop import unlock, users, vault
    from desktop.store import DB_NAME

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if not vault.exists(data_dir):
        vault.create(data_dir, TEST_PASSPHRASE, light_kdf())
    store = unlock.open_store(data_dir, vault.unlock(data_dir, TEST_PASSPHRASE), db_name or DB_NAME)
    try:
        if not users.accounts(store):
            users.create_first_admin(store, TEST_ADMIN, TEST_PIN)  # signs the admin in
        if store.user and store.user["name"] != user:
            users.logout(store)
        if user is not None and store.user is None:
            users.login(store, user, pin)
    except BaseException:
        store.close()
        raise
    return store


@pytest.fixture
def credentials(monkeypatch):
    """The test admin's credentials in the environment, for commands (in this process or started by it)."""
    from desktop.unlock import ENV_PASSPHRASE, ENV_PIN, ENV_USER

    for name, value in ((ENV_PASSPHRASE, TEST_PASSPHRASE), (ENV_USER, TEST_ADMIN), (ENV_PIN, TEST_PIN)):
        monkeypatch.setenv(name, value)


# --- The window ---------------------------------------------------------------------


class MessageBoxes(list):
    """What message boxes showed: (icon, title, text, text format, [button texts]) each."""

    def __init__(self):
        super().__init__()
        self.answers: list[str] = []  # button texts to press, in order; else Yes / OK / the first

    def texts(self) -> list[str]:
        return [shown[2] for shown in self]


@pytest.fixture
def message_boxes(monkeypatch):
    """Every QMessageBox the app execs (desktop/ui/plain.py, the About box) is recorded instead of
    shown, and answered: with the next of `message_boxes.answers`, else Yes, else OK, else its first button."""
    from PySide6.QtWidgets import QMessageBox

    shown = MessageBoxes()

    def exec_(box):
        buttons = box.buttons()
        shown.append((box.icon(), box.windowTitle(), box.text(), box.textFormat(), [b.text() for b in buttons]))
        wanted = shown.answers.pop(0) if shown.answers else None
        roles = [QMessageBox.YesRole, QMessageBox.AcceptRole]
        chosen = next((b for b in buttons if b.text() == wanted), None) if wanted else None
        chosen = chosen or next((b for role in roles for b in buttons if box.buttonRole(b) == role), None)
        (chosen or buttons[0]).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown



@pytest.fixture
def make_window(qtbot, tmp_path, qapp):
    """make(model, data_dir=..., language="en") -> a shown MainWindow on a fresh (encrypted) data
    folder, the test admin signed in; closed (grading finished, store closed) after the test."""
    from desktop.ui import i18n
    from desktop.ui.app import STYLE, build_window

    qapp.setStyleSheet(STYLE)
    windows = []

    def make(model, data_dir=tmp_path / "data", language="en"):
        window = build_window(open_test_store(data_dir), str(model), language)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    from shiboken6 import isValid

    from desktop.ui.main_window import MainWindow

    # with the windows a language change built in their place
    for window in windows + [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w not in windows]:
        if not isValid(window):
            continue
        if window.queue:
            window.queue.wait()
        window.sync_menu.wait()
        # Stop its timers: a window left open would otherwise lock itself on a closed store during a
        # later test (its idle check fires), and pytest-qt fails that test for the exception.
        window.idle_timer.stop()
        window.sync_menu.timer.stop()
        if not window.store.closed:
            window.store.close()
    i18n.install("en")  # the next test starts in English whatever this one spoke
