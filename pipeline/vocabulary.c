/*
 * vocabulary.c - the feature space of a model: its stop words, its
 * vocabulary (terms sorted bytewise, ids 1..size) with their idf, and the
 * indexes classification reads them through (term ids, bigram ids by the
 * pair of their unigram ids, the shared token cache of vectorize.c).
 *
 * Training builds it from the training rows (themes_features_build: every
 * term the featurizer gives, kept when at least min_df rows have it, idf =
 * ln((1 + N) / (1 + df)) + 1); loading a model reads it from the file
 * (model_read.c); both end with themes_features_finish.
 */
#include "internal.h"
#include "lookup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int themes_features_set_stop_words(themes_features *f, const char *const *words,
                                   size_t count)
{
	f->stop_words = calloc(count ? count : 1, sizeof *f->stop_words);
	if (!f->stop_words)
		return THEMES_ERR_NOMEM;
	themes_map_init(&f->stop_set);
	for (size_t i = 0; i < count; i++) {
		f->stop_words[i] = themes_strndup(words[i], strlen(words[i]));
		f->stop_word_count = i + 1;
		if (!f->stop_words[i] ||
		    !themes_map_put(&f->stop_set, words[i], strlen(words[i]), 1))
			return THEMES_ERR_NOMEM;
	}
	return THEMES_OK;
}

int themes_features_finish(themes_features *f)
{
	memset(&f->bigram_ids, 0, sizeof f->bigram_ids);
	f->shared_tokens = themes_shared_tokens_new();
	if (!f->shared_tokens)
		return THEMES_ERR_NOMEM;
	f->char_count = 0;
	while (f->char_count < f->size && f->terms[f->char_count][0] == '#')
		f->char_count++;
	for (size_t i = 0; i < f->size; i++) {
		const char *space = strchr(f->terms[i], ' ');
		if (!space)
			continue;
		/* A bigram's clauses all contain both its words, so both are in
		 * the vocabulary whenever the bigram is. */
		int pair[2];
		pair[0] = themes_map_get(&f->term_ids, f->terms[i],
		                         (size_t)(space - f->terms[i]));
		pair[1] = themes_map_get(&f->term_ids, space + 1, strlen(space + 1));
		if (pair[0] < 0 || pair[1] < 0)
			continue;
		if (!themes_pair_table_put(&f->bigram_ids, pair[0], pair[1],
		                           (int)(i + 1)))
			return THEMES_ERR_NOMEM;
	}
	return THEMES_OK;
}

void themes_features_free(themes_features *f)
{
	for (size_t i = 0; i < f->stop_word_count; i++)
		free(f->stop_words[i]);
	free(f->stop_words);
	themes_map_free(&f->stop_set);
	for (size_t i = 0; i < f->size; i++)
		if (f->terms)
			free(f->terms[i]);
	free(f->terms);
	free(f->idf);
	themes_map_free(&f->term_ids);
	themes_pair_table_free(&f->bigram_ids);
	themes_shared_tokens_free(f->shared_tokens);
	memset(f, 0, sizeof *f);
}

/* Vocabulary and idf, from training rows */

/* Counts document frequencies: term -> slot, with per-slot df and the last
 * document that counted it. */
typedef struct df_counter {
	themes_map slots;
	int *df;
	long *last_doc;
	size_t count, capacity;
	long doc;
	bool failed;
} df_counter;

static void count_term(const char *term, size_t length, void *user)
{
	df_counter *c = user;
	if (c->failed)
		return;
	int *slot = themes_map_upsert(&c->slots, term, length, (int)c->count);
	if (!slot) {
		c->failed = true;
		return;
	}
	if ((size_t)*slot == c->count) {
		if (c->count == c->capacity) {
			size_t capacity = c->capacity ? c->capacity * 2 : 4096;
			int *df = realloc(c->df, capacity * sizeof *df);
			if (df)
				c->df = df;
			long *last = realloc(c->last_doc, capacity * sizeof *last);
			if (last)
				c->last_doc = last;
			if (!df || !last) {
				c->failed = true;
				return;
			}
			c->capacity = capacity;
		}
		c->df[c->count] = 0;
		c->last_doc[c->count] = -1;
		c->count++;
	}
	if (c->last_doc[*slot] != c->doc) {
		c->last_doc[*slot] = c->doc;
		c->df[*slot]++;
	}
}

