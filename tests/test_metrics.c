/*
 * test_metrics.c - unit tests of eval/metrics.c and of the reports
 * (eval/report_*.c).
 *
 * Expected values are hand-computed; the arithmetic is in the comments.
 * Theme indices: 0 endure, 1 history, 2 counter_hegemony, 3 china_lead,
 * 4 multipolar, 5 legitimacy.
 */
#include "themes.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define EPS 1e-9
#define LABELS 6

static themes_codebook *codebook;

/* An item whose scores put most of the mass on the predicted theme (or all
 * zero for an abstention). */
static themes_scored scored(int gold, int predicted, unsigned secondary)
{
	themes_scored item;
	int k;

	memset(&item, 0, sizeof item);
	item.gold = gold;
	item.predicted = predicted;
	item.gold_secondary = secondary;
	if (predicted >= 0)
		for (k = 0; k < LABELS; k++)
			item.scores[k] = k == predicted ? 0.5 : 0.1;
	return item;
}

static themes_scored with_scores(int gold, int predicted, unsigned secondary,
                                 const double scores[LABELS])
{
	themes_scored item = scored(gold, predicted, secondary);

	memcpy(item.scores, scores, LABELS * sizeof scores[0]);
	return item;
}

/* The eight-clause example used by several tests:
 *
 *   gold      0 0 0 1  1 2 2 3
 *   predicted 0 0 1 1 -1 2 0 4
 *
 * Theme 3 is never predicted, theme 4 is predicted without support, theme 5
 * appears nowhere, and clause 5 is an abstention. */
static size_t small_example(themes_scored *items)
{
	static const int gold[] = {0, 0, 0, 1, 1, 2, 2, 3};
	static const int predicted[] = {0, 0, 1, 1, -1, 2, 0, 4};
	size_t i;

	for (i = 0; i < 8; i++)
		items[i] = scored(gold[i], predicted[i], 0);
	return 8;
}

static void test_small_example(void)
{
	themes_scored items[8];
	themes_metrics m;
	size_t n = small_example(items);

	themes_metrics_compute(items, n, LABELS, &m);
	CHECK(m.n == 8);

	/* Confusion rows (gold) x columns (predicted, then "none"). */
	CHECK(m.confusion[0][0] == 2 && m.confusion[0][1] == 1);
	CHECK(m.confusion[1][1] == 1 && m.confusion[1][LABELS] == 1);
	CHECK(m.confusion[2][2] == 1 && m.confusion[2][0] == 1);
	CHECK(m.confusion[3][4] == 1);
	CHECK(m.support[0] == 3 && m.support[1] == 2 && m.support[2] == 2);
	CHECK(m.support[3] == 1 && m.support[4] == 0 && m.support[5] == 0);
	CHECK(m.predicted_count[0] == 3 && m.predicted_count[1] == 2);
	CHECK(m.predicted_count[2] == 1 && m.predicted_count[3] == 0);
	CHECK(m.predicted_count[4] == 1 && m.predicted_count[5] == 0);

	/* endure: P = 2/3, R = 2/3, F1 = 2/3. */
	CHECK_NEAR(m.precision[0], 0.6666666667, 1e-9);
	CHECK_NEAR(m.recall[0], 0.6666666667, 1e-9);
	CHECK_NEAR(m.f1[0], 0.6666666667, 1e-9);
	/* history: P = 1/2 (the abstention is no prediction), R = 1/2, F1 = 1/2. */
	CHECK_NEAR(m.precision[1], 0.5, EPS);
	CHECK_NEAR(m.recall[1], 0.5, EPS);
	CHECK_NEAR(m.f1[1], 0.5, EPS);
	/* counter_hegemony: P = 1/1, R = 1/2, F1 = 2 * 1 * 0.5 / 1.5 = 2/3. */
	CHECK_NEAR(m.precision[2], 1.0, EPS);
	CHECK_NEAR(m.recall[2], 0.5, EPS);
	CHECK_NEAR(m.f1[2], 0.6666666667, 1e-9);
	/* china_lead, never predicted: P = 0 (0/0), R = 0/1, F1 = 0. */
	CHECK_NEAR(m.precision[3], 0.0, EPS);
	CHECK_NEAR(m.recall[3], 0.0, EPS);
	CHECK_NEAR(m.f1[3], 0.0, EPS);
	/* multipolar, no support: P = 0/1, R = 0 (0/0), F1 = 0. */
	CHECK_NEAR(m.precision[4], 0.0, EPS);
	CHECK_NEAR(m.recall[4], 0.0, EPS);
	CHECK_NEAR(m.f1[4], 0.0, EPS);

	/* accuracy = 4 correct / 8 = 0.5. */
	CHECK_NEAR(m.accuracy, 0.5, EPS);
	/* macro-F1 over themes 0..4 (legitimacy is in neither gold nor
	 * predictions): (2/3 + 1/2 + 2/3 + 0 + 0) / 5 = 11/6 / 5 = 0.3666667. */
	CHECK_NEAR(m.macro_f1, 0.3666666667, 1e-9);
	/* micro: P = 4 correct / 7 predictions, R = 4 / 8;
	 * F1 = 2 (4/7)(1/2) / (4/7 + 1/2) = (4/7) / (15/14) = 8/15 = 0.5333333. */
	CHECK_NEAR(m.micro_f1, 0.5333333333, 1e-9);
	/* kappa, seven categories (abstention last):
	 *   gold marginals      3 2 2 1 0 0 0
	 *   predicted marginals 3 2 1 0 1 0 1
	 *   p_e = (9 + 4 + 2) / 64 = 15/64, p_o = 1/2,
	 *   kappa = (32/64 - 15/64) / (49/64) = 17/49 = 0.3469388. */
	CHECK_NEAR(m.kappa, 0.3469387755, 1e-9);
	/* alpha: 16 values, n_c = 6 4 3 1 1 0 1, sum n_c^2 = 64,
	 *   sum_{c!=k} n_c n_k = 256 - 64 = 192, 4 disagreeing units give
	 *   sum_{c!=k} o_ck = 8, alpha = 1 - 15 * 8 / 192 = 1 - 0.625 = 0.375. */
	CHECK_NEAR(m.alpha, 0.375, EPS);
}

