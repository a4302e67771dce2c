"""python_test.py - the Python binding (python/themes) against libthemes.so
and the themes program: loading (default models too), labels, classify
(NumPy and plain lists, any thread count), explain, segment, errors, and
agreement with `themes classify`, `--explain` and `themes segment`.

Usage: THEMES_LIBRARY=build/libthemes.so PYTHONPATH=python \
           /usr/bin/python3 tests/python_test.py THEMES_BINARY REPO_ROOT
"""

import csv
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest

THEMES, ROOT = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
for variable in ("THEMES_MODEL", "THEMES_MODEL_DIR"):
    os.environ.pop(variable, None)

import themes  # noqa: E402 (after the environment is set)

MODELS = os.path.join(ROOT, "models")
DEFAULT = os.path.join(MODELS, "default.model")
SIX = ["endure", "history", "counter_hegemony", "china_lead", "multipolar",
       "legitimacy"]
CLAUSES = [
    "The two sides will extend the treaty of friendship for another term.",
    "Both nations paid an enormous price to defeat fascism.",
    "The sides oppose unilateral sanctions and long-arm jurisdiction.",
    "Russia supports the Global Development Initiative put forward by China.",
    "BRICS and the SCO should be strengthened.",
    "Sovereignty and territorial integrity must be respected by all.",
    "qqqq zzzz",
]


def cli(*args, stdin=None):
    done = subprocess.run([THEMES, *args], input=stdin, capture_output=True,
                          text=True, check=True)
    return list(csv.DictReader(io.StringIO(done.stdout)))


class Header(unittest.TestCase):
    def test_constants_match_themes_h(self):
        with open(os.path.join(ROOT, "pipeline", "themes.h")) as f:
            header = f.read()
        self.assertEqual(themes.version(), re.search(
            r'#define THEMES_VERSION "([^"]+)"', header).group(1))
        self.assertEqual(themes.MAX_LABELS, int(re.search(
            r"#define THEMES_MAX_LABELS (\d+)", header).group(1)))


class Load(unittest.TestCase):
    def test_default_model_is_found_as_the_cli_finds_it(self):
        model = themes.Model.load()
        self.assertEqual(os.path.realpath(model.path), os.path.realpath(DEFAULT))
        self.assertEqual(model.labels, SIX)

    def test_default_model_by_language(self):
        model = themes.Model.load(language="russian")
        self.assertTrue(model.path.endswith("default-ru.model"))

    def test_environment(self):
        os.environ["THEMES_MODEL_DIR"] = MODELS
        try:
            self.assertEqual(themes.Model.load(language="chinese").path,
                             os.path.join(MODELS, "default-zh.model"))
        finally:
            del os.environ["THEMES_MODEL_DIR"]
        os.environ["THEMES_MODEL"] = os.path.join(MODELS, "default-ru.model")
        try:
            self.assertTrue(themes.Model.load().path.endswith("default-ru.model"))
            # An explicit language wins, as in the program.
            self.assertTrue(themes.Model.load(language="english").path
                            .endswith("default.model"))
        finally:
            del os.environ["THEMES_MODEL"]

    def test_path_and_close(self):
        with themes.Model.load(DEFAULT) as model:
            self.assertEqual(model.labels, SIX)
        with self.assertRaises(themes.Error):
            model.classify(["text"])


