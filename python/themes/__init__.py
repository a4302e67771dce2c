"""themes: classify the clauses of diplomatic statements into themes.

A ctypes binding of libthemes.so: nothing to compile, and it runs with
Debian's /usr/bin/python3 as it is.

    import themes
    model = themes.Model.load()             # the default English model
    labels, probabilities = model.classify(["Both sides oppose sanctions."])
    model.labels                            # ['endure', 'history', ...]
    model.explain("Both sides oppose sanctions.", 5)
    themes.segment(open("statement.txt").read())

Batches are classified by one call into the library, over its OpenMP
threads, with the interpreter's lock released (ctypes releases it for every
call).  Errors raise themes.Error with the library's message.

The library is found by $THEMES_LIBRARY (a path) when set, then beside this
package where `cmake --install` put both, then by the dynamic linker
(libthemes.so.0).
"""

import ctypes
import os

try:
    import numpy
except ImportError:  # lists of lists instead of arrays
    numpy = None

__all__ = ["Error", "Model", "segment", "version"]

# From themes.h: the most labels a model has, the size of every score array.
MAX_LABELS = 32
_ERR_PARAM = -5


class Error(Exception):
    """A failure reported by libthemes: code is the themes_status (negative),
    line the input line it concerns (0 when none), message its text."""

    def __init__(self, message, code=-1, line=0):
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line


class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("line", ctypes.c_long),
                ("message", ctypes.c_char * 1024)]

    def raise_(self, status):
        message = self.message.decode("utf-8", "replace")
        raise Error(message or "libthemes error %d" % status,
                    self.code or status, self.line)


class _Prediction(ctypes.Structure):
    _fields_ = [("theme", ctypes.c_int), ("confidence", ctypes.c_double),
                ("scores", ctypes.c_double * MAX_LABELS)]


class _Contribution(ctypes.Structure):
    _fields_ = [("term", ctypes.c_char_p), ("contribution", ctypes.c_double)]


class _DocumentOptions(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("encoding", ctypes.c_char_p),
                ("replace_invalid", ctypes.c_int)]


class _DocumentItem(ctypes.Structure):
    _fields_ = [("line", ctypes.c_long), ("number", ctypes.c_char * 24)]


class _Document(ctypes.Structure):
    _fields_ = [("text", ctypes.c_void_p), ("length", ctypes.c_size_t),
                ("items", ctypes.POINTER(_DocumentItem)),
                ("item_count", ctypes.c_size_t)]


_DOCUMENT_KINDS = {"auto": 0, "text": 1, "html": 2, "pdf": 3}


_CLAUSE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                              ctypes.c_char_p, ctypes.c_long, ctypes.c_void_p)


def _library_candidates():
    path = os.environ.get("THEMES_LIBRARY")
    if path:
        return [path]
    candidates = []
    try:
        from . import _installed
        here = os.path.dirname(os.path.abspath(__file__))
        candidates.append(os.path.normpath(os.path.join(here, _installed.LIBRARY)))
    except ImportError:  # not installed: a source tree
        pass
    candidates.append("libthemes.so.0")
    return candidates


