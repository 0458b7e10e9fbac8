"""`python -m fundus preprocess PATHS... --out DIR`: cache preprocessed model inputs.

Writes DIR/<stem>.png for each readable photo and DIR/quality.csv
(image,gradable yes/no,reasons,ms). Bad files are listed in the CSV with the reason and
never stop the run; the exit status is 1 if any file could not be read.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2

from fundus.csv_safe import safe_cell
from fundus.image import IMAGE_SUFFIXES, ImageError
from fundus.preprocess import DEFAULT_SIZE, NoFundusError, find_disc_mask, preprocess, read_photo
from fundus.progress import Progress
from fundus.quality import assess
from fundus.text import count

EXIT_UNREADABLE = 1


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders expand to the images inside them (recursively)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in IMAGE_SUFFIXES))
        else:
            out.append(p)
    return out


def process_one(path: Path, out_dir: Path, size: int) -> dict:
    """Preprocess one photo; returns its quality.csv row plus a 'readable' flag."""
    start = time.perf_counter()
    row = {"image": path.name, "gradable": False, "reasons": "", "readable": True}
    try:
        rgb = read_photo(path, size)
        disc = find_disc_mask(rgb)  # once, for the crop and the quality check
        pre = preprocess(rgb, size, disc)
        quality = assess(rgb, disc)
        _write_png_atomic(out_dir / f"{path.stem}.png", pre.image)
        row.update(gradable=quality.gradable, reasons="; ".join(quality.reasons))
    except NoFundusError as e:
        row["reasons"] = str(e)
    except ImageError as e:
        row.update(reasons=str(e), readable=False)
    row["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return row


def _write_png_atomic(target: Path, rgb) -> None:
    tmp = target.with_name(f".{target.name}.tmp.png")
    if not cv2.imwrite(str(tmp), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)):
        raise OSError(f"could not write {target}")
    os.replace(tmp, target)


def _init_worker() -> None:
    cv2.setNumThreads(1)  # one image per process; OpenCV's own threads would oversubscribe


def preprocess_command(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    if not paths:
        print("error: no images found in the given paths", file=sys.stderr)
        return 2
    stems = [p.stem for p in paths]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        print(f"error: several inputs share the name {duplicates[0]!r}; outputs would "
              "overwrite each other", file=sys.stderr)
        return 2
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    with ProcessPoolExecutor(args.workers, initializer=_init_worker) as pool, \
            Progress(len(paths), "preprocess") as progress:
        for row in pool.map(process_one, paths, [out_dir] * len(paths), [args.size] * len(paths),
                            chunksize=8):
            rows.append(row)
            progress.advance()
    unreadable = [r for r in rows if not r.pop("readable")]
    with open(out_dir / "quality.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["image", "gradable", "reasons", "ms"])
        writer.writeheader()
        # no formula from a file name; gradable as yes/no, as in the grade CSV
        writer.writerows({k: safe_cell(v) for k, v in r.items()} for r in rows)
    gradable = sum(r["gradable"] for r in rows)
    print(f"{count(len(rows), 'photo')}: {gradable} gradable, {len(rows) - gradable - len(unreadable)} "
          f"ungradable, {len(unreadable)} unreadable -> {out_dir}", file=sys.stderr)
    for r in unreadable:
        print(f"  unreadable: {r['reasons']}", file=sys.stderr)
    return EXIT_UNREADABLE if unreadable else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fundus", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pre = sub.add_parser("preprocess", help="crop, resize and Ben-filter photos into a folder")
    pre.add_argument("paths", nargs="+", help="photos or folders of photos")
    pre.add_argument("--out", required=True, help="output folder")
    pre.add_argument("--size", type=int, default=DEFAULT_SIZE, help="output side in pixels")
    pre.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="parallel processes (default: one per CPU)")
    pre.set_defaults(func=preprocess_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
