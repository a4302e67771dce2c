/*
 * classify.c - `themes classify`: clauses in, one labelled row per clause out.
 *
 * Rows are read in batches, classified in parallel (one classifier per
 * thread, sharing the model) and written in input order, so memory stays flat
 * and the output is the same bytes whatever the number of threads.
 *
 * With --statement (or when auto-detection finds whole statements) each FILE
 * is read whole and cut into clauses by themes_segment; the clauses then go
 * through the same batches.  --profile and --html keep a statement's
 * clauses until its end, since its profile needs all of them; the clause
 * rows themselves are still written batch by batch.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <omp.h>
#include <sys/stat.h>
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
"  -i, --input-format=FMT   auto (default; see below), csv, tsv or text\n"
"      --text-column=NAME   the CSV/TSV column holding the clauses (text)\n"
"      --id-column=NAME     the CSV/TSV column holding row ids (id)\n"
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
"                           most towards the theme, \"term:+0.123;...\") and\n"
"                           runner_up (the second theme); linear models only\n"
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
"\n"
"Statements: with --statement, the rows are the clauses of each FILE, with\n"
"the columns\n"
"  id,section,text,theme,confidence,LABEL...\n"
"where id is FILE:N (N counts the clauses of that file from 1, '-' for\n"
"standard input) and section is the heading above the clause.  With\n"
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
"output can use it.\n");
}

/* Strings stored back to back, each NUL-terminated. */
typedef struct text_store {
	char *data;
	size_t length, capacity;
} text_store;

typedef struct batch {
	text_store ids;
	text_store texts;
	text_store sections; /* statement mode only */
	size_t *id_at, *text_at, *text_length, *section_at;
	themes_prediction *results;
	char **explanations; /* "term:+0.123;...", NULL when not asked for */
	size_t count;
} batch;

static bool batch_init(batch *b)
{
	memset(b, 0, sizeof *b);
	b->id_at = malloc(BATCH_ROWS * sizeof *b->id_at);
	b->text_at = malloc(BATCH_ROWS * sizeof *b->text_at);
	b->text_length = malloc(BATCH_ROWS * sizeof *b->text_length);
	b->results = malloc(BATCH_ROWS * sizeof *b->results);
	b->section_at = malloc(BATCH_ROWS * sizeof *b->section_at);
	b->explanations = calloc(BATCH_ROWS, sizeof *b->explanations);
	return b->id_at && b->text_at && b->text_length && b->results &&
	       b->section_at && b->explanations;
}

