"""Desktop benchmarks: app start to window shown, and headless batch photos per second.

    QT_QPA_PLATFORM=offscreen python bench/bench_desktop.py [--model models/NAME.json] \\
        [--photos ../shared/data/fundus-camera-raw] [--runs 3]

Each start is a fresh `python` process on a fresh (set-up, encrypted) data directory:
interpreter, imports, unlocking (Argon2id), database, sign-in, model verification,
first paint; the passphrase and PIN dialogs themselves are not timed. The batch runs in this process through
desktop.batch.grade_all, first on new photos (grade + copy + one transaction each),
then again (every photo recognised by its sha256, nothing graded twice).
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
sys.path.insert(0, str(REPO))

PASSPHRASE, PIN = "a bench passphrase", "135790"
START_SCRIPT = f"""
import os, sys, time
from PySide6.QtWidgets import QApplication
from desktop import unlock, users, vault
from desktop.ui.app import STYLE, build_window
app = QApplication(sys.argv)
app.setStyleSheet(STYLE)
store = unlock.open_store(sys.argv[1], vault.unlock(sys.argv[1], {PASSPHRASE!r}))
users.login(store, "bench", {PIN!r})
window = build_window(store, sys.argv[2])
window.show()
app.processEvents()
print((time.time() - float(os.environ["BENCH_T0"])) * 1000)
window.store.close()
"""


def set_up(data_dir: Path):
    from desktop import unlock

    store, _ = unlock.first_run(data_dir, PASSPHRASE, "bench", PIN)
    return store


def start_ms(model: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        set_up(Path(tmp) / "data").close()
        env = {**os.environ, "BENCH_T0": repr(time.time()), "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, str(Path(tmp) / "data"), model], cwd=REPO,
                             env=env, capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])


def batch_rate(model: str, photos: list[Path]) -> tuple[float, float]:
    from desktop.batch import grade_all
    from fundus.bundle import load_bundle
    from fundus.grader import Grader

    grader = Grader(load_bundle(model), num_threads=2)
    rates = []
    with tempfile.TemporaryDirectory() as tmp, set_up(Path(tmp) / "data") as store:
        for _ in range(2):  # new photos, then the same photos again
            start = time.perf_counter()
            with open(Path(tmp) / "out.csv", "w", newline="") as csv_file:
                grade_all(store, grader, photos, csv_file, None, None)
            rates.append(len(photos) / (time.perf_counter() - start))
    return rates[0], rates[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", help="bundle manifest (default: the app's default bundle)")
    parser.add_argument("--photos", type=Path, default=REPO.parent / "shared" / "data" / "fundus-camera-raw")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from fundus.bundle import default_bundle, load_bundle

    model = str(args.model or default_bundle())
    bundle = load_bundle(model)
    photos = sorted(args.photos.glob("*.jpeg"))
    starts = [start_ms(model) for _ in range(args.runs)]
    new_rate, again_rate = batch_rate(model, photos)
    print(f"model: {bundle.name} {bundle.version} ({bundle.mode}, {bundle.input_size} px); "
          f"{os.cpu_count()} CPUs; {len(photos)} photos from {args.photos.name}")
    print("| measure | value |")
    print("|---|---|")
    print(f"| app start to window shown (median of {args.runs}, fresh process) | {statistics.median(starts):.0f} ms |")
    print(f"| headless batch, new photos (grade + store) | {new_rate:.1f} photos/s |")
    print(f"| headless batch, same photos again (recognised, not regraded) | {again_rate:.1f} photos/s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
