/*
 * eval.c - `themes eval`: how far to trust the labels.
 *
 * Three modes: score a model on a labelled file (held-out), cross-validate
 * training options (--cv K), or search C (and gamma) by cross-validation
 * (--grid).  Reports go to stdout as a table and optionally to JSON, JUnit,
 * Markdown, SVG and an errors CSV; --min-macro-f1 and --baseline turn the run
 * into a CI gate.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes eval [OPTION]... -m MODEL TEST.csv     score a model\n"
"  or:  themes eval --cv K [OPTION]... TRAIN.csv      cross-validate\n"
"  or:  themes eval --grid [OPTION]... TRAIN.csv      search C (and gamma)\n"
"\n"
"Mode:\n"
"  -m, --model=MODEL         model to score (default: the default model)\n"
"      --cv=K                stratified K-fold cross-validation\n"
"      --group-by=COLUMN     with --cv or --grid: grouped folds, so that no\n"
"                            value of COLUMN (e.g. writer) is on both sides\n"
"                            of a fold; stratified as far as groups allow\n"
"      --grid                cross-validated search over --costs (and\n"
"                            --gammas for --kernel rbf); K from --cv or 5\n"
"      --costs=LIST          C values for --grid (default 0.1,0.3,1,3,10)\n"
"      --gammas=LIST         gamma values for --grid with rbf\n"
"                            (default 0.1,0.3,1,3)\n"
"Data:\n"
"      --codebook=FILE       with --cv or --grid: the label set (with -m the\n"
"                            model's labels are used)\n"
"      --text-column=NAME    column holding the clauses (default text)\n"
"      --theme-column=NAME   column holding the labels (default theme)\n"
"Training options for --cv and --grid (as for 'themes train'):\n");
	print_train_options_help(out);
	fprintf(out,
"Reports:\n"
"      --by=COLUMN           also score each value of COLUMN (e.g. register\n"
"                            or writer), each with its 95%% interval\n"
"      --json=FILE           metrics and a reproducibility manifest as JSON\n"
"      --junit=FILE          JUnit XML, one test case per theme\n"
"      --markdown=FILE       Markdown tables\n"
"      --svg=FILE            confusion heat map and per-theme F1 bars\n"
"      --errors=FILE         most confident errors per confusion pair (CSV)\n"
"      --errors-per-pair=N   rows per pair in --errors (default 5)\n"
"      --predictions=FILE    every clause's prediction (CSV id,gold,\n"
"                            predicted,confidence), e.g. to compare two\n"
"                            settings clause by clause\n"
"      --bootstrap=N         bootstrap resamples for the 95%% intervals\n"
"                            (default 1000; 0 turns intervals off)\n"
"      --seed=N              seed for folds and bootstrap (default 1)\n"
"Leakage guard:\n"
"      --train=FILE          warn about test clauses that nearly duplicate\n"
"                            clauses of FILE (with --cv: within the file)\n"
"      --leakage-threshold=J word 3-shingle Jaccard for a near duplicate\n"
"                            (default 0.6)\n"
"Gates (exit status 1 when they fail):\n"
"      --min-macro-f1=X      fail when macro-F1 is below X\n"
"      --theme-floor=X       per-theme F1 floor for JUnit (default 0)\n"
"      --baseline=JSON       fail when macro-F1 dropped below a committed\n"
"                            report by more than the bootstrap noise\n"
"  -t, --threads=N           threads (default: all cores)\n"
"  -h, --help                show this help and exit\n");
}

typedef struct eval_options {
	const char *model_path;
	const char *codebook;
	themes_corpus_columns columns;
	int folds;
	bool grid;
	const char *costs, *gammas;
	themes_train_options train;
	const char *json, *junit, *markdown, *svg, *errors, *predictions;
	long errors_per_pair;
	long resamples;
	uint32_t seed;
	double min_macro_f1;
	double theme_floor;
	const char *baseline;
	const char *train_path;
	double leakage_threshold;
} eval_options;

typedef struct leak_report {
	const themes_corpus *train, *test;
	long shown;
} leak_report;

static int show_leak(size_t train_row, size_t test_row, double jaccard,
                     void *user)
{
	leak_report *r = user;
	if (r->shown++ < 10)
		fprintf(stderr, "%s: warning: %s:%ld (%s) nearly duplicates %s:%ld "
		        "(%s): Jaccard %.2f\n", program_name,
		        themes_corpus_name(r->test), themes_corpus_line(r->test, test_row),
		        themes_corpus_id(r->test, test_row), themes_corpus_name(r->train),
		        themes_corpus_line(r->train, train_row),
		        themes_corpus_id(r->train, train_row), jaccard);
	return 0;
}

/* Warns about near-duplicate clauses between test and train (or within
 * test when train is NULL), which would inflate the scores. */
