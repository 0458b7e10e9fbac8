"""Who did what, when, to which record: an append-only, hash-chained event log. Qt-free.

``audit_log`` is a synced table (desktop/store.py's contract: id, version, sync_state…)
with, per event: ``seq`` (1, 2, 3… on this data folder), ``device`` (the vault's
device id: one chain per data folder), ``user``, ``action``, ``target_table`` and
``target_id`` (which record), ``detail`` (JSON: counts, field names, file names,
never a patient's name or other personal field), ``prev_hash`` and ``hash``: a hash
chain (fundus/audit_chain.py, shared with the hub), so changing, removing or inserting
any row breaks the chain from there on, and ``verify`` names the first broken row.

Triggers in the database refuse deleting a row or changing anything but its sync
bookkeeping. Someone holding the key can drop them; the chain then still shows the
change, and the rows already synced are on the hub, which keeps the first copy of
each (hub/database.py). Events are written (desktop/store/events.py) in the same
transaction as the change they describe, so an event is never recorded for a change that
did not happen.
"""

from __future__ import annotations

# The chain itself (hashing and checking) is shared with the hub, which checks every laptop's chain;
# the laptop's callers check theirs through verify (below) and verify_rows here.
from fundus.audit_chain import GENESIS, TABLE, Verdict, row_hash, verify_rows  # noqa: F401
from fundus.audit_chain import verify as chain_of

# Every action the app records (a typo in a caller is an error, not a new kind of event).
ACTIONS = frozenset({
    "setup", "encrypt_plain_store", "login", "login_failed", "logout", "lock",
    "user_add", "user_change", "passphrase_change", "recovery_used",
    "camp_add", "patient_add", "patient_edit", "patient_delete", "photo_assign", "grade", "correction",
    "export_csv", "export_usb", "referral_slip", "sync", "sync_settings", "backup", "restore", "purge",
    "retention_policy", "audit_verify", "referral_hospital",
})
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


def verify(conn, device: str) -> Verdict:
    """The laptop's own chain. A laptop's log holds only its own events, so an event under another
    device id was inserted by hand (it would otherwise pass as a chain of its own)."""
    verdict = chain_of(conn, device)
    foreign = conn.execute(f"SELECT MIN(seq), COUNT(*) FROM [{TABLE}] WHERE device != ?", [device]).fetchone()
    if verdict.ok and foreign[1]:
        return Verdict(False, verdict.rows, foreign[0], f"{foreign[1]} event(s) carry another device's id: "
                       "this laptop did not write them (inserted into the database by hand)", device)
    return verdict
