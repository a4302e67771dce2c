# bash completion for themes -*- shell-script -*-
# Installed as share/bash-completion/completions/themes.  The commands and
# options are read from the program's own --help texts (`themes --help`,
# `themes COMMAND --help`), so they follow the program.  An option's value
# is completed by the name the help gives it: one of a few fixed choices
# (FORMAT, FMT, LANG, KERNEL, SOLVER), a file (FILE, MODEL, JSON), or
# nothing (numbers, column names).  Other arguments complete to files.

# Reads a --help text and prints one line per option spelling: the option
# and, when it takes a value, its name ("--model MODEL", "-m MODEL",
# "--quiet"); "--[no-]X" gives --X and --no-X.  An option's line is
# indented by at most six spaces (its text's continuation lines, more).
_themes_options()
{
	local line re='^ {1,6}(-([A-Za-z0-9]), )?--(\[no-\])?([a-z0-9][a-z0-9-]*)(=([A-Z][A-Z_]*))?( |$)'
	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		local short=${BASH_REMATCH[2]} negated=${BASH_REMATCH[3]}
		local long=${BASH_REMATCH[4]} value=${BASH_REMATCH[6]}
		printf -- '--%s %s\n' "$long" "$value"
		[ -n "$negated" ] && printf -- '--no-%s\n' "$long"
		[ -n "$short" ] && printf -- '-%s %s\n' "$short" "$value"
	done
}

# The value name of option $1 in the --help text of command $2 (empty for a
# flag or an unknown option).
_themes_value_name()
{
	"$program" "$2" --help 2>/dev/null | _themes_options |
		while read -r option value; do
			[ "$option" = "$1" ] && { printf '%s\n' "$value"; break; }
		done
}

_themes()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local program=${COMP_WORDS[0]} command="" i
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) command=${COMP_WORDS[i]}; break ;;
		esac
	done

	# The first word: a command, or the program's own options.
	if [ -z "$command" ]; then
		local commands
		commands=$("$program" --help 2>/dev/null |
			sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
		[[ $cur == -* ]] && commands="--help --version"
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi

	# Which option's value is being typed, if any.  bash splits
	# "--format=cs" into "--format", "=" and "cs".
	local option="" value=$cur
	if [ "$cur" = "=" ]; then
		option=$prev value=""
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ]; then
		option=${COMP_WORDS[COMP_CWORD-2]}
	elif [[ $cur == --*=* ]]; then
		option=${cur%%=*} value=${cur#*=}
	elif [[ $prev == -* && $cur != -* ]]; then
		option=$prev
	fi
	local name=""
	[ -n "$option" ] && name=$(_themes_value_name "$option" "$command")

	if [ -n "$name" ]; then
		local choices=""
		case $name in
		FORMAT) choices="csv jsonl" ;;
		FMT) choices="auto csv tsv text" ;;
		KERNEL) choices="linear rbf" ;;
		SOLVER) choices="liblinear libsvm" ;;
		LANG)
			choices="english russian chinese"
			[ "$command" = classify ] && choices="auto $choices" ;;
		FILE | MODEL | JSON)
			COMPREPLY=($(compgen -f -- "$value"))
			compopt -o filenames 2>/dev/null
			return ;;
		*) return ;; # a number or a column name: nothing to offer
		esac
		COMPREPLY=($(compgen -W "$choices" -- "$value"))
		return
	fi

	if [[ $cur == -* ]]; then
		local options
		options=$("$program" "$command" --help 2>/dev/null | _themes_options |
			while read -r option value; do
				[[ $option == --* && -n $value ]] && option+="="
				printf '%s\n' "$option"
			done)
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		# An option that takes a value gets its "=" without a space.
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] &&
			compopt -o nospace 2>/dev/null
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
	compopt -o filenames 2>/dev/null
}
complete -F _themes themes
