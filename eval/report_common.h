/*
 * report_common.h - helpers shared by the report writers (report_*.c);
 * private to libthemes.
 *
 * Every report is deterministic: fixed numeric formats ("%.4f" for rates),
 * no timestamps, and no locale of its own (the library never calls
 * setlocale, so the process's C locale keeps '.' as the decimal point).
 * Each writer returns THEMES_OK, THEMES_ERR_PARAM for a missing argument, or
 * THEMES_ERR_IO when writing to `out` failed.
 */
#ifndef THEMES_REPORT_COMMON_H
#define THEMES_REPORT_COMMON_H

#include "themes.h"

#include <string.h>

#define ABSTAINED_LABEL "none"

static inline const char *slug(const themes_codebook *cb, int k)
{
	return cb ? themes_codebook_label(cb, k) : "?";
}

/* Confusion column c: a label, or the abstentions after the last label. */
static inline const char *column_label(const themes_codebook *cb, int labels,
                                       int column)
{
	return column == labels ? ABSTAINED_LABEL : slug(cb, column);
}

static inline int finish(FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return THEMES_ERR_IO;
	return THEMES_OK;
}

static inline int report_is_usable(FILE *out, const themes_report *report)
{
	return out && report && report->metrics;
}

static inline size_t abstentions(const themes_metrics *m)
{
	size_t total = 0;
	int g;

	for (g = 0; g < m->labels; g++)
		total += m->confusion[g][m->labels];
	return total;
}

/* A theme that is neither in the gold labels nor predicted is left out of
 * macro-F1 (see metrics.c). */
static inline int theme_is_scored(const themes_metrics *m, int k)
{
	return m->support[k] > 0 || m->predicted_count[k] > 0;
}

/* interval, or NULL when the report has no bootstrap intervals. */
static inline const themes_interval *report_ci(const themes_report *report,
                                               const themes_interval *interval)
{
	return report->resamples ? interval : NULL;
}

/* Writes interval's ends through format (two doubles); nothing for NULL. */
static inline void put_interval(FILE *out, const char *format,
                                const themes_interval *interval)
	__attribute__((format(printf, 2, 0)));
static inline void put_interval(FILE *out, const char *format,
                                const themes_interval *interval)
{
	if (interval)
		fprintf(out, format, interval->low, interval->high);
}

/* One summary rate.  Every report lists them in the order of
 * report_rates. */
typedef struct report_rate {
	const char *key;     /* the JSON key and JUnit name */
	const char *label;   /* in the text report */
	const char *heading; /* in the Markdown table */
	double value;
	const themes_interval *interval; /* bootstrap interval, or NULL */
} report_rate;

#define REPORT_RATES 7

static inline void report_rates(const themes_report *report,
                                report_rate rates[REPORT_RATES])
{
	const themes_metrics *m = report->metrics;
	const themes_interval *accuracy_ci = report_ci(report, &report->accuracy_ci);
	const themes_interval *macro_ci = report_ci(report, &report->macro_f1_ci);
	const report_rate all[REPORT_RATES] = {
		{"accuracy", "accuracy", "accuracy", m->accuracy, accuracy_ci},
		{"macro_f1", "macro-F1", "macro-F1", m->macro_f1, macro_ci},
		{"micro_f1", "micro-F1", "micro-F1", m->micro_f1, NULL},
		{"kappa", "Cohen's kappa", "Cohen's kappa", m->kappa, NULL},
		{"alpha", "Krippendorff alpha", "Krippendorff's alpha", m->alpha, NULL},
		{"top2_accuracy", "top-2 accuracy", "top-2 accuracy", m->top2_accuracy, NULL},
		{"lenient_accuracy", "lenient accuracy", "lenient accuracy",
		 m->lenient_accuracy, NULL},
	};

	memcpy(rates, all, sizeof all);
}

#endif
