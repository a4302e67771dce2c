#!/usr/bin/env bash
# codebook_test.sh - labels are data: the themes program end to end on two
# fixture codebooks that are not the six themes (tests/data/eu-japan.*, four
# labels, and tests/data/canada-mexico.*, eight labels), each with its own
# hand-written labelled CSV and statement.
#
# Usage: codebook_test.sh PATH/TO/themes REPO_ROOT
#
# For each codebook: train --codebook, classify (CSV and JSONL), eval -m,
# eval --cv (stratified and grouped, with --by) and classify --statement with
# --profile and --html must all follow the codebook's labels and order
# (tests/codebook_check.py checks the files).  Then: a label outside the
# codebook is an error naming the valid labels; without --codebook the labels
# are those of the data in bytewise order; a rare near-miss label is flagged
# as a likely typo.  Prints "N passed, N failed"; exits 77 (skipped) without
# python3.
set -u

THEMES=${1:?usage: codebook_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: codebook_test.sh THEMES_BINARY REPO_ROOT}
[ -x "$THEMES" ] || { echo "codebook_test: $THEMES is not executable" >&2; exit 2; }
DATA="$ROOT/tests/data"
command -v python3 >/dev/null || { echo "SKIP: codebook_test needs python3"; exit 77; }
CHECK=(python3 "$ROOT/tests/codebook_check.py")

. "$(dirname "$0")/harness.sh"
harness_tmpdir codebook-test
export THEMES_MODEL="$TMP/no-default.model"   # never picked up by accident

# The labels of a codebook file, one a line, in its order.
labels_of() { awk '!/^#/ && NF { print $1 }' "$1"; }

# FIXTURE:BY - each fixture's files and the column its reports group by.
FIXTURES="eu-japan:writer canada-mexico:register"

