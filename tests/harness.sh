# harness.sh - the shell tests' counterpart of harness.h; source it.
#   harness_tmpdir NAME    makes $TMP, removed on exit
#   pass / fail MESSAGE    count a check
#   check WHAT COMMAND...  runs COMMAND; passes when it succeeds
#   check_sh WHAT 'SHELL'  evaluates a shell condition; passes when it holds
#   run STATUS NAME ARGS...  runs "$THEMES" ARGS, keeping its output in
#                          $TMP/NAME.out and $TMP/NAME.err; passes when it
#                          exits with STATUS
#   has NAME.STREAM TEXT   passes when $TMP/NAME.STREAM contains TEXT
#   harness_summary        prints "N passed, N failed"; its status is the
#                          test's (non-zero when a check failed)
#   long_options <HELP     the long options of a --help text, one a line
#                          ("--[no-]X" as --X and --no-X)

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	local what=$1; shift
	if "$@"; then pass; else fail "$what"; fi
}

check_sh() { # check_sh DESCRIPTION 'SHELL CONDITION'
	if eval "$2"; then pass; else fail "$1"; fi
}

harness_tmpdir() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/themes-$1.XXXXXX") || exit 2
	trap 'rm -rf "$TMP"' EXIT
}

run() {
	local want=$1 name=$2; shift 2
	"$THEMES" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	local got=$?
	if [ "$got" -eq "$want" ]; then
		pass
	else
		fail "$name: exit status $got, expected $want (themes $*)"
		sed 's/^/    /' "$TMP/$name.err" >&2
	fi
}
has() { # a fixed string
	if grep -qF -- "$2" "$TMP/$1"; then
		pass
	else
		fail "$1 lacks \"$2\""
		sed 's/^/    /' "$TMP/$1" | head -5 >&2
	fi
}

harness_summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# An option's line is indented by at most six spaces; the continuation lines
# of its text, by more.
long_options() {
	grep -oE -- '^ {1,6}(-[A-Za-z0-9], )?--(\[no-\])?[a-z0-9][a-z0-9-]*' |
		sed -E 's/^ +(-[A-Za-z0-9], )?//; s/^--\[no-\](.*)/--\1\n--no-\1/'
}
