#!/usr/bin/env bash
# library_test.sh - the public face of libthemes: themes.h compiles alone
# under strict C99 (and C11), and libthemes.so exports exactly the functions
# themes.h declares: every one of them, nothing else.
#
# Usage: library_test.sh CC pipeline/themes.h build/libthemes.so
set -u
CC=${1:?usage: library_test.sh CC HEADER LIBRARY}
HEADER=${2:?usage: library_test.sh CC HEADER LIBRARY}
LIBRARY=${3:?usage: library_test.sh CC HEADER LIBRARY}

. "$(dirname "$0")/harness.sh"
harness_tmpdir library-test

printf '#include "themes.h"\n' >"$TMP/alone.c"
for std in c99 c11; do
	check "themes.h compiles alone with -std=$std -pedantic -Werror" \
		"$CC" -std=$std -Wall -Wextra -pedantic -Werror -fsyntax-only \
		-I"$(dirname "$HEADER")" "$TMP/alone.c"
done

# The functions themes.h declares: names followed by "(" once comments are
# gone (the preprocessor removes them), not function-pointer typedefs.
"$CC" -E -P "$HEADER" | grep -oE '\bthemes_[a-z0-9_]+ *\(' |
	sed 's/ *($//' | sort -u >"$TMP/declared"
nm -D --defined-only "$LIBRARY" | awk '{ print $NF }' | sed 's/@.*//' |
	sort -u >"$TMP/exported"
check "themes.h declares functions" test -s "$TMP/declared"
check "every exported symbol starts with themes_" \
	test -z "$(grep -v '^themes_' "$TMP/exported")"
check "libthemes.so exports exactly the functions of themes.h" \
	diff "$TMP/declared" "$TMP/exported"
harness_summary
