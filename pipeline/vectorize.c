/*
 * vectorize.c - fifth stage: tokens to a sparse TF-IDF vector.
 *
 * Input: a clause's text, tokenized (tokenize.c) and stemmed (stem.c).
 * Output: libsvm's sparse layout, feature ids ascending, ending with -1.
 *
 * Terms are stemmed unigrams and, with ngram_max 2, bigrams of consecutive
 * kept words ("nato expans").  Stop words are dropped before bigrams are
 * formed, as scikit-learn does.  The language (language.c) chooses the
 * stemmer, the stop words and the tokenizing rules.  In Chinese the
 * unigrams are Han characters (and Latin words), not stemmed, and bigrams
 * pair neighbouring characters of one run: THEMES_TOKEN_BREAK ends a run,
 * and so does a dropped stop character, since 的 and its like mark a word
 * boundary (中国的发展 gives 中国 and 发展, not 国发).  Weights: (1 + ln tf)
 * * idf, L2-normalised, with the idf of the feature space (vocabulary.c).
 * The stop list and every setting are stored in the model, so a model
 * featurizes new text exactly as it featurized its training data.
 */
#include "internal.h"
#include "lookup.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>

int themes_featurizer_init(themes_featurizer *z, const themes_features *f,
                           const char *language, themes_error *err)
{
	memset(z, 0, sizeof *z);
	z->features = f;
	z->stop_words_on = f->stop_word_count > 0;
	z->rules = themes_language_rules(language);
	for (int tf = 1; tf < 16; tf++)
		z->log_tf[tf] = 1.0 + log((double)tf);
	const char *algorithm = themes_language_stemmer(language);
	return algorithm ? themes_stemmer_new(&z->stemmer, algorithm, err)
	                 : THEMES_OK;
}

void themes_featurizer_free(themes_featurizer *z)
{
	themes_stemmer_free(z->stemmer);
	themes_buffer_free(&z->term);
	themes_buffer_free(&z->previous);
	themes_buffer_free(&z->padded);
	themes_token_cache_free(&z->char_cache);
	free(z->char_ids);
	themes_token_cache_free(&z->token_cache);
	free(z->tf);
	free(z->seen);
	free(z->seen_words);
	free(z->nodes);
	memset(z, 0, sizeof *z);
}

/* Counts feature id (1 <= id <= vocabulary size) once more; id 0 stands
 * for no feature and is dropped by take_features.  No test on id or on its
 * count: on the path of every token, a branch that goes either way with
 * the text costs more than the stores. */
static void add_id(themes_featurizer *z, int id)
{
	z->id_count++;
	z->tf[id]++;
	z->seen[id >> 6] |= UINT64_C(1) << (id & 63);
	z->seen_words[id >> 12] |= UINT64_C(1) << ((id >> 6) & 63);
}

#define TOKEN_UNKNOWN (-1)
#define TOKEN_STOP (-2)
#define TOKEN_CACHE_LIMIT 200000

/* The stem of a word, or the word itself when the language has no stemmer;
 * NULL (with z->failed set) when out of memory.  The stemmer's own cache
 * is skipped when the caller caches the result. */
static const char *stem_word(themes_featurizer *z, const char *word,
                             size_t length, size_t *stem_length, bool cached)
{
	*stem_length = length;
	if (!z->stemmer)
		return word;
	const char *stem = cached
		? themes_stem(z->stemmer, word, length, stem_length)
		: themes_stem_uncached(z->stemmer, word, length, stem_length);
	if (!stem)
		z->failed = true;
	return stem;
}

/* What a token not yet in the cache is: a stop word, a known unigram (its
 * id) or unknown. */
static int classify_token(themes_featurizer *z, const char *token,
                          size_t length, int is_acronym)
{
	const themes_features *f = z->features;
	if (is_acronym)
		return themes_map_get(&f->term_ids, token, length);
	if (z->stop_words_on && themes_map_get(&f->stop_set, token, length) >= 0)
		return TOKEN_STOP;
	size_t word_length;
	const char *word = stem_word(z, token, length, &word_length, false);
	if (!word)
		return TOKEN_UNKNOWN;
	return themes_map_get(&f->term_ids, word, word_length);
}

