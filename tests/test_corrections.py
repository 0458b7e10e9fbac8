"""Removing and moving photos on the record (desktop.corrections), without Qt or a model."""

import json
from types import SimpleNamespace

import pytest
import sqlite_utils
from conftest import TEST_ADMIN, TEST_PASSPHRASE, TEST_PIN, open_test_store, photo_sha256

from desktop import audit, users, vault
from desktop.advice import AdviceTable
from desktop.corrections import history, move_photo, remove_photo
from desktop.store import MIGRATIONS, InvalidInputError, NotSignedInError, now_utc


def result(grade, of):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name=f"grade {grade}", score=grade + 0.2,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=5.0, referable_probability=None,
                           heads=None, sha256=photo_sha256(of))


@pytest.fixture
def camp(tmp_path):
    """A camp with Ravi (right eye moderate, left eye no DR) and Sita (no photo yet)."""
    with open_test_store(tmp_path / "data") as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        ravi = store.add_patient(camp["id"], "P-1", "Ravi", 60, "male")
        sita = store.add_patient(camp["id"], "P-2", "Sita", 52, "female")
        photos = {}
        for eye, grade in (("right", 2), ("left", 0)):
            src = tmp_path / f"{eye}.jpg"
            src.write_bytes(f"photo of the {eye} eye".encode())
            photos[eye], _ = store.record_graded_photo(store.files.ingest(src), src.name, result(grade, src), "m", "1",
                                                       "1" * 64, patient_id=ravi["id"], eye=eye)
        yield SimpleNamespace(store=store, ravi=ravi, sita=sita, photos=photos)


def grades(store, patient):
    return {eye: [r["grade"] for r in rows] for eye, rows in store.patient_results(patient["id"]).items()}


def test_move_to_other_patient_recomputes_both_and_keeps_history(camp):
    store, photo = camp.store, camp.photos["right"]
    store.mark_synced("photos", [(photo["id"], photo["version"])])
    correction = move_photo(store, photo["id"], camp.sita["id"], "left", "  photo of the next patient ")

    assert grades(store, camp.ravi) == {"right": [], "left": [0]}
    assert grades(store, camp.sita) == {"right": [], "left": [2]}
    outcome = AdviceTable().outcome(*store.patient_results(camp.ravi["id"]).values())
    assert outcome.key == "incomplete"  # Ravi's right eye needs a photo again
    moved = store.get_photo(photo["id"])
    assert (moved["version"], moved["sync_state"]) == (2, "pending")  # goes to the hub as a new version
    # signed by whoever is signed in, and on the audit trail (without the free-text reason)
    assert correction["reason"] == "photo of the next patient" and correction["operator"] == TEST_ADMIN
    (event,) = store.db.query("SELECT * FROM audit_log WHERE action = 'correction'")
    assert (event["user"], event["target_id"]) == (TEST_ADMIN, correction["id"])
    assert json.loads(event["detail"]) == {"kind": "move", "photo": photo["id"]}
    assert (correction["from_patient_id"], correction["from_eye"]) == (camp.ravi["id"], "right")
    assert (correction["to_patient_id"], correction["to_eye"], correction["action"]) == (camp.sita["id"], "left",
                                                                                          "move")
    assert [c["id"] for c in store.pending("photo_corrections")] == [correction["id"]]
    for patient in (camp.ravi, camp.sita):
        (entry,) = history(store, patient["id"])
        assert entry["original_name"] == "right.jpg" and entry["reason"] == "photo of the next patient"


def test_remove_unassigns_but_deletes_nothing(camp):
    store, photo = camp.store, camp.photos["left"]
    remove_photo(store, photo["id"], "not this patient's eye")
    assert grades(store, camp.ravi) == {"right": [2], "left": []}
    kept = store.get_photo(photo["id"])
    assert kept["patient_id"] is None and kept["eye"] is None
    assert store.files.exists(kept["sha256"]) and store.result_for(photo["id"])["grade"] == 0
    (entry,) = history(store, camp.ravi["id"])
    assert (entry["action"], entry["to_patient_id"], entry["from_eye"]) == ("remove", None, "left")
    # the same photo can later be given to the right patient
    assert store.assign_photo(photo["sha256"], camp.sita["id"], "left")["patient_id"] == camp.sita["id"]


def test_moving_to_the_other_eye_and_bad_corrections(camp):
    store, photo = camp.store, camp.photos["right"]
    for kwargs, message in [(dict(reason=" "), "Write why"), (dict(eye="right"), "already on that eye"),
                            (dict(patient_id="nobody"), "Choose the patient")]:
        args = dict(patient_id=camp.ravi["id"], eye="left", reason="wrong eye") | kwargs
        with pytest.raises(InvalidInputError, match=message):
            move_photo(store, photo["id"], **args)
    users.logout(store)
    with pytest.raises(NotSignedInError):  # nobody signed in: nobody to sign the correction
        move_photo(store, photo["id"], camp.ravi["id"], "left", "wrong eye")
    users.login(store, TEST_ADMIN, TEST_PIN)
    assert store.pending("photo_corrections") == [] and store.get_photo(photo["id"])["version"] == 1

    move_photo(store, photo["id"], camp.ravi["id"], "left", "wrong eye")
    assert grades(store, camp.ravi) == {"right": [], "left": [2, 0]}  # in the order the photos were taken
    remove_photo(store, photo["id"], "blurred duplicate")
    with pytest.raises(InvalidInputError, match="not on a patient"):
        remove_photo(store, photo["id"], "again")
    assert [c["action"] for c in history(store, camp.ravi["id"])] == ["move", "remove"]


def test_schema_1_database_is_migrated(tmp_path):
    """A laptop's plain database from before corrections opens (encrypted at the unlock, then
    migrated): old results keep their values."""
    data = tmp_path / "data"
    data.mkdir()
    old = sqlite_utils.Database(data / "dr-screen.db")
    old["migrations"].create({"version": int, "applied_at": str}, pk="version")
    MIGRATIONS[0](old)
    old["migrations"].insert({"version": 1, "applied_at": now_utc()})
    old["camp_sessions"].insert({"id": "c1", "site": "PHC Kottur", "operator": "Asha", "date": "2025-03-01",
                                 "version": 1, "sync_state": "pending"})
    old["results"].insert({"id": "r1", "photo_id": None, "grade": 2, "reasons": "[]",
                           "probabilities": json.dumps([0.2] * 5)})
    old.close()
    with open_test_store(data) as new:
        assert new.schema_version() == len(MIGRATIONS) and new.get_camp("c1")["site"] == "PHC Kottur"
        row = new._one("SELECT * FROM results WHERE id = 'r1'")
        assert row["referable_probability"] is None and row["heads"] is None
        assert new.pending("photo_corrections") == []
        assert audit.verify(new.db, new.keys.device_id).ok
    conn = vault.connect(data / "dr-screen.db", vault.unlock(data, TEST_PASSPHRASE))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_an_erased_patient_takes_no_correction_and_its_photos_none_either(camp):
    from desktop.retention import delete_patient

    store, photo = camp.store, camp.photos["right"]
    delete_patient(store, camp.sita["id"])
    with pytest.raises(InvalidInputError, match="Choose the patient"):  # no photo goes to an erased patient
        move_photo(store, photo["id"], camp.sita["id"], "left", "photo of the next patient")
    delete_patient(store, camp.ravi["id"])
    with pytest.raises(InvalidInputError, match="not on a patient"):  # an erased photo stays erased
        remove_photo(store, photo["id"], "wrong patient")
    assert store.pending("photo_corrections") == []
