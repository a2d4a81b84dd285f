#!/usr/bin/env bash
# Installs the system packages ReturnDesk needs that this machine lacks.
# usage: scripts/deps.sh run|test   (run: build and start the app; test: also the tools the tests use)
set -euo pipefail
need=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev)
if [ "${1:-run}" = test ]; then
  # Xvfb + xdotool + ImageMagick: the window tests; poppler/qpdf/zbar: PDF checks;
  # openpyxl and LibreOffice: reading our Excel sheets with readers that are not ours;
  # CUPS and CUPS-PDF: printing to a real (private) print queue; postgresql: the private
  # throwaway database server of the PostgreSQL tests (internal/pgtest).
  need+=(xvfb xauth xdotool imagemagick poppler-utils qpdf zbar-tools python3-openpyxl sqlite3 libreoffice-calc-nogui cups printer-driver-cups-pdf postgresql)
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "No dpkg here: install the equivalents of: ${need[*]} (Fedora: gcc pkgconf mesa-libGL-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel wayland-devel libxkbcommon-devel; macOS: Xcode command line tools; Windows: a MinGW-w64 gcc)" >&2
  exit 0
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
# Wait for another apt run (a second `make` in parallel) instead of failing on its lock.
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
