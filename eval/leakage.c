/*
 * leakage.c - near-duplicate clauses within a corpus or across two.
 *
 * Input: labelled corpora.  Output: pairs of rows whose word 3-shingle sets
 * have a Jaccard similarity at or above a threshold.  A test clause that
 * nearly repeats a training clause inflates every score, so the evaluator
 * warns about such pairs.  Shingles are hashed; an inverted index from
 * shingle to rows finds candidate pairs without comparing all pairs.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct shingle_set {
	uint64_t *hashes; /* sorted, unique */
	size_t count;
} shingle_set;

typedef struct word_window {
	uint64_t words[3];
	size_t seen;
	uint64_t *out;
	size_t count, capacity;
	bool failed;
} word_window;

static void on_word(const char *token, size_t length, int is_acronym,
                    void *user)
{
	(void)is_acronym;
	word_window *w = user;
	w->words[0] = w->words[1];
	w->words[1] = w->words[2];
	w->words[2] = themes_hash_bytes(token, length, THEMES_HASH_SEED);
	if (++w->seen < 3 || w->failed)
		return;
	if (w->count == w->capacity) {
		size_t capacity = w->capacity ? w->capacity * 2 : 32;
		uint64_t *grown = realloc(w->out, capacity * sizeof *grown);
		if (!grown) {
			w->failed = true;
			return;
		}
		w->out = grown;
		w->capacity = capacity;
	}
	uint64_t h = w->words[0];
	h = (h ^ (w->words[1] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
	h = (h ^ (w->words[2] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
	w->out[w->count++] = h;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int compare_sizes(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The sorted, distinct word 3-shingle hashes of text, tokenized by rules
 * (Chinese rules make each Han character a word). */
static bool shingles_by_rules(const char *text, themes_token_rules rules,
                              uint64_t **hashes, size_t *count)
{
	word_window w = {0};
	themes_tokenize_with(text, strlen(text), rules, on_word, &w);
	if (w.failed) {
		free(w.out);
		return false;
	}
	/* A clause of fewer than three words has no shingle (and no array:
	 * qsort must not see its NULL). */
	if (w.count > 0)
		qsort(w.out, w.count, sizeof *w.out, compare_u64);
	size_t unique = 0;
	for (size_t i = 0; i < w.count; i++)
		if (unique == 0 || w.out[unique - 1] != w.out[i])
			w.out[unique++] = w.out[i];
	*hashes = w.out;
	*count = unique;
	return true;
}

bool themes_shingles(const char *text, uint64_t **hashes, size_t *count)
{
	return shingles_by_rules(text, THEMES_TOKENS_DEFAULT, hashes, count);
}

static bool shingle_with(const char *text, themes_token_rules rules,
                         shingle_set *set)
{
	return shingles_by_rules(text, rules, &set->hashes, &set->count);
}

static bool shingle(const char *text, shingle_set *set)
{
	return shingle_with(text, THEMES_TOKENS_DEFAULT, set);
}

static shingle_set *shingle_corpus(const themes_corpus *c)
{
	size_t n = themes_corpus_size(c);
	shingle_set *sets = calloc(n + 1, sizeof *sets);
	if (!sets)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!shingle(themes_corpus_text(c, i), &sets[i])) {
			for (size_t j = 0; j < i; j++)
				free(sets[j].hashes);
			free(sets);
			return NULL;
		}
	return sets;
}

static void free_sets(shingle_set *sets, size_t n)
{
	if (!sets)
		return;
	for (size_t i = 0; i < n; i++)
		free(sets[i].hashes);
	free(sets);
}

/* Inverted index: (hash, row) postings sorted by hash. */
typedef struct posting {
	uint64_t hash;
	size_t row;
} posting;

static int compare_postings(const void *a, const void *b)
{
	const posting *x = a, *y = b;
	if (x->hash != y->hash)
		return (x->hash > y->hash) - (x->hash < y->hash);
	return (x->row > y->row) - (x->row < y->row);
}

long themes_near_duplicates(const themes_corpus *corpus,
                            const themes_corpus *other, double threshold,
                            themes_pair_fn fn, void *user, themes_error *err)
{
	size_t n = themes_corpus_size(corpus);
	const themes_corpus *queries = other ? other : corpus;
	size_t m = themes_corpus_size(queries);
	shingle_set *sets = shingle_corpus(corpus);
	shingle_set *query_sets = other ? shingle_corpus(other) : sets;
	size_t total = 0;
	for (size_t i = 0; sets && i < n; i++)
		total += sets[i].count;
	posting *index = malloc((total + 1) * sizeof *index);
	unsigned *shared = calloc(n + 1, sizeof *shared);
	size_t *touched = malloc((n + 1) * sizeof *touched);
	long found = 0;
	if (!sets || !query_sets || !index || !shared || !touched) {
		found = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < sets[i].count; j++)
			index[k++] = (posting){sets[i].hashes[j], i};
	qsort(index, total, sizeof *index, compare_postings);

	bool stop = false;
	for (size_t q = 0; q < m && !stop; q++) {
		size_t touched_count = 0;
		const shingle_set *s = &query_sets[q];
		for (size_t j = 0; j < s->count; j++) {
			/* Binary search for the first posting of this hash. */
			size_t lo = 0, hi = total;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (index[mid].hash < s->hashes[j])
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < total && index[lo].hash == s->hashes[j]; lo++) {
				size_t row = index[lo].row;
				/* Within one corpus, count each pair once (row < q). */
				if (!other && row >= q)
					continue;
				if (shared[row]++ == 0)
					touched[touched_count++] = row;
			}
		}
		/* Report in row order so the output is deterministic. */
		qsort(touched, touched_count, sizeof *touched, compare_sizes);
		for (size_t t = 0; t < touched_count; t++) {
			size_t row = touched[t];
			double jaccard = (double)shared[row] /
				(double)(sets[row].count + s->count - shared[row]);
			shared[row] = 0;
			if (jaccard >= threshold && !stop) {
				found++;
				stop = fn && fn(row, q, jaccard, user);
			}
		}
	}
done:
	if (query_sets != sets)
		free_sets(query_sets, m);
	free_sets(sets, n);
	free(index);
	free(shared);
	free(touched);
	return found;
}

double themes_text_similarity(const char *a, const char *b)
{
	/* Chinese has no spaces: its shingles are of three characters */
	themes_token_rules rules =
		themes_detect_script(a, strlen(a), NULL) == THEMES_SCRIPT_HAN
		? THEMES_TOKENS_CHINESE : THEMES_TOKENS_DEFAULT;
	shingle_set x = {0}, y = {0};
	if (!shingle_with(a, rules, &x) || !shingle_with(b, rules, &y)) {
		free(x.hashes);
		return -1;
	}
	size_t common = 0, i = 0, j = 0;
	while (i < x.count && j < y.count) {
		if (x.hashes[i] == y.hashes[j]) {
			common++;
			i++;
			j++;
		} else if (x.hashes[i] < y.hashes[j]) {
			i++;
		} else {
			j++;
		}
	}
	size_t all = x.count + y.count - common;
	free(x.hashes);
	free(y.hashes);
	return all ? (double)common / (double)all : 0;
}
