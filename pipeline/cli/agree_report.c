/*
 * agree_report.c - the reports of `themes agree`: a text table (stdout),
 * Markdown tables and JSON with the same content, and the disagreements CSV.
 */
#include "agree.h"

#include <math.h>
#include <string.h>

static const char *coder_list(const agree_data *d, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int j = 0; j < d->coders && used < size; j++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         j ? ", " : "", d->coder_names[j]);
	return out;
}

/* A statistic, or "n/a" (text, Markdown) / null (JSON) when undefined. */
static void number(FILE *out, double value, bool json)
{
	if (isnan(value))
		fputs(json ? "null" : "n/a", out);
	else
		fprintf(out, "%.4f", value);
}

/* Text and Markdown differ only in their cell separators. */
typedef struct layout {
	bool markdown;
	const char *row_start, *separator, *row_end;
} layout;

static void cell(FILE *out, const layout *l, int width, const char *text)
{
	if (l->markdown)
		themes_write_markdown_text(out, text);
	else
		fprintf(out, "%-*s", width, text);
}

static void summary(FILE *out, const agree_data *d, const layout *l)
{
	const themes_agreement *a = &d->agreement;
	static const char *const names[] = {"raw agreement", "Cohen's kappa",
		"Fleiss' kappa", "Krippendorff's alpha"};
	double values[] = {a->raw, a->cohen_kappa, a->fleiss_kappa, a->alpha};
	if (l->markdown)
		fputs("| statistic | value |\n|---|---|\n", out);
	for (int i = 0; i < 4; i++) {
		fputs(l->row_start, out);
		cell(out, l, 22, names[i]);
		fputs(l->separator, out);
		number(out, values[i], false);
		if (i == 3 && d->resamples > 0) {
			fputs("  95% CI [", out);
			number(out, a->alpha_ci.low, false);
			fputs(", ", out);
			number(out, a->alpha_ci.high, false);
			fprintf(out, "] (%u resamples of clauses)", d->resamples);
		}
		fputs(l->row_end, out);
	}
}

static void per_label(FILE *out, const agree_data *d, const layout *l)
{
	fputs(l->markdown ? "\n| label | agreement | values |\n|---|---|---|\n" :
	      "\n  label                  agreement  values\n", out);
	for (int k = 0; k < d->agreement.labels; k++) {
		fputs(l->row_start, out);
		cell(out, l, 22, themes_codebook_label(d->codebook, k));
		fputs(l->separator, out);
		number(out, d->agreement.label_agreement[k], false);
		fprintf(out, "%s%s%zu%s", l->markdown ? "" : "     ", l->separator,
		        d->agreement.label_values[k], l->row_end);
	}
}

static void confusion(FILE *out, const agree_data *d, const layout *l,
                      int a, int b, const size_t *matrix)
{
	int labels = d->agreement.labels;
	fprintf(out, "\n%s%s (rows) by %s (columns)%s\n", l->markdown ? "**" : "",
	        d->coder_names[a], d->coder_names[b], l->markdown ? "**" : "");
	fputs(l->row_start, out);
	cell(out, l, 18, "");
	for (int k = 0; k < labels; k++) {
		fputs(l->separator, out);
		cell(out, l, 8, themes_codebook_label(d->codebook, k));
	}
	fputs(l->row_end, out);
	if (l->markdown) {
		fputs("|---", out);
		for (int k = 0; k < labels; k++)
			fputs("|---", out);
		fputs("|\n", out);
	}
	for (int x = 0; x < labels; x++) {
		fputs(l->row_start, out);
		cell(out, l, 18, themes_codebook_label(d->codebook, x));
		for (int y = 0; y < labels; y++)
			fprintf(out, "%s%-8zu", l->separator,
			        matrix[(size_t)x * (size_t)labels + (size_t)y]);
		fputs(l->row_end, out);
	}
}

static int tables(FILE *out, const agree_data *d, const layout *l)
{
	char names[1024];
	fprintf(out, "%s%d coders (%s), %zu clauses with two or more labels "
	        "(%zu values)\n\n", l->markdown ? "# Coder agreement\n\n" : "",
	        d->coders, coder_list(d, names, sizeof names), d->agreement.units,
	        d->agreement.values);
	summary(out, d, l);
	per_label(out, d, l);
	size_t square = (size_t)d->agreement.labels * (size_t)d->agreement.labels;
	size_t p = 0;
	for (int a = 0; a < d->coders; a++)
		for (int b = a + 1; b < d->coders; b++)
			confusion(out, d, l, a, b, d->confusion + square * p++);
	return ferror(out) ? THEMES_ERR_IO : THEMES_OK;
}

