#!/usr/bin/env bash
# crosslingual_test.sh - the same statement in English, Russian and Chinese
# (tests/data/crosslingual/, the same 24 clauses in the same order, written
# for this test) through the committed default models, each picked by
# `classify --language auto`.  At least 80% of the aligned clauses must get
# the same theme in all three languages, and the three theme profiles must
# agree within their 95% intervals (every pair of intervals overlaps).
#
# Usage: crosslingual_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: crosslingual_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: crosslingual_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir crosslingual
export THEMES_MODEL_DIR="$ROOT/models"
unset THEMES_MODEL
DATA="$ROOT/tests/data/crosslingual"

for lang in en ru zh; do
	check "$lang: classify --statement --language auto" \
		"$THEMES" classify --statement -f jsonl --profile "$TMP/$lang.profile.csv" \
		-o "$TMP/$lang.jsonl" "$DATA/$lang.txt"
done
check "the three languages agree" python3 - "$TMP" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
themes = {}
for lang in ("en", "ru", "zh"):
    with open(f"{tmp}/{lang}.jsonl", encoding="utf-8") as f:
        themes[lang] = [json.loads(line)["theme"] for line in f]
n = {len(v) for v in themes.values()}
if n != {24}:
    sys.exit(f"expected 24 clauses in each language, got {sorted(n)}")
same = sum(1 for e, r, z in zip(themes["en"], themes["ru"], themes["zh"]) if e == r == z)
print(f"  {same} of 24 aligned clauses get the same theme in all three languages")
ok = same >= 0.8 * 24
profiles = {}
for lang in ("en", "ru", "zh"):
    with open(f"{tmp}/{lang}.profile.csv", encoding="utf-8") as f:
        profiles[lang] = next(csv.DictReader(f))
labels = [c for c in profiles["en"] if c + "_low" in profiles["en"]]
for label in labels:
    iv = {l: (float(p[label + "_low"]), float(p[label + "_high"])) for l, p in profiles.items()}
    for a in iv:
        for b in iv:
            if a < b and (iv[a][1] < iv[b][0] or iv[b][1] < iv[a][0]):
                print(f"  {label}: {a} {iv[a]} and {b} {iv[b]} do not overlap")
                ok = False
sys.exit(0 if ok else 1)
PY
harness_summary
