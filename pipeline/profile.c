/*
 * profile.c - the theme profile of one statement: how its clauses spread
 * over the labels, how sure that spread is, and an estimate corrected
 * for the classifier's known confusions.
 *
 * Shares are classify-and-count: the fraction of a statement's certain
 * clauses given each theme.  Their 95% intervals come from a percentile
 * bootstrap over the clauses (all of them, uncertain ones included, since
 * how many clauses are certain is itself part of the sampling noise).
 *
 * Classify-and-count is biased whenever the classifier confuses themes: a
 * theme that is often mistaken for another is under-counted, and the other
 * over-counted.  Forman ("Quantifying counts and costs via classification",
 * Data Mining and Knowledge Discovery 17(2), 2008) corrects this with the
 * classifier's held-out misclassification rates ("adjusted classify and
 * count"); Hopkins and King's readme (AJPS 2010) and Jerzak, King and
 * Strezhnev's readme2 (2023) argue the same point for social-science text:
 * proportions, not individual labels, are what the analysis needs, and they
 * can be estimated well even when individual labels are often wrong.  With
 * a handful of labels the correction is a small linear system whose exact inverse
 * often leaves the simplex on short statements, so it is solved as a
 * least-squares problem constrained to the simplex instead.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void themes_profile_options_init(themes_profile_options *options)
{
	options->min_confidence = 0.0;
	options->resamples = 1000;
	options->seed = 1;
	options->evidence = 3;
}

int themes_profile_uncertain(const themes_prediction *p, double min_confidence)
{
	return p->theme < 0 || p->theme >= THEMES_MAX_LABELS ||
	       p->confidence < min_confidence;
}

/* ---- the profile ------------------------------------------------------ */

/* Inserts clause i into theme k's evidence list if it is among the most
 * confident; the list stays sorted by confidence, then index. */
static void add_evidence(themes_profile *out, const themes_prediction *predictions,
                         int k, size_t i, int keep)
{
	int n = out->evidence_count[k];
	int at = n;
	double c = predictions[i].confidence;

	while (at > 0 && predictions[out->evidence[k][at - 1]].confidence < c)
		at--;
	if (at >= keep)
		return;
	if (n < keep)
		n++;
	memmove(&out->evidence[k][at + 1], &out->evidence[k][at],
	        (size_t)(n - 1 - at) * sizeof out->evidence[k][0]);
	out->evidence[k][at] = i;
	out->evidence_count[k] = n;
}

int themes_profile_compute(const themes_prediction *predictions, size_t n,
                           int labels, const themes_profile_options *options,
                           themes_profile *out, themes_error *err)
{
	themes_profile_options defaults;
	size_t certain;
	double *values;
	long long r;
	int k;

	if (!options) {
		themes_profile_options_init(&defaults);
		options = &defaults;
	}
	if (options->evidence < 0 ||
	    options->evidence > THEMES_PROFILE_EVIDENCE_MAX)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s",
		            "profile: evidence must be between 0 and 16 clauses");
	if (labels < 1 || labels > THEMES_MAX_LABELS)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
		            "profile: the number of labels must be between 1 and %d",
		            THEMES_MAX_LABELS);
	if (n > 0 && !predictions)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s", "profile: no predictions given");
	memset(out, 0, sizeof *out);
	out->labels = labels;
	out->clauses = n;
	for (size_t i = 0; i < n; i++) {
		const themes_prediction *p = &predictions[i];

		if (themes_profile_uncertain(p, options->min_confidence) ||
		    p->theme >= labels) {
			out->uncertain++;
			continue;
		}
		out->count[p->theme]++;
		out->mean_confidence[p->theme] += p->confidence;
		add_evidence(out, predictions, p->theme, i, options->evidence);
	}
	certain = n - out->uncertain;
	for (k = 0; k < labels; k++) {
		if (out->count[k] > 0)
			out->mean_confidence[k] /= (double)out->count[k];
		out->share[k] = certain ? (double)out->count[k] / (double)certain : 0.0;
		out->share_ci[k].low = out->share_ci[k].high = out->share[k];
	}
	if (options->resamples == 0 || n == 0)
		return THEMES_OK;

	/* values[k * resamples + r]: theme k's share in resample r */
	values = calloc((size_t)options->resamples * (size_t)labels, sizeof *values);
	if (!values)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "%s",
		            "profile: out of memory for the bootstrap resamples");
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
	for (r = 0; r < (long long)options->resamples; r++) {
		uint64_t state = themes_resample_state(options->seed, (unsigned)r);
		size_t counts[THEMES_MAX_LABELS] = {0}, kept = 0;

		for (size_t i = 0; i < n; i++) {
			const themes_prediction *p = &predictions[themes_draw_index(&state, n)];

			if (!themes_profile_uncertain(p, options->min_confidence) &&
			    p->theme < labels) {
				counts[p->theme]++;
				kept++;
			}
		}
		/* a resample of only uncertain clauses has no shares: count it as
		 * zero for every theme, which widens the intervals towards 0 as
		 * such resamples become likely */
		for (int t = 0; t < labels; t++)
			values[(size_t)t * options->resamples + (size_t)r] =
				kept ? (double)counts[t] / (double)kept : 0.0;
	}
	for (k = 0; k < labels; k++) {
		double *v = values + (size_t)k * options->resamples;

		qsort(v, options->resamples, sizeof *v, themes_compare_doubles);
		out->share_ci[k].low = themes_quantile(v, options->resamples, 0.025);
		out->share_ci[k].high = themes_quantile(v, options->resamples, 0.975);
	}
	free(values);
	return THEMES_OK;
}

