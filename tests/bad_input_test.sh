#!/usr/bin/env bash
# bad_input_test.sh - a table of bad inputs for every entry point of the
# themes program (train, classify, classify --statement, segment, eval; CSV,
# plain text, statements and model files), each with its expected exit status
# and a fragment of the expected message.
#
# Usage: bad_input_test.sh PATH/TO/themes REPO_ROOT
#
# Hand-written fixtures are in tests/bad_input/; their damaged variants and
# the big inputs (a 10 MB line, 1,000,000 rows) are made here in a temporary
# folder.  For every case:
#   - the exit status is the expected one (never a crash or a sanitizer
#     report);
#   - a failing case (status 1) prints exactly one line on standard error,
#     "themes: error: ...", containing the expected fragment;
#   - a failing case with -o "$OUT" leaves no $OUT and no $OUT.tmp.* file;
#   - a succeeding case writes as many rows as it read (rows out = rows in).
# Prints "N passed, N failed" and exits non-zero when a check fails.
set -u

THEMES=${1:?usage: bad_input_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: bad_input_test.sh THEMES_BINARY REPO_ROOT}
[ -x "$THEMES" ] || { echo "bad_input_test: $THEMES is not executable" >&2; exit 2; }
SRC="$ROOT/tests/bad_input"
DM="$ROOT/models/default.model"
CB="$ROOT/corpus/themes.codebook"
for f in "$SRC/train.csv" "$SRC/statement.txt" "$SRC/clauses.csv" \
         "$SRC/clauses.txt" "$SRC/model_tools.py" "$DM"; do
	[ -r "$f" ] || { echo "bad_input_test: $f is missing" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "bad_input_test: needs python3" >&2; exit 2; }
# The interpreter itself, not a version-manager shim that is slow to start.
PY=$(python3 -c 'import sys; print(sys.executable)') || exit 2

. "$(dirname "$0")/harness.sh"
harness_tmpdir bad-input
F="$TMP/in"        # fixtures
R="$TMP/run"       # stdout/stderr of each case
O="$TMP/out"       # -o targets
mkdir -p "$F" "$R" "$O"
export THEMES_MODEL="$TMP/no-default.model"   # never picked up by accident
T=$THEMES
TOOLS="$PY $SRC/model_tools.py"


# A sanitizer build is slower and bigger; the limits of the big cases grow.
SLOW=1
grep -aq -e __asan_init -e __ubsan_handle "$THEMES" && SLOW=4

# ---------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------
cp "$SRC/train.csv" "$SRC/statement.txt" "$SRC/clauses.csv" \
   "$SRC/clauses.txt" "$F/"
