/*
 * fuzz_csv.c - libFuzzer target for the CSV and plain-text reader: any bytes
 * must give rows or a clean error, never a crash, a hang or a leak.  The
 * first byte picks the input format (auto, csv, text).
 */
#define _GNU_SOURCE
#include "themes.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size == 0)
		return 0;
	themes_read_options options = {(themes_format)(data[0] % 4), NULL, NULL};
	FILE *stream = fmemopen((void *)(data + 1), size - 1, "rb");
	if (!stream)
		return 0;
	themes_reader *reader;
	themes_error err;
	if (size == 1) {
		/* fmemopen rejects a zero-length buffer; read an empty stream. */
		fclose(stream);
		stream = fopen("/dev/null", "rb");
	}
	if (themes_reader_open_stream(&reader, stream, "fuzz", &options, &err) ==
	    THEMES_OK) {
		themes_record rec;
		while (themes_reader_next(reader, &rec, &err) == 1)
			;
		themes_reader_close(reader);
	}
	fclose(stream);
	return 0;
}