/* Cohen's kappa, the textbook example (Wikipedia, "Cohen's kappa"): 50
 * proposals, both raters yes 20, A yes B no 5, A no B yes 10, both no 15. */
static void test_kappa_textbook(void)
{
	themes_scored items[50];
	themes_metrics m;
	size_t n = 0, i;

	for (i = 0; i < 20; i++)
		items[n++] = scored(0, 0, 0);
	for (i = 0; i < 5; i++)
		items[n++] = scored(0, 1, 0);
	for (i = 0; i < 10; i++)
		items[n++] = scored(1, 0, 0);
	for (i = 0; i < 15; i++)
		items[n++] = scored(1, 1, 0);
	themes_metrics_compute(items, n, LABELS, &m);
	/* p_o = 35/50 = 0.7; A yes 25/50, B yes 30/50;
	 * p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4. */
	CHECK_NEAR(m.kappa, 0.4, EPS);
	/* alpha: n_yes = 25 + 30 = 55, n_no = 45 over 100 values; 15
	 * disagreeing units: alpha = 1 - 99 * 30 / (2 * 55 * 45)
	 * = 1 - 2970/4950 = 0.4. */
	CHECK_NEAR(m.alpha, 0.4, EPS);
}

/* Krippendorff's alpha: the two-observer binary example of Krippendorff,
 * "Computing Krippendorff's alpha-reliability" (2011), alpha = 0.095.
 *   unit   1 2 3 4 5 6 7 8 9 10
 *   A      0 1 0 0 0 0 0 0 1 0
 *   B      1 1 1 0 0 1 0 0 0 0 */
