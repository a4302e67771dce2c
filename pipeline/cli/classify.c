/*
 * classify.c - `themes classify`: clauses in, one labelled row per clause out.
 *
 * Rows are read in batches, classified in parallel (one classifier per
 * thread, sharing the model) and written in input order, so memory stays flat
 * and the output is the same bytes whatever the number of threads.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BATCH_ROWS 4096

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes classify [OPTION]... [FILE]...\n"
"Classify clauses into themes.  Each FILE is a CSV with a \"text\" column\n"
"(an \"id\" column is carried through; other columns are ignored) or plain\n"
"text with one clause per line; with no FILE, or when FILE is -, read\n"
"standard input.\n"
"\n"
"  -m, --model=MODEL        model file (default: $THEMES_MODEL, else the\n"
"                           default model shipped in models/)\n"
"  -f, --format=FORMAT      output format: csv (default) or jsonl\n"
"  -i, --input-format=FMT   auto (default: CSV when the first line names a\n"
"                           \"text\" column), csv or text\n"
"  -o, --output=FILE        write to FILE (written whole or not at all)\n"
"  -t, --threads=N          threads (default: all cores)\n"
"  -h, --help               show this help and exit\n"
"\n"
"Output: one row per input row, in input order, with the columns\n"
"  id,theme,confidence,endure,history,counter_hegemony,china_lead,\n"
"  multipolar,legitimacy\n"
"where the six scores are probabilities and confidence is the chosen\n"
"theme's.  A row without an id gets its row number (FILE:ROW when several\n"
"files are given).  A clause with no word known to the model gets an empty\n"
"theme and confidence 0.\n");
}

/* Strings stored back to back, each NUL-terminated. */
typedef struct text_store {
	char *data;
	size_t length, capacity;
} text_store;

typedef struct batch {
	text_store ids;
	text_store texts;
	size_t *id_at, *text_at, *text_length;
	themes_prediction *results;
	size_t count;
} batch;

static bool batch_init(batch *b)
{
	memset(b, 0, sizeof *b);
	b->id_at = malloc(BATCH_ROWS * sizeof *b->id_at);
	b->text_at = malloc(BATCH_ROWS * sizeof *b->text_at);
	b->text_length = malloc(BATCH_ROWS * sizeof *b->text_length);
	b->results = malloc(BATCH_ROWS * sizeof *b->results);
	return b->id_at && b->text_at && b->text_length && b->results;
}

static void batch_free(batch *b)
{
	free(b->ids.data);
	free(b->texts.data);
	free(b->id_at);
	free(b->text_at);
	free(b->text_length);
	free(b->results);
}

static bool store_add(text_store *buf, const char *s, size_t n, size_t *at)
{
	if (buf->length + n + 1 > buf->capacity) {
		size_t capacity = buf->capacity ? buf->capacity : 1 << 16;
		while (capacity < buf->length + n + 1)
			capacity *= 2;
		char *data = realloc(buf->data, capacity);
		if (!data)
			return false;
		buf->data = data;
		buf->capacity = capacity;
	}
	*at = buf->length;
	memcpy(buf->data + buf->length, s, n);
	buf->data[buf->length + n] = '\0';
	buf->length += n + 1;
	return true;
}

typedef enum { OUTPUT_CSV, OUTPUT_JSONL } output_format;

static void write_rows(FILE *out, const batch *b, output_format format)
{
	for (size_t i = 0; i < b->count; i++) {
		const char *id = b->ids.data + b->id_at[i];
		const themes_prediction *p = &b->results[i];
		const char *theme = p->theme >= 0 ? themes_theme_name(p->theme) : "";
		if (format == OUTPUT_CSV) {
			write_csv_field(out, id);
			fprintf(out, ",%s,%.4f", theme, p->confidence);
			for (int k = 0; k < THEMES_COUNT; k++)
				fprintf(out, ",%.4f", p->scores[k]);
			fputc('\n', out);
		} else {
			fputs("{\"id\":", out);
			write_json_string(out, id);
			fprintf(out, ",\"theme\":\"%s\",\"confidence\":%.4f", theme,
			        p->confidence);
			for (int k = 0; k < THEMES_COUNT; k++)
				fprintf(out, ",\"%s\":%.4f", themes_theme_name(k),
				        p->scores[k]);
			fputs("}\n", out);
		}
	}
}

static int classify_batch(batch *b, themes_classifier **classifiers)
{
	int failed = 0;
	#pragma omp parallel for schedule(dynamic, 64) reduction(|:failed)
	for (size_t i = 0; i < b->count; i++) {
		themes_classifier *c = classifiers[omp_get_thread_num()];
		failed |= themes_classify(c, b->texts.data + b->text_at[i],
		                          b->text_length[i], &b->results[i]) != THEMES_OK;
	}
	return failed ? EXIT_DATA : EXIT_OK;
}

