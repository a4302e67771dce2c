/*
 * agreement.c - reliability of coders: how far independent coders who
 * labelled the same units agree beyond chance.
 *
 * Input: a units x coders matrix of label indices (-1 where a coder left a
 * unit out).  Output: raw agreement, Cohen's kappa (two coders), Fleiss'
 * kappa and Krippendorff's alpha (nominal) for any number of coders, the
 * agreement on each label, and a bootstrap interval over units for alpha.
 *
 * Everything derives from each unit's value counts n_uc (how many coders
 * gave unit u label c).  A unit with m_u >= 2 values adds the ordered pairs
 * of its values to Krippendorff's coincidence matrix, each weighted by
 * 1 / (m_u - 1); a unit with fewer values is not pairable and is left out of
 * every statistic.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Counts of a set of units: the coincidence margins and diagonal. */
typedef struct coincidences {
	double total;                        /* n: pairable values */
	double agree;                        /* sum_c o_cc */
	double margin[THEMES_MAX_LABELS];    /* n_c */
	double diagonal[THEMES_MAX_LABELS];  /* o_cc */
} coincidences;

/* Adds unit u's value counts (labels entries) to c. */
static void coincidences_add(coincidences *c, const unsigned *counts,
                             int labels)
{
	unsigned m = 0;
	for (int k = 0; k < labels; k++)
		m += counts[k];
	if (m < 2)
		return;
	for (int k = 0; k < labels; k++) {
		double same = (double)counts[k] * (counts[k] - (counts[k] > 0)) /
		              (m - 1);
		c->margin[k] += counts[k];
		c->diagonal[k] += same;
		c->agree += same;
	}
	c->total += m;
}

/* alpha = 1 - (n - 1) (n - sum_c o_cc) / (n^2 - sum_c n_c^2); a single label
 * used throughout is full agreement (no disagreement was possible). */
static double alpha_of(const coincidences *c, int labels)
{
	double squares = 0;
	for (int k = 0; k < labels; k++)
		squares += c->margin[k] * c->margin[k];
	double expected = c->total * c->total - squares;
	if (c->total < 2)
		return NAN;
	return expected > 0 ?
		1 - (c->total - 1) * (c->total - c->agree) / expected : 1;
}

/* Fleiss' kappa over the units every coder labelled. */
static double fleiss_kappa(const unsigned *counts, size_t units, int labels,
                           int coders)
{
	double mean_agreement = 0, share[THEMES_MAX_LABELS] = {0};
	size_t complete = 0;
	for (size_t u = 0; u < units; u++) {
		const unsigned *row = counts + u * (size_t)labels;
		unsigned m = 0;
		double pairs = 0;
		for (int k = 0; k < labels; k++) {
			m += row[k];
			pairs += (double)row[k] * (row[k] - (row[k] > 0));
		}
		if ((int)m != coders || coders < 2)
			continue;
		complete++;
		mean_agreement += pairs / ((double)coders * (coders - 1));
		for (int k = 0; k < labels; k++)
			share[k] += row[k];
	}
	if (complete == 0)
		return NAN;
	double expected = 0;
	for (int k = 0; k < labels; k++) {
		double p = share[k] / ((double)complete * coders);
		expected += p * p;
	}
	mean_agreement /= (double)complete;
	return expected < 1 ? (mean_agreement - expected) / (1 - expected) : 1;
}

/* Cohen's kappa of coders 0 and 1 over the units both labelled. */
static double cohen_kappa(const themes_ratings *r)
{
	double a[THEMES_MAX_LABELS] = {0}, b[THEMES_MAX_LABELS] = {0};
	double both = 0, same = 0;
	for (size_t u = 0; u < r->units; u++) {
		int x = r->values[u * 2], y = r->values[u * 2 + 1];
		if (x < 0 || y < 0)
			continue;
		both++;
		same += x == y;
		a[x]++;
		b[y]++;
	}
	if (both == 0)
		return NAN;
	double expected = 0;
	for (int k = 0; k < r->labels; k++)
		expected += a[k] * b[k];
	expected /= both * both;
	return expected < 1 ? (same / both - expected) / (1 - expected) : 1;
}

