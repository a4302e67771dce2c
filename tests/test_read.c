/*
 * test_read.c - the CSV / plain-text reader (read.c) and labelled corpus
 * validation (corpus.c), on temporary files.
 */
#define _POSIX_C_SOURCE 200809L
#include "themes.h"
#include "harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static char temp_dir[256];

/* Writes n bytes to a new temporary file; returns its path (static). */
static const char *write_temp(const char *bytes, size_t n)
{
	static char path[512];
	static int counter;

	snprintf(path, sizeof path, "%s/input%d.dat", temp_dir, counter++);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(bytes, 1, n, f);
	fclose(f);
	return path;
}

#define WRITE(literal) write_temp(literal, sizeof(literal) - 1)

/* Up to 8 records read from a file. */
typedef struct rows {
	int status;        /* last status of open or next: 0 at a clean end */
	themes_error err;
	themes_format format;
	int has_id, has_text;
	size_t count;
	char *id[8], *text[8];
	size_t text_length[8];
	long line[8], row[8];
} rows;

static rows read_all(const char *path, themes_format format)
{
	rows r;
	themes_reader *reader = NULL;
	themes_read_options options = {format, NULL, NULL};

	memset(&r, 0, sizeof r);
	r.status = themes_reader_open(&reader, path, &options, &r.err);
	if (r.status != THEMES_OK) {
		CHECK(reader == NULL);
		return r;
	}
	r.format = themes_reader_format(reader);
	r.has_id = themes_reader_has_column(reader, "id");
	r.has_text = themes_reader_has_column(reader, "text");
	themes_record rec;
	while ((r.status = themes_reader_next(reader, &rec, &r.err)) == 1) {
		if (r.count < 8) {
			r.id[r.count] = rec.id ? strdup(rec.id) : NULL;
			r.text[r.count] = malloc(rec.text_length + 1);
			memcpy(r.text[r.count], rec.text, rec.text_length + 1);
			r.text_length[r.count] = rec.text_length;
			r.line[r.count] = rec.line;
			r.row[r.count] = rec.row;
		}
		r.count++;
	}
	themes_reader_close(reader);
	return r;
}

static void free_rows(rows *r)
{
	for (size_t i = 0; i < r->count && i < 8; i++) {
		free(r->id[i]);
		free(r->text[i]);
	}
}

