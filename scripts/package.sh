#!/usr/bin/env bash
# Builds the Debian package of themes with CPack into build-deb/, checks it
# with lintian (fails on an error; warnings are printed), then installs it
# with dpkg -i, uses what it installed (the program, its manual pages and
# completion, the C library through pkg-config, the Python binding) and
# removes it with dpkg -r.
#   scripts/package.sh
# THEMES_PACKAGE_INSTALL=0 leaves out the dpkg -i / dpkg -r part, which
# needs root (or sudo) and is skipped when a themes package is already
# installed on this machine.  scripts/test.sh runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh build-essential cmake dpkg-dev file lintian pkg-config

# Debian's build flags, all hardening on (fortified, relro, bindnow), given
# on the command line so that a reconfigure takes them too (CMake reads
# CFLAGS and LDFLAGS only once, and no CPPFLAGS).
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
echo "== Debian package (build-deb/)"
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  -DCMAKE_SHARED_LINKER_FLAGS="$ldflags" \
  -DTHEMES_SOURCE_MODELS=OFF -DTHEMES_DEBIAN=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-deb -j"$(nproc)" >/dev/null
rm -f build-deb/*.deb
(cd build-deb && cpack -G DEB >/dev/null)
deb=$(ls build-deb/*.deb)
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends

echo "== lintian"
# Errors fail; warnings and the rest are printed (lintian as root says so).
lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 |
  grep -v 'running with root privileges' || true
lintian --fail-on error "$deb" >/dev/null 2>&1 || { echo "package: lintian found errors" >&2; exit 1; }

if [ "${THEMES_PACKAGE_INSTALL:-1}" = 0 ]; then
  echo "package: dpkg -i skipped (THEMES_PACKAGE_INSTALL=0)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "package: dpkg -i skipped (needs root or sudo)"
    exit 0
  fi
  sudo="sudo -n"
fi
if dpkg-query -W -f='${Status}' themes 2>/dev/null | grep -q installed; then
  echo "package: dpkg -i skipped (a themes package is installed already)"
  exit 0
fi

echo "== dpkg -i, then the installed files"
trap '$sudo dpkg -r themes >/dev/null 2>&1 || true' EXIT
$sudo dpkg -i "$deb" >/dev/null
failed=0
check() { # check WHAT COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failed=1; fi
}
tmp=$(mktemp -d)
trap '$sudo dpkg -r themes >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
# (env -i: nothing from this tree or the caller's environment helps.)
run() { env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
printf 'Both nations paid an enormous price to defeat fascism.\nThe sides oppose unilateral sanctions.\n' >"$tmp/en.txt"
printf 'Стороны выступают за многополярный мир.\n' >"$tmp/ru.txt"
run /usr/bin/themes classify "$tmp/en.txt" "$tmp/ru.txt" >"$tmp/classify.csv"
check "/usr/bin/themes classify, each file by its language's default model" \
  test "$(tail -n +2 "$tmp/classify.csv" | cut -d, -f2 | tr '\n' ' ')" = "history counter_hegemony multipolar "
check "themes --version" test "$(run /usr/bin/themes --version)" = "themes $(dpkg-deb --field "$deb" Version)"
check "man themes-classify" test -n "$(run man -w themes-classify)"
check "bash completion" test -f /usr/share/bash-completion/completions/themes
check "pkg-config themes" run pkg-config --exists themes
# shellcheck disable=SC2046
check "examples/classify.c against /usr/lib" \
  cc examples/classify.c $(run pkg-config --cflags --libs themes) -o "$tmp/classify"
check "the example runs" grep -q '^history' <(run "$tmp/classify")
check "python3 -c 'import themes'" test "$(run /usr/bin/python3 -c '
import themes
print(themes.Model.load().classify(["Both nations paid an enormous price to defeat fascism."])[0][0])')" = history
$sudo dpkg -r themes >/dev/null
check "dpkg -r removes it all" test ! -e /usr/bin/themes -a ! -e /usr/share/themes/default.model \
  -a ! -e /usr/lib/python3/dist-packages/themes
[ "$failed" = 0 ]