static void test_alpha_krippendorff(void)
{
	static const int a[] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
	static const int b[] = {1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
	themes_scored items[10];
	themes_metrics m;
	size_t i;

	for (i = 0; i < 10; i++)
		items[i] = scored(a[i], b[i], 0);
	themes_metrics_compute(items, 10, LABELS, &m);
	/* 20 values: n_0 = 8 + 6 = 14, n_1 = 2 + 4 = 6; units 1, 3, 6, 9
	 * disagree, so sum_{c!=k} o_ck = 8;
	 * alpha = 1 - 19 * 8 / (2 * 14 * 6) = 1 - 152/168 = 2/21 = 0.0952381. */
	CHECK_NEAR(m.alpha, 0.0952380952, 1e-9);
	/* kappa: p_o = 6/10, p_e = (8 * 6 + 2 * 4) / 100 = 0.56,
	 * kappa = 0.04 / 0.44 = 1/11 = 0.0909091. */
	CHECK_NEAR(m.kappa, 0.0909090909, 1e-9);
}

static void test_degenerate_agreement(void)
{
	themes_scored items[4];
	themes_metrics m;
	size_t i;

	/* Everything gold endure and predicted endure: p_e = 1 gives kappa 0 by
	 * convention; alpha has no expected disagreement and no observed one,
	 * so 1. */
	for (i = 0; i < 4; i++)
		items[i] = scored(0, 0, 0);
	themes_metrics_compute(items, 4, LABELS, &m);
	CHECK_NEAR(m.accuracy, 1.0, EPS);
	CHECK_NEAR(m.kappa, 0.0, EPS);
	CHECK_NEAR(m.alpha, 1.0, EPS);
	CHECK_NEAR(m.macro_f1, 1.0, EPS);

	/* No items at all: every rate is 0 and nothing crashes. */
	themes_metrics_compute(items, 0, LABELS, &m);
	CHECK(m.n == 0);
	CHECK_NEAR(m.accuracy, 0.0, EPS);
	CHECK_NEAR(m.macro_f1, 0.0, EPS);
	CHECK_NEAR(m.micro_f1, 0.0, EPS);
}

static void test_top2_and_lenient(void)
{
	static const double clear[LABELS] = {0.5, 0.3, 0.2, 0, 0, 0};
	static const double tied_second[LABELS] = {0.4, 0.3, 0.3, 0, 0, 0};
	static const double tied_first[LABELS] = {0.4, 0.4, 0.2, 0, 0, 0};
	themes_scored items[6];
	themes_metrics m;

	/* 1. gold endure is the argmax: top-2 hit, lenient hit. */
	items[0] = with_scores(0, 0, 0, clear);
	/* 2. gold history is second: top-2 hit; predicted endure is a gold
	 *    secondary: lenient hit. */
	items[1] = with_scores(1, 0, 1u << 0, clear);
	/* 3. gold counter_hegemony is third: miss; secondary china_lead does
	 *    not match the prediction: lenient miss. */
	items[2] = with_scores(2, 0, 1u << 3, clear);
	/* 4. history and counter_hegemony tie for second; the lower index
	 *    (history) wins, so gold counter_hegemony misses. */
	items[3] = with_scores(2, 0, 0, tied_second);
	/* 5. abstention: a miss for both, even with a secondary set. */
	items[4] = scored(3, -1, 1u << 3);
	/* 6. endure and history tie first: endure ranks first, history
	 *    second, so gold history hits top-2; lenient misses. */
	items[5] = with_scores(1, 0, 0, tied_first);
	themes_metrics_compute(items, 6, LABELS, &m);
	/* top-2: clauses 1, 2, 6 = 3/6; lenient: clauses 1, 2 = 2/6. */
	CHECK_NEAR(m.top2_accuracy, 0.5, EPS);
	CHECK_NEAR(m.lenient_accuracy, 0.3333333333, 1e-9);
	/* accuracy: only clause 1 = 1/6. */
	CHECK_NEAR(m.accuracy, 0.1666666667, 1e-9);
}

/* 300 clauses with about 70% correct, a few abstentions, all themes. */
static size_t bootstrap_example(themes_scored *items)
{
	size_t i;

	for (i = 0; i < 300; i++) {
		int gold = (int)(i % LABELS);
		int predicted = gold;

		if (i % 10 == 3 || i % 10 == 7)
			predicted = (gold + 1) % LABELS;
		else if (i % 10 == 9)
			predicted = (gold + 2) % LABELS;
		if (i % 37 == 0)
			predicted = -1;
		items[i] = scored(gold, predicted, 0);
	}
	return 300;
}

static void test_bootstrap(void)
{
	themes_scored items[300];
	themes_interval macro_one, accuracy_one, macro_two, accuracy_two;
	themes_interval macro_again, accuracy_again, macro_other, accuracy_other;
	themes_metrics m;
	themes_error err;
	size_t n = bootstrap_example(items);
	int status;

	themes_metrics_compute(items, n, LABELS, &m);
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	status = themes_metrics_bootstrap(items, n, LABELS, 1000, 42, &macro_one,
	                                  &accuracy_one, &err);
	CHECK(status == THEMES_OK);
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	status = themes_metrics_bootstrap(items, n, LABELS, 1000, 42, &macro_two,
	                                  &accuracy_two, &err);
	CHECK(status == THEMES_OK);
	/* Bit-identical for any thread count. */
	CHECK(macro_one.low == macro_two.low && macro_one.high == macro_two.high);
	CHECK(accuracy_one.low == accuracy_two.low &&
	      accuracy_one.high == accuracy_two.high);

	/* Same seed, same interval; another seed, another interval. */
	status = themes_metrics_bootstrap(items, n, LABELS, 1000, 42, &macro_again,
	                                  &accuracy_again, &err);
	CHECK(status == THEMES_OK);
	CHECK(macro_again.low == macro_one.low && macro_again.high == macro_one.high);
	CHECK(accuracy_again.low == accuracy_one.low &&
	      accuracy_again.high == accuracy_one.high);
	status = themes_metrics_bootstrap(items, n, LABELS, 1000, 43, &macro_other,
	                                  &accuracy_other, &err);
	CHECK(status == THEMES_OK);
	CHECK(macro_other.low != macro_one.low || macro_other.high != macro_one.high);

	/* The intervals are ordered, cover the point estimates, and are not
	 * absurdly wide for 300 clauses. */
	CHECK(accuracy_one.low <= m.accuracy && m.accuracy <= accuracy_one.high);
	CHECK(macro_one.low <= m.macro_f1 && m.macro_f1 <= macro_one.high);
	CHECK(accuracy_one.low < accuracy_one.high);
	CHECK(accuracy_one.high - accuracy_one.low < 0.2);

	/* All correct: every resample scores 1. */
	{
		themes_scored perfect[12];
		themes_interval macro, accuracy;
		size_t i;

		for (i = 0; i < 12; i++)
			perfect[i] = scored((int)(i % LABELS), (int)(i % LABELS), 0);
		status = themes_metrics_bootstrap(perfect, 12, LABELS, 200, 7, &macro,
		                                  &accuracy, &err);
		CHECK(status == THEMES_OK);
		CHECK_NEAR(accuracy.low, 1.0, EPS);
		CHECK_NEAR(accuracy.high, 1.0, EPS);
		CHECK_NEAR(macro.low, 1.0, EPS);
	}

	memset(&err, 0, sizeof err);
	status = themes_metrics_bootstrap(items, n, LABELS, 0, 42, &macro_one,
	                                  &accuracy_one, &err);
	CHECK(status == THEMES_ERR_PARAM);
	CHECK(err.code == THEMES_ERR_PARAM);
	CHECK(err.line == 0);
	CHECK(err.message[0] != '\0');
}

/* ------------------------------------------------------------------ */
/* Report helpers                                                       */
/* ------------------------------------------------------------------ */

/* Reads everything written to a temporary stream; the caller frees. */
static char *slurp(FILE *stream)
{
	long size;
	char *text;

	fflush(stream);
	size = ftell(stream);
	if (size < 0)
		return NULL;
	rewind(stream);
	text = malloc((size_t)size + 1);
	if (!text)
		return NULL;
	if (fread(text, 1, (size_t)size, stream) != (size_t)size) {
		free(text);
		return NULL;
	}
	text[size] = '\0';
	return text;
}

typedef int (*report_writer)(FILE *, const themes_report *);

static char *render(report_writer write, const themes_report *report,
                    int *status)
{
	FILE *stream = tmpfile();
	char *text;

	if (!stream) {
		*status = THEMES_ERR_IO;
		return NULL;
	}
	*status = write(stream, report);
	text = slurp(stream);
	fclose(stream);
	return text;
}

/* A strict JSON recogniser (RFC 8259): returns the position after one
 * value, or NULL when the text is not JSON. */
static const char *json_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_value(const char *p, int depth);

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return p + 1;
}

