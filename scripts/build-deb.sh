#!/usr/bin/env bash
# Package the PyInstaller folder (dist/dr-screen, from `pyinstaller build.spec`) as a Debian
# package with a menu entry and icon: OUT_DIR/dr-screen_VERSION_ARCH.deb.
#   bash scripts/build-deb.sh [APP_DIR] [OUT_DIR]      (DEB_COMPRESS=none|gzip|xz, default xz)
# The app goes to /opt/dr-screen, a launcher to /usr/bin/dr-screen. Depends: lists the
# Debian packages of every system library the app links to (found with ldd and dpkg -S on
# this machine); a library missing here stops the build, so no package ships that cannot
# start. Build on the oldest Debian/Ubuntu the laptops run (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/.."
app=$(realpath "${1:-dist/dr-screen}")
out=$(realpath "${2:-dist}")
[ -x "$app/dr-screen" ] || { echo "error: $app/dr-screen not found; run pyinstaller build.spec first" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
arch=$(dpkg --print-architecture)

# System libraries the bundle needs: everything ldd resolves outside the bundle.
libs=$(find "$app" -type f \( -name '*.so*' -o -name dr-screen \) -print0 \
  | xargs -0 env LD_LIBRARY_PATH="$app/_internal" ldd 2>/dev/null | awk '/=>/ {print $1, $3}' | sort -u)
if missing=$(grep ' not$' <<<"$libs" || true) && [ -n "$missing" ]; then
  echo "error: these libraries are missing on the build machine, so the package would not start:" >&2
  echo "$missing" | awk '{print "  " $1}' >&2
  exit 1
fi
depends=$(awk '{print $2}' <<<"$libs" | grep -v "^$app" | while read -r path; do
  dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true
done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$app" "$root/opt/dr-screen"
install -m 755 packaging/linux/dr-screen "$root/usr/bin/dr-screen"
install -m 644 packaging/linux/dr-screen.desktop "$root/usr/share/applications/dr-screen.desktop"
install -m 644 desktop/assets/dr-screen.png "$root/usr/share/icons/hicolor/256x256/apps/dr-screen.png"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
  packaging/linux/control > "$root/DEBIAN/control"
mkdir -p "$out"
deb="$out/dr-screen_${version}_${arch}.deb"
dpkg-deb --root-owner-group "-Z${DEB_COMPRESS:-xz}" --build "$root" "$deb" >/dev/null
echo "$deb"
