"""desktop.sync against a real Datasette hub started here on 127.0.0.1, and the offline export/import.

The hub is set up as docs/hub.md says (`python -m hub setup`), so its version
guard is in place for both routes. The laptop's data folder is encrypted and the test
admin is signed in (conftest.open_test_store); commands read the same credentials from
the environment. The USB export is encrypted to the hub's key in tmp_path, which both
hub databases of a test (hub.db, hospital.db) share."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import sqlite_utils
from conftest import open_test_store, photo_sha256

from desktop.__main__ import main as desktop_main
from desktop.corrections import move_photo
from desktop.store import Store
from desktop.store.plain_migration import LAPTOP_KEY_SETTING
from desktop.sync import (HubClient, HubUnreachableError, SyncError, SyncSettings, TokenRefusedError, check_hub_url,
                          push, sync_now, sync_status)
from desktop.sync_export import set_hub_export_key
from fundus import sealed
from fundus.signing import load_private_pem
from fundus.wire import CLINICAL_TABLES, HUB_TABLES, LOCAL_ONLY_COLUMNS, PHOTO_FILES, SYNCED_TABLES
from hub import keys
from hub.cli import main as hub_main

pytestmark = pytest.mark.usefixtures("credentials")

SECRET = "test-hub-secret"
LAPTOP = "laptop-01"


def hub_config(laptops: list[str]) -> dict:
    """The permissions docs/hub.md prescribes: nobody reads anonymously, laptops only write."""
    writers = {"id": laptops}
    return {"allow": {"id": "root"},
            "databases": {"hub": {"permissions": {"insert-row": writers, "update-row": writers}}}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_secret(secret: str = SECRET) -> dict:
    """The environment that hands Datasette its secret (docs/hub.md: never on a command line, where ps shows it)."""
    return {**os.environ, "DATASETTE_SECRET": secret}


def create_token(actor: str, secret: str = SECRET) -> str:
    return subprocess.run(
        [sys.executable, "-m", "datasette", "create-token", actor, "-d", "hub", "insert-row", "-d", "hub", "update-row"],
        check=True, capture_output=True, text=True, env=with_secret(secret)).stdout.strip()


class Hub:
    """A Datasette serving hub.db, as the hospital runs it (docs/hub.md)."""

    launcher = (sys.executable, "-m", "datasette")  # tests/review_loop.py starts it with the review plugin

    def __init__(self, folder: Path):
        self.db_path = folder / "hub.db"
        self.config = folder / "datasette.json"
        self.config.write_text(json.dumps(hub_config([LAPTOP])))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hub"
        self.process: subprocess.Popen | None = None
        assert hub_main(["setup", "--hub-db", str(self.db_path), "--create"]) == 0
        self.published = folder / "published-models"  # what docs/model-updates.md serves as /dr-screen-models/
        self.published.mkdir()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [*self.launcher, "serve", str(self.db_path), "--host", "127.0.0.1",
             "--port", str(self.port), "-c", str(self.config), "--static", f"dr-screen-models:{self.published}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=with_secret())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/-/versions.json", timeout=1)
                return
            except httpx.TransportError:
                assert self.process.poll() is None, "datasette exited at start"
                time.sleep(0.2)
        raise AssertionError("datasette did not start in 30 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def rows(self, table: str) -> list[dict]:
        db = sqlite_utils.Database(self.db_path)
        try:
            return sorted(db[table].rows, key=lambda r: r.get("id") or r["sha256"]) if db[table].exists() else []
        finally:
            db.close()


@pytest.fixture
def hub(tmp_path):
    hub = Hub(tmp_path)
    hub.start()
    yield hub
    hub.kill()


@pytest.fixture
def token():
    return create_token(LAPTOP)


def fake_result(grade: int, of):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name=f"grade {grade}", score=grade + 0.1,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=12.0,
                           referable_probability=None, heads=None, sha256=photo_sha256(of))


@pytest.fixture
def store(tmp_path, raw_photos):
    """Two camps, five patients, four real photos with results: 15 records in all (and their audit
    events); exports are encrypted for the hub key in tmp_path."""
    public, _ = keys.make_key_pair(tmp_path)
    with open_test_store(tmp_path / "laptop") as s:
        set_hub_export_key(s, public)
        camps = [s.create_camp(site, "Asha", date) for site, date in [("Village A", "2025-03-01"),
                                                                       ("Village B", "2025-03-02")]]
        patients = [s.add_patient(camps[i % 2]["id"], f"P-{i}", f"Patient {i}", 40 + i, "female") for i in range(5)]
        for i, photo in enumerate(raw_photos[:4]):
            stored = s.files.ingest(photo)
            s.record_graded_photo(stored, photo.name, fake_result(i % 5, of=stored), "tiny", "1", "t" * 64,
                                  patient_id=patients[i // 2]["id"], eye=("right", "left")[i % 2])
        yield s


def configure(store: Store, hub_url: str, token: str) -> None:
    SyncSettings(hub_url=hub_url, token=token).save(store)


def fast_hub(settings: SyncSettings) -> HubClient:
    """The app's client with short backoff, so a dead hub fails in well under a second."""
    return HubClient(settings.hub_url, settings.token, attempts=3, backoff_s=0.05, timeout_s=5)


def local_rows(store: Store, table: str) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k not in LOCAL_ONLY_COLUMNS} for r in store.db[table].rows),
                  key=lambda r: r["id"])


