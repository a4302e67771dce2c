/*
 * themes.h - the public interface of libthemes.
 *
 * libthemes reads labelled clauses, turns them into TF-IDF vectors of
 * Snowball-stemmed unigrams and bigrams (for Chinese, of Han characters and
 * character pairs), trains a libsvm classifier over the
 * labels of a codebook (by default the six analytical themes of THEMES.md),
 * and applies it to new text.
 *
 * Conventions, as in libsvm and CRFsuite:
 *  - every exported name starts with themes_ or THEMES_;
 *  - functions that can fail return a themes_status (THEMES_OK is 0, errors
 *    are negative) and fill a caller-owned themes_error, so that OpenMP
 *    threads never share error state;
 *  - the library never prints and never exits;
 *  - objects are opaque; *_free functions accept NULL;
 *  - everything declared here, and nothing else, is exported by
 *    libthemes.so (the library is built with hidden visibility).
 *
 * Threads: a themes_model is read-only after themes_model_load or
 * themes_train and may be shared by any number of threads.  A
 * themes_classifier owns a Snowball stemmer and scratch buffers and must be
 * used by one thread at a time: create one per thread.  Load models before
 * entering a parallel region.
 */
#ifndef THEMES_H
#define THEMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The declarations below keep default visibility when libthemes is built
 * with -fvisibility=hidden: they are the shared library's exports. */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

/** The version of this header; themes_version() gives the library's.  It
 *  must equal the project version in CMakeLists.txt. */
#define THEMES_VERSION "0.2.0"

/** The version of the library in use ("0.2.0"): the one it was built as,
 *  which may differ from THEMES_VERSION of the header a program was
 *  compiled with. */
const char *themes_version(void);

/** Most labels a codebook may hold. */
#define THEMES_MAX_LABELS 32
/** Longest label slug, in bytes. */
#define THEMES_MAX_SLUG 64

typedef enum themes_status {
	THEMES_OK = 0,
	THEMES_ERR_NOMEM = -1, /**< out of memory */
	THEMES_ERR_IO = -2,    /**< a file could not be opened, read or written */
	THEMES_ERR_DATA = -3,  /**< malformed input data (CSV, labels, text) */
	THEMES_ERR_MODEL = -4, /**< a model file is damaged, truncated or too new */
	THEMES_ERR_PARAM = -5  /**< an option is out of range */
} themes_status;

/** Filled by a failing call.  message is one line, without a trailing
 *  newline, already prefixed by "FILE:LINE: " where those apply. */
typedef struct themes_error {
	int code;          /**< the themes_status returned */
	long line;         /**< 1-based input line, 0 when not applicable */
	char message[1024];
} themes_error;

/* ------------------------------------------------------------------ */
/* codebook.c: the label set                                            */
/* ------------------------------------------------------------------ */

/** The labels a model assigns, in a fixed order, each with an optional
 *  description.  Labels are data: they come from a codebook file or from
 *  the labels a training corpus uses, and the model stores them. */
typedef struct themes_codebook themes_codebook;

/** Reads a codebook file: one label per line, optionally followed by
 *  whitespace and a description; blank lines and lines starting with # are
 *  skipped.  A label is 1-64 bytes without spaces, commas, semicolons,
 *  quotes or control characters.  At least 2 and at most
 *  THEMES_MAX_LABELS labels. */
int themes_codebook_read(themes_codebook **out, const char *path,
                         themes_error *err);

/** A codebook of count labels (descriptions may be NULL). */
int themes_codebook_new(themes_codebook **out, const char *const *slugs,
                        const char *const *descriptions, int count,
                        themes_error *err);

int themes_codebook_copy(themes_codebook **out, const themes_codebook *codebook,
                         themes_error *err);

int themes_codebook_count(const themes_codebook *codebook);
/** The slug of label k, or "" when k is out of range. */
const char *themes_codebook_label(const themes_codebook *codebook, int k);
/** The description of label k ("" when none). */
const char *themes_codebook_description(const themes_codebook *codebook, int k);
/** The index of an exact slug, or -1. */
int themes_codebook_index(const themes_codebook *codebook, const char *slug);
/** "a, b, c": the slugs for messages; owned by the codebook. */
const char *themes_codebook_list(const themes_codebook *codebook);
/** 1 when a and b have the same labels in the same order (descriptions
 *  aside), else 0. */
int themes_codebook_same_labels(const themes_codebook *a,
                                const themes_codebook *b);

/** The label closest to slug (ignoring case, spaces, hyphens and
 *  underscores, by edit distance), among the labels k with candidates[k]
 *  set (all when candidates is NULL) other than slug itself; -1 when none
 *  is near enough to be a likely typo. */
int themes_codebook_closest(const themes_codebook *codebook, const char *slug,
                            const unsigned char *candidates);

void themes_codebook_free(themes_codebook *codebook);

/* ------------------------------------------------------------------ */
/* read.c: streaming reader for CSV (RFC 4180) and plain text           */
/* ------------------------------------------------------------------ */

typedef enum themes_format {
	THEMES_FORMAT_AUTO = 0, /**< see themes_detect_format */
	THEMES_FORMAT_CSV,
	THEMES_FORMAT_TEXT,     /**< one clause per line */
	THEMES_FORMAT_TSV       /**< CSV with tabs between the fields */
} themes_format;

/** How to read an input; a NULL options pointer or NULL fields mean the
 *  defaults. */
typedef struct themes_read_options {
	themes_format format;    /**< THEMES_FORMAT_AUTO */
	const char *text_column; /**< "text" */
	const char *id_column;   /**< "id" */
} themes_read_options;

typedef struct themes_reader themes_reader;

/** One input row.  The strings are owned by the reader and stay valid until
 *  the next call of themes_reader_next or themes_reader_close.  Columns
 *  absent from the input are NULL. */
typedef struct themes_record {
	const char *id;
	const char *text;
	size_t text_length;
	long line; /**< line where the row starts (the header is line 1) */
	long row;  /**< 1-based data row number */
} themes_record;

/** The format THEMES_FORMAT_AUTO chooses for an input called path (NULL
 *  for a stream) that begins with head[0..length-1]:
 *   - a name ending in .csv is CSV, one ending in .tsv is TSV;
 *   - otherwise a first line that parses as a header of identifier-like
 *     names (letters, digits, _ . -; no spaces) is TSV when split by tabs,
 *     CSV when split by commas; a one-field line is a header only when it
 *     is the text column's name;
 *   - anything else is plain text.
 *  text_column NULL means "text". */
themes_format themes_detect_format(const char *path, const char *head,
                                   size_t length, const char *text_column);

