/*
 * report_text.c - metrics as a readable table for the terminal: summary
 * lines, per-theme precision, recall and F1, the confusion matrix and the
 * per-value scores of --by.
 */
#include "report_common.h"

#include <string.h>

static void text_optional_line(FILE *out, const char *label,
                               const char *value, const char *detail)
{
	if (!value)
		return;
	fprintf(out, "%-20s ", label);
	themes_write_plain_text(out, value);
	if (detail) {
		fputs("  (", out);
		themes_write_plain_text(out, detail);
		putc(')', out);
	}
	putc('\n', out);
}

static void text_manifest(FILE *out, const themes_report *report)
{
	fprintf(out, "themes %s evaluation", THEMES_VERSION);
	if (report->mode) {
		fputs(": ", out);
		themes_write_plain_text(out, report->mode);
	}
	if (report->folds)
		fprintf(out, ", %u folds", report->folds);
	fputs("\n\n", out);
	text_optional_line(out, "data", report->data_path, report->data_hash);
	text_optional_line(out, "model", report->model_path, report->model_hash);
	text_optional_line(out, "settings", report->settings, NULL);
	fprintf(out, "%-20s %lu\n", "seed", (unsigned long)report->seed);
	if (report->resamples)
		fprintf(out, "%-20s %u\n", "bootstrap resamples", report->resamples);
	fprintf(out, "%-20s %lu\n", "clauses", (unsigned long)report->metrics->n);
	fprintf(out, "%-20s %lu\n\n", "abstentions",
	        (unsigned long)abstentions(report->metrics));
}

static void text_rates(FILE *out, const themes_report *report)
{
	report_rate rates[REPORT_RATES];
	int i;

	report_rates(report, rates);
	for (i = 0; i < REPORT_RATES; i++) {
		fprintf(out, "%-20s %.4f", rates[i].label, rates[i].value);
		put_interval(out, "   95%% CI [%.4f, %.4f]", rates[i].interval);
		putc('\n', out);
	}
}

static void text_per_theme(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	int k;

	fprintf(out, "\n%-16s  %9s  %9s  %9s  %9s  %9s\n", "theme", "precision",
	        "recall", "F1", "support", "predicted");
	for (k = 0; k < m->labels; k++)
		fprintf(out, "%-16s  %9.4f  %9.4f  %9.4f  %9lu  %9lu\n",
		        slug(report->codebook, k), m->precision[k], m->recall[k],
		        m->f1[k], (unsigned long)m->support[k],
		        (unsigned long)m->predicted_count[k]);
}

static int decimal_digits(size_t value)
{
	int digits = 1;

	while (value >= 10) {
		value /= 10;
		digits++;
	}
	return digits;
}

/* Columns as wide as their label or their widest count. */
static void text_confusion(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	const themes_codebook *cb = report->codebook;
	int labels = m->labels, g, c;
	int width[THEMES_MAX_LABELS + 1];

	for (c = 0; c < (labels + 1); c++) {
		width[c] = (int)strlen(column_label(cb, labels, c));
		for (g = 0; g < labels; g++)
			if (decimal_digits(m->confusion[g][c]) > width[c])
				width[c] = decimal_digits(m->confusion[g][c]);
	}
	fputs("\nconfusion (rows: gold, columns: predicted)\n", out);
	fprintf(out, "%-16s", "gold \\ predicted");
	for (c = 0; c < (labels + 1); c++)
		fprintf(out, "  %*s", width[c], column_label(cb, labels, c));
	putc('\n', out);
	for (g = 0; g < labels; g++) {
		fprintf(out, "%-16s", slug(cb, g));
		for (c = 0; c < (labels + 1); c++)
			fprintf(out, "  %*lu", width[c], (unsigned long)m->confusion[g][c]);
		putc('\n', out);
	}
}

static void text_groups(FILE *out, const themes_report *report)
{
	fputs("\nby ", out);
	themes_write_plain_text(out, report->by_column);
	fprintf(out, "\n%-16s  %6s  %-28s  %s\n", "value", "n",
	        "macro-F1 [95% CI]", "accuracy [95% CI]");
	for (size_t i = 0; i < report->group_count; i++) {
		const themes_report_group *grp = &report->groups[i];

		/* The value is data: escaped like every other field. */
		themes_write_plain_text(out, grp->value);
		int width = (int)strlen(grp->value);
		fprintf(out, "%*s  %6lu  %.4f", width < 16 ? 16 - width : 0, "",
		        (unsigned long)grp->n, grp->macro_f1);
		/* Without intervals, pad so the accuracy column stays put. */
		if (!report->resamples)
			fprintf(out, "%18s", "");
		put_interval(out, " [%.4f, %.4f]", report_ci(report, &grp->macro_f1_ci));
		fprintf(out, "     %.4f", grp->accuracy);
		put_interval(out, " [%.4f, %.4f]", report_ci(report, &grp->accuracy_ci));
		putc('\n', out);
	}
}

int themes_report_text(FILE *out, const themes_report *report)
{
	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	text_manifest(out, report);
	text_rates(out, report);
	text_per_theme(out, report);
	text_confusion(out, report);
	if (report->group_count)
		text_groups(out, report);
	return finish(out);
}
