/*
 * folds.c - assigning clauses to cross-validation folds.
 *
 * Stratified folds deal each label's clauses round-robin after a seeded
 * shuffle, so every fold has about the same label mix.  Grouped folds keep
 * every clause of a group (a writer, a source, a statement) in one fold, so
 * that a model is never scored on a group it was trained on; groups are
 * placed one by one, largest first, in the fold where the label mix stays
 * closest to even (the heuristic of scikit-learn's StratifiedGroupKFold).
 * Both depend only on their inputs and the seed.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void shuffle(size_t *items, size_t count, uint64_t *state)
{
	for (size_t i = count; i > 1; i--) {
		size_t j = themes_draw_index(state, i);
		size_t swap = items[i - 1];
		items[i - 1] = items[j];
		items[j] = swap;
	}
}

static int max_label(const int *label, size_t n)
{
	int top = -1;
	for (size_t i = 0; i < n; i++)
		if (label[i] > top)
			top = label[i];
	return top;
}

int themes_folds_stratified(const int *label, size_t n, int k, uint32_t seed,
                            int *fold, themes_error *err)
{
	if (k < 2 || (size_t)k > n)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
			"the number of folds must be between 2 and the number of "
			"clauses (%zu)", n);
	uint64_t state = seed;
	size_t *members = malloc((n + 1) * sizeof *members);
	if (!members)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	int dealt = 0, labels = max_label(label, n) + 1;
	for (int c = 0; c < labels; c++) {
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			if (label[i] == c)
				members[count++] = i;
		/* The same draws as before grouped folds existed, so that models
		 * calibrated with the old folds keep their bytes. */
		for (size_t i = count; i > 1; i--) {
			size_t j = (size_t)(themes_random_next(&state) % i);
			size_t swap = members[i - 1];
			members[i - 1] = members[j];
			members[j] = swap;
		}
		for (size_t i = 0; i < count; i++)
			fold[members[i]] = dealt++ % k;
	}
	free(members);
	return THEMES_OK;
}

typedef struct group_info {
	size_t index;    /* the group's number */
	size_t position; /* its place after the seeded shuffle */
	size_t size;
	double spread;   /* standard deviation of its label counts */
} group_info;

/* Most uneven label mix first, then largest, then shuffled order. */
static int compare_groups(const void *a, const void *b)
{
	const group_info *x = a, *y = b;
	if (x->spread != y->spread)
		return x->spread < y->spread ? 1 : -1;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return x->position < y->position ? -1 : x->position > y->position;
}

/* Mean over labels of the standard deviation, across folds, of the share
 * of the label's clauses each fold holds. */
static double imbalance(const size_t *fold_counts, const size_t *label_totals,
                        int k, int labels)
{
	double total = 0;
	for (int c = 0; c < labels; c++) {
		if (!label_totals[c])
			continue;
		double mean = 0, squares = 0;
		for (int f = 0; f < k; f++)
			mean += (double)fold_counts[f * labels + c] / (double)label_totals[c];
		mean /= k;
		for (int f = 0; f < k; f++) {
			double d = (double)fold_counts[f * labels + c] /
			           (double)label_totals[c] - mean;
			squares += d * d;
		}
		total += sqrt(squares / k);
	}
	return total / labels;
}

/* What placing groups in folds needs: per-fold label counts and sizes,
 * and each group's label counts. */
typedef struct fold_plan {
	int k, labels;
	const size_t *group_counts;  /* [group][label] */
	const size_t *label_totals;  /* [label] */
	size_t *fold_counts;         /* [fold][label] */
	size_t *fold_sizes;          /* [fold] */
} fold_plan;

/* Puts group g in the fold where the label mix stays most even (ties to
 * the smaller fold, then the lower index) and returns that fold. */
