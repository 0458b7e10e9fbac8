"""Stage 3 arithmetic: head outputs → one score → grade (docs/ARCHITECTURE.md, combiner).

x = [regression, Σ k·p_k, Σ ordinal]; score = w·x + b; grade = number of cut points
below the score. Plain numpy/scipy: it runs after fit on any backend.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from fundus.grades import DEFAULT_CUT_POINTS, REFERABLE_GRADE, head_scalars, score_to_grade
from fundus.metrics import qwk

def head_grades(outputs: dict) -> dict[str, np.ndarray]:
    """Each head's own grade: rounded regression, softmax argmax, rounded ordinal sum."""
    scalars = head_scalars(outputs)
    return {
        "regression": score_to_grade(scalars[:, 0]),
        "classification": np.argmax(outputs["classification"], axis=1),
        "ordinal": score_to_grade(scalars[:, 2]),
    }


def fit_combiner(scalars: np.ndarray, grades, ridge: float = 0.01) -> tuple[np.ndarray, float]:
    """Weights and bias of the linear combiner, minimising MSE to the grade (what a
    Dense(1) trained with MSE converges to), solved in closed form.

    The three heads all estimate the grade, so they are nearly collinear; a small
    ridge penalty keeps the weights from exploding into large opposite values. It
    acts on standardised heads, so a head whose outputs vary little but track the
    grade (common early in training) is scaled up instead of ignored. A constant
    head gets weight 0.
    """
    x = np.asarray(scalars, np.float64)
    y = np.asarray(grades, np.float64)
    x_mean, y_mean = x.mean(axis=0), y.mean()
    scale = x.std(axis=0)
    varying = scale > 1e-12 * np.maximum(np.abs(x_mean), 1.0)
    z = (x[:, varying] - x_mean[varying]) / scale[varying]
    weights = np.zeros(x.shape[1])
    weights[varying] = np.linalg.solve(z.T @ z + ridge * len(x) * np.eye(z.shape[1]),
                                       z.T @ (y - y_mean)) / scale[varying]
    return weights, float(y_mean - x_mean @ weights)


def combine(scalars: np.ndarray, weights, bias: float) -> np.ndarray:
    return np.asarray(scalars) @ np.asarray(weights, np.float64) + bias


def optimise_cut_points(scores, grades, start=DEFAULT_CUT_POINTS) -> tuple[float, ...]:
    """Nelder-Mead on −QWK from `start` ("optimized rounder"). QWK is piecewise
    constant in the cut points, so the start is kept unless the search beats it."""
    scores, grades = np.asarray(scores, np.float64), np.asarray(grades)

    def negative_qwk(cuts):
        return -qwk(grades, score_to_grade(scores, np.sort(cuts)))

    result = minimize(negative_qwk, np.asarray(start, np.float64), method="Nelder-Mead",
                      options={"xatol": 1e-3, "fatol": 1e-6, "maxiter": 2000,
                               "initial_simplex": _simplex(start)})
    if result.fun < negative_qwk(np.asarray(start)):
        return tuple(float(c) for c in np.sort(result.x))
    return tuple(float(c) for c in start)


def _simplex(start, step: float = 0.15) -> np.ndarray:
    # Nelder-Mead's default 5 % simplex is too small to leave a flat QWK plateau.
    start = np.asarray(start, np.float64)
    return np.vstack([start] + [start + step * np.eye(len(start))[i] for i in range(len(start))])


def referral_threshold(scores, grades, cut_points, min_sensitivity: float) -> float | None:
    """The screening operating point: a score threshold at or above which at least
    `min_sensitivity` of the referable images score; None when the moderate cut point
    already refers that many.

    QWK-optimal cut points trade missed referrals for fewer false ones as readily as
    the reverse; a screening programme cannot (a missed case may go blind), so it
    picks the referral point by sensitivity. It is kept apart from the cut points so
    that the grades shown stay the QWK-optimal ones.
    """
    scores, grades = np.asarray(scores, np.float64), np.asarray(grades)
    referable = np.sort(scores[grades >= REFERABLE_GRADE])
    if not len(referable):
        return None
    # Keep the top ceil(min_sensitivity * n) referable scores at or above the threshold.
    k = len(referable) - int(np.ceil(min_sensitivity * len(referable) - 1e-9))
    threshold = (referable[k - 1] + referable[k]) / 2 if k > 0 else referable[0] - 0.05
    return float(threshold) if threshold < cut_points[1] else None


def fit_referable_probability(scores, grades) -> dict:
    """P(referable | score) = 1 / (1 + exp(-(slope·score + intercept))), by maximum
    likelihood (a lightly regularised logistic regression on the one score).

    The app shows it as the likelihood of referable DR; fitted on calibration photos
    from the field-like camera, it is calibrated for that camera only.
    """
    from sklearn.linear_model import LogisticRegression

    referable = (np.asarray(grades) >= REFERABLE_GRADE).astype(int)
    if referable.min() == referable.max():
        raise ValueError("the likelihood of referable DR needs referable and non-referable calibration images")
    fit = LogisticRegression(C=100.0).fit(np.asarray(scores, np.float64).reshape(-1, 1), referable)
    return {"slope": float(fit.coef_[0, 0]), "intercept": float(fit.intercept_[0])}