static const char *json_digits(const char *p)
{
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

static const char *json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (!(p = json_digits(p)))
		return NULL;
	if (*p == '.' && !(p = json_digits(p + 1)))
		return NULL;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		p = json_digits(p);
	}
	return p;
}

static const char *json_value(const char *p, int depth)
{
	char close;

	if (depth > 32 || !p)
		return NULL;
	p = json_skip_space(p);
	if (*p == '"')
		return json_string(p);
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p != '{' && *p != '[')
		return json_number(p);
	close = *p == '{' ? '}' : ']';
	p = json_skip_space(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			if (!(p = json_string(json_skip_space(p))))
				return NULL;
			p = json_skip_space(p);
			if (*p++ != ':')
				return NULL;
		}
		if (!(p = json_value(p, depth + 1)))
			return NULL;
		p = json_skip_space(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static int is_json(const char *text)
{
	const char *end = json_value(text, 0);

	return end && *json_skip_space(end) == '\0';
}

/* Every start tag has its matching end tag (or is self-closing), in order;
 * skips the XML declaration. */
static int tags_balanced(const char *doc)
{
	char stack[32][64];
	int depth = 0;
	const char *p = doc;

	while ((p = strchr(p, '<'))) {
		const char *end = strchr(p, '>');
		const char *name;
		size_t length;
		int closing;

		if (!end)
			return 0;
		if (p[1] == '?' || p[1] == '!') {
			p = end + 1;
			continue;
		}
		closing = p[1] == '/';
		name = p + 1 + closing;
		length = strcspn(name, " \t\r\n/>");
		if (length == 0 || length >= sizeof stack[0])
			return 0;
		if (closing) {
			if (depth == 0 || strlen(stack[depth - 1]) != length ||
			    strncmp(stack[depth - 1], name, length) != 0)
				return 0;
			depth--;
		} else if (end[-1] != '/') {
			if (depth == (int)(sizeof stack / sizeof stack[0]))
				return 0;
			memcpy(stack[depth], name, length);
			stack[depth][length] = '\0';
			depth++;
		}
		p = end + 1;
	}
	return depth == 0;
}

static size_t count_occurrences(const char *text, const char *needle)
{
	size_t count = 0;

	while ((text = strstr(text, needle))) {
		count++;
		text += strlen(needle);
	}
	return count;
}

static void example_report(themes_report *report, themes_metrics *m,
                           themes_scored *items)
{
	size_t n = small_example(items);

	themes_metrics_compute(items, n, LABELS, m);
	memset(report, 0, sizeof *report);
	report->metrics = m;
	report->codebook = codebook;
	report->macro_f1_ci.low = 0.25;
	report->macro_f1_ci.high = 0.5;
	report->accuracy_ci.low = 0.375;
	report->accuracy_ci.high = 0.625;
	report->resamples = 1000;
	report->mode = "cross-validation";
	report->folds = 5;
	/* Characters every format must escape. */
	report->data_path = "data/\"odd\" <dir>\\a&b\n.csv";
	report->data_hash = "abc123";
	report->model_path = NULL;
	report->settings = "C=1 kernel=linear\tngram=2";
	report->seed = 42;
	report->threads = 4;
}

static void test_report_json(void)
{
	static const char *const keys[] = {
		"\"accuracy\": 0.5000", "\"macro_f1\": 0.3667", "\"micro_f1\": 0.5333",
		"\"kappa\": 0.3469", "\"alpha\": 0.3750", "\"top2_accuracy\":",
		"\"lenient_accuracy\":", "\"per_theme\":", "\"precision\":",
		"\"recall\":", "\"f1\":", "\"support\":", "\"predicted\":",
		"\"confusion\":", "\"confusion_labels\":", "\"ci95\":",
		"\"manifest\":", "\"program\": \"themes\"",
		"\"version\": \"" THEMES_VERSION "\"", "\"mode\": \"cross-validation\"",
		"\"folds\": 5", "\"data\": {\"path\":", "\"hash\": \"abc123\"",
		"\"model\": {\"path\": null, \"hash\": null}", "\"settings\":",
		"\"seed\": 42", "\"threads\": 4", "\"resamples\": 1000",
		"\"macro_f1\": [0.2500, 0.5000]", "\"accuracy\": [0.3750, 0.6250]",
		("\"endure\": {\"precision\": 0.6667, \"recall\": 0.6667, "
		 "\"f1\": 0.6667, \"support\": 3, \"predicted\": 3}"),
		"[2, 1, 0, 0, 0, 0, 0]", "[0, 1, 0, 0, 0, 0, 1]",
		"\"legitimacy\", \"none\"]",
		"\"data/\\\"odd\\\" <dir>\\\\a&b\\u000a.csv\"",
		"\"C=1 kernel=linear\\u0009ngram=2\"",
	};
	themes_scored items[8];
	themes_metrics m;
	themes_report report;
	char *json;
	size_t i;
	int status;

	example_report(&report, &m, items);
	json = render(themes_report_json, &report, &status);
	CHECK(status == THEMES_OK);
	CHECK(json != NULL);
	if (!json)
		return;
	CHECK(is_json(json));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!CHECK(strstr(json, keys[i]) != NULL))
			fprintf(stderr, "  missing: %s\n", keys[i]);
	CHECK(count_occurrences(json, "[") == 1 + 6 + 1 + 2);
	free(json);

	/* Without a bootstrap the intervals are null. */
	report.resamples = 0;
	report.mode = NULL;
	json = render(themes_report_json, &report, &status);
	CHECK(status == THEMES_OK);
	CHECK(json && is_json(json));
	CHECK(json && strstr(json, "\"ci95\": {\"macro_f1\": null, \"accuracy\": null}"));
	CHECK(json && strstr(json, "\"mode\": null"));
	free(json);

	/* Invalid UTF-8 is replaced, not copied into the document. */
	report.data_path = "bad\xff\xc3(byte";
	json = render(themes_report_json, &report, &status);
	CHECK(json && is_json(json));
	CHECK(json && strstr(json, "\"bad\xEF\xBF\xBD\xEF\xBF\xBD(byte\""));
	free(json);

	CHECK(is_json("{\"a\": [1, -0.5, 2e3, true, null, \"x\\u00e9\"]}"));
	CHECK(!is_json("{\"a\": [1, 2}"));
	CHECK(!is_json("{\"a\": \"raw\ttab\"}"));
}

