"""Does a trained run see the grade in photos that went through our own preprocessing?

    python bench/domain_probe.py RUN_DIR [--sigmas 2.5 5 10]

For each Ben-filter sigma (at 224 px, scaled to the run's size) it preprocesses the
natural-colour EyePACS test part, the EyePACS enhanced holdout (training.splits: no
config trains on them) and the 10 labelled raw camera photos, scores them with the
run's float model and combiner, and prints how well the score ranks them: ROC AUC for
referable DR and Spearman's rho with the grade, plus the spread of the scores. The APTOS validation split (filtered by its provider, so not
affected by sigma) is the in-domain reference. AUC 0.5 and a score spread near 0 mean
the model gives every such photo about the same score: it does not transfer.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from compare_runs import evaluation_set, splits  # noqa: E402  (bench/ is the script's folder)
from scipy.stats import spearmanr  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

import fundus.preprocess as preprocess  # noqa: E402
from converter import convert  # noqa: E402
from fundus.image import ImageError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--sigmas", type=float, nargs="+", default=[2.5, 5.0, 10.0])
    args = parser.parse_args()
    run = convert.load_run(args.run)
    size = int(run.model.input_shape[1])

    reference = evaluation_set("aptos_val", size)
    print(f"{args.run}: APTOS validation (reference) {describe(score(run, reference.images), reference.grades)}")

    default_sigma = preprocess.SIGMA_AT_224
    try:
        for sigma in args.sigmas:
            preprocess.SIGMA_AT_224 = sigma
            for name in ("natural_test", "eyepacs_holdout", "camera"):
                images = splits()[name]
                inputs, kept = preprocessed(images.paths, size)
                print(f"sigma {sigma:g}{' (shipped)' if sigma == default_sigma else ''}, {name}: "
                      f"{describe(score(run, inputs), images.grades[kept])}", flush=True)
    finally:
        preprocess.SIGMA_AT_224 = default_sigma
    return 0


def preprocessed(paths, size: int) -> tuple[np.ndarray, np.ndarray]:
    inputs, kept = [], []
    for i, path in enumerate(paths):
        try:
            inputs.append(preprocess.preprocess_path(path, size)[1].image)
            kept.append(i)
        except (preprocess.NoFundusError, ImageError):
            continue  # the app would call it ungradable; not a grading question
    return np.stack(inputs), np.array(kept)


def score(run, inputs: np.ndarray) -> np.ndarray:
    return run.combiner.scores(run.model.predict(inputs.astype(np.float32), batch_size=32, verbose=0))


def describe(scores: np.ndarray, grades: np.ndarray) -> str:
    referable = grades >= 2
    auc = roc_auc_score(referable, scores) if 0 < referable.sum() < len(grades) else float("nan")
    rho = spearmanr(scores, grades)[0]
    return (f"n {len(grades)}, referable AUC {auc:.3f}, Spearman {rho:.3f}, "
            f"score mean {scores.mean():.2f} sd {scores.std():.2f}")


if __name__ == "__main__":
    sys.exit(main())