/* ---- adjusted classify-and-count --------------------------------------- */

/* Euclidean projection of v onto the probability simplex (Duchi, Shalev-
 * Shwartz, Singer and Chandra, ICML 2008): subtract the threshold theta
 * that makes the positive parts sum to 1. */
static void project_simplex(double *v, int labels)
{
	double u[THEMES_MAX_LABELS], sum = 0.0, theta = 0.0;
	int i;

	memcpy(u, v, (size_t)labels * sizeof u[0]);
	qsort(u, (size_t)labels, sizeof u[0], themes_compare_doubles);
	for (i = labels - 1; i >= 0; i--) {
		double t;

		sum += u[i];
		t = (sum - 1.0) / (double)(labels - i);
		if (u[i] - t > 0.0)
			theta = t;
	}
	for (i = 0; i < labels; i++)
		v[i] = v[i] > theta ? v[i] - theta : 0.0;
}

#define ADJUST_ITERATIONS 20000
#define ADJUST_TOLERANCE 1e-14

int themes_profile_adjust(const double *observed, const unsigned *confusion,
                          int labels, double *adjusted, themes_error *err)
{
	double m[THEMES_MAX_LABELS][THEMES_MAX_LABELS];
	double p[THEMES_MAX_LABELS], previous[THEMES_MAX_LABELS];
	double y[THEMES_MAX_LABELS];
	double step, lipschitz = 0.0, total = 0.0, momentum = 1.0;
	int g, j;

	if (labels < 1 || labels > THEMES_MAX_LABELS)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
		            "profile: the number of labels must be between 1 and %d",
		            THEMES_MAX_LABELS);
	for (j = 0; j < labels; j++) {
		if (!(observed[j] >= 0.0))
			return themes_fail(err, THEMES_ERR_PARAM, 0, "%s",
			            "profile: observed shares must not be negative");
		total += observed[j];
	}
	if (fabs(total - 1.0) > 1e-6)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s",
		            "profile: observed shares must sum to 1");

	/* M[g][j] = P(predicted j | gold g) */
	for (g = 0; g < labels; g++) {
		double row = 0.0;

		for (j = 0; j < labels; j++)
			row += confusion[g * labels + j];
		for (j = 0; j < labels; j++)
			m[g][j] = row > 0.0 ? confusion[g * labels + j] / row :
			                      (double)(g == j);
	}
	/* The gradient of f(p) = |M^T p - q|^2 / 2 is M (M^T p - q); its
	 * Lipschitz constant |M|_2^2 is at most |M|_1 |M|_inf, and every row
	 * of M sums to 1, so the largest column sum bounds it. */
	for (j = 0; j < labels; j++) {
		double column = 0.0;

		for (g = 0; g < labels; g++)
			column += m[g][j];
		if (column > lipschitz)
			lipschitz = column;
	}
	step = 1.0 / lipschitz;

	/* FISTA (Beck and Teboulle 2009) from the observed shares, which are
	 * already on the simplex. */
	memcpy(p, observed, (size_t)labels * sizeof p[0]);
	memcpy(y, observed, (size_t)labels * sizeof y[0]);
	for (int it = 0; it < ADJUST_ITERATIONS; it++) {
		double residual[THEMES_MAX_LABELS], change = 0.0, next_momentum;

		for (j = 0; j < labels; j++) {
			residual[j] = -observed[j];
			for (g = 0; g < labels; g++)
				residual[j] += m[g][j] * y[g];
		}
		memcpy(previous, p, (size_t)labels * sizeof p[0]);
		for (g = 0; g < labels; g++) {
			double gradient = 0.0;

			for (j = 0; j < labels; j++)
				gradient += m[g][j] * residual[j];
			p[g] = y[g] - step * gradient;
		}
		project_simplex(p, labels);
		next_momentum = (1.0 + sqrt(1.0 + 4.0 * momentum * momentum)) / 2.0;
		for (g = 0; g < labels; g++) {
			y[g] = p[g] + (momentum - 1.0) / next_momentum * (p[g] - previous[g]);
			change = fmax(change, fabs(p[g] - previous[g]));
		}
		momentum = next_momentum;
		if (change < ADJUST_TOLERANCE)
			break;
	}

	/* the projection already gives a distribution; clip and renormalise
	 * away its rounding */
	total = 0.0;
	for (g = 0; g < labels; g++) {
		if (p[g] < 0.0)
			p[g] = 0.0;
		total += p[g];
	}
	for (g = 0; g < labels; g++)
		adjusted[g] = total > 0.0 ? p[g] / total : observed[g];
	return THEMES_OK;
}
