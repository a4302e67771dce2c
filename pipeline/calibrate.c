/*
 * calibrate.c - probabilities for a trained model.
 *
 * libsvm's own "-b 1" fits its Platt sigmoids with an internal
 * cross-validation that draws from the C library's rand(), which makes
 * parallel training non-deterministic.  We fit the same sigmoids on
 * decision values from our own seeded, stratified folds instead (folds.c);
 * model.c couples the pairwise probabilities as libsvm does.  The same
 * held-out decisions give the confusion matrix stored in the model, which
 * statement profiles use to adjust label shares.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Platt's sigmoid fit with the Newton method and backtracking of Lin, Lin
 * and Weng (2007): finds a, b so that 1 / (1 + exp(a f + b)) estimates
 * P(positive | decision f), with Platt's smoothed targets. */
void themes_fit_sigmoid(size_t n, const double *f, const int *positive,
                        double *a_out, double *b_out)
{
	double n_pos = 0, n_neg = 0;
	for (size_t i = 0; i < n; i++) {
		if (positive[i])
			n_pos++;
		else
			n_neg++;
	}
	double hi = (n_pos + 1) / (n_pos + 2), lo = 1 / (n_neg + 2);
	double a = 0, b = log((n_neg + 1) / (n_pos + 1));
	const double sigma = 1e-12, min_step = 1e-10;
	double value = 0;
	for (size_t i = 0; i < n; i++) {
		double t = positive[i] ? hi : lo, z = f[i] * a + b;
		value += z >= 0 ? t * z + log1p(exp(-z)) : (t - 1) * z + log1p(exp(z));
	}
	for (int iter = 0; iter < 100; iter++) {
		double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
		for (size_t i = 0; i < n; i++) {
			double t = positive[i] ? hi : lo, z = f[i] * a + b, pr, qr;
			if (z >= 0) {
				pr = exp(-z) / (1.0 + exp(-z));
				qr = 1.0 / (1.0 + exp(-z));
			} else {
				pr = 1.0 / (1.0 + exp(z));
				qr = exp(z) / (1.0 + exp(z));
			}
			double d2 = pr * qr, d1 = t - pr;
			h11 += f[i] * f[i] * d2;
			h22 += d2;
			h21 += f[i] * d2;
			g1 += f[i] * d1;
			g2 += d1;
		}
		if (fabs(g1) < 1e-5 && fabs(g2) < 1e-5)
			break;
		double det = h11 * h22 - h21 * h21;
		double da = -(h22 * g1 - h21 * g2) / det;
		double db = -(-h21 * g1 + h11 * g2) / det;
		double gd = g1 * da + g2 * db;
		double step = 1;
		while (step >= min_step) {
			double na = a + step * da, nb = b + step * db, nv = 0;
			for (size_t i = 0; i < n; i++) {
				double t = positive[i] ? hi : lo, z = f[i] * na + nb;
				nv += z >= 0 ? t * z + log1p(exp(-z)) :
				               (t - 1) * z + log1p(exp(z));
			}
			if (nv < value + 0.0001 * step * gd) {
				a = na;
				b = nb;
				value = nv;
				break;
			}
			step /= 2;
		}
		if (step < min_step)
			break;
	}
	*a_out = a;
	*b_out = b;
}


/* Held-out decision values of every clause, in the main model's decision
 * order, with a flag for each value that a fold model produced. */
typedef struct held_out {
	size_t n;
	int decisions;      /* per clause: D */
	double *value;      /* [clause][D] */
	unsigned char *have;
} held_out;

/* Where decision j of a fold model lands in the main model's order: slot
 * + 1, negated when the fold's pair is the main model's pair reversed. */
static void map_fold(const themes_model *m, const int *fold_labels,
                     int fold_classes, int *slot)
{
	int class_of[THEMES_MAX_LABELS];
	for (int c = 0; c < m->class_count; c++)
		class_of[m->labels[c]] = c;
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR) {
		for (int j = 0; j < fold_classes; j++)
			slot[j] = class_of[fold_labels[j]] + 1;
		return;
	}
	/* One-vs-one: main pair (a, b), a < b, is number a*K - a(a+1)/2 + b-a-1. */
	int K = m->class_count;
	for (int a = 0, j = 0; a < fold_classes; a++)
		for (int b = a + 1; b < fold_classes; b++, j++) {
			int x = class_of[fold_labels[a]], y = class_of[fold_labels[b]];
			int lo = x < y ? x : y, hi = x < y ? y : x;
			int pair = lo * K - lo * (lo + 1) / 2 + (hi - lo - 1);
			slot[j] = x < y ? pair + 1 : -(pair + 1);
		}
}

