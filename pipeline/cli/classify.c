/*
 * classify.c - `themes classify`: clauses in, one labelled row per clause
 * out.  This file holds the options and the run from start to teardown;
 * classify_batch.c reads and classifies the inputs, classify_rows.c writes
 * the rows, classify_statement.c handles whole statements and
 * models.c chooses the model of each input.
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "classify.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The second half of --help: statement mode, optional columns, models. */
static void print_help_modes(FILE *out)
{
	fputs(
"Statements: with --statement, the rows are the clauses of each FILE, with\n"
"the columns\n"
"  id,section,text,theme,confidence,LABEL...\n"
"where id is FILE:N (N counts the clauses of that file from 1, '-' for\n"
"standard input; FILE:N#M for the item numbered M of an HTML ol) and\n"
"section is the heading above the clause.  With\n"
"--input-format=auto, statement mode is also chosen when every input is\n"
"plain text (not CSV) and, in its first 64 KiB, either at least two lines\n"
"are paragraphs of four or more sentences, or there is a heading and at\n"
"least two bullet or numbered lines making up a fifth of the lines.  A\n"
"file with one clause (of up to three sentences) per line does not match;\n"
"when only some inputs match, they are read one clause per line and a note\n"
"says so.  Use --input-format=text to turn detection off.\n"
"\n"
"The columns of --multi and --explain follow the scores, only when asked\n"
"for.  A FILE of - for --profile or --html is standard output; only one\n"
"output can use it.\n"
"\n"
"Default models are looked for in $THEMES_MODEL_DIR when it is set,\n"
"otherwise in models/ next to the program or in the source tree, and in\n"
"share/themes/ where themes is installed.  The models of one run must have\n"
"the same labels in the same order.\n", out);
}

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes classify [OPTION]... [FILE]...\n"
"Classify clauses into themes.  Each FILE is a CSV with a \"text\" column\n"
"(an \"id\" column is carried through; other columns are ignored) or plain\n"
"text with one clause per line; with no FILE, or when FILE is -, read\n"
"standard input.\n"
"\n"
"  -m, --model=MODEL        model file for every input (default: $THEMES_MODEL,\n"
"                           else a default model chosen by --language)\n"
"  -l, --language=LANG      the default model of each input: auto (the default\n"
"                           without -m and $THEMES_MODEL) by the script of\n"
"                           most letters in its first 64 KiB: Latin\n"
"                           default.model, Cyrillic default-ru.model, Han\n"
"                           default-zh.model; english, russian or chinese:\n"
"                           that one for every input (overrides $THEMES_MODEL)\n"
"  -f, --format=FORMAT      output format: csv (default) or jsonl\n"
"  -i, --input-format=FMT   auto (default; see below), csv, tsv, text, or\n"
"                           html or pdf (whole statements; also detected)\n"
"      --encoding=NAME      the inputs' encoding (an 'iconv -l' name); by\n"
"                           default the byte-order mark, <meta charset>,\n"
"                           else UTF-8\n"
"      --encoding-errors=MODE  strict (default): invalid bytes are an\n"
"                           error; replace: they become U+FFFD\n"
"      --text-column=NAME   the CSV/TSV column holding the clauses (text)\n"
"      --id-column=NAME     the CSV/TSV column holding row ids (id)\n"
"      --no-header          no CSV header line: shards of one input,\n"
"                           classified apart, then concatenate cleanly\n"
"  -o, --output=FILE        write to FILE (written whole or not at all)\n"
"  -s, --statement          read each FILE whole as one statement and classify\n"
"                           its clauses (see 'themes segment --help')\n"
"  -t, --threads=N          threads (default: all cores)\n"
"      --min-confidence=P   label clauses whose confidence is below P\n"
"                           \"uncertain\" (scores are kept; above 1 every\n"
"                           clause is uncertain)\n"
"      --multi=T            add a themes column: every theme scoring at\n"
"                           least T, highest first, joined by ';'\n"
"      --explain=K          add the columns explanation (the K terms pushing\n"
"                           most towards the theme, each as the clause's own\n"
"                           words: \"sanctions:+0.123;...\") and runner_up\n"
"                           (the second theme); linear models only\n"
"      --profile=FILE       statements: write one CSV row per statement with\n"
"                           its clause count, uncertain clauses, each theme's\n"
"                           share and 95%% bootstrap interval, and the shares\n"
"                           adjusted for the model's held-out confusions; a\n"
"                           table of each profile also goes to standard error\n"
"                           when it is a terminal\n"
"      --html=FILE          statements: write a self-contained HTML page with\n"
"                           each profile and the clauses coloured by theme\n"
"      --bootstrap=N        resamples for the profile intervals (default\n"
"                           1000, 0 = none)\n"
"  -h, --help               show this help and exit\n"
"\n"
"Input: with --input-format=auto, a FILE named *.csv or *.tsv, or whose first\n"
"line is a header of identifier-like names (split by commas or tabs), is\n"
"read as CSV or TSV and must have the text column; anything else is plain\n"
"text, one clause per line.\n"
"\n"
"Output: one row per input row, in input order, with the columns\n"
"  id,theme,confidence,LABEL...\n"
"with one score column per label of the model, in the model's order (for\n"
"the default model: endure,history,counter_hegemony,china_lead,multipolar,\n"
"legitimacy).  The scores are probabilities and confidence is the chosen\n"
"label's.  A row without an id gets its row number (FILE:ROW when several\n"
"files are given).  A clause with no word known to the model gets an empty\n"
"theme and confidence 0.\n"
"\n");
	print_help_modes(out);
}

