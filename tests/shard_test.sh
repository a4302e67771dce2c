#!/usr/bin/env bash
# shard_test.sh - `themes classify` is a pure streaming filter: input split
# into blocks by GNU parallel (--pipe --keep-order), each block classified
# by its own process with --no-header, gives the same bytes as one process.
# CSV input keeps its ids (parallel --header 1 repeats the header in every
# block); plain text is compared without the id column, since row numbers
# restart in every shard.  Skipped (77) when GNU parallel is missing.
#   shard_test.sh THEMES_BINARY REPO_ROOT
set -u
THEMES=${1:?usage: shard_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: shard_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed"; exit 77; }
harness_tmpdir shard
MODEL="$ROOT/models/default.model"
DATA="$ROOT/corpus/test.csv"

"$THEMES" classify -m "$MODEL" --no-header "$DATA" >"$TMP/one.csv"
parallel --will-cite --pipe --keep-order --block 40k --header 1 \
	"$THEMES" classify -m "$MODEL" --no-header -i csv - <"$DATA" >"$TMP/shards.csv"
check "CSV split into blocks: several shards" \
	test "$(parallel --will-cite --pipe --block 40k --header 1 wc -l <"$DATA" | wc -l)" -gt 3
check "CSV shards concatenate to the single-process bytes" cmp -s "$TMP/one.csv" "$TMP/shards.csv"
check "no header line in --no-header output" test "$(grep -c '^id,' "$TMP/one.csv")" -eq 0
check "every row classified" test "$(wc -l <"$TMP/one.csv")" -eq "$(($(wc -l <"$DATA") - 1))"

python3 -c 'import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(row["text"].replace("\n", " "))' "$DATA" >"$TMP/clauses.txt"
"$THEMES" classify -m "$MODEL" --no-header -i text "$TMP/clauses.txt" | cut -d, -f2- >"$TMP/one.txt.csv"
parallel --will-cite --pipe --keep-order --block 40k \
	"$THEMES" classify -m "$MODEL" --no-header -i text - <"$TMP/clauses.txt" |
	cut -d, -f2- >"$TMP/shards.txt.csv"
check "plain-text shards match apart from the row-number ids" \
	cmp -s "$TMP/one.txt.csv" "$TMP/shards.txt.csv"
harness_summary
