/*
 * report_html.c - the --html page of `themes classify --statement`: for each
 * statement, its theme profile as bars with bootstrap whiskers and adjusted
 * shares, then its clauses under their section headings, coloured by theme.
 *
 * The page must open anywhere, offline and years later, so it is one file:
 * inline CSS and SVG, no scripts, no fonts or images fetched.  Hovering a
 * clause shows its theme, confidence and explanation through the title
 * attribute, which every browser supports without scripts.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Colours by label order: Okabe and Ito's colour-blind-safe hues first,
 * then six more that stay distinct from them, so up to 12 labels each get
 * their own colour (more labels reuse them in order). */
static const char *const palette[] = {
	"#0072b2", "#8c564b", "#d55e00", "#cc2936", "#009e73", "#7b3294",
	"#e69f00", "#56b4e9", "#e377c2", "#17becf", "#8c8c00", "#393b79"
};
#define PALETTE_SIZE (int)(sizeof palette / sizeof palette[0])

static const char *label_colour(int k)
{
	return palette[k % PALETTE_SIZE];
}

/* A light tint of label k's colour for clause backgrounds (80% white, so
 * the text stays readable). */
static void label_tint(int k, char out[8])
{
	unsigned rgb[3];
	sscanf(label_colour(k) + 1, "%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]);
	snprintf(out, 8, "#%02x%02x%02x", 255 - (255 - rgb[0]) / 5,
	         255 - (255 - rgb[1]) / 5, 255 - (255 - rgb[2]) / 5);
}

/* The page's codebook, set by html_report_begin. */
static const themes_codebook *page_codebook;

static const char *label_name(int k)
{
	return themes_codebook_label(page_codebook, k);
}

void html_report_begin(FILE *out, const themes_codebook *codebook,
                       const char *model_path, double min_confidence)
{
	page_codebook = codebook;
	int labels = themes_codebook_count(codebook);
	const char *model_name = strrchr(model_path, '/');
	model_name = model_name ? model_name + 1 : model_path;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>themes: statement profiles</title>\n<style>\n"
	      "body{font-family:sans-serif;color:#1a1a1a;background:#fff;"
	      "max-width:60em;margin:1.5em auto;padding:0 1em;line-height:1.45}\n"
	      "h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #ccc;"
	      "margin-top:2em}h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
	      ".note{color:#555;font-size:.9em}\n"
	      ".legend>span{display:inline-block;margin:0 .8em .3em 0}\n"
	      ".sw{display:inline-block;width:.9em;height:.9em;"
	      "vertical-align:-.1em;margin-right:.3em;border-radius:2px}\n"
	      ".profile{margin:.5em 0}\n"
	      ".evidence{font-size:.9em;color:#333}\n"
	      ".clause{margin:.25em 0;padding:.2em .5em;border-left:.4em solid;"
	      "border-radius:2px}\n"
	      ".clause:hover{outline:1px solid #333}\n"
	      ".clause .n{color:#555;font-size:.8em;margin-right:.5em}\n"
	      ".uncertain{background:#f0f0f0;border-left-style:dashed;"
	      "border-left-color:#999}\n", out);
	for (int k = 0; k < labels; k++) {
		char tint[8];
		label_tint(k, tint);
		fprintf(out, ".t%d{background:%s;border-left-color:%s}\n", k, tint,
		        label_colour(k));
	}
	fputs("</style>\n</head>\n<body>\n<h1>Theme profiles</h1>\n"
	      "<p class=\"note\">Model: ", out);
	themes_write_html_text(out, model_name);
	fputs(".  Shares count the clauses given each theme, over the clauses "
	      "the model could place", out);
	if (min_confidence > 0)
		fprintf(out, " with confidence at least %.4g", min_confidence);
	fputs("; whiskers are 95% bootstrap intervals over the clauses.  "
	      "Black ticks, where shown, are the shares adjusted for the model's "
	      "held-out confusions (adjusted classify-and-count, Forman 2008).  "
	      "Hover over a clause for its theme, confidence and the terms that "
	      "chose it.</p>\n<p class=\"legend\">", out);
	for (int k = 0; k < labels; k++) {
		fprintf(out, "<span><span class=\"sw\" style=\"background:%s\">"
		        "</span>", label_colour(k));
		themes_write_html_text(out, label_name(k));
		fputs("</span>", out);
	}
	fputs("<span><span class=\"sw\" style=\"background:#999\"></span>"
	      "uncertain</span></p>\n", out);
}

#define BAR_LEFT 150
#define BAR_WIDTH 400
#define ROW_HEIGHT 26

static double bar_x(double share)
{
	return BAR_LEFT + BAR_WIDTH * (share < 0 ? 0 : share > 1 ? 1 : share);
}

