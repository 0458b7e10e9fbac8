"""`python -m desktop grade`: real photos, real model, a real subprocess (killed mid-run too).

The data folders are set up (encrypted) first; the command unlocks them with the
credentials from the environment (the `credentials` fixture), as docs/accounts.md says."""

import builtins
import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE, open_test_store

from desktop import vault
from desktop.__main__ import main as desktop_main
from fundus import grader, preprocess, quality
from fundus.files import file_sha256

pytestmark = pytest.mark.usefixtures("credentials")

REPO = Path(__file__).resolve().parents[1]


def grade(*args, data_dir, check_rc=None):
    proc = subprocess.run([sys.executable, "-m", "desktop", "grade", *map(str, args), "--data-dir", str(data_dir)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def read_csv(path):
    return list(csv.DictReader(Path(path).read_text(encoding="utf-8-sig").splitlines()))


def connect(db):
    """A read-only look at an encrypted database, beside the process that has it open."""
    return vault.connect(db, vault.unlock(Path(db).parent, TEST_PASSPHRASE), readonly=True)


def count(db, table):
    con = connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_bad_files_get_their_row_and_exit_1(tiny_bundle, raw_photos, tmp_path):
    empty, text = tmp_path / "empty.jpg", tmp_path / "notes.jpg"
    empty.write_bytes(b"")
    text.write_text("not a photo")
    out = tmp_path / "out.csv"
    open_test_store(tmp_path / "d").close()
    proc = grade(raw_photos[0], empty, text, "--csv", out, "--model", tiny_bundle, data_dir=tmp_path / "d", check_rc=1)
    assert "2 of 3 photos could not be graded" in proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("3 photos: ") and "2 failed" in proc.stdout
    assert proc.stdout.rstrip().endswith(f"-> {out}")
    good, bad1, bad2 = read_csv(out)
    assert list(good) == ["image", "grade", "grade_name", "score", "referable", "gradable", "reasons", "model", "ms",
                          "error"]
    assert good["gradable"] == "yes" and good["grade_name"] and good["error"] == ""
    assert "empty.jpg" in bad1["error"] and "notes.jpg" in bad2["error"]
    assert bad1["grade"] == bad2["grade"] == ""
    assert count(tmp_path / "d" / "dr-screen.db", "photos") == 1


def test_patient_eye_and_no_duplicates(tiny_bundle, raw_photos, tmp_path):
    data = tmp_path / "d"
    with open_test_store(data) as store:
        camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
        patient = store.add_patient(camp["id"], "P-7", "Ravi", 60, "male")
    out = tmp_path / "out.csv"
    grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, data_dir=data, check_rc=0)  # no patient yet
    first = read_csv(out)
    proc = grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, "--patient", "P-7", "--eye", "left",
                 data_dir=data, check_rc=0)
    assert read_csv(out) == first  # reported from the store, not graded again
    assert "review queue" not in proc.stderr  # it has a patient now
    with open_test_store(data) as store:
        (photo,) = store.photos(patient["id"], "left")
        assert {r["graded_by"] for r in store.db["results"].rows} == {"asha"}
        assert photo["original_name"] == raw_photos[0].name
        assert (count(store.db_path, "photos"), count(store.db_path, "results")) == (1, 1)
    proc = grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, "--patient", "P-404", "--eye", "left",
                 data_dir=data, check_rc=2)
    assert "no patient with that ID" in proc.stderr and "P-404" not in proc.stderr
    assert "Ravi" not in proc.stderr  # no patient names in logs

    # another photo on the graded left eye: refused unless --add (a retake), the eye unchanged
    proc = grade(raw_photos[1], "--csv", out, "--model", tiny_bundle, "--patient", "P-7", "--eye", "left",
                 data_dir=data, check_rc=2)
    assert "the left eye of that patient already has 1 graded photo" in proc.stderr and "--add" in proc.stderr
    assert "P-7" not in proc.stderr  # no patient IDs in messages
    with open_test_store(data) as store:
        assert len(store.photos(patient["id"], "left")) == 1
    grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, "--patient", "P-7", "--eye", "left",
          data_dir=data, check_rc=0)  # the photo already on that eye: a resumed run, not refused
    proc = grade(raw_photos[1], "--csv", out, "--model", tiny_bundle, "--patient", "P-7", "--eye", "left", "--add",
                 data_dir=data, check_rc=0)
    assert "1 photo: " in proc.stdout
    with open_test_store(data) as store:
        assert [p["original_name"] for p in store.photos(patient["id"], "left")] == [raw_photos[0].name,
                                                                                    raw_photos[1].name]


