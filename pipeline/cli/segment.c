/*
 * segment.c - `themes segment`: whole statements in, one CSV row per clause
 * out (id,section,line,text), as themes classify --statement sees them.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes segment [OPTION]... [FILE]...\n"
"Split whole statements into the clauses that 'themes classify --statement'\n"
"classifies.  With no FILE, or when FILE is -, read standard input.\n"
"\n"
"  -o, --output=FILE  write to FILE (written whole or not at all)\n"
DOCUMENT_HELP
"  -h, --help         show this help and exit\n"
"\n"
"Output: CSV with the header id,section,line,text and one row per clause,\n"
"where id is FILE:N (N counts the clauses of that file from 1; '-' for\n"
"standard input), or FILE:N#M for the item numbered M of an HTML ol (as\n"
"the page shows it: 3, c, iv), section is the heading above the clause\n"
"and line is the line where the clause starts (in the text of the page,\n"
"for HTML and PDF).\n"
"\n"
"Sentences are split at . ! ? but not after abbreviations (U.S., No. 5,\n"
"e.g., Mr., Art., Jan., initials) or inside numbers.  A bullet (-, *, the\n"
"bullet character, en dash) or numbered item (1.  2)  (a)  II.) is one clause\n"
"whole, without its marker.  Headings (the first line, short title-case or\n"
"all-capital lines, \"Section II: ...\") and table-of-contents lines are not\n"
"clauses.\n"
"\n"
"Russian: not after initials (В. В. Путин), т. е., см., ст. and the like;\n"
"\"Раздел II\" and \"Статья 5\" are headings; а) б) are items.\n"
"Chinese: sentences end at 。！？ (no space needed) and at ； inside an\n"
"enumeration; 一、 （一） (1) 1、 第X条 are items, or headings when a short\n"
"title without punctuation follows.\n"
"\n"
"HTML: h1-h6 are headings, li items (ol numbers in the id, not the text),\n"
"p/div/td paragraphs and br line breaks; navigation, headers, footers,\n"
"scripts, forms and hidden elements are left out, and main or article is\n"
"read when the page has one.  PDF: the text in reading order without\n"
"running headers, footers and page numbers.\n");
}

int read_whole_file(const char *path, char **data, size_t *length)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	*data = NULL;
	*length = 0;
	if (!in) {
		report_error("%s: cannot open: %s", path, strerror(errno));
		return EXIT_DATA;
	}
	size_t capacity = 1 << 16, n = 0;
	char *buf = malloc(capacity);
	int status = EXIT_OK;
	while (buf) {
		if (n + 1 >= capacity) {
			char *bigger = capacity > ((size_t)-1) / 2 ? NULL
			               : realloc(buf, capacity * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			capacity *= 2;
		}
		size_t got = fread(buf + n, 1, capacity - 1 - n, in);
		n += got;
		if (got == 0)
			break;
	}
	if (!buf) {
		report_error("%s: out of memory", path);
		status = EXIT_DATA;
	} else if (ferror(in)) {
		report_error("%s: cannot read: %s", path, strerror(errno));
		status = EXIT_DATA;
	}
	if (in != stdin)
		fclose(in);
	else
		clearerr(stdin);
	if (status != EXIT_OK) {
		free(buf);
		return status;
	}
	buf[n] = '\0';
	*data = buf;
	*length = n;
	return EXIT_OK;
}

typedef struct segment_output {
	FILE *out;
	const char *name;
	const themes_document *doc;
	unsigned long count;
} segment_output;

static int write_clause(const char *clause, size_t length, const char *section,
                        long line, void *user)
{
	(void)length;
	segment_output *so = user;
	char id[4200];
	clause_id(id, sizeof id, so->name, ++so->count,
	          themes_document_item_number(so->doc, line));
	themes_write_csv_field(so->out, id);
	fputc(',', so->out);
	themes_write_csv_field(so->out, section);
	fprintf(so->out, ",%ld,", line);
	themes_write_csv_field(so->out, clause);
	fputc('\n', so->out);
	return 0;
}

static int segment_input(const char *path, const themes_document_options *o,
                         FILE *out)
{
	themes_document doc;
	int status = read_document(path, o, &doc);
	if (status != EXIT_OK)
		return status;
	segment_output so = {out, path, &doc, 0};
	if (themes_segment(doc.text, doc.length, write_clause, &so) != THEMES_OK) {
		report_error("%s: out of memory while segmenting", path);
		status = EXIT_DATA;
	}
	themes_document_free(&doc);
	return status;
}

int main_segment(int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"input-format", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		DOCUMENT_LONG_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	const char *output_path = NULL;
	themes_document_options document = {0};
	int c, r;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:i:h", options, NULL)) != -1) {
		if ((r = parse_document_option("segment", c, optarg, &document)) < 0)
			return EXIT_USAGE;
		if (r)
			continue;
		switch (c) {
		case 'o': output_path = optarg; break;
		case 'i':
			if (!parse_document_kind(optarg, &document))
				return usage_error("segment", "--input-format must be auto, "
				                   "text, html or pdf, not \"%s\"", optarg);
			break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("segment", "unrecognised option");
		}
	}
	output_file out = {0};
	int status = output_open(&out, output_path);
	if (status != EXIT_OK)
		return status;
	fputs("id,section,line,text\n", out.stream);
	if (optind == argc)
		status = segment_input("-", &document, out.stream);
	for (int i = optind; i < argc && status == EXIT_OK; i++)
		status = segment_input(argv[i], &document, out.stream);
	if (status == EXIT_OK)
		status = output_commit(&out);
	else
		output_abort(&out);
	return status;
}
