/*
 * themes.h - the public interface of libthemes.
 *
 * libthemes reads labelled clauses, turns them into TF-IDF vectors of
 * Snowball-stemmed unigrams and bigrams, trains a libsvm classifier over the
 * six analytical themes of ../shared/THEMES.md, and applies it to new text.
 *
 * Conventions, as in libsvm and CRFsuite:
 *  - every exported name starts with themes_ or THEMES_;
 *  - functions that can fail return a themes_status (THEMES_OK is 0, errors
 *    are negative) and fill a caller-owned themes_error, so that OpenMP
 *    threads never share error state;
 *  - the library never prints and never exits;
 *  - objects are opaque; *_free functions accept NULL.
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

#define THEMES_VERSION "0.1.0"

/** Number of themes; their order is fixed (THEMES.md's table). */
#define THEMES_COUNT 6

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

/** The slug of theme k (0 <= k < THEMES_COUNT), e.g. "endure". */
const char *themes_theme_name(int k);

/** The index of an exact slug, or -1 when slug is not one of the six. */
int themes_theme_index(const char *slug);

/** "endure, history, ..." for error messages; static storage. */
const char *themes_theme_list(void);

/* ------------------------------------------------------------------ */
/* read.c: streaming reader for CSV (RFC 4180) and plain text           */
/* ------------------------------------------------------------------ */

typedef enum themes_format {
	THEMES_FORMAT_AUTO = 0, /**< CSV when the first line has a "text" column */
	THEMES_FORMAT_CSV,
	THEMES_FORMAT_TEXT      /**< one clause per line */
} themes_format;

typedef struct themes_reader themes_reader;

/** One input row.  The strings are owned by the reader and stay valid until
 *  the next call of themes_reader_next or themes_reader_close.  Columns
 *  absent from the input are NULL. */
typedef struct themes_record {
	const char *id;
	const char *text;
	size_t text_length;
	const char *theme;
	const char *secondary;
	const char *source;
	long line; /**< line where the row starts (the header is line 1) */
	long row;  /**< 1-based data row number */
} themes_record;

/** Opens path ("-" is standard input) for reading rows.  A UTF-8 byte-order
 *  mark is skipped; CRLF, LF and lone CR line ends are accepted.  With
 *  THEMES_FORMAT_CSV the header must name a "text" column.  display_name, when
 *  not NULL, is used in messages instead of path.  Free with
 *  themes_reader_close. */
int themes_reader_open(themes_reader **out, const char *path,
                       themes_format format, themes_error *err);

/** Like themes_reader_open, for an already open stream that the reader does
 *  not close.  name is used in messages. */
int themes_reader_open_stream(themes_reader **out, FILE *stream,
                              const char *name, themes_format format,
                              themes_error *err);

/** Whether the first line of head (length bytes; a UTF-8 byte-order mark
 *  is skipped), read as a CSV header, names a "text" column: the test
 *  THEMES_FORMAT_AUTO applies.  Returns 1 or 0. */
int themes_detect_csv(const char *head, size_t length);

/** Reads the next row: returns 1 and fills rec, 0 at the end of input, or a
 *  negative themes_status with err filled (the reader is then unusable). */
int themes_reader_next(themes_reader *reader, themes_record *rec,
                       themes_error *err);

/** The format actually being read (after detection). */
themes_format themes_reader_format(const themes_reader *reader);

/** Whether the CSV header has a column of that exact name. */
int themes_reader_has_column(const themes_reader *reader, const char *name);

/** The name given in messages (the path, or "<stdin>"). */
const char *themes_reader_name(const themes_reader *reader);

void themes_reader_close(themes_reader *reader);

/* ------------------------------------------------------------------ */
/* corpus.c: a labelled corpus held in memory                           */
/* ------------------------------------------------------------------ */

typedef struct themes_corpus themes_corpus;

/** Reads a labelled CSV (columns id, text, theme; secondary and source
 *  optional).  Rejects unknown slugs (listing the valid ones), secondaries
 *  equal to the primary or more than two, duplicate ids and empty texts, with
 *  the line of the offending row.  Free with themes_corpus_free. */
