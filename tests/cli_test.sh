#!/usr/bin/env bash
# cli_test.sh - end-to-end tests of the themes program.
#
# Usage: cli_test.sh PATH/TO/themes REPO_ROOT
#
# Trains on a small fixture written here (not taken from corpus/), then
# exercises classify, eval and the error paths.  Prints "N passed, N failed"
# and exits non-zero when a check fails.
set -u

THEMES=${1:?usage: cli_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: cli_test.sh THEMES_BINARY REPO_ROOT}
[ -x "$THEMES" ] || { echo "cli_test: $THEMES is not executable" >&2; exit 2; }
[ -d "$ROOT" ] || { echo "cli_test: $ROOT is not a folder" >&2; exit 2; }

. "$(dirname "$0")/harness.sh"
harness_tmpdir cli-test
# The default model must never be picked up by accident.
export THEMES_MODEL="$TMP/no-default.model"


CODEBOOK="$ROOT/corpus/themes.codebook"
HEADER='id,theme,confidence,endure,history,counter_hegemony,china_lead,multipolar,legitimacy'
EMPTY_SCORES='0.0000,0.0000,0.0000,0.0000,0.0000,0.0000'

# ---------------------------------------------------------------------
# Fixture: 30 short clauses, five per theme, written for this test.
# ---------------------------------------------------------------------
cat >"$TMP/train.csv" <<'EOF'
id,text,theme,secondary,source
f01,The two sides will extend the treaty of friendship for another term.,endure,,fixture
f02,"Annual summits and the intergovernmental commission keep ties on track.",endure,,fixture
f03,"Trade, energy and transport cooperation reached record volumes.",endure,,fixture
f04,Joint naval exercises and air patrols continue as routine cooperation.,endure,,fixture
f05,Youth exchanges and tourism bring the two peoples closer every year.,endure,history,fixture
f06,Both nations paid an enormous price to defeat fascism in the Second World War.,history,,fixture
f07,The sides reject attempts to falsify the history of the war.,history,,fixture
f08,Veterans and war memorials keep alive the memory of the victory.,history,,fixture
f09,They condemn the glorification of Nazism and of war criminals.,history,legitimacy,fixture
f10,The Tokyo and Nuremberg tribunals settled the verdict on the aggressors.,history,,fixture
f11,The sides oppose unilateral sanctions and long-arm jurisdiction.,counter_hegemony,,fixture
f12,NATO expansion and bloc confrontation undermine regional security.,counter_hegemony,,fixture
f13,"The United States must stop deploying missiles in the Asia-Pacific.",counter_hegemony,,fixture
f14,The partnership is not an alliance and is not directed against any third party.,counter_hegemony,endure,fixture
f15,They reject the Cold War mentality and hegemonism of certain countries.,counter_hegemony,,fixture
f16,Russia supports the Global Development Initiative put forward by China.,china_lead,,fixture
f17,Russia welcomes the Belt and Road Initiative and joins its projects.,china_lead,endure,fixture
f18,Russia relies on Chinese markets and technology for its growth.,china_lead,,fixture
f19,Russia praises the Global Security Initiative proposed by the Chinese side.,china_lead,,fixture
f20,Russia values Chinese modernisation and a community with a shared future.,china_lead,,fixture
f21,The sides call for a multipolar world and the democratisation of international relations.,multipolar,,fixture
f22,The United Nations must keep its central role in global governance.,multipolar,,fixture
f23,BRICS and the SCO should be strengthened to give developing countries a voice.,multipolar,,fixture
f24,The Security Council and the WTO need reform to reflect the Global South.,multipolar,,fixture
f25,They support true multilateralism and respect for civilisational diversity.,multipolar,,fixture
f26,"Russia firmly supports China on Taiwan, Xinjiang and Tibet.",legitimacy,,fixture
f27,The sides oppose interference in internal affairs and colour revolutions.,legitimacy,,fixture
f28,Both countries fight terrorism and extremism to protect internal stability.,legitimacy,,fixture
f29,Sovereignty and territorial integrity must be respected by all.,legitimacy,,fixture
f30,Global strategic stability and nuclear arms control are shared principles.,legitimacy,,fixture
EOF

