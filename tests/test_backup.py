"""Backups killed half-way (desktop/backup.py): nothing of the patients' records is left behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import open_test_store

from desktop import backup

REPO = Path(__file__).resolve().parents[1]
# A backup in its own process, killed (os._exit: no clean-up runs, as with kill -9) once the
# copy's file exists and SQLCipher has it open.
KILLED_BACKUP = """
import os, sys
sys.path.insert(0, {tests!r})
from conftest import open_test_store
from desktop import backup, vault

connect = vault.connect
def connect_then_die(path, keys, **kwargs):
    conn = connect(path, keys, **kwargs)
    if str(path).endswith(".part"):  # the backup's copy, not the store's own database
        conn.execute("CREATE TABLE half_copied (x)")
        os._exit(9)
    return conn
vault.connect = connect_then_die
store = open_test_store({data!r})
store.backup()
"""


def test_a_backup_killed_half_way_leaves_no_part_file_past_the_next_start(tmp_path):
    """Issue 21: a killed backup left `.part` files (a copy of the records) that were never cleaned."""
    data = tmp_path / "data"
    with open_test_store(data) as store:
        store.create_camp("PHC Kottur", "Asha", "2025-03-01")
    killed = subprocess.run([sys.executable, "-c", KILLED_BACKUP.format(tests=str(REPO / "tests"), data=str(data))],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert killed.returncode == 9, killed.stderr[-2000:]
    left = list((data / backup.BACKUP_DIR).glob(".*.part"))
    assert len(left) == 1 and left[0].stat().st_size > 0
    with open_test_store(data) as store:  # the next start
        assert not left[0].exists()
        assert store.backup().exists()
    assert not list((data / backup.BACKUP_DIR).glob(".*.part"))
