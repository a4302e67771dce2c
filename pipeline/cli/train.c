/*
 * train.c - `themes train`: labelled CSV in, model file out.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes train [OPTION]... TRAIN.csv -o MODEL\n"
"Train a classifier from a labelled CSV or TSV (columns id, text, theme;\n"
"secondary and source optional; see THEMES.md) and write it to MODEL.\n"
"The labels are those of --codebook, or else the labels the theme column\n"
"uses, in bytewise order.\n"
"\n"
"  -o, --output=MODEL          model file to write (required; written whole\n"
"                              or not at all)\n"
"      --codebook=FILE         the label set: one label per line, optionally\n"
"                              followed by a description (see\n"
"                              corpus/themes.codebook); fixes the labels'\n"
"                              order and rejects any other label\n"
"      --text-column=NAME      column holding the clauses (default text)\n"
"      --theme-column=NAME     column holding the labels (default theme)\n"
"Training options (each is recorded in the model):\n");
	print_train_options_help(out);
	fprintf(out,
"Choosing C:\n"
"      --grid                  choose C (and gamma for rbf) by stratified\n"
"                              cross-validation, then train with the best\n"
"      --costs=LIST            C values for --grid (default 0.1,0.3,1,3,10)\n"
"      --gammas=LIST           gamma values for --grid with rbf\n"
"      --cv=K                  folds for --grid (default 5)\n"
"      --group-by=COLUMN       --grid with grouped folds: no value of COLUMN\n"
"                              (e.g. writer) on both sides of a fold\n"
"Other:\n"
"  -t, --threads=N             threads (default: all cores)\n"
"  -q, --quiet                 no summary on stderr\n"
"  -h, --help                  show this help and exit\n"
"\n"
"The same input and options always give a byte-identical model file.\n");
}

typedef struct train_cli {
	const char *output, *costs, *gammas, *codebook;
	themes_corpus_columns columns;
	bool quiet, grid;
	int folds;
	themes_train_options train;
} train_cli;

/* Parses the command line into cli; returns -1 to go on, or an exit
 * status. */
static int parse_command_line(int argc, char **argv, train_cli *cli)
{
	enum { OPT_GRID = 256, OPT_COSTS, OPT_GAMMAS, OPT_CV, OPT_CODEBOOK,
	       OPT_TEXT_COLUMN, OPT_THEME_COLUMN, OPT_GROUP_BY };
	static const struct option own[] = {
		{"output", required_argument, NULL, 'o'},
		{"grid", no_argument, NULL, OPT_GRID},
		{"costs", required_argument, NULL, OPT_COSTS},
		{"gammas", required_argument, NULL, OPT_GAMMAS},
		{"cv", required_argument, NULL, OPT_CV},
		{"codebook", required_argument, NULL, OPT_CODEBOOK},
		{"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
		{"theme-column", required_argument, NULL, OPT_THEME_COLUMN},
		{"group-by", required_argument, NULL, OPT_GROUP_BY},
		{"threads", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct option *options = train_long_options(own);
	char shorts[64];
	train_short_options("o:t:qh", shorts, sizeof shorts);
	if (!options) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = -1, c;
	long v;
	optind = 1;
	while (status < 0 &&
	       (c = getopt_long(argc, argv, shorts, options, NULL)) != -1) {
		int applied = parse_train_option("train", c, optarg, &cli->train);
		if (applied < 0)
			status = EXIT_USAGE;
		if (applied)
			continue;
		switch (c) {
		case 'o': cli->output = optarg; break;
		case OPT_GRID: cli->grid = true; break;
		case OPT_COSTS: cli->costs = optarg; break;
		case OPT_GAMMAS: cli->gammas = optarg; break;
		case OPT_CV:
			if (!parse_int_option("train", "--cv", optarg, 2, 100, &v))
				status = EXIT_USAGE;
			cli->folds = (int)v;
			break;
		case OPT_CODEBOOK: cli->codebook = optarg; break;
		case OPT_TEXT_COLUMN: cli->columns.text = optarg; break;
		case OPT_THEME_COLUMN: cli->columns.theme = optarg; break;
		case OPT_GROUP_BY: cli->columns.group = optarg; break;
		case 't':
			if (!parse_threads_option("train", optarg))
				status = EXIT_USAGE;
			break;
		case 'q': cli->quiet = true; break;
		case 'h': print_help(stdout); status = EXIT_OK; break;
		default: status = usage_error("train", "unrecognised option");
		}
	}
	train_long_options_free(options);
	if (status >= 0)
		return status;
	if (optind != argc - 1)
		return usage_error("train", optind >= argc ?
		                   "no training file given" :
		                   "exactly one training file expected");
	if (!cli->output)
		return usage_error("train", "no model file given (use -o MODEL)");
	if (cli->columns.group && !cli->grid)
		return usage_error("train", "--group-by chooses the folds of --grid; "
		                   "add --grid");
	return -1;
}

static void print_summary(const themes_model *model, size_t clauses,
                          const char *output)
{
	const themes_codebook *labels = themes_model_codebook(model);
	const unsigned *counts = themes_model_class_counts(model);
	fprintf(stderr, "themes: trained on %zu clauses (", clauses);
	for (int k = 0; k < themes_codebook_count(labels); k++)
		fprintf(stderr, "%s%s %u", k ? ", " : "",
		        themes_codebook_label(labels, k), counts[k]);
	fprintf(stderr, "); %zu features; wrote %s\n",
	        themes_model_features(model), output);
}

int main_train(int argc, char **argv)
{
	train_cli cli = {0};
	cli.folds = 5;
	themes_train_options_init(&cli.train);
	int status = parse_command_line(argc, argv, &cli);
	if (status >= 0)
		return status;

	themes_error err = {0};
	themes_corpus *corpus = NULL;
	themes_model *model = NULL;
	output_file out = {0};
	status = load_corpus(argv[optind], cli.codebook, NULL, &cli.columns,
	                     &corpus);
	if (status == EXIT_OK && cli.grid) {
		themes_train_options best;
		status = grid_search(corpus, &cli.train, cli.folds,
		                     cli.columns.group != NULL, cli.train.seed,
		                     cli.costs, cli.gammas, stderr, &best);
		cli.train = best;
	}
	if (status == EXIT_OK &&
	    themes_train(&model, corpus, NULL, 0, &cli.train, &err) != THEMES_OK)
		status = report_failure(&err);
	if (status == EXIT_OK)
		status = output_open(&out, cli.output);
	if (status == EXIT_OK) {
		if (themes_model_write(model, out.stream, &err) != THEMES_OK) {
			status = report_failure(&err);
			output_abort(&out);
		} else {
			status = output_commit(&out);
		}
	}
	if (status == EXIT_OK && !cli.quiet)
		print_summary(model, themes_corpus_size(corpus), cli.output);
	themes_model_free(&model);
	themes_corpus_free(corpus);
	return status;
}
