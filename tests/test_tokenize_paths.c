/*
 * test_tokenize_paths.c - the tokenizer's ASCII fast path against its
 * general path (tokenize.c), under every language's rules.
 *
 * The fast path folds ASCII bytes from a table; the general path decodes
 * every code point and asks utf8proc.  Both must give the same tokens and
 * flags, each zero-padded to a whole number of 8-byte words as the
 * featurizer's cache reads them.  Inputs: every text of the corpora (corpus/ *.csv and the Russian
 * and Chinese ones, found under the source directory given as the only
 * argument), and seeded random byte strings: raw bytes, and pieces chosen
 * to meet at the edges of the fast path (apostrophes, dots, capitals, long
 * runs, full-width forms, ё and its combining form, Han, invalid UTF-8).
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "harness.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const themes_token_rules all_rules[] = {
	THEMES_TOKENS_DEFAULT, THEMES_TOKENS_RUSSIAN, THEMES_TOKENS_CHINESE
};
#define RULE_COUNT (sizeof all_rules / sizeof all_rules[0])

/* Every token of one run, as "flags length bytes" records. */
typedef struct transcript {
	themes_buffer tokens;
	size_t count;
	size_t unpadded; /* tokens not followed by zeros up to the multiple
	                  * of 8 bytes after token[length] */
} transcript;

static void record(const char *token, size_t length, int flags, void *user)
{
	transcript *t = user;
	char head[2] = {(char)flags, (char)length};
	themes_buffer_append(&t->tokens, head, sizeof head);
	themes_buffer_append(&t->tokens, token, length);
	for (size_t i = length; i < (length / 8 + 1) * 8; i++)
		if (token[i] != 0) {
			t->unpadded++;
			break;
		}
	t->count++;
}

static size_t compared, tokens_seen;

/* Tokenizes text both ways under rules; returns whether they agree. */
static bool same_tokens(const char *text, size_t length,
                        themes_token_rules rules)
{
	transcript fast = {{NULL, 0, 0}, 0, 0}, general = {{NULL, 0, 0}, 0, 0};
	themes_tokenize_padded(text, length, rules, true, record, &fast);
	themes_tokenize_padded(text, length, rules, false, record, &general);
	bool same = fast.count == general.count &&
	            fast.tokens.length == general.tokens.length &&
	            (fast.tokens.length == 0 ||
	             memcmp(fast.tokens.data, general.tokens.data,
	                    fast.tokens.length) == 0) &&
	            fast.unpadded == 0 && general.unpadded == 0;
	compared++;
	tokens_seen += fast.count;
	themes_buffer_free(&fast.tokens);
	themes_buffer_free(&general.tokens);
	return same;
}

/* Prints text with its bytes outside printable ASCII as \xNN. */
static void show(const char *why, const char *text, size_t length,
                 themes_token_rules rules)
{
	fprintf(stderr, "  %s, rules %d: \"", why, (int)rules);
	for (size_t i = 0; i < length && i < 400; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x20 && c < 0x7F && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fprintf(stderr, "\"\n");
}

static void check_text(const char *why, const char *text, size_t length)
{
	for (size_t r = 0; r < RULE_COUNT; r++)
		if (!CHECK(same_tokens(text, length, all_rules[r])))
			show(why, text, length, all_rules[r]);
}

/* Every text of one corpus file; returns how many were read. */
static size_t check_corpus_file(const char *path)
{
	themes_reader *reader;
	themes_error err = {0};
	if (!CHECK(themes_reader_open(&reader, path, NULL, &err) == THEMES_OK)) {
		fprintf(stderr, "  %s\n", err.message);
		return 0;
	}
	themes_record rec;
	size_t rows = 0;
	while (themes_reader_next(reader, &rec, &err) == 1) {
		check_text(path, rec.text, rec.text_length);
		rows++;
	}
	themes_reader_close(reader);
	return rows;
}

static void test_corpora(const char *source_dir)
{
	static const char *const patterns[] = {
		"corpus/*.csv", "corpus/ru/*.csv", "corpus/zh/*.csv"
	};
	for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
		char pattern[1024];
		glob_t found;
		snprintf(pattern, sizeof pattern, "%s/%s", source_dir, patterns[p]);
		if (!CHECK(glob(pattern, 0, NULL, &found) == 0)) {
			fprintf(stderr, "  no files match %s\n", pattern);
			continue;
		}
		for (size_t i = 0; i < found.gl_pathc; i++)
			CHECK(check_corpus_file(found.gl_pathv[i]) > 0);
		globfree(&found);
	}
}

