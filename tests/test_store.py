"""desktop.store without Qt or a model: records, dedup, sync bookkeeping, safety."""

import errno
import os
import stat
from types import SimpleNamespace

import pytest
from conftest import open_test_store, photo_sha256

from desktop import paths, vault
from desktop.store import (SCHEMA_VERSION, DiskFullError, DuplicatePatientError, InstanceLockedError,
                           InvalidInputError, PhotoConflictError, StoreError)


M1, M2 = "1" * 64, "2" * 64  # sha256 of the manifests of model m version 1 and 2


def fake_result(grade=1, gradable=True, of=None):
    """A grading result of the photo `of` (a StoredFile or a file)."""
    return SimpleNamespace(
        gradable=gradable, reasons=[] if gradable else ["too dark"], grade=grade if gradable else None,
        grade_name="Mild" if gradable else "Ungradable", score=1.1 if gradable else None,
        probabilities=[0.1, 0.6, 0.2, 0.05, 0.05] if gradable else None,
        referable=not gradable or grade >= 2, ms=42.0,
        referable_probability=0.25 if gradable else None, heads=None, sha256=photo_sha256(of))


@pytest.fixture
def store(tmp_path):
    with open_test_store(tmp_path / "data") as s:
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
    assert store.schema_version() == SCHEMA_VERSION == 4
    stored = store.files.ingest(photo_file(b"jpeg bytes"))
    for path in (store.data_dir, store.data_dir / "photos"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in (store.db_path, store.data_dir / stored.stored_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_reopen_keeps_data_and_refuses_newer_schema(tmp_path):
    with open_test_store(tmp_path) as s:
        s.create_camp("Village A", "Asha", "2025-03-01")
    with open_test_store(tmp_path) as s:
        assert [c["site"] for c in s.camps()] == ["Village A"]
        s.db["migrations"].insert({"version": 99, "applied_at": "x"})
    with pytest.raises(StoreError, match="newer dr-screen"):
        open_test_store(tmp_path)


def test_patient_validation_and_duplicate_id(store):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    p = store.add_patient(camp["id"], " P-001 ", "Ravi Kumar", "54", "male", "7", "+91 98450 12345", "")
    assert (p["patient_code"], p["age"], p["diabetes_years"]) == ("P-001", 54, 7.0)
    with pytest.raises(DuplicatePatientError, match="This patient ID is already registered") as refused:
        store.add_patient(camp["id"], "P-001", "Someone Else", 40, "female")
    assert "P-001" not in str(refused.value)  # no patient identifier in an error message
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
    first = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(of=src), "m", "1", M1,
                                      patient_id=p["id"], eye="right", overlay_png=b"png")
    again = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(3, of=src), "m", "1", M1,
                                      patient_id=p["id"], eye="right")
    assert again == first
    assert (count(store, "photos"), count(store, "results")) == (1, 1)
    assert len(list((store.data_dir / "photos").rglob("*.enc"))) == 1
    assert store.overlay_png(first[1]["id"]) == b"png"
    # a new model version adds a result to the same photo, and becomes the latest
    store.record_graded_photo(store.files.ingest(src), src.name, fake_result(2, of=src), "m", "2", M2)
    assert count(store, "results") == 2
    assert store.result_for(first[0]["id"])["model_version"] == "2"
    assert store.patient_results(p["id"])["right"][0]["grade"] == 2


