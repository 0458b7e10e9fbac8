"""Screening metrics: quadratic weighted kappa, confusion matrix, referable-DR
sensitivity, specificity and AUC, bootstrap intervals. Plain numpy, so the app and
the converter need no scikit-learn (tests compare against it)."""
from __future__ import annotations

import numpy as np

from fundus.grades import NUM_GRADES, REFERABLE_GRADE


def confusion_matrix(y_true, y_pred, num_classes: int = NUM_GRADES,
                     normalize: bool = False, weights=None) -> np.ndarray:
    """Rows are true grades, columns predicted. normalize=True divides each row by
    its count (a row with no samples stays zero), so the diagonal is per-grade recall.
    weights: one per sample (e.g. 1 / sampling share), making the counts floats."""
    y_true, y_pred = _as_grades(y_true), _as_grades(y_pred)
    if weights is None:
        cm = np.zeros((num_classes, num_classes), np.int64)
        np.add.at(cm, (y_true, y_pred), 1)
    else:
        cm = np.zeros((num_classes, num_classes), np.float64)
        np.add.at(cm, (y_true, y_pred), np.asarray(weights, np.float64).ravel())
    if not normalize:
        return cm
    rows = cm.sum(axis=1, keepdims=True)
    return np.divide(cm, rows, out=np.zeros(cm.shape), where=rows > 0)


def qwk(y_true, y_pred, num_classes: int = NUM_GRADES, weights=None) -> float:
    """Cohen's kappa with quadratic weights (Kaggle's APTOS metric); `weights` per sample as in confusion_matrix."""
    observed = confusion_matrix(y_true, y_pred, num_classes, weights=weights).astype(np.float64)
    n = observed.sum()
    if n == 0:
        raise ValueError("qwk of an empty set")
    idx = np.arange(num_classes)
    weights = (idx[:, None] - idx[None, :]) ** 2 / (num_classes - 1) ** 2
    expected = np.outer(observed.sum(1), observed.sum(0)) / n
    denominator = (weights * expected).sum()
    # All samples in one class on both sides: perfect agreement by convention.
    return 1.0 if denominator == 0 else float(1.0 - (weights * observed).sum() / denominator)


def per_class_recall(y_true, y_pred, num_classes: int = NUM_GRADES) -> list[float | None]:
    """Recall of each grade; None for a grade absent from y_true."""
    cm = confusion_matrix(y_true, y_pred, num_classes)
    rows = cm.sum(axis=1)
    return [float(cm[k, k] / rows[k]) if rows[k] else None for k in range(num_classes)]


def referable_sensitivity_specificity(y_true, y_pred) -> tuple[float | None, float | None]:
    """Referable DR = grade >= 2 (moderate NPDR or worse). None where undefined."""
    return referral_sensitivity_specificity(y_true, _as_grades(y_pred) >= REFERABLE_GRADE)


def referral_sensitivity_specificity(y_true, refer, weights=None) -> tuple[float | None, float | None]:
    """Sensitivity and specificity of a referral decision for referable DR in y_true.

    `refer` is what the app decided (its `referable`, which also refers every
    ungradable photo), so this is the screening programme's own sensitivity.
    weights: one per eye (e.g. 1 / sampling share); None where undefined."""
    t = _as_grades(y_true) >= REFERABLE_GRADE
    r = np.asarray(refer, bool).ravel()
    w = np.ones(len(t)) if weights is None else np.asarray(weights, np.float64).ravel()
    sens = float(w[t & r].sum() / w[t].sum()) if t.any() else None
    spec = float(w[~t & ~r].sum() / w[~t].sum()) if (~t).any() else None
    return sens, spec


def referable_auc(y_true, scores) -> float | None:
    """Area under the ROC curve of the score for referable DR (grade >= 2): the chance
    that a referable eye scores above a non-referable one, ties counting half.
    None when either class is absent."""
    t = _as_grades(y_true) >= REFERABLE_GRADE
    s = np.asarray(scores, np.float64).ravel()
    if t.all() or not t.any():
        return None
    ranks = _average_ranks(s)
    n_pos, n_neg = int(t.sum()), int((~t).sum())
    return float((ranks[t].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _average_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    # Tied values share the mean of their ranks.
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return (sums / counts)[inverse]


def bootstrap_ci(statistic, *arrays, n: int = 2000, level: float = 0.95, seed: int = 0,
                 groups=None) -> tuple[float, float] | None:
    """Percentile bootstrap interval of `statistic(*arrays)`.

    groups: resample whole groups (e.g. patients: two eyes of one person are not
    independent). Resamples where the statistic is undefined (None) are skipped;
    None if most are.
    """
    arrays = [np.asarray(a) for a in arrays]
    rng = np.random.default_rng(seed)
    if groups is None:
        members = [np.array([i]) for i in range(len(arrays[0]))]
    else:
        _, inverse = np.unique(np.asarray(groups), return_inverse=True)
        members = [np.flatnonzero(inverse == g) for g in range(inverse.max() + 1)]
    values = []
    for _ in range(n):
        pick = np.concatenate([members[i] for i in rng.integers(0, len(members), len(members))])
        value = statistic(*(a[pick] for a in arrays))
        if value is not None:
            values.append(value)
    if len(values) < n / 2:
        return None
    alpha = (1 - level) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return float(low), float(high)


def summary(y_true, y_pred, refer=None) -> dict:
    """Every number we publish for a set of predictions, JSON-ready. Sensitivity and
    specificity are those of `refer` (the referral decisions) when given, else of
    the predicted grades >= 2."""
    if refer is None:
        sens, spec = referable_sensitivity_specificity(y_true, y_pred)
    else:
        sens, spec = referral_sensitivity_specificity(y_true, refer)
    return {
        "n": int(len(_as_grades(y_true))),
        "qwk": qwk(y_true, y_pred),
        "accuracy": float(np.mean(_as_grades(y_true) == _as_grades(y_pred))),
        "per_class_recall": per_class_recall(y_true, y_pred),
        "referable_sensitivity": sens,
        "referable_specificity": spec,
        "confusion_matrix_normalized": confusion_matrix(y_true, y_pred, normalize=True).round(4).tolist(),
    }


def _as_grades(values) -> np.ndarray:
    arr = np.asarray(values)
    if arr.size and (arr.min() < 0 or arr.max() >= NUM_GRADES):
        raise ValueError(f"grades must be in 0..{NUM_GRADES - 1}")
    return arr.astype(np.int64).ravel()
