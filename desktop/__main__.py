"""`python -m desktop` opens the window; `grade`, `referral`, `sync`, `model`, `backup` and `restore`
are its commands, and `setup`, `users`, `passphrase`, `audit`, `retention`, `hospital` manage the
vault, the accounts and the referral hospital (each has --help). The hub server's commands are
`python -m hub` (hub/cli.py); `hub …` and `sync import` here are their old spellings, kept for one
release."""

from __future__ import annotations

import argparse
import logging
import sys

from desktop import PROG, paths
from desktop.preferences import LANGUAGES

ACCOUNT_COMMANDS = ("setup", "users", "passphrase", "audit", "retention", "hospital")  # desktop/account_cli.py


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if argv[:1] == ["hub"] or argv[:2] == ["sync", "import"]:
        return moved_to_hub(argv)
    if argv[:1] == ["grade"]:
        from desktop import batch  # no Qt for the headless path

        parser = argparse.ArgumentParser(prog=f"{PROG} grade",
                                         description="Grade photos headless into the app's store.")
        batch.add_arguments(parser)
        return batch.run(parser.parse_args(argv[1:]))
    if argv[:1] == ["sync"]:
        from desktop import sync_cli  # no Qt either

        return sync_cli.main(argv[1:])
    if argv[:1] == ["model"]:
        from desktop import model_cli

        return model_cli.main(argv[1:], f"{PROG} model")
    if argv[:1] in (["backup"], ["restore"]):
        from desktop import backup_cli

        return backup_cli.main(argv[0], argv[1:], f"{PROG} {argv[0]}")
    if argv[:1] == ["referral"]:
        from desktop.ui import referral_cli

        return referral_cli.main(argv[1:])
    if argv[:1] and argv[0] in ACCOUNT_COMMANDS:
        from desktop import account_cli

        return account_cli.main(argv[0], argv[1:], f"{PROG} {argv[0]}")
    parser = argparse.ArgumentParser(prog=PROG, description="dr-screen: DR screening workstation. Commands: "
                                     f"`{PROG} grade --help` (headless grading), `{PROG} referral --help` "
                                     f"(a referral slip), `{PROG} sync --help` (the hub), `{PROG} model --help` "
                                     f"(model updates), `{PROG} backup --help` and `{PROG} restore --help` "
                                     f"(the database), `{PROG} setup|users|passphrase|audit|retention|hospital --help` "
                                     f"(the vault, the accounts and the referral hospital); on the hub server: "
                                     f"`python -m hub --help`.")
    parser.add_argument("--data-dir", help=f"data directory (default: ${paths.ENV_DATA_DIR} or the platform's)")
    parser.add_argument("--model", help="bundle manifest (default: the one in models/)")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="language of the window (default: the one chosen in the app, else the computer's)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (model, window, grading, database) on a temporary "
                             "data folder, print a report and exit 0 if all is well")
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop import selftest

        return selftest.run(args.model)
    from desktop.ui.app import run_app

    return run_app(args.data_dir, args.model, args.language)


def moved_to_hub(argv: list[str]) -> int:
    """The old spellings `hub …` and `sync import …`: one deprecation line, then the hub's command."""
    from hub.cli import main as hub_main  # the hub package, never imported by the laptop's own code

    old, new = " ".join(argv[:2] if argv[0] == "sync" else argv[:1]), " ".join(["python -m hub", *argv[1:2]])
    print(f"warning: `{PROG} {old}` is now `{new}` (on the hub server); the old spelling goes in the next release",
          file=sys.stderr)
    return hub_main(argv[1:], "python -m hub")


if __name__ == "__main__":
    sys.exit(main())
