#!/usr/bin/env bash
# The README's test command: set up, build, run the unit and end-to-end tests,
# check the labelled corpus, then evaluate the default model on the held-out
# corpus and cross-validate on the training corpus.  Reports are left in
# build/reports/.  Fails on any test failure or a macro-F1 below the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
THEMES_WITH_BROWSER=1 THEMES_WITH_NUMPY=1 THEMES_WITH_TMUX=1 THEMES_WITH_PARALLEL=1 scripts/setup.sh

(cd build && ctest --output-on-failure -j2)

# The same tests again in an AddressSanitizer + UBSan build (build-asan/),
# about 2 minutes on 2 cores; THEMES_SKIP_SANITIZE=1 leaves it out.
if [ "${THEMES_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== sanitizer build and tests"
  scripts/sanitize.sh
fi

# The Debian package: built (build-deb/), checked with lintian, installed
# with dpkg -i, used and removed; about a minute (THEMES_SKIP_PACKAGE=1
# leaves it out).
if [ "${THEMES_SKIP_PACKAGE:-0}" != 1 ]; then
  scripts/package.sh
fi

mkdir -p build/reports
echo "== corpus check"
python3 scripts/check_corpus.py --min-train 3000 --min-eval 1500 \
  --min-theme-train 400 --min-theme-eval 250 corpus/train.csv corpus/test.csv
for lang in ru zh; do
  python3 scripts/check_corpus.py --min-train 900 --min-eval 600 \
    --min-theme-train 120 --min-theme-eval 80 "corpus/$lang/train.csv" "corpus/$lang/eval.csv"
done

# The floors sit below the measured macro-F1 by more than its bootstrap
# interval; --baseline fails only on a drop beyond the bootstrap noise.
holdout_floor=$(cat eval/holdout-floor)
cv_floor=$(cat eval/cv-floor)
echo "== locked test set (writers in no training row): the default model on corpus/test.csv"
build/themes eval -m models/default.model corpus/test.csv --train corpus/train.csv \
  --by register \
  --json build/reports/test.json --junit build/reports/test.junit.xml \
  --markdown build/reports/test.md --svg build/reports/test.svg \
  --errors build/reports/test-errors.csv \
  --min-macro-f1 "$holdout_floor" $( [ -f eval/baseline.json ] && echo --baseline eval/baseline.json )

echo "== leave-writers-out cross-validation on corpus/train.csv (5 folds by writer)"
build/themes eval --cv 5 --group-by writer --by writer \
  --codebook corpus/themes.codebook $(cat models/default.settings) corpus/train.csv \
  --json build/reports/cv.json --junit build/reports/cv.junit.xml \
  --svg build/reports/cv.svg --min-macro-f1 "$cv_floor"
for lang in ru zh; do
  echo "== the default $lang model on corpus/$lang/eval.csv (a writer in no training row)"
  build/themes eval -m "models/default-$lang.model" "corpus/$lang/eval.csv" --by register \
    --json "build/reports/$lang-eval.json" --markdown "build/reports/$lang-eval.md" \
    --min-macro-f1 "$(cat "eval/holdout-floor-$lang")"
done
echo "reports: build/reports/"
