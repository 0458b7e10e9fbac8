"""desktop.sync against a real Datasette hub started here on 127.0.0.1, and the offline export/import."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import sqlite_utils

from desktop.__main__ import main as desktop_main
from desktop.corrections import move_photo
from desktop.store import SYNCED_TABLES, Store
from desktop.sync import (PHOTO_FILES, HubClient, HubUnreachableError, SyncError, SyncSettings, TokenRefusedError,
                          check_hub_url, hub_columns, push, reduced_jpeg, sync_now, sync_status)
from desktop.sync_export import read_export

SECRET = "test-hub-secret"
LAPTOP = "laptop-01"
HUB_TABLES = (*SYNCED_TABLES, PHOTO_FILES)


def hub_config(laptops: list[str]) -> dict:
    """The permissions docs/hub.md prescribes: nobody reads anonymously, laptops only write."""
    writers = {"id": laptops}
    return {"allow": {"id": "root"},
            "databases": {"hub": {"permissions": {"create-table": writers, "alter-table": writers,
                                                  "insert-row": writers, "update-row": writers}}}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def create_token(actor: str, secret: str = SECRET) -> str:
    return subprocess.run(
        [sys.executable, "-m", "datasette", "create-token", actor, "--secret", secret,
         "-d", "hub", "create-table", "-d", "hub", "alter-table", "-d", "hub", "insert-row", "-d", "hub",
         "update-row"],
        check=True, capture_output=True, text=True).stdout.strip()


class Hub:
    """A Datasette serving hub.db, as the hospital runs it (docs/hub.md)."""

    def __init__(self, folder: Path):
        self.db_path = folder / "hub.db"
        self.config = folder / "datasette.json"
        self.config.write_text(json.dumps(hub_config([LAPTOP])))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hub"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(self.db_path), "--create", "--host", "127.0.0.1",
             "--port", str(self.port), "--secret", SECRET, "-c", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def fake_result(grade: int):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name=f"grade {grade}", score=grade + 0.1,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=12.0,
                           referable_probability=None, heads=None)


@pytest.fixture
def store(tmp_path, raw_photos):
    """Two camps, five patients, four real photos with results: 15 records in all."""
    with Store(tmp_path / "laptop") as s:
        camps = [s.create_camp(site, "Asha", date) for site, date in [("Village A", "2025-03-01"),
                                                                       ("Village B", "2025-03-02")]]
        patients = [s.add_patient(camps[i % 2]["id"], f"P-{i}", f"Patient {i}", 40 + i, "female") for i in range(5)]
        for i, photo in enumerate(raw_photos[:4]):
            stored = s.files.ingest(photo)
            s.record_graded_photo(stored, photo.name, fake_result(i % 5), "tiny", "1",
                                  patient_id=patients[i // 2]["id"], eye=("right", "left")[i % 2])
        yield s


def configure(store: Store, hub_url: str, token: str) -> None:
    SyncSettings(hub_url=hub_url, token=token).save(store.data_dir)


def fast_hub(settings: SyncSettings) -> HubClient:
    """The app's client with short backoff, so a dead hub fails in well under a second."""
    return HubClient(settings.hub_url, settings.token, attempts=3, backoff_s=0.05, timeout_s=5)


def local_rows(store: Store, table: str) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k != "sync_state"} for r in store.db[table].rows),
                  key=lambda r: r["id"])


def pending_counts(store: Store) -> dict[str, int]:
    return sync_status(store).unsynced


def hub_snapshot(rows_of) -> dict[str, list[dict]]:
    return {t: rows_of(t) for t in HUB_TABLES}


# ---------------------------------------------------------------- push


