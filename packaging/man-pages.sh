#!/bin/sh
# man-pages.sh - writes the manual pages of themes from its --help texts,
# so that they cannot drift from the options: themes.1 from `themes --help`
# and themes-COMMAND.1 from `themes COMMAND --help` for every command that
# help lists, each also gzipped (COMMAND.1.gz, as Debian installs them).
#   packaging/man-pages.sh THEMES_BINARY OUTPUT_FOLDER
# The build runs it (CMakeLists.txt); tests/man_test.sh checks the result.
#
# What the help texts hold and what it makes of them:
#   "Usage: ..." and "  or: ..." lines      SYNOPSIS
#   a line of an option ("  -o, --output=FILE  text", "      --[no-]nb ...")
#   with its indented continuation lines    an entry of OPTIONS (.TP)
#   a line "Heading:" alone                 a subsection of OPTIONS (.SS)
#   other paragraphs                         DESCRIPTION
#   lines indented by two spaces in them    an example, kept as it is
set -eu
themes=${1:?usage: man-pages.sh THEMES_BINARY OUTPUT_FOLDER}
out=${2:?usage: man-pages.sh THEMES_BINARY OUTPUT_FOLDER}
mkdir -p "$out"
version=$("$themes" --version | sed 's/^themes //')

# The awk program turns one --help text into a page.  Environment: PAGE (the
# page name), TITLE (the NAME line's text), SEE (SEE ALSO references) and
# VERSION (read through ENVIRON, which keeps backslashes as they are).
convert='
function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	if (s ~ /^[.'\'']/)
		s = "\\&" s
	return s
}
# An option specification ("-o, --output=FILE", "--[no-]nb") in roff.
function spec(s,    r, name, arg, i) {
	r = ""
	if (s ~ /^-[A-Za-z0-9], /) {
		r = "\\fB" esc(substr(s, 1, 2)) "\\fR, "
		s = substr(s, 5)
	}
	arg = ""
	i = index(s, "=")
	if (i) {
		arg = substr(s, i + 1)
		s = substr(s, 1, i - 1)
	}
	if (s ~ /^--\[no-\]/)
		name = "\\fB\\-\\-\\fR[\\fBno\\-\\fR]\\fB" esc(substr(s, 8)) "\\fR"
	else
		name = "\\fB" esc(s) "\\fR"
	r = r name
	if (arg != "")
		r = r "=\\fI" esc(arg) "\\fR"
	return r
}
function add_desc(s) { desc = desc s "\n" }
function text_line(s) {
	in_entry = 0
	end_example()
	if (!paragraph && desc != "")
		add_desc(".PP")
	paragraph = 1
	add_desc(esc(s))
}
function add_opts(s) { opts = opts s "\n" }
function end_example() {
	if (example) {
		add_desc(".fi\n.RE")
		example = 0
	}
}
BEGIN {
	page = ENVIRON["PAGE"]; title = ENVIRON["TITLE"]
	see = ENVIRON["SEE"]; version = ENVIRON["VERSION"]
	# An option: up to six spaces, an optional short flag, a long one and
	# its optional argument, then at least one space and its text.
	option_re = "^ ? ? ? ? ? ?(-[A-Za-z0-9], )?--(\\[no-\\])?[a-z0-9][a-z0-9-]*(=[A-Z][A-Z_]*)?( +|$)"
	# A command of `themes --help`: "  name  text".
	command_re = "^  [a-z]+  +[a-z]"
	in_usage = 0; in_entry = 0; example = 0; paragraph = 0
}
/^Usage: / { sub(/^Usage: +/, ""); synopsis = synopsis esc($0) "\n"; in_usage = 1; next }
in_usage && /^ +or: +/ { sub(/^ +or: +/, ""); synopsis = synopsis ".br\n" esc($0) "\n"; next }
{ in_usage = 0 }
# A line "Heading:" starts a group of options (or, in themes.1, the
# commands) when an entry follows it; otherwise it is text.
pending != "" {
	line = pending; pending = ""
	if ($0 ~ option_re || $0 ~ command_re) {
		end_example(); in_entry = 0
		sub(/:$/, "", line)
		if (page == "themes")
			add_opts(".SH " toupper(esc(line)))
		else
			add_opts(".SS \"" esc(line) "\"")
	} else
		text_line(line)
}
/^[A-Z][^.]*:$/ { pending = $0; next }
/^$/ { end_example(); in_entry = 0; paragraph = 0; next }
$0 ~ option_re && match($0, option_re) {
	end_example()
	head = substr($0, 1, RLENGTH)
	text = substr($0, RLENGTH + 1)
	sub(/^ +/, "", head); sub(/ +$/, "", head)
	add_opts(".TP\n" spec(head))
	if (text != "")
		add_opts(esc(text))
	in_entry = 1
	next
}
in_entry && /^      / { sub(/^ +/, ""); add_opts(esc($0)); next }
$0 ~ command_re {
	name = $1
	text = $0; sub(/^  [a-z]+ +/, "", text)
	add_opts(".TP\n\\fB" name "\\fR (see \\fBthemes\\-" name "\\fR(1))\n" esc(text))
	in_entry = 1
	next
}
/^  [^ ]/ {
	if (!example) { add_desc(".RS\n.nf"); example = 1 }
	sub(/^  /, ""); add_desc(esc($0)); next
}
{ text_line($0) }
END {
	if (pending != "")
		text_line(pending)
	end_example()
	if (desc == "")
		desc = esc(toupper(substr(title, 1, 1)) substr(title, 2)) ".\n"
	upper = toupper(page)
	gsub(/-/, "\\-", upper)
	printf ".TH %s 1 \"\" \"themes %s\" \"User Commands\"\n", upper, version
	printf ".SH NAME\n%s \\- %s\n", esc(page), esc(title)
	printf ".SH SYNOPSIS\n%s", synopsis
	printf ".SH DESCRIPTION\n%s", desc
	if (opts != "" && opts !~ /^\.SH/)
		printf ".SH OPTIONS\n"
	printf "%s", opts
	printf ".SH ENVIRONMENT\n"
	printf ".TP\n.B THEMES_MODEL\nthe model used when no \\fB\\-m\\fR is given\n"
	printf ".TP\n.B THEMES_MODEL_DIR\nthe only folder searched for the default models\n"
	printf ".SH SEE ALSO\n%s\n", see
}'

# The commands and their one-line summaries, from `themes --help`.
commands=$("$themes" --help | awk '
	/^Commands:/ { on = 1; next }
	on && /^$/ { exit }
	on && /^  [a-z]/ { if (name) print name "\t" text; name = $1; text = $0; sub(/^  [a-z]+ +/, "", text); next }
	on { t = $0; sub(/^ +/, "", t); text = text " " t }
	END { if (name) print name "\t" text }')

see=""
for name in $(printf '%s\n' "$commands" | cut -f1); do
	see="$see${see:+,
}.BR themes\\-$name (1)"
done
export VERSION="$version"
"$themes" --help | PAGE=themes SEE="$see" \
	TITLE="classify the clauses of diplomatic statements into analytical themes" \
	awk "$convert" >"$out/themes.1"
printf '%s\n' "$commands" | while IFS="$(printf '\t')" read -r name summary; do
	"$themes" "$name" --help | PAGE="themes-$name" TITLE="$summary" \
		SEE=".BR themes (1)" awk "$convert" >"$out/themes-$name.1"
done
for page in "$out"/*.1; do
	gzip -9nc "$page" >"$page.gz"
done
