"""`python -m desktop setup|users|passphrase|audit|retention|hospital`: the vault, accounts, audit,
retention and the referral hospital from a terminal (docs/accounts.md).

Secrets are asked for without echo at a terminal; without one they come from the
environment, never from the command line: $DR_SCREEN_PASSPHRASE (or --passphrase-fd),
$DR_SCREEN_PIN (also `setup`'s new passphrase and first PIN), and for new ones of the other
commands $DR_SCREEN_NEW_PASSPHRASE, $DR_SCREEN_NEW_PIN, $DR_SCREEN_RECOVERY_KEY. Exit status 0 done, 1 refused or failed (one `error:` line),
and for `audit verify` 1 when the chain is broken.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop import audit, paths, referral, retention, unlock, users, vault
from desktop.store import StoreError

ENV_NEW_PASSPHRASE = "DR_SCREEN_NEW_PASSPHRASE"
ENV_NEW_PIN = "DR_SCREEN_NEW_PIN"
ENV_RECOVERY_KEY = "DR_SCREEN_RECOVERY_KEY"


def build_parser(prog: str, command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog)
    if command == "setup":
        parser.description = ("Set this laptop's data folder up: passphrase, first administrator (and the "
                              "encryption of records an earlier release left plain). Prints the recovery key once.")
        parser.add_argument("--admin", help="the first administrator's account name")
        parser.add_argument("--hospital", help="the eye hospital where referred patients go (printed on their "
                                               "referral slips; asked at a terminal)")
    elif command == "users":
        parser.description = "List accounts, or (administrator) add or change one."
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list")
        add = sub.add_parser("add")
        add.add_argument("name")
        add.add_argument("--role", choices=users.ROLES, default="technician")
        change = sub.add_parser("set")
        change.add_argument("name")
        change.add_argument("--role", choices=users.ROLES)
        change.add_argument("--disable", action="store_true")
        change.add_argument("--enable", action="store_true")
        change.add_argument("--reset-pin", action="store_true", help=f"set a new PIN (${ENV_NEW_PIN}, or asked)")
        idle = sub.add_parser("idle-lock", help="lock the window after this many idle minutes")
        idle.add_argument("minutes", type=int)
    elif command == "passphrase":
        parser.description = "Change the passphrase (administrator), or set a new one with the recovery key."
        parser.add_argument("action", choices=["change", "recover"])
    elif command == "hospital":
        parser.description = ("Show, or set (administrator), the eye hospital where referred patients go: it is "
                              "printed on their referral slips.")
        parser.add_argument("--set", metavar="NAME", dest="hospital", help="the hospital and its town")
    elif command == "audit":
        parser.description = "Check the audit log's hash chain on this laptop; names the first broken event."
        parser.add_argument("action", choices=["verify"])
    else:
        parser.description = ("Show or set (administrator) how many days after the hub confirmed them records "
                              "keep their personal data on this laptop; applies it now.")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument("--days", type=int)
        choice.add_argument("--off", action="store_true", help="keep everything (the default)")
    # after the command's own words (`users add NAME --data-dir …`), like the other commands
    for target in (sub.choices.values() if command == "users" else [parser]):
        target.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
        unlock.add_arguments(target, user=command != "setup")
    return parser


def new_secret(what: str, env: str) -> str:
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise StoreError(f"No new {what} was given: set ${env} (never on the command line).")
    first = getpass.getpass(f"New {what}: ")
    if getpass.getpass(f"New {what} again: ") != first:
        raise StoreError(f"The two {what}s differ; nothing was changed.")
    return first


def main(command: str, argv: list[str], prog: str) -> int:
    args = build_parser(prog, command).parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    try:
        if command == "setup":
            return setup(data_dir, args)
        if command == "passphrase":
            return passphrase(data_dir, args)
        with unlock.session(data_dir, args) as store:
            if command == "users":
                return manage_users(store, args)
            if command == "hospital":
                return hospital(store, args)
            if command == "audit":
                verdict = audit.verify(store.db, store.keys.device_id)
                store.record_event("audit_verify", ok=verdict.ok, events=verdict.rows)
                print(verdict.summary())
                return 0 if verdict.ok else 1
            if args.days is not None or args.off:
                retention.set_policy(store, None if args.off else args.days)
            days = retention.policy_days(store)
            purged = retention.purge_due(store)
            print("retention: " + (f"personal data kept {days} days after the hub confirmed it; "
                                   f"{purged} patients purged now" if days else "everything is kept (no policy)"))
            return 0
    except (StoreError, vault.VaultError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def setup(data_dir, args) -> int:
    admin = args.admin or (input("First administrator's name: ").strip() if sys.stdin.isatty() else "")
    if not admin:
        raise StoreError("Name the first administrator with --admin NAME.")
    named = args.hospital or (input("Referral eye hospital (printed on referral slips; Enter: later): ").strip()
                              if sys.stdin.isatty() else "")
    if vault.exists(data_dir):  # a set-up that stopped before its administrator existed
        keys = unlock.unlock_keys(data_dir, args)
        with unlock.open_store(data_dir, keys) as store:
            if users.accounts(store):
                raise StoreError(f"{data_dir} is already set up; an administrator adds accounts with "
                                 "`python -m desktop users add`.")
        unlock.open_store_after_setup(data_dir, keys, admin, unlock.pin(), named or None).close()
        print(f"administrator {admin} added; the recovery key was shown when the passphrase was set")
        print_hospital(named)
        return 0
    secret = unlock.passphrase(args) if (args.passphrase_fd is not None or os.environ.get(unlock.ENV_PASSPHRASE)) \
        else new_secret("passphrase", unlock.ENV_PASSPHRASE)
    store, recovery = unlock.first_run(data_dir, secret, admin, unlock.pin(), hospital=named or None)
    store.close()
    print(f"{data_dir} is set up and encrypted; administrator: {admin}.\n\n"
          f"RECOVERY KEY (shown this once; write it down and keep it away from the laptop):\n\n    {recovery}\n\n"
          "With it a forgotten passphrase can be replaced: `python -m desktop passphrase recover`.")
    print_hospital(named)
    return 0


def print_hospital(name: str | None) -> None:
    if name:
        print(f"referral hospital: {' '.join(name.split())}")
    else:
        print("no referral hospital yet: slips tell referred patients to ask the camp staff until an "
              "administrator names it (`python -m desktop hospital --set NAME`, or Admin → Referral hospital)")


def hospital(store, args) -> int:
    if args.hospital is not None:
        referral.set_referral_hospital(store, args.hospital)
    print_hospital(referral.referral_hospital(store))
    return 0


def passphrase(data_dir, args) -> int:
    if args.action == "recover":
        key = os.environ.get(ENV_RECOVERY_KEY) or (getpass.getpass("Recovery key: ") if sys.stdin.isatty() else "")
        keys = vault.recover(data_dir, key, new_secret("passphrase", ENV_NEW_PASSPHRASE))
        with unlock.open_store(data_dir, keys) as store:
            store.record_recovery_used()
        print("a new passphrase is set; the recovery key stays valid")
        return 0
    old = unlock.passphrase(args)
    with unlock.open_store(data_dir, vault.unlock(data_dir, old)) as store:
        unlock.sign_in(store, args)
        users.require_admin(store)
        vault.change_passphrase(data_dir, old, new_secret("passphrase", ENV_NEW_PASSPHRASE))
        store.record_event("passphrase_change")
    print("the passphrase is changed")
    return 0


def manage_users(store, args) -> int:
    if args.action == "list":
        for account in users.accounts(store):
            print(f"{account['name']}\t{account['role']}\t{'active' if account['active'] else 'disabled'}")
        return 0
    if args.action == "add":
        users.add_user(store, args.name, new_secret("PIN", ENV_NEW_PIN), args.role)
        print(f"added {args.role} {args.name}")
        return 0
    if args.action == "idle-lock":
        users.set_idle_minutes(store, args.minutes)
        print(f"the window locks after {args.minutes} idle minutes")
        return 0
    active = True if args.enable else False if args.disable else None
    users.change_user(store, args.name, role=args.role, active=active,
                      pin=new_secret("PIN", ENV_NEW_PIN) if args.reset_pin else None)
    print(f"changed {args.name}")
    return 0
