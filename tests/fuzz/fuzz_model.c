/*
 * fuzz_model.c - libFuzzer target for the model loader: any file content
 * must load as a valid model or be refused with THEMES_ERR_MODEL, never
 * crash.  A model that loads must classify a clause.  Seeds are real models,
 * so the fuzzer explores damage past the checksum too: the first byte, when
 * odd, asks to recompute the checksum after the mutation.
 */
#define _GNU_SOURCE
#include "themes.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size == 0)
		return 0;
	bool fix_checksum = data[0] & 1;
	data++;
	size--;
	char path[] = "/tmp/themes-fuzz-model-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	FILE *f = fdopen(fd, "wb");
	const unsigned char *end = NULL;
	static const char key[] = "\nchecksum ";
	if (fix_checksum)
		end = memmem(data, size, key, sizeof key - 1);
	if (end) {
		size_t covered = (size_t)(end - data) + 1;
		fwrite(data, 1, covered, f);
		fprintf(f, "checksum %016llx\n",
		        (unsigned long long)fnv1a(data, covered));
	} else {
		fwrite(data, 1, size, f);
	}
	fclose(f);
	themes_model *model = NULL;
	themes_error err;
	if (themes_model_load(&model, path, &err) == THEMES_OK) {
		themes_classifier *c;
		if (themes_classifier_new(&c, model, &err) == THEMES_OK) {
			themes_prediction p;
			themes_classify(c, "NATO expansion threatens stability", 34, &p);
			themes_classifier_free(c);
		}
	} else if (err.code != THEMES_ERR_MODEL && err.code != THEMES_ERR_NOMEM) {
		abort();
	}
	themes_model_free(&model);
	unlink(path);
	return 0;
}
