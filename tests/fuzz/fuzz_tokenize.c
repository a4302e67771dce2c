/*
 * fuzz_tokenize.c - libFuzzer target for the tokenizer and stemmer: any bytes
 * (invalid UTF-8 included) must tokenize without crashing under every
 * language's rules, and every token must be non-empty, NUL-terminated and
 * stemmable.  Under every rule set, the fast path must give the tokens of
 * the general path, and the places themes_tokenize_spans gives must lie in
 * the text, in order, without overlapping.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static themes_stemmer *stemmer;

static void on_token(const char *token, size_t length, int flags,
                     void *user)
{
	(void)flags;
	(void)user;
	if (length == 0 || strlen(token) != length)
		abort();
	size_t stem_length;
	if (!themes_stem(stemmer, token, length, &stem_length))
		abort();
}

/* Every token of one run, as "flags length bytes" records. */
static void record(const char *token, size_t length, int flags, void *user)
{
	themes_buffer *b = user;
	char head[2] = {(char)flags, (char)length};
	if (!themes_buffer_append(b, head, sizeof head) ||
	    !themes_buffer_append(b, token, length))
		abort();
}

typedef struct places {
	size_t size, end, count;
} places;

static void check_place(const char *token, size_t length, int flags,
                        size_t start, size_t end, void *user)
{
	(void)token;
	(void)length;
	(void)flags;
	places *p = user;
	if (start < p->end || start >= end || end > p->size)
		abort();
	p->end = end;
	p->count++;
}

static void same_paths(const unsigned char *data, size_t size,
                       themes_token_rules rules)
{
	themes_buffer fast = {0}, general = {0};
	themes_tokenize_padded((const char *)data, size, rules, true, record, &fast);
	themes_tokenize_padded((const char *)data, size, rules, false, record,
	                       &general);
	if (fast.length != general.length ||
	    (fast.length && memcmp(fast.data, general.data, fast.length) != 0))
		abort();
	places p = {size, 0, 0};
	themes_tokenize_spans((const char *)data, size, rules, check_place, &p);
	themes_buffer_free(&fast);
	themes_buffer_free(&general);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	same_paths(data, size, THEMES_TOKENS_DEFAULT);
	same_paths(data, size, THEMES_TOKENS_RUSSIAN);
	same_paths(data, size, THEMES_TOKENS_CHINESE);
	if (!stemmer && themes_stemmer_new(&stemmer, "english", NULL) != THEMES_OK)
		abort();
	themes_tokenize((const char *)data, size, on_token, NULL);
	themes_tokenize_with((const char *)data, size, THEMES_TOKENS_RUSSIAN,
	                     on_token, NULL);
	themes_tokenize_with((const char *)data, size, THEMES_TOKENS_CHINESE,
	                     on_token, NULL);
	themes_detect_script((const char *)data, size, NULL);
	return 0;
}
