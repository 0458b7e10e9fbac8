#!/usr/bin/env bash
# Install the app into .venv and start it on the shipped default model in models/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[app]"
exec .venv/bin/python -m desktop "$@"