static int check_leakage(const themes_corpus *train, const themes_corpus *test,
                         double threshold)
{
	themes_error err = {0};
	leak_report r = {train ? train : test, test, 0};
	long found = themes_near_duplicates(r.train, train ? test : NULL,
	                                    threshold, show_leak, &r, &err);
	if (found < 0)
		return report_failure(&err);
	if (found > 10)
		fprintf(stderr, "%s: warning: %ld more near-duplicate pairs not shown\n",
		        program_name, found - 10);
	if (found > 0)
		fprintf(stderr, "%s: warning: %ld near-duplicate pair%s (Jaccard >= "
		        "%.2f) %s: the scores may be inflated\n", program_name, found,
		        found == 1 ? "" : "s", threshold,
		        train ? "between test and training data" :
		                "across cross-validation folds");
	return EXIT_OK;
}

/* Reads "macro_f1": X from a JSON report written by --json. */
static bool read_baseline(const char *path, double *macro_f1)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char text[8192];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	const char *key = strstr(text, "\"macro_f1\":");
	if (!key)
		return false;
	char *end;
	*macro_f1 = strtod(key + strlen("\"macro_f1\":"), &end);
	return end != key + strlen("\"macro_f1\":");
}

static int write_report(const char *path, const themes_report *report,
                        int (*writer)(FILE *, const themes_report *))
{
	if (!path)
		return EXIT_OK;
	output_file out;
	if (output_open(&out, path) != EXIT_OK)
		return EXIT_DATA;
	if (writer(out.stream, report) != THEMES_OK) {
		report_error("%s: write error: %s", path, strerror(errno ? errno : EIO));
		output_abort(&out);
		return EXIT_DATA;
	}
	return output_commit(&out);
}

/* write_report takes two-argument writers; the JUnit floor rides along in
 * this file-level setting, set once before the reports are written. */
static double junit_floor;

static int write_junit(FILE *out, const themes_report *report)
{
	return themes_report_junit(out, report, junit_floor);
}

/* Scores each value of the --by column apart. */
static int score_groups(const eval_options *opt, const themes_corpus *corpus,
                        const themes_scored *items, themes_report *report)
{
	size_t n = themes_corpus_size(corpus), count = 0;
	int labels = themes_codebook_count(themes_corpus_codebook(corpus));
	themes_report_group *groups = calloc(n + 1, sizeof *groups);
	themes_scored *subset = calloc(n + 1, sizeof *subset);
	themes_error err = {0};
	int status = EXIT_OK;
	if (!groups || !subset) {
		free(groups);
		free(subset);
		report_error("out of memory");
		return EXIT_DATA;
	}
	/* Values in order of first appearance. */
	for (size_t i = 0; i < n; i++) {
		const char *value = themes_corpus_by(corpus, i);
		size_t g = 0;
		while (g < count && strcmp(groups[g].value, value) != 0)
			g++;
		if (g == count)
			groups[count++].value = value;
	}
	for (size_t g = 0; g < count && status == EXIT_OK; g++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(themes_corpus_by(corpus, i), groups[g].value) == 0)
				subset[m++] = items[i];
		themes_metrics metrics;
		themes_metrics_compute(subset, m, labels, &metrics);
		groups[g].n = m;
		groups[g].macro_f1 = metrics.macro_f1;
		groups[g].accuracy = metrics.accuracy;
		if (opt->resamples > 0 &&
		    themes_metrics_bootstrap(subset, m, labels,
		                             (unsigned)opt->resamples, opt->seed,
		                             &groups[g].macro_f1_ci,
		                             &groups[g].accuracy_ci, &err) != THEMES_OK)
			status = report_failure(&err);
	}
	free(subset);
	report->by_column = opt->columns.by;
	report->groups = groups;
	report->group_count = count;
	return status;
}