def _open_library():
    tried = []
    for candidate in _library_candidates():
        try:
            lib = ctypes.CDLL(candidate)
            break
        except OSError as e:
            tried.append(str(e))
    else:
        raise ImportError("themes: cannot load libthemes (set THEMES_LIBRARY "
                          "to its path): " + "; ".join(tried))
    P, E = ctypes.POINTER, ctypes.POINTER(_Error)
    handle, text, size = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
    signatures = {
        "themes_version": (text, []),
        "themes_default_model": (ctypes.c_int, [text, ctypes.c_char_p, size, E]),
        "themes_model_load": (ctypes.c_int, [P(handle), text, E]),
        "themes_model_free": (None, [P(handle)]),
        "themes_model_codebook": (handle, [handle]),
        "themes_codebook_count": (ctypes.c_int, [handle]),
        "themes_codebook_label": (text, [handle, ctypes.c_int]),
        "themes_classify_batch": (ctypes.c_int, [handle, P(text), P(size), size,
                                                 ctypes.c_int, P(_Prediction), E]),
        "themes_classifier_new": (ctypes.c_int, [P(handle), handle, E]),
        "themes_classifier_free": (None, [handle]),
        "themes_classify": (ctypes.c_int, [handle, text, size, P(_Prediction)]),
        "themes_explain": (ctypes.c_int, [handle, text, size, ctypes.c_int,
                                          P(_Contribution), ctypes.c_int]),
        "themes_explain_words": (ctypes.c_int, [handle, text, size, ctypes.c_int,
                                                P(_Contribution),
                                                P(ctypes.c_char_p), ctypes.c_int]),
        "themes_segment": (ctypes.c_int, [text, size, _CLAUSE_FN, ctypes.c_void_p]),
        "themes_document_read": (ctypes.c_int, [text, size, text,
                                                P(_DocumentOptions),
                                                P(_Document), E]),
        "themes_document_free": (None, [P(_Document)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = _open_library()


def version():
    """The version of the libthemes in use, e.g. "0.2.0"."""
    return _lib.themes_version().decode()


__version__ = version()


def _encode(text):
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError("themes: a text must be str or bytes, not %s"
                        % type(text).__name__)
    return text.encode("utf-8")


class Model:
    """A loaded model.  Use Model.load(); close() (or a with block) frees it
    at once, otherwise it is freed with the object.  One model may be used
    by any number of threads."""

    def __init__(self, handle, path):
        self._handle = handle
        self.path = path
        codebook = _lib.themes_model_codebook(handle)
        self.labels = [_lib.themes_codebook_label(codebook, k).decode("utf-8")
                       for k in range(_lib.themes_codebook_count(codebook))]

    @classmethod
    def load(cls, path=None, language=None):
        """Loads the model file at path.  Without a path: $THEMES_MODEL when
        it is set and no language is given, else the default model of
        language ("english", the default, "russian" or "chinese"), found
        where the themes program finds it ($THEMES_MODEL_DIR, or the
        folders of the installation)."""
        err = _Error()
        if path is None and language is None:
            path = os.environ.get("THEMES_MODEL") or None
        if path is None:
            found = ctypes.create_string_buffer(4096)
            status = _lib.themes_default_model(_encode(language or "english"),
                                               found, len(found), err)
            if status != 0:
                err.raise_(status)
            path = found.value.decode("utf-8", "surrogateescape")
        handle = ctypes.c_void_p()
        status = _lib.themes_model_load(ctypes.byref(handle),
                                        os.fsencode(path), err)
        if status != 0:
            err.raise_(status)
        return cls(handle, path)

    def close(self):
        """Frees the model; it cannot be used afterwards."""
        if getattr(self, "_handle", None):
            _lib.themes_model_free(ctypes.byref(self._handle))
            self._handle = None

    def __del__(self):
        if _lib is not None:  # (None at interpreter exit)
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "themes.Model(%r, labels=%r)" % (self.path, self.labels)

    def _live(self):
        if not self._handle:
            raise Error("themes: the model is closed", _ERR_PARAM)
        return self._handle

    def classify(self, texts, threads=0):
        """Classifies texts (a list of str or bytes; one str is a list of
        one).  Returns (labels, probabilities): the label of each text
        (None for a text with no word the model knows) and a matrix with a
        row per text and a column per label of self.labels (a NumPy array
        when NumPy is importable, else a list of lists).  threads: OpenMP
        threads, 0 for all cores; the result does not depend on it."""
        handle = self._live()
        if isinstance(texts, (str, bytes)):
            texts = [texts]
        encoded = [_encode(t) for t in texts]
        n, width = len(encoded), len(self.labels)
        predictions = (_Prediction * max(n, 1))()
        err = _Error()
        status = _lib.themes_classify_batch(
            handle, (ctypes.c_char_p * max(n, 1))(*encoded),
            (ctypes.c_size_t * max(n, 1))(*map(len, encoded)), n, threads,
            predictions, err)
        if status != 0:
            err.raise_(status)
        labels = [self.labels[predictions[i].theme]
                  if predictions[i].theme >= 0 else None for i in range(n)]
        if numpy is not None:
            first = _Prediction.scores.offset // 8
            rows = numpy.frombuffer(predictions, dtype=numpy.float64)
            rows = rows.reshape(-1, ctypes.sizeof(_Prediction) // 8)[:n]
            return labels, rows[:, first:first + width].copy()
        return labels, [list(predictions[i].scores[:width]) for i in range(n)]

    def explain(self, text, k=10, label=None, stems=False):
        """The k terms of text that push most towards label (by default the
        label the model gives it), as (label, [(words, contribution), ...]),
        largest contribution first, each term shown as the words of text it
        was read from (as `themes classify --explain` shows them); with
        stems=True, as the model's own terms (stems, "word word" bigrams,
        "#" character n-grams).  (None, []) when the model knows no word of
        text.  Linear models only."""
        handle = self._live()
        data = _encode(text)
        err = _Error()
        classifier = ctypes.c_void_p()
        status = _lib.themes_classifier_new(ctypes.byref(classifier), handle, err)
        if status != 0:
            err.raise_(status)
        try:
            if label is None:
                prediction = _Prediction()
                status = _lib.themes_classify(classifier, data, len(data),
                                              ctypes.byref(prediction))
                if status != 0:
                    raise Error("themes: out of memory", status)
                if prediction.theme < 0:
                    return None, []
                label = self.labels[prediction.theme]
            elif label not in self.labels:
                raise Error('themes: no label "%s" in the model (labels: %s)'
                            % (label, ", ".join(self.labels)), _ERR_PARAM)
            out = (_Contribution * max(k, 1))()
            words = (ctypes.c_char_p * max(k, 1))()
            count = _lib.themes_explain_words(classifier, data, len(data),
                                              self.labels.index(label), out,
                                              words, k)
            if count == _ERR_PARAM:
                raise Error("themes: explanations need a linear model (an "
                            "RBF model's decision does not split by term), "
                            "and k must not be negative", count)
            if count < 0:
                raise Error("themes: out of memory", count)
            shown = [out[i].term if stems else words[i] for i in range(count)]
            return label, [(shown[i].decode("utf-8", "replace"),
                            out[i].contribution) for i in range(count)]
        finally:
            _lib.themes_classifier_free(classifier)


def read_document(source, kind="auto", encoding=None, replace_invalid=False,
                  name=None):
    """A published statement as the text `segment` reads, as `themes
    segment` and `classify --statement` read it: source is a path or the
    document's bytes; kind is "auto" (PDF by %PDF-, HTML by its markup,
    else text), "text", "html" or "pdf"; encoding an iconv name that
    overrides the byte-order mark and the page's <meta charset>;
    replace_invalid turns bytes invalid in that encoding into U+FFFD
    instead of an error.  Returns (text, numbers): numbers maps the line
    where an item of an HTML numbered list starts (the line `segment`
    gives its clause) to its number as the page shows it ("4", "y",
    "IV")."""
    if kind not in _DOCUMENT_KINDS:
        raise ValueError("themes: kind must be one of %s, not %r"
                         % (", ".join(_DOCUMENT_KINDS), kind))
    if isinstance(source, (bytes, bytearray)):
        data, name = bytes(source), name or "document"
    else:
        path = os.fspath(source)
        with open(path, "rb") as f:
            data = f.read()
        name = name or path
    options = _DocumentOptions(_DOCUMENT_KINDS[kind],
                               encoding.encode("utf-8") if encoding else None,
                               1 if replace_invalid else 0)
    document = _Document()
    err = _Error()
    try:
        status = _lib.themes_document_read(data, len(data), _encode(name),
                                           ctypes.byref(options),
                                           ctypes.byref(document), err)
        if status != 0:
            err.raise_(status)
        text = ctypes.string_at(document.text, document.length).decode(
            "utf-8", "replace")
        numbers = {document.items[i].line:
                   document.items[i].number.decode("utf-8", "replace")
                   for i in range(document.item_count)}
        return text, numbers
    finally:
        _lib.themes_document_free(ctypes.byref(document))


def segment(text):
    """Splits the text of a whole statement into clauses, as
    `themes segment` does: a list of (clause, section, line), where section
    is the heading above the clause ("" before any) and line the 1-based
    line where it starts."""
    data = _encode(text)
    clauses = []

    def collect(clause, length, section, line, user):
        clauses.append((ctypes.string_at(clause, length).decode("utf-8", "replace"),
                        section.decode("utf-8", "replace"), line))
        return 0

    status = _lib.themes_segment(data, len(data), _CLAUSE_FN(collect), None)
    if status != 0:
        raise Error("themes: out of memory", status)
    return clauses
