/*
 * metrics.c - scores of predictions against gold labels, and percentile
 * bootstrap intervals for macro-F1 and accuracy.
 *
 * An abstention (predicted == -1, or any value outside 0..L-1 for L labels)
 * is a wrong answer: it lands in confusion column L and is one more
 * category for Cohen's kappa and Krippendorff's alpha.  Items whose gold
 * label is outside 0..L-1 cannot be scored and are ignored (metrics->n
 * counts only the scored items).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The counts every metric is derived from; cheap enough to rebuild for each
 * bootstrap resample.  Categories for agreement statistics are the labels
 * plus "abstained" (category `labels`). */
typedef struct tally {
	int labels;
	size_t n;
	size_t correct;
	size_t confusion[THEMES_MAX_LABELS][THEMES_MAX_LABELS + 1];
} tally;

static int gold_is_valid(const tally *t, int gold)
{
	return gold >= 0 && gold < t->labels;
}

static int category_of_prediction(const tally *t, int predicted)
{
	return predicted >= 0 && predicted < t->labels ? predicted : t->labels;
}

static void tally_init(tally *t, int labels)
{
	memset(t, 0, sizeof *t);
	t->labels = labels < 0 ? 0 : labels > THEMES_MAX_LABELS ?
	            THEMES_MAX_LABELS : labels;
}

static void tally_add(tally *t, const themes_scored *item)
{
	int predicted;

	if (!gold_is_valid(t, item->gold))
		return;
	predicted = category_of_prediction(t, item->predicted);
	t->n++;
	t->confusion[item->gold][predicted]++;
	if (predicted == item->gold)
		t->correct++;
}

static double ratio(double numerator, double denominator)
{
	return denominator > 0 ? numerator / denominator : 0;
}

static double harmonic_mean(double a, double b)
{
	return a + b > 0 ? 2 * a * b / (a + b) : 0;
}

/* Per-theme precision, recall and F1 from the confusion counts; returns
 * macro-F1.  Any of the output arrays may be NULL.
 *
 * Macro-F1 averages only over themes with gold support or at least one
 * prediction: a theme absent from both the gold labels and the predictions
 * says nothing about the classifier, and counting it as F1 = 0 would punish
 * small evaluation sets for what they happen not to contain. */
static double per_theme_scores(const tally *t, double *precision,
                               double *recall, double *f1, size_t *support,
                               size_t *predicted_count)
{
	double f1_sum = 0;
	int themes_seen = 0;
	int k, g, p;

	for (k = 0; k < t->labels; k++) {
		size_t gold_k = 0, predicted_k = 0, hits = t->confusion[k][k];
		double theme_precision, theme_recall, theme_f1;

		for (p = 0; p <= t->labels; p++)
			gold_k += t->confusion[k][p];
		for (g = 0; g < t->labels; g++)
			predicted_k += t->confusion[g][k];
		theme_precision = ratio((double)hits, (double)predicted_k);
		theme_recall = ratio((double)hits, (double)gold_k);
		theme_f1 = harmonic_mean(theme_precision, theme_recall);
		if (gold_k > 0 || predicted_k > 0) {
			f1_sum += theme_f1;
			themes_seen++;
		}
		if (precision)
			precision[k] = theme_precision;
		if (recall)
			recall[k] = theme_recall;
		if (f1)
			f1[k] = theme_f1;
		if (support)
			support[k] = gold_k;
		if (predicted_count)
			predicted_count[k] = predicted_k;
	}
	return themes_seen > 0 ? f1_sum / themes_seen : 0;
}

/* Whether the gold theme holds the highest or second-highest score; equal
 * scores rank the lower theme index first. */
static int gold_in_top_two(const themes_scored *item, int labels)
{
	int first = 0, second = -1, k;

	for (k = 1; k < labels; k++) {
		if (item->scores[k] > item->scores[first]) {
			second = first;
			first = k;
		} else if (second < 0 || item->scores[k] > item->scores[second]) {
			second = k;
		}
	}
	return item->gold == first || item->gold == second;
}

