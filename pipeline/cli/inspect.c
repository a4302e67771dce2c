/*
 * inspect.c - `themes inspect`: what a linear model has learnt, as the terms
 * that weigh most towards each label (CSV label,rank,term,weight).
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes inspect [-m MODEL] [--top K] [-o OUT]\n"
"List the K terms (stemmed words, bigrams, character n-grams marked #)\n"
"that weigh most towards each label of a linear model, as CSV with the\n"
"columns label,rank,term,weight.\n"
"\n"
"  -m, --model=MODEL   model file (default: $THEMES_MODEL, else the default\n"
"                      model)\n"
"  -k, --top=K         terms per label (default 20)\n"
"  -o, --output=FILE   write to FILE (written whole or not at all)\n"
"  -h, --help          show this help and exit\n");
}

static int write_top_terms(FILE *out, const themes_model *model, int top)
{
	const themes_codebook *labels = themes_model_codebook(model);
	themes_contribution *terms = malloc((size_t)top * sizeof *terms);
	if (!terms) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	fputs("label,rank,term,weight\n", out);
	for (int c = 0; c < themes_codebook_count(labels); c++) {
		int n = themes_model_top_terms(model, c, terms, top);
		for (int i = 0; i < n; i++) {
			themes_write_csv_field(out, themes_codebook_label(labels, c));
			fprintf(out, ",%d,", i + 1);
			themes_write_csv_field(out, terms[i].term);
			fprintf(out, ",%.4f\n", terms[i].contribution);
		}
	}
	free(terms);
	return EXIT_OK;
}

int main_inspect(int argc, char **argv)
{
	static const struct option options[] = {
		{"model", required_argument, NULL, 'm'},
		{"top", required_argument, NULL, 'k'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *model_path = NULL, *output = NULL;
	long top = 20;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:k:o:h", options, NULL)) != -1) {
		switch (c) {
		case 'm': model_path = optarg; break;
		case 'k':
			if (!parse_int_option("inspect", "--top", optarg, 1, 100000, &top))
				return EXIT_USAGE;
			break;
		case 'o': output = optarg; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("inspect", "unrecognised option");
		}
	}
	if (optind != argc)
		return usage_error("inspect", "unexpected argument \"%s\"",
		                   argv[optind]);
	if (!model_path)
		model_path = default_model_path();
	themes_error err = {0};
	themes_model *model = NULL;
	if (themes_model_load(&model, model_path, &err) != THEMES_OK)
		return report_failure(&err);
	int status = EXIT_OK;
	if (themes_model_options(model)->kernel != THEMES_KERNEL_LINEAR)
		status = usage_error("inspect", "%s has an RBF kernel, whose "
		                     "decisions do not split into per-term weights",
		                     model_path);
	output_file out = {0};
	if (status == EXIT_OK)
		status = output_open(&out, output);
	if (status == EXIT_OK) {
		status = write_top_terms(out.stream, model, (int)top);
		if (status == EXIT_OK)
			status = output_commit(&out);
		else
			output_abort(&out);
	}
	themes_model_free(&model);
	return status;
}
