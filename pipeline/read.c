/*
 * read.c - first stage: bytes from a file or stdin to rows.
 *
 * Input: a CSV file (RFC 4180: quoted fields may hold commas, doubled quotes
 * and line breaks) or a TSV file (the same with tabs) with a header row, or
 * plain text with one clause per line.
 * Output: one themes_record per row, with the line it started on.
 *
 * The reader streams: it holds one row at a time, so memory stays flat
 * however long the input is.  It is hand-written rather than built on libcsv
 * because the messages must say which line is wrong and why (unterminated
 * quote, stray quote, NUL byte, too many fields), which libcsv reports only
 * as a bare parse error.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK 65536

struct themes_reader {
	FILE *stream;
	bool owns_stream;
	char *name;
	themes_format format;
	int delimiter;       /* ',' or '\t' */
	char *text_column, *id_column;

	/* Raw input window: bytes [pos, len) are not yet consumed. */
	unsigned char *raw;
	size_t raw_pos, raw_len, raw_capacity;
	bool eof;

	long line;   /* line of the next byte */
	long record_line; /* line where the current row began */
	long row;

	/* The current row: field texts concatenated, each NUL-terminated. */
	themes_buffer fields;
	size_t *field_start;
	size_t field_count, field_capacity;

	/* CSV header. */
	char **columns;
	size_t column_count;
	int col_id, col_text;
};

static int read_error(themes_reader *r, themes_error *err)
{
	return themes_fail(err, THEMES_ERR_IO, 0, "%s: read error: %s", r->name,
	                   strerror(errno));
}

/* Makes at least `want` unconsumed bytes available, unless the input ends
 * first.  Returns the number available, or -1 on a read error. */
static long fill(themes_reader *r, size_t want)
{
	while (r->raw_len - r->raw_pos < want && !r->eof) {
		if (r->raw_pos > 0) {
			memmove(r->raw, r->raw + r->raw_pos, r->raw_len - r->raw_pos);
			r->raw_len -= r->raw_pos;
			r->raw_pos = 0;
		}
		if (r->raw_capacity - r->raw_len < READ_CHUNK) {
			size_t capacity = r->raw_capacity * 2;
			unsigned char *raw = realloc(r->raw, capacity);
			if (!raw)
				return -1;
			r->raw = raw;
			r->raw_capacity = capacity;
		}
		size_t n = fread(r->raw + r->raw_len, 1,
		                 r->raw_capacity - r->raw_len, r->stream);
		r->raw_len += n;
		if (n == 0) {
			if (ferror(r->stream))
				return -1;
			r->eof = true;
		}
	}
	return (long)(r->raw_len - r->raw_pos);
}

/* Next byte, or -1 at the end of input, -2 on a read error. */
static inline int next_byte(themes_reader *r)
{
	if (r->raw_pos == r->raw_len) {
		long n = fill(r, 1);
		if (n < 0)
			return -2;
		if (n == 0)
			return -1;
	}
	return r->raw[r->raw_pos++];
}

static inline int peek_byte(themes_reader *r)
{
	if (r->raw_pos == r->raw_len) {
		long n = fill(r, 1);
		if (n <= 0)
			return n < 0 ? -2 : -1;
	}
	return r->raw[r->raw_pos];
}

/* Consumes the rest of a line end after c (a CR may be followed by LF). */
static void finish_line_end(themes_reader *r, int c)
{
	if (c == '\r' && peek_byte(r) == '\n')
		r->raw_pos++;
	r->line++;
}

static bool field_begin(themes_reader *r)
{
	size_t *starts = themes_grow_array(r->field_start, &r->field_capacity,
	                                   r->field_count, sizeof *starts, 16);
	if (!starts)
		return false;
	r->field_start = starts;
	r->field_start[r->field_count++] = r->fields.length;
	return true;
}

