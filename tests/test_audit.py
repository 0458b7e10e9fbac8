"""The audit trail (desktop/audit.py): an event for every action, by whom, on which record; tampering shows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import httpx
import pytest
from conftest import TEST_ADMIN, TEST_PIN, open_test_store, photo_sha256

from desktop import audit, retention, unlock, users, vault
from desktop.__main__ import main as desktop_main
from desktop.advice import AdviceTable
from desktop.export import export_patients
from desktop.store import events as event_log
from desktop.sync import HubClient, SyncSettings, configure_hub, sync_now
from desktop.sync_export import export_file, set_hub_export_key
from hub.keys import make_key_pair

NAME = "Zebulon Quixote"


def result(grade, of):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name="x", score=1.0,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=1.0, referable_probability=None,
                           heads=None, sha256=photo_sha256(of))


def fake_hub(settings):
    """A hub that confirms every upsert as Datasette does."""
    return HubClient(settings.hub_url, settings.token, attempts=1,
                     transport=httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True})))


def events(store) -> list[dict]:
    return list(store.db.query("SELECT * FROM audit_log ORDER BY seq"))


def test_every_action_is_an_event_with_who_when_what_and_which_record(tmp_path, raw_photos):
    data = tmp_path / "data"
    (tmp_path / "hub").mkdir()
    public, _ = make_key_pair(tmp_path / "hub")  # a hub's export key
    with open_test_store(data) as store:
        users.add_user(store, "ravi", "135790")
        configure_hub(store, "https://hub.example.org/hub", "dstok_x")
        set_hub_export_key(store, public)
        users.logout(store)
        users.login(store, "ravi", "135790")
        camp = store.create_camp("PHC Kottur", "Ravi", "2025-03-01")
        patient = store.add_patient(camp["id"], "KT-1", NAME, 60, "female")
        store.update_patient(patient["id"], phone="+91 98450 77123")
        stored = store.files.ingest(raw_photos[0])
        photo, graded = store.record_graded_photo(stored, raw_photos[0].name, result(2, of=stored), "m", "1", "m" * 64)
        store.assign_photo(stored.sha256, patient["id"], "right")
        export_patients(store, tmp_path / "patients.csv", AdviceTable(), camp_id=camp["id"])
        export_file(store, tmp_path / "camp.zip")
        sync_now(store, hub_factory=fake_hub)
        taken = store.backup()
        users.logout(store)
        users.login(store, TEST_ADMIN, TEST_PIN)
        retention.set_policy(store, 30)
        retention.delete_patient(store, patient["id"])
        keys = store.keys
    unlock.restore_backup(data, keys, TEST_ADMIN, TEST_PIN, taken)
    with open_test_store(data) as store:  # the restored database: the patient is back, and its purge is due
        retention.set_policy(store, 1)
        assert retention.purge_due(store) == 0  # confirmed by the hub less than a day ago
        assert retention.purge_due(store, datetime.now(timezone.utc) + timedelta(days=2)) == 1
        assert store.patients(camp["id"]) == [] and store.get_patient(patient["id"])["name"] is None
        log = events(store)
    by_action = {}
    for event in log:
        by_action.setdefault(event["action"], []).append(event)
    expected = {  # action: (user, table, record)
        "setup": (TEST_ADMIN, "users", TEST_ADMIN), "user_add": (TEST_ADMIN, "users", "ravi"),
        "sync_settings": (TEST_ADMIN, "settings", None), "logout": (TEST_ADMIN, "users", TEST_ADMIN),
        "login": ("ravi", "users", "ravi"), "camp_add": ("ravi", "camp_sessions", camp["id"]),
        "patient_add": ("ravi", "patients", patient["id"]), "patient_edit": ("ravi", "patients", patient["id"]),
        "grade": ("ravi", "results", graded["id"]), "photo_assign": ("ravi", "photos", photo["id"]),
        "export_csv": ("ravi", None, None), "export_usb": ("ravi", None, None), "sync": ("ravi", None, None),
        "backup": ("ravi", None, None), "retention_policy": (TEST_ADMIN, "settings", "retention_days"),
        "restore": (TEST_ADMIN, None, None), "purge": (TEST_ADMIN, "patients", None),
    }
    for action, (user, table, record) in expected.items():
        first = by_action[action][0]
        assert (first["user"], first["target_table"]) == (user, table), action
        if record:
            assert first["target_id"] == record, action
    assert json.loads(by_action["patient_edit"][0]["detail"]) == {"fields": ["phone"]}  # which field, not its value
    assert json.loads(by_action["export_csv"][0]["detail"]) == {"kind": "patients", "rows": 1}
    assert json.loads(by_action["restore"][0]["detail"])["backup"] == taken.name
    # the deletion happened after the backup: it is not in the restored log, whose chain goes on from the backup
    assert "patient_delete" not in by_action and [e["seq"] for e in log] == list(range(1, len(log) + 1))
    assert all(NAME not in json.dumps(e) for e in log)  # no personal data in the trail
    assert audit.verify_rows(log, keys.device_id).ok


def test_delete_patient_is_an_event_and_erases_here(tmp_path, raw_photos):
    with open_test_store(tmp_path / "data") as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        patient = store.add_patient(camp["id"], "KT-1", NAME, 60, "female", phone="+91 98450 77123", notes="x")
        stored = store.files.ingest(raw_photos[0])
        _, graded = store.record_graded_photo(stored, "IMG_1.JPG", result(3, of=stored), "m", "1", "m" * 64,
                                              patient_id=patient["id"], eye="left", overlay_png=b"heat map")
        assert retention.delete_patient(store, patient["id"]) == 1
        tombstone = store.get_patient(patient["id"])
        assert tombstone["deleted_at"] and tombstone["version"] == 2 and tombstone["sync_state"] == "pending"
        assert all(tombstone[f] is None for f in ("patient_code", "name", "age", "sex", "phone", "notes"))
        (photo,) = store.db.query("SELECT * FROM photos")
        assert photo["deleted_at"] and photo["original_name"] is None and photo["sha256"] == stored.sha256
        assert not store.files.exists(stored.sha256) and store.overlay_png(graded["id"]) is None
        assert store.result_for(photo["id"])["grade"] == 3  # the anonymous grade stays
        assert store.patients(camp["id"]) == [] and store.find_patient(camp["id"], "KT-1") is None
        (event,) = store.db.query("SELECT * FROM audit_log WHERE action = 'patient_delete'")
        assert (event["user"], event["target_id"], json.loads(event["detail"])) == (
            TEST_ADMIN, patient["id"], {"photos": 1})
        with pytest.raises(Exception, match="deleted or removed"):  # the same photo is not taken in again
            store.record_graded_photo(stored, "IMG_1.JPG", result(3, of=stored), "m", "2", "n" * 64,
                                      patient_id=patient["id"], eye="left")


def test_a_tampered_audit_row_is_detected(tmp_path, credentials, capsys):
    data = tmp_path / "data"
    with open_test_store(data) as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        for i in range(3):
            store.add_patient(camp["id"], f"KT-{i}", f"Patient {i}", 60, "female")
        for statement in ("UPDATE audit_log SET user = 'someone else' WHERE seq = 3",
                          "DELETE FROM audit_log WHERE seq = 3"):
            with pytest.raises(vault.IntegrityError, match="append-only"):
                store.db.execute(statement)
        assert audit.verify(store.db, store.keys.device_id).ok
        clean = events(store)
    assert desktop_main(["audit", "verify", "--data-dir", str(data)]) == 0
    assert "audit log intact" in capsys.readouterr().out

    # Someone with the passphrase drops the triggers and rewrites history.
    with open_test_store(data) as store:
        store.db.execute("DROP TRIGGER audit_log_no_update")
        store.db.execute("DROP TRIGGER audit_log_no_delete")
        with store.db.atomic():
            store.db.execute("UPDATE audit_log SET user = 'someone else' WHERE action = 'patient_add' "
                             "AND target_id = (SELECT id FROM patients WHERE patient_code = 'KT-1')")
        changed = next(e["seq"] for e in events(store) if e["user"] == "someone else")
    assert desktop_main(["audit", "verify", "--data-dir", str(data)]) == 1
    assert f"audit log BROKEN (device " in (out := capsys.readouterr().out)
    assert f"at event {changed}: its content was changed after it was written" in out

    with open_test_store(data) as store:
        with store.db.atomic():  # put back what was there...
            store.db.execute("UPDATE audit_log SET user = ? WHERE seq = ?", [TEST_ADMIN, changed])
            store.db.execute("DELETE FROM audit_log WHERE seq = ?", [changed - 1])  # ...and remove another
        verdict = audit.verify(store.db, store.keys.device_id)
    assert (verdict.ok, verdict.first_broken) == (False, changed) and "events are missing" in verdict.why

    forged = [dict(r) for r in clean]
    forged[1]["detail"] = json.dumps({"fields": ["name"]})
    forged[1]["hash"] = audit.row_hash(forged[1])  # its hash recomputed: then the next row no longer links to it
    verdict = audit.verify_rows(forged)
    assert not verdict.ok and verdict.first_broken == forged[2]["seq"] and "does not link" in verdict.why


def test_sync_settings_and_token_changes_are_events_without_the_token(tmp_path):
    with open_test_store(tmp_path / "data") as store:
        configure_hub(store, "https://hub.example.org/hub", "dstok_very_secret")
        configure_hub(store, "https://hub2.example.org/hub", None)  # the token is kept
        assert SyncSettings.load(store).token == "dstok_very_secret"
        details = [json.loads(e["detail"]) for e in events(store) if e["action"] == "sync_settings"]
    assert details == [{"hub": "https://hub.example.org/hub", "new_token": True},
                       {"hub": "https://hub2.example.org/hub", "new_token": False}]


def test_an_event_inserted_under_another_device_id_is_reported(tmp_path, credentials, capsys):
    """Issue 21: an event with a foreign device id passed `audit verify` (it was a chain of its own)."""
    data = tmp_path / "data"
    with open_test_store(data) as store:
        store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        with store.db.atomic():  # a well-formed chain of one, written by hand under a made-up device
            event_log.append(store.db, "00000000-0000-4000-8000-000000000000", "mallory", "user_change", "users",
                         "x", fields=["role"])
        verdict = audit.verify(store.db, store.keys.device_id)
    assert (verdict.ok, verdict.first_broken) == (False, 1) and "another device's id" in verdict.why
    assert desktop_main(["audit", "verify", "--data-dir", str(data)]) == 1
    assert "this laptop did not write them" in capsys.readouterr().out
