#!/usr/bin/env python3
"""Writes the benchmark report: report.py RESULTS_DIR OUT.md

RESULTS_DIR is what scripts/bench leaves in build/bench/results/.  Every
number in the report is computed here from the files of that directory;
none is typed by hand.
"""
import glob
import json
import os
import re
import statistics
import sys

res, out = sys.argv[1], sys.argv[2]


def path(name):
    return os.path.join(res, name)


def load(name):
    with open(path(name)) as f:
        return json.load(f)


def env(name):
    d = {}
    if not os.path.exists(path(name)):
        return d
    with open(path(name)) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                d[k] = v
    return d


def med(xs):
    return statistics.median(xs)


class Cmd:
    """One command's timings over the timed rounds of a section."""

    def __init__(self, name):
        self.name, self.wall, self.cpu = name, [], []

    @property
    def m(self):
        return med(self.wall)

    @property
    def c(self):
        return med(self.cpu)

    @property
    def spread(self):
        return f"{fmt_s(min(self.wall))}–{fmt_s(max(self.wall))}"


def rounds(name):
    """hyperfine exports NAME.r1.json ... -> {command: Cmd} (warm-ups dropped)."""
    cmds = {}
    files = sorted(glob.glob(path(f"{name}.r*.json")),
                   key=lambda f: int(re.search(r"\.r(\d+)\.json$", f).group(1)))
    for f in files:
        for r in json.load(open(f))["results"]:
            c = cmds.setdefault(r["command"], Cmd(r["command"]))
            c.wall.extend(r["times"])
            c.cpu.append(r["user"] + r["system"])
    return cmds


def inproc(name):
    """In-process timing lines of the timed rounds (BENCH_ROUND >= 1)."""
    rows = []
    if os.path.exists(path(name)):
        for line in open(path(name)):
            r = json.loads(line)
            if r.get("round", "") and int(r["round"]) >= 1:
                rows.append(r)
    return rows


def fmt_s(x):
    if x < 0.1:
        return f"{x:.4f}"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_n(x):
    return f"{x:,.0f}"


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def fmt_x(x):
    return f"{x:.1f}×" if x >= 10 else f"{x:.2f}×"


m = env("machine.env")
quick = m.get("quick") == "1"
ncores = int(m["nproc"])
L = []
P = L.append

P("# Benchmarks")
P("")
P("`themes` against fastText, scikit-learn, libsvm's own `svm-train` and "
  "`wc -w`, on the same data, measured in one run of")
P("")
P("    scripts/bench              # full run, writes this file (about 30 min on 2 busy cores)")
P("    scripts/bench --quick      # small sizes, 2 rounds; writes build/bench/benchmarks-quick.md")
P("    scripts/bench --no-build   # use the existing build/themes")
P("")
P("The script installs what is missing from Debian (fasttext, python3-sklearn, "
  "python3-stemmer, libsvm-tools, hyperfine, time, valgrind), uses Debian's "
  "Python (the one that imports scikit-learn and PyStemmer, whatever `python3` "
  "comes first on PATH), and leaves every raw result (hyperfine JSON, "
  "in-process timings, `/usr/bin/time -v` output, callgrind profile) in "
  "`build/bench/results/`. The numbers below are computed from those files by "
  "`scripts/bench_lib/report.py`; none is typed by hand.")
P("")
P("**How times are taken.** hyperfine (`-N`, no shell) in interleaved rounds: "
  "each round runs every command of a section once, after one untimed warm-up "
  "round, so that a change in the machine's load weighs on all commands alike. "
  "Times are medians over the rounds, of wall-clock time unless marked CPU "
  "(user + system, from hyperfine). Every ratio is a ratio of two medians "
  "measured in the same section of the same run.")
if quick:
    P("")
    P("> **This is a `--quick` run**: small sizes and few rounds, for development "
      "only. Do not quote these numbers.")
P("")

# ------------------------------------------------------------------ machine
secs = {}
for f in sorted(glob.glob(path("section_*.env"))):
    secs[re.search(r"section_(\w+)\.env$", f).group(1)] = env(os.path.basename(f))
order = ["accuracy", "throughput", "languages", "scaling", "training", "profile"]
secs = {k: secs[k] for k in order if k in secs}
runs_seen = {s.get("run") for s in secs.values()}
one_run = len(runs_seen) == 1 and m.get("run") in runs_seen

P("## Machine and run")
P("")
P("| | |")
P("|---|---|")
P(f"| date (UTC) | {m['date']} |")
P(f"| CPU | {m['cpu']} |")
P(f"| cores (nproc) | {m['nproc']} |")
P(f"| RAM | {m['mem']} |")
P(f"| OS | {m['os']} |")
P(f"| themes | {m['themes']}, `build/themes` as built from the work tree at "
  f"commit {m.get('themes_commit', '?')} (Release), {m['cc']} |")
