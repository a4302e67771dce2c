#!/usr/bin/env python3
"""Classify a column of clauses and a whole statement from Python.

    profile.py CLAUSES.csv [STATEMENT.txt]

Reads the `text` column of CLAUSES.csv (with pandas when it is installed,
else the csv module), adds each clause's label and confidence, and prints
how the clauses spread over the labels.  With STATEMENT.txt it also cuts
the statement into clauses and prints its theme profile; with matplotlib
installed it saves the profile as profile.png.
"""
import collections
import csv
import sys

import themes


def read_column(path):
    try:
        import pandas
    except ImportError:
        with open(path, newline="", encoding="utf-8") as f:
            return [row["text"] for row in csv.DictReader(f)], None
    frame = pandas.read_csv(path)
    return list(frame["text"]), frame


def shares(labels, names):
    counts = collections.Counter(l for l in labels if l is not None)
    total = sum(counts.values()) or 1
    return {name: counts[name] / total for name in names}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    model = themes.Model.load()
    texts, frame = read_column(sys.argv[1])
    labels, probabilities = model.classify(texts)
    if frame is not None:
        frame["theme"] = labels
        frame["confidence"] = [max(row) for row in probabilities]
        print(frame[["theme", "confidence"]].head())
    for name, share in shares(labels, model.labels).items():
        print(f"{name:<18} {share:6.1%}")
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            clauses = [c for c, _section, _line in themes.segment(f.read())]
        profile = shares(model.classify(clauses)[0], model.labels)
        print(f"\n{sys.argv[2]}: {len(clauses)} clauses")
        for name, share in profile.items():
            print(f"  {name:<18} {share:6.1%}")
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            return
        plt.barh(list(profile), list(profile.values()))
        plt.xlabel("share of clauses")
        plt.tight_layout()
        plt.savefig("profile.png")
        print("wrote profile.png")


if __name__ == "__main__":
    main()
