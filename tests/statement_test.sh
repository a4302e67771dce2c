#!/usr/bin/env bash
# statement_test.sh - end-to-end tests of `themes segment` and
# `themes classify --statement` on the shared seed article, with the default
# model.
#
# Usage: statement_test.sh PATH/TO/themes REPO_ROOT
#
# Prints "N passed, N failed" and exits non-zero when a check fails.
set -u

THEMES=${1:?usage: statement_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: statement_test.sh THEMES_BINARY REPO_ROOT}
[ -x "$THEMES" ] || { echo "statement_test: $THEMES is not executable" >&2; exit 2; }
SEED="$ROOT/tests/data/seed-article.txt"
MODEL="$ROOT/models/default.model"
[ -r "$SEED" ] || { echo "statement_test: $SEED is missing" >&2; exit 2; }
[ -r "$MODEL" ] || { echo "statement_test: $MODEL is missing" >&2; exit 2; }

. "$(dirname "$0")/harness.sh"
harness_tmpdir statement-test


# The first CSV field of each data row (ids hold no comma or quote here).
ids() { tail -n +2 "$1" | cut -d, -f1; }

check "segment runs" "$THEMES" segment "$SEED" -o "$TMP/seg.csv"
check "segment header" test "$(head -n 1 "$TMP/seg.csv")" = "id,section,line,text"
check "classify --statement runs" "$THEMES" classify -m "$MODEL" --statement \
	-t 1 "$SEED" -o "$TMP/t1.csv"
check "classify --statement -t 2 runs" "$THEMES" classify -m "$MODEL" -s \
	-t 2 "$SEED" -o "$TMP/t2.csv"
check "statement header" test "$(head -n 1 "$TMP/t1.csv")" = \
	"id,section,text,theme,confidence,endure,history,counter_hegemony,china_lead,multipolar,legitimacy"

# one classified row per clause, same ids in the same order
ids "$TMP/seg.csv" >"$TMP/seg.ids"
ids "$TMP/t1.csv" >"$TMP/t1.ids"
nseg=$(wc -l <"$TMP/seg.ids")
check "segment yields clauses" test "$nseg" -gt 40
check "one row per clause" test "$nseg" -eq "$(wc -l <"$TMP/t1.ids")"
check "ids match" cmp -s "$TMP/seg.ids" "$TMP/t1.ids"
check "ids are FILE:N" test "$(head -n 1 "$TMP/seg.ids")" = "$SEED:1"
check "ids count up" test "$(tail -n 1 "$TMP/seg.ids")" = "$SEED:$nseg"

# no heading appears as a row
for heading in "Themes" "Summary" "Table of Contents" \
	"The Partnership Is Structured to Endure" \
	"Domestic Legitimacy and Strategic Stability Are Intertwined" \
	"Section I: Historical Legacy and World War II Commemoration" \
	"Section II: Bilateral Relations and Mutual Support" \
	"Section III – Economic Cooperation" \
	"Section X – International and Regional Affairs"; do
	found=no
	for slug in "" endure history counter_hegemony china_lead multipolar legitimacy; do
		if grep -F -q -e ",$heading,$slug," -e ",\"$heading\",$slug," "$TMP/t1.csv"; then
			found=yes
		fi
	done
	check "heading \"$heading\" is no row" test "$found" = no
done
# nor does any clause start on a heading line of the seed (title, "Themes",
# the six theme headings, "Summary", the full title, the contents and the two
# section headings)
tail -n +2 "$TMP/seg.csv" |
	sed -E 's/^[^,]*,("([^"]|"")*"|[^,]*),([0-9]+),.*/\3/' >"$TMP/seg.lines"
check "segment: a line number per row" test "$(grep -c -E '^[0-9]+$' "$TMP/seg.lines")" -eq "$nseg"
bad=0
for line in 1 5 6 8 10 12 14 16 18 19 21 22 23 24 25 26 27 28 29 30 31 32 44; do
	grep -q -x "$line" "$TMP/seg.lines" && bad=$((bad + 1))
done
check "no clause on a heading line" test "$bad" -eq 0
check "Section II bullets carry their section" \
	grep -F -q '"Taiwan: Russia reaffirms' "$TMP/t1.csv"
check "Section II section name" \
	bash -c 'grep -F "Taiwan: Russia reaffirms" "$1" | grep -F -q ",Section II: Bilateral Relations and Mutual Support,"' _ "$TMP/t1.csv"

# any thread count gives the same bytes
check "-t 1 and -t 2 identical" cmp -s "$TMP/t1.csv" "$TMP/t2.csv"
"$THEMES" classify -m "$MODEL" -s -f jsonl -t 1 "$SEED" >"$TMP/j1.jsonl" 2>/dev/null
"$THEMES" classify -m "$MODEL" -s -f jsonl -t 2 "$SEED" >"$TMP/j2.jsonl" 2>/dev/null
check "jsonl -t 1 and -t 2 identical" cmp -s "$TMP/j1.jsonl" "$TMP/j2.jsonl"
check "jsonl one line per clause" test "$(wc -l <"$TMP/j1.jsonl")" -eq "$nseg"
check "jsonl has section and text" grep -q '"section":.*"text":' "$TMP/j1.jsonl"

# auto-detection: the seed is a statement, the sample is one clause per line
"$THEMES" classify -m "$MODEL" -t 1 "$SEED" >"$TMP/auto.csv" 2>/dev/null
check "seed auto-detected as a statement" cmp -s "$TMP/t1.csv" "$TMP/auto.csv"
"$THEMES" classify -m "$MODEL" "$ROOT/docs/sample-statement.txt" >"$TMP/sample.csv" 2>/dev/null
check "sample stays clause per line" test "$(head -n 1 "$TMP/sample.csv" | cut -d, -f2)" = "theme"
check "sample: one row per line" test "$(($(wc -l <"$TMP/sample.csv") - 1))" -eq \
	"$(grep -c . "$ROOT/docs/sample-statement.txt")"
"$THEMES" classify -m "$MODEL" -i text "$SEED" >"$TMP/text.csv" 2>/dev/null
check "--input-format=text turns detection off" test "$(head -n 1 "$TMP/text.csv" | cut -d, -f2)" = "theme"

# standard input: ids start with "-"
"$THEMES" segment <"$SEED" >"$TMP/stdin.csv"
check "stdin ids" test "$(sed -n 2p "$TMP/stdin.csv" | cut -d, -f1)" = "-:1"
check "stdin same clauses" test "$(wc -l <"$TMP/stdin.csv")" -eq "$(wc -l <"$TMP/seg.csv")"

# usage errors
"$THEMES" segment --bogus >/dev/null 2>&1
check "segment: bad option is a usage error" test $? -eq 2
"$THEMES" classify -m "$MODEL" -s -i csv "$SEED" >/dev/null 2>&1
check "--statement with csv input is a usage error" test $? -eq 2
"$THEMES" segment "$TMP/missing.txt" -o "$TMP/never.csv" >/dev/null 2>&1
check "segment: missing file fails" test $? -eq 1
check "segment: no partial output" test ! -e "$TMP/never.csv"
check "segment --help" bash -c '"$1" segment --help | grep -q "id,section,line,text"' _ "$THEMES"

harness_summary