P(f"| fastText | Debian `fasttext` {m['pkg_fasttext']} |")
P(f"| scikit-learn | Debian `python3-sklearn` {m['pkg_python3-sklearn']} "
  f"(numpy {m['pkg_python3-numpy']}, scipy {m['pkg_python3-scipy']}); "
  f"{m['python']} |")
P(f"| PyStemmer | Debian `python3-stemmer` {m['pkg_python3-stemmer']} |")
P(f"| libsvm | Debian `libsvm-tools` {m['pkg_libsvm-tools']} (`svm-train`) |")
P(f"| hyperfine / GNU time / valgrind | {m['pkg_hyperfine']} / {m['pkg_time']} / "
  f"{m['pkg_valgrind']} |")
P("")
if one_run:
    P(f"**All figures in this file come from one run** of `scripts/bench`, "
      f"started {m['run']}, on this machine's {ncores} cores.")
else:
    P("**Not all sections come from the same run**: the table below gives "
      "when each section was measured. Ratios are still only taken within "
      "one section.")
P("")
busy_max = 0
P("| section | started (UTC) | ended | load average (1, 5, 15 min) at start → end | "
  "CPU busy just before (all cores) |")
P("|---|---|---|---|---|")
for k, s in secs.items():
    busy = int(s.get("busy_before") or 0)
    busy_max = max(busy_max, busy)
    P(f"| {k} | {s.get('start', '?')} | {s.get('end', '?')} | "
      f"{s.get('load_start', '?')} → {s.get('load_end', '?')} | {busy}% |")
P("")
loads = [float(s.get(k, "0").split()[0]) for s in secs.values()
         for k in ("load_start", "load_end") if s.get(k)]
# The load averages count the benchmark's own commands (and decay slowly
# from work that ended before it), so other work is judged by the CPU time
# busy in the pause before each section, when the benchmark runs nothing.
if busy_max < 25:
    P(f"No other work was seen: in the 3 s before each section, while the "
      f"benchmark ran nothing, at most {busy_max}% of the CPU time was busy. "
      f"The load averages above count the benchmark's own commands, and "
      f"work that ended before it started.")
    P("")
elif loads:
    P(f"> **The machine was shared.** Other work kept the {ncores} cores busy "
      f"during the run (1-minute load average up to {max(loads):.1f}; up to "
      f"{busy_max}% of CPU time busy just before a section started, none of it "
      f"this benchmark's). Wall times are therefore longer than on an idle "
      f"machine and the min–max spreads wider, which is why medians over "
      f"interleaved rounds are used and CPU times are shown beside them. "
      f"The `-t 2` figures in particular say little about an idle machine: "
      f"a second thread rarely had a core to itself.")
    P("")

# --------------------------------------------------------------- load data
acc_names = [("themes", "themes"),
             ("fasttext_2000000", "fastText, 2M buckets (default)"),
             ("fasttext_200000", "fastText, 200k buckets"),
             ("sklearn_stemmed", "scikit-learn stemmed"),
             ("sklearn_default", "scikit-learn default")]
acc = {k: load(f"acc_{k}.json") for k, _ in acc_names if os.path.exists(path(f"acc_{k}.json"))}

syn = env("synth.env")
thr = rounds("throughput")
have_thr = bool(thr)
if have_thr:
    lines_n = int(syn["lines"])
    words_n = int(syn["words"])
    t1, t2 = thr["themes classify -t 1"], thr["themes classify -t 2"]
    wc = thr["wc -w"]
    ft = {b: (thr[f"fasttext predict ({b} buckets)"],
              thr[f"fasttext predict ({b} buckets), one line"]) for b in ("2M", "200k")}
    sk = {}
    for kind in ("stemmed", "default"):
        ins = inproc(f"sk_{kind}_predict.jsonl")
        sk[kind] = dict(
            whole=thr[f"sklearn {kind}"], one=thr[f"sklearn {kind}, one line"],
            predict=med([r["predict_s"] for r in ins]),
            predict_cpu=med([r["predict_cpu_s"] for r in ins]),
            read=med([r["read_s"] for r in ins]), rounds=len(ins))
    t1_one = thr["themes classify -t 1, one line"]

