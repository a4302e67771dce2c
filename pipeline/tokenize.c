/*
 * tokenize.c - third stage: a clause's UTF-8 text to case-folded word tokens.
 *
 * Input: any byte string.  Output: one callback per token.
 *
 * A token is a run of letters, digits and combining marks.  Everything else
 * separates tokens, with three exceptions that matter for diplomatic prose:
 * an apostrophe inside a word is dropped ("don't" -> "dont") and a possessive
 * "'s" is removed ("China's" -> "china"); dotted abbreviations are joined
 * ("U.S." -> "us", "e.g." -> "eg"); hyphens and dashes split compounds
 * ("anti-fascist" -> "anti", "fascist"), whose pairing bigrams keep.
 * Case folding is Unicode's (utf8proc), so "ΣΟΦΙΑ", "Straße" and "ЕАЭС"
 * fold as they should.  Invalid UTF-8 bytes are separators.
 *
 * A language may change three things (themes_token_rules): Russian reads ё
 * as е, as most Russian print does; Chinese, which has no spaces between
 * words, makes each Han character a token, reads full-width forms as ASCII,
 * and marks where punctuation or a change of script cuts a run, so that
 * bigrams pair only neighbouring characters of one run.
 *
 * Most text is ASCII, so the scan has two paths.  The fast path skips ASCII
 * separators through a table and reads a word that is all ASCII letters and
 * digits eight bytes at a time, folding them with arithmetic on a 64-bit
 * word; basic Cyrillic letters (U+0400-U+045F) are folded by arithmetic
 * too, and under Chinese rules a common Han character is copied as it is.  Everything else (other bytes, apostrophes, dotted abbreviations,
 * over-long words) goes through the general path, which decodes a code
 * point at a time and asks utf8proc.  The two give the same tokens
 * (tests/test_tokenize_paths.c compares them).  Tokens are passed on
 * zero-padded to whole 8-byte words, so that the featurizer's cache can
 * hash and compare them a word at a time.
 */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>

/* Longer tokens (URLs, hashes, runs of garbage) are cut here. */
#define TOKEN_MAX 96

/* For each byte that is an ASCII letter or digit: its case folding in the
 * low byte, plus LETTER for a letter and CAPITAL for a capital, so that one
 * sum over a run of them counts both (a run is at most TOKEN_MAX bytes,
 * under 1 << 12).  0 for every other byte: the other ASCII bytes all
 * separate words (the apostrophe and the dot only sometimes join them: the
 * general path decides), and the bytes from 0x80 on are for the general
 * path. */
#define LETTER (UINT32_C(1) << 8)
#define CAPITAL (UINT32_C(1) << 20)
#define DIGIT(c) ((uint32_t)(c))
#define SMALL(c) ((uint32_t)(c) | LETTER)
#define BIG(c) ((uint32_t)((c) + 32) | LETTER | CAPITAL)
static const uint32_t ascii_word[256] = {
	['0'] = DIGIT('0'), ['1'] = DIGIT('1'), ['2'] = DIGIT('2'),
	['3'] = DIGIT('3'), ['4'] = DIGIT('4'), ['5'] = DIGIT('5'),
	['6'] = DIGIT('6'), ['7'] = DIGIT('7'), ['8'] = DIGIT('8'),
	['9'] = DIGIT('9'),
	['A'] = BIG('A'), ['B'] = BIG('B'), ['C'] = BIG('C'), ['D'] = BIG('D'),
	['E'] = BIG('E'), ['F'] = BIG('F'), ['G'] = BIG('G'), ['H'] = BIG('H'),
	['I'] = BIG('I'), ['J'] = BIG('J'), ['K'] = BIG('K'), ['L'] = BIG('L'),
	['M'] = BIG('M'), ['N'] = BIG('N'), ['O'] = BIG('O'), ['P'] = BIG('P'),
	['Q'] = BIG('Q'), ['R'] = BIG('R'), ['S'] = BIG('S'), ['T'] = BIG('T'),
	['U'] = BIG('U'), ['V'] = BIG('V'), ['W'] = BIG('W'), ['X'] = BIG('X'),
	['Y'] = BIG('Y'), ['Z'] = BIG('Z'),
	['a'] = SMALL('a'), ['b'] = SMALL('b'), ['c'] = SMALL('c'),
	['d'] = SMALL('d'), ['e'] = SMALL('e'), ['f'] = SMALL('f'),
	['g'] = SMALL('g'), ['h'] = SMALL('h'), ['i'] = SMALL('i'),
	['j'] = SMALL('j'), ['k'] = SMALL('k'), ['l'] = SMALL('l'),
	['m'] = SMALL('m'), ['n'] = SMALL('n'), ['o'] = SMALL('o'),
	['p'] = SMALL('p'), ['q'] = SMALL('q'), ['r'] = SMALL('r'),
	['s'] = SMALL('s'), ['t'] = SMALL('t'), ['u'] = SMALL('u'),
	['v'] = SMALL('v'), ['w'] = SMALL('w'), ['x'] = SMALL('x'),
	['y'] = SMALL('y'), ['z'] = SMALL('z'),
};

