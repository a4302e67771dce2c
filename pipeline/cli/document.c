/*
 * document.c - published statements on the command line: the options
 * that segment, classify and compare share (-i html|pdf, --encoding,
 * --encoding-errors) and reading a file through themes_document_text.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int parse_document_option(const char *command, int c, const char *arg,
                          themes_document_options *o)
{
	if (c == OPT_ENCODING) {
		o->encoding = arg;
		return 1;
	}
	if (c != OPT_ENCODING_ERRORS)
		return 0;
	if (strcmp(arg, "strict") != 0 && strcmp(arg, "replace") != 0) {
		usage_error(command, "--encoding-errors must be strict or replace, "
		            "not \"%s\"", arg);
		return -1;
	}
	o->replace_invalid = strcmp(arg, "replace") == 0;
	return 1;
}

bool parse_document_kind(const char *arg, themes_document_options *o)
{
	static const char *const names[] = {"auto", "text", "html", "pdf", NULL};
	for (int k = 0; names[k]; k++)
		if (strcmp(arg, names[k]) == 0) {
			o->kind = (themes_document_kind)k;
			return true;
		}
	return false;
}

bool document_wanted(const themes_document_options *o, const char *head,
                     size_t length)
{
	return o->encoding || o->kind == THEMES_DOCUMENT_HTML ||
	       o->kind == THEMES_DOCUMENT_PDF ||
	       (o->kind == THEMES_DOCUMENT_AUTO &&
	        themes_detect_document(head, length) != THEMES_DOCUMENT_TEXT) ||
	       (length >= 2 && (memcmp(head, "\xff\xfe", 2) == 0 ||
	                        memcmp(head, "\xfe\xff", 2) == 0));
}

int convert_document(const char *path, const themes_document_options *o,
                     char *data, size_t length, themes_document *doc)
{
	themes_error err = {0};
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int status = themes_document_read(data, length, name, o, doc, &err);
	free(data);
	return status == THEMES_OK ? EXIT_OK : report_failure(&err);
}

int read_document(const char *path, const themes_document_options *o,
                  themes_document *doc)
{
	char *data;
	size_t length;
	memset(doc, 0, sizeof *doc);
	int status = read_whole_file(path, &data, &length);
	if (status != EXIT_OK)
		return status;
	return convert_document(path, o, data, length, doc);
}

void clause_id(char *id, size_t size, const char *name, unsigned long n,
               const char *number)
{
	if (number)
		snprintf(id, size, "%.4000s:%lu#%s", name, n, number);
	else
		snprintf(id, size, "%.4000s:%lu", name, n);
}
