/*
 * report.c - metrics as text, JSON, JUnit XML, Markdown, SVG and an error
 * CSV.
 *
 * Every output is deterministic: fixed numeric formats ("%.4f" for rates),
 * no timestamps, and no locale of its own (the library never calls
 * setlocale, so the process's C locale keeps '.' as the decimal point).
 * Each writer returns THEMES_OK, THEMES_ERR_PARAM for a missing argument, or
 * THEMES_ERR_IO when writing to `out` failed.
 */
#include "themes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ABSTAINED_LABEL "none"

static const char *slug(const themes_codebook *cb, int k)
{
	return cb ? themes_codebook_label(cb, k) : "?";
}

/* Confusion column c: a label, or the abstentions after the last label. */
static const char *column_label(const themes_codebook *cb, int labels,
                                int column)
{
	return column == labels ? ABSTAINED_LABEL : slug(cb, column);
}

static int finish(FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return THEMES_ERR_IO;
	return THEMES_OK;
}

static int report_is_usable(FILE *out, const themes_report *report)
{
	return out && report && report->metrics;
}

static size_t abstentions(const themes_metrics *m)
{
	size_t total = 0;
	int g;

	for (g = 0; g < m->labels; g++)
		total += m->confusion[g][m->labels];
	return total;
}

/* A theme that is neither in the gold labels nor predicted is left out of
 * macro-F1 (see metrics.c). */
static int theme_is_scored(const themes_metrics *m, int k)
{
	return m->support[k] > 0 || m->predicted_count[k] > 0;
}

/* ------------------------------------------------------------------ */
/* Character encodings                                                  */
/* ------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at s (1 to 4), storing its code
 * point, or 0 when the bytes there are not well-formed UTF-8 (overlong
 * forms, surrogates and values past U+10FFFF included). */
