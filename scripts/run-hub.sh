#!/usr/bin/env bash
# The hospital hub in one command, from a checkout of this repository (docs/hub.md):
#   bash scripts/run-hub.sh [--dir /srv/dr-screen] [--host 127.0.0.1] [--port 8001] [--ssl-keyfile K --ssl-certfile C]
# Installs dr-screen's `hub` extra (Datasette, the review plugin; no SQLCipher, no Qt) into .venv-hub at the
# versions in constraints.txt (only when something changed), then runs `python -m hub serve`: on the first
# run it makes the hub folder, the hub database, the export key, the Datasette secret (an owner-only file,
# never on a command line) and a starting datasette.json; then it serves the hub and the review pages
# (/-/review). DR_SCREEN_HUB_VENV names another venv folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=$(realpath -m "${DR_SCREEN_HUB_VENV:-$repo/.venv-hub}")
# shellcheck source=scripts/venv.sh
(cd "$repo" && . scripts/venv.sh && ensure_venv hub "$venv")
# -P: a folder named like a module in the current directory never shadows the hub's code.
exec "$venv/bin/python" -P -m hub serve "$@"
