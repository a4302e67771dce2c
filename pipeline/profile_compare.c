/*
 * profile_compare.c - how two statements' theme shares differ: the
 * difference of shares with a bootstrap interval, resampling the clauses
 * of each statement independently (themes compare).
 */
#include "internal.h"
#include "themes.h"

#include <stdlib.h>
#include <string.h>

/* Shares of a resample of p[0..n) (all of it when state is NULL). */
static void resample_shares(const themes_prediction *p, size_t n, int labels,
                            double min_confidence, uint64_t *state,
                            double *share)
{
	size_t count[THEMES_MAX_LABELS] = {0}, certain = 0;
	for (size_t i = 0; i < n; i++) {
		const themes_prediction *q = &p[state ? themes_draw_index(state, n) : i];
		if (themes_profile_uncertain(q, min_confidence))
			continue;
		count[q->theme]++;
		certain++;
	}
	for (int k = 0; k < labels; k++)
		share[k] = certain ? (double)count[k] / (double)certain : 0;
}

int themes_profile_difference(const themes_prediction *a, size_t na,
                              const themes_prediction *b, size_t nb,
                              int labels, const themes_profile_options *options,
                              double *difference, themes_interval *ci,
                              themes_error *err)
{
	if (labels < 1 || labels > THEMES_MAX_LABELS)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "bad label count %d",
		                   labels);
	double sa[THEMES_MAX_LABELS], sb[THEMES_MAX_LABELS];
	resample_shares(a, na, labels, options->min_confidence, NULL, sa);
	resample_shares(b, nb, labels, options->min_confidence, NULL, sb);
	for (int k = 0; k < labels; k++)
		difference[k] = ci[k].low = ci[k].high = sb[k] - sa[k];
	unsigned r = options->resamples;
	if (r == 0 || na == 0 || nb == 0)
		return THEMES_OK;
	double *draws = malloc((size_t)r * (size_t)labels * sizeof *draws);
	if (!draws)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	#pragma omp parallel for schedule(static)
	for (unsigned i = 0; i < r; i++) {
		uint64_t state = themes_resample_state(options->seed, i);
		double xa[THEMES_MAX_LABELS], xb[THEMES_MAX_LABELS];
		resample_shares(a, na, labels, options->min_confidence, &state, xa);
		resample_shares(b, nb, labels, options->min_confidence, &state, xb);
		for (int k = 0; k < labels; k++)
			draws[(size_t)k * r + i] = xb[k] - xa[k];
	}
	for (int k = 0; k < labels; k++) {
		double *d = draws + (size_t)k * r;
		qsort(d, r, sizeof *d, themes_compare_doubles);
		ci[k].low = themes_quantile(d, r, 0.025);
		ci[k].high = themes_quantile(d, r, 0.975);
	}
	free(draws);
	return THEMES_OK;
}