typedef struct vocab_collector {
	const df_counter *counter;
	int min_df;
	char **terms;
	int *df;
	size_t count;
	bool failed;
} vocab_collector;

static void collect_term(const char *term, size_t length, int slot, void *user)
{
	vocab_collector *v = user;
	if (v->failed || v->counter->df[slot] < v->min_df)
		return;
	v->terms[v->count] = themes_strndup(term, length);
	v->df[v->count] = v->counter->df[slot];
	if (!v->terms[v->count])
		v->failed = true;
	v->count++;
}

typedef struct term_df {
	char *term;
	int df;
} term_df;

static int compare_terms(const void *a, const void *b)
{
	return strcmp(((const term_df *)a)->term, ((const term_df *)b)->term);
}

int themes_features_build(themes_features *f, const themes_corpus *corpus,
                          const size_t *rows, size_t nrows,
                          const themes_train_options *options,
                          themes_error *err)
{
	f->ngram_max = options->ngram_max;
	f->sublinear_tf = options->sublinear_tf;
	f->char_min = options->char_ngram_min;
	f->char_max = options->char_ngram_max;
	const char *const *words = NULL;
	size_t word_count = 0;
	if (options->stop_words)
		themes_language_stop_words(options->language, &words, &word_count);
	if (themes_features_set_stop_words(f, words, word_count) != THEMES_OK)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");

	themes_featurizer z;
	int status = themes_featurizer_init(&z, f, options->language, err);
	if (status != THEMES_OK)
		return status;
	df_counter counter = {0};
	themes_map_init(&counter.slots);
	z.on_term = count_term;
	z.user = &counter;
	for (size_t r = 0; r < nrows && !counter.failed; r++) {
		const char *text = themes_corpus_text(corpus, rows[r]);
		counter.doc = (long)r;
		if (themes_featurizer_terms(&z, text, strlen(text)) != THEMES_OK)
			counter.failed = true;
	}
	themes_featurizer_free(&z);

	vocab_collector v = {&counter, options->min_df, NULL, NULL, 0, false};
	v.terms = calloc(counter.count + 1, sizeof *v.terms);
	v.df = calloc(counter.count + 1, sizeof *v.df);
	if (!counter.failed && v.terms && v.df)
		themes_map_each(&counter.slots, collect_term, &v);
	term_df *sorted = calloc(v.count + 1, sizeof *sorted);
	bool failed = counter.failed || !v.terms || !v.df || v.failed || !sorted;
	if (!failed) {
		for (size_t i = 0; i < v.count; i++)
			sorted[i] = (term_df){v.terms[i], v.df[i]};
		qsort(sorted, v.count, sizeof *sorted, compare_terms);
		f->terms = calloc(v.count + 1, sizeof *f->terms);
		f->idf = calloc(v.count + 1, sizeof *f->idf);
		failed = !f->terms || !f->idf;
	}
	if (!failed) {
		themes_map_init(&f->term_ids);
		for (size_t i = 0; i < v.count; i++) {
			f->terms[i] = sorted[i].term;
			v.terms[i] = NULL;
			f->idf[i] = log((1.0 + (double)nrows) / (1.0 + sorted[i].df)) + 1.0;
			f->size = i + 1;
			if (!themes_map_put(&f->term_ids, f->terms[i],
			                    strlen(f->terms[i]), (int)(i + 1))) {
				failed = true;
				break;
			}
		}
	}
	if (v.terms)
		for (size_t i = 0; i < v.count; i++)
			free(v.terms[i]);
	free(v.terms);
	free(v.df);
	free(sorted);
	themes_map_free(&counter.slots);
	free(counter.df);
	free(counter.last_doc);
	if (failed || themes_features_finish(f) != THEMES_OK)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	if (f->size == 0)
		return themes_fail(err, THEMES_ERR_DATA, 0,
			"%s: no term occurs in at least %d training clauses; lower "
			"min_df or add data", themes_corpus_name(corpus),
			options->min_df);
	return THEMES_OK;
}