# ---------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------
MODEL="$TMP/fixture.model"
run 0 train train -q --codebook "$CODEBOOK" "$TMP/train.csv" -o "$MODEL"
check "train writes the model" test -s "$MODEL"
check "model starts with its magic line" \
	test "$(head -n 1 "$MODEL")" = "themes-model 2"
run 0 train-again train -q --codebook "$CODEBOOK" "$TMP/train.csv" \
	-o "$TMP/again.model"
check "training twice gives an identical model" cmp -s "$MODEL" "$TMP/again.model"
run 0 train-t1 train -q -t 1 --codebook "$CODEBOOK" "$TMP/train.csv" \
	-o "$TMP/t1.model"
run 0 train-t2 train -q -t 2 --codebook "$CODEBOOK" "$TMP/train.csv" \
	-o "$TMP/t2.model"
check "training with -t 1 and -t 2 gives identical models" \
	cmp -s "$TMP/t1.model" "$TMP/t2.model"
check "training with -t 1 equals the default thread count" \
	cmp -s "$MODEL" "$TMP/t1.model"
run 0 train-summary train "$TMP/train.csv" -o "$TMP/summary.model"
has train-summary.err "30 clauses"

# ---------------------------------------------------------------------
# classify: CSV with ids
# ---------------------------------------------------------------------
cat >"$TMP/ids.csv" <<'EOF'
id,source,text
a-1,x,NATO expansion and unilateral sanctions threaten security.
"b,2",y,"Russia welcomes the Belt and Road Initiative, again."
c-3,z,
d-4,w,Veterans keep the memory of the war.
EOF
run 0 classify-ids classify -m "$MODEL" "$TMP/ids.csv"
OUT="$TMP/classify-ids.out"
check "CSV header line" test "$(head -n 1 "$OUT")" = "$HEADER"
check "one row per input row (CSV with ids)" test "$(wc -l <"$OUT")" -eq 5
check "ids are carried through" \
	test "$(sed -n '2p' "$OUT" | cut -d, -f1)" = "a-1"
check "an id with a comma is quoted" grep -q '^"b,2",' "$OUT"
check "an empty clause gets an empty theme and zero confidence" \
	grep -qxF "c-3,,0.0000,$EMPTY_SCORES" "$OUT"
check "the NATO clause is counter_hegemony" \
	test "$(sed -n '2p' "$OUT" | cut -d, -f2)" = counter_hegemony
check "every non-empty row has a theme and nine fields" \
	awk -F, 'NR > 1 && $1 != "c-3" && $1 != "\"b" { if (NF != 9 || $2 == "") exit 1 }' "$OUT"
# The six scores of each row sum to 1 (within rounding), and confidence is
# the largest of them.
check "scores sum to 1 and confidence is their maximum" \
	awk -F, 'NR > 1 && $1 != "c-3" {
		n = NF; s = 0; m = 0
		for (i = n - 5; i <= n; i++) { s += $i; if ($i > m) m = $i }
		if (s < 0.9990 || s > 1.0010 || $(n - 6) != m) exit 1
	}' "$OUT"

# ---------------------------------------------------------------------
# classify: CSV without ids, plain text, stdin, jsonl
# ---------------------------------------------------------------------
cat >"$TMP/noids.csv" <<'EOF'
text,comment
The sides oppose unilateral sanctions.,one
Russia supports the Global Development Initiative.,two
A multipolar world with a stronger BRICS.,three
EOF
run 0 classify-noids classify -m "$MODEL" "$TMP/noids.csv"
OUT="$TMP/classify-noids.out"
check "header (CSV without ids)" test "$(head -n 1 "$OUT")" = "$HEADER"
check "ids are row numbers 1..N" \
	test "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 "

cat >"$TMP/plain.txt" <<'EOF'
The sides oppose unilateral sanctions and bloc confrontation.
Veterans keep the memory of the war alive.

Sovereignty and territorial integrity must be respected.
EOF
run 0 classify-plain classify -m "$MODEL" "$TMP/plain.txt"
OUT="$TMP/classify-plain.out"
check "header (plain text)" test "$(head -n 1 "$OUT")" = "$HEADER"
check "one row per line, the empty line included" \
	test "$(wc -l <"$OUT")" -eq 5
