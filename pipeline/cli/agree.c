/*
 * agree.c - `themes agree A.csv B.csv [C.csv ...]`: how far coders who
 * labelled the same clauses agree, matching their rows by id.
 *
 * Each file is a labelled CSV (id and theme columns; text, secondary and
 * coder optional).  A clause missing from a file, or with an empty theme,
 * is a missing value for that coder.
 */
#define _GNU_SOURCE
#include "agree.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

typedef struct agree_options {
	const char *codebook, *theme_column;
	const char *json, *markdown, *disagreements;
	long resamples;
	uint32_t seed;
} agree_options;

/* One row of one coder's file, before units are matched by id. */
typedef struct entry {
	char *id, *label, *text;
	int coder;
	long line;
} entry;

typedef struct entries {
	entry *items;
	size_t count, capacity;
} entries;

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes agree [OPTION]... A.csv B.csv [C.csv]...\n"
"Agreement between coders who labelled the same clauses (rows matched by\n"
"id; a clause a coder left out, or left with an empty theme, is missing).\n"
"Prints raw agreement, Cohen's kappa (two coders), Fleiss' kappa (clauses\n"
"every coder labelled), Krippendorff's alpha (nominal, missing values\n"
"allowed) with a bootstrap interval over clauses, per-label agreement and\n"
"the confusion of each pair of coders.\n"
"\n"
"      --codebook=FILE       the label set (default: the labels used)\n"
"      --theme-column=NAME   column holding the labels (default theme)\n"
"      --json=FILE           the report as JSON\n"
"      --markdown=FILE       the report as Markdown tables\n"
"      --disagreements=FILE  clauses the coders labelled differently, one\n"
"                            column per coder (CSV, for adjudication)\n"
"      --bootstrap=N         resamples for alpha's 95%% interval (default\n"
"                            1000; 0 turns it off)\n"
"      --seed=N              bootstrap seed (default 1)\n"
"  -t, --threads=N           threads (default: all cores)\n"
"  -h, --help                show this help and exit\n");
}

