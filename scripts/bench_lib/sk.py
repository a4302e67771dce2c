#!/usr/bin/env python3
"""scikit-learn reference pipelines for scripts/bench.

  sk.py train KIND TRAIN.csv -o MODEL.pkl [--json INFO]   fit (stemmed: C by grouped 5-fold CV)
  sk.py predict MODEL.pkl INPUT [-o OUT] [--timing FILE]   transform + predict
  sk.py fit KIND TRAIN.csv [-C C] [--timing FILE]          fit only, for timing
  sk.py svmlight TRAIN.csv OUT                             stemmed features, libsvm format

KIND is `stemmed` (PyStemmer Snowball English, TF-IDF 1-2-grams, sublinear tf,
LinearSVC, C chosen by GridSearchCV macro-F1 over 5 GroupKFold folds of TRAIN
grouped by its `writer` column, so no writer is on both sides of a fold) or
`default` (TfidfVectorizer() + LinearSVC(), all defaults).

--timing FILE appends one JSON line of timings measured inside Python
(time.perf_counter): predict records reading the input, transform+predict and
writing the labels separately; fit records the TF-IDF fit_transform and the
LinearSVC fit.  The whole process (interpreter start-up, imports, unpickling)
is what hyperfine times around it.
"""
import argparse
import json
import os
import pickle
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import THEMES, log_timing, read_labelled, read_rows, read_texts  # noqa: E402

COSTS = [0.03, 0.1, 0.3, 1, 3, 10]


class StemAnalyzer:
    """lower-case, sklearn's default token pattern, Snowball stem, 1-2-grams."""
    _tok = re.compile(r"(?u)\b\w\w+\b")

    def __init__(self):
        self._stemmer = None

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self._stemmer = None

    def __call__(self, doc):
        if self._stemmer is None:
            import Stemmer
            self._stemmer = Stemmer.Stemmer("english")
        toks = self._stemmer.stemWords(self._tok.findall(doc.lower()))
        return toks + [a + " " + b for a, b in zip(toks, toks[1:])]


def pipeline(kind, C=1.0):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC
    if kind == "stemmed":
        vec = TfidfVectorizer(analyzer=StemAnalyzer(), sublinear_tf=True)
    elif kind == "default":
        vec = TfidfVectorizer()
    else:
        sys.exit(f"sk: unknown kind {kind!r} (stemmed or default)")
    return Pipeline([("tfidf", vec), ("svm", LinearSVC(C=C))])


def load_xy(path):
    rows = read_labelled(path)
    return [r[1] for r in rows], [r[2] for r in rows]


FOLDS = 5


def cmd_train(a):
    rows = read_rows(a.train)
    X = [r["text"] for r in rows]
    y = [r["theme"] for r in rows]
    info = {"kind": a.kind}
    t0 = time.perf_counter()
    if a.kind == "stemmed":
        from sklearn.model_selection import GridSearchCV, GroupKFold
        groups = [r["writer"] for r in rows]
        gs = GridSearchCV(pipeline(a.kind), {"svm__C": COSTS},
                          cv=GroupKFold(n_splits=FOLDS), scoring="f1_macro",
                          n_jobs=1)
        gs.fit(X, y, groups=groups)
        model = gs.best_estimator_
        info.update(cv=f"GroupKFold({FOLDS}) by writer",
                    writers=len(set(groups)),
                    C=gs.best_params_["svm__C"], cv_macro_f1=gs.best_score_,
                    grid={str(c): s for c, s in
                          zip(COSTS, gs.cv_results_["mean_test_score"])})
    else:
        model = pipeline(a.kind).fit(X, y)
        info.update(C=1.0)
    info["train_seconds"] = time.perf_counter() - t0
    info["features"] = len(model.named_steps["tfidf"].vocabulary_)
    with open(a.output, "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(info, f, indent=1)
    print(json.dumps(info), file=sys.stderr)


def cmd_predict(a):
    with open(a.model, "rb") as f:
        model = pickle.load(f)
    t0 = time.perf_counter()
    texts = read_texts(a.input)
    t1 = time.perf_counter()
    c1 = time.process_time()
    pred = model.predict(texts)
    t2 = time.perf_counter()
    c2 = time.process_time()
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    if a.ids:
        ids = [r[0] for r in read_labelled(a.input)]
        out.write("id,theme\n")
        out.writelines(f"{i},{p}\n" for i, p in zip(ids, pred))
    else:
        out.writelines(p + "\n" for p in pred)
    if out is not sys.stdout:
        out.close()
    t3 = time.perf_counter()
    log_timing(a.timing, n=len(texts), read_s=t1 - t0, predict_s=t2 - t1,
               predict_cpu_s=c2 - c1, write_s=t3 - t2)


def cmd_fit(a):
    X, y = load_xy(a.train)
    p = pipeline(a.kind, a.C)
    # what Pipeline.fit does, with each step timed
    t0, c0 = time.perf_counter(), time.process_time()
    Xm = p.named_steps["tfidf"].fit_transform(X)
    t1 = time.perf_counter()
    p.named_steps["svm"].fit(Xm, y)
    t2, c2 = time.perf_counter(), time.process_time()
    log_timing(a.timing, n=len(X), features=Xm.shape[1], nonzeros=int(Xm.nnz),
               vectorize_s=t1 - t0, svm_s=t2 - t1, fit_s=t2 - t0,
               fit_cpu_s=c2 - c0)


def cmd_svmlight(a):
    from sklearn.datasets import dump_svmlight_file
    X, y = load_xy(a.train)
    vec = pipeline("stemmed").named_steps["tfidf"]
    Xm = vec.fit_transform(X)
    dump_svmlight_file(Xm, [THEMES.index(t) + 1 for t in y], a.output,
                       zero_based=False)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("train")
    p.add_argument("kind")
    p.add_argument("train")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--json")
    p = sub.add_parser("predict")
    p.add_argument("model")
    p.add_argument("input")
    p.add_argument("-o", "--output", default="-")
    p.add_argument("--ids", action="store_true", help="input is labelled; write id,theme")
    p.add_argument("--timing", metavar="FILE",
                   help="append in-process timings (JSON line) to FILE")
    p = sub.add_parser("fit")
    p.add_argument("kind")
    p.add_argument("train")
    p.add_argument("-C", type=float, default=1.0)
    p.add_argument("--timing", metavar="FILE",
                   help="append in-process timings (JSON line) to FILE")
    p = sub.add_parser("svmlight")
    p.add_argument("train")
    p.add_argument("output")
    a = ap.parse_args()
    {"train": cmd_train, "predict": cmd_predict, "fit": cmd_fit,
     "svmlight": cmd_svmlight}[a.cmd](a)


if __name__ == "__main__":
    main()
