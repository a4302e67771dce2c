#!/usr/bin/env bash
# Installs what themes needs from Debian (only the packages that are
# missing) and builds it into build/.  Safe to run again.
#   scripts/setup.sh [extra cmake options...]
# THEMES_WITH_BROWSER=1 also installs Chromium for the report-rendering tests,
# THEMES_WITH_TMUX=1 tmux for the annotate test,
# THEMES_WITH_NUMPY=1 NumPy for the Python binding's arrays (without it, the
# binding returns lists).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake libsvm-dev liblinear-dev libstemmer-dev libutf8proc-dev python3
          libxml2-dev libpoppler-glib-dev pkg-config)
[ "${THEMES_WITH_BROWSER:-0}" = 1 ] && packages+=(chromium)
# tmux drives the annotate terminal in its test.
[ "${THEMES_WITH_TMUX:-0}" = 1 ] && packages+=(tmux)
# GNU parallel runs the sharding test.
[ "${THEMES_WITH_PARALLEL:-0}" = 1 ] && packages+=(parallel)
[ "${THEMES_WITH_NUMPY:-0}" = 1 ] && packages+=(python3-numpy)
scripts/install-packages.sh "${packages[@]}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build -j"$(nproc)" >&2