static void test_report_xml(void)
{
	themes_scored items[8];
	themes_metrics m;
	themes_report report;
	char *xml;
	int status;

	example_report(&report, &m, items);

	/* Floor 0.6: endure (0.6667) and counter_hegemony (0.6667) pass;
	 * history (0.5), china_lead (0) and multipolar (0) fail; legitimacy,
	 * with neither gold clauses nor predictions, is skipped. */
	{
		FILE *stream = tmpfile();

		CHECK(stream != NULL);
		if (!stream)
			return;
		status = themes_report_junit(stream, &report, 0.6);
		xml = slurp(stream);
		fclose(stream);
	}
	CHECK(status == THEMES_OK);
	CHECK(xml && tags_balanced(xml));
	CHECK(xml && strstr(xml, "<testsuite name=\"themes-eval\" tests=\"6\" failures=\"3\""));
	CHECK(xml && count_occurrences(xml, "<testcase classname=\"themes.eval\" name=\"") == 6);
	CHECK(xml && strstr(xml, "name=\"history\">\n      <failure message=\"F1 0.5000 below floor 0.6000\"/>"));
	CHECK(xml && strstr(xml, "name=\"endure\"/>"));
	CHECK(xml && count_occurrences(xml, "<failure ") == 3);
	CHECK(xml && count_occurrences(xml, "<skipped ") == 1);
	CHECK(xml && strstr(xml, "data/&quot;odd&quot; &lt;dir&gt;\\a&amp;b&#10;.csv"));
	CHECK(xml && strstr(xml, "<system-out>") && strstr(xml, "</system-out>"));
	free(xml);

	xml = render(themes_report_svg, &report, &status);
	CHECK(status == THEMES_OK);
	CHECK(xml && strncmp(xml, "<svg", 4) == 0);
	CHECK(xml && strstr(xml, "xmlns=\"http://www.w3.org/2000/svg\""));
	CHECK(xml && strstr(xml, "viewBox=\""));
	CHECK(xml && tags_balanced(xml));
	/* 6 x 7 heat-map cells, one background and 6 bars. */
	CHECK(xml && count_occurrences(xml, "<rect ") == 42 + 1 + 6);
	CHECK(xml && strstr(xml, "accuracy 0.5000, macro-F1 0.3667"));
	CHECK(xml && strstr(xml, ">counter_hegemony</text>"));
	CHECK(xml && strstr(xml, ">none</text>"));
	CHECK(xml && strstr(xml, ">0.6667</text>"));
	CHECK(xml && !strstr(xml, "href"));
	free(xml);
}

