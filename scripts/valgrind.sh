#!/usr/bin/env bash
# Runs the themes program under valgrind's memcheck: train (a small fixture),
# classify (a few hundred clauses, one thread), classify --statement, eval
# (held-out and --cv 3) and segment.  Reports, per command, memcheck errors
# (invalid reads/writes, uninitialised values, bad frees) and leaks.
#   scripts/valgrind.sh            exit status 1 when any command has errors
#
# It builds build-valgrind/ (RelWithDebInfo, no sanitizers) for readable
# stacks, and installs valgrind with apt-get when it is missing.
#
# Leaks: "definitely lost" and "indirectly lost" blocks are errors (memcheck
# exits 99).  "Possibly lost" and "still reachable" blocks are listed but are
# not errors: GCC's libgomp keeps its thread pool (thread stacks and their
# TLS, allocated under pthread_create) alive until exit, on purpose.  A
# "possibly lost" record whose stack does not go through libgomp or
# pthread_create is reported as "ours" and fails the run too.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if ! command -v valgrind >/dev/null; then
	echo "valgrind.sh: installing valgrind" >&2
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq &&
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind >&2 ||
	{ echo "valgrind.sh: cannot install valgrind" >&2; exit 2; }
fi

cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null || exit 2
cmake --build build-valgrind -j"$(nproc)" --target themes_cli >&2 || exit 2
T="$ROOT/build-valgrind/themes"

OUT=${VALGRIND_OUT:-$ROOT/build-valgrind/valgrind}
rm -rf "$OUT"
mkdir -p "$OUT"
W="$OUT/work"
mkdir -p "$W"
export THEMES_MODEL="$ROOT/models/default.model"

# Fixtures: the bad-input test's 30 labelled clauses; 300 clauses of the
# held-out corpus (id and text only).
TRAIN="$ROOT/tests/bad_input/train.csv"
python3 - "$ROOT/corpus/test.csv" "$W/clauses.csv" <<'PY' || exit 2
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))[:300]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "text"])
    for r in rows:
        w.writerow([r["id"], r["text"]])
PY
SEED="$ROOT/tests/data/seed-article.txt"

VG=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99
    --track-origins=yes --num-callers=40)

failed=0
printf '%-16s %-6s %-7s %-9s %-9s %-9s %-11s %s\n' command status errors definite indirect possible reachable verdict
run() { # run NAME STATUS ARGS...: STATUS is the exit status themes should give
	local name=$1 want=$2; shift 2
	local log="$OUT/$name.log"
	"${VG[@]}" --log-file="$log" "$T" "$@" >"$W/$name.out" 2>"$W/$name.err"
	local st=$?
	# "ERROR SUMMARY: N errors" counts memcheck errors plus definite and
	# indirect leak records.
	local errors definite indirect possible reachable
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tr -d ,)
	definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d ,)
	indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d ,)
	possible=$(sed -n 's/.*possibly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d ,)
	reachable=$(sed -n 's/.*still reachable: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d ,)
	# Possibly-lost and still-reachable records whose stack does not go
	# through libgomp (or thread creation, or the dynamic loader's TLS).
	local ours ours_reachable
	read -r ours ours_reachable < <(awk '
		/are (possibly lost|still reachable) in loss record/ {
			kind = ($0 ~ /possibly/) ? "p" : "r"; inrec = 1; gomp = 0; next }
		inrec && /(libgomp|pthread_create|_dl_allocate_tls|GOMP_)/ { gomp = 1 }
		inrec && /^==[0-9]+== *$/ { if (!gomp) n[kind]++; inrec = 0 }
		END { print n["p"] + 0, n["r"] + 0 }' "$log")
	local verdict=clean
	if [ "$st" -eq 99 ] || [ "${errors:-0}" -ne 0 ] || [ "$ours" -ne 0 ]; then
		verdict="ERRORS (see $log)"
		failed=1
	elif [ "$st" -ne "$want" ]; then
		verdict="themes exited $st, expected $want: $(head -n 1 "$W/$name.err")"
		failed=1
	elif [ "$ours_reachable" -ne 0 ]; then
		verdict="clean, but $ours_reachable still-reachable records outside libgomp"
	elif [ "${possible:-0}" -ne 0 ] || [ "${reachable:-0}" -ne 0 ]; then
		verdict="clean (possibly lost/still reachable: libgomp only)"
	fi
	printf '%-16s %-6s %-7s %-9s %-9s %-9s %-11s %s\n' "$name" "$st" "${errors:-?}" \
		"${definite:-0}" "${indirect:-0}" "${possible:-0}" "${reachable:-0}" "$verdict"
}

run train         0 train -q -t 2 "$TRAIN" -o "$W/small.model"
run train-t1      0 train -q -t 1 "$TRAIN" -o "$W/small-t1.model"
run classify      0 classify -t 1 -m "$ROOT/models/default.model" "$W/clauses.csv" -o "$W/labels.csv"
run classify-t2   0 classify -t 2 -f jsonl -m "$W/small.model" "$W/clauses.csv"
run statement     0 classify -t 1 -s -m "$ROOT/models/default.model" "$SEED"
run eval-holdout  0 eval -t 2 -m "$W/small.model" "$TRAIN" --json "$W/holdout.json" --svg "$W/holdout.svg"
run eval-cv3      0 eval -t 2 --cv 3 "$TRAIN" --json "$W/cv.json"
run segment       0 segment "$SEED" -o "$W/segments.csv"
# Error paths: everything is freed on the way out too.
run bad-model     1 classify -m "$ROOT/tests/bad_input/train.csv" "$W/clauses.csv"
run bad-csv       1 train -q "$ROOT/tests/bad_input/clauses.csv" -o "$W/none.model"

echo "logs: $OUT/*.log"
exit "$failed"
