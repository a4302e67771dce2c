#!/usr/bin/env bash
# python_example_test.sh - python/examples/profile.py runs, and the statement
# profile it prints equals the shares of `themes classify --profile`.
#   python_example_test.sh THEMES_BINARY REPO_ROOT  (THEMES_LIBRARY and
#   PYTHONPATH set by ctest)
set -u
THEMES=${1:?usage: python_example_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: python_example_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir python-example
MODEL="$ROOT/models/default.model"
STATEMENT="$ROOT/docs/example-statement.txt"
cd "$TMP" || exit 2
check "the example runs" bash -c "THEMES_MODEL='$MODEL' /usr/bin/python3 \
	'$ROOT/python/examples/profile.py' '$ROOT/corpus/test.csv' '$STATEMENT' >out.txt"
"$THEMES" classify -s -m "$MODEL" --bootstrap 0 --profile profile.csv -o /dev/null "$STATEMENT"
check "the profile matches the CLI's" /usr/bin/python3 - <<'PY'
import csv
cli = next(csv.DictReader(open("profile.csv")))
lines = open("out.txt").read().split("clauses\n", 1)[1].split("\n")
py = {l.split()[0]: float(l.split()[1].rstrip("%")) / 100 for l in lines if l.strip()}
assert py, "no profile printed"
for label, share in py.items():
    assert abs(share - float(cli[label])) < 0.0006, (label, share, cli[label])
PY
harness_summary
