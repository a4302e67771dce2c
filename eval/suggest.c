/*
 * suggest.c - what to label next (uncertainty sampling).
 *
 * Input: a model's predictions for a pool of unlabelled clauses and their
 * texts.  Output: a batch of clauses, most uncertain first (smallest margin
 * between the two most probable labels), in which no two clauses are near
 * duplicates (word 3-shingle Jaccard, as in leakage.c) and the predicted
 * labels are as evenly represented as the pool allows.  Sequential and
 * deterministic; ties go to the earlier row.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void themes_suggest_margin(const themes_prediction *p, int labels,
                           themes_suggestion *out)
{
	out->first = out->second = -1;
	out->margin = 0;
	if (p->theme < 0)
		return;
	for (int k = 0; k < labels; k++)
		if (out->first < 0 || p->scores[k] > p->scores[out->first])
			out->first = k;
	for (int k = 0; k < labels; k++)
		if (k != out->first &&
		    (out->second < 0 || p->scores[k] > p->scores[out->second]))
			out->second = k;
	out->margin = p->scores[out->first] -
	              (out->second >= 0 ? p->scores[out->second] : 0);
}

static int compare_margins(const void *a, const void *b)
{
	const themes_suggestion *x = a, *y = b;
	if (x->margin != y->margin)
		return (x->margin > y->margin) - (x->margin < y->margin);
	return (x->row > y->row) - (x->row < y->row);
}

typedef struct shingles {
	uint64_t *hashes;
	size_t count;
	bool done;
} shingles;

static double jaccard(const shingles *a, const shingles *b)
{
	size_t i = 0, j = 0, shared = 0;
	while (i < a->count && j < b->count) {
		if (a->hashes[i] == b->hashes[j]) {
			shared++;
			i++;
			j++;
		} else if (a->hashes[i] < b->hashes[j]) {
			i++;
		} else {
			j++;
		}
	}
	size_t all = a->count + b->count - shared;
	return all ? (double)shared / (double)all : 0;
}

/* State of one batch being chosen. */
typedef struct batch {
	const char *const *texts;
	shingles *sets;            /* per row, computed when first needed */
	size_t chosen[THEMES_MAX_LABELS + 1]; /* per group (labels: none) */
	themes_suggestion *out;
	size_t count;
	double threshold;
} batch;

/* Whether row is a near duplicate of a clause already in the batch. */
static int near_chosen(batch *b, size_t row)
{
	if (b->threshold > 1)
		return 0;
	shingles *s = &b->sets[row];
	if (!s->done) {
		if (!themes_shingles(b->texts[row], &s->hashes, &s->count))
			return -1;
		s->done = true;
	}
	/* A clause of fewer than three words has no shingle to compare. */
	for (size_t i = 0; i < b->count && s->count > 0; i++)
		if (jaccard(s, &b->sets[b->out[i].row]) >= b->threshold)
			return 1;
	return 0;
}

/* Fills the batch from ranked[0..n-1] in passes, letting each predicted
 * label take `cap` more clauses per pass. */
static int fill(batch *b, themes_suggestion *ranked, size_t n, int labels,
                size_t want, unsigned char *taken)
{
	size_t groups = 0, seen[THEMES_MAX_LABELS + 1] = {0};
	for (size_t i = 0; i < n; i++)
		if (seen[ranked[i].first < 0 ? labels : ranked[i].first]++ == 0)
			groups++;
	size_t step = groups ? (want + groups - 1) / groups : want, cap = 0;
	bool added = true;
	while (b->count < want && added) {
		added = false;
		cap += step;
		for (size_t i = 0; i < n && b->count < want; i++) {
			int group = ranked[i].first < 0 ? labels : ranked[i].first;
			if (taken[i] || b->chosen[group] >= cap)
				continue;
			int near = near_chosen(b, ranked[i].row);
			if (near < 0)
				return THEMES_ERR_NOMEM;
			taken[i] = 1; /* a near duplicate stays out of this batch */
			if (near)
				continue;
			b->out[b->count++] = ranked[i];
			b->chosen[group]++;
			added = true;
		}
		/* Candidates skipped only for the cap get another pass. */
		if (!added)
			for (size_t i = 0; i < n && !added; i++)
				added = !taken[i];
	}
	return THEMES_OK;
}

int themes_suggest(const themes_prediction *predictions,
                   const char *const *texts, size_t n, int labels,
                   const unsigned char *exclude, size_t want, double threshold,
                   themes_suggestion *out, size_t *count, themes_error *err)
{
	*count = 0;
	if (labels < 1 || labels > THEMES_MAX_LABELS || (n && (!predictions ||
	    !texts)) || !out || !(threshold > 0))
		return themes_fail(err, THEMES_ERR_PARAM, 0, "suggest: bad arguments");
	themes_suggestion *ranked = malloc((n + 1) * sizeof *ranked);
	unsigned char *taken = calloc(n + 1, 1);
	batch b = {texts, calloc(n + 1, sizeof *b.sets), {0}, out, 0, threshold};
	int status = THEMES_OK;
	if (!ranked || !taken || !b.sets) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (exclude && exclude[i])
			continue;
		themes_suggest_margin(&predictions[i], labels, &ranked[m]);
		ranked[m++].row = i;
	}
	qsort(ranked, m, sizeof *ranked, compare_margins);
	if (fill(&b, ranked, m, labels, want < m ? want : m, taken) != THEMES_OK)
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	*count = b.count;
	/* The batch is shown most uncertain first, whatever pass chose it. */
	qsort(out, b.count, sizeof *out, compare_margins);
done:
	for (size_t i = 0; b.sets && i < n; i++)
		free(b.sets[i].hashes);
	free(b.sets);
	free(ranked);
	free(taken);
	return status;
}
