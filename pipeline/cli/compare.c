/*
 * compare.c - `themes compare STATEMENT...`: each statement is read as
 * segment reads it (HTML, PDF, encodings), classified clause by clause and
 * profiled; consecutive statements (and the first and last) are compared
 * by the difference of their shares with a bootstrap interval, and the
 * clauses without a near-duplicate (word 3-shingle Jaccard) in the
 * previous statement are listed as new.
 */
#define _GNU_SOURCE
#include "compare.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Statements one comparison holds (its changes fit compare_change[64]). */
#define MAX_STATEMENTS 63

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes compare [OPTION]... STATEMENT...\n"
"Compare the theme profiles of statements given in order (by year, say):\n"
"each theme's share per statement with its 95%% interval and adjusted\n"
"share; the change between consecutive statements, and from the first to\n"
"the last, with a bootstrap 95%% interval (* when it excludes 0); and the\n"
"clauses of each statement with no near-duplicate in the previous one,\n"
"grouped by theme.\n"
"\n"
"  -m, --model=FILE         the model (default: $THEMES_MODEL, else the\n"
"                           default model of the first statement's script)\n"
"  -f, --format=FMT         table (default), csv, json or html\n"
"  -o, --output=FILE        write to FILE (written whole or not at all)\n"
"      --threshold=J        a clause is not new when its word 3-shingle\n"
"                           Jaccard similarity with a clause of the previous\n"
"                           statement is J or more (default 0.6)\n"
"      --bootstrap=N        resamples for the intervals (default 1000)\n"
"      --min-confidence=P   clauses below P are uncertain, left out of the\n"
"                           shares (default 0)\n"
DOCUMENT_HELP
"  -h, --help               show this help and exit\n");
}

typedef struct compare_options {
	const char *model_path, *output_path, *format;
	themes_document_options document;
	themes_profile_options profile;
	double threshold;
} compare_options;

enum { OPT_THRESHOLD = 256, OPT_BOOTSTRAP, OPT_MIN_CONFIDENCE };

static int parse_option(compare_options *o, int c, const char *arg)
{
	long v;
	int r = parse_document_option("compare", c, arg, &o->document);
	if (r)
		return r < 0 ? EXIT_USAGE : -1;
	switch (c) {
	case 'm': o->model_path = arg; return -1;
	case 'o': o->output_path = arg; return -1;
	case 'f':
		if (strcmp(arg, "table") && strcmp(arg, "csv") &&
		    strcmp(arg, "json") && strcmp(arg, "html"))
			return usage_error("compare", "--format must be table, csv, "
			                   "json or html, not \"%s\"", arg);
		o->format = arg;
		return -1;
	case 'i':
		if (!parse_document_kind(arg, &o->document))
			return usage_error("compare", "--input-format must be auto, "
			                   "text, html or pdf, not \"%s\"", arg);
		return -1;
	case OPT_THRESHOLD:
		if (!parse_double_option("compare", "--threshold", arg, &o->threshold))
			return EXIT_USAGE;
		if (o->threshold <= 0 || o->threshold > 1)
			return usage_error("compare", "--threshold must be in (0, 1], "
			                   "not %s", arg);
		return -1;
	case OPT_BOOTSTRAP:
		if (!parse_int_option("compare", "--bootstrap", arg, 0, 1000000, &v))
			return EXIT_USAGE;
		o->profile.resamples = (unsigned)v;
		return -1;
	case OPT_MIN_CONFIDENCE:
		if (!parse_double_option("compare", "--min-confidence", arg,
		                         &o->profile.min_confidence) ||
		    o->profile.min_confidence < 0)
			return usage_error("compare", "--min-confidence must be 0 or "
			                   "more, not %s", arg);
		return -1;
	case 'h': print_help(stdout); return EXIT_OK;
	default: return usage_error("compare", "unrecognised option");
	}
}

/* ---- reading the statements ------------------------------------------- */

