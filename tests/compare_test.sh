#!/usr/bin/env bash
# themes compare on tests/data/series (three statements with built-in
# shifts): the shifts are marked (bootstrap intervals excluding 0), the
# unchanged themes are not, the new clauses are exactly new-YEAR.txt, the
# JSON parses, HTML pages compare too; statements in three languages are
# read by their own default models; and the HTML report renders in
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
# ---- statements in different languages ------------------------------------
# The aligned English, Russian and Chinese texts of one statement, without
# -m: each is read by the default model of its script (reported in the
# JSON), their shares agree, no change is marked, and their clauses are not
# compared for what is new (said in every format).
cross="$root/tests/data/crosslingual"
langs=("$cross/en.txt" "$cross/ru.txt" "$cross/zh.txt")
( unset THEMES_MODEL; "$THEMES" compare -f json --bootstrap 200 "${langs[@]}" \
	>"$TMP/langs.out" 2>"$TMP/langs.err" )
check "each statement is read by the model of its language, with sane shares" \
	python3 -c 'import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
s = d["statements"]
assert [os.path.basename(x["model"]) for x in s] == \
    ["default.model", "default-ru.model", "default-zh.model"], s
assert [x["language"] for x in s] == ["english", "russian", "chinese"]
assert d["model"].count(", ") == 2
for x in s:
    shares = [t["share"] for t in x["themes"].values()]
    assert abs(sum(shares) - 1) < 0.002 and x["clauses"] == 24, x
    assert not x["new_compared"] and not any(t["new"] for t in x["themes"].values())
for theme in s[0]["themes"]:
    values = [x["themes"][theme]["share"] for x in s]
    assert max(values) - min(values) <= 0.1, (theme, values)
assert not any(t["excludes_zero"] for ch in d["changes"] for t in ch["themes"].values())' \
	"$TMP/langs.out"
run 0 langs-table compare --language auto --bootstrap 0 "${langs[@]}"
has langs-table.out "$cross/ru.txt (default-ru.model; russian)"
has langs-table.out "not compared clause by clause: $cross/ru.txt is russian and $cross/zh.txt is chinese"
run 0 langs-csv compare --language auto -f csv --bootstrap 0 "${langs[@]}"
check_sh "the CSV has a note per pair of languages and no new clause" \
	'[ "$(grep -c "^note," "$TMP/langs-csv.out")" -eq 2 ] && ! grep -q "^new," "$TMP/langs-csv.out"'
run 0 langs-html compare --language auto -f html --bootstrap 0 "${langs[@]}"
has langs-html.out "(default-zh.model; chinese)"
has langs-html.out "not compared clause by clause with statement 2"
# one model for all: -m, or --language naming one
run 0 langs-one compare --language english -f json --bootstrap 0 "$cross/en.txt" "$cross/ru.txt"
check_sh "--language english reads both with default.model" \
	'[ "$(grep -o "\"model\": \"[^\"]*\"" "$TMP/langs-one.out" | grep -c "/default.model\"")" -eq 3 ]'
run 2 model-and-language compare -m "$model" --language auto "${s[@]}"
run 2 bad-language compare --language klingon "${s[@]}"
# the same language is still compared clause by clause, without -m
( unset THEMES_MODEL; "$THEMES" compare -f json --bootstrap 0 "${s[@]}" >"$TMP/auto.out" )
check "one language: one default model, new clauses found" python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["model"].endswith("/default.model") and "," not in d["model"]
assert [x["new_compared"] for x in d["statements"]] == [False, True, True]
assert any(t["new"] for t in d["statements"][2]["themes"].values())' "$TMP/auto.out"

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