def pending_counts(store: Store) -> dict[str, int]:
    """Unsynced clinical records (every action adds audit events too)."""
    return {t: n for t, n in sync_status(store).unsynced.items() if t in CLINICAL_TABLES}


def hub_snapshot(rows_of) -> dict[str, list[dict]]:
    return {t: rows_of(t) for t in HUB_TABLES}


def clinical_snapshot(rows_of) -> dict[str, list[dict]]:
    return {t: rows_of(t) for t in HUB_TABLES if t != "audit_log"}


# ---------------------------------------------------------------- push


def test_push_lands_every_record_once_and_resends_edits(store, hub, token, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    configure(store, hub.url, token)
    events = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] + 1  # + the sync itself
    assert sync_now(store, hub_factory=fast_hub, batch_size=3) == {
        "camp_sessions": 2, "patients": 5, "photos": 4, "results": 4, "photo_corrections": 0, "audit_log": events}
    for table in SYNCED_TABLES:
        assert hub.rows(table) == local_rows(store, table)
    assert pending_counts(store) == dict.fromkeys(CLINICAL_TABLES, 0)
    files = hub.rows(PHOTO_FILES)
    assert sorted(f["sha256"] for f in files) == sorted(p["sha256"] for p in store.db["photos"].rows)
    for f in files:
        assert f["jpeg"][:2] == b"\xff\xd8" and max(f["width"], f["height"]) <= 1024
    before = clinical_snapshot(hub.rows)
    for path in ("/patients.json", ".json"):  # the token writes; nobody reads patient data without logging in
        assert httpx.get(hub.url + path).status_code == 403
        assert httpx.get(hub.url + path, headers={"Authorization": f"Bearer {token}"}).status_code == 403

    assert sync_now(store, hub_factory=fast_hub) == {**dict.fromkeys(CLINICAL_TABLES, 0), "audit_log": 1}
    assert clinical_snapshot(hub.rows) == before  # nothing added, nothing duplicated (one more sync event)
    assert [r["action"] for r in hub.rows("audit_log")].count("sync") == 2

    patient = local_rows(store, "patients")[0]
    store.update_patient(patient["id"], name="Renamed Later")
    assert pending_counts(store)["patients"] == 1
    sync_now(store, hub_factory=fast_hub)
    on_hub = next(r for r in hub.rows("patients") if r["id"] == patient["id"])
    assert (on_hub["name"], on_hub["version"]) == ("Renamed Later", patient["version"] + 1)
    assert len(hub.rows("patients")) == 5
    status = sync_status(store)
    assert status.last_success and status.last_error is None and "all records synced" in status.summary()
    captured = capsys.readouterr()
    assert token not in captured.out + captured.err + caplog.text  # never in output or logs
    assert SyncSettings.load(store).token == token  # kept in the encrypted database, in no plain file:
    assert not [p for p in store.data_dir.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]


def test_corrections_and_new_columns_reach_a_hub_set_up_by_an_older_app(store, tmp_path, token, monkeypatch):
    """A hub set up by the app of schema 2 (no likelihood, no head outputs, no corrections):
    the push says to run the hub's set-up again, which adds them; then everything arrives."""
    from hub import database as hub_setup
    schema_2 = hub_setup.table_columns(2)
    monkeypatch.setattr(hub_setup, "table_columns", lambda: schema_2)
    (tmp_path / "older-hub").mkdir()
    older = Hub(tmp_path / "older-hub")
    monkeypatch.undo()
    older.start()
    try:
        configure(store, older.url, token)
        with pytest.raises(SyncError, match="set up for an older dr-screen.*hub setup"):
            sync_now(store, hub_factory=fast_hub)
        assert pending_counts(store)["results"] == 4  # refused, so not marked sent
        assert hub_main(["setup", "--hub-db", str(older.db_path)]) == 0
        sync_now(store, hub_factory=fast_hub)
        assert older.rows("results") == local_rows(store, "results")
        assert pending_counts(store) == dict.fromkeys(CLINICAL_TABLES, 0)
        photo = local_rows(store, "photos")[0]
        other = next(p for p in local_rows(store, "patients") if p["id"] != photo["patient_id"])
        move_photo(store, photo["id"], other["id"], "left", "photo of the next patient")
        synced = sync_now(store, hub_factory=fast_hub)
        assert synced == {"camp_sessions": 0, "patients": 0, "photos": 1, "results": 0, "photo_corrections": 1,
                          "audit_log": synced["audit_log"]} and synced["audit_log"] >= 2  # the correction, the sync
        (correction,) = older.rows("photo_corrections")
        assert (correction["reason"], correction["operator"], correction["to_patient_id"]) == (
            "photo of the next patient", "asha", other["id"])
        assert any(e["action"] == "correction" and e["target_id"] == correction["id"] for e in older.rows("audit_log"))
        on_hub = next(p for p in older.rows("photos") if p["id"] == photo["id"])
        assert (on_hub["patient_id"], on_hub["version"]) == (other["id"], 2)
    finally:
        older.kill()


