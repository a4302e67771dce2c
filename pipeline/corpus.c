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

/* The state of one themes_corpus_read. */
typedef struct loader {
	themes_corpus *c;
	themes_reader *reader;
	const char *name;                  /* the reader's name for messages */
	const themes_corpus_columns *columns;
	const char *theme_column, *secondary_column;
	struct pending_row *pending;       /* labels as read, one per row */
	themes_map ids;                    /* id -> line of first use */
	themes_error *err;
} loader;

/* Opens the file and checks that its header has the columns asked for. */
static int open_corpus(loader *l, const char *path)
{
	themes_read_options read_options = {0};
	read_options.text_column = l->columns->text;
	read_options.id_column = l->columns->id;
	int status = themes_reader_open(&l->reader, path, &read_options, l->err);
	if (status != THEMES_OK)
		return status;
	l->name = themes_reader_name(l->reader);
	if (themes_reader_format(l->reader) == THEMES_FORMAT_TEXT)
		return themes_fail(l->err, THEMES_ERR_DATA, 1,
			"%s:1: not a labelled CSV or TSV file: the first line is not a "
			"header naming the text and \"%s\" columns", path,
			l->theme_column);
	if (!themes_reader_has_column(l->reader, l->theme_column))
		return themes_fail(l->err, THEMES_ERR_DATA, 1,
			"%s:1: no \"%s\" column in the header; a labelled corpus needs "
			"id, text and label columns", path, l->theme_column);
	const char *extra[2] = {l->columns->group, l->columns->by};
	for (int e = 0; e < 2; e++)
		if (extra[e] && !themes_reader_has_column(l->reader, extra[e]))
			return themes_fail(l->err, THEMES_ERR_DATA, 1,
				"%s:1: no \"%s\" column in the header to %s", path,
				extra[e], e == 0 ? "group folds by" : "report by");
	return THEMES_OK;
}

/* The row's id (its row number when the file has no id column), checked
 * for being empty or used twice; number holds a row number's text. */
static int row_id(loader *l, const themes_record *rec, char number[32],
                  const char **id)
{
	*id = rec->id;
	if (!*id) {
		snprintf(number, 32, "%ld", rec->row);
		*id = number;
	}
	if (!**id)
		return themes_fail(l->err, THEMES_ERR_DATA, rec->line,
			"%s:%ld: empty id", l->name, rec->line);
	int *first = themes_map_upsert(&l->ids, *id, strlen(*id), (int)rec->line);
	if (!first)
		return themes_fail(l->err, THEMES_ERR_NOMEM, 0, "out of memory");
	if (*first != (int)rec->line)
		return themes_fail(l->err, THEMES_ERR_DATA, rec->line,
			"%s:%ld: duplicate id \"%s\" (first used on line %d)", l->name,
			rec->line, *id, *first);
	return THEMES_OK;
}

static int grow_rows(loader *l)
{
	themes_corpus *c = l->c;
	if (c->count < c->capacity)
		return THEMES_OK;
	size_t capacity = c->capacity ? c->capacity * 2 : 256;
	struct corpus_row *rows = realloc(c->rows, capacity * sizeof *rows);
	if (rows)
		c->rows = rows;
	struct pending_row *more = realloc(l->pending, capacity * sizeof *more);
	if (more)
		l->pending = more;
	if (!rows || !more)
		return themes_fail(l->err, THEMES_ERR_NOMEM, 0, "out of memory");
	c->capacity = capacity;
	return THEMES_OK;
}

static char *copy_field(const char *s)
{
	return themes_strndup(s, strlen(s));
}