/** Opens path ("-" is standard input) for reading rows.  A UTF-8 byte-order
 *  mark is skipped; CRLF, LF and lone CR line ends are accepted.  CSV and
 *  TSV inputs must have a header naming the text column; an empty CSV or
 *  TSV input is an error, an empty plain-text input has no rows.  Free with
 *  themes_reader_close. */
int themes_reader_open(themes_reader **out, const char *path,
                       const themes_read_options *options, themes_error *err);

/** Like themes_reader_open, for an already open stream that the reader does
 *  not close.  name is used in messages and, for THEMES_FORMAT_AUTO, in
 *  format detection (pass "<stdin>" or similar when it has no file name). */
int themes_reader_open_stream(themes_reader **out, FILE *stream,
                              const char *name,
                              const themes_read_options *options,
                              themes_error *err);

/** Reads the next row: returns 1 and fills rec, 0 at the end of input, or a
 *  negative themes_status with err filled (the reader is then unusable). */
int themes_reader_next(themes_reader *reader, themes_record *rec,
                       themes_error *err);

/** The value of the named column in the row last read, or NULL when the
 *  header has no such column (or the input is plain text). */
const char *themes_reader_field(const themes_reader *reader, const char *name);

/** The format actually being read (after detection). */
themes_format themes_reader_format(const themes_reader *reader);

/** Whether the header has a column of that exact name. */
int themes_reader_has_column(const themes_reader *reader, const char *name);

/** The name given in messages (the path, or "<stdin>"). */
const char *themes_reader_name(const themes_reader *reader);

void themes_reader_close(themes_reader *reader);

/* ------------------------------------------------------------------ */
/* corpus.c: a labelled corpus held in memory                           */
/* ------------------------------------------------------------------ */

typedef struct themes_corpus themes_corpus;

/** Where a labelled CSV keeps its fields; NULL names mean the defaults
 *  ("id", "text", "theme", "secondary").  group names an extra column whose
 *  values are kept per row (for grouped cross-validation), NULL for none. */
typedef struct themes_corpus_columns {
	const char *id, *text, *theme, *secondary, *group;
	const char *by; /**< an extra column kept for per-value reports */
} themes_corpus_columns;

/** Reads a labelled CSV (columns id, text, theme; secondary and source
 *  optional).  With a codebook, every label must be one of its labels and
 *  the corpus uses its order; with codebook NULL the labels are those the
 *  primary column uses, in bytewise order (at most THEMES_MAX_LABELS).
 *  Rejects unknown labels (listing the valid ones), secondaries equal to the
 *  primary or more than two, duplicate ids and empty texts, with the line of
 *  the offending row.  columns may be NULL.  Free with themes_corpus_free. */
int themes_corpus_read(themes_corpus **out, const char *path,
                       const themes_codebook *codebook,
                       const themes_corpus_columns *columns,
                       themes_error *err);

size_t themes_corpus_size(const themes_corpus *corpus);
const char *themes_corpus_id(const themes_corpus *corpus, size_t i);
const char *themes_corpus_text(const themes_corpus *corpus, size_t i);
/** Primary label index of row i (in themes_corpus_codebook's order). */
int themes_corpus_theme(const themes_corpus *corpus, size_t i);
/** Bit k set when label k is a secondary label of row i. */
unsigned themes_corpus_secondary(const themes_corpus *corpus, size_t i);
/** The value of the group column in row i ("" without one). */
const char *themes_corpus_group(const themes_corpus *corpus, size_t i);
/** The value of the `by` column in row i ("" without one). */
const char *themes_corpus_by(const themes_corpus *corpus, size_t i);
/** The corpus's labels (owned by the corpus). */
const themes_codebook *themes_corpus_codebook(const themes_corpus *corpus);
/** Input line of row i, for messages. */
long themes_corpus_line(const themes_corpus *corpus, size_t i);
const char *themes_corpus_name(const themes_corpus *corpus);
/** Appends a copy of every row of other to corpus (to train on both, as
 *  `themes annotate --seed-train` does).  Both must have the same labels in
 *  the same order; otherwise THEMES_ERR_PARAM names both label lists.  Ids
 *  are not checked against corpus's own (training does not use them), and
 *  themes_corpus_line of an appended row is its line in other's file. */
int themes_corpus_append(themes_corpus *corpus, const themes_corpus *other,
                         themes_error *err);
void themes_corpus_free(themes_corpus *corpus);

/* ------------------------------------------------------------------ */
/* tokenize.c and stem.c                                                */
/* ------------------------------------------------------------------ */

/** Bits of a token's flags. */
enum {
	/** An all-capital abbreviation such as "U.S.", "UN" or "NATO", which
	 *  bypasses stop words and stemming. */
	THEMES_TOKEN_ACRONYM = 1,
	/** No bigram joins this token to the one before: punctuation, or a
	 *  change between Han characters and other words, lies between them.
	 *  Set only under THEMES_TOKENS_CHINESE. */
	THEMES_TOKEN_BREAK = 2
};

/** Called once per token; token is NUL-terminated, case-folded UTF-8 and only
 *  valid during the call.  flags holds THEMES_TOKEN_* bits; themes_tokenize
 *  sets only THEMES_TOKEN_ACRONYM, so it may be read as a boolean there. */
typedef void (*themes_token_fn)(const char *token, size_t length, int flags,
                                void *user);

/** Splits UTF-8 text into word tokens: letters and digits, Unicode case
 *  folding, curly and straight apostrophes joined ("don't" -> "dont",
 *  possessive "'s" dropped), hyphens and dashes split compounds, dotted
 *  abbreviations joined ("U.S." -> "us").  Quotes of every kind (" ' “ ” «
 *  » „ ...) and other punctuation separate words.  Invalid UTF-8 bytes act
 *  as separators and never stop the scan.  Thread-safe. */
void themes_tokenize(const char *text, size_t length, themes_token_fn fn,
                     void *user);

/** What a language changes in tokenizing (themes_language_rules). */
typedef enum themes_token_rules {
	THEMES_TOKENS_DEFAULT = 0, /**< as themes_tokenize */
	/** ё folds to е (after case folding, so Ё too), also when written as
	 *  е and a combining diaeresis. */
	THEMES_TOKENS_RUSSIAN,
	/** Each Han character (CJK Unified Ideographs with their extensions,
	 *  and compatibility ideographs, mapped to their unified form) is a
	 *  token of its own; Latin words and numbers stay words.  Full-width
	 *  forms are read as their ASCII equivalents (NFKC: "ＡＢＣ１２３" ->
	 *  "abc123", full-width punctuation separates).  Traditional and
	 *  simplified characters are kept as written.  THEMES_TOKEN_BREAK marks
	 *  a token that punctuation, or a change between Han and other text,
	 *  separates from the one before; whitespace alone does not. */
	THEMES_TOKENS_CHINESE
} themes_token_rules;

