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
"Train a theme classifier from a labelled CSV (columns id, text, theme;\n"
"secondary and source optional; see THEMES.md) and write it to MODEL.\n"
"\n"
"  -o, --output=MODEL        model file to write (required)\n"
"  -C, --cost=C              SVM cost parameter (default 1)\n"
"  -k, --kernel=KERNEL       linear (default) or rbf\n"
"  -g, --gamma=G             RBF width (default 1/number of features)\n"
"      --ngrams=N            1: unigrams; 2: unigrams and bigrams (default)\n"
"      --min-df=N            keep terms in at least N clauses (default 2)\n"
"      --no-stop-words       keep function words\n"
"      --no-sublinear-tf     raw term counts instead of 1 + ln(tf)\n"
"      --no-balance          no class weights against imbalance\n"
"  -l, --language=LANG       Snowball stemmer language (default english)\n"
"      --calibration-folds=K folds for fitting probabilities (default 5;\n"
"                            0 fits them on the training data)\n"
"      --seed=N              seed for the calibration folds (default 1)\n"
"      --grid                choose C (and gamma for rbf) by stratified\n"
"                            cross-validation, then train with the best\n"
"      --costs=LIST          C values for --grid (default 0.1,0.3,1,3,10)\n"
"      --gammas=LIST         gamma values for --grid with rbf\n"
"      --cv=K                folds for --grid (default 5)\n"
"  -t, --threads=N           threads (default: all cores)\n"
"  -q, --quiet               no summary on stderr\n"
"  -h, --help                show this help and exit\n"
"\n"
"The same input and options always give a byte-identical model file.\n");
}

int main_train(int argc, char **argv)
{
	enum { OPT_SEED = 256, OPT_GRID, OPT_COSTS, OPT_GAMMAS, OPT_CV };
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		TRAIN_LONG_OPTIONS,
		{"seed", required_argument, NULL, OPT_SEED},
		{"grid", no_argument, NULL, OPT_GRID},
		{"costs", required_argument, NULL, OPT_COSTS},
		{"gammas", required_argument, NULL, OPT_GAMMAS},
		{"cv", required_argument, NULL, OPT_CV},
		{"threads", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	themes_train_options opt;
	themes_train_options_init(&opt);
	const char *output = NULL, *costs = NULL, *gammas = NULL;
	bool quiet = false, grid = false;
	int folds = 5;
	long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:t:qh" TRAIN_SHORT_OPTIONS, options,
	                        NULL)) != -1) {
		int applied = parse_train_option("train", c, optarg, &opt);
		if (applied < 0)
			return EXIT_USAGE;
		if (applied)
			continue;
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_SEED:
			if (!parse_int_option("train", "--seed", optarg, 0, 4294967295L, &v))
				return EXIT_USAGE;
			opt.seed = (uint32_t)v;
			break;
		case OPT_GRID: grid = true; break;
		case OPT_COSTS: costs = optarg; break;
		case OPT_GAMMAS: gammas = optarg; break;
		case OPT_CV:
			if (!parse_int_option("train", "--cv", optarg, 2, 100, &v))
				return EXIT_USAGE;
			folds = (int)v;
			break;
		case 't':
			if (!parse_int_option("train", "--threads", optarg, 1, 1024, &v))
				return EXIT_USAGE;
			set_threads(v);
			break;
		case 'q': quiet = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("train", "unrecognised option");
		}
	}
	if (optind != argc - 1)
		return usage_error("train", optind >= argc ?
		                   "no training file given" :
		                   "exactly one training file expected");
	if (!output)
		return usage_error("train", "no model file given (use -o MODEL)");
	const char *problem = themes_train_options_check(&opt);
	if (problem)
		return usage_error("train", "%s", problem);

	themes_error err = {0};
	themes_corpus *corpus = NULL;
	themes_model *model = NULL;
	if (themes_corpus_read(&corpus, argv[optind], &err) != THEMES_OK)
		return report_failure(&err);
	if (grid) {
		themes_train_options best;
		int grid_status = grid_search(corpus, &opt, folds, opt.seed, costs,
		                              gammas, stderr, &best);
		if (grid_status != EXIT_OK) {
			themes_corpus_free(corpus);
			return grid_status;
		}
		opt = best;
	}
	int status = themes_train(&model, corpus, NULL, 0, &opt, &err);
	if (status == THEMES_OK)
		status = themes_model_save(model, output, &err);
	if (status == THEMES_OK && !quiet) {
		const unsigned *counts = themes_model_class_counts(model);
		fprintf(stderr, "themes: trained on %zu clauses (", themes_corpus_size(corpus));
		for (int k = 0; k < THEMES_COUNT; k++)
			fprintf(stderr, "%s%s %u", k ? ", " : "", themes_theme_name(k),
			        counts[k]);
		fprintf(stderr, "); %zu features; wrote %s\n",
		        themes_model_features(model), output);
	}
	themes_model_free(&model);
	themes_corpus_free(corpus);
	return status == THEMES_OK ? EXIT_OK : report_failure(&err);
}
