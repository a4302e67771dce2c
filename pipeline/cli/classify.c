/*
 * classify.c - `themes classify`: clauses in, one labelled row per clause out.
 *
 * Rows are read in batches, classified in parallel (one classifier per
 * thread, sharing the model) and written in input order, so memory stays flat
 * and the output is the same bytes whatever the number of threads.
 *
 * With --statement (or when auto-detection finds whole statements) each FILE
 * is read whole and cut into clauses by themes_segment; the clauses then go
 * through the same batches.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
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
"  -i, --input-format=FMT   auto (default: CSV when the first line names a\n"
"                           \"text\" column), csv or text\n"
"  -o, --output=FILE        write to FILE (written whole or not at all)\n"
"  -s, --statement          read each FILE whole as one statement and classify\n"
"                           its clauses (see 'themes segment --help')\n"
"  -t, --threads=N          threads (default: all cores)\n"
"  -h, --help               show this help and exit\n"
"\n"
"Output: one row per input row, in input order, with the columns\n"
"  id,theme,confidence,endure,history,counter_hegemony,china_lead,\n"
"  multipolar,legitimacy\n"
"where the six scores are probabilities and confidence is the chosen\n"
"theme's.  A row without an id gets its row number (FILE:ROW when several\n"
"files are given).  A clause with no word known to the model gets an empty\n"
"theme and confidence 0.\n"
"\n"
"Statements: with --statement, the rows are the clauses of each FILE, with\n"
"the columns\n"
"  id,section,text,theme,confidence,endure,history,counter_hegemony,\n"
"  china_lead,multipolar,legitimacy\n"
"where id is FILE:N (N counts the clauses of that file from 1, '-' for\n"
"standard input) and section is the heading above the clause.  With\n"
"--input-format=auto, statement mode is also chosen when every input is\n"
"plain text (not CSV) and, in its first 64 KiB, either at least two lines\n"
"each hold two or more sentences, or there is a heading and at least two\n"
"bullet or numbered lines.  A file with one clause per line never matches;\n"
"when only some inputs match, they are read one clause per line and a note\n"
"says so.  Use --input-format=text to turn detection off.\n");
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
	return b->id_at && b->text_at && b->text_length && b->results &&
	       b->section_at;
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

static void write_rows(FILE *out, const batch *b, output_format format,
                       bool statement)
{
	for (size_t i = 0; i < b->count; i++) {
		const char *id = b->ids.data + b->id_at[i];
		const themes_prediction *p = &b->results[i];
		const char *theme = p->theme >= 0 ? themes_theme_name(p->theme) : "";
		if (format == OUTPUT_CSV) {
			write_csv_field(out, id);
			if (statement) {
				fputc(',', out);
				write_csv_field(out, b->sections.data + b->section_at[i]);
				fputc(',', out);
				write_csv_field(out, b->texts.data + b->text_at[i]);
			}
			fprintf(out, ",%s,%.4f", theme, p->confidence);
			for (int k = 0; k < THEMES_COUNT; k++)
				fprintf(out, ",%.4f", p->scores[k]);
			fputc('\n', out);
		} else {
			fputs("{\"id\":", out);
			write_json_string(out, id);
			if (statement) {
				fputs(",\"section\":", out);
				write_json_string(out, b->sections.data + b->section_at[i]);
				fputs(",\"text\":", out);
				write_json_string(out, b->texts.data + b->text_at[i]);
			}
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

/* Classifies every row of one input, writing as it goes.  stream, when not
 * NULL, is read instead of path (and closed here). */