static void write_profile_svg(FILE *out, const html_statement *s)
{
	const themes_profile *p = s->profile;
	int labels = p->labels;
	int height = ROW_HEIGHT * labels + 24;

	fprintf(out, "<svg class=\"profile\" "
	        "width=\"760\" height=\"%d\" viewBox=\"0 0 760 %d\" role=\"img\">\n",
	        height, height);
	for (int tick = 0; tick <= 4; tick++) {
		double x = bar_x(tick / 4.0);
		fprintf(out, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" "
		        "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
		        "text-anchor=\"middle\" fill=\"#555\">%d%%</text>\n",
		        x, x, ROW_HEIGHT * labels, x, height - 6, tick * 25);
	}
	for (int k = 0; k < labels; k++) {
		int y = k * ROW_HEIGHT;
		double low = bar_x(p->share_ci[k].low), high = bar_x(p->share_ci[k].high);
		double mid = y + ROW_HEIGHT / 2.0;

		fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" "
		        "text-anchor=\"end\" fill=\"#1a1a1a\">", BAR_LEFT - 8, mid + 4);
		themes_write_html_text(out, label_name(k));
		fprintf(out, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		        "height=\"%d\" fill=\"%s\"><title>",
		        BAR_LEFT, y + 5, bar_x(p->share[k]) - BAR_LEFT, ROW_HEIGHT - 10,
		        label_colour(k));
		themes_write_html_text(out, label_name(k));
		fprintf(out, ": %zu clauses, %.1f%% (95%% interval "
		        "%.1f-%.1f%%), mean confidence %.3f</title></rect>\n",
		        p->count[k],
		        100 * p->share[k], 100 * p->share_ci[k].low,
		        100 * p->share_ci[k].high, p->mean_confidence[k]);
		fprintf(out, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" "
		        "stroke=\"#333\" stroke-width=\"1.5\" fill=\"none\"/>\n",
		        low, mid, high, low, mid - 5, mid + 5, high, mid - 5, mid + 5);
		if (s->adjusted) {
			double a = bar_x(s->adjusted[k]);
			fprintf(out, "<path d=\"M%.1f %dV%d\" stroke=\"#000\" "
			        "stroke-width=\"3\"><title>adjusted: %.1f%%</title></path>\n",
			        a, y + 2, y + ROW_HEIGHT - 2, 100 * s->adjusted[k]);
		}
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"#1a1a1a\">"
		        "%.0f%% (%.0f-%.0f)", BAR_LEFT + BAR_WIDTH + 10, mid + 4,
		        100 * p->share[k], 100 * p->share_ci[k].low,
		        100 * p->share_ci[k].high);
		if (s->adjusted)
			fprintf(out, " adj. %.0f%%", 100 * s->adjusted[k]);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);
}

/* The tooltip: theme, confidence, runner-up and explanation. */
static void write_clause_title(FILE *out, const html_clause *c)
{
	const themes_prediction *p = &c->prediction;

	if (p->theme < 0) {
		fputs("no word known to the model", out);
		return;
	}
	int second = -1;
	for (int k = 0; k < themes_codebook_count(page_codebook); k++)
		if (k != p->theme && (second < 0 || p->scores[k] > p->scores[second]))
			second = k;
	fputs(c->uncertain ? "uncertain; most likely " : "", out);
	themes_write_html_text(out, label_name(p->theme));
	fprintf(out, ", confidence %.3f&#10;runner-up: ", p->confidence);
	themes_write_html_text(out, label_name(second));
	fprintf(out, " (%.3f)", second >= 0 ? p->scores[second] : 0.0);
	if (c->explanation && c->explanation[0]) {
		fputs("&#10;terms: ", out);
		themes_write_html_text(out, c->explanation);
	}
}

void html_report_statement(FILE *out, const html_statement *s, int index)
{
	const themes_profile *p = s->profile;

	fprintf(out, "<section id=\"s%d\">\n<h2>", index);
	themes_write_html_text(out, s->name);
	fprintf(out, "</h2>\n<p class=\"note\">%zu clauses, %zu uncertain.</p>\n",
	        p->clauses, p->uncertain);
	write_profile_svg(out, s);
	fputs("<p class=\"evidence\">Most confident clauses: ", out);
	bool any = false;
	for (int k = 0; k < p->labels; k++) {
		if (p->evidence_count[k] == 0)
			continue;
		fputs(any ? "; <b>" : "<b>", out);
		themes_write_html_text(out, label_name(k));
		fputs("</b>", out);
		for (int e = 0; e < p->evidence_count[k]; e++)
			fprintf(out, " <a href=\"#s%d-c%zu\">%zu</a>", index,
			        p->evidence[k][e] + 1, p->evidence[k][e] + 1);
		any = true;
	}
	fputs(any ? ".</p>\n" : "none.</p>\n", out);

	const char *section = NULL;
	for (size_t i = 0; i < s->count; i++) {
		const html_clause *c = &s->clauses[i];
		if (!section || strcmp(section, c->section) != 0) {
			section = c->section;
			if (section[0]) {
				fputs("<h3>", out);
				themes_write_html_text(out, section);
				fputs("</h3>\n", out);
			}
		}
		bool placed = c->prediction.theme >= 0 && !c->uncertain;
		if (placed)
			fprintf(out, "<p id=\"s%d-c%zu\" class=\"clause t%d\" title=\"",
			        index, i + 1, c->prediction.theme);
		else
			fprintf(out, "<p id=\"s%d-c%zu\" class=\"clause uncertain\" "
			        "title=\"", index, i + 1);
		write_clause_title(out, c);
		fprintf(out, "\"><span class=\"n\">%zu</span>", i + 1);
		themes_write_html_text(out, c->text);
		fputs("</p>\n", out);
	}
	fputs("</section>\n", out);
}

void html_report_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

const char *html_label_colour(int k)
{
	return label_colour(k);
}
