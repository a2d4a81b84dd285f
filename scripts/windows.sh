#!/usr/bin/env bash
# The Windows build, cross-compiled here with MinGW-w64, and the Wine prefix its test runs in.
# usage: scripts/windows.sh build           dist/windows/returndesk.exe and dist/returndesk-windows-amd64.zip
#        scripts/windows.sh deps [test]     install the cross compiler and zip (test: also Wine, Xvfb…)
#        scripts/windows.sh prefix DIR      a new Wine prefix in DIR that runs Go programs (see below)
#        scripts/windows.sh vet             go vet as Windows and macOS compile the code (make vet)
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
GO=${GO:-go}
CC_WIN=x86_64-w64-mingw32-gcc
FYNE_VERSION=v2.8.1 # the fyne tool of the Fyne the app is built with (go.mod)

# deps installs the Debian packages named that are missing, like scripts/deps.sh.
install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "No dpkg here: install the equivalents of: $* (a MinGW-w64 gcc named $CC_WIN, zip; Wine for the tests)" >&2
    return 0
  fi
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

deps() {
  local need=(gcc-mingw-w64-x86-64 zip)
  [ "${1:-}" = test ] && need+=(wine wine64 xvfb xauth xdotool imagemagick poppler-utils sqlite3)
  install_missing "${need[@]}"
}

# build makes the exe with Fyne's packaging tool, which adds the icon, the version from
# FyneApp.toml and a manifest as resources and links with -H windowsgui, then the zip for a
# shop. The tool writes its resource and metadata files into the source folder and builds
# there, so it works on a copy: a build of the real folder running meanwhile (the tests) would
# pick them up. -trimpath (--release) keeps the copy's folder out of the Go build cache's keys.
# nice: the cross build is long (13 min cold on 2 cores) and the machine is shared; with the
# cache it is a minute or two.
build() {
  deps
  local gobin; gobin="$($GO env GOPATH)/bin"
  "$gobin/fyne" version 2>/dev/null | grep -q "$FYNE_VERSION" || $GO install "fyne.io/fyne/v2/cmd/fyne@$FYNE_VERSION"
  local stage; stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  mkdir "$stage/src" "$stage/ReturnDesk"
  tar -c --exclude=./.git --exclude=./dist --exclude=./bin --exclude='*.db' --exclude='*.tar.xz' . | tar -x -C "$stage/src"
  (cd "$stage/src" && GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$CC_WIN nice -n 10 \
    "$gobin/fyne" package -os windows -tags migrated_fynedo --release)
  mkdir -p dist/windows
  mv -f "$stage/src/ReturnDesk.exe" dist/windows/returndesk.exe

  cp dist/windows/returndesk.exe assets/fonts/LICENSE-* "$stage/ReturnDesk/"
  cp assets/windows/README.txt "$stage/ReturnDesk/README.txt"
  sed -i 's/$/\r/' "$stage/ReturnDesk/README.txt" "$stage/ReturnDesk"/LICENSE-* # Notepad-friendly line ends
  rm -f dist/returndesk-windows-amd64.zip
  (cd "$stage" && zip -q -X -r "$OLDPWD/dist/returndesk-windows-amd64.zip" ReturnDesk)
  ls -l dist/windows/returndesk.exe dist/returndesk-windows-amd64.zip
}

# vet vets every package as Windows compiles it (cgo through MinGW-w64), and as macOS does
# without cgo, since there is no macOS C toolchain here: only the packages whose code and tests
# need no cgo package on macOS (SQLite, Fyne's app and locale) are vetted for darwin; the rest
# are named, and vetted for Linux and Windows.
vet() {
  deps
  local tags=ci,migrated_fynedo
  echo "go vet, GOOS=windows"
  # -trimpath and the release tag, as fyne package --release builds: the packages compiled for
  # the build serve the vet (Fyne's OpenGL and SQLite take 10 minutes to compile cold).
  GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$CC_WIN nice -n 10 $GO vet -trimpath -tags $tags,release ./...
  local darwin=(GOOS=darwin GOARCH=arm64) cgo pure rest
  cgo=$(env "${darwin[@]}" CGO_ENABLED=1 $GO list -deps -test -tags $tags -f '{{if .CgoFiles}}{{.ImportPath}}{{end}}' ./... | sort -u)
  # A line for each package and each of its test variants ("p [p.test]", "p_test [p.test]"):
  # p is pure when none of them reaches a cgo package.
  local split
  split=$(env "${darwin[@]}" CGO_ENABLED=1 $GO list -test -tags $tags -f '{{.ImportPath}} {{join .Deps " "}}' ./... |
    awk -v cgo="$(echo $cgo)" '
      BEGIN { n = split(cgo, c, " "); for (i = 1; i <= n; i++) C[c[i]] = 1 }
      $1 ~ /\.test$/ { next }
      { p = $1; sub(/_test$/, "", p); seen[p] = 1; for (i = 2; i <= NF; i++) if ($i in C) bad[p] = 1 }
      END { for (p in seen) if (!(p in bad)) printf "%s ", p; printf "\n"; for (p in bad) printf "%s ", p; printf "\n" }')
  pure=$(sed -n 1p <<<"$split") rest=$(sed -n 2p <<<"$split")
  echo "go vet, GOOS=darwin CGO_ENABLED=0: $pure"
  echo "  not for darwin (they need cgo there): $rest"
  env "${darwin[@]}" CGO_ENABLED=0 nice -n 10 $GO vet -tags $tags $pure
}

# prefix makes a Wine prefix in DIR that Go programs start in. Debian's Wine 8 has no
# bcryptprimitives.dll, where Go (1.22 and later) takes its random numbers from (ProcessPrng);
# a tiny stand-in built here from scripts/wine/processprng.c goes into the prefix's system32.
prefix() {
  local dir=${1:?usage: scripts/windows.sh prefix DIR}
  [[ $dir = /* ]] || dir=$caller/$dir
  # No Mono/Gecko prompts, no menu entries in the real home.
  export WINEPREFIX=$dir WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
  mkdir -p "$dir"
  wineboot --init >/dev/null 2>&1
  wineserver --wait || true
  # Wine links Documents, Desktop… to the Linux home: make them the prefix's own folders, as on Windows.
  find "$dir/drive_c/users" -mindepth 2 -maxdepth 2 -type l -exec sh -c 'rm "$1" && mkdir "$1"' _ {} \;
  $CC_WIN -O2 -shared -o "$dir/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/wine/processprng.c -ladvapi32
}

case "${1:-}" in
  build) build ;;
  deps) deps "${2:-}" ;;
  prefix) prefix "${2:-}" ;;
  vet) vet ;;
  *) sed -n '3,6p' "$0" >&2; exit 2 ;;
esac
