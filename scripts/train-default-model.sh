#!/usr/bin/env bash
# Rebuilds models/default.model from corpus/train.csv: C is chosen by 5-fold
# stratified cross-validation on the training corpus only (never on
# corpus/eval.csv), then the model is trained with it.  Deterministic: the
# test suite retrains with this script and checks the committed file.
#   scripts/train-default-model.sh [OUTPUT]    (default models/default.model)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-models/default.model}
themes=${THEMES_BIN:-build/themes}
"$themes" train corpus/train.csv --grid --cv 5 \
  --costs 0.2,0.3,0.4,0.5,0.7,1,2,3 -o "$out"
