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

static int train_liblinear(const themes_model *m, const themes_training_set *t,
                           const unsigned char *use, size_t n, themes_fit *fit)
{
	/* liblinear wants the bias as one more feature at the end of every
	 * vector; copy the vectors with it. */
	int bias_index = (int)m->features.size + 1;
	struct feature_node **x = calloc(n + 1, sizeof *x);
	double *y = malloc((n + 1) * sizeof *y);
	fit->linear_x = x;
	fit->linear_y = y;
	fit->linear_count = n;
	if (!x || !y)
		return THEMES_ERR_NOMEM;
	for (size_t i = 0, k = 0; i < t->count; i++) {
		if (use && !use[i])
			continue;
		size_t length = 0;
		while (t->x[i][length].index != -1)
			length++;
		x[k] = malloc((length + 2) * sizeof *x[k]);
		if (!x[k])
			return THEMES_ERR_NOMEM;
		memcpy(x[k], t->x[i], length * sizeof *x[k]);
		x[k][length] = (struct feature_node){bias_index, 1.0};
		x[k][length + 1] = (struct feature_node){-1, 0.0};
		y[k] = t->label[i];
		k++;
	}
	struct problem problem = {(int)n, bias_index, y, x, 1.0};
	struct parameter param = {0};
	param.solver_type = L2R_L2LOSS_SVC_DUAL;
	param.eps = 0.1;
	param.C = m->options.C;
	int labels[THEMES_MAX_LABELS];
	double weights[THEMES_MAX_LABELS];
	if (m->options.balanced) {
		param.nr_weight = class_weights(m, t, use, labels, weights);
		param.weight_label = labels;
		param.weight = weights;
	}
	struct model *trained;
	#pragma omp critical(themes_liblinear)
	{
		set_print_string_function(print_nothing);
		srand(1);
		trained = train(&problem, &param);
	}
	fit->linear = trained;
	return trained ? THEMES_OK : THEMES_ERR_NOMEM;
}

int themes_fit_train(const themes_model *m, const themes_training_set *t,
                     const unsigned char *use, themes_fit *fit)
{
	memset(fit, 0, sizeof *fit);
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		n += !use || use[i];
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR)
		return train_liblinear(m, t, use, n, fit);
	return train_libsvm(m, t, use, n, fit);
}

int themes_fit_classes(const themes_fit *fit, int *labels)
{
	if (fit->linear) {
		for (int i = 0; i < fit->linear->nr_class; i++)
			labels[i] = fit->linear->label[i];
		return fit->linear->nr_class;
	}
	for (int i = 0; i < fit->svm->nr_class; i++)
		labels[i] = fit->svm->label[i];
	return fit->svm->nr_class;
}

/* liblinear keeps one weight vector for two classes (positive: the first
 * class); as one-vs-rest the second class's decision is its negation. */
static void linear_decisions(const struct model *lm, const struct svm_node *x,
                             double *decision)
{
	int classes = lm->nr_class, rows = classes == 2 ? 1 : classes;
	int bias_row = lm->nr_feature;
	for (int k = 0; k < rows; k++)
		decision[k] = lm->w[(size_t)bias_row * rows + k] * lm->bias;
	for (; x->index != -1; x++) {
		if (x->index > lm->nr_feature)
			continue;
		const double *w = lm->w + (size_t)(x->index - 1) * rows;
		for (int k = 0; k < rows; k++)
			decision[k] += x->value * w[k];
	}
	if (classes == 2)
		decision[1] = -decision[0];
}

void themes_fit_decisions(const themes_fit *fit, const struct svm_node *x,
                          double *decision)
{
	if (fit->linear)
		linear_decisions(fit->linear, x, decision);
	else
		svm_predict_values(fit->svm, x, decision);
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

/* One weight row per feature ([feature id][class]) and rho = -bias, the
 * layout model.c's decisions use for every linear model. */
static int adopt_liblinear(themes_model *m, const struct model *lm)
{
	m->class_count = lm->nr_class;
	for (int i = 0; i < lm->nr_class; i++)
		m->labels[i] = lm->label[i];
	int classes = lm->nr_class, rows = classes == 2 ? 1 : classes;
	size_t features = m->features.size;
	m->weights = calloc((features + 1) * (size_t)classes, sizeof *m->weights);
	if (!m->weights)
		return THEMES_ERR_NOMEM;
	for (size_t f = 1; f <= features && (int)f <= lm->nr_feature; f++)
		for (int k = 0; k < classes; k++) {
			double w = lm->w[(f - 1) * (size_t)rows + (size_t)(k % rows)];
			m->weights[f * (size_t)classes + (size_t)k] = k == 1 &&
				classes == 2 ? -w : w;
		}
	for (int k = 0; k < classes; k++) {
		double b = lm->w[(size_t)lm->nr_feature * rows + (size_t)(k % rows)] *
		           lm->bias;
		m->rho[k] = k == 1 && classes == 2 ? b : -b;
	}
	return THEMES_OK;
}

int themes_fit_adopt(themes_model *m, const themes_fit *fit)
{
	return fit->linear ? adopt_liblinear(m, fit->linear) :
	                     adopt_libsvm(m, fit->svm);
}

void themes_fit_free(themes_fit *fit)
{
	svm_free_and_destroy_model(&fit->svm);
	free(fit->problem.x);
	free(fit->problem.y);
	if (fit->linear)
		free_and_destroy_model(&fit->linear);
	if (fit->linear_x)
		for (size_t i = 0; i < fit->linear_count; i++)
			free(fit->linear_x[i]);
	free(fit->linear_x);
	free(fit->linear_y);
	memset(fit, 0, sizeof *fit);
}
