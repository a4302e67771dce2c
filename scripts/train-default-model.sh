#!/usr/bin/env bash
# Rebuilds the default models with the settings chosen by cross-validation
# on their training corpus alone, grouped by writer (no writer on both sides
# of a fold; scripts/choose-default-settings.sh reruns that search for
# English).  The evaluation sets (corpus/test.csv, corpus/ru/eval.csv,
# corpus/zh/eval.csv) are never used here.  Deterministic: the test suite
# retrains with this script and checks the committed files.
#   scripts/train-default-model.sh [en|ru|zh] [OUTPUT]
#     (with no OUTPUT, also the golden outputs tests/data/golden/classify-LANG.csv)
#     (default: en, written to models/default.model; ru and zh to
#     models/default-ru.model and models/default-zh.model)
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-en}
themes=${THEMES_BIN:-build/themes}
case "$lang" in
  en) corpus=corpus/train.csv settings=models/default.settings out=${2:-models/default.model}
      held_out=corpus/test.csv ;;
  ru|zh) corpus=corpus/$lang/train.csv settings=models/default-$lang.settings
         out=${2:-models/default-$lang.model} held_out=corpus/$lang/eval.csv ;;
  *) echo "train-default-model: language must be en, ru or zh, not \"$lang\"" >&2; exit 2 ;;
esac
# shellcheck disable=SC2046
"$themes" train "$corpus" --codebook corpus/themes.codebook \
  $(cat "$settings") -o "$out"

# A committed default model comes with its committed outputs: the labels,
# scores and explanations it gives its held-out clauses, which the golden
# test (tests/golden_test.sh) checks byte for byte, so that a change of code
# that changes what a model says is seen.  Not written for other OUTPUTs.
if [ -z "${2:-}" ]; then
  "$themes" classify -m "$out" -t 1 --explain 3 "$held_out" \
    -o "tests/data/golden/classify-$lang.csv"
fi
