#!/usr/bin/env bash
# themes compare on tests/data/series (three statements with built-in
# shifts): the shifts are marked (bootstrap intervals excluding 0), the
# unchanged themes are not, the new clauses are exactly new-YEAR.txt, the
# JSON parses, HTML pages compare too, and the HTML report renders in
# headless Chromium (skipped, exit 77, when it is missing).
#   compare_test.sh THEMES_BINARY REPO_ROOT
set -u
THEMES=${1:?usage: compare_test.sh THEMES_BINARY REPO_ROOT}
root=${2:?usage: compare_test.sh THEMES_BINARY REPO_ROOT}
series="$root/tests/data/series"
model="$root/models/default.model"
. "$(dirname "$0")/harness.sh"
harness_tmpdir compare
s=("$series/2023.txt" "$series/2024.txt" "$series/2025.txt")

run 0 csv compare -m "$model" -f csv "${s[@]}"
# "FROM -> TO,theme,excludes_zero" for every change
python3 -c 'import csv, os, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if r["row"] == "change":
        a, b = (os.path.basename(x)[:4] for x in r["statement"].split(" -> "))
        print(a + "-" + b, r["theme"], r["excludes_zero"])
    elif r["row"] == "new":
        print("new", os.path.basename(r["statement"])[:4], r["text"], sep="\t",
              file=open(sys.argv[2], "a", encoding="utf-8"))' \
	"$TMP/csv.out" "$TMP/new.tsv" >"$TMP/changes.txt"
marked() { check_sh "$1 $2 marked=$3" "grep -qx '$1 $2 $3' '$TMP/changes.txt'"; }
marked 2023-2024 endure 1
marked 2023-2024 counter_hegemony 1
marked 2024-2025 multipolar 1
marked 2023-2025 endure 1
marked 2023-2025 multipolar 1
marked 2023-2024 history 0
marked 2023-2025 china_lead 0
check_sh "three changes per theme" '[ "$(grep -c " endure " "$TMP/changes.txt")" -eq 3 ]'
for year in 2024 2025; do
	awk -F'\t' -v y=$year '$2 == y {print $3}' "$TMP/new.tsv" >"$TMP/new-$year.txt"
	check "the new clauses of $year are exactly new-$year.txt" \
		diff -u "$series/new-$year.txt" "$TMP/new-$year.txt"
done

run 0 json compare -m "$model" -f json --bootstrap 200 "${s[@]}"
check "the JSON parses" python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(d["statements"]) == 3 and len(d["changes"]) == 3
assert d["changes"][1]["themes"]["multipolar"]["excludes_zero"]' "$TMP/json.out"
run 0 table compare -m "$model" --bootstrap 200 "${s[@]}"
has table.out "New in $series/2025.txt (not in $series/2024.txt)"
has table.out "[multipolar] They support the expansion of BRICS"
# a page compared with itself has nothing new
run 0 pages compare -m "$model" -f csv --bootstrap 0 \
	"$root/tests/data/documents/en-summit.html" "$root/tests/data/documents/en-summit.html"
check_sh "nothing is new in the same page" '! grep -q "^new," "$TMP/pages.out"'
run 0 pages-zh compare -m "$root/models/default-zh.model" -f csv --bootstrap 0 \
	"$root/tests/data/documents/zh-page-gb2312.html" "$root/tests/data/documents/zh-page-gb2312.html"
check_sh "nothing is new in the same Chinese page" '! grep -q "^new," "$TMP/pages-zh.out"'
run 2 one compare -m "$model" "${s[0]}"
run 2 bad-threshold compare -m "$model" --threshold 2 "${s[@]}"

run 0 html compare -m "$model" -f html --bootstrap 200 -o "$TMP/compare.html" "${s[@]}"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	harness_summary || exit 1
	echo "SKIP: chromium is not installed (scripts/test.sh installs it)"
	exit 77
fi
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$TMP/profile" --dump-dom "file://$TMP/compare.html" \
	>"$TMP/dom.html" 2>/dev/null
check_sh "one panel per theme" '[ "$(grep -o "<figure class=\"panel\"" "$TMP/dom.html" | wc -l)" -eq 6 ]'
check_sh "intervals are drawn" '[ "$(grep -o "class=\"ci\"" "$TMP/dom.html" | wc -l)" -eq 18 ]'
check_sh "the new clauses are on the page" \
	'[ "$(grep -o "class=\"new\"" "$TMP/dom.html" | wc -l)" -eq 13 ]'
check_sh "multipolar has its report colour" 'grep -q "color:#009e73\">multipolar" "$TMP/dom.html"'
check_sh "nothing is fetched" '! grep -qE "(src|href)=\"http" "$TMP/compare.html"'
harness_summary
