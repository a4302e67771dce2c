#!/usr/bin/env python3
"""The one scorer every system in scripts/bench is scored with.

    score.py GOLD.csv PRED.csv [--name NAME] [--json OUT] [--predictions OUT]

GOLD is a labelled CSV (id,text,theme,...).  PRED is a CSV with columns id
and theme (themes classify, sk.py) or id and predicted (themes eval
--predictions), extra columns ignored, or a plain file with one label per
line in gold order (fastText's `__label__` prefix is stripped).
--predictions writes id,gold,predicted,confidence (confidence left empty),
the format scripts/paired_bootstrap.py reads.  An empty or
unknown prediction counts as wrong.  Macro-F1 is the unweighted mean of the
six themes' F1 (a theme with no predictions has precision 0).
"""
import argparse
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import THEMES, read_labelled  # noqa: E402


def read_pred(path, gold_ids):
    with open(path, newline="", encoding="utf-8") as f:
        first = f.readline()
        f.seek(0)
        header = next(csv.reader([first]), [])
        col = "theme" if "theme" in header else "predicted"
        if "id" in header and col in header:
            by_id = {r["id"]: r[col] for r in csv.DictReader(f)}
            missing = [i for i in gold_ids if i not in by_id]
            if missing:
                sys.exit(f"score: {path}: no prediction for id {missing[0]!r}")
            return [by_id[i] for i in gold_ids]
        labels = [line.strip().replace("__label__", "") for line in f]
    if len(labels) != len(gold_ids):
        sys.exit(f"score: {path}: {len(labels)} labels for {len(gold_ids)} gold rows")
    return labels


def score(gold, pred):
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    per = {}
    for t in THEMES:
        tp = sum(g == t and p == t for g, p in zip(gold, pred))
        fp = sum(g != t and p == t for g, p in zip(gold, pred))
        fn = sum(g == t and p != t for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[t] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"n": n, "accuracy": correct / n,
            "macro_f1": sum(per.values()) / len(THEMES), "f1": per}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--name", default="")
    ap.add_argument("--json")
    ap.add_argument("--predictions")
    a = ap.parse_args()
    gold_rows = read_labelled(a.gold)
    pred = read_pred(a.pred, [r[0] for r in gold_rows])
    res = score([r[2] for r in gold_rows], pred)
    if a.predictions:
        with open(a.predictions, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "gold", "predicted", "confidence"])
            w.writerows([r[0], r[2], p, ""] for r, p in zip(gold_rows, pred))
    res["name"] = a.name
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)
    print(f"{a.name or a.pred}: macro-F1 {res['macro_f1']:.4f}  "
          f"accuracy {res['accuracy']:.4f}  (n={res['n']})")


if __name__ == "__main__":
    main()
