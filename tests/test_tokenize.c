/*
 * test_tokenize.c - table-driven tests of themes_tokenize (tokenize.c).
 *
 * Each row gives an input (with its byte length, so that embedded NULs and
 * invalid bytes are exact) and the expected tokens, joined by single spaces;
 * a token flagged as an acronym carries a trailing '*'.  The rows of
 * rule_cases tokenize under a language's rules (themes_tokenize_with),
 * where " | " instead of a space marks a token flagged THEMES_TOKEN_BREAK;
 * script_cases test themes_detect_script.
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

static void collect(const char *token, size_t length, int flags, void *user)
{
	collected *c = user;
	size_t used = strlen(c->joined);

	if (strlen(token) != length)
		c->bad_length = 1;
	snprintf(c->joined + used, sizeof c->joined - used, "%s%s%s",
	         !c->count ? "" : flags & THEMES_TOKEN_BREAK ? " | " : " ",
	         token, flags & THEMES_TOKEN_ACRONYM ? "*" : "");
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

/* Tokens under a language's rules. */
typedef struct rule_case {
	const char *why;
	themes_token_rules rules;
	const char *text;
	const char *expected;
} rule_case;

#define RU THEMES_TOKENS_RUSSIAN
#define ZH THEMES_TOKENS_CHINESE
#define EN THEMES_TOKENS_DEFAULT

static const rule_case rule_cases[] = {
	/* Russian: Cyrillic case folding, ё read as е, quotes. */
	{"Cyrillic capitals fold under Russian rules too", RU,
	 "\u0420\u041e\u0421\u0421\u0418\u042f \u0438 \u041a\u0438\u0442\u0430\u0439",
	 "\u0440\u043e\u0441\u0441\u0438\u044f \u0438 \u043a\u0438\u0442\u0430\u0439"},
	{"\u0451 folds to \u0435: \u0435\u0449\u0451 -> \u0435\u0449\u0435", RU,
	 "\u0435\u0449\u0451", "\u0435\u0449\u0435"},
	{"capital \u0401 folds to \u0435: \u0401\u041b\u041a\u0410 -> \u0435\u043b\u043a\u0430 (four capitals in prose: an acronym)", RU,
	 "\u0401\u041b\u041a\u0410 \u0438 \u043b\u0435\u0441",
	 "\u0435\u043b\u043a\u0430* \u0438 \u043b\u0435\u0441"},
	{"\u0435 with a combining diaeresis is \u0451, read as \u0435", RU,
	 "\u0432\u0441\u0435\u0308 \u0440\u0430\u0432\u043d\u043e",
	 "\u0432\u0441\u0435 \u0440\u0430\u0432\u043d\u043e"},
	{"the default rules keep \u0451 (other languages write it as a letter of its own)", EN,
	 "\u0435\u0449\u0451", "\u0435\u0449\u0451"},
	{"guillemets \u00ab \u00bb are separators", RU,
	 "\u00ab\u041f\u043e\u044f\u0441\u00bb \u0438 \u00ab\u043f\u0443\u0442\u044c\u00bb",
	 "\u043f\u043e\u044f\u0441 \u0438 \u043f\u0443\u0442\u044c"},
	{"German-style quotes \u201e \u201c are separators", RU,
	 "\u201e\u043c\u0438\u0440\u201c, \u201e\u0434\u0440\u0443\u0436\u0431\u0430\u201c",
	 "\u043c\u0438\u0440 \u0434\u0440\u0443\u0436\u0431\u0430"},
	{"Russian rules set no break flag: bigrams cross punctuation as in English", RU,
	 "\u043c\u0438\u0440, \u0434\u0440\u0443\u0436\u0431\u0430",
	 "\u043c\u0438\u0440 \u0434\u0440\u0443\u0436\u0431\u0430"},
	{"hyphenated Russian compound splits", RU,
	 "\u0440\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u043e-\u043a\u0438\u0442\u0430\u0439\u0441\u043a\u0438\u0435",
	 "\u0440\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u043e \u043a\u0438\u0442\u0430\u0439\u0441\u043a\u0438\u0435"},

	/* Chinese: one token per Han character, runs, full-width forms. */
	{"each Han character is a token; a run has no break inside", ZH,
	 "\u4e2d\u4fc4\u5173\u7cfb", "\u4e2d \u4fc4 \u5173 \u7cfb"},
	{"punctuation between Han runs breaks them", ZH,
	 "\u548c\u5e73\uff0c\u53d1\u5c55\u3002\u5408\u4f5c",
	 "\u548c \u5e73 | \u53d1 \u5c55 | \u5408 \u4f5c"},
	{"a Latin word between Han characters is a word, with a break either side", ZH,
	 "\u652f\u6301BRICS\u673a\u5236",
	 "\u652f \u6301 | brics* | \u673a \u5236"},
	{"a number next to Han characters: no bigram across the change of script", ZH,
	 "2025\u5e74\u58f0\u660e", "2025 | \u5e74 \u58f0 \u660e"},
	{"Latin words separated by spaces keep their pairing", ZH,
	 "Belt and Road \u5021\u8bae", "belt and road | \u5021 \u8bae"},
	{"whitespace alone inside a Han run does not break it", ZH,
	 "\u4e2d \u56fd\u3000\u4eba", "\u4e2d \u56fd \u4eba"},
	{"full-width letters and digits read as ASCII (NFKC): \uff21\uff22\uff23\uff11\uff12\uff13 -> abc123", ZH,
	 "\uff21\uff22\uff23\uff11\uff12\uff13", "abc123"},
	{"full-width punctuation separates: \uff08\uff09 around a full-width word", ZH,
	 "\u4e0a\u5408\u7ec4\u7ec7\uff08\uff33\uff23\uff2f\uff09\u6846\u67b6",
	 "\u4e0a \u5408 \u7ec4 \u7ec7 | sco* | \u6846 \u67b6"},
	{"Extension A characters are Han tokens", ZH,
	 "\u3400\u4db5", "\u3400 \u4db5"},
	{"a compatibility ideograph reads as its unified form: \uf900 -> \u8c48", ZH,
	 "\uf900\u5b50", "\u8c48 \u5b50"},
	{"traditional characters are kept, not converted", ZH,
	 "\u570b\u969b\u95dc\u4fc2", "\u570b \u969b \u95dc \u4fc2"},
	{"Latin capitals next to Han text are not shouting: an acronym", ZH,
	 "\u5317\u7ea6NATO\u6269\u5f20", "\u5317 \u7ea6 | nato* | \u6269 \u5f20"},
	{"the default rules keep a Han run one word (as before)", EN,
	 "\u4e2d\u56fd\uff21", "\u4e2d\u56fd\uff41"},
	{"an invalid byte inside a Han run breaks it", ZH,
	 "\u4e2d\xff\u56fd", "\u4e2d | \u56fd"},
};

