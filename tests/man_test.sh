#!/usr/bin/env bash
# man_test.sh - the manual pages cannot drift from the program: every
# command of `themes --help` has its page themes-COMMAND.1, and every long
# option of `themes --help` and of each `themes COMMAND --help` is an entry
# of the page.  With man(1) at hand, each page also formats without a
# warning.
#
# Usage: man_test.sh PATH/TO/themes MAN_FOLDER (the build's man/, holding
# the gzipped pages as installed)
set -u
THEMES=${1:?usage: man_test.sh THEMES_BINARY MAN_FOLDER}
MAN=${2:?usage: man_test.sh THEMES_BINARY MAN_FOLDER}

. "$(dirname "$0")/harness.sh"
harness_tmpdir man-test

# A page as plain text, as man shows its option entries: font changes
# gone, \- as -, --[no-]X as --X and --no-X.
page_text() {
	gzip -dc "$1" | sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' \
		-e 's/--\[no-\]\([a-z0-9-]*\)/--\1 --no-\1/g'
}

commands=$("$THEMES" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
check "themes --help lists commands" test -n "$commands"
for page in themes $(printf 'themes-%s\n' $commands); do
	file="$MAN/$page.1.gz"
	check "the page $page.1.gz exists" test -s "$file" || continue
	page_text "$file" >"$TMP/$page.txt"
	if [ "$page" = themes ]; then
		"$THEMES" --help >"$TMP/$page.help"
	else
		"$THEMES" "${page#themes-}" --help >"$TMP/$page.help"
	fi
	options=$(long_options <"$TMP/$page.help")
	check "$page: its --help has options" test -n "$options"
	for option in $options; do
		# An entry: the option at the start of a line, after a short one,
		# or (for --[no-]X) after its other form.
		check "$page.1 has an entry for $option" \
			grep -qE -- "(^|, |--[a-z0-9-]+ )$option(=| |$)" "$TMP/$page.txt"
	done
	check "$page.1 names the version" \
		grep -qF "themes $("$THEMES" --version | sed 's/^themes //')" "$TMP/$page.txt"
	if command -v man >/dev/null && command -v groff >/dev/null; then
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$file" \
			>/dev/null 2>"$TMP/$page.warnings"
		check "$page.1 formats without warnings" test ! -s "$TMP/$page.warnings"
		sed 's/^/    /' "$TMP/$page.warnings" >&2
	fi
done
for command in $commands; do
	check "themes.1 lists $command" grep -q "^$command (see themes-$command(1))" "$TMP/themes.txt"
done
harness_summary
