#!/usr/bin/env bash
# Rebuilds the default models with the settings chosen by cross-validation
# on their training corpus alone, grouped by writer (no writer on both sides
# of a fold; scripts/choose-default-settings.sh reruns that search for
# English).  The evaluation sets (corpus/test.csv, corpus/ru/eval.csv,
# corpus/zh/eval.csv) are never used here.  Deterministic: the test suite
# retrains with this script and checks the committed files.
#   scripts/train-default-model.sh [en|ru|zh] [OUTPUT]
#     (default: en, written to models/default.model; ru and zh to
#     models/default-ru.model and models/default-zh.model)
set -euo pipefail
cd "$(dirname "$0")/.."
lang=${1:-en}
themes=${THEMES_BIN:-build/themes}
case "$lang" in
  en) corpus=corpus/train.csv settings=models/default.settings out=${2:-models/default.model} ;;
  ru|zh) corpus=corpus/$lang/train.csv settings=models/default-$lang.settings
         out=${2:-models/default-$lang.model} ;;
  *) echo "train-default-model: language must be en, ru or zh, not \"$lang\"" >&2; exit 2 ;;
esac
# shellcheck disable=SC2046
"$themes" train "$corpus" --codebook corpus/themes.codebook \
  $(cat "$settings") -o "$out"
