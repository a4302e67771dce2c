/*
 * report_junit.c - metrics as JUnit XML for CI: one test case per theme,
 * failing when its F1 is below a floor, and the summary as system-out.
 */
#include "report_common.h"

/* "name value" and a line break in <system-out>, when value is set. */
static void system_out_line(FILE *out, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(out, "%s ", name);
	themes_write_xml_text(out, value);
	fputs("&#10;", out);
}

int themes_report_junit(FILE *out, const themes_report *report, double f1_floor)
{
	const themes_codebook *cb = report ? report->codebook : NULL;
	int labels = report && report->metrics ? report->metrics->labels : 0;
	const themes_metrics *m;
	report_rate rates[REPORT_RATES];
	int failures = 0, skipped = 0, i, k;

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
		themes_write_xml_text(out, slug(cb, k));
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
	system_out_line(out, "mode", report->mode);
	system_out_line(out, "data", report->data_path);
	system_out_line(out, "model", report->model_path);
	fprintf(out, "clauses %lu&#10;", (unsigned long)m->n);
	report_rates(report, rates);
	for (i = 0; i < REPORT_RATES; i++) {
		fprintf(out, "%s %.4f", rates[i].key, rates[i].value);
		put_interval(out, " [%.4f, %.4f]", rates[i].interval);
		fputs("&#10;", out);
	}
	fprintf(out, "f1_floor %.4f</system-out>\n", f1_floor);
	fputs("  </testsuite>\n</testsuites>\n", out);
	return finish(out);
}
