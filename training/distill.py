"""Knowledge distillation: a student learns from the averaged outputs of teacher runs
(a larger backbone, a higher input size, or a fold ensemble) blended with the labels.

The teachers see each training image at their own input size, decoded from the same
photo, with flip TTA; the blend keeps the three heads' target shapes, so the stages'
losses work unchanged on the soft targets (regression: the teachers' expected grade;
classification: a probability vector; ordinal: P(grade > k)).
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np

from training.losses import make_targets
from training.model import HEADS


def load_teachers(run_dirs: list[str]) -> list[keras.Model]:
    models = []
    for run_dir in run_dirs:
        path = Path(run_dir) / "model.keras"
        if not path.is_file():
            raise FileNotFoundError(f"distill.teachers: no model.keras in {run_dir} (train the teacher first)")
        models.append(keras.saving.load_model(path, compile=False))
    return models


def soft_targets(teacher_outputs: list[dict], grades, weight: float) -> dict[str, np.ndarray]:
    """weight × mean teacher output + (1 − weight) × the label's targets, per head."""
    if not 0 <= weight <= 1:
        raise ValueError(f"distill.weight must be in [0, 1], not {weight}")
    hard = make_targets(grades)
    teacher = {head: np.mean([np.asarray(o[head], np.float32) for o in teacher_outputs], axis=0)
               for head in HEADS}
    return {head: (weight * teacher[head] + (1 - weight) * hard[head]).astype(np.float32) for head in HEADS}
