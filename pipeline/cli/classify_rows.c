/*
 * classify_rows.c - the clause rows of `themes classify`, as CSV or JSONL:
 * id, (section and text for statements), theme, confidence, one score per
 * label, then the --multi and --explain columns when asked for.
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "classify.h"

#include <string.h>

/* One row's fields, worked out once for either format. */
typedef struct row {
	const char *id;
	const char *section; /* statements only, else NULL */
	const char *text;    /* statements only, else NULL */
	const themes_prediction *prediction;
	const char *theme;
	const char *multi;   /* the themes column */
	const char *explanation;
	const char *runner_up;
} row;

static bool is_uncertain(const themes_prediction *p, const row_options *opt)
{
	return opt->min_confidence >= 0 && p->confidence < opt->min_confidence;
}

/* The theme written for a clause: its slug, "uncertain" below
 * --min-confidence, or "" when the model knows none of its words. */
static const char *theme_label(const themes_prediction *p,
                               const row_options *opt)
{
	if (is_uncertain(p, opt))
		return "uncertain";
	return p->theme >= 0 ? themes_codebook_label(opt->codebook, p->theme) : "";
}

/* The second-highest score's label (ties to the earlier label), or -1. */
static int runner_up(const themes_prediction *p, int labels)
{
	int second = -1;
	if (p->theme < 0)
		return -1;
	for (int k = 0; k < labels; k++)
		if (k != p->theme && (second < 0 || p->scores[k] > p->scores[second]))
			second = k;
	return second;
}

/* --multi: every theme scoring at least threshold, highest first (the
 * primary theme leads), joined by ';'. */