/* Pieces that meet at the edges of the fast path. */
static const char *const pieces[] = {
	"a", "Z", "q", "7", " ", "  ", "\t", "\n", ".", "-", ",", "'", "\"",
	"'s", "'S", "U.S.", "e.g.", "U.S", "NATO", "Nato", "BRICS", "x.y",
	"don't", "China\u2019s", "\u2019", "\u02bc", "\u2014",
	"\u0401", "\u0451", "\u0435\u0308", "\u0308", "\u0420\u041e\u0421",
	"\u0420\u043e\u0441\u0441\u0438\u044f", "\u0415\u0410\u042d\u0421",
	"\u0400", "\u040f", "\u0410", "\u042f", "\u0430", "\u044f",
	"\u0450", "\u045f", "\u0460", "\u0461", "\u04d0", "\u0442.", "\xd0",
	"\xd1", "\xd1\xa0", "\u00ab", "\u00bb",
	"\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0416\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436\u0436",
	"\u4e2d", "\u56fd", "\u9ffc", "\u9ffd", "\u4dff", "\xe4\xb8", "\u3000", "\uff21", "\uff41", "\uff11", "\uff0c",
	"\uff07", "\uff0e", "\uf900", "\u00df", "\u0130", "\u03a3", "e\u0301",
	"\xff", "\x80", "\xc3", "\xe2\x80", "\xf0\x9f\x98\x80", "\0",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
};

/* Every code point of the Cyrillic blocks, where the fast path folds the
 * basic block itself, alone, doubled, capitalised and inside a word. */
static void test_cyrillic_block(void)
{
	for (int32_t cp = 0x0400; cp <= 0x052F; cp++) {
		char one[8], text[64];
		int n = (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)one);
		int length = snprintf(text, sizeof text, "%.*s %.*s%.*s \u0416%.*s"
		                      "\u0436 a%.*s9", n, one, n, one, n, one, n, one,
		                      n, one);
		check_text("Cyrillic block", text, (size_t)length);
	}
}

/* Every code point from U+4DC0 to U+A000, around the Han characters the
 * fast path copies, in Han and Latin company. */
static void test_han_block(void)
{
	for (int32_t cp = 0x4DC0; cp <= 0xA000; cp++) {
		char one[8], text[64];
		int n = (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)one);
		int length = snprintf(text, sizeof text, "%.*s\u4e2d%.*s a%.*s\u3002",
		                      n, one, n, one, n, one);
		check_text("Han block", text, (size_t)length);
	}
}

/* Seeded random texts: half raw bytes, half strings of pieces. */
static void test_random(void)
{
	uint64_t state = 20240611;
	size_t npieces = sizeof pieces / sizeof pieces[0];
	char text[4200]; /* 40 pieces of up to 102 bytes */
	for (int round = 0; round < 20000; round++) {
		size_t length = 0;
		size_t parts = themes_draw_index(&state, 40);
		for (size_t i = 0; i < parts; i++) {
			if (round % 2 == 0) {
				text[length++] = (char)themes_draw_index(&state, 256);
				continue;
			}
			const char *piece = pieces[themes_draw_index(&state, npieces)];
			size_t n = *piece ? strlen(piece) : 1;
			memcpy(text + length, piece, n);
			length += n;
		}
		check_text("random", text, length);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_tokenize_paths SOURCE_DIR\n");
		return 2;
	}
	test_corpora(argv[1]);
	test_cyrillic_block();
	test_han_block();
	test_random();
	fprintf(stderr, "compared %zu texts and rules, %zu tokens\n", compared,
	        tokens_seen);
	return harness_summary();
}
