"""What encryption at rest costs: the encrypted store against the plain store of the release before it.

    python bench/bench_encryption.py [--baseline fdb5714] [--model models/NAME.json] \\
        [--photos ../shared/data/fundus-camera-raw] [--rounds 3]

The plain store is the real one: the code of the `--baseline` commit (the last main
without encryption, with the same preprocessing, so one model bundle runs in both), taken
out of git into a temporary folder. Both stores run the same
worker, in turns (plain, encrypted, plain, …), in this one run, on the same photos and
model, so the ratios compare like with like on a busy machine:

- grading: `desktop.batch.grade_all` on new photos (grade, store the photo, one transaction
  each; encrypted: sealed photo file, SQLCipher, the audit event), photos per second;
- opening the data folder, as the app does at start before its window: plain `Store()`;
  encrypted: passphrase → Argon2id → unlock, open the SQLCipher database, check the PIN;
- camp export: the USB export of every record and photo (encrypted: also sealed to the hub).

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The plain store's last release with the preprocessing the shipped model was made for
# (ben-crop-v1): the issue-13 merge. Main just before issue 15 (fdb5714) ran a draft
# preprocessing (ben-crop-v2) that no shipped bundle uses.
BASELINE = "7d66638"

WORKER = r'''
import inspect, json, sys, tempfile, time
from pathlib import Path

photos = [Path(p) for p in json.loads(sys.argv[2])]
model, rounds = sys.argv[1], int(sys.argv[3])
try:
    from desktop import unlock, users, vault
    ENCRYPTED = True
except ImportError:
    ENCRYPTED = False
from desktop.batch import grade_all
from desktop.store import Store
from desktop.sync_export import export_file
from fundus.bundle import load_bundle
from fundus.grader import Grader

PASSPHRASE, PIN = "a bench passphrase", "135790"
grader = Grader(load_bundle(model), num_threads=2)


def open_folder(folder):
    if not ENCRYPTED:
        return Store(folder)
    store = unlock.open_store(folder, vault.unlock(folder, PASSPHRASE))
    users.login(store, "bench", PIN)
    return store


out = {k: [] for k in ("grade_s", "open_s", "export_s", "grade_cpu_s", "open_cpu_s", "export_cpu_s")}


def timed(name, work):
    """Wall and CPU seconds (this process, all its threads): CPU time is what a busy machine disturbs least."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    out[name + "_s"].append(time.perf_counter() - wall)
    out[name + "_cpu_s"].append(time.process_time() - cpu)
    return result


for _ in range(rounds):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        if ENCRYPTED:
            store, _ = unlock.first_run(folder, PASSPHRASE, "bench", PIN)
            (Path(tmp) / "hub").mkdir()
            from hub.keys import make_key_pair
            public, _ = make_key_pair(Path(tmp) / "hub")
            from desktop.sync_export import set_hub_export_key
            set_hub_export_key(store, public)
        else:
            store = Store(folder)
        if "csv_path" in inspect.signature(grade_all).parameters:  # releases before grade_all took a file
            timed("grade", lambda: grade_all(store, grader, photos, Path(tmp) / "out.csv", None, None))
        else:
            with open(Path(tmp) / "out.csv", "w", newline="") as csv_file:
                timed("grade", lambda: grade_all(store, grader, photos, csv_file, None, None))
        timed("export", lambda: export_file(store, Path(tmp) / "camp.zip"))
        store.close()
        timed("open", lambda: open_folder(folder)).close()
print(json.dumps({"encrypted": ENCRYPTED, **out}))
'''


def baseline_tree(ref: str, into: Path) -> Path:
    """The code of `ref` (desktop/, fundus/) in a folder of its own."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref, "desktop", "fundus"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_worker(tree: Path, model: str, photos: list[Path], rounds: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen",
           "DR_SCREEN_TRUSTED_KEYS": str(REPO / "models" / "trusted_keys")}  # the baseline tree has no models/
    done = subprocess.run([sys.executable, "-c", WORKER, model, json.dumps([str(p) for p in photos]), str(rounds)],
                          cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the worker failed in {tree}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default=BASELINE, help="commit of the plain store")
    parser.add_argument("--model", help="bundle manifest (default: the app's default bundle)")
    parser.add_argument("--photos", type=Path, default=REPO.parent / "shared" / "data" / "fundus-camera-raw")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each store (each: grade, export, open)")
    args = parser.parse_args()
    from fundus.bundle import default_bundle
    args.model = str(args.model or default_bundle())
    photos = sorted(args.photos.glob("*.jpeg"))
    runs: dict[bool, list[dict]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        plain = baseline_tree(args.baseline, Path(tmp) / "plain")
        for turn in range(args.rounds):  # in turns, first one then the other, so drift hits both alike
            for tree in ((plain, REPO) if turn % 2 == 0 else (REPO, plain)):
                result = run_worker(tree, args.model, photos, 1)
                runs[result["encrypted"]].append(result)
    keys = ("grade_s", "open_s", "export_s", "grade_cpu_s", "open_cpu_s", "export_cpu_s")
    med = {enc: {k: statistics.median(v for r in rs for v in r[k]) for k in keys} for enc, rs in runs.items()}
    best = {enc: {k: min(v for r in rs for v in r[k]) for k in keys} for enc, rs in runs.items()}
    n = len(photos)
    rows = []
    for label, stat in (("median", med), ("best turn", best)):
        rows += [(f"grading, {label}: photos/s (wall clock)", n / stat[False]["grade_s"], n / stat[True]["grade_s"],
                  "{:.2f}"),
                 (f"grading, {label}: CPU s per photo", stat[False]["grade_cpu_s"] / n, stat[True]["grade_cpu_s"] / n,
                  "{:.4f}"),
                 (f"opening the data folder at start, {label}: s", stat[False]["open_s"], stat[True]["open_s"],
                  "{:.3f}"),
                 (f"camp export to USB, {label}: s (wall clock)", stat[False]["export_s"], stat[True]["export_s"],
                  "{:.2f}"),
                 (f"camp export to USB, {label}: CPU s", stat[False]["export_cpu_s"], stat[True]["export_cpu_s"],
                  "{:.2f}")]
    print(f"{n} photos from {args.photos.name}; model {Path(args.model).stem}; {os.cpu_count()} CPUs; "
          f"{args.rounds} turns each; baseline {args.baseline}")
    print("| measure | plain store | encrypted store | encrypted / plain |")
    print("|---|---|---|---|")
    for name, base, enc, fmt in rows:
        print(f"| {name} | {fmt.format(base)} | {fmt.format(enc)} | {enc / base:.2f} |")
    for encrypted, label in ((False, "plain"), (True, "encrypted")):  # every turn, to see the spread
        print(f"{label}: " + "; ".join(f"{k} " + " ".join(f"{v:.3f}" for r in runs[encrypted] for v in r[k])
                                       for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
