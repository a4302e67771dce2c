/*
 * pool.c - reading, classifying and ranking a pool of unlabelled clauses.
 */
#define _GNU_SOURCE
#include "pool.h"

#include <libgen.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

static bool pool_add(pool *p, size_t *capacity, const char *id,
                     const char *text, const char *section)
{
	if (p->count == *capacity) {
		size_t grown = *capacity ? *capacity * 2 : 256;
		char **ids = realloc(p->ids, grown * sizeof *ids);
		if (ids)
			p->ids = ids;
		char **texts = realloc(p->texts, grown * sizeof *texts);
		if (texts)
			p->texts = texts;
		char **sections = realloc(p->sections, grown * sizeof *sections);
		if (sections)
			p->sections = sections;
		if (!ids || !texts || !sections)
			return false;
		*capacity = grown;
	}
	p->ids[p->count] = strdup(id);
	p->texts[p->count] = strdup(text);
	p->sections[p->count] = strdup(section ? section : "");
	p->count++;
	return p->ids[p->count - 1] && p->texts[p->count - 1] &&
	       p->sections[p->count - 1];
}

typedef struct segment_state {
	pool *p;
	size_t *capacity;
	const char *stem;
} segment_state;

static int on_clause(const char *clause, size_t length, const char *section,
                     long line, void *user)
{
	(void)length;
	(void)line;
	segment_state *s = user;
	char id[512];
	snprintf(id, sizeof id, "%s-%zu", s->stem, s->p->count + 1);
	return pool_add(s->p, s->capacity, id, clause, section) ? 0 :
	       THEMES_ERR_NOMEM;
}

static int read_rows(const char *path, const char *text_column, pool *out,
                     size_t *capacity)
{
	themes_error err = {0};
	themes_reader *reader = NULL;
	themes_read_options ro = {THEMES_FORMAT_AUTO, text_column, NULL};
	if (themes_reader_open(&reader, path, &ro, &err) != THEMES_OK)
		return report_failure(&err);
	themes_record rec;
	int got, status = EXIT_OK;
	while (status == EXIT_OK &&
	       (got = themes_reader_next(reader, &rec, &err)) == 1) {
		char row[32];
		snprintf(row, sizeof row, "%ld", rec.row);
		if (!pool_add(out, capacity, rec.id ? rec.id : row, rec.text,
		              themes_reader_field(reader, "section"))) {
			report_error("out of memory");
			status = EXIT_DATA;
		}
	}
	if (status == EXIT_OK && got < 0)
		status = report_failure(&err);
	themes_reader_close(reader);
	return status;
}

int pool_read(const char *path, const char *text_column, pool *out)
{
	memset(out, 0, sizeof *out);
	char *data = NULL, *copy = strdup(path);
	size_t length = 0, capacity = 0;
	out->source = copy ? strdup(basename(copy)) : NULL;
	free(copy);
	if (!out->source) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = read_whole_file(path, &data, &length);
	if (status != EXIT_OK)
		return status;
	if (themes_detect_format(path, data, length, text_column) ==
	        THEMES_FORMAT_TEXT && themes_looks_like_statement(data, length, 1)) {
		char *stem = strdup(out->source), *dot = stem ? strrchr(stem, '.') : 0;
		if (dot && dot != stem)
			*dot = '\0';
		segment_state s = {out, &capacity, stem ? stem : "clause"};
		out->statement = true;
		if (themes_segment(data, length, on_clause, &s) != THEMES_OK) {
			report_error("out of memory");
			status = EXIT_DATA;
		}
		free(stem);
	} else {
		status = read_rows(path, text_column, out, &capacity);
	}
	free(data);
	return status;
}

void pool_free(pool *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->ids[i]);
		free(p->texts[i]);
		free(p->sections[i]);
	}
	free(p->ids);
	free(p->texts);
	free(p->sections);
	free(p->source);
	memset(p, 0, sizeof *p);
}

