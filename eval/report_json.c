/*
 * report_json.c - metrics as one JSON document, with a manifest of the
 * data, model and settings behind them.
 */
#include "report_common.h"

#include <math.h>

static void put_json_number(FILE *out, double value)
{
	if (isfinite(value))
		fprintf(out, "%.4f", value);
	else
		fputs("null", out);
}

/* Reports escape every control character, as JSON's \u form. */
static void json_string(FILE *out, const char *text)
{
	themes_write_json_string(out, text, THEMES_JSON_UNICODE);
}

static void json_interval(FILE *out, const themes_report *report,
                          const themes_interval *interval)
{
	if (!report->resamples) {
		fputs("null", out);
		return;
	}
	putc('[', out);
	put_json_number(out, interval->low);
	fputs(", ", out);
	put_json_number(out, interval->high);
	putc(']', out);
}

static void json_path_and_hash(FILE *out, const char *key, const char *path,
                               const char *hash)
{
	fprintf(out, "    \"%s\": {\"path\": ", key);
	json_string(out, path);
	fputs(", \"hash\": ", out);
	json_string(out, hash);
	fputs("},\n", out);
}

static void json_rates(FILE *out, const themes_report *report)
{
	report_rate rates[REPORT_RATES];
	int i;

	report_rates(report, rates);
	for (i = 0; i < REPORT_RATES; i++) {
		fprintf(out, "  \"%s\": ", rates[i].key);
		put_json_number(out, rates[i].value);
		fputs(",\n", out);
	}
}

static void json_per_theme(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	int labels = m->labels, k;

	fputs("  \"per_theme\": {\n", out);
	for (k = 0; k < labels; k++) {
		fputs("    ", out);
		json_string(out, slug(report->codebook, k));
		fputs(": {\"precision\": ", out);
		put_json_number(out, m->precision[k]);
		fputs(", \"recall\": ", out);
		put_json_number(out, m->recall[k]);
		fputs(", \"f1\": ", out);
		put_json_number(out, m->f1[k]);
		fprintf(out, ", \"support\": %lu, \"predicted\": %lu}%s\n",
		        (unsigned long)m->support[k],
		        (unsigned long)m->predicted_count[k],
		        k + 1 < labels ? "," : "");
	}
	fputs("  },\n", out);
}

static void json_confusion(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	int labels = m->labels, g, c;

	fputs("  \"confusion\": [\n", out);
	for (g = 0; g < labels; g++) {
		fputs("    [", out);
		for (c = 0; c < (labels + 1); c++)
			fprintf(out, "%s%lu", c ? ", " : "",
			        (unsigned long)m->confusion[g][c]);
		fprintf(out, "]%s\n", g + 1 < labels ? "," : "");
	}
	fputs("  ],\n", out);
	fputs("  \"confusion_labels\": [", out);
	for (c = 0; c < (labels + 1); c++) {
		if (c)
			fputs(", ", out);
		json_string(out, column_label(report->codebook, labels, c));
	}
	fputs("],\n", out);
}

static void json_groups(FILE *out, const themes_report *report)
{
	size_t i;

	fputs("  \"by\": {\"column\": ", out);
	json_string(out, report->by_column);
	fputs(", \"groups\": [\n", out);
	for (i = 0; i < report->group_count; i++) {
		const themes_report_group *grp = &report->groups[i];
		fputs("    {\"value\": ", out);
		json_string(out, grp->value);
		fprintf(out, ", \"n\": %lu, \"macro_f1\": ", (unsigned long)grp->n);
		put_json_number(out, grp->macro_f1);
		fputs(", \"accuracy\": ", out);
		put_json_number(out, grp->accuracy);
		fputs(", \"ci95\": {\"macro_f1\": ", out);
		json_interval(out, report, &grp->macro_f1_ci);
		fputs(", \"accuracy\": ", out);
		json_interval(out, report, &grp->accuracy_ci);
		fprintf(out, "}}%s\n", i + 1 < report->group_count ? "," : "");
	}
	fputs("  ]},\n", out);
}

static void json_manifest(FILE *out, const themes_report *report)
{
	fputs("  \"manifest\": {\n", out);
	fputs("    \"program\": \"themes\",\n", out);
	fputs("    \"version\": ", out);
	json_string(out, THEMES_VERSION);
	fputs(",\n    \"mode\": ", out);
	json_string(out, report->mode);
	fprintf(out, ",\n    \"folds\": %u,\n", report->folds);
	json_path_and_hash(out, "data", report->data_path, report->data_hash);
	json_path_and_hash(out, "model", report->model_path, report->model_hash);
	fputs("    \"settings\": ", out);
	json_string(out, report->settings);
	fprintf(out, ",\n    \"seed\": %lu,\n", (unsigned long)report->seed);
	fprintf(out, "    \"threads\": %d,\n", report->threads);
	fprintf(out, "    \"resamples\": %u\n", report->resamples);
	fputs("  }\n", out);
}

int themes_report_json(FILE *out, const themes_report *report)
{
	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	fputs("{\n", out);
	json_rates(out, report);
	json_per_theme(out, report);
	json_confusion(out, report);
	fputs("  \"ci95\": {\"macro_f1\": ", out);
	json_interval(out, report, &report->macro_f1_ci);
	fputs(", \"accuracy\": ", out);
	json_interval(out, report, &report->accuracy_ci);
	fputs("},\n", out);
	if (report->group_count)
		json_groups(out, report);
	json_manifest(out, report);
	fputs("}\n", out);
	return finish(out);
}
