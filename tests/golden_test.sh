#!/usr/bin/env bash
# golden_test.sh - what the committed default models say of their held-out
# clauses (labels, scores, explanations), byte for byte, with one and two
# threads: tests/data/golden/classify-LANG.csv, written by
# scripts/train-default-model.sh with the model.  A change of code that
# changes a label, a score or an explanation fails here; when it is meant,
# rerun scripts/train-default-model.sh LANG and commit the outputs with it.
#
# Usage: golden_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: golden_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: golden_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir golden-test

for entry in en:default.model:test.csv ru:default-ru.model:ru/eval.csv \
             zh:default-zh.model:zh/eval.csv; do
	IFS=: read -r lang model held_out <<<"$entry"
	golden="$ROOT/tests/data/golden/classify-$lang.csv"
	for threads in 1 2; do
		run 0 "$lang-t$threads" classify -m "$ROOT/models/$model" -t "$threads" \
			--explain 3 "$ROOT/corpus/$held_out"
		check "$lang, -t $threads: the outputs of tests/data/golden/classify-$lang.csv" \
			cmp "$TMP/$lang-t$threads.out" "$golden"
	done
done
harness_summary
