"""Optimizers by name. Keras has no RAdam, so it is here, in keras.ops only."""

from __future__ import annotations

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="training")
class RAdam(keras.optimizers.Adam):
    """Rectified Adam (Liu et al. 2019): plain momentum SGD while the variance
    estimate is unreliable (rho_t <= 5), then Adam scaled by the rectification r_t."""

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        t = ops.cast(self.iterations + 1, dtype)
        beta_1, beta_2 = ops.cast(self.beta_1, dtype), ops.cast(self.beta_2, dtype)
        beta_1_power, beta_2_power = ops.power(beta_1, t), ops.power(beta_2, t)

        m = self._momentums[self._get_variable_index(variable)]
        v = self._velocities[self._get_variable_index(variable)]
        self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - beta_1))
        self.assign_add(v, ops.multiply(ops.subtract(ops.square(gradient), v), 1 - beta_2))

        m_hat = ops.divide(m, 1 - beta_1_power)
        rho_inf = 2 / (1 - beta_2) - 1
        rho_t = rho_inf - 2 * t * beta_2_power / (1 - beta_2_power)
        rect = ops.sqrt(ops.maximum((rho_t - 4) * (rho_t - 2) * rho_inf, 0.0)
                        / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        v_hat = ops.sqrt(ops.divide(v, 1 - beta_2_power))
        adaptive = ops.divide(ops.multiply(m_hat, rect), ops.add(v_hat, self.epsilon))
        self.assign_sub(variable, ops.multiply(lr, ops.where(rho_t > 5, adaptive, m_hat)))


def make_optimizer(name: str, learning_rate, momentum: float = 0.9,
                   weight_decay: float | None = None) -> keras.optimizers.Optimizer:
    """sgd (with momentum), adam, adamw or radam; learning_rate may be a schedule."""
    name = name.lower()
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate, momentum=momentum, weight_decay=weight_decay)
    if name == "adam":
        return keras.optimizers.Adam(learning_rate, weight_decay=weight_decay)
    if name == "adamw":
        return keras.optimizers.AdamW(learning_rate, weight_decay=weight_decay or 1e-4)
    if name == "radam":
        return RAdam(learning_rate, weight_decay=weight_decay)
    raise ValueError(f"unknown optimizer {name!r}: use sgd, adam, adamw or radam")


def cosine_decay(learning_rate: float, total_steps: int) -> keras.optimizers.schedules.LearningRateSchedule:
    """Cosine decay to zero over the whole stage (stage 1 of the paper)."""
    return keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=max(total_steps, 1))
