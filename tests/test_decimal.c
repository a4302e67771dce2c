/*
 * test_decimal.c - themes_parse_double (decimal.c) against strtod: the same
 * double, bit for bit, and the same end, on every number of the default
 * models, on seeded random doubles printed as model files and people write
 * them, and on inputs at the edges of its fast path.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "harness.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t compared;

/* Parses text both ways; returns whether double and end agree. */
static bool same_parse(const char *text)
{
	char *fast_end, *slow_end;
	double fast = themes_parse_double(text, &fast_end);
	double slow = strtod(text, &slow_end);
	compared++;
	bool same = memcmp(&fast, &slow, sizeof fast) == 0 && fast_end == slow_end;
	if (!same)
		fprintf(stderr, "  \"%s\": %.17g (end +%td), strtod %.17g (end +%td)\n",
		        text, fast, fast_end - text, slow, slow_end - text);
	return same;
}

static void test_edges(void)
{
	static const char *const edges[] = {
		"0", "-0", "+0", "0.0", "-0.0", "00012", "0.000", ".5", "5.", "-.5e+3",
		"1e5", "1E5", "1e-5", "1e", "1e+", "1e-", "e5", ".", "-", "+", "",
		" 1", "1 ", "1.5x", "0.1", "0.2", "0.3", "1e22", "1e23", "1e27",
		"1e28", "1e-27", "1e-28", "9007199254740993", "18446744073709551615",
		"18446744073709551616", "1234567890123456789", "12345678901234567890",
		"0.00000000000000000000000000000000000001", "5e-324", "2.5e-324",
		"1.7976931348623157e308", "1e309", "-1e309", "inf", "-Infinity", "nan",
		"0x1p3", "0x10", "1,5", "1.0000000000000000000000",
		"-0.079605342351335456", "7.377940982283504", "-8.1766368806554812",
		"0.0050300093220160148", "6.2328086779805014",
		"2.2250738585072014e-308", "4.9406564584124654e-324",
		"9.999999999999999e22", "8.98846567431158e307",
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		CHECK(same_parse(edges[i]));
}

static uint64_t next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* Random doubles: any bit pattern, and values of the size model weights
 * and idf have; each printed in several formats. */
static void test_random(void)
{
	static const char *const formats[] = {"%.17g", "%.16g", "%.15g", "%.9g",
	                                      "%.3f", "%g", "%.19e", "%.12e"};
	uint64_t state = 0x9E3779B97F4A7C15u;
	char text[512];
	for (int round = 0; round < 200000; round++) {
		double value;
		uint64_t bits = next(&state);
		if (round % 2) {
			memcpy(&value, &bits, sizeof value);
			if (value != value)
				continue;
		} else {
			/* about 1e-6 to 1e3, either sign */
			value = ((double)(bits >> 11) / 9007199254740992.0 - 0.5) *
			        pow(10, (double)(int)(next(&state) % 10) - 6);
		}
		const char *format = formats[(size_t)round % 8];
		snprintf(text, sizeof text, format, value);
		if (!CHECK(same_parse(text)))
			break;
	}
}

/* Every number of the default models, as model_read.c meets them. */
static void test_models(const char *source_dir)
{
	static const char *const models[] = {"models/default.model",
	                                     "models/default-ru.model",
	                                     "models/default-zh.model"};
	for (size_t m = 0; m < sizeof models / sizeof models[0]; m++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", source_dir, models[m]);
		FILE *f = fopen(path, "r");
		if (!CHECK(f != NULL)) {
			fprintf(stderr, "  cannot open %s\n", path);
			continue;
		}
		char *line = NULL;
		size_t capacity = 0, numbers = 0;
		while (getline(&line, &capacity, f) > 0) {
			for (char *p = strtok(line, " \t\n"); p; p = strtok(NULL, " \t\n")) {
				if ((*p < '0' || *p > '9') && *p != '-')
					continue;
				numbers++;
				if (!CHECK(same_parse(p)))
					break;
			}
		}
		free(line);
		fclose(f);
		CHECK(numbers > 10000);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_decimal SOURCE_DIR\n");
		return 2;
	}
	test_edges();
	test_random();
	test_models(argv[1]);
	printf("compared %zu numbers\n", compared);
	return harness_summary();
}
