#!/usr/bin/env bash
# Tests for scripts/check_corpus.py.
#
# Usage: tests/check_corpus_test.sh path/to/check_corpus.py
#
# Builds small hand-written CSV fixtures in a temporary directory, runs the
# checker on each and asserts the exit status and a fragment of its output.
# Prints "N passed, N failed" and exits non-zero when any case fails.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 path/to/check_corpus.py" >&2
	exit 2
fi
CHECK=$1
if [ ! -f "$CHECK" ]; then
	echo "$0: no such file: $CHECK" >&2
	exit 2
fi
PYTHON=${PYTHON:-python3}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/check_corpus_test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

. "$(dirname "$0")/harness.sh"
LOW="--min-train 2 --min-eval 2 --min-theme-train 1 --min-theme-eval 1"

# expect NAME WANT_STATUS FRAGMENT ARGS...
#   Runs the checker with ARGS; passes when the exit status is WANT_STATUS
#   and the combined output contains FRAGMENT (fixed string; empty = any).
expect() {
	local name=$1 want=$2 fragment=$3 status=0
	shift 3
	"$PYTHON" "$CHECK" "$@" >"$TMP/out" 2>&1 || status=$?
	if [ "$status" -ne "$want" ]; then
		echo "FAIL: $name: exit status $status, expected $want"
		sed 's/^/    | /' "$TMP/out"
		fail "$name"
	elif [ -n "$fragment" ] && ! grep -qF -- "$fragment" "$TMP/out"; then
		echo "FAIL: $name: output lacks '$fragment'"
		sed 's/^/    | /' "$TMP/out"
		fail "$name"
	else
		pass
	fi
}

# expect_not NAME FRAGMENT: the output of the last run must NOT contain FRAGMENT.
expect_not() {
	if grep -qF -- "$2" "$TMP/out"; then
		echo "FAIL: $1: output unexpectedly contains '$2'"
		fail "$name"
	else
		pass
	fi
}

HEADER='id,text,theme,secondary,source,register'

# A clean training file: one clause per theme, hand-written for this test.
cat >"$TMP/train.csv" <<'EOF'
id,text,theme,secondary,source,register
"tr-1","The two governments agreed to hold their yearly review of the gas pipeline schedule in Harbin next spring.","endure","","test fixture","news"
"tr-2","Veterans from both countries laid wreaths at the memorial to pilots who fell defending the skies over Wuhan.","history","","test fixture","news"
"tr-3","Both capitals condemned sweeping export bans imposed by Washington, calling them an abuse of economic power.","counter_hegemony","","test fixture","statement"
"tr-4","Moscow welcomed Beijing's connectivity initiative and promised to align its own corridor plans with it.","china_lead","endure","test fixture","statement"
"tr-5","Reform of voting shares at the IMF would give developing economies a louder voice, the ministers said.","multipolar","","test fixture","summary"
"tr-6","Each side backs the other's right to choose its political system without lectures from abroad.","legitimacy","","test fixture","analysis"
EOF

# A clean evaluation file; one text spans two physical lines.
cat >"$TMP/eval.csv" <<'EOF'
id,text,theme,secondary,source,register
"ev-1","Scientists from Novosibirsk and Hefei will share a new synchrotron beamline under a five-year research plan.","endure","","test fixture","news"
"ev-2","The museum exhibition recalls how Soviet volunteers
helped Chinese partisans resist the occupation of Manchuria.","history","","test fixture","summary"
"ev-3","Officials said the expansion of a Pacific military bloc to Korea's neighbourhood would only stoke tension.","counter_hegemony","multipolar","test fixture","news"
"ev-4","Russian exporters now depend on yuan credit lines from Chinese banks to keep grain shipments moving.","china_lead","","test fixture","analysis"
"ev-5","The ministers urged that BRICS and the SCO take a larger part in setting rules for a ""fairer"" world economy.","multipolar","","test fixture","statement"
"ev-6","Beijing reiterated that any attempt to split Taiwan from the mainland is a matter for China alone.","legitimacy","","test fixture","statement"
EOF

