#!/usr/bin/env bash
# Install everything the tests need into .venv (the versions in constraints.txt) and run the whole
# suite. pytest's exit code 5 ("no tests collected") is a failure here, not a pass.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/venv.sh
. scripts/venv.sh
ensure_venv app,train,dev,build,hub  # a 2.4 GB download the first time: pip shows its progress
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