def test_push_lands_every_record_once_and_resends_edits(store, hub, token, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    configure(store, hub.url, token)
    assert sync_now(store, hub_factory=fast_hub, batch_size=3) == {
        "camp_sessions": 2, "patients": 5, "photos": 4, "results": 4, "photo_corrections": 0}
    for table in SYNCED_TABLES:
        assert hub.rows(table) == local_rows(store, table)
    assert pending_counts(store) == dict.fromkeys(SYNCED_TABLES, 0)
    files = hub.rows(PHOTO_FILES)
    assert sorted(f["sha256"] for f in files) == sorted(p["sha256"] for p in store.db["photos"].rows)
    for f in files:
        assert f["jpeg"][:2] == b"\xff\xd8" and max(f["width"], f["height"]) <= 1024
    before = hub_snapshot(hub.rows)
    for path in ("/patients.json", ".json"):  # the token writes; nobody reads patient data without logging in
        assert httpx.get(hub.url + path).status_code == 403
        assert httpx.get(hub.url + path, headers={"Authorization": f"Bearer {token}"}).status_code == 403

    assert sync_now(store, hub_factory=fast_hub) == dict.fromkeys(SYNCED_TABLES, 0)
    assert hub_snapshot(hub.rows) == before  # nothing added, nothing duplicated

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
    seen = captured.out + captured.err + caplog.text + (store.data_dir / "sync.json").read_text()
    assert seen.count(token) == 1  # only in sync.json, never in output or logs


def test_corrections_and_new_columns_reach_a_hub_made_by_an_older_app(store, hub, token):
    # The hub's results table as an app of schema 1 created it: no likelihood, no head outputs.
    old_columns = {k: v for k, v in hub_columns(store)["results"].items() if k not in ("referable_probability",
                                                                                       "heads")}
    hub_db = sqlite_utils.Database(hub.db_path)
    hub_db["results"].create({k: {"text": str, "integer": int, "float": float}[v] for k, v in old_columns.items()},
                             pk="id")
    hub_db.close()
    configure(store, hub.url, token)
    sync_now(store, hub_factory=fast_hub)
    assert hub.rows("results") == local_rows(store, "results")  # the columns were added by the push

    photo = local_rows(store, "photos")[0]
    other = next(p for p in local_rows(store, "patients") if p["id"] != photo["patient_id"])
    move_photo(store, photo["id"], other["id"], "left", "photo of the next patient", "Asha")
    assert sync_now(store, hub_factory=fast_hub) == {"camp_sessions": 0, "patients": 0, "photos": 1, "results": 0,
                                                     "photo_corrections": 1}
    (correction,) = hub.rows("photo_corrections")
    assert (correction["reason"], correction["operator"], correction["to_patient_id"]) == (
        "photo of the next patient", "Asha", other["id"])
    on_hub = next(p for p in hub.rows("photos") if p["id"] == photo["id"])
    assert (on_hub["patient_id"], on_hub["version"]) == (other["id"], 2)


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
    assert pending_counts(store) == dict.fromkeys(SYNCED_TABLES, 0)
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


def test_reduced_jpeg_is_small_and_deterministic(raw_photos):
    jpeg, width, height = reduced_jpeg(raw_photos[0])
    assert max(width, height) == 1024 and len(jpeg) < raw_photos[0].stat().st_size / 3
    assert reduced_jpeg(raw_photos[0])[0] == jpeg


# ---------------------------------------------------------------- offline route


def cli(*args: str) -> int:
    return desktop_main(["sync", *args])


def test_command_line_names_its_own_commands_and_counts_in_words(store, tmp_path, capsys):
    data_dir = str(store.data_dir)
    store.close()
    assert cli("push", "--data-dir", data_dir) == 1
    err = capsys.readouterr().err
    assert "No hub address is set" in err and "sync configure --hub URL" in err and "Sync settings" not in err
    assert cli("status", "--data-dir", data_dir) == 0
    assert capsys.readouterr().out.startswith("not synced: 2 camp sessions, 5 patients, 4 photos, 4 results ·")
    with Store(data_dir) as reopened:
        camp = reopened.camps()[0]
        reopened.mark_synced("camp_sessions", [(c["id"], c["version"]) for c in reopened.camps() if c != camp])
    assert cli("status", "--data-dir", data_dir) == 0
    assert capsys.readouterr().out.startswith("not synced: 1 camp session, 5 patients")


def test_export_import_matches_push_and_is_idempotent(store, hub, token, tmp_path, capsys):
    data_dir, export, hospital = str(store.data_dir), tmp_path / "camp.zip", tmp_path / "hospital.db"
    configure(store, hub.url, token)
    store.close()  # the CLI opens the data itself (one instance at a time)
    assert cli("export", "--out", str(export), "--data-dir", data_dir) == 0
    assert cli("import", str(export), "--hub-db", str(hospital)) == 0
    assert "5 patients" in capsys.readouterr().out
    with Store(data_dir) as reopened:
        assert pending_counts(reopened)["patients"] == 5  # an export is no proof the hub has it
    assert cli("push", "--data-dir", data_dir) == 0

    imported = sqlite_utils.Database(hospital)
    rows_of = lambda t: sorted(imported[t].rows, key=lambda r: r.get("id") or r["sha256"])  # noqa: E731
    assert hub_snapshot(rows_of) == hub_snapshot(hub.rows)
    on_hub = sqlite_utils.Database(hub.db_path)
    assert not on_hub["photo_corrections"].exists()  # a push creates a table with its first row; an import at once
    assert all(imported[t].columns_dict == on_hub[t].columns_dict for t in HUB_TABLES if on_hub[t].exists())
    before = hub_snapshot(rows_of)
    assert cli("import", str(export), "--hub-db", str(hospital)) == 0
    assert "0 patients" in capsys.readouterr().out and hub_snapshot(rows_of) == before

    with Store(data_dir) as reopened:  # an old stick imported after a newer push changes nothing
        patient = local_rows(reopened, "patients")[0]
        reopened.update_patient(patient["id"], name="Newer Name")
    assert cli("push", "--data-dir", data_dir) == 0
    assert cli("import", str(export), "--hub-db", str(hub.db_path)) == 0
    assert next(r for r in hub.rows("patients") if r["id"] == patient["id"])["name"] == "Newer Name"


def test_damaged_export_is_refused(store, tmp_path, capsys):
    export, hospital = tmp_path / "camp.zip", tmp_path / "hospital.db"
    store.close()
    assert cli("export", "--out", str(export), "--data-dir", str(store.data_dir)) == 0
    data = bytearray(export.read_bytes())
    data[len(data) // 2] ^= 0xFF  # a bad sector on the stick
    broken = tmp_path / "broken.zip"
    broken.write_bytes(data)
    assert cli("import", str(broken), "--hub-db", str(hospital)) == 1
    assert "broken.zip cannot be imported" in capsys.readouterr().err

    tampered = tmp_path / "tampered.zip"  # a member changed and the zip rebuilt: only the manifest can tell
    with zipfile.ZipFile(export) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            dst.writestr(item, content.replace(b"Patient 1", b"Patient X") if "patients" in item.filename else content)
    with pytest.raises(SyncError, match="records/patients.json is damaged"):
        read_export(tampered)
    assert cli("import", str(tampered), "--hub-db", str(hospital)) == 1
    assert not sqlite_utils.Database(hospital).table_names()  # nothing was written
    assert cli("import", str(tmp_path / "missing.zip"), "--hub-db", str(hospital)) == 1


# ---------------------------------------------------------------- the window's Sync menu


def test_sync_menu_settings_status_and_errors(store, hub, token, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMainWindow

    from desktop.ui import i18n, sync_menu

    i18n.install("en")
    monkeypatch.setattr("desktop.sync._default_hub", fast_hub)
    shown = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(sync_menu.QMessageBox, kind, lambda parent, title, text: shown.append((title, text)))
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = sync_menu.SyncMenu(window, store)
    assert menu.label.text() == "not synced: 2 camp sessions, 5 patients, 4 photos, 4 results · never synced"

    def sync_and_wait():
        menu.sync_action.trigger()
        assert menu.busy() and not menu.sync_action.isEnabled()  # on its own thread: the window goes on
        qtbot.waitUntil(lambda: not menu.busy() and menu.sync_action.isEnabled(), timeout=30_000)

    configure(store, hub.url, create_token(LAPTOP, secret="not-the-hub-secret"))
    sync_and_wait()
    assert shown[-1][0] == "Sync did not finish" and "The hub refused the token" in shown[-1][1]
    assert "Sync settings (Sync menu)" in shown[-1][1]  # the window names its own menu
    assert menu.label.text().endswith("last try failed")
    assert menu.label.toolTip().startswith("The hub refused the token")

    def enter_settings():
        dialog = QApplication.activeModalWidget()
        url, token_edit = dialog.findChildren(QLineEdit)
        url.setText(hub.url + "/")
        token_edit.setText(token)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()

    QTimer.singleShot(0, enter_settings)
    menu.settings_action.trigger()
    assert SyncSettings.load(store.data_dir).token == token
    sync_and_wait()
    assert shown[-1] == ("Sync finished", "15 records sent and confirmed by the hub.")
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
    monkeypatch.setattr(sync_menu.QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
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
    assert worker.confirmed == 0 and sum(sync_status(store).unsynced.values()) == 15  # nothing lost
    assert SyncSettings.load(store.data_dir).last_error is None  # a cancel is not a hub failure
