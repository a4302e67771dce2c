/*
 * codebook.c - the label set: slugs in a fixed order, with descriptions.
 *
 * Labels are data.  A codebook comes from a file (one slug per line, an
 * optional description after whitespace, # comments) or from the labels a
 * training corpus uses, and the model stores it, so that output columns,
 * reports and profiles follow whatever codebook the model was trained on.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct themes_codebook {
	int count;
	char *slug[THEMES_MAX_LABELS];
	char *description[THEMES_MAX_LABELS];
	char list[THEMES_MAX_LABELS * (THEMES_MAX_SLUG + 2) + 1];
};

const char *themes_slug_problem(const char *slug, size_t length)
{
	if (length == 0)
		return "it is empty";
	if (length > THEMES_MAX_SLUG)
		return "it is longer than 64 bytes";
	for (size_t i = 0; i < length; i++) {
		unsigned char c = (unsigned char)slug[i];
		if (c <= ' ' || c == ',' || c == ';' || c == '"' || c == 0x7f)
			return "it holds a space, comma, semicolon, quote or control "
			       "character";
	}
	return NULL;
}

static void rebuild_list(themes_codebook *cb)
{
	cb->list[0] = '\0';
	size_t used = 0;
	for (int k = 0; k < cb->count; k++)
		used += (size_t)snprintf(cb->list + used, sizeof cb->list - used,
		                         "%s%s", k ? ", " : "", cb->slug[k]);
}

int themes_codebook_new(themes_codebook **out, const char *const *slugs,
                        const char *const *descriptions, int count,
                        themes_error *err)
{
	*out = NULL;
	if (count < 1 || count > THEMES_MAX_LABELS)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
			"a codebook holds between 1 and %d labels (got %d)",
			THEMES_MAX_LABELS, count);
	themes_codebook *cb = calloc(1, sizeof *cb);
	if (!cb)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (int k = 0; k < count; k++) {
		const char *problem = themes_slug_problem(slugs[k], strlen(slugs[k]));
		if (problem) {
			themes_codebook_free(cb);
			return themes_fail(err, THEMES_ERR_DATA, 0,
				"label \"%s\" is not a valid slug: %s", slugs[k], problem);
		}
		for (int j = 0; j < k; j++)
			if (strcmp(slugs[j], slugs[k]) == 0) {
				themes_codebook_free(cb);
				return themes_fail(err, THEMES_ERR_DATA, 0,
					"label \"%s\" is listed twice", slugs[k]);
			}
		const char *d = descriptions && descriptions[k] ? descriptions[k] : "";
		cb->slug[k] = themes_strndup(slugs[k], strlen(slugs[k]));
		cb->description[k] = themes_strndup(d, strlen(d));
		cb->count = k + 1;
		if (!cb->slug[k] || !cb->description[k]) {
			themes_codebook_free(cb);
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		}
	}
	rebuild_list(cb);
	*out = cb;
	return THEMES_OK;
}

int themes_codebook_copy(themes_codebook **out, const themes_codebook *cb,
                         themes_error *err)
{
	return themes_codebook_new(out, (const char *const *)cb->slug,
	                           (const char *const *)cb->description,
	                           cb->count, err);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int themes_codebook_read(themes_codebook **out, const char *path,
                         themes_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return themes_fail(err, THEMES_ERR_IO, 0, "%s: cannot open codebook: %s",
		                   path, strerror(errno));
	char *slugs[THEMES_MAX_LABELS] = {0}, *descriptions[THEMES_MAX_LABELS] = {0};
	int count = 0, status = THEMES_OK;
	long line_number = 0;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		line_number++;
		size_t length = strlen(line);
		if (length == sizeof line - 1 && line[length - 1] != '\n') {
			status = themes_fail(err, THEMES_ERR_DATA, line_number,
				"%s:%ld: line longer than %zu bytes", path, line_number,
				sizeof line - 2);
			break;
		}
		char *s = line;
		if (line_number == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		s = trim(s);
		if (!*s || *s == '#')
			continue;
		size_t slug_length = strcspn(s, " \t");
		char *description = trim(s + slug_length);
		s[slug_length] = '\0';
		const char *problem = themes_slug_problem(s, slug_length);
		if (problem) {
			status = themes_fail(err, THEMES_ERR_DATA, line_number,
				"%s:%ld: \"%s\" is not a valid label: %s", path, line_number,
				s, problem);
			break;
		}
		if (count == THEMES_MAX_LABELS) {
			status = themes_fail(err, THEMES_ERR_DATA, line_number,
				"%s:%ld: more than %d labels", path, line_number,
				THEMES_MAX_LABELS);
			break;
		}
		for (int k = 0; k < count && status == THEMES_OK; k++)
			if (strcmp(slugs[k], s) == 0)
				status = themes_fail(err, THEMES_ERR_DATA, line_number,
					"%s:%ld: label \"%s\" is listed twice", path,
					line_number, s);
		if (status != THEMES_OK)
			break;
		slugs[count] = themes_strndup(s, slug_length);
		descriptions[count] = themes_strndup(description, strlen(description));
		count++;
		if (!slugs[count - 1] || !descriptions[count - 1]) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			break;
		}
	}
	if (status == THEMES_OK && ferror(f))
		status = themes_fail(err, THEMES_ERR_IO, 0, "%s: read error", path);
	if (status == THEMES_OK && count < 2)
		status = themes_fail(err, THEMES_ERR_DATA, 0,
			"%s: a codebook needs at least two labels (found %d)", path,
			count);
	fclose(f);
	if (status == THEMES_OK)
		status = themes_codebook_new(out, (const char *const *)slugs,
		                             (const char *const *)descriptions, count,
		                             err);
	for (int k = 0; k < count; k++) {
		free(slugs[k]);
		free(descriptions[k]);
	}
	return status;
}

int themes_codebook_count(const themes_codebook *cb)
{
	return cb->count;
}

const char *themes_codebook_label(const themes_codebook *cb, int k)
{
	return k >= 0 && k < cb->count ? cb->slug[k] : "";
}

const char *themes_codebook_description(const themes_codebook *cb, int k)
{
	return k >= 0 && k < cb->count ? cb->description[k] : "";
}

int themes_codebook_index(const themes_codebook *cb, const char *slug)
{
	for (int k = 0; k < cb->count; k++)
		if (strcmp(slug, cb->slug[k]) == 0)
			return k;
	return -1;
}

const char *themes_codebook_list(const themes_codebook *cb)
{
	return cb->list;
}

int themes_codebook_same_labels(const themes_codebook *a,
                                const themes_codebook *b)
{
	if (themes_codebook_count(a) != themes_codebook_count(b))
		return 0;
	for (int k = 0; k < themes_codebook_count(a); k++)
		if (strcmp(themes_codebook_label(a, k), themes_codebook_label(b, k)))
			return 0;
	return 1;
}

/* Edit distance between a and b after case folding, with spaces and
 * underscores ignored, so that "Trade Policy" is close to
 * "trade_policy". */
