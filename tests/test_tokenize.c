/*
 * test_tokenize.c - table-driven tests of themes_tokenize (tokenize.c).
 *
 * Each row gives an input (with its byte length, so that embedded NULs and
 * invalid bytes are exact) and the expected tokens, joined by single spaces;
 * a token flagged as an acronym carries a trailing '*'.
 */
#include "themes.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

typedef struct collected {
	char joined[4096];
	size_t count;
	int bad_length; /* a callback's length differed from strlen(token) */
} collected;

static void collect(const char *token, size_t length, int is_acronym,
                    void *user)
{
	collected *c = user;
	size_t used = strlen(c->joined);

	if (strlen(token) != length)
		c->bad_length = 1;
	snprintf(c->joined + used, sizeof c->joined - used, "%s%s%s",
	         c->count ? " " : "", token, is_acronym ? "*" : "");
	c->count++;
}

typedef struct tcase {
	const char *why;
	const char *text;
	size_t length;   /* 0: strlen(text) */
	const char *expected;
} tcase;

#define T(why, text, expected) {why, text, 0, expected}
#define TB(why, text, expected) {why, text, sizeof(text) - 1, expected}

static const tcase cases[] = {
	/* Apostrophes. */
	T("curly possessive: China\u2019s drops the 's",
	  "China\u2019s role", "china role"),
	T("straight possessive: China's drops the 's",
	  "China's role", "china role"),
	T("straight inner apostrophe joins: don't -> dont",
	  "we don't", "we dont"),
	T("curly inner apostrophe joins too: don\u2019t -> dont",
	  "we don\u2019t", "we dont"),
	T("curly quotes around a word are separators, not word parts",
	  "\u2018sovereignty\u2019 and \u201cpeace\u201d",
	  "sovereignty and peace"),
	T("straight quotes around a word are separators",
	  "'sovereignty' and \"peace\"", "sovereignty and peace"),
	T("trailing apostrophe of a plural possessive is dropped",
	  "the peoples' will", "the peoples will"),
	T("possessive of an acronym keeps the acronym flag",
	  "NATO's expansion", "nato* expansion"),

	/* Dashes and hyphens. */
	T("em dash separates words with no spaces around it",
	  "Russia\u2014China ties", "russia china ties"),
	T("en dash separates a year range",
	  "the 2001\u20132025 period", "the 2001 2025 period"),
	T("hyphenated compound splits: anti-fascist",
	  "the anti-fascist victory", "the anti fascist victory"),
	T("hyphenated place name splits: Asia-Pacific",
	  "the Asia-Pacific region", "the asia pacific region"),
	T("Unicode hyphen U+2010 splits like ASCII '-'",
	  "non\u2010aligned", "non aligned"),

	/* Abbreviations and acronyms. */
	T("dotted abbreviation U.S. joins to us and is an acronym",
	  "the U.S. sanctions", "the us* sanctions"),
	T("dotted abbreviation U.N. joins to un and is an acronym",
	  "the U.N. Charter", "the un* charter"),
	T("U.S.-led: abbreviation, then a hyphen separates",
	  "a U.S.-led bloc", "a us* led bloc"),
	T("U.S.A. with three letters is one token",
	  "in the U.S.A. today", "in the usa* today"),
	T("lower-case dotted abbreviation joins but is not an acronym",
	  "e.g. trade", "eg trade"),
	T("NATO in normal prose is an acronym",
	  "NATO expansion", "nato* expansion"),
	T("BRICS (five capitals) is an acronym",
	  "a stronger BRICS", "a stronger brics*"),
	T("lower-case pronoun us is not an acronym",
	  "let us act", "let us act"),
	T("a single capital letter is not an acronym",
	  "I agree", "i agree"),
	T("a six-letter capitalised word is beyond the acronym length",
	  "the EURASIA bloc", "the eurasia bloc"),
	T("a shouted sentence: all-capital words are not acronyms",
	  "STOP NATO EXPANSION NOW", "stop nato expansion now"),
	T("a sentence with a lower-case letter: all-capital words are acronyms",
	  "STOP NATO now", "stop* nato* now"),
	T("St. is not an abbreviation of single letters",
	  "St. Petersburg forum", "st petersburg forum"),

	/* Unicode case folding. */
	T("sharp s folds to ss: STRA\u00dfE -> strasse",
	  "STRA\u00dfE", "strasse"),
	T("Cyrillic capitals fold: \u0420\u041e\u0421\u0421\u0418\u042f",
	  "\u0420\u041e\u0421\u0421\u0418\u042f",
	  "\u0440\u043e\u0441\u0441\u0438\u044f"),
	T("Cyrillic acronym in prose: \u0415\u0410\u042d\u0421 is flagged",
	  "\u0415\u0410\u042d\u0421 \u0438 \u0428\u041e\u0421",
	  "\u0435\u0430\u044d\u0441* \u0438 \u0448\u043e\u0441*"),
	T("Greek capitals fold, capital sigma to sigma",
	  "\u0395\u039b\u039b\u0391\u03a3", "\u03b5\u03bb\u03bb\u03b1\u03c3"),
	T("Greek accented word keeps its accent, lower-cased",
	  "\u0395\u03bb\u03bb\u03ac\u03b4\u03b1",
	  "\u03b5\u03bb\u03bb\u03ac\u03b4\u03b1"),
	T("a combining accent stays inside the word",
	  "cafe\u0301 talks", "cafe\u0301 talks"),
	T("CJK letters are word characters",
	  "\u4e2d\u56fd and Russia", "\u4e2d\u56fd and russia"),

	/* Digits. */
	T("digits and letters form one token: 80th",
	  "the 80th anniversary", "the 80th anniversary"),
	T("a number with a decimal point splits at the point",
	  "3.5 percent", "3 5 percent"),

	/* Invalid and truncated UTF-8. */
	TB("an invalid byte mid-line is a separator; the rest is kept",
	   "abc\xff def", "abc def"),
	TB("an invalid byte glued to letters still separates them",
	   "abc\xff" "def", "abc def"),
	TB("a lone continuation byte is a separator",
	   "peace\x80" "talks", "peace talks"),
	TB("an overlong encoding of '/' is invalid, not a slash or a letter",
	   "a\xc0\xaf" "b", "a b"),
	TB("a truncated two-byte sequence at the end is dropped",
	   "abc \xd0", "abc"),
	TB("a truncated three-byte sequence at the end is dropped",
	   "abc\xe2\x80", "abc"),
	TB("a truncated sequence followed by ASCII does not eat the ASCII",
	   "x\xe2\x80y z", "x y z"),
	TB("a NUL byte (given by length) is a separator, not the end",
	   "one\0two", "one two"),

	/* Degenerate input. */
	T("empty string: no tokens", "", ""),
	T("only punctuation and spaces: no tokens", " ,.;:!? -- ", ""),
};

