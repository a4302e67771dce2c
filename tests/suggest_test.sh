#!/usr/bin/env bash
# suggest_test.sh - `themes suggest`: the batch is the most uncertain
# clauses, free of near duplicates, balanced over predicted labels, and the
# same for any thread count.  Uses the committed default model on a pool
# made from corpus/test.csv.
# Usage: suggest_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: suggest_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: suggest_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir suggest-test
MODEL="$ROOT/models/default.model"

head -400 "$ROOT/corpus/test.csv" >"$TMP/pool.csv"
run 0 first suggest -m "$MODEL" -n 12 -t 1 "$TMP/pool.csv"
# Copy the most uncertain clause under a new id with one word changed: a
# near duplicate just as uncertain, which must not join the batch.
top_id=$(awk -F, 'NR == 2 {print $2}' "$TMP/first.out")
grep "^$top_id," "$TMP/pool.csv" | sed 's/^[^,]*,/dup-1,/; s/ the / a /' >>"$TMP/pool.csv"
run 0 one suggest -m "$MODEL" -n 12 -t 1 "$TMP/pool.csv"
run 0 four suggest -m "$MODEL" -n 12 -t 4 "$TMP/pool.csv"
check "same batch for 1 and 4 threads" cmp -s "$TMP/one.out" "$TMP/four.out"
check_sh "12 clauses" '[ "$(wc -l <"$TMP/one.out")" -eq 13 ]'
has one.out "1,$top_id,"
check_sh "near duplicate left out" '! grep -q "^[0-9]*,dup-1," "$TMP/one.out"'
check_sh "margins ascending" \
	'awk -F, "NR > 2 && \$3 < prev {exit 1} {prev = \$3}" "$TMP/one.out"'
# Six labels, twelve clauses: at most two per predicted label.
check_sh "balanced over predicted labels" \
	'[ "$(awk -F, "NR > 1 {print \$4}" "$TMP/one.out" | sort | uniq -c | sort -rn | awk "NR == 1 {print \$1}")" -le 2 ]'
# Without diversity rule interference: the duplicate shows up when its
# original is excluded.
printf 'id,text,theme\n%s,x,endure\n' "$top_id" >"$TMP/labelled.csv"
run 0 excluded suggest -m "$MODEL" -n 12 --exclude="$TMP/labelled.csv" "$TMP/pool.csv"
check_sh "excluded clause left out" '! grep -q "^[0-9]*,$top_id," "$TMP/excluded.out"'
has excluded.out "1,dup-1,"
run 2 nopool suggest -m "$MODEL" -n 3
has nopool.err "no pool given"
run 2 badn suggest -m "$MODEL" -n 0 "$TMP/pool.csv"
harness_summary