/* Whether byte c ends a word for certain: an ASCII byte that is neither a
 * letter, a digit nor an apostrophe. */
static inline bool ascii_stop(unsigned char c)
{
	return c < 0x80 && !ascii_word[c] && c != '\'';
}

typedef struct scanner {
	const unsigned char *text;
	size_t length;
	size_t pos;
	themes_token_rules rules;
	bool fast;     /* the ASCII table path; off only to test it */
	/* THEMES_TOKENS_CHINESE: what lies between the last token and the
	 * next, for THEMES_TOKEN_BREAK. */
	bool broken;   /* a separator other than whitespace */
	int last_kind; /* of the last token: 0 none, 1 Han, 2 other */
	size_t start;  /* where the token being read starts */
	themes_span_fn span_fn; /* when not NULL, called instead of fn */
} scanner;

bool themes_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK Unified Ideographs */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Extension A */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Compatibility Ideographs */
	       (cp >= 0x20000 && cp <= 0x2FA1F) || /* Extensions B-F, supplement */
	       (cp >= 0x30000 && cp <= 0x323AF);   /* Extensions G-H */
}

/* The code point the rules read cp (not ASCII) as.  Russian: ё and Ё as е
 * and Е, so that case folding then gives е.  Chinese: full-width ASCII as
 * ASCII, the ideographic space as a space and a compatibility ideograph as
 * its unified form, which is what NFKC does to them. */
static int32_t read_as(themes_token_rules rules, int32_t cp)
{
	if (rules == THEMES_TOKENS_RUSSIAN)
		return cp == 0x0401 ? 0x0415 : cp == 0x0451 ? 0x0435 : cp;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	if ((cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F)) {
		utf8proc_int32_t unified[4];
		int boundclass = 0;
		if (utf8proc_decompose_char(cp, unified, 4,
		                            UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
		                            &boundclass) == 1)
			return unified[0];
	}
	return cp;
}

/* Decodes the code point at pos; returns its byte length, or 0 when the
 * bytes there are not valid UTF-8 (then *cp is -1). */
static size_t decode(const scanner *s, size_t pos, int32_t *cp)
{
	if (pos >= s->length) {
		*cp = -1;
		return 0;
	}
	unsigned char c = s->text[pos];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_ssize_t n = utf8proc_iterate(s->text + pos,
	                                      (utf8proc_ssize_t)(s->length - pos),
	                                      cp);
	if (n <= 0) {
		*cp = -1;
		return 0;
	}
	if (s->rules != THEMES_TOKENS_DEFAULT)
		*cp = read_as(s->rules, *cp);
	return (size_t)n;
}

