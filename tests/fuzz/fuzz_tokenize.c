/*
 * fuzz_tokenize.c - libFuzzer target for the tokenizer and stemmer: any bytes
 * (invalid UTF-8 included) must tokenize without crashing under every
 * language's rules, and every token must be non-empty, NUL-terminated and
 * stemmable.
 */
#include "themes.h"

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

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
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
