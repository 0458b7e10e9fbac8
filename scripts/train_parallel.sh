#!/usr/bin/env bash
# Train several configs side by side on one machine (the comparison runs behind
# docs/model-card.md). Each run gets its own cache and log; a summary of combined QWK
# per evaluation set is printed at the end.
#
#   scripts/train_parallel.sh RUNS_DIR "OVERRIDES" CONFIG...
#   e.g. scripts/train_parallel.sh runs/compare "" aptos_mnv2 aptos_mnv2_nopretrain baseline_mnv2 aptos_effb0
#
# On a GPU machine with JAX and no TensorFlow: KERAS_BACKEND=jax
# XLA_PYTHON_CLIENT_PREALLOCATE=false lets the runs share the GPU's memory.
set -uo pipefail
runs_dir=$1; overrides=$2; shift 2
python=${PYTHON:-python3}
mkdir -p "$runs_dir"
pids=()
for config in "$@"; do
  # shellcheck disable=SC2086  # overrides are separate key=value words
  $python -m training fit --config "$config" --run-dir "$runs_dir/$config" \
    data.cache_dir="$runs_dir/.cache-$config" $overrides >"$runs_dir/$config.out" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { status=1; echo "FAILED: ${*:$((i + 1)):1} (see $runs_dir/${*:$((i + 1)):1}.out)"; }
done
for config in "$@"; do
  $python - "$runs_dir/$config/metrics.json" "$config" <<'PY'
import json, sys
from pathlib import Path
path, name = Path(sys.argv[1]), sys.argv[2]
if not path.exists():
    print(f"{name}: no metrics.json"); sys.exit()
for split, result in json.loads(path.read_text())["sets"].items():
    c = result["combined"]
    print(f"{name:28s} {split:16s} QWK {c['qwk']:.4f}  referable sens {c['referable_sensitivity']}  spec {c['referable_specificity']}")
PY
done
exit $status
