/*
 * report_markdown.c - metrics as Markdown: a manifest list and tables of
 * the summary, per-theme scores, confusion and per-value scores.
 */
#include "report_common.h"

static void markdown_rates(FILE *out, const themes_report *report)
{
	report_rate rates[REPORT_RATES];
	int i;

	report_rates(report, rates);
	fputs("## Summary\n\n| metric | value | 95% CI |\n|---|---:|---|\n", out);
	for (i = 0; i < REPORT_RATES; i++) {
		fprintf(out, "| %s | %.4f | ", rates[i].heading, rates[i].value);
		put_interval(out, "[%.4f, %.4f]", rates[i].interval);
		fputs(" |\n", out);
	}
}

static void markdown_item(FILE *out, const char *label, const char *value,
                          const char *detail)
{
	if (!value)
		return;
	fprintf(out, "- %s: ", label);
	themes_write_markdown_text(out, value);
	if (detail) {
		fputs(" (", out);
		themes_write_markdown_text(out, detail);
		putc(')', out);
	}
	putc('\n', out);
}

static void markdown_confusion(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	const themes_codebook *cb = report->codebook;
	int labels = m->labels, g, c;

	fputs("\n## Confusion\n\nRows are gold themes, columns predicted themes; "
	      "*none* counts abstentions.\n\n| gold / predicted |", out);
	for (c = 0; c < (labels + 1); c++) {
		putc(' ', out);
		themes_write_markdown_text(out, column_label(cb, labels, c));
		fputs(" |", out);
	}
	fputs("\n|---|", out);
	for (c = 0; c < (labels + 1); c++)
		fputs("---:|", out);
	putc('\n', out);
	for (g = 0; g < labels; g++) {
		fputs("| ", out);
		themes_write_markdown_text(out, slug(cb, g));
		fputs(" |", out);
		for (c = 0; c < (labels + 1); c++)
			fprintf(out, " %lu |", (unsigned long)m->confusion[g][c]);
		putc('\n', out);
	}
}

static void markdown_groups(FILE *out, const themes_report *report)
{
	fputs("\n## By ", out);
	themes_write_markdown_text(out, report->by_column);
	fputs("\n\n| value | n | macro-F1 | 95% CI | accuracy | 95% CI |\n"
	      "|---|---:|---:|---|---:|---|\n", out);
	for (size_t i = 0; i < report->group_count; i++) {
		const themes_report_group *grp = &report->groups[i];

		fputs("| ", out);
		themes_write_markdown_text(out, grp->value);
		fprintf(out, " | %lu | %.4f | ", (unsigned long)grp->n,
		        grp->macro_f1);
		put_interval(out, "%.4f–%.4f", report_ci(report, &grp->macro_f1_ci));
		fprintf(out, " | %.4f | ", grp->accuracy);
		put_interval(out, "%.4f–%.4f", report_ci(report, &grp->accuracy_ci));
		fputs(" |\n", out);
	}
}

int themes_report_markdown(FILE *out, const themes_report *report)
{
	const themes_metrics *m;
	int k;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;
	fprintf(out, "# themes %s evaluation\n\n", THEMES_VERSION);
	markdown_item(out, "mode", report->mode, NULL);
	if (report->folds)
		fprintf(out, "- folds: %u\n", report->folds);
	markdown_item(out, "data", report->data_path, report->data_hash);
	markdown_item(out, "model", report->model_path, report->model_hash);
	markdown_item(out, "settings", report->settings, NULL);
	fprintf(out, "- seed: %lu\n", (unsigned long)report->seed);
	if (report->resamples)
		fprintf(out, "- bootstrap resamples: %u\n", report->resamples);
	fprintf(out, "- clauses: %lu\n- abstentions: %lu\n\n",
	        (unsigned long)m->n, (unsigned long)abstentions(m));
	markdown_rates(out, report);

	fputs("\n## Per theme\n\n"
	      "| theme | precision | recall | F1 | support | predicted |\n"
	      "|---|---:|---:|---:|---:|---:|\n", out);
	for (k = 0; k < m->labels; k++) {
		fputs("| ", out);
		themes_write_markdown_text(out, slug(report->codebook, k));
		fprintf(out, " | %.4f | %.4f | %.4f | %lu | %lu |\n", m->precision[k],
		        m->recall[k], m->f1[k], (unsigned long)m->support[k],
		        (unsigned long)m->predicted_count[k]);
	}
	markdown_confusion(out, report);
	if (report->group_count)
		markdown_groups(out, report);
	return finish(out);
}
