#!/usr/bin/env python3
"""Check labelled theme corpora against /work/shared/THEMES.md.

Usage:
    check_corpus.py [--min-train N] [--min-eval N] [--min-theme-train N]
                    [--min-theme-eval N] [--jaccard T] TRAIN.csv EVAL.csv
    check_corpus.py [--jaccard T] --single FILE.csv

A labelled corpus is UTF-8 CSV (RFC 4180) whose header names at least the
columns id, text, theme, secondary and source (extra columns such as
`register` are allowed).  The checks are:

  * the file exists, is UTF-8 (a leading BOM is accepted) and is valid CSV:
    quoted fields may hold commas, doubled quotes and line breaks; a quote
    inside an unquoted field or text after a closing quote is an error;
    blank lines are skipped, as the C reader (pipeline/read.c) does;
  * the header holds every required column, once; every record has as many
    fields as the header;
  * `theme` is exactly one of the six slugs; `secondary` is empty or one or
    two valid slugs joined by ';', none equal to the primary, no repeats;
  * `id` is non-empty and unique within and across the files; `text` is not
    blank;
  * two-file mode only: TRAIN has at least --min-train records (default 800),
    EVAL at least --min-eval (1600), and every theme has at least
    --min-theme-train (80) primary labels in TRAIN and --min-theme-eval (150)
    in EVAL;
  * no duplicates or near-duplicates within each file or across the two:
    text is case-folded (ё read as е) and split into runs of letters/digits,
    each Han character counting as a word of its own (character 3-shingles
    for Chinese), the word 3-shingles of two texts are compared, and a Jaccard similarity >= --jaccard
    (default 0.6) is a near-duplicate (1.0 on the same word sequence is an
    exact duplicate).  Candidate pairs come from an inverted index over a
    prefix of each text's rarest shingles (prefix filtering), so a few
    thousand rows take well under a second; every candidate is then scored
    exactly, so no pair above the threshold is missed.

Each problem is printed as `FILE:LINE: what is wrong`, LINE being the physical
line on which the offending record starts (line 1 for problems of the
whole file, such as too few records; line 0 when the file cannot be read).
A summary with counts per theme per file follows.  Exit status: 0 when every
check passes, 1 when any fails, 2 on a usage error.
"""

import argparse
import math
import os
import re
import sys
from collections import defaultdict

SLUGS = ("endure", "history", "counter_hegemony", "china_lead", "multipolar",
         "legitimacy")
REQUIRED = ("id", "text", "theme", "secondary", "source")
SHINGLE = 3

_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_UNQUOTED = re.compile(r'[^,"\r\n]*')
_LINE_END = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"[^\W_]+")


class Record:
    """One data record of one file."""

    __slots__ = ("file", "line", "fields", "id", "text", "theme", "shingles",
                 "words")

    def __init__(self, file, line, fields):
        self.file = file
        self.line = line
        self.fields = fields
        self.id = self.text = self.theme = None
        self.shingles = None
        self.words = None


class Report:
    """Collects problems in the order they are found."""

    def __init__(self):
        self.problems = []

    def add(self, file, line, message):
        self.problems.append("%s:%d: %s" % (file, line, message))


def count_line_ends(s):
    return len(_LINE_END.findall(s))


def parse_csv(text):
    """Parse RFC 4180 text.  Yields (line, fields) per record, skipping blank
    lines; raises ValueError((line, message)) on malformed input."""
    pos, line, n = 0, 1, len(text)
    while pos < n:
        # Skip blank lines between records.
        m = _LINE_END.match(text, pos)
        if m:
            pos = m.end()
            line += 1
            continue
        start_line = line
        fields = []
        while True:
            if pos < n and text[pos] == '"':
                m = _QUOTED.match(text, pos)
                if not m:
                    raise ValueError((line, "unterminated quoted field (a field "
                                      "that opens with \" must close with \")"))
                raw = m.group(1)
                open_line = line
                line += count_line_ends(raw)
                fields.append(raw.replace('""', '"'))
                pos = m.end()
                if pos < n and text[pos] not in ',\r\n':
                    hint = ""
                    if open_line != line:
                        hint = ("; this quoted field began on line %d: is "
                                "its closing quote missing?" % open_line)
                    raise ValueError((line, "unexpected character %r after a "
                                      "closing quote (inside a quoted field, "
                                      "write a quote as \"\")%s"
                                      % (text[pos], hint)))
            else:
                m = _UNQUOTED.match(text, pos)
                fields.append(m.group(0))
                pos = m.end()
                if pos < n and text[pos] == '"':
                    raise ValueError((line, "stray quote in an unquoted field "
                                      "(quote the whole field and double the "
                                      "quote: \"a \"\"b\"\" c\")"))
            if pos >= n:
                break
            if text[pos] == ",":
                pos += 1
                continue
            m = _LINE_END.match(text, pos)
            pos = m.end()
            line += 1
            break
        yield start_line, fields


