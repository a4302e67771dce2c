#!/usr/bin/env bash
# Evaluates the default model and writes docs/model-card.md: the locked
# test set by register and by writer, grouped cross-validation on the
# training corpus, the name-shortcut check before (the first release's
# model, from git history) and after, corpus counts, and the modelling tries
# (scripts/model-tries.sh, run when build/reports/card/tries.json is missing).
# A few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
themes=${THEMES_BIN:-build/themes}
r=build/reports/card
mkdir -p "$r"
"$themes" eval -m models/default.model corpus/test.csv --by register \
  --json "$r/test.json" --errors "$r/test-errors.csv" --errors-per-pair 2 \
  --predictions "$r/test-predictions.csv" >/dev/null
"$themes" eval -m models/default.model corpus/test.csv --by writer \
  --json "$r/test-writer.json" >/dev/null
"$themes" eval --cv 5 --group-by writer --by writer --codebook corpus/themes.codebook \
  $(cat models/default.settings) corpus/train.csv --json "$r/cv.json" \
  --predictions "$r/cv-predictions.csv" >/dev/null
git show 218ac3b:models/default.model >"$r/first-release.model"
python3 scripts/shortcut_check.py --themes "$themes" "$r/first-release.model" \
  corpus/test.csv --json "$r/shortcut-before.json" >/dev/null
python3 scripts/shortcut_check.py --themes "$themes" models/default.model \
  corpus/test.csv --json "$r/shortcut-after.json" >/dev/null
python3 - "$r/corpus.json" <<'PY'
import csv, json, sys
from collections import Counter
out = {}
for name in ("train", "test"):
    rows = list(csv.DictReader(open(f"corpus/{name}.csv", encoding="utf-8")))
    regs = Counter(r["register"] for r in rows)
    out[name] = {"clauses": len(rows), "writers": len({r["writer"] for r in rows}),
                 "registers": ", ".join(f"{k} {v}" for k, v in sorted(regs.items()))}
json.dump(out, open(sys.argv[1], "w"), indent=2)
PY
[ -f "$r/tries.json" ] || scripts/model-tries.sh
python3 scripts/model_card.py "$r" docs/model-card.md
echo "wrote docs/model-card.md"
