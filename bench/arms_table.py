"""The float comparison of training runs, from each run's own metrics.json: every run
scored by training on the same splits (training.splits, seed 42), each with its own
preprocessing and its own calibration-set cut points. Runs whose preprocessing the
code no longer makes (an older PREPROCESS_VERSION) can only be compared this way;
bench/compare_runs.py adds int8 and speed for the current ones.

    python bench/arms_table.py --out docs/comparison/arms.md --run "LABEL=runs/cmp/lite0_224" ...
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SETS = {"aptos_val": "APTOS val", "eyepacs_holdout": "EyePACS holdout", "natural_test": "natural test",
        "camera": "camera photos"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="append", required=True, metavar="LABEL=RUN_DIR")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rows = []
    for item in args.run:
        label, run = item.split("=", 1)
        metrics = json.loads((Path(run) / "metrics.json").read_text())
        config = json.loads((Path(run) / "config.json").read_text())["config"]
        rows.append((label, config, metrics["sets"]))
    text = table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    print(text)
    return 0


def table(rows) -> str:
    head = ["arm", "px"] + [f"{title} QWK / AUC" for title in SETS.values()] + ["natural test sens / spec"]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|" + "---|" * (len(SETS) + 1)]
    for label, config, sets in rows:
        cells = [label, str(config["image_size"])]
        for name in SETS:
            result = sets[name]
            cells.append(f"{result['combined']['qwk']:.3f} / **{_f(result['referable_auc'])}**")
        natural = sets["natural_test"]["combined"]
        cells.append(f"{_f(natural['referable_sensitivity'], 2)} / {_f(natural['referable_specificity'], 2)}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Float Keras, each run's own metrics.json (`python bench/arms_table.py`): QWK at the run's "
              "calibration-set cut points, sensitivity and specificity of its referrals (its referral "
              "threshold), AUC of its combined score for referable DR."]
    return "\n".join(lines)


def _f(value, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


if __name__ == "__main__":
    sys.exit(main())