static inline bool field_byte(themes_reader *r, int c)
{
	if (r->fields.length + 2 > r->fields.capacity &&
	    !themes_buffer_reserve(&r->fields, 1))
		return false;
	r->fields.data[r->fields.length++] = (char)c;
	return true;
}

static bool field_end(themes_reader *r)
{
	return field_byte(r, '\0');
}

static const char *field(const themes_reader *r, size_t i)
{
	return r->fields.data + r->field_start[i];
}

static int out_of_memory(themes_error *err)
{
	return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
}

/* Parses one CSV record into r->fields.  Returns 1, 0 at the end of input,
 * or a negative status.  Blank lines are skipped. */
static int parse_csv_record(themes_reader *r, themes_error *err)
{
	int c;
	for (;;) {
		c = peek_byte(r);
		if (c == -2)
			return read_error(r, err);
		if (c == -1)
			return 0;
		if (c != '\n' && c != '\r')
			break;
		r->raw_pos++;
		finish_line_end(r, c);
	}

	r->record_line = r->line;
	r->fields.length = 0;
	r->field_count = 0;
	if (!field_begin(r))
		return out_of_memory(err);
	for (;;) {
		c = next_byte(r);
		if (c == -2)
			return read_error(r, err);
		if (c == '"' && r->fields.length == r->field_start[r->field_count - 1]) {
			long quote_line = r->line;
			for (;;) {
				c = next_byte(r);
				if (c == -2)
					return read_error(r, err);
				if (c == -1)
					return themes_fail(err, THEMES_ERR_DATA, quote_line,
						"%s:%ld: unterminated quoted field (a field that "
						"opens with \" must close with \")",
						r->name, quote_line);
				if (c == '"') {
					if (peek_byte(r) == '"') {
						r->raw_pos++;
						if (!field_byte(r, '"'))
							return out_of_memory(err);
						continue;
					}
					break;
				}
				if (c == '\0')
					return themes_fail(err, THEMES_ERR_DATA, r->line,
						"%s:%ld: NUL byte inside a field; the input must "
						"be UTF-8 text", r->name, r->line);
				if (c == '\n' || c == '\r') {
					finish_line_end(r, c);
					if (c == '\r')
						c = '\n'; /* normalise embedded line ends */
				}
				if (!field_byte(r, c))
					return out_of_memory(err);
			}
			c = next_byte(r);
			if (c == -2)
				return read_error(r, err);
			if (c != r->delimiter && c != '\n' && c != '\r' && c != -1) {
				if (quote_line != r->line)
					return themes_fail(err, THEMES_ERR_DATA, r->line,
						"%s:%ld: unexpected character after a closing quote "
						"of a field that opened on line %ld (is a quote "
						"missing there?)", r->name, r->line, quote_line);
				return themes_fail(err, THEMES_ERR_DATA, r->line,
					"%s:%ld: unexpected character after a closing quote "
					"(inside a quoted field, write a quote as \"\")",
					r->name, r->line);
			}
		}
		if (c == r->delimiter) {
			if (!field_end(r) || !field_begin(r))
				return out_of_memory(err);
			continue;
		}
		if (c == '\n' || c == '\r' || c == -1) {
			if (c != -1)
				finish_line_end(r, c);
			if (!field_end(r))
				return out_of_memory(err);
			r->row++;
			return 1;
		}
		if (c == '"')
			return themes_fail(err, THEMES_ERR_DATA, r->line,
				"%s:%ld: stray quote in an unquoted field (quote the "
				"whole field and double the quote: \"a \"\"b\"\" c\")",
				r->name, r->line);
		if (c == '\0')
			return themes_fail(err, THEMES_ERR_DATA, r->line,
				"%s:%ld: NUL byte in the input; the input must be UTF-8 "
				"text", r->name, r->line);
		if (!field_byte(r, c))
			return out_of_memory(err);
	}
}