static void test_report_text_and_markdown(void)
{
	themes_scored items[8];
	themes_metrics m;
	themes_report report;
	char *text;
	int status;

	example_report(&report, &m, items);
	text = render(themes_report_text, &report, &status);
	CHECK(status == THEMES_OK);
	CHECK(text && strstr(text, "accuracy             0.5000   95% CI [0.3750, 0.6250]\n"));
	CHECK(text && strstr(text, "macro-F1             0.3667   95% CI [0.2500, 0.5000]\n"));
	CHECK(text && strstr(text, "Krippendorff alpha   0.3750\n"));
	CHECK(text && strstr(text, "endure               0.6667     0.6667     0.6667          3          3\n"));
	CHECK(text && strstr(text, "gold \\ predicted  endure  history  counter_hegemony"));
	CHECK(text && strstr(text, "  none\n"));
	CHECK(text && strstr(text, "\nhistory                0        1                 0"));
	free(text);

	text = render(themes_report_markdown, &report, &status);
	CHECK(status == THEMES_OK);
	CHECK(text && strstr(text, "| accuracy | 0.5000 | [0.3750, 0.6250] |\n"));
	CHECK(text && strstr(text, "| theme | precision | recall | F1 | support | predicted |\n"));
	CHECK(text && strstr(text, "| counter\\_hegemony | 1.0000 | 0.5000 | 0.6667 | 2 | 1 |\n"));
	CHECK(text && strstr(text, "| history | 0 | 1 | 0 | 0 | 0 | 0 | 1 |\n"));
	CHECK(text && strstr(text, "data/\"odd\" \\<dir\\>\\\\a&b .csv"));
	free(text);

	/* A stream that cannot be written to gives THEMES_ERR_IO. */
	{
		FILE *read_only = fopen("/dev/null", "r");

		if (read_only) {
			CHECK(themes_report_text(read_only, &report) == THEMES_ERR_IO);
			CHECK(themes_report_svg(read_only, &report) == THEMES_ERR_IO);
			fclose(read_only);
		}
	}
	CHECK(themes_report_json(stdout, NULL) == THEMES_ERR_PARAM);
}

