/*
 * util.c - error messages, hashing, growable buffers and a string map used by
 * every stage.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int themes_fail(themes_error *err, int code, long line, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->code = code;
		err->line = line;
	}
	return code;
}

uint64_t themes_hash_bytes(const void *data, size_t length, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed;
	for (size_t i = 0; i < length; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *themes_strndup(const char *s, size_t n)
{
	char *copy = malloc(n + 1);
	if (copy) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

bool themes_buffer_reserve(themes_buffer *b, size_t extra)
{
	if (b->length + extra + 1 <= b->capacity)
		return true;
	size_t capacity = b->capacity ? b->capacity : 64;
	while (capacity < b->length + extra + 1)
		capacity *= 2;
	char *data = realloc(b->data, capacity);
	if (!data)
		return false;
	b->data = data;
	b->capacity = capacity;
	return true;
}

void *themes_grow_array(void *items, size_t *capacity, size_t count,
                        size_t size, size_t first)
{
	if (count < *capacity)
		return items;
	size_t grown = *capacity ? *capacity * 2 : first;
	void *more = realloc(items, grown * size);
	if (more)
		*capacity = grown;
	return more;
}

bool themes_buffer_append(themes_buffer *b, const char *s, size_t n)
{
	if (!themes_buffer_reserve(b, n))
		return false;
	memcpy(b->data + b->length, s, n);
	b->length += n;
	b->data[b->length] = '\0';
	return true;
}

bool themes_buffer_printf(themes_buffer *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !themes_buffer_reserve(b, (size_t)n))
		return false;
	va_start(ap, fmt);
	vsnprintf(b->data + b->length, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->length += (size_t)n;
	return true;
}

void themes_buffer_free(themes_buffer *b)
{
	free(b->data);
	b->data = NULL;
	b->length = b->capacity = 0;
}

/* Keys live in the arena as offsets, so that growing the arena does not
 * invalidate the table. */
struct themes_map_slot {
	uint64_t hash;
	size_t key_offset; /* offset + 1 in the arena; 0 marks an empty slot */
	uint32_t key_length;
	int value;
};

void themes_map_init(themes_map *m)
{
	memset(m, 0, sizeof *m);
}

static struct themes_map_slot *find_slot(const themes_map *m, const char *key,
                                         size_t length, uint64_t hash)
{
	size_t mask = m->capacity - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		struct themes_map_slot *s = &m->slots[i];
		if (!s->key_offset)
			return s;
		if (s->hash == hash && s->key_length == length &&
		    memcmp(m->arena.data + s->key_offset - 1, key, length) == 0)
			return s;
	}
}

static bool grow(themes_map *m)
{
	size_t capacity = m->capacity ? m->capacity * 2 : 64;
	struct themes_map_slot *slots = calloc(capacity, sizeof *slots);
	if (!slots)
		return false;
	for (size_t i = 0; i < m->capacity; i++) {
		struct themes_map_slot *s = &m->slots[i];
		if (!s->key_offset)
			continue;
		size_t j = s->hash & (capacity - 1);
		while (slots[j].key_offset)
			j = (j + 1) & (capacity - 1);
		slots[j] = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->capacity = capacity;
	return true;
}

int themes_map_get(const themes_map *m, const char *key, size_t length)
{
	if (!m->count)
		return -1;
	uint64_t hash = themes_hash_bytes(key, length, THEMES_HASH_SEED);
	const struct themes_map_slot *s = find_slot(m, key, length, hash);
	return s->key_offset ? s->value : -1;
}

int *themes_map_upsert(themes_map *m, const char *key, size_t length,
                       int initial)
{
	if ((m->count + 1) * 4 > m->capacity * 3 && !grow(m))
		return NULL;
	uint64_t hash = themes_hash_bytes(key, length, THEMES_HASH_SEED);
	struct themes_map_slot *s = find_slot(m, key, length, hash);
	if (!s->key_offset) {
		size_t offset = m->arena.length;
		if (!themes_buffer_append(&m->arena, key, length) ||
		    !themes_buffer_append(&m->arena, "", 1))
			return NULL;
		s->hash = hash;
		s->key_offset = offset + 1;
		s->key_length = (uint32_t)length;
		s->value = initial;
		m->count++;
	}
	return &s->value;
}

bool themes_map_put(themes_map *m, const char *key, size_t length, int value)
{
	int *slot = themes_map_upsert(m, key, length, value);
	if (!slot)
		return false;
	*slot = value;
	return true;
}

void themes_map_clear(themes_map *m)
{
	if (m->slots)
		memset(m->slots, 0, m->capacity * sizeof *m->slots);
	m->count = 0;
	m->arena.length = 0;
}

void themes_map_free(themes_map *m)
{
	free(m->slots);
	themes_buffer_free(&m->arena);
	memset(m, 0, sizeof *m);
}

void themes_map_each(const themes_map *m,
                     void (*fn)(const char *key, size_t length, int value,
                                void *user),
                     void *user)
{
	for (size_t i = 0; i < m->capacity; i++) {
		const struct themes_map_slot *s = &m->slots[i];
		if (s->key_offset)
			fn(m->arena.data + s->key_offset - 1, s->key_length,
			   s->value, user);
	}
}

/* splitmix64 (Steele, Lea and Flood 2014): small, fast and fully determined
 * by its seed, which is all the folds and the bootstrap need. */
static uint64_t splitmix64_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t themes_random_next(uint64_t *state)
{
	*state += UINT64_C(0x9e3779b97f4a7c15);
	return splitmix64_mix(*state);
}

uint64_t themes_resample_state(uint32_t seed, unsigned r)
{
	return splitmix64_mix(((uint64_t)seed << 32 | r) + UINT64_C(0x9e3779b97f4a7c15));
}

size_t themes_draw_index(uint64_t *state, size_t n)
{
	/* Reject the top partial block of 64-bit values: no modulo bias. */
	uint64_t bound = (uint64_t)n;
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
	uint64_t x;
	do
		x = themes_random_next(state);
	while (x >= limit);
	return (size_t)(x % bound);
}

int themes_compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double themes_quantile(const double *sorted, size_t count, double p)
{
	/* Hyndman and Fan's type 7 (the default of R and NumPy):
	 * h = (count - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
	double h = (double)(count - 1) * p;
	size_t below = (size_t)h;
	double fraction = h - (double)below;
	if (below + 1 >= count)
		return sorted[count - 1];
	return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

void themes_file_digest(const char *path, char out[17])
{
	snprintf(out, 17, "%s", "unreadable");
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	uint64_t h = THEMES_HASH_SEED;
	unsigned char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		h = themes_hash_bytes(chunk, n, h);
	bool failed = ferror(f);
	fclose(f);
	if (!failed)
		snprintf(out, 17, "%016llx", (unsigned long long)h);
}
