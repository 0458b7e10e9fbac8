"""`python -m hub setup|key|enrol|laptops|audit|import|agreement|serve`: the hospital hub's commands.

Run on the hub server (docs/hub.md, docs/review-loop.md). Exit status 0 done, 1 failed
(one `error:` line says why; for `audit`: a broken chain), 2 an export file that `import`
refuses (nothing was imported).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from fundus import audit_chain
from fundus.wire import records_text
from hub import HubError, agreement, database, keys, serve
from hub.bundles import HubModels
from hub.usb_import import DamagedExportError, import_file

PROG = "python -m hub"
EXIT_FAILED = 1
EXIT_REFUSED = 2


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="The hospital hub: its database, the laptops' keys, "
                                                            "the USB import and the review pages (docs/hub.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    serve.add_parser(commands)
    setup = commands.add_parser("setup", help="create the hub tables and install the version guard (idempotent)")
    setup.add_argument("--create", action="store_true", help="start a new hub database if --hub-db does not exist")
    enrol = commands.add_parser("enrol", help="trust export files signed by a laptop's key")
    enrol.add_argument("laptop", help="the laptop's name, e.g. laptop-03 (as in its hub token)")
    enrol.add_argument("key", type=Path, help="its public key file (laptop.pub, from `sync key` on the laptop)")
    laptops = commands.add_parser("laptops", help="list the enrolled laptops and their key ids")
    commands.add_parser("key", help="show the hub's export key (hub-export.pub, for the laptops); "
                                    "make it if there is none")
    commands.add_parser("audit", help="verify every laptop's audit chain in the hub database")
    imp = commands.add_parser("import", help="load a laptop's export file (USB stick) into the hub database")
    imp.add_argument("file", type=Path, help="the export file")
    imp.add_argument("--create", action="store_true", help="start a new hub database if --hub-db does not exist")
    imp.add_argument("--hub-key", type=Path, help="the hub's private export key "
                                                  "(default: hub-export.key beside the hub database)")
    report = commands.add_parser("agreement", help="model-grader agreement per model version, camp, laptop, month")
    report.add_argument("--models", type=Path, help="the hub's published-models folder (default: models/ beside "
                                                    "the database)")
    report.add_argument("--trusted-keys", action="append", default=[],
                        help="a folder of publisher keys, besides the shipped ones and $DR_SCREEN_TRUSTED_KEYS")
    report.add_argument("--json", action="store_true", help="print JSON instead of tables")
    for name, sub in commands.choices.items():
        if name != "serve":
            sub.add_argument("--hub-db", required=True, type=Path, help="the hub's SQLite database file")
    for sub in (enrol, laptops, imp):
        sub.add_argument("--laptop-keys", type=Path, help="folder of enrolled laptop keys "
                                                          "(default: laptop-keys/ beside the hub database)")
    return parser


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    args = build_parser(prog).parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return COMMANDS[args.command](args)
    except HubError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_REFUSED if isinstance(e, DamagedExportError) else EXIT_FAILED


def set_up(args) -> int:
    done = database.setup_hub_db(args.hub_db, create=args.create)
    print("\n".join(done) if done else f"{args.hub_db} was already set up; nothing changed")
    return 0


def show_key(args) -> int:
    public, key, _ = keys.make_hub_key(args.hub_db)
    print(f"{public} (key id {key}): copy it to each laptop and set it there with "
          "`python -m desktop sync hub-key hub-export.pub`")
    return 0


def enrol(args) -> int:
    folder = args.laptop_keys or keys.laptop_keys_dir(args.hub_db)
    print(f"enrolled {args.laptop} (key id {keys.enrol(folder, args.laptop, args.key)}) in {folder}")
    return 0


def list_laptops(args) -> int:
    for key, laptop in keys.enrolled(args.laptop_keys or keys.laptop_keys_dir(args.hub_db)).items():
        print(f"{laptop}\t{key}")
    return 0


def verify_audit(args) -> int:
    conn = database.open_hub_db(args.hub_db)
    try:
        verdicts = audit_chain.verify_all(conn)
    except sqlite3.Error as e:
        raise HubError(f"The hub database {args.hub_db} cannot be read ({e}).") from None
    finally:
        conn.close()
    for verdict in verdicts:
        print(verdict.summary())
    if not verdicts:
        print("no audit events on this hub yet")
    return 0 if all(v.ok for v in verdicts) else EXIT_FAILED


def import_export(args) -> int:
    laptop, written = import_file(args.file, args.hub_db, create=args.create, laptop_keys=args.laptop_keys,
                                  hub_key=args.hub_key)
    print(f"{records_text(written)} imported (new or newer) from laptop {laptop}")
    return 0


def agreement_report(args) -> int:
    """The same numbers as the review pages' /-/review/agreement (hub/agreement.py), in a terminal."""
    if not args.hub_db.is_file():
        raise HubError(f"There is no hub database {args.hub_db}.")
    conn = sqlite3.connect(f"file:{args.hub_db.resolve()}?mode=ro", uri=True)
    try:
        models = HubModels(args.models or args.hub_db.resolve().parent / "models", args.trusted_keys)
        reports = agreement.report(conn, models)
    except sqlite3.DatabaseError as e:
        raise HubError(f"The hub database {args.hub_db} cannot be read ({e}).") from None
    finally:
        conn.close()
    print(json.dumps(agreement.as_json(reports), indent=1) if args.json else agreement.as_text(reports))
    return 0


COMMANDS = {"serve": serve.run, "setup": set_up, "key": show_key, "enrol": enrol, "laptops": list_laptops,
            "audit": verify_audit, "import": import_export, "agreement": agreement_report}
