/*
 * model.c - sixth stage: a trained model and its decisions.
 *
 * A themes_model holds the codebook, the feature space (vocabulary, idf,
 * stop words, settings) and the decision functions: one weight row per
 * feature for liblinear's one-vs-rest SVM or a libsvm linear model, or
 * libsvm's support vectors for an RBF kernel, with one probability sigmoid
 * per class (one-vs-rest) or per class pair (one-vs-one).  train.c trains
 * it, calibrate.c fits its probabilities, model_write.c and model_read.c
 * write and read it; this file turns a feature vector into decisions and
 * probabilities.
 *
 * The predicted label is the argmax of the probabilities, so the printed
 * label and its confidence always agree.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const themes_train_options *themes_model_options(const themes_model *m)
{
	return &m->options;
}

size_t themes_model_features(const themes_model *m)
{
	return m->features.size;
}

const unsigned *themes_model_class_counts(const themes_model *m)
{
	return m->class_counts;
}

const themes_codebook *themes_model_codebook(const themes_model *m)
{
	return m->codebook;
}

int themes_model_labels(const themes_model *m)
{
	return themes_codebook_count(m->codebook);
}

int themes_model_cv_confusion(const themes_model *m, unsigned *confusion)
{
	if (!m->has_cv_confusion)
		return 0;
	int labels = themes_model_labels(m);
	for (int g = 0; g < labels; g++)
		for (int p = 0; p < labels; p++)
			confusion[g * labels + p] = m->cv_confusion[g][p];
	return 1;
}

double themes_model_theme_weight(const themes_model *m, int feature, int theme)
{
	int pairs = themes_model_decision_count(m);
	const double *w = m->weights + (size_t)feature * pairs;
	double sum = 0;
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR) {
		for (int c = 0; c < m->class_count; c++)
			if (m->labels[c] == theme)
				return w[c];
		return 0;
	}
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			if (m->labels[a] == theme)
				sum += w[p];
			else if (m->labels[b] == theme)
				sum -= w[p];
		}
	return sum;
}

const themes_features *themes_model_feature_space(const themes_model *m)
{
	return &m->features;
}

void themes_model_free(themes_model **pm)
{
	if (!pm || !*pm)
		return;
	themes_model *m = *pm;
	themes_features_free(&m->features);
	themes_codebook_free(m->codebook);
	free(m->sv_space);
	free(m->sv);
	free(m->sv_coef_space);
	free(m->weights);
	free(m);
	*pm = NULL;
}

/* ------------------------------------------------------------------ */
/* Prediction support                                                   */
/* ------------------------------------------------------------------ */

/* Folds the support vectors of a linear model into weight rows. */
static int fold_linear(themes_model *m)
{
	int pairs = themes_model_decision_count(m);
	size_t rows = m->features.size + 1;
	m->weights = calloc(rows * (size_t)pairs, sizeof *m->weights);
	if (!m->weights)
		return THEMES_ERR_NOMEM;
	int start[THEMES_MAX_LABELS];
	start[0] = 0;
	for (int i = 1; i < m->class_count; i++)
		start[i] = start[i - 1] + m->nsv[i - 1];
	int p = 0;
	for (int i = 0; i < m->class_count; i++) {
		for (int j = i + 1; j < m->class_count; j++, p++) {
			/* As in libsvm's svm_predict_values: class i's vectors use
			 * coefficient row j - 1, class j's use row i. */
			for (int k = 0; k < m->nsv[i]; k++) {
				int s = start[i] + k;
				double c = m->sv_coef[j - 1][s];
				for (const struct svm_node *x = m->sv[s]; x->index != -1; x++)
					m->weights[(size_t)x->index * pairs + p] += c * x->value;
			}
			for (int k = 0; k < m->nsv[j]; k++) {
				int s = start[j] + k;
				double c = m->sv_coef[i][s];
				for (const struct svm_node *x = m->sv[s]; x->index != -1; x++)
					m->weights[(size_t)x->index * pairs + p] += c * x->value;
			}
		}
	}
	return THEMES_OK;
}

static void link_svm(themes_model *m)
{
	struct svm_model *s = &m->svm;
	memset(s, 0, sizeof *s);
	s->param.svm_type = C_SVC;
	s->param.kernel_type = m->options.kernel == THEMES_KERNEL_RBF ? RBF : LINEAR;
	s->param.gamma = m->options.gamma > 0 ? m->options.gamma :
		1.0 / (double)(m->features.size ? m->features.size : 1);
	s->nr_class = m->class_count;
	s->l = m->sv_count;
	s->SV = m->sv;
	s->sv_coef = m->sv_coef;
	s->rho = m->rho;
	s->label = m->labels;
	s->nSV = m->nsv;
	s->free_sv = 0;
}

