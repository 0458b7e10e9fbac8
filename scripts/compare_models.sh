#!/usr/bin/env bash
# The comparison table of docs/model-card.md, end to end: train every arm (skipped
# when its run already has metrics.json, resumed when it has a checkpoint), then
# score them all with bench/compare_runs.py into docs/comparison/.
#
#   bash scripts/compare_models.sh            # about 3 h on 2 CPU cores
#
# Every arm shares lite0_224's schedule (1 pretrain, 1 frozen, 6 main epochs) and
# differs in one thing: ImageNet weights, input size, or camera augmentations.
# MobileNetV2 v2 is the bundle it replaces, scored as shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
runs=runs/cmp
arms=(lite0_224 lite0_288 lite0_224_nocamera lite0_224_scratch)
mkdir -p "$runs"

train() {
  local config=$1 resume=()
  [[ -f $runs/$config/metrics.json ]] && return 0
  [[ -d $runs/$config/checkpoint ]] && resume=(--resume)
  echo "training $config (log: $runs/$config.out)"
  "$python" -m training fit --config "$config" --run-dir "$runs/$config" "${resume[@]}" >>"$runs/$config.out" 2>&1
}

for config in "${arms[@]}"; do train "$config"; done

"$python" bench/compare_runs.py --out docs/comparison \
  --run "Lite0 224, ImageNet, camera aug=$runs/lite0_224" \
  --run "Lite0 224, ImageNet, no camera aug=$runs/lite0_224_nocamera" \
  --run "Lite0 288, ImageNet, camera aug=$runs/lite0_288" \
  --run "Lite0 224, from scratch, camera aug=$runs/lite0_224_scratch" \
  --run "MobileNetV2 160 v2 (previous default)=models/dr-mnv2-160-v2.json" \
  --tta "Lite0 224, ImageNet, camera aug, flip TTA=$runs/lite0_224"
