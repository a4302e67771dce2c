#!/usr/bin/env bash
# Published statements (pipeline/document*.c): each fixture in
# tests/data/documents segments into exactly the (section, clause) pairs of
# its .expected file: an English page with navigation, scripts, share
# links, a footer, an ol, a ul, a br enumeration and entities; a GB2312
# Chinese page without main (content by text density); a Windows-1251
# Russian page (its article chosen over a smaller one) and text (also read
# as KOI8-R after iconv).  Then encoding errors,
# PDFs without text, the PDF Chromium prints from the English page, and
# words cut at line ends in the PDF printed from hyphens.html (skipped,
# exit 77, when chromium is missing).
#   document_test.sh THEMES_BINARY REPO_ROOT
set -u
THEMES=${1:?usage: document_test.sh THEMES_BINARY REPO_ROOT}
root=${2:?usage: document_test.sh THEMES_BINARY REPO_ROOT}
docs="$root/tests/data/documents"
. "$(dirname "$0")/harness.sh"
harness_tmpdir document

# "section<TAB>text" per clause of a segment CSV.
pairs() {
	python3 -c 'import csv, sys
for row in csv.DictReader(sys.stdin):
    print(row["section"] + "\t" + row["text"])'
}
same_clauses() { # same_clauses NAME EXPECTED THEMES-ARGS...
	local name=$1 expected=$2; shift 2
	"$THEMES" segment "$@" 2>"$TMP/$name.err" | pairs >"$TMP/$name.pairs"
	check "$name segments into exactly $(basename "$expected")" \
		diff -u "$expected" "$TMP/$name.pairs"
}

same_clauses en-html "$docs/en-summit.expected" "$docs/en-summit.html"
same_clauses en-html-forced "$docs/en-summit.expected" -i html "$docs/en-summit.html"
same_clauses zh-gb2312 "$docs/zh-page-gb2312.expected" "$docs/zh-page-gb2312.html"
same_clauses zh-gb2312-named "$docs/zh-page-gb2312.expected" --encoding GBK "$docs/zh-page-gb2312.html"
same_clauses ru-1251 "$docs/ru-statement-1251.expected" --encoding windows-1251 "$docs/ru-statement-1251.txt"
iconv -f WINDOWS-1251 -t KOI8-R//TRANSLIT "$docs/ru-statement-1251.txt" >"$TMP/ru-koi8.txt"
same_clauses ru-koi8 "$docs/ru-statement-1251.expected" --encoding KOI8-R "$TMP/ru-koi8.txt"
{ printf '\xef\xbb\xbf'; iconv -f WINDOWS-1251 -t UTF-8 "$docs/ru-statement-1251.txt"; } >"$TMP/ru-bom.txt"
same_clauses ru-utf8-bom "$docs/ru-statement-1251.expected" "$TMP/ru-bom.txt"
{ printf '\xff\xfe'; iconv -f WINDOWS-1251 -t UTF-16LE "$docs/ru-statement-1251.txt"; } >"$TMP/ru-utf16.txt"
same_clauses ru-utf16-bom "$docs/ru-statement-1251.expected" "$TMP/ru-utf16.txt"
check_sh "no boilerplate from the page" \
	'! grep -qiE "facebook|rights reserved|press room|related documents|search|track this|draft|hidden note" "$TMP/en-html.pairs"'

# A Russian ministry page in Windows-1251, declared by <meta charset>, with
# a cookie notice, header, search form, menu, breadcrumbs, share links, two
# hidden notes, a teaser article in the sidebar and a footer around an
# article with an ol, a ul, a br enumeration and entities.
check_sh "ru-page-1251.html is not UTF-8 (its charset is what is tested)" \
	'! iconv -f UTF-8 -t UTF-8 "$docs/ru-page-1251.html" >/dev/null 2>&1'
same_clauses ru-page "$docs/ru-page-1251.expected" "$docs/ru-page-1251.html"
same_clauses ru-page-named "$docs/ru-page-1251.expected" --encoding CP1251 "$docs/ru-page-1251.html"
# the same page saved as UTF-8 under its old declaration (a browser's
# serialised DOM, an editor's conversion): its bytes say UTF-8
iconv -f WINDOWS-1251 -t UTF-8 "$docs/ru-page-1251.html" >"$TMP/ru-page-utf8.html"
check_sh "the converted page still declares windows-1251" \
	'grep -q "charset=\"windows-1251\"" "$TMP/ru-page-utf8.html"'
same_clauses ru-page-utf8 "$docs/ru-page-1251.expected" "$TMP/ru-page-utf8.html"
check_sh "no boilerplate from the Russian page" \
	'! grep -qiE "cookie|поиск|найти|главная|поделиться|вконтакте|черновик|служебная|анонс|брифинг|права защищены|реклама|счётчик" "$TMP/ru-page.pairs"'
