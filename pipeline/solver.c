/*
 * solver.c - the two SVM solvers behind one interface.
 *
 * libsvm trains a C-SVC, one-vs-one, with any kernel: one decision value per
 * pair of classes.  liblinear (by the same authors; the solver behind
 * scikit-learn's LinearSVC) trains an L2-regularised, L2-loss linear SVM,
 * one-vs-rest, in a fraction of the time: one decision value per class.
 * train.c and calibrate.c see only themes_fit, so the calibration folds,
 * cross-validation and grid search work the same with either.
 *
 * liblinear's dual coordinate descent shuffles with the C library's rand(),
 * so its training runs one at a time, each after srand(1): the same data
 * gives the same weights whatever the number of threads.  A fit takes well
 * under a second, so this costs little.
 */
#include "internal.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* liblinear's feature_node and libsvm's svm_node are both {int, double};
 * vectors are shared between them. */
_Static_assert(sizeof(struct feature_node) == sizeof(struct svm_node),
               "feature_node and svm_node differ");

static void print_nothing(const char *s)
{
	(void)s;
}

int themes_model_decision_count(const themes_model *m)
{
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR)
		return m->class_count;
	return m->class_count * (m->class_count - 1) / 2;
}

/* Class weights n / (k n_c), so that each present label weighs the same in
 * total; returns how many labels are present. */
static int class_weights(const themes_model *m, const themes_training_set *t,
                         const unsigned char *use, int *labels,
                         double *weights)
{
	unsigned counts[THEMES_MAX_LABELS] = {0};
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		if (!use || use[i]) {
			counts[t->label[i]]++;
			n++;
		}
	int present = 0, label_count = themes_model_labels(m);
	for (int c = 0; c < label_count; c++)
		present += counts[c] > 0;
	int k = 0;
	for (int c = 0; c < label_count; c++) {
		if (!counts[c])
			continue;
		labels[k] = c;
		weights[k] = (double)n / (present * (double)counts[c]);
		k++;
	}
	return k;
}

static int train_libsvm(const themes_model *m, const themes_training_set *t,
                        const unsigned char *use, size_t n, themes_fit *fit)
{
	struct svm_problem *problem = &fit->problem;
	problem->l = (int)n;
	problem->y = malloc((n + 1) * sizeof *problem->y);
	problem->x = malloc((n + 1) * sizeof *problem->x);
	if (!problem->y || !problem->x)
		return THEMES_ERR_NOMEM;
	for (size_t i = 0, k = 0; i < t->count; i++) {
		if (use && !use[i])
			continue;
		problem->y[k] = t->label[i];
		problem->x[k] = t->x[i];
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
		param.nr_weight = class_weights(m, t, use, labels, weights);
		param.weight_label = labels;
		param.weight = weights;
	}
	#pragma omp critical(themes_libsvm_setup)
	svm_set_print_string_function(print_nothing);
	fit->svm = svm_train(problem, &param);
	return fit->svm ? THEMES_OK : THEMES_ERR_NOMEM;
}

/* Vectors for liblinear: each of t's selected rows, its features scaled by
 * scale (when not NULL), then the bias feature.  Returns NULL when out of
 * memory; free with free_vectors. */
static struct feature_node **linear_vectors(const themes_training_set *t,
                                            const unsigned char *use, size_t n,
                                            int bias_index, const double *scale)
{
	struct feature_node **x = calloc(n + 1, sizeof *x);
	if (!x)
		return NULL;
	for (size_t i = 0, k = 0; i < t->count; i++) {
		if (use && !use[i])
			continue;
		size_t length = 0;
		while (t->x[i][length].index != -1)
			length++;
		x[k] = malloc((length + 2) * sizeof *x[k]);
		if (!x[k]) {
			for (size_t j = 0; j < k; j++)
				free(x[j]);
			free(x);
			return NULL;
		}
		for (size_t j = 0; j < length; j++) {
			int f = t->x[i][j].index;
			x[k][j] = (struct feature_node){f, t->x[i][j].value *
				(scale ? scale[f] : 1.0)};
		}
		x[k][length] = (struct feature_node){bias_index, 1.0};
		x[k][length + 1] = (struct feature_node){-1, 0.0};
		k++;
	}
	return x;
}

static void free_vectors(struct feature_node **x, size_t n)
{
	if (x)
		for (size_t i = 0; i < n; i++)
			free(x[i]);
	free(x);
}

