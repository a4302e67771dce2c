/*
 * internal.h - declarations shared by the files of libthemes; not installed.
 */
#ifndef THEMES_INTERNAL_H
#define THEMES_INTERNAL_H

#include "themes.h"

#include <stdarg.h>
#include <stdbool.h>

#include <svm.h>

#define THEMES_MODEL_MAGIC "themes-model"
#define THEMES_MODEL_FORMAT 2
#define THEMES_MAX_PAIRS (THEMES_MAX_LABELS * (THEMES_MAX_LABELS - 1) / 2)

/* codebook.c: why slug[0..length-1] cannot be a label, or NULL. */
const char *themes_slug_problem(const char *slug, size_t length);

/* Fills err (when not NULL) and returns code; fmt is printf-style. */
int themes_fail(themes_error *err, int code, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* 64-bit FNV-1a, used for hash tables and file digests. */
uint64_t themes_hash_bytes(const void *data, size_t length, uint64_t seed);
#define THEMES_HASH_SEED 0xcbf29ce484222325ULL

char *themes_strndup(const char *s, size_t n);

/* Seeded random numbers for folds and bootstrap resamples (splitmix64).
 * Resample r of a bootstrap draws from themes_resample_state(seed, r), so
 * its draws do not depend on which thread runs it. */
uint64_t themes_random_next(uint64_t *state);
uint64_t themes_resample_state(uint32_t seed, unsigned r);
/* Uniform in [0, n), n > 0, without modulo bias. */
size_t themes_draw_index(uint64_t *state, size_t n);
int themes_compare_doubles(const void *a, const void *b);
/* Quantile p of sorted[0..count-1], count > 0 (Hyndman-Fan type 7). */
double themes_quantile(const double *sorted, size_t count, double p);

/* eval/leakage.c: the sorted, unique hashes of text's word 3-shingles into
 * *hashes (malloc'ed, NULL when there are none) and *count; false when out
 * of memory. */
bool themes_shingles(const char *text, uint64_t **hashes, size_t *count);

/* A growable byte buffer. */
typedef struct themes_buffer {
	char *data;
	size_t length, capacity;
} themes_buffer;

bool themes_buffer_reserve(themes_buffer *b, size_t extra);
/* util.c: an array of count items of size bytes with room for one more:
 * items itself while count < *capacity, else items reallocated to twice
 * *capacity (first when 0), which *capacity then holds.  NULL when out of
 * memory, items and *capacity then untouched. */
void *themes_grow_array(void *items, size_t *capacity, size_t count,
                        size_t size, size_t first);
bool themes_buffer_append(themes_buffer *b, const char *s, size_t n);
bool themes_buffer_printf(themes_buffer *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void themes_buffer_free(themes_buffer *b);

/* Open-addressing map from byte strings to int.  Keys are copied into an
 * arena owned by the map. */
typedef struct themes_map {
	struct themes_map_slot *slots;
	size_t capacity, count;
	themes_buffer arena;
} themes_map;

void themes_map_init(themes_map *m);
/* Returns the value stored for key, or -1. */
int themes_map_get(const themes_map *m, const char *key, size_t length);
/* Inserts or overwrites; returns false when out of memory. */
bool themes_map_put(themes_map *m, const char *key, size_t length, int value);
/* Pointer to the value for key, inserting `initial` first when absent. */
int *themes_map_upsert(themes_map *m, const char *key, size_t length,
                       int initial);
void themes_map_clear(themes_map *m);
void themes_map_free(themes_map *m);
/* Calls fn for every entry, in slot order (not sorted). */
void themes_map_each(const themes_map *m,
                     void (*fn)(const char *key, size_t length, int value,
                                void *user),
                     void *user);

/* lookup.c: a cache from a token to an int, for the featurizer.  Keys are
 * zero-padded to a multiple of 8 bytes, as themes_tokenize_padded leaves
 * its tokens: key[length] up to the next multiple of 8 must be readable
 * and 0.  kind (0 or 1) is part of the key. */
typedef struct themes_token_cache {
	struct themes_token_slot *slots;
	size_t capacity, count;    /* capacity: a power of two, or 0 */
	uint64_t *words;           /* the words of long keys after their first */
	size_t word_count, word_capacity;
} themes_token_cache;

/* themes_token_cache_get is in lookup.h, inline. */
/* Inserts or overwrites; false when out of memory. */
bool themes_token_cache_put(themes_token_cache *c, const char *key,
                            size_t length, int kind, int value);
void themes_token_cache_clear(themes_token_cache *c);
void themes_token_cache_free(themes_token_cache *c);

/* lookup.c: a table from a pair of ids (each >= 1) to an int >= 1. */
typedef struct themes_pair_table {
	struct themes_pair_slot *slots;
	size_t capacity, count;    /* capacity: a power of two, or 0 */
} themes_pair_table;

/* themes_pair_table_get is in lookup.h, inline. */
/* Inserts or overwrites; false when out of memory. */
bool themes_pair_table_put(themes_pair_table *t, int first, int second,
                           int value);
void themes_pair_table_free(themes_pair_table *t);

/* decimal.c: strtod's double and end for s, through an exact fast path
 * for decimals of up to 19 significant digits (model files); errno as
 * strtod leaves it only when it falls back to strtod. */
double themes_parse_double(const char *s, char **end);

/* language.c: the libstemmer algorithm of a training language, NULL when
 * its words are not stemmed (Chinese). */
const char *themes_language_stemmer(const char *language);
/* language.c: the built-in stop words of a training language, sorted
 * bytewise (*count 0 when it has none). */
void themes_language_stop_words(const char *language, const char *const **words,
                                size_t *count);
/* stem.c: themes_stem without the cache, for a caller that keeps what it
 * derives from the stem in a cache of its own.  The result is owned by the
 * stemmer and valid until its next call. */
const char *themes_stem_uncached(themes_stemmer *stemmer, const char *word,
                                 size_t length, size_t *stem_length);
/* tokenize.c: themes_tokenize_with, whose tokens are also zero-padded:
 * from token[length] up to the next multiple of 8 bytes after it, the bytes
 * hold 0 (eight of them when length is a multiple of 8).  fast chooses the
 * fast path for ASCII; the general path (fast false) gives the same tokens
 * a code point at a time, and exists to test the fast one. */
void themes_tokenize_padded(const char *text, size_t length,
                            themes_token_rules rules, bool fast,
                            themes_token_fn fn, void *user);
/* tokenize.c: themes_tokenize_padded (fast path), also giving each token's
 * place in text: it was read from text[start] to text[end - 1]. */
typedef void (*themes_span_fn)(const char *token, size_t length, int flags,
                               size_t start, size_t end, void *user);
void themes_tokenize_spans(const char *text, size_t length,
                           themes_token_rules rules, themes_span_fn fn,
                           void *user);
/* tokenize.c: whether cp is a Han character: CJK Unified Ideographs and
 * their extensions, and compatibility ideographs. */
bool themes_is_han(int32_t cp);
/* tokenize.c: whether cp is a letter (Unicode categories Lu, Ll, Lt, Lm,
 * Lo). */
bool themes_is_letter(int32_t cp);

/* vectorize.c: the feature space of a model. */
typedef struct themes_features {
	int ngram_max;
	int sublinear_tf;
	int char_min, char_max;  /* character n-grams of words; 0: none */
	size_t char_count;       /* char n-gram terms: ids 1..char_count */
	size_t stop_word_count;
	char **stop_words;     /* sorted, owned */
	themes_map stop_set;
	size_t size;           /* vocabulary size; feature ids are 1..size */
	char **terms;          /* terms[id - 1], sorted bytewise, owned */
	double *idf;           /* idf[id - 1] */
	themes_map term_ids;
	/* Bigram ids keyed by the pair of their unigram ids, so
	 * classification never builds bigram strings. */
	themes_pair_table bigram_ids;
	/* What the classifying threads learn of tokens, shared (vectorize.c);
	 * mutable behind its lock, though the features are not. */
	struct themes_shared_tokens *shared_tokens;
} themes_features;
typedef struct themes_shared_tokens themes_shared_tokens;


/* A feature whose place in a clause themes_featurizer_locate finds: its
 * words are text[start[0]..end[0]-1] and, for a bigram,
 * text[start[1]..end[1]-1] (otherwise start[1] == end[1] == 0). */
typedef struct themes_feature_place {
	int id;
	bool found;
	size_t start[2], end[2];
} themes_feature_place;

/* Per-thread scratch for turning text into a sparse vector. */
typedef struct themes_featurizer {
	themes_stemmer *stemmer;   /* NULL: words are not stemmed */
	themes_token_rules rules;
	themes_buffer term;        /* the term being built */
	themes_buffer previous;    /* the previous unigram, for bigrams */
	themes_buffer padded;      /* "<word>", for character n-grams */
	/* The clause's features: tf[id] counts feature id (all 0 between
	 * clauses), bit id of seen is set when tf[id] > 0, and bit w of
	 * seen_words when seen[w] is not 0, so the ids come out ascending
	 * without a sort.  Allocated for the vocabulary on first use. */
	int *tf;
	uint64_t *seen, *seen_words;
	size_t id_count;           /* feature occurrences, with repeats */
	struct svm_node *nodes;    /* the output vector */
	size_t node_capacity;
	/* Training only: every term, before the vocabulary exists. */
	void (*on_term)(const char *term, size_t length, void *user);
	void *user;
	const themes_features *features;
	bool stop_words_on;
	bool failed;               /* out of memory during the last call */
	/* Classification: folded token (and whether it is an acronym, which
	 * skips stop words and stemming) -> unigram id, or TOKEN_UNKNOWN /
	 * TOKEN_STOP; one lookup replaces stop check, stemming and vocabulary
	 * lookup for every repeated word.  Bounded like the stem cache. */
	themes_token_cache token_cache;
	int previous_id;           /* unigram id of the previous kept word */
	/* Classification with character n-grams: token -> offset in
	 * char_ids of its n-grams' feature ids ([count, id...]), so a
	 * repeated word costs one lookup instead of one per n-gram. */
	themes_token_cache char_cache;
	/* themes_featurizer_locate: the features sought, and the spans of the
	 * current and the previous kept token. */
	themes_feature_place *places;
	int place_count;
	size_t span[2], previous_span[2];
	int *char_ids;
	size_t char_ids_length, char_ids_capacity;
	double log_tf[16];         /* 1 + ln(tf) for tf < 16 (sublinear_tf) */
} themes_featurizer;

/* vectorize.c: finds where in text each places[i].id first arises (found
 * false for one that does not); THEMES_ERR_NOMEM when out of memory. */
int themes_featurizer_locate(themes_featurizer *z, const char *text,
                             size_t length, themes_feature_place *places,
                             int count);

int themes_features_set_stop_words(themes_features *f, const char *const *words,
                                   size_t count);
/* Longest word (bytes) given character n-grams. */
#define THEMES_MAX_WORD 64

/* vocabulary.c: fills what classification reads the vocabulary through
 * (f->char_count, f->bigram_ids, f->shared_tokens); call once the terms
 * are set. */
int themes_features_finish(themes_features *f);
/* vectorize.c: the token cache the threads classifying with one feature
 * space share; NULL when out of memory. */
themes_shared_tokens *themes_shared_tokens_new(void);
void themes_shared_tokens_free(themes_shared_tokens *shared);
void themes_features_free(themes_features *f);

int themes_featurizer_init(themes_featurizer *z, const themes_features *f,
                           const char *language, themes_error *err);
void themes_featurizer_free(themes_featurizer *z);
/* Emits each term of text to z->on_term (training) */
int themes_featurizer_terms(themes_featurizer *z, const char *text,
                            size_t length);
/* Builds the TF-IDF vector of text in z->nodes; returns the number of
 * non-zero features, or -1 when out of memory. */
long themes_featurizer_vector(themes_featurizer *z, const char *text,
                              size_t length);

/* vectorize.c: builds the vocabulary (terms of at least options->min_df
 * of the rows) and idf of f from rows[0..nrows-1] of corpus; sets the stop
 * words and settings from options first. */
int themes_features_build(themes_features *f, const themes_corpus *corpus,
                          const size_t *rows, size_t nrows,
                          const themes_train_options *options,
                          themes_error *err);

/* The model; model.c (prediction), train.c, calibrate.c, model_write.c
 * and model_read.c share it. */
struct themes_model {
	themes_train_options options;
	themes_codebook *codebook;
	themes_features features;
	unsigned class_counts[THEMES_MAX_LABELS];
	/* Held-out confusion from the calibration folds: [gold][predicted]. */
	bool has_cv_confusion;
	unsigned cv_confusion[THEMES_MAX_LABELS][THEMES_MAX_LABELS];

	/* The SVM, in libsvm's layout: classes in libsvm's order. */
	int class_count;                   /* K */
	int labels[THEMES_MAX_LABELS];     /* label index of class i */
	int nsv[THEMES_MAX_LABELS];
	int sv_count;                      /* l */
	struct svm_node *sv_space;         /* all support vectors, each ending -1 */
	struct svm_node **sv;              /* sv[l] */
	double *sv_coef_space;             /* (K - 1) * l */
	double *sv_coef[THEMES_MAX_LABELS - 1];
	double rho[THEMES_MAX_PAIRS];
	double prob_a[THEMES_MAX_PAIRS], prob_b[THEMES_MAX_PAIRS];

	/* Linear kernel: the support vectors folded into one weight vector per
	 * class pair, laid out [feature id][pair] so that a clause touches one
	 * contiguous row per feature. */
	double *weights;
	/* RBF kernel: a libsvm model pointing into the arrays above. */
	struct svm_model svm;
};

/* solver.c: the number of decision values per clause: one per pair of
 * classes (libsvm, one-vs-one) or one per class (liblinear, one-vs-rest). */
int themes_model_decision_count(const themes_model *m);
/* model.c: makes a trained or loaded model ready to classify (folds a
 * libsvm linear model's support vectors into weight rows, links libsvm's
 * view of an RBF model). */
int themes_model_prepare(themes_model *m);

/* train.c: the vectors and labels of the training rows. */
typedef struct themes_training_set {
	size_t count;
	struct svm_node **x;
	int *label;
} themes_training_set;

/* solver.c: one trained SVM, from libsvm or liblinear. */
typedef struct themes_fit {
	struct svm_model *svm;          /* libsvm, or NULL */
	struct svm_problem problem;     /* arrays libsvm's model points into */
	/* liblinear, one-vs-rest: weights[feature id][class] (row 0 unused)
	 * and rho = -bias per class, the layout of model.c's decisions. */
	int classes;
	int labels[THEMES_MAX_LABELS];
	double *weights;
	double rho[THEMES_MAX_LABELS];
} themes_fit;

/* Trains the model's solver on the members of t selected by use (all when
 * NULL). */
int themes_fit_train(const themes_model *m, const themes_training_set *t,
                     const unsigned char *use, themes_fit *fit);
/* The fit's classes (label indices) in its own order; returns how many. */
int themes_fit_classes(const themes_fit *fit, int *labels);
/* Decision values of x in the fit's order: per class pair (libsvm) or per
 * class (liblinear). */
void themes_fit_decisions(const themes_fit *fit, const struct svm_node *x,
                          double *decision);
/* Moves the fit's classes and decision functions into the model. */
int themes_fit_adopt(themes_model *m, themes_fit *fit);
void themes_fit_free(themes_fit *fit);

/* calibrate.c: fits the probability sigmoids from held-out decision values
 * of seeded folds and fills the model's held-out confusion matrix. */
int themes_calibrate(themes_model *m, const themes_training_set *t,
                     themes_error *err);

/* classify.c helpers shared with training (probability calibration). */
void themes_pairwise_coupling(int k, const double *pairwise, double *prob);
double themes_sigmoid(double decision, double a, double b);
void themes_fit_sigmoid(size_t n, const double *decision, const int *positive,
                        double *a, double *b);

/* Decision values of every class pair (i < j in theme order) for vector x;
 * used by training (calibration) and classification. */
void themes_model_decisions(const themes_model *model,
                            const struct svm_node *x, double *decision);
/* Probabilities over the model's labels from pairwise decision values. */
void themes_model_probabilities(const themes_model *model,
                                const double *decision, double *prob);
const themes_features *themes_model_feature_space(const themes_model *model);
/* For a linear model: how much feature id `feature` (value 1) pushes towards
 * theme, summed over the theme's pairwise decisions (positive = towards). */
double themes_model_theme_weight(const themes_model *model, int feature,
                                 int theme);

#endif
