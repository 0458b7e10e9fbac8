"""`python -m desktop grade` before and after the read-once, two-stage photo path (issue 23).

    python bench/bench_read_once.py [--baseline 1e914c8] [--photos ../shared/data/fundus-camera-raw] \\
        [--count 40] [--few 5] [--rounds 3]

Both versions run the real command in a subprocess, from this checkout and from the
`--baseline` commit checked out with `git worktree add` into a temporary folder (the same
venv, the checkout first on PYTHONPATH), in turns (baseline, this, this, baseline, …) in
this one run, on the same photos, the shipped default model, and a fresh copy of one
set-up (encrypted, empty) data folder each time. The marginal time per photo is
(time for `--count` photos − time for the first `--few`) / (`--count` − `--few`): start-up,
unlocking and loading the model cancel out.

The photos: every raw camera photo of 8-16 MP in `--photos` as it is, then re-encoded
variants of them until there are `--count`: each decoded, 16 pixels cropped off every
edge (still 8-16 MP) and written again as a JPEG at quality 95, so its bytes (and sha256)
differ and no photo is recognised as graded already. Written to a temporary folder,
never into the repository.

It also times the two stages of this version in this process, in CPU seconds of the one
thread that runs them (`time.thread_time`, so other work on the machine does not count):
stage 1 reads, hashes, decodes and prepares a photo (`desktop.batch.read_photo`, the
reader thread's work), stage 2 grades, seals and records it (`grade_one`, LiteRT on one
thread). On two free cores the marginal time per photo is about the larger of the two.

Prints Markdown tables for BENCHMARKS.md and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "fundus-camera-raw"
BASELINE = "1e914c8"  # main before issue 23
MIN_PIXELS, MAX_PIXELS = 8_000_000, 16_500_000
CROP = 16
PASSPHRASE, ADMIN, PIN = "a bench passphrase for the camp laptop", "bench", "135790"


def photo_set(folder: Path, count: int, out: Path) -> list[Path]:
    """`count` camera photos of 8-16 MP: the originals, then re-encoded, cropped variants."""
    originals = [p for p in sorted(folder.glob("*.jp*g")) if MIN_PIXELS <= _pixels(p) <= MAX_PIXELS]
    if not originals:
        raise SystemExit(f"no photos of 8-16 MP in {folder}")
    chosen = originals[:count]
    for index in range(count - len(chosen)):
        source = originals[index % len(originals)]
        bgr = cv2.imread(str(source), cv2.IMREAD_COLOR)
        variant = out / f"variant-{index:02d}-{source.name}"
        cv2.imwrite(str(variant), bgr[CROP:-CROP, CROP:-CROP], [cv2.IMWRITE_JPEG_QUALITY, 95])
        chosen.append(variant)
    return chosen


def _pixels(path: Path) -> int:
    with Image.open(path) as image:
        return image.width * image.height


def checkout(commit: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), commit],
                   check=True, capture_output=True)
    return where


def environment(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "DR_SCREEN_PASSPHRASE": PASSPHRASE, "DR_SCREEN_USER": ADMIN,
            "DR_SCREEN_PIN": PIN, "QT_QPA_PLATFORM": "offscreen"}


def set_up(code: Path, folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "desktop", "setup", "--data-dir", str(folder), "--admin", ADMIN],
                   cwd=code, env=environment(code), check=True, capture_output=True)


def grade_seconds(code: Path, template: Path, photos: list[Path], scratch: Path) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one `python -m desktop grade` over `photos` into a fresh copy of `template`."""
    data = scratch / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(template, data)
    command = [sys.executable, "-m", "desktop", "grade", *map(str, photos), "--csv", str(scratch / "out.csv"),
               "--data-dir", str(data)]
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=code, env=environment(code), capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0 or f"{len(photos)} photos: " not in done.stdout:
        raise SystemExit(f"grading failed in {code}:\n{done.stdout}\n{done.stderr}")
    return seconds, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stage_cpu(template: Path, photos: list[Path], scratch: Path) -> tuple[list[float], list[float]]:
    """CPU ms of each stage of this version's `desktop grade`, per photo, on this thread."""
    sys.path.insert(0, str(REPO))
    from desktop import batch, models, unlock, users, vault
    from fundus.grader import Grader

    data = scratch / "stages"
    shutil.copytree(template, data)
    grader = Grader(models.load_active(data), num_threads=1)
    first, second = [], []
    with unlock.open_store(data, vault.unlock(data, PASSPHRASE)) as store:
        users.login(store, ADMIN, PIN)
        for path in photos:
            start = time.thread_time()
            read = batch.read_photo(path, grader.size)
            middle = time.thread_time()
            _, error = batch.grade_one(store, grader, path, None, None, read)
            first.append((middle - start) * 1000)
            second.append((time.thread_time() - middle) * 1000)
            if error:
                raise SystemExit(f"{path.name}: {error}")
    return first, second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--photos", type=Path, default=SHARED)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--few", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-read-once-") as tmp:
        tmp = Path(tmp)
        (tmp / "photos").mkdir()
        photos = photo_set(args.photos, args.count, tmp / "photos")
        megapixels = [_pixels(p) / 1e6 for p in photos]
        versions = {f"before ({args.baseline})": checkout(args.baseline, tmp / "baseline"), "after (this)": REPO}
        try:
            template = tmp / "template"
            set_up(REPO, template)
            marginal: dict[str, list[float]] = {name: [] for name in versions}
            marginal_cpu: dict[str, list[float]] = {name: [] for name in versions}
            for turn in range(args.rounds):
                order = list(versions) if turn % 2 == 0 else list(reversed(versions))
                for name in order:
                    few, few_cpu = grade_seconds(versions[name], template, photos[:args.few], tmp)
                    many, many_cpu = grade_seconds(versions[name], template, photos, tmp)
                    marginal[name].append((many - few) / (args.count - args.few) * 1000)
                    marginal_cpu[name].append((many_cpu - few_cpu) / (args.count - args.few) * 1000)
                    print(f"round {turn + 1} {name}: {args.few} photos {few:.2f} s, {args.count} photos "
                          f"{many:.2f} s -> {marginal[name][-1]:.1f} ms/photo ({marginal_cpu[name][-1]:.1f} ms CPU)",
                          file=sys.stderr, flush=True)
            stages = stage_cpu(template, photos, tmp)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tmp / "baseline")],
                           capture_output=True)
    print(f"{len(photos)} photos, {min(megapixels):.1f}-{max(megapixels):.1f} MP; {args.rounds} rounds; "
          f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after; {os.cpu_count()} CPUs; "
          f"nice {os.nice(0)}\n")
    print("| version | marginal ms/photo, wall clock (median) | each round | marginal CPU ms/photo (median) |")
    print("|---|---:|---|---:|")
    for name in versions:
        print(f"| {name} | {statistics.median(marginal[name]):.1f} | "
              f"{', '.join(f'{v:.1f}' for v in marginal[name])} | {statistics.median(marginal_cpu[name]):.1f} |")
    (wall_before, wall_after), (cpu_before, cpu_after) = (
        [statistics.median(series[name]) for name in versions] for series in (marginal, marginal_cpu))
    print(f"| before / after | **{wall_before / wall_after:.2f}x** | | {cpu_before / cpu_after:.2f}x |")
    print("\n| this version, one photo | CPU ms (median over the photos) |\n|---|---:|")
    for label, values in zip(("stage 1: read, hash, decode, prepare", "stage 2: grade, seal, record"), stages):
        print(f"| {label} | {statistics.median(values):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
