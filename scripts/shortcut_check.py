#!/usr/bin/env python3
"""Does the model lean on country, capital and leader names?

    shortcut_check.py [--themes BIN] [--top K] [--json OUT] MODEL LABELLED.csv

Reports, for MODEL:
  * each label's K heaviest terms (themes inspect), marking the name terms;
  * on LABELLED.csv (held out from MODEL's training): the errors, and the
    share of them whose explanation (themes classify --explain 1) is led by
    a name term: the model chose the wrong label mainly because a clause
    named China, Russia, their capitals or leaders.
Names are matched on the stemmed terms the model uses (unigrams and the
words of bigrams).
"""
import argparse
import csv
import io
import json
import subprocess
import sys

NAME_STEMS = {
    "china", "chines", "beij", "beijing", "xi", "jinp", "jinping", "russia",
    "russian", "moscow", "putin", "kremlin", "lavrov", "peskov", "zakharova",
    "wang", "yi", "mishustin", "li", "qiang", "sino",
}


def is_name(term):
    term = term.lstrip("#")
    return any(word in NAME_STEMS for word in term.split(" "))


def run(args):
    out = subprocess.run(args, check=True, capture_output=True, text=True)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("labelled")
    ap.add_argument("--themes", default="build/themes")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--json")
    a = ap.parse_args()

    top = run([a.themes, "inspect", "-m", a.model, "--top", str(a.top)])
    per_label = {}
    for row in top:
        entry = per_label.setdefault(row["label"], {"names": 0, "terms": []})
        entry["terms"].append(row["term"])
        entry["names"] += is_name(row["term"])

    with open(a.labelled, newline="", encoding="utf-8") as f:
        gold = {r["id"]: r["theme"] for r in csv.DictReader(f)}
    rows = run([a.themes, "classify", "-m", a.model, "--explain", "1",
                a.labelled])
    errors = [r for r in rows if r["theme"] and r["theme"] != gold[r["id"]]]
    led = [r for r in errors
           if r["explanation"] and is_name(r["explanation"].split(":")[0])]
    report = {
        "model": a.model,
        "data": a.labelled,
        "top": a.top,
        "name_terms_in_top": {k: v["names"] for k, v in per_label.items()},
        "top_terms": {k: v["terms"] for k, v in per_label.items()},
        "clauses": len(rows),
        "errors": len(errors),
        "errors_led_by_a_name": len(led),
        "share_of_errors_led_by_a_name":
            round(len(led) / len(errors), 4) if errors else 0.0,
    }
    print(f"model {a.model} on {a.labelled}")
    for label, v in per_label.items():
        marked = ", ".join(t + ("*" if is_name(t) else "") for t in v["terms"][:10])
        print(f"  {label:<18} {v['names']:>2} of top {a.top} are names   {marked}")
    print(f"  errors {len(errors)} of {len(rows)}; led by a name: {len(led)} "
          f"({report['share_of_errors_led_by_a_name']:.1%})")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