def test_photo_of_another_patient_is_refused(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    a = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    b = store.add_patient(camp["id"], "P-002", "Sita", 50, "female")
    stored = store.files.ingest(photo_file(b"photo-1"))
    store.record_graded_photo(stored, "x.jpg", fake_result(of=stored), "m", "1", M1, patient_id=a["id"], eye="left")
    with pytest.raises(PhotoConflictError, match=r"already saved for another patient or eye \(left eye\)") as refused:
        store.record_graded_photo(stored, "x.jpg", fake_result(of=stored), "m", "1", M1, patient_id=b["id"], eye="left")
    assert "P-001" not in str(refused.value) and "Ravi" not in str(refused.value)


def test_batch_photo_is_assigned_later(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    a = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    stored = store.files.ingest(photo_file(b"photo-1"))
    photo, _ = store.record_graded_photo(stored, "x.jpg", fake_result(of=stored), "m", "1", M1)
    assert photo["patient_id"] is None
    photo, _ = store.record_graded_photo(stored, "x.jpg", fake_result(of=stored), "m", "1", M1,
                                         patient_id=a["id"], eye="right")
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
    with open_test_store(tmp_path):
        with pytest.raises(InstanceLockedError, match=f"already running.*process {os.getpid()}"):
            open_test_store(tmp_path)
    open_test_store(tmp_path).close()  # the lock went with the first instance


def test_a_worker_thread_opens_its_own_encrypted_connection_as_the_signed_in_user(store, tmp_path):
    """The sync's worker thread: its connection is SQLCipher, keyed through the vault with the
    same keys, its changes are the signed-in user's, and closing it keeps the instance lock."""
    import threading

    seen = {}

    def work():
        with store.open_for_thread() as other:
            seen["cipher"] = other.db.execute("PRAGMA cipher_version").fetchone()[0]
            seen["user"] = other.user
            other.create_camp("Village T", "Asha", "2025-03-01")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen["cipher"] and seen["user"] == store.user
    assert [c["site"] for c in store.camps()] == ["Village T"]
    (event,) = store.db.query("SELECT user FROM audit_log WHERE action = 'camp_add'")
    assert event["user"] == store.user["name"]
    with pytest.raises(InstanceLockedError):  # the window's Store still holds the folder
        open_test_store(store.data_dir)


def test_database_full_saves_nothing(store, photo_file):
    stored = store.files.ingest(photo_file(b"photo-1"))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is "full" now
    with pytest.raises(DiskFullError, match="disk is full"):
        store.record_graded_photo(stored, "x.jpg", fake_result(of=stored), "m", "1", M1,
                                  overlay_png=os.urandom(200_000))
    assert (count(store, "photos"), count(store, "results"), count(store, "overlays")) == (0, 0, 0)


def test_disk_full_while_copying_leaves_no_file(store, photo_file, monkeypatch):
    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(DiskFullError, match="photo was not saved"):
        store.files.ingest(photo_file(b"photo-1"))
    assert [p for p in (store.data_dir / "photos").rglob("*") if p.is_file()] == []


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env-data"))
    assert paths.data_dir() == tmp_path / "env-data"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert stat.S_IMODE((tmp_path / "flag").stat().st_mode) == 0o700


def test_a_result_is_recorded_only_for_the_bytes_it_graded(store, photo_file):
    stored = store.files.ingest(photo_file(b"photo-1"))
    other = photo_file(b"photo-2", "IMG_0002.JPG")
    with pytest.raises(ValueError, match="not of the stored photo"):
        store.record_graded_photo(stored, "x.jpg", fake_result(of=other), "m", "1", M1)
    assert count(store, "photos") == count(store, "results") == 0


def test_known_photo_rule_reuses_assigns_or_refuses_before_grading(store, photo_file):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    a = store.add_patient(camp["id"], "P-001", "Ravi", 54, "male")
    b = store.add_patient(camp["id"], "P-002", "Sita", 50, "female")
    stored = store.files.ingest(photo_file(b"photo-1"))
    assert store.reuse_graded(stored.sha256, M1) is None  # never seen: grade it
    store.record_graded_photo(stored, "x.jpg", fake_result(2, of=stored), "m", "1", M1)  # a batch run, no patient
    assert store.graded_sha256s(M1) == {stored.sha256} and store.graded_sha256s(M2) == set()
    photo, result = store.reuse_graded(stored.sha256, M1, a["id"], "right")  # known: given to the eye, not graded
    assert (photo["patient_id"], photo["eye"], result["grade"]) == (a["id"], "right", 2)
    assert store.reuse_graded(stored.sha256, M2, a["id"], "right") is None  # another model grades it again
    with pytest.raises(PhotoConflictError, match="another patient or eye"):  # refused before anyone waits
        store.reuse_graded(stored.sha256, M2, b["id"], "left")
    assert count(store, "results") == 1 and store.photos(b["id"]) == []


def test_integrity_after_use(store, photo_file):
    for i in range(3):
        stored = store.files.ingest(photo_file(bytes([i]) * 10, f"{i}.jpg"))
        store.record_graded_photo(stored, f"{i}.jpg", fake_result(of=stored), "m", "1", M1)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------- which model graded a result


def test_another_manifest_under_the_same_name_and_version_grades_again(store, photo_file):
    src = photo_file(b"photo-1")
    photo, first = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(2, of=src), "m", "1", M1)
    forged_sha = "f" * 64  # same name and version, different manifest (e.g. other cut points)
    _, second = store.record_graded_photo(store.files.ingest(src), src.name, fake_result(0, of=src), "m", "1",
                                          forged_sha)
    assert second["id"] != first["id"] and second["grade"] == 0
    assert store.result_for(photo["id"], M1)["grade"] == 2
    assert store.result_for(photo["id"], forged_sha)["model_sha256"] == forged_sha
    with pytest.raises(ValueError, match="sha256 of the manifest"):
        store.record_graded_photo(store.files.ingest(src), src.name, fake_result(of=src), "m", "1", "")


def test_schema_1_database_is_migrated_and_its_results_are_not_reused(tmp_path, photo_file):
    from desktop.store import now_utc
    data = tmp_path / "data"
    with open_test_store(data) as s:  # make a photo file on disk
        stored = s.files.ingest(photo_file(b"photo-1"))
    (data / "dr-screen.db").unlink()
    old = schema_1_database(data / "dr-screen.db")  # the database as schema 1 left it
    row = {"id": "p1", "created_at": now_utc(), "updated_at": now_utc(), "version": 1, "sync_state": "synced"}
    old["photos"].insert({**row, "sha256": stored.sha256, "stored_path": stored.stored_path, "size_bytes": 7})
    old["results"].insert({**row, "id": "r1", "photo_id": "p1", "model_name": "m", "model_version": "1",
                           "gradable": 1, "reasons": "[]", "grade": 2, "grade_name": "Moderate", "referable": 1})
    old.close()
    with open_test_store(data) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.result_for("p1")["model_sha256"] is None
        assert s.result_for("p1", M1) is None  # unknown manifest: never reused for a current bundle
        _, new = s.record_graded_photo(stored, "x.jpg", fake_result(1, of=stored), "m", "1", M1)
        assert new["id"] != "r1" and s.result_for("p1")["id"] == new["id"]


def schema_1_database(path):
    import sqlite_utils

    from desktop.store import MIGRATIONS, now_utc
    db = sqlite_utils.Database(path)
    db["migrations"].create({"version": int, "applied_at": str}, pk="version")
    MIGRATIONS[0](db)
    db["migrations"].insert({"version": 1, "applied_at": now_utc()})
    return db


@pytest.mark.parametrize("schema_2", ["manifest sha256", "corrections (development build)"])
def test_either_schema_2_database_migrates_to_the_full_schema_with_both_changes(tmp_path, photo_file, schema_2):
    """Two branches each numbered their migration 2: the manifest sha256 (released) and the
    corrections with the likelihood (a development build). Both plain databases are encrypted
    at the next unlock and reach the full schema (3, then the accounts' 4)."""
    import sqlite_utils

    from desktop.corrections import history, remove_photo
    from desktop.store import MIGRATIONS, now_utc
    data = tmp_path / "data"
    schemas = {}
    for version in (3, len(MIGRATIONS)):  # the corrections table as schema 3 defined it, and as it is now
        db = sqlite_utils.Database(memory=True)
        for migration in MIGRATIONS[:version]:
            migration(db)
        schemas[version] = (db["photo_corrections"].columns_dict, [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'photo_corrections' AND sql IS NOT NULL")])
    corrections_sql = schemas[3][1]
    open_test_store(data).close()  # the vault of the folder
    (data / "dr-screen.db").unlink()
    old = schema_1_database(data / "dr-screen.db")
    if schema_2 == "manifest sha256":
        MIGRATIONS[1](old)
    else:
        old["results"].add_column("referable_probability", float)
        old["results"].add_column("heads", str)
        for sql in corrections_sql:
            old.execute(sql)
    old["migrations"].insert({"version": 2, "applied_at": now_utc()})
    old.close()
    with open_test_store(data) as s:  # the plain database is encrypted, then migrated
        assert s.schema_version() == SCHEMA_VERSION == 4
        results = s.db["results"].columns_dict
        assert {"model_sha256", "referable_probability", "heads"} <= set(results)
        assert s.db["photo_corrections"].columns_dict == schemas[len(MIGRATIONS)][0]
        camp = s.create_camp("Village A", "Asha", "2025-03-01")
        patient = s.add_patient(camp["id"], "P-1", "Ravi", 50, "male")
        src = photo_file(b"photo-1")
        photo, result = s.record_graded_photo(s.files.ingest(src), src.name, fake_result(2, of=src), "m", "1", M1,
                                              patient_id=patient["id"], eye="right")
        assert (result["model_sha256"], result["referable_probability"]) == (M1, 0.25)
        remove_photo(s, photo["id"], "wrong patient")
        assert [c["action"] for c in history(s, patient["id"])] == ["remove"]
        with pytest.raises(vault.IntegrityError):  # the unique key of migration 2 is in place
            s.db.execute("INSERT INTO results (id, photo_id, model_sha256) VALUES ('x', ?, ?)", [photo["id"], M1])


# ---------------------------------------------------------------- damage, backups, restore


def fill(store, n=200):
    camp = store.create_camp("Village A", "Asha", "2025-03-01")
    for i in range(n):
        store.add_patient(camp["id"], f"P-{i:03d}", f"Patient {i} " + "x" * 100, 40, "female")


def root_page(store, table="patients"):
    return store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]


def corrupt_page(db_path, root, page_size=4096):
    """Overwrite a page (e.g. the root of a table's b-tree) with garbage, as a bad sector would."""
    with open(db_path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)


def test_corrupted_page_is_refused_with_the_latest_backup_offered_and_restored(tmp_path, capsys, credentials):
    from desktop.__main__ import main as desktop_main
    from desktop.store import DamagedDatabaseError
    data = tmp_path / "data"
    with open_test_store(data) as s:
        fill(s)
        first = s.backup()
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        s.add_patient(s.camps()[0]["id"], "P-late", "After the backup", 40, "male")
        root = root_page(s)
    corrupt_page(data / "dr-screen.db", root)
    with pytest.raises(DamagedDatabaseError, match=r"is damaged .*changed nothing.*newest backup is dr-screen-") as refused:
        open_test_store(data)
    assert refused.value.backup == first
    assert "P-" not in str(refused.value)
    assert (data / "dr-screen.db").stat().st_size > 0  # not replaced by an empty one

    assert desktop_main(["restore", "--data-dir", str(data)]) == 0  # as the admin (credentials)
    assert "restored" in capsys.readouterr().out
    with open_test_store(data) as s:
        assert len(s.patients(s.camps()[0]["id"])) == 200  # what the backup held
    kept = list(data.glob("dr-screen.db.damaged-*"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0  # the damaged file is kept, never deleted


def test_empty_or_garbage_database_beside_photos_is_refused_not_replaced(tmp_path, photo_file):
    from desktop.store import DamagedDatabaseError
    data = tmp_path / "data"
    with open_test_store(data) as s:
        s.files.ingest(photo_file(b"photo-1"))
    db = data / "dr-screen.db"
    db.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError, match="empty .0 bytes. although photos or backups are stored.*no backup"):
        open_test_store(data)
    assert db.stat().st_size == 0
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(DamagedDatabaseError, match="file is not a database"):
        open_test_store(data)
    with open_test_store(tmp_path / "new") as s:  # a new data folder still starts empty
        assert s.camps() == []


def test_backups_rotate_and_are_due_daily(store):
    from datetime import datetime, timedelta, timezone

    from desktop import backup
    fill(store, 3)
    taken = [store.backup(keep=3) for _ in range(5)]
    assert backup.backups(store.data_dir, store.db_name) == taken[:1:-1]  # the newest 3, newest first
    assert all(backup.check(b, store.keys) is None for b in taken[2:])
    assert not backup.due(store.data_dir, store.db_name)
    assert backup.due(store.data_dir, store.db_name, datetime.now(timezone.utc) + timedelta(hours=25))
    assert store.backup_if_due() is None


def test_partial_file_left_by_a_kill_is_removed_at_the_next_start(tmp_path):
    from desktop import partial
    data, out = tmp_path / "data", tmp_path / "stick"
    out.mkdir()
    with open_test_store(data):
        pass
    with partial.partial_file(data, out / "camp.zip") as tmp:
        tmp.write_bytes(b"half an export")
        journal = (data / partial.JOURNAL).read_text()
    assert not tmp.exists()
    tmp.write_bytes(b"half an export")  # as if the process had been killed inside the block
    (data / partial.JOURNAL).write_text(journal)
    with open_test_store(data):
        assert not tmp.exists() and not (data / partial.JOURNAL).exists()


def test_unusable_data_folder_is_explained(tmp_path, monkeypatch):
    from conftest import TEST_PASSPHRASE, light_kdf

    from desktop import vault
    from desktop.store import Store
    keys, _ = vault.create(tmp_path, TEST_PASSPHRASE, light_kdf())
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    with pytest.raises(StoreError, match="cannot use its data folder .*a-file/data .Not a directory.*--data-dir"):
        Store(not_a_folder / "data", keys=keys)
    # A read-only folder (simulated: these tests run as root, which ignores permissions).
    def read_only(path, mode):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(os, "chmod", read_only)
    with pytest.raises(StoreError, match="cannot use its data folder .*Permission denied"):
        Store(tmp_path / "data", keys=keys)