/** themes_tokenize under the rules of a language.  Thread-safe. */
void themes_tokenize_with(const char *text, size_t length,
                          themes_token_rules rules, themes_token_fn fn,
                          void *user);

/** The tokenizing rules of a training language: THEMES_TOKENS_RUSSIAN for
 *  "russian", THEMES_TOKENS_CHINESE for "chinese", otherwise the default. */
themes_token_rules themes_language_rules(const char *language);

/** Whether language can be trained: "english", "russian", "chinese" or any
 *  other libstemmer algorithm ("porter", "german", ...). */
int themes_language_known(const char *language);

/** Writes the languages themes_language_known accepts, for messages, into
 *  out (at most size bytes, NUL-terminated). */
void themes_language_list(char *out, size_t size);

/** The scripts themes_detect_script tells apart. */
typedef enum themes_script {
	THEMES_SCRIPT_LATIN = 0,
	THEMES_SCRIPT_CYRILLIC,
	THEMES_SCRIPT_HAN
} themes_script;

/** The script most letters of text[0..length-1] are written in, among
 *  Latin, Cyrillic and Han (CJK ideographs): a plurality of letters, ties
 *  going to the earlier of that order, Latin when there is no letter.
 *  Other scripts, digits, punctuation and invalid bytes are not counted.
 *  counts, when not NULL, receives the letters of each script (indexed by
 *  themes_script).  A code point cut off at the end of text is skipped. */
themes_script themes_detect_script(const char *text, size_t length,
                                   size_t counts[3]);

/** The language whose default model reads a script: "english" (Latin),
 *  "russian" (Cyrillic) or "chinese" (Han); static storage. */
const char *themes_script_language(themes_script script);

typedef struct themes_stemmer themes_stemmer;

/** A Snowball stemmer with a cache of earlier results.  language is a
 *  libstemmer algorithm name ("english", "russian", ...).  One per thread. */
int themes_stemmer_new(themes_stemmer **out, const char *language,
                       themes_error *err);

/** Stems a case-folded word.  The result is owned by the stemmer and valid
 *  until the next call.  Returns NULL only when out of memory. */
const char *themes_stem(themes_stemmer *stemmer, const char *word,
                        size_t length, size_t *stem_length);

/** Number of themes_stem calls answered from the cache (for tests). */
unsigned long themes_stemmer_cache_hits(const themes_stemmer *stemmer);

void themes_stemmer_free(themes_stemmer *stemmer);

/** NULL-terminated list of the stemmer languages libstemmer offers. */
const char **themes_stemmer_languages(void);

/* ------------------------------------------------------------------ */
/* segment*.c: whole statements to clauses                              */
/* ------------------------------------------------------------------ */

/** Called once per clause found by themes_segment.  clause is the clause's
 *  text (NUL-terminated, whitespace-trimmed; valid only during the call);
 *  section is the most recent heading above it ("" before any heading);
 *  line is the 1-based line where the clause starts. */
typedef int (*themes_clause_fn)(const char *clause, size_t length,
                                const char *section, long line, void *user);

/** Splits the text of a whole statement into clauses: sentences (split
 *  correctly around abbreviations such as U.S., U.N., No., e.g., i.e., St.,
 *  Art., initials, numbers and quotes), bullet lines (-, *, the bullet
 *  character, en dash) and numbered items (1., 2), (a), I., II.).  Headings
 *  (short title-case or all-capital lines, "Section III: ...", table-of-
 *  contents lines) are not clauses: they become the section of the clauses
 *  below them.  A bullet of the form "Title: text" stays one clause.
 *  Bullets and numbered items are one clause each, whatever they hold, with
 *  their marker removed; other lines are joined into paragraphs (a blank
 *  line ends one) and split into sentences.  The first line is the title
 *  when it has no final stop.  A stop followed by a closing quote always
 *  ends a sentence ("He said "No." Then left." is two clauses).
 *
 *  Russian: т. е., ст., см., ул., ... and Cyrillic initials (В. В. Путин)
 *  never end a sentence; г., гг., млн., руб., ... end one only before a
 *  line break or an opener such as "В" or "Это"; the list closers т. д.,
 *  т. п., и др. end one before a capital.  Items а), б); headings "Раздел
 *  II", "Статья 5. Title", and short sentence-case lines (with or without
 *  a Roman numeral) before a new sentence.  Chinese: 。！？ (and . ! ?
 *  before Chinese text) end a sentence without a space, closing quotes
 *  and brackets staying with it; ； ends a clause in an enumeration
 *  (two or more ；, or one before 二是, （二）, ...); 一、 （一） (1) 1.
 *  第一条 第一章 before a short title without punctuation make a heading
 *  when body text follows, before a full sentence an item.  The ideographic
 *  space counts as white space, and a line break between Chinese characters
 *  is dropped.  README.md lists the rules in full.
 *
 *  CRLF, LF and CR line ends are accepted; invalid UTF-8 is kept as is.
 *  Linear time.  Returns THEMES_OK, the first non-zero value fn returned
 *  (fn is then not called again), or THEMES_ERR_NOMEM. */
int themes_segment(const char *text, size_t length, themes_clause_fn fn,
                   void *user);

/** Whether plain text looks like a whole statement rather than one clause
 *  per line, judged as themes_segment reads it (in any of its languages):
 *  at least two lines on which four or more clauses start (paragraphs of
 *  prose), or clauses under a heading and at least two lines starting a
 *  bullet or numbered item, these making up a fifth of the non-blank lines
 *  (numbered headings and table-of-contents entries are not items).  head
 *  is the start of the text (or all of it); unless complete is non-zero, a
 *  last line without a line end is left out, since it may be cut short.
 *  Returns 1 or 0; 0 also when memory runs out.  Does not check for CSV (see
 *  themes_detect_format). */
int themes_looks_like_statement(const char *head, size_t length, int complete);

/* ------------------------------------------------------------------ */
/* document*.c: statements as published (HTML, PDF, legacy encodings)   */
/* ------------------------------------------------------------------ */

typedef enum themes_document_kind {
	THEMES_DOCUMENT_AUTO = 0, /**< see themes_detect_document */
	THEMES_DOCUMENT_TEXT,     /**< plain text, as themes_segment reads it */
	THEMES_DOCUMENT_HTML,
	THEMES_DOCUMENT_PDF
} themes_document_kind;

/** How to read a published statement; a NULL options pointer means the
 *  defaults (all zero). */
