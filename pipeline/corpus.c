/*
 * corpus.c - a labelled corpus (for training and evaluation) held in memory.
 *
 * Input: rows from read.c with id, text, theme and optional secondary
 * columns.  Output: validated rows with theme indices and secondary masks.
 * Every labelling mistake is reported with its line, so a hand-edited
 * spreadsheet can be fixed in one pass.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct corpus_row {
	char *id;
	char *text;
	char *group;
	char *by;
	int theme;
	unsigned secondary;
	long line;
};

struct themes_corpus {
	char *name;
	themes_codebook *codebook;
	struct corpus_row *rows;
	size_t count, capacity;
};

/* Explains why label is not valid: a near miss gets a hint. */
static int bad_label(themes_error *err, const char *name, long line,
                     const char *what, const char *label,
                     const themes_codebook *codebook)
{
	if (!*label)
		return themes_fail(err, THEMES_ERR_DATA, line,
			"%s:%ld: empty %s; valid labels: %s", name, line, what,
			themes_codebook_list(codebook));
	int near = themes_codebook_closest(codebook, label, NULL);
	char hint[THEMES_MAX_SLUG + 32] = "";
	if (near >= 0)
		snprintf(hint, sizeof hint, " (did you mean \"%s\"?)",
		         themes_codebook_label(codebook, near));
	return themes_fail(err, THEMES_ERR_DATA, line,
		"%s:%ld: unknown %s \"%s\"%s; valid labels: %s", name, line, what,
		label, hint, themes_codebook_list(codebook));
}

static int parse_secondary(const char *name, long line, const char *text,
                           int primary, const themes_codebook *codebook,
                           unsigned *mask, themes_error *err)
{
	*mask = 0;
	if (!text || !*text)
		return THEMES_OK;
	int count = 0;
	const char *p = text;
	for (;;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char slug[THEMES_MAX_SLUG + 1];
		if (n > THEMES_MAX_SLUG)
			n = THEMES_MAX_SLUG;
		memcpy(slug, p, n);
		slug[n] = '\0';
		int k = themes_codebook_index(codebook, slug);
		if (k < 0)
			return bad_label(err, name, line, "secondary label", slug,
			                 codebook);
		if (k == primary)
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: secondary label \"%s\" repeats the primary label",
				name, line, slug);
		if (*mask & (1u << k))
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: secondary label \"%s\" is listed twice", name,
				line, slug);
		if (++count > 2)
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: more than two secondary labels in \"%s\" (at most "
				"two, joined by ';')", name, line, text);
		*mask |= 1u << k;
		if (!end)
			break;
		p = end + 1;
	}
	return THEMES_OK;
}

/* A row as read, before its labels are resolved against the codebook. */
struct pending_row {
	char *theme, *secondary;
};

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The codebook of a corpus read without one: the primary labels used, in
 * bytewise order. */
static int codebook_from_labels(themes_corpus *c, struct pending_row *pending,
                                themes_error *err)
{
	char *labels[THEMES_MAX_LABELS];
	int count = 0;
	size_t invalid = c->count;
	for (size_t i = 0; i < c->count; i++) {
		const char *label = pending[i].theme;
		bool seen = false;
		for (int k = 0; k < count && !seen; k++)
			seen = strcmp(labels[k], label) == 0;
		if (seen)
			continue;
		if (themes_slug_problem(label, strlen(label))) {
			if (invalid == c->count)
				invalid = i;
			continue;
		}
		if (count == THEMES_MAX_LABELS)
			return themes_fail(err, THEMES_ERR_DATA, c->rows[i].line,
				"%s:%ld: label \"%s\" is the %dth distinct label; at most "
				"%d are allowed", c->name, c->rows[i].line, label,
				count + 1, THEMES_MAX_LABELS);
		labels[count++] = pending[i].theme;
	}
	qsort(labels, (size_t)count, sizeof *labels, compare_strings);
	int status = count ? themes_codebook_new(&c->codebook,
	                                         (const char *const *)labels,
	                                         NULL, count, err) : THEMES_OK;
	if (status != THEMES_OK || invalid == c->count)
		return status;
	/* The first invalid label, with the valid label it most likely meant. */
	const char *label = pending[invalid].theme;
	long line = c->rows[invalid].line;
	int near = c->codebook ? themes_codebook_closest(c->codebook, label, NULL)
	                       : -1;
	char hint[THEMES_MAX_SLUG + 32] = "";
	if (near >= 0)
		snprintf(hint, sizeof hint, "; did you mean \"%s\"?",
		         themes_codebook_label(c->codebook, near));
	return themes_fail(err, THEMES_ERR_DATA, line,
		"%s:%ld: label \"%s\" is not valid: %s%s", c->name, line, label,
		themes_slug_problem(label, strlen(label)), hint);
}