def test_hub_killed_mid_push_loses_nothing_and_next_push_completes(store, hub, token):
    client = fast_hub(SyncSettings(hub.url, token))

    def kill_after_first_batch(table, rows):
        if table == "patients":
            hub.kill()

    with pytest.raises(HubUnreachableError, match="Could not reach the hub"):
        push(store, client, batch_size=2, on_batch=kill_after_first_batch)
    for table in SYNCED_TABLES:  # every row marked synced is on the hub at that version
        on_hub = {(r["id"], r["version"]) for r in hub.rows(table)}
        synced = {(r["id"], r["version"]) for r in store.db[table].rows_where("sync_state = 'synced'")}
        assert synced <= on_hub
    assert pending_counts(store) == {"camp_sessions": 0, "patients": 3, "photos": 4, "results": 4,
                                     "photo_corrections": 0}

    hub.start()
    push(store, client, batch_size=2)
    for table in SYNCED_TABLES:
        assert hub.rows(table) == local_rows(store, table)
    assert pending_counts(store) == dict.fromkeys(CLINICAL_TABLES, 0)
    client.close()


def test_wrong_token_is_refused_and_nothing_is_marked_synced(store, hub, caplog):
    caplog.set_level(logging.DEBUG)
    forged = create_token(LAPTOP, secret="not-the-hub-secret")
    unlisted = create_token("stolen-laptop")  # signed by the hub, but not an allowed actor
    for bad in (forged, unlisted):
        configure(store, hub.url, bad)
        with pytest.raises(TokenRefusedError, match="The hub refused the token") as refused:
            sync_now(store, hub_factory=fast_hub)
        assert bad not in str(refused.value) and bad not in caplog.text
        assert sync_status(store).last_error == str(refused.value)
    assert pending_counts(store) == {"camp_sessions": 2, "patients": 5, "photos": 4, "results": 4,
                                     "photo_corrections": 0}
    assert all(hub.rows(t) == [] for t in HUB_TABLES)


def test_unreachable_hub_and_unsafe_addresses_are_explained(store):
    configure(store, f"http://127.0.0.1:{free_port()}/hub", "dstok_whatever")
    with pytest.raises(HubUnreachableError, match=r"Could not reach the hub .* \(no connection\)"):
        sync_now(store, hub_factory=fast_hub)
    assert pending_counts(store)["camp_sessions"] == 2
    with pytest.raises(SyncError, match="must start with https://"):
        check_hub_url("http://hub.example.org/screening")
    with pytest.raises(SyncError, match="not valid"):
        check_hub_url("hub.example.org")
    assert check_hub_url("https://hub.example.org/screening/") == "https://hub.example.org/screening"


def test_retries_server_errors_with_backoff_then_gives_up(store, monkeypatch):
    requests, waits = [], []
    monkeypatch.setattr("desktop.sync.time.sleep", waits.append)

    def busy(request):
        requests.append(request)
        return httpx.Response(503, json={"ok": False, "errors": ["busy"]})

    client = HubClient("https://hub.example.org/hub", "dstok_x", attempts=3, backoff_s=0.5,
                       transport=httpx.MockTransport(busy))
    with pytest.raises(SyncError, match="HTTP 503: busy"):
        push(store, client)
    assert len(requests) == 3 and waits == [0.5, 1.0]  # bounded, doubling
    assert pending_counts(store)["camp_sessions"] == 2


# ---------------------------------------------------------------- offline route


def cli(*args: str) -> int:
    return desktop_main(["sync", *args])


def hub_import(*args: str) -> int:
    return hub_main(["import", *args])


def test_command_line_names_its_own_commands_and_counts_in_words(store, tmp_path, capsys):
    data_dir = str(store.data_dir)
    store.close()
    assert cli("push", "--data-dir", data_dir) == 1
    err = capsys.readouterr().err
    assert "No hub address is set" in err and "sync configure --hub URL" in err and "Sync settings" not in err
    assert cli("status", "--data-dir", data_dir) == 0
    assert re.match(r"not synced: 2 camp sessions, 5 patients, 4 photos, 4 results, \d+ audit events ·",
                    capsys.readouterr().out)
    with open_test_store(data_dir) as reopened:
        camp = reopened.camps()[0]
        reopened.mark_synced("camp_sessions", [(c["id"], c["version"]) for c in reopened.camps() if c != camp])
    assert cli("status", "--data-dir", data_dir) == 0
    assert capsys.readouterr().out.startswith("not synced: 1 camp session, 5 patients")


def enrol_laptop(store_dir: Path, hub_db: Path) -> None:
    """What the hospital does once per laptop: enrol its public key beside the hub database."""
    assert cli("key", "--data-dir", str(store_dir)) == 0
    assert hub_main(["enrol", LAPTOP, str(store_dir / "laptop.pub"), "--hub-db", str(hub_db)]) == 0


@pytest.fixture
def exported(store, tmp_path):
    """(export file, hospital.db path (not yet created), data dir): the laptop exported, the hub enrolled it."""
    data_dir, export, hospital = store.data_dir, tmp_path / "camp.zip", tmp_path / "hospital.db"
    store.close()  # the CLI opens the data itself (one instance at a time)
    assert cli("export", "--out", str(export), "--data-dir", str(data_dir)) == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    enrol_laptop(data_dir, hospital)
    return export, hospital, data_dir