# ----------------------------------------------------------------- headline
if have_thr:
    P("## Headline")
    P("")
    P(f"`themes classify -t 1` on {lines_n:,} synthetic clauses, whole "
      f"process (start-up, reading, writing every label), median "
      f"{fmt_s(t1.m)} s. Each ratio is the other command's median time over "
      f"themes' (above 1: themes is faster; the CPU column uses user + "
      f"system time instead of wall time).")
    P("")
    P("| against | how the other side is timed | its median s | ratio (wall) | ratio (CPU) |")
    P("|---|---|---|---|---|")
    P(f"| `wc -w` (reading the file once) | whole process | {fmt_s(wc.m)} | "
      f"{fmt_x(wc.m / t1.m)} | {fmt_x(wc.c / t1.c)} |")
    for b, (full, one) in ft.items():
        P(f"| fastText, {b} buckets | whole `fasttext predict` process, "
          f"start-up included | {fmt_s(full.m)} | {fmt_x(full.m / t1.m)} | "
          f"{fmt_x(full.c / t1.c)} |")
        P(f"| fastText, {b} buckets | start-up excluded (whole − one-line run) | "
          f"{fmt_s(full.m - one.m)} | {fmt_x((full.m - one.m) / t1.m)} | "
          f"{fmt_x((full.c - one.c) / t1.c)} |")
    for kind in ("stemmed", "default"):
        s = sk[kind]
        P(f"| scikit-learn {kind} | whole Python process (start-up, reading the "
          f"file, transform+predict, writing) | {fmt_s(s['whole'].m)} | "
          f"{fmt_x(s['whole'].m / t1.m)} | {fmt_x(s['whole'].c / t1.c)} |")
        P(f"| scikit-learn {kind} | transform+predict only, timed inside Python "
          f"(no start-up, no file reading or writing) | {fmt_s(s['predict'])} | "
          f"{fmt_x(s['predict'] / t1.m)} | {fmt_x(s['predict_cpu'] / t1.c)} |")
    P("")
    P("themes' own start-up is included on its side of every ratio: "
      f"`themes classify -t 1` on one line takes {fmt_s(t1_one.m)} s. "
      f"With two threads, `themes classify -t 2` takes {fmt_s(t2.m)} s: "
      f"a speed-up of {fmt_x(t1.m / t2.m)} over one thread"
      + (f" (below 1: in this run two threads were slower than one, on cores "
         f"that other work kept busy; `-t 2` used {fmt_s(t2.c)} s of CPU "
         f"against {fmt_s(t1.c)} s for `-t 1`. This run does not show what "
         f"`-t 2` gives on an idle machine)." if t2.m > t1.m else "."))
    P("")

# --------------------------------------------------------------- training
# (loaded here for the headline; written further down)
svml = env("svmlight.env")
tr_small, tr_big = rounds("train_small"), rounds("train_big")
tr_big_l = rounds("train_big_libsvm")
grid = rounds("grid")
have_tr = bool(tr_small and tr_big)
if have_tr:
    big_n = int(m["train_n"])
    fit_small = inproc("sk_fit_small.jsonl")
    fit_big = inproc("sk_fit_big.jsonl")
    single_big = tr_big["themes train, single fit -t 1"]
    lsvc_big = med([r["fit_s"] for r in fit_big])
    lsvc_big_cpu = med([r["fit_cpu_s"] for r in fit_big])
    lsvc_big_svm = med([r["svm_s"] for r in fit_big])
    lsvc_big_whole = tr_big["sklearn LinearSVC fit (stemmed)"]
    g = grid["themes train --grid --cv 5"]
    P(f"Training: one themes linear fit (liblinear, with its tokenizing, "
      f"stemming and TF-IDF; whole process, one thread) on {big_n:,} "
      f"synthetic clauses takes {fmt_s(single_big.m)} s, "
      f"**{fmt_x(single_big.m / lsvc_big)} the time of scikit-learn's "
      f"TF-IDF + LinearSVC fit** timed inside Python ({fmt_s(lsvc_big)} s; CPU "
      f"{fmt_x(single_big.c / lsvc_big_cpu)}) and "
      f"{fmt_x(single_big.m / lsvc_big_whole.m)} its whole process "
      f"({fmt_s(lsvc_big_whole.m)} s). `themes train --grid --cv 5` (5 costs × 5 "
      f"folds, each training calibrated, then the final model) on corpus/train.csv "
      f"takes {fmt_s(g.m)} s, whole process.")
    P("")

