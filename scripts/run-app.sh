#!/usr/bin/env bash
# Install the app into .venv (the versions in constraints.txt; only when something changed) and
# start it on the shipped default model in models/.
# On Linux, first check that Qt's window plugin finds its system libraries
# (scripts/check-qt-libs.sh: installs them as root with apt, else says the command).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/venv.sh
. scripts/venv.sh
ensure_venv app
if [ "$(uname -s)" = Linux ] && [ "${QT_QPA_PLATFORM:-xcb}" = xcb ]; then
  bash scripts/check-qt-libs.sh .venv/bin/python
fi
exec .venv/bin/python -m desktop "$@"