/* The script most letters are in. */
typedef struct script_case {
	const char *why;
	const char *text;
	themes_script expected;
} script_case;

static const script_case script_cases[] = {
	{"English prose is Latin", "Both sides oppose sanctions.",
	 THEMES_SCRIPT_LATIN},
	{"Russian prose is Cyrillic",
	 "\u0421\u0442\u043e\u0440\u043e\u043d\u044b \u043f\u0440\u043e\u0442\u0438\u0432 \u0441\u0430\u043d\u043a\u0446\u0438\u0439.",
	 THEMES_SCRIPT_CYRILLIC},
	{"Chinese prose is Han", "\u53cc\u65b9\u53cd\u5bf9\u5355\u8fb9\u5236\u88c1\u3002",
	 THEMES_SCRIPT_HAN},
	{"Russian with a Latin acronym stays Cyrillic",
	 "\u0420\u043e\u0441\u0441\u0438\u044f \u0438 NATO",
	 THEMES_SCRIPT_CYRILLIC},
	{"Chinese with a few Latin letters stays Han",
	 "\u4e2d\u4fc4\u652f\u6301BRICS\u548c\u4e0a\u6d77\u5408\u4f5c\u7ec4\u7ec7",
	 THEMES_SCRIPT_HAN},
	{"a CSV header does not outweigh a Russian clause",
	 "id,text\n1,\u0421\u0442\u043e\u0440\u043e\u043d\u044b \u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0438\u043b\u0438\u0441\u044c\n",
	 THEMES_SCRIPT_CYRILLIC},
	{"full-width Latin letters count as Latin",
	 "\uff21\uff22\uff23\uff24 \u4e2d", THEMES_SCRIPT_LATIN},
	{"no letters at all: Latin (English, the default)", "2025 -- 42!",
	 THEMES_SCRIPT_LATIN},
	{"empty text: Latin", "", THEMES_SCRIPT_LATIN},
	{"a tie between Latin and Cyrillic goes to Latin",
	 "ab \u0430\u0431", THEMES_SCRIPT_LATIN},
	{"Greek letters are counted for none of the three",
	 "\u0395\u039b\u039b\u0391\u03a3 \u0438", THEMES_SCRIPT_CYRILLIC},
	{"a code point cut at the end is skipped",
	 "\u4e2d\xe4\xb8", THEMES_SCRIPT_HAN},
};

static void run_rule_case(const rule_case *t)
{
	collected c;

	memset(&c, 0, sizeof c);
	themes_tokenize_with(t->text, strlen(t->text), t->rules, collect, &c);
	if (!CHECK_STR(c.joined, t->expected))
		fprintf(stderr, "  case: %s\n", t->why);
	if (!CHECK(!c.bad_length))
		fprintf(stderr, "  case: %s\n", t->why);
}

static void run_script_case(const script_case *t)
{
	size_t counts[3];
	themes_script got = themes_detect_script(t->text, strlen(t->text), counts);

	if (!CHECK(got == t->expected))
		fprintf(stderr, "  case: %s (got %d; letters %zu %zu %zu)\n", t->why,
		        (int)got, counts[0], counts[1], counts[2]);
}

/* The languages map to their rules and to the model a script picks. */
static void test_language_names(void)
{
	char list[512];

	CHECK(themes_language_rules("russian") == THEMES_TOKENS_RUSSIAN);
	CHECK(themes_language_rules("chinese") == THEMES_TOKENS_CHINESE);
	CHECK(themes_language_rules("english") == THEMES_TOKENS_DEFAULT);
	CHECK(themes_language_rules("german") == THEMES_TOKENS_DEFAULT);
	CHECK(themes_language_known("chinese"));
	CHECK(themes_language_known("porter"));
	CHECK(themes_language_known("german"));
	CHECK(!themes_language_known("klingon"));
	CHECK(!themes_language_known(""));
	themes_language_list(list, sizeof list);
	CHECK(strstr(list, "english, russian, chinese") == list);
	CHECK(strstr(list, "porter") != NULL);
	CHECK_STR(themes_script_language(THEMES_SCRIPT_LATIN), "english");
	CHECK_STR(themes_script_language(THEMES_SCRIPT_CYRILLIC), "russian");
	CHECK_STR(themes_script_language(THEMES_SCRIPT_HAN), "chinese");
}

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
	for (size_t i = 0; i < sizeof rule_cases / sizeof rule_cases[0]; i++)
		run_rule_case(&rule_cases[i]);
	for (size_t i = 0; i < sizeof script_cases / sizeof script_cases[0]; i++)
		run_script_case(&script_cases[i]);
	test_language_names();
	test_long_token();
	test_all_bytes();
	return harness_summary();
}
