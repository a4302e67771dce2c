#!/usr/bin/env bash
# html_report_test.sh - the statement options of `themes classify`
# (--min-confidence, --multi, --explain, --profile, --html) on the seed
# article with the default model, then the --html page rendered in headless
# Chromium: the DOM holds every theme, the section headings and the clauses,
# and the screenshot has coloured bars and text.  The CLI checks always run;
# when they pass and chromium is missing the test is skipped (exit 77).
#   html_report_test.sh THEMES_BINARY REPO_ROOT
set -u
themes=${1:?usage: html_report_test.sh THEMES_BINARY REPO_ROOT}
root=${2:?usage: html_report_test.sh THEMES_BINARY REPO_ROOT}
seed="$root/tests/data/seed-article.txt"
model="$root/models/default.model"
work=$(mktemp -d "${TMPDIR:-/tmp}/themes-html-test.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/harness.sh"
run() { "$themes" classify -m "$model" -s "$@"; }
themes_list="endure history counter_hegemony china_lead multipolar legitimacy"

# A CSV column by name, one value per line (python3: fields hold commas).
column() {
	python3 -c 'import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    print(row[sys.argv[2]])' "$1" "$2"
}

# ---- default output is unchanged --------------------------------------
run -t 1 "$seed" -o "$work/plain.csv"
check_sh "default header unchanged" '[ "$(head -n 1 "$work/plain.csv")" = "id,section,text,theme,confidence,endure,history,counter_hegemony,china_lead,multipolar,legitimacy" ]'

# ---- --min-confidence ---------------------------------------------------
run --min-confidence 1.01 "$seed" -o "$work/unsure.csv"
check_sh "--min-confidence 1.01 makes every clause uncertain" \
	'[ "$(column "$work/unsure.csv" theme | sort -u)" = uncertain ]'
check_sh "--min-confidence keeps the confidences" \
	'[ "$(column "$work/unsure.csv" confidence)" = "$(column "$work/plain.csv" confidence)" ]'
run --min-confidence 0 "$seed" -o "$work/zero.csv"
check_sh "--min-confidence 0 changes nothing" 'cmp -s "$work/plain.csv" "$work/zero.csv"'
"$themes" classify -m "$model" --min-confidence 0.99 "$root/docs/sample-statement.txt" \
	-o "$work/lines.csv"
check_sh "--min-confidence applies to clause-per-line input" \
	'column "$work/lines.csv" theme | grep -qx uncertain'

# ---- --multi ------------------------------------------------------------
run --multi 0 "$seed" -o "$work/multi.csv"
check_sh "--multi adds a themes column" 'head -n 1 "$work/multi.csv" | grep -q ",themes$"'
check_sh "--multi 0 lists all six themes, the primary first" 'python3 - "$work/multi.csv" <<"EOF"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows
for r in rows:
    if not r["theme"]:  # no word known to the model: no themes
        assert r["themes"] == "", r
        continue
    names = r["themes"].split(";")
    assert sorted(names) == sorted("endure history counter_hegemony china_lead multipolar legitimacy".split()), names
    assert names[0] == r["theme"], (names, r["theme"])
EOF'
run --multi 1 -f jsonl "$seed" -o "$work/multi1.jsonl"
check_sh "--multi 1 lists at most the primary" 'python3 - "$work/multi1.jsonl" <<"EOF"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    assert r["themes"] in ("", r["theme"]), r
EOF'
check_sh "--multi out of range is a usage error" \
	'run --multi 1.5 "$seed" >/dev/null 2>&1; [ $? -eq 2 ]'

# ---- --explain ------------------------------------------------------------
run --explain 3 "$seed" -o "$work/explain.csv"
check_sh "--explain adds explanation and runner_up" \
	'head -n 1 "$work/explain.csv" | grep -q ",explanation,runner_up$"'
check_sh "--explain 3 gives 3 signed terms, the top ones positive" 'python3 - "$work/explain.csv" <<"EOF"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
slugs = "endure history counter_hegemony china_lead multipolar legitimacy".split()
for r in rows:
    if not r["theme"]:  # no word known to the model: nothing to explain
        assert r["explanation"] == r["runner_up"] == "", r
        continue
    terms = r["explanation"].split(";")
    assert len(terms) == 3, r["explanation"]
    values = [float(re.fullmatch(r"[^:;]+:([+-]\d+\.\d{3})", t).group(1)) for t in terms]
    assert values[0] > 0 and terms[0].split(":")[1].startswith("+"), terms
    assert values == sorted(values, reverse=True), values
    assert r["runner_up"] in slugs and r["runner_up"] != r["theme"], r
EOF'
"$themes" train "$root/corpus/train.csv" -o "$work/rbf.model" --kernel rbf --solver libsvm --calibration-folds 0 >/dev/null 2>&1
check_sh "--explain with an RBF model is a usage error" \
	'"$themes" classify -m "$work/rbf.model" --explain 2 "$seed" >/dev/null 2>"$work/rbf.err"; [ $? -eq 2 ] && grep -q "linear" "$work/rbf.err"'

# ---- --profile ------------------------------------------------------------
cp "$root/docs/sample-statement.txt" "$work/second.txt"
run --profile "$work/profile.csv" -o "$work/rows.csv" "$seed" "$work/second.txt"
check_sh "--profile has one row per statement" '[ "$(tail -n +2 "$work/profile.csv" | wc -l)" -eq 2 ]'
check_sh "--profile header" 'head -n 1 "$work/profile.csv" | grep -q "^statement,clauses,uncertain,endure,endure_low,endure_high,history,"'
check_sh "--profile shares sum to 1 and lie in their intervals" 'python3 - "$work/profile.csv" <<"EOF"
import csv, sys
slugs = "endure history counter_hegemony china_lead multipolar legitimacy".split()
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    assert abs(sum(float(r[s]) for s in slugs) - 1) < 0.001, r
    for s in slugs:
        assert float(r[s + "_low"]) <= float(r[s]) + 1e-4 <= float(r[s + "_high"]) + 2e-4, (s, r)
    if "endure_adjusted" in r:
        assert abs(sum(float(r[s + "_adjusted"]) for s in slugs) - 1) < 0.001, r
EOF'
check_sh "--profile counts every clause" \
	'[ "$(sed -n 2p "$work/profile.csv" | cut -d, -f2)" -eq "$(tail -n +2 "$work/plain.csv" | wc -l)" ]'
run --min-confidence 1.01 --profile "$work/unsure-profile.csv" -o /dev/null "$seed"
check_sh "--profile counts uncertain clauses apart" \
	'[ "$(sed -n 2p "$work/unsure-profile.csv" | cut -d, -f2)" = "$(sed -n 2p "$work/unsure-profile.csv" | cut -d, -f3)" ]'
check_sh "--profile - goes to standard output when -o is a file" \
	'run --profile - -o "$work/r.csv" "$seed" | head -n 1 | grep -q "^statement,"'
check_sh "--profile and the rows cannot both use standard output" \
	'run --profile - "$seed" >/dev/null 2>&1; [ $? -eq 2 ]'
check_sh "--profile needs statements" \
	'"$themes" classify -m "$model" --profile "$work/p.csv" "$root/docs/sample-statement.txt" >/dev/null 2>&1; [ $? -eq 2 ] && [ ! -e "$work/p.csv" ]'

# ---- the same bytes for any thread count ----------------------------------
for t in 1 2; do
	run -t $t --min-confidence 0.5 --multi 0.1 --explain 3 --profile "$work/p$t.csv" \
		--html "$work/h$t.html" "$seed" "$work/second.txt" -o "$work/r$t.csv"
	run -t $t --multi 0.1 --explain 2 -f jsonl "$seed" -o "$work/r$t.jsonl"
done
for f in p%.csv h%.html r%.csv r%.jsonl; do
	check_sh "-t 1 and -t 2 give the same ${f/\%/N}" 'cmp -s "$work/${f/\%/1}" "$work/${f/\%/2}"'
done

# ---- --html ------------------------------------------------------------------
run --html "$work/out.html" -o /dev/null "$seed"
html="$work/out.html"
check_sh "HTML written" '[ -s "$html" ]'
check_sh "HTML fetches nothing" '! grep -Eiq "https?://|src=|url\(|@import" "$html"'
check_sh "HTML has no script" '! grep -qi "<script" "$html"'
check_sh "HTML has tooltips with explanations" 'grep -q "title=\"[a-z_]*, confidence 0\.[0-9]*&#10;runner-up: [a-z_]* ([0-9.]*)&#10;terms: " "$html"'
k=0
for theme in $themes_list; do
	check_sh "HTML colours clauses $theme" 'grep -q "class=\"clause t$k\"" "$html"'
	k=$((k + 1))
done
printf 'Title line\n\nA <b>bold</b> claim & "quotes" here. Then \377 an invalid byte follows.\n' \
	> "$work/nasty.txt"
run --html "$work/nasty.html" -o /dev/null "$work/nasty.txt"
check_sh "HTML escapes markup" 'grep -q "A &lt;b&gt;bold&lt;/b&gt; claim &amp; &quot;quotes&quot; here." "$work/nasty.html" && ! grep -q "<b>bold" "$work/nasty.html"'
check_sh "HTML replaces invalid UTF-8" 'grep -q "Then � an invalid" "$work/nasty.html" && ! grep -aq $'"'"'\377'"'"' "$work/nasty.html"'
check_sh "--html failure leaves no file" \
	'run --html "$work/missing/dir/x.html" -o "$work/partial.csv" "$seed" 2>/dev/null; [ $? -eq 1 ] && [ ! -e "$work/partial.csv" ]'

# ---- the page in a browser ---------------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	harness_summary || exit 1
	echo "SKIP: chromium is not installed (scripts/test.sh installs it)"
	exit 77
fi
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile" --hide-scrollbars)
timeout 60 "$browser" "${flags[@]}" --dump-dom "file://$html" > "$work/dom.html" 2>/dev/null
for theme in $themes_list; do
	check_sh "DOM names $theme" 'grep -q ">$theme<" "$work/dom.html"'
done
check_sh "DOM has the uncertain legend" 'grep -q ">uncertain<" "$work/dom.html"'
"$themes" segment "$seed" -o "$work/seg.csv"
sections=$(column "$work/seg.csv" section | sort -u | grep -v '^$' | sed 's/&/\&amp;/g')
check_sh "the seed article has sections" '[ -n "$sections" ]'
while IFS= read -r section; do
	[ -n "$section" ] || continue
	check_sh "DOM has the heading \"$section\"" 'grep -qF "<h3>$section</h3>" "$work/dom.html"'
done <<< "$sections"
check_sh "DOM has a clause's text" 'grep -q "most consequential outcome of the visit" "$work/dom.html"'
timeout 60 "$browser" "${flags[@]}" --window-size=1000,1400 \
	--screenshot="$work/shot.png" "file://$html" >/dev/null 2>&1
check_sh "screenshot taken" '[ -s "$work/shot.png" ]'
if [ -s "$work/shot.png" ]; then
	read -r width height total dark blue < <(python3 "$root/tests/png_colours.py" "$work/shot.png")
	# endure's bars and clause borders are blue; the clauses are dark text
	check_sh "screenshot has coloured bars ($blue px)" '[ "$blue" -gt $((total / 1000)) ]'
	check_sh "screenshot has text ($dark px)" '[ "$dark" -gt $((total / 200)) ]'
	check_sh "screenshot is not one colour ($blue blue of $total px)" '[ "$blue" -lt $((total / 2)) ]'
	[ -n "${THEMES_KEEP_SHOT:-}" ] && cp "$work/shot.png" "$THEMES_KEEP_SHOT"
fi
harness_summary
