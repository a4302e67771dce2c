#!/usr/bin/env bash
# agree_test.sh - `themes agree` end to end, on Krippendorff's (2011)
# worked examples written as coders' CSV files.
# Usage: agree_test.sh PATH/TO/themes REPO_ROOT
set -u
THEMES=${1:?usage: agree_test.sh THEMES_BINARY REPO_ROOT}
. "$(dirname "$0")/harness.sh"
harness_tmpdir agree-test

# Section A of the paper: two coders, binary data; alpha 0.095, and Cohen's
# kappa (0.6 - 0.56) / 0.44 = 0.0909 by hand.  Coder B lists its rows in
# another order and names itself in a coder column.
a=(0 1 0 0 0 0 0 0 1 0)
b=(1 1 1 0 0 1 0 0 0 0)
name=(no yes)
{ echo "id,text,theme"
  for i in "${!a[@]}"; do echo "u$i,clause $i,${name[${a[$i]}]}"; done
} >"$TMP/ann.csv"
{ echo "id,theme,coder"
  for i in 9 8 7 6 5 4 3 2 1 0; do echo "u$i,${name[${b[$i]}]},bob"; done
} >"$TMP/b.csv"
run 0 two agree --json="$TMP/two.json" --markdown="$TMP/two.md" \
	--disagreements="$TMP/dis.csv" "$TMP/ann.csv" "$TMP/b.csv"
has two.out "2 coders (ann, bob), 10 clauses"
has two.out "raw agreement          0.6000"
has two.out "Cohen's kappa          0.0909"
has two.out "Krippendorff's alpha   0.0952  95% CI ["
has two.json '"cohen_kappa": 0.0909'
has two.json '"alpha": 0.0952'
has two.json '"matrix": [[5, 3], [1, 1]]'
has two.md "| Cohen's kappa | 0.0909 |"
check_sh "four disagreements, one row each" \
	'[ "$(wc -l <"$TMP/dis.csv")" -eq 5 ]'
has dis.csv "u8,clause 8,yes,no"
has dis.csv "id,text,ann,bob"

# Section C: four coders, values 1-5, missing values; alpha 0.743.
rows=("1 1 . 1" "2 2 3 2" "3 3 3 3" "3 3 3 3" "2 2 2 2" "1 2 3 4"
      "4 4 4 4" "1 1 2 1" "2 2 2 2" ". 5 5 5" ". . 1 1" ". 3 . .")
for j in 0 1 2 3; do
	{ echo "id,theme"
	  for u in "${!rows[@]}"; do
		read -r -a v <<<"${rows[$u]}"
		[ "${v[$j]}" = . ] || echo "unit$u,v${v[$j]}"
	  done
	} >"$TMP/coder$j.csv"
done
run 0 four agree --bootstrap=200 --json="$TMP/four.json" "$TMP"/coder{0,1,2,3}.csv
has four.out "Krippendorff's alpha   0.7434"
has four.out "Cohen's kappa          n/a"
has four.json '"values": 40'
# The bootstrap is the same for any thread count.
run 0 four1 agree --bootstrap=200 -t 1 --json="$TMP/four1.json" "$TMP"/coder{0,1,2,3}.csv
run 0 four3 agree --bootstrap=200 -t 3 --json="$TMP/four3.json" "$TMP"/coder{0,1,2,3}.csv
check "alpha interval independent of threads" cmp -s "$TMP/four1.json" "$TMP/four3.json"

# Errors.
run 2 one agree "$TMP/ann.csv"
has one.err "at least two coders"
printf 'no\nyes\n' >"$TMP/yn.codebook"
printf 'id,theme\nu1,maybe\n' >"$TMP/bad.csv"
run 1 unknown agree --codebook="$TMP/yn.codebook" "$TMP/ann.csv" "$TMP/bad.csv"
has unknown.err 'bad.csv:2: unknown label "maybe"'
printf 'id,theme\nu1,no\nu1,yes\n' >"$TMP/dup.csv"
run 1 duplicate agree "$TMP/ann.csv" "$TMP/dup.csv"
has duplicate.err 'id "u1" appears twice'
harness_summary
