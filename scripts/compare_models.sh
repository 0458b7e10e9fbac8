#!/usr/bin/env bash
# The comparison of docs/model-card.md, end to end: train every arm (skipped when its
# run already has metrics.json, resumed when it has a checkpoint), then score them:
# float from each run's metrics.json (bench/arms_table.py), int8 + speed through the
# app's path (bench/compare_runs.py), both into docs/comparison/.
#
#   bash scripts/compare_models.sh            # about 3 h on 2 CPU cores
#
# The Lite0 arms share lite0_224's schedule (1 pretrain, 1 frozen, 6 main epochs) and
# differ in one thing each; lite0_224_plain is the plain fine-tune of issue 12 (one
# regression head, 3 epochs, APTOS + EyePACS enhanced). MobileNetV2 v2 is the bundle
# Lite0 replaced, taken from git history and scored as it shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
runs=runs/cmp
arms=(lite0_224 lite0_288 lite0_224_nocamera lite0_224_scratch lite0_224_plain)
mkdir -p "$runs"

train() {
  local config=$1 resume=()
  [[ -f $runs/$config/metrics.json ]] && return 0
  [[ -d $runs/$config/checkpoint ]] && resume=(--resume)
  echo "training $config (log: $runs/$config.out)"
  "$python" -m training fit --config "$config" --run-dir "$runs/$config" "${resume[@]}" >>"$runs/$config.out" 2>&1
}

for config in "${arms[@]}"; do train "$config"; done

mnv2=$runs/mnv2-v2
mkdir -p "$mnv2"
for file in dr-mnv2-160-v2.json dr-mnv2-160-v2.tflite; do
  git show "7e0a2d8:models/$file" >"$mnv2/$file"
done

"$python" bench/arms_table.py --out docs/comparison/arms.md \
  --run "Lite0 224, ImageNet, camera aug (shipped)=$runs/lite0_224" \
  --run "Lite0 288, ImageNet, camera aug=$runs/lite0_288" \
  --run "Lite0 224, ImageNet, no camera aug=$runs/lite0_224_nocamera" \
  --run "Lite0 224, from scratch, camera aug=$runs/lite0_224_scratch" \
  --run "Lite0 224, plain fine-tune (one head, 3 epochs)=$runs/lite0_224_plain" \
  ${V2_PREP_RUN:+--run "Lite0 224, draft ben-crop-v2 preprocessing=$V2_PREP_RUN"}

"$python" bench/compare_runs.py --out docs/comparison \
  --run "Lite0 224, ImageNet, camera aug (shipped)=$runs/lite0_224" \
  --run "Lite0 288, ImageNet, camera aug=$runs/lite0_288" \
  --run "Lite0 224, ImageNet, no camera aug=$runs/lite0_224_nocamera" \
  --run "Lite0 224, from scratch, camera aug=$runs/lite0_224_scratch" \
  --run "Lite0 224, plain fine-tune=$runs/lite0_224_plain" \
  --run "MobileNetV2 160 v2 (previous default)=$mnv2/dr-mnv2-160-v2.json" \
  --tta "Lite0 224 shipped + flip TTA=$runs/lite0_224" \
  --ensemble "Lite0 224 + no-camera-aug arm=Lite0 224, ImageNet, camera aug (shipped)+Lite0 224, ImageNet, no camera aug"