int themes_corpus_read(themes_corpus **out, const char *path,
                       themes_error *err);

size_t themes_corpus_size(const themes_corpus *corpus);
const char *themes_corpus_id(const themes_corpus *corpus, size_t i);
const char *themes_corpus_text(const themes_corpus *corpus, size_t i);
/** Primary theme index of row i. */
int themes_corpus_theme(const themes_corpus *corpus, size_t i);
/** Bit k set when theme k is a secondary label of row i. */
unsigned themes_corpus_secondary(const themes_corpus *corpus, size_t i);
/** Input line of row i, for messages. */
long themes_corpus_line(const themes_corpus *corpus, size_t i);
const char *themes_corpus_name(const themes_corpus *corpus);
void themes_corpus_free(themes_corpus *corpus);

/* ------------------------------------------------------------------ */
/* tokenize.c and stem.c                                                */
/* ------------------------------------------------------------------ */

/** Called once per token; token is NUL-terminated, case-folded UTF-8 and only
 *  valid during the call.  is_acronym is set for all-capital abbreviations
 *  such as "U.S.", "UN" or "NATO", which bypass stop words and stemming. */
typedef void (*themes_token_fn)(const char *token, size_t length,
                                int is_acronym, void *user);

/** Splits UTF-8 text into word tokens: letters and digits, Unicode case
 *  folding, curly and straight apostrophes joined ("don't" -> "dont",
 *  possessive "'s" dropped), hyphens and dashes split compounds, dotted
 *  abbreviations joined ("U.S." -> "us").  Invalid UTF-8 bytes act as
 *  separators and never stop the scan.  Thread-safe. */
void themes_tokenize(const char *text, size_t length, themes_token_fn fn,
                     void *user);

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
/* segment.c: whole statements to clauses                               */
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
 *  ends a sentence ("He said "No." Then left." is two clauses).  CRLF, LF
 *  and CR line ends are accepted; invalid UTF-8 is kept as is.  Linear time.
 *  Returns THEMES_OK, the first non-zero value fn returned (fn is then not
 *  called again), or THEMES_ERR_NOMEM. */
int themes_segment(const char *text, size_t length, themes_clause_fn fn,
                   void *user);

/* ------------------------------------------------------------------ */
/* model.c: training, saving and loading                                */
/* ------------------------------------------------------------------ */

typedef enum themes_kernel {
	THEMES_KERNEL_LINEAR = 0,
	THEMES_KERNEL_RBF = 1
} themes_kernel;

/** Training settings; everything here is recorded in the model file. */
typedef struct themes_train_options {
	const char *language; /**< Snowball algorithm, default "english" */
	int ngram_max;        /**< 1 = unigrams, 2 = unigrams and bigrams (default) */
	int min_df;           /**< keep terms seen in at least this many clauses (2) */
	int sublinear_tf;     /**< 1 + ln(tf) instead of tf (1) */
	int stop_words;       /**< drop the built-in English stop words (1) */
	themes_kernel kernel; /**< default linear */
	double C;             /**< SVM cost, default 1 */
	double gamma;         /**< RBF width; 0 means 1 / number of features */
	int balanced;         /**< class weights n / (6 n_k) against imbalance (1) */
	int calibration_folds;/**< folds for fitting the probability sigmoids (5) */
	uint32_t seed;        /**< seed for calibration folds (1) */
} themes_train_options;

void themes_train_options_init(themes_train_options *options);

/** NULL when the options are valid, otherwise a message naming the option
 *  and its valid range (static storage). */
const char *themes_train_options_check(const themes_train_options *options);

typedef struct themes_model themes_model;

/** Trains on the rows listed in rows[0..nrows-1] of corpus (all rows when
 *  rows is NULL).  Deterministic: the same rows and options give the same
 *  model.  Safe to call from several threads at once on different models. */
int themes_train(themes_model **out, const themes_corpus *corpus,
                 const size_t *rows, size_t nrows,
                 const themes_train_options *options, themes_error *err);

/** Writes the model atomically (a temporary file in the same folder, then
 *  rename), so that path is either the old file or the complete new one. */