static int resolve_labels(themes_corpus *c, struct pending_row *pending,
                          themes_error *err)
{
	for (size_t i = 0; i < c->count; i++) {
		struct corpus_row *row = &c->rows[i];
		row->theme = themes_codebook_index(c->codebook, pending[i].theme);
		if (row->theme < 0)
			return bad_label(err, c->name, row->line, "label",
			                 pending[i].theme, c->codebook);
		int status = parse_secondary(c->name, row->line, pending[i].secondary,
		                             row->theme, c->codebook, &row->secondary,
		                             err);
		if (status != THEMES_OK)
			return status;
	}
	return THEMES_OK;
}

static const char *or_default(const char *name, const char *fallback)
{
	return name ? name : fallback;
}

int themes_corpus_read(themes_corpus **out, const char *path,
                       const themes_codebook *codebook,
                       const themes_corpus_columns *columns,
                       themes_error *err)
{
	*out = NULL;
	themes_corpus_columns defaults = {0};
	if (!columns)
		columns = &defaults;
	const char *theme_column = or_default(columns->theme, "theme");
	const char *secondary_column = or_default(columns->secondary, "secondary");
	themes_read_options read_options = {0};
	read_options.text_column = columns->text;
	read_options.id_column = columns->id;
	themes_reader *reader;
	int status = themes_reader_open(&reader, path, &read_options, err);
	if (status != THEMES_OK)
		return status;
	const char *name = themes_reader_name(reader);
	if (themes_reader_format(reader) == THEMES_FORMAT_TEXT) {
		themes_reader_close(reader);
		return themes_fail(err, THEMES_ERR_DATA, 1,
			"%s:1: not a labelled CSV or TSV file: the first line is not a "
			"header naming the text and \"%s\" columns", path, theme_column);
	}
	if (!themes_reader_has_column(reader, theme_column)) {
		themes_reader_close(reader);
		return themes_fail(err, THEMES_ERR_DATA, 1,
			"%s:1: no \"%s\" column in the header; a labelled corpus needs "
			"id, text and label columns", path, theme_column);
	}
	const char *extra[2] = {columns->group, columns->by};
	for (int e = 0; e < 2; e++)
		if (extra[e] && !themes_reader_has_column(reader, extra[e])) {
			themes_reader_close(reader);
			return themes_fail(err, THEMES_ERR_DATA, 1,
				"%s:1: no \"%s\" column in the header to %s", path,
				extra[e], e == 0 ? "group folds by" : "report by");
		}
	themes_corpus *c = calloc(1, sizeof *c);
	struct pending_row *pending = NULL;
	size_t pending_capacity = 0;
	themes_map ids;
	themes_map_init(&ids);
	if (!c || !(c->name = themes_strndup(name, strlen(name)))) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	themes_record rec;
	while ((status = themes_reader_next(reader, &rec, err)) == 1) {
		if (rec.text_length == 0) {
			status = themes_fail(err, THEMES_ERR_DATA, rec.line,
				"%s:%ld: empty text in a labelled row", name, rec.line);
			goto done;
		}
		char row_number[32];
		const char *id = rec.id;
		if (!id) {
			snprintf(row_number, sizeof row_number, "%ld", rec.row);
			id = row_number;
		}
		if (!*id) {
			status = themes_fail(err, THEMES_ERR_DATA, rec.line,
				"%s:%ld: empty id", name, rec.line);
			goto done;
		}
		int *first = themes_map_upsert(&ids, id, strlen(id), (int)rec.line);
		if (!first) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			goto done;
		}
		if (*first != (int)rec.line) {
			status = themes_fail(err, THEMES_ERR_DATA, rec.line,
				"%s:%ld: duplicate id \"%s\" (first used on line %d)", name,
				rec.line, id, *first);
			goto done;
		}
		if (c->count == c->capacity) {
			size_t capacity = c->capacity ? c->capacity * 2 : 256;
			struct corpus_row *rows = realloc(c->rows,
			                                  capacity * sizeof *rows);
			if (rows)
				c->rows = rows;
			struct pending_row *more = realloc(pending,
			                                   capacity * sizeof *more);
			if (more)
				pending = more;
			if (!rows || !more) {
				status = themes_fail(err, THEMES_ERR_NOMEM, 0,
				                     "out of memory");
				goto done;
			}
			c->capacity = capacity;
			pending_capacity = capacity;
		}
		const char *theme = themes_reader_field(reader, theme_column);
		const char *secondary = themes_reader_field(reader, secondary_column);
		const char *group = columns->group ?
			themes_reader_field(reader, columns->group) : "";
		const char *by = columns->by ?
			themes_reader_field(reader, columns->by) : "";
		struct corpus_row *row = &c->rows[c->count];
		struct pending_row *labels = &pending[c->count];
		memset(row, 0, sizeof *row);
		row->line = rec.line;
		row->id = themes_strndup(id, strlen(id));
		row->text = themes_strndup(rec.text, rec.text_length);
		row->group = themes_strndup(group, strlen(group));
		row->by = themes_strndup(by, strlen(by));
		labels->theme = themes_strndup(theme, strlen(theme));
		labels->secondary = secondary ?
			themes_strndup(secondary, strlen(secondary)) : NULL;
		c->count++;
		if (!row->id || !row->text || !row->group || !row->by ||
		    !labels->theme ||
		    (secondary && !labels->secondary)) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			goto done;
		}
	}
	if (status < 0)
		goto done;
	if (c->count == 0) {
		status = themes_fail(err, THEMES_ERR_DATA, 1,
			"%s: no labelled rows after the header", name);
		goto done;
	}
	status = codebook ? themes_codebook_copy(&c->codebook, codebook, err) :
	                    codebook_from_labels(c, pending, err);
	if (status == THEMES_OK)
		status = resolve_labels(c, pending, err);
