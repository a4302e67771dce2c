# harness.sh - the shell tests' counterpart of harness.h; source it.
#   harness_tmpdir NAME    makes $TMP, removed on exit
#   pass / fail MESSAGE    count a check
#   check WHAT COMMAND...  runs COMMAND; passes when it succeeds
#   harness_summary        prints "N passed, N failed"; its status is the
#                          test's (non-zero when a check failed)

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	local what=$1; shift
	if "$@"; then pass; else fail "$what"; fi
}

harness_tmpdir() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/themes-$1.XXXXXX") || exit 2
	trap 'rm -rf "$TMP"' EXIT
}

harness_summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