/* Terms of explanation shown in --html tooltips when --explain is not given. */
#define HTML_EXPLAIN_TERMS 5

/* The command line. */
typedef struct classify_options {
	const char *model_path, *output_path, *profile_path, *html_path;
	const char *language;      /* --language, NULL when not given */
	row_options rows;
	long resamples;            /* --bootstrap */
	themes_read_options read;
	bool statement;            /* --statement, or detected */
	bool no_header;            /* --no-header: rows only, for shards */
	themes_document_options document; /* -i html|pdf, --encoding */
	char **paths;              /* the FILE arguments */
	int inputs;                /* how many; 0 reads standard input */
} classify_options;

enum {
	OPT_MIN_CONFIDENCE = 256,
	OPT_MULTI,
	OPT_EXPLAIN,
	OPT_PROFILE,
	OPT_HTML,
	OPT_BOOTSTRAP,
	OPT_TEXT_COLUMN,
	OPT_ID_COLUMN,
	OPT_NO_HEADER
};

/* What parse_option returns when the option was applied. */
#define PARSED (-1)

/* Sets *value to the value of the name equal to arg; false when none is. */
static bool pick(const char *arg, const char *const names[],
                 const int values[], int *value)
{
	for (int k = 0; names[k]; k++)
		if (strcmp(arg, names[k]) == 0) {
			*value = values[k];
			return true;
		}
	return false;
}

/* -f (the rows' format) and -i (the inputs'). */
static int parse_formats(classify_options *o, int c, const char *arg)
{
	static const char *const outputs[] = {"csv", "jsonl", NULL};
	static const int output_values[] = {OUTPUT_CSV, OUTPUT_JSONL};
	static const char *const inputs[] = {"auto", "csv", "tsv", "text", NULL};
	static const int input_values[] = {THEMES_FORMAT_AUTO, THEMES_FORMAT_CSV,
	                                   THEMES_FORMAT_TSV, THEMES_FORMAT_TEXT};
	int value;
	if (c == 'f') {
		if (!pick(arg, outputs, output_values, &value))
			return usage_error("classify", "--format must be csv or "
			                   "jsonl, not \"%s\"", arg);
		o->rows.format = (output_format)value;
	} else if (strcmp(arg, "html") == 0 || strcmp(arg, "pdf") == 0) {
		parse_document_kind(arg, &o->document);
		o->statement = true; /* a page or a PDF is a whole statement */
	} else {
		if (!pick(arg, inputs, input_values, &value))
			return usage_error("classify", "--input-format must be auto, "
			                   "csv, tsv, text, html or pdf, not "
			                   "\"%s\"", arg);
		o->read.format = (themes_format)value;
	}
	return PARSED;
}