/* One liblinear training: L2-regularised L2-loss SVM (dual), the bias as a
 * feature.  Serialised and seeded: see the top of this file. */
static struct model *run_liblinear(const themes_model *m, struct feature_node **x,
                                   double *y, size_t n, int nr_weight,
                                   int *weight_label, double *weight)
{
	struct problem problem = {(int)n, (int)m->features.size + 1, y, x, 1.0};
	struct parameter param = {0};
	param.solver_type = L2R_L2LOSS_SVC_DUAL;
	param.eps = 0.1;
	param.C = m->options.C;
	param.nr_weight = nr_weight;
	param.weight_label = weight_label;
	param.weight = weight;
	struct model *trained;
	#pragma omp critical(themes_liblinear)
	{
		set_print_string_function(print_nothing);
		srand(1);
		trained = train(&problem, &param);
	}
	return trained;
}

/* Column k of liblinear's weights as class c of fit (liblinear keeps one
 * vector for two classes: the second class's is its negation), each
 * feature's weight multiplied by scale[f] when scale is not NULL. */
static void take_weights(themes_fit *fit, const struct model *lm, int k,
                         int c, const double *scale)
{
	int rows = lm->nr_class == 2 ? 1 : lm->nr_class;
	double sign = lm->nr_class == 2 && k == 1 ? -1.0 : 1.0;
	int column = lm->nr_class == 2 ? 0 : k;
	for (int f = 1; f <= lm->nr_feature; f++)
		fit->weights[(size_t)f * (size_t)fit->classes + (size_t)c] = sign *
			lm->w[(size_t)(f - 1) * (size_t)rows + (size_t)column] *
			(scale ? scale[f] : 1.0);
	fit->rho[c] = -sign * lm->w[(size_t)lm->nr_feature * (size_t)rows +
	                            (size_t)column] * lm->bias;
}

/* Plain one-vs-rest: one liblinear call over every class. */
static int train_liblinear(const themes_model *m, const themes_training_set *t,
                           const unsigned char *use, size_t n, themes_fit *fit)
{
	struct feature_node **x = linear_vectors(t, use, n,
	                                         (int)m->features.size + 1, NULL);
	double *y = malloc((n + 1) * sizeof *y);
	int status = THEMES_ERR_NOMEM;
	if (x && y) {
		for (size_t i = 0, k = 0; i < t->count; i++)
			if (!use || use[i])
				y[k++] = t->label[i];
		int labels[THEMES_MAX_LABELS];
		double weights[THEMES_MAX_LABELS];
		int nr_weight = m->options.balanced ?
			class_weights(m, t, use, labels, weights) : 0;
		struct model *lm = run_liblinear(m, x, y, n, nr_weight, labels,
		                                 weights);
		fit->classes = lm ? lm->nr_class : 0;
		fit->weights = lm ? calloc((m->features.size + 1) *
		                           (size_t)fit->classes + 1,
		                           sizeof *fit->weights) : NULL;
		if (fit->weights) {
			for (int k = 0; k < lm->nr_class; k++) {
				fit->labels[k] = lm->label[k];
				take_weights(fit, lm, k, k, NULL);
			}
			status = THEMES_OK;
		}
		if (lm)
			free_and_destroy_model(&lm);
	}
	free_vectors(x, n);
	free(y);
	return status;
}

/* NBSVM (Wang and Manning 2012): for each class, the features are scaled
 * by their log-count ratio r = log((p / |p|) / (q / |q|)), with p and q the
 * (add-one) document counts of each feature in the class and outside it,
 * and a binary SVM is trained on the scaled vectors; its weights times r
 * are the class's weights on the unscaled vectors. */