def test_export_import_matches_push_and_is_idempotent(store, hub, token, tmp_path, capsys):
    data_dir, export, hospital = str(store.data_dir), tmp_path / "camp.zip", tmp_path / "hospital.db"
    configure(store, hub.url, token)
    store.close()  # the CLI opens the data itself (one instance at a time)
    assert cli("export", "--out", str(export), "--data-dir", data_dir) == 0
    enrol_laptop(Path(data_dir), hospital)  # hospital.db and hub.db share tmp_path, so their laptop keys
    assert hub_import(str(export), "--hub-db", str(hospital), "--create") == 0
    # what was imported, not what the hub's triggers added (photo_sources: one per photo)
    assert "2 camp sessions, 5 patients, 4 photos, 4 results, 0 photo corrections" in capsys.readouterr().out
    assert stat.S_IMODE(hospital.stat().st_mode) == 0o600
    with open_test_store(data_dir) as reopened:
        assert pending_counts(reopened)["patients"] == 5  # an export is no proof the hub has it
    assert cli("push", "--data-dir", data_dir) == 0

    imported = sqlite_utils.Database(hospital)
    rows_of = lambda t: sorted(imported[t].rows, key=lambda r: r.get("id") or r["sha256"])  # noqa: E731
    assert clinical_snapshot(rows_of) == clinical_snapshot(hub.rows)
    assert {r["id"] for r in rows_of("audit_log")} < {r["id"] for r in hub.rows("audit_log")}  # + the push's
    assert all(imported[t].columns_dict == sqlite_utils.Database(hub.db_path)[t].columns_dict for t in HUB_TABLES)
    before = hub_snapshot(rows_of)
    assert cli("import", str(export), "--hub-db", str(hospital)) == 0  # the old spelling, kept for one release
    again = capsys.readouterr()
    assert "0 patients" in again.out and hub_snapshot(rows_of) == before
    assert again.err == ("warning: `python -m desktop sync import` is now `python -m hub import` (on the hub "
                         "server); the old spelling goes in the next release\n")

    with open_test_store(data_dir) as reopened:  # an old stick imported after a newer push changes nothing
        patient = local_rows(reopened, "patients")[0]
        reopened.update_patient(patient["id"], name="Newer Name")
    assert cli("push", "--data-dir", data_dir) == 0
    assert hub_import(str(export), "--hub-db", str(hub.db_path)) == 0
    assert next(r for r in hub.rows("patients") if r["id"] == patient["id"])["name"] == "Newer Name"


def hub_state(path: Path) -> dict:
    if not path.exists():
        return {}
    db = sqlite_utils.Database(path)
    try:
        return {t: sorted(map(str, db[t].rows)) for t in db.table_names()}
    finally:
        db.close()


def refused(export: Path, hospital: Path, capsys, why: str, *extra: str) -> None:
    """The import refuses with the one clear message, exit 2, no traceback, and the hub is unchanged."""
    before = hub_state(hospital)
    assert hub_import(str(export), "--hub-db", str(hospital), *extra) == 2
    err = capsys.readouterr().err
    assert "cannot be imported: " in err and why in err and "Nothing was imported." in err, err
    assert "Traceback" not in err
    assert hub_state(hospital) == before


def opened(export: Path) -> io.BytesIO:
    """The zip inside an export, decrypted with the hub's key (in the export's folder, tmp_path)."""
    plain = io.BytesIO()
    sealed.unseal_file(export, plain, keys.load_hub_key(export.parent / keys.PRIVATE_NAME), 2**31)
    plain.seek(0)
    return plain


def reseal(plain_zip: bytes, out: Path, hub_dir: Path) -> Path:
    """Encrypt a zip for the hub whose key is in `hub_dir`, as anyone with its public key can."""
    public = sealed.parse_public((hub_dir / keys.PUBLIC_NAME).read_text())
    with open(out, "wb") as f, sealed.SealingWriter(f, public) as writer:
        writer.write(plain_zip)
    return out


def laptop_signing_key(data_dir: Path):
    with open_test_store(data_dir) as store:
        return load_private_pem(store.setting(LAPTOP_KEY_SETTING).encode(), "laptop key")


def rebuild(export: Path, out: Path, changes: dict, sign_with, manifest_change=None) -> Path:
    """`export` with members replaced (bytes) or removed (None), checksums recomputed as a forger
    would, then signed with the private key `sign_with` (None: keep the old signature), and
    encrypted again for the hub."""
    from fundus.signing import sign
    with zipfile.ZipFile(opened(export)) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    manifest = json.loads(members["manifest.json"])
    for name, data in changes.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
            manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
    if manifest_change:
        manifest_change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    if sign_with:
        members["manifest.sig"] = sign(sign_with, members["manifest.json"])
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as dst:
        for name, data in members.items():
            dst.writestr(name, data)
    return reseal(plain.getvalue(), out, export.parent)


def records(export: Path, table: str) -> list[dict]:
    with zipfile.ZipFile(opened(export)) as zf:
        return json.loads(zf.read(f"records/{table}.json"))