# --- passing cases ----------------------------------------------------------
expect "clean pair passes with low minimums" 0 "OK" $LOW "$TMP/train.csv" "$TMP/eval.csv"
expect_not "clean pair reports no problems" "FAILED"
expect "clean file passes --single" 0 "OK" --single "$TMP/eval.csv"

# The same clean pair fails the default minimums (800 / 1600 / 80 / 150).
expect "too few records for default minimums" 1 "only 6 records, fewer than --min-train 800" "$TMP/train.csv" "$TMP/eval.csv"
expect "too few per theme for default minimums" 1 "theme 'history' has 1 records, fewer than --min-theme-eval 150" "$TMP/train.csv" "$TMP/eval.csv"

# --- bad slug ---------------------------------------------------------------
{ echo "$HEADER"
  echo '"b-1","A new bridge over the Amur opened to lorry traffic this week.","endure","","test fixture","news"'
  echo '"b-2","Partisan graves near Harbin were restored by volunteers from both countries.","History","","test fixture","news"'
} >"$TMP/badslug.csv"
expect "bad theme slug" 1 "badslug.csv:3: invalid theme 'History'" --single "$TMP/badslug.csv"

{ echo "$HEADER"
  echo '"s-1","A new bridge over the Amur opened to lorry traffic this week.","endure","multipolarity","test fixture","news"'
} >"$TMP/badsec.csv"
expect "bad secondary slug" 1 "invalid secondary theme 'multipolarity'" --single "$TMP/badsec.csv"

# --- secondary equal to primary ---------------------------------------------
{ echo "$HEADER"
  echo '"p-1","A new bridge over the Amur opened to lorry traffic this week.","endure","endure","test fixture","news"'
} >"$TMP/secprim.csv"
expect "secondary equal to primary" 1 "secprim.csv:2: secondary theme 'endure' equals the primary theme" --single "$TMP/secprim.csv"

# --- three secondaries ------------------------------------------------------
{ echo "$HEADER"
  echo '"t-1","Moscow pledged to back the Chinese security initiative at the United Nations and in Central Asia.","china_lead","multipolar;legitimacy;endure","test fixture","news"'
} >"$TMP/three.csv"
expect "three secondaries" 1 "three.csv:2: 3 secondary themes" --single "$TMP/three.csv"

{ echo "$HEADER"
  echo '"r-1","Moscow pledged to back the Chinese security initiative at the United Nations.","china_lead","multipolar;multipolar","test fixture","news"'
} >"$TMP/repeat.csv"
expect "repeated secondary" 1 "secondary theme 'multipolar' repeated" --single "$TMP/repeat.csv"

# --- duplicate id across files ----------------------------------------------
sed 's/"ev-4"/"tr-2"/' "$TMP/eval.csv" >"$TMP/eval-dupid.csv"
expect "duplicate id across files" 1 "eval-dupid.csv:6: duplicate id 'tr-2' (first at $TMP/train.csv:3)" $LOW "$TMP/train.csv" "$TMP/eval-dupid.csv"

{ echo "$HEADER"
  echo '"d-1","A new bridge over the Amur opened to lorry traffic this week.","endure","","test fixture","news"'
  echo '"d-1","Partisan graves near Harbin were restored by volunteers from both countries.","history","","test fixture","news"'
} >"$TMP/dupid.csv"
expect "duplicate id within a file" 1 "dupid.csv:3: duplicate id 'd-1'" --single "$TMP/dupid.csv"

# --- exact duplicate text ---------------------------------------------------
{ echo "$HEADER"
  echo '"x-1","A new bridge over the Amur opened to lorry traffic this week.","endure","","test fixture","news"'
  echo '"x-2","Partisan graves near Harbin were restored by volunteers from both countries.","history","","test fixture","news"'
  echo '"x-3","A NEW bridge over the Amur opened to lorry-traffic this week!","endure","","test fixture","news"'
} >"$TMP/exact.csv"
expect "exact duplicate text" 1 "exact.csv:4: exact duplicate text: id 'x-1' ($TMP/exact.csv:2) and id 'x-3' ($TMP/exact.csv:4), Jaccard 1.00" --single "$TMP/exact.csv"