check "plain-text ids are line numbers" \
	test "$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')" = "1 2 3 4 "
check "the empty line gets an empty theme" \
	grep -qxF "3,,0.0000,$EMPTY_SCORES" "$OUT"

"$THEMES" classify -m "$MODEL" - <"$TMP/plain.txt" >"$TMP/stdin.out" \
	2>"$TMP/stdin.err"
check "classify - reads standard input" test $? -eq 0
check "stdin output equals file output" cmp -s "$TMP/stdin.out" "$OUT"
"$THEMES" classify -m "$MODEL" <"$TMP/plain.txt" >"$TMP/stdin2.out" \
	2>"$TMP/stdin2.err"
check "classify without FILE reads standard input" \
	cmp -s "$TMP/stdin2.out" "$OUT"

run 0 classify-jsonl classify -m "$MODEL" -f jsonl "$TMP/ids.csv"
OUT="$TMP/classify-jsonl.out"
check "jsonl: one object per row, no header" test "$(wc -l <"$OUT")" -eq 4
check "jsonl: every line is an object with id, theme and scores" \
	awk '!/^\{"id":".*","theme":"[a-z_]*","confidence":[0-9.]+,"endure":[0-9.]+,"history":[0-9.]+,"counter_hegemony":[0-9.]+,"china_lead":[0-9.]+,"multipolar":[0-9.]+,"legitimacy":[0-9.]+\}$/ { exit 1 }' "$OUT"
has classify-jsonl.out '{"id":"b,2",'
has classify-jsonl.out '{"id":"c-3","theme":"","confidence":0.0000,'
if command -v python3 >/dev/null 2>&1; then
	check "jsonl parses as JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$OUT"
fi

run 0 classify-o classify -m "$MODEL" -o "$TMP/written.csv" "$TMP/ids.csv"
check "-o writes the same bytes as stdout" \
	cmp -s "$TMP/written.csv" "$TMP/classify-ids.out"
check "-o leaves no temporary file" \
	test -z "$(find "$TMP" -name 'written.csv.tmp*')"

# Two inputs: ids of id-less rows are prefixed with the file name.
run 0 classify-two classify -m "$MODEL" "$TMP/noids.csv" "$TMP/plain.txt"
check "two inputs: all rows" test "$(wc -l <"$TMP/classify-two.out")" -eq 8
has classify-two.out "$TMP/plain.txt:4,"

# ---------------------------------------------------------------------
# Thread-count determinism on a few thousand lines (crossing the batch
# size of 4096 rows): the fixture clauses cycled with a counter.
# ---------------------------------------------------------------------
awk -F, 'NR > 1 { print }' "$TMP/train.csv" | sed 's/^[^,]*,//; s/,[a-z_]*,[a-z_]*,fixture$//; s/"//g' \
	>"$TMP/clauses.txt"
awk '{ line[NR] = $0 } END {
	for (i = 0; i < 5000; i++) print line[i % NR + 1] " item " i
}' "$TMP/clauses.txt" >"$TMP/big.txt"
check "big input has 5000 lines" test "$(wc -l <"$TMP/big.txt")" -eq 5000
run 0 big-t1 classify -m "$MODEL" -t 1 "$TMP/big.txt"
run 0 big-t2 classify -m "$MODEL" -t 2 "$TMP/big.txt"
run 0 big-t3 classify -m "$MODEL" -t 3 -f jsonl "$TMP/big.txt"
run 0 big-t1j classify -m "$MODEL" -t 1 -f jsonl "$TMP/big.txt"
check "big output has 5001 lines" test "$(wc -l <"$TMP/big-t1.out")" -eq 5001
check "classify -t 1 and -t 2 give identical bytes" \
	cmp -s "$TMP/big-t1.out" "$TMP/big-t2.out"
check "jsonl -t 1 and -t 3 give identical bytes" \
	cmp -s "$TMP/big-t1j.out" "$TMP/big-t3.out"
check "row 4097 (second batch) has id 4097" \
	test "$(sed -n '4098p' "$TMP/big-t1.out" | cut -d, -f1)" = 4097

