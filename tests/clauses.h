/*
 * clauses.h - what the segmentation tests share: themes_segment's clauses
 * collected into `results`, a check of them against expected texts and
 * sections, and reading a fixture file whole.  Include after harness.h.
 */
#ifndef THEMES_TEST_CLAUSES_H
#define THEMES_TEST_CLAUSES_H

#include "themes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CLAUSES 512

typedef struct clause {
	char *text;
	char *section;
	long line;
} clause;

typedef struct clauses {
	clause items[MAX_CLAUSES];
	size_t count;
	int stop_after; /* return 7 after this many clauses, 0 = never */
} clauses;

static clauses results;

static char *copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (c) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

static int collect(const char *text, size_t length, const char *section,
                   long line, void *user)
{
	clauses *cs = user;
	CHECK(text[length] == '\0');
	CHECK(strlen(text) <= length);
	if (cs->count < MAX_CLAUSES) {
		clause *c = &cs->items[cs->count];
		c->text = copy(text, length);
		c->section = copy(section, strlen(section));
		c->line = line;
	}
	cs->count++;
	if (cs->stop_after && (int)cs->count >= cs->stop_after)
		return 7;
	return 0;
}

static void clauses_free(clauses *cs)
{
	for (size_t i = 0; i < cs->count && i < MAX_CLAUSES; i++) {
		free(cs->items[i].text);
		free(cs->items[i].section);
	}
	cs->count = 0;
}

static int segment(const char *text, size_t n)
{
	clauses_free(&results);
	results.stop_after = 0;
	return themes_segment(text, n, collect, &results);
}

/* Checks that the clauses in results are texts[0..], NULL-terminated, and
 * (when sections is not NULL) that they sit under sections[0..]. */
static void check_clauses(const char *why, const char *const *texts,
                          const char *const *sections)
{
	size_t want = 0;
	while (texts[want])
		want++;
	if (!CHECK(results.count == want))
		fprintf(stderr, "  case %s: %zu clauses, expected %zu\n", why,
		        results.count, want);
	for (size_t i = 0; i < want && i < results.count; i++) {
		if (!CHECK_STR(results.items[i].text, texts[i]))
			fprintf(stderr, "  case %s\n", why);
		if (sections && !CHECK_STR(results.items[i].section, sections[i]))
			fprintf(stderr, "  case %s: section of clause %zu\n", why, i + 1);
	}
}

static char *read_file(const char *path, size_t *n)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len - 1, in)) > 0) {
		len += got;
		if (len + 1 == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b) {
				free(buf);
				buf = NULL;
			}
			buf = b;
		}
	}
	fclose(in);
	if (buf)
		buf[len] = '\0';
	*n = len;
	return buf;
}

/* Reads the file at path and segments it into results; returns its text
 * (the caller frees it), or NULL (a failed check) when it cannot be read. */
static char *segment_file(const char *path, size_t *n)
{
	char *data = read_file(path, n);
	if (!CHECK(data != NULL)) {
		fprintf(stderr, "cannot read %s\n", path);
		return NULL;
	}
	CHECK(segment(data, *n) == THEMES_OK);
	return data;
}

#endif /* THEMES_TEST_CLAUSES_H */
