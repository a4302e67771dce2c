"""Shared helpers for scripts/bench: corpus reading and text normalisation."""
import csv
import json
import os
import re

THEMES = ["endure", "history", "counter_hegemony", "china_lead",
          "multipolar", "legitimacy"]

# fastText splits on whitespace only, so it gets text lower-cased with
# punctuation split off; train and test go through this same function.
_FT_TOKEN = re.compile(r"\w+|[^\w\s]")


def ft_normalize(text):
    return " ".join(_FT_TOKEN.findall(text.lower()))


def read_rows(path):
    """Rows of a labelled CSV, as dicts."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_labelled(path):
    """[(id, text, theme)] from a labelled CSV."""
    return [(r.get("id", ""), r["text"], r.get("theme", ""))
            for r in read_rows(path)]


def read_texts(path):
    """Texts from a CSV with a text column, or plain text one per line."""
    with open(path, newline="", encoding="utf-8") as f:
        first = f.readline()
        f.seek(0)
        if "text" in next(csv.reader([first]), []):
            return [r["text"] for r in csv.DictReader(f)]
        return [line.rstrip("\n") for line in f]


def log_timing(path, **fields):
    """Appends one JSON line of in-process timings to PATH (if given).

    scripts/bench runs the timed commands in rounds and sets BENCH_ROUND;
    the round is recorded so that the report can drop warm-up rounds."""
    if not path:
        return
    fields["round"] = os.environ.get("BENCH_ROUND", "")
    with open(path, "a") as f:
        f.write(json.dumps(fields) + "\n")