static void batch_free(batch *b)
{
	free(b->ids.data);
	free(b->texts.data);
	free(b->sections.data);
	free(b->section_at);
	free(b->id_at);
	free(b->text_at);
	free(b->text_length);
	free(b->results);
	if (b->explanations)
		for (size_t i = 0; i < BATCH_ROWS; i++)
			free(b->explanations[i]);
	free(b->explanations);
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

/* How rows are labelled and which optional columns they carry. */
typedef struct row_options {
	output_format format;
	double min_confidence; /* --min-confidence; negative when not given */
	double multi;          /* --multi; negative: no themes column */
	int explain;           /* --explain: terms in the explanation column */
	int explain_terms;     /* terms computed per clause (also for --html) */
	const themes_codebook *codebook; /* the model's labels: score columns */
} row_options;

static bool is_uncertain(const themes_prediction *p, const row_options *opt)
{
	return opt->min_confidence >= 0 && p->confidence < opt->min_confidence;
}

/* The theme written for a clause: its slug, "uncertain" below
 * --min-confidence, or "" when the model knows none of its words. */
static const char *theme_label(const themes_prediction *p,
                               const row_options *opt)
{
	if (is_uncertain(p, opt))
		return "uncertain";
	return p->theme >= 0 ? themes_codebook_label(opt->codebook, p->theme) : "";
}

/* The second-highest score's label (ties to the earlier label), or -1. */
static int runner_up(const themes_prediction *p, int labels)
{
	int second = -1;
	if (p->theme < 0)
		return -1;
	for (int k = 0; k < labels; k++)
		if (k != p->theme && (second < 0 || p->scores[k] > p->scores[second]))
			second = k;
	return second;
}

/* --multi: every theme scoring at least threshold, highest first (the
 * primary theme leads), joined by ';'. */
static void multi_themes(const themes_prediction *p, double threshold,
                         const themes_codebook *cb, char *buf, size_t size)
{
	int order[THEMES_MAX_LABELS], n = 0;
	size_t at = 0;
	buf[0] = '\0';
	if (p->theme < 0)
		return;
	for (int k = 0; k < themes_codebook_count(cb); k++) {
		if (p->scores[k] < threshold && k != p->theme)
			continue;
		int j = n++;
		while (j > 0 && p->scores[order[j - 1]] < p->scores[k]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = k;
	}
	/* the primary theme leads even when another scores the same */
	for (int j = 0; j < n; j++)
		if (order[j] == p->theme) {
			memmove(order + 1, order, (size_t)j * sizeof order[0]);
			order[0] = p->theme;
			break;
		}
	for (int j = 0; j < n && at < size; j++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", j ? ";" : "",
		                       themes_codebook_label(cb, order[j]));
}

static void write_header(FILE *out, bool statement, const row_options *opt)
{
	if (opt->format != OUTPUT_CSV)
		return;
	fputs(statement ? "id,section,text,theme,confidence" :
	      "id,theme,confidence", out);
	for (int k = 0; k < themes_codebook_count(opt->codebook); k++) {
		fputc(',', out);
		themes_write_csv_field(out, themes_codebook_label(opt->codebook, k));
	}
	if (opt->multi >= 0)
		fputs(",themes", out);
	if (opt->explain > 0)
		fputs(",explanation,runner_up", out);
	fputc('\n', out);
}

static void write_rows(FILE *out, const batch *b, const row_options *opt,
                       bool statement)
{
	output_format format = opt->format;
	int labels = themes_codebook_count(opt->codebook);
	for (size_t i = 0; i < b->count; i++) {
		const char *id = b->ids.data + b->id_at[i];
		const themes_prediction *p = &b->results[i];
		const char *theme = theme_label(p, opt);
		char multi[THEMES_MAX_LABELS * (THEMES_MAX_SLUG + 1) + 1];
		int second = runner_up(p, labels);
		const char *second_name = second >= 0 ?
			themes_codebook_label(opt->codebook, second) : "";
		const char *explanation = b->explanations[i] ? b->explanations[i] : "";
		if (opt->multi >= 0)
			multi_themes(p, opt->multi, opt->codebook, multi, sizeof multi);
		if (format == OUTPUT_CSV) {
			themes_write_csv_field(out, id);
			if (statement) {
				fputc(',', out);
				themes_write_csv_field(out, b->sections.data + b->section_at[i]);
				fputc(',', out);
				themes_write_csv_field(out, b->texts.data + b->text_at[i]);
			}
			fprintf(out, ",%s,", theme);
			write_fixed4(out, p->confidence);
			for (int k = 0; k < labels; k++) {
				fputc(',', out);
				write_fixed4(out, p->scores[k]);
			}
			if (opt->multi >= 0)
				fprintf(out, ",%s", multi);
			if (opt->explain > 0) {
				fputc(',', out);
				themes_write_csv_field(out, explanation);
				fprintf(out, ",%s", second_name);
			}
			fputc('\n', out);
		} else {
			fputs("{\"id\":", out);
			themes_write_json_string(out, id, THEMES_JSON_SHORT);
			if (statement) {
				fputs(",\"section\":", out);
				themes_write_json_string(out, b->sections.data + b->section_at[i],
				                         THEMES_JSON_SHORT);
				fputs(",\"text\":", out);
				themes_write_json_string(out, b->texts.data + b->text_at[i],
				                         THEMES_JSON_SHORT);
			}
			fprintf(out, ",\"theme\":\"%s\",\"confidence\":%.4f", theme,
			        p->confidence);
			for (int k = 0; k < labels; k++) {
				fputc(',', out);
				themes_write_json_string(out,
				                         themes_codebook_label(opt->codebook, k),
				                         THEMES_JSON_SHORT);
				fprintf(out, ":%.4f", p->scores[k]);
			}
			if (opt->multi >= 0)
				fprintf(out, ",\"themes\":\"%s\"", multi);
			if (opt->explain > 0) {
				fputs(",\"explanation\":", out);
				themes_write_json_string(out, explanation, THEMES_JSON_SHORT);
				fprintf(out, ",\"runner_up\":\"%s\"", second_name);
			}
			fputs("}\n", out);
		}
	}
}

/* "term:+0.123;term2:+0.045": the terms pushing most towards the clause's
 * theme, with their signed contributions; NULL when out of memory. */
static char *explain_clause(themes_classifier *c, const char *text,
                            size_t length, int theme, int terms)
{
	themes_contribution *top = malloc((size_t)terms * sizeof *top);
	if (!top)
		return NULL;
	int n = theme >= 0 ? themes_explain(c, text, length, theme, top, terms) : 0;
	if (n < 0) {
		free(top);
		return NULL;
	}
	size_t size = 1;
	for (int j = 0; j < n; j++)
		size += strlen(top[j].term) + 32;
	char *s = malloc(size);
	if (s) {
		size_t at = 0;
		s[0] = '\0';
		for (int j = 0; j < n; j++)
			at += (size_t)snprintf(s + at, size - at, "%s%s:%+.3f",
			                       j ? ";" : "", top[j].term,
			                       top[j].contribution);
	}
	free(top);
	return s;
}

/* Classifies the rows of b; an orphaned worksharing loop, so it must run
 * inside a parallel region (every thread uses its own classifier). */
static void classify_rows(batch *b, themes_classifier **classifiers,
                          int explain_terms, int *failed)
{
	#pragma omp for schedule(dynamic, 64)
	for (size_t i = 0; i < b->count; i++) {
		themes_classifier *c = classifiers[omp_get_thread_num()];
		const char *text = b->texts.data + b->text_at[i];
		bool bad = themes_classify(c, text, b->text_length[i],
		                           &b->results[i]) != THEMES_OK;
		free(b->explanations[i]);
		b->explanations[i] = NULL;
		if (explain_terms > 0 && !bad) {
			b->explanations[i] = explain_clause(c, text, b->text_length[i],
			                                    b->results[i].theme,
			                                    explain_terms);
			bad = b->explanations[i] == NULL;
		}
		if (bad) {
			#pragma omp atomic write
			*failed = 1;
		}
	}
}

static int classify_batch(batch *b, themes_classifier **classifiers,
                          int explain_terms)
{
	int failed = 0;
	#pragma omp parallel
	classify_rows(b, classifiers, explain_terms, &failed);
	return failed ? EXIT_DATA : EXIT_OK;
}

/* Reads up to BATCH_ROWS rows into b.  Sets *done at the end of the input;
 * returns EXIT_OK or the status of an error it has reported. */
static int fill_batch(themes_reader *reader, bool prefix_ids, batch *b,
                      bool *done)
{
	themes_error err = {0};
	const char *name = themes_reader_name(reader);
	b->count = 0;
	b->ids.length = b->texts.length = 0;
	while (b->count < BATCH_ROWS) {
		themes_record rec;
		int got = themes_reader_next(reader, &rec, &err);
		if (got < 0)
			return report_failure(&err);
		if (got == 0) {
			*done = true;
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
		    !store_add(&b->texts, rec.text, rec.text_length, &b->text_at[i])) {
			report_error("out of memory");
			return EXIT_DATA;
		}
		b->text_length[i] = rec.text_length;
		b->count++;
	}
	return EXIT_OK;
}

/* Classifies every row of one input, writing as it goes.  stream, when not
 * NULL, is read instead of path (and closed here).
 *
 * Two batches take turns so that reading and writing overlap the
 * classification: while every thread classifies one batch, one of them
 * first writes the batch classified before it and then refills that batch
 * from the input.  Rows still come out in input order. */
static int classify_input(const char *path, FILE *stream,
                          const themes_read_options *read_options,
                          bool prefix_ids, themes_classifier **classifiers,
                          batch pair[2], FILE *out, const row_options *opt,
                          unsigned long *total, bool progress)
{
	themes_error err = {0};
	themes_reader *reader;
	int opened = stream
		? themes_reader_open_stream(&reader, stream, "<stdin>", read_options,
		                            &err)
		: themes_reader_open(&reader, path, read_options, &err);
	if (opened != THEMES_OK) {
		if (stream)
			fclose(stream);
		return report_failure(&err);
	}
	time_t last_progress = time(NULL);
	batch *current = &pair[0], *other = &pair[1];
	bool done = false, other_pending = false;
	int status = fill_batch(reader, prefix_ids, current, &done);
	while (status == EXIT_OK && current->count > 0) {
		int fill_status = EXIT_OK, failed = 0;
		#pragma omp parallel
		{
			#pragma omp single nowait
			{
				if (other_pending) {
					write_rows(out, other, opt, false);
					*total += other->count;
					if (progress && time(NULL) != last_progress) {
						last_progress = time(NULL);
						fprintf(stderr, "\rthemes: %lu clauses", *total);
					}
				}
				other->count = 0;
				if (!done)
					fill_status = fill_batch(reader, prefix_ids, other, &done);
			}
			classify_rows(current, classifiers, opt->explain_terms, &failed);
		}
		if (failed) {
			report_error("out of memory while classifying");
			status = EXIT_DATA;
			break;
		}
		if (fill_status != EXIT_OK) {
			/* The rows read before the bad line are still written. */
			write_rows(out, current, opt, false);
			*total += current->count;
			status = fill_status;
			break;
		}
		batch *swap = current;
		current = other;
		other = swap;
		other_pending = true;
	}
	if (status == EXIT_OK && other_pending) {
		write_rows(out, other, opt, false);
		*total += other->count;
	}
	themes_reader_close(reader);
	if (stream)
		fclose(stream);
	return status;
}

/* ---- statements ----------------------------------------------------- */

#define DETECT_BYTES (64 * 1024)

/* One input of the command line, with the first DETECT_BYTES read ahead
 * for detection (standard input cannot be read twice). */
typedef struct input {
	const char *path;
	char *head;
	size_t head_length;
	bool head_is_all; /* head holds the whole input */
	bool statement;
} input;

/* Everything kept of one statement's clauses for --profile and --html. */
typedef struct statement_log {
	themes_prediction *predictions;
	size_t *id_at, *text_at, *section_at, *explanation_at;
	text_store ids, texts, sections, explanations;
	size_t count, capacity;
} statement_log;

static void log_free(statement_log *log)
{
	free(log->predictions);
	free(log->id_at);
	free(log->text_at);
	free(log->section_at);
	free(log->explanation_at);
	free(log->ids.data);
	free(log->texts.data);
	free(log->sections.data);
	free(log->explanations.data);
}

static void log_reset(statement_log *log)
{
	log->count = 0;
	log->ids.length = log->texts.length = log->sections.length = 0;
	log->explanations.length = 0;
}

/* Copies the clauses of a classified batch into the log. */
static bool log_add_batch(statement_log *log, const batch *b)
{
	if (log->count + b->count > log->capacity) {
		size_t capacity = log->capacity ? log->capacity : 256;
		while (capacity < log->count + b->count)
			capacity *= 2;
		themes_prediction *p = realloc(log->predictions,
		                               capacity * sizeof *p);
		if (p)
			log->predictions = p;
		size_t **arrays[] = {&log->id_at, &log->text_at, &log->section_at,
		                     &log->explanation_at};
		for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++) {
			size_t *grown = realloc(*arrays[a], capacity * sizeof *grown);
			if (!grown)
				return false;
			*arrays[a] = grown;
		}
		if (!p)
			return false;
		log->capacity = capacity;
	}
	for (size_t i = 0; i < b->count; i++) {
		size_t j = log->count;
		const char *id = b->ids.data + b->id_at[i];
		const char *section = b->sections.data + b->section_at[i];
		const char *explanation = b->explanations[i] ? b->explanations[i] : "";
		if (!store_add(&log->ids, id, strlen(id), &log->id_at[j]) ||
		    !store_add(&log->texts, b->texts.data + b->text_at[i],
		               b->text_length[i], &log->text_at[j]) ||
		    !store_add(&log->sections, section, strlen(section),
		               &log->section_at[j]) ||
		    !store_add(&log->explanations, explanation, strlen(explanation),
		               &log->explanation_at[j]))
			return false;
		log->predictions[j] = b->results[i];
		log->count++;
	}
	return true;
}

/* Where the per-statement summaries go. */
typedef struct statement_outputs {
	FILE *profile;      /* --profile CSV, or NULL */
	FILE *html;         /* --html page, or NULL */
	bool table;         /* a readable profile on standard error */
	const char *model_path;
	themes_profile_options profile_options;
	const themes_codebook *codebook;
	bool has_confusion; /* the model carries held-out confusions */
	unsigned confusion[THEMES_MAX_LABELS * THEMES_MAX_LABELS];
	int statements;     /* statements summarised so far */
} statement_outputs;

typedef struct statement_state {
	batch *b;
	themes_classifier **classifiers;
	FILE *out;
	const row_options *opt;
	statement_log *log; /* NULL when no summary is asked for */
	const char *name;
	unsigned long clauses;
	unsigned long *total;
	bool progress;
	time_t last_progress;
	int status;
} statement_state;

static int flush_statement_batch(statement_state *st)
{
	batch *b = st->b;
	if (b->count == 0)
		return EXIT_OK;
	if (classify_batch(b, st->classifiers, st->opt->explain_terms) != EXIT_OK) {
		report_error("out of memory while classifying");
		return EXIT_DATA;
	}
	write_rows(st->out, b, st->opt, true);
	if (st->log && !log_add_batch(st->log, b)) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	*st->total += b->count;
	b->count = 0;
	b->ids.length = b->texts.length = b->sections.length = 0;
	if (st->progress && time(NULL) != st->last_progress) {
		st->last_progress = time(NULL);
		fprintf(stderr, "\rthemes: %lu clauses", *st->total);
	}
	return EXIT_OK;
}

static int add_statement_clause(const char *clause, size_t length,
                                const char *section, long line, void *user)
{
	(void)line;
	statement_state *st = user;
	batch *b = st->b;
	if (b->count == BATCH_ROWS && (st->status = flush_statement_batch(st)))
		return 1;
	char id[4200];
	snprintf(id, sizeof id, "%.4000s:%lu", st->name, ++st->clauses);
	size_t i = b->count;
	if (!store_add(&b->ids, id, strlen(id), &b->id_at[i]) ||
	    !store_add(&b->texts, clause, length, &b->text_at[i]) ||
	    !store_add(&b->sections, section, strlen(section), &b->section_at[i])) {
		report_error("out of memory");
		st->status = EXIT_DATA;
		return 1;
	}
	b->text_length[i] = length;
	b->count++;
	return 0;
}

/* Appends the rest of stream to the head already read. */
static int read_rest(input *in, FILE *stream)
{
	size_t capacity = in->head_length + DETECT_BYTES + 1;
	char *data = realloc(in->head, capacity);
	if (!data)
		goto nomem;
	in->head = data;
	for (;;) {
		if (in->head_length + 1 >= capacity) {
			data = capacity > ((size_t)-1) / 2 ? NULL
			       : realloc(in->head, capacity * 2);
			if (!data)
				goto nomem;
			in->head = data;
			capacity *= 2;
		}
		size_t got = fread(in->head + in->head_length, 1,
		                   capacity - 1 - in->head_length, stream);
		in->head_length += got;
		if (got == 0)
			break;
	}
	in->head[in->head_length] = '\0';
	in->head_is_all = true;
	if (ferror(stream)) {
		report_error("%s: cannot read", in->path);
		return EXIT_DATA;
	}
	return EXIT_OK;
nomem:
	report_error("%s: out of memory", in->path);
	return EXIT_DATA;
}

static void write_profile_csv_header(FILE *out, const themes_codebook *cb,
                                     bool adjusted)
{
	fputs("statement,clauses,uncertain", out);
	for (int k = 0; k < themes_codebook_count(cb); k++) {
		const char *t = themes_codebook_label(cb, k);
		fprintf(out, ",%s,%s_low,%s_high", t, t, t);
	}
	if (adjusted)
		for (int k = 0; k < themes_codebook_count(cb); k++)
			fprintf(out, ",%s_adjusted", themes_codebook_label(cb, k));
	fputc('\n', out);
}

static void write_profile_csv_row(FILE *out, const char *name,
                                  const themes_profile *p, bool has_confusion,
                                  const double *adjusted)
{
	themes_write_csv_field(out, name);
	fprintf(out, ",%zu,%zu", p->clauses, p->uncertain);
	for (int k = 0; k < p->labels; k++)
		fprintf(out, ",%.4f,%.4f,%.4f", p->share[k], p->share_ci[k].low,
		        p->share_ci[k].high);
	/* a statement without certain clauses has no shares to adjust: its
	 * adjusted fields stay empty */
	if (has_confusion) {
		for (int k = 0; k < p->labels; k++) {
			if (adjusted)
				fprintf(out, ",%.4f", adjusted[k]);
			else
				fputc(',', out);
		}
	}
	fputc('\n', out);
}

/* The profile as a table for a person at a terminal. */
static void write_profile_table(FILE *out, const char *name,
                                const themes_codebook *cb,
                                const themes_profile *p, const double *adjusted)
{
	fprintf(out, "%s: %zu clauses, %zu uncertain\n", name, p->clauses,
	        p->uncertain);
	fprintf(out, "  %-17s %7s %6s %12s %8s %6s  %s\n", "theme", "clauses",
	        "share", "95% interval", "adjusted", "conf.", "evidence (clause)");
	for (int k = 0; k < p->labels; k++) {
		char adj[16] = "-";
		if (adjusted)
			snprintf(adj, sizeof adj, "%.1f%%", 100 * adjusted[k]);
		fprintf(out, "  %-17s %7zu %5.1f%% %5.1f-%5.1f%% %8s %6.3f  ",
		        themes_codebook_label(cb, k), p->count[k], 100 * p->share[k],
		        100 * p->share_ci[k].low, 100 * p->share_ci[k].high, adj,
		        p->mean_confidence[k]);
		for (int e = 0; e < p->evidence_count[k]; e++)
			fprintf(out, "%s%zu", e ? " " : "", p->evidence[k][e] + 1);
		fputc('\n', out);
	}
}

/* Profiles the statement held in log and writes its summaries. */
static int summarise_statement(const char *name, const statement_log *log,
                               statement_outputs *so)
{
	themes_error err = {0};
	themes_profile profile;
	int labels = themes_codebook_count(so->codebook);
	if (themes_profile_compute(log->predictions, log->count, labels,
	                           &so->profile_options, &profile, &err) != THEMES_OK)
		return report_failure(&err);
	double adjusted_shares[THEMES_MAX_LABELS];
	const double *adjusted = NULL;
	if (so->has_confusion && profile.clauses > profile.uncertain) {
		if (themes_profile_adjust(profile.share, so->confusion, labels,
		                          adjusted_shares, &err) != THEMES_OK)
			return report_failure(&err);
		adjusted = adjusted_shares;
	}
	so->statements++;
	if (so->profile)
		write_profile_csv_row(so->profile, name, &profile, so->has_confusion,
		                      adjusted);
	if (so->table) {
		/* clear the progress line first */
		fputs("\r\033[K", stderr);
		write_profile_table(stderr, name, so->codebook, &profile, adjusted);
	}
	if (!so->html)
		return EXIT_OK;
	html_clause *clauses = calloc(log->count ? log->count : 1, sizeof *clauses);
	if (!clauses) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (size_t i = 0; i < log->count; i++) {
		clauses[i].id = log->ids.data + log->id_at[i];
		clauses[i].section = log->sections.data + log->section_at[i];
		clauses[i].text = log->texts.data + log->text_at[i];
		clauses[i].explanation = log->explanations.data + log->explanation_at[i];
		clauses[i].prediction = log->predictions[i];
		clauses[i].uncertain = themes_profile_uncertain(
			&log->predictions[i], so->profile_options.min_confidence);
	}
	html_statement hs = {name, &profile, adjusted, clauses, log->count};
	html_report_statement(so->html, &hs, so->statements);
	free(clauses);
	return EXIT_OK;
}

/* Segments one whole statement and classifies its clauses. */
static int classify_statement(input *in, themes_classifier **classifiers,
                              batch *b, FILE *out, const row_options *opt,
                              statement_log *log, statement_outputs *so,
                              unsigned long *total, bool progress)
{
	int status = EXIT_OK;
	char *data;
	size_t length;
	if (in->head_is_all) {
		data = in->head;
		length = in->head_length;
		in->head = NULL;
	} else if (strcmp(in->path, "-") == 0) {
		status = read_rest(in, stdin);
		data = in->head;
		length = in->head_length;
		in->head = NULL;
	} else {
		status = read_whole_file(in->path, &data, &length);
	}
	if (status != EXIT_OK) {
		free(data);
		return status;
	}
	b->count = 0;
	b->ids.length = b->texts.length = b->sections.length = 0;
	if (log)
		log_reset(log);
	statement_state st = {
		b, classifiers, out, opt, log, in->path, 0, total, progress,
		time(NULL), EXIT_OK
	};
	int r = themes_segment(data, length, add_statement_clause, &st);
	free(data);
	if (r != 0 && st.status == EXIT_OK) {
		report_error("%s: out of memory while segmenting", in->path);
		return EXIT_DATA;
	}
	if (st.status != EXIT_OK)
		return st.status;
	status = flush_statement_batch(&st);
	if (status == EXIT_OK && log)
		status = summarise_statement(in->path, log, so);
	return status;
}

/* Reads up to DETECT_BYTES of the input for detection.  Named files that are
 * not regular files (pipes) are not read ahead: they count as not being
 * statements. */
static int read_head(input *in)
{
	FILE *stream;
	if (strcmp(in->path, "-") == 0) {
		stream = stdin;
	} else {
		struct stat sb;
		if (stat(in->path, &sb) != 0 || !S_ISREG(sb.st_mode))
			return EXIT_OK; /* the reader reports a missing file */
		stream = fopen(in->path, "rb");
		if (!stream)
			return EXIT_OK;
	}
	in->head = malloc(DETECT_BYTES + 1);
	if (!in->head) {
		if (stream != stdin)
			fclose(stream);
		report_error("out of memory");
		return EXIT_DATA;
	}
	size_t n = 0, got;
	while (n < DETECT_BYTES &&
	       (got = fread(in->head + n, 1, DETECT_BYTES - n, stream)) > 0)
		n += got;
	in->head_length = n;
	in->head[n] = '\0';
	in->head_is_all = n < DETECT_BYTES;
	int status = EXIT_OK;
	if (ferror(stream)) {
		report_error("%s: cannot read", in->path);
		status = EXIT_DATA;
	}
	if (stream != stdin)
		fclose(stream);
	return status;
}

/* A clause of a labelled corpus may hold a few sentences; a line of four or
 * more is a paragraph of prose. */
#define PARAGRAPH_SENTENCES 4

typedef struct detect_counts {
	long last_line;
	unsigned on_line;          /* clauses starting on last_line */
	unsigned long paragraphs;  /* lines where PARAGRAPH_SENTENCES start */
	unsigned long sections;    /* clauses under a heading */
} detect_counts;

static int count_clause(const char *clause, size_t length, const char *section,
                        long line, void *user)
{
	(void)clause;
	(void)length;
	detect_counts *dc = user;
	if (line != dc->last_line) {
		dc->last_line = line;
		dc->on_line = 0;
	}
	if (++dc->on_line == PARAGRAPH_SENTENCES)
		dc->paragraphs++;
	if (section[0])
		dc->sections++;
	return 0;
}

/* Whether a trimmed line starts with a bullet or an item number. */
static bool starts_item(const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
		return true;
	if (n >= 4 && (memcmp(p, "\xE2\x80\xA2", 3) == 0 || /* bullet */
	               memcmp(p, "\xE2\x80\x93", 3) == 0) && p[3] == ' ')
		return true;
	size_t i = 0;
	if (n > 0 && p[0] == '(') {
		for (i = 1; i < n && i < 5 && p[i] != ')'; i++)
			if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9')))
				return false;
		return i > 1 && i + 1 < n && p[i] == ')' && p[i + 1] == ' ';
	}
	while (i < n && i < 3 && p[i] >= '0' && p[i] <= '9')
		i++;
	return i > 0 && i + 1 < n && (p[i] == '.' || p[i] == ')') && p[i + 1] == ' ';
}

/* The auto-detection rule documented in the help text. */
static bool looks_like_statement(const input *in)
{
	if (!in->head || themes_detect_format(in->path, in->head, in->head_length,
	                                      NULL) != THEMES_FORMAT_TEXT)
		return false;
	size_t n = in->head_length;
	if (!in->head_is_all) {
		/* complete lines only */
		while (n > 0 && in->head[n - 1] != '\n' && in->head[n - 1] != '\r')
			n--;
	}
	detect_counts dc = {0, 0, 0, 0};
	if (themes_segment(in->head, n, count_clause, &dc) != THEMES_OK)
		return false;
	if (dc.paragraphs >= 2)
		return true;
	unsigned long items = 0, lines = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && in->head[e] != '\n' && in->head[e] != '\r')
			e++;
		items += starts_item(in->head + i, e - i);
		lines += e > i;
		i = e + 1;
	}
	/* Bullets must be a real part of the text (a fifth of its lines), not
	 * a clause that happens to start with "1. ". */
	return dc.sections > 0 && items >= 2 && items * 5 >= lines;
}

