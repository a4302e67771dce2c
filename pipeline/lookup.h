/*
 * lookup.h - the lookups of lookup.c that run for every token classified,
 * inline so that the featurizer's path through a token makes no calls.
 * Included by lookup.c and vectorize.c only.
 */
#ifndef THEMES_LOOKUP_H
#define THEMES_LOOKUP_H

#include "internal.h"

#include <string.h>

struct themes_token_slot {
	uint64_t hash;   /* 0: an empty slot (themes_token_hash is never 0) */
	uint64_t head;   /* the key's first word */
	uint32_t rest;   /* index in words of the key's second word */
	uint16_t length; /* of the key, in bytes */
	uint16_t kind;
	int value;
};

static inline uint64_t key_word(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* One step of both tables' hashes: multiply, then fold the high half
 * down, since the tables take the low bits. */
static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
	return h ^ (h >> 32);
}

/* The hash of (key, kind) in a token cache, never 0. */
static inline uint64_t themes_token_hash(const char *key, size_t length,
                                         int kind)
{
	uint64_t h = hash_step((uint64_t)length << 1 | (uint64_t)(kind & 1),
	                 key_word(key));
	for (size_t at = 8; at < length; at += 8)
		h = hash_step(h, key_word(key + at));
	return h ? h : 1;
}

/* The slot of key, or the empty slot where it would go. */
static inline struct themes_token_slot *token_slot(
	const themes_token_cache *c, const char *key, size_t length, int kind,
	uint64_t hash)
{
	uint64_t head = key_word(key);
	size_t mask = c->capacity - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct themes_token_slot *s = &c->slots[i];
		if (s->hash == 0)
			return s;
		if (s->hash != hash || s->head != head || s->length != length ||
		    s->kind != kind)
			continue;
		const uint64_t *rest = c->words + s->rest;
		size_t at = 8;
		while (at < length && *rest == key_word(key + at)) {
			rest++;
			at += 8;
		}
		if (at >= length)
			return s;
	}
}

/* Sets *value to the value stored for (key, kind), whose
 * themes_token_hash is hash, and returns true; or returns false when there
 * is none. */
static inline bool themes_token_cache_get(const themes_token_cache *c,
                                          const char *key, size_t length,
                                          int kind, uint64_t hash,
                                          int *value)
{
	if (!c->count)
		return false;
	const struct themes_token_slot *s =
		token_slot(c, key, length, kind, hash);
	if (!s->hash)
		return false;
	*value = s->value;
	return true;
}

struct themes_pair_slot {
	uint64_t key; /* first << 32 | second; 0: an empty slot (ids are >= 1) */
	int value;
};

static inline uint64_t pair_key(int first, int second)
{
	return (uint64_t)(uint32_t)first << 32 | (uint32_t)second;
}

/* The slot of key, or the empty slot where it would go. */
static inline struct themes_pair_slot *pair_slot(const themes_pair_table *t,
                                                 uint64_t key)
{
	size_t mask = t->capacity - 1;
	size_t i = hash_step(0, key) & mask;
	/* One test for both ends of the search, which the text decides. */
	while ((t->slots[i].key != key) & (t->slots[i].key != 0))
		i = (i + 1) & mask;
	return &t->slots[i];
}

/* The value stored for (first, second), or 0 when there is none (any
 * ints may be asked for). */
static inline int themes_pair_table_get(const themes_pair_table *t,
                                        int first, int second)
{
	/* An empty slot holds 0, so there is nothing to test. */
	return t->count ? pair_slot(t, pair_key(first, second))->value : 0;
}

#endif
