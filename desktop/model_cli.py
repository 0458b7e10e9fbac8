"""`python -m desktop model status|install|rollback|trust`: the model a laptop grades with.

Exit status 0 done, 1 refused (one `error:` line says why), 2 usage errors.
See docs/model-updates.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import models, paths
from fundus.bundle import BundleError

EXIT_REFUSED = 1


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="The model bundle this laptop grades with "
                                                            "(see docs/model-updates.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="show the model in use and the installed updates")
    install = commands.add_parser("install", help="show what a signed bundle changes, then install it")
    install.add_argument("source", type=Path, help="the bundle: NAME.json (with NAME.json.sig and NAME.tflite "
                                                   "beside it), or a folder holding one")
    install.add_argument("--yes", action="store_true", help="install without asking (after printing the changes)")
    commands.add_parser("rollback", help="go back to the model used before the last install")
    trust = commands.add_parser("trust", help="(administrator) trust a publisher's public key on this laptop")
    trust.add_argument("key", type=Path, help="the publisher's public key file (NAME.pub)")
    for sub in commands.choices.values():
        sub.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
    return parser


def main(argv: list[str], prog: str = "python -m desktop model") -> int:
    args = build_parser(prog).parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    try:
        if args.command == "install":
            return install(data_dir, args.source, args.yes)
        if args.command == "rollback":
            now, before = models.rollback(data_dir)
            print(f"rolled back from {_label(before)} to {_label(now)}; used from the next start of dr-screen")
            return 0
        if args.command == "trust":
            print(f"publisher key {models.trust(data_dir, args.key)} is now trusted on this laptop")
            return 0
        active = models.load_active(data_dir)
        print(f"in use: {_label(active)}, manifest sha256 {active.manifest_sha256}, from {active.manifest_path}")
        return 0
    except BundleError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_REFUSED


def install(data_dir: Path, source: Path, yes: bool) -> int:
    new = models.verify(models.find_manifest(source), data_dir)
    print(f"{new.manifest_path.name}: signature, model sha256 and preprocessing verified. What changes:")
    for line in models.changes(models.active_or_none(data_dir), new):
        print(f"  {line}")
    if not yes:
        if not sys.stdin.isatty():
            print("error: not installed: confirm with --yes (no terminal to ask on)", file=sys.stderr)
            return EXIT_REFUSED
        if input("Install this model? [y/N] ").strip().lower() not in ("y", "yes"):
            print("not installed")
            return EXIT_REFUSED
    installed, previous = models.install(data_dir, source)
    print(f"installed {_label(installed)}; used from the next start of dr-screen "
          f"(`model rollback` goes back to {_label(previous)})")
    return 0


def _label(bundle) -> str:
    return "the shipped model (unusable)" if bundle is None else f"{bundle.name} {bundle.version}"
