"""Local accounts: who is at the laptop. Qt-free.

Each person has an account with a PIN (4 to 12 digits) and a role:

- **admin**: everything, and alone may manage accounts, set up sync, restore a
  backup, delete a patient and set the retention and idle-lock policies;
- **technician**: screening (camps, patients, photos, grading), exports and Sync now.

The passphrase (desktop/vault.py) protects the data at rest; the PIN says who is
working in the open app. PINs are checked against Argon2id hashes inside the
encrypted database, so they cannot be attacked without the passphrase. A wrong PIN
costs time: after ``FREE_TRIES`` wrong PINs in a row, each further one makes the
account wait ``FIRST_DELAY_S`` seconds, doubling up to ``MAX_DELAY_S`` (kept in the
database, so restarting the app does not reset it). ``IdleLock`` tells the window
when to lock after idle minutes. Clocks are injectable for tests.
"""

from __future__ import annotations

import os
import time
from typing import Callable

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desktop.store import Store, StoreError
from fundus.text import QT_TRANSLATE_NOOP

ROLES = ("admin", "technician")
ROLE_NAMES = {"admin": QT_TRANSLATE_NOOP("users", "administrator"),
              "technician": QT_TRANSLATE_NOOP("users", "technician")}
MIN_PIN, MAX_PIN = 4, 12
MAX_NAME = 40
FREE_TRIES = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 15 * 60.0
DEFAULT_IDLE_MINUTES = 5
IDLE_SETTING = "idle_lock_minutes"
# OWASP's Argon2id minimum: about 0.1 s per check on a camp laptop.
PIN_MEMORY_KIB, PIN_ITERATIONS = 19 * 1024, 2

Clock = Callable[[], float]


class AccountError(StoreError):
    """A sign-in or account change that was refused; the message says why."""


class WrongPinError(AccountError):
    """A wrong name or PIN; `wait_s`: how long the account must now wait (0: it may try again at once)."""

    def __init__(self, message: str, wait_s: float = 0.0):
        super().__init__(message)
        self.wait_s = wait_s


class TooSoonError(WrongPinError):
    """Tried again before the wait after wrong PINs was over (the PIN was not checked)."""


class PermissionDeniedError(AccountError):
    pass


# ---------------------------------------------------------------- PINs and names


def check_pin(pin: str) -> None:
    if not (pin.isdigit() and pin.isascii() and MIN_PIN <= len(pin) <= MAX_PIN):
        raise AccountError(QT_TRANSLATE_NOOP("users", "A PIN is {min} to {max} digits (6 or more are harder to "
                                                      "guess).").format(min=MIN_PIN, max=MAX_PIN))


def check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"The role must be one of {', '.join(ROLES)}.")  # a caller's bug: the UI offers ROLES


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise AccountError(QT_TRANSLATE_NOOP("users", "Enter a name of 1 to {max} characters for the account.")
                           .format(max=MAX_NAME))
    return name


def hash_pin(pin: str) -> str:
    return Argon2id(salt=os.urandom(16), length=32, iterations=PIN_ITERATIONS, lanes=1,
                    memory_cost=PIN_MEMORY_KIB).derive_phc_encoded(pin.encode())


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(pin.encode(), pin_hash)
    except (InvalidKey, ValueError):
        return False
    return True


def delay_after(failed: int) -> float:
    """Seconds an account waits after `failed` wrong PINs in a row (0 for the first few)."""
    if failed < FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY_S * 2 ** (failed - FREE_TRIES), MAX_DELAY_S)


# ---------------------------------------------------------------- accounts


def accounts(store: Store, *, active_only: bool = False) -> list[dict]:
    """Name, role and active flag of each account (never the PIN hash), by name."""
    where = "WHERE active = 1 " if active_only else ""
    return list(store.db.query(f"SELECT name, role, active FROM users {where}ORDER BY name"))


def _account(store: Store, name: str) -> dict | None:
    rows = list(store.db.query("SELECT * FROM users WHERE name = ?", [name]))
    return rows[0] if rows else None


def require_admin(store: Store) -> None:
    store.actor()  # signed in at all
    if store.user["role"] != "admin":
        raise PermissionDeniedError(QT_TRANSLATE_NOOP(
            "users", "Only an administrator may do this. Ask an administrator to sign in."))


def _new_account(store: Store, name: str, pin: str, role: str, *, by: str, action: str,
                 detail: dict | None = None) -> None:
    check_role(role)
    check_pin(pin)
    if _account(store, name):
        raise AccountError(QT_TRANSLATE_NOOP("users", "There is already an account with that name."))
    store.add_account(name, role, hash_pin(pin), by=by, action=action, detail=detail)