class Errors(unittest.TestCase):
    def test_missing_file(self):
        with self.assertRaises(themes.Error) as caught:
            themes.Model.load("/nonexistent/x.model")
        self.assertIn("/nonexistent/x.model", caught.exception.message)
        self.assertEqual(caught.exception.code, -2)  # THEMES_ERR_IO

    def test_damaged_model(self):
        with open(DEFAULT, "rb") as f:
            data = f.read()
        with tempfile.NamedTemporaryFile(suffix=".model") as damaged:
            damaged.write(data[: len(data) // 2])
            damaged.flush()
            with self.assertRaises(themes.Error) as caught:
                themes.Model.load(damaged.name)
        self.assertEqual(caught.exception.code, -4)  # THEMES_ERR_MODEL
        self.assertIn(damaged.name, str(caught.exception))

    def test_no_default_model_for_a_language(self):
        with self.assertRaises(themes.Error) as caught:
            themes.Model.load(language="german")
        self.assertIn("german", caught.exception.message)

    def test_missing_default_model_lists_the_places_looked(self):
        os.environ["THEMES_MODEL_DIR"] = "/nonexistent-folder"
        try:
            with self.assertRaises(themes.Error) as caught:
                themes.Model.load()
        finally:
            del os.environ["THEMES_MODEL_DIR"]
        self.assertIn("/nonexistent-folder/default.model", caught.exception.message)

    def test_bad_text_and_label(self):
        model = themes.Model.load(DEFAULT)
        with self.assertRaises(TypeError):
            model.classify([42])
        with self.assertRaises(themes.Error):
            model.explain(CLAUSES[0], 3, label="nonsense")


class Classify(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = themes.Model.load(DEFAULT)

    def test_agrees_with_the_cli(self):
        labels, probabilities = self.model.classify(CLAUSES)
        rows = cli("classify", "-m", DEFAULT, "-i", "text", "-",
                   stdin="\n".join(CLAUSES) + "\n")
        self.assertEqual(len(rows), len(CLAUSES))
        for row, label, scores in zip(rows, labels, probabilities):
            self.assertEqual(row["theme"] or None, label)
            for k, slug in enumerate(SIX):
                self.assertEqual(row[slug], "%.4f" % scores[k])
        self.assertIsNone(labels[-1])  # no known word
        self.assertEqual(list(probabilities[-1]), [0.0] * 6)

    def test_numpy_and_lists(self):
        labels, probabilities = self.model.classify(CLAUSES[:3])
        saved = themes.numpy
        themes.numpy = None
        try:
            labels2, lists = self.model.classify(CLAUSES[:3])
        finally:
            themes.numpy = saved
        self.assertEqual(labels, labels2)
        self.assertIsInstance(lists, list)
        self.assertEqual([len(row) for row in lists], [6, 6, 6])
        if saved is not None:
            self.assertEqual(probabilities.shape, (3, 6))
            self.assertEqual(probabilities.tolist(), lists)
            self.assertTrue(abs(probabilities.sum(axis=1) - 1).max() < 1e-9)

    def test_any_thread_count_and_python_threads(self):
        many = CLAUSES * 300
        expected = self.model.classify(many, threads=1)
        self.assertEqual(self.model.classify(many, threads=3)[0], expected[0])
        results = [None] * 4

        def run(i):
            results[i] = self.model.classify(many)[0]
        workers = [threading.Thread(target=run, args=(i,)) for i in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        self.assertEqual(results, [expected[0]] * 4)

    def test_one_text_bytes_and_empty_batches(self):
        labels, probabilities = self.model.classify(CLAUSES[1])
        self.assertEqual(labels, ["history"])
        self.assertEqual(self.model.classify([CLAUSES[1].encode()])[0], ["history"])
        labels, probabilities = self.model.classify([])
        self.assertEqual((labels, len(probabilities)), ([], 0))

    def test_russian(self):
        model = themes.Model.load(language="russian")
        labels, _ = model.classify(["Стороны выступают против односторонних санкций."])
        self.assertEqual(labels, ["counter_hegemony"])


class Explain(unittest.TestCase):
    def test_agrees_with_the_cli(self):
        model = themes.Model.load(DEFAULT)
        rows = cli("classify", "-m", DEFAULT, "--explain", "3", "-i", "text", "-",
                   stdin="\n".join(CLAUSES[:6]) + "\n")
        for clause, row in zip(CLAUSES, rows):
            label, terms = model.explain(clause, 3)
            self.assertEqual(label, row["theme"])
            self.assertEqual(";".join("%s:%+.3f" % t for t in terms),
                             row["explanation"])

    def test_other_label_and_unknown_text(self):
        model = themes.Model.load(DEFAULT)
        label, terms = model.explain(CLAUSES[1], 2, label="endure")
        self.assertEqual(label, "endure")
        self.assertLessEqual(len(terms), 2)
        self.assertEqual(model.explain("qqqq zzzz", 3), (None, []))

    def test_words_as_written(self):
        model = themes.Model.load(DEFAULT)
        clause = "The two sides oppose unilateral sanctions."
        _, words = model.explain(clause, 20, label="counter_hegemony")
        _, stems = model.explain(clause, 20, label="counter_hegemony", stems=True)
        self.assertEqual([c for _, c in words], [c for _, c in stems])
        shown = dict(zip((t for t, _ in stems), (w for w, _ in words)))
        self.assertEqual(shown.get("sanction"), "sanctions")
        self.assertEqual(shown.get("unilater sanction"), "unilateral sanctions")
        for written, _ in words:
            for word in written.split(" "):
                self.assertIn(word, clause)


class Segment(unittest.TestCase):
    def test_agrees_with_the_cli(self):
        path = os.path.join(ROOT, "tests", "data", "seed-article.txt")
        with open(path, encoding="utf-8") as f:
            clauses = themes.segment(f.read())
        rows = cli("segment", path)
        self.assertGreater(len(clauses), 10)
        self.assertEqual(clauses, [(r["text"], r["section"], int(r["line"]))
                                   for r in rows])

    def test_small(self):
        self.assertEqual(themes.segment("Title\n\nOne. Two.\n- three\n"),
                         [("One.", "Title", 3), ("Two.", "Title", 3),
                          ("three", "Title", 4)])
        self.assertEqual(themes.segment(""), [])


class ReadDocument(unittest.TestCase):
    DOCUMENTS = os.path.join(ROOT, "tests", "data", "documents")

    def test_agrees_with_the_cli(self):
        for name in ("ol-numbers.html", "ru-page-1251.html", "en-summit.html"):
            path = os.path.join(self.DOCUMENTS, name)
            text, numbers = themes.read_document(path)
            with open(path, "rb") as f:
                self.assertEqual(themes.read_document(f.read(), name=path),
                                 (text, numbers))
            rows = cli("segment", path)
            expected = []
            for row in rows:
                number = row["id"].partition("#")[2]
                expected.append((row["text"], row["section"], int(row["line"]),
                                 number))
            self.assertEqual([(c, s, l, numbers.get(l, ""))
                              for c, s, l in themes.segment(text)], expected)

    def test_numbers_and_encodings(self):
        _, numbers = themes.read_document(os.path.join(self.DOCUMENTS,
                                                       "ol-numbers.html"))
        self.assertIn("4", numbers.values())
        self.assertIn("IX", numbers.values())
        text, _ = themes.read_document(os.path.join(self.DOCUMENTS,
                                                    "ru-page-1251.html"))
        self.assertRegex(text, "[а-я]")
        with self.assertRaises(themes.Error) as caught:
            themes.read_document(b"<html><body><p>x</p></body></html>",
                                 encoding="no-such-encoding")
        self.assertIn("no-such-encoding", str(caught.exception))
        with self.assertRaises(ValueError):
            themes.read_document(b"x", kind="docx")


if __name__ == "__main__":
    unittest.main(verbosity=1)
