#!/usr/bin/env bash
# Refresh constraints.txt: install the newest releases that pyproject.toml allows into a scratch
# venv (.venv-refresh), run the whole test suite on it, and only if it passes write its exact
# versions to constraints.txt. Review the diff (git diff constraints.txt) and commit it with the
# test run's outcome; then `bash scripts/test.sh` installs the new pins into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-refresh
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --upgrade pip
"$venv/bin/python" -m pip install -e ".[app,train,dev,build,hub]"
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest "$@"
{ sed -n '/^#/p' constraints.txt; "$venv/bin/python" -m pip freeze --exclude-editable | grep -v '^dr-screen'; } \
  > constraints.txt.new
mv constraints.txt.new constraints.txt
rm -rf "$venv"
echo "constraints.txt refreshed; the tests passed with these versions: git diff constraints.txt"
