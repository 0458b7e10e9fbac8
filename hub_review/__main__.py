"""`python -m hub_review agreement --hub-db HUB.db [--models DIR] [--json]`: the agreement report in a terminal.

The same numbers as the hub's /-/review/agreement page (hub_review/agreement.py).
Exit status 0, or 1 with one `error:` line.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from hub_review import agreement
from hub_review.bundles import HubModels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hub_review", description="dr-screen's review loop at the hub.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("agreement", help="model-grader agreement per model version, camp, laptop, month")
    report.add_argument("--hub-db", required=True, type=Path, help="the hub's SQLite database file")
    report.add_argument("--models", type=Path, help="the hub's published-models folder (default: models/ beside "
                                                    "the database)")
    report.add_argument("--trusted-keys", action="append", default=[],
                        help="a folder of publisher keys, besides the shipped ones and $DR_SCREEN_TRUSTED_KEYS")
    report.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not args.hub_db.is_file():
        print(f"error: there is no hub database {args.hub_db}", file=sys.stderr)
        return 1
    conn = sqlite3.connect(f"file:{args.hub_db.resolve()}?mode=ro", uri=True)
    try:
        reports = agreement.report(conn, HubModels(args.models or args.hub_db.resolve().parent / "models", args.trusted_keys))
    except sqlite3.DatabaseError as e:
        print(f"error: the hub database {args.hub_db} cannot be read ({e})", file=sys.stderr)
        return 1
    finally:
        conn.close()
    print(json.dumps(agreement.as_json(reports), indent=1) if args.json else agreement.as_text(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
