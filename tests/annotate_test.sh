#!/usr/bin/env bash
# annotate_test.sh - `themes annotate` driven through tmux: label, toggle a
# secondary, note, undo, quit, resume; kill -9 mid-session loses nothing
# written; without a terminal it refuses.  Letter keys for a codebook of
# twelve labels; a Chinese clause wrapped within the pane's columns.
# --retrain-every: the retrained model takes over at the next clause with
# the ranking `themes suggest` gives, and a failed training keeps the model
# in use.  Skipped (77) without tmux.
# Usage: annotate_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: annotate_test.sh THEMES_BINARY REPO_ROOT}
ROOT=${2:?usage: annotate_test.sh THEMES_BINARY REPO_ROOT}
THEMES=$(realpath "$THEMES")
ROOT=$(realpath "$ROOT")
command -v tmux >/dev/null || { echo "tmux missing: skipped"; exit 77; }
. "$(dirname "$0")/harness.sh"
harness_tmpdir annotate-test
export TMUX_TMPDIR=$TMP   # a private tmux server
SESSION=annotate
trap 'tmux kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

printf 'id,text\np1,The two sides will renew the treaty of good neighbourliness.\np2,They reject the falsification of the history of the Second World War.\np3,Both oppose unilateral sanctions and bloc confrontation.\np4,"Russia supports the Belt and Road Initiative, with a comma."\n' >"$TMP/pool.csv"
printf 'endure\tthe partnership endures\nhistory\tshared memory of the war\ncounter_hegemony\tagainst Western dominance\n' >"$TMP/cb"

