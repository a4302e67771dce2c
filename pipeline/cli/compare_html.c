/*
 * compare_html.c - the --format html page of `themes compare`: one file
 * with inline CSS and SVG (no scripts, nothing fetched): a small multiple
 * per theme of its share across the statements with 95% intervals, the
 * changes table, and each statement's new clauses under their themes, in
 * the colours of the statement report (html_label_colour).
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "compare.h"

#include <string.h>

#define PANEL_W 240
#define PANEL_H 170
#define PLOT_L 36
#define PLOT_R 12
#define PLOT_T 12
#define PLOT_B 36

static double panel_x(int i, int n)
{
	double width = PANEL_W - PLOT_L - PLOT_R;
	return PLOT_L + (n > 1 ? width * i / (n - 1) : width / 2);
}

static double panel_y(double share, double top)
{
	return PLOT_T + (PANEL_H - PLOT_T - PLOT_B) * (1 - share / top);
}

/* The y range of the panels: the highest interval end, in tenths. */
static double panel_top(const comparison *c)
{
	double top = 0.1;
	for (int i = 0; i < c->count; i++)
		for (int k = 0; k < themes_codebook_count(c->codebook); k++)
			while (c->statements[i].profile.share_ci[k].high > top && top < 1)
				top += 0.1;
	return top > 1 ? 1 : top;
}

static void write_panel(FILE *out, const comparison *c, int k, double top)
{
	const char *colour = html_label_colour(k);
	fprintf(out, "<figure class=\"panel\"><figcaption style=\"color:%s\">",
	        colour);
	themes_write_html_text(out, themes_codebook_label(c->codebook, k));
	fprintf(out, "</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" "
	        "width=\"%d\" height=\"%d\" role=\"img\">", PANEL_W, PANEL_H);
	for (int t = 0; t <= 2; t++) {
		double y = panel_y(top * t / 2, top);
		fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		        "stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
		        "text-anchor=\"end\">%.0f%%</text>", PLOT_L, PANEL_W - PLOT_R,
		        y, y, PLOT_L - 4, y + 3, 100 * top * t / 2);
	}
	fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" points=\"", colour);
	for (int i = 0; i < c->count; i++)
		fprintf(out, "%.1f,%.1f ", panel_x(i, c->count),
		        panel_y(c->statements[i].profile.share[k], top));
	fputs("\"/>", out);
	for (int i = 0; i < c->count; i++) {
		const themes_profile *p = &c->statements[i].profile;
		double x = panel_x(i, c->count);
		fprintf(out, "<line class=\"ci\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
		        "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\" "
		        "stroke-opacity=\".45\"/><circle cx=\"%.1f\" cy=\"%.1f\" "
		        "r=\"4\" fill=\"%s\"><title>", x, x,
		        panel_y(p->share_ci[k].low, top), panel_y(p->share_ci[k].high, top),
		        colour, x, panel_y(p->share[k], top), colour);
		themes_write_html_text(out, c->statements[i].name);
		fprintf(out, ": %.1f%% (%.1f-%.1f%%)</title></circle>", 100 * p->share[k],
		        100 * p->share_ci[k].low, 100 * p->share_ci[k].high);
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
		        "text-anchor=\"middle\">%d</text>", x, PANEL_H - PLOT_B + 14, i + 1);
	}
	fputs("</svg></figure>\n", out);
}