/* Adds the row just read: its text, id, extra columns and raw labels. */
static int add_row(loader *l, const themes_record *rec)
{
	if (rec->text_length == 0)
		return themes_fail(l->err, THEMES_ERR_DATA, rec->line,
			"%s:%ld: empty text in a labelled row", l->name, rec->line);
	char number[32];
	const char *id;
	int status = row_id(l, rec, number, &id);
	if (status == THEMES_OK)
		status = grow_rows(l);
	if (status != THEMES_OK)
		return status;
	const themes_corpus_columns *columns = l->columns;
	const char *theme = themes_reader_field(l->reader, l->theme_column);
	const char *secondary = themes_reader_field(l->reader, l->secondary_column);
	struct corpus_row *row = &l->c->rows[l->c->count];
	struct pending_row *labels = &l->pending[l->c->count];
	memset(row, 0, sizeof *row);
	row->line = rec->line;
	row->id = copy_field(id);
	row->text = themes_strndup(rec->text, rec->text_length);
	row->group = copy_field(columns->group ?
		themes_reader_field(l->reader, columns->group) : "");
	row->by = copy_field(columns->by ?
		themes_reader_field(l->reader, columns->by) : "");
	labels->theme = copy_field(theme);
	labels->secondary = secondary ? copy_field(secondary) : NULL;
	l->c->count++;
	if (!row->id || !row->text || !row->group || !row->by ||
	    !labels->theme || (secondary && !labels->secondary))
		return themes_fail(l->err, THEMES_ERR_NOMEM, 0, "out of memory");
	return THEMES_OK;
}

int themes_corpus_read(themes_corpus **out, const char *path,
                       const themes_codebook *codebook,
                       const themes_corpus_columns *columns,
                       themes_error *err)
{
	*out = NULL;
	themes_corpus_columns defaults = {0};
	loader l = {0};
	l.columns = columns ? columns : &defaults;
	l.theme_column = or_default(l.columns->theme, "theme");
	l.secondary_column = or_default(l.columns->secondary, "secondary");
	l.err = err;
	themes_map_init(&l.ids);
	int status = open_corpus(&l, path);
	if (status == THEMES_OK && (!(l.c = calloc(1, sizeof *l.c)) ||
	                            !(l.c->name = copy_field(l.name))))
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	themes_record rec;
	while (status == THEMES_OK &&
	       (status = themes_reader_next(l.reader, &rec, err)) == 1)
		status = add_row(&l, &rec);
	if (status == 0 && l.c->count == 0)
		status = themes_fail(err, THEMES_ERR_DATA, 1,
			"%s: no labelled rows after the header", l.name);
	else if (status == 0)
		status = codebook ? themes_codebook_copy(&l.c->codebook, codebook, err)
		                  : codebook_from_labels(l.c, l.pending, err);
	if (status == THEMES_OK)
		status = resolve_labels(l.c, l.pending, err);
	for (size_t i = 0; l.c && i < l.c->count; i++) {
		free(l.pending[i].theme);
		free(l.pending[i].secondary);
	}
	free(l.pending);
	themes_map_free(&l.ids);
	themes_reader_close(l.reader);
	if (status != THEMES_OK) {
		themes_corpus_free(l.c);
		return status;
	}
	*out = l.c;
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

int themes_corpus_append(themes_corpus *c, const themes_corpus *other,
                         themes_error *err)
{
	if (!themes_codebook_same_labels(c->codebook, other->codebook))
		return themes_fail(err, THEMES_ERR_PARAM, 0,
			"%s and %s have different labels (%s; %s): a corpus takes rows "
			"only with the same labels in the same order", other->name,
			c->name, themes_codebook_list(other->codebook),
			themes_codebook_list(c->codebook));
	size_t count = c->count + other->count;
	if (count > c->capacity) {
		struct corpus_row *rows = realloc(c->rows, count * sizeof *rows);
		if (!rows)
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		c->rows = rows;
		c->capacity = count;
	}
	for (size_t i = 0; i < other->count; i++) {
		const struct corpus_row *from = &other->rows[i];
		struct corpus_row *row = &c->rows[c->count];
		*row = *from;
		row->id = copy_field(from->id);
		row->text = copy_field(from->text);
		row->group = copy_field(from->group);
		row->by = copy_field(from->by);
		c->count++;
		if (!row->id || !row->text || !row->group || !row->by)
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	return THEMES_OK;
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