cd "$F" || exit 2
tr_=train.csv
# Line ends and byte-order mark (the same data, so the same model).
{ printf '\357\273\277'; cat $tr_; } >train-bom.csv
sed 's/$/\r/' $tr_ >train-crlf.csv
tr '\n' '\r' <$tr_ >train-cr.csv
{ printf '\357\273\277'; cat clauses.csv; } >clauses-bom.csv
sed 's/$/\r/' clauses.csv >clauses-crlf.csv
tr '\n' '\r' <clauses.csv >clauses-cr.csv
sed 's/$/\r/' clauses.txt >clauses-crlf.txt
tr '\n' '\r' <clauses.txt >clauses-cr.txt
{ printf '\357\273\277'; sed 's/$/\r/' statement.txt; } >statement-bomcrlf.txt
tr '\n' '\r' <statement.txt >statement-cr.txt
# Invalid UTF-8 (a lone continuation byte, 0xff, a truncated sequence).
sed '4s/trade/tr\x80ade \xff \xe2\x82/' $tr_ >train-badutf8.csv
printf 'id,text\nc\377-1,The sides oppose sanctions \xe2\x82 here.\nc2,Veterans \x80 remember.\n' >clauses-badutf8.csv
printf 'The sides oppose sanctions \xe2\x82 here.\nVeterans \x80 remember.\n' >clauses-badutf8.txt
printf 'Joint Statement\n\nThe sides \377oppose sanctions. They support \xe2\x82 BRICS.\n' >statement-badutf8.txt
# Empty and header-only files.
: >empty.csv
: >empty.txt
printf 'id,text\n' >header-only.csv
printf 'id,text,theme,secondary,source\n' >header-only-labelled.csv
# Missing columns.
printf 'id,body\nc1,The sides oppose sanctions.\n' >no-text.csv
printf 'id,body,theme\nc1,The sides oppose sanctions.,counter_hegemony\n' >no-text-labelled.csv
cut -d, -f1,2 <clauses.csv >no-theme.csv
# Quotes and NUL.
printf 'id,text\nc1,fine\nc2,"never closed\nc3,more\n' >unterminated.csv
printf 'id,text\nc1,fine\nc2,the "quoted" word\n' >stray-quote.csv
sed '31s/,Strategic/,"Strategic/' $tr_ >train-unterminated.csv
# A quote opened on line 5 runs on to the next quote, on line 14.
sed '5s/^t04,Military/t04,"Military/' $tr_ >train-runaway-quote.csv
sed '8s/oppose any/oppose "any"/' $tr_ >train-stray-quote.csv
printf 'id,text\nc1,fine\nc2,a\0b\n' >nul.csv
printf 'first clause\nsecond \0clause\n' >nul.txt
sed '7s/ price / pr\x00ice /' $tr_ >train-nul.csv
printf 'Joint Statement\n\nThe sides oppose \0sanctions. They support BRICS.\n' >statement-nul.txt
# Theme slugs.
sed '3s/,endure,,/,Endure,,/' $tr_ >slug-case.csv
sed '3s/,endure,,/, endure,,/' $tr_ >slug-space.csv
sed '3s/,endure,,/,endure ,,/' $tr_ >slug-trailing.csv
sed '3s/,endure,,/,enduring,,/' $tr_ >slug-unknown.csv
sed '3s/,endure,,/,,,/' $tr_ >slug-empty.csv
sed '10s/,history,legitimacy,/,history,Legitimacy,/' $tr_ >slug-secondary.csv
# Duplicate ids, extra columns.
sed '5s/^t04,/t03,/' $tr_ >dup-ids.csv
printf 'id,text\nc1,one\nc1,two\nc1,three\n' >dup-ids-classify.csv
sed '8s/,bad-input$/,bad-input,extra/' $tr_ >extra-column.csv
printf 'id,text\nc1,one\nc2,two,three\n' >extra-column-classify.csv
# A labelled column a classify input may carry: ignored there.
printf 'id,text,theme\nc1,The sides oppose sanctions.,Endure\n' >classify-with-bad-theme.csv
# Output paths that cannot be written.
: >a-file
mkdir -p a-dir