# ---------------------------------------------------------------------
# eval: holdout and cross-validation, identical across thread counts
# ---------------------------------------------------------------------
strip_threads() { grep -v '"threads"' "$1"; }
run 0 eval-h1 eval -t 1 -m "$MODEL" --json "$TMP/h1.json" "$TMP/train.csv"
run 0 eval-h2 eval -t 2 -m "$MODEL" --json "$TMP/h2.json" "$TMP/train.csv"
check "eval holdout stdout identical across -t 1/-t 2" \
	cmp -s "$TMP/eval-h1.out" "$TMP/eval-h2.out"
check "eval holdout JSON identical apart from threads" \
	cmp -s <(strip_threads "$TMP/h1.json") <(strip_threads "$TMP/h2.json")
has h1.json '"macro_f1"'
has h1.json '"mode": "holdout"'
has h1.json '"threads": 1'
has h2.json '"threads": 2'
run 0 eval-cv1 eval -t 1 --cv 3 --json "$TMP/cv1.json" "$TMP/train.csv"
run 0 eval-cv2 eval -t 2 --cv 3 --json "$TMP/cv2.json" "$TMP/train.csv"
check "eval --cv 3 stdout identical across -t 1/-t 2" \
	cmp -s "$TMP/eval-cv1.out" "$TMP/eval-cv2.out"
check "eval --cv 3 JSON identical apart from threads" \
	cmp -s <(strip_threads "$TMP/cv1.json") <(strip_threads "$TMP/cv2.json")
has cv1.json '"folds": 3'
check "eval --cv prints a report" test -s "$TMP/eval-cv1.out"
run 2 eval-both eval --cv 3 -m "$MODEL" "$TMP/train.csv"

# ---------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------
run 1 missing-file classify -m "$MODEL" "$TMP/nope.csv"
has missing-file.err "$TMP/nope.csv"
run 1 missing-model classify -m "$TMP/nope.model" "$TMP/plain.txt"
has missing-model.err "$TMP/nope.model"
run 1 missing-train train -q "$TMP/nope.csv" -o "$TMP/x.model"
has missing-train.err "$TMP/nope.csv"
check "failed training writes no model" test ! -e "$TMP/x.model"

run 2 unknown-option classify --bogus -m "$MODEL" "$TMP/plain.txt"
has unknown-option.err "--help"
run 2 unknown-option-train train --bogus "$TMP/train.csv" -o "$TMP/x.model"
run 2 unknown-command frobnicate
run 2 bad-threads classify -t 0 -m "$MODEL" "$TMP/plain.txt"
run 2 bad-format classify -f xml -m "$MODEL" "$TMP/plain.txt"
run 2 no-output train "$TMP/train.csv"
run 2 bad-language train -q -l klingon "$TMP/train.csv" -o "$TMP/x.model"
has bad-language.err "english"

printf 'id,body\n1,some clause\n' >"$TMP/notext.csv"
run 1 no-text-column classify -m "$MODEL" -i csv "$TMP/notext.csv"
has no-text-column.err '"id", "body"'
run 1 no-text-column-train train -q "$TMP/notext.csv" -o "$TMP/x.model"
has no-text-column-train.err '"body"'

printf 'id,text\n1,fine\n2,"never closed\n3,more\n' >"$TMP/unterminated.csv"
run 1 unterminated classify -m "$MODEL" "$TMP/unterminated.csv"
has unterminated.err "$TMP/unterminated.csv:3:"
has unterminated.err "unterminated"
run 1 unterminated-o classify -m "$MODEL" -o "$TMP/unterminated.out.csv" \
	"$TMP/unterminated.csv"
check "a failed classify leaves no -o file" test ! -e "$TMP/unterminated.out.csv"

printf 'id,text,theme\na,clause,Endure\n' >"$TMP/badtheme.csv"
run 1 bad-theme train -q --codebook "$CODEBOOK" "$TMP/badtheme.csv" \
	-o "$TMP/x.model"
has bad-theme.err "$TMP/badtheme.csv:2:"
has bad-theme.err 'did you mean "endure"'
# Without a codebook the labels come from the data; a rare label that
# nearly spells a common one is flagged as a likely typo.
{ cat "$TMP/train.csv"; printf 'typo,A clause with a typo.,Endure,,\n'; } \
	>"$TMP/typo.csv"
