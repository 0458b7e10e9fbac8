"""Getting into a data folder: first-run set-up, unlocking, opening, restoring a backup,
and how the commands get the passphrase and the user without a person typing. Qt-free.

The window (desktop/ui/login.py) and every command open a data folder through here:

    keys = vault.unlock(data_dir, passphrase)      # or vault.recover(…) with the recovery key
    store = open_store(data_dir, keys)             # encrypts a plain folder first (plain_migration)
    users.login(store, name, pin)                  # who is working: every change is theirs

Commands read the passphrase from ``$DR_SCREEN_PASSPHRASE`` or a file descriptor
(``--passphrase-fd N``), never from their command line (``ps`` shows that to every
user); the user from ``--user`` or ``$DR_SCREEN_USER``, the PIN from
``$DR_SCREEN_PIN``; at a terminal they ask for what is missing, without echo.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop import backup, referral, users, vault
from desktop.store import DB_NAME, InstanceLock, Store, StoreError, events, plain_migration
from desktop.vault import DEFAULT_KDF, KdfParams, Keys
from fundus.text import QT_TRANSLATE_NOOP

ENV_PASSPHRASE = "DR_SCREEN_PASSPHRASE"
ENV_USER = "DR_SCREEN_USER"
ENV_PIN = "DR_SCREEN_PIN"


def open_store(data_dir: str | os.PathLike, keys: Keys, db_name: str = DB_NAME) -> Store:
    """The unlocked store; a folder an earlier release left plain is encrypted first (or finished)."""
    try:
        plain_migration.encrypt_in_place(data_dir, keys, db_name)
    except (OSError, vault.Error) as e:
        raise StoreError(QT_TRANSLATE_NOOP(
            "unlock", "The records in {folder} could not be encrypted ({reason}); nothing plain was removed. "
                      "Check the free disk space, then start dr-screen again.")
            .format(folder=data_dir, reason=e)) from None
    return Store(data_dir, db_name, keys=keys)


def first_run(data_dir: str | os.PathLike, passphrase: str, admin: str, pin: str,
              kdf: KdfParams = DEFAULT_KDF, hospital: str | None = None) -> tuple[Store, str]:
    """Set a data folder up: the vault (passphrase), the first administrator, the referral hospital
    (if given: where referred patients go), and the encryption of what an earlier release left plain.
    Returns the open store (admin signed in) and the recovery key, which the caller shows once.
    Everything typed is checked before anything is written."""
    vault.check_passphrase(passphrase)
    admin = users.check_name(admin)
    users.check_pin(pin)
    if hospital is not None:
        referral.check_hospital(hospital)
    keys, recovery = vault.create(data_dir, passphrase, kdf)
    store = open_store_after_setup(data_dir, keys, admin, pin, hospital)
    return store, recovery


def open_store_after_setup(data_dir: str | os.PathLike, keys: Keys, admin: str, pin: str,
                           hospital: str | None = None) -> Store:
    """The set-up's second half, also for a vault whose set-up stopped before its administrator existed."""
    admin = users.check_name(admin)
    users.check_pin(pin)
    if hospital is not None:
        referral.check_hospital(hospital)
    was_plain = plain_migration.needs_migration(Path(data_dir))
    store = open_store(data_dir, keys)
    try:
        users.create_first_admin(store, admin, pin)
        if hospital is not None:
            referral.set_referral_hospital(store, hospital)
        if was_plain:
            store.record_event("encrypt_plain_store", **{t: n for t, n in store_counts(store).items()})
    except BaseException:
        store.close()
        raise
    return store


def store_counts(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
            for t in ("camp_sessions", "patients", "photos", "results")}