/* The number of bytes at p[0..n-1] before the first LF, CR or NUL. */
static size_t ordinary_run(const unsigned char *p, size_t n)
{
	/* memchr a block at a time, so that a file whose lines end in a lone
	 * CR is not searched to the end of the window for an LF each line. */
	for (size_t done = 0; done < n; done += 256) {
		size_t block = n - done < 256 ? n - done : 256;
		const unsigned char *at = p + done, *stop;
		if ((stop = memchr(at, '\n', block)))
			block = (size_t)(stop - at);
		if ((stop = memchr(at, '\r', block)))
			block = (size_t)(stop - at);
		if ((stop = memchr(at, '\0', block)))
			block = (size_t)(stop - at);
		if (block < 256)
			return done + block;
	}
	return n;
}

/* Reads one plain-text line into a single field.  Returns 1, 0 or < 0. */
static int parse_text_line(themes_reader *r, themes_error *err)
{
	r->fields.length = 0;
	r->field_count = 0;
	int c = peek_byte(r);
	if (c == -2)
		return read_error(r, err);
	if (c == -1)
		return 0;
	if (!field_begin(r))
		return out_of_memory(err);
	for (;;) {
		/* Copy the run of ordinary bytes in the window in one go. */
		size_t start = r->raw_pos;
		size_t end = start + ordinary_run(r->raw + start, r->raw_len - start);
		if (end > start) {
			if (!themes_buffer_append(&r->fields, (const char *)r->raw + start,
			                          end - start))
				return out_of_memory(err);
			r->raw_pos = end;
			if (end == r->raw_len)
				continue; /* the window ran out: refill below */
		}
		c = next_byte(r);
		if (c == -2)
			return read_error(r, err);
		if (c == -1 || c == '\n' || c == '\r') {
			if (c != -1)
				finish_line_end(r, c);
			break;
		}
		if (c == '\0')
			return themes_fail(err, THEMES_ERR_DATA, r->line,
				"%s:%ld: NUL byte in the input; the input must be UTF-8 "
				"text", r->name, r->line);
		if (!field_byte(r, c))
			return out_of_memory(err);
	}
	if (!field_end(r))
		return out_of_memory(err);
	r->row++;
	return 1;
}

static bool identifier_like(const unsigned char *p, size_t n)
{
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		      (p[i] >= '0' && p[i] <= '9') || p[i] == '_' || p[i] == '.' ||
		      p[i] == '-'))
			return false;
	return true;
}

/* Whether the first line, split at delimiter (quotes allowed around a
 * name), is a header of identifier-like names; *fields receives their
 * number and *names_text whether one of them is text_column. */
static bool header_like(const unsigned char *p, size_t length, int delimiter,
                        const char *text_column, int *fields, bool *names_text)
{
	size_t i = 0, text_length = strlen(text_column);
	*fields = 0;
	*names_text = false;
	for (;;) {
		size_t start = i, end;
		if (i < length && p[i] == '"') {
			start = ++i;
			while (i < length && p[i] != '"' && p[i] != '\n')
				i++;
			end = i;
			if (i >= length || p[i] != '"')
				return false;
			i++;
		} else {
			while (i < length && p[i] != delimiter && p[i] != '\n' &&
			       p[i] != '\r')
				i++;
			end = i;
		}
		if (!identifier_like(p + start, end - start))
			return false;
		if (end - start == text_length &&
		    memcmp(p + start, text_column, text_length) == 0)
			*names_text = true;
		++*fields;
		if (i < length && p[i] == delimiter)
			i++;
		else
			return i >= length || p[i] == '\n' || p[i] == '\r';
	}
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++)
		if ((s[n - m + i] | 0x20) != suffix[i])
			return false;
	return true;
}