run 0 typo-warning train -q "$TMP/typo.csv" -o "$TMP/typo.model"
has typo-warning.err 'label "Endure" is used only 1 time; did you mean "endure"?'
{ cat "$TMP/train.csv"; printf 'typo,A clause with a typo.,Endure ,,\n'; } \
	>"$TMP/typo-space.csv"
run 1 typo-space train -q "$TMP/typo-space.csv" -o "$TMP/typo.model"
has typo-space.err 'typo-space.csv:32: label "Endure " is not valid'
has typo-space.err 'did you mean "endure"?'

# A damaged model is refused with exit status 1.
head -c 2000 "$MODEL" >"$TMP/cut.model"
run 1 damaged-model classify -m "$TMP/cut.model" "$TMP/plain.txt"
has damaged-model.err "damaged"
sed '1s/themes-model 2/themes-model 3/' "$MODEL" >"$TMP/newer.model"
run 1 newer-model classify -m "$TMP/newer.model" "$TMP/plain.txt"
has newer-model.err "newer"

# Unwritable output: exit 1 and no file.
run 1 unwritable classify -m "$MODEL" -o /nonexistent/x.csv "$TMP/plain.txt"
has unwritable.err "/nonexistent/x.csv"
check "no file for an unwritable -o" test ! -e /nonexistent/x.csv
run 1 unwritable-model train -q "$TMP/train.csv" -o /nonexistent/x.model

# A full device: writing must fail with exit 1.  As root, `-o /dev/full`
# would rename a regular file over /dev/full itself if the program does not
# write devices in place, so root uses a private copy of the device node made
# with mknod (same major/minor), which behaves identically.
# fresh_full: (re)makes the full device to test, in $FULL; false when there
# is none to use.
fresh_full() {
	if [ "$(id -u)" -eq 0 ]; then
		FULL="$TMP/full"
		rm -f "$FULL"
		mknod "$FULL" c 1 7 2>/dev/null
	else
		FULL=/dev/full
	fi
	[ -c "$FULL" ]
}
if fresh_full; then
	run 1 dev-full classify -m "$MODEL" -o "$FULL" "$TMP/plain.txt"
	check "the full device is still a device after classify -o" test -c "$FULL"
	fresh_full
	run 1 dev-full-big classify -m "$MODEL" -o "$FULL" "$TMP/big.txt"
	fresh_full
	run 1 dev-full-model train -q "$TMP/train.csv" -o "$FULL"
	check "the full device is still a device after train -o" test -c "$FULL"
	fresh_full
	run 1 dev-full-json eval -m "$MODEL" --json "$FULL" "$TMP/train.csv"
	# Standard output on a full device (no -o).
	fresh_full
	"$THEMES" classify -m "$MODEL" "$TMP/big.txt" >"$FULL" \
		2>"$TMP/stdout-full.err"
	check "classify to a full stdout gives exit 1" test $? -eq 1
	has stdout-full.err "No space left"
	fresh_full
	"$THEMES" eval -m "$MODEL" "$TMP/train.csv" >"$FULL" 2>/dev/null
	check "eval to a full stdout gives exit 1" test $? -eq 1
	rm -f "$TMP/full"
else
	echo "cli_test: skipping /dev/full checks (no full device available)" >&2
fi

# When classification fails midway (second input missing), -o is not made.
run 1 midway classify -m "$MODEL" -o "$TMP/midway.csv" "$TMP/plain.txt" \
	"$TMP/missing-second.txt"
has midway.err "$TMP/missing-second.txt"
check "a classify failing midway leaves no -o file" test ! -e "$TMP/midway.csv"
check "and no temporary file either" \
	test -z "$(find "$TMP" -name 'midway.csv.tmp*')"
# An existing -o file is left untouched by a failed run.
echo "previous" >"$TMP/kept.csv"
run 1 midway-kept classify -m "$MODEL" -o "$TMP/kept.csv" "$TMP/plain.txt" \
	"$TMP/missing-second.txt"
check "a failed run keeps the previous -o file" \
	test "$(cat "$TMP/kept.csv")" = previous

harness_summary