/* The classifications of tokens that the threads classifying with one
 * feature space share: a thread that meets a token its own cache lacks
 * looks here before stemming it, so that with several threads each new
 * word is stemmed once, not once per thread (10,000 synthetic clauses on
 * two threads: 238M instructions instead of 252M; one thread: 225M).
 * Behind a lock, but reached only on a miss of the thread's cache. */
struct themes_shared_tokens {
	pthread_mutex_t lock;
	themes_token_cache cache;
};

themes_shared_tokens *themes_shared_tokens_new(void)
{
	themes_shared_tokens *shared = calloc(1, sizeof *shared);
	if (shared && pthread_mutex_init(&shared->lock, NULL) != 0) {
		free(shared);
		return NULL;
	}
	return shared;
}

void themes_shared_tokens_free(themes_shared_tokens *shared)
{
	if (!shared)
		return;
	themes_token_cache_free(&shared->cache);
	pthread_mutex_destroy(&shared->lock);
	free(shared);
}

/* Caches id for token in c (cleared first when full); false when out of
 * memory. */
static bool cache_token(themes_token_cache *c, const char *token,
                        size_t length, int is_acronym, int id)
{
	if (c->count >= TOKEN_CACHE_LIMIT)
		themes_token_cache_clear(c);
	return themes_token_cache_put(c, token, length, is_acronym, id);
}

/* token_id for a token not in the thread's cache: takes it from the shared
 * cache, or classifies it and shares it; then caches it. */
static __attribute__((noinline)) int new_token_id(themes_featurizer *z,
                                                  const char *token,
                                                  size_t length, int is_acronym,
                                                  uint64_t hash)
{
	themes_shared_tokens *shared = z->features->shared_tokens;
	int id;
	bool found = false;
	if (shared) {
		pthread_mutex_lock(&shared->lock);
		found = themes_token_cache_get(&shared->cache, token, length,
		                               is_acronym, hash, &id);
		pthread_mutex_unlock(&shared->lock);
	}
	if (!found) {
		id = classify_token(z, token, length, is_acronym);
		if (z->failed)
			return TOKEN_UNKNOWN;
		if (id < 0 && id != TOKEN_STOP)
			id = TOKEN_UNKNOWN;
		if (shared) {
			pthread_mutex_lock(&shared->lock);
			bool stored = cache_token(&shared->cache, token, length,
			                          is_acronym, id);
			pthread_mutex_unlock(&shared->lock);
			if (!stored)
				z->failed = true;
		}
	}
	if (!cache_token(&z->token_cache, token, length, is_acronym, id))
		z->failed = true;
	return id;
}

/* Classifies a token (zero-padded, as the tokenizer leaves it, with its
 * themes_token_hash) as a stop word, a known unigram (its id) or unknown,
 * through the cache.  Returns TOKEN_UNKNOWN also when out of memory (with
 * z->failed set).  The cache hit, most tokens, is inline. */
static inline int token_id(themes_featurizer *z, const char *token,
                           size_t length, int is_acronym, uint64_t hash)
{
	int id;
	if (themes_token_cache_get(&z->token_cache, token, length, is_acronym,
	                           hash, &id))
		return id;
	return new_token_id(z, token, length, is_acronym, hash);
}

/* Character n-grams of a word: "#" and the n code points of "<word>" (the
 * brackets mark its start and end), for char_min <= n <= char_max.  "#"
 * sorts before every word, so these terms take the lowest feature ids. */