def test_damaged_export_is_refused(exported, tmp_path, capsys):
    export, hospital, _ = exported
    data = bytearray(export.read_bytes())
    data[len(data) // 2] ^= 0xFF  # a bad sector on the stick
    broken = tmp_path / "broken.zip"
    broken.write_bytes(data)
    refused(broken, hospital, capsys, "broken.zip cannot be imported", "--create")
    assert not hospital.exists()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(export.read_bytes()[: len(data) // 3])
    refused(truncated, hospital, capsys, "it does not decrypt", "--create")
    assert hub_import(str(tmp_path / "missing.zip"), "--hub-db", str(hospital), "--create") == 1


def test_forged_export_is_refused(exported, tmp_path, capsys):
    """Issue 13: a result flipped from Moderate (referable) to No DR at version 99, checksums
    recomputed. Unsigned, signed by another key, or with the laptop's old signature: refused."""
    from fundus.signing import generate_key_pair, load_private_key
    export, hospital, data_dir = exported
    results = records(export, "results")
    target = next(r for r in results if r["grade"] == 2)
    target.update(grade=0, grade_name="No DR", referable=0, version=99)
    forged = {"records/results.json": json.dumps(results).encode()}
    generate_key_pair(tmp_path / "forger.key")
    assert hub_import(str(export), "--hub-db", str(hospital), "--create") == 0  # the real one is fine
    capsys.readouterr()
    for name, sign_with, why in [("unsigned.zip", None, "manifest.sig is missing"),
                                 ("old-signature.zip", None, "signature is not valid"),
                                 ("forger.zip", load_private_key(tmp_path / "forger.key"), "not enrolled at this hub")]:
        changes = {**forged, "manifest.sig": None} if name == "unsigned.zip" else forged
        refused(rebuild(export, tmp_path / name, changes, sign_with), hospital, capsys, why)
    on_hub = next(r for r in sqlite_utils.Database(hospital)["results"].rows if r["id"] == target["id"])
    assert (on_hub["grade"], on_hub["referable"], on_hub["version"]) == (2, 1, 1)


@pytest.mark.parametrize("change, why", [
    (lambda e: {"records/patients.json": b"{not json"}, "records/patients.json is not valid JSON"),
    (lambda e: {"records/results.json": None}, "parts are not the ones its manifest lists"),
    (lambda e: {"records/patients.json": json.dumps([{**r, "age": "forty"} for r in records(e, "patients")]).encode()},
     "has a str in its integer column age"),
    (lambda e: {"records/patients.json": json.dumps([{**r, "extra": 1} for r in records(e, "patients")]).encode()},
     "unknown columns ['extra']"),
    (lambda e: {"records/patients.json": json.dumps([{k: v for k, v in r.items() if k != "name"}
                                                     for r in records(e, "patients")]).encode()},
     "has no ['name']"),
    (lambda e: {"records/patients.json": json.dumps(records(e, "patients")[:1] * 2).encode()},
     "holds 2 records, its manifest says 5"),
    (lambda e: {"records/camp_sessions.json": json.dumps(records(e, "camp_sessions")[:1] * 2).encode()},
     "holds the same id more than once"),
    (lambda e: {f"photos/{records(e, 'photo_files')[0]['sha256']}.jpg": b"\x89PNG\r\n\x1a\n not a jpeg"},
     "is not a JPEG photo"),
    (lambda e: {"evil.sh": b"rm -rf /"}, "a part 'evil.sh' that no export has"),
])
def test_malformed_content_signed_by_the_laptop_is_refused(exported, tmp_path, capsys, change, why):
    """Even correctly signed and checksummed (a laptop's bug), bad content never reaches the hub."""
    export, hospital, data_dir = exported
    bad = rebuild(export, tmp_path / "bad.zip", change(export), laptop_signing_key(data_dir),
                  manifest_change=lambda m: m["sha256"].pop("evil.sh", None))
    refused(bad, hospital, capsys, why, "--create")


def test_import_is_all_or_nothing_and_never_creates_a_hub_by_accident(exported, tmp_path, capsys, monkeypatch):
    from hub import usb_import
    export, hospital, _ = exported
    assert hub_import(str(export), "--hub-db", str(tmp_path / "hopsital.db")) == 1  # a typo
    assert "There is no hub database" in capsys.readouterr().err
    assert not (tmp_path / "hopsital.db").exists()

    real_upsert, calls = usb_import._upsert, []

    def fail_half_way(conn, table, row):
        calls.append(table)
        if len(calls) == 8:  # camps and patients written, then the disk fails
            raise sqlite3.OperationalError("disk I/O error")
        return real_upsert(conn, table, row)

    monkeypatch.setattr(usb_import, "_upsert", fail_half_way)
    assert hub_import(str(export), "--hub-db", str(hospital), "--create") == 1
    assert "Nothing was imported" in capsys.readouterr().err
    assert all(rows == [] for rows in hub_state(hospital).values())  # not even the first 7 rows


def test_zip_bomb_is_refused_before_reading_under_a_memory_limit(exported, tmp_path):
    """2 GB of zeros (9 MB zipped) as a photo, listed and checksummed in the manifest: the
    import refuses it from the zip's directory, in a process that could not hold it in memory."""
    export, hospital, data_dir = exported
    bomb, plain = tmp_path / "bomb.zip", tmp_path / "bomb-plain.zip"
    plain.write_bytes(opened(rebuild(export, bomb, {}, laptop_signing_key(data_dir))).getvalue())
    zeros_sha = hashlib.sha256()
    block = bytes(1 << 20)
    with zipfile.ZipFile(plain, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("photos/" + "0" * 64 + ".jpg", "w", force_zip64=True) as member:
            for _ in range(2048):
                member.write(block)
                zeros_sha.update(block)
    reseal(plain.read_bytes(), bomb, tmp_path)
    assert bomb.stat().st_size < 20 * 2**20
    limit = 1536 * 2**20  # the import's own ~0.5 GB plus 1 GB: far less than the 2 GB member
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
            "from hub.cli import main; sys.exit(main(sys.argv[1:]))" % (limit, limit))
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code, "import", str(bomb), "--hub-db", str(hospital),
                           "--create"], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 2, done.stderr
    assert "is too large (2147483648 bytes unpacked" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - start < 30 and not hospital.exists()


def test_hub_keeps_the_newer_version_against_an_older_push(store, hub, token):
    """Issue 13: the hub holds a patient at version 7; a laptop (an old backup restored) pushes
    it at a lower version. The hub's guard keeps version 7, for the push as for the import."""
    configure(store, hub.url, token)
    sync_now(store, hub_factory=fast_hub)
    patient = local_rows(store, "patients")[0]
    db = sqlite_utils.Database(hub.db_path)
    db.execute("UPDATE patients SET version = 7, name = 'Hub is newer' WHERE id = ?", [patient["id"]])
    db.conn.commit()
    db.close()
    store.update_patient(patient["id"], name="Older laptop copy")  # version 2 < 7
    sync_now(store, hub_factory=fast_hub)
    on_hub = next(r for r in hub.rows("patients") if r["id"] == patient["id"])
    assert (on_hub["version"], on_hub["name"]) == (7, "Hub is newer")
    assert len(hub.rows("patients")) == 5


@pytest.mark.parametrize("answer, problem", [
    (httpx.Response(200, html="<html><body>Down for maintenance</body></html>"), "text/html"),
    (httpx.Response(200, json={"ok": False, "errors": ["nope"]}), 'did not say {"ok": true}'),
    (httpx.Response(200, content=b'{"ok": tr', headers={"content-type": "application/json"}), "not valid JSON"),
    (httpx.Response(201, json={"ok": True}), "HTTP 201 instead of 200"),
    (httpx.Response(200, json={"ok": True, "rows": [{"id": "x"}]}), "confirmed 1 of 2 rows"),
])
def test_an_answer_that_is_not_the_hubs_confirmation_marks_nothing(store, answer, problem):
    """Issue 13: a proxy or maintenance page answering 200 with HTML made the app report
    "all records synced" though nothing arrived."""
    client = HubClient("https://hub.example.org/hub", "dstok_x", attempts=1,
                       transport=httpx.MockTransport(lambda request: answer))
    with pytest.raises(SyncError, match="was not the hub's confirmation .*" + re.escape(problem)):
        push(store, client, batch_size=2)
    assert pending_counts(store) == {"camp_sessions": 2, "patients": 5, "photos": 4, "results": 4,
                                     "photo_corrections": 0}


@pytest.mark.parametrize("answer, said", [
    (httpx.Response(400, json=["invalid", "columns"]), "Bad Request"),
    (httpx.Response(401, json={"ok": False, "errors": [1]}), "1"),
    (httpx.Response(500, json="internal error"), "Internal Server Error"),
    (httpx.Response(502, json={"errors": "not a list"}), "Bad Gateway"),
])
def test_an_odd_error_answer_is_a_clear_error_not_a_traceback(store, answer, said):
    """Issue 21: a hub answering an error with a JSON list, a list of numbers or a string made
    `sync push` end in a Python traceback (AttributeError, TypeError)."""
    client = HubClient("https://hub.example.org/hub", "dstok_x", attempts=1, backoff_s=0,
                       transport=httpx.MockTransport(lambda request: answer))
    with pytest.raises(SyncError) as raised:
        push(store, client, batch_size=2)
    assert said in str(raised.value)
    assert pending_counts(store)["patients"] == 5


def test_corrupt_settings_are_explained(store, qtbot):
    from PySide6.QtWidgets import QMainWindow

    from desktop.sync import SETTINGS_KEY
    from desktop.ui.sync_menu import SyncMenu
    with store.db.atomic():
        store.set_setting(SETTINGS_KEY, '{"hub_url": "https://hub.example.org/hub", "tok')
    with pytest.raises(SyncError, match="sync settings are damaged or unreadable .*Enter the hub address and token"):
        sync_status(store)
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = SyncMenu(window, store)  # the window still opens, and says what to do
    assert menu.label.text() == "sync settings damaged: enter them again in Sync settings"
    SyncSettings(hub_url="https://hub.example.org/hub", token="dstok_x").save(store)
    assert sync_status(store).last_error is None  # saving again repairs it


def test_export_to_an_unwritable_place_is_explained(store, tmp_path, capsys):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    data_dir = store.data_dir
    store.close()
    assert cli("export", "--out", str(not_a_folder / "camp.zip"), "--data-dir", str(data_dir)) == 1
    err = capsys.readouterr().err
    assert "The export cannot be written to" in err and "nothing was written" in err and "Traceback" not in err
    assert not (data_dir / "partial-files.json").exists()


def test_export_killed_mid_write_leaves_no_partial_file_after_the_next_start(store, tmp_path, raw_photos):
    """kill -9 during `sync export` left a hidden .part zip of patient data in the output folder."""
    for photo in raw_photos[4:12]:  # more photos: a slower export to kill
        store.record_graded_photo(store.files.ingest(photo), photo.name, fake_result(1, photo), "tiny", "1", "t" * 64)
    data_dir, out = store.data_dir, tmp_path / "stick"
    out.mkdir()
    store.close()
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "sync", "export", "--out", str(out / "camp.zip"),
                             "--data-dir", str(data_dir)], cwd=Path(__file__).resolve().parents[1])
    part = out / ".camp.zip.part"
    deadline = time.monotonic() + 60
    while not part.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    assert part.exists(), "the export finished before it could be killed"
    with open_test_store(data_dir):  # the next start of dr-screen on this data folder
        assert list(out.iterdir()) == []
    assert cli("export", "--out", str(out / "camp.zip"), "--data-dir", str(data_dir)) == 0
    assert [p.name for p in out.iterdir()] == ["camp.zip"]


