/*
 * report_errors.c - the misclassified clauses as CSV
 * (id,text,gold,predicted,confidence), the most confident errors of each
 * (gold, predicted) pair first.
 */
#include "report_common.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct misclassified {
	size_t index;
	int gold;
	int predicted;
	double confidence;
} misclassified;

/* Pairs in theme order (gold, then predicted), most confident first, then
 * input order.  A NaN confidence sorts after every number. */
static int compare_misclassified(const void *a, const void *b)
{
	const misclassified *x = a, *y = b;
	int x_nan = isnan(x->confidence), y_nan = isnan(y->confidence);

	if (x->gold != y->gold)
		return x->gold < y->gold ? -1 : 1;
	if (x->predicted != y->predicted)
		return x->predicted < y->predicted ? -1 : 1;
	if (x_nan != y_nan)
		return x_nan - y_nan;
	if (!x_nan && x->confidence != y->confidence)
		return x->confidence > y->confidence ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

int themes_report_errors(FILE *out, const themes_codebook *cb,
                         const themes_scored *items, size_t n,
                         const char *const *ids, const char *const *texts,
                         size_t per_pair)
{
	misclassified *errors = NULL;
	size_t count = 0, i, written_in_pair = 0;
	int labels = cb ? themes_codebook_count(cb) : 0;

	if (!out || !cb || (n > 0 && !items))
		return THEMES_ERR_PARAM;
	if (n > 0) {
		if (n > SIZE_MAX / sizeof *errors)
			return THEMES_ERR_NOMEM;
		errors = malloc(n * sizeof *errors);
		if (!errors)
			return THEMES_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		const themes_scored *item = &items[i];

		/* Abstentions have no confidence to rank and are skipped. */
		if (item->gold < 0 || item->gold >= labels ||
		    item->predicted < 0 || item->predicted >= labels ||
		    item->predicted == item->gold)
			continue;
		errors[count].index = i;
		errors[count].gold = item->gold;
		errors[count].predicted = item->predicted;
		errors[count].confidence = item->scores[item->predicted];
		count++;
	}
	if (count > 1)
		qsort(errors, count, sizeof *errors, compare_misclassified);

	fputs("id,text,gold,predicted,confidence\n", out);
	for (i = 0; i < count; i++) {
		const misclassified *e = &errors[i];

		if (i > 0 && (e->gold != errors[i - 1].gold ||
		              e->predicted != errors[i - 1].predicted))
			written_in_pair = 0;
		/* per_pair == 0 means no limit. */
		if (per_pair && written_in_pair >= per_pair)
			continue;
		written_in_pair++;
		if (ids)
			themes_write_csv_field(out, ids[e->index]);
		else
			fprintf(out, "%lu", (unsigned long)(e->index + 1));
		putc(',', out);
		themes_write_csv_field(out, texts ? texts[e->index] : NULL);
		fprintf(out, ",%s,%s,%.4f\n", slug(cb, e->gold), slug(cb, e->predicted),
		        e->confidence);
	}
	free(errors);
	return finish(out);
}

int themes_report_predictions(FILE *out, const themes_codebook *cb,
                              const themes_scored *items, size_t n,
                              const char *const *ids)
{
	if (!out || !cb || (n > 0 && (!items || !ids)))
		return THEMES_ERR_PARAM;
	int labels = themes_codebook_count(cb);
	fputs("id,gold,predicted,confidence\n", out);
	for (size_t i = 0; i < n; i++) {
		const themes_scored *item = &items[i];
		bool placed = item->predicted >= 0 && item->predicted < labels;
		themes_write_csv_field(out, ids[i]);
		fprintf(out, ",%s,%s,%.4f\n", themes_codebook_label(cb, item->gold),
		        placed ? themes_codebook_label(cb, item->predicted) : "",
		        placed ? item->scores[item->predicted] : 0.0);
	}
	return fflush(out) == 0 && !ferror(out) ? THEMES_OK : THEMES_ERR_IO;
}
