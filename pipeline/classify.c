/*
 * classify.c - last stage: a clause's text to a label and its probabilities.
 *
 * Input: text and a loaded model.  Output: themes_prediction.
 * A classifier holds the per-thread state (Snowball stemmer, stem cache,
 * scratch buffers), so classifying allocates nothing once the buffers have
 * grown to the longest clause seen.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <svm.h>

struct themes_classifier {
	const themes_model *model;
	themes_featurizer featurizer;
	themes_buffer words; /* themes_explain_words' words, NUL-separated */
};

int themes_classifier_new(themes_classifier **out, const themes_model *model,
                          themes_error *err)
{
	*out = NULL;
	themes_classifier *c = calloc(1, sizeof *c);
	if (!c)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	c->model = model;
	int status = themes_featurizer_init(&c->featurizer,
	                                    themes_model_feature_space(model),
	                                    themes_model_options(model)->language,
	                                    err);
	if (status != THEMES_OK) {
		free(c);
		return status;
	}
	*out = c;
	return THEMES_OK;
}

int themes_classify(themes_classifier *c, const char *text, size_t length,
                    themes_prediction *out)
{
	memset(out, 0, sizeof *out);
	out->theme = -1;
	long n = themes_featurizer_vector(&c->featurizer, text, length);
	if (n < 0)
		return THEMES_ERR_NOMEM;
	if (n == 0)
		return THEMES_OK; /* nothing known to the model: no theme */
	double decision[THEMES_MAX_PAIRS];
	themes_model_decisions(c->model, c->featurizer.nodes, decision);
	themes_model_probabilities(c->model, decision, out->scores);
	/* Ties go to the earlier theme, so the result never depends on
	 * floating-point noise in the order of evaluation. */
	int best = 0;
	int labels = themes_model_labels(c->model);
	for (int k = 1; k < labels; k++)
		if (out->scores[k] > out->scores[best])
			best = k;
	out->theme = best;
	out->confidence = out->scores[best];
	return THEMES_OK;
}

/* A feature's contribution, with its id for finding its words. */
typedef struct ranked_term {
	themes_contribution contribution;
	int id;
} ranked_term;

/* Largest contribution first, ties by term. */
static int compare_contributions(const void *a, const void *b)
{
	const themes_contribution *x = a, *y = b;
	if (x->contribution != y->contribution)
		return x->contribution < y->contribution ? 1 : -1;
	return strcmp(x->term, y->term);
}

static int compare_ranked(const void *a, const void *b)
{
	return compare_contributions(&((const ranked_term *)a)->contribution,
	                             &((const ranked_term *)b)->contribution);
}

/* Appends to c->words what place p covers of text: one span, or a
 * bigram's two joined by a space (none between two Chinese characters
 * that touch, as they were written); for a character n-gram, its word and
 * then the n-gram in brackets.  False when out of memory. */
static bool append_words(themes_buffer *b, const char *text,
                         const themes_feature_place *p, const char *term,
                         bool chinese)
{
	if (!themes_buffer_append(b, text + p->start[0], p->end[0] - p->start[0]))
		return false;
	if (p->end[1] > p->start[1]) {
		bool touching = chinese && p->end[0] == p->start[1];
		if ((!touching && !themes_buffer_append(b, " ", 1)) ||
		    !themes_buffer_append(b, text + p->start[1],
		                          p->end[1] - p->start[1]))
			return false;
	}
	if (term[0] == '#' && (!themes_buffer_append(b, " (", 2) ||
	                       !themes_buffer_append(b, term + 1, strlen(term + 1)) ||
	                       !themes_buffer_append(b, ")", 1)))
		return false;
	return themes_buffer_append(b, "", 1);
}