static void test_report_errors(void)
{
	static const char *const ids[] = {"a", "b", "c", "d", "ok", "abst", "e"};
	static const char *const texts[] = {
		"plain", "has, comma", "say \"hi\"", "line\nbreak", "right",
		"nothing", "x"};
	themes_scored items[7];
	char *csv;
	FILE *stream;
	int status;

	/* Pair (endure, history): b 0.9, then a and c tie at 0.6 (a first by
	 * index); pair (endure, counter_hegemony): e; pair (history, endure):
	 * d.  Clause "ok" is right and "abst" abstained: neither is listed. */
	items[0] = scored(0, 1, 0);
	items[0].scores[1] = 0.6;
	items[1] = scored(0, 1, 0);
	items[1].scores[1] = 0.9;
	items[2] = scored(0, 1, 0);
	items[2].scores[1] = 0.6;
	items[3] = scored(1, 0, 0);
	items[3].scores[0] = 0.7;
	items[4] = scored(0, 0, 0);
	items[5] = scored(2, -1, 0);
	items[6] = scored(0, 2, 0);
	items[6].scores[2] = 0.55;

	stream = tmpfile();
	CHECK(stream != NULL);
	if (!stream)
		return;
	status = themes_report_errors(stream, codebook, items, 7, ids, texts, 2);
	csv = slurp(stream);
	fclose(stream);
	CHECK(status == THEMES_OK);
	CHECK_STR(csv,
	          "id,text,gold,predicted,confidence\n"
	          "b,\"has, comma\",endure,history,0.9000\n"
	          "a,plain,endure,history,0.6000\n"
	          "e,x,endure,counter_hegemony,0.5500\n"
	          "d,\"line\nbreak\",history,endure,0.7000\n");
	free(csv);

	/* per_pair 0 lists every error. */
	stream = tmpfile();
	CHECK(stream != NULL);
	if (!stream)
		return;
	status = themes_report_errors(stream, codebook, items, 7, ids, texts, 0);
	csv = slurp(stream);
	fclose(stream);
	CHECK(status == THEMES_OK);
	CHECK_STR(csv,
	          "id,text,gold,predicted,confidence\n"
	          "b,\"has, comma\",endure,history,0.9000\n"
	          "a,plain,endure,history,0.6000\n"
	          "c,\"say \"\"hi\"\"\",endure,history,0.6000\n"
	          "e,x,endure,counter_hegemony,0.5500\n"
	          "d,\"line\nbreak\",history,endure,0.7000\n");
	free(csv);
}

int main(void)
{
	codebook = harness_six_themes();
	test_small_example();
	test_kappa_textbook();
	test_alpha_krippendorff();
	test_degenerate_agreement();
	test_top2_and_lenient();
	test_bootstrap();
	test_report_json();
	test_report_xml();
	test_report_text_and_markdown();
	test_report_errors();
	themes_codebook_free(codebook);
	return harness_summary();
}