# ----------------------------------------------------------------- accuracy
if acc:
    skst = load("sk_stemmed_train.json")
    skdf = load("sk_default_train.json")
    ft_opts = open(path("ft_opts.txt")).read().strip()
    te = load("themes_eval.json")
    tset = open(path("themes_settings.txt")).read().split()
    ftsz = env("ft_sizes.env")
    n_test = acc["themes"]["n"]
    P("## Accuracy")
    P("")
    ca = env("corpus_accuracy.env")
    size = (f" ({int(ca['rows']):,} clauses by {ca['writers']} writers and the "
            "seed article)" if ca else "")
    P(f"Every system is trained on `corpus/train.csv`{size} and scored on the locked test set `corpus/test.csv` "
      f"({n_test:,} clauses by four writers with no training row) by one "
      f"shared scorer, `scripts/bench_lib/score.py` (macro-F1 = unweighted mean "
      f"of the six themes' F1; an empty prediction counts as wrong). Settings "
      f"are chosen on train only; test is read once per system.")
    P("")
    P("| system | settings | macro-F1 | accuracy |")
    P("|---|---|---|---|")
    settings = {
        "themes": "the default model's recipe, `scripts/train-default-model.sh`: "
        f"`{' '.join(tset)}` (C chosen by 5-fold CV grouped by writer on train, "
        "`scripts/choose-default-settings.sh`), 1-2-grams, min-df 2, stop words, "
        "sublinear tf, balanced, Snowball English; labels from `themes classify`",
        "fasttext_2000000": f"supervised, text lower-cased and punctuation split "
        f"(train and test alike); `{ft_opts}`, default `-bucket 2000000` "
        f"(model {int(ftsz.get('ft_2000000', 0)) / 1e6:,.0f} MB)",
        "fasttext_200000": f"the same with `-bucket 200000` (model "
        f"{int(ftsz.get('ft_200000', 0)) / 1e6:,.0f} MB)",
        "sklearn_stemmed": "PyStemmer Snowball English, TF-IDF 1-2-grams, "
        f"sublinear tf, LinearSVC; C={skst['C']} chosen from "
        f"{', '.join(skst['grid'])} by GridSearchCV macro-F1 over "
        f"{skst.get('cv', '5-fold CV')} on train ({skst.get('writers', '?')} "
        f"writers; CV macro-F1 {skst['cv_macro_f1']:.4f}; "
        f"{skst['features']:,} features)",
        "sklearn_default": "`TfidfVectorizer()` + `LinearSVC()`, all defaults "
        f"({skdf['features']:,} features)",
    }
    for k, label in acc_names:
        if k in acc:
            P(f"| {label} | {settings[k]} | {acc[k]['macro_f1']:.4f} | "
              f"{acc[k]['accuracy']:.4f} |")
    P("")
    ci = te.get("ci95", {}).get("macro_f1")
    ae = load("acc_themes_eval.json")
    same = (abs(te["macro_f1"] - acc["themes"]["macro_f1"]) < 5e-4
            and abs(ae["macro_f1"] - acc["themes"]["macro_f1"]) < 1e-9)
    P(f"Cross-check: `themes eval` on the same model reports macro-F1 "
      f"{te['macro_f1']:.4f}" + (f" (95% bootstrap CI {ci[0]:.3f}–{ci[1]:.3f})" if ci else "")
      + f" and accuracy {te['accuracy']:.4f}; its `--predictions` file scored by "
      "the shared scorer gives " + f"{ae['macro_f1']:.4f}"
      + (" (the same)." if same else " (**differs** from the shared scorer: investigate)."))
    P("")
    pb = open(path("paired_bootstrap.txt")).read().strip()
    mm = re.search(r"A ([\d.]+)\s+B ([\d.]+)\s+B-A ([+-][\d.]+)\s+95% CI \[([+-][\d.]+), "
                   r"([+-][\d.]+)\]\s+(.*)$", pb)
    if mm:
        P(f"**Paired bootstrap, themes against scikit-learn stemmed** "
          f"(`scripts/paired_bootstrap.py`, 1,000 resamples of the test clauses, "
          f"both systems scored on each resample): macro-F1 themes "
          f"{float(mm.group(2)):.4f}, scikit-learn {float(mm.group(1)):.4f}, "
          f"difference themes − scikit-learn **{mm.group(3)}** (95% CI "
          f"{mm.group(4)} to {mm.group(5)}): {mm.group(6)}.")
    else:
        P(f"Paired bootstrap (themes against scikit-learn stemmed): `{pb}`")
    P("")
    P("Per-theme F1:")
    P("")
    tl = list(acc["themes"]["f1"].keys())
    P("| system | " + " | ".join(tl) + " |")
    P("|---|" + "---|" * len(tl))
    for k, label in acc_names:
        if k in acc:
            P(f"| {label} | " + " | ".join(f"{acc[k]['f1'][t]:.3f}" for t in tl) + " |")
    P("")
    P("The fastText settings (bigrams, 50 epochs, learning rate 0.5, 100 "
      "dimensions) were fixed before this corpus existed and were not tuned on "
      "it; the bucket count changes only the size of the hashed bigram table.")
    P("")

