/*
 * report_svg.c - metrics as a standalone SVG: the confusion matrix as a
 * heat map and per-theme F1 bars.
 */
#include "report_common.h"

#include <math.h>

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
	themes_write_xml_text(out, text);
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
		themes_write_xml_text(out, column_label(cb, labels, c));
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
