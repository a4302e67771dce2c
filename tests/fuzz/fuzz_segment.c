/*
 * fuzz_segment.c - libFuzzer target for the statement segmenter: any bytes
 * must segment without crashing, and every clause must lie inside the input
 * length and be NUL-terminated.
 */
#include "themes.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int on_clause(const char *clause, size_t length, const char *section,
                     long line, void *user)
{
	size_t input_size = *(const size_t *)user;
	if (length == 0 || length > input_size || strlen(clause) != length ||
	    !section || line < 1)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	themes_segment((const char *)data, size, on_clause, &size);
	return 0;
}