static size_t loose_distance(const char *a, const char *b)
{
	char x[THEMES_MAX_SLUG + 1], y[THEMES_MAX_SLUG + 1];
	size_t n = 0, m = 0;
	for (; *a && n < THEMES_MAX_SLUG; a++)
		if (*a != ' ' && *a != '_' && *a != '-')
			x[n++] = (char)tolower((unsigned char)*a);
	for (; *b && m < THEMES_MAX_SLUG; b++)
		if (*b != ' ' && *b != '_' && *b != '-')
			y[m++] = (char)tolower((unsigned char)*b);
	size_t row[THEMES_MAX_SLUG + 1];
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t above = row[j];
			size_t best = diagonal + (x[i - 1] != y[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[m];
}

int themes_codebook_closest(const themes_codebook *cb, const char *slug,
                            const unsigned char *candidates)
{
	int best = -1;
	size_t best_distance = 0;
	for (int k = 0; k < cb->count; k++) {
		if ((candidates && !candidates[k]) || strcmp(cb->slug[k], slug) == 0)
			continue;
		size_t d = loose_distance(slug, cb->slug[k]);
		if (best < 0 || d < best_distance) {
			best = k;
			best_distance = d;
		}
	}
	/* Only a near miss is a likely typo: at most a third of the letters. */
	size_t length = strlen(slug);
	if (best >= 0 && best_distance * 3 > (length > 3 ? length : 3))
		return -1;
	return best;
}

void themes_codebook_free(themes_codebook *cb)
{
	if (!cb)
		return;
	for (int k = 0; k < cb->count; k++) {
		free(cb->slug[k]);
		free(cb->description[k]);
	}
	free(cb);
}
