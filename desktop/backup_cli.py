"""`python -m desktop backup` and `python -m desktop restore [BACKUP]`: the database's safety copies.

Both unlock the data folder (desktop/unlock.py: passphrase, user and PIN); only an
administrator may restore. Exit status 0 done, 1 failed (one `error:` line says why).
See docs/backup.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop import backup, paths, unlock
from desktop.store import DB_NAME, StoreError


def build_parser(prog: str, command: str) -> argparse.ArgumentParser:
    if command == "backup":
        parser = argparse.ArgumentParser(prog=prog, description="Copy the database into backups/ now "
                                         f"(the newest {backup.KEEP} are kept).")
    else:
        parser = argparse.ArgumentParser(prog=prog, description="Put a backup in place of the database "
                                         "(dr-screen must be closed; an administrator of that backup signs "
                                         "in); the old file is kept beside it.")
        parser.add_argument("backup", nargs="?", type=Path, help="the backup file (default: the newest)")
        parser.add_argument("--list", action="store_true", help="list the backups, newest first, and exit")
    parser.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
    unlock.add_arguments(parser)
    return parser


def main(command: str, argv: list[str], prog: str) -> int:
    args = build_parser(prog, command).parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    try:
        if command == "backup":
            with unlock.session(data_dir, args) as store:
                print(f"backup written: {store.backup()}")
            return 0
        if args.list:
            for found in backup.backups(data_dir, DB_NAME):
                print(found)
            return 0
        keys = unlock.unlock_keys(data_dir, args)
        admin = args.user or os.environ.get(unlock.ENV_USER) or input("Administrator: ").strip()
        restored, kept = unlock.restore_backup(data_dir, keys, admin, unlock.pin(), args.backup)
        print(f"restored {backup.describe(restored)}; the previous database is kept as {kept.name}. "
              "Records made after that backup are not in it: check the last camp's records.")
        return 0
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