themes_format themes_detect_format(const char *path, const char *head,
                                   size_t length, const char *text_column)
{
	if (path && has_suffix(path, ".csv"))
		return THEMES_FORMAT_CSV;
	if (path && has_suffix(path, ".tsv"))
		return THEMES_FORMAT_TSV;
	if (!text_column)
		text_column = "text";
	const unsigned char *p = (const unsigned char *)head;
	if (length >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		length -= 3;
	}
	int fields;
	bool names_text;
	if (memchr(p, '\t', length) &&
	    header_like(p, length, '\t', text_column, &fields, &names_text) &&
	    (fields > 1 || names_text))
		return THEMES_FORMAT_TSV;
	if (header_like(p, length, ',', text_column, &fields, &names_text) &&
	    (fields > 1 || names_text))
		return THEMES_FORMAT_CSV;
	return THEMES_FORMAT_TEXT;
}

/* Makes the whole first line available (or all input, when shorter) and
 * returns how many bytes are buffered, or -1 on a read error. */
static long buffer_first_line(themes_reader *r)
{
	size_t scanned = 0;
	for (;;) {
		long available = fill(r, scanned + 1);
		if (available < 0)
			return -1;
		if ((size_t)available <= scanned)
			return available;
		const unsigned char *p = r->raw + r->raw_pos;
		if (memchr(p + scanned, '\n', (size_t)available - scanned) ||
		    memchr(p + scanned, '\r', (size_t)available - scanned))
			return available;
		scanned = (size_t)available;
	}
}

static int read_header(themes_reader *r, themes_error *err)
{
	int status = parse_csv_record(r, err);
	if (status < 0)
		return status;
	if (status == 0)
		return themes_fail(err, THEMES_ERR_DATA, 1,
			"%s:1: empty file: expected a %s header naming a \"%s\" "
			"column", r->name, r->delimiter == ',' ? "CSV" : "TSV",
			r->text_column);
	r->row = 0;
	r->columns = calloc(r->field_count, sizeof *r->columns);
	if (!r->columns)
		return out_of_memory(err);
	r->column_count = r->field_count;
	for (size_t i = 0; i < r->field_count; i++) {
		r->columns[i] = themes_strndup(field(r, i), strlen(field(r, i)));
		if (!r->columns[i])
			return out_of_memory(err);
	}
	r->col_id = r->col_text = -1;
	for (size_t i = r->column_count; i-- > 0;) {
		const char *name = r->columns[i];
		if (strcmp(name, r->id_column) == 0)
			r->col_id = (int)i;
		if (strcmp(name, r->text_column) == 0)
			r->col_text = (int)i;
	}
	if (r->col_text < 0) {
		themes_buffer found = {0};
		for (size_t i = 0; i < r->column_count; i++)
			themes_buffer_printf(&found, "%s\"%s\"", i ? ", " : "",
			                     r->columns[i]);
		themes_fail(err, THEMES_ERR_DATA, 1,
			"%s:1: no \"%s\" column in the %s header (columns found: "
			"%s; name the text column with --text-column)", r->name,
			r->text_column, r->delimiter == ',' ? "CSV" : "TSV",
			found.data ? found.data : "none");
		themes_buffer_free(&found);
		return THEMES_ERR_DATA;
	}
	return THEMES_OK;
}

int themes_reader_open_stream(themes_reader **out, FILE *stream,
                              const char *name,
                              const themes_read_options *options,
                              themes_error *err)
{
	themes_read_options defaults = {0};
	if (!options)
		options = &defaults;
	themes_format format = options->format;
	const char *text_column = options->text_column ? options->text_column :
	                                                 "text";
	const char *id_column = options->id_column ? options->id_column : "id";
	*out = NULL;
	themes_reader *r = calloc(1, sizeof *r);
	if (!r)
		return out_of_memory(err);
	r->stream = stream;
	r->name = themes_strndup(name, strlen(name));
	r->text_column = themes_strndup(text_column, strlen(text_column));
	r->id_column = themes_strndup(id_column, strlen(id_column));
	r->raw_capacity = 2 * READ_CHUNK;
	r->raw = malloc(r->raw_capacity);
	r->line = 1;
	if (!r->name || !r->raw || !r->text_column || !r->id_column) {
		themes_reader_close(r);
		return out_of_memory(err);
	}
	long available = fill(r, 3);
	if (available < 0) {
		int status = read_error(r, err);
		themes_reader_close(r);
		return status;
	}
	if (available >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0)
		r->raw_pos = 3;

	if (format == THEMES_FORMAT_AUTO) {
		available = buffer_first_line(r);
		if (available < 0) {
			int status = read_error(r, err);
			themes_reader_close(r);
			return status;
		}
		format = themes_detect_format(name, (const char *)r->raw + r->raw_pos,
		                              (size_t)available, text_column);
	}
	r->format = format;
	r->delimiter = format == THEMES_FORMAT_TSV ? '\t' : ',';
	if (format == THEMES_FORMAT_CSV || format == THEMES_FORMAT_TSV) {
		int status = read_header(r, err);
		if (status != THEMES_OK) {
			themes_reader_close(r);
			return status;
		}
	}
	*out = r;
	return THEMES_OK;
}