static void multi_themes(const themes_prediction *p, double threshold,
                         const themes_codebook *cb, char *buf, size_t size)
{
	int order[THEMES_MAX_LABELS], n = 0;
	size_t at = 0;
	buf[0] = '\0';
	if (p->theme < 0)
		return;
	for (int k = 0; k < themes_codebook_count(cb); k++) {
		if (p->scores[k] < threshold && k != p->theme)
			continue;
		int j = n++;
		while (j > 0 && p->scores[order[j - 1]] < p->scores[k]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
	/* the primary theme leads even when another scores the same */
	for (int j = 0; j < n; j++)
		if (order[j] == p->theme) {
			memmove(order + 1, order, (size_t)j * sizeof order[0]);
			order[0] = p->theme;
			break;
		}
	for (int j = 0; j < n && at < size; j++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", j ? ";" : "",
		                       themes_codebook_label(cb, order[j]));
}

void write_header(FILE *out, bool statement, const row_options *opt)
{
	if (opt->format != OUTPUT_CSV)
		return;
	fputs(statement ? "id,section,text,theme,confidence" :
	      "id,theme,confidence", out);
	for (int k = 0; k < themes_codebook_count(opt->codebook); k++) {
		fputc(',', out);
		themes_write_csv_field(out, themes_codebook_label(opt->codebook, k));
	}
	if (opt->multi >= 0)
		fputs(",themes", out);
	if (opt->explain > 0)
		fputs(",explanation,runner_up", out);
	fputc('\n', out);
}

/* The CSV rows of a batch gather here and go out a buffer at a time: a
 * stdio call per field cost more than classifying a short clause. */
typedef struct row_buffer {
	FILE *out;
	size_t used;
	char data[16384];
} row_buffer;

static void put_flush(row_buffer *b)
{
	fwrite(b->data, 1, b->used, b->out);
	b->used = 0;
}

static void put_bytes(row_buffer *b, const char *s, size_t n)
{
	if (b->used + n > sizeof b->data) {
		put_flush(b);
		if (n > sizeof b->data) {
			fwrite(s, 1, n, b->out);
			return;
		}
	}
	memcpy(b->data + b->used, s, n);
	b->used += n;
}

/* ",s", s written as it is (labels and --multi lists). */
static void put_text(row_buffer *b, const char *s)
{
	put_bytes(b, ",", 1);
	put_bytes(b, s, strlen(s));
}

/* s as a CSV field, after a comma unless first. */
static void put_field(row_buffer *b, const char *s, bool first)
{
	if (!first)
		put_bytes(b, ",", 1);
	if (!s || !strpbrk(s, ",\"\r\n")) {
		put_bytes(b, s ? s : "", s ? strlen(s) : 0);
		return;
	}
	put_flush(b);
	themes_write_csv_field(b->out, s);
}

/* ",value" with value as "%.4f". */
static void put_fixed4(row_buffer *b, double value)
{
	if (b->used + 9 > sizeof b->data)
		put_flush(b);
	b->data[b->used++] = ',';
	size_t n = format_fixed4(b->data + b->used, value);
	b->used += n;
	if (!n) {
		put_flush(b);
		fprintf(b->out, "%.4f", value);
	}
}

static void write_csv_row(row_buffer *b, const row *r, const row_options *opt)
{
	const themes_prediction *p = r->prediction;
	put_field(b, r->id, true);
	if (r->section) {
		put_field(b, r->section, false);
		put_field(b, r->text, false);
	}
	put_text(b, r->theme);
	put_fixed4(b, p->confidence);
	for (int k = 0; k < themes_codebook_count(opt->codebook); k++)
		put_fixed4(b, p->scores[k]);
	if (opt->multi >= 0)
		put_text(b, r->multi);
	if (opt->explain > 0) {
		put_field(b, r->explanation, false);
		put_text(b, r->runner_up);
	}
	put_bytes(b, "\n", 1);
}

/* ","name":s", s escaped as a JSON string. */
static void json_text(FILE *out, const char *name, const char *s)
{
	fprintf(out, ",\"%s\":", name);
	themes_write_json_string(out, s, THEMES_JSON_SHORT);
}

static void write_json_row(FILE *out, const row *r, const row_options *opt)
{
	const themes_prediction *p = r->prediction;
	fputs("{\"id\":", out);
	themes_write_json_string(out, r->id, THEMES_JSON_SHORT);
	if (r->section) {
		json_text(out, "section", r->section);
		json_text(out, "text", r->text);
	}
	fprintf(out, ",\"theme\":\"%s\",\"confidence\":", r->theme);
	write_fixed4(out, p->confidence);
	for (int k = 0; k < themes_codebook_count(opt->codebook); k++) {
		fputc(',', out);
		themes_write_json_string(out, themes_codebook_label(opt->codebook, k),
		                         THEMES_JSON_SHORT);
		fputc(':', out);
		write_fixed4(out, p->scores[k]);
	}
	if (opt->multi >= 0)
		fprintf(out, ",\"themes\":\"%s\"", r->multi);
	if (opt->explain > 0) {
		json_text(out, "explanation", r->explanation);
		fprintf(out, ",\"runner_up\":\"%s\"", r->runner_up);
	}
	fputs("}\n", out);
}

void write_rows(FILE *out, const batch *b, const row_options *opt,
                bool statement)
{
	int labels = themes_codebook_count(opt->codebook);
	row_buffer csv;
	csv.out = out;
	csv.used = 0;
	for (size_t i = 0; i < b->count; i++) {
		const themes_prediction *p = &b->results[i];
		char multi[THEMES_MAX_LABELS * (THEMES_MAX_SLUG + 1) + 1];
		int second = opt->explain > 0 ? runner_up(p, labels) : -1;
		row r = {
			b->ids.data + b->id_at[i],
			statement ? b->sections.data + b->section_at[i] : NULL,
			statement ? b->texts.data + b->text_at[i] : NULL,
			p, theme_label(p, opt), multi,
			b->explanations[i] ? b->explanations[i] : "",
			second >= 0 ? themes_codebook_label(opt->codebook, second) : ""
		};
		if (opt->multi >= 0)
			multi_themes(p, opt->multi, opt->codebook, multi, sizeof multi);
		if (opt->format == OUTPUT_CSV)
			write_csv_row(&csv, &r, opt);
		else
			write_json_row(out, &r, opt);
	}
	put_flush(&csv);
}
