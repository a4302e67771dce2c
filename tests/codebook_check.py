#!/usr/bin/env python3
"""codebook_check.py - the checks codebook_test.sh makes on what themes
writes, against the labels of a codebook file.

    codebook_check.py CHECK CODEBOOK[:sorted] FILE [EXTRA]

CODEBOOK gives the expected labels: its own order, or bytewise order with
the suffix ":sorted" (the order of a model trained without a codebook).
Exits 0 when the check holds; otherwise prints why and exits 1.

  scores   FILE is `themes classify` output, CSV (clause or statement rows)
           or JSONL: the score columns (keys) are exactly the labels, in
           order, after "confidence"; every placed row's scores sum to 1,
           its theme is a label and its confidence is the highest score.
  report   FILE is `eval --json`, EXTRA the eval's standard output: per_theme
           and confusion_labels name the labels in order, and the text
           report has a per-label row and the labels as confusion columns.
  by       FILE is `eval --json --by COLUMN`, EXTRA is DATA.csv:COLUMN: the
           groups are the column's values in order of first appearance, with
           their row counts.
  profile  FILE is a --profile CSV, EXTRA the clause rows CSV: the header is
           statement,clauses,uncertain, LABEL,LABEL_low,LABEL_high for each
           label, then LABEL_adjusted for each; shares sum to 1 and lie in
           their intervals; clauses counts the rows.
  html     FILE is a --html page: the legend names each label in order, each
           with its own colour, and clause class tK exists only for labels.
"""
import csv
import json
import re
import sys

TOLERANCE = 0.0011  # four decimals per score, summed over up to 8 labels


def labels_of(spec):
    path, _, order = spec.partition(":")
    labels = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                labels.append(fields[0])
    if order == "sorted":
        # Code-point order of str is the bytewise order of UTF-8.
        labels.sort()
    return labels