def test_a_model_the_hub_publishes_comes_down_verified_on_sync(store, hub, token, tiny_bundle, tmp_path,
                                                               capsys, caplog):
    from desktop.model_download import downloaded_dir
    from desktop.models import load_active
    from fundus.bundle import signature_path
    configure(store, hub.url, token)
    data_dir = store.data_dir
    store.close()
    assert cli("push", "--data-dir", str(data_dir)) == 0  # nothing published: nothing downloaded
    assert not downloaded_dir(data_dir).exists()

    for file in (tiny_bundle, signature_path(tiny_bundle), tiny_bundle.with_suffix(".tflite")):
        shutil.copy(file, hub.published / file.name)
    (hub.published / "default.json").write_text(json.dumps({"bundle": tiny_bundle.name}))
    assert cli("push", "--data-dir", str(data_dir)) == 0
    assert f"model update tiny {json.loads(tiny_bundle.read_text())['version']} from the hub is ready" in \
        capsys.readouterr().out
    assert load_active(data_dir).name != "tiny"  # downloaded, not used until a person installs it
    assert cli("push", "--data-dir", str(data_dir)) == 0  # already here: not fetched again
    assert desktop_main(["model", "install", str(downloaded_dir(data_dir)), "--yes", "--data-dir", str(data_dir)]) == 0
    assert load_active(data_dir).name == "tiny"

    shutil.rmtree(downloaded_dir(data_dir))
    manifest = json.loads(tiny_bundle.read_text())
    manifest["combiner"]["cut_points"] = [10, 20, 30, 40]  # forged on the hub; the signature is the old one
    (hub.published / tiny_bundle.name).write_text(json.dumps(manifest))
    caplog.set_level(logging.WARNING)
    assert cli("push", "--data-dir", str(data_dir)) == 0  # the records still went
    assert "no model update from the hub" in caplog.text and "signature does not match" in caplog.text
    assert not downloaded_dir(data_dir).exists()