static int train_nb_liblinear(const themes_model *m,
                              const themes_training_set *t,
                              const unsigned char *use, size_t n,
                              themes_fit *fit)
{
	size_t features = m->features.size;
	int present[THEMES_MAX_LABELS];
	double unused[THEMES_MAX_LABELS];
	fit->classes = class_weights(m, t, use, present, unused);
	fit->weights = calloc((features + 1) * (size_t)fit->classes + 1,
	                      sizeof *fit->weights);
	double *in = calloc(features + 1, sizeof *in);
	double *out = calloc(features + 1, sizeof *out);
	double *ratio = calloc(features + 1, sizeof *ratio);
	double *y = malloc((n + 1) * sizeof *y);
	int status = fit->weights && in && out && ratio && y ? THEMES_OK :
	             THEMES_ERR_NOMEM;
	for (int c = 0; c < fit->classes && status == THEMES_OK; c++) {
		int label = present[c];
		double in_total = 0, out_total = 0, positives = 0;
		for (size_t f = 1; f <= features; f++)
			in[f] = out[f] = 1.0;
		for (size_t i = 0, k = 0; i < t->count; i++) {
			if (use && !use[i])
				continue;
			bool mine = t->label[i] == label;
			y[k++] = mine ? 1 : -1;
			positives += mine;
			for (const struct svm_node *x = t->x[i]; x->index != -1; x++)
				(mine ? in : out)[x->index] += 1.0;
		}
		for (size_t f = 1; f <= features; f++) {
			in_total += in[f];
			out_total += out[f];
		}
		for (size_t f = 1; f <= features; f++)
			ratio[f] = log((in[f] / in_total) / (out[f] / out_total));
		struct feature_node **x = linear_vectors(t, use, n,
		                                         (int)features + 1, ratio);
		int sides[2] = {1, -1};
		double side_weights[2] = {(double)n / (2 * positives),
		                          (double)n / (2 * ((double)n - positives))};
		struct model *lm = x ? run_liblinear(m, x, y, n,
		                                     m->options.balanced ? 2 : 0,
		                                     sides, side_weights) : NULL;
		free_vectors(x, n);
		if (!lm) {
			status = THEMES_ERR_NOMEM;
			break;
		}
		/* liblinear's first class is the label of the first row. */
		int k = lm->label[0] == 1 ? 0 : 1;
		fit->labels[c] = label;
		take_weights(fit, lm, k, c, ratio);
		free_and_destroy_model(&lm);
	}
	free(in);
	free(out);
	free(ratio);
	free(y);
	return status;
}

int themes_fit_train(const themes_model *m, const themes_training_set *t,
                     const unsigned char *use, themes_fit *fit)
{
	memset(fit, 0, sizeof *fit);
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		n += !use || use[i];
	if (m->options.solver == THEMES_SOLVER_LIBSVM)
		return train_libsvm(m, t, use, n, fit);
	if (m->options.nb_weighting)
		return train_nb_liblinear(m, t, use, n, fit);
	return train_liblinear(m, t, use, n, fit);
}

int themes_fit_classes(const themes_fit *fit, int *labels)
{
	if (!fit->svm) {
		for (int i = 0; i < fit->classes; i++)
			labels[i] = fit->labels[i];
		return fit->classes;
	}
	for (int i = 0; i < fit->svm->nr_class; i++)
		labels[i] = fit->svm->label[i];
	return fit->svm->nr_class;
}

void themes_fit_decisions(const themes_fit *fit, const struct svm_node *x,
                          double *decision)
{
	if (fit->svm) {
		svm_predict_values(fit->svm, x, decision);
		return;
	}
	for (int c = 0; c < fit->classes; c++)
		decision[c] = -fit->rho[c];
	for (; x->index != -1; x++) {
		const double *w = fit->weights + (size_t)x->index * fit->classes;
		for (int c = 0; c < fit->classes; c++)
			decision[c] += x->value * w[c];
	}
}

/* Copies what libsvm trained into m (libsvm's model points into our
 * training vectors, which are freed after training). */
static int adopt_libsvm(themes_model *m, const struct svm_model *s)
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
	memcpy(m->rho, s->rho,
	       (size_t)themes_model_decision_count(m) * sizeof(double));
	return THEMES_OK;
}

/* The fit's weight rows become the model's: model.c's decisions use the
 * same layout for every linear model. */
static int adopt_liblinear(themes_model *m, themes_fit *fit)
{
	m->class_count = fit->classes;
	for (int c = 0; c < fit->classes; c++) {
		m->labels[c] = fit->labels[c];
		m->rho[c] = fit->rho[c];
	}
	m->weights = fit->weights;
	fit->weights = NULL;
	return THEMES_OK;
}

int themes_fit_adopt(themes_model *m, themes_fit *fit)
{
	return fit->svm ? adopt_libsvm(m, fit->svm) : adopt_liblinear(m, fit);
}

void themes_fit_free(themes_fit *fit)
{
	svm_free_and_destroy_model(&fit->svm);
	free(fit->problem.x);
	free(fit->problem.y);
	free(fit->weights);
	memset(fit, 0, sizeof *fit);
}