/* Applies option c (with its argument); returns PARSED, or the exit status
 * when the command stops here (--help, a usage error). */
static int parse_option(classify_options *o, int c, const char *arg)
{
	double number;
	long v;
	switch (c) {
	case 'm': o->model_path = arg; return PARSED;
	case 'l':
		return parse_model_language("classify", arg, &o->language)
			? PARSED : EXIT_USAGE;
	case 'f': case 'i': return parse_formats(o, c, arg);
	case OPT_TEXT_COLUMN: o->read.text_column = arg; return PARSED;
	case OPT_ID_COLUMN: o->read.id_column = arg; return PARSED;
	case OPT_NO_HEADER: o->no_header = true; return PARSED;
	case 'o': o->output_path = arg; return PARSED;
	case 't':
		if (!parse_threads_option("classify", arg))
			return EXIT_USAGE;
		return PARSED;
	case 's': o->statement = true; return PARSED;
	case OPT_MIN_CONFIDENCE:
		if (!parse_double_option("classify", "--min-confidence", arg, &number))
			return EXIT_USAGE;
		if (number < 0)
			return usage_error("classify", "--min-confidence must be 0 "
			                   "or more, not %s", arg);
		o->rows.min_confidence = number;
		return PARSED;
	case OPT_MULTI:
		if (!parse_double_option("classify", "--multi", arg, &number))
			return EXIT_USAGE;
		if (number < 0 || number > 1)
			return usage_error("classify", "--multi must be a probability "
			                   "between 0 and 1, not %s", arg);
		o->rows.multi = number;
		return PARSED;
	case OPT_EXPLAIN:
		if (!parse_int_option("classify", "--explain", arg, 1, 100, &v))
			return EXIT_USAGE;
		o->rows.explain = (int)v;
		return PARSED;
	case OPT_PROFILE: o->profile_path = arg; return PARSED;
	case OPT_HTML: o->html_path = arg; return PARSED;
	case OPT_BOOTSTRAP:
		if (!parse_int_option("classify", "--bootstrap", arg, 0, 1000000,
		                      &o->resamples))
			return EXIT_USAGE;
		return PARSED;
	case 'h': print_help(stdout); return EXIT_OK;
	case OPT_ENCODING: case OPT_ENCODING_ERRORS:
		return parse_document_option("classify", c, arg, &o->document) < 0
			? EXIT_USAGE : PARSED;
	default: return usage_error("classify", "unrecognised option");
	}
}