typedef struct themes_document_options {
	themes_document_kind kind; /**< THEMES_DOCUMENT_AUTO */
	/** An iconv encoding name that overrides the byte-order mark and an
	 *  HTML page's <meta charset>; NULL to use those, else UTF-8. */
	const char *encoding;
	/** Non-zero: bytes that are invalid in a declared encoding become
	 *  U+FFFD; zero: they are an error naming their byte offset. */
	int replace_invalid;
} themes_document_options;

/** The kind of document that starts with head[0..length-1]: PDF when it
 *  starts with %PDF-, HTML when its first markup (after a byte-order mark,
 *  white space and comments) is a doctype or an HTML tag, text otherwise. */
themes_document_kind themes_detect_document(const char *head, size_t length);

/** Turns a published statement data[0..length-1] into the UTF-8 plain text
 *  that themes_segment reads.  The encoding is options->encoding, else the
 *  byte-order mark, else (HTML) the page's <meta charset> or http-equiv,
 *  else UTF-8 (taken as it is, invalid bytes and all).  HTML is parsed by
 *  libxml2: h1-h6 become "# " heading lines, li items "- " lines (an ol's
 *  numbers are not written; themes_document_read gives them),
 *  p/div/td paragraphs and br line breaks; script, style, nav, header,
 *  footer, aside, form and hidden elements are dropped, and only main (or
 *  the largest article) is read when there is one, else the container
 *  densest in text.  PDF text comes from poppler in reading order, with
 *  lines repeated at the top or bottom of the pages and page numbers
 *  removed, the lines of a paragraph joined, words cut at line ends
 *  rejoined (README.md gives the rules for hyphens) and a blank line
 *  between paragraphs.  name is used in messages.  On success *text (NUL-terminated,
 *  freed by the caller with free) and *text_length are set.  Errors
 *  (THEMES_ERR_DATA): an unknown encoding, an invalid byte sequence (with
 *  its offset), a NUL byte in text, an unreadable PDF, or one without
 *  extractable text (encrypted, or images only). */
int themes_document_text(const char *data, size_t length, const char *name,
                         const themes_document_options *options, char **text,
                         size_t *text_length, themes_error *err);

/** An item of a numbered list (an HTML ol) in a document's text. */
typedef struct themes_document_item {
	long line;       /**< the 1-based line of the text where it starts */
	char number[24]; /**< its number as the page shows it: "3", "c", "IV" */
} themes_document_item;

/** A published statement as text, with the numbers of its list items. */
typedef struct themes_document {
	char *text;      /**< as themes_document_text gives it (NUL-terminated) */
	size_t length;
	themes_document_item *items; /**< in line order; NULL when none */
	size_t item_count;
} themes_document;

/** themes_document_text, into document, which also receives the number
 *  of every item of an HTML ol (its start, type, reversed and the items'
 *  value attributes as a browser reads them: decimal, a/A letters, i/I
 *  Roman numerals up to 3999).  Text and PDF input have no such items.
 *  Free document with themes_document_free, also after a failure. */
int themes_document_read(const char *data, size_t length, const char *name,
                         const themes_document_options *options,
                         themes_document *document, themes_error *err);

/** The number of the list item that starts at line of document's text
 *  (the line themes_segment gives its clause), or NULL when none does. */
const char *themes_document_item_number(const themes_document *document,
                                        long line);

void themes_document_free(themes_document *document);

/* ------------------------------------------------------------------ */
/* model.c: training, saving and loading                                */
/* ------------------------------------------------------------------ */

typedef enum themes_kernel {
	THEMES_KERNEL_LINEAR = 0,
	THEMES_KERNEL_RBF = 1
} themes_kernel;

typedef enum themes_solver {
	THEMES_SOLVER_LIBSVM = 0,   /**< libsvm C-SVC, one-vs-one, any kernel */
	THEMES_SOLVER_LIBLINEAR = 1 /**< liblinear L2-loss linear SVM, one-vs-rest
	                                 (the default) */
} themes_solver;

/** Training settings; everything here is recorded in the model file.  Each
 *  field is declared once, in the option table of options.c, which gives
 *  its default, range, help and model-file key (the field's name). */
typedef struct themes_train_options {
	char language[32];    /**< "english" (default), "russian", "chinese" or
	                           another Snowball algorithm: the stemmer, the
	                           tokenizing rules and the stop words */
	int ngram_max;        /**< 1 = unigrams, 2 = unigrams and bigrams (default) */
	int min_df;           /**< keep terms seen in at least this many clauses (2) */
	int char_ngram_min;   /**< character n-grams within words from this
	                           length (0: none, the default) */
	int char_ngram_max;   /**< ... to this length */
	int sublinear_tf;     /**< 1 + ln(tf) instead of tf (1) */
	int stop_words;       /**< drop the language's built-in stop words (1) */
	themes_kernel kernel; /**< default linear */
	themes_solver solver; /**< default liblinear */
	int nb_weighting;     /**< liblinear: scale each class's features by
	                           their naive-Bayes log-count ratio (NBSVM) */
	double C;             /**< SVM cost, default 1 */
	double gamma;         /**< RBF width; 0 means 1 / number of features */
	int balanced;         /**< class weights n / (L n_k) against imbalance (1) */
	int calibration_folds;/**< folds for fitting the probability sigmoids (5) */
	uint32_t seed;        /**< seed for calibration folds (1) */
} themes_train_options;

typedef enum themes_option_type {
	THEMES_OPTION_INT,    /**< int field, range [low, high] */
	THEMES_OPTION_REAL,   /**< double field, range [low, high] */
	THEMES_OPTION_BOOL,   /**< int field, 0 or 1 */
	THEMES_OPTION_CHOICE, /**< int field, index into choices */
	THEMES_OPTION_TEXT,   /**< char array field */
	THEMES_OPTION_SEED    /**< uint32_t field */
} themes_option_type;

/** One row of the option table. */
typedef struct themes_option_info {
	const char *name;         /**< field name and model-file key, "min_df" */
	const char *flag;         /**< long command-line option, "min-df" */
	int short_flag;           /**< e.g. 'C', or 0 */
	themes_option_type type;
	const char *default_text; /**< the default as text */
	double low, high;         /**< range (INT, REAL) */
	const char *choices;      /**< "linear|rbf" (CHOICE) */
	const char *metavar;      /**< "N", "C", "LANG" for help texts */
	const char *help;         /**< one line */
} themes_option_info;

/** Number of training options and the i-th (0 <= i < count). */
size_t themes_train_option_count(void);
const themes_option_info *themes_train_option(size_t i);

/** Sets every option to its default. */
void themes_train_options_init(themes_train_options *options);

/** Sets the option called name (a field name) from its text form ("0.4",
 *  "rbf", "1").  THEMES_ERR_PARAM when there is no such option or the
 *  value is out of range; the message names the field and its valid
 *  values. */
