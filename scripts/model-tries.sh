#!/usr/bin/env bash
# Every modelling try considered for the default model, scored the same
# way: 5-fold cross-validation on corpus/train.csv grouped by writer, and a
# paired bootstrap of each try against the plain default settings.  Writes
# build/reports/card/tries.json for the model card.  corpus/test.csv is not
# read.  A few minutes on two cores (the libsvm tries are the slow ones).
set -euo pipefail
cd "$(dirname "$0")/.."
themes=${THEMES_BIN:-build/themes}
r=build/reports/card
mkdir -p "$r/tries"
tries=(
  "base|plain settings (the default model)|$(tr '\n' ' ' <models/default.settings)"
  "c03|C = 0.3|--solver liblinear -C 0.3"
  "c1|C = 1|--solver liblinear -C 1"
  "libsvm|libsvm, one-vs-one, C = 0.7|--solver libsvm -C 0.7"
  "unigrams|unigrams only|--solver liblinear -C 0.5 --ngrams 1"
  "mindf1|min-df 1|--solver liblinear -C 0.5 --min-df 1"
  "nostop|no stop words|--solver liblinear -C 0.5 --no-stop-words"
  "nobalance|no class weights|--solver liblinear -C 0.5 --no-balance"
  "nocal|sigmoids fitted on training decisions|--solver liblinear -C 0.5 --calibration-folds 0"
  "char35|character 3-5-grams, C = 0.3|--solver liblinear -C 0.3 --char-min 3 --char-max 5"
  "char36|character 3-6-grams, C = 0.5|--solver liblinear -C 0.5 --char-min 3 --char-max 6"
  "nb|NBSVM weighting, C = 0.1|--solver liblinear -C 0.1 --nb"
  "nbchar|NBSVM + character 3-5-grams, C = 0.3|--solver liblinear -C 0.3 --nb --char-min 3 --char-max 5"
)
for t in "${tries[@]}"; do
  IFS='|' read -r name what opts <<<"$t"
  # shellcheck disable=SC2086
  "$themes" eval --cv 5 --group-by writer --codebook corpus/themes.codebook \
    --bootstrap 0 $opts corpus/train.csv --predictions "$r/tries/$name.csv" >/dev/null
done
# Masking country, capital and leader names: the same folds on a copy of
# the corpus with the names removed.
python3 - corpus/train.csv "$r/tries/train-masked.csv" <<'PY'
import csv, re, sys
names = re.compile(r"\b(China|Chinese|Beijing|Xi|Jinping|Russia|Russian|Russians|"
                   r"Moscow|Putin|Kremlin|Lavrov|Wang Yi|Peskov|Zakharova|"
                   r"Mishustin|Li Qiang)(['’]s)?\b")
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for row in rows:
        row["text"] = names.sub(" ", row["text"])
        w.writerow(row)
PY
# shellcheck disable=SC2046
"$themes" eval --cv 5 --group-by writer --codebook corpus/themes.codebook \
  --bootstrap 0 $(cat models/default.settings) "$r/tries/train-masked.csv" \
  --predictions "$r/tries/masknames.csv" >/dev/null
python3 - "$r" "${tries[@]}" "masknames|country, capital and leader names masked|" <<'PY'
import json, subprocess, sys
r, tries = sys.argv[1], sys.argv[2:]
out = []
for t in tries:
    name, what, opts = t.split("|")
    line = subprocess.run(["python3", "scripts/paired_bootstrap.py",
                           f"{r}/tries/base.csv", f"{r}/tries/{name}.csv"],
                          check=True, capture_output=True, text=True).stdout.split()
    # "A x B y B-A d 95% CI [lo, hi] verdict..."
    out.append({"name": name, "what": what, "options": opts.strip(),
                "macro_f1": float(line[3]), "difference": float(line[5]),
                "ci": [float(line[8].strip("[,")), float(line[9].strip("]"))],
                "beyond_noise": "beyond" in " ".join(line)})
json.dump(out, open(f"{r}/tries.json", "w"), indent=2)
PY
echo "wrote $r/tries.json"