static int classify_input(const char *path, FILE *stream,
                          themes_format input_format,
                          bool prefix_ids, themes_classifier **classifiers,
                          batch *b, FILE *out, output_format format,
                          unsigned long *total, bool progress)
{
	themes_error err = {0};
	themes_reader *reader;
	int opened = stream
		? themes_reader_open_stream(&reader, stream, "<stdin>", input_format, &err)
		: themes_reader_open(&reader, path, input_format, &err);
	if (opened != THEMES_OK) {
		if (stream)
			fclose(stream);
		return report_failure(&err);
	}
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
		write_rows(out, b, format, false);
		*total += b->count;
		if (progress && time(NULL) != last_progress) {
			last_progress = time(NULL);
			fprintf(stderr, "\rthemes: %lu clauses", *total);
		}
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

typedef struct statement_state {
	batch *b;
	themes_classifier **classifiers;
	FILE *out;
	output_format format;
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
	if (classify_batch(b, st->classifiers) != EXIT_OK) {
		report_error("out of memory while classifying");
		return EXIT_DATA;
	}
	write_rows(st->out, b, st->format, true);
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

/* Segments one whole statement and classifies its clauses. */
static int classify_statement(input *in, themes_classifier **classifiers,
                              batch *b, FILE *out, output_format format,
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
	statement_state st = {
		b, classifiers, out, format, in->path, 0, total, progress,
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
	return flush_statement_batch(&st);
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

/* Whether the first line, as CSV, names a "text" column (the reader's own
 * test for --input-format=auto). */
static bool head_is_csv(const char *p, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && p[i] != '\n' && p[i] != '\r') {
		size_t start = i, end;
		if (p[i] == '"') {
			start = ++i;
			while (i < n && p[i] != '"')
				i++;
			end = i;
			if (i < n)
				i++;
		} else {
			while (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r')
				i++;
			end = i;
		}
		if (end - start == 4 && memcmp(p + start, "text", 4) == 0)
			return true;
		if (i < n && p[i] == ',')
			i++;
		else
			break;
	}
	return false;
}

typedef struct detect_counts {
	long last_line;
	bool last_counted;
	unsigned long multi_lines; /* lines where two or more clauses start */
	unsigned long sections;    /* clauses under a heading */
} detect_counts;

static int count_clause(const char *clause, size_t length, const char *section,
                        long line, void *user)
{
	(void)clause;
	(void)length;
	detect_counts *dc = user;
	if (line == dc->last_line) {
		if (!dc->last_counted)
			dc->multi_lines++;
		dc->last_counted = true;
	} else {
		dc->last_line = line;
		dc->last_counted = false;
	}
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
	if (!in->head || head_is_csv(in->head, in->head_length))
		return false;
	size_t n = in->head_length;
	if (!in->head_is_all) {
		/* complete lines only */
		while (n > 0 && in->head[n - 1] != '\n' && in->head[n - 1] != '\r')
			n--;
	}
	detect_counts dc = {0, false, 0, 0};
	if (themes_segment(in->head, n, count_clause, &dc) != THEMES_OK)
		return false;
	if (dc.multi_lines >= 2)
		return true;
	unsigned long items = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && in->head[e] != '\n' && in->head[e] != '\r')
			e++;
		items += starts_item(in->head + i, e - i);
		i = e + 1;
	}
	return dc.sections > 0 && items >= 2;
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

int main_classify(int argc, char **argv)
{
	static const struct option options[] = {
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
	output_format format = OUTPUT_CSV;
	themes_format input_format = THEMES_FORMAT_AUTO;
	bool statement = false;
	long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:f:i:o:t:sh", options, NULL)) != -1) {
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
		case 's': statement = true; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("classify", "unrecognised option");
		}
	}
	if (statement && input_format == THEMES_FORMAT_CSV)
		return usage_error("classify", "--statement reads plain text; it "
		                   "cannot be combined with --input-format=csv");

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
	if (!statement && input_format == THEMES_FORMAT_AUTO) {
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

	int threads = omp_get_max_threads();
	themes_classifier **classifiers = calloc((size_t)threads, sizeof *classifiers);
	batch b;
	if (!classifiers || !batch_init(&b)) {
		report_error("out of memory");
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

	output_file out = {0};
	if (status == EXIT_OK)
		status = output_open(&out, output_path);
	if (status == EXIT_OK) {
		if (format == OUTPUT_CSV)
			fputs(statement ? "id,section,text,theme,confidence,endure,history,"
			      "counter_hegemony,china_lead,multipolar,legitimacy\n"
			      : "id,theme,confidence,endure,history,counter_hegemony,"
			      "china_lead,multipolar,legitimacy\n", out.stream);
		bool progress = isatty(STDERR_FILENO);
		unsigned long total = 0;
		for (int i = 0; i < ninputs && status == EXIT_OK; i++) {
			if (statement) {
				status = classify_statement(&in[i], classifiers, &b,
				                            out.stream, format, &total,
				                            progress);
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
			status = classify_input(in[i].path, stream, input_format,
			                        inputs > 1, classifiers, &b, out.stream,
			                        format, &total, progress);
		}
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
	for (int i = 0; i < ninputs; i++)
		free(in[i].head);
	free(in);
	return status;
}
