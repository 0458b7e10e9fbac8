"""ICDR grades, the score-to-grade rule, and the referable rule."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fundus.text import QT_TRANSLATE_NOOP

GRADE_NAMES = (QT_TRANSLATE_NOOP("grades", "No DR"), QT_TRANSLATE_NOOP("grades", "Mild"),
               QT_TRANSLATE_NOOP("grades", "Moderate"), QT_TRANSLATE_NOOP("grades", "Severe NPDR"),
               QT_TRANSLATE_NOOP("grades", "Proliferative DR"))
UNGRADABLE = QT_TRANSLATE_NOOP("grades", "Ungradable")
NUM_GRADES = len(GRADE_NAMES)
REFERABLE_GRADE = 2  # moderate NPDR or worse is referred to an ophthalmologist
DEFAULT_CUT_POINTS = (0.5, 1.5, 2.5, 3.5)


def score_to_grade(score, cut_points: Sequence[float] = DEFAULT_CUT_POINTS):
    """Continuous score(s) -> grade(s): the number of cut points below the score."""
    grades = np.searchsorted(np.sort(np.asarray(cut_points, np.float64)), score, side="right")
    return int(grades) if np.ndim(grades) == 0 else grades.astype(np.int64)


def is_referable(grade: int | None) -> bool:
    """An ungradable photo (grade None) is referred too: the app never guesses."""
    return grade is None or grade >= REFERABLE_GRADE


def grade_name(grade: int | None) -> str:
    return UNGRADABLE if grade is None else GRADE_NAMES[grade]


def ordinal_encode(grades) -> np.ndarray:
    """Grade g -> [g > 0, g > 1, g > 2, g > 3] as float32."""
    g = np.asarray(grades).reshape(-1, 1)
    return (g > np.arange(NUM_GRADES - 1)).astype(np.float32)


def ordinal_decode(probabilities) -> np.ndarray:
    """Expected grade from P(grade > k): their sum."""
    return np.asarray(probabilities, np.float64).sum(axis=-1)


def head_scalars(outputs) -> np.ndarray:
    """(N, 3): each head of the model as an expected grade — the regression output,
    the softmax's expected grade, the sum of the ordinal sigmoids. The combiner is
    linear in these (docs/ARCHITECTURE.md)."""
    classification = np.asarray(outputs["classification"], np.float64)
    regression = np.asarray(outputs["regression"], np.float64).reshape(len(classification))
    return np.stack([regression, classification @ np.arange(classification.shape[1]),
                     ordinal_decode(outputs["ordinal"])], axis=1)
