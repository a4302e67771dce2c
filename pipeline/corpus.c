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
	int theme;
	unsigned secondary;
	long line;
};

struct themes_corpus {
	char *name;
	struct corpus_row *rows;
	size_t count, capacity;
};

/* Explains why slug is not valid: a near miss gets a hint. */
static int bad_slug(themes_error *err, const char *name, long line,
                    const char *what, const char *slug)
{
	char folded[64];
	size_t n = 0;
	for (const char *p = slug; *p && n + 1 < sizeof folded; p++)
		if (!isspace((unsigned char)*p))
			folded[n++] = (char)tolower((unsigned char)*p);
	folded[n] = '\0';
	const char *hint = "";
	if (themes_theme_index(folded) >= 0)
		hint = " (slugs are lower-case, without spaces)";
	if (!*slug)
		return themes_fail(err, THEMES_ERR_DATA, line,
			"%s:%ld: empty %s; valid themes: %s", name, line, what,
			themes_theme_list());
	return themes_fail(err, THEMES_ERR_DATA, line,
		"%s:%ld: unknown %s \"%s\"%s; valid themes: %s", name, line, what,
		slug, hint, themes_theme_list());
}

static int parse_secondary(const char *name, long line, const char *text,
                           int primary, unsigned *mask, themes_error *err)
{
	*mask = 0;
	if (!text || !*text)
		return THEMES_OK;
	int count = 0;
	const char *p = text;
	for (;;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char slug[64];
		if (n >= sizeof slug)
			n = sizeof slug - 1;
		memcpy(slug, p, n);
		slug[n] = '\0';
		int k = themes_theme_index(slug);
		if (k < 0)
			return bad_slug(err, name, line, "secondary theme", slug);
		if (k == primary)
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: secondary theme \"%s\" repeats the primary theme",
				name, line, slug);
		if (*mask & (1u << k))
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: secondary theme \"%s\" is listed twice", name,
				line, slug);
		if (++count > 2)
			return themes_fail(err, THEMES_ERR_DATA, line,
				"%s:%ld: more than two secondary themes in \"%s\" (at most "
				"two, joined by ';')", name, line, text);
		*mask |= 1u << k;
		if (!end)
			break;
		p = end + 1;
	}
	return THEMES_OK;
}

int themes_corpus_read(themes_corpus **out, const char *path,
                       themes_error *err)
{
	*out = NULL;
	themes_reader *reader;
	int status = themes_reader_open(&reader, path, THEMES_FORMAT_CSV, err);
	if (status != THEMES_OK)
		return status;
	const char *name = themes_reader_name(reader);
	if (!themes_reader_has_column(reader, "theme")) {
		themes_reader_close(reader);
		return themes_fail(err, THEMES_ERR_DATA, 1,
			"%s:1: no \"theme\" column in the CSV header; a labelled "
			"corpus needs id, text and theme columns", path);
	}
	themes_corpus *c = calloc(1, sizeof *c);
	themes_map ids;
	themes_map_init(&ids);
	if (!c || !(c->name = themes_strndup(name, strlen(name)))) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	themes_record rec;
	while ((status = themes_reader_next(reader, &rec, err)) == 1) {
		int theme = themes_theme_index(rec.theme);
		if (theme < 0) {
			status = bad_slug(err, name, rec.line, "theme", rec.theme);
			goto done;
		}
		unsigned secondary;
		status = parse_secondary(name, rec.line, rec.secondary, theme,
		                         &secondary, err);
		if (status != THEMES_OK)
			goto done;
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
			if (!rows) {
				status = themes_fail(err, THEMES_ERR_NOMEM, 0,
				                     "out of memory");
				goto done;
			}
			c->rows = rows;
			c->capacity = capacity;
		}
		struct corpus_row *row = &c->rows[c->count];
		row->id = themes_strndup(id, strlen(id));
		row->text = themes_strndup(rec.text, rec.text_length);
		row->theme = theme;
		row->secondary = secondary;
		row->line = rec.line;
		c->count++;
		if (!row->id || !row->text) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			goto done;
		}
	}
	if (status == 0 && c->count == 0)
		status = themes_fail(err, THEMES_ERR_DATA, 1,
			"%s: no labelled rows after the header", name);
	else if (status == 0)
		status = THEMES_OK;
done:
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

long themes_corpus_line(const themes_corpus *c, size_t i)
{
	return c->rows[i].line;
}

const char *themes_corpus_name(const themes_corpus *c)
{
	return c->name;
}

void themes_corpus_free(themes_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->rows[i].id);
		free(c->rows[i].text);
	}
	free(c->rows);
	free(c->name);
	free(c);
}
