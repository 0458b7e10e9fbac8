#!/usr/bin/env bash
# Gather every translatable text of desktop/ and fundus/ (tr(...), QT_TRANSLATE_NOOP(...))
# into desktop/i18n/dr-screen_<lang>.ts, then compile each .ts to the .qm the app loads.
# New texts arrive as "unfinished": translate them (Qt Linguist: pyside6-linguist, or any
# editor), run this again, and commit the .ts and .qm files. tests/test_i18n.py fails
# while a shipped translation lacks a text.
#   bash scripts/translations.sh            (uses .venv/bin, or PYSIDE_BIN=dir)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PYSIDE_BIN:-.venv/bin}
sources=$(git ls-files --cached --others --exclude-standard 'desktop/*.py' 'fundus/*.py')
for lang in hi es; do
  # shellcheck disable=SC2086
  "$bin/pyside6-lupdate" $sources -locations none -no-obsolete -source-language en \
    -target-language "$lang" -ts "desktop/i18n/dr-screen_$lang.ts"
done
# English needs only its plural forms ("1 photo", "2 photos").
# shellcheck disable=SC2086
"$bin/pyside6-lupdate" $sources -locations none -no-obsolete -pluralonly -source-language en \
  -target-language en -ts desktop/i18n/dr-screen_en.ts
for ts in desktop/i18n/*.ts; do
  "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