/* A stream that gives back the head already read, then the rest of rest. */
typedef struct replay {
	input *in;
	size_t pos;
	FILE *rest;
} replay;

static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
	replay *r = cookie;
	if (r->pos < r->in->head_length) {
		size_t n = r->in->head_length - r->pos;
		if (n > size)
			n = size;
		memcpy(buf, r->in->head + r->pos, n);
		r->pos += n;
		return (ssize_t)n;
	}
	if (r->in->head_is_all)
		return 0;
	size_t got = fread(buf, 1, size, r->rest);
	if (got == 0 && ferror(r->rest))
		return -1;
	return (ssize_t)got;
}

static int replay_close(void *cookie)
{
	free(cookie);
	return 0;
}

static FILE *replay_open(input *in)
{
	replay *r = malloc(sizeof *r);
	if (!r)
		return NULL;
	r->in = in;
	r->pos = 0;
	r->rest = stdin;
	cookie_io_functions_t io = {replay_read, NULL, NULL, replay_close};
	FILE *f = fopencookie(r, "rb", io);
	if (!f)
		free(r);
	return f;
}

enum {
	OPT_MIN_CONFIDENCE = 256,
	OPT_MULTI,
	OPT_EXPLAIN,
	OPT_PROFILE,
	OPT_HTML,
	OPT_BOOTSTRAP,
	OPT_TEXT_COLUMN,
	OPT_ID_COLUMN
};

