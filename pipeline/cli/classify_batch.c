/*
 * classify_batch.c - the inputs of `themes classify` and their batches.
 *
 * Rows are read in batches, classified in parallel (one classifier per
 * thread, sharing the model) and written in input order, so memory stays
 * flat and the output is the same bytes whatever the number of threads.
 * Each input's first DETECT_BYTES are read ahead for statement detection;
 * standard input, which cannot be read twice, is then replayed from them.
 */
#define _GNU_SOURCE
#include "classify.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- batches --------------------------------------------------------- */

bool store_add(text_store *buf, const char *s, size_t n, size_t *at)
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

bool batch_init(batch *b)
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

void batch_free(batch *b)
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

void batch_clear(batch *b)
{
	b->count = 0;
	b->ids.length = b->texts.length = b->sections.length = 0;
}

bool batch_add(batch *b, const char *id, const char *text, size_t length,
               const char *section)
{
	size_t i = b->count;
	if (!store_add(&b->ids, id, strlen(id), &b->id_at[i]) ||
	    !store_add(&b->texts, text, length, &b->text_at[i]) ||
	    (section && !store_add(&b->sections, section, strlen(section),
	                           &b->section_at[i])))
		return false;
	b->text_length[i] = length;
	b->count++;
	return true;
}

/* ---- classification --------------------------------------------------- */

/* "words:+0.123;words2:+0.045": the terms pushing most towards the
 * clause's theme, each shown as the clause's own words it was read from,
 * with their signed contributions; NULL when out of memory. */
static char *explain_clause(themes_classifier *c, const char *text,
                            size_t length, int theme, int terms)
{
	themes_contribution *top = malloc((size_t)terms * sizeof *top);
	const char **words = malloc((size_t)terms * sizeof *words);
	int n = top && words && theme >= 0
		? themes_explain_words(c, text, length, theme, top, words, terms)
		: top && words ? 0 : -1;
	char *s = NULL;
	size_t size = 1;
	for (int j = 0; j < n; j++)
		size += strlen(words[j]) + 32;
	if (n >= 0 && (s = malloc(size)) != NULL) {
		size_t at = 0;
		s[0] = '\0';
		for (int j = 0; j < n; j++)
			at += (size_t)snprintf(s + at, size - at, "%s%s:%+.3f",
			                       j ? ";" : "", words[j],
			                       top[j].contribution);
	}
	free(top);
	free(words);
	return s;
}

/* Classifies the rows of b; an orphaned worksharing loop, so it must run
 * inside a parallel region (every thread uses its own classifier). */
static void classify_batch_rows(batch *b, themes_classifier **classifiers,
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

int classify_batch(classify_job *job, batch *b)
{
	int failed = 0;
	#pragma omp parallel
	classify_batch_rows(b, job->classifiers, job->opt->explain_terms, &failed);
	return failed ? EXIT_DATA : EXIT_OK;
}

void write_batch(classify_job *job, const batch *b, bool statement)
{
	write_rows(job->out, b, job->opt, statement);
	progress *p = &job->progress;
	p->total += b->count;
	if (p->on && time(NULL) != p->last) {
		p->last = time(NULL);
		fprintf(stderr, "\rthemes: %lu clauses", p->total);
	}
}

/* ---- one clause per row ----------------------------------------------- */

/* Writes "%ld" of row into out, after "%.40s:" of name unless name is
 * NULL: the id of a row without one (out holds 64 bytes).  By hand, as
 * snprintf cost a tenth of classifying a short clause. */
static void row_id(char *out, const char *name, long row)
{
	size_t at = 0;
	if (name) {
		while (at < 40 && name[at]) {
			out[at] = name[at];
			at++;
		}
		out[at++] = ':';
	}
	char digits[24];
	size_t n = 0;
	unsigned long v = row < 0 ? 0UL - (unsigned long)row : (unsigned long)row;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	if (row < 0)
		out[at++] = '-';
	while (n > 0)
		out[at++] = digits[--n];
	out[at] = '\0';
}

/* Reads up to BATCH_ROWS rows into b.  Sets *done at the end of the input;
 * returns EXIT_OK or the status of an error it has reported. */
static int fill_batch(themes_reader *reader, bool prefix_ids, batch *b,
                      bool *done)
{
	themes_error err = {0};
	const char *name = themes_reader_name(reader);
	batch_clear(b);
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
			row_id(number, prefix_ids ? name : NULL, rec.row);
			id = number;
		}
		if (!batch_add(b, id, rec.text, rec.text_length, NULL)) {
			report_error("out of memory");
			return EXIT_DATA;
		}
	}
	return EXIT_OK;
}

/* Two batches take turns so that reading and writing overlap the
 * classification: while every thread classifies one batch, one of them
 * first writes the batch classified before it and then refills that batch
 * from the input.  Rows still come out in input order. */
