/*
 * stem.c - fourth stage: a case-folded word to its Snowball stem.
 *
 * libstemmer does the stemming; this file adds a cache, because a corpus
 * repeats a small vocabulary millions of times and a cache lookup costs far
 * less than running the Snowball algorithm again.  The cache is bounded: when
 * it fills up it is emptied, so memory stays flat on endless input and the
 * results stay identical (a cached stem is always the stemmer's own answer).
 */
#include "internal.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_LIMIT 200000

struct themes_stemmer {
	struct sb_stemmer *snowball;
	themes_map cache;         /* word -> offset of its stem in `stems` */
	themes_buffer stems;      /* stems, each NUL-terminated */
	unsigned long hits;
};

int themes_stemmer_new(themes_stemmer **out, const char *language,
                       themes_error *err)
{
	*out = NULL;
	themes_stemmer *s = calloc(1, sizeof *s);
	if (!s)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	s->snowball = sb_stemmer_new(language, "UTF_8");
	if (!s->snowball) {
		free(s);
		themes_buffer names = {0};
		for (const char **p = sb_stemmer_list(); *p; p++)
			themes_buffer_printf(&names, "%s%s", p == sb_stemmer_list() ?
			                     "" : ", ", *p);
		themes_fail(err, THEMES_ERR_PARAM, 0,
			"unknown stemmer language \"%s\"; available: %s", language,
			names.data ? names.data : "none");
		themes_buffer_free(&names);
		return THEMES_ERR_PARAM;
	}
	themes_map_init(&s->cache);
	*out = s;
	return THEMES_OK;
}

const char *themes_stem(themes_stemmer *s, const char *word, size_t length,
                        size_t *stem_length)
{
	int offset = themes_map_get(&s->cache, word, length);
	if (offset >= 0) {
		s->hits++;
		const char *stem = s->stems.data + offset;
		*stem_length = strlen(stem);
		return stem;
	}
	size_t n;
	const char *stem = themes_stem_uncached(s, word, length, &n);
	if (!stem)
		return NULL;
	if (s->cache.count >= CACHE_LIMIT) {
		themes_map_clear(&s->cache);
		s->stems.length = 0;
	}
	size_t at = s->stems.length;
	if (!themes_buffer_append(&s->stems, stem, n) ||
	    !themes_buffer_append(&s->stems, "", 1) ||
	    !themes_map_put(&s->cache, word, length, (int)at))
		return NULL;
	*stem_length = n;
	return s->stems.data + at;
}

const char *themes_stem_uncached(themes_stemmer *s, const char *word,
                                 size_t length, size_t *stem_length)
{
	const sb_symbol *stem = sb_stemmer_stem(s->snowball,
	                                        (const sb_symbol *)word,
	                                        (int)length);
	if (!stem)
		return NULL;
	*stem_length = (size_t)sb_stemmer_length(s->snowball);
	return (const char *)stem;
}

unsigned long themes_stemmer_cache_hits(const themes_stemmer *s)
{
	return s->hits;
}

void themes_stemmer_free(themes_stemmer *s)
{
	if (!s)
		return;
	sb_stemmer_delete(s->snowball);
	themes_map_free(&s->cache);
	themes_buffer_free(&s->stems);
	free(s);
}

const char **themes_stemmer_languages(void)
{
	return sb_stemmer_list();
}
