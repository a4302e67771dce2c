/*
 * train.c - labelled clauses to a trained model.
 *
 * Input: a labelled corpus (corpus.c) and training options.  Builds the
 * feature space from the training rows (vectorize.c), trains the chosen
 * solver over the labels (solver.c), copies it into the model and
 * calibrates its probabilities (calibrate.c).  Deterministic: the same rows
 * and options give the same model, for any number of threads.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void free_training_set(themes_training_set *t)
{
	if (t->x)
		for (size_t i = 0; i < t->count; i++)
			free(t->x[i]);
	free(t->x);
	free(t->label);
}

static int vectorize_rows(const themes_model *m, const themes_corpus *corpus,
                          const size_t *rows, size_t nrows, themes_training_set *t,
                          themes_error *err)
{
	memset(t, 0, sizeof *t);
	t->x = calloc(nrows, sizeof *t->x);
	t->label = calloc(nrows, sizeof *t->label);
	if (!t->x || !t->label)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	t->count = nrows;
	themes_featurizer z;
	int status = themes_featurizer_init(&z, &m->features, m->options.language, err);
	if (status != THEMES_OK)
		return status;
	for (size_t r = 0; r < nrows; r++) {
		const char *text = themes_corpus_text(corpus, rows[r]);
		long n = themes_featurizer_vector(&z, text, strlen(text));
		if (n < 0 || !(t->x[r] = malloc(((size_t)n + 1) * sizeof *t->x[r]))) {
			themes_featurizer_free(&z);
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		}
		memcpy(t->x[r], z.nodes, ((size_t)n + 1) * sizeof *t->x[r]);
		t->label[r] = themes_corpus_theme(corpus, rows[r]);
	}
	themes_featurizer_free(&z);
	return THEMES_OK;
}

int themes_train(themes_model **out, const themes_corpus *corpus,
                 const size_t *rows, size_t nrows,
                 const themes_train_options *options, themes_error *err)
{
	*out = NULL;
	const char *problem_text = themes_train_options_check(options, NULL);
	if (problem_text)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s", problem_text);
	size_t *all_rows = NULL;
	if (!rows) {
		nrows = themes_corpus_size(corpus);
		all_rows = malloc((nrows + 1) * sizeof *all_rows);
		if (!all_rows)
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			all_rows[i] = i;
		rows = all_rows;
	}
	themes_model *m = calloc(1, sizeof *m);
	themes_training_set t = {0};
	themes_fit fit = {0};
	int status = THEMES_OK;
	if (!m) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	m->options = *options;
	status = themes_codebook_copy(&m->codebook,
	                              themes_corpus_codebook(corpus), err);
	if (status != THEMES_OK)
		goto done;

	int labels_present = 0;
	for (size_t r = 0; r < nrows; r++)
		m->class_counts[themes_corpus_theme(corpus, rows[r])]++;
	for (int c = 0; c < themes_model_labels(m); c++)
		labels_present += m->class_counts[c] > 0;
	if (labels_present < 2) {
		status = themes_fail(err, THEMES_ERR_DATA, 0,
			"%s: the training rows use %d label%s; at least two are "
			"needed", themes_corpus_name(corpus), labels_present,
			labels_present == 1 ? "" : "s");
		goto done;
	}

	status = themes_features_build(&m->features, corpus, rows, nrows,
	                               &m->options, err);
	if (status != THEMES_OK)
		goto done;
	status = vectorize_rows(m, corpus, rows, nrows, &t, err);
	if (status != THEMES_OK)
		goto done;

	status = themes_fit_train(m, &t, NULL, &fit);
	if (status == THEMES_OK)
		status = themes_fit_adopt(m, &fit);
	if (status == THEMES_OK)
		status = themes_model_prepare(m);
	if (status != THEMES_OK) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	status = themes_calibrate(m, &t, err);
done:
	themes_fit_free(&fit);
	free_training_set(&t);
	free(all_rows);
	if (status != THEMES_OK) {
		themes_model_free(&m);
		return status;
	}
	*out = m;
	return THEMES_OK;
}

