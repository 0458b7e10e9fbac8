#!/usr/bin/env bash
# Publish a training run as a signed int8 bundle in models/ and make it the app's
# default, the way the shipped model was made (docs/model-card.md, "Reproduce"):
#
#   SIGN_KEY=/path/publisher.key bash scripts/publish_model.sh RUN_DIR NAME ["WARNING"]
#
# 1. the run's splits as labels CSVs and calibration folders (scripts/write_splits.py);
# 2. the converter: int8 calibrated on APTOS training images and training photos, an
#    EfficientNet-Lite's stem and first block kept float, gated on APTOS validation
#    QWK, and scored on the EyePACS holdout, the natural-colour test part and the
#    camera photos through the app's path (all recorded in the manifest);
# 3. its triage policies (urgent / refer / clear), set on the natural-colour and
#    EyePACS calibration parts and measured on every reported set, the warning filled
#    in from those numbers, signed (python -m converter triage);
# 4. models/default.json names it.
# The converter refuses (exit 2, nothing written) a model whose int8 QWK drops more
# than 0.01; then nothing else changes either.
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:?run folder} name=${2:?bundle name} warning=${3:-}
python=${PYTHON:-.venv/bin/python}
key=${SIGN_KEY:?SIGN_KEY: the publisher private key (python -m converter keygen)}
data=../shared/data splits=runs/splits
config=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["config"]["name"])' "$run/config.json")
reported=(--evaluate natural_test "$data/eyepacs2015-natural1024/images" "$splits/natural_test.csv"
          --evaluate eyepacs_holdout "$data/eyepacs2015-enhanced256/images" "$splits/eyepacs_holdout.csv"
          --evaluate camera "$data/fundus-camera-raw" "$splits/camera.csv")
"$python" scripts/write_splits.py --config "$config" --out "$splits"
"$python" -m converter "$run" --out models/ --name "$name" --mode int8 \
  --calibration "$splits/aptos_train_images" --calibration-photos "$splits/calibration_photos" \
  --float-layers stem_,block1a_ \
  --validation "$data/aptos2019-gaussian224/images" --labels "$splits/aptos_val.csv" --preprocessed \
  "${reported[@]}"
"$python" -m converter triage "models/$name.json" \
  --field-calibration "$data/eyepacs2015-natural1024/images" "$splits/natural_calibration.csv" \
  --severe-calibration "$data/eyepacs2015-enhanced256/images" "$splits/eyepacs_calibration.csv" \
  "${reported[@]}" ${warning:+--warning "$warning"} --sign-key "$key"
printf '{"bundle": "%s.json"}\n' "$name" > models/default.json
echo "models/default.json -> $name.json"
