"""dr-screen training: fundus images → multitask Keras model + run report.

Public API used by other packages (converter, desktop tests):

- `training.model.build_model(backbone="MobileNetV2", input_size=224, weights=None,
  dropout=0.2, **backbone_kwargs) -> keras.Model` — the model of the contract in
  docs/ARCHITECTURE.md (input float32 RGB 0..255; outputs regression/classification/
  ordinal; last feature map = layer "features").

Command line: `python -m training fit --config NAME_OR_PATH [--resume] [--run-dir DIR]
[key=value ...]` (see training/__main__.py).

Everything that runs during fit uses keras.ops only, so it trains on TensorFlow
(here) and on JAX (GPU machine without TensorFlow).
"""

from training.model import build_model

__all__ = ["build_model"]