# --------------------------------------------------------------- throughput
if have_thr:
    P("## Classification speed")
    P("")
    P(f"One synthetic file of {lines_n:,} clauses ({words_n:,} words, "
      f"{int(syn['bytes']) / 1e6:.1f} MB), made by `scripts/make_synthetic.py "
      f"-n {lines_n} --seed 1` (corpus clauses resampled and perturbed: "
      "sentences shuffled, words dropped and duplicated, sentences mixed in; "
      "for speed only, never accuracy). Each command reads the whole file and "
      "writes one label per clause to standard output (hyperfine discards it). "
      f"One warm-up round and {len(t1.wall)} timed rounds. Models are those of "
      "the accuracy section.")
    P("")
    P("| command | median s | min–max s | median CPU s | clauses/s | ratio to themes -t 1 (wall) |")
    P("|---|---|---|---|---|---|")
    for name, c in thr.items():
        rate = "–" if "one line" in name else fmt_n(lines_n / c.m)
        P(f"| {name} | {fmt_s(c.m)} | {c.spread} | {fmt_s(c.c)} | {rate} | "
          f"{fmt_x(c.m / t1.m)} |")
    P("")
    P("Start-up excluded (median of the whole run minus median of the same "
      "command on a one-line file; for scikit-learn, transform+predict timed "
      "inside Python with `time.perf_counter`):")
    P("")
    P("| system | whole process s | start-up s | without start-up s | clauses/s without start-up | "
      "themes -t 1 (whole) is … × faster |")
    P("|---|---|---|---|---|---|")
    P(f"| themes classify -t 1 | {fmt_s(t1.m)} | {fmt_s(t1_one.m)} | "
      f"{fmt_s(t1.m - t1_one.m)} | {fmt_n(lines_n / (t1.m - t1_one.m))} | – |")
    for b, (full, one) in ft.items():
        net = full.m - one.m
        P(f"| fastText, {b} buckets | {fmt_s(full.m)} | {fmt_s(one.m)} | "
          f"{fmt_s(net)} | {fmt_n(lines_n / net)} | {fmt_x(net / t1.m)} |")
    for kind in ("stemmed", "default"):
        s = sk[kind]
        P(f"| scikit-learn {kind} | {fmt_s(s['whole'].m)} | {fmt_s(s['one'].m)} | "
          f"{fmt_s(s['predict'])} (transform+predict) | "
          f"{fmt_n(lines_n / s['predict'])} | {fmt_x(s['predict'] / t1.m)} |")
    P("")
    P("Notes:")
    P("")
    P(f"- fastText's default 2,000,000 hash buckets × 100 dimensions make an "
      f"{int(ftsz.get('ft_2000000', 0)) / 1e6:,.0f} MB model whose loading alone "
      f"takes {fmt_s(ft['2M'][1].m)} s (the one-line run); with `-bucket 200000` "
      f"the model is {int(ftsz.get('ft_200000', 0)) / 1e6:,.0f} MB and loads in "
      f"{fmt_s(ft['200k'][1].m)} s. Test accuracy of both is in the accuracy "
      "section.")
    P("- `fasttext predict` is single-threaded and has no thread option. It "
      "reads the file already lower-cased and punctuation-split (as its training "
      "data was); that normalisation is done beforehand and is **not** timed, "
      "which favours fastText.")
    P(f"- scikit-learn's start-up (interpreter, imports, unpickling the "
      f"pipeline) is the one-line run: {fmt_s(sk['stemmed']['one'].m)} s stemmed, "
      f"{fmt_s(sk['default']['one'].m)} s default. Reading the file into Python "
      f"takes {fmt_s(sk['default']['read'])} s (inside Python, not in the "
      f"transform+predict figure). LinearSVC prediction is a single-threaded "
      f"sparse product; BLAS thread pools are set to 1.")
    P("- `wc -w` is the floor: the cost of reading the file once and splitting "
      "it at white space.")
    P(f"- `themes classify -t 2` against `-t 1`: speed-up {fmt_x(t1.m / t2.m)} "
      f"by wall time (CPU {fmt_s(t2.c)} s against {fmt_s(t1.c)} s).")
    P("")