static void write_changes(FILE *out, const comparison *c)
{
	fputs("<h2>Changes</h2>\n<table><tr><th>theme</th>", out);
	for (int j = 0; j < c->change_count; j++)
		fprintf(out, "<th>%d &rarr; %d</th>", c->changes[j].from + 1,
		        c->changes[j].to + 1);
	fputs("</tr>\n", out);
	for (int k = 0; k < themes_codebook_count(c->codebook); k++) {
		fprintf(out, "<tr><th style=\"color:%s\">", html_label_colour(k));
		themes_write_html_text(out, themes_codebook_label(c->codebook, k));
		fputs("</th>", out);
		for (int j = 0; j < c->change_count; j++) {
			const compare_change *ch = &c->changes[j];
			bool marked = change_marked(ch, k);
			fprintf(out, "<td%s>%+.1f [%+.1f, %+.1f]%s</td>",
			        marked ? " class=\"marked\"" : "", 100 * ch->difference[k],
			        100 * ch->ci[k].low, 100 * ch->ci[k].high, marked ? " *" : "");
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n<p class=\"note\">Points of share; bootstrap 95% "
	      "intervals; * the interval excludes 0.</p>\n", out);
}

static void write_new(FILE *out, const comparison *c, int i)
{
	const compare_statement *s = &c->statements[i];
	fprintf(out, "<section class=\"statement\"><h2>%d. ", i + 1);
	themes_write_html_text(out, s->name);
	fprintf(out, "</h2><p class=\"note\">%zu clauses", s->count);
	if (i == 0) {
		fputs("; the first statement.</p></section>\n", out);
		return;
	}
	if (!s->new_compared) {
		fprintf(out, "; not compared clause by clause with statement %d: "
		        "it is ", i);
		themes_write_html_text(out, c->statements[i - 1].language);
		fputs(" and this one ", out);
		themes_write_html_text(out, s->language);
		fputs(", and a clause has near-duplicates only in its own "
		      "language.</p></section>\n", out);
		return;
	}
	fputs("; new since the previous statement:</p>\n", out);
	for (int k = -1; k < themes_codebook_count(c->codebook); k++)
		for (size_t j = 0; j < s->count; j++) {
			bool uncertain = themes_profile_uncertain(&s->predictions[j],
			                                          c->min_confidence);
			if (!s->clauses[j].is_new || (uncertain ? -1 : s->predictions[j].theme) != k)
				continue;
			fprintf(out, "<p class=\"new\" style=\"border-color:%s\">"
			        "<span class=\"theme\">", k < 0 ? "#999" : html_label_colour(k));
			themes_write_html_text(out, k < 0 ? "uncertain"
			                       : themes_codebook_label(c->codebook, k));
			fputs("</span> ", out);
			themes_write_html_text(out, s->clauses[j].text);
			fputs("</p>\n", out);
		}
	fputs("</section>\n", out);
}

void compare_write_html(FILE *out, const comparison *c)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<title>themes compare</title>\n<style>\n"
	      "body{font-family:sans-serif;color:#1a1a1a;max-width:70em;"
	      "margin:1em auto;padding:0 1em}\n"
	      ".panels{display:flex;flex-wrap:wrap;gap:.5em}\n"
	      ".panel{margin:0}.panel figcaption{font-weight:bold}\n"
	      "table{border-collapse:collapse}td,th{padding:.2em .6em;"
	      "border-bottom:1px solid #ddd;text-align:left}\n"
	      ".marked{font-weight:bold}.note{color:#555;font-size:.9em}\n"
	      ".new{border-left:4px solid;padding-left:.5em}\n"
	      ".theme{font-size:.8em;color:#555;margin-right:.4em}\n"
	      "</style></head><body>\n<h1>Theme shares across statements</h1>\n"
	      "<ol class=\"statements\">", out);
	for (int i = 0; i < c->count; i++) {
		const compare_statement *s = &c->statements[i];
		fputs("<li>", out);
		themes_write_html_text(out, s->name);
		fputs(" <span class=\"note\">(", out);
		themes_write_html_text(out, compare_model_name(s));
		fputs("; ", out);
		themes_write_html_text(out, s->language);
		fputs(")</span></li>", out);
	}
	fputs("</ol>\n<div class=\"panels\">\n", out);
	double top = panel_top(c);
	for (int k = 0; k < themes_codebook_count(c->codebook); k++)
		write_panel(out, c, k, top);
	fputs("</div>\n", out);
	write_changes(out, c);
	for (int i = 0; i < c->count; i++)
		write_new(out, c, i);
	fputs("</body></html>\n", out);
}