def create_first_admin(store: Store, name: str, pin: str) -> dict:
    """The set-up's administrator (only while there is no account); signs them in."""
    name = check_name(name)
    if accounts(store):
        raise AccountError(QT_TRANSLATE_NOOP("users", "This laptop already has accounts; an administrator adds "
                                                      "new ones."))
    _new_account(store, name, pin, "admin", by=name, action="setup")
    store.user = {"name": name, "role": "admin"}
    return store.user


def add_user(store: Store, name: str, pin: str, role: str = "technician") -> None:
    require_admin(store)
    name = check_name(name)
    _new_account(store, name, pin, role, by=store.actor(), action="user_add", detail={"role": role})


def change_user(store: Store, name: str, *, role: str | None = None, active: bool | None = None,
                pin: str | None = None) -> None:
    """An administrator changes a role, (de)activates an account or sets a new PIN (which also
    clears its wrong-PIN delay). The last active administrator stays one."""
    require_admin(store)
    account = _account(store, name)
    if account is None:
        raise AccountError(QT_TRANSLATE_NOOP("users", "There is no account with that name."))
    changes: dict = {}
    if role is not None:
        check_role(role)
        changes["role"] = role
    if active is not None:
        changes["active"] = int(active)
    if pin is not None:
        check_pin(pin)
        changes.update(pin_hash=hash_pin(pin), failed_pins=0, locked_until=None)
    if not changes:
        return
    stays_admin = changes.get("role", account["role"]) == "admin" and changes.get("active", account["active"])
    if account["role"] == "admin" and account["active"] and not stays_admin and _active_admins(store) == 1:
        raise AccountError(QT_TRANSLATE_NOOP("users", "This is the last active administrator: make another "
                                                      "account an administrator first."))
    changed = (set(changes) - {"pin_hash", "failed_pins", "locked_until"}) | ({"pin"} if pin else set())
    store.change_account(name, changes, "user_change", changed=sorted(changed))  # never the PIN itself


def _active_admins(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]


# ---------------------------------------------------------------- signing in


def login(store: Store, name: str, pin: str, *, clock: Clock = time.time) -> dict:
    """Sign `name` in (store.user), or raise WrongPinError / TooSoonError. Both outcomes are audited."""
    account = _account(store, name)
    if account is None or not account["active"]:
        store.record_event("login_failed", "users", name, by=name, reason="no such active account")
        raise WrongPinError(QT_TRANSLATE_NOOP("users", "Wrong name or PIN."))
    now = clock()
    if account["locked_until"] and now < account["locked_until"]:
        wait = account["locked_until"] - now
        raise TooSoonError(QT_TRANSLATE_NOOP("users", "Too many wrong PINs: wait {seconds} s before the next try.")
                           .format(seconds=f"{wait:.0f}"), wait)
    if not pin_matches(account["pin_hash"], pin):
        failed = account["failed_pins"] + 1
        delay = delay_after(failed)
        store.change_account(name, {"failed_pins": failed, "locked_until": now + delay if delay else None},
                             "login_failed", by=name, failed=failed)
        message = QT_TRANSLATE_NOOP("users", "Wrong name or PIN. Wait {seconds} s before the next try.").format(
            seconds=f"{delay:.0f}") if delay else QT_TRANSLATE_NOOP("users", "Wrong name or PIN.")
        raise WrongPinError(message, delay)
    store.change_account(name, {"failed_pins": 0, "locked_until": None}, "login", by=name)
    store.user = {"name": name, "role": account["role"]}
    return store.user


def logout(store: Store, action: str = "logout") -> None:
    """Sign out ("logout"), or lock after idle ("lock"): the next person signs in with a PIN."""
    if store.user is not None:
        store.record_event(action, "users", store.user["name"])
        store.user = None


def admin_pin_matches(conn, name: str, pin: str) -> bool:
    """An active administrator with this PIN in the database on `conn` (e.g. a backup to restore)."""
    row = conn.execute("SELECT pin_hash FROM users WHERE name = ? AND role = 'admin' AND active = 1",
                       [name]).fetchone()
    return row is not None and pin_matches(row[0], pin)


# ---------------------------------------------------------------- idle lock


def idle_minutes(store: Store) -> int:
    value = store.setting(IDLE_SETTING)
    return int(value) if value else DEFAULT_IDLE_MINUTES


def set_idle_minutes(store: Store, minutes: int) -> None:
    require_admin(store)
    if not 1 <= minutes <= 120:
        raise AccountError(QT_TRANSLATE_NOOP("users", "The idle lock must be between 1 and 120 minutes."))
    store.change_setting(IDLE_SETTING, str(minutes), "user_change", minutes=minutes)


class IdleLock:
    """Due once nobody touched the app for `minutes`; `touch` on every key press or click."""

    def __init__(self, minutes: float, clock: Clock = time.monotonic):
        self.seconds, self._clock = minutes * 60, clock
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def due(self) -> bool:
        return self._clock() - self._last >= self.seconds
