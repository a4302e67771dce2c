#!/usr/bin/env bash
# The README's main command: set up, then classify a whole statement that is
# not part of the training data (docs/example-statement.txt) with the default
# model: its clauses with their themes, the statement's theme profile, and an
# HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== clauses of docs/example-statement.txt (default model: models/default.model)" >&2
build/themes classify --statement docs/example-statement.txt \
  --profile build/example-profile.csv --html build/example-statement.html
echo >&2
echo "== theme profile: share of clauses per theme, 95% interval, adjusted share" >&2
python3 - build/example-profile.csv <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
themes = ["endure", "history", "counter_hegemony", "china_lead", "multipolar", "legitimacy"]
print(f"{row['statement']}: {row['clauses']} clauses, {row['uncertain']} uncertain")
for t in themes:
    adjusted = row.get(t + "_adjusted", "")
    print(f"  {t:17} {float(row[t]):6.1%}  [{float(row[t + '_low']):5.1%}, "
          f"{float(row[t + '_high']):5.1%}]" + (f"  adjusted {float(adjusted):5.1%}" if adjusted else ""))
PY
echo "HTML report: build/example-statement.html" >&2