int themes_model_save(const themes_model *model, const char *path,
                      themes_error *err);

/** Loads and validates a model file; refuses damaged, truncated or
 *  newer-format files with THEMES_ERR_MODEL. */
int themes_model_load(themes_model **out, const char *path,
                      themes_error *err);

/** Frees *model and sets it to NULL; NULL and *model == NULL are allowed. */
void themes_model_free(themes_model **model);

/** The options the model was trained with (owned by the model). */
const themes_train_options *themes_model_options(const themes_model *model);

/** Vocabulary size (number of features). */
size_t themes_model_features(const themes_model *model);

/** Number of training clauses per theme, or NULL. */
const unsigned *themes_model_class_counts(const themes_model *model);

/** Copies the model's held-out confusion matrix ([gold][predicted], from the
 *  calibration folds of training) into confusion and returns 1, or returns 0
 *  when the model was trained without calibration folds. */
int themes_model_cv_confusion(const themes_model *model,
                              unsigned confusion[THEMES_COUNT][THEMES_COUNT]);

/* ------------------------------------------------------------------ */
/* classify.c                                                           */
/* ------------------------------------------------------------------ */

typedef struct themes_prediction {
	int theme;          /**< argmax of scores, -1 when the text has no known feature */
	double confidence;  /**< scores[theme], 0 when theme is -1 */
	double scores[THEMES_COUNT]; /**< probabilities, summing to 1 (all 0 when theme is -1) */
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

void themes_classifier_free(themes_classifier *classifier);

/* ------------------------------------------------------------------ */
/* eval/metrics.c: scores of predictions against gold labels            */
/* ------------------------------------------------------------------ */

/** One scored clause. */
typedef struct themes_scored {
	int gold;               /**< gold primary theme */
	unsigned gold_secondary;/**< bit k: theme k is a gold secondary */
	int predicted;          /**< -1 when the model abstained (no feature) */
	double scores[THEMES_COUNT];
} themes_scored;

typedef struct themes_metrics {
	size_t n;
	double accuracy;
	double macro_f1;          /**< mean F1 over themes with support or predictions */
	double micro_f1;
	double kappa;             /**< Cohen's kappa, model vs gold */
	double alpha;             /**< Krippendorff's alpha (nominal), model vs gold */
	double top2_accuracy;     /**< gold among the two highest scores */
	double lenient_accuracy;  /**< prediction equals the primary or a secondary */
	double precision[THEMES_COUNT];
	double recall[THEMES_COUNT];
	double f1[THEMES_COUNT];
	size_t support[THEMES_COUNT];
	size_t predicted_count[THEMES_COUNT];
	/** confusion[g][p]: clauses of gold theme g predicted as p; column
	 *  THEMES_COUNT counts abstentions. */
	size_t confusion[THEMES_COUNT][THEMES_COUNT + 1];
} themes_metrics;

/** Computes every metric over items[0..n-1]. */
void themes_metrics_compute(const themes_scored *items, size_t n,
                            themes_metrics *out);

/** A 95% percentile-bootstrap interval. */
typedef struct themes_interval {
	double low, high;
} themes_interval;

/** Bootstraps macro-F1 and accuracy with `resamples` resamples drawn from a
 *  generator seeded with seed; resamples are spread over OpenMP threads and
 *  the result is identical for any thread count. */
int themes_metrics_bootstrap(const themes_scored *items, size_t n,
                             unsigned resamples, uint32_t seed,
                             themes_interval *macro_f1,
                             themes_interval *accuracy, themes_error *err);


/* ------------------------------------------------------------------ */
/* eval/profile.c: the theme profile of one statement                   */
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
	size_t clauses;   /**< all clauses */
	size_t uncertain; /**< no known feature, or confidence below the floor */
	size_t count[THEMES_COUNT];
	/** count / (clauses - uncertain); all 0 when every clause is uncertain */
	double share[THEMES_COUNT];
	/** 95% percentile bootstrap interval of share (resampling all clauses;
	 *  low = high = share when resamples is 0) */
	themes_interval share_ci[THEMES_COUNT];
	double mean_confidence[THEMES_COUNT]; /**< 0 when count is 0 */
	/** indices into the predictions of the most confident clauses of each
	 *  theme, most confident first (ties by index) */
	size_t evidence[THEMES_COUNT][THEMES_PROFILE_EVIDENCE_MAX];
	int evidence_count[THEMES_COUNT];
} themes_profile;

