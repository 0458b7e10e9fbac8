"""From a checkout, the hub installs alone and serves the review pages to a grader (issues 19, 21 and 23).

`bash scripts/run-hub.sh` is what a hospital's IT person runs, and it runs here exactly so, its venv
(DR_SCREEN_HUB_VENV) built once per test session from the package mirror at the pinned versions
(constraints.txt) with ONLY the `hub` extra: neither SQLCipher nor Qt is installed there, so any
import of the laptop's code on these paths would fail. With that venv:

- the first run makes the hub folder (owner-only): the database, the export key, the Datasette
  secret in a file of its own, on no command line (ps shows Datasette's), and a starting
  datasette.json; an anonymous visit of /-/review is sent to the login;
- a laptop's USB export (made here by the app, from real photos) is enrolled and imported with
  `python -m hub enrol` and `python -m hub import`;
- the administrator adds a grader to datasette.json, as docs/review-loop.md says, and starts the
  hub again; the grader logs in, and the review queue lists the imported referred eye.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from conftest import open_test_store
from test_sync import LAPTOP, fake_result, free_port

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
GRADER, PASSWORD = "grader-a", "a grader's long passphrase"
FORBIDDEN = ("desktop", "sqlcipher3", "PySide6")


@pytest.fixture(scope="session")
def hub_venv(tmp_path_factory) -> Path:
    """A venv with dr-screen's `hub` extra and nothing else, built the way run-hub.sh builds .venv-hub."""
    venv = tmp_path_factory.mktemp("hub-venv") / "venv"
    done = subprocess.run(["bash", "-c", '. scripts/venv.sh && ensure_venv hub "$1"', "ensure_venv", str(venv)],
                          cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return venv


def in_hub_venv(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), "-P", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


class RunningHub:
    """`bash scripts/run-hub.sh --dir FOLDER --port PORT`, until the block ends."""

    def __init__(self, venv: Path, folder: Path):
        self.venv, self.folder, self.port = venv, folder, free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "RunningHub":
        self.log = open(self.folder.parent / "run-hub.log", "a")
        self.process = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "run-hub.sh"), "--dir", str(self.folder), "--port", str(self.port)],
            cwd=self.folder.parent, env={**os.environ, "DR_SCREEN_HUB_VENV": str(self.venv)},
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/-/versions.json", timeout=1)
                return self
            except httpx.TransportError:
                assert self.process.poll() is None, self.output()
                time.sleep(0.3)
        raise AssertionError("the hub did not start in 120 s:\n" + self.output())

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.folder.parent / "run-hub.log").read_text()


def laptop_export(data_dir: Path, hub_public_key: Path, raw_photos: list[Path], out: Path) -> tuple[str, Path]:
    """A laptop's USB export for this hub: one patient, a referred right eye and a left eye graded 0.
    Returns (the referred photo's id, the laptop's public key file)."""
    from desktop.sync_export import export_file, laptop_public_key, set_hub_export_key

    with open_test_store(data_dir) as store:
        set_hub_export_key(store, hub_public_key)
        camp = store.create_camp("Village A", "Asha", "2025-03-01")
        patient = store.add_patient(camp["id"], "P-1", "Patient One", 52, "female")
        photos = {}
        for eye, photo, grade in (("right", raw_photos[0], 3), ("left", raw_photos[1], 0)):
            photos[eye], _ = store.record_graded_photo(store.files.ingest(photo), photo.name, fake_result(grade, photo),
                                                       "tiny", "1", "t" * 64, patient_id=patient["id"], eye=eye)
        export_file(store, out)
        return photos["right"]["id"], laptop_public_key(store)


def add_grader(config_file: Path) -> None:
    """What the administrator does (docs/review-loop.md): the account's password hash and its permission."""
    from datasette_auth_passwords.utils import hash_password

    config = json.loads(config_file.read_text())
    config["permissions"]["dr-screen-review"]["id"].append(GRADER)
    config["plugins"]["datasette-auth-passwords"][f"{GRADER}_password_hash"] = hash_password(PASSWORD)
    config_file.write_text(json.dumps(config, indent=2))


def log_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    form = client.get("/-/login")
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
    answer = client.post("/-/login", data={"username": GRADER, "password": PASSWORD, "csrftoken": csrf})
    assert answer.status_code == 302 and "ds_actor" in client.cookies, answer.text[:500]
    return client


def test_the_hub_alone_sets_itself_up_imports_a_usb_export_and_serves_the_review_queue(hub_venv, tmp_path,
                                                                                        raw_photos):
    missing = in_hub_venv(hub_venv, "-c", "import importlib.util as u, sys; print([m for m in sys.argv[1:] "
                          "if u.find_spec(m)])", "sqlcipher3", "PySide6", cwd=tmp_path)
    assert missing.stdout.strip() == "[]", missing.stderr  # the hub extra installs neither
    modules = in_hub_venv(hub_venv, "-c", "import sys, hub.cli, hub.plugin, hub.serve, hub.usb_import; print(sorted("
                          f"m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))", cwd=tmp_path)
    assert modules.stdout.strip() == "[]", modules.stderr

    folder = tmp_path / "srv-dr-screen"
    with RunningHub(hub_venv, folder) as hub:
        anonymous = httpx.get(f"{hub.base}/-/review")
        assert anonymous.status_code == 302 and anonymous.headers["location"].endswith("/-/login")
        secret = (folder / "datasette-secret").read_text().strip()
        assert len(secret) == 64
        proc = Path(f"/proc/{hub.process.pid}")  # run-hub.sh and `python -m hub serve` exec into Datasette
        command_line = (proc / "cmdline").read_bytes().split(b"\0")
        assert b"datasette" in command_line and not any(secret.encode() in arg for arg in command_line)
        assert f"DATASETTE_SECRET={secret}".encode() in (proc / "environ").read_bytes().split(b"\0")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("datasette-secret", "datasette.json", "hub.db", "hub-export.key"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    assert "made the Datasette secret" in hub.output()

    referred, laptop_pub = laptop_export(tmp_path / "laptop", folder / "hub-export.pub", raw_photos,
                                         tmp_path / "camp.zip")
    hub_db = str(folder / "hub.db")
    enrolled = in_hub_venv(hub_venv, "-m", "hub", "enrol", LAPTOP, str(laptop_pub), "--hub-db", hub_db, cwd=tmp_path)
    assert enrolled.returncode == 0, enrolled.stderr
    imported = in_hub_venv(hub_venv, "-m", "hub", "import", str(tmp_path / "camp.zip"), "--hub-db", hub_db,
                           cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("1 camp session, 1 patient, 2 photos, 2 results, 0 photo corrections, ")
    assert imported.stdout.rstrip().endswith(f"2 photo files imported (new or newer) from laptop {LAPTOP}")

    add_grader(folder / "datasette.json")
    with RunningHub(hub_venv, folder) as hub:
        grader = log_in(hub.base)
        queue = grader.get("/-/review")
        assert queue.status_code == 200 and f"/-/review/eye/{referred}" in queue.text
        photo = grader.get(f"/-/review/photo/{referred}.jpg")
        assert photo.status_code == 200 and photo.content.startswith(b"\xff\xd8\xff")
        grader.close()