# ---------------------------------------------------------------- languages
lg = rounds("languages")
if lg:
    le = env("languages.env")
    n = int(le["n"])
    P("## Languages")
    P("")
    P(f"`themes classify -t 1` on {n:,} clauses of each language, each through "
      "its default model (as `classify --language auto` picks it): the "
      "held-out evaluation texts of the language (`corpus/test.csv`, "
      "`corpus/ru/eval.csv`, `corpus/zh/eval.csv`) repeated to that many "
      "lines. Per-clause times leave start-up out: (whole run − one-line "
      "run) / clauses. CPU is user + system time. Ratios are to English in "
      "the same rounds.")
    P("")
    P("| input and model | bytes | words | median s | start-up s | µs per clause | "
      "per clause vs English (wall) | (CPU) |")
    P("|---|---|---|---|---|---|---|---|")

    def per_clause(name):
        whole, one = lg[name], lg[f"{name}, one line"]
        return (whole.m - one.m) / n, (whole.c - one.c) / n

    en_wall, en_cpu = per_clause("en")
    label = {"en": "English, `models/default.model`",
             "ru": "Russian, `models/default-ru.model` (stems, unigrams and bigrams)",
             "zh": "Chinese, `models/default-zh.model` (characters and character pairs)",
             "ru, character n-grams": "Russian text, a Russian model with character 3–5-grams too"}
    for name in ["en", "ru", "zh", "ru, character n-grams"]:
        if name not in lg:
            continue
        wall, cpu = per_clause(name)
        code = name.split(",")[0]
        P(f"| {label[name]} | {int(le.get('bytes_' + code, 0)):,} | "
          f"{int(le.get('words_' + code, 0)):,} | {fmt_s(lg[name].m)} | "
          f"{fmt_s(lg[name + ', one line'].m)} | {1e6 * wall:.2f} | "
          f"{fmt_x(wall / en_wall)} | {fmt_x(cpu / en_cpu)} |")
    P("")
    if "ru_char_settings" in le:
        P(f"The Russian model with character n-grams was trained here with "
          f"`{le['ru_char_settings'].strip()}`. The default leaves them out: "
          "with four training writers, grouped cross-validation no longer "
          "finds them better beyond the noise (corpus/ru/README.md).")
        P("")

# ------------------------------------------------------------------ scaling
sc = rounds("scaling")
if sc:
    words = env("scale_words.env")
    P("## Scaling")
    P("")
    P(f"`themes classify -t 2` on synthetic files of growing size (same "
      f"generator and seed), with `-t 1` alongside. Time: hyperfine, one "
      f"warm-up round and {len(next(iter(sc.values())).wall)} interleaved timed "
      "rounds (every size and thread count in each round), medians. Peak "
      "memory: `/usr/bin/time -v` (maximum resident set size) on one separate "
      "`-t 2` run per size.")
    P("")
    P("| clauses | words | -t 2 median s | min–max s | clauses/s | µs per clause | "
      "-t 1 median s | speed-up of -t 2 | peak RSS MiB (-t 2) |")
    P("|---|---|---|---|---|---|---|---|---|")
    rows = []
    for name, c in sc.items():
        if not name.endswith(" clauses, -t 2"):
            continue
        n = int(name.split()[0])
        c1_ = sc.get(f"{n} clauses, -t 1")
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                               open(path(f"rss_{n}.txt")).read()).group(1))
        rows.append((n, c, rss_kb, c1_))
    rows.sort(key=lambda r: r[0])
    for n, c, rss, c1_ in rows:
        P(f"| {n:,} | {int(words.get(f'words_{n}', 0)):,} | {fmt_s(c.m)} | "
          f"{c.spread} | {fmt_n(n / c.m)} | {1e6 * c.m / n:.2f} | "
          + (f"{fmt_s(c1_.m)} | {fmt_x(c1_.m / c.m)} | " if c1_ else "– | – | ")
          + f"{rss / 1024:.1f} |")
    P("")
    if len(rows) >= 3:
        (n0, c0, r0, _), (nm, cm, _, _), (n1, c1, r1, _) = rows[0], rows[-2], rows[-1]
        per = (c1.m / n1) / (cm.m / nm)
        P(f"- Time (-t 2): {n1 / nm:.3g}× more clauses ({nm:,} → {n1:,}) took "
          f"{c1.m / cm.m:.2f}× the time (per-clause cost ratio {per:.2f}): "
          + ("grows linearly." if 0.8 <= per <= 1.25 else "**not** linear within ±25%."))
        P(f"- Memory: peak RSS {r0 / 1024:.1f} MiB at {n0:,} clauses and "
          f"{r1 / 1024:.1f} MiB at {n1:,}: "
          + ("flat (classify streams its input)." if r1 <= 1.5 * r0
             else "**grows** with input size."))
        P(f"- At {n0:,} clauses the per-clause time includes start-up "
          f"({1e6 * c0.m / n0:.2f} µs per clause).")
    P("")

