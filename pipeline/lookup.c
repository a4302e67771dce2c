/*
 * lookup.c - the two hash tables on the path of every token classified:
 * the featurizer's cache from a case-folded token to what the model makes
 * of it (a unigram id, a stop word, unknown), and the feature space's table
 * from a pair of unigram ids to the id of their bigram.
 *
 * Both are open addressing over a power-of-two array kept at most half
 * full, and built for their keys where themes_map (util.c) takes any byte
 * string: a token comes zero-padded to whole 8-byte words
 * (themes_tokenize_padded), so it is hashed and compared a word at a time
 * with no call to memcmp, and its slot holds its first word, so a token of
 * up to 8 bytes is found by reading one slot; a pair of ids is one 64-bit
 * word.
 */
#include "lookup.h"

#include <stdlib.h>

/* The first empty slot at or after where hash points. */
static struct themes_token_slot *empty_slot(const themes_token_cache *c,
                                            uint64_t hash)
{
	size_t i = hash & (c->capacity - 1);
	while (c->slots[i].hash)
		i = (i + 1) & (c->capacity - 1);
	return &c->slots[i];
}

static bool grow_tokens(themes_token_cache *c)
{
	themes_token_cache grown = *c;
	grown.capacity = c->capacity ? c->capacity * 2 : 1024;
	grown.slots = calloc(grown.capacity, sizeof *grown.slots);
	if (!grown.slots)
		return false;
	for (size_t i = 0; i < c->capacity; i++)
		if (c->slots[i].hash)
			*empty_slot(&grown, c->slots[i].hash) = c->slots[i];
	free(c->slots);
	*c = grown;
	return true;
}

/* Appends the words of key after its first to c->words; false when out of
 * memory. */
static bool store_rest(themes_token_cache *c, const char *key, size_t length)
{
	size_t words = length > 8 ? (length - 1) / 8 : 0;
	if (c->word_count + words > c->word_capacity) {
		size_t capacity = c->word_capacity ? c->word_capacity * 2 : 4096;
		while (capacity < c->word_count + words)
			capacity *= 2;
		uint64_t *grown = realloc(c->words, capacity * sizeof *grown);
		if (!grown)
			return false;
		c->words = grown;
		c->word_capacity = capacity;
	}
	for (size_t i = 0; i < words; i++)
		c->words[c->word_count + i] = key_word(key + 8 * (i + 1));
	return true;
}

bool themes_token_cache_put(themes_token_cache *c, const char *key,
                            size_t length, int kind, int value)
{
	if (length > UINT16_MAX || ((c->count + 1) * 2 > c->capacity &&
	                            !grow_tokens(c)))
		return false;
	uint64_t hash = themes_token_hash(key, length, kind);
	struct themes_token_slot *s = token_slot(c, key, length, kind, hash);
	if (!s->hash) {
		if (!store_rest(c, key, length))
			return false;
		*s = (struct themes_token_slot){hash, key_word(key),
		                                (uint32_t)c->word_count,
		                                (uint16_t)length, (uint16_t)kind,
		                                value};
		c->word_count += length > 8 ? (length - 1) / 8 : 0;
		c->count++;
	}
	s->value = value;
	return true;
}

void themes_token_cache_clear(themes_token_cache *c)
{
	if (c->slots)
		memset(c->slots, 0, c->capacity * sizeof *c->slots);
	c->count = 0;
	c->word_count = 0;
}

void themes_token_cache_free(themes_token_cache *c)
{
	free(c->slots);
	free(c->words);
	memset(c, 0, sizeof *c);
}

static bool grow_pairs(themes_pair_table *t)
{
	themes_pair_table grown = {NULL, t->capacity ? t->capacity * 2 : 1024, 0};
	grown.slots = calloc(grown.capacity, sizeof *grown.slots);
	if (!grown.slots)
		return false;
	for (size_t i = 0; i < t->capacity; i++)
		if (t->slots[i].key)
			*pair_slot(&grown, t->slots[i].key) = t->slots[i];
	grown.count = t->count;
	free(t->slots);
	*t = grown;
	return true;
}

bool themes_pair_table_put(themes_pair_table *t, int first, int second,
                           int value)
{
	if ((t->count + 1) * 2 > t->capacity && !grow_pairs(t))
		return false;
	uint64_t key = pair_key(first, second);
	struct themes_pair_slot *s = pair_slot(t, key);
	if (!s->key) {
		s->key = key;
		t->count++;
	}
	s->value = value;
	return true;
}

void themes_pair_table_free(themes_pair_table *t)
{
	free(t->slots);
	memset(t, 0, sizeof *t);
}