def fail(message):
    print(message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def check_row(row, labels, where):
    scores = [float(row[label]) for label in labels]
    if row["theme"] == "":  # nothing the model knows: no scores
        expect(all(s == 0 for s in scores), f"{where}: scores without a theme")
        return
    expect(row["theme"] in labels, f"{where}: theme {row['theme']!r} is no label")
    expect(abs(sum(scores) - 1) <= TOLERANCE, f"{where}: scores sum to {sum(scores)}")
    expect(float(row["confidence"]) == max(scores),
           f"{where}: confidence {row['confidence']} is not the top score")
    expect(float(row[row["theme"]]) == max(scores), f"{where}: theme is not the top score")


def check_scores(path, labels):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    if text.startswith("{"):
        rows = [json.loads(line) for line in text.splitlines()]
        keys = [list(row) for row in rows]
    else:
        rows = list(csv.DictReader(text.splitlines()))
        keys = [next(csv.reader(text.splitlines()))]
    expect(rows, f"{path}: no rows")
    for columns in keys:
        expect("confidence" in columns, f"{path}: no confidence column: {columns}")
        prefix = columns[: columns.index("confidence") + 1]
        expect(prefix in (["id", "theme", "confidence"],
                          ["id", "section", "text", "theme", "confidence"]),
               f"{path}: columns before the scores: {prefix}")
        expect(columns[len(prefix):] == labels,
               f"{path}: score columns {columns[len(prefix):]}, expected {labels}")
    placed = 0
    for i, row in enumerate(rows, 1):
        check_row(row, labels, f"{path}: row {i}")
        placed += row["theme"] != ""
    expect(placed > 0, f"{path}: no row has a theme")


def check_report(path, labels, stdout_path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    expect(list(report["per_theme"]) == labels,
           f"{path}: per_theme keys {list(report['per_theme'])}, expected {labels}")
    expect(report["confusion_labels"] == labels + ["none"],
           f"{path}: confusion_labels {report['confusion_labels']}")
    expect(len(report["confusion"]) == len(labels), f"{path}: confusion rows")
    with open(stdout_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = [line for line in lines if line.startswith("gold \\ predicted")]
    expect(len(header) == 1, f"{stdout_path}: no confusion header")
    expect(header[0].split()[3:] == labels + ["none"],
           f"{stdout_path}: confusion columns {header[0].split()[3:]}")
    for label in labels:
        # one row in the per-label table, one in the confusion matrix
        rows = [line for line in lines if line.split()[:1] == [label]]
        expect(len(rows) == 2, f"{stdout_path}: {len(rows)} rows for {label}")


def check_by(path, data_column):
    data, _, column = data_column.rpartition(":")
    with open(data, newline="", encoding="utf-8") as f:
        values = [row[column] for row in csv.DictReader(f)]
    with open(path, encoding="utf-8") as f:
        by = json.load(f)["by"]
    expect(by["column"] == column, f"{path}: by column {by['column']}")
    expected = [(v, values.count(v)) for v in dict.fromkeys(values)]
    got = [(g["value"], g["n"]) for g in by["groups"]]
    expect(got == expected, f"{path}: groups {got}, expected {expected}")


def check_profile(path, labels, rows_path):
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
        f.seek(0)
        profiles = list(csv.DictReader(f))
    expected = ["statement", "clauses", "uncertain"]
    for label in labels:
        expected += [label, label + "_low", label + "_high"]
    expected += [label + "_adjusted" for label in labels]
    expect(header == expected, f"{path}: header {header}, expected {expected}")
    with open(rows_path, newline="", encoding="utf-8") as f:
        clauses = len(list(csv.DictReader(f)))
    expect(len(profiles) == 1, f"{path}: {len(profiles)} profiles")
    p = profiles[0]
    expect(int(p["clauses"]) == clauses, f"{path}: clauses {p['clauses']}, rows {clauses}")
    expect(int(p["uncertain"]) < clauses, f"{path}: every clause uncertain")
    for suffix in ("", "_adjusted"):
        total = sum(float(p[label + suffix]) for label in labels)
        expect(abs(total - 1) <= TOLERANCE, f"{path}: shares{suffix} sum to {total}")
    for label in labels:
        low, share, high = (float(p[label + s]) for s in ("_low", "", "_high"))
        expect(low <= share <= high, f"{path}: {label} {share} not in [{low}, {high}]")


def check_html(path, labels):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    legend = re.search(r'<p class="legend">(.*?)</p>', page, re.S)
    expect(legend, f"{path}: no legend")
    entries = re.findall(r'<span class="sw" style="background:(#[0-9a-f]{3,6})"></span>([^<]*)</span>',
                         legend.group(1))
    named = [name for _, name in entries]
    expect(named == labels + ["uncertain"], f"{path}: legend names {named}")
    colours = [colour for colour, _ in entries[: len(labels)]]
    expect(len(set(colours)) == len(labels), f"{path}: legend colours {colours}")
    styles = dict(re.findall(r"\.t(\d+)\{background:#[0-9a-f]{6};border-left-color:(#[0-9a-f]{6})\}", page))
    expect(sorted(map(int, styles)) == list(range(len(labels))),
           f"{path}: clause classes t{sorted(styles)}")
    expect([styles[str(k)] for k in range(len(labels))] == colours,
           f"{path}: clause colours differ from the legend's")
    used = {int(k) for k in re.findall(r'class="clause t(\d+)"', page)}
    expect(used and max(used) < len(labels), f"{path}: clause classes {sorted(used)}")


def main(argv):
    if len(argv) < 4:
        fail(__doc__)
    check, spec, path = argv[1], argv[2], argv[3]
    extra = argv[4] if len(argv) > 4 else None
    if check == "scores":
        check_scores(path, labels_of(spec))
    elif check == "report":
        check_report(path, labels_of(spec), extra)
    elif check == "by":
        check_by(path, extra)
    elif check == "profile":
        check_profile(path, labels_of(spec), extra)
    elif check == "html":
        check_html(path, labels_of(spec))
    else:
        fail(f"unknown check {check}")


if __name__ == "__main__":
    main(sys.argv)