static size_t utf8_sequence(const unsigned char *s, unsigned long *code_point)
{
	unsigned long cp;
	size_t length, i;

	if (s[0] < 0x80) {
		*code_point = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		cp = s[0] & 0x1Fu;
		length = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		cp = s[0] & 0x0Fu;
		length = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		cp = s[0] & 0x07u;
		length = 4;
	} else {
		return 0;
	}
	for (i = 1; i < length; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*code_point = cp;
	return length;
}

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

/* A JSON string literal, or null for NULL.  Invalid UTF-8 becomes U+FFFD so
 * the document stays valid. */
static void put_json_string(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	if (!text) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	while (*s) {
		unsigned long cp;
		size_t length = utf8_sequence(s, &cp);

		if (length == 0) {
			fputs(REPLACEMENT_CHARACTER, out);
			s++;
		} else if (cp == '"' || cp == '\\') {
			putc('\\', out);
			putc((int)cp, out);
			s++;
		} else if (cp < 0x20 || cp == 0x7F) {
			fprintf(out, "\\u%04lx", cp);
			s++;
		} else {
			fwrite(s, 1, length, out);
			s += length;
		}
	}
	putc('"', out);
}

static void put_json_number(FILE *out, double value)
{
	if (isfinite(value))
		fprintf(out, "%.4f", value);
	else
		fputs("null", out);
}

/* Character data or an attribute value.  Characters XML 1.0 forbids (most
 * C0 controls) and invalid UTF-8 become U+FFFD; tab, LF and CR are written
 * as character references so attribute values keep them. */
static void put_xml_text(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");

	while (*s) {
		unsigned long cp;
		size_t length = utf8_sequence(s, &cp);

		if (length == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			fputs(REPLACEMENT_CHARACTER, out);
			s += length ? length : 1;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		case '\t': case '\n': case '\r':
			fprintf(out, "&#%lu;", cp);
			break;
		default:
			fwrite(s, 1, length, out);
		}
		s += length;
	}
}

static int is_control(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7F;
}

/* Terminal text on one line: control characters (line breaks, tabs,
 * escapes) become spaces so a value cannot break the layout. */
static void put_plain_text(FILE *out, const char *text)
{
	const char *s;

	for (s = text ? text : ""; *s; s++)
		putc(is_control(*s) ? ' ' : *s, out);
}

/* Inline Markdown text: punctuation that could start markup is escaped with
 * a backslash and control characters become spaces, so a value stays in its
 * table cell or list item. */
static void put_markdown_text(FILE *out, const char *text)
{
	const char *s;

	for (s = text ? text : ""; *s; s++) {
		if (is_control(*s))
			putc(' ', out);
		else if (strchr("\\`*_[]<>|#!", *s))
			fprintf(out, "\\%c", *s);
		else
			putc(*s, out);
	}
}

/* An RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a
 * quote, CR or LF. */
static void put_csv_field(FILE *out, const char *text)
{
	const char *s;

	if (!text)
		text = "";
	if (!strpbrk(text, ",\"\r\n")) {
		fputs(text, out);
		return;
	}
	putc('"', out);
	for (s = text; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

/* ------------------------------------------------------------------ */
/* Text                                                                 */
/* ------------------------------------------------------------------ */

static void text_rate_line(FILE *out, const char *label, double value,
                           const themes_interval *interval)
{
	fprintf(out, "%-20s %.4f", label, value);
	if (interval)
		fprintf(out, "   95%% CI [%.4f, %.4f]", interval->low, interval->high);
	putc('\n', out);
}

static void text_optional_line(FILE *out, const char *label,
                               const char *value, const char *detail)
{
	if (!value)
		return;
	fprintf(out, "%-20s ", label);
	put_plain_text(out, value);
	if (detail) {
		fputs("  (", out);
		put_plain_text(out, detail);
		putc(')', out);
	}
	putc('\n', out);
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

int themes_report_text(FILE *out, const themes_report *report)
{
	const themes_codebook *cb = report ? report->codebook : NULL;
	int labels = report && report->metrics ? report->metrics->labels : 0;
	const themes_metrics *m;
	const themes_interval *macro_ci, *accuracy_ci;
	int width[THEMES_MAX_LABELS + 1];
	int g, c, k;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;
	macro_ci = report->resamples ? &report->macro_f1_ci : NULL;
	accuracy_ci = report->resamples ? &report->accuracy_ci : NULL;

	fprintf(out, "themes %s evaluation", THEMES_VERSION);
	if (report->mode) {
		fputs(": ", out);
		put_plain_text(out, report->mode);
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
	fprintf(out, "%-20s %lu\n", "clauses", (unsigned long)m->n);
	fprintf(out, "%-20s %lu\n\n", "abstentions", (unsigned long)abstentions(m));

	text_rate_line(out, "accuracy", m->accuracy, accuracy_ci);
	text_rate_line(out, "macro-F1", m->macro_f1, macro_ci);
	text_rate_line(out, "micro-F1", m->micro_f1, NULL);
	text_rate_line(out, "Cohen's kappa", m->kappa, NULL);
	text_rate_line(out, "Krippendorff alpha", m->alpha, NULL);
	text_rate_line(out, "top-2 accuracy", m->top2_accuracy, NULL);
	text_rate_line(out, "lenient accuracy", m->lenient_accuracy, NULL);

	fprintf(out, "\n%-16s  %9s  %9s  %9s  %9s  %9s\n", "theme", "precision",
	        "recall", "F1", "support", "predicted");
	for (k = 0; k < labels; k++)
		fprintf(out, "%-16s  %9.4f  %9.4f  %9.4f  %9lu  %9lu\n", slug(cb, k),
		        m->precision[k], m->recall[k], m->f1[k],
		        (unsigned long)m->support[k],
		        (unsigned long)m->predicted_count[k]);

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
	if (report->group_count) {
		fputs("\nby ", out);
		put_plain_text(out, report->by_column);
		fprintf(out, "\n%-16s  %6s  %-28s  %s\n", "value", "n",
		        "macro-F1 [95% CI]", "accuracy [95% CI]");
		for (size_t i = 0; i < report->group_count; i++) {
			const themes_report_group *grp = &report->groups[i];
			fprintf(out, "%-16s  %6lu  %.4f", grp->value,
			        (unsigned long)grp->n, grp->macro_f1);
			if (report->resamples)
				fprintf(out, " [%.4f, %.4f]", grp->macro_f1_ci.low,
				        grp->macro_f1_ci.high);
			else
				fprintf(out, "%18s", "");
			fprintf(out, "     %.4f", grp->accuracy);
			if (report->resamples)
				fprintf(out, " [%.4f, %.4f]", grp->accuracy_ci.low,
				        grp->accuracy_ci.high);
			putc('\n', out);
		}
	}
	return finish(out);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */
/* ------------------------------------------------------------------ */

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
	put_json_string(out, path);
	fputs(", \"hash\": ", out);
	put_json_string(out, hash);
	fputs("},\n", out);
}

int themes_report_json(FILE *out, const themes_report *report)
{
	const themes_codebook *cb = report ? report->codebook : NULL;
	int labels = report && report->metrics ? report->metrics->labels : 0;
	static const struct {
		const char *key;
		size_t offset;
	} rates[] = {
		{"accuracy", offsetof(themes_metrics, accuracy)},
		{"macro_f1", offsetof(themes_metrics, macro_f1)},
		{"micro_f1", offsetof(themes_metrics, micro_f1)},
		{"kappa", offsetof(themes_metrics, kappa)},
		{"alpha", offsetof(themes_metrics, alpha)},
		{"top2_accuracy", offsetof(themes_metrics, top2_accuracy)},
		{"lenient_accuracy", offsetof(themes_metrics, lenient_accuracy)},
	};
	const themes_metrics *m;
	size_t i;
	int g, c, k;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;

	fputs("{\n", out);
	for (i = 0; i < sizeof rates / sizeof rates[0]; i++) {
		fprintf(out, "  \"%s\": ", rates[i].key);
		put_json_number(out, *(const double *)((const char *)m + rates[i].offset));
		fputs(",\n", out);
	}

	fputs("  \"per_theme\": {\n", out);
	for (k = 0; k < labels; k++) {
		fputs("    ", out);
		put_json_string(out, slug(cb, k));
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
		put_json_string(out, column_label(cb, labels, c));
	}
	fputs("],\n", out);

	fputs("  \"ci95\": {\"macro_f1\": ", out);
	json_interval(out, report, &report->macro_f1_ci);
	fputs(", \"accuracy\": ", out);
	json_interval(out, report, &report->accuracy_ci);
	fputs("},\n", out);
	if (report->group_count) {
		fputs("  \"by\": {\"column\": ", out);
		put_json_string(out, report->by_column);
		fputs(", \"groups\": [\n", out);
		for (i = 0; i < report->group_count; i++) {
			const themes_report_group *grp = &report->groups[i];
			fputs("    {\"value\": ", out);
			put_json_string(out, grp->value);
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

	fputs("  \"manifest\": {\n", out);
	fputs("    \"program\": \"themes\",\n", out);
	fputs("    \"version\": ", out);
	put_json_string(out, THEMES_VERSION);
	fputs(",\n    \"mode\": ", out);
	put_json_string(out, report->mode);
	fprintf(out, ",\n    \"folds\": %u,\n", report->folds);
	json_path_and_hash(out, "data", report->data_path, report->data_hash);
	json_path_and_hash(out, "model", report->model_path, report->model_hash);
	fputs("    \"settings\": ", out);
	put_json_string(out, report->settings);
	fprintf(out, ",\n    \"seed\": %lu,\n", (unsigned long)report->seed);
	fprintf(out, "    \"threads\": %d,\n", report->threads);
	fprintf(out, "    \"resamples\": %u\n", report->resamples);
	fputs("  }\n}\n", out);
	return finish(out);
}

/* ------------------------------------------------------------------ */
/* JUnit XML                                                            */
/* ------------------------------------------------------------------ */

int themes_report_junit(FILE *out, const themes_report *report, double f1_floor)
{
	const themes_codebook *cb = report ? report->codebook : NULL;
	int labels = report && report->metrics ? report->metrics->labels : 0;
	const themes_metrics *m;
	int failures = 0, skipped = 0, k;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;
	for (k = 0; k < labels; k++) {
		if (!theme_is_scored(m, k))
			skipped++;
		else if (m->f1[k] < f1_floor)
			failures++;
	}

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"themes\" tests=\"%d\" failures=\"%d\" "
	        "errors=\"0\" skipped=\"%d\">\n", labels, failures, skipped);
	fprintf(out, "  <testsuite name=\"themes-eval\" tests=\"%d\" failures=\"%d\" "
	        "errors=\"0\" skipped=\"%d\">\n", labels, failures, skipped);
	for (k = 0; k < labels; k++) {
		fputs("    <testcase classname=\"themes.eval\" name=\"", out);
		put_xml_text(out, slug(cb, k));
		if (!theme_is_scored(m, k)) {
			/* Nothing to judge: no gold clause and no prediction. */
			fputs("\">\n      <skipped message=\"no gold clauses and no "
			      "predictions\"/>\n    </testcase>\n", out);
		} else if (m->f1[k] < f1_floor) {
			fprintf(out, "\">\n      <failure message=\"F1 %.4f below floor "
			        "%.4f\"/>\n    </testcase>\n", m->f1[k], f1_floor);
		} else {
			fputs("\"/>\n", out);
		}
	}
	fputs("    <system-out>", out);
	if (report->mode) {
		fputs("mode ", out);
		put_xml_text(out, report->mode);
		fputs("&#10;", out);
	}
	if (report->data_path) {
		fputs("data ", out);
		put_xml_text(out, report->data_path);
		fputs("&#10;", out);
	}
	if (report->model_path) {
		fputs("model ", out);
		put_xml_text(out, report->model_path);
		fputs("&#10;", out);
	}
	fprintf(out, "clauses %lu&#10;accuracy %.4f", (unsigned long)m->n,
	        m->accuracy);
	if (report->resamples)
		fprintf(out, " [%.4f, %.4f]", report->accuracy_ci.low,
		        report->accuracy_ci.high);
	fprintf(out, "&#10;macro_f1 %.4f", m->macro_f1);
	if (report->resamples)
		fprintf(out, " [%.4f, %.4f]", report->macro_f1_ci.low,
		        report->macro_f1_ci.high);
	fprintf(out, "&#10;micro_f1 %.4f&#10;kappa %.4f&#10;alpha %.4f"
	        "&#10;top2_accuracy %.4f&#10;lenient_accuracy %.4f&#10;"
	        "f1_floor %.4f</system-out>\n",
	        m->micro_f1, m->kappa, m->alpha, m->top2_accuracy,
	        m->lenient_accuracy, f1_floor);
	fputs("  </testsuite>\n</testsuites>\n", out);
	return finish(out);
}

/* ------------------------------------------------------------------ */
/* Markdown                                                             */
/* ------------------------------------------------------------------ */

static void markdown_rate_row(FILE *out, const char *label, double value,
                              const themes_interval *interval)
{
	fprintf(out, "| %s | %.4f | ", label, value);
	if (interval)
		fprintf(out, "[%.4f, %.4f]", interval->low, interval->high);
	fputs(" |\n", out);
}

static void markdown_item(FILE *out, const char *label, const char *value,
                          const char *detail)
{
	if (!value)
		return;
	fprintf(out, "- %s: ", label);
	put_markdown_text(out, value);
	if (detail) {
		fputs(" (", out);
		put_markdown_text(out, detail);
		putc(')', out);
	}
	putc('\n', out);
}

int themes_report_markdown(FILE *out, const themes_report *report)
{
	const themes_codebook *cb = report ? report->codebook : NULL;
	int labels = report && report->metrics ? report->metrics->labels : 0;
	const themes_metrics *m;
	const themes_interval *macro_ci, *accuracy_ci;
	int g, c, k;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;
	macro_ci = report->resamples ? &report->macro_f1_ci : NULL;
	accuracy_ci = report->resamples ? &report->accuracy_ci : NULL;

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

	fputs("## Summary\n\n| metric | value | 95% CI |\n|---|---:|---|\n", out);
	markdown_rate_row(out, "accuracy", m->accuracy, accuracy_ci);
	markdown_rate_row(out, "macro-F1", m->macro_f1, macro_ci);
	markdown_rate_row(out, "micro-F1", m->micro_f1, NULL);
	markdown_rate_row(out, "Cohen's kappa", m->kappa, NULL);
	markdown_rate_row(out, "Krippendorff's alpha", m->alpha, NULL);
	markdown_rate_row(out, "top-2 accuracy", m->top2_accuracy, NULL);
	markdown_rate_row(out, "lenient accuracy", m->lenient_accuracy, NULL);

	fputs("\n## Per theme\n\n"
	      "| theme | precision | recall | F1 | support | predicted |\n"
	      "|---|---:|---:|---:|---:|---:|\n", out);
	for (k = 0; k < labels; k++) {
		fputs("| ", out);
		put_markdown_text(out, slug(cb, k));
		fprintf(out, " | %.4f | %.4f | %.4f | %lu | %lu |\n", m->precision[k],
		        m->recall[k], m->f1[k], (unsigned long)m->support[k],
		        (unsigned long)m->predicted_count[k]);
	}

	fputs("\n## Confusion\n\nRows are gold themes, columns predicted themes; "
	      "*none* counts abstentions.\n\n| gold / predicted |", out);
	for (c = 0; c < (labels + 1); c++) {
		putc(' ', out);
		put_markdown_text(out, column_label(cb, labels, c));
		fputs(" |", out);
	}
	fputs("\n|---|", out);
	for (c = 0; c < (labels + 1); c++)
		fputs("---:|", out);
	putc('\n', out);
	for (g = 0; g < labels; g++) {
		fputs("| ", out);
		put_markdown_text(out, slug(cb, g));
		fputs(" |", out);
		for (c = 0; c < (labels + 1); c++)
			fprintf(out, " %lu |", (unsigned long)m->confusion[g][c]);
		putc('\n', out);
	}
	if (report->group_count) {
		fputs("\n## By ", out);
		put_markdown_text(out, report->by_column);
		fputs("\n\n| value | n | macro-F1 | 95% CI | accuracy | 95% CI |\n"
		      "|---|---:|---:|---|---:|---|\n", out);
		for (size_t i = 0; i < report->group_count; i++) {
			const themes_report_group *grp = &report->groups[i];
			fputs("| ", out);
			put_markdown_text(out, grp->value);
			fprintf(out, " | %lu | %.4f | ", (unsigned long)grp->n,
			        grp->macro_f1);
			if (report->resamples)
				fprintf(out, "%.4f–%.4f", grp->macro_f1_ci.low,
				        grp->macro_f1_ci.high);
			fprintf(out, " | %.4f | ", grp->accuracy);
			if (report->resamples)
				fprintf(out, "%.4f–%.4f", grp->accuracy_ci.low,
				        grp->accuracy_ci.high);
			fputs(" |\n", out);
		}
	}
	return finish(out);
}

/* ------------------------------------------------------------------ */
/* SVG                                                                  */
/* ------------------------------------------------------------------ */

enum {
	GRID_LEFT = 150,  /* room for the gold labels */
	GRID_TOP = 185,   /* room for the slanted predicted labels */
	CELL_WIDTH = 50,
	CELL_HEIGHT = 40,
	BAR_GAP = 240,    /* from the grid's right edge to the F1 axis */
	BAR_LENGTH = 180, /* the length of F1 = 1 */
	BAR_HEIGHT = 24
};

/* The F1 axis; label names end just left of it. */
static int bar_left(int labels)
{
	return GRID_LEFT + (labels + 1) * CELL_WIDTH + BAR_GAP;
}

/* Shade from white (rate 0) to a dark blue (rate 1). */
static void svg_heat_colour(double rate, int rgb[3])
{
	static const int dark[3] = {8, 81, 156};
	int i;

	if (!(rate > 0))
		rate = 0;
	if (rate > 1)
		rate = 1;
	for (i = 0; i < 3; i++)
		rgb[i] = (int)lround(255 + (dark[i] - 255) * rate);
}

static void svg_label(FILE *out, int x, int y, const char *anchor,
                      const char *text)
{
	fprintf(out, "  <text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
	put_xml_text(out, text);
	fputs("</text>\n", out);
}

static void svg_confusion(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	const themes_codebook *cb = report->codebook;
	int labels = m->labels;
	int g, c;

	fprintf(out, "  <text x=\"%d\" y=\"62\" font-size=\"13\">Confusion: rows "
	        "gold, columns predicted, shade = share of the gold row</text>\n",
	        GRID_LEFT - 130);
	fprintf(out, "  <text x=\"%d\" y=\"84\" text-anchor=\"middle\" "
	        "font-weight=\"bold\">predicted</text>\n",
	        GRID_LEFT + (labels + 1) * CELL_WIDTH / 2);
	fprintf(out, "  <text transform=\"translate(24,%d) rotate(-90)\" "
	        "text-anchor=\"middle\" font-weight=\"bold\">gold</text>\n",
	        GRID_TOP + labels * CELL_HEIGHT / 2);
	for (c = 0; c < (labels + 1); c++) {
		fprintf(out, "  <text transform=\"translate(%d,%d) rotate(-45)\">",
		        GRID_LEFT + c * CELL_WIDTH + CELL_WIDTH / 2 - 4, GRID_TOP - 8);
		put_xml_text(out, column_label(cb, labels, c));
		fputs("</text>\n", out);
	}
	for (g = 0; g < labels; g++) {
		size_t row_total = 0;
		int y = GRID_TOP + g * CELL_HEIGHT;

		for (c = 0; c < (labels + 1); c++)
			row_total += m->confusion[g][c];
		svg_label(out, GRID_LEFT - 8, y + CELL_HEIGHT / 2 + 4, "end", slug(cb, g));
		for (c = 0; c < (labels + 1); c++) {
			double rate = row_total ? (double)m->confusion[g][c] / (double)row_total : 0;
			int x = GRID_LEFT + c * CELL_WIDTH, rgb[3];

			svg_heat_colour(rate, rgb);
			fprintf(out, "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			        "fill=\"#%02x%02x%02x\" stroke=\"#bbbbbb\"/>\n",
			        x, y, CELL_WIDTH, CELL_HEIGHT, rgb[0], rgb[1], rgb[2]);
			fprintf(out, "  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			        "fill=\"%s\">%lu</text>\n", x + CELL_WIDTH / 2,
			        y + CELL_HEIGHT / 2 + 4, rate > 0.5 ? "#ffffff" : "#000000",
			        (unsigned long)m->confusion[g][c]);
		}
	}
}

static void svg_f1_bars(FILE *out, const themes_report *report)
{
	const themes_metrics *m = report->metrics;
	const themes_codebook *cb = report->codebook;
	int labels = m->labels;
	int k;

	fprintf(out, "  <text x=\"%d\" y=\"%d\" font-size=\"13\">F1 per theme</text>\n",
	        bar_left(labels) - 130, GRID_TOP - 20);
	fprintf(out, "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	        "stroke=\"#555555\"/>\n", bar_left(labels), GRID_TOP, bar_left(labels),
	        GRID_TOP + labels * CELL_HEIGHT);
	fprintf(out, "  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	        "stroke=\"#bbbbbb\" stroke-dasharray=\"4 3\"/>\n",
	        bar_left(labels) + BAR_LENGTH, GRID_TOP, bar_left(labels) + BAR_LENGTH,
	        GRID_TOP + labels * CELL_HEIGHT);
	svg_label(out, bar_left(labels) + BAR_LENGTH, GRID_TOP + labels * CELL_HEIGHT + 16,
	          "middle", "1.0");
	svg_label(out, bar_left(labels), GRID_TOP + labels * CELL_HEIGHT + 16,
	          "middle", "0");
	for (k = 0; k < labels; k++) {
		int y = GRID_TOP + k * CELL_HEIGHT;
		double f1 = m->f1[k] > 0 ? (m->f1[k] < 1 ? m->f1[k] : 1) : 0;
		int length = (int)lround(f1 * BAR_LENGTH);

		svg_label(out, bar_left(labels) - 8, y + CELL_HEIGHT / 2 + 4, "end", slug(cb, k));
		fprintf(out, "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		        "fill=\"#4c78a8\"/>\n", bar_left(labels),
		        y + (CELL_HEIGHT - BAR_HEIGHT) / 2, length, BAR_HEIGHT);
		fprintf(out, "  <text x=\"%d\" y=\"%d\">%.4f%s</text>\n",
		        bar_left(labels) + length + 6, y + CELL_HEIGHT / 2 + 4, m->f1[k],
		        theme_is_scored(m, k) ? "" : " (no data)");
	}
}

int themes_report_svg(FILE *out, const themes_report *report)
{
	const themes_metrics *m;
	int labels, width, height;

	if (!report_is_usable(out, report))
		return THEMES_ERR_PARAM;
	m = report->metrics;
	labels = m->labels;
	width = bar_left(labels) + BAR_GAP;
	height = GRID_TOP + labels * CELL_HEIGHT + 35;

	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	        "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	        "font-size=\"11\">\n", width, height, width, height);
	fputs("  <title>themes evaluation</title>\n", out);
	fprintf(out, "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	        "fill=\"#ffffff\"/>\n", width, height);
	fprintf(out, "  <text x=\"20\" y=\"30\" font-size=\"16\" font-weight=\"bold\">"
	        "themes evaluation: accuracy %.4f, macro-F1 %.4f, n = %lu</text>\n",
	        m->accuracy, m->macro_f1, (unsigned long)m->n);
	svg_confusion(out, report);
	svg_f1_bars(out, report);
	fputs("</svg>\n", out);
	return finish(out);
}

/* ------------------------------------------------------------------ */
/* Error CSV                                                            */
/* ------------------------------------------------------------------ */

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
			put_csv_field(out, ids[e->index]);
		else
			fprintf(out, "%lu", (unsigned long)(e->index + 1));
		putc(',', out);
		put_csv_field(out, texts ? texts[e->index] : NULL);
		fprintf(out, ",%s,%s,%.4f\n", slug(cb, e->gold), slug(cb, e->predicted),
		        e->confidence);
	}
	free(errors);
	return finish(out);
}