static int report_all_formats(const eval_options *opt,
                              const themes_corpus *corpus,
                              const themes_scored *items,
                              const themes_report *report_in);

/* --errors and --predictions: one row per clause or per error. */
static int write_clause_reports(const eval_options *opt,
                                const themes_corpus *corpus,
                                const themes_scored *items,
                                const themes_codebook *codebook)
{
	size_t n = themes_corpus_size(corpus);
	const char **ids = malloc((n + 1) * sizeof *ids);
	const char **texts = malloc((n + 1) * sizeof *texts);
	if (!ids || !texts) {
		free(ids);
		free(texts);
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (size_t i = 0; i < n; i++) {
		ids[i] = themes_corpus_id(corpus, i);
		texts[i] = themes_corpus_text(corpus, i);
	}
	const char *paths[2] = {opt->errors, opt->predictions};
	int status = EXIT_OK;
	for (int r = 0; r < 2 && status == EXIT_OK; r++) {
		output_file out;
		if (!paths[r] || (status = output_open(&out, paths[r])) != EXIT_OK)
			continue;
		int written = r == 0 ?
			themes_report_errors(out.stream, codebook, items, n, ids, texts,
			                     (size_t)opt->errors_per_pair) :
			themes_report_predictions(out.stream, codebook, items, n, ids);
		if (written != THEMES_OK) {
			report_error("%s: write error", paths[r]);
			output_abort(&out);
			status = EXIT_DATA;
		} else {
			status = output_commit(&out);
		}
	}
	free(ids);
	free(texts);
	return status;
}

/* Scores items and writes every requested report; applies the gates. */
static int report_all(const eval_options *opt, const themes_corpus *corpus,
                      const themes_scored *items, const char *mode,
                      const char *data_path, const char *model_path,
                      const char *settings)
{
	size_t n = themes_corpus_size(corpus);
	int labels = themes_codebook_count(themes_corpus_codebook(corpus));
	themes_metrics metrics;
	themes_metrics_compute(items, n, labels, &metrics);
	themes_report report = {0};
	report.metrics = &metrics;
	report.codebook = themes_corpus_codebook(corpus);
	report.mode = mode;
	report.folds = strcmp(mode, "holdout") == 0 ? 0 : (unsigned)opt->folds;
	char data_hash[17], model_hash[17];
	themes_file_digest(data_path, data_hash);
	report.data_path = data_path;
	report.data_hash = data_hash;
	if (model_path) {
		themes_file_digest(model_path, model_hash);
		report.model_path = model_path;
		report.model_hash = model_hash;
	}
	report.settings = settings;
	report.seed = opt->seed;
	report.threads = omp_get_max_threads();
	themes_error err = {0};
	if (opt->resamples > 0) {
		if (themes_metrics_bootstrap(items, n, labels, (unsigned)opt->resamples,
		                             opt->seed, &report.macro_f1_ci,
		                             &report.accuracy_ci, &err) != THEMES_OK)
			return report_failure(&err);
		report.resamples = (unsigned)opt->resamples;
	}
	if (opt->columns.by && score_groups(opt, corpus, items, &report) != EXIT_OK) {
		free((void *)report.groups);
		return EXIT_DATA;
	}
	int status = report_all_formats(opt, corpus, items, &report);
	free((void *)report.groups);
	return status;
}

/* Writes the reports and applies the gates. */
static int report_all_formats(const eval_options *opt,
                              const themes_corpus *corpus,
                              const themes_scored *items,
                              const themes_report *report_in)
{
	themes_report report = *report_in;
	const themes_metrics metrics = *report.metrics;
	if (themes_report_text(stdout, &report) != THEMES_OK) {
		report_error("<stdout>: write error");
		return EXIT_DATA;
	}
	junit_floor = opt->theme_floor;
	int status = EXIT_OK;
	if (write_report(opt->json, &report, themes_report_json) ||
	    write_report(opt->junit, &report, write_junit) ||
	    write_report(opt->markdown, &report, themes_report_markdown) ||
	    write_report(opt->svg, &report, themes_report_svg))
		return EXIT_DATA;
	if ((opt->errors || opt->predictions) &&
	    (status = write_clause_reports(opt, corpus, items, report.codebook)))
		return status;
	if (opt->min_macro_f1 > 0 && metrics.macro_f1 < opt->min_macro_f1) {
		report_error("macro-F1 %.4f is below the floor %.4f", metrics.macro_f1,
		             opt->min_macro_f1);
		status = EXIT_DATA;
	}
	if (opt->baseline) {
		double baseline;
		if (!read_baseline(opt->baseline, &baseline)) {
			report_error("%s: cannot read \"macro_f1\" from the baseline report",
			             opt->baseline);
			return EXIT_DATA;
		}
		/* A real regression: the baseline lies above the whole 95% interval
		 * of the current run, not just above its point estimate. */
		double upper = report.resamples ? report.macro_f1_ci.high :
		                                  metrics.macro_f1;
		if (baseline > upper) {
			report_error("macro-F1 regressed: baseline %.4f is above the 95%% "
			             "interval [%.4f, %.4f] of this run", baseline,
			             report.macro_f1_ci.low, upper);
			status = EXIT_DATA;
		} else {
			fprintf(stderr, "themes: baseline macro-F1 %.4f is within or below "
			        "this run's interval; no regression\n", baseline);
		}
	}
	return status;
}

/* Parses the command line into opt; returns -1 to go on, or an exit
 * status. */
static int parse_command_line(int argc, char **argv, eval_options *opt)
{
	enum { OPT_CV = 256, OPT_GRID, OPT_COSTS, OPT_GAMMAS, OPT_JSON, OPT_JUNIT,
	       OPT_MARKDOWN, OPT_SVG, OPT_ERRORS, OPT_ERRORS_PER_PAIR,
	       OPT_BOOTSTRAP, OPT_SEED, OPT_MIN_F1, OPT_FLOOR, OPT_BASELINE,
	       OPT_TRAIN, OPT_LEAKAGE, OPT_CODEBOOK, OPT_GROUP_BY, OPT_BY,
	       OPT_TEXT_COLUMN, OPT_THEME_COLUMN, OPT_PREDICTIONS };
	static const struct option own[] = {
		{"model", required_argument, NULL, 'm'},
		{"cv", required_argument, NULL, OPT_CV},
		{"grid", no_argument, NULL, OPT_GRID},
		{"costs", required_argument, NULL, OPT_COSTS},
		{"gammas", required_argument, NULL, OPT_GAMMAS},
		{"json", required_argument, NULL, OPT_JSON},
		{"junit", required_argument, NULL, OPT_JUNIT},
		{"markdown", required_argument, NULL, OPT_MARKDOWN},
		{"svg", required_argument, NULL, OPT_SVG},
		{"errors", required_argument, NULL, OPT_ERRORS},
		{"errors-per-pair", required_argument, NULL, OPT_ERRORS_PER_PAIR},
		{"predictions", required_argument, NULL, OPT_PREDICTIONS},
		{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
		{"seed", required_argument, NULL, OPT_SEED},
		{"min-macro-f1", required_argument, NULL, OPT_MIN_F1},
		{"theme-floor", required_argument, NULL, OPT_FLOOR},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"train", required_argument, NULL, OPT_TRAIN},
		{"leakage-threshold", required_argument, NULL, OPT_LEAKAGE},
		{"codebook", required_argument, NULL, OPT_CODEBOOK},
		{"group-by", required_argument, NULL, OPT_GROUP_BY},
		{"by", required_argument, NULL, OPT_BY},
		{"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
		{"theme-column", required_argument, NULL, OPT_THEME_COLUMN},
		{"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct option *options = train_long_options(own);
	char shorts[64];
	train_short_options("m:t:h", shorts, sizeof shorts);
	if (!options) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = -1, c;
	long v;
	optind = 1;
	while (status < 0 &&
	       (c = getopt_long(argc, argv, shorts, options, NULL)) != -1) {
		int applied = parse_train_option("eval", c, optarg, &opt->train);
		if (applied < 0)
			status = EXIT_USAGE;
		if (applied)
			continue;
		switch (c) {
		case 'm': opt->model_path = optarg; break;
		case OPT_CV:
			if (!parse_int_option("eval", "--cv", optarg, 2, 100, &v))
				status = EXIT_USAGE;
			opt->folds = (int)v;
			break;
		case OPT_GRID: opt->grid = true; break;
		case OPT_COSTS: opt->costs = optarg; break;
		case OPT_GAMMAS: opt->gammas = optarg; break;
		case OPT_JSON: opt->json = optarg; break;
		case OPT_JUNIT: opt->junit = optarg; break;
		case OPT_MARKDOWN: opt->markdown = optarg; break;
		case OPT_SVG: opt->svg = optarg; break;
		case OPT_ERRORS: opt->errors = optarg; break;
		case OPT_PREDICTIONS: opt->predictions = optarg; break;
		case OPT_ERRORS_PER_PAIR:
			if (!parse_int_option("eval", "--errors-per-pair", optarg, 1,
			                      1000000, &opt->errors_per_pair))
				status = EXIT_USAGE;
			break;
		case OPT_BOOTSTRAP:
			if (!parse_int_option("eval", "--bootstrap", optarg, 0, 1000000,
			                      &opt->resamples))
				status = EXIT_USAGE;
			break;
		case OPT_SEED:
			if (!parse_int_option("eval", "--seed", optarg, 0, 4294967295L, &v))
				status = EXIT_USAGE;
			opt->seed = (uint32_t)v;
			opt->train.seed = (uint32_t)v;
			break;
		case OPT_MIN_F1:
			if (!parse_double_option("eval", "--min-macro-f1", optarg,
			                         &opt->min_macro_f1))
				status = EXIT_USAGE;
			break;
		case OPT_FLOOR:
			if (!parse_double_option("eval", "--theme-floor", optarg,
			                         &opt->theme_floor))
				status = EXIT_USAGE;
			break;
		case OPT_BASELINE: opt->baseline = optarg; break;
		case OPT_TRAIN: opt->train_path = optarg; break;
		case OPT_LEAKAGE:
			if (!parse_double_option("eval", "--leakage-threshold", optarg,
			                         &opt->leakage_threshold))
				status = EXIT_USAGE;
			else if (!(opt->leakage_threshold > 0 &&
			           opt->leakage_threshold <= 1))
				status = usage_error("eval", "--leakage-threshold must be "
				                     "in (0, 1]");
			break;
		case OPT_CODEBOOK: opt->codebook = optarg; break;
		case OPT_GROUP_BY: opt->columns.group = optarg; break;
		case OPT_BY: opt->columns.by = optarg; break;
		case OPT_TEXT_COLUMN: opt->columns.text = optarg; break;
		case OPT_THEME_COLUMN: opt->columns.theme = optarg; break;
		case 't':
			if (!parse_threads_option("eval", optarg))
				status = EXIT_USAGE;
			break;
		case 'h': print_help(stdout); status = EXIT_OK; break;
		default: status = usage_error("eval", "unrecognised option");
		}
	}
	train_long_options_free(options);
	if (status >= 0)
		return status;
	if (optind != argc - 1)
		return usage_error("eval", optind >= argc ? "no labelled file given" :
		                   "exactly one labelled file expected");
	if ((opt->folds || opt->grid) && opt->model_path)
		return usage_error("eval", "-m scores a given model; --cv and --grid "
		                   "train their own: use one or the other");
	if (opt->columns.group && !opt->folds && !opt->grid)
		return usage_error("eval", "--group-by chooses cross-validation "
		                   "folds; add --cv K or --grid");
	if (opt->codebook && !opt->folds && !opt->grid)
		return usage_error("eval", "--codebook is for --cv and --grid; a "
		                   "model brings its own labels");
	return -1;
}

static const char *corpus_text(const void *data, size_t i)
{
	return themes_corpus_text(data, i);
}

/* Classifies every clause of corpus with the model, in parallel. */
static int classify_corpus(const themes_model *model,
                           const themes_corpus *corpus, themes_scored *items)
{
	size_t n = themes_corpus_size(corpus);
	themes_prediction *p = calloc(n + 1, sizeof *p);
	if (!p) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = classify_texts(model, n, corpus_text, corpus, p);
	for (size_t i = 0; status == EXIT_OK && i < n; i++) {
		items[i].gold = themes_corpus_theme(corpus, i);
		items[i].gold_secondary = themes_corpus_secondary(corpus, i);
		items[i].predicted = p[i].theme;
		memcpy(items[i].scores, p[i].scores, sizeof p[i].scores);
	}
	free(p);
	return status;
}

/* Held-out mode: the model's labels decide which labels the file may use. */
static int evaluate_model(const eval_options *opt, const char *data_path)
{
	const char *model_path = opt->model_path ? opt->model_path :
	                                           default_model_path();
	themes_error err = {0};
	themes_model *model = NULL;
	themes_corpus *corpus = NULL;
	themes_scored *items = NULL;
	if (themes_model_load(&model, model_path, &err) != THEMES_OK)
		return report_failure(&err);
	int status = load_corpus(data_path, NULL, themes_model_codebook(model),
	                         &opt->columns, &corpus);
	if (status == EXIT_OK && opt->train_path) {
		themes_corpus *train = NULL;
		status = load_corpus(opt->train_path, NULL,
		                     themes_model_codebook(model), NULL, &train);
		if (status == EXIT_OK)
			status = check_leakage(train, corpus, opt->leakage_threshold);
		themes_corpus_free(train);
	}
	if (status == EXIT_OK &&
	    !(items = calloc(themes_corpus_size(corpus) + 1, sizeof *items))) {
		report_error("out of memory");
		status = EXIT_DATA;
	}
	if (status == EXIT_OK)
		status = classify_corpus(model, corpus, items);
	if (status == EXIT_OK) {
		char settings[1024];
		themes_train_options_describe(themes_model_options(model), settings,
		                              sizeof settings);
		status = report_all(opt, corpus, items, "holdout", data_path,
		                    model_path, settings);
	}
	free(items);
	themes_corpus_free(corpus);
	themes_model_free(&model);
	return status;
}

/* --cv and --grid: models trained on folds of the file itself. */
static int cross_validate(eval_options *opt, const char *data_path)
{
	themes_error err = {0};
	themes_corpus *corpus = NULL;
	themes_scored *items = NULL;
	bool grouped = opt->columns.group != NULL;
	int status = load_corpus(data_path, opt->codebook, NULL, &opt->columns,
	                         &corpus);
	if (status != EXIT_OK)
		return status;
	if (opt->folds)
		status = check_leakage(NULL, corpus, opt->leakage_threshold);
	if (status == EXIT_OK && opt->grid) {
		themes_train_options best;
		status = grid_search(corpus, &opt->train, opt->folds ? opt->folds : 5,
		                     grouped, opt->seed, opt->costs, opt->gammas,
		                     stdout, &best);
	} else if (status == EXIT_OK) {
		items = calloc(themes_corpus_size(corpus) + 1, sizeof *items);
		if (!items) {
			report_error("out of memory");
			status = EXIT_DATA;
		} else if (themes_cross_validate(corpus, &opt->train, opt->folds,
		                                 grouped, opt->seed, items,
		                                 &err) != THEMES_OK) {
			status = report_failure(&err);
		}
		if (status == EXIT_OK) {
			char settings[1024];
			themes_train_options_describe(&opt->train, settings,
			                              sizeof settings);
			status = report_all(opt, corpus, items, grouped ?
			                    "grouped cross-validation" :
			                    "cross-validation", data_path, NULL, settings);
		}
	}
	free(items);
	themes_corpus_free(corpus);
	return status;
}

int main_eval(int argc, char **argv)
{
	eval_options opt = {0};
	opt.leakage_threshold = 0.6;
	themes_train_options_init(&opt.train);
	opt.errors_per_pair = 5;
	opt.resamples = 1000;
	opt.seed = 1;
	int status = parse_command_line(argc, argv, &opt);
	if (status >= 0)
		return status;
	const char *data_path = argv[optind];
	if (opt.folds || opt.grid)
		return cross_validate(&opt, data_path);
	return evaluate_model(&opt, data_path);
}
