#!/usr/bin/env bash
# Chooses C for the default model by 5-fold cross-validation on
# corpus/train.csv grouped by writer (no writer on both sides of a fold),
# and prints the grid; the chosen settings go in models/default.settings.
# Takes several minutes on two cores.  corpus/test.csv is never read.
set -euo pipefail
cd "$(dirname "$0")/.."
themes=${THEMES_BIN:-build/themes}
"$themes" eval --grid --cv 5 --group-by writer \
  --codebook corpus/themes.codebook --costs "${COSTS:-0.1,0.2,0.4,0.7,1,2}" \
  $(grep -v -- '^-C ' models/default.settings || true) corpus/train.csv
