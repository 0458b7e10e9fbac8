"""`python -m desktop hub setup|key|enrol|laptops|audit`: the hospital hub's side (run on the hub server).

Exit status 0 done, 1 failed (one `error:` line says why; for `audit`: a broken chain). See docs/hub.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sqlite3

from desktop import audit, hub


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Set up the hub database and enrol laptops "
                                                            "(see docs/hub.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("setup", help="create the hub tables and install the version guard (idempotent)")
    setup.add_argument("--create", action="store_true", help="start a new hub database if --hub-db does not exist")
    enrol = commands.add_parser("enrol", help="trust export files signed by a laptop's key")
    enrol.add_argument("laptop", help="the laptop's name, e.g. laptop-03 (as in its hub token)")
    enrol.add_argument("key", type=Path, help="its public key file (laptop.pub, from `sync key` on the laptop)")
    commands.add_parser("laptops", help="list the enrolled laptops and their key ids")
    commands.add_parser("key", help="show the hub's export key (hub-export.pub, for the laptops); "
                                    "make it if there is none")
    commands.add_parser("audit", help="verify every laptop's audit chain in the hub database")
    for sub in commands.choices.values():
        sub.add_argument("--hub-db", required=True, type=Path, help="the hub's SQLite database file")
        if sub.prog.split()[-1] in ("enrol", "laptops"):
            sub.add_argument("--laptop-keys", type=Path, help="folder of enrolled laptop keys "
                                                              "(default: laptop-keys/ beside the hub database)")
    return parser


def main(argv: list[str], prog: str = "python -m desktop hub") -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        if args.command == "setup":
            done = hub.setup_hub_db(args.hub_db, create=args.create)
            print("\n".join(done) if done else f"{args.hub_db} was already set up; nothing changed")
            return 0
        if args.command == "key":
            public, key, _ = hub.make_hub_key(args.hub_db)
            print(f"{public} (key id {key}): copy it to each laptop and set it there with "
                  "`python -m desktop sync hub-key hub-export.pub`")
            return 0
        if args.command == "audit":
            return verify_audit(args.hub_db)
        keys = args.laptop_keys or hub.laptop_keys_dir(args.hub_db)
        if args.command == "enrol":
            print(f"enrolled {args.laptop} (key id {hub.enrol(keys, args.laptop, args.key)}) in {keys}")
            return 0
        for key, laptop in hub.enrolled(keys).items():
            print(f"{laptop}\t{key}")
        return 0
    except hub.HubSetupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def verify_audit(hub_db) -> int:
    conn = hub.open_hub_db(hub_db)
    try:
        verdicts = audit.verify_all(conn)
    except sqlite3.Error as e:
        raise hub.HubSetupError(f"The hub database {hub_db} cannot be read ({e}).") from None
    finally:
        conn.close()
    for verdict in verdicts:
        print(verdict.summary())
    if not verdicts:
        print("no audit events on this hub yet")
    return 0 if all(v.ok for v in verdicts) else 1
