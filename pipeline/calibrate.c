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


/* Fits the probability sigmoids from held-out decision values. */
int themes_calibrate(themes_model *m, const themes_training_set *t,
                     themes_error *err)
{
	int pairs = themes_model_pairs(m);
	int k = m->options.calibration_folds;
	size_t n = t->count;
	double *decision = calloc(n * (size_t)pairs + 1, sizeof *decision);
	int *fold = calloc(n + 1, sizeof *fold);
	int *have = calloc(n * (size_t)pairs + 1, sizeof *have);
	if (!decision || !fold || !have) {
		free(decision);
		free(fold);
		free(have);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	/* Index of the main model's pair for themes (a, b), and its sign. */
	int pair_of[THEMES_MAX_LABELS][THEMES_MAX_LABELS];
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			pair_of[m->labels[a]][m->labels[b]] = p + 1;
			pair_of[m->labels[b]][m->labels[a]] = -(p + 1);
		}
	bool failed = false;
	if (k >= 2 &&
	    themes_folds_stratified(t->label, n, k, m->options.seed, fold,
	                            err) != THEMES_OK) {
		free(decision);
		free(fold);
		free(have);
		return THEMES_ERR_NOMEM;
	}
	if (k >= 2) {
		#pragma omp parallel for schedule(dynamic, 1)
		for (int f = 0; f < k; f++) {
			unsigned char *use = malloc(n + 1);
			struct svm_problem problem = {0};
			struct svm_model *s = NULL;
			double dec[THEMES_MAX_PAIRS];
			if (use) {
				for (size_t i = 0; i < n; i++)
					use[i] = fold[i] != f;
				s = themes_train_svm(m, t, use, &problem);
			}
			if (!s) {
				#pragma omp atomic write
				failed = true;
			} else {
				for (size_t i = 0; i < n; i++) {
					if (fold[i] != f)
						continue;
					svm_predict_values(s, t->x[i], dec);
					for (int a = 0, p = 0; a < s->nr_class; a++)
						for (int b = a + 1; b < s->nr_class; b++, p++) {
							int q = pair_of[s->label[a]][s->label[b]];
							size_t at = i * (size_t)pairs + (size_t)(abs(q) - 1);
							decision[at] = q > 0 ? dec[p] : -dec[p];
							have[at] = 1;
						}
				}
			}
			svm_free_and_destroy_model(&s);
			free(problem.x);
			free(problem.y);
			free(use);
		}
	}
	double *values = malloc((n + 1) * sizeof *values);
	int *positive = malloc((n + 1) * sizeof *positive);
	if (failed || !values || !positive) {
		free(values);
		free(positive);
		free(decision);
		free(fold);
		free(have);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			size_t count = 0;
			for (size_t i = 0; i < n; i++) {
				if (t->label[i] != m->labels[a] && t->label[i] != m->labels[b])
					continue;
				size_t at = i * (size_t)pairs + (size_t)p;
				double d;
				if (have[at]) {
					d = decision[at];
				} else {
					/* No held-out value (calibration off, or a fold lacked
					 * the pair): fall back to the training decision. */
					double all[THEMES_MAX_PAIRS];
					themes_model_decisions(m, t->x[i], all);
					d = all[p];
				}
				values[count] = d;
				positive[count] = t->label[i] == m->labels[a];
				count++;
			}
			themes_fit_sigmoid(count, values, positive, &m->prob_a[p],
			                   &m->prob_b[p]);
		}
	/* The same held-out decisions, now calibrated, give a confusion matrix
	 * that users of the model can correct theme shares with. */
	if (k >= 2) {
		m->has_cv_confusion = true;
		for (size_t i = 0; i < n; i++) {
			bool complete = t->x[i][0].index != -1;
			for (int p = 0; p < pairs && complete; p++)
				complete = have[i * (size_t)pairs + (size_t)p];
			if (!complete)
				continue;
			double prob[THEMES_MAX_LABELS];
			themes_model_probabilities(m, decision + i * (size_t)pairs, prob);
			int best = 0;
			for (int c = 1; c < themes_model_labels(m); c++)
				if (prob[c] > prob[best])
					best = c;
			m->cv_confusion[t->label[i]][best]++;
		}
	}
	free(values);
	free(positive);
	free(decision);
	free(fold);
	free(have);
	return THEMES_OK;
}