static int add_clause(const char *clause, size_t length, const char *section,
                      long line, void *user)
{
	(void)line;
	compare_statement *s = user;
	if (s->count == s->capacity) {
		size_t capacity = s->capacity ? s->capacity * 2 : 64;
		compare_clause *grown = realloc(s->clauses, capacity * sizeof *grown);
		if (!grown)
			return 1;
		s->clauses = grown;
		s->capacity = capacity;
	}
	compare_clause *c = &s->clauses[s->count];
	c->text = strndup(clause, length);
	c->section = strndup(section, strlen(section));
	c->is_new = false;
	if (!c->text || !c->section) {
		free(c->text);
		free(c->section);
		return 1;
	}
	s->count++;
	return 0;
}

static int read_statement(const char *path, const compare_options *o,
                          compare_statement *s, char **text)
{
	themes_document doc;
	s->name = path;
	int status = read_document(path, &o->document, &doc);
	if (status != EXIT_OK)
		return status;
	*text = doc.text;
	size_t length = doc.length;
	doc.text = NULL;
	themes_document_free(&doc);
	if (themes_segment(*text, length, add_clause, s) != THEMES_OK) {
		report_error("%s: out of memory while segmenting", path);
		return EXIT_DATA;
	}
	if (s->count == 0) {
		report_error("%s: no clause found in the statement", path);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* -m, else $THEMES_MODEL, else the default model of text's script. */
static int choose_model(const char *given, const char *text, char *path,
                        size_t size)
{
	const char *env = getenv("THEMES_MODEL");
	if (given || (env && *env)) {
		snprintf(path, size, "%s", given ? given : env);
		return EXIT_OK;
	}
	themes_script script = themes_detect_script(text, strlen(text), NULL);
	themes_error err = {0};
	if (themes_default_model(themes_script_language(script), path, size,
	                         &err) == THEMES_OK)
		return EXIT_OK;
	report_error("no model given and %s; use -m FILE", err.message);
	return EXIT_DATA;
}

static int classify_statement_clauses(themes_classifier *cl,
                                      compare_statement *s)
{
	s->predictions = calloc(s->count, sizeof *s->predictions);
	if (!s->predictions) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (size_t i = 0; i < s->count; i++)
		if (themes_classify(cl, s->clauses[i].text, strlen(s->clauses[i].text),
		                    &s->predictions[i]) != THEMES_OK) {
			report_error("out of memory while classifying");
			return EXIT_DATA;
		}
	return EXIT_OK;
}

/* Profiles statement s (with adjusted shares when the model has held-out
 * confusions). */
static int profile_statement(const themes_model *model, const compare_options *o,
                             compare_statement *s)
{
	themes_error err = {0};
	unsigned confusion[THEMES_MAX_LABELS * THEMES_MAX_LABELS];
	int labels = themes_codebook_count(themes_model_codebook(model));
	if (themes_profile_compute(s->predictions, s->count, labels, &o->profile,
	                           &s->profile, &err) != THEMES_OK)
		return report_failure(&err);
	if (!themes_model_cv_confusion(model, confusion) ||
	    s->profile.clauses == s->profile.uncertain)
		return EXIT_OK;
	if (themes_profile_adjust(s->profile.share, confusion, labels, s->adjusted,
	                          &err) != THEMES_OK)
		return report_failure(&err);
	s->has_adjusted = true;
	return EXIT_OK;
}

/* Marks the clauses of s with no near-duplicate in prev. */
static void mark_new(const compare_statement *prev, compare_statement *s,
                     double threshold)
{
	for (size_t i = 0; i < s->count; i++) {
		bool seen = false;
		for (size_t j = 0; j < prev->count && !seen; j++)
			seen = themes_text_similarity(s->clauses[i].text,
			                              prev->clauses[j].text) >= threshold;
		s->clauses[i].is_new = !seen;
	}
}

static int add_change(comparison *c, const compare_options *o, int from, int to)
{
	themes_error err = {0};
	compare_change *ch = &c->changes[c->change_count++];
	const compare_statement *a = &c->statements[from], *b = &c->statements[to];
	ch->from = from;
	ch->to = to;
	if (themes_profile_difference(a->predictions, a->count, b->predictions,
	                              b->count, themes_codebook_count(c->codebook),
	                              &o->profile, ch->difference, ch->ci, &err) !=
	    THEMES_OK)
		return report_failure(&err);
	return EXIT_OK;
}

/* Classifies and profiles every statement, then the new clauses and the
 * changes. */
static int analyse(comparison *c, const compare_options *o,
                   const themes_model *model)
{
	themes_error err = {0};
	themes_classifier *cl = NULL;
	if (themes_classifier_new(&cl, model, &err) != THEMES_OK)
		return report_failure(&err);
	int status = EXIT_OK;
	for (int i = 0; i < c->count && status == EXIT_OK; i++) {
		status = classify_statement_clauses(cl, &c->statements[i]);
		if (status == EXIT_OK)
			status = profile_statement(model, o, &c->statements[i]);
		if (i > 0)
			mark_new(&c->statements[i - 1], &c->statements[i], o->threshold);
	}
	themes_classifier_free(cl);
	for (int i = 1; i < c->count && status == EXIT_OK; i++)
		status = add_change(c, o, i - 1, i);
	if (status == EXIT_OK && c->count > 2)
		status = add_change(c, o, 0, c->count - 1);
	return status;
}

static int write_comparison(const comparison *c, const compare_options *o)
{
	output_file out = {0};
	int status = output_open(&out, o->output_path);
	if (status != EXIT_OK)
		return status;
	if (strcmp(o->format, "csv") == 0)
		compare_write_csv(out.stream, c);
	else if (strcmp(o->format, "json") == 0)
		compare_write_json(out.stream, c);
	else if (strcmp(o->format, "html") == 0)
		compare_write_html(out.stream, c);
	else
		compare_write_table(out.stream, c);
	return output_commit(&out);
}

/* Reads the statements, loads the model and writes the comparison. */
static int run_compare(comparison *c, const compare_options *o, char **paths)
{
	char *first_text = NULL, model_path[4096];
	int status = EXIT_OK;
	for (int i = 0; i < c->count && status == EXIT_OK; i++) {
		char *text = NULL;
		status = read_statement(paths[i], o, &c->statements[i], &text);
		if (i == 0)
			first_text = text;
		else
			free(text);
	}
	if (status == EXIT_OK)
		status = choose_model(o->model_path, first_text, model_path,
		                      sizeof model_path);
	free(first_text);
	if (status != EXIT_OK)
		return status;
	themes_error err = {0};
	themes_model *model = NULL;
	if (themes_model_load(&model, model_path, &err) != THEMES_OK)
		return report_failure(&err);
	c->codebook = themes_model_codebook(model);
	c->model_path = model_path;
	status = analyse(c, o, model);
	if (status == EXIT_OK)
		status = write_comparison(c, o);
	themes_model_free(&model);
	return status;
}

int main_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{"model", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"input-format", required_argument, NULL, 'i'},
		{"threshold", required_argument, NULL, OPT_THRESHOLD},
		{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
		{"min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE},
		{"help", no_argument, NULL, 'h'},
		DOCUMENT_LONG_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	compare_options o = {.format = "table", .threshold = 0.6};
	themes_profile_options_init(&o.profile);
	optind = 1;
	int ch, status;
	while ((ch = getopt_long(argc, argv, "m:f:o:i:h", options, NULL)) != -1)
		if ((status = parse_option(&o, ch, optarg)) != -1)
			return status;
	int count = argc - optind;
	if (count < 2 || count > MAX_STATEMENTS)
		return usage_error("compare", "give between 2 and %d statements, in "
		                   "order", MAX_STATEMENTS);
	comparison c = {0};
	c.threshold = o.threshold;
	c.min_confidence = o.profile.min_confidence;
	c.count = count;
	c.statements = calloc((size_t)count, sizeof *c.statements);
	status = c.statements ? run_compare(&c, &o, argv + optind) : EXIT_DATA;
	for (int i = 0; c.statements && i < count; i++) {
		compare_statement *s = &c.statements[i];
		for (size_t j = 0; j < s->count; j++) {
			free(s->clauses[j].text);
			free(s->clauses[j].section);
		}
		free(s->clauses);
		free(s->predictions);
	}
	free(c.statements);
	return status;
}