static int contains(const char *haystack, const char *needle)
{
	int ok = strstr(haystack, needle) != NULL;

	if (!ok)
		fprintf(stderr, "  \"%s\" not in \"%s\"\n", needle, haystack);
	return ok;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */
/* ------------------------------------------------------------------ */

static void test_quoted_fields(void)
{
	/* Commas and doubled quotes inside quotes. */
	rows r = read_all(WRITE("id,text\n"
	                        "1,\"sovereignty, integrity and peace\"\n"
	                        "2,\"the so-called \"\"rules-based order\"\"\"\n"
	                        "3,\"\"\n"),
	                  THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.count == 3);
	if (r.count == 3) {
		CHECK_STR(r.text[0], "sovereignty, integrity and peace");
		CHECK_STR(r.text[1], "the so-called \"rules-based order\"");
		CHECK_STR(r.text[2], "");
		CHECK(r.text_length[2] == 0);
		CHECK_STR(r.id[1], "2");
		CHECK(r.line[2] == 4);
		CHECK(r.row[2] == 3);
	}
	free_rows(&r);
}

static void test_embedded_newlines(void)
{
	/* Row 1 spans lines 2-4 (LF, then CRLF inside the quotes); row 2
	 * starts on line 5. */
	rows r = read_all(WRITE("id,text,theme\n"
	                        "a,\"first line\nsecond line\r\nthird line\",endure\n"
	                        "b,next,history\n"),
	                  THEMES_FORMAT_CSV);
	CHECK(r.status == 0);
	CHECK(r.count == 2);
	if (r.count == 2) {
		CHECK_STR(r.text[0], "first line\nsecond line\nthird line");
		CHECK(r.line[0] == 2);
		CHECK_STR(r.text[1], "next");
		CHECK(r.line[1] == 5);
		CHECK(r.row[1] == 2);
	}
	free_rows(&r);
}

static void test_bom(void)
{
	/* The BOM must not become part of the first column's name. */
	rows r = read_all(WRITE("\xEF\xBB\xBFid,text\nx1,hello\n"),
	                  THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.has_id);
	CHECK(r.count == 1);
	if (r.count == 1) {
		CHECK_STR(r.id[0], "x1");
		CHECK_STR(r.text[0], "hello");
	}
	free_rows(&r);

	/* A BOM on a plain-text file is not part of the first clause. */
	r = read_all(WRITE("\xEF\xBB\xBFpeace talks\n"), THEMES_FORMAT_AUTO);
	CHECK(r.format == THEMES_FORMAT_TEXT);
	CHECK(r.count == 1);
	if (r.count == 1)
		CHECK_STR(r.text[0], "peace talks");
	free_rows(&r);
}

static void test_line_ends(void)
{
	/* CRLF (Windows). */
	rows r = read_all(WRITE("id,text\r\n1,a\r\n2,b\r\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.count == 2);
	if (r.count == 2) {
		CHECK_STR(r.text[0], "a");
		CHECK_STR(r.text[1], "b");
		CHECK(r.line[1] == 3);
	}
	free_rows(&r);

	/* Lone CR (classic Mac). */
	r = read_all(WRITE("id,text\r1,a\r2,b\r"), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.count == 2);
	if (r.count == 2) {
		CHECK_STR(r.text[0], "a");
		CHECK_STR(r.text[1], "b");
		CHECK(r.line[1] == 3);
	}
	free_rows(&r);

	/* Missing final newline: the last row is still read whole. */
	r = read_all(WRITE("id,text\n1,a\n2,last row"), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.count == 2);
	if (r.count == 2)
		CHECK_STR(r.text[1], "last row");
	free_rows(&r);

	/* Missing final newline after a quoted field. */
	r = read_all(WRITE("id,text\n1,\"quoted, last\""), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.count == 1);
	if (r.count == 1)
		CHECK_STR(r.text[0], "quoted, last");
	free_rows(&r);
}

static void test_blank_lines(void)
{
	/* Blank lines (LF and CRLF) between CSV rows are skipped, and line
	 * numbers still count them. */
	rows r = read_all(WRITE("id,text\n1,a\n\n\r\n2,b\n\n"), THEMES_FORMAT_CSV);
	CHECK(r.status == 0);
	CHECK(r.count == 2);
	if (r.count == 2) {
		CHECK_STR(r.text[1], "b");
		CHECK(r.line[1] == 5);
		CHECK(r.row[1] == 2);
	}
	free_rows(&r);
}

static void test_plain_text(void)
{
	/* No "text" column on the first line: plain text, one row per line;
	 * quotes and commas are part of the clause, empty lines are rows. */
	rows r = read_all(WRITE("Both sides oppose hegemonism.\n"
	                        "He said \"no\", twice\n"
	                        "\n"
	                        "this text is not a header\r\n"
	                        "last"),
	                  THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_TEXT);
	CHECK(!r.has_text);
	CHECK(r.count == 5);
	if (r.count == 5) {
		CHECK_STR(r.text[0], "Both sides oppose hegemonism.");
		CHECK_STR(r.text[1], "He said \"no\", twice");
		CHECK_STR(r.text[2], "");
		CHECK_STR(r.text[3], "this text is not a header");
		CHECK_STR(r.text[4], "last");
		CHECK(r.id[0] == NULL);
		CHECK(r.line[0] == 1);
		CHECK(r.line[4] == 5);
		CHECK(r.row[4] == 5);
	}
	free_rows(&r);

	/* Forced text format reads a CSV header as a clause. */
	r = read_all(WRITE("id,text\n1,a\n"), THEMES_FORMAT_TEXT);
	CHECK(r.format == THEMES_FORMAT_TEXT);
	CHECK(r.count == 2);
	if (r.count == 2)
		CHECK_STR(r.text[0], "id,text");
	free_rows(&r);

	/* A NUL byte in plain text is an error with its line. */
	r = read_all(WRITE("fine\nbad\0byte\n"), THEMES_FORMAT_TEXT);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "NUL"));
	CHECK(contains(r.err.message, ":2:"));
	free_rows(&r);
}

static void test_long_lines(void)
{
	/* Lines longer than the reader's 64 KiB chunks, in both formats. */
	size_t n = 300000;
	char *buf = malloc(n + 64);
	size_t at = (size_t)sprintf(buf, "id,text\n1,\"");
	for (size_t i = 0; i < n; i++)
		buf[at++] = (char)('a' + (int)(i % 26));
	at += (size_t)sprintf(buf + at, "\"\n2,short\n");
	rows r = read_all(write_temp(buf, at), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.count == 2);
	if (r.count == 2) {
		CHECK(r.text_length[0] == n);
		CHECK_STR(r.text[1], "short");
	}
	free_rows(&r);

	/* A first line longer than a chunk, without a text column: text. */
	memset(buf, 'x', n);
	memcpy(buf + n, "\ntext\n", 6);
	r = read_all(write_temp(buf, n + 6), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_TEXT);
	CHECK(r.count == 2);
	if (r.count == 2)
		CHECK(r.text_length[0] == n);
	free_rows(&r);
	free(buf);
}

static void test_stream(void)
{
	/* The stream variant: the reader leaves the stream open. */
	FILE *f = tmpfile();
	themes_reader *reader = NULL;
	themes_error err = {0};
	themes_record rec;

	CHECK(f != NULL);
	if (!f)
		return;
	fputs("text\nonly a text column\n", f);
	rewind(f);
	CHECK(themes_reader_open_stream(&reader, f, "memory", NULL, &err) ==
	      THEMES_OK);
	if (reader) {
		CHECK_STR(themes_reader_name(reader), "memory");
		CHECK(themes_reader_next(reader, &rec, &err) == 1);
		CHECK_STR(rec.text, "only a text column");
		CHECK(rec.id == NULL);
		CHECK(themes_reader_field(reader, "theme") == NULL);
		CHECK(themes_reader_next(reader, &rec, &err) == 0);
		themes_reader_close(reader);
	}
	CHECK(fseek(f, 0, SEEK_SET) == 0); /* still open */
	fclose(f);
}

/* ------------------------------------------------------------------ */
/* CSV errors                                                           */
/* ------------------------------------------------------------------ */

static void test_unterminated_quote(void)
{
	/* The quote opens on line 3 and never closes. */
	rows r = read_all(WRITE("id,text\n1,ok\n2,\"never closed\n3,more\n"),
	                  THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(r.err.code == THEMES_ERR_DATA);
	CHECK(r.err.line == 3);
	CHECK(contains(r.err.message, "unterminated"));
	CHECK(contains(r.err.message, ":3:"));
	CHECK(contains(r.err.message, temp_dir));
	free_rows(&r);
}

static void test_stray_quote(void)
{
	rows r = read_all(WRITE("id,text\n1,ok\n2,a \"quoted\" word\n"),
	                  THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(r.count == 1);
	CHECK(r.err.line == 3);
	CHECK(contains(r.err.message, "stray quote"));
	CHECK(contains(r.err.message, ":3:"));
	free_rows(&r);

	/* Text after a closing quote. */
	r = read_all(WRITE("id,text\n1,\"closed\"trailing\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, ":2:"));
	free_rows(&r);
}

static void test_nul_byte(void)
{
	rows r = read_all(WRITE("id,text\n1,a\0b\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "NUL"));
	CHECK(contains(r.err.message, ":2:"));
	free_rows(&r);

	/* Inside quotes too. */
	r = read_all(WRITE("id,text\n1,\"a\0b\"\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "NUL"));
	free_rows(&r);
}

static void test_field_count(void)
{
	rows r = read_all(WRITE("id,text\n1,a\n2,b,extra\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(r.count == 1);
	CHECK(r.err.line == 3);
	CHECK(contains(r.err.message, ":3:"));
	CHECK(contains(r.err.message, "3 fields"));
	CHECK(contains(r.err.message, "2 columns"));
	free_rows(&r);

	/* Fewer fields than columns. */
	r = read_all(WRITE("id,text,theme\n1,a\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "2 fields"));
	free_rows(&r);
}

static void test_missing_text_column(void)
{
	rows r = read_all(WRITE("id,body,theme\n1,a,endure\n"), THEMES_FORMAT_CSV);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(r.err.line == 1);
	CHECK(contains(r.err.message, "\"text\""));
	CHECK(contains(r.err.message, "\"id\""));
	CHECK(contains(r.err.message, "\"body\""));
	CHECK(contains(r.err.message, "\"theme\""));
	free_rows(&r);

	/* Column names are exact: "Text" is not "text". */
	r = read_all(WRITE("id,Text\n1,a\n"), THEMES_FORMAT_CSV);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "\"Text\""));
	free_rows(&r);
}

static void test_empty_file(void)
{
	rows r = read_all(WRITE(""), THEMES_FORMAT_CSV);
	CHECK(r.status == THEMES_ERR_DATA);
	CHECK(contains(r.err.message, "empty"));
	free_rows(&r);

	/* Detected as plain text: no rows, no error. */
	r = read_all(WRITE(""), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.count == 0);
	free_rows(&r);

	/* A header alone: no rows, no error. */
	r = read_all(WRITE("id,text\n"), THEMES_FORMAT_AUTO);
	CHECK(r.status == 0);
	CHECK(r.format == THEMES_FORMAT_CSV);
	CHECK(r.count == 0);
	free_rows(&r);
}

static void test_missing_file(void)
{
	themes_reader *reader = (themes_reader *)temp_dir;
	themes_error err = {0};
	char path[512];

	snprintf(path, sizeof path, "%s/does-not-exist.csv", temp_dir);
	CHECK(themes_reader_open(&reader, path, NULL, &err) ==
	      THEMES_ERR_IO);
	CHECK(reader == NULL);
	CHECK(contains(err.message, path));
}

/* ------------------------------------------------------------------ */
/* Labelled corpus                                                      */
/* ------------------------------------------------------------------ */

static void test_corpus_good(void)
{
	themes_corpus *c = NULL;
	themes_error err = {0};
	themes_codebook *six = harness_six_themes();
	const char *path = WRITE(
		"id,text,theme,secondary,source\n"
		"s1,Both sides oppose hegemonism.,counter_hegemony,,seed\n"
		"s2,\"The victory, won together.\",history,endure;multipolar,seed\n"
		"\n"
		"s3,Russia supports the Belt and Road.,china_lead,endure,\n");

	CHECK(themes_corpus_read(&c, path, six, NULL, &err) == THEMES_OK);
	if (!c) {
		fprintf(stderr, "  %s\n", err.message);
		themes_codebook_free(six);
		return;
	}
	CHECK(themes_corpus_size(c) == 3);
	CHECK_STR(themes_corpus_id(c, 1), "s2");
	CHECK_STR(themes_corpus_text(c, 1), "The victory, won together.");
	CHECK(themes_corpus_theme(c, 0) == 2);
	CHECK(themes_corpus_theme(c, 1) == 1);
	CHECK(themes_corpus_secondary(c, 0) == 0);
	CHECK(themes_corpus_secondary(c, 1) == ((1u << 0) | (1u << 4)));
	CHECK(themes_corpus_secondary(c, 2) == 1u);
	CHECK(themes_corpus_line(c, 2) == 5);
	CHECK_STR(themes_corpus_name(c), path);
	CHECK(themes_codebook_count(themes_corpus_codebook(c)) == 6);
	themes_corpus_free(c);

	/* Without a codebook the labels are the primary labels used, in
	 * bytewise order; secondaries must be among them. */
	c = NULL;
	CHECK(themes_corpus_read(&c, WRITE("id,text,theme,secondary\n"
	                                   "a,one,zeta,\nb,two,alpha,zeta\n"
	                                   "c,three,mid,\n"), NULL, NULL,
	                         &err) == THEMES_OK);
	if (c) {
		const themes_codebook *cb = themes_corpus_codebook(c);
		CHECK(themes_codebook_count(cb) == 3);
		CHECK_STR(themes_codebook_label(cb, 0), "alpha");
		CHECK_STR(themes_codebook_label(cb, 1), "mid");
		CHECK_STR(themes_codebook_label(cb, 2), "zeta");
		CHECK(themes_corpus_theme(c, 0) == 2);
		CHECK(themes_corpus_secondary(c, 1) == 1u << 2);
		themes_corpus_free(c);
	}

	/* Without an id column, ids are row numbers; other column names and a
	 * group column. */
	c = NULL;
	themes_corpus_columns columns = {0};
	columns.text = "body";
	columns.theme = "label";
	columns.group = "writer";
	CHECK(themes_corpus_read(&c, WRITE("body\tlabel\twriter\n"
	                                   "first\tendure\tw1\n"
	                                   "second\thistory\tw2\n"), six, &columns,
	                         &err) == THEMES_OK);
	if (c) {
		CHECK_STR(themes_corpus_id(c, 0), "1");
		CHECK_STR(themes_corpus_id(c, 1), "2");
		CHECK_STR(themes_corpus_text(c, 1), "second");
		CHECK_STR(themes_corpus_group(c, 1), "w2");
		themes_corpus_free(c);
	}
	themes_codebook_free(six);
}

/* themes_corpus_append: copies of the other corpus's rows after the
 * corpus's own, only between corpora with the same labels. */
static void test_corpus_append(void)
{
	themes_corpus *a = NULL, *b = NULL, *other_labels = NULL;
	themes_error err = {0};
	themes_codebook *six = harness_six_themes();
	CHECK(themes_corpus_read(&a, WRITE("id,text,theme\n"
	                                   "a1,First clause.,endure\n"), six,
	                         NULL, &err) == THEMES_OK);
	CHECK(themes_corpus_read(&b, WRITE("id,text,theme,secondary,writer\n"
	                                   "b1,Second clause.,history,endure,w\n"
	                                   "b2,Third clause.,legitimacy,,w\n"),
	                         six, NULL, &err) == THEMES_OK);
	CHECK(themes_corpus_read(&other_labels, WRITE("id,text,theme\n"
	                                              "c1,Some clause.,trade\n"),
	                         NULL, NULL, &err) == THEMES_OK);
	if (a && b && other_labels) {
		CHECK(themes_corpus_append(a, b, &err) == THEMES_OK);
		CHECK(themes_corpus_size(a) == 3);
		CHECK(themes_corpus_size(b) == 2);
		CHECK_STR(themes_corpus_id(a, 1), "b1");
		CHECK_STR(themes_corpus_text(a, 2), "Third clause.");
		CHECK(themes_corpus_theme(a, 1) == 1);
		CHECK(themes_corpus_secondary(a, 1) == 1u);
		CHECK(themes_corpus_line(a, 2) == 3);
		CHECK(themes_corpus_append(a, other_labels, &err) ==
		      THEMES_ERR_PARAM);
		CHECK(strstr(err.message, "have different labels (trade; endure, "
		             "history,") != NULL);
		CHECK(themes_corpus_size(a) == 3);
	}
	themes_corpus_free(a);
	themes_corpus_free(b);
	themes_corpus_free(other_labels);
	themes_codebook_free(six);
}

/* Each bad corpus, with and without the six-theme codebook, and what its
 * message must say. */
static void test_corpus_errors(void)
{
	static const struct {
		const char *input;
		bool codebook;   /* read with the six themes */
		long line;       /* expected err.line, or -1 to skip */
		const char *says[3];
	} cases[] = {
		{"id,text,theme\na,fine,endure\nb,clause,friendship\n", true, 3,
		 {":3:", "\"friendship\"", "valid labels: endure, history, "
		  "counter_hegemony, china_lead, multipolar, legitimacy"}},
		{"id,text,theme\na,clause, Endure\n", true, 2,
		 {"\" Endure\"", "did you mean \"endure\"", ":2:"}},
		{"id,text,theme,secondary\na,clause,endure,History\n", true, 2,
		 {"History", "did you mean \"history\"", NULL}},
		{"id,text,theme,secondary\na,clause,endure,history\n", false, 2,
		 {"unknown secondary label \"history\"", "valid labels: endure",
		  NULL}},
		{"id,text,theme\ndup,one,endure\nx,two,history\ndup,three,multipolar\n",
		 true, 4, {":4:", "\"dup\"", "line 2"}},
		{"id,text,theme,secondary\na,clause,history,endure;history\n", true, 2,
		 {"repeats the primary", ":2:", NULL}},
		{"id,text,theme,secondary\na,clause,endure,history;multipolar;"
		 "legitimacy\n", true, -1, {"more than two", NULL, NULL}},
		{"id,text,theme,secondary\na,clause,endure,history;history\n", true,
		 -1, {"twice", NULL, NULL}},
		{"id,text,theme\na,,endure\n", true, -1, {"empty text", NULL, NULL}},
		{"id,text,theme\na,clause,\n", true, -1, {"empty label", NULL, NULL}},
		{"id,text,theme\na,clause,\n", false, -1, {"not valid", "empty",
		 NULL}},
		{"id,text,theme\na,clause,has space\n", false, 2,
		 {"not valid", "space", NULL}},
		{"id,text\na,clause\n", true, -1, {"\"theme\"", NULL, NULL}},
		{"id,text,theme\n", true, -1, {"no labelled rows", NULL, NULL}},
		{"id,text,theme\na,\"open,endure\n", true, -1,
		 {"unterminated", NULL, NULL}},
		{"just a line of text\n", true, -1, {"not a labelled CSV", NULL,
		 NULL}},
	};
	themes_codebook *six = harness_six_themes();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		themes_error err;
		themes_corpus *c = (themes_corpus *)temp_dir;
		memset(&err, 0, sizeof err);
		const char *path = write_temp(cases[i].input, strlen(cases[i].input));
		int status = themes_corpus_read(&c, path,
		                                cases[i].codebook ? six : NULL, NULL,
		                                &err);
		if (!CHECK(status == THEMES_ERR_DATA))
			fprintf(stderr, "  case %zu: status %d\n", i, status);
		CHECK(c == NULL);
		if (cases[i].line >= 0 && !CHECK(err.line == cases[i].line))
			fprintf(stderr, "  case %zu: line %ld\n", i, err.line);
		for (int k = 0; k < 3 && cases[i].says[k]; k++)
			if (!CHECK(contains(err.message, cases[i].says[k])))
				fprintf(stderr, "  case %zu: \"%s\" lacks \"%s\"\n", i,
				        err.message, cases[i].says[k]);
	}
	themes_codebook_free(six);
}

/* Format detection by name and by first line. */
static void test_detect_format(void)
{
	static const struct {
		const char *path, *head;
		themes_format want;
	} cases[] = {
		{"a.csv", "anything at all\n", THEMES_FORMAT_CSV},
		{"b.TSV", "anything\n", THEMES_FORMAT_TSV},
		{"c.txt", "id,text\n", THEMES_FORMAT_CSV},
		{"c.txt", "id,body\n", THEMES_FORMAT_CSV},
		{NULL, "\xEF\xBB\xBFid\ttext\tlabel\n", THEMES_FORMAT_TSV},
		{NULL, "text\n", THEMES_FORMAT_CSV},
		{NULL, "Hello\n", THEMES_FORMAT_TEXT},
		{NULL, "Both sides, however, agree.\n", THEMES_FORMAT_TEXT},
		{NULL, "\"id\",\"text\"\n", THEMES_FORMAT_CSV},
		{NULL, "", THEMES_FORMAT_TEXT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (!CHECK(themes_detect_format(cases[i].path, cases[i].head,
		                                strlen(cases[i].head), NULL) ==
		           cases[i].want))
			fprintf(stderr, "  case %zu\n", i);
	CHECK(themes_detect_format(NULL, "para_id,clause\n", 15, "clause") ==
	      THEMES_FORMAT_CSV);
	CHECK(themes_detect_format(NULL, "clause\n", 7, "clause") ==
	      THEMES_FORMAT_CSV);
}

int main(void)
{
	snprintf(temp_dir, sizeof temp_dir, "/tmp/themes-test-read-XXXXXX");
	if (!mkdtemp(temp_dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_quoted_fields();
	test_embedded_newlines();
	test_bom();
	test_line_ends();
	test_blank_lines();
	test_plain_text();
	test_long_lines();
	test_stream();
	test_unterminated_quote();
	test_stray_quote();
	test_nul_byte();
	test_field_count();
	test_missing_text_column();
	test_empty_file();
	test_missing_file();
	test_corpus_good();
	test_corpus_append();
	test_corpus_errors();
	test_detect_format();

	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", temp_dir);
	if (system(command) != 0)
		fprintf(stderr, "could not remove %s\n", temp_dir);
	return harness_summary();
}