# ----------------------------------------------------------------- training
if have_tr:
    P("## Training time")
    P("")
    nr = len(tr_small["themes train"].wall)
    ct = env("corpus_training.env")
    train_rows = f"{int(ct['rows']):,}" if ct else "the"
    P(f"On `corpus/train.csv` ({train_rows} clauses) and on {big_n:,} labelled "
      f"synthetic clauses (`scripts/make_synthetic.py -n {big_n} --labelled "
      f"--from corpus/train.csv`: labels carried from the source clause, for "
      f"speed only, never accuracy). hyperfine, interleaved rounds, no warm-up; "
      f"{plural(nr, 'round')} on corpus/train.csv and for the liblinear fits on "
      f"{big_n:,} clauses, "
      f"{plural(len(next(iter(tr_big_l.values())).wall) if tr_big_l else 0, 'round')} "
      f"for the slower libsvm fits on {big_n:,} clauses. Every fit uses "
      f"C=1; themes uses its other defaults (1-2-grams, min-df 2, stop words, "
      f"sublinear tf, balanced class weights).")
    P("")
    what = {
        "themes train": "default solver liblinear (one-vs-rest): tokenize, stem, "
        "TF-IDF, then 5 calibration folds + the final model (6 × 6 binary fits), "
        f"on both cores",
        "themes train, single fit -t 1": "the same, `--calibration-folds 0`: "
        "one liblinear fit (6 binary), one thread",
        "themes train --solver libsvm": "C-SVC one-vs-one (libsvm SMO), "
        "5 calibration folds + final, both cores",
        "themes train --solver libsvm, single fit -t 1": "libsvm, "
        "`--calibration-folds 0`, one thread",
        "svm-train -t 0": "libsvm's own tool, linear kernel, one fit on the "
        "stemmed TF-IDF features written beforehand (feature extraction **not** timed)",
        "sklearn LinearSVC fit (stemmed)": "whole Python process: start-up, "
        "reading, stemmed TF-IDF, LinearSVC (liblinear, one-vs-rest) fit",
    }
    big_all = dict(tr_big)
    big_all.update(tr_big_l)
    P(f"| command | what it does | {train_rows} clauses: median s (CPU s) | "
      f"{big_n:,} clauses: median s (CPU s) |")
    P("|---|---|---|---|")
    for name in tr_small:
        b = big_all.get(name)
        s = tr_small[name]
        P(f"| {name} | {what.get(name, '')} | {fmt_s(s.m)} ({fmt_s(s.c)}) | "
          + (f"{fmt_s(b.m)} ({fmt_s(b.c)})" if b else "–") + " |")
    P(f"| LinearSVC fit, inside Python | stemmed TF-IDF fit_transform + "
      f"LinearSVC.fit, `time.perf_counter` | "
      f"{fmt_s(med([r['fit_s'] for r in fit_small]))} "
      f"(TF-IDF {fmt_s(med([r['vectorize_s'] for r in fit_small]))} + SVM "
      f"{fmt_s(med([r['svm_s'] for r in fit_small]))}) | "
      f"{fmt_s(lsvc_big)} (TF-IDF {fmt_s(med([r['vectorize_s'] for r in fit_big]))} "
      f"+ SVM {fmt_s(lsvc_big_svm)}) |")
    P("")
    small_single = tr_small["themes train, single fit -t 1"]
    small_lsvc = med([r["fit_s"] for r in fit_small])
    P(f"- **One themes linear fit against LinearSVC** (both including "
      f"tokenizing and TF-IDF): on {big_n:,} clauses themes takes "
      f"{fmt_s(single_big.m)} s, whole process, against LinearSVC's "
      f"{fmt_s(lsvc_big)} s inside Python: ratio **{single_big.m / lsvc_big:.2f}** "
      f"(CPU {single_big.c / lsvc_big_cpu:.2f}); against LinearSVC's whole process "
      f"({fmt_s(lsvc_big_whole.m)} s) {single_big.m / lsvc_big_whole.m:.2f}. On "
      f"{train_rows} clauses: {fmt_s(small_single.m)} s against {fmt_s(small_lsvc)} s "
      f"(ratio {small_single.m / small_lsvc:.2f}).")
    if "themes train --solver libsvm" in big_all:
        lb = big_all["themes train --solver libsvm"]
        ll = tr_big["themes train"]
        P(f"- liblinear against libsvm inside themes, full training with "
          f"calibration on {big_n:,} clauses: {fmt_s(ll.m)} s against "
          f"{fmt_s(lb.m)} s ({lb.m / ll.m:.1f}× faster).")
    P(f"- `svm-train` and `themes train --solver libsvm` both run libsvm's "
      f"SMO; `svm-train` gets its features for free. Feature files (stemmed "
      f"TF-IDF from scikit-learn's `dump_svmlight_file`): "
      + "; ".join(f"{k} {v.split()[0]} rows, {int(v.split()[1]):,} nonzeros"
                  for k, v in svml.items()) + ".")
    P(f"- The synthetic sample is built from {train_rows} source clauses, so it "
      "is more redundant than real text.")
    P("")
    P("### Grid search")
    P("")
    gt = open(path("grid_table.txt")).read()
    best = re.search(r"best: (.*)", gt)
    P(f"`themes train --grid --cv 5 corpus/train.csv` with the default costs "
      f"(0.1, 0.3, 1, 3, 10) and stratified 5-fold CV: 25 (cost, fold) "
      f"trainings, each a full `themes train` with its own 5 calibration folds "
      f"(150 liblinear fits), then the final model (6 more), default solver liblinear, both "
      f"cores, whole process: median **{fmt_s(g.m)} s** (min–max {g.spread}, "
      f"{plural(len(g.wall), 'round')}; CPU {fmt_s(g.c)} s)."
      + (f" The grid chose {best.group(1)}." if best else ""))
    P("")