int themes_train_options_set(themes_train_options *options, const char *name,
                             const char *value, themes_error *err);

/** Writes the text form of option i into out (at most size bytes), in the
 *  form themes_train_options_set reads back exactly. */
void themes_train_options_get(const themes_train_options *options, size_t i,
                              char *out, size_t size);

/** "name=value name=value ...", every option, for reports. */
void themes_train_options_describe(const themes_train_options *options,
                                   char *out, size_t size);

/** NULL when the options are valid, otherwise a message naming the field
 *  and its valid range (static storage); *which (when not NULL) receives
 *  the option's table index, or -1. */
const char *themes_train_options_check(const themes_train_options *options,
                                       int *which);

typedef struct themes_model themes_model;

/** Trains on the rows listed in rows[0..nrows-1] of corpus (all rows when
 *  rows is NULL).  Deterministic: the same rows and options give the same
 *  model.  Safe to call from several threads at once on different models. */
int themes_train(themes_model **out, const themes_corpus *corpus,
                 const size_t *rows, size_t nrows,
                 const themes_train_options *options, themes_error *err);

/** Writes the model file to out (and flushes it).  The library does not
 *  create files: a caller that wants an atomic replacement writes to a
 *  temporary file and renames it, as the themes program does. */
int themes_model_write(const themes_model *model, FILE *out,
                       themes_error *err);

/** Loads and validates a model file; refuses damaged, truncated or
 *  newer-format files with THEMES_ERR_MODEL. */
int themes_model_load(themes_model **out, const char *path,
                      themes_error *err);

/** Frees *model and sets it to NULL; NULL and *model == NULL are allowed. */
void themes_model_free(themes_model **model);

/** The file name of the default model of language: "default.model" for
 *  "english", "default-ru.model" for "russian", "default-zh.model" for
 *  "chinese"; NULL for any other language (static storage). */
const char *themes_default_model_file(const char *language);

/** Finds the default model of language (NULL means "english") and writes
 *  its path into path (size bytes).  Looks only in $THEMES_MODEL_DIR when
 *  that is set; otherwise, in order, in ../models and ../share/themes next
 *  to the running program, in the share/themes of the prefix libthemes.so
 *  is installed in, in the source tree's models/ (when the library was
 *  built to know it) and in the share/themes of the configured prefix.
 *  Returns THEMES_OK; THEMES_ERR_PARAM for a language without a default
 *  model; THEMES_ERR_IO when no readable file is found, with every place
 *  looked in err's message and path holding the last of them (so that
 *  loading it reports the missing file). */
int themes_default_model(const char *language, char *path, size_t size,
                         themes_error *err);

/** The options the model was trained with (owned by the model). */
const themes_train_options *themes_model_options(const themes_model *model);

/** Vocabulary size (number of features). */
size_t themes_model_features(const themes_model *model);

/** Number of training clauses per label (themes_model_labels values). */
const unsigned *themes_model_class_counts(const themes_model *model);

/** The model's labels, in the order of every score array (owned by the
 *  model). */
const themes_codebook *themes_model_codebook(const themes_model *model);

/** Number of labels: themes_codebook_count(themes_model_codebook(model)). */
int themes_model_labels(const themes_model *model);

/** Copies the model's held-out confusion matrix (confusion[g * L + p] for
 *  gold g and predicted p, L labels; from the calibration folds of
 *  training) and returns 1, or returns 0 when the model was trained without
 *  calibration folds.  confusion must hold L * L values. */
int themes_model_cv_confusion(const themes_model *model, unsigned *confusion);

/* ------------------------------------------------------------------ */
/* folds.c: cross-validation folds                                      */
/* ------------------------------------------------------------------ */

/** Assigns each of n items to one of k folds (2 <= k <= n), stratified by
 *  label: each label's items are shuffled by a generator seeded with seed,
 *  then dealt round-robin.  fold[i] receives the fold of item i. */
int themes_folds_stratified(const int *label, size_t n, int k, uint32_t seed,
                            int *fold, themes_error *err);

/** Assigns items to k folds so that items of the same group (equal strings
 *  in group[i]) share a fold, with each fold's label mix as even as the
 *  groups allow.  Needs at least k distinct groups. */
int themes_folds_grouped(const int *label, const char *const *group, size_t n,
                         int k, uint32_t seed, int *fold, themes_error *err);

/* ------------------------------------------------------------------ */
/* classify.c                                                           */
/* ------------------------------------------------------------------ */

typedef struct themes_prediction {
	int theme;          /**< argmax of scores, -1 when the text has no known feature */
	double confidence;  /**< scores[theme], 0 when theme is -1 */
	/** probabilities over the model's labels, summing to 1 (all 0 when
	 *  theme is -1); entries past the label count are 0 */
	double scores[THEMES_MAX_LABELS];
} themes_prediction;

typedef struct themes_classifier themes_classifier;

/** A per-thread classifier over a shared model.  model must outlive it. */
int themes_classifier_new(themes_classifier **out, const themes_model *model,
                          themes_error *err);

/** Classifies one clause.  Never fails on any byte sequence; returns
 *  THEMES_ERR_NOMEM only when memory runs out. */
int themes_classify(themes_classifier *classifier, const char *text,
                    size_t length, themes_prediction *out);

/** One feature's share in a decision: term is the stemmed unigram or bigram
 *  (owned by the model), contribution its TF-IDF value times its weight
 *  towards the theme (positive pushes towards the theme). */
typedef struct themes_contribution {
	const char *term;
	double contribution;
} themes_contribution;

/** Explains a linear model's score for theme on text: fills out[0..k-1]
 *  with the clause's features that push most towards theme, largest
 *  contribution first (ties by term), and returns how many were filled
 *  (fewer when the clause has fewer features).  Returns THEMES_ERR_PARAM for
 *  an RBF model, whose decisions do not split by feature. */
int themes_explain(themes_classifier *classifier, const char *text,
                   size_t length, int theme, themes_contribution *out, int k);

/** As themes_explain, and words[j] is what out[j].term was read from in
 *  text, as written there: the word ("sanctions" for the stem "sanction"),
 *  a bigram's two words joined by a space (none between two Chinese
 *  characters that touch: 制裁 for the term "制 裁"), or a character
 *  n-gram's word followed by the n-gram in brackets ("санкций (<санк)", the
 *  brackets < and > marking the word's start and end).  words must have
 *  room for k pointers; the strings belong to the classifier and last
 *  until its next call. */
int themes_explain_words(themes_classifier *classifier, const char *text,
                         size_t length, int theme, themes_contribution *out,
                         const char **words, int k);

