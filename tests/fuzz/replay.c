/*
 * replay.c - runs a fuzz target's entry point over every file in the given
 * directories, without libFuzzer, so that seeds and past findings are
 * regression tests in every build (and under the sanitizers).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 1;
	}
	unsigned char *data = NULL;
	size_t size = 0, capacity = 0, n;
	unsigned char chunk[65536];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (size + n > capacity) {
			capacity = (size + n) * 2;
			unsigned char *grown = realloc(data, capacity);
			if (!grown) {
				free(data);
				fclose(f);
				return 1;
			}
			data = grown;
		}
		memcpy(data + size, chunk, n);
		size += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data ? data : (const unsigned char *)"", size);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int files = 0, failures = 0;
	for (int i = 1; i < argc; i++) {
		DIR *dir = opendir(argv[i]);
		if (!dir)
			continue; /* a findings folder may not exist yet */
		struct dirent *entry;
		while ((entry = readdir(dir)) != NULL) {
			if (entry->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", argv[i], entry->d_name);
			failures += replay_file(path);
			files++;
		}
		closedir(dir);
	}
	printf("%d passed, %d failed\n", files - failures, failures);
	return failures != 0 || files == 0;
}