# ------------------------------------------------------------------ profile
if os.path.exists(path("callgrind_inclusive.txt")):
    P("## Where the time goes")
    P("")
    cg_n = int(m["cg_n"])
    P(f"`valgrind --tool=callgrind themes classify -t 1` over {cg_n:,} "
      f"synthetic clauses, summarised with `callgrind_annotate --inclusive=yes` "
      f"(instruction counts, Ir; not time).")
    P("")

    def parse_cg(name):
        rows, total = [], None
        for line in open(path(name)):
            mm = re.match(r"^\s*([\d,]+)\s+(?:\(\s*([\d.]+)%\)\s+)?(.+?)\s*$", line)
            if not mm:
                continue
            ir = int(mm.group(1).replace(",", ""))
            what_ = mm.group(3)
            if "PROGRAM TOTALS" in what_:
                total = ir
                continue
            if ":" not in what_:
                continue
            fn = what_.split(":", 1)[1].split(" [")[0]
            obj = re.search(r"\[(.*?)\]", what_)
            rows.append((ir, fn, os.path.basename(obj.group(1)) if obj else ""))
        return total, rows

    total, incl = parse_cg("callgrind_inclusive.txt")
    _, excl = parse_cg("callgrind_exclusive.txt")
    P(f"Total: {total:,} instructions, {total / cg_n:,.0f} per clause.")
    P("")
    ir_of = {}
    for ir, fn, obj in incl:
        ir_of.setdefault(fn, ir)

    def stage(*names):
        """The first of NAMES that the profile has (functions get renamed)."""
        return next((ir_of[n] for n in names if n in ir_of), 0)

    stages = [
        ("load the model", stage("themes_model_load")),
        ("read and parse the input", stage("themes_reader_next")),
        ("tokenize (case folding, stemming, stop words)",
         stage("themes_tokenize_with", "themes_tokenize")),
        ("rest of the TF-IDF vector (term lookup, weights, sorting)",
         stage("themes_featurizer_vector")
         - stage("themes_tokenize_with", "themes_tokenize")),
        ("SVM decision values and probabilities",
         stage("themes_classify") - stage("themes_featurizer_vector")),
        ("write the CSV rows", stage("write_rows")),
    ]
    if all(v > 0 for _, v in stages):
        P("By stage (inclusive costs of the stage's entry function; the rest is "
          "start-up and glue):")
        P("")
        P("| stage | Ir | % | per clause |")
        P("|---|---|---|---|")
        for name, v in stages:
            P(f"| {name} | {v:,} | {100 * v / total:.1f} | {v / cg_n:,.0f} |")
        P("")
    skip = re.compile(r"^(0x[0-9a-f]+|\(below main\)|__libc_start_main.*|_start|main)$")
    incl = [r for r in incl if not skip.match(r[1])]
    P("Top functions by inclusive cost (the function and everything it calls):")
    P("")
    P("| inclusive Ir | % | function | object |")
    P("|---|---|---|---|")
    for ir, fn, obj in incl[:15]:
        P(f"| {ir:,} | {100 * ir / total:.1f} | `{fn}` | {obj} |")
    P("")
    P("Top functions by self cost:")
    P("")
    P("| self Ir | % | function | object |")
    P("|---|---|---|---|")
    for ir, fn, obj in excl[:12]:
        P(f"| {ir:,} | {100 * ir / total:.1f} | `{fn}` | {obj} |")
    P("")
    P("The full annotated listings are `build/bench/results/callgrind_inclusive.txt` "
      "and `callgrind_exclusive.txt`.")
    P("")

os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    f.write("\n".join(L).rstrip("\n") + "\n")