int classify_texts(const themes_model *model, size_t n,
                   const char *(*text_at)(const void *data, size_t i),
                   const void *data, themes_prediction *predictions)
{
	themes_error err = {0};
	int threads = omp_get_max_threads(), status = EXIT_OK, failed = 0;
	themes_classifier **classifiers = calloc((size_t)threads,
	                                         sizeof *classifiers);
	if (!classifiers) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (int t = 0; t < threads && status == EXIT_OK; t++)
		if (themes_classifier_new(&classifiers[t], model, &err) != THEMES_OK)
			status = report_failure(&err);
	if (status == EXIT_OK) {
		#pragma omp parallel for schedule(dynamic, 16) reduction(|:failed)
		for (size_t i = 0; i < n; i++) {
			const char *text = text_at(data, i);
			failed |= themes_classify(classifiers[omp_get_thread_num()],
			                          text, strlen(text),
			                          &predictions[i]) != THEMES_OK;
		}
		if (failed) {
			report_error("out of memory while classifying");
			status = EXIT_DATA;
		}
	}
	for (int t = 0; t < threads; t++)
		themes_classifier_free(classifiers[t]);
	free(classifiers);
	return status;
}

static const char *pool_text(const void *data, size_t i)
{
	return ((const pool *)data)->texts[i];
}

int pool_classify(const themes_model *model, const pool *p,
                  themes_prediction *predictions)
{
	return classify_texts(model, p->count, pool_text, p, predictions);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pool_exclude(const pool *p, const char *path, unsigned char *exclude)
{
	themes_error err = {0};
	themes_reader *reader = NULL;
	/* Only the ids matter: read the id column in the text column's role. */
	themes_read_options ro = {THEMES_FORMAT_CSV, "id", NULL};
	if (themes_reader_open(&reader, path, &ro, &err) != THEMES_OK)
		return report_failure(&err);
	char **sorted = malloc((p->count + 1) * sizeof *sorted);
	if (!sorted) {
		themes_reader_close(reader);
		report_error("out of memory");
		return EXIT_DATA;
	}
	memcpy(sorted, p->ids, p->count * sizeof *sorted);
	qsort(sorted, p->count, sizeof *sorted, compare_strings);
	themes_record rec;
	int got;
	while ((got = themes_reader_next(reader, &rec, &err)) == 1) {
		const char *key = rec.text;
		char **hit = bsearch(&key, sorted, p->count, sizeof *sorted,
		                     compare_strings);
		/* Ids may repeat in a pool; mark every row that has this id. */
		for (size_t i = 0; hit && i < p->count; i++)
			if (strcmp(p->ids[i], key) == 0)
				exclude[i] = 1;
	}
	free(sorted);
	themes_reader_close(reader);
	return got < 0 ? report_failure(&err) : EXIT_OK;
}

int pool_rank(const pool *p, const themes_prediction *predictions,
              int labels, const unsigned char *exclude, size_t batch,
              size_t *order, size_t *n, themes_error *err)
{
	unsigned char *done = malloc(p->count + 1);
	themes_suggestion *chosen = malloc((batch + 1) * sizeof *chosen);
	int status = THEMES_OK;
	*n = 0;
	if (!done || !chosen) {
		*err = (themes_error){THEMES_ERR_NOMEM, 0, "out of memory"};
		status = THEMES_ERR_NOMEM;
	} else if (p->count > 0) {
		memcpy(done, exclude, p->count);
	}
	size_t got = 1;
	while (status == THEMES_OK && got > 0) {
		status = themes_suggest(predictions, (const char *const *)p->texts,
		                        p->count, labels, done, batch, 0.6, chosen,
		                        &got, err);
		for (size_t i = 0; status == THEMES_OK && i < got; i++) {
			order[(*n)++] = chosen[i].row;
			done[chosen[i].row] = 1;
		}
	}
	free(done);
	free(chosen);
	return status;
}