static bool is_word_char(int32_t cp)
{
	if (cp < 0)
		return false;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

bool themes_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static bool is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static bool is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

typedef struct token {
	char bytes[TOKEN_MAX + 8];
	size_t length;
	int letters, uppers;
	bool truncated;
} token;

static void token_start(token *t)
{
	t->length = 0;
	t->letters = t->uppers = 0;
	t->truncated = false;
}

/* Ends t with zeros to the next multiple of 8 bytes: the NUL, and the
 * padding themes_tokenize_padded promises. */
static void pad(token *t)
{
	memset(t->bytes + t->length, 0, 8);
}

/* Appends the case folding of cp to t. */
static void fold_into(token *t, int32_t cp)
{
	if (t->truncated)
		return;
	if (themes_is_letter(cp)) {
		t->letters++;
		if (is_upper(cp))
			t->uppers++;
	}
	if (cp < 0x80) {
		if (t->length + 1 > TOKEN_MAX) {
			t->truncated = true;
			return;
		}
		t->bytes[t->length++] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
		return;
	}
	utf8proc_int32_t folded[8];
	int boundclass = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, folded, 8,
	                                             UTF8PROC_CASEFOLD, &boundclass);
	if (n <= 0 || n > 8) {
		folded[0] = cp;
		n = 1;
	}
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		unsigned char utf8[4];
		utf8proc_ssize_t m = utf8proc_encode_char(folded[i], utf8);
		if (t->length + (size_t)m > TOKEN_MAX) {
			t->truncated = true;
			return;
		}
		for (utf8proc_ssize_t j = 0; j < m; j++)
			t->bytes[t->length++] = (char)utf8[j];
	}
}

/* Folds the run of ASCII letters and digits at text[pos..end-1] into out,
 * adding its letters and capitals to *counts as the entries of ascii_word
 * would be, and returns where the run ends. */
static size_t ascii_run(const unsigned char *text, size_t pos, size_t end,
                        unsigned char *out, uint32_t *counts)
{
	for (; pos < end; pos++) {
		uint32_t entry = ascii_word[text[pos]];
		if (!entry)
			break;
		*out++ = (unsigned char)entry;
		*counts += entry & ~UINT32_C(0xFF);
	}
	return pos;
}

static void add_counts(token *t, uint32_t counts)
{
	t->letters += (int)(counts / LETTER % (CAPITAL / LETTER));
	t->uppers += (int)(counts / CAPITAL);
}

/* The fast path of read_word: appends the run of ASCII letters and digits
 * at s->pos to t, folded, as far as TOKEN_MAX allows, and moves past it.
 * fold_into would do the same a code point at a time. */
static void read_ascii_run(scanner *s, token *t)
{
	if (t->truncated)
		return;
	size_t end = s->length;
	if (end - s->pos > TOKEN_MAX - t->length)
		end = s->pos + (TOKEN_MAX - t->length);
	uint32_t counts = 0;
	size_t stop = ascii_run(s->text, s->pos, end,
	                        (unsigned char *)t->bytes + t->length, &counts);
	t->length += stop - s->pos;
	add_counts(t, counts);
	s->pos = stop;
}

/* The basic Cyrillic block, U+0400 to U+045F, is two bytes of UTF-8: 0xD0
 * then 0x80-0xBF (U+0400-U+043F), or 0xD1 then 0x80-0x9F (U+0440-U+045F).
 * Every code point in it is a letter, capital below U+0430, and case
 * folding adds 0x50 to U+0400-U+040F and 0x20 to U+0410-U+042F.  Returns
 * the code point at text[pos] when it is in the block, else -1. */
static int32_t basic_cyrillic(const unsigned char *text, size_t pos,
                              size_t length)
{
	if (length - pos < 2)
		return -1;
	unsigned char lead = text[pos], next = text[pos + 1];
	if (lead == 0xD0 && next >= 0x80 && next <= 0xBF)
		return 0x0400 + (next - 0x80);
	if (lead == 0xD1 && next >= 0x80 && next <= 0x9F)
		return 0x0440 + (next - 0x80);
	return -1;
}