def test_empty_input_missing_file_and_unwritable_csv_are_plain(tiny_bundle, raw_photos, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    proc = grade(empty, "--csv", tmp_path / "out.csv", "--model", tiny_bundle, data_dir=tmp_path / "d", check_rc=2)
    assert "no photos found in" in proc.stderr and str(empty) in proc.stderr
    assert not (tmp_path / "out.csv").exists()

    open_test_store(tmp_path / "d").close()
    out = tmp_path / "out.csv"
    proc = grade(tmp_path / "IMG_404.JPG", "--csv", out, "--model", tiny_bundle, data_dir=tmp_path / "d", check_rc=1)
    (row,) = read_csv(out)
    assert row["error"] == "IMG_404.JPG: file not found" and "Errno" not in proc.stderr + proc.stdout

    proc = grade(raw_photos[0], "--csv", tmp_path / "no-such-dir" / "out.csv", "--model", tiny_bundle,
                 data_dir=tmp_path / "d", check_rc=2)
    assert "cannot write the CSV file" in proc.stderr and "No such file or directory" in proc.stderr


def test_locked_database_and_bad_model_are_explained(tiny_bundle, raw_photos, tmp_path):
    out = tmp_path / "out.csv"
    db = tmp_path / "camp" / "screening.db"
    open_test_store(db.parent, db.name).close()
    with open_test_store(db.parent, db.name):
        proc = grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, "--db", db, data_dir=tmp_path, check_rc=2)
    assert "already running" in proc.stderr and "Close the other dr-screen" in proc.stderr
    proc = grade(raw_photos[0], "--csv", out, "--model", tmp_path / "nope.json", data_dir=tmp_path, check_rc=2)
    assert "cannot use the model" in proc.stderr and "nope.json" in proc.stderr
    grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, "--db", db, data_dir=tmp_path, check_rc=0)
    assert count(db, "results") == 1


def test_sigkill_mid_run_loses_nothing_and_rerun_completes(tiny_bundle, raw_photos, tmp_path):
    data, out = tmp_path / "d", tmp_path / "out.csv"
    db = data / "dr-screen.db"
    open_test_store(data).close()
    cmd = [sys.executable, "-m", "desktop", "grade", *map(str, raw_photos), "--csv", str(out),
           "--model", str(tiny_bundle), "--data-dir", str(data), "--threads", "1"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if count(db, "results") >= 3:
                break
        except vault.OperationalError:  # busy
            pass
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    con = connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    graded = {r[0] for r in con.execute("SELECT original_name FROM photos p JOIN results r ON r.photo_id = p.id")}
    con.close()
    assert 3 <= len(graded) < len(raw_photos), "the kill must land mid-run"
    reported = {Path(r["image"]).name for r in read_csv(out)}
    assert reported <= graded  # every photo reported graded before the kill is in the database

    grade(*raw_photos, "--csv", out, "--model", tiny_bundle, data_dir=data, check_rc=0)
    rows = read_csv(out)
    assert len(rows) == len(raw_photos) and all(r["error"] == "" for r in rows)
    assert count(db, "photos") == count(db, "results") == len(raw_photos)
    assert not list((data / "photos").rglob("*.part"))


def test_csv_is_owner_only_even_over_an_existing_file(tiny_bundle, raw_photos, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o644)
    open_test_store(tmp_path / "d").close()
    grade(raw_photos[0], "--csv", out, "--model", tiny_bundle, data_dir=tmp_path / "d", check_rc=0)
    assert out.stat().st_mode & 0o777 == 0o600


def test_summary_adds_up_and_photos_without_a_patient_are_flagged(tiny_bundle, raw_photos, tmp_path):
    open_test_store(tmp_path / "d").close()
    out = tmp_path / "out.csv"
    proc = grade(*raw_photos[:4], "--csv", out, "--model", tiny_bundle, data_dir=tmp_path / "d", check_rc=0)
    graded, referable, ungradable = map(int, re.search(
        r"^4 photos: (\d+) graded \((\d+) referable\), (\d+) ungradable, 0 failed", proc.stdout, re.M).groups())
    rows = read_csv(out)
    assert graded == sum(r["gradable"] == "yes" for r in rows) and graded + ungradable == 4
    assert referable == sum(r["gradable"] == "yes" and r["referable"] == "yes" for r in rows)
    assert "never reach the hub's review queue" in proc.stderr
    assert "XNNPACK" not in proc.stderr + proc.stdout  # LiteRT's own line stays out of the command's output


def test_a_db_that_does_not_exist_is_refused_not_created(tiny_bundle, raw_photos, tmp_path):
    data = tmp_path / "d"
    open_test_store(data).close()
    other = data / "OTHER.db"
    proc = grade(raw_photos[0], "--csv", tmp_path / "out.csv", "--model", tiny_bundle, "--db", other,
                 data_dir=data, check_rc=2)
    assert "there is no database" in proc.stderr and "--db" in proc.stderr
    assert not other.exists() and not (tmp_path / "out.csv").exists()


def test_each_photo_is_read_once_and_its_disc_found_once(tiny_bundle, raw_photos, tmp_path, monkeypatch):
    """The bytes read are the bytes hashed, decoded and sealed: one read of each file, one disc detection."""
    photos = raw_photos[:3]
    open_test_store(tmp_path / "d").close()
    opened, discs = Counter(), []
    real_open, real_find = io.open, preprocess.find_disc_mask

    def counting_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) in photos:
            opened[Path(file)] += 1
        return real_open(file, *args, **kwargs)

    def counting_find(rgb):
        discs.append(rgb.shape)
        return real_find(rgb)

    for module, name, replacement in ((io, "open", counting_open), (builtins, "open", counting_open),
                                      (preprocess, "find_disc_mask", counting_find),
                                      (quality, "find_disc_mask", counting_find),
                                      (grader, "find_disc_mask", counting_find)):
        monkeypatch.setattr(module, name, replacement)
    assert desktop_main(["grade", *map(str, photos), "--csv", str(tmp_path / "out.csv"), "--model", str(tiny_bundle),
                         "--data-dir", str(tmp_path / "d")]) == 0
    monkeypatch.undo()
    assert opened == {p: 1 for p in photos} and len(discs) == len(photos)
    with open_test_store(tmp_path / "d") as store:
        for path in photos:
            assert store.photo_bytes(store.find_photo(file_sha256(path))) == path.read_bytes()
