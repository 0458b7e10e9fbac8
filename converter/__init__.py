"""Keras run -> quantized TFLite bundle for the app, gated on QWK (needs TensorFlow).

    python -m converter RUN_DIR_OR_MODEL.keras --out models/ --validation DIR --labels CSV
        [--mode int8|fp16|dynamic|float32|all] [--calibration DIR] [--preprocessed]
        [--max-qwk-drop 0.01] [--name NAME] [--limit N] [--sign-key KEY]
    python -m converter keygen --out DIR [--name publisher]
    python -m converter sign BUNDLE.json --key KEY
    python -m converter evaluate BUNDLE.json --images DIR --labels CSV [--preprocessed]
        [--predictions OUT.csv] [--policy NAME]
    python -m converter triage BUNDLE.json --field-calibration IMAGES LABELS
        --severe-calibration IMAGES LABELS [--warning TEMPLATE] [--sign-key KEY]

Exit status: 0 done, 1 user error (message on stderr), 2 refused by the QWK gate.
"""


class UserError(Exception):
    """A mistake in the arguments or an unusable input; the message says what to fix."""
