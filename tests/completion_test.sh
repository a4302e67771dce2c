#!/usr/bin/env bash
# completion_test.sh - the bash completion (packaging/themes.bash) offers
# the commands, every long option of each command's --help, the choices of
# options with fixed values, and files.
#
# Usage: completion_test.sh PATH/TO/themes packaging/themes.bash REPO_ROOT
set -u
THEMES=$(realpath "${1:?usage: completion_test.sh THEMES_BINARY COMPLETION REPO_ROOT}")
COMPLETION=${2:?usage: completion_test.sh THEMES_BINARY COMPLETION REPO_ROOT}
ROOT=${3:?usage: completion_test.sh THEMES_BINARY COMPLETION REPO_ROOT}

. "$(dirname "$0")/harness.sh"
harness_tmpdir completion-test
# shellcheck source=../packaging/themes.bash
. "$COMPLETION"

# complete WORD...: the completions of the last word after "themes WORD...",
# one a line, sorted, as bash would split the line (at "=" too).
complete_words() {
	COMP_WORDS=("$THEMES" "$@")
	COMP_CWORD=$(($# ))
	COMP_LINE="themes $*"
	COMPREPLY=()
	_themes 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
# offers WHAT EXPECTED WORD...: the completions are exactly EXPECTED (words
# separated by spaces).
offers() {
	local what=$1 expected=$2; shift 2
	local got
	got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$expected" ]; then pass; else fail "$what: got \"$got\", expected \"$expected\""; fi
}

offers "commands" "classify" cl
offers "every command" "agree annotate classify compare eval inspect segment suggest train" ""
offers "the program's options" "--help --version" --
offers "a long option, with its =" "--format=" classify --for
offers "--[no-]X as --no-X" "--no-stop-words" train --no-st
offers "--[no-]X as --X" "--stop-words" train --sto
offers "choices of --format=" "csv jsonl" classify --format =
offers "choices after --format=j" "jsonl" classify --format = j
offers "choices of -f" "csv jsonl" classify -f ""
offers "languages of classify" "auto chinese english russian" classify --language =
offers "languages of train" "chinese english russian" train -l ""
offers "kernels" "linear rbf" eval --kernel = ""
offers "solvers" "liblinear libsvm" train --solver ""
offers "nothing for a number" "" classify --threads ""

cd "$ROOT/tests/data" || exit 2
offers "files for a plain argument" "eu-japan-statement.txt eu-japan.codebook eu-japan.csv" classify eu-jap
offers "files for --output=" "eu-japan-statement.txt eu-japan.codebook eu-japan.csv" train --output = eu-jap
offers "files for -m MODEL" "en-fixture.csv" classify -m en-f
offers "files after a flag" "en-fixture.csv" classify -s en-f

# Every long option of every command completes.
for command in train classify eval segment inspect; do
	complete_words "$command" -- | sed 's/=$//' | sort -u >"$TMP/$command.offered"
	"$THEMES" "$command" --help | long_options | sort -u >"$TMP/$command.options"
	check "$command: every option of --help is offered" \
		diff "$TMP/$command.options" "$TMP/$command.offered"
done
harness_summary
