"""Encryption at rest on real data folders: what a thief with the laptop's disk or the USB stick can read.

Issue 15: "a laptop's data folder and a USB export reveal no patient data without the
passphrase or the hub's key". The folders here are made through the real code paths
(set-up, grading real photos, backups, sync settings, an export), then every byte on
disk is searched for the patients' names, phone numbers, the hub token and the photos.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlite_utils
from conftest import TEST_ADMIN, TEST_PASSPHRASE, TEST_PIN, light_kdf, open_test_store, photo_sha256

from desktop import backup, unlock, vault
from desktop.store import plain_migration
from desktop.__main__ import main as desktop_main
from desktop.store import MIGRATIONS, DamagedDatabaseError, Store, now_utc
from desktop.sync import SyncSettings
from desktop.sync_export import export_file, set_hub_export_key
from hub.keys import make_key_pair

REPO = Path(__file__).resolve().parents[1]
NAMES = ["Zebulon Quixote", "Ottilie Vandersnoot", "Thirumalai Kuppuswamy"]  # found nowhere else
PHONE = "+91 98450 77123"
TOKEN = "dstok_secret-hub-token-7f3a9c"


def result(grade: int, of):
    return SimpleNamespace(gradable=True, reasons=[], grade=grade, grade_name=f"grade {grade}", score=grade + 0.1,
                           probabilities=[0.2] * 5, referable=grade >= 2, ms=12.0, referable_probability=None,
                           heads=None, sha256=photo_sha256(of))


def fill(store: Store, photos: list[Path]) -> None:
    camp = store.create_camp("PHC Kottur", "Asha", "2025-03-01")
    patients = [store.add_patient(camp["id"], f"KT-{i}", name, 50 + i, "female", phone=PHONE,
                                  notes=f"notes about {name}") for i, name in enumerate(NAMES)]
    for i, photo in enumerate(photos):
        store.record_graded_photo(store.files.ingest(photo), photo.name, result(i % 5, of=photo), "tiny", "1", "t" * 64,
                                  patient_id=patients[i % 3]["id"], eye=("right", "left")[i % 2],
                                  overlay_png=photo.read_bytes()[:5000])


def leaks(folder: Path, photos: list[Path]) -> list[str]:
    """What of the patients' data can be read from the files under `folder` without a key:
    names and phone (UTF-8 and UTF-16, and through `strings`), the token, any 4 kB of a photo."""
    needles = {n: [n.encode(), n.encode("utf-16-le")] for n in [*NAMES, PHONE, TOKEN]}
    chunks = [p.read_bytes()[i:i + 4096] for p in photos for i in (0, 100_000)]
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{what} in {path.name}" for what, forms in needles.items() if any(f in data for f in forms)]
        found += [f"photo bytes in {path.name}" for chunk in chunks if chunk in data]
    if shutil.which("strings"):
        files = [str(p) for p in folder.rglob("*") if p.is_file()]
        text = subprocess.run(["strings", "-a", *files], capture_output=True, text=True, check=True).stdout
        found += [f"{name} (strings)" for name in NAMES if name.split()[0] in text]
    return found


def test_strings_over_every_file_of_a_real_encrypted_store_and_export_find_no_patient(tmp_path, raw_photos):
    data, stick = tmp_path / "data", tmp_path / "stick"
    stick.mkdir()
    photos = raw_photos[:4]
    (tmp_path / "hub").mkdir()
    public, _ = make_key_pair(tmp_path / "hub")  # a hub's export key
    with open_test_store(data) as store:
        fill(store, photos)
        SyncSettings(hub_url="https://hub.example.org/hub", token=TOKEN).save(store)
        set_hub_export_key(store, public)
        store.backup()
        export_file(store, stick / "camp.zip")
        files = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert len([f for f in files if f.startswith("photos/")]) == 4 and len(backup.backups(data, "dr-screen.db")) == 1
    assert leaks(data, photos) == [] and leaks(stick, photos) == []
    # ...and the records are all there for whoever has the passphrase
    with open_test_store(data) as store:
        patients = store.patients(store.camps()[0]["id"])
        assert sorted(p["name"] for p in patients) == sorted(NAMES)
        photo = store.find_photo(store.files.ingest(photos[0]).sha256)
        assert store.photo_bytes(photo) == photos[0].read_bytes()
        assert SyncSettings.load(store).token == TOKEN


def test_a_wrong_passphrase_opens_nothing(tmp_path, raw_photos):
    data = tmp_path / "data"
    with open_test_store(data) as store:
        fill(store, raw_photos[:1])
        stored = store.files.relative(store.find_photo(store.files.ingest(raw_photos[0]).sha256)["sha256"])
        keys = store.keys
    with pytest.raises(vault.WrongPassphraseError, match="Wrong passphrase"):
        vault.unlock(data, TEST_PASSPHRASE + "!")
    other, _ = vault.create(tmp_path / "other", TEST_PASSPHRASE, light_kdf())  # same passphrase, another vault
    with pytest.raises(DamagedDatabaseError):
        Store(data, keys=other)  # another key: the database does not open
    with pytest.raises(vault.VaultError):
        vault.unseal(other.photo_key, (data / stored).read_bytes(), "whatever")
    plain = sqlite3.connect(data / "dr-screen.db")  # nor does plain SQLite
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT * FROM patients").fetchall()
    plain.close()
    with Store(data, keys=keys) as store:  # the right key still does: nothing was harmed
        assert len(store.camps()) == 1
    doc = json.loads((data / vault.VAULT_NAME).read_text())
    assert doc["kdf"]["name"] == "argon2id" and "wrapped" in doc["passphrase"]
    assert TEST_PASSPHRASE not in (data / vault.VAULT_NAME).read_text()


def test_the_recovery_key_printed_at_setup_sets_a_new_passphrase(tmp_path, monkeypatch, capsys):
    """`setup` prints the recovery key once; with it (and only with it) a forgotten passphrase is replaced."""
    data = tmp_path / "data"
    monkeypatch.setenv(unlock.ENV_PASSPHRASE, TEST_PASSPHRASE)
    monkeypatch.setenv(unlock.ENV_PIN, TEST_PIN)
    assert desktop_main(["setup", "--admin", TEST_ADMIN, "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    recovery = re.search(r"RECOVERY KEY .*\n\n    ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){7})\n", out).group(1)
    assert len(recovery) == 39 and vault.parse_recovery_key(recovery.lower())  # any case, 0/O and 1/I forgiven
    assert recovery not in (data / vault.VAULT_NAME).read_text()
    monkeypatch.setenv(unlock.ENV_USER, TEST_ADMIN)
    assert desktop_main(["setup", "--admin", "someone", "--data-dir", str(data)]) == 1  # never twice
    assert "already set up" in capsys.readouterr().err

    new = "a new passphrase after the old was lost"
    monkeypatch.setenv("DR_SCREEN_NEW_PASSPHRASE", new)
    monkeypatch.setenv("DR_SCREEN_RECOVERY_KEY", recovery[:-1] + ("A" if recovery[-1] != "A" else "B"))
    assert desktop_main(["passphrase", "recover", "--data-dir", str(data)]) == 1
    assert "does not open this laptop's records" in capsys.readouterr().err
    monkeypatch.setenv("DR_SCREEN_RECOVERY_KEY", recovery)
    assert desktop_main(["passphrase", "recover", "--data-dir", str(data)]) == 0
    with pytest.raises(vault.WrongPassphraseError):
        vault.unlock(data, TEST_PASSPHRASE)
    keys = vault.unlock(data, new)
    with unlock.open_store(data, keys) as store:
        events = [r["action"] for r in store.db.query("SELECT action FROM audit_log ORDER BY seq")]
        assert events[0] == "setup" and events[-1] == "recovery_used"
    assert vault.recover(data, recovery, "and once more, still valid").device_id == keys.device_id


@pytest.mark.parametrize("weak", ["aaaaaaaaaa", "1234567890", "password123", "qwertyuiop12", "abcabcabcabc"])
def test_a_passphrase_easy_to_guess_is_refused_whatever_its_length(tmp_path, weak):
    """Issue 21: `aaaaaaaaaa` was accepted (10 characters was the only rule)."""
    with pytest.raises(vault.VaultError, match="too easy to guess"):
        vault.create(tmp_path, weak, light_kdf())
    assert not vault.exists(tmp_path)
    vault.create(tmp_path, "kottur camp laptop 2025", light_kdf())  # a few unrelated words pass


def test_weakened_key_settings_in_vault_json_are_refused_and_recovery_restores_the_codes_own(tmp_path):
    """Issue 21: write access to vault.json was enough to set Argon2id to 32 KiB and 1 pass; the next
    `passphrase recover` then wrapped the new passphrase with them (0.79 ms a guess instead of ~350 ms)."""
    data = tmp_path / "data"
    _, recovery = vault.create(data, TEST_PASSPHRASE, light_kdf())
    with pytest.raises(vault.VaultError, match="below dr-screen's floor"):
        vault.create(tmp_path / "weak", TEST_PASSPHRASE, vault.KdfParams(memory_kib=32, iterations=1, lanes=1))
    path = data / vault.VAULT_NAME
    doc = json.loads(path.read_text())
    doc["kdf"]["params"] = {"memory_kib": 32, "iterations": 1, "lanes": 1}
    path.write_text(json.dumps(doc))
    with pytest.raises(vault.VaultError, match=r"weaker passphrase protection \(32 KiB, 1 passes\).*recovery key"):
        vault.unlock(data, TEST_PASSPHRASE)
    with pytest.raises(vault.VaultError, match="weaker"):
        vault.change_passphrase(data, TEST_PASSPHRASE, "another passphrase entirely")
    keys = vault.recover(data, recovery, "a new passphrase after the file was changed")
    assert json.loads(path.read_text())["kdf"]["params"] == dataclasses.asdict(vault.DEFAULT_KDF)
    assert vault.unlock(data, "a new passphrase after the file was changed").device_id == keys.device_id


# ---------------------------------------------------------------- a plain folder of the previous release


def make_plain_folder(data: Path, photos: list[Path]) -> None:
    """A data folder as the release before encryption left it (schema 2): plain SQLite in WAL
    mode, photos/ab/<sha256>.jpg, plain backups, sync.json with the token, laptop.key."""
    from fundus.signing import generate_key_pair

    data.mkdir(parents=True)
    db = sqlite_utils.Database(data / "dr-screen.db")
    db.enable_wal()
    db["migrations"].create({"version": int, "applied_at": str}, pk="version")
    for version, migration in enumerate(MIGRATIONS[:2], 1):
        migration(db)
        db["migrations"].insert({"version": version, "applied_at": now_utc()})
    stamp = now_utc()
    record = {"created_at": stamp, "updated_at": stamp, "version": 1, "sync_state": "pending"}
    db["camp_sessions"].insert({**record, "id": "c1", "site": "PHC Kottur", "operator": "Asha", "date": "2025-03-01"})
    for i, name in enumerate(NAMES):
        db["patients"].insert({**record, "id": f"p{i}", "camp_session_id": "c1", "patient_code": f"KT-{i}",
                               "name": name, "age": 50, "sex": "male", "phone": PHONE, "notes": ""})
    import hashlib
    for i, photo in enumerate(photos):
        sha = hashlib.sha256(photo.read_bytes()).hexdigest()
        rel = f"photos/{sha[:2]}/{sha}.jpg"
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(photo, data / rel)
        db["photos"].insert({**record, "id": f"ph{i}", "sha256": sha, "patient_id": f"p{i % 3}", "eye": "right",
                             "original_name": photo.name, "stored_path": rel, "size_bytes": photo.stat().st_size})
        db["results"].insert({**record, "id": f"r{i}", "photo_id": f"ph{i}", "model_name": "m", "model_version": "1",
                              "model_sha256": "m" * 64, "gradable": 1, "reasons": "[]", "grade": i % 5,
                              "grade_name": "x", "referable": int(i % 5 >= 2), "ms": 1.0})
    (data / "backups").mkdir()
    copy = sqlite3.connect(data / "backups" / "dr-screen-20250301-173002-123456.db")
    db.conn.backup(copy)
    copy.close()
    db["patients"].insert({**record, "id": "late", "camp_session_id": "c1", "patient_code": "KT-late",
                           "name": NAMES[0] + " Junior", "age": 9, "sex": "male", "phone": PHONE, "notes": ""})
    db.conn.commit()  # left in the WAL, as a running app leaves it
    (data / "sync.json").write_text(json.dumps({"hub_url": "https://hub.example.org/hub", "token": TOKEN}))
    generate_key_pair(data / "laptop.key")
    shutil.copy(data / "dr-screen.db", data / "dr-screen.db.damaged-20250201-101010-000001")


def test_a_plain_store_of_the_current_schema_is_encrypted_in_place_and_its_plain_copy_removed(tmp_path,
                                                                                                raw_photos):
    data, photos = tmp_path / "data", raw_photos[:3]
    make_plain_folder(data, photos)
    held = sqlite_utils.Database(data / "dr-screen.db")  # the old app still had it open: the WAL is not merged
    assert (data / "dr-screen.db-wal").stat().st_size > 0
    assert leaks(data, photos)  # the starting point: everything readable
    held.close()
    laptop_key = (data / "laptop.key").read_text()

    store, recovery = unlock.first_run(data, TEST_PASSPHRASE, TEST_ADMIN, TEST_PIN, light_kdf())
    with store:
        assert sorted(p["name"] for p in store.patients("c1")) == sorted([*NAMES, NAMES[0] + " Junior"])
        assert [store.photo_bytes(store.find_photo(store.files.ingest(p).sha256)) for p in photos] == \
            [p.read_bytes() for p in photos]
        assert SyncSettings.load(store).token == TOKEN
        assert store.setting(plain_migration.LAPTOP_KEY_SETTING) == laptop_key
        (event,) = store.db.query("SELECT * FROM audit_log WHERE action = 'encrypt_plain_store'")
        assert json.loads(event["detail"])["patients"] == 4 and event["user"] == TEST_ADMIN
        assert store.schema_version() == len(MIGRATIONS)
    assert leaks(data, photos) == []
    assert not (data / "sync.json").exists() and not (data / "laptop.key").exists()
    assert not list(data.glob("*.plain*")) and not list(data.glob(".*.encrypting*"))
    (old,) = backup.backups(data, "dr-screen.db")
    assert backup.check(old, vault.unlock(data, TEST_PASSPHRASE)) is None  # the old backup: encrypted, usable
    (damaged,) = data.glob("dr-screen.db.damaged-*")
    assert damaged.name.endswith(".sealed")  # a rescue copy stays, sealed
    assert recovery and (data / "laptop.pub").is_file()  # public (enrolled at the hub): it stays


def test_an_interrupted_encryption_is_finished_at_the_next_unlock(tmp_path, raw_photos, monkeypatch):
    data, photos = tmp_path / "data", raw_photos[:2]
    make_plain_folder(data, photos)
    keys, _ = vault.create(data, TEST_PASSPHRASE, light_kdf())

    real_check = plain_migration._check_copy
    calls = []

    def cut_after_the_rename(plain, encrypted, keys):
        calls.append(plain.name)
        if plain.name.endswith(".plain"):  # the plain file was moved aside, the encrypted one not yet in place
            raise OSError("power cut")
        return real_check(plain, encrypted, keys)

    monkeypatch.setattr(plain_migration, "_check_copy", cut_after_the_rename)
    with pytest.raises(OSError, match="power cut"):
        plain_migration.encrypt_in_place(data, keys)
    assert not (data / "dr-screen.db").exists() and (data / "dr-screen.db.plain").exists()
    monkeypatch.setattr(plain_migration, "_check_copy", real_check)
    store = unlock.open_store_after_setup(data, keys, TEST_ADMIN, TEST_PIN)  # the next start, which finishes it
    with store:
        assert len(store.patients("c1")) == 4
    assert leaks(data, photos) == []


def test_the_headless_grade_unlocks_from_the_environment_or_a_file_descriptor(tmp_path, raw_photos, tiny_bundle):
    """Never from the command line (ps shows it to every user)."""
    data, out = tmp_path / "data", tmp_path / "out.csv"
    open_test_store(data).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DR_SCREEN_")}
    env["DR_SCREEN_TRUSTED_KEYS"] = os.environ["DR_SCREEN_TRUSTED_KEYS"]
    cmd = [sys.executable, "-m", "desktop", "grade", str(raw_photos[0]), "--csv", str(out), "--model",
           str(tiny_bundle), "--data-dir", str(data), "--user", TEST_ADMIN]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "set $DR_SCREEN_PASSPHRASE or use --passphrase-fd" in done.stderr
    read, write = os.pipe()
    os.write(write, f"{TEST_PASSPHRASE}\n".encode())
    os.close(write)
    done = subprocess.run([*cmd, "--passphrase-fd", str(read)], cwd=REPO, env={**env, "DR_SCREEN_PIN": TEST_PIN},
                          capture_output=True, text=True, pass_fds=(read,))
    os.close(read)
    assert done.returncode == 0, done.stderr
    assert "plain text" in done.stderr  # the CSV is not encrypted, and it says so
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True,
                          env={**env, "DR_SCREEN_PASSPHRASE": "not the passphrase", "DR_SCREEN_PIN": TEST_PIN})
    assert done.returncode == 2 and "Wrong passphrase" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow  # its subprocess loads TensorFlow
def test_a_plain_sqlite_in_sqlcipher_s_place_is_refused_not_written_to(tmp_path):
    """TensorFlow, loaded first in a process, brings its own plain SQLite whose symbols take SQLCipher's
    place: SQLCipher's `PRAGMA key` would then be ignored and the records written in clear. The app
    never loads TensorFlow; if a process does, the store refuses to open instead."""
    data = tmp_path / "data"
    open_test_store(data).close()
    code = ("import sys, tensorflow; from desktop import unlock, vault; from desktop.store import StoreError\n"
            "try:\n    unlock.open_store(sys.argv[1], vault.unlock(sys.argv[1], sys.argv[2]))\n"
            "except StoreError as e:\n    print('refused:', e)\n")
    before = (data / "dr-screen.db").read_bytes()
    done = subprocess.run([sys.executable, "-c", code, str(data), TEST_PASSPHRASE], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert "refused: The database library in use is not SQLCipher" in done.stdout, done.stderr[-2000:]
    assert (data / "dr-screen.db").read_bytes() == before and not vault.is_plain_sqlite(data / "dr-screen.db")
