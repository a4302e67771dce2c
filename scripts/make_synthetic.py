#!/usr/bin/env python3
"""Deterministic synthetic clauses for speed benchmarks (never for accuracy).

    scripts/make_synthetic.py -n 200000 --seed 1 -o synth.txt
    scripts/make_synthetic.py -n 20000 --labelled --from corpus/train.csv -o s.csv

Each output clause is resampled from the labelled corpus and perturbed:
clause order is shuffled, about 10% of words are dropped and 5% duplicated,
and with probability 0.3 a sentence from another clause is mixed in.  The
output is plain text, one clause per line (what `themes classify` and
`fasttext predict` read), or with --labelled a CSV with id,text,theme where
the theme is carried from the source clause (and a mixed-in sentence comes
from a clause of the same theme, so the labels stay roughly learnable): good
enough to time training, meaningless as a label.  The same arguments always
give the same bytes.
"""
import argparse
import csv
import random
import re
import sys

SENT_SPLIT = re.compile(r"(?<=[.;!?])\s+")


def load(paths):
    rows = []
    for p in paths:
        with open(p, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                text = " ".join(r["text"].split())
                if text:
                    rows.append((text, r.get("theme", "")))
    return rows


def perturb(rng, words):
    out = []
    for w in words:
        u = rng.random()
        if u < 0.10:
            continue
        out.append(w)
        if u > 0.95:
            out.append(w)
    return out or words[:1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, required=True, help="number of clauses")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--from", dest="sources", action="append",
                    help="labelled CSV(s) to resample (default: corpus/train.csv "
                         "and corpus/test.csv)")
    ap.add_argument("--labelled", action="store_true",
                    help="write CSV id,text,theme (theme of the source clause)")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()

    rows = load(a.sources or ["corpus/train.csv", "corpus/test.csv"])
    sents = {}
    for text, theme in rows:
        key = theme if a.labelled else ""
        sents.setdefault(key, []).extend(s for s in SENT_SPLIT.split(text) if s)
    rng = random.Random(a.seed)
    out = sys.stdout if a.output == "-" else open(a.output, "w", newline="",
                                                  encoding="utf-8")
    w = csv.writer(out, lineterminator="\n") if a.labelled else None
    if w:
        w.writerow(["id", "text", "theme"])
    for i in range(a.n):
        text, theme = rows[rng.randrange(len(rows))]
        parts = SENT_SPLIT.split(text)
        if rng.random() < 0.3:
            pool = sents[theme if a.labelled else ""]
            parts.insert(rng.randrange(len(parts) + 1), pool[rng.randrange(len(pool))])
        if len(parts) > 1:
            rng.shuffle(parts)
        line = " ".join(perturb(rng, " ".join(parts).split()))
        if w:
            w.writerow([f"s{i + 1}", line, theme])
        else:
            out.write(line + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
