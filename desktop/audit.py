"""Who did what, when, to which record: an append-only, hash-chained event log. Qt-free.

``audit_log`` is a synced table (desktop/store.py's contract: id, version, sync_state…)
with, per event: ``seq`` (1, 2, 3… on this data folder), ``device`` (the vault's
device id: one chain per data folder), ``user``, ``action``, ``target_table`` and
``target_id`` (which record), ``detail`` (JSON: counts, field names, file names,
never a patient's name or other personal field), ``prev_hash`` and ``hash``:

    hash = sha256(prev_hash + canonical JSON of the event's fields)

so changing, removing or inserting any row breaks the chain from there on, and
``verify`` names the first broken row. The first row's prev_hash is 64 zeros.

Triggers in the database refuse deleting a row or changing anything but its sync
bookkeeping. Someone holding the key can drop them; the chain then still shows the
change, and the rows already synced are on the hub, which keeps the first copy of
each (desktop/hub.py). Events are written in the same transaction as the change
they describe, so an event is never recorded for a change that did not happen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

TABLE = "audit_log"
GENESIS = "0" * 64
# Every action the app records (a typo in a caller is an error, not a new kind of event).
ACTIONS = frozenset({
    "setup", "encrypt_plain_store", "login", "login_failed", "logout", "lock",
    "user_add", "user_change", "passphrase_change", "recovery_used",
    "camp_add", "patient_add", "patient_edit", "patient_delete", "photo_assign", "grade", "correction",
    "export_csv", "export_usb", "referral_slip", "sync", "sync_settings", "backup", "restore", "purge",
    "retention_policy", "audit_verify",
})
HASHED = ("id", "seq", "device", "created_at", "user", "action", "target_table", "target_id", "detail",
          "prev_hash")
COLUMNS = {"id": str, "created_at": str, "updated_at": str, "version": int, "sync_state": str,
           "seq": int, "device": str, "user": str, "action": str, "target_table": str, "target_id": str,
           "detail": str, "prev_hash": str, "hash": str}
BOOKKEEPING = ("sync_state", "synced_at")  # what mark_synced may change


def create_table(db) -> None:
    """The table, its indexes and the append-only triggers (called from the store's migration)."""
    db[TABLE].create(COLUMNS, pk="id")
    db[TABLE].create_index(["device", "seq"], unique=True)
    db[TABLE].create_index(["sync_state"])
    db.execute(f"CREATE TRIGGER [{TABLE}_no_delete] BEFORE DELETE ON [{TABLE}] "
               "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    changed = " OR ".join(f"NEW.[{c}] IS NOT OLD.[{c}]" for c in COLUMNS if c not in BOOKKEEPING)
    db.execute(f"CREATE TRIGGER [{TABLE}_no_update] BEFORE UPDATE ON [{TABLE}] WHEN {changed} "
               "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def row_hash(row: dict) -> str:
    content = json.dumps({k: row[k] for k in HASHED}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((row["prev_hash"] + content).encode()).hexdigest()


@dataclass
class Verdict:
    ok: bool
    rows: int
    first_broken: int | None = None  # seq of the first row that does not fit the chain
    why: str = ""
    device: str | None = None

    def summary(self) -> str:
        where = f" (device {self.device})" if self.device else ""
        if self.ok:
            return f"audit log intact{where}: {self.rows} events, every link checked"
        return f"audit log BROKEN{where} at event {self.first_broken}: {self.why}"


def verify_rows(rows: Iterable[dict], device: str | None = None) -> Verdict:
    """Check one device's chain (rows in any order): it starts at event 1, has no gap, each row
    links to the one before and its hash matches its content."""
    rows = sorted(rows, key=lambda r: r["seq"])
    prev_hash, expected = GENESIS, 1
    for row in rows:
        if row["seq"] != expected:
            kind = "appears twice (two histories: a backup was restored)" if row["seq"] < expected else \
                f"follows event {expected - 1}: events are missing"
            return Verdict(False, len(rows), row["seq"], f"event {row['seq']} {kind}", device)
        if row["prev_hash"] != prev_hash:
            return Verdict(False, len(rows), row["seq"], "it does not link to the event before it (that one "
                           "was changed, removed or replaced)", device)
        if row_hash(row) != row["hash"]:
            return Verdict(False, len(rows), row["seq"], "its content was changed after it was written", device)
        prev_hash, expected = row["hash"], expected + 1
    return Verdict(True, len(rows), device=device)


def verify(conn, device: str) -> Verdict:
    """The chain of `device` in this database (the laptop's own, by default)."""
    cursor = conn.execute(f"SELECT * FROM [{TABLE}] WHERE device = ?", [device])
    names = [d[0] for d in cursor.description]
    return verify_rows((dict(zip(names, r)) for r in cursor.fetchall()), device)


def verify_all(conn) -> list[Verdict]:
    """Every device's chain (the hub holds one per laptop)."""
    devices = [r[0] for r in conn.execute(f"SELECT DISTINCT device FROM [{TABLE}] ORDER BY device")]
    return [verify(conn, d) for d in devices]