void themes_classifier_free(themes_classifier *classifier);

/** Classifies texts[0..n-1] into out[0..n-1]: text i has lengths[i] bytes
 *  (lengths NULL: each text is NUL-terminated).  The texts are spread over
 *  `threads` OpenMP threads (0: the OpenMP default), each with its own
 *  classifier; out[i] depends only on texts[i], so the result is the same
 *  for any thread count.  Returns THEMES_OK, or THEMES_ERR_NOMEM (out is
 *  then incomplete). */
int themes_classify_batch(const themes_model *model, const char *const *texts,
                          const size_t *lengths, size_t n, int threads,
                          themes_prediction *out, themes_error *err);

/** A linear model's k heaviest terms towards label (its weight on each
 *  term, largest first, ties by term) in out[0..k-1]; returns how many
 *  were filled, or THEMES_ERR_PARAM for an RBF model or a bad label. */
int themes_model_top_terms(const themes_model *model, int label,
                           themes_contribution *out, int k);

/* ------------------------------------------------------------------ */
/* eval/metrics.c: scores of predictions against gold labels            */
/* ------------------------------------------------------------------ */

/** One scored clause. */
typedef struct themes_scored {
	int gold;               /**< gold primary theme */
	unsigned gold_secondary;/**< bit k: theme k is a gold secondary */
	int predicted;          /**< -1 when the model abstained (no feature) */
	double scores[THEMES_MAX_LABELS];
} themes_scored;

typedef struct themes_metrics {
	int labels;               /**< number of labels scored */
	size_t n;
	double accuracy;
	double macro_f1;          /**< mean F1 over themes with support or predictions */
	double micro_f1;
	double kappa;             /**< Cohen's kappa, model vs gold */
	double alpha;             /**< Krippendorff's alpha (nominal), model vs gold */
	double top2_accuracy;     /**< gold among the two highest scores */
	double lenient_accuracy;  /**< prediction equals the primary or a secondary */
	double precision[THEMES_MAX_LABELS];
	double recall[THEMES_MAX_LABELS];
	double f1[THEMES_MAX_LABELS];
	size_t support[THEMES_MAX_LABELS];
	size_t predicted_count[THEMES_MAX_LABELS];
	/** confusion[g][p]: clauses of gold theme g predicted as p; column
	 *  `labels` counts abstentions. */
	size_t confusion[THEMES_MAX_LABELS][THEMES_MAX_LABELS + 1];
} themes_metrics;

/** Computes every metric over items[0..n-1], whose gold and predicted
 *  values are label indices in [0, labels). */
void themes_metrics_compute(const themes_scored *items, size_t n, int labels,
                            themes_metrics *out);

/** A 95% percentile-bootstrap interval. */
typedef struct themes_interval {
	double low, high;
} themes_interval;

/** Bootstraps macro-F1 and accuracy with `resamples` resamples drawn from a
 *  generator seeded with seed; resamples are spread over OpenMP threads and
 *  the result is identical for any thread count. */
int themes_metrics_bootstrap(const themes_scored *items, size_t n,
                             int labels, unsigned resamples, uint32_t seed,
                             themes_interval *macro_f1,
                             themes_interval *accuracy, themes_error *err);


/* ------------------------------------------------------------------ */
/* profile.c: the theme profile of one statement                       */
/* ------------------------------------------------------------------ */

/** Most evidence clauses kept per theme in a themes_profile. */
#define THEMES_PROFILE_EVIDENCE_MAX 16

typedef struct themes_profile_options {
	double min_confidence; /**< below it a clause is uncertain (0) */
	unsigned resamples;    /**< bootstrap resamples, 0 = no intervals (1000) */
	uint32_t seed;         /**< bootstrap seed (1) */
	int evidence;          /**< most confident clauses kept per theme (3),
	                            at most THEMES_PROFILE_EVIDENCE_MAX */
} themes_profile_options;

void themes_profile_options_init(themes_profile_options *options);

/** How a statement's clauses spread over the themes. */
typedef struct themes_profile {
	int labels;       /**< number of labels */
	size_t clauses;   /**< all clauses */
	size_t uncertain; /**< no known feature, or confidence below the floor */
	size_t count[THEMES_MAX_LABELS];
	/** count / (clauses - uncertain); all 0 when every clause is uncertain */
	double share[THEMES_MAX_LABELS];
	/** 95% percentile bootstrap interval of share (resampling all clauses;
	 *  low = high = share when resamples is 0) */
	themes_interval share_ci[THEMES_MAX_LABELS];
	double mean_confidence[THEMES_MAX_LABELS]; /**< 0 when count is 0 */
	/** indices into the predictions of the most confident clauses of each
	 *  theme, most confident first (ties by index) */
	size_t evidence[THEMES_MAX_LABELS][THEMES_PROFILE_EVIDENCE_MAX];
	int evidence_count[THEMES_MAX_LABELS];
} themes_profile;

/** Whether prediction p counts as uncertain under min_confidence. */
int themes_profile_uncertain(const themes_prediction *p, double min_confidence);

/** Computes the profile of predictions[0..n-1] (n may be 0).  Resamples run
 *  in parallel (OpenMP), each with its own generator seeded from (seed,
 *  resample), so the result is identical for any thread count. */
int themes_profile_compute(const themes_prediction *predictions, size_t n,
                           int labels, const themes_profile_options *options,
                           themes_profile *out, themes_error *err);

/** Adjusted classify-and-count (Forman 2008): estimates the true shares p
 *  from observed predicted shares q, given a held-out confusion matrix
 *  confusion[gold][predicted] (themes_model_cv_confusion).  With
 *  M[g][j] = P(predicted j | gold g), q = M^T p; p is the point of the
 *  probability simplex that minimises |M^T p - q|^2 (accelerated projected
 *  gradient), clipped to >= 0 and renormalised.  A gold theme without
 *  held-out clauses is taken as always recognised.  THEMES_ERR_PARAM when
 *  observed is not a distribution (negative, or not summing to 1).
 *  observed, adjusted: `labels` values; confusion: labels x labels, row
 *  major (as themes_model_cv_confusion fills it). */
int themes_profile_adjust(const double *observed, const unsigned *confusion,
                          int labels, double *adjusted, themes_error *err);

/** The change of shares from statement a to statement b: difference[k]
 *  = share_b[k] - share_a[k] (shares as themes_profile_compute counts
 *  them), with a 95% percentile bootstrap interval in ci[k] from
 *  options->resamples resamples of each statement's clauses drawn
 *  independently (low = high = difference when resamples is 0).  Resamples
 *  run in parallel; the result does not depend on the thread count. */
