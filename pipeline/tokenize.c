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
 */
#include "internal.h"

#include <utf8proc.h>

/* Longer tokens (URLs, hashes, runs of garbage) are cut here. */
#define TOKEN_MAX 96

typedef struct scanner {
	const unsigned char *text;
	size_t length;
	size_t pos;
} scanner;

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

static bool is_letter(int32_t cp)
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

typedef struct token {
	char bytes[TOKEN_MAX + 8];
	size_t length;
	int letters, uppers;
	bool truncated;
} token;

/* Appends the case folding of cp to t. */
static void fold_into(token *t, int32_t cp)
{
	if (t->truncated)
		return;
	if (is_letter(cp)) {
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

/* Tries to read a dotted abbreviation (single letters each followed by a
 * dot: "U.S.", "e.g.", "U.S.A") at pos.  On success fills t, moves pos past
 * it and returns true. */
static bool dotted_abbreviation(scanner *s, token *t)
{
	size_t pos = s->pos;
	int letters = 0;
	token candidate = {0};
	for (;;) {
		int32_t cp, next;
		size_t n = decode(s, pos, &cp);
		if (!n || !is_letter(cp))
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
 * all-capital word is not evidence of an acronym. */
static bool all_upper_text(const scanner *s)
{
	for (size_t pos = 0; pos < s->length;) {
		int32_t cp;
		size_t n = decode(s, pos, &cp);
		if (!n) {
			pos++;
			continue;
		}
		if (is_lower(cp))
			return false;
		pos += n;
	}
	return true;
}

void themes_tokenize(const char *text, size_t length, themes_token_fn fn,
                     void *user)
{
	scanner s = {(const unsigned char *)text, length, 0};
	int shouting = -1; /* unknown until an all-capital word is seen */
	while (s.pos < s.length) {
		int32_t cp;
		size_t n = decode(&s, s.pos, &cp);
		if (!n) {
			s.pos++; /* invalid byte: a separator */
			continue;
		}
		if (!is_word_char(cp)) {
			s.pos += n;
			continue;
		}
		token t;
		t.length = 0;
		t.letters = t.uppers = 0;
		t.truncated = false;
		/* Only a letter followed by a dot can start "U.S." or "e.g.". */
		if (s.pos + n < s.length && s.text[s.pos + n] == '.' &&
		    dotted_abbreviation(&s, &t)) {
			t.bytes[t.length] = '\0';
			fn(t.bytes, t.length, t.uppers == t.letters, user);
			continue;
		}
		for (;;) {
			/* Fast path for ASCII letters and digits, most of the text. */
			if (s.pos < s.length && !t.truncated && t.length < TOKEN_MAX) {
				unsigned char c = s.text[s.pos];
				if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
					t.bytes[t.length++] = (char)c;
					t.letters += c >= 'a';
					s.pos++;
					continue;
				}
				if (c >= 'A' && c <= 'Z') {
					t.bytes[t.length++] = (char)(c + 32);
					t.letters++;
					t.uppers++;
					s.pos++;
					continue;
				}
			}
			n = decode(&s, s.pos, &cp);
			if (n && is_word_char(cp)) {
				fold_into(&t, cp);
				s.pos += n;
				continue;
			}
			if (n && is_apostrophe(cp)) {
				int32_t next, after;
				size_t m = decode(&s, s.pos + n, &next);
				if (m && is_word_char(next)) {
					decode(&s, s.pos + n + m, &after);
					if ((next == 's' || next == 'S') &&
					    !is_word_char(after)) {
						s.pos += n + m; /* possessive: drop "'s" */
						break;
					}
					s.pos += n; /* inner apostrophe: join */
					continue;
				}
			}
			break;
		}
		t.bytes[t.length] = '\0';
		bool acronym = false;
		if (t.letters >= 2 && t.letters <= 5 && t.uppers == t.letters) {
			if (shouting < 0)
				shouting = all_upper_text(&s);
			acronym = !shouting;
		}
		fn(t.bytes, t.length, acronym, user);
	}
}