static void run_case(const tcase *t)
{
	collected c;
	size_t length = t->length ? t->length : strlen(t->text);

	memset(&c, 0, sizeof c);
	themes_tokenize(t->text, length, collect, &c);
	if (!CHECK_STR(c.joined, t->expected))
		fprintf(stderr, "  case: %s\n", t->why);
	if (!CHECK(!c.bad_length))
		fprintf(stderr, "  case: %s\n", t->why);
}

/* Tokens longer than the internal limit are cut, not split or dropped, and
 * scanning continues after them. */
static void test_long_token(void)
{
	char text[400];
	collected c;

	memset(text, 'a', 300);
	memcpy(text + 300, " end", 5);
	memset(&c, 0, sizeof c);
	themes_tokenize(text, strlen(text), collect, &c);
	CHECK(c.count == 2);
	CHECK(!c.bad_length);
	CHECK(strlen(c.joined) > 4 && strcmp(c.joined + strlen(c.joined) - 4,
	                                      " end") == 0);
}

/* Every single byte value, and every pair of a lead and a following byte,
 * is tokenized without a crash, and ASCII letters after it survive. */
static void test_all_bytes(void)
{
	int failures = 0;

	for (int b = 0; b < 256; b++) {
		char text[8];
		collected c;

		text[0] = (char)b;
		memcpy(text + 1, " zz", 3);
		memset(&c, 0, sizeof c);
		themes_tokenize(text, 4, collect, &c);
		size_t n = strlen(c.joined);
		if (n < 2 || strcmp(c.joined + n - 2, "zz") != 0)
			failures++;
	}
	CHECK(failures == 0);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
	test_long_token();
	test_all_bytes();
	return harness_summary();
}