static int check_ratings(const themes_ratings *r, themes_error *err)
{
	if (!r || r->coders < 2 || r->labels < 1 ||
	    r->labels > THEMES_MAX_LABELS || (r->units && !r->values))
		return themes_fail(err, THEMES_ERR_PARAM, 0, "agreement needs at "
		                   "least two coders and 1 to %d labels",
		                   THEMES_MAX_LABELS);
	for (size_t i = 0; i < r->units * (size_t)r->coders; i++)
		if (r->values[i] < -1 || r->values[i] >= r->labels)
			return themes_fail(err, THEMES_ERR_PARAM, 0, "agreement: unit "
			                   "%zu has label index %d, outside 0..%d",
			                   i / (size_t)r->coders + 1, r->values[i],
			                   r->labels - 1);
	return THEMES_OK;
}

/* Percentile bootstrap of alpha over units: resample r draws its units
 * from themes_resample_state(seed, r), whichever thread runs it. */
static int bootstrap_alpha(const unsigned *counts, size_t units, int labels,
                           unsigned resamples, uint32_t seed,
                           themes_interval *out, themes_error *err)
{
	double *values = calloc(resamples, sizeof *values);
	if (!values)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	#pragma omp parallel for schedule(static)
	for (long long r = 0; r < (long long)resamples; r++) {
		uint64_t state = themes_resample_state(seed, (unsigned)r);
		coincidences c = {0};
		for (size_t i = 0; i < units; i++)
			coincidences_add(&c, counts + themes_draw_index(&state, units) *
			                 (size_t)labels, labels);
		values[r] = alpha_of(&c, labels);
	}
	/* A resample without two pairable values has no alpha: leave it out. */
	size_t kept = 0;
	for (unsigned r = 0; r < resamples; r++)
		if (!isnan(values[r]))
			values[kept++] = values[r];
	if (kept > 0) {
		qsort(values, kept, sizeof *values, themes_compare_doubles);
		out->low = themes_quantile(values, kept, 0.025);
		out->high = themes_quantile(values, kept, 0.975);
	} else {
		out->low = out->high = NAN;
	}
	free(values);
	return THEMES_OK;
}

int themes_agreement_compute(const themes_ratings *ratings, unsigned resamples,
                             uint32_t seed, themes_agreement *out,
                             themes_error *err)
{
	int status = check_ratings(ratings, err);
	if (status != THEMES_OK)
		return status;
	int labels = ratings->labels, coders = ratings->coders;
	size_t units = ratings->units;
	unsigned *counts = calloc(units * (size_t)labels + 1, sizeof *counts);
	if (!counts)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	memset(out, 0, sizeof *out);
	out->labels = labels;
	out->coders = coders;
	coincidences c = {0};
	for (size_t u = 0; u < units; u++) {
		unsigned *row = counts + u * (size_t)labels, m = 0;
		for (int j = 0; j < coders; j++) {
			int v = ratings->values[u * (size_t)coders + (size_t)j];
			if (v >= 0) {
				row[v]++;
				m++;
			}
		}
		out->units += m >= 2;
		coincidences_add(&c, row, labels);
	}
	out->values = (size_t)c.total;
	out->raw = c.total > 0 ? c.agree / c.total : NAN;
	for (int k = 0; k < labels; k++) {
		out->label_values[k] = (size_t)c.margin[k];
		out->label_agreement[k] = c.margin[k] > 0 ?
			c.diagonal[k] / c.margin[k] : NAN;
	}
	out->alpha = alpha_of(&c, labels);
	out->fleiss_kappa = fleiss_kappa(counts, units, labels, coders);
	out->cohen_kappa = coders == 2 ? cohen_kappa(ratings) : NAN;
	out->alpha_ci.low = out->alpha_ci.high = NAN;
	if (resamples > 0 && out->units > 0)
		status = bootstrap_alpha(counts, units, labels, resamples, seed,
		                         &out->alpha_ci, err);
	free(counts);
	return status;
}

int themes_agreement_confusion(const themes_ratings *ratings, int a, int b,
                               size_t *confusion)
{
	if (!ratings || a < 0 || b < 0 || a >= ratings->coders ||
	    b >= ratings->coders || !confusion)
		return THEMES_ERR_PARAM;
	size_t labels = (size_t)ratings->labels, coders = (size_t)ratings->coders;
	memset(confusion, 0, labels * labels * sizeof *confusion);
	for (size_t u = 0; u < ratings->units; u++) {
		int x = ratings->values[u * coders + (size_t)a];
		int y = ratings->values[u * coders + (size_t)b];
		if (x >= 0 && y >= 0 && x < (int)labels && y < (int)labels)
			confusion[(size_t)x * labels + (size_t)y]++;
	}
	return THEMES_OK;
}
