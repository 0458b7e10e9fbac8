"""Targets for the three heads and the loss set of each stage.

Focal losses are Keras' own (keras.ops inside, so any backend); tests check them
against a hand computation with our alpha/gamma.
"""

from __future__ import annotations

import keras
import numpy as np

from fundus.grades import NUM_GRADES, ordinal_encode


def make_targets(grades) -> dict[str, np.ndarray]:
    """Grade → the three heads' targets: the number, one-hot, and [grade > k]."""
    grades = np.asarray(grades, np.int64).ravel()
    return {
        "regression": grades.astype(np.float32).reshape(-1, 1),
        "classification": np.eye(NUM_GRADES, dtype=np.float32)[grades],
        "ordinal": ordinal_encode(grades),
    }


def pretrain_losses(label_smoothing: float = 0.0) -> dict[str, keras.losses.Loss]:
    """Stage 1 (paper): MAE / categorical cross-entropy / binary cross-entropy."""
    return {
        "regression": keras.losses.MeanAbsoluteError(),
        "classification": keras.losses.CategoricalCrossentropy(label_smoothing=label_smoothing),
        "ordinal": keras.losses.BinaryCrossentropy(),
    }


def main_losses(alpha: float = 0.25, gamma: float = 2.0,
                label_smoothing: float = 0.0) -> dict[str, keras.losses.Loss]:
    """Stage 2 (paper): MSE / categorical focal / binary focal loss."""
    return {
        "regression": keras.losses.MeanSquaredError(),
        "classification": keras.losses.CategoricalFocalCrossentropy(
            alpha=alpha, gamma=gamma, label_smoothing=label_smoothing),
        "ordinal": keras.losses.BinaryFocalCrossentropy(
            apply_class_balancing=True, alpha=alpha, gamma=gamma),
    }