start() { # start [OPTION...]: a fresh annotate session in tmux, 120 columns
	start_in 120 pool.csv labels.csv --codebook cb "$@"
}
start_in() { # start_in COLUMNS POOL LABELS OPTION...: the same, any pool
	local width=$1 pool=$2 labels=$3; shift 3
	tmux new-session -d -s $SESSION -x "$width" -y 40 \
		"cd '$TMP' && exec env THEMES_NOW=2025-01-01T00:00:00Z '$THEMES' annotate $pool -o $labels --coder ann$(printf ' %q' "$@")"
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

tmux kill-server 2>/dev/null

# Twelve labels: 1-9 and 0 choose the first ten, a and b the others.
start_in 120 pool.csv asean.csv --codebook "$ROOT/tests/data/asean.codebook"
wait_for "[0] cyber"
wait_for "[a] centrality"
wait_for "[b] timor_leste"
wait_for "Keys: 1-9,0,a-b primary"
keys b + a Enter
wait_for "saved p1 as timor_leste"
keys 0 Enter
wait_for "saved p2 as cyber"
keys q
sleep 0.3
has asean.csv "p1,The two sides will renew the treaty of good neighbourliness.,timor_leste,centrality,pool.csv"
has asean.csv "p2,They reject the falsification of the history of the Second World War.,cyber,,pool.csv"

# Chinese is wrapped by display columns (two for each character): joined
# back (-J), no line of the screen is wider than the pane.
printf 'id,text\nz1,双方指出，中国和苏联分别是第二次世界大战亚洲和欧洲的主战场，为打败日本军国主义和纳粹德国付出了巨大民族牺牲。双方将共同维护第二次世界大战胜利成果，坚决反对歪曲历史。\n' >"$TMP/zh.csv"
start_in 50 zh.csv zh-labels.csv --codebook cb
wait_for "坚决反对歪曲历史。"
widest=$(tmux capture-pane -p -J -t $SESSION | LC_ALL=C.UTF-8 wc -L)
check_sh "no line wider than the 50-column pane (widest: $widest)" '[ "$widest" -le 50 ]'
check_sh "the clause takes three lines" \
	'[ "$(screen | grep -c "^  [^ ].*[中国历史]")" -ge 3 ]'
keys q
sleep 0.3

# --retrain-every: a pool and a seed corpus from the training corpus (five
# clauses of each theme by writer na; forty by writer tb to label).
python3 - "$ROOT/corpus/train.csv" "$TMP" <<'PYTHON'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
seed, per_theme = [], {}
for row in rows:
    if row["writer"] == "na" and per_theme.get(row["theme"], 0) < 5:
        seed.append(row)
        per_theme[row["theme"]] = per_theme.get(row["theme"], 0) + 1
with open(sys.argv[2] + "/seed.csv", "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["id", "text", "theme", "secondary"])
    out.writerows([r["id"], r["text"], r["theme"], r["secondary"]] for r in seed)
with open(sys.argv[2] + "/big-pool.csv", "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["id", "text"])
    out.writerows([r["id"], r["text"]] for r in rows if r["writer"] == "tb")
PYTHON
CODEBOOK="$ROOT/corpus/themes.codebook"
start_in 120 big-pool.csv retrained.csv --codebook "$CODEBOOK" --retrain-every 2 --seed-train seed.csv
wait_for "Model: none yet"
wait_for "Retraining: every 2 labels (the next at 2)"
keys 1 Enter 2 Enter
wait_for "Retraining: model retrained on 2 labels + 30 seed clauses; in use from the next clause"
check_sh "no model before the next clause" 'screen | grep -q "Model: none yet"'
keys s
wait_for "queue re-ranked"
skipped=$(screen | sed -n 's/^skipped //p')
check_sh "the new model guesses" '! screen | grep -q "Model: none yet"'
# The clause now up is the one `themes suggest` puts first, with a model
# trained as annotate trains (the labels file, then the seed corpus).
{ cat "$TMP/retrained.csv"; tail -n +2 "$TMP/seed.csv" | sed 's/$/,,,,/'; } >"$TMP/both.csv"
run 0 retrain train "$TMP/both.csv" --codebook "$CODEBOOK" -o "$TMP/retrained.model"
{ cat "$TMP/retrained.csv"; echo "$skipped,,endure,,,,,"; } >"$TMP/seen.csv"
run 0 next suggest -m "$TMP/retrained.model" -n 1 --exclude "$TMP/seen.csv" "$TMP/big-pool.csv"
next=$(awk -F, 'NR == 2 {print $2}' "$TMP/next.out")
check_sh "the clause up is suggest's first ($next)" \
	'[ -n "$next" ] && screen | grep -qx "$next"'
# The coder types on: two more labels start the next training, and the
# file holds every label, whole.
keys 3 Enter 4 Enter
wait_for "model retrained on 4 labels + 30 seed clauses"
keys q
sleep 0.3
check_sh "four labels, each on its row" \
	'[ "$(wc -l <"$TMP/retrained.csv")" -eq 5 ]'
run 0 retrained_agree agree "$TMP/retrained.csv" "$TMP/retrained.csv"
has retrained_agree.out "raw agreement          1.0000"

# Training fails (two clauses cannot make five calibration folds): no
# model yet, and the labels are kept.
start_in 120 big-pool.csv failed.csv --codebook "$CODEBOOK" --retrain-every 2
keys 1 Enter 2 Enter
wait_for "retraining on 2 labels failed, still no model: the number of folds"
wait_for "Model: none yet"
keys q
sleep 0.3
check_sh "both labels kept" '[ "$(wc -l <"$TMP/failed.csv")" -eq 3 ]'
# With -m, a failed training (one label) keeps the model in use.
start_in 120 big-pool.csv failed-m.csv -m "$ROOT/models/default.model" --retrain-every 1
keys 1 Enter
wait_for "retraining on 1 label failed, the model stays: "
wait_for "runner-up"
keys q
sleep 0.3
# A seed corpus with a label outside the codebook stops annotate before it
# starts, naming the line.
printf 'id,text,theme\ns1,Some clause.,endure\ns2,Another clause.,Endure\n' >"$TMP/bad-seed.csv"
tmux new-session -d -s $SESSION -x 120 -y 40 \
	"cd '$TMP' && '$THEMES' annotate big-pool.csv -o bad.csv --codebook '$CODEBOOK' --retrain-every 5 --seed-train bad-seed.csv 2>bad-seed.err; echo \$? >bad-seed.status"
sleep 0.5
has bad-seed.err 'bad-seed.csv:3: unknown label "Endure" (did you mean "endure"?)'
has bad-seed.status 1
run 2 seed_alone annotate "$TMP/pool.csv" -o "$TMP/x.csv" --codebook "$TMP/cb" --seed-train "$TMP/seed.csv"
has seed_alone.err "--seed-train is training data for --retrain-every K"
run 2 every_zero annotate "$TMP/pool.csv" -o "$TMP/x.csv" --codebook "$TMP/cb" --retrain-every 0
has every_zero.err "--retrain-every expects an integer from 1"

# No terminal: a clear refusal.
run 2 notty annotate "$TMP/pool.csv" -o "$TMP/x.csv" --codebook "$TMP/cb" </dev/null
has notty.err "annotate needs a terminal"
harness_summary
