"""Training-time augmentation as Keras preprocessing layers (any backend).

The augmenter runs inside a wrapper model used only for `fit`
(`with_augmentation`); the saved model.keras is the inner model, without it.
Geometric transforms fill with 128, the background grey of Ben-filtered images.
"""

from __future__ import annotations

import keras
from keras import ops

BACKGROUND = 128.0

DEFAULTS = {  # all off: a config switches on what it wants
    "flip": False,       # horizontal and vertical flips
    "rotation": 0.0,     # fraction of a full turn, e.g. 0.5 = up to ±180°
    "shift": 0.0,        # fraction of the side
    "zoom": 0.0,         # fraction, in and out
    "brightness": 0.0,   # fraction of the 0..255 range added
    "contrast": 0.0,     # contrast factor in [1 - c, 1 + c]
    "gamma": 0.0,        # gamma in [exp(-g), exp(g)]
    "blur": 0.0,         # probability of a Gaussian blur (sigma up to 1 px)
    "noise": 0.0,        # Gaussian noise stddev, as a fraction of the 0..255 range
}


@keras.saving.register_keras_serializable(package="training")
class RandomGamma(keras.layers.Layer):
    """x → 255·(x/255)^γ with log γ uniform in ±factor per image (Keras has no gamma layer)."""

    def __init__(self, factor: float, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.factor, self.seed = factor, seed
        self.generator = keras.random.SeedGenerator(seed)

    def call(self, x, training=True):
        if not training:
            return x
        log_gamma = keras.random.uniform((ops.shape(x)[0], 1, 1, 1), -self.factor, self.factor,
                                         seed=self.generator)
        return 255.0 * ops.power(ops.clip(x / 255.0, 0.0, 1.0), ops.exp(log_gamma))

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "seed": self.seed}


def build_augmenter(options: dict, seed: int = 42) -> keras.Sequential:
    """The augmentation layers switched on in `options` (keys of DEFAULTS), in order."""
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown augmentation options: {sorted(unknown)}")
    o = {**DEFAULTS, **options}
    geometric = {"fill_mode": "constant", "fill_value": BACKGROUND}
    candidates = [
        (o["flip"], lambda s: keras.layers.RandomFlip("horizontal_and_vertical", seed=s)),
        (o["rotation"], lambda s: keras.layers.RandomRotation(o["rotation"], seed=s, **geometric)),
        (o["shift"], lambda s: keras.layers.RandomTranslation(o["shift"], o["shift"], seed=s, **geometric)),
        (o["zoom"], lambda s: keras.layers.RandomZoom(o["zoom"], seed=s, **geometric)),
        (o["brightness"], lambda s: keras.layers.RandomBrightness(o["brightness"], seed=s)),
        (o["contrast"], lambda s: keras.layers.RandomContrast(o["contrast"], seed=s)),
        (o["gamma"], lambda s: RandomGamma(o["gamma"], seed=s)),
        (o["blur"], lambda s: keras.layers.RandomGaussianBlur(o["blur"], kernel_size=5, sigma=1.0, seed=s)),
        (o["noise"], lambda s: _scaled_noise(o["noise"], s)),
    ]
    layers = [make(seed + i) for i, (on, make) in enumerate(candidates) if on]
    if keras.backend.backend() == "jax":
        # Keras marks rotation, shift and zoom as not XLA-compilable because
        # TensorFlow's projective-transform op has no XLA kernel. On JAX they compile,
        # and without this one such layer turns the whole training step eager: on the
        # GPU machine that made an epoch take minutes instead of seconds.
        for layer in layers:
            layer.supports_jit = True
    return keras.Sequential(layers, name="augment")


def _scaled_noise(stddev: float, seed: int) -> keras.Sequential:
    # GaussianNoise only accepts stddev <= 1, so it works on the image scaled to 0..1.
    return keras.Sequential([keras.layers.Rescaling(1 / 255.0), keras.layers.GaussianNoise(stddev, seed=seed),
                             keras.layers.Rescaling(255.0)], name="noise")


def with_augmentation(model: keras.Model, augmenter: keras.Sequential) -> keras.Model:
    """inputs → augment → model, for fit only. Weights are shared with `model`."""
    inputs = keras.Input(model.inputs[0].shape[1:], dtype="float32", name="image")
    x = augmenter(inputs) if augmenter.layers else inputs
    return keras.Model(inputs, model(x), name=f"{model.name}_train")
