#!/usr/bin/env bash
# Install the app into .venv and start it on the shipped default model in models/.
# On Linux, first check that Qt's window plugin finds its system libraries
# (scripts/check-qt-libs.sh: installs them as root with apt, else says the command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --upgrade pip
.venv/bin/python -m pip install -e ".[app]"
if [ "$(uname -s)" = Linux ] && [ "${QT_QPA_PLATFORM:-xcb}" = xcb ]; then
  bash scripts/check-qt-libs.sh .venv/bin/python
fi
exec .venv/bin/python -m desktop "$@"