static void agreement(const tally *t, double *kappa, double *alpha)
{
	double gold_marginal[THEMES_MAX_LABELS + 1] = {0};
	double predicted_marginal[THEMES_MAX_LABELS + 1] = {0};
	int categories = t->labels + 1;
	double n = (double)t->n, expected = 0, values, squares = 0;
	double disagreeing_pairs, mismatched_products;
	int g, c;

	for (g = 0; g < t->labels; g++)
		for (c = 0; c < categories; c++) {
			gold_marginal[g] += (double)t->confusion[g][c];
			predicted_marginal[c] += (double)t->confusion[g][c];
		}

	/* Cohen: p_e = sum_c (gold_c / n)(predicted_c / n). */
	for (c = 0; c < categories; c++)
		expected += gold_marginal[c] * predicted_marginal[c];
	expected /= n * n;
	*kappa = expected < 1 ? ((double)t->correct / n - expected) / (1 - expected)
	                      : 0;

	/* Krippendorff, nominal, two coders, no missing values.  Each unit
	 * contributes its ordered pair both ways to the coincidence matrix, so
	 * the off-diagonal mass is twice the disagreeing units; n_c is the
	 * number of values c over both coders and there are 2n values:
	 *   alpha = 1 - (2n - 1) sum_{c!=k} o_ck / sum_{c!=k} n_c n_k,
	 * with sum_{c!=k} n_c n_k = (2n)^2 - sum_c n_c^2. */
	values = 2 * n;
	for (c = 0; c < categories; c++) {
		double n_c = gold_marginal[c] + predicted_marginal[c];
		squares += n_c * n_c;
	}
	disagreeing_pairs = 2 * (n - (double)t->correct);
	mismatched_products = values * values - squares;
	/* A single category used throughout: no expected disagreement, and then
	 * no observed disagreement either, which counts as full agreement. */
	*alpha = mismatched_products > 0
	             ? 1 - (values - 1) * disagreeing_pairs / mismatched_products
	             : 1;
}

void themes_metrics_compute(const themes_scored *items, size_t n, int labels,
                            themes_metrics *out)
{
	tally t;
	size_t top_two = 0, lenient = 0, predictions = 0, i;

	if (!out)
		return;
	memset(out, 0, sizeof *out);
	tally_init(&t, labels);
	out->labels = t.labels;
	for (i = 0; i < n; i++) {
		const themes_scored *item = &items[i];
		int predicted = category_of_prediction(&t, item->predicted);

		if (!gold_is_valid(&t, item->gold))
			continue;
		tally_add(&t, item);
		if (predicted == t.labels)
			continue;
		predictions++;
		if (gold_in_top_two(item, t.labels))
			top_two++;
		if (predicted == item->gold || (item->gold_secondary >> predicted & 1u))
			lenient++;
	}

	out->n = t.n;
	memcpy(out->confusion, t.confusion, sizeof out->confusion);
	out->macro_f1 = per_theme_scores(&t, out->precision, out->recall, out->f1,
	                                 out->support, out->predicted_count);
	if (t.n == 0)
		return;
	out->accuracy = (double)t.correct / (double)t.n;
	/* Single-label micro averaging: an abstention is a false negative of
	 * its gold theme but a false positive of none. */
	out->micro_f1 = harmonic_mean(ratio((double)t.correct, (double)predictions),
	                              out->accuracy);
	out->top2_accuracy = (double)top_two / (double)t.n;
	out->lenient_accuracy = (double)lenient / (double)t.n;
	agreement(&t, &out->kappa, &out->alpha);
}

/* ------------------------------------------------------------------ */
/* Bootstrap                                                            */
/* ------------------------------------------------------------------ */

int themes_metrics_bootstrap(const themes_scored *items, size_t n,
                             int labels, unsigned resamples, uint32_t seed,
                             themes_interval *macro_f1,
                             themes_interval *accuracy, themes_error *err)
{
	double *macro_values, *accuracy_values;
	long long r;

	if (resamples == 0)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s",
		            "bootstrap: the number of resamples must be at least 1");
	if (n == 0 || !items)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s",
		            "bootstrap: there are no scored clauses to resample");
	/* calloc checks the size multiplication for overflow. */
	macro_values = calloc(resamples, sizeof(double));
	accuracy_values = calloc(resamples, sizeof(double));
	if (!macro_values || !accuracy_values) {
		free(macro_values);
		free(accuracy_values);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "%s",
		            "bootstrap: out of memory for the resample values");
	}

#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
	for (r = 0; r < (long long)resamples; r++) {
		uint64_t state = themes_resample_state(seed, (unsigned)r);
		tally t;
		size_t i;

		tally_init(&t, labels);
		for (i = 0; i < n; i++)
			tally_add(&t, &items[themes_draw_index(&state, n)]);
		macro_values[r] = per_theme_scores(&t, NULL, NULL, NULL, NULL, NULL);
		accuracy_values[r] = ratio((double)t.correct, (double)t.n);
	}

	qsort(macro_values, resamples, sizeof(double), themes_compare_doubles);
	qsort(accuracy_values, resamples, sizeof(double), themes_compare_doubles);
	if (macro_f1) {
		macro_f1->low = themes_quantile(macro_values, resamples, 0.025);
		macro_f1->high = themes_quantile(macro_values, resamples, 0.975);
	}
	if (accuracy) {
		accuracy->low = themes_quantile(accuracy_values, resamples, 0.025);
		accuracy->high = themes_quantile(accuracy_values, resamples, 0.975);
	}
	free(macro_values);
	free(accuracy_values);
	return THEMES_OK;
}
