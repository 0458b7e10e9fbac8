"""python -m training fit --config NAME_OR_PATH [--resume] [--run-dir DIR] [key=value ...]
python -m training dataset --hub-db HUB.db --out DIR   (the programme's reviewed eyes: training/programme.py)"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import textwrap
import time
from pathlib import Path

from training.config import CONFIG_DIR, REPO_ROOT, apply_overrides, load_config, with_defaults


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m training", description="Train the DR grading model.")
    commands = parser.add_subparsers(dest="command", required=True)
    configs = sorted(p.stem for p in CONFIG_DIR.glob("*.json"))
    fit_parser = commands.add_parser(
        "fit", help="train a config into a run folder", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"configs in {CONFIG_DIR.relative_to(REPO_ROOT)}/:\n" + textwrap.fill(
            ", ".join(configs), width=88, initial_indent="  ", subsequent_indent="  "))
    fit_parser.add_argument("--config", required=True,
                            help="a config name (listed below) or the path of a JSON config")
    fit_parser.add_argument("--run-dir", type=Path, help="default: runs/<config>-<time>")
    fit_parser.add_argument("--resume", action="store_true",
                            help="continue from the checkpoint of --run-dir (default: the newest run of the "
                                 "config), with the config saved in that run")
    fit_parser.add_argument("overrides", nargs="*", metavar="key=value", help="e.g. epochs.main=3 data.aptos=/path")
    dataset_parser = commands.add_parser("dataset", help="the hub's reviewed eyes as a training set (data.programme)")
    dataset_parser.add_argument("--hub-db", required=True, type=Path, help="the hub's SQLite database file")
    dataset_parser.add_argument("--out", required=True, type=Path, help="a new folder for the dataset")
    dataset_parser.add_argument("--holdout", type=float, default=0.2, help="share of patients held out (0.2)")
    dataset_parser.add_argument("--calibration", type=float, default=0.1,
                                help="share of patients for calibration (0.1)")
    args = parser.parse_args(argv)
    if args.command == "dataset":
        from training import programme

        try:
            summary = programme.export(args.hub_db, args.out, args.holdout, args.calibration)
        except programme.DatasetError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print(programme.describe(summary, args.out))
        return 0

    try:
        cfg = load_config(args.config, args.overrides)
        run_dir = args.run_dir or _default_run_dir(cfg["name"], args.resume)
        saved = run_dir / "config.json"
        if args.resume and saved.exists():
            # Continue with the config the run started with; overrides may still extend it.
            # Keys added to base.json since the run started take their defaults.
            cfg = apply_overrides(with_defaults(json.loads(saved.read_text())["config"]), args.overrides)
    except (FileNotFoundError, KeyError, ValueError) as err:
        parser.error(str(err))
    from training.run import fit  # imports keras: after argument errors are reported

    fit(cfg, run_dir, resume=args.resume, command=shlex.join(["python", "-m", "training", *argv]))
    return 0


def _default_run_dir(name: str, resume: bool) -> Path:
    runs = REPO_ROOT / "runs"
    if resume:
        previous = sorted(runs.glob(f"{name}-*"))
        if not previous:
            raise SystemExit(f"--resume: no earlier run of {name} in {runs}; pass --run-dir")
        return previous[-1]
    return runs / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}"


if __name__ == "__main__":
    sys.exit(main())