for entry in $FIXTURES; do
	f=${entry%%:*} by=${entry#*:}
	cb="$DATA/$f.codebook" csv="$DATA/$f.csv" statement="$DATA/$f-statement.txt"
	for file in "$cb" "$csv" "$statement"; do
		[ -r "$file" ] || { echo "codebook_test: $file is missing" >&2; exit 2; }
	done
	model="$TMP/$f.model"

	# ---- with the codebook: every output follows its labels and order --
	run 0 "$f-train" train -q --codebook "$cb" "$csv" -o "$model"
	run 0 "$f-csv" classify -m "$model" "$csv"
	check "$f: CSV columns are the codebook's labels" \
		"${CHECK[@]}" scores "$cb" "$TMP/$f-csv.out"
	check "$f: one CSV row per clause" \
		test "$(wc -l <"$TMP/$f-csv.out")" -eq "$(wc -l <"$csv")"
	run 0 "$f-jsonl" classify -m "$model" -f jsonl "$csv"
	check "$f: JSONL keys are the codebook's labels" \
		"${CHECK[@]}" scores "$cb" "$TMP/$f-jsonl.out"

	run 0 "$f-eval" eval -m "$model" --json "$TMP/$f-eval.json" "$csv"
	check "$f: eval -m reports every label" \
		"${CHECK[@]}" report "$cb" "$TMP/$f-eval.json" "$TMP/$f-eval.out"
	for mode in cv grouped; do
		extra=()
		[ "$mode" = grouped ] && extra=(--group-by writer)
		run 0 "$f-$mode" eval --cv 3 "${extra[@]}" --codebook "$cb" \
			--by "$by" --bootstrap 100 --json "$TMP/$f-$mode.json" "$csv"
		check "$f: eval --cv ($mode) reports every label" \
			"${CHECK[@]}" report "$cb" "$TMP/$f-$mode.json" "$TMP/$f-$mode.out"
		check "$f: eval --cv ($mode) --by $by scores each value" \
			"${CHECK[@]}" by "$cb" "$TMP/$f-$mode.json" "$csv:$by"
	done
	has "$f-grouped.out" "grouped cross-validation"

	run 0 "$f-statement" classify -m "$model" --statement \
		--profile "$TMP/$f-profile.csv" --html "$TMP/$f.html" \
		-o "$TMP/$f-rows.csv" "$statement"
	check "$f: statement rows follow the codebook" \
		"${CHECK[@]}" scores "$cb" "$TMP/$f-rows.csv"
	check "$f: profile columns per label" \
		"${CHECK[@]}" profile "$cb" "$TMP/$f-profile.csv" "$TMP/$f-rows.csv"
	check "$f: HTML legend and colours per label" \
		"${CHECK[@]}" html "$cb" "$TMP/$f.html"

	# ---- a label outside the codebook -----------------------------------
	# (the other fixture's first label, which this codebook lacks)
	for other in $FIXTURES; do
		[ "${other%%:*}" = "$f" ] || foreign=$(labels_of "$DATA/${other%%:*}.codebook" | head -n 1)
	done
	check "$f: the foreign label $foreign is not in $f.codebook" \
		test -z "$(labels_of "$cb" | grep -Fx -- "$foreign")"
	{ cat "$csv"; printf 'extra-1,A clause with a foreign label.,%s,,fixture,zoe,news\n' \
		"$foreign"; } >"$TMP/$f-foreign.csv"
	run 1 "$f-foreign" train -q --codebook "$cb" "$TMP/$f-foreign.csv" -o "$TMP/x.model"
	has "$f-foreign.err" "$TMP/$f-foreign.csv:$(wc -l <"$TMP/$f-foreign.csv"):"
	has "$f-foreign.err" "\"$foreign\""
	has "$f-foreign.err" "$(labels_of "$cb" | paste -s -d, | sed 's/,/, /g')"
	check "$f: no model from a foreign label" test ! -e "$TMP/x.model"

	# ---- without the codebook: the data's labels, bytewise -------------
	check "$f: bytewise order differs from the codebook's (else no test)" \
		test "$(labels_of "$cb" | LC_ALL=C sort)" != "$(labels_of "$cb")"
	run 0 "$f-nocb-train" train -q "$csv" -o "$TMP/$f-nocb.model"
	run 0 "$f-nocb" classify -m "$TMP/$f-nocb.model" -f jsonl "$csv"
	check "$f: without --codebook the labels are sorted bytewise" \
		"${CHECK[@]}" scores "$cb:sorted" "$TMP/$f-nocb.out"
	check "$f: clean labels give no warning" \
		test ! -s "$TMP/$f-nocb-train.err"
done

# ---------------------------------------------------------------------
# A rare label without a codebook: FIXTURE:LABEL:MEANT (MEANT empty when
# the label is no near miss of any label).
# ---------------------------------------------------------------------
TYPOS="eu-japan:Trade:trade eu-japan:climat:climate eu-japan:securty:security
eu-japan:zzz: canada-mexico:usmca:USMCA canada-mexico:organized_crime:organised_crime
canada-mexico:indigenous-rights:indigenous_rights canada-mexico:tourism_tourism:"
for entry in $TYPOS; do
	IFS=: read -r f typo meant <<<"$entry"
	{ cat "$DATA/$f.csv"; printf 'typo-1,A clause with a rare label.,%s,,fixture,zoe,news\n' \
		"$typo"; } >"$TMP/typo.csv"
	run 0 "typo-$typo" train -q "$TMP/typo.csv" -o "$TMP/typo.model"
	warning=$(grep -F -- "\"$typo\"" "$TMP/typo-$typo.err")
	check "$typo: one warning names the rare label" test "$(printf '%s' "$warning" | grep -c .)" -eq 1
	check "$typo: the warning says it is used once" grep -q "warning: .*1 time" <<<"$warning"
	if [ -n "$meant" ]; then
		check "$typo: did you mean \"$meant\"" grep -qF "did you mean \"$meant\"" <<<"$warning"
	else
		check "$typo: no suggestion for a label far from all" \
			test -z "$(grep -F "did you mean" <<<"$warning")"
	fi
done

harness_summary
