#!/usr/bin/env bash
# The README's main command: set up, then classify a whole statement that is
# not part of the training data (docs/example-statement.txt) with the default
# model: its clauses with their themes, the statement's theme profile, and an
# HTML report; then a Russian and a Chinese statement the same way, each
# with the default model of its language.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# profile NAME FILE: the statement's theme profile, labels as the model has
# them (the profile's columns).
profile() {
  echo "== theme profile of $1: share of clauses per theme, 95% interval, adjusted share" >&2
  python3 - "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
fixed = {"statement", "clauses", "uncertain"}
labels = [c for c in rows[0] if c not in fixed and not c.endswith(("_low", "_high", "_adjusted", "_count"))]
for row in rows:
    print(f"{row['statement']}: {row['clauses']} clauses, {row['uncertain']} uncertain")
    for t in labels:
        adjusted = row.get(t + "_adjusted", "")
        print(f"  {t:17} {float(row[t]):6.1%}  [{float(row[t + '_low']):5.1%}, "
              f"{float(row[t + '_high']):5.1%}]" + (f"  adjusted {float(adjusted):5.1%}" if adjusted else ""))
PY
}

echo "== clauses of docs/example-statement.txt (default model: models/default.model)" >&2
build/themes classify --statement docs/example-statement.txt \
  --profile build/example-profile.csv --html build/example-statement.html
echo >&2
profile docs/example-statement.txt build/example-profile.csv
echo "HTML report: build/example-statement.html" >&2

# The languages the statements are signed in: each input is read with the
# default model of its script (models/default-ru.model,
# models/default-zh.model), clauses cut by each language's rules.
for lang in ru zh; do
  echo >&2
  echo "== clauses of tests/data/$lang-statement.txt (--language auto: models/default-$lang.model)" >&2
  build/themes classify --statement "tests/data/$lang-statement.txt" \
    --profile "build/example-profile-$lang.csv" \
    --html "build/example-statement-$lang.html" |
    python3 -c 'import csv, sys
for row in csv.DictReader(sys.stdin):
    print(row["theme"].ljust(17), row["confidence"], row["text"])'
  echo >&2
  profile "tests/data/$lang-statement.txt" "build/example-profile-$lang.csv"
  echo "HTML report: build/example-statement-$lang.html" >&2
done
