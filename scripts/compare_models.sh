#!/usr/bin/env bash
# The comparison table of docs/model-card.md, end to end: train every arm (skipped
# when its run already has metrics.json, resumed when it has a checkpoint), then
# score them all with bench/compare_runs.py into docs/comparison/.
#
#   bash scripts/compare_models.sh            # about 4 h on 2 CPU cores
#   JOBS=2 bash scripts/compare_models.sh     # two runs at a time, one thread each
#
# The shipped arms need runs/shipped_mnv2_160 first (docs/model-card.md, "Reproduce").
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
runs=runs/cmp
arms=(compare_mnv2 compare_mnv2_nopretrain compare_mnv2_baseline compare_effb0 compare_mnv2_mixed
      shipped_mnv2_160_mixed)
mkdir -p "$runs"

train() {
  local config=$1 resume=()
  [[ -f $runs/$config/metrics.json ]] && return 0
  [[ -d $runs/$config/checkpoint ]] && resume=(--resume)
  echo "training $config (log: $runs/$config.out)"
  "$python" -m training fit --config "$config" --run-dir "$runs/$config" "${resume[@]}" >>"$runs/$config.out" 2>&1
}

if [[ ${JOBS:-1} -gt 1 ]]; then
  export TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1
  for ((i = 0; i < ${#arms[@]}; i += 2)); do
    train "${arms[i]}" & train "${arms[i + 1]}" & wait
  done
else
  for config in "${arms[@]}"; do train "$config"; done
fi

"$python" bench/compare_runs.py --out docs/comparison \
  --run "MNV2 multitask, EyePACS pretrain=$runs/compare_mnv2" \
  --run "MNV2 multitask, no pretrain=$runs/compare_mnv2_nopretrain" \
  --run "MNV2 single-head baseline=$runs/compare_mnv2_baseline" \
  --run "EffNetB0 multitask, EyePACS pretrain=$runs/compare_effb0" \
  --run "MNV2 multitask, pretrain + EyePACS in main=$runs/compare_mnv2_mixed" \
  --run "shipped v1 (160 px, APTOS main)=runs/shipped_mnv2_160" \
  --run "shipped v2 (v1 + EyePACS fine-tune, screening cut)=$runs/shipped_mnv2_160_mixed"
