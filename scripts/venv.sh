#!/usr/bin/env bash
# Sourced by the set-up scripts: `ensure_venv EXTRAS [VENV]` (e.g. "app" or "app,train,dev,build") makes
# VENV (default .venv; the hub's is .venv-hub) hold dr-screen with those extras at the versions in
# constraints.txt.
# pip runs only when something changed since the last install into this venv (pyproject.toml,
# constraints.txt, or an extra not installed yet): VENV/.dr-screen-installed records the files'
# hash and the extras installed against them. A second start of the app then costs no pip run.
ensure_venv() {
  local venv=${2:-.venv}
  local stamp=$venv/.dr-screen-installed files have="" extra missing=""
  files=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$files" ]; then
    have=$(tail -n +2 "$stamp")
  fi
  for extra in ${1//,/ }; do
    grep -qxF "$extra" <<<"$have" || missing=1
  done
  [ -z "$missing" ] && return 0
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --upgrade pip
  "$venv/bin/python" -m pip install -c constraints.txt -e ".[$1]"  # pip shows its progress
  { echo "$files"; { [ -n "$have" ] && echo "$have"; tr , '\n' <<<"$1"; } | sort -u; } > "$stamp"
}