/* Fills words[0..n-1] with what top[0..n-1] were read from in text. */
static int locate_words(themes_classifier *c, const char *text, size_t length,
                        const ranked_term *top, const char **words, int n)
{
	bool chinese = themes_language_rules(themes_model_options(
		c->model)->language) == THEMES_TOKENS_CHINESE;
	themes_feature_place *places = calloc((size_t)n + 1, sizeof *places);
	size_t *at = calloc((size_t)n + 1, sizeof *at);
	int status = places && at ? THEMES_OK : THEMES_ERR_NOMEM;
	for (int j = 0; j < n && status == THEMES_OK; j++)
		places[j].id = top[j].id;
	if (status == THEMES_OK)
		status = themes_featurizer_locate(&c->featurizer, text, length,
		                                  places, n);
	c->words.length = 0;
	for (int j = 0; j < n && status == THEMES_OK; j++) {
		const char *term = top[j].contribution.term;
		at[j] = c->words.length;
		bool ok = places[j].found
			? append_words(&c->words, text, &places[j], term, chinese)
			: themes_buffer_append(&c->words, term, strlen(term) + 1);
		if (!ok)
			status = THEMES_ERR_NOMEM;
	}
	for (int j = 0; j < n && status == THEMES_OK; j++)
		words[j] = c->words.data + at[j];
	free(places);
	free(at);
	return status;
}

int themes_explain_words(themes_classifier *c, const char *text,
                         size_t length, int theme, themes_contribution *out,
                         const char **words, int k)
{
	if (themes_model_options(c->model)->kernel != THEMES_KERNEL_LINEAR ||
	    theme < 0 || theme >= themes_model_labels(c->model) || k < 0)
		return THEMES_ERR_PARAM;
	long n = themes_featurizer_vector(&c->featurizer, text, length);
	if (n < 0)
		return THEMES_ERR_NOMEM;
	const themes_features *f = themes_model_feature_space(c->model);
	ranked_term *all = malloc(((size_t)n + 1) * sizeof *all);
	if (!all)
		return THEMES_ERR_NOMEM;
	for (long i = 0; i < n; i++) {
		const struct svm_node *x = &c->featurizer.nodes[i];
		all[i].id = x->index;
		all[i].contribution.term = f->terms[x->index - 1];
		all[i].contribution.contribution = x->value *
			themes_model_theme_weight(c->model, x->index, theme);
	}
	qsort(all, (size_t)n, sizeof *all, compare_ranked);
	int filled = n < k ? (int)n : k;
	for (int j = 0; j < filled; j++)
		out[j] = all[j].contribution;
	int status = words ? locate_words(c, text, length, all, words, filled)
	                   : THEMES_OK;
	free(all);
	return status == THEMES_OK ? filled : status;
}

int themes_explain(themes_classifier *c, const char *text, size_t length,
                   int theme, themes_contribution *out, int k)
{
	return themes_explain_words(c, text, length, theme, out, NULL, k);
}

void themes_classifier_free(themes_classifier *c)
{
	if (!c)
		return;
	themes_featurizer_free(&c->featurizer);
	themes_buffer_free(&c->words);
	free(c);
}

int themes_model_top_terms(const themes_model *model, int label,
                           themes_contribution *out, int k)
{
	if (themes_model_options(model)->kernel != THEMES_KERNEL_LINEAR ||
	    label < 0 || label >= themes_model_labels(model) || k < 0)
		return THEMES_ERR_PARAM;
	const themes_features *f = themes_model_feature_space(model);
	themes_contribution *all = malloc((f->size + 1) * sizeof *all);
	if (!all)
		return THEMES_ERR_NOMEM;
	for (size_t i = 0; i < f->size; i++) {
		all[i].term = f->terms[i];
		all[i].contribution = themes_model_theme_weight(model, (int)i + 1,
		                                                label);
	}
	qsort(all, f->size, sizeof *all, compare_contributions);
	int filled = (size_t)k < f->size ? k : (int)f->size;
	memcpy(out, all, (size_t)filled * sizeof *out);
	free(all);
	return filled;
}