int themes_profile_difference(const themes_prediction *a, size_t na,
                              const themes_prediction *b, size_t nb,
                              int labels, const themes_profile_options *options,
                              double *difference, themes_interval *ci,
                              themes_error *err);

/* ------------------------------------------------------------------ */
/* eval/crossval.c: stratified cross-validation and parameter search    */
/* ------------------------------------------------------------------ */


/** K-fold cross-validation of options on corpus: every clause is scored by
 *  a model trained without its fold.  Folds are stratified by label, or,
 *  when grouped is non-zero, grouped by the corpus's group column
 *  (themes_corpus_columns.group) so that no group is on both sides.  out
 *  must hold themes_corpus_size() items, filled in corpus order.  Folds run
 *  in parallel (OpenMP); the result is identical for any thread count. */
int themes_cross_validate(const themes_corpus *corpus,
                          const themes_train_options *options, int folds,
                          int grouped, uint32_t seed, themes_scored *out,
                          themes_error *err);

/** Cross-validates every combination of costs[0..n_costs-1] and (for RBF)
 *  gammas[0..n_gammas-1] with the same folds, in parallel over settings x
 *  folds.  macro_f1 receives one value per combination, cost-major.  Pass
 *  n_gammas 0 for a linear kernel. */
int themes_grid_search(const themes_corpus *corpus,
                       const themes_train_options *options, int folds,
                       int grouped, uint32_t seed, const double *costs, size_t n_costs,
                       const double *gammas, size_t n_gammas,
                       double *macro_f1, themes_error *err);

/** Reports near-duplicate clause pairs: word 3-shingle Jaccard similarity
 *  of at least threshold (0.6 is a good default).  With other == NULL the
 *  pairs are within corpus; otherwise each pair is (row of corpus, row of
 *  other).  fn receives each pair once, in a fixed order; return non-zero
 *  from fn to stop.  Returns the number of pairs found, or a negative
 *  themes_status. */
typedef int (*themes_pair_fn)(size_t row, size_t other_row, double jaccard,
                              void *user);
long themes_near_duplicates(const themes_corpus *corpus,
                            const themes_corpus *other, double threshold,
                            themes_pair_fn fn, void *user, themes_error *err);

/** The word 3-shingle Jaccard similarity of two NUL-terminated texts, as
 *  themes_near_duplicates measures it (when a is mostly Han, of
 *  three-character shingles, THEMES_TOKENS_CHINESE): 0 when either has
 *  fewer than three words, -1 when memory runs out.  Thread-safe. */
double themes_text_similarity(const char *a, const char *b);

/* ------------------------------------------------------------------ */
/* eval/suggest.c: what to label next                                   */
/* ------------------------------------------------------------------ */

/** One clause of a pool, ranked by how unsure the model is of it. */
typedef struct themes_suggestion {
	size_t row;    /**< index into the pool */
	int first;     /**< most probable label, -1 when no known feature */
	int second;    /**< runner-up label, -1 when none */
	double margin; /**< p(first) - p(second); 0 without a known feature */
} themes_suggestion;

/** Fills out's first, second and margin for prediction p (out->row is left
 *  alone).  Equal probabilities rank the lower label first. */
void themes_suggest_margin(const themes_prediction *p, int labels,
                           themes_suggestion *out);

/** Chooses up to `want` clauses of a pool to label next into out (at least
 *  want entries) and their number into *count: smallest margin first (ties
 *  by row), skipping rows with exclude[row] set (exclude may be NULL), so
 *  that no two chosen clauses are near duplicates (word 3-shingle Jaccard
 *  at least threshold, as themes_near_duplicates measures; a threshold
 *  above 1 turns this off) and each predicted label (clauses without a
 *  known feature form one more group) gets at most ceil(want / groups)
 *  clauses while other groups still have candidates.  predictions and
 *  texts have n entries.  Sequential and deterministic. */
int themes_suggest(const themes_prediction *predictions,
                   const char *const *texts, size_t n, int labels,
                   const unsigned char *exclude, size_t want, double threshold,
                   themes_suggestion *out, size_t *count, themes_error *err);

/* ------------------------------------------------------------------ */
/* eval/agreement.c: agreement between coders                           */
/* ------------------------------------------------------------------ */

/** The labels several coders gave the same units; filled by the caller.
 *  values[u * coders + j] is coder j's label index for unit u (in
 *  [0, labels)), or -1 when coder j did not label unit u. */
typedef struct themes_ratings {
	size_t units;
	int coders;        /**< at least 2 */
	int labels;        /**< 1 to THEMES_MAX_LABELS */
	const int *values; /**< units x coders, row major */
} themes_ratings;

/** Agreement statistics.  A unit with fewer than two values is not
 *  pairable and counts nowhere.  A statistic that cannot be computed (no
 *  unit to compute it on, or Cohen's kappa with more than two coders) is
 *  NAN. */
typedef struct themes_agreement {
	int coders, labels;
	size_t units;        /**< pairable units (two or more values) */
	size_t values;       /**< values in pairable units */
	double raw;          /**< share of agreeing pairs of values in a unit */
	double cohen_kappa;  /**< two coders, units both labelled */
	double fleiss_kappa; /**< units every coder labelled */
	double alpha;        /**< Krippendorff's alpha, nominal, missing allowed */
	/** 95% percentile bootstrap interval of alpha over units */
	themes_interval alpha_ci;
	/** o_kk / n_k: of the values k, the share whose pair partners in the
	 *  unit are also k (for two coders, 2a / (2a + b + c)); NAN when k is
	 *  never used */
	double label_agreement[THEMES_MAX_LABELS];
	/** n_k: values k in pairable units */
	size_t label_values[THEMES_MAX_LABELS];
} themes_agreement;

/** Computes every agreement statistic of ratings into out, with an alpha
 *  interval from `resamples` bootstrap resamples of the units (0: no
 *  interval, alpha_ci NAN) drawn from generators seeded from (seed,
 *  resample).  Resamples run in parallel (OpenMP); the result is identical
 *  for any thread count.  THEMES_ERR_PARAM for fewer than two coders or a
 *  label index out of range. */
int themes_agreement_compute(const themes_ratings *ratings, unsigned resamples,
                             uint32_t seed, themes_agreement *out,
                             themes_error *err);

/** The coder-by-coder confusion of coders a and b over the units both
 *  labelled: confusion[x * labels + y] counts units a labelled x and b
 *  labelled y (labels x labels values, overwritten). */
int themes_agreement_confusion(const themes_ratings *ratings, int a, int b,
                               size_t *confusion);

/* ------------------------------------------------------------------ */
/* escape.c: UTF-8 validation and escaping for every output format      */
/* ------------------------------------------------------------------ */