static bool is_stdout(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

/* Reads the command line into o; returns PARSED or an exit status. */
static int parse_options(int argc, char **argv, classify_options *o)
{
	static const struct option options[] = {
		{"min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE},
		{"multi", required_argument, NULL, OPT_MULTI},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"html", required_argument, NULL, OPT_HTML},
		{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
		{"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
		{"id-column", required_argument, NULL, OPT_ID_COLUMN},
		{"no-header", no_argument, NULL, OPT_NO_HEADER},
		{"model", required_argument, NULL, 'm'},
		{"language", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"threads", required_argument, NULL, 't'},
		{"statement", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		DOCUMENT_LONG_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	o->rows = (row_options){OUTPUT_CSV, -1.0, -1.0, 0, 0, NULL};
	o->resamples = 1000;
	o->read = (themes_read_options){THEMES_FORMAT_AUTO, NULL, NULL};
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "m:l:f:i:o:t:sh", options, NULL)) != -1) {
		int status = parse_option(o, c, optarg);
		if (status != PARSED)
			return status;
	}
	if (o->statement && (o->read.format == THEMES_FORMAT_CSV ||
	                     o->read.format == THEMES_FORMAT_TSV))
		return usage_error("classify", "--statement reads plain text; it "
		                   "cannot be combined with --input-format=csv or tsv");
	if (o->model_path && o->language)
		return usage_error("classify", "-m names the model of every input "
		                   "and --language chooses default models; give "
		                   "one of them");
	/* standard output holds one table at a time */
	if ((!o->output_path || is_stdout(o->output_path)) +
	    is_stdout(o->profile_path) + is_stdout(o->html_path) > 1)
		return usage_error("classify", "only one of the clause rows (-o), "
		                   "--profile and --html can go to standard output; "
		                   "give the others a FILE");
	o->paths = argv + optind;
	o->inputs = argc - optind;
	return PARSED;
}

/* Everything one run holds; run_free releases it all. */
typedef struct classify_run {
	classify_options o;
	input *in;
	int ninputs;
	model_set models;
	classify_job job;
	statement_log log;  /* used with --profile or --html */
	statement_outputs so;
	output_file out, profile_out, html_out;
} classify_run;

/* Reads ahead the first DETECT_BYTES of every input (standard input
 * once), for statement and script detection. */
static int read_heads(classify_run *run)
{
	int status = EXIT_OK;
	bool stdin_seen = false;
	for (int i = 0; i < run->ninputs && status == EXIT_OK; i++) {
		input *in = &run->in[i];
		if (strcmp(in->path, "-") == 0) {
			if (stdin_seen)
				continue;
			stdin_seen = true;
		}
		status = read_head(in);
	}
	return status;
}

/* Auto-detection: statement mode when every input looks like a statement;
 * when only some do, a note says how they are read. */
static void detect_statements(classify_run *run)
{
	int matching = 0;
	for (int i = 0; i < run->ninputs; i++) {
		input *in = &run->in[i];
		in->statement = input_is_statement(in);
		matching += in->statement;
	}
	if (matching == run->ninputs) {
		run->o.statement = true;
		return;
	}
	for (int i = 0; i < run->ninputs; i++)
		if (run->in[i].statement)
			fprintf(stderr, "%s: note: %s looks like a whole statement "
			        "but is read one clause per line, as the other "
			        "inputs are not; use --statement to segment it\n",
			        program_name, run->in[i].path);
}

/* The inputs, read ahead for detection when it is on. */
static int prepare_inputs(classify_run *run)
{
	classify_options *o = &run->o;
	int ninputs = o->inputs > 0 ? o->inputs : 1;
	run->in = calloc((size_t)ninputs, sizeof *run->in);
	if (!run->in) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	run->ninputs = ninputs;
	for (int i = 0; i < ninputs; i++) {
		run->in[i].path = o->inputs > 0 ? o->paths[i] : "-";
		run->in[i].document = &o->document;
	}
	bool detect = !o->statement && o->read.format == THEMES_FORMAT_AUTO;
	int status = EXIT_OK;
	/* pages, PDFs and other encodings are read ahead whole and converted,
	 * so that detection sees their text */
	status = read_heads(run);
	for (int i = 0; i < ninputs && status == EXIT_OK; i++)
		status = convert_input(&run->in[i]);
	if (status == EXIT_OK && detect)
		detect_statements(run);
	if (status == EXIT_OK && !o->statement && (o->profile_path || o->html_path))
		status = usage_error("classify", "--profile and --html summarise "
		                     "whole statements; add --statement");
	return status;
}

/* Chooses and loads the model of every input. */
static int load_models(classify_run *run)
{
	classify_options *o = &run->o;
	model_set *ms = &run->models;
	int status = EXIT_OK;
	for (int i = 0; i < run->ninputs && status == EXIT_OK; i++) {
		input *in = &run->in[i];
		status = models_choose(ms, o->model_path, o->language, in->path,
		                       in->head, in->head_length, &in->model);
	}
	if (status == EXIT_OK)
		status = models_load(ms);
	bool linear = true;
	for (int k = 0; k < MODEL_SLOTS && status == EXIT_OK; k++) {
		if (!ms->slots[k].model || themes_model_options(ms->slots[k].model)
		    ->kernel == THEMES_KERNEL_LINEAR)
			continue;
		linear = false;
		if (o->rows.explain > 0)
			return usage_error("classify", "--explain needs a linear model; "
			                   "%s has an RBF kernel, whose decisions do not "
			                   "split into per-term contributions",
			                   ms->slots[k].path);
	}
	if (status != EXIT_OK)
		return status;
	o->rows.explain_terms = o->rows.explain > 0 ? o->rows.explain
	                        : o->html_path && linear ? HTML_EXPLAIN_TERMS : 0;
	return EXIT_OK;
}

/* The two batches, and the labels the rows and summaries use. */
static int start_job(classify_run *run)
{
	classify_job *job = &run->job;
	bool batches_ready = batch_init(&job->batches[0]);
	batches_ready = batch_init(&job->batches[1]) && batches_ready;
	if (!batches_ready) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	statement_outputs_init(&run->so, run->models.models, run->models.count,
	                       run->o.resamples, run->o.rows.min_confidence);
	run->o.rows.codebook = run->so.codebook;
	job->opt = &run->o.rows;
	return EXIT_OK;
}

static int open_outputs(classify_run *run)
{
	const classify_options *o = &run->o;
	int status = output_open(&run->out, o->output_path);
	if (status == EXIT_OK && o->profile_path)
		status = output_open(&run->profile_out, o->profile_path);
	if (status == EXIT_OK && o->html_path)
		status = output_open(&run->html_out, o->html_path);
	return status;
}

/* Ends the outputs and commits them; run_free removes what a failed run
 * leaves uncommitted, so no partial file stays behind. */
static int finish_outputs(classify_run *run, int status)
{
	const progress *p = &run->job.progress;
	if (p->on && p->total > 0)
		fprintf(stderr, "\rthemes: %lu clauses\n", p->total);
	if (run->so.html)
		html_report_end(run->so.html);
	if (status == EXIT_OK)
		status = output_commit(&run->out);
	if (status == EXIT_OK && run->profile_out.stream)
		status = output_commit(&run->profile_out);
	if (status == EXIT_OK && run->html_out.stream)
		status = output_commit(&run->html_out);
	return status;
}

static int classify_all(classify_run *run)
{
	classify_options *o = &run->o;
	if (!o->no_header)
		write_header(run->out.stream, o->statement, &o->rows);
	run->job.out = run->out.stream;
	run->job.progress.on = isatty(STDERR_FILENO);
	/* the readable profile is for a person watching: like progress, only
	 * when standard error is a terminal */
	run->so.table = o->profile_path && run->job.progress.on;
	char model_names[4 * PATH_MAX];
	models_name(&run->models, model_names, sizeof model_names);
	statement_outputs_begin(&run->so, run->profile_out.stream,
	                        run->html_out.stream, model_names,
	                        o->rows.min_confidence);
	statement_log *log = o->profile_path || o->html_path ? &run->log : NULL;
	int status = EXIT_OK;
	for (int i = 0; i < run->ninputs && status == EXIT_OK; i++) {
		const model_slot *slot = &run->models.slots[run->in[i].model];
		run->job.classifiers = slot->classifiers;
		statement_outputs_use_model(&run->so, slot->model);
		status = o->statement
			? classify_statement(&run->job, &run->in[i], log, &run->so)
			: classify_input(&run->job, &run->in[i], &o->read,
			                 o->inputs > 1);
	}
	return finish_outputs(run, status);
}

static void run_free(classify_run *run)
{
	output_abort(&run->out);
	output_abort(&run->profile_out);
	output_abort(&run->html_out);
	log_free(&run->log);
	batch_free(&run->job.batches[0]);
	batch_free(&run->job.batches[1]);
	models_free(&run->models);
	for (int i = 0; i < run->ninputs; i++) {
		free(run->in[i].head);
		themes_document_free(&run->in[i].doc);
	}
	free(run->in);
}

int main_classify(int argc, char **argv)
{
	classify_run run;
	memset(&run, 0, sizeof run);
	int status = parse_options(argc, argv, &run.o);
	if (status != PARSED)
		return status; /* nothing to free yet */
	status = prepare_inputs(&run);
	if (status == EXIT_OK)
		status = load_models(&run);
	if (status == EXIT_OK)
		status = start_job(&run);
	if (status == EXIT_OK)
		status = open_outputs(&run);
	if (status == EXIT_OK)
		status = classify_all(&run);
	run_free(&run);
	return status;
}
