/*
 * suggest.c - `themes suggest -m MODEL POOL -n N`: the clauses of a pool
 * whose labels would teach the model most, as a CSV batch.
 */
#define _GNU_SOURCE
#include "pool.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct suggest_options {
	const char *model_path, *exclude, *text_column, *output;
	long want;
	double threshold;
} suggest_options;

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes suggest -m MODEL [OPTION]... POOL\n"
"The clauses of POOL (CSV with a text column, one clause per line, or a\n"
"whole statement) to label next: those the model is least sure of (the\n"
"smallest margin between its two most probable labels), no two of them\n"
"near duplicates, balanced over the labels the model predicts.\n"
"Writes CSV: rank,id,margin,predicted,probability,runner_up,\n"
"runner_up_probability,text.\n"
"\n"
"  -m, --model=MODEL         the model (default: the default model)\n"
"  -n, --count=N             clauses in the batch (default 20)\n"
"      --exclude=LABELS.csv  leave out clauses whose id this file labels\n"
"      --similarity=J        word 3-shingle Jaccard at which two clauses\n"
"                            are near duplicates (default 0.6)\n"
"      --text-column=NAME    column holding the clauses (default text)\n"
"  -o, --output=FILE         write the batch to FILE (default stdout)\n"
"  -t, --threads=N           threads (default: all cores); the batch is\n"
"                            the same for any number\n"
"  -h, --help                show this help and exit\n");
}

static int parse_command_line(int argc, char **argv, suggest_options *opt)
{
	enum { OPT_EXCLUDE = 256, OPT_SIMILARITY, OPT_TEXT_COLUMN };
	static const struct option options[] = {
		{"model", required_argument, NULL, 'm'},
		{"count", required_argument, NULL, 'n'},
		{"exclude", required_argument, NULL, OPT_EXCLUDE},
		{"similarity", required_argument, NULL, OPT_SIMILARITY},
		{"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
		{"output", required_argument, NULL, 'o'},
		{"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:n:o:t:h", options, NULL)) != -1) {
		switch (c) {
		case 'm': opt->model_path = optarg; break;
		case 'n':
			if (!parse_int_option("suggest", "-n", optarg, 1, 100000000,
			                      &opt->want))
				return EXIT_USAGE;
			break;
		case OPT_EXCLUDE: opt->exclude = optarg; break;
		case OPT_SIMILARITY:
			if (!parse_double_option("suggest", "--similarity", optarg,
			                         &opt->threshold))
				return EXIT_USAGE;
			if (!(opt->threshold > 0 && opt->threshold <= 1))
				return usage_error("suggest", "--similarity must be in "
				                   "(0, 1]");
			break;
		case OPT_TEXT_COLUMN: opt->text_column = optarg; break;
		case 'o': opt->output = optarg; break;
		case 't':
			if (!parse_threads_option("suggest", optarg))
				return EXIT_USAGE;
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("suggest", "unrecognised option");
		}
	}
	if (optind != argc - 1)
		return usage_error("suggest", optind >= argc ? "no pool given" :
		                   "exactly one pool expected");
	return -1;
}

static void write_label(FILE *out, const themes_codebook *codebook, int k,
                        const themes_prediction *p)
{
	if (k < 0) {
		fputs(",,", out);
		return;
	}
	fprintf(out, ",%s,", themes_codebook_label(codebook, k));
	write_fixed4(out, p->scores[k]);
}

static int write_batch(const suggest_options *opt, const pool *p,
                       const themes_model *model,
                       const themes_prediction *predictions,
                       const themes_suggestion *batch, size_t count)
{
	output_file out;
	if (output_open(&out, opt->output) != EXIT_OK)
		return EXIT_DATA;
	const themes_codebook *codebook = themes_model_codebook(model);
	fputs("rank,id,margin,predicted,probability,runner_up,"
	      "runner_up_probability,text\n", out.stream);
	for (size_t i = 0; i < count; i++) {
		const themes_suggestion *s = &batch[i];
		fprintf(out.stream, "%zu,", i + 1);
		themes_write_csv_field(out.stream, p->ids[s->row]);
		fputc(',', out.stream);
		write_fixed4(out.stream, s->margin);
		write_label(out.stream, codebook, s->first, &predictions[s->row]);
		write_label(out.stream, codebook, s->second, &predictions[s->row]);
		fputc(',', out.stream);
		themes_write_csv_field(out.stream, p->texts[s->row]);
		fputc('\n', out.stream);
	}
	if (ferror(out.stream)) {
		report_error("%s: write error", opt->output ? opt->output : "<stdout>");
		output_abort(&out);
		return EXIT_DATA;
	}
	return output_commit(&out);
}

int main_suggest(int argc, char **argv)
{
	suggest_options opt = {0};
	opt.want = 20;
	opt.threshold = 0.6;
	int status = parse_command_line(argc, argv, &opt);
	if (status >= 0)
		return status;
	themes_error err = {0};
	themes_model *model = NULL;
	pool p = {0};
	const char *model_path = opt.model_path ? opt.model_path :
	                                          default_model_path();
	if (themes_model_load(&model, model_path, &err) != THEMES_OK)
		return report_failure(&err);
	status = pool_read(argv[optind], opt.text_column, &p);
	themes_prediction *predictions = calloc(p.count + 1, sizeof *predictions);
	unsigned char *exclude = calloc(p.count + 1, 1);
	themes_suggestion *batch = calloc((size_t)opt.want + 1, sizeof *batch);
	if (status == EXIT_OK && (!predictions || !exclude || !batch)) {
		report_error("out of memory");
		status = EXIT_DATA;
	}
	if (status == EXIT_OK && opt.exclude)
		status = pool_exclude(&p, opt.exclude, exclude);
	if (status == EXIT_OK)
		status = pool_classify(model, &p, predictions);
	size_t count = 0;
	if (status == EXIT_OK &&
	    themes_suggest(predictions, (const char *const *)p.texts, p.count,
	                   themes_model_labels(model), exclude, (size_t)opt.want,
	                   opt.threshold, batch, &count, &err) != THEMES_OK)
		status = report_failure(&err);
	if (status == EXIT_OK)
		status = write_batch(&opt, &p, model, predictions, batch, count);
	free(predictions);
	free(exclude);
	free(batch);
	pool_free(&p);
	themes_model_free(&model);
	return status;
}
