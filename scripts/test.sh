#!/usr/bin/env bash
# The README's test command: set up, build, run the unit and end-to-end tests,
# check the labelled corpus, then evaluate the default model on the held-out
# corpus and cross-validate on the training corpus.  Reports are left in
# build/reports/.  Fails on any test failure or a macro-F1 below the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
THEMES_WITH_BROWSER=1 scripts/setup.sh

(cd build && ctest --output-on-failure -j2)

# The same tests again in an AddressSanitizer + UBSan build (build-asan/),
# about 2 minutes on 2 cores; THEMES_SKIP_SANITIZE=1 leaves it out.
if [ "${THEMES_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== sanitizer build and tests"
  scripts/sanitize.sh
fi

mkdir -p build/reports
echo "== corpus check"
python3 scripts/check_corpus.py corpus/train.csv corpus/eval.csv

# The floors sit below the measured macro-F1 by more than its bootstrap
# interval; --baseline fails only on a drop beyond the bootstrap noise.
holdout_floor=$(cat eval/holdout-floor)
cv_floor=$(cat eval/cv-floor)
echo "== held-out evaluation of the default model on corpus/eval.csv"
build/themes eval -m models/default.model corpus/eval.csv --train corpus/train.csv \
  --json build/reports/eval.json --junit build/reports/eval.junit.xml \
  --markdown build/reports/eval.md --svg build/reports/eval.svg \
  --errors build/reports/eval-errors.csv \
  --min-macro-f1 "$holdout_floor" --baseline eval/baseline.json

echo "== 10-fold cross-validation on corpus/train.csv"
build/themes eval --cv 10 corpus/train.csv \
  --json build/reports/cv.json --junit build/reports/cv.junit.xml \
  --svg build/reports/cv.svg --min-macro-f1 "$cv_floor"
echo "reports: build/reports/"
