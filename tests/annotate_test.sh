#!/usr/bin/env bash
# annotate_test.sh - `themes annotate` driven through tmux: label, toggle a
# secondary, note, undo, quit, resume; kill -9 mid-session loses nothing
# written; without a terminal it refuses.  Skipped (77) without tmux.
# Usage: annotate_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: annotate_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: annotate_test.sh THEMES_BINARY REPO_ROOT}
THEMES=$(realpath "$THEMES")
command -v tmux >/dev/null || { echo "tmux missing: skipped"; exit 77; }
. "$(dirname "$0")/harness.sh"
harness_tmpdir annotate-test
export TMUX_TMPDIR=$TMP   # a private tmux server
SESSION=annotate
trap 'tmux kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

printf 'id,text\np1,The two sides will renew the treaty of good neighbourliness.\np2,They reject the falsification of the history of the Second World War.\np3,Both oppose unilateral sanctions and bloc confrontation.\np4,"Russia supports the Belt and Road Initiative, with a comma."\n' >"$TMP/pool.csv"
printf 'endure\tthe partnership endures\nhistory\tshared memory of the war\ncounter_hegemony\tagainst Western dominance\n' >"$TMP/cb"

start() { # start: a fresh annotate session in tmux
	tmux new-session -d -s $SESSION -x 120 -y 40 \
		"cd '$TMP' && exec env THEMES_NOW=2025-01-01T00:00:00Z '$THEMES' annotate pool.csv -o labels.csv --codebook cb --coder ann"
	wait_for "themes annotate"
}
screen() { tmux capture-pane -p -t $SESSION 2>/dev/null; }
wait_for() { # wait_for TEXT: up to 5 s for TEXT on the screen
	for _ in $(seq 50); do
		screen | grep -qF -- "$1" && { pass; return; }
		sleep 0.1
	done
	fail "screen lacks \"$1\""; screen | sed 's/^/    /' >&2
}
keys() { tmux send-keys -t $SESSION "$@"; }
rows() { wc -l <"$TMP/labels.csv"; }

start
wait_for "The two sides will renew"
wait_for "[1] endure"
wait_for "Model: none"
keys 1 + 2 n 'a note' Enter Enter
wait_for "saved p1 as endure"
check_sh "header and one row" '[ "$(rows)" -eq 2 ]'
has labels.csv "id,text,theme,secondary,source,coder,labelled_at,note"
has labels.csv "p1,The two sides will renew the treaty of good neighbourliness.,endure,history,pool.csv,ann,2025-01-01T00:00:00Z,a note"
keys 2 Enter
wait_for "saved p2 as history"
keys u
wait_for "undid label of p2"
wait_for "Primary: history"
check_sh "undo removed the row" '[ "$(rows)" -eq 2 ]'
keys s
wait_for "skipped p2"
keys q
sleep 0.3
check_sh "quit ends the session" '! tmux has-session -t $SESSION 2>/dev/null'

# Resume: p1 is done; the skipped p2 comes back first.
start
wait_for "1 labelled, 3 to go"
wait_for "They reject the falsification"
keys 2 Enter 3 Enter
wait_for "saved p3 as counter_hegemony"
# kill -9 mid-session: both labels were flushed before the next clause.
pid=$(tmux list-panes -t $SESSION -F '#{pane_pid}')
kill -9 "$pid"
sleep 0.3
check_sh "nothing lost after kill -9" '[ "$(rows)" -eq 4 ]'
run 0 trains agree "$TMP/labels.csv" "$TMP/labels.csv"
has trains.out "raw agreement          1.0000"
tmux kill-server 2>/dev/null
start
wait_for "3 labelled, 1 to go"
wait_for "Russia supports the Belt"
keys e 1
wait_for "Examples of endure"
wait_for "The two sides will renew"
keys x 1 Enter
wait_for "All 4 clauses of pool.csv are labelled"
keys q
sleep 0.3
has labels.csv 'p4,"Russia supports the Belt and Road Initiative, with a comma.",endure,,pool.csv'

# No terminal: a clear refusal.
run 2 notty annotate "$TMP/pool.csv" -o "$TMP/x.csv" --codebook "$TMP/cb" </dev/null
has notty.err "annotate needs a terminal"
harness_summary