static int classify_reader(classify_job *job, themes_reader *reader,
                           bool prefix_ids)
{
	batch *current = &job->batches[0], *other = &job->batches[1];
	bool done = false, other_pending = false;
	int status = fill_batch(reader, prefix_ids, current, &done);
	while (status == EXIT_OK && current->count > 0) {
		int fill_status = EXIT_OK, failed = 0;
		#pragma omp parallel
		{
			#pragma omp single nowait
			{
				if (other_pending)
					write_batch(job, other, false);
				other->count = 0;
				if (!done)
					fill_status = fill_batch(reader, prefix_ids, other, &done);
			}
			classify_batch_rows(current, job->classifiers,
			                    job->opt->explain_terms, &failed);
		}
		if (failed) {
			report_error("out of memory while classifying");
			return EXIT_DATA;
		}
		if (fill_status != EXIT_OK) {
			/* The rows read before the bad line are still written. */
			write_batch(job, current, false);
			return fill_status;
		}
		batch *swap = current;
		current = other;
		other = swap;
		other_pending = true;
	}
	if (status == EXIT_OK && other_pending)
		write_batch(job, other, false);
	return status;
}

/* ---- reading inputs --------------------------------------------------- */

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

/* Opens the reader of in: standard input read ahead is replayed from its
 * head.  Returns an exit status after reporting any failure. */
static int open_reader(input *in, const themes_read_options *read_options,
                       themes_reader **reader, FILE **stream)
{
	themes_error err = {0};
	*stream = NULL;
	if (in->head && (strcmp(in->path, "-") == 0 || in->converted)) {
		*stream = replay_open(in);
		if (!*stream) {
			report_error("out of memory");
			return EXIT_DATA;
		}
	}
	int opened = *stream
		? themes_reader_open_stream(reader, *stream, "<stdin>", read_options,
		                            &err)
		: themes_reader_open(reader, in->path, read_options, &err);
	if (opened == THEMES_OK)
		return EXIT_OK;
	if (*stream)
		fclose(*stream);
	return report_failure(&err);
}

int classify_input(classify_job *job, input *in,
                   const themes_read_options *read_options, bool prefix_ids)
{
	themes_reader *reader;
	FILE *stream;
	int status = open_reader(in, read_options, &reader, &stream);
	if (status != EXIT_OK)
		return status;
	job->progress.last = time(NULL);
	status = classify_reader(job, reader, prefix_ids);
	themes_reader_close(reader);
	if (stream)
		fclose(stream);
	return status;
}

static bool grow(char **data, size_t size)
{
	char *grown = realloc(*data, size);
	if (grown)
		*data = grown;
	return grown != NULL;
}

/* Reads stream into in->head after the head_length bytes already there:
 * up to limit bytes in all, or to the end when limit is 0.  Sets
 * head_is_all when the end was reached.  Returns an exit status. */
static int read_into_head(input *in, FILE *stream, size_t limit)
{
	size_t capacity = limit ? limit + 1 : in->head_length + DETECT_BYTES + 1;
	bool grown = grow(&in->head, capacity);
	while (grown) {
		if (in->head_length + 1 >= capacity) {
			if (limit)
				break;
			grown = capacity <= ((size_t)-1) / 2 &&
			        grow(&in->head, capacity * 2);
			capacity *= 2;
			continue;
		}
		size_t got = fread(in->head + in->head_length, 1,
		                   capacity - 1 - in->head_length, stream);
		in->head_length += got;
		if (got == 0)
			break;
	}
	if (!grown) {
		if (limit)
			report_error("out of memory");
		else
			report_error("%s: out of memory", in->path);
		return EXIT_DATA;
	}
	in->head[in->head_length] = '\0';
	in->head_is_all = !limit || in->head_length < limit;
	if (ferror(stream)) {
		report_error("%s: cannot read", in->path);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int read_head(input *in)
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
	int status = read_into_head(in, stream, DETECT_BYTES);
	if (stream != stdin)
		fclose(stream);
	return status;
}

bool input_is_statement(const input *in)
{
	return in->page || (in->head &&
	       themes_detect_format(in->path, in->head, in->head_length, NULL) ==
	       THEMES_FORMAT_TEXT &&
	       themes_looks_like_statement(in->head, in->head_length,
	                                   in->head_is_all));
}

int convert_input(input *in)
{
	if (!in->head || in->converted ||
	    !document_wanted(in->document, in->head, in->head_length))
		return EXIT_OK;
	themes_document_kind kind = in->document->kind;
	if (kind == THEMES_DOCUMENT_AUTO)
		kind = themes_detect_document(in->head, in->head_length);
	char *data;
	size_t length;
	int status = read_input(in, &data, &length);
	if (status != EXIT_OK) {
		free(data);
		return status;
	}
	status = convert_document(in->path, in->document, data, length, &in->doc);
	if (status != EXIT_OK)
		return status;
	in->head = in->doc.text;
	in->head_length = in->doc.length;
	in->doc.text = NULL;
	in->head_is_all = in->converted = true;
	in->page = kind == THEMES_DOCUMENT_HTML || kind == THEMES_DOCUMENT_PDF;
	return EXIT_OK;
}

int read_input(input *in, char **data, size_t *length)
{
	if (!in->head_is_all && strcmp(in->path, "-") != 0)
		return read_whole_file(in->path, data, length);
	int status = in->head_is_all ? EXIT_OK : read_into_head(in, stdin, 0);
	*data = in->head;
	*length = in->head_length;
	in->head = NULL;
	return status;
}
