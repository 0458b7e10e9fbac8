"""dr-screen training: fundus images → multitask Keras model + run report.

Public API used by other packages (converter, desktop, tests):

- `training.model.build_model(backbone="MobileNetV2", input_size=224, weights=None,
  dropout=0.2, **backbone_kwargs) -> keras.Model`: the model of the contract in
  docs/ARCHITECTURE.md (input float32 RGB 0..255, normalised inside; outputs
  regression/classification/ordinal; last feature map = layer "features").
  weights: None, "imagenet" (local Keras cache only, else OfflineWeightsError),
  a no-top `*.h5` for the backbone, or a `*.weights.h5` of the whole model.
- `training.fit_few_steps(model, images_uint8, grades, steps=5, batch_size=8,
  learning_rate=1e-3, seed=0) -> list[float]`: trains a model in place for a few
  Adam steps on real images (stage-2 losses, no augmentation), so tests get a net
  whose outputs depend on the image. Returns the per-step losses.
- `training.stages.predict_heads(model, images, batch_size=32, tta_flip=False) -> dict`
  of numpy head outputs.
- `training.thresholds` (with `fundus.grades.head_scalars(outputs) -> (N, 3)`): `fit_combiner(scalars,
  grades) -> (weights, bias)`, `combine(scalars, weights, bias) -> scores`,
  `optimise_cut_points(scores, grades) -> 4 cut points` (the stage-3 combiner).

Command line: `python -m training fit --config NAME_OR_PATH [--resume] [--run-dir DIR]
[key=value ...]` (configs in training/configs/). A run folder holds model.keras,
combiner.json, metrics.json, history.csv, config.json, train.log and the plots.

Everything that runs during fit uses keras.ops only, so it trains on TensorFlow
(here) and on JAX (the GPU machine, where TensorFlow is not installed).
"""

__all__ = ["build_model", "fit_few_steps"]


def __getattr__(name: str):
    """Import Keras only when used, so `python -m training --help` answers at once."""
    if name == "build_model":
        from training.model import build_model
        return build_model
    if name == "fit_few_steps":
        from training.stages import fit_few_steps
        return fit_few_steps
    raise AttributeError(f"module 'training' has no attribute {name!r}")