static int place_group(fold_plan *plan, size_t g, size_t size)
{
	int k = plan->k, labels = plan->labels;
	const size_t *counts = plan->group_counts + g * (size_t)labels;
	int best = 0;
	double best_score = INFINITY;
	for (int f = 0; f < k; f++) {
		for (int c = 0; c < labels; c++)
			plan->fold_counts[f * labels + c] += counts[c];
		double score = imbalance(plan->fold_counts, plan->label_totals, k,
		                         labels);
		for (int c = 0; c < labels; c++)
			plan->fold_counts[f * labels + c] -= counts[c];
		if (score < best_score - 1e-12 ||
		    (fabs(score - best_score) <= 1e-12 &&
		     plan->fold_sizes[f] < plan->fold_sizes[best])) {
			best = f;
			best_score = score;
		}
	}
	for (int c = 0; c < labels; c++)
		plan->fold_counts[best * labels + c] += counts[c];
	plan->fold_sizes[best] += size;
	return best;
}

int themes_folds_grouped(const int *label, const char *const *group, size_t n,
                         int k, uint32_t seed, int *fold, themes_error *err)
{
	int labels = max_label(label, n) + 1, status = THEMES_OK;
	themes_map ids;
	themes_map_init(&ids);
	int *group_of = malloc((n + 1) * sizeof *group_of);
	group_info *groups = calloc(n + 1, sizeof *groups);
	size_t *group_counts = NULL, *order = NULL, *fold_counts = NULL;
	size_t *fold_sizes = NULL, *label_totals = NULL, group_count = 0;
	if (!group_of || !groups) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		int *id = themes_map_upsert(&ids, group[i], strlen(group[i]),
		                            (int)group_count);
		if (!id) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			goto done;
		}
		if ((size_t)*id == group_count)
			groups[group_count++].index = (size_t)*id;
		group_of[i] = *id;
		groups[*id].size++;
	}
	if (k < 2 || (size_t)k > group_count) {
		status = themes_fail(err, THEMES_ERR_PARAM, 0,
			"grouped cross-validation with %d folds needs at least %d "
			"groups; the data has %zu", k, k < 2 ? 2 : k, group_count);
		goto done;
	}
	group_counts = calloc(group_count * (size_t)labels + 1, sizeof *group_counts);
	order = malloc((group_count + 1) * sizeof *order);
	fold_counts = calloc((size_t)k * (size_t)labels + 1, sizeof *fold_counts);
	fold_sizes = calloc((size_t)k, sizeof *fold_sizes);
	label_totals = calloc((size_t)labels + 1, sizeof *label_totals);
	if (!group_counts || !order || !fold_counts || !fold_sizes ||
	    !label_totals) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		group_counts[(size_t)group_of[i] * (size_t)labels + (size_t)label[i]]++;
		label_totals[label[i]]++;
	}
	for (size_t g = 0; g < group_count; g++) {
		double mean = (double)groups[g].size / labels, squares = 0;
		for (int c = 0; c < labels; c++) {
			double d = (double)group_counts[g * (size_t)labels + (size_t)c] - mean;
			squares += d * d;
		}
		groups[g].spread = sqrt(squares / labels);
		order[g] = g;
	}
	/* Ties in the sort are broken by a seeded shuffle. */
	uint64_t state = seed;
	shuffle(order, group_count, &state);
	for (size_t j = 0; j < group_count; j++)
		groups[order[j]].position = j;
	qsort(groups, group_count, sizeof *groups, compare_groups);
	for (size_t j = 0; j < group_count; j++)
		order[j] = groups[j].index;
	int *fold_of_group = malloc((group_count + 1) * sizeof *fold_of_group);
	if (!fold_of_group) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	fold_plan plan = {k, labels, group_counts, label_totals, fold_counts,
	                  fold_sizes};
	for (size_t j = 0; j < group_count; j++)
		fold_of_group[order[j]] = place_group(&plan, order[j],
		                                      groups[j].size);
	for (size_t i = 0; i < n; i++)
		fold[i] = fold_of_group[group_of[i]];
	free(fold_of_group);
done:
	themes_map_free(&ids);
	free(group_of);
	free(groups);
	free(group_counts);
	free(order);
	free(fold_counts);
	free(fold_sizes);
	free(label_totals);
	return status;
}