/* The common Han characters, U+4E00 to U+9FFC (CJK Unified Ideographs as
 * far as utf8proc's Unicode 13 assigns them), are three bytes of UTF-8
 * from 0xE4 to 0xE9.  Every one is a letter (Lo) without case.  Returns the
 * code point at text[pos] when it is one, else -1. */
static int32_t common_han(const unsigned char *text, size_t pos, size_t length)
{
	if (length - pos < 3 || text[pos] < 0xE4 || text[pos] > 0xE9 ||
	    (text[pos + 1] & 0xC0) != 0x80 || (text[pos + 2] & 0xC0) != 0x80)
		return -1;
	int32_t cp = (text[pos] & 0x0F) << 12 | (text[pos + 1] & 0x3F) << 6 |
	             (text[pos + 2] & 0x3F);
	return cp >= 0x4E00 && cp <= 0x9FFC ? cp : -1;
}

/* The fast path of read_word for Russian and other basic Cyrillic text:
 * appends the run of basic Cyrillic letters at s->pos to t, folded (and ё
 * read as е under Russian rules), as far as TOKEN_MAX allows, and moves
 * past it.  fold_into would do the same through utf8proc. */
static void read_cyrillic_run(scanner *s, token *t)
{
	int32_t cp;
	while (!t->truncated && t->length + 2 <= TOKEN_MAX &&
	       (cp = basic_cyrillic(s->text, s->pos, s->length)) >= 0) {
		if (s->rules == THEMES_TOKENS_RUSSIAN)
			cp = read_as(s->rules, cp);
		t->letters++;
		if (cp < 0x0430) {
			t->uppers++;
			cp += cp < 0x0410 ? 0x50 : 0x20;
		}
		/* Folded, cp is in U+0430-U+045F. */
		t->bytes[t->length++] = (char)(0xC0 | cp >> 6);
		t->bytes[t->length++] = (char)(0x80 | (cp & 0x3F));
		s->pos += 2;
	}
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* On a little-endian machine, where the first of eight bytes is the lowest
 * byte of a word, ascii_token reads and writes eight bytes at a time. */
#define EIGHT_AT_A_TIME 1

_Static_assert(TOKEN_MAX % 8 == 0, "tokens are read a word at a time");

#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* The eight bytes of text at pos as a word; zero bytes past the end. */
static uint64_t text_word(const unsigned char *text, size_t pos,
                          size_t length)
{
	uint64_t x = 0;
	if (length - pos >= 8) {
		memcpy(&x, text + pos, sizeof x);
		return x;
	}
	for (size_t i = 0; pos + i < length; i++)
		x |= (uint64_t)text[pos + i] << 8 * i;
	return x;
}

/* 0x80 in each byte of x (whose bytes are all below 0x80) that lies in
 * [low, high], 0 in the others; no byte's sum carries into the next. */
static uint64_t bytes_within(uint64_t x, unsigned low, unsigned high)
{
	uint64_t at_least_low = x + BYTES(0x80 - low);
	uint64_t above_high = x + BYTES(0x7F - high);
	return at_least_low & ~above_high & BYTES(0x80);
}

/* The run of ASCII letters and digits that starts x, eight bytes of text:
 * sets *folded to the run folded, with zero bytes after it, sets bits of
 * *lower when the run has a lower-case letter, and returns its length (0
 * to 8). */
static size_t ascii_run8(uint64_t x, uint64_t *folded, uint64_t *lower)
{
	uint64_t ascii = ~x & BYTES(0x80), low7 = x & BYTES(0x7F);
	/* Setting 0x20 takes A-Z to a-z and nothing else to a-z. */
	uint64_t letter = bytes_within(low7 | BYTES(0x20), 'a', 'z') & ascii;
	uint64_t digit = bytes_within(low7, '0', '9') & ascii;
	uint64_t capital = letter & ~(low7 << 2); /* 0x20 clear: A-Z */
	uint64_t others = ~(letter | digit) & BYTES(0x80);
	/* Every bit of the bytes before the first one not in the run. */
	uint64_t in_run = others ? (others ^ (others - 1)) >> 8 : ~UINT64_C(0);
	*folded = (x | capital >> 2) & in_run;
	*lower |= letter & ~capital & in_run;
	return others ? (size_t)__builtin_ctzll(others) / 8 : 8;
}
#endif

/* Reads the ASCII letters and digits at s->pos into t->bytes, zero-padded,
 * as far as TOKEN_MAX allows, and sets *lower when they include a
 * lower-case letter; returns where they end. */
static size_t ascii_word_run(const scanner *s, token *t, bool *lower)
{
	size_t pos = s->pos, n = 0;
#ifdef EIGHT_AT_A_TIME
	/* Whole words in and out: the featurizer reads each word of the token
	 * back from one store, which the processor forwards at once. */
	size_t run;
	uint64_t lower_bits = 0;
	do {
		uint64_t folded;
		run = ascii_run8(text_word(s->text, pos, s->length), &folded,
		                 &lower_bits);
		memcpy(t->bytes + n, &folded, sizeof folded);
		n += run;
		pos += run;
	} while (run == 8 && n < TOKEN_MAX);
	if (run == 8)
		memset(t->bytes + n, 0, 8);
	*lower = lower_bits != 0;
#else
	size_t end = s->length - pos > TOKEN_MAX ? pos + TOKEN_MAX : s->length;
	uint32_t counts = 0;
	pos = ascii_run(s->text, pos, end, (unsigned char *)t->bytes, &counts);
	n = pos - s->pos;
	memset(t->bytes + n, 0, 8);
	*lower = counts / LETTER % (CAPITAL / LETTER) != counts / CAPITAL;
#endif
	t->length = n;
	return pos;
}

/* The fast path for a whole word, most of the text: when the word at
 * s->pos is ASCII letters and digits up to the end or to an ASCII byte that
 * ends words for certain, and neither starts like a dotted abbreviation nor
 * is longer than TOKEN_MAX, reads it into t (zero-padded; its letter counts
 * are left alone), sets *capitals_only when it has 2 to 5 letters, all
 * capitals, moves past it and returns true.  Otherwise returns false,
 * leaving the word to the general path. */
static bool ascii_token(scanner *s, token *t, bool *capitals_only)
{
	const unsigned char *text = s->text;
	size_t length = s->length;
	if (length - s->pos > 1 && text[s->pos + 1] == '.')
		return false;
	bool lower;
	size_t stop = ascii_word_run(s, t, &lower);
	if (stop == s->pos || (stop < length && !ascii_stop(text[stop])))
		return false;
	/* Only a word without a lower-case letter needs its letters counted,
	 * and its letters are the folded bytes a to z. */
	int letters = 0;
	for (size_t i = 0; !lower && i < t->length; i++)
		letters += t->bytes[i] >= 'a';
	*capitals_only = letters >= 2 && letters <= 5;
	s->pos = stop;
	return true;
}

/* Tries to read a dotted abbreviation (single letters each followed by a
 * dot: "U.S.", "e.g.", "U.S.A") at pos.  On success fills t, moves pos past
 * it and returns true. */
static bool dotted_abbreviation(scanner *s, token *t)
{
	size_t pos = s->pos;
	int letters = 0;
	token candidate;
	token_start(&candidate);
	for (;;) {
		int32_t cp, next;
		size_t n = decode(s, pos, &cp);
		if (!n || !themes_is_letter(cp))
			break;
		decode(s, pos + n, &next);
		if (next == '.') {
			fold_into(&candidate, cp);
			letters++;
			pos += n + 1;
			continue;
		}
		if (letters >= 1 && !is_word_char(next)) {
			/* "U.S" without its final dot still counts. */
			fold_into(&candidate, cp);
			letters++;
			pos += n;
		}
		break; /* otherwise the letter starts a word of its own */
	}
	if (letters < 2)
		return false;
	*t = candidate;
	s->pos = pos;
	return true;
}

/* True when the text has no lower-case letter: shouted text, where an
 * all-capital word is not evidence of an acronym.  Chinese has no case, so
 * under its rules a Han character rules shouting out. */
static bool all_upper_text(const scanner *s)
{
	for (size_t pos = 0; pos < s->length;) {
		int32_t cp;
		size_t n = decode(s, pos, &cp);
		if (!n) {
			pos++;
			continue;
		}
		if (is_lower(cp) ||
		    (s->rules == THEMES_TOKENS_CHINESE && themes_is_han(cp)))
			return false;
		pos += n;
	}
	return true;
}

/* Whether t ends with е, which a combining diaeresis turns into ё. */
static bool ends_with_ye(const token *t)
{
	return t->length >= 2 && (unsigned char)t->bytes[t->length - 2] == 0xD0 &&
	       (unsigned char)t->bytes[t->length - 1] == 0xB5;
}

/* Reads into t the word whose first character is at s->pos, leaving s->pos
 * after it. */
static void read_word(scanner *s, token *t)
{
	for (;;) {
		if (s->fast) {
			size_t before;
			do {
				before = s->pos;
				read_ascii_run(s, t);
				read_cyrillic_run(s, t);
			} while (s->pos != before);
			if (s->pos == s->length || ascii_stop(s->text[s->pos]))
				return;
		}
		int32_t cp;
		size_t n = decode(s, s->pos, &cp);
		if (n && cp == 0x0308 && s->rules == THEMES_TOKENS_RUSSIAN &&
		    ends_with_ye(t)) {
			s->pos += n; /* е + combining diaeresis: ё, read as е */
			continue;
		}
		if (n && is_word_char(cp) &&
		    !(s->rules == THEMES_TOKENS_CHINESE && themes_is_han(cp))) {
			fold_into(t, cp);
			s->pos += n;
			continue;
		}
		if (n && is_apostrophe(cp)) {
			int32_t next, after;
			size_t m = decode(s, s->pos + n, &next);
			if (m && is_word_char(next)) {
				decode(s, s->pos + n + m, &after);
				if ((next == 's' || next == 'S') && !is_word_char(after)) {
					s->pos += n + m; /* possessive: drop "'s" */
					return;
				}
				s->pos += n; /* inner apostrophe: join */
				continue;
			}
		}
		return;
	}
}

/* The fast path between words: moves s->pos past the ASCII bytes there that
 * are not letters or digits, noting punctuation for the break flag. */
static void skip_ascii_separators(scanner *s)
{
	const unsigned char *text = s->text;
	size_t pos = s->pos, length = s->length;
	if (s->rules != THEMES_TOKENS_CHINESE) {
		while (pos < length && text[pos] < 0x80 && !ascii_word[text[pos]])
			pos++;
		s->pos = pos;
		return;
	}
	for (; pos < length && text[pos] < 0x80 && !ascii_word[text[pos]]; pos++)
		if (!is_space(text[pos]))
			s->broken = true;
	s->pos = pos;
}

/* Passes t (zero-padded) to fn with its flags: the acronym flag, and under
 * Chinese rules the break flag when punctuation or a change between Han
 * and other text lies between t and the token before. */
static void emit(scanner *s, token *t, bool han, bool acronym,
                 themes_token_fn fn, void *user)
{
	int flags = acronym ? THEMES_TOKEN_ACRONYM : 0;
	if (s->rules == THEMES_TOKENS_CHINESE) {
		int kind = han ? 1 : 2;
		if (s->broken || kind != s->last_kind)
			flags |= THEMES_TOKEN_BREAK;
		s->broken = false;
		s->last_kind = kind;
	}
	if (s->span_fn)
		s->span_fn(t->bytes, t->length, flags, s->start, s->pos, user);
	else
		fn(t->bytes, t->length, flags, user);
}

/* Emits the word t just read: an acronym when capitals_only (2 to 5
 * letters, all capitals) unless the whole text is in capitals (*shouting,
 * worked out the first time it matters). */
static inline void end_word(scanner *s, token *t, bool capitals_only,
                            int *shouting, themes_token_fn fn, void *user)
{
	bool acronym = false;
	if (capitals_only) {
		if (*shouting < 0)
			*shouting = all_upper_text(s);
		acronym = !*shouting;
	}
	emit(s, t, false, acronym, fn, user);
}

/* Emits the tokens of text to fn, or with their places to span_fn when it
 * is not NULL. */
static void scan(const char *text, size_t length, themes_token_rules rules,
                 bool fast, themes_token_fn fn, themes_span_fn span_fn,
                 void *user)
{
	scanner s = {(const unsigned char *)text, length, 0, rules, fast, false, 0,
	             0, span_fn};
	int shouting = -1; /* unknown until an all-capital word is seen */
	while (s.pos < s.length) {
		token t;
		bool capitals_only;
		if (fast) {
			skip_ascii_separators(&s);
			if (s.pos == s.length)
				break;
			s.start = s.pos;
			if (s.text[s.pos] < 0x80 && ascii_token(&s, &t, &capitals_only)) {
				end_word(&s, &t, capitals_only, &shouting, fn, user);
				continue;
			}
		}
		if (fast && rules == THEMES_TOKENS_CHINESE &&
		    common_han(s.text, s.pos, s.length) >= 0) {
			/* A Han character is a token of its own, as it is written. */
			token_start(&t);
			s.start = s.pos;
			memcpy(t.bytes, s.text + s.pos, 3);
			t.length = 3;
			s.pos += 3;
			pad(&t);
			emit(&s, &t, true, false, fn, user);
			continue;
		}
		int32_t cp = fast ? basic_cyrillic(s.text, s.pos, s.length) : -1;
		size_t n = cp >= 0 ? 2 : decode(&s, s.pos, &cp);
		if (!n || !is_word_char(cp)) {
			/* an invalid byte or a separator */
			if (rules == THEMES_TOKENS_CHINESE && (!n || !is_space(cp)))
				s.broken = true;
			s.pos += n ? n : 1;
			continue;
		}
		token_start(&t);
		s.start = s.pos;
		if (rules == THEMES_TOKENS_CHINESE && themes_is_han(cp)) {
			fold_into(&t, cp);
			s.pos += n;
			pad(&t);
			emit(&s, &t, true, false, fn, user);
			continue;
		}
		/* Only a letter followed by a dot can start "U.S." or "e.g.". */
		if (s.pos + n < s.length && s.text[s.pos + n] == '.' &&
		    dotted_abbreviation(&s, &t)) {
			pad(&t);
			emit(&s, &t, false, t.uppers == t.letters, fn, user);
			continue;
		}
		read_word(&s, &t);
		pad(&t);
		capitals_only = t.letters >= 2 && t.letters <= 5 &&
		                t.uppers == t.letters;
		end_word(&s, &t, capitals_only, &shouting, fn, user);
	}
}

/* Flattened: scan and the fast path inlined whole here, so that the
 * compiler drops the span_fn tests from the path of every token. */
__attribute__((flatten))
void themes_tokenize_padded(const char *text, size_t length,
                            themes_token_rules rules, bool fast,
                            themes_token_fn fn, void *user)
{
	scan(text, length, rules, fast, fn, NULL, user);
}

void themes_tokenize_spans(const char *text, size_t length,
                           themes_token_rules rules, themes_span_fn fn,
                           void *user)
{
	scan(text, length, rules, true, NULL, fn, user);
}

void themes_tokenize_with(const char *text, size_t length,
                          themes_token_rules rules, themes_token_fn fn,
                          void *user)
{
	themes_tokenize_padded(text, length, rules, true, fn, user);
}

void themes_tokenize(const char *text, size_t length, themes_token_fn fn,
                     void *user)
{
	themes_tokenize_with(text, length, THEMES_TOKENS_DEFAULT, fn, user);
}
