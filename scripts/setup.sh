#!/usr/bin/env bash
# Installs what themes needs from Debian (only the packages that are
# missing) and builds it into build/.  Safe to run again.
#   scripts/setup.sh [extra cmake options...]
# THEMES_WITH_BROWSER=1 also installs Chromium for the report-rendering tests.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake libsvm-dev liblinear-dev libstemmer-dev libutf8proc-dev python3
          libxml2-dev libpoppler-glib-dev pkg-config)
[ "${THEMES_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build -j"$(nproc)" >&2
