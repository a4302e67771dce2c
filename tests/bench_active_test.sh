#!/usr/bin/env bash
# bench_active_test.sh - scripts/bench-active at a tiny budget (one seed,
# two batches), so that it cannot rot: it runs, and its CSV, SVG and report
# agree with each other.
# Usage: bench_active_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: bench_active_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: bench_active_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir bench-active-test
PYTHON=$(command -v /usr/bin/python3 python3 | head -1)

check "bench-active runs" "$PYTHON" "$ROOT/scripts/bench-active" \
	--themes "$THEMES" --seeds 1 --start 60 --batch 20 --budget 100 \
	--reference 100 --out-dir "$TMP/out"
check_sh "a header and three budgets for each order" \
	'[ "$(wc -l <"$TMP/out/active-learning.csv")" -eq 7 ]'
has out/active-learning.csv "order,seed,labels,macro_f1,accuracy"
check "the CSV, the SVG and the report agree" "$PYTHON" - "$TMP/out" <<'PYTHON'
import csv, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
rows = list(csv.DictReader(open(out + "/active-learning.csv")))
assert sorted({r["order"] for r in rows}) == ["active", "random"], rows
assert [int(r["labels"]) for r in rows if r["order"] == "active"] == [60, 80, 100]
for r in rows:
    assert 0 < float(r["macro_f1"]) <= 1, r
first = {r["order"]: r["macro_f1"] for r in rows if r["labels"] == "60"}
assert first["active"] == first["random"], "both orders start from the same labels"
svg = ET.parse(out + "/active-learning.svg").getroot()
ns = "{http://www.w3.org/2000/svg}"
assert len(svg.findall(ns + "polyline")) == 2
assert len(svg.findall(ns + "polygon")) == 2
report = open(out + "/active-learning.md").read()
score = {r["order"]: float(r["macro_f1"]) for r in rows if r["labels"] == "100"}
assert "| 100 | %.3f " % score["active"] in report, report
assert "random order's mean macro-F1 at 100 labels is **%.3f**" % score["random"] in report.replace("Random", "random")
assert "the target is **" in report
PYTHON
harness_summary
