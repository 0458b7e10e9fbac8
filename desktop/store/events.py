"""Appending to the audit log (desktop/audit.py: the chain's format and its check)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from desktop.audit import ACTIONS, GENESIS, TABLE, row_hash
from fundus.clock import now_utc


def append(conn, device: str, user: str | None, action: str, target_table: str | None = None,
           target_id: str | None = None, **detail: Any) -> dict:
    """Append one event (inside the caller's transaction, if any). `conn` is any connection with
    execute(): a sqlite_utils.Database or an SQLCipher connection (a backup being restored)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    last = conn.execute(f"SELECT seq, hash FROM [{TABLE}] WHERE device = ? ORDER BY seq DESC LIMIT 1",
                        [device]).fetchone()
    stamp = now_utc()
    row = {"id": str(uuid.uuid4()), "created_at": stamp, "updated_at": stamp, "version": 1,
           "sync_state": "pending", "seq": last[0] + 1 if last else 1, "device": device, "user": user,
           "action": action, "target_table": target_table, "target_id": target_id,
           "detail": json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else None,
           "prev_hash": last[1] if last else GENESIS}
    row["hash"] = row_hash(row)
    names = ", ".join(f"[{c}]" for c in row)
    conn.execute(f"INSERT INTO [{TABLE}] ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    return row