# Exact duplicate across the two files.
{ cat "$TMP/eval.csv"
  echo '"ev-7","Each side backs the other'"'"'s right to choose its political system without lectures from abroad.","legitimacy","","test fixture","analysis"'
} >"$TMP/eval-dup.csv"
expect "exact duplicate across files" 1 "exact duplicate text: id 'tr-6' ($TMP/train.csv:7) and id 'ev-7' ($TMP/eval-dup.csv:9)" $LOW "$TMP/train.csv" "$TMP/eval-dup.csv"

# --- near-duplicate: one word changed in a 20-word clause --------------------
{ echo "$HEADER"
  echo '"n-1","The two sides agreed to widen flights between Kazan and Chengdu and to simplify visas for tour groups next summer.","endure","","test fixture","news"'
  echo '"n-2","Partisan graves near Harbin were restored by volunteers from both countries.","history","","test fixture","news"'
  echo '"n-3","The two sides agreed to widen flights between Kazan and Chengdu and to simplify visas for student groups next summer.","endure","","test fixture","news"'
} >"$TMP/near.csv"
expect "near-duplicate (one word changed)" 1 "near.csv:4: near-duplicate text: id 'n-1' ($TMP/near.csv:2) and id 'n-3' ($TMP/near.csv:4), Jaccard 0.71" --single "$TMP/near.csv"
expect "near-duplicate not reported above its score" 0 "OK" --jaccard 0.75 --single "$TMP/near.csv"

# --- missing column ---------------------------------------------------------
{ echo 'id,text,theme,source,register'
  echo '"m-1","A new bridge over the Amur opened to lorry traffic this week.","endure","test fixture","news"'
} >"$TMP/nocol.csv"
expect "missing column" 1 "nocol.csv:1: missing column 'secondary' in header" --single "$TMP/nocol.csv"

# --- schema and robustness --------------------------------------------------
{ echo "$HEADER"
  echo '"f-1","A new bridge over the Amur opened to lorry traffic this week.","endure","","test fixture"'
} >"$TMP/fields.csv"
expect "wrong field count" 1 "fields.csv:2: record has 5 fields, header has 6" --single "$TMP/fields.csv"

{ echo "$HEADER"
  echo '"e-1","   ","endure","","test fixture","news"'
} >"$TMP/empty.csv"
expect "empty text" 1 "empty.csv:2: empty text" --single "$TMP/empty.csv"

expect "missing file" 1 "no-such-file.csv:0: cannot read file" --single "$TMP/no-such-file.csv"

{ echo "$HEADER"
  printf '"u-1","Caf\xe9 owners in Irkutsk welcome Chinese tour groups.","endure","","test fixture","news"\n'
} >"$TMP/latin1.csv"
expect "not UTF-8" 1 "latin1.csv:2: not valid UTF-8" --single "$TMP/latin1.csv"

{ echo "$HEADER"
  echo '"q-1","A new bridge over the Amur opened to lorry traffic this week.","endure","","test fixture","news"'
  echo '"q-2","An unterminated quote starts here,history,,test fixture,news'
} >"$TMP/quote.csv"
expect "unterminated quote is not valid CSV" 1 "quote.csv:3: not valid CSV: unterminated quoted field" --single "$TMP/quote.csv"
{ cat "$TMP/quote.csv"
  echo '"q-3","This record is swallowed by the open quote.","endure","","test fixture","news"'
} >"$TMP/quote2.csv"
expect "missing closing quote is traced to its line" 1 "quote2.csv:4: not valid CSV: unexpected character 'q' after a closing quote" --single "$TMP/quote2.csv"
expect "missing closing quote hint names the opening line" 1 "this quoted field began on line 3" --single "$TMP/quote2.csv"

{ echo "$HEADER"
  echo 'q-1,A bridge called "Amur Gate" opened this week.,endure,,test fixture,news'
} >"$TMP/stray.csv"
expect "stray quote is not valid CSV" 1 "stray.csv:2: not valid CSV: stray quote" --single "$TMP/stray.csv"

expect "usage error" 2 "usage:" "$TMP/train.csv"

harness_summary
