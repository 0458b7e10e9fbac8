#!/usr/bin/env bash
# Train the comparison configs on a lent GPU machine (JAX there, no TensorFlow).
# Before the call, on the development machine:
#   python scripts/pack_training_data.py                     # -> .gpu/data (about 47 MB)
#   python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
#     --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
#     -d .gpu/whl keras==3.15.1 namex optree                # about 3 MB
# then run this script there with .gpu carried; the packed run folders (no
# checkpoints) land in $OUT as split tar.gz parts: cat NAME.tgz.* | tar xz
#
#   BUDGET=480 bash scripts/device_train.sh "aptos_mnv2 epochs.pretrain=15" "baseline_mnv2" ...
set -u
start=$(date +%s)
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
  --target /tmp/site .gpu/whl/*.whl || exit 3
export PYTHONPATH=/tmp/site:$PWD KERAS_BACKEND=jax XLA_PYTHON_CLIENT_PREALLOCATE=false \
  PYTHONUNBUFFERED=1 TF_CPP_MIN_LOG_LEVEL=2
budget=${BUDGET:-480}  # seconds each run may take; it is stopped after that
runs=/tmp/runs out=${OUT:-/tmp/out}
mkdir -p "$runs" "$out"
for spec in "$@"; do
  read -r config overrides <<<"$spec"
  # shellcheck disable=SC2086  # overrides are separate key=value words
  ( timeout -s INT "$budget" python3 -m training fit --config "$config" --run-dir "$runs/$config" \
      data.aptos=.gpu/data/aptos data.eyepacs=.gpu/data/eyepacs data.cache_dir="/tmp/cache-$config" \
      batch_size=64 $overrides >"$runs/$config.out" 2>&1
    echo "$config exit $? after $(( $(date +%s) - start ))s" ) &
done
wait
grep -h "QWK" "$runs"/*/train.log
cd "$runs" && for d in */; do
  d=${d%/}
  tar czf - --exclude="$d/checkpoint" "$d" "$d.out" | split -b 15M - "$out/$d.tgz."
done