/* Classifies every row of one input, writing as it goes. */
static int classify_input(const char *path, themes_format input_format,
                          bool prefix_ids, themes_classifier **classifiers,
                          batch *b, FILE *out, output_format format,
                          unsigned long *total, bool progress)
{
	themes_error err = {0};
	themes_reader *reader;
	if (themes_reader_open(&reader, path, input_format, &err) != THEMES_OK)
		return report_failure(&err);
	const char *name = themes_reader_name(reader);
	int status = EXIT_OK;
	time_t last_progress = time(NULL);
	for (bool done = false; !done && status == EXIT_OK;) {
		b->count = 0;
		b->ids.length = b->texts.length = 0;
		while (b->count < BATCH_ROWS) {
			themes_record rec;
			int got = themes_reader_next(reader, &rec, &err);
			if (got < 0) {
				status = report_failure(&err);
				break;
			}
			if (got == 0) {
				done = true;
				break;
			}
			char number[64];
			const char *id = rec.id;
			if (!id) {
				if (prefix_ids)
					snprintf(number, sizeof number, "%.40s:%ld", name, rec.row);
				else
					snprintf(number, sizeof number, "%ld", rec.row);
				id = number;
			}
			size_t i = b->count;
			if (!store_add(&b->ids, id, strlen(id), &b->id_at[i]) ||
			    !store_add(&b->texts, rec.text, rec.text_length,
			                &b->text_at[i])) {
				report_error("out of memory");
				status = EXIT_DATA;
				break;
			}
			b->text_length[i] = rec.text_length;
			b->count++;
		}
		if (status != EXIT_OK || b->count == 0)
			break;
		status = classify_batch(b, classifiers);
		if (status != EXIT_OK) {
			report_error("out of memory while classifying");
			break;
		}
		write_rows(out, b, format);
		*total += b->count;
		if (progress && time(NULL) != last_progress) {
			last_progress = time(NULL);
			fprintf(stderr, "\rthemes: %lu clauses", *total);
		}
	}
	themes_reader_close(reader);
	return status;
}

int main_classify(int argc, char **argv)
{
	static const struct option options[] = {
		{"model", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"threads", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *model_path = NULL, *output_path = NULL;
	output_format format = OUTPUT_CSV;
	themes_format input_format = THEMES_FORMAT_AUTO;
	long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:f:i:o:t:h", options, NULL)) != -1) {
		switch (c) {
		case 'm': model_path = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				format = OUTPUT_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				format = OUTPUT_JSONL;
			else
				return usage_error("classify", "--format must be csv or "
				                   "jsonl, not \"%s\"", optarg);
			break;
		case 'i':
			if (strcmp(optarg, "auto") == 0)
				input_format = THEMES_FORMAT_AUTO;
			else if (strcmp(optarg, "csv") == 0)
				input_format = THEMES_FORMAT_CSV;
			else if (strcmp(optarg, "text") == 0)
				input_format = THEMES_FORMAT_TEXT;
			else
				return usage_error("classify", "--input-format must be auto, "
				                   "csv or text, not \"%s\"", optarg);
			break;
		case 'o': output_path = optarg; break;
		case 't':
			if (!parse_int_option("classify", "--threads", optarg, 1, 1024, &v))
				return EXIT_USAGE;
			set_threads(v);
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("classify", "unrecognised option");
		}
	}
	if (!model_path)
		model_path = default_model_path();

	themes_error err = {0};
	themes_model *model = NULL;
	if (themes_model_load(&model, model_path, &err) != THEMES_OK)
		return report_failure(&err);

	int threads = omp_get_max_threads();
	themes_classifier **classifiers = calloc((size_t)threads, sizeof *classifiers);
	batch b;
	int status = EXIT_OK;
	if (!classifiers || !batch_init(&b)) {
		report_error("out of memory");
		free(classifiers);
		themes_model_free(&model);
		return EXIT_DATA;
	}
	for (int t = 0; t < threads && status == EXIT_OK; t++)
		if (themes_classifier_new(&classifiers[t], model, &err) != THEMES_OK)
			status = report_failure(&err);

	output_file out = {0};
	if (status == EXIT_OK)
		status = output_open(&out, output_path);
	if (status == EXIT_OK) {
		if (format == OUTPUT_CSV)
			fputs("id,theme,confidence,endure,history,counter_hegemony,"
			      "china_lead,multipolar,legitimacy\n", out.stream);
		bool progress = isatty(STDERR_FILENO);
		unsigned long total = 0;
		int inputs = argc - optind;
		if (inputs == 0)
			status = classify_input("-", input_format, false, classifiers, &b,
			                        out.stream, format, &total, progress);
		for (int i = optind; i < argc && status == EXIT_OK; i++)
			status = classify_input(argv[i], input_format, inputs > 1,
			                        classifiers, &b, out.stream, format, &total,
			                        progress);
		if (progress && total > 0)
			fprintf(stderr, "\rthemes: %lu clauses\n", total);
		if (status == EXIT_OK)
			status = output_commit(&out);
		else
			output_abort(&out);
	}
	for (int t = 0; t < threads; t++)
		themes_classifier_free(classifiers[t]);
	free(classifiers);
	batch_free(&b);
	themes_model_free(&model);
	return status;
}