# The 10 MB single line: as plain text, as a CSV field, as a statement
# paragraph of many sentences, and inside a training clause.
"$PY" - <<'EOF' || exit 2
size = 10 * 1024 * 1024
word = "the sides oppose unilateral sanctions and support a multipolar world "
line = (word * (size // len(word) + 1))[:size]
open("long.txt", "w").write(line + "\n")
open("long.csv", "w").write("id,text\nbig," + line + "\nsmall,Veterans remember.\n")
sentence = "The sides oppose unilateral sanctions and support a multipolar world. "
n = size // len(sentence)
open("long-statement.txt", "w").write("Joint Statement\n\n" + (sentence * n).rstrip() + "\n")
open("long-statement.count", "w").write("%d\n" % n)
rows = open("train.csv").read().split("\n")
rows[3] = rows[3].replace(",Military", ",Military " + "x" * size)
open("train-long.csv", "w").write("\n".join(rows))
EOF
LONG_SENTENCES=$(cat long-statement.count)

# ---------------------------------------------------------------------
# Models: a small one trained here, then damaged copies.
# ---------------------------------------------------------------------
M="$F/small.model"
"$T" train -q -t 2 $tr_ -o "$M" 2>"$R/train-fixture.err"
check "the fixture model trains" test -s "$M"
for i in 1 2 3 4 5 6 7 8 9; do
	$TOOLS cut "$M" "cut$((i * 10)).model" "0.$i"
done
for f in 0.1 0.5 0.9; do $TOOLS flip "$M" "flip${f#0.}.model" "$f"; done
$TOOLS flip "$M" flip-magic.model 0
sed '1s/^themes-model 2$/themes-model 3/' "$M" >newer.model
vocab=$(sed -n 's/^vocabulary \([0-9]*\)$/\1/p' "$M")
vocab_line=$(grep -n '^vocabulary ' "$M" | cut -d: -f1)
$TOOLS sub "$M" vocab-plus1.model "vocabulary $vocab" "vocabulary $((vocab + 1))"
$TOOLS sub "$M" vocab-minus1.model "vocabulary $vocab" "vocabulary $((vocab - 1))"
$TOOLS sub "$M" vocab-zero.model "vocabulary $vocab" "vocabulary 0"
$TOOLS sub "$M" vocab-huge.model "vocabulary $vocab" "vocabulary 18446744073709551617"
# The count and the lines agree, but the support vectors use the dropped term.
$TOOLS drop "$M" vocab-short.tmp "$((vocab_line + vocab))"
$TOOLS sub vocab-short.tmp vocab-short.model "vocabulary $vocab" "vocabulary $((vocab - 1))"
rm -f vocab-short.tmp
: >empty.model
cp "$DM" default-copy.model
$TOOLS cut default-copy.model default-cut50.model 0.5

# The full device: as root, a private node (same major/minor as /dev/full),
# so that nothing can ever replace the real one.
FULL=/dev/full
if [ "$(id -u)" -eq 0 ] && mknod "$TMP/full" c 1 7 2>/dev/null; then
	FULL="$TMP/full"
fi
HAVE_FULL=0
[ -c "$FULL" ] && HAVE_FULL=1

# ---------------------------------------------------------------------
# The table: NAME | COMMAND | STATUS | FRAGMENT
#
# COMMAND is run by eval in $F with $T (themes), $M (the small model),
# $DM (the default model), $OUT (a fresh -o path for this case) and $FULL.
# For STATUS 1 or 2, FRAGMENT is a fixed string the error must contain.
# For STATUS 0, FRAGMENT says what to count in the output ($OUT when the
# command names it, standard output otherwise):
#   rows=N     CSV: N rows after the header
#   jsonl=N    N lines, each a JSON object (python3 json)
#   clauses=N  an eval report on N clauses
#   model=N    a model file was written, trained on N clauses
# Cases marked "full:" need a full device.
# ---------------------------------------------------------------------
TABLE=$(cat <<'EOF'
# --- empty file
classify-empty-auto     | "$T" classify -m "$M" empty.csv                    | 1 | empty.csv:1: empty file
classify-empty-text     | "$T" classify -m "$M" empty.txt                    | 0 | rows=0
classify-empty-csv      | "$T" classify -m "$M" -i csv empty.csv -o "$OUT"   | 1 | empty.csv:1: empty file
train-empty             | "$T" train -q empty.csv -o "$OUT"                  | 1 | empty.csv:1: empty file
eval-empty              | "$T" eval -m "$M" empty.csv                        | 1 | empty.csv:1: empty file
eval-cv-empty           | "$T" eval --cv 3 empty.csv                         | 1 | empty.csv:1: empty file
segment-empty           | "$T" segment empty.csv -o "$OUT"                   | 0 | rows=0
statement-empty         | "$T" classify -m "$M" -s empty.csv -o "$OUT"       | 0 | rows=0
# --- header only
classify-header-only    | "$T" classify -m "$M" header-only.csv -o "$OUT"    | 0 | rows=0
train-header-only       | "$T" train -q header-only-labelled.csv -o "$OUT"   | 1 | no labelled rows
eval-header-only        | "$T" eval -m "$M" header-only-labelled.csv         | 1 | no labelled rows
eval-cv-header-only     | "$T" eval --cv 3 header-only-labelled.csv          | 1 | no labelled rows
train-header-no-theme   | "$T" train -q header-only.csv -o "$OUT"            | 1 | header-only.csv:1: no "theme" column
# --- missing text or theme column
classify-no-text        | "$T" classify -m "$M" -i csv no-text.csv -o "$OUT" | 1 | no-text.csv:1: no "text" column in the CSV header (columns found: "id", "body"; name the text column with --text-column)
train-no-text           | "$T" train -q no-text-labelled.csv -o "$OUT"       | 1 | no-text-labelled.csv:1: no "text" column
eval-no-text            | "$T" eval -m "$M" no-text-labelled.csv             | 1 | no-text-labelled.csv:1: no "text" column
train-no-theme          | "$T" train -q no-theme.csv -o "$OUT"               | 1 | no-theme.csv:1: no "theme" column
eval-no-theme           | "$T" eval -m "$M" no-theme.csv                     | 1 | no-theme.csv:1: no "theme" column
eval-cv-no-theme        | "$T" eval --cv 3 no-theme.csv                      | 1 | no-theme.csv:1: no "theme" column
# --- UTF-8 BOM, CRLF and lone CR (read like the plain file)
classify-bom            | "$T" classify -m "$M" clauses-bom.csv -o "$OUT"    | 0 | rows=3
classify-crlf           | "$T" classify -m "$M" clauses-crlf.csv -o "$OUT"   | 0 | rows=3
classify-cr             | "$T" classify -m "$M" clauses-cr.csv -o "$OUT"     | 0 | rows=3
classify-crlf-text      | "$T" classify -m "$M" clauses-crlf.txt -o "$OUT"   | 0 | rows=3
classify-cr-text        | "$T" classify -m "$M" clauses-cr.txt -o "$OUT"     | 0 | rows=3
classify-bom-jsonl      | "$T" classify -m "$M" -f jsonl clauses-bom.csv     | 0 | jsonl=3
train-bom               | "$T" train train-bom.csv -o "$OUT"                 | 0 | model=30
train-crlf              | "$T" train train-crlf.csv -o "$OUT"                | 0 | model=30
train-cr                | "$T" train train-cr.csv -o "$OUT"                  | 0 | model=30
eval-bom                | "$T" eval -m "$M" train-bom.csv                    | 0 | clauses=30
eval-crlf               | "$T" eval -m "$M" train-crlf.csv                   | 0 | clauses=30
eval-cr                 | "$T" eval -m "$M" train-cr.csv                     | 0 | clauses=30
segment-bom-crlf        | "$T" segment statement-bomcrlf.txt -o "$OUT"       | 0 | rows=4
segment-cr              | "$T" segment statement-cr.txt -o "$OUT"            | 0 | rows=4
statement-bom-crlf      | "$T" classify -m "$M" -s statement-bomcrlf.txt     | 0 | rows=4
statement-cr            | "$T" classify -m "$M" -s statement-cr.txt          | 0 | rows=4
# --- invalid UTF-8 (accepted; rows kept; JSON output must stay valid)
classify-badutf8        | "$T" classify -m "$M" clauses-badutf8.csv -o "$OUT" | 0 | rows=2
classify-badutf8-text   | "$T" classify -m "$M" clauses-badutf8.txt -o "$OUT" | 0 | rows=2
classify-badutf8-jsonl  | "$T" classify -m "$M" -f jsonl clauses-badutf8.csv | 0 | jsonl=2
train-badutf8           | "$T" train train-badutf8.csv -o "$OUT"             | 0 | model=30
eval-badutf8            | "$T" eval -m "$M" train-badutf8.csv                | 0 | clauses=30
segment-badutf8         | "$T" segment statement-badutf8.txt -o "$OUT"       | 0 | rows=2
statement-badutf8-jsonl | "$T" classify -m "$M" -s -f jsonl statement-badutf8.txt | 0 | jsonl=2
# --- unterminated quote, stray quote
classify-unterminated   | "$T" classify -m "$M" unterminated.csv -o "$OUT"   | 1 | unterminated.csv:3: unterminated quoted field
train-unterminated      | "$T" train -q train-unterminated.csv -o "$OUT"     | 1 | train-unterminated.csv:31: unterminated quoted field
eval-unterminated       | "$T" eval -m "$M" train-unterminated.csv           | 1 | train-unterminated.csv:31: unterminated quoted field
train-runaway-quote     | "$T" train -q train-runaway-quote.csv -o "$OUT"    | 1 | train-runaway-quote.csv:14: unexpected character after a closing quote
classify-stray-quote    | "$T" classify -m "$M" stray-quote.csv -o "$OUT"    | 1 | stray-quote.csv:3: stray quote in an unquoted field
train-stray-quote       | "$T" train -q train-stray-quote.csv -o "$OUT"      | 1 | train-stray-quote.csv:8: stray quote
eval-cv-stray-quote     | "$T" eval --cv 3 train-stray-quote.csv             | 1 | train-stray-quote.csv:8: stray quote
# --- embedded NUL
classify-nul            | "$T" classify -m "$M" nul.csv -o "$OUT"            | 1 | nul.csv:3: NUL byte
classify-nul-text       | "$T" classify -m "$M" nul.txt -o "$OUT"            | 1 | nul.txt:2: NUL byte
train-nul               | "$T" train -q train-nul.csv -o "$OUT"              | 1 | train-nul.csv:7: NUL byte
eval-nul                | "$T" eval -m "$M" train-nul.csv                    | 1 | train-nul.csv:7: NUL byte
segment-nul             | "$T" segment statement-nul.txt -o "$OUT"           | 1 | statement-nul.txt:3: NUL byte
statement-nul           | "$T" classify -m "$M" -s statement-nul.txt -o "$OUT" | 1 | statement-nul.txt:3: NUL byte
# --- a single 10 MB line
classify-long-line      | "$T" classify -m "$M" -t 2 long.txt -o "$OUT"      | 0 | rows=1
classify-long-field     | "$T" classify -m "$M" -t 2 long.csv -o "$OUT"      | 0 | rows=2
train-long-field        | "$T" train -t 2 train-long.csv -o "$OUT"           | 0 | model=30
segment-long-line       | "$T" segment long.txt -o "$OUT"                    | 0 | rows=1
segment-long-paragraph  | "$T" segment long-statement.txt -o "$OUT"          | 0 | rows=$LONG_SENTENCES
statement-long-paragraph| "$T" classify -m "$M" -s -t 2 long-statement.txt -o "$OUT" | 0 | rows=$LONG_SENTENCES
# --- theme slugs
train-slug-case         | "$T" train -q --codebook "$CB" slug-case.csv -o "$OUT" | 1 | slug-case.csv:3: unknown label "Endure" (did you mean "endure"?); valid labels: endure, history
train-slug-space        | "$T" train -q slug-space.csv -o "$OUT"             | 1 | slug-space.csv:3: label " endure" is not valid: it holds a space
train-slug-trailing     | "$T" train -q slug-trailing.csv -o "$OUT"          | 1 | slug-trailing.csv:3: label "endure " is not valid: it holds a space, comma, semicolon, quote or control character; did you mean "endure"?
train-slug-unknown      | "$T" train -q --codebook "$CB" slug-unknown.csv -o "$OUT" | 1 | slug-unknown.csv:3: unknown label "enduring"; valid labels: endure, history
train-slug-secondary    | "$T" train -q slug-secondary.csv -o "$OUT"         | 1 | slug-secondary.csv:10: unknown secondary label "Legitimacy" (did you mean "legitimacy"?)
train-codebook-missing  | "$T" train -q --codebook nope.codebook train.csv -o "$OUT" | 1 | nope.codebook: cannot open codebook
eval-slug-case          | "$T" eval -m "$M" slug-case.csv                    | 1 | slug-case.csv:3: unknown label "Endure" (did you mean "endure"?)
eval-slug-trailing      | "$T" eval -m "$M" slug-trailing.csv                | 1 | slug-trailing.csv:3: unknown label "endure "
eval-cv-slug-unknown    | "$T" eval --cv 3 --codebook "$CB" slug-unknown.csv | 1 | slug-unknown.csv:3: unknown label "enduring"
classify-ignores-theme  | "$T" classify -m "$M" classify-with-bad-theme.csv  | 0 | rows=1
# --- duplicate ids
train-dup-ids           | "$T" train -q dup-ids.csv -o "$OUT"                | 1 | dup-ids.csv:5: duplicate id "t03" (first used on line 4)
eval-dup-ids            | "$T" eval -m "$M" dup-ids.csv                      | 1 | dup-ids.csv:5: duplicate id "t03"
eval-cv-dup-ids         | "$T" eval --cv 3 dup-ids.csv                       | 1 | dup-ids.csv:5: duplicate id "t03"
classify-dup-ids        | "$T" classify -m "$M" dup-ids-classify.csv -o "$OUT" | 0 | rows=3
# --- more columns than the header
classify-extra-column   | "$T" classify -m "$M" extra-column-classify.csv -o "$OUT" | 1 | extra-column-classify.csv:3: row has 3 fields but the header has 2 columns
train-extra-column      | "$T" train -q extra-column.csv -o "$OUT"           | 1 | extra-column.csv:8: row has 6 fields but the header has 5 columns
eval-extra-column       | "$T" eval -m "$M" extra-column.csv                 | 1 | extra-column.csv:8: row has 6 fields
# --- model files: empty, truncated at every tenth, flipped bytes, newer, bad vocabulary
model-empty             | "$T" classify -m empty.model clauses.txt           | 1 | empty.model: empty model file
model-cut10             | "$T" classify -m cut10.model clauses.txt -o "$OUT" | 1 | cut10.model: damaged model file
model-cut20             | "$T" classify -m cut20.model clauses.txt -o "$OUT" | 1 | cut20.model: damaged model file
model-cut30             | "$T" classify -m cut30.model clauses.txt -o "$OUT" | 1 | cut30.model: damaged model file
model-cut40             | "$T" classify -m cut40.model clauses.txt -o "$OUT" | 1 | cut40.model: damaged model file
model-cut50             | "$T" classify -m cut50.model clauses.txt -o "$OUT" | 1 | cut50.model: damaged model file
model-cut60             | "$T" classify -m cut60.model clauses.txt -o "$OUT" | 1 | cut60.model: damaged model file
model-cut70             | "$T" classify -m cut70.model clauses.txt -o "$OUT" | 1 | cut70.model: damaged model file
model-cut80             | "$T" classify -m cut80.model clauses.txt -o "$OUT" | 1 | cut80.model: damaged model file
model-cut90             | "$T" classify -m cut90.model clauses.txt -o "$OUT" | 1 | cut90.model: damaged model file
model-cut50-eval        | "$T" eval -m cut50.model train.csv                 | 1 | cut50.model: damaged model file
model-cut50-statement   | "$T" classify -m cut50.model -s statement.txt      | 1 | cut50.model: damaged model file
model-default-copy      | "$T" classify -m default-copy.model clauses.txt -o "$OUT" | 0 | rows=3
model-default-cut50-bad | "$T" classify -m default-cut50.model clauses.txt -o "$OUT" | 1 | default-cut50.model: damaged model file
model-flip-magic        | "$T" classify -m flip-magic.model clauses.txt      | 1 | flip-magic.model:1: not a themes model file
model-flip10            | "$T" classify -m flip1.model clauses.txt           | 1 | flip1.model: damaged model file: checksum mismatch
model-flip50            | "$T" classify -m flip5.model clauses.txt           | 1 | flip5.model: damaged model file: checksum mismatch
model-flip90            | "$T" classify -m flip9.model clauses.txt -o "$OUT" | 1 | flip9.model: damaged model file: checksum mismatch
model-newer             | "$T" classify -m newer.model clauses.txt -o "$OUT" | 1 | newer.model:1: model format 3 is newer than this program reads
model-newer-eval        | "$T" eval -m newer.model train.csv                 | 1 | newer.model:1: model format 3 is newer
model-vocab-plus1       | "$T" classify -m vocab-plus1.model clauses.txt     | 1 | vocab-plus1.model:
model-vocab-minus1      | "$T" classify -m vocab-minus1.model clauses.txt    | 1 | vocab-minus1.model:
model-vocab-zero        | "$T" classify -m vocab-zero.model clauses.txt      | 1 | vocab-zero.model:
model-vocab-huge        | "$T" classify -m vocab-huge.model clauses.txt      | 1 | vocab-huge.model:
model-vocab-short       | "$T" classify -m vocab-short.model clauses.txt     | 1 | vocab-short.model:
# --- non-existent input
classify-missing        | "$T" classify -m "$M" nope.csv -o "$OUT"           | 1 | nope.csv: cannot open
classify-missing-second | "$T" classify -m "$M" -o "$OUT" clauses.txt nope.txt | 1 | nope.txt
classify-missing-model  | "$T" classify -m nope.model clauses.txt -o "$OUT"  | 1 | nope.model
train-missing           | "$T" train -q nope.csv -o "$OUT"                   | 1 | nope.csv: cannot open
eval-missing            | "$T" eval -m "$M" nope.csv                         | 1 | nope.csv: cannot open
eval-missing-model      | "$T" eval -m nope.model train.csv                  | 1 | nope.model
segment-missing         | "$T" segment nope.txt -o "$OUT"                    | 1 | nope.txt: cannot open
statement-missing       | "$T" classify -m "$M" -s nope.txt -o "$OUT"        | 1 | nope.txt: cannot open
# --- unwritable output path
classify-unwritable     | "$T" classify -m "$M" clauses.txt -o /nonexistent/out.csv | 1 | /nonexistent/out.csv: cannot write
classify-out-is-dir     | "$T" classify -m "$M" clauses.txt -o a-dir         | 1 | a-dir: cannot write
classify-out-under-file | "$T" classify -m "$M" clauses.txt -o a-file/out.csv | 1 | a-file/out.csv: cannot write
train-unwritable        | "$T" train -q train.csv -o /nonexistent/x.model    | 1 | /nonexistent/x.model: cannot write
segment-unwritable      | "$T" segment statement.txt -o /nonexistent/x.csv   | 1 | /nonexistent/x.csv: cannot write
eval-json-unwritable    | "$T" eval -m "$M" --json /nonexistent/r.json train.csv | 1 | /nonexistent/r.json: cannot write
# --- a full disk
full:classify-o-full    | "$T" classify -m "$M" clauses.txt -o "$FULL"       | 1 | No space left on device
full:classify-long-full | "$T" classify -m "$M" long.csv -o "$FULL"          | 1 | No space left on device
full:train-o-full       | "$T" train -q train.csv -o "$FULL"                 | 1 | No space left on device
full:segment-o-full     | "$T" segment long-statement.txt -o "$FULL"         | 1 | No space left on device
full:eval-json-full     | "$T" eval -m "$M" --json "$FULL" train.csv         | 1 | write error
full:classify-stdout-full  | "$T" classify -m "$M" clauses.txt >"$FULL"      | 1 | <stdout>: write error: No space left on device
full:jsonl-stdout-full  | "$T" classify -m "$M" -f jsonl long.csv >"$FULL"   | 1 | No space left on device
full:statement-stdout-full | "$T" classify -m "$M" -s statement.txt >"$FULL" | 1 | No space left on device
full:segment-stdout-full | "$T" segment statement.txt >"$FULL"              | 1 | No space left on device
full:eval-stdout-full   | "$T" eval -m "$M" train.csv >"$FULL"               | 1 | write error
full:eval-cv-stdout-full | "$T" eval --cv 3 train.csv >"$FULL"               | 1 | write error
full:help-stdout-full   | "$T" --help >"$FULL"                               | 1 | write error
full:version-stdout-full | "$T" --version >"$FULL"                           | 1 | write error
full:classify-help-full | "$T" classify --help >"$FULL"                      | 1 | write error
EOF
)

# data_rows FILE: lines after the CSV header (no field here holds a newline).
data_rows() { local n; n=$(wc -l <"$1"); echo $((n > 0 ? n - 1 : 0)); }
json_lines_ok() { # json_lines_ok FILE N
	"$PY" - "$1" "$2" <<'EOF'
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
if len(lines) != int(sys.argv[2]):
    sys.exit("%d lines, expected %s" % (len(lines), sys.argv[2]))
for i, line in enumerate(lines, 1):
    try:
        if not isinstance(json.loads(line.decode("utf-8")), dict):
            sys.exit("line %d is not an object" % i)
    except ValueError as e:
        sys.exit("line %d is not JSON: %s" % (i, e))
EOF
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

cases=0
while IFS='|' read -r name cmd want frag; do
	name=$(trim "$name")
	case $name in ''|'#'*) continue ;; esac
	cmd=$(trim "$cmd"); want=$(trim "$want"); frag=$(trim "$frag")
	if [ "${name#full:}" != "$name" ]; then
		name=${name#full:}
		[ "$HAVE_FULL" -eq 1 ] || { echo "skip $name (no full device)"; continue; }
	fi
	cases=$((cases + 1))
	OUT="$O/$name.result"
	out="$R/$name.out" err="$R/$name.err"
	eval "$cmd" >"$out" 2>"$err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit status $got, expected $want ($cmd)"
		sed 's/^/    /' "$err" | head -5 >&2
		continue
	fi
	if [ "$want" -ne 0 ]; then
		lines=$(wc -l <"$err")
		first=$(head -n 1 "$err")
		if [ "$want" -eq 1 ] && [ "$lines" -ne 1 ]; then
			fail "$name: $lines lines on stderr, expected 1"
			sed 's/^/    /' "$err" | head -5 >&2
		elif [ "${first#themes: error: }" = "$first" ]; then
			fail "$name: stderr does not start with \"themes: error: \": $first"
		elif ! grep -qF -- "$frag" "$err"; then
			fail "$name: message lacks \"$frag\": $first"
		elif case $cmd in *'"$OUT"'*) ! [ -e "$OUT" ] && [ -z "$(ls "$OUT".tmp.* 2>/dev/null)" ] ;; *) true ;; esac; then
			pass
		else
			fail "$name: a failed run left $(ls -d "$OUT" "$OUT".tmp.* 2>/dev/null | tr '\n' ' ')"
		fi
		continue
	fi
	# Success: nothing on stderr that looks like an error, and rows out = in.
	if grep -q -e 'error' -e 'runtime' -e 'Sanitizer' "$err"; then
		fail "$name: exit 0 but stderr says: $(head -n 1 "$err")"
		continue
	fi
	result=$out
	case $cmd in *'"$OUT"'*) result=$OUT ;; esac
	case $frag in *'$'*) frag=$(eval "echo \"$frag\"") ;; esac
	n=${frag#*=}
	case $frag in
	rows=*)
		got_rows=$( [ -f "$result" ] && data_rows "$result" || echo missing)
		check "$name: $got_rows rows out, expected $n" test "$got_rows" = "$n" ;;
	jsonl=*)
		if msg=$(json_lines_ok "$result" "$n" 2>&1); then pass
		else fail "$name: JSONL output: $msg"; fi ;;
	clauses=*)
		check "$name: report on $n clauses" grep -qE "^clauses +$n\$" "$result" ;;
	model=*)
		if [ "$(head -n 1 "$result" 2>/dev/null)" = "themes-model 2" ] &&
		   grep -qF "$n clauses" "$err"; then pass
		else fail "$name: no model trained on $n clauses ($(head -n 1 "$err"))"; fi ;;
	*)
		fail "$name: bad table entry \"$frag\"" ;;
	esac
