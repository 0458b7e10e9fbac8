"""Removing and moving photos on the record (desktop.corrections), without Qt or a model."""

import json
import sqlite3
from types import SimpleNamespace

import pytest

from desktop import store as store_module
from desktop.advice import AdviceTable
from desktop.corrections import history, move_photo, remove_photo
from desktop.store import InvalidInputError, Store


def result(grade):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name=f"grade {grade}", score=grade + 0.2,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=5.0, referable_probability=None,
                           heads=None)


@pytest.fixture
def camp(tmp_path):
    """A camp with Ravi (right eye moderate, left eye no DR) and Sita (no photo yet)."""
    with Store(tmp_path / "data") as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        ravi = store.add_patient(camp["id"], "P-1", "Ravi", 60, "male")
        sita = store.add_patient(camp["id"], "P-2", "Sita", 52, "female")
        photos = {}
        for eye, grade in (("right", 2), ("left", 0)):
            src = tmp_path / f"{eye}.jpg"
            src.write_bytes(f"photo of the {eye} eye".encode())
            photos[eye], _ = store.record_graded_photo(store.files.ingest(src), src.name, result(grade), "m", "1",
                                                       "1" * 64, patient_id=ravi["id"], eye=eye)
        yield SimpleNamespace(store=store, ravi=ravi, sita=sita, photos=photos)


def grades(store, patient):
    return {eye: [r["grade"] for r in rows] for eye, rows in store.patient_results(patient["id"]).items()}


def test_move_to_other_patient_recomputes_both_and_keeps_history(camp):
    store, photo = camp.store, camp.photos["right"]
    store.mark_synced("photos", [(photo["id"], photo["version"])])
    correction = move_photo(store, photo["id"], camp.sita["id"], "left", "  photo of the next patient ", "Asha")

    assert grades(store, camp.ravi) == {"right": [], "left": [0]}
    assert grades(store, camp.sita) == {"right": [], "left": [2]}
    outcome = AdviceTable().outcome(*store.patient_results(camp.ravi["id"]).values())
    assert outcome.key == "incomplete"  # Ravi's right eye needs a photo again
    moved = store.get_photo(photo["id"])
    assert (moved["version"], moved["sync_state"]) == (2, "pending")  # goes to the hub as a new version
    assert correction["reason"] == "photo of the next patient" and correction["operator"] == "Asha"
    assert (correction["from_patient_id"], correction["from_eye"]) == (camp.ravi["id"], "right")
    assert (correction["to_patient_id"], correction["to_eye"], correction["action"]) == (camp.sita["id"], "left",
                                                                                          "move")
    assert [c["id"] for c in store.pending("photo_corrections")] == [correction["id"]]
    for patient in (camp.ravi, camp.sita):
        (entry,) = history(store, patient["id"])
        assert entry["original_name"] == "right.jpg" and entry["reason"] == "photo of the next patient"


def test_remove_unassigns_but_deletes_nothing(camp):
    store, photo = camp.store, camp.photos["left"]
    remove_photo(store, photo["id"], "not this patient's eye", "Asha")
    assert grades(store, camp.ravi) == {"right": [2], "left": []}
    kept = store.get_photo(photo["id"])
    assert kept["patient_id"] is None and kept["eye"] is None
    assert store.photo_path(kept).is_file() and store.result_for(photo["id"])["grade"] == 0
    (entry,) = history(store, camp.ravi["id"])
    assert (entry["action"], entry["to_patient_id"], entry["from_eye"]) == ("remove", None, "left")
    # the same photo can later be given to the right patient
    assert store.assign_photo(photo["sha256"], camp.sita["id"], "left")["patient_id"] == camp.sita["id"]


def test_moving_to_the_other_eye_and_bad_corrections(camp):
    store, photo = camp.store, camp.photos["right"]
    for kwargs, message in [(dict(reason=" "), "Write why"), (dict(operator=""), "Enter your name"),
                            (dict(eye="right"), "already on that eye"), (dict(patient_id="nobody"), "Choose the patient")]:
        args = dict(patient_id=camp.ravi["id"], eye="left", reason="wrong eye", operator="Asha") | kwargs
        with pytest.raises(InvalidInputError, match=message):
            move_photo(store, photo["id"], **args)
    assert store.pending("photo_corrections") == [] and store.get_photo(photo["id"])["version"] == 1

    move_photo(store, photo["id"], camp.ravi["id"], "left", "wrong eye", "Asha")
    assert grades(store, camp.ravi) == {"right": [], "left": [2, 0]}  # in the order the photos were taken
    remove_photo(store, photo["id"], "blurred duplicate", "Asha")
    with pytest.raises(InvalidInputError, match="not on a patient"):
        remove_photo(store, photo["id"], "again", "Asha")
    assert [c["action"] for c in history(store, camp.ravi["id"])] == ["move", "remove"]


def test_schema_1_database_is_migrated(tmp_path, monkeypatch):
    """A laptop's database from before corrections opens: old results keep their values."""
    with monkeypatch.context() as m:
        m.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
        m.setattr(store_module, "SCHEMA_VERSION", 1)
        with Store(tmp_path) as old:
            camp = old.create_camp("PHC Kottur", "Asha", "2025-03-01")
            old.db["results"].insert({"id": "r1", "photo_id": None, "grade": 2, "reasons": "[]",
                                      "probabilities": json.dumps([0.2] * 5)})
    with Store(tmp_path) as new:
        assert new.schema_version() == 3 and new.get_camp(camp["id"])["site"] == "PHC Kottur"
        row = new.result_for(None) or new._one("SELECT * FROM results WHERE id = 'r1'")
        assert row["referable_probability"] is None and row["heads"] is None
        assert new.pending("photo_corrections") == []
    con = sqlite3.connect(tmp_path / "dr-screen.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