def read_file(path, report):
    """Return (header, records) or None when the file cannot be used."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        report.add(path, 0, "cannot read file: %s" % (e.strerror or e))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        good = raw[:e.start].decode("utf-8", "replace")
        report.add(path, count_line_ends(good) + 1,
                   "not valid UTF-8 (byte 0x%02x at offset %d); save the file "
                   "as UTF-8" % (raw[e.start], e.start))
        return None
    nul = text.find("\x00")
    if nul >= 0:
        report.add(path, count_line_ends(text[:nul]) + 1,
                   "NUL byte in the input; this is not a text CSV file")
        return None
    rows = []
    try:
        for line, fields in parse_csv(text):
            rows.append((line, fields))
    except ValueError as e:
        line, message = e.args[0]
        report.add(path, line, "not valid CSV: %s" % message)
        return None
    if not rows:
        report.add(path, 1, "empty file: no header row")
        return None
    (hline, header), data = rows[0], rows[1:]
    ok = True
    seen = set()
    for name in header:
        if name in seen:
            report.add(path, hline, "column '%s' appears twice in the header"
                       % name)
            ok = False
        seen.add(name)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.add(path, hline, "missing column%s %s in header (header is: %s; "
                   "required: %s)" % ("s" if len(missing) > 1 else "",
                                      ", ".join("'%s'" % c for c in missing),
                                      ",".join(header), ",".join(REQUIRED)))
        ok = False
    if not ok:
        return None
    return header, [Record(path, line, fields) for line, fields in data]


def check_records(path, header, records, report):
    """Field-count, slug, secondary, empty id/text checks for one file."""
    col = {name: header.index(name) for name in REQUIRED}
    width = len(header)
    good = []
    for r in records:
        if len(r.fields) != width:
            report.add(path, r.line, "record has %d field%s, header has %d"
                       % (len(r.fields), "" if len(r.fields) == 1 else "s",
                          width))
            continue
        r.id = r.fields[col["id"]]
        r.text = r.fields[col["text"]]
        theme = r.fields[col["theme"]]
        secondary = r.fields[col["secondary"]]
        if not r.id.strip():
            report.add(path, r.line, "empty id")
        elif r.id != r.id.strip():
            report.add(path, r.line, "id '%s' has leading or trailing spaces"
                       % r.id)
        if not r.text.strip():
            report.add(path, r.line, "empty text (id '%s')" % r.id)
        if theme in SLUGS:
            r.theme = theme
        else:
            report.add(path, r.line, "invalid theme '%s' (id '%s'; expected "
                       "one of: %s)" % (theme, r.id, ", ".join(SLUGS)))
        if secondary != "":
            parts = secondary.split(";")
            if len(parts) > 2:
                report.add(path, r.line, "%d secondary themes '%s' (id '%s'; "
                           "at most 2)" % (len(parts), secondary, r.id))
            seen = set()
            for s in parts:
                if s not in SLUGS:
                    report.add(path, r.line, "invalid secondary theme '%s' in "
                               "'%s' (id '%s'; expected slugs joined by ';')"
                               % (s, secondary, r.id))
                elif s == theme:
                    report.add(path, r.line, "secondary theme '%s' equals the "
                               "primary theme (id '%s')" % (s, r.id))
                elif s in seen:
                    report.add(path, r.line, "secondary theme '%s' repeated "
                               "(id '%s')" % (s, r.id))
                seen.add(s)
        good.append(r)
    return good


def check_ids(records, report):
    first = {}
    for r in records:
        if not r.id or not r.id.strip():
            continue
        if r.id in first:
            o = first[r.id]
            report.add(r.file, r.line, "duplicate id '%s' (first at %s:%d)"
                       % (r.id, o.file, o.line))
        else:
            first[r.id] = r


# Han characters: Chinese has no spaces, so a "word" of Han text is one
# character and shingles are character 3-grams.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def shingles(text):
    folded = text.casefold().replace("ё", "е")
    words = [w for part in _WORD.findall(folded)
             for w in (list(part) if _HAN.search(part) else [part])]
    if len(words) < SHINGLE:
        return words, {tuple(words)} if words else set()
    return words, {tuple(words[i:i + SHINGLE])
                   for i in range(len(words) - SHINGLE + 1)}


def near_duplicates(records, threshold):
    """Return [(score, a, b)] for every pair with Jaccard >= threshold.

    Prefix filtering: with shingles ordered globally from rare to common, two
    sets with Jaccard >= t must share a shingle within the first
    |S| - ceil(t*|S|) + 1 shingles of each, so only those are indexed.
    """
    items = []
    freq = defaultdict(int)
    for r in records:
        if r.text is None or not r.text.strip():
            continue
        r.words, r.shingles = shingles(r.text)
        if not r.shingles:
            continue
        items.append(r)
        for s in r.shingles:
            freq[s] += 1
    index = defaultdict(list)
    pairs = []
    eps = 1e-9
    for j, r in enumerate(items):
        ordered = sorted(r.shingles, key=lambda s: (freq[s], s))
        size = len(ordered)
        prefix = size - math.ceil(threshold * size - eps) + 1
        candidates = set()
        for s in ordered[:max(prefix, 1)]:
            candidates.update(index[s])
            index[s].append(j)
        for i in sorted(candidates):
            o = items[i]
            small, large = sorted((len(o.shingles), size))
            if small < threshold * large - eps:
                continue  # Jaccard <= small/large is already too low
            inter = len(o.shingles & r.shingles)
            score = inter / (len(o.shingles) + size - inter)
            if score >= threshold - eps:
                pairs.append((score, o, r))
    return pairs


def summary_table(files, per_file):
    names = [os.path.basename(f) or f for f in files]
    w0 = max(len(s) for s in SLUGS + ("invalid", "total"))
    ws = [max(len(n), 6) for n in names]
    out = ["summary (primary theme counts per file):",
           "  " + "theme".ljust(w0) + "".join("  " + n.rjust(w)
                                             for n, w in zip(names, ws))]
    def cell(c, key):
        return "-" if c is None else str(c[key])

    for slug in SLUGS + ("invalid", "total"):
        if slug == "invalid" and not any(c and c[slug] for c in per_file):
            continue
        out.append("  " + slug.ljust(w0) + "".join(
            "  " + cell(c, slug).rjust(w) for c, w in zip(per_file, ws)))
    if any(c is None for c in per_file):
        out.append("  (- : file could not be read)")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check labelled theme corpora (see THEMES.md).",
        usage="%(prog)s [--min-train N] [--min-eval N] [--min-theme-train N] "
              "[--min-theme-eval N] [--jaccard T] TRAIN.csv EVAL.csv\n"
              "       %(prog)s [--jaccard T] --single FILE.csv")
    ap.add_argument("--min-train", type=int, default=800, metavar="N")
    ap.add_argument("--min-eval", type=int, default=1600, metavar="N")
    ap.add_argument("--min-theme-train", type=int, default=80, metavar="N")
    ap.add_argument("--min-theme-eval", type=int, default=150, metavar="N")
    ap.add_argument("--jaccard", type=float, default=0.6, metavar="T",
                    help="near-duplicate threshold, 0 < T <= 1 (default 0.6)")
    ap.add_argument("--single", metavar="FILE",
                    help="check one file: schema and internal duplicates only")
    ap.add_argument("files", nargs="*", metavar="TRAIN.csv EVAL.csv")
    args = ap.parse_args(argv)
    if args.single is not None:
        if args.files:
            ap.error("--single takes one file and no TRAIN/EVAL arguments")
        files = [args.single]
    elif len(args.files) != 2:
        ap.error("expected TRAIN.csv and EVAL.csv (or --single FILE)")
    else:
        files = args.files
    if not 0 < args.jaccard <= 1:
        ap.error("--jaccard must be in (0, 1]")
    for name in ("min_train", "min_eval", "min_theme_train", "min_theme_eval"):
        if getattr(args, name) < 0:
            ap.error("--%s must not be negative" % name.replace("_", "-"))

    report = Report()
    all_records = []
    per_file = []
    loaded = []
    for path in files:
        counts = defaultdict(int)
        got = read_file(path, report)
        if got is not None:
            header, records = got
            good = check_records(path, header, records, report)
            all_records.extend(good)
            counts["total"] = len(records)
            for r in good:
                counts[r.theme if r.theme else "invalid"] += 1
            counts["invalid"] += len(records) - len(good)
        per_file.append(counts if got is not None else None)
        loaded.append(got is not None)

    check_ids(all_records, report)

    if args.single is None:
        limits = ((args.min_train, args.min_theme_train, "train"),
                  (args.min_eval, args.min_theme_eval, "eval"))
        for path, ok, counts, (total_min, theme_min, kind) in zip(
                files, loaded, per_file, limits):
            if not ok:
                continue
            if counts["total"] < total_min:
                report.add(path, 1, "only %d records, fewer than --min-%s %d"
                           % (counts["total"], kind, total_min))
            for slug in SLUGS:
                if counts[slug] < theme_min:
                    report.add(path, 1, "theme '%s' has %d records, fewer than "
                               "--min-theme-%s %d" % (slug, counts[slug], kind,
                                                     theme_min))

    pairs = near_duplicates(all_records, args.jaccard)
    order = {f: k for k, f in enumerate(files)}
    pairs.sort(key=lambda p: (order[p[2].file], p[2].line, order[p[1].file],
                              p[1].line))
    for score, a, b in pairs:
        if a.words == b.words:
            what = "exact duplicate text"
        else:
            what = "near-duplicate text"
        report.add(b.file, b.line, "%s: id '%s' (%s:%d) and id '%s' (%s:%d), "
                   "Jaccard %.2f" % (what, a.id, a.file, a.line, b.id, b.file,
                                     b.line, score))

    out = sys.stdout
    for p in report.problems:
        print(p, file=out)
    if report.problems:
        print(file=out)
    for line in summary_table(files, per_file):
        print(line, file=out)
    print("near-duplicate pairs (Jaccard >= %.2f): %d"
          % (args.jaccard, len(pairs)), file=out)
    if report.problems:
        print("FAILED: %d problem%s" % (len(report.problems),
                                       "" if len(report.problems) == 1 else "s"),
              file=out)
        return 1
    print("OK", file=out)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(1)
