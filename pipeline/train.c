/*
 * train.c - labelled clauses to a trained model.
 *
 * Input: a labelled corpus (corpus.c) and training options.  Builds the
 * feature space from the training rows (vectorize.c), trains a libsvm C-SVC
 * over the labels, copies it into the model and calibrates its
 * probabilities (calibrate.c).  Deterministic: libsvm's own randomness is
 * used nowhere (its "-b 1" probabilities draw from rand(), see calibrate.c).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void print_nothing(const char *s)
{
	(void)s;
}

static void free_themes_training_set(themes_training_set *t)
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

/* Trains libsvm on the members of t selected by `use` (all when NULL). */
struct svm_model *themes_train_svm(const themes_model *m,
                                   const themes_training_set *t,
                                   const unsigned char *use,
                                   struct svm_problem *problem)
{
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		n += !use || use[i];
	problem->l = (int)n;
	problem->y = malloc((n + 1) * sizeof *problem->y);
	problem->x = malloc((n + 1) * sizeof *problem->x);
	if (!problem->y || !problem->x)
		return NULL;
	unsigned counts[THEMES_MAX_LABELS] = {0};
	int label_count = themes_model_labels(m);
	for (size_t i = 0, k = 0; i < t->count; i++) {
		if (use && !use[i])
			continue;
		problem->y[k] = t->label[i];
		problem->x[k] = t->x[i];
		counts[t->label[i]]++;
		k++;
	}
	struct svm_parameter param = {0};
	param.svm_type = C_SVC;
	param.kernel_type = m->options.kernel == THEMES_KERNEL_RBF ? RBF : LINEAR;
	param.gamma = m->options.gamma > 0 ? m->options.gamma :
		1.0 / (double)m->features.size;
	param.cache_size = 200;
	param.eps = 1e-3;
	param.C = m->options.C;
	param.shrinking = 1;
	int labels[THEMES_MAX_LABELS];
	double weights[THEMES_MAX_LABELS];
	if (m->options.balanced) {
		/* Weight n / (k n_c): each present label weighs the same in total. */
		int present = 0;
		for (int c = 0; c < label_count; c++)
			present += counts[c] > 0;
		for (int c = 0; c < label_count; c++) {
			if (!counts[c])
				continue;
			labels[param.nr_weight] = c;
			weights[param.nr_weight] = (double)n / (present * (double)counts[c]);
			param.nr_weight++;
		}
		param.weight_label = labels;
		param.weight = weights;
	}
	return svm_train(problem, &param);
}

/* Copies what libsvm trained into m (libsvm's model points into our
 * training vectors, which are freed after training). */
static int adopt_svm(themes_model *m, const struct svm_model *s)
{
	m->class_count = s->nr_class;
	m->sv_count = s->l;
	size_t nodes = 0;
	for (int i = 0; i < s->l; i++) {
		const struct svm_node *x = s->SV[i];
		while (x->index != -1)
			x++;
		nodes += (size_t)(x - s->SV[i]) + 1;
	}
	m->sv_space = malloc((nodes + 1) * sizeof *m->sv_space);
	m->sv = malloc(((size_t)s->l + 1) * sizeof *m->sv);
	m->sv_coef_space = malloc(((size_t)s->l * (size_t)(s->nr_class - 1) + 1) *
	                          sizeof *m->sv_coef_space);
	if (!m->sv_space || !m->sv || !m->sv_coef_space)
		return THEMES_ERR_NOMEM;
	struct svm_node *at = m->sv_space;
	for (int i = 0; i < s->l; i++) {
		m->sv[i] = at;
		const struct svm_node *x = s->SV[i];
		do
			*at++ = *x;
		while ((x++)->index != -1);
	}
	for (int c = 0; c < s->nr_class - 1; c++) {
		m->sv_coef[c] = m->sv_coef_space + (size_t)c * (size_t)s->l;
		memcpy(m->sv_coef[c], s->sv_coef[c], (size_t)s->l * sizeof(double));
	}
	for (int i = 0; i < s->nr_class; i++) {
		m->labels[i] = s->label[i];
		m->nsv[i] = s->nSV[i];
	}
	memcpy(m->rho, s->rho, (size_t)themes_model_pairs(m) * sizeof(double));
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
	struct svm_problem problem = {0};
	struct svm_model *s = NULL;
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

	#pragma omp critical(themes_libsvm_setup)
	svm_set_print_string_function(print_nothing);
	s = themes_train_svm(m, &t, NULL, &problem);
	if (!s || adopt_svm(m, s) != THEMES_OK ||
	    themes_model_prepare(m) != THEMES_OK) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	status = themes_calibrate(m, &t, err);
done:
	svm_free_and_destroy_model(&s);
	free(problem.x);
	free(problem.y);
	free_themes_training_set(&t);
	free(all_rows);
	if (status != THEMES_OK) {
		themes_model_free(&m);
		return status;
	}
	*out = m;
	return THEMES_OK;
}