/* Terms of explanation shown in --html tooltips when --explain is not given. */
#define HTML_EXPLAIN_TERMS 5

int main_classify(int argc, char **argv)
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
		{"model", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"threads", required_argument, NULL, 't'},
		{"statement", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *model_path = NULL, *output_path = NULL;
	const char *profile_path = NULL, *html_path = NULL;
	row_options opt = {OUTPUT_CSV, -1.0, -1.0, 0, 0, NULL};
	long resamples = 1000;
	double number;
	themes_read_options read_options = {THEMES_FORMAT_AUTO, NULL, NULL};
	bool statement = false;
	long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:f:i:o:t:sh", options, NULL)) != -1) {
		switch (c) {
		case 'm': model_path = optarg; break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				opt.format = OUTPUT_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				opt.format = OUTPUT_JSONL;
			else
				return usage_error("classify", "--format must be csv or "
				                   "jsonl, not \"%s\"", optarg);
			break;
		case 'i':
			if (strcmp(optarg, "auto") == 0)
				read_options.format = THEMES_FORMAT_AUTO;
			else if (strcmp(optarg, "csv") == 0)
				read_options.format = THEMES_FORMAT_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				read_options.format = THEMES_FORMAT_TSV;
			else if (strcmp(optarg, "text") == 0)
				read_options.format = THEMES_FORMAT_TEXT;
			else
				return usage_error("classify", "--input-format must be auto, "
				                   "csv, tsv or text, not \"%s\"", optarg);
			break;
		case OPT_TEXT_COLUMN: read_options.text_column = optarg; break;
		case OPT_ID_COLUMN: read_options.id_column = optarg; break;
		case 'o': output_path = optarg; break;
		case 't':
			if (!parse_int_option("classify", "--threads", optarg, 1, 1024, &v))
				return EXIT_USAGE;
			set_threads(v);
			break;
		case 's': statement = true; break;
		case OPT_MIN_CONFIDENCE:
			if (!parse_double_option("classify", "--min-confidence", optarg,
			                         &number))
				return EXIT_USAGE;
			if (number < 0)
				return usage_error("classify", "--min-confidence must be 0 "
				                   "or more, not %s", optarg);
			opt.min_confidence = number;
			break;
		case OPT_MULTI:
			if (!parse_double_option("classify", "--multi", optarg, &number))
				return EXIT_USAGE;
			if (number < 0 || number > 1)
				return usage_error("classify", "--multi must be a probability "
				                   "between 0 and 1, not %s", optarg);
			opt.multi = number;
			break;
		case OPT_EXPLAIN:
			if (!parse_int_option("classify", "--explain", optarg, 1, 100, &v))
				return EXIT_USAGE;
			opt.explain = (int)v;
			break;
		case OPT_PROFILE: profile_path = optarg; break;
		case OPT_HTML: html_path = optarg; break;
		case OPT_BOOTSTRAP:
			if (!parse_int_option("classify", "--bootstrap", optarg, 0,
			                      1000000, &resamples))
				return EXIT_USAGE;
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("classify", "unrecognised option");
		}
	}
	if (statement && (read_options.format == THEMES_FORMAT_CSV ||
	                  read_options.format == THEMES_FORMAT_TSV))
		return usage_error("classify", "--statement reads plain text; it "
		                   "cannot be combined with --input-format=csv or tsv");
	/* standard output holds one table at a time */
	bool rows_to_stdout = !output_path || strcmp(output_path, "-") == 0;
	int to_stdout = rows_to_stdout +
		(profile_path && strcmp(profile_path, "-") == 0) +
		(html_path && strcmp(html_path, "-") == 0);
	if (to_stdout > 1)
		return usage_error("classify", "only one of the clause rows (-o), "
		                   "--profile and --html can go to standard output; "
		                   "give the others a FILE");

	/* the inputs, read ahead for detection when it is on */
	int inputs = argc - optind;
	int ninputs = inputs > 0 ? inputs : 1;
	input *in = calloc((size_t)ninputs, sizeof *in);
	if (!in) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = EXIT_OK;
	for (int i = 0; i < ninputs; i++)
		in[i].path = inputs > 0 ? argv[optind + i] : "-";
	if (!statement && read_options.format == THEMES_FORMAT_AUTO) {
		int matching = 0;
		bool stdin_seen = false;
		for (int i = 0; i < ninputs && status == EXIT_OK; i++) {
			if (strcmp(in[i].path, "-") == 0) {
				if (stdin_seen)
					continue;
				stdin_seen = true;
			}
			status = read_head(&in[i]);
			in[i].statement = status == EXIT_OK && looks_like_statement(&in[i]);
			matching += in[i].statement;
		}
		if (matching == ninputs) {
			statement = true;
		} else {
			for (int i = 0; i < ninputs; i++)
				if (in[i].statement)
					fprintf(stderr, "%s: note: %s looks like a whole statement "
					        "but is read one clause per line, as the other "
					        "inputs are not; use --statement to segment it\n",
					        program_name, in[i].path);
		}
	}
	if (status == EXIT_OK && !statement && (profile_path || html_path))
		status = usage_error("classify", "--profile and --html summarise "
		                     "whole statements; add --statement");
	if (status != EXIT_OK) {
		for (int i = 0; i < ninputs; i++)
			free(in[i].head);
		free(in);
		return status;
	}
	if (!model_path)
		model_path = default_model_path();

	themes_error err = {0};
	themes_model *model = NULL;
	if (themes_model_load(&model, model_path, &err) != THEMES_OK) {
		for (int i = 0; i < ninputs; i++)
			free(in[i].head);
		free(in);
		return report_failure(&err);
	}
	bool linear = themes_model_options(model)->kernel == THEMES_KERNEL_LINEAR;
	if (opt.explain > 0 && !linear) {
		themes_model_free(&model);
		for (int i = 0; i < ninputs; i++)
			free(in[i].head);
		free(in);
		return usage_error("classify", "--explain needs a linear model; %s "
		                   "has an RBF kernel, whose decisions do not split "
		                   "into per-term contributions", model_path);
	}
	opt.explain_terms = opt.explain > 0 ? opt.explain
	                    : html_path && linear ? HTML_EXPLAIN_TERMS : 0;

	int threads = omp_get_max_threads();
	themes_classifier **classifiers = calloc((size_t)threads, sizeof *classifiers);
	batch batches[2];
	bool batches_ready = batch_init(&batches[0]);
	batches_ready = batch_init(&batches[1]) && batches_ready;
	if (!classifiers || !batches_ready) {
		report_error("out of memory");
		batch_free(&batches[0]);
		batch_free(&batches[1]);
		free(classifiers);
		themes_model_free(&model);
		for (int i = 0; i < ninputs; i++)
			free(in[i].head);
		free(in);
		return EXIT_DATA;
	}
	for (int t = 0; t < threads && status == EXIT_OK; t++)
		if (themes_classifier_new(&classifiers[t], model, &err) != THEMES_OK)
			status = report_failure(&err);

	statement_outputs so;
	memset(&so, 0, sizeof so);
	so.model_path = model_path;
	themes_profile_options_init(&so.profile_options);
	so.profile_options.resamples = (unsigned)resamples;
	if (opt.min_confidence >= 0)
		so.profile_options.min_confidence = opt.min_confidence;
	so.codebook = themes_model_codebook(model);
	opt.codebook = so.codebook;
	so.has_confusion = themes_model_cv_confusion(model, so.confusion) != 0;
	statement_log log_storage;
	memset(&log_storage, 0, sizeof log_storage);
	statement_log *log = profile_path || html_path ? &log_storage : NULL;

	output_file out = {0}, profile_out = {0}, html_out = {0};
	if (status == EXIT_OK)
		status = output_open(&out, output_path);
	if (status == EXIT_OK && profile_path) {
		status = output_open(&profile_out, profile_path);
		if (status != EXIT_OK)
			output_abort(&out);
	}
	if (status == EXIT_OK && html_path) {
		status = output_open(&html_out, html_path);
		if (status != EXIT_OK) {
			output_abort(&out);
			if (profile_path)
				output_abort(&profile_out);
		}
	}
	if (status == EXIT_OK) {
		write_header(out.stream, statement, &opt);
		bool progress = isatty(STDERR_FILENO);
		/* the readable profile is for a person watching: like progress,
		 * only when standard error is a terminal */
		so.table = profile_path && progress;
		if (profile_path) {
			so.profile = profile_out.stream;
			write_profile_csv_header(so.profile, so.codebook,
			                         so.has_confusion);
		}
		if (html_path) {
			so.html = html_out.stream;
			html_report_begin(so.html, so.codebook, model_path,
			                  opt.min_confidence);
		}
		unsigned long total = 0;
		for (int i = 0; i < ninputs && status == EXIT_OK; i++) {
			if (statement) {
				status = classify_statement(&in[i], classifiers, &batches[0],
				                            out.stream, &opt, log, &so,
				                            &total, progress);
				continue;
			}
			FILE *stream = NULL;
			if (in[i].head && strcmp(in[i].path, "-") == 0) {
				stream = replay_open(&in[i]);
				if (!stream) {
					report_error("out of memory");
					status = EXIT_DATA;
					break;
				}
			}
			status = classify_input(in[i].path, stream, &read_options,
			                        inputs > 1, classifiers, batches,
			                        out.stream, &opt, &total, progress);
		}
		if (progress && total > 0)
			fprintf(stderr, "\rthemes: %lu clauses\n", total);
		if (html_path)
			html_report_end(so.html);
		/* a failed run leaves no partial file: what is not committed yet
		 * is removed */
		if (status == EXIT_OK)
			status = output_commit(&out);
		if (status == EXIT_OK && profile_path)
			status = output_commit(&profile_out);
		if (status == EXIT_OK && html_path)
			status = output_commit(&html_out);
		if (status != EXIT_OK) {
			if (out.stream)
				output_abort(&out);
			if (profile_out.stream)
				output_abort(&profile_out);
			if (html_out.stream)
				output_abort(&html_out);
		}
	}
	log_free(&log_storage);
	for (int t = 0; t < threads; t++)
		themes_classifier_free(classifiers[t]);
	free(classifiers);
	batch_free(&batches[0]);
	batch_free(&batches[1]);
	themes_model_free(&model);
	for (int i = 0; i < ninputs; i++)
		free(in[i].head);
	free(in);
	return status;
}