static void char_ngrams(themes_featurizer *z, const char *token, size_t length,
                        void (*emit)(themes_featurizer *, const char *, size_t))
{
	const themes_features *f = z->features;
	size_t start[THEMES_MAX_WORD + 3], points = 0;
	if (length > THEMES_MAX_WORD)
		return;
	z->padded.length = 0;
	if (!themes_buffer_append(&z->padded, "<", 1) ||
	    !themes_buffer_append(&z->padded, token, length) ||
	    !themes_buffer_append(&z->padded, ">", 1)) {
		z->failed = true;
		return;
	}
	const char *p = z->padded.data;
	for (size_t i = 0; i < z->padded.length; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			start[points++] = i;
	start[points] = z->padded.length;
	for (int n = f->char_min; n <= f->char_max; n++)
		for (size_t i = 0; i + (size_t)n <= points; i++) {
			size_t bytes = start[i + (size_t)n] - start[i];
			z->term.length = 0;
			if (!themes_buffer_append(&z->term, "#", 1) ||
			    !themes_buffer_append(&z->term, p + start[i], bytes)) {
				z->failed = true;
				return;
			}
			emit(z, z->term.data, z->term.length);
		}
}

static void emit_term(themes_featurizer *z, const char *term, size_t length)
{
	z->on_term(term, length, z->user);
}

static bool push_char_id(themes_featurizer *z, int id)
{
	int *grown = themes_grow_array(z->char_ids, &z->char_ids_capacity,
	                               z->char_ids_length, sizeof *grown, 4096);
	if (!grown) {
		z->failed = true;
		return false;
	}
	z->char_ids = grown;
	z->char_ids[z->char_ids_length++] = id;
	return true;
}

/* Collects the id of each known n-gram into char_ids. */
static void collect_char_id(themes_featurizer *z, const char *term,
                            size_t length)
{
	int id = themes_map_get(&z->features->term_ids, term, length);
	if (id > 0)
		push_char_id(z, id);
}

#define CHAR_CACHE_LIMIT 200000

/* The offset in char_ids of the ids of token's character n-grams
 * ([count, id...]), through the cache, which is keyed like the token cache
 * (hash is the token's themes_token_hash); -1 when out of memory. */
static int char_ngram_ids(themes_featurizer *z, const char *token,
                          size_t length, int kind, uint64_t hash)
{
	int at;
	if (themes_token_cache_get(&z->char_cache, token, length, kind, hash, &at))
		return at;
	if (z->char_cache.count >= CHAR_CACHE_LIMIT) {
		themes_token_cache_clear(&z->char_cache);
		z->char_ids_length = 0;
	}
	size_t start = z->char_ids_length;
	if (!push_char_id(z, 0))
		return -1;
	char_ngrams(z, token, length, collect_char_id);
	if (z->failed)
		return -1;
	z->char_ids[start] = (int)(z->char_ids_length - start - 1);
	if (!themes_token_cache_put(&z->char_cache, token, length, kind,
	                            (int)start)) {
		z->failed = true;
		return -1;
	}
	return (int)start;
}

/* Explanation pass: notes where feature id arises, if it is one of the
 * features sought and was not found before: at the current token, or for a
 * bigram at the previous kept token and the current one. */
static void locate_id(themes_featurizer *z, int id, bool bigram)
{
	for (int i = 0; i < z->place_count; i++) {
		themes_feature_place *p = &z->places[i];
		if (p->id != id || p->found)
			continue;
		p->found = true;
		p->start[0] = bigram ? z->previous_span[0] : z->span[0];
		p->end[0] = bigram ? z->previous_span[1] : z->span[1];
		p->start[1] = bigram ? z->span[0] : 0;
		p->end[1] = bigram ? z->span[1] : 0;
	}
}

/* Counts id, or in the explanation pass (spans) locates it. */
static inline void take_id(themes_featurizer *z, int id, bool spans,
                           bool bigram)
{
	if (spans)
		locate_id(z, id, bigram);
	else
		add_id(z, id);
}

/* What a token gives the clause: the ids of its character n-grams, of its
 * unigram and of the bigram it ends.  Inlined in two callbacks, so that
 * classification pays nothing for the explanation pass. */
static inline __attribute__((always_inline)) void token_features(
	themes_featurizer *z, const char *token, size_t length, int flags,
	bool spans)
{
	if (z->failed)
		return;
	if (flags & THEMES_TOKEN_BREAK)
		z->previous_id = TOKEN_UNKNOWN;
	int is_acronym = flags & THEMES_TOKEN_ACRONYM ? 1 : 0;
	uint64_t hash = themes_token_hash(token, length, is_acronym);
	int id = token_id(z, token, length, is_acronym, hash);
	if (id == TOKEN_STOP) {
		if (z->rules == THEMES_TOKENS_CHINESE)
			z->previous_id = TOKEN_UNKNOWN;
		return;
	}
	if (z->features->char_min > 0) {
		int at = char_ngram_ids(z, token, length, is_acronym, hash);
		if (at < 0)
			return;
		for (int i = 1; i <= z->char_ids[at]; i++)
			take_id(z, z->char_ids[at + i], spans, false);
	}
	take_id(z, id > 0 ? id : 0, spans, false);
	/* An unknown word on either side finds no bigram (ids are >= 1), and
	 * 0 is no feature. */
	if (z->features->ngram_max >= 2)
		take_id(z, themes_pair_table_get(&z->features->bigram_ids,
		                                 z->previous_id, id),
		        spans, true);
	z->previous_id = id;
	if (spans) {
		z->previous_span[0] = z->span[0];
		z->previous_span[1] = z->span[1];
	}
}

/* Token callback for classification: ids of unigrams and bigrams. */
static void on_token_ids(const char *token, size_t length, int flags,
                         void *user)
{
	token_features(user, token, length, flags, false);
}

/* Token callback of the explanation pass. */
static void on_token_span(const char *token, size_t length, int flags,
                          size_t start, size_t end, void *user)
{
	themes_featurizer *z = user;
	z->span[0] = start;
	z->span[1] = end;
	token_features(z, token, length, flags, true);
}

int themes_featurizer_locate(themes_featurizer *z, const char *text,
                             size_t length, themes_feature_place *places,
                             int count)
{
	for (int i = 0; i < count; i++)
		places[i].found = false;
	z->failed = false;
	z->previous_id = TOKEN_UNKNOWN;
	z->places = places;
	z->place_count = count;
	themes_tokenize_spans(text, length, z->rules, on_token_span, z);
	z->places = NULL;
	z->place_count = 0;
	return z->failed ? THEMES_ERR_NOMEM : THEMES_OK;
}

/* Token callback for training: every term as a string, before a
 * vocabulary exists. */
static void on_token(const char *token, size_t length, int flags,
                     void *user)
{
	themes_featurizer *z = user;
	if (z->failed)
		return;
	if (flags & THEMES_TOKEN_BREAK)
		z->previous.length = 0;
	int is_acronym = flags & THEMES_TOKEN_ACRONYM;
	const char *word = token;
	size_t word_length = length;
	if (!is_acronym) {
		if (z->stop_words_on &&
		    themes_map_get(&z->features->stop_set, token, length) >= 0) {
			if (z->rules == THEMES_TOKENS_CHINESE)
				z->previous.length = 0;
			return;
		}
		if (z->features->char_min > 0)
			char_ngrams(z, token, length, emit_term);
		word = stem_word(z, token, length, &word_length, true);
		if (!word)
			return;
	} else if (z->features->char_min > 0) {
		char_ngrams(z, token, length, emit_term);
	}
	z->on_term(word, word_length, z->user);
	if (z->features->ngram_max >= 2 && z->previous.length > 0) {
		z->term.length = 0;
		if (!themes_buffer_append(&z->term, z->previous.data,
		                          z->previous.length) ||
		    !themes_buffer_append(&z->term, " ", 1) ||
		    !themes_buffer_append(&z->term, word, word_length)) {
			z->failed = true;
			return;
		}
		z->on_term(z->term.data, z->term.length, z->user);
	}
	z->previous.length = 0;
	if (!themes_buffer_append(&z->previous, word, word_length))
		z->failed = true;
}

/* Allocates the feature counts for the vocabulary (once per featurizer). */
static bool reserve_counts(themes_featurizer *z)
{
	if (z->tf)
		return true;
	size_t ids = z->features->size + 1, words = (ids + 63) / 64;
	z->tf = calloc(ids, sizeof *z->tf);
	z->seen = calloc(words, sizeof *z->seen);
	z->seen_words = calloc((words + 63) / 64, sizeof *z->seen_words);
	if (z->tf && z->seen && z->seen_words)
		return true;
	free(z->tf);
	free(z->seen);
	free(z->seen_words);
	z->tf = NULL;
	z->seen = z->seen_words = NULL;
	return false;
}

int themes_featurizer_terms(themes_featurizer *z, const char *text,
                            size_t length)
{
	z->failed = false;
	z->id_count = 0;
	z->previous.length = 0;
	z->previous_id = TOKEN_UNKNOWN;
	if (!z->on_term && !reserve_counts(z))
		return THEMES_ERR_NOMEM;
	themes_tokenize_padded(text, length, z->rules, true,
	                       z->on_term ? on_token : on_token_ids, z);
	return z->failed ? THEMES_ERR_NOMEM : THEMES_OK;
}

/* The weight of feature id before normalising: (1 + ln tf) * idf, or
 * tf * idf without sublinear_tf. */
static double tf_idf(const themes_featurizer *z, int id)
{
	const themes_features *f = z->features;
	int count = z->tf[id];
	double tf = !f->sublinear_tf ? (double)count
	            : count < 16 ? z->log_tf[count] : 1.0 + log((double)count);
	return tf * f->idf[id - 1];
}

/* Moves the counted features into nodes (when not NULL), ids ascending,
 * with their weights before normalising, summing the squares of those
 * weights apart for character n-grams (sums[1]) and words (sums[0]); and
 * clears the counts for the next clause.  Returns how many there are. */
static size_t take_features(themes_featurizer *z, struct svm_node *nodes,
                            double sums[2])
{
	size_t n = 0, words = (z->features->size + 1 + 63) / 64;
	size_t char_count = z->features->char_count;
	if (z->tf) { /* feature 0: no feature */
		z->tf[0] = 0;
		z->seen[0] &= ~UINT64_C(1);
	}
	for (size_t g = 0; z->tf && g < (words + 63) / 64; g++) {
		for (uint64_t wbits = z->seen_words[g]; wbits; wbits &= wbits - 1) {
			size_t w = g * 64 + (size_t)__builtin_ctzll(wbits);
			for (uint64_t bits = z->seen[w]; bits; bits &= bits - 1) {
				int id = (int)(w * 64 + (size_t)__builtin_ctzll(bits));
				if (nodes) {
					double weight = tf_idf(z, id);
					nodes[n] = (struct svm_node){id, weight};
					sums[(size_t)id <= char_count] += weight * weight;
				}
				z->tf[id] = 0;
				n++;
			}
			z->seen[w] = 0;
		}
		z->seen_words[g] = 0;
	}
	return n;
}

static bool reserve_nodes(themes_featurizer *z, size_t count)
{
	if (z->node_capacity >= count)
		return true;
	size_t capacity = count + 16;
	struct svm_node *nodes = realloc(z->nodes, capacity * sizeof *nodes);
	if (!nodes)
		return false;
	z->nodes = nodes;
	z->node_capacity = capacity;
	return true;
}

long themes_featurizer_vector(themes_featurizer *z, const char *text,
                              size_t length)
{
	bool ok = themes_featurizer_terms(z, text, length) == THEMES_OK &&
	          reserve_nodes(z, z->id_count + 1);
	/* Taken even after a failure, which must not leave counts behind. */
	double sums[2] = {0, 0};
	size_t n = take_features(z, ok ? z->nodes : NULL, sums);
	if (!ok)
		return -1;
	double norm = sums[0], char_norm = sums[1];
	size_t chars = 0; /* character n-grams have the lowest ids */
	while (chars < n && (size_t)z->nodes[chars].index <=
	                    z->features->char_count)
		chars++;
	/* Words and character n-grams are normalised apart, each block to the
	 * same length, so that the many n-grams do not drown the words. */
	double halves = norm > 0 && char_norm > 0 ? sqrt(0.5) : 1.0;
	double char_scale = char_norm > 0 ? halves / sqrt(char_norm) : 0;
	double word_scale = norm > 0 ? halves / sqrt(norm) : 0;
	for (size_t i = 0; i < n; i++)
		z->nodes[i].value *= i < chars ? char_scale : word_scale;
	z->nodes[n].index = -1;
	z->nodes[n].value = 0;
	return (long)n;
}