/* Trains on every fold but f and records the decisions of fold f. */
static int score_fold(const themes_model *m, const themes_training_set *t,
                      const int *fold, int f, held_out *h)
{
	unsigned char *use = malloc(h->n + 1);
	themes_fit fit = {0};
	int status = THEMES_ERR_NOMEM;
	if (use) {
		for (size_t i = 0; i < h->n; i++)
			use[i] = fold[i] != f;
		status = themes_fit_train(m, t, use, &fit);
	}
	if (status == THEMES_OK) {
		int labels[THEMES_MAX_LABELS], slot[THEMES_MAX_PAIRS];
		double dec[THEMES_MAX_PAIRS];
		int classes = themes_fit_classes(&fit, labels);
		int count = m->options.solver == THEMES_SOLVER_LIBLINEAR ? classes :
		            classes * (classes - 1) / 2;
		map_fold(m, labels, classes, slot);
		for (size_t i = 0; i < h->n; i++) {
			if (fold[i] != f)
				continue;
			themes_fit_decisions(&fit, t->x[i], dec);
			for (int j = 0; j < count; j++) {
				size_t at = i * (size_t)h->decisions + (size_t)(abs(slot[j]) - 1);
				h->value[at] = slot[j] > 0 ? dec[j] : -dec[j];
				h->have[at] = 1;
			}
		}
	}
	themes_fit_free(&fit);
	free(use);
	return status;
}

/* The clauses of decision d's sigmoid and which of them are positive:
 * the two classes of pair d (one-vs-one) or every clause (one-vs-rest). */
static bool in_sigmoid(const themes_model *m, int d, int label, bool *positive)
{
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR) {
		*positive = label == m->labels[d];
		return true;
	}
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++)
			if (p == d) {
				*positive = label == m->labels[a];
				return label == m->labels[a] || label == m->labels[b];
			}
	return false;
}

/* Where no fold gave a held-out value (calibration off, or a fold lacked
 * the class), the full model's training decision stands in: computed once
 * per clause, for the clauses that lack any.  The have flags stay as they
 * are, so the confusion matrix still counts only held-out clauses. */
static void fill_missing(const themes_model *m, const themes_training_set *t,
                         held_out *h)
{
	for (size_t i = 0; i < h->n; i++) {
		const unsigned char *have = h->have + i * (size_t)h->decisions;
		double *value = h->value + i * (size_t)h->decisions;
		bool complete = true;
		for (int d = 0; d < h->decisions && complete; d++)
			complete = have[d];
		if (complete)
			continue;
		double all[THEMES_MAX_PAIRS];
		themes_model_decisions(m, t->x[i], all);
		for (int d = 0; d < h->decisions; d++)
			if (!have[d])
				value[d] = all[d];
	}
}

static int fit_sigmoids(themes_model *m, const themes_training_set *t,
                        const held_out *h)
{
	double *values = malloc((h->n + 1) * sizeof *values);
	int *positive = malloc((h->n + 1) * sizeof *positive);
	if (!values || !positive) {
		free(values);
		free(positive);
		return THEMES_ERR_NOMEM;
	}
	for (int d = 0; d < h->decisions; d++) {
		size_t count = 0;
		for (size_t i = 0; i < h->n; i++) {
			bool is_positive;
			if (!in_sigmoid(m, d, t->label[i], &is_positive))
				continue;
			values[count] = h->value[i * (size_t)h->decisions + (size_t)d];
			positive[count++] = is_positive;
		}
		themes_fit_sigmoid(count, values, positive, &m->prob_a[d],
		                   &m->prob_b[d]);
	}
	free(values);
	free(positive);
	return THEMES_OK;
}

/* The held-out decisions, now calibrated, give a confusion matrix that
 * users of the model can correct label shares with. */
static void held_out_confusion(themes_model *m, const themes_training_set *t,
                               const held_out *h)
{
	m->has_cv_confusion = true;
	for (size_t i = 0; i < h->n; i++) {
		bool complete = t->x[i][0].index != -1;
		for (int d = 0; d < h->decisions && complete; d++)
			complete = h->have[i * (size_t)h->decisions + (size_t)d];
		if (!complete)
			continue;
		double prob[THEMES_MAX_LABELS];
		themes_model_probabilities(m, h->value + i * (size_t)h->decisions,
		                           prob);
		int best = 0;
		for (int c = 1; c < themes_model_labels(m); c++)
			if (prob[c] > prob[best])
				best = c;
		m->cv_confusion[t->label[i]][best]++;
	}
}

int themes_calibrate(themes_model *m, const themes_training_set *t,
                     themes_error *err)
{
	int k = m->options.calibration_folds;
	held_out h = {t->count, themes_model_decision_count(m), NULL, NULL};
	h.value = calloc(h.n * (size_t)h.decisions + 1, sizeof *h.value);
	h.have = calloc(h.n * (size_t)h.decisions + 1, 1);
	int *fold = calloc(h.n + 1, sizeof *fold);
	int status = h.value && h.have && fold ? THEMES_OK : THEMES_ERR_NOMEM;
	if (status == THEMES_OK && k >= 2)
		status = themes_folds_stratified(t->label, h.n, k, m->options.seed,
		                                 fold, err);
	if (status == THEMES_OK && k >= 2) {
		bool failed = false;
		#pragma omp parallel for schedule(dynamic, 1)
		for (int f = 0; f < k; f++)
			if (score_fold(m, t, fold, f, &h) != THEMES_OK) {
				#pragma omp atomic write
				failed = true;
			}
		if (failed)
			status = THEMES_ERR_NOMEM;
	}
	if (status == THEMES_OK) {
		fill_missing(m, t, &h);
		status = fit_sigmoids(m, t, &h);
	}
	if (status == THEMES_OK && k >= 2)
		held_out_confusion(m, t, &h);
	free(h.value);
	free(h.have);
	free(fold);
	if (status == THEMES_ERR_NOMEM)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	return status;
}
