/*
 * compare.c - `themes compare STATEMENT...`: each statement is read as
 * segment reads it (HTML, PDF, encodings), classified clause by clause and
 * profiled; consecutive statements (and the first and last) are compared
 * by the difference of their shares with a bootstrap interval, and the
 * clauses without a near-duplicate (word 3-shingle Jaccard) in the
 * previous statement are listed as new.  Each statement is read by the
 * model models.c chooses for it, as classify's inputs are: -m, or the
 * default model of its script, so that the Russian and Chinese texts of
 * one statement can be compared; the models must share their labels.
 * Clauses are compared for what is new only between statements in one
 * language.
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
"grouped by theme (statements in different languages, such as the Russian\n"
"and Chinese texts of one statement, are not compared clause by clause:\n"
"the output says so).\n"
"\n"
"  -m, --model=FILE         the model of every statement (default:\n"
"                           $THEMES_MODEL, else a default model chosen by\n"
"                           --language)\n"
"  -l, --language=LANG      the default model of each statement: auto (the\n"
"                           default without -m and $THEMES_MODEL) by the\n"
"                           script of most of its letters: Latin\n"
"                           default.model, Cyrillic default-ru.model, Han\n"
"                           default-zh.model; english, russian or chinese:\n"
"                           that one for every statement (overrides\n"
"                           $THEMES_MODEL).  The models must share their\n"
"                           labels.\n"
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
	const char *model_path, *language, *output_path, *format;
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
	case 'l':
		return parse_model_language("compare", arg, &o->language)
			? -1 : EXIT_USAGE;
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

/* Reads and segments the statement at path, and chooses its model in ms
 * (models_choose, by the script of its text). */
static int read_statement(const char *path, const compare_options *o,
                          model_set *ms, compare_statement *s)
{
	themes_document doc;
	s->name = path;
	int status = read_document(path, &o->document, &doc);
	if (status != EXIT_OK)
		return status;
	s->language = themes_script_language(
		themes_detect_script(doc.text, doc.length, NULL));
	if (themes_segment(doc.text, doc.length, add_clause, s) != THEMES_OK) {
		report_error("%s: out of memory while segmenting", path);
		status = EXIT_DATA;
	} else if (s->count == 0) {
		report_error("%s: no clause found in the statement", path);
		status = EXIT_DATA;
	} else {
		status = models_choose(ms, o->model_path, o->language, path,
		                       doc.text, doc.length, &s->slot);
	}
	themes_document_free(&doc);
	return status;
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

/* Marks the clauses of s with no near-duplicate in prev, when both are in
 * one language. */
static void mark_new(const compare_statement *prev, compare_statement *s,
                     double threshold)
{
	s->new_compared = strcmp(prev->language, s->language) == 0;
	for (size_t i = 0; i < s->count && s->new_compared; i++) {
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

/* Classifies and profiles every statement with its model, then the new
 * clauses and the changes. */
static int analyse(comparison *c, const compare_options *o,
                   const model_set *ms)
{
	int status = EXIT_OK;
	for (int i = 0; i < c->count && status == EXIT_OK; i++) {
		compare_statement *s = &c->statements[i];
		const model_slot *slot = &ms->slots[s->slot];
		s->model_path = slot->path;
		status = classify_statement_clauses(slot->classifiers[0], s);
		if (status == EXIT_OK)
			status = profile_statement(slot->model, o, s);
		if (i > 0)
			mark_new(&c->statements[i - 1], s, o->threshold);
	}
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

/* Reads the statements, loads their models and writes the comparison. */
static int run_compare(comparison *c, const compare_options *o, char **paths)
{
	model_set ms;
	memset(&ms, 0, sizeof ms);
	int status = EXIT_OK;
	for (int i = 0; i < c->count && status == EXIT_OK; i++)
		status = read_statement(paths[i], o, &ms, &c->statements[i]);
	if (status == EXIT_OK)
		status = models_load(&ms);
	if (status == EXIT_OK) {
		c->codebook = themes_model_codebook(ms.models[0]);
		status = analyse(c, o, &ms);
	}
	if (status == EXIT_OK)
		status = write_comparison(c, o);
	models_free(&ms);
	return status;
}

const char *compare_model_name(const compare_statement *s)
{
	const char *slash = strrchr(s->model_path, '/');
	return slash ? slash + 1 : s->model_path;
}

int main_compare(int argc, char **argv)
{
	static const struct option options[] = {
		{"model", required_argument, NULL, 'm'},
		{"language", required_argument, NULL, 'l'},
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
	while ((ch = getopt_long(argc, argv, "m:l:f:o:i:h", options, NULL)) != -1)
		if ((status = parse_option(&o, ch, optarg)) != -1)
			return status;
	if (o.model_path && o.language)
		return usage_error("compare", "-m names the model of every statement "
		                   "and --language chooses default models; give one "
		                   "of them");
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
