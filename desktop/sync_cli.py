"""`python -m desktop sync configure|hub-key|push|status|export|key`: the sync from a terminal.

Every command unlocks the data folder and signs a user in (desktop/unlock.py); `configure`
and `hub-key` need an administrator. Exit status 0 done, 1 the sync failed (one `error:`
line says why), 2 usage errors. (`sync import` is the hub's `python -m hub import` now;
desktop/__main__.py keeps the old spelling for one release.)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop import PROG, paths, unlock
from desktop.store import Store, StoreError
from desktop.sync import SyncError, check_hub_url, configure_hub, sync_now, sync_status
from desktop.sync_export import export_file, laptop_public_key, set_hub_export_key
from desktop.model_download import downloaded_dir
from desktop.models import active_or_none, find_manifest, verify
from fundus.bundle import BundleError
from fundus.signing import key_id, load_public_key
from fundus.text import Text
from fundus.wire import records_text

EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} sync",
                                     description="Send camp records to the hospital hub (see docs/hub.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    configure = commands.add_parser("configure", help="set the hub address; the token is read from stdin")
    configure.add_argument("--hub", required=True, help="hub database URL, e.g. https://hub.example.org/screening")
    commands.add_parser("push", help="send unsynced records to the hub")
    commands.add_parser("status", help="show what is not synced yet")
    export = commands.add_parser("export", help="write every record and photo into one file for a USB stick, "
                                                "encrypted for the hub")
    export.add_argument("--out", required=True, type=Path, help="the file to write (e.g. camp-2025-03.zip)")
    commands.add_parser("key", help="show this laptop's public key file, for enrolment at the hub")
    hub_key = commands.add_parser("hub-key", help="(administrator) set the hub's export key: exports are "
                                                  "encrypted for it")
    hub_key.add_argument("file", type=Path, help="hub-export.pub from the hub server (`hub key`)")
    for sub in commands.choices.values():  # all of them work on the laptop's data
        sub.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
        unlock.add_arguments(sub)
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        data_dir = paths.data_dir(args.data_dir)
        if args.command == "configure":
            try:
                check_hub_url(args.hub)  # before any question
            except SyncError as e:
                print(f"error: {cli_message(e)}", file=sys.stderr)
                return EXIT_USAGE
        with unlock.session(data_dir, args) as store:
            if args.command == "configure":
                return configure(store, args.hub)
            if args.command == "hub-key":
                print(f"exports are now encrypted for the hub key {set_hub_export_key(store, args.file)}")
                return 0
            if args.command == "key":
                public = laptop_public_key(store)
                print(f"{public} (key id {key_id(load_public_key(public))}): copy it to the hub and enrol it "
                      f"there with `python -m hub enrol LAPTOP-NAME laptop.pub --hub-db ...`")
                return 0
            if args.command == "push":
                report(sync_now(store), "sent and confirmed by the hub")
                return announce_model_update(data_dir)
            if args.command == "export":
                return report(export_file(store, args.out), f"written to {args.out}")
            status = sync_status(store)
            print(status.summary())
            if status.last_error:
                print(f"last error: {status.last_error}")
            return 0
    except SyncError as e:
        print(f"error: {cli_message(e)}", file=sys.stderr)
        return EXIT_FAILED
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USAGE


def configure(store: Store, hub_url: str) -> int:
    """Save the hub address and a token read without echo (never from the command line: ps shows it)."""
    token = (getpass.getpass("Hub token: ") if sys.stdin.isatty() else sys.stdin.readline()).strip()
    if not token:
        print("error: no token given; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    print(f"hub set to {configure_hub(store, hub_url, token).hub_url}")
    return 0


def announce_model_update(data_dir: Path) -> int:
    """Say so when the hub's model came down (verified) and is not the one in use yet."""
    folder = downloaded_dir(data_dir)
    if folder.is_dir():
        try:
            update, active = verify(find_manifest(folder), data_dir), active_or_none(data_dir)
        except BundleError:
            return 0
        if not active or update.manifest_sha256 != active.manifest_sha256:
            print(f"model update {update.name} {update.version} from the hub is ready: see what changes and "
                  f"install it with `{PROG} model install {folder}`")
    return 0


def report(counts: dict[str, int], what: str) -> int:
    print(f"{records_text(counts)} {what}")
    return 0


def cli_message(error: SyncError) -> str:
    """The message with the settings named as this command line sets them, not as the window's menu."""
    text = error.args[0] if error.args else ""
    if isinstance(text, Text) and "settings" in text.values:
        return text.format(settings=f"`{PROG} sync configure --hub URL`")
    return str(error)