def restore_backup(data_dir: str | os.PathLike, keys: Keys, admin: str, pin: str,
                   chosen: str | os.PathLike | None = None, db_name: str = DB_NAME) -> tuple[Path, Path]:
    """Put a backup (the newest, or `chosen`) in place of the database; returns (backup, kept old file).

    Only an administrator of that backup may (checked against its own accounts: the current
    database may be the damaged one). Takes the instance lock, so it never runs under an open
    dr-screen. The restore is then the first new event in the restored audit log.
    """
    data_dir = Path(data_dir)
    lock = InstanceLock(data_dir / f"{Path(db_name).stem}.lock")
    try:
        source = Path(chosen) if chosen else (backup.backups(data_dir, db_name) or [None])[0]
        if source is None or not source.is_file():
            raise StoreError(QT_TRANSLATE_NOOP("store", "There is no backup to restore in {folder}.")
                             .format(folder=data_dir / backup.BACKUP_DIR))
        problem = backup.check(source, keys)
        if problem:
            raise StoreError(QT_TRANSLATE_NOOP("unlock", "The backup {name} cannot be used ({problem}); choose an "
                                                         "older one.").format(name=source.name, problem=problem))
        conn = vault.connect(source, keys, readonly=True)
        try:
            allowed = users.admin_pin_matches(conn, admin, pin)
        finally:
            conn.close()
        if not allowed:
            raise users.PermissionDeniedError(QT_TRANSLATE_NOOP(
                "unlock", "Only an administrator may restore a backup: that name and PIN are not an "
                          "administrator's in this backup."))
        try:
            kept = backup.restore(data_dir / db_name, source, keys)
        except backup.BackupError as e:
            raise StoreError(e.args[0]) from None
        conn = vault.connect(data_dir / db_name, keys)
        try:
            events.append(conn, keys.device_id, admin, "restore", None, None, backup=source.name, kept=kept.name)
            conn.commit()
        finally:
            conn.close()
        return source, kept
    finally:
        lock.release()


# ---------------------------------------------------------------- commands


def add_arguments(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    parser.add_argument("--passphrase-fd", type=int, metavar="N",
                        help=f"read the passphrase from file descriptor N (default: ${ENV_PASSPHRASE}, "
                             "else ask)")
    if user:
        parser.add_argument("--user", help=f"the account doing this (default: ${ENV_USER}, else ask); "
                                           f"its PIN comes from ${ENV_PIN}, else is asked")


def _secret(prompt: str, env: str, fd: int | None = None) -> str:
    if fd is not None:
        with os.fdopen(fd, "r", encoding="utf-8", closefd=False) as f:
            value = f.readline().rstrip("\r\n")
    elif os.environ.get(env):
        value = os.environ[env]
    elif sys.stdin.isatty():
        value = getpass.getpass(prompt)
    else:
        raise StoreError(f"No {prompt.rstrip(': ').lower()} was given: set ${env}"
                         + (" or use --passphrase-fd" if env == ENV_PASSPHRASE else "")
                         + " (docs/accounts.md), never on the command line.")
    return value


def passphrase(args: argparse.Namespace) -> str:
    return _secret("Passphrase: ", ENV_PASSPHRASE, getattr(args, "passphrase_fd", None))


def unlock_keys(data_dir: Path, args: argparse.Namespace) -> Keys:
    if not vault.exists(data_dir):
        raise StoreError(f"{data_dir} is not set up yet: start the app once, or run `python -m desktop setup` "
                         "(docs/accounts.md).")
    try:
        return vault.unlock(data_dir, passphrase(args))
    except vault.VaultError as e:
        raise StoreError(str(e)) from None


def sign_in(store: Store, args: argparse.Namespace) -> dict:
    name = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not name:
        if not sys.stdin.isatty():
            raise StoreError(f"Say who does this: --user NAME or ${ENV_USER} (and the PIN in ${ENV_PIN}).")
        name = input("User: ").strip()
    return users.login(store, name, pin())


def pin() -> str:
    return _secret("PIN: ", ENV_PIN)


def session(data_dir: Path, args: argparse.Namespace, db_name: str = DB_NAME) -> Store:
    """What a command works on: the folder unlocked and opened, its user signed in."""
    keys = unlock_keys(data_dir, args)
    store = open_store(data_dir, keys, db_name)
    try:
        sign_in(store, args)
    except BaseException:
        store.close()
        raise
    return store
