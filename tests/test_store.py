"""desktop.store without Qt or a model: records, dedup, sync bookkeeping, safety."""

import errno
import os
import shutil
import sqlite3
import stat
from types import SimpleNamespace

import pytest

from desktop import paths
from desktop.store import (DiskFullError, DuplicatePatientError, InstanceLockedError, InvalidInputError,
                           PhotoConflictError, Store, StoreError)


def fake_result(grade=1, gradable=True):
    return SimpleNamespace(
        gradable=gradable, reasons=[] if gradable else ["too dark"], grade=grade if gradable else None,
        grade_name="Mild" if gradable else "Ungradable", score=1.1 if gradable else None,
        probabilities=[0.1, 0.6, 0.2, 0.05, 0.05] if gradable else None,
        referable=not gradable or grade >= 2, ms=42.0,
        referable_probability=0.25 if gradable else None, heads=None)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data") as s:
        yield s


@pytest.fixture
def photo_file(tmp_path):
    def make(content: bytes, name="IMG_0001.JPG"):
        path = tmp_path / "camera" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        return path
    return make


def count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_wal_schema_and_private_files(store, photo_file):
    assert store.db.journal_mode == "wal"
    assert store.schema_version() == 2
    stored = store.files.ingest(photo_file(b"jpeg bytes"))
    for path in (store.data_dir, store.data_dir / "photos"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in (store.db_path, store.files.path(stored.stored_path)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_reopen_keeps_data_and_refuses_newer_schema(tmp_path):
    with Store(tmp_path) as s:
        s.create_camp("Village A", "Asha", "2025-03-01")
    with Store(tmp_path) as s:
        assert [c["site"] for c in s.camps()] == ["Village A"]
        s.db["migrations"].insert({"version": 99, "applied_at": "x"})
    with pytest.raises(StoreError, match="newer dr-screen"):
        Store(tmp_path)


def test_patient_validation_and_duplicate_id(store):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    p = store.add_patient(camp["id"], " P-001 ", "Ravi Kumar", "54", "male", "7", "+91 98450 12345", "")
    assert (p["patient_code"], p["age"], p["diabetes_years"]) == ("P-001", 54, 7.0)
    with pytest.raises(DuplicatePatientError, match="P-001 is already registered"):
        store.add_patient(camp["id"], "P-001", "Someone Else", 40, "female")
    for bad, match in [(dict(age="abc"), "whole number"), (dict(age=0), "between 1 and 120"),
                       (dict(sex="x"), "sex"), (dict(name=" "), "name"),
                       (dict(diabetes_years=80), "between 0"), (dict(phone="call me"), "Phone")]:
        args = dict(patient_code="P-002", name="A", age=40, sex="female") | bad
        with pytest.raises(InvalidInputError, match=match):
            store.add_patient(camp["id"], **args)
    with pytest.raises(InvalidInputError, match="date"):
        store.create_camp("Village B", "Asha", "01/03/2025")
    # the same ID in another camp is another visit, allowed
    other = store.create_camp("Village B", "Asha", "2025-03-02")
    store.add_patient(other["id"], "P-001", "Ravi Kumar", 54, "male")
    assert [x["name"] for x in store.patients(camp["id"], search="ravi")] == ["Ravi Kumar"]
    assert store.patients(camp["id"], search="nobody") == []


def test_same_photo_twice_is_not_duplicated(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    p = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    src = photo_file(b"photo-1")
    first = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(), "m", "1",
                                      patient_id=p["id"], eye="right", overlay_png=b"png")
    again = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(3), "m", "1",
                                      patient_id=p["id"], eye="right")
    assert again == first
    assert (count(store, "photos"), count(store, "results")) == (1, 1)
    assert len(list((store.data_dir / "photos").rglob("*.jpg"))) == 1
    assert store.overlay_png(first[1]["id"]) == b"png"
    # a new model version adds a result to the same photo, and becomes the latest
    store.record_graded_photo(store.files.ingest(src), src.name, fake_result(2), "m", "2")
    assert count(store, "results") == 2
    assert store.result_for(first[0]["id"])["model_version"] == "2"
    assert store.patient_results(p["id"])["right"][0]["grade"] == 2


def test_photo_of_another_patient_is_refused(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    a = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    b = store.add_patient(camp["id"], "P-002", "Sita", 50, "female")
    stored = store.files.ingest(photo_file(b"photo-1"))
    store.record_graded_photo(stored, "x.jpg", fake_result(), "m", "1", patient_id=a["id"], eye="left")
    with pytest.raises(PhotoConflictError, match="already saved for patient P-001 .left eye"):
        store.record_graded_photo(stored, "x.jpg", fake_result(), "m", "1", patient_id=b["id"], eye="left")


def test_batch_photo_is_assigned_later(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    a = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    stored = store.files.ingest(photo_file(b"photo-1"))
    photo, _ = store.record_graded_photo(stored, "x.jpg", fake_result(), "m", "1")
    assert photo["patient_id"] is None
    photo, _ = store.record_graded_photo(stored, "x.jpg", fake_result(), "m", "1", patient_id=a["id"], eye="right")
    assert (photo["patient_id"], photo["eye"], photo["version"]) == (a["id"], "right", 2)


def test_sync_bookkeeping(store):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    p = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    pending = store.pending("patients")
    assert [(r["id"], r["version"], r["sync_state"]) for r in pending] == [(p["id"], 1, "pending")]
    store.update_patient(p["id"], notes="cataract left eye")  # edited while the push was in flight
    assert store.mark_synced("patients", [(p["id"], 1)]) == 0
    assert store.get_patient(p["id"])["sync_state"] == "pending"
    assert store.mark_synced("patients", [(p["id"], 2)]) == 1
    assert store.pending("patients") == []
    assert store.get_patient(p["id"])["created_at"].endswith("+00:00")
    store.update_patient(p["id"], notes="cataract left eye")  # no change, no new version
    assert store.get_patient(p["id"])["version"] == 2
    with pytest.raises(ValueError):
        store.pending("overlays")


def test_second_instance_is_told_clearly(tmp_path):
    with Store(tmp_path):
        with pytest.raises(InstanceLockedError, match=f"already running.*process {os.getpid()}"):
            Store(tmp_path)
    Store(tmp_path).close()  # the lock went with the first instance


def test_database_full_saves_nothing(store, photo_file):
    stored = store.files.ingest(photo_file(b"photo-1"))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is "full" now
    with pytest.raises(DiskFullError, match="disk is full"):
        store.record_graded_photo(stored, "x.jpg", fake_result(), "m", "1", overlay_png=os.urandom(200_000))
    assert (count(store, "photos"), count(store, "results"), count(store, "overlays")) == (0, 0, 0)


def test_disk_full_while_copying_leaves_no_file(store, photo_file, monkeypatch):
    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(shutil, "copyfileobj", no_space)
    with pytest.raises(DiskFullError, match="photo was not saved"):
        store.files.ingest(photo_file(b"photo-1"))
    assert [p for p in (store.data_dir / "photos").rglob("*") if p.is_file()] == []


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env-data"))
    assert paths.data_dir() == tmp_path / "env-data"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert stat.S_IMODE((tmp_path / "flag").stat().st_mode) == 0o700


def test_integrity_after_use(store, photo_file):
    for i in range(3):
        store.record_graded_photo(store.files.ingest(photo_file(bytes([i]) * 10, f"{i}.jpg")),
                                  f"{i}.jpg", fake_result(), "m", "1")
    con = sqlite3.connect(store.db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