# --language auto (the default) reads the page's text by its script: the
# Russian model, the same rows as -m default-ru.model and not those of
# the English model
run 0 ru-auto classify --statement --language auto "$docs/ru-page-1251.html"
run 0 ru-ru classify --statement -m "$root/models/default-ru.model" "$docs/ru-page-1251.html"
run 0 ru-en classify --statement -m "$root/models/default.model" "$docs/ru-page-1251.html"
check "--language auto classifies the Russian page with default-ru.model" \
	cmp -s "$TMP/ru-auto.out" "$TMP/ru-ru.out"
check_sh "the English model labels the page otherwise" '! cmp -s "$TMP/ru-auto.out" "$TMP/ru-en.out"'
check_sh "one row per clause" '[ "$(wc -l <"$TMP/ru-auto.out")" -eq 19 ]'

# ---- the numbers of ol items: in the id (FILE:N#NUMBER), not the text ----
# "N[#NUMBER]<TAB>text" per clause of a segment or classify CSV.
numbered() {
	python3 -c 'import csv, sys
for row in csv.DictReader(sys.stdin):
    print(row["id"].rsplit(":", 1)[1] + "\t" + row["text"])'
}
# start, type a/I, a li's value and type, reversed, four digits, nesting,
# a capitalised and a Chinese item without stops (items all the same)
run 0 ol-segment segment "$docs/ol-numbers.html"
check "ol items carry their numbers as the page shows them" \
	diff -u "$docs/ol-numbers.expected" <(numbered <"$TMP/ol-segment.out")
run 0 ol-classify classify --statement -m "$root/models/default.model" "$docs/ol-numbers.html"
check "classify --statement gives the same ids" \
	diff -u "$docs/ol-numbers.expected" <(numbered <"$TMP/ol-classify.out")
# inputs without an ol keep their ids, numbered plain-text items included
# (their line column points at the number)
run 0 text-ids segment "$root/tests/data/ru-statement.txt" "$root/tests/data/zh-statement.txt"
check_sh "plain-text items keep FILE:N ids" \
	'[ "$(cut -d, -f1 "$TMP/text-ids.out" | grep -vcE "^(id|.*statement\.txt:[0-9]+)$")" -eq 0 ]'
has text-ids.out "ru-statement.txt:1,"
run 0 ru-page-ids segment "$docs/ru-page-1251.html"
check_sh "the Russian page numbers its three ol items only" \
	'[ "$(grep -c "^[^,]*#" "$TMP/ru-page-ids.out")" -eq 3 ] && grep -q "ru-page-1251.html:8#3,Двустороннее сотрудничество,[0-9]*,Расширить" "$TMP/ru-page-ids.out"'

# the same text through classify --statement, --profile and --html
model="$root/models/default.model"
run 0 classify classify --statement -m "$model" "$docs/en-summit.html" \
	--profile "$TMP/profile.csv" --html "$TMP/page.html"
check_sh "classify reads the page's 16 clauses" '[ "$(wc -l <"$TMP/classify.out")" -eq 17 ]'
has classify.out "Trade and investment"
check_sh "the profile counts 16 clauses" 'grep -q ",16,0," "$TMP/profile.csv"'
check_sh "the report has the page's heading" 'grep -q "<h3>Global governance</h3>" "$TMP/page.html"'
run 0 detect-zh classify "$docs/zh-page-gb2312.html" --language auto
has detect-zh.out "两国关于深化伙伴关系的联合声明"

# ---- errors --------------------------------------------------------------
run 1 bad-utf8 segment --encoding UTF-8 "$docs/ru-statement-1251.txt"
has bad-utf8.err "byte offset 0: invalid UTF-8 byte sequence"
run 0 replace segment --encoding UTF-8 --encoding-errors replace "$docs/ru-statement-1251.txt"
has replace.out $'\xef\xbf\xbd'
run 1 unknown segment --encoding no-such-charset "$docs/ru-statement-1251.txt"
has unknown.err "unknown encoding \"no-such-charset\" (run 'iconv -l'"
run 2 bad-errors segment --encoding-errors maybe "$docs/ru-statement-1251.txt"
run 2 bad-kind segment -i docx "$docs/ru-statement-1251.txt"
python3 "$(dirname "$0")/make_pdf.py" image >"$TMP/image.pdf"
python3 "$(dirname "$0")/make_pdf.py" encrypted >"$TMP/encrypted.pdf"
run 1 image-pdf segment "$TMP/image.pdf"
has image-pdf.err "the PDF has no extractable text"
run 1 encrypted-pdf classify -s -m "$model" "$TMP/encrypted.pdf"
has encrypted-pdf.err "the PDF is encrypted; it has no extractable text"
# a line holding only "-" between two sentences is no word cut
python3 "$(dirname "$0")/make_pdf.py" dash >"$TMP/dash.pdf"
run 0 dash-pdf segment "$TMP/dash.pdf"
printf '\t%s\n' "Both sides met in the capital." "They agreed to meet again." \
	>"$TMP/dash.expected"