void themes_model_decisions(const themes_model *m, const struct svm_node *x,
                            double *decision)
{
	if (!m->weights) {
		svm_predict_values(&m->svm, x, decision);
		return;
	}
	/* Summed in a local array, which no weight row can alias, so the
	 * compiler keeps the sums out of memory between features.  Each sum
	 * adds the same products in the same order as before. */
	int pairs = themes_model_decision_count(m);
	double sum[THEMES_MAX_PAIRS];
	for (int p = 0; p < pairs; p++)
		sum[p] = -m->rho[p];
	for (; x->index != -1; x++) {
		const double *w = m->weights + (size_t)x->index * pairs;
		double value = x->value;
		for (int p = 0; p < pairs; p++)
			sum[p] += value * w[p];
	}
	memcpy(decision, sum, (size_t)pairs * sizeof *sum);
}

double themes_sigmoid(double decision, double a, double b)
{
	double f = decision * a + b;
	/* Two forms of the same function, each stable on its side of zero. */
	if (f >= 0) {
		double e = exp(-f);
		return e / (1.0 + e);
	}
	return 1.0 / (1.0 + exp(f));
}

void themes_pairwise_coupling(int k, const double *r, double *p)
{
	/* r is k x k with r[i*k + j] = P(class i | i or j).  Solves
	 * min_p p'Qp subject to sum p = 1 by the fixed-point iteration of
	 * Wu, Lin and Weng (2004), method 2. */
	double q[THEMES_MAX_LABELS][THEMES_MAX_LABELS], qp[THEMES_MAX_LABELS];
	for (int t = 0; t < k; t++) {
		p[t] = 1.0 / k;
		q[t][t] = 0;
		for (int j = 0; j < t; j++) {
			q[t][t] += r[j * k + t] * r[j * k + t];
			q[t][j] = q[j][t];
		}
		for (int j = t + 1; j < k; j++) {
			q[t][t] += r[j * k + t] * r[j * k + t];
			q[t][j] = -r[j * k + t] * r[t * k + j];
		}
	}
	double eps = 0.005 / k;
	for (int iter = 0; iter < 100; iter++) {
		double pqp = 0;
		for (int t = 0; t < k; t++) {
			qp[t] = 0;
			for (int j = 0; j < k; j++)
				qp[t] += q[t][j] * p[j];
			pqp += p[t] * qp[t];
		}
		double worst = 0;
		for (int t = 0; t < k; t++)
			if (fabs(qp[t] - pqp) > worst)
				worst = fabs(qp[t] - pqp);
		if (worst < eps)
			break;
		for (int t = 0; t < k; t++) {
			double diff = (-qp[t] + pqp) / q[t][t];
			p[t] += diff;
			pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) /
			      (1 + diff) / (1 + diff);
			for (int j = 0; j < k; j++) {
				qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
				p[j] /= (1 + diff);
			}
		}
	}
}

/* One-vs-rest: each class's sigmoid, normalised to sum to 1 (as
 * scikit-learn's CalibratedClassifierCV does). */
static void one_vs_rest_probabilities(const themes_model *m,
                                      const double *decision, double *prob)
{
	const double floor_p = 1e-7;
	double sum = 0, pk[THEMES_MAX_LABELS];
	for (int c = 0; c < m->class_count; c++) {
		/* fmax without the call: a NaN gives floor_p either way */
		double p = themes_sigmoid(decision[c], m->prob_a[c], m->prob_b[c]);
		pk[c] = p > floor_p ? p : floor_p;
		sum += pk[c];
	}
	int labels = themes_model_labels(m);
	for (int t = 0; t < labels; t++)
		prob[t] = 0;
	for (int c = 0; c < m->class_count; c++)
		prob[m->labels[c]] = pk[c] / sum;
}

void themes_model_probabilities(const themes_model *m, const double *decision,
                                double *prob)
{
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR) {
		one_vs_rest_probabilities(m, decision, prob);
		return;
	}
	int k = m->class_count;
	double r[THEMES_MAX_LABELS * THEMES_MAX_LABELS] = {0}, pk[THEMES_MAX_LABELS];
	const double floor_p = 1e-7;
	int p = 0;
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++, p++) {
			double v = themes_sigmoid(decision[p], m->prob_a[p], m->prob_b[p]);
			v = fmin(fmax(v, floor_p), 1 - floor_p);
			r[i * k + j] = v;
			r[j * k + i] = 1 - v;
		}
	themes_pairwise_coupling(k, r, pk);
	for (int t = 0; t < themes_model_labels(m); t++)
		prob[t] = 0;
	for (int i = 0; i < k; i++)
		prob[m->labels[i]] = pk[i];
}


int themes_model_prepare(themes_model *m)
{
	/* liblinear's weight rows are the model itself (solver.c) */
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR)
		return THEMES_OK;
	link_svm(m);
	if (m->options.kernel == THEMES_KERNEL_LINEAR)
		return fold_linear(m);
	return THEMES_OK;
}