# ---------------------------------------------------------------- the window's Sync menu


def test_sync_menu_settings_status_and_errors(store, hub, token, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMainWindow

    from desktop.ui import i18n, sync_menu

    i18n.install("en")
    monkeypatch.setattr("desktop.sync._default_hub", fast_hub)
    shown = []
    for kind in ("warn", "inform"):
        monkeypatch.setattr(sync_menu.plain, kind, lambda parent, title, text: shown.append((title, text)))
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = sync_menu.SyncMenu(window, store)
    events = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert menu.label.text() == f"not synced: {15 + events} records · never synced"  # short: the status bar
    assert menu.label.toolTip() == (f"<qt>not synced: 2 camp sessions, 5 patients, 4 photos, 4 results, "
                                    f"{events} audit events</qt>")  # escaped: the hub's errors show as sent

    def sync_and_wait():
        menu.sync_action.trigger()
        assert menu.busy() and not menu.sync_action.isEnabled()  # on its own thread: the window goes on
        qtbot.waitUntil(lambda: not menu.busy() and menu.sync_action.isEnabled(), timeout=30_000)

    configure(store, hub.url, create_token(LAPTOP, secret="not-the-hub-secret"))
    sync_and_wait()
    assert shown[-1][0] == "Sync did not finish" and "The hub refused the token" in shown[-1][1]
    assert "Sync settings (Sync menu)" in shown[-1][1]  # the window names its own menu
    assert menu.label.text().endswith("last try failed")
    assert "<br>The hub refused the token" in menu.label.toolTip()

    def enter_settings():
        dialog = QApplication.activeModalWidget()
        url, token_edit = dialog.findChildren(QLineEdit)
        url.setText(hub.url + "/")
        token_edit.setText(token)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()

    QTimer.singleShot(0, enter_settings)
    menu.settings_action.trigger()
    assert SyncSettings.load(store).token == token
    sync_and_wait()
    title, text = shown[-1]
    assert title == "Sync finished" and re.fullmatch(r"(\d+) records sent and confirmed by the hub\.", text)
    sent_events = int(text.split()[0]) - 15  # the 15 clinical records, and every audit event so far
    assert sent_events == store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert menu.label.text().startswith("all records synced · last sync ")


def test_sync_runs_off_the_window_thread_and_cancel_stops_it(store, qtbot, monkeypatch):
    """A hub that does not answer: the window keeps working, and Cancel ends the wait at once."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    from desktop.ui import sync_menu

    dead = f"http://127.0.0.1:{free_port()}/hub"  # nothing listens: every try fails, then a long backoff
    monkeypatch.setattr("desktop.sync._default_hub",
                        lambda settings: HubClient(settings.hub_url, settings.token, attempts=4, backoff_s=20))
    shown = []
    monkeypatch.setattr(sync_menu.plain, "warn", lambda parent, title, text: shown.append((title, text)))
    configure(store, dead, "some-token")
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = sync_menu.SyncMenu(window, store)
    ticks = []
    timer = QTimer(interval=20, timeout=lambda: ticks.append(threading.get_ident()))
    timer.start()
    worker = menu.sync_now()
    qtbot.wait(400)  # the worker is now sleeping in its backoff
    assert menu.busy() and len(ticks) >= 5  # the window's thread kept running its events
    started = time.monotonic()
    menu.progress.canceled.emit()  # the progress dialog's Cancel button
    qtbot.waitUntil(lambda: not menu.busy(), timeout=5_000)
    assert time.monotonic() - started < 2  # not the 20 s backoff
    timer.stop()
    assert shown == [("Sync stopped", shown[0][1])] and "Sync stopped" in shown[0][1]
    assert worker.confirmed == 0 and sum(pending_counts(store).values()) == 15  # nothing lost
    assert SyncSettings.load(store).last_error is None  # a cancel is not a hub failure


# ---------------------------------------------------------------- issue 15: erasure, audit, encryption at the hub


def test_a_deleted_patient_is_erased_at_the_hub_and_an_old_stick_cannot_bring_it_back(store, hub, token, tmp_path):
    from desktop.retention import delete_patient
    from desktop.sync_export import export_file
    configure(store, hub.url, token)
    export_file(store, tmp_path / "old-stick.zip")  # a stick made before the deletion
    sync_now(store, hub_factory=fast_hub)
    patient = next(p for p in local_rows(store, "patients") if store.photos(p["id"]))
    photos = store.photos(patient["id"])
    assert {p["sha256"] for p in photos} <= {f["sha256"] for f in hub.rows(PHOTO_FILES)}

    delete_patient(store, patient["id"])
    sync_now(store, hub_factory=fast_hub)
    on_hub = next(r for r in hub.rows("patients") if r["id"] == patient["id"])
    assert on_hub["deleted_at"] and on_hub["version"] == patient["version"] + 1
    assert all(on_hub[f] is None for f in ("patient_code", "name", "age", "sex", "phone", "notes"))
    erased = {p["sha256"] for p in photos}
    assert not erased & {f["sha256"] for f in hub.rows(PHOTO_FILES)}  # the JPEGs are gone from the hub
    assert all(r["deleted_at"] and r["original_name"] is None for r in hub.rows("photos") if r["sha256"] in erased)
    assert len(hub.rows(PHOTO_FILES)) == 4 - len(photos)  # the others stay
    from hub import reviews as review_db
    conn = sqlite3.connect(hub.db_path)
    try:  # the graders' queue (every eye, at a share of 1) no longer offers the erased eyes
        queued = {e.photo_id for e in review_db.queue(conn, 1.0)}
    finally:
        conn.close()
    assert queued and not queued & {p["id"] for p in photos}

    data_dir = store.data_dir
    store.close()
    enrol_laptop(data_dir, hub.db_path)
    assert hub_import(str(tmp_path / "old-stick.zip"), "--hub-db", str(hub.db_path)) == 0
    on_hub = next(r for r in hub.rows("patients") if r["id"] == patient["id"])
    assert on_hub["name"] is None and not erased & {f["sha256"] for f in hub.rows(PHOTO_FILES)}


def test_the_audit_trail_reaches_the_hub_which_keeps_the_first_copy_and_verifies_it(store, hub, token, capsys):
    configure(store, hub.url, token)
    sync_now(store, hub_factory=fast_hub)
    local = local_rows(store, "audit_log")
    assert hub.rows("audit_log") == local and {r["action"] for r in local} >= {"setup", "camp_add", "grade", "sync"}
    assert desktop_main(["hub", "audit", "--hub-db", str(hub.db_path)]) == 0  # the old spelling, for one release
    said = capsys.readouterr()
    assert f"audit log intact (device {store.keys.device_id}): {len(local)} events" in said.out
    assert said.err.startswith("warning: `python -m desktop hub` is now `python -m hub audit` (on the hub server)")

    # A laptop (or anyone with its token) sends a rewritten event at a higher version: the hub keeps the first.
    first = dict(local[0])
    client = fast_hub(SyncSettings(hub.url, token))
    client.upsert("audit_log", [{**first, "user": "someone else", "version": 2}])
    client.close()
    assert next(r for r in hub.rows("audit_log") if r["id"] == first["id"])["user"] == first["user"]
    db = sqlite_utils.Database(hub.db_path)  # by hand on the server, around the guard: the chain shows it
    db.execute("DROP TRIGGER audit_log_write_once")
    db.execute("UPDATE audit_log SET user = 'someone else' WHERE id = ?", [first["id"]])
    db.conn.commit()
    db.close()
    assert hub_main(["audit", "--hub-db", str(hub.db_path)]) == 1
    assert f"BROKEN (device {store.keys.device_id}) at event {first['seq']}" in capsys.readouterr().out


def test_an_encrypted_export_imports_at_its_hub_and_nowhere_else(exported, tmp_path, capsys):
    export, hospital, data_dir = exported
    data = export.read_bytes()
    for plain in (b"manifest.json", b"records/patients.json", b"Patient 1", b"Village A", b"\xff\xd8\xff\xe0"):
        assert plain not in data  # not even the names of the parts
    other = tmp_path / "other-hub"
    other.mkdir()
    keys.make_key_pair(other)
    refused(export, hospital, capsys, "it is encrypted for another hub", "--create", "--hub-key",
            str(other / keys.PRIVATE_NAME))
    # The signed zip, taken out and encrypted for another hub (which enrolled the laptop too): refused there.
    resealed = reseal(opened(export).getvalue(), tmp_path / "resealed.zip", other)
    refused(resealed, hospital, capsys, "it was signed for another hub", "--create", "--hub-key",
            str(other / keys.PRIVATE_NAME))
    plain = tmp_path / "plain.zip"  # an export of an older release (or a decrypted one): refused
    plain.write_bytes(opened(export).getvalue())
    refused(plain, hospital, capsys, "it is not an encrypted dr-screen export", "--create")
    assert hub_import(str(export), "--hub-db", str(hospital), "--create") == 0  # at its own hub: imported
    assert "5 patients" in capsys.readouterr().out
    assert not list(tmp_path.glob(".import-*"))  # the decrypted temporary file is gone