int themes_reader_open(themes_reader **out, const char *path,
                       const themes_read_options *options, themes_error *err)
{
	*out = NULL;
	if (strcmp(path, "-") == 0)
		return themes_reader_open_stream(out, stdin, "<stdin>", options, err);
	FILE *stream = fopen(path, "rb");
	if (!stream)
		return themes_fail(err, THEMES_ERR_IO, 0, "%s: cannot open: %s",
		                   path, strerror(errno));
	int status = themes_reader_open_stream(out, stream, path, options, err);
	if (status != THEMES_OK) {
		fclose(stream);
		return status;
	}
	(*out)->owns_stream = true;
	return THEMES_OK;
}

static const char *column(const themes_reader *r, int index)
{
	return index >= 0 ? field(r, (size_t)index) : NULL;
}

int themes_reader_next(themes_reader *r, themes_record *rec,
                       themes_error *err)
{
	memset(rec, 0, sizeof *rec);
	if (r->format == THEMES_FORMAT_TEXT) {
		long line = r->line;
		int status = parse_text_line(r, err);
		if (status <= 0)
			return status;
		rec->text = field(r, 0);
		rec->text_length = r->fields.length - 1; /* the one field, its NUL */
		rec->line = line;
		rec->row = r->row;
		return 1;
	}
	int status = parse_csv_record(r, err);
	if (status <= 0)
		return status;
	if (r->field_count != r->column_count)
		return themes_fail(err, THEMES_ERR_DATA, r->record_line,
			"%s:%ld: row has %zu field%s but the header has %zu column%s",
			r->name, r->record_line, r->field_count,
			r->field_count == 1 ? "" : "s", r->column_count,
			r->column_count == 1 ? "" : "s");
	rec->id = column(r, r->col_id);
	rec->text = column(r, r->col_text);
	rec->text_length = strlen(rec->text);
	rec->line = r->record_line;
	rec->row = r->row;
	return 1;
}

themes_format themes_reader_format(const themes_reader *r)
{
	return r->format;
}

const char *themes_reader_field(const themes_reader *r, const char *name)
{
	for (size_t i = 0; i < r->column_count; i++)
		if (strcmp(r->columns[i], name) == 0)
			return field(r, i);
	return NULL;
}

int themes_reader_has_column(const themes_reader *r, const char *name)
{
	for (size_t i = 0; i < r->column_count; i++)
		if (strcmp(r->columns[i], name) == 0)
			return 1;
	return 0;
}

const char *themes_reader_name(const themes_reader *r)
{
	return r->name;
}

void themes_reader_close(themes_reader *r)
{
	if (!r)
		return;
	if (r->owns_stream && r->stream)
		fclose(r->stream);
	for (size_t i = 0; i < r->column_count; i++)
		free(r->columns[i]);
	free(r->columns);
	free(r->field_start);
	themes_buffer_free(&r->fields);
	free(r->raw);
	free(r->name);
	free(r->text_column);
	free(r->id_column);
	free(r);
}
