"""The accounts a `Store` holds (who may sign in, and how: desktop/users.py decides)."""

from __future__ import annotations

import uuid
from typing import Any

from desktop.store.errors import disk_full_is_clear
from fundus.clock import now_utc


class AccountRecords:
    """Store's writes to the `users` table, each with its audit event in the same transaction
    (a mixin: `Store` supplies the database and the audit log)."""

    def add_account(self, name: str, role: str, pin_hash: str, *, by: str, action: str,
                    detail: dict | None = None) -> None:
        """A new active account made by `by` (the set-up's administrator makes their own); `detail`
        goes into the event."""
        with disk_full_is_clear(), self.db.atomic():
            self.db["users"].insert({"id": str(uuid.uuid4()), "name": name, "role": role, "pin_hash": pin_hash,
                                     "active": 1, "created_at": now_utc(), "created_by": by,
                                     "failed_pins": 0, "locked_until": None})
            self.audit(action, "users", name, by=by, **(detail or {}))

    def change_account(self, name: str, changes: dict, action: str, *, by: str | None = None,
                       **detail: Any) -> None:
        """Change the account's columns (role, active, PIN hash, wrong-PIN count and wait), with the
        event `action` by `by` (default: the signed-in user; a sign-in is by the one signing in)."""
        sets = ", ".join(f"[{column}] = ?" for column in changes)
        with disk_full_is_clear(), self.db.atomic():
            self.db.execute(f"UPDATE users SET {sets} WHERE name = ?", [*changes.values(), name])
            self.audit(action, "users", name, by=by, **detail)
