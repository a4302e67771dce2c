#!/usr/bin/env bash
# Rebuilds models/default.model from corpus/train.csv with the settings
# chosen by grouped cross-validation on corpus/train.csv alone (folds by
# writer, so no writer is on both sides; scripts/choose-default-settings.sh
# reruns that search).  corpus/test.csv, the locked test set, is never used
# here.  Deterministic: the test suite retrains with this script and checks
# the committed file.
#   scripts/train-default-model.sh [OUTPUT]    (default models/default.model)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-models/default.model}
themes=${THEMES_BIN:-build/themes}
"$themes" train corpus/train.csv --codebook corpus/themes.codebook \
  $(cat models/default.settings) -o "$out"
