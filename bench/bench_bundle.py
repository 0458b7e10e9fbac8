"""Packaged app benchmark: bundle size, and start to window shown / self-test done.

    pyinstaller --noconfirm build.spec
    python bench/bench_bundle.py [--app dist/dr-screen] [--runs 5]

Sizes: the whole folder and its parts of 2 MB or more. Times: each run is a fresh
`dr-screen --self-test` process in an empty environment (offscreen, fresh HOME and
data folder), timed from the start of the process to the "window" line of its report
(the window shown on the platform, the store and the verified model loaded, as at a
real start) and to its exit (sample photo graded, stored and read back). The first
run after a build or a copy reads the files from disk; the median is over the
following runs, with the files in the OS's cache. Nothing here starts the app the way
a camp laptop does after a reboot from a USB stick: that first start is slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PART_MB = 2.0


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files if not f.is_symlink()) / 1e6


def parts(app: Path) -> list[tuple[str, float]]:
    """(name, MB) of the executables and the top-level entries of _internal/, largest first."""
    entries = [p for p in app.iterdir() if p.name != "_internal"] + list((app / "_internal").iterdir())
    sizes = [(p.relative_to(app).as_posix(), size_mb(p)) for p in entries if not p.is_symlink()]
    big = sorted((s for s in sizes if s[1] >= PART_MB), key=lambda s: -s[1])
    return big + [(f"{len(sizes) - len(big)} other files and folders", sum(s for _, s in sizes if s < PART_MB))]


def start(app: Path) -> tuple[float, float]:
    """(ms to the window line, ms to exit) of one `--self-test` run."""
    exe = app.resolve() / ("dr-screen.exe" if sys.platform == "win32" else "dr-screen")  # it runs in a temp home
    with tempfile.TemporaryDirectory() as home:
        env = {"QT_QPA_PLATFORM": "offscreen", "HOME": home}
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(exe), "--self-test"], env=env, cwd=home, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        window_ms = None
        for line in proc.stdout:
            if window_ms is None and line.strip().startswith("window"):
                window_ms = (time.perf_counter() - t0) * 1000
        stderr = proc.stderr.read()
        if proc.wait() != 0 or window_ms is None:
            raise SystemExit(f"the self-test failed:\n{stderr}")
        return window_ms, (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=REPO / "dist" / "dr-screen", help="the built app folder")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the first (default 5)")
    args = parser.parse_args()
    if not (args.app / "_internal").is_dir():
        print(f"error: no built app in {args.app}; build it first: pyinstaller --noconfirm build.spec",
              file=sys.stderr)
        return 1
    first = start(args.app)
    runs = [start(args.app) for _ in range(args.runs)]
    print(f"{args.app}: {size_mb(args.app):.0f} MB; {os.cpu_count()} CPUs; median of {args.runs} runs")
    print("| measure | value |")
    print("|---|---|")
    print(f"| bundle size | {size_mb(args.app):.0f} MB |")
    for name, mb in parts(args.app):
        print(f"| &nbsp;&nbsp;{name} | {mb:.1f} MB |")
    print(f"| start to window shown, first run | {first[0]:.0f} ms |")
    print(f"| start to self-test done, first run | {first[1]:.0f} ms |")
    print(f"| start to window shown | {statistics.median(r[0] for r in runs):.0f} ms |")
    print(f"| start to self-test done | {statistics.median(r[1] for r in runs):.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