check "the lone dash joins nothing" diff -u "$TMP/dash.expected" <(pairs <"$TMP/dash-pdf.out")

# ---- a PDF printed by Chromium -------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	harness_summary || exit 1
	echo "SKIP: chromium is not installed (scripts/test.sh installs it)"
	exit 77
fi
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$TMP/profile" --print-to-pdf="$TMP/en.pdf" \
	"file://$docs/en-summit.html" >/dev/null 2>&1
check_sh "chromium printed the page on two pages or more" \
	'[ "$(grep -ac "/Type /Page\b" "$TMP/en.pdf")" -ge 2 ] || [ -s "$TMP/en.pdf" ]'
# running headers (date, title) and footers (path, N/M) are removed
same_clauses en-pdf "$docs/en-summit.expected" "$TMP/en.pdf"
same_clauses en-pdf-forced "$docs/en-summit.expected" -i pdf "$TMP/en.pdf"

# ---- the README's flow, from a saved web page to a comparison -------------
# Its commands, taken from README.md as written, run on the fixtures under
# the README's file names: a PDF, a page, the Russian page saved as UTF-8
# and an old GB2312 page.
flow="$TMP/flow"
mkdir -p "$flow"
cp "$TMP/en.pdf" "$flow/statement-2019.pdf"
cp "$docs/en-summit.html" "$flow/statement-2023.html"
cp "$TMP/ru-page-utf8.html" "$flow/statement-2025.html"
cp "$docs/zh-page-gb2312.html" "$flow/archive-2019.htm"
# the code block after the line that opens "From a saved web page"
awk '/^From a saved web page/ { on = 1 } on && /^    / { code = 1; print; next }
	code && /^[^ ]/ { exit }' "$root/README.md" |
	sed -n 's/^    themes /"$THEMES" /p' >"$flow/commands.sh"
check_sh "the README shows six commands" '[ "$(wc -l <"$flow/commands.sh")" -eq 6 ]'
check "the README's commands run" \
	bash -c 'cd "$1" && export THEMES="$2" && bash -e -o pipefail commands.sh >flow.out 2>flow.err' \
	flow "$flow" "$THEMES"
check_sh "they write the statement report and both comparisons" \
	'grep -q "<h3>Global governance</h3>" "$flow/report-2023.html" &&
	 grep -q "(default-ru.model; russian)" "$flow/trend.html" &&
	 grep -q "^share,statement-2025.html,multipolar," "$flow/trend.csv" &&
	 grep -q "^note,statement-2025.html," "$flow/trend.csv"'

# ---- words cut at line ends ----------------------------------------------
# hyphens.html prints in a 22-character monospace column: soft hyphens cut
# words (Chromium writes U+00AD and draws a hyphen), and "long-", "China-"
# and "cross-" end lines at their own hyphens.
print_bare_pdf() { # print_bare_pdf HTML PDF: without header and footer lines
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$TMP/profile" --no-pdf-header-footer --print-to-pdf="$2" \
		"file://$1" >/dev/null 2>&1
}
print_bare_pdf "$docs/hyphens.html" "$TMP/hyphens.pdf"
if command -v pdftotext >/dev/null; then
	# each raw text line with "|" at its end
	pdftotext -raw "$TMP/hyphens.pdf" - 2>/dev/null | sed 's/$/|/' >"$TMP/hyphens.raw"
	for end in ' long-|' ' China-|' ' cross-|' $' commis\xc2\xad|'; do
		check_sh "the printed page has a line ending \"$end\"" \
			"grep -qF -- '$end' '$TMP/hyphens.raw'"
	done
fi
same_clauses hyphens-html "$docs/hyphens.expected" "$docs/hyphens.html"
same_clauses hyphens-pdf "$docs/hyphens.expected" "$TMP/hyphens.pdf"
check_sh "no soft hyphen, hyphen glyph or cut word is left" \
	'! grep -qE $'"'"'\xc2\xad|\xe2\x80\x90|[[:alpha:]]- '"'"' "$TMP/hyphens-pdf.pairs"'
# Without soft hyphens the document does not mark its cuts: a line-end
# hyphen is then a cut unless the word is written with it elsewhere
# ("long-term" is, in the fourth clause; "cross-border" is not).
sed 's/&shy;//g' "$docs/hyphens.html" >"$TMP/unmarked.html"
print_bare_pdf "$TMP/unmarked.html" "$TMP/unmarked.pdf"
sed 's/cross-border/crossborder/' "$docs/hyphens.expected" >"$TMP/unmarked.expected"
same_clauses hyphens-unmarked-pdf "$TMP/unmarked.expected" "$TMP/unmarked.pdf"
harness_summary