done:
	for (size_t i = 0; c && i < c->count && i < pending_capacity; i++) {
		free(pending[i].theme);
		free(pending[i].secondary);
	}
	free(pending);
	themes_map_free(&ids);
	themes_reader_close(reader);
	if (status != THEMES_OK) {
		themes_corpus_free(c);
		return status;
	}
	*out = c;
	return THEMES_OK;
}

size_t themes_corpus_size(const themes_corpus *c)
{
	return c->count;
}

const char *themes_corpus_id(const themes_corpus *c, size_t i)
{
	return c->rows[i].id;
}

const char *themes_corpus_text(const themes_corpus *c, size_t i)
{
	return c->rows[i].text;
}

int themes_corpus_theme(const themes_corpus *c, size_t i)
{
	return c->rows[i].theme;
}

unsigned themes_corpus_secondary(const themes_corpus *c, size_t i)
{
	return c->rows[i].secondary;
}

const char *themes_corpus_group(const themes_corpus *c, size_t i)
{
	return c->rows[i].group;
}

const char *themes_corpus_by(const themes_corpus *c, size_t i)
{
	return c->rows[i].by;
}

long themes_corpus_line(const themes_corpus *c, size_t i)
{
	return c->rows[i].line;
}

const char *themes_corpus_name(const themes_corpus *c)
{
	return c->name;
}

const themes_codebook *themes_corpus_codebook(const themes_corpus *c)
{
	return c->codebook;
}

void themes_corpus_free(themes_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->rows[i].id);
		free(c->rows[i].text);
		free(c->rows[i].group);
		free(c->rows[i].by);
	}
	free(c->rows);
	free(c->name);
	themes_codebook_free(c->codebook);
	free(c);
}
