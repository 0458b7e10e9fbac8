"""`python -m desktop hub setup|enrol|laptops`: set up the hospital hub's database (run on the hub server).

Exit status 0 done, 1 failed (one `error:` line says why). See docs/hub.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import hub


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
    for sub in commands.choices.values():
        sub.add_argument("--hub-db", required=True, type=Path, help="the hub's SQLite database file")
        if sub is not setup:
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