int agree_report_text(FILE *out, const agree_data *d)
{
	static const layout text = {false, "  ", " ", "\n"};
	return tables(out, d, &text);
}

int agree_report_markdown(FILE *out, const agree_data *d)
{
	static const layout markdown = {true, "| ", " | ", " |\n"};
	return tables(out, d, &markdown);
}

static void json_key(FILE *out, const char *key, double value, bool comma)
{
	fprintf(out, "  \"%s\": ", key);
	number(out, value, true);
	fputs(comma ? ",\n" : "\n", out);
}

static void json_confusion(FILE *out, const agree_data *d)
{
	int labels = d->agreement.labels;
	size_t p = 0, square = (size_t)labels * (size_t)labels;
	fputs("  \"confusion\": [", out);
	for (int a = 0; a < d->coders; a++)
		for (int b = a + 1; b < d->coders; b++, p++) {
			fprintf(out, "%s\n    {\"rows\": ", p ? "," : "");
			themes_write_json_string(out, d->coder_names[a], 0);
			fputs(", \"columns\": ", out);
			themes_write_json_string(out, d->coder_names[b], 0);
			fputs(", \"matrix\": [", out);
			for (int x = 0; x < labels; x++) {
				fputs(x ? ", [" : "[", out);
				for (int y = 0; y < labels; y++)
					fprintf(out, "%s%zu", y ? ", " : "",
					        d->confusion[square * p + (size_t)x *
					                     (size_t)labels + (size_t)y]);
				fputs("]", out);
			}
			fputs("]}", out);
		}
	fputs("\n  ],\n", out);
}

int agree_report_json(FILE *out, const agree_data *d)
{
	const themes_agreement *a = &d->agreement;
	fputs("{\n  \"coders\": [", out);
	for (int j = 0; j < d->coders; j++) {
		fputs(j ? ", " : "", out);
		themes_write_json_string(out, d->coder_names[j], 0);
	}
	fprintf(out, "],\n  \"units\": %zu,\n  \"values\": %zu,\n", a->units,
	        a->values);
	json_key(out, "raw", a->raw, true);
	json_key(out, "cohen_kappa", a->cohen_kappa, true);
	json_key(out, "fleiss_kappa", a->fleiss_kappa, true);
	json_key(out, "alpha", a->alpha, true);
	fputs("  \"alpha_ci95\": [", out);
	number(out, a->alpha_ci.low, true);
	fputs(", ", out);
	number(out, a->alpha_ci.high, true);
	fputs("],\n  \"per_label\": {", out);
	for (int k = 0; k < a->labels; k++) {
		fputs(k ? ",\n    " : "\n    ", out);
		themes_write_json_string(out, themes_codebook_label(d->codebook, k),
		                         0);
		fputs(": {\"agreement\": ", out);
		number(out, a->label_agreement[k], true);
		fprintf(out, ", \"values\": %zu}", a->label_values[k]);
	}
	fputs("\n  },\n", out);
	json_confusion(out, d);
	fprintf(out, "  \"manifest\": {\"resamples\": %u, \"seed\": %u}\n}\n",
	        d->resamples, (unsigned)d->seed);
	return ferror(out) ? THEMES_ERR_IO : THEMES_OK;
}

/* id,text,<one column per coder>: the clauses with two different labels. */
int agree_report_disagreements(FILE *out, const agree_data *d)
{
	size_t coders = (size_t)d->coders;
	fputs("id,text", out);
	for (size_t j = 0; j < coders; j++) {
		fputc(',', out);
		themes_write_csv_field(out, d->coder_names[j]);
	}
	fputc('\n', out);
	for (size_t u = 0; u < d->units; u++) {
		const int *row = d->values + u * coders;
		int first = -1;
		bool differ = false;
		for (size_t j = 0; j < coders; j++)
			if (row[j] >= 0 && first >= 0 && row[j] != first)
				differ = true;
			else if (row[j] >= 0)
				first = row[j];
		if (!differ)
			continue;
		themes_write_csv_field(out, d->ids[u]);
		fputc(',', out);
		themes_write_csv_field(out, d->texts[u]);
		for (size_t j = 0; j < coders; j++)
			fprintf(out, ",%s", row[j] < 0 ? "" :
			        themes_codebook_label(d->codebook, row[j]));
		fputc('\n', out);
	}
	return ferror(out) ? THEMES_ERR_IO : THEMES_OK;
}