/** Whether prediction p counts as uncertain under min_confidence. */
int themes_profile_uncertain(const themes_prediction *p, double min_confidence);

/** Computes the profile of predictions[0..n-1] (n may be 0).  Resamples run
 *  in parallel (OpenMP), each with its own generator seeded from (seed,
 *  resample), so the result is identical for any thread count. */
int themes_profile_compute(const themes_prediction *predictions, size_t n,
                           const themes_profile_options *options,
                           themes_profile *out, themes_error *err);

/** Adjusted classify-and-count (Forman 2008): estimates the true shares p
 *  from observed predicted shares q, given a held-out confusion matrix
 *  confusion[gold][predicted] (themes_model_cv_confusion).  With
 *  M[g][j] = P(predicted j | gold g), q = M^T p; p is the point of the
 *  probability simplex that minimises |M^T p - q|^2 (accelerated projected
 *  gradient), clipped to >= 0 and renormalised.  A gold theme without
 *  held-out clauses is taken as always recognised.  THEMES_ERR_PARAM when
 *  observed is not a distribution (negative, or not summing to 1).
 *  confusion is not modified (it is not const so that the array filled by
 *  themes_model_cv_confusion passes without a cast in ISO C before C23). */
int themes_profile_adjust(const double observed[THEMES_COUNT],
                          unsigned confusion[THEMES_COUNT][THEMES_COUNT],
                          double adjusted[THEMES_COUNT], themes_error *err);

/* ------------------------------------------------------------------ */
/* eval/crossval.c: stratified cross-validation and parameter search    */
/* ------------------------------------------------------------------ */

/** Assigns each of n items to one of k folds, stratified by theme: each
 *  theme's items are shuffled by a generator seeded with seed, then dealt
 *  round-robin.  fold[i] receives the fold of item i. */
void themes_stratified_folds(const int *theme, size_t n, int k, uint32_t seed,
                             int *fold);

/** K-fold cross-validation of options on corpus: every clause is scored by
 *  a model trained without its fold.  out must hold themes_corpus_size()
 *  items, filled in corpus order.  Folds run in parallel (OpenMP); the
 *  result is identical for any thread count. */
int themes_cross_validate(const themes_corpus *corpus,
                          const themes_train_options *options, int folds,
                          uint32_t seed, themes_scored *out,
                          themes_error *err);

/** Cross-validates every combination of costs[0..n_costs-1] and (for RBF)
 *  gammas[0..n_gammas-1] with the same folds, in parallel over settings x
 *  folds.  macro_f1 receives one value per combination, cost-major.  Pass
 *  n_gammas 0 for a linear kernel. */
int themes_grid_search(const themes_corpus *corpus,
                       const themes_train_options *options, int folds,
                       uint32_t seed, const double *costs, size_t n_costs,
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

/* ------------------------------------------------------------------ */
/* eval/report.c: metrics as text, JSON, JUnit, Markdown and SVG        */
/* ------------------------------------------------------------------ */

/** Everything a report shows.  Strings may be NULL (then omitted). */
typedef struct themes_report {
	const themes_metrics *metrics;
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
} themes_report;

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

int themes_report_markdown(FILE *out, const themes_report *report);

/** A standalone SVG: confusion heat map and per-theme F1 bars. */
int themes_report_svg(FILE *out, const themes_report *report);

/** CSV of misclassified clauses (id,text,gold,predicted,confidence), the
 *  `per_pair` most confident errors of each (gold, predicted) pair, pairs in
 *  theme order, most confident first. */
int themes_report_errors(FILE *out, const themes_scored *items, size_t n,
                         const char *const *ids, const char *const *texts,
                         size_t per_pair);

#ifdef __cplusplus
}
#endif

#endif /* THEMES_H */