/* Every writer below writes to out and returns THEMES_OK, THEMES_ERR_PARAM
 * when out is NULL, or THEMES_ERR_IO when out has an error (from this write
 * or an earlier one).  text is NUL-terminated; NULL is written as "" except
 * where said.  They keep no state and may run in any number of threads. */

/** The length (1 to 4) of the well-formed UTF-8 sequence at text, storing
 *  its code point in *code_point when code_point is not NULL; or 0, leaving
 *  *code_point alone, when the bytes at text are not well-formed UTF-8: a
 *  stray continuation byte, a sequence cut short (by the terminating NUL
 *  too), an overlong form, a surrogate or a value past U+10FFFF.  Reads no
 *  further than the first byte that does not continue the sequence, so a
 *  NUL-terminated string is never read past its end. */
size_t themes_utf8_length(const char *text, uint32_t *code_point);

/** How themes_write_json_string writes control characters. */
typedef enum themes_json_style {
	/** Every C0 control and DEL as \u00xx (the eval reports). */
	THEMES_JSON_UNICODE = 0,
	/** LF, CR and tab as \n, \r and \t, other C0 controls as \u00xx
	 *  and DEL as it is (classify's JSON Lines). */
	THEMES_JSON_SHORT
} themes_json_style;

/** Writes text as a JSON string literal, quotes included, or null when text
 *  is NULL.  A quote and a backslash get a backslash, control characters
 *  are escaped as style says (hex digits in lower case), each byte that is
 *  not well-formed UTF-8 becomes U+FFFD so the document stays valid, and
 *  everything else is copied. */
int themes_write_json_string(FILE *out, const char *text,
                             themes_json_style style);

/** Writes text as one RFC 4180 CSV field: as it is, unless it holds a
 *  comma, a quote, CR or LF; then between quotes, each quote doubled.  The
 *  bytes are copied unchanged (CSV has no escape for invalid UTF-8 or
 *  control characters). */
int themes_write_csv_field(FILE *out, const char *text);

/** Writes text as XML 1.0 character data or the inside of a quoted
 *  attribute value: & < > " ' as &amp; &lt; &gt; &quot; &apos;; tab, LF and
 *  CR as &#9; &#10; &#13; so attribute values keep them; the characters
 *  XML forbids (other C0 controls, U+FFFE, U+FFFF) and each byte that is
 *  not well-formed UTF-8 as U+FFFD.  DEL is copied. */
int themes_write_xml_text(FILE *out, const char *text);

/** Writes text as HTML text or the inside of a quoted attribute value:
 *  & < > " ' as &amp; &lt; &gt; &quot; &#39;; LF as &#10; (a line break in
 *  a title tooltip); tab as a space; the other C0 controls, CR, DEL and
 *  each byte that is not well-formed UTF-8 as U+FFFD. */
int themes_write_html_text(FILE *out, const char *text);

/** Writes text on one terminal line: each control byte (below 0x20, and
 *  DEL: line breaks, tabs, escape sequences) becomes a space so a value
 *  cannot break the layout.  Other bytes are copied unchanged. */
int themes_write_plain_text(FILE *out, const char *text);

/** Writes text as inline Markdown: the characters that could start markup
 *  (\ ` * _ [ ] < > | # !) get a backslash and control bytes become spaces,
 *  so a value stays in its table cell or list item.  Other bytes are copied
 *  unchanged. */
int themes_write_markdown_text(FILE *out, const char *text);

/* ------------------------------------------------------------------ */
/* eval/report_*.c: metrics as text, JSON, JUnit, Markdown and SVG      */
/* ------------------------------------------------------------------ */

/** The scores of one value of a column (themes eval --by). */
typedef struct themes_report_group {
	const char *value;
	size_t n;
	double macro_f1, accuracy;
	themes_interval macro_f1_ci, accuracy_ci; /**< when resamples > 0 */
} themes_report_group;

/** Everything a report shows.  Strings may be NULL (then omitted). */
typedef struct themes_report {
	const themes_metrics *metrics;
	const themes_codebook *codebook; /**< names of the metrics' labels */
	themes_interval macro_f1_ci;  /**< 95% bootstrap interval */
	themes_interval accuracy_ci;
	unsigned resamples;           /**< bootstrap resamples, 0 = no interval */
	const char *mode;             /**< "holdout" or "cross-validation" */
	unsigned folds;               /**< for cross-validation, else 0 */
	const char *data_path;
	const char *data_hash;        /**< hex digest of the data file */
	const char *model_path;
	const char *model_hash;
	const char *settings;         /**< training settings, one line */
	uint32_t seed;
	int threads;                  /**< recorded in the JSON manifest only */
	const char *by_column;        /**< per-value scores of this column */
	const themes_report_group *groups;
	size_t group_count;
} themes_report;

/** The 64-bit FNV-1a digest of a file as 16 hex digits, for manifests;
 *  "unreadable" when it cannot be read. */
void themes_file_digest(const char *path, char out[17]);

/** A readable table: summary lines, per-theme P/R/F1/support, confusion. */
int themes_report_text(FILE *out, const themes_report *report);

/** JSON with keys accuracy, macro_f1, micro_f1, kappa, alpha, top2_accuracy,
 *  lenient_accuracy, per_theme {slug: {precision, recall, f1, support}},
 *  confusion, ci95 {macro_f1: [lo, hi], accuracy: [lo, hi]}, manifest. */
int themes_report_json(FILE *out, const themes_report *report);

/** JUnit XML: one test case per theme, failing when its F1 < f1_floor;
 *  a theme with neither gold clauses nor predictions is <skipped>. */
int themes_report_junit(FILE *out, const themes_report *report,
                        double f1_floor);

/** Markdown: a manifest list, then tables of the summary, the per-theme
 *  scores, the confusion matrix and the per-value scores. */
int themes_report_markdown(FILE *out, const themes_report *report);

/** A standalone SVG: confusion heat map and per-theme F1 bars. */
int themes_report_svg(FILE *out, const themes_report *report);

/** CSV of misclassified clauses (id,text,gold,predicted,confidence), the
 *  `per_pair` most confident errors of each (gold, predicted) pair, pairs in
 *  theme order, most confident first. */
/** CSV of every clause's prediction (id,gold,predicted,confidence), in
 *  item order: what a paired comparison of two settings needs. */
int themes_report_predictions(FILE *out, const themes_codebook *codebook,
                              const themes_scored *items, size_t n,
                              const char *const *ids);

int themes_report_errors(FILE *out, const themes_codebook *codebook,
                         const themes_scored *items, size_t n,
                         const char *const *ids, const char *const *texts,
                         size_t per_pair);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* THEMES_H */