done <<<"$TABLE"

# ---------------------------------------------------------------------
# Beyond the table
# ---------------------------------------------------------------------
# BOM, CRLF and lone CR change nothing: the same model, byte for byte.
for v in bom crlf cr; do
	check "train-$v gives the same model as the plain file" \
		cmp -s "$O/train-$v.result" "$M"
done
check "classify output is the same with BOM, CRLF and lone CR" \
	sh -c 'cmp -s "$1/classify-bom.result" "$1/classify-crlf.result" &&
	       cmp -s "$1/classify-bom.result" "$1/classify-cr.result"' _ "$O"
check "segment output is the same with lone CR as with BOM+CRLF" \
	test "$(cut -d, -f2- "$O/segment-cr.result")" = \
	     "$(cut -d, -f2- "$O/segment-bom-crlf.result")"

# One random bit flipped anywhere in the model body and the checksum fixed:
# the parser must refuse (status 1, one line) or load a working model
# (status 0, one row per clause), never crash.
mkdir -p "$F/fuzz"
$TOOLS fuzz "$M" "$F/fuzz" 40 7
fz_bad=0
for fz in "$F"/fuzz/*.model; do
	"$T" classify -m "$fz" "$F/clauses.txt" >"$R/fuzz.out" 2>"$R/fuzz.err"
	st=$?
	if [ "$st" -eq 0 ] && [ "$(data_rows "$R/fuzz.out")" -eq 3 ]; then
		continue
	elif [ "$st" -eq 1 ] && [ "$(wc -l <"$R/fuzz.err")" -eq 1 ] &&
	     grep -q '^themes: error: ' "$R/fuzz.err"; then
		continue
	fi
	fz_bad=$((fz_bad + 1))
	echo "    $(basename "$fz"): status $st: $(head -n 2 "$R/fuzz.err")" >&2
done
check "40 re-signed models with a flipped bit: no crash, one-line errors" \
	test "$fz_bad" -eq 0

# 1,000,000 rows through classify with the default model: every row out, in
# order, in bounded time and memory (the reader streams).
"$PY" - <<'EOF' || exit 2
clauses = ["The sides oppose unilateral sanctions and long-arm jurisdiction.",
           "Veterans keep alive the memory of the victory.",
           "Russia supports the Global Development Initiative.",
           "A multipolar world with a stronger BRICS.",
           "Sovereignty and territorial integrity must be respected.",
           "Trade and energy cooperation reached record volumes."]
with open("million.csv", "w") as f:
    f.write("id,text\n")
    for i in range(1000000):
        f.write("r%d,%s\n" % (i, clauses[i % 6]))
EOF
max_s=$((40 * SLOW))
max_kb=$((256 * 1024 * SLOW))
start=$(date +%s)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$R/million.rss" \
		"$T" classify -m "$DM" -t 2 million.csv -o "$O/million.csv" 2>"$R/million.err"
	st=$?
else
	"$T" classify -m "$DM" -t 2 million.csv -o "$O/million.csv" 2>"$R/million.err"
	st=$?
fi
secs=$(( $(date +%s) - start ))
check "1,000,000 rows: exit 0 ($(head -n 1 "$R/million.err"))" test "$st" -eq 0
check "1,000,000 rows: 1,000,000 rows out" \
	test "$(data_rows "$O/million.csv" 2>/dev/null)" = 1000000
check "1,000,000 rows: the same ids in the same order" \
	cmp -s <(cut -d, -f1 million.csv) <(cut -d, -f1 "$O/million.csv")
check "1,000,000 rows: every row has a theme" \
	test -z "$(tail -n +2 "$O/million.csv" | cut -d, -f2 | grep -vxm1 '[a-z_][a-z_]*')"
check "1,000,000 rows: ${secs}s, at most ${max_s}s" test "$secs" -le "$max_s"
if [ -s "$R/million.rss" ]; then
	rss=$(tail -n 1 "$R/million.rss")
	check "1,000,000 rows: ${rss} KB resident, at most ${max_kb} KB" \
		test "$rss" -le "$max_kb"
fi
echo "1,000,000 rows: ${secs}s, ${rss:-?} KB resident"

if [ "$HAVE_FULL" -eq 1 ]; then
	check "the full device is still a character device" test -c "$FULL"
fi
check "/dev/full is still a character device" test -c /dev/full
check "no temporary file is left behind" \
	test -z "$(find "$F" "$O" -name '*.tmp.*' -print -quit)"

echo "$cases table cases"
harness_summary
