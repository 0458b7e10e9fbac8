#!/usr/bin/env bash
# Check that Qt's window plugin (xcb) finds every system library it links to, on Linux.
#   bash scripts/check-qt-libs.sh [PYTHON]        (default: .venv/bin/python)
# All present: exit 0, silent. Missing, and run as root where apt-get exists: installs
# their Debian packages and checks again. Otherwise prints the one command that installs
# them and exits 1. A fresh Debian/Ubuntu desktop lacks some of them (e.g. libxcb-cursor0,
# libxcb-icccm4, libxcb-keysyms1), and Qt then aborts at start with "could not load the
# Qt platform plugin xcb".
set -euo pipefail
python=${1:-.venv/bin/python}
plugin=$("$python" -c 'from pathlib import Path; import PySide6
print(Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so")')

missing() {
  ldd "$plugin" | awk '/=> not found/ {print $1}' | sort -u
}

# Debian names a library's package after its soname: libfoo.so.1 -> libfoo1,
# libfoo-2.so.3 -> libfoo-2-3 (a hyphen when the name ends in a digit), in lower case;
# GLib's libraries all come in libglib2.0-0 (libglib2.0-0t64 provides it on newer systems).
deb_package() {
  local name=${1%%.so.*} version=${1##*.so.}
  name=$(tr '[:upper:]' '[:lower:]' <<<"$name")
  case $name in
    libglib-2.0 | libgthread-2.0 | libgobject-2.0 | libgio-2.0 | libgmodule-2.0) echo libglib2.0-0 ;;
    *[0-9]) echo "$name-$version" ;;
    *) echo "$name$version" ;;
  esac
}

libs=$(missing)
[ -z "$libs" ] && exit 0
packages=$(for lib in $libs; do deb_package "$lib"; done | sort -u | paste -sd' ')
echo "Qt's window plugin needs system libraries that are missing: $(paste -sd' ' <<<"$libs")" >&2
if command -v apt-get >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: $packages" >&2
    # shellcheck disable=SC2086
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >&2; }; then
      echo "error: apt-get could not install them; install them by hand: apt-get install $packages" >&2
      exit 1
    fi
    libs=$(missing)
    [ -z "$libs" ] && exit 0
    echo "error: still missing after the install: $(paste -sd' ' <<<"$libs")" >&2
    exit 1
  fi
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y $packages" >&2
elif command -v dnf >/dev/null; then
  echo "Install them with:" >&2
  echo "  sudo dnf install -y $(for lib in $libs; do printf '*/%s ' "$lib"; done)" >&2
else
  echo "Install the packages of your Linux distribution that provide them." >&2
fi
echo "then run this command again." >&2
exit 1
