"""The audit log's hash chain: how an event is hashed and how a device's chain is checked.

Shared by the laptop (desktop/audit.py writes the events and checks its own chain) and the
hub (``python -m hub audit`` checks every laptop's chain in the hub database). Each event
carries ``seq`` (1, 2, 3… per data folder), ``device`` and ``prev_hash``, and

    hash = sha256(prev_hash + canonical JSON of the event's HASHED fields)

so changing, removing or inserting any row breaks the chain from there on, and
``verify`` names the first broken row. The first row's prev_hash is 64 zeros.
stdlib only: `conn` is any DB-API connection (SQLCipher on the laptop, sqlite3 at the hub).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

TABLE = "audit_log"
GENESIS = "0" * 64
HASHED = ("id", "seq", "device", "created_at", "user", "action", "target_table", "target_id", "detail",
          "prev_hash")


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