static int parse_command_line(int argc, char **argv, agree_options *opt)
{
	enum { OPT_CODEBOOK = 256, OPT_THEME, OPT_JSON, OPT_MARKDOWN,
	       OPT_DISAGREE, OPT_BOOTSTRAP, OPT_SEED };
	static const struct option options[] = {
		{"codebook", required_argument, NULL, OPT_CODEBOOK},
		{"theme-column", required_argument, NULL, OPT_THEME},
		{"json", required_argument, NULL, OPT_JSON},
		{"markdown", required_argument, NULL, OPT_MARKDOWN},
		{"disagreements", required_argument, NULL, OPT_DISAGREE},
		{"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
		{"seed", required_argument, NULL, OPT_SEED},
		{"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	long v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_CODEBOOK: opt->codebook = optarg; break;
		case OPT_THEME: opt->theme_column = optarg; break;
		case OPT_JSON: opt->json = optarg; break;
		case OPT_MARKDOWN: opt->markdown = optarg; break;
		case OPT_DISAGREE: opt->disagreements = optarg; break;
		case OPT_BOOTSTRAP:
			if (!parse_int_option("agree", "--bootstrap", optarg, 0, 1000000,
			                      &opt->resamples))
				return EXIT_USAGE;
			break;
		case OPT_SEED:
			if (!parse_int_option("agree", "--seed", optarg, 0, 4294967295L,
			                      &v))
				return EXIT_USAGE;
			opt->seed = (uint32_t)v;
			break;
		case 't':
			if (!parse_threads_option("agree", optarg))
				return EXIT_USAGE;
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("agree", "unrecognised option");
		}
	}
	if (argc - optind < 2)
		return usage_error("agree", "at least two coders' files are needed");
	return -1;
}

static char *copy_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static bool entries_add(entries *e, const themes_record *rec,
                        const char *text, int coder)
{
	if (e->count == e->capacity) {
		size_t capacity = e->capacity ? e->capacity * 2 : 256;
		entry *grown = realloc(e->items, capacity * sizeof *grown);
		if (!grown)
			return false;
		e->items = grown;
		e->capacity = capacity;
	}
	entry *x = &e->items[e->count];
	x->id = strdup(rec->id);
	x->label = copy_or_empty(rec->text);
	x->text = copy_or_empty(text);
	x->coder = coder;
	x->line = rec->line;
	if (!x->id || !x->label || !x->text) {
		free(x->id);
		free(x->label);
		free(x->text);
		return false;
	}
	e->count++;
	return true;
}

/* The coder's name: the first row's coder column, else the file's stem. */
static char *coder_name(const char *path, const char *coder_column)
{
	if (coder_column && *coder_column)
		return strdup(coder_column);
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	char *base = strdup(basename(copy));
	free(copy);
	char *dot = base ? strrchr(base, '.') : NULL;
	if (dot && dot != base)
		*dot = '\0';
	return base;
}

/* Reads coder j's file into e and names the coder. */
static int read_coder(agree_data *d, int j, const agree_options *opt,
                      entries *e)
{
	themes_error err = {0};
	themes_reader *reader = NULL;
	const char *theme = opt->theme_column ? opt->theme_column : "theme";
	/* The reader needs a text column; the text is optional here, so it
	 * reads the theme column in that role and the text by name. */
	themes_read_options ro = {THEMES_FORMAT_CSV, theme, NULL};
	if (themes_reader_open(&reader, d->paths[j], &ro, &err) != THEMES_OK)
		return report_failure(&err);
	int status = EXIT_OK, got;
	themes_record rec;
	if (!themes_reader_has_column(reader, "id") ||
	    !themes_reader_has_column(reader, theme)) {
		report_error("%s: needs an id and a %s column", d->paths[j], theme);
		status = EXIT_DATA;
	}
	while (status == EXIT_OK &&
	       (got = themes_reader_next(reader, &rec, &err)) == 1) {
		if (!d->coder_names[j] &&
		    !(d->coder_names[j] = coder_name(d->paths[j],
		                    themes_reader_field(reader, "coder")))) {
			report_error("out of memory");
			status = EXIT_DATA;
		} else if (!entries_add(e, &rec, themes_reader_field(reader, "text"),
		                        j)) {
			report_error("out of memory");
			status = EXIT_DATA;
		}
	}
	if (status == EXIT_OK && got < 0)
		status = report_failure(&err);
	if (status == EXIT_OK && !d->coder_names[j] &&
	    !(d->coder_names[j] = coder_name(d->paths[j], NULL)))
		status = EXIT_DATA;
	themes_reader_close(reader);
	return status;
}

static int compare_entries(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->coder > y->coder) - (x->coder < y->coder);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Without --codebook: the labels used, in bytewise order. */
static int labels_from_data(agree_data *d, const entries *e)
{
	const char **slugs = malloc((e->count + 1) * sizeof *slugs);
	if (!slugs) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		if (*e->items[i].label)
			slugs[n++] = e->items[i].label;
	qsort(slugs, n, sizeof *slugs, compare_strings);
	size_t unique = 0;
	for (size_t i = 0; i < n; i++)
		if (unique == 0 || strcmp(slugs[unique - 1], slugs[i]) != 0)
			slugs[unique++] = slugs[i];
	themes_error err = {0};
	int status = EXIT_OK;
	if (unique == 0) {
		report_error("no clause has a label");
		status = EXIT_DATA;
	} else if (unique == 1) {
		/* A codebook needs two labels; agreement on one is trivial but
		 * still reported. */
		slugs[1] = strcmp(slugs[0], "other") ? "other" : "other_";
		unique = 2;
	}
	if (status == EXIT_OK &&
	    themes_codebook_new(&d->codebook, slugs, NULL, (int)unique, &err))
		status = report_failure(&err);
	free(slugs);
	return status;
}

/* Matches the sorted entries into units; each label must be a codebook
 * label and each coder may label a clause once. */
static int build_units(agree_data *d, const entries *e)
{
	size_t coders = (size_t)d->coders;
	d->ids = calloc(e->count + 1, sizeof *d->ids);
	d->texts = calloc(e->count + 1, sizeof *d->texts);
	d->values = malloc((e->count + 1) * coders * sizeof *d->values);
	if (!d->ids || !d->texts || !d->values) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (size_t i = 0; i < e->count; i++) {
		const entry *x = &e->items[i];
		if (i == 0 || strcmp(x->id, e->items[i - 1].id) != 0) {
			d->ids[d->units] = x->id;
			d->texts[d->units] = x->text;
			for (size_t j = 0; j < coders; j++)
				d->values[d->units * coders + j] = -1;
			d->units++;
		} else if (x->coder == e->items[i - 1].coder) {
			report_error("%s:%ld: id \"%s\" appears twice",
			             d->paths[x->coder], x->line, x->id);
			return EXIT_DATA;
		}
		size_t u = d->units - 1;
		if (!*d->texts[u])
			d->texts[u] = x->text;
		if (!*x->label)
			continue;
		int k = themes_codebook_index(d->codebook, x->label);
		if (k < 0) {
			report_error("%s:%ld: unknown label \"%s\" (labels: %s)",
			             d->paths[x->coder], x->line, x->label,
			             themes_codebook_list(d->codebook));
			return EXIT_DATA;
		}
		d->values[u * coders + (size_t)x->coder] = k;
	}
	return EXIT_OK;
}

static int compute(agree_data *d)
{
	themes_error err = {0};
	int labels = themes_codebook_count(d->codebook);
	d->ratings = (themes_ratings){d->units, d->coders, labels, d->values};
	if (themes_agreement_compute(&d->ratings, d->resamples, d->seed,
	                             &d->agreement, &err) != THEMES_OK)
		return report_failure(&err);
	size_t pairs = (size_t)d->coders * (size_t)(d->coders - 1) / 2;
	size_t square = (size_t)labels * (size_t)labels;
	d->confusion = calloc(pairs * square + 1, sizeof *d->confusion);
	if (!d->confusion) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	size_t p = 0;
	for (int a = 0; a < d->coders; a++)
		for (int b = a + 1; b < d->coders; b++)
			themes_agreement_confusion(&d->ratings, a, b,
			                           d->confusion + square * p++);
	return EXIT_OK;
}

static int write_file(const char *path, const agree_data *d,
                      int (*writer)(FILE *, const agree_data *))
{
	if (!path)
		return EXIT_OK;
	output_file out;
	if (output_open(&out, path) != EXIT_OK)
		return EXIT_DATA;
	if (writer(out.stream, d) != THEMES_OK) {
		report_error("%s: write error: %s", path, strerror(errno ? errno : EIO));
		output_abort(&out);
		return EXIT_DATA;
	}
	return output_commit(&out);
}

static int load(agree_data *d, const agree_options *opt, entries *e)
{
	themes_error err = {0};
	int status = EXIT_OK;
	for (int j = 0; j < d->coders && status == EXIT_OK; j++)
		status = read_coder(d, j, opt, e);
	if (status != EXIT_OK)
		return status;
	if (opt->codebook) {
		if (themes_codebook_read(&d->codebook, opt->codebook, &err))
			return report_failure(&err);
	} else if ((status = labels_from_data(d, e)) != EXIT_OK) {
		return status;
	}
	if (e->count > 0)
		qsort(e->items, e->count, sizeof *e->items, compare_entries);
	return build_units(d, e);
}

int main_agree(int argc, char **argv)
{
	agree_options opt = {0};
	opt.resamples = 1000;
	opt.seed = 1;
	int status = parse_command_line(argc, argv, &opt);
	if (status >= 0)
		return status;
	agree_data d = {0};
	entries e = {0};
	d.coders = argc - optind;
	d.paths = (const char *const *)argv + optind;
	d.resamples = (unsigned)opt.resamples;
	d.seed = opt.seed;
	d.coder_names = calloc((size_t)d.coders, sizeof *d.coder_names);
	if (!d.coder_names) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	status = load(&d, &opt, &e);
	if (status == EXIT_OK)
		status = compute(&d);
	if (status == EXIT_OK && agree_report_text(stdout, &d) != THEMES_OK)
		status = EXIT_DATA;
	if (status == EXIT_OK)
		status = write_file(opt.json, &d, agree_report_json) |
		         write_file(opt.markdown, &d, agree_report_markdown) |
		         write_file(opt.disagreements, &d,
		                    agree_report_disagreements);
	for (size_t i = 0; i < e.count; i++) {
		free(e.items[i].id);
		free(e.items[i].label);
		free(e.items[i].text);
	}
	free(e.items);
	for (int j = 0; j < d.coders; j++)
		free(d.coder_names[j]);
	free(d.coder_names);
	free(d.ids);
	free(d.texts);
	free(d.values);
	free(d.confusion);
	themes_codebook_free(d.codebook);
	return status;
}
