#!/usr/bin/env python3
"""Paired comparison of two prediction files (themes eval --predictions).

    paired_bootstrap.py A.csv B.csv [--resamples N] [--seed S]

Both files score the same clauses (matched by id).  Prints macro-F1 of A,
of B, and of B - A with a 95% paired percentile-bootstrap interval: the
clauses are resampled once per round and both systems are scored on the
same resample, so the interval reflects the difference, not the spread of
each score.  An interval that excludes 0 is a difference beyond the noise.
"""
import argparse
import csv
import random
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["id"]: (r["gold"], r["predicted"]) for r in csv.DictReader(f)}


def macro_f1(pairs):
    labels = sorted({g for g, _ in pairs})
    total = 0.0
    for c in labels:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        total += 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return total / len(labels)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--resamples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    a, b = read(args.a), read(args.b)
    if set(a) != set(b):
        sys.exit("paired_bootstrap: the files score different clauses")
    ids = sorted(a)
    pa = [a[i] for i in ids]
    pb = [b[i] for i in ids]
    rnd = random.Random(args.seed)
    diffs = []
    for _ in range(args.resamples):
        idx = [rnd.randrange(len(ids)) for _ in ids]
        diffs.append(macro_f1([pb[i] for i in idx]) - macro_f1([pa[i] for i in idx]))
    diffs.sort()
    lo = diffs[int(0.025 * len(diffs))]
    hi = diffs[int(0.975 * len(diffs)) - 1]
    fa, fb = macro_f1(pa), macro_f1(pb)
    print(f"A {fa:.4f}  B {fb:.4f}  B-A {fb - fa:+.4f}  95% CI [{lo:+.4f}, {hi:+.4f}]"
          + ("  beyond noise" if lo > 0 or hi < 0 else "  within noise"))


if __name__ == "__main__":
    main()
