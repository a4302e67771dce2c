/*
 * segment_line.c - the shape of one line of a statement.
 *
 * Input: one line, trimmed.  Output: what segment.c needs to place it: the
 * bullet or numbered-item marker it starts with (and, for Chinese
 * numbering, its scheme), whether it ends with a stop, whether it is shaped
 * like a heading or a table-of-contents line.
 *
 * Markers: bullets (- * • – — ◦ ▪ ‣ ● ·), numbered items (1.  12)  (a)  a)
 * I.  IV)  ii.), the Russian letters (а)  б.  (в)), and the numbering of
 * Chinese documents (一、 （一） (1) 1. 第一条 第二章).  Headings: "# "
 * lines, "Section/Chapter/Part/Article/Annex/Appendix" or "Раздел/Глава/
 * Статья/Часть/Приложение" and a numeral, short all-capital lines and
 * title-case lines.  Russian headings in sentence case and Chinese headings
 * have no such shape of their own; segment.c decides them by the line that
 * follows (themes_seg_cyrillic_heading_shape, themes_seg_cjk_heading_shape).
 */
#include "segment.h"

#include <string.h>

#define SECTION_WORDS 20      /* "Section ..." headings and contents entries */
#define CJK_HEADING_CHARS 30  /* code points in a Chinese heading */
#define CYRILLIC_HEADING_WORDS 8

/* ---- markers ---------------------------------------------------------- */

size_t themes_seg_bullet_at(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && (s[1] == ' ' || s[1] == '\t'))
		return 2;
	if (n == 0 || (unsigned char)s[0] < 0x80)
		return 0;
	size_t size;
	utf8proc_int32_t cp = themes_seg_decode(s, n, &size);
	bool needs_space = cp == 0x2013 || cp == 0x2014; /* en, em dash */
	if (!(needs_space || cp == 0x2022 || cp == 0x25E6 || cp == 0x25AA ||
	      cp == 0x2023 || cp == 0x25CF || cp == 0x00B7))
		return 0;
	if (size < n && (s[size] == ' ' || s[size] == '\t'))
		return size + 1;
	return needs_space ? 0 : size;
}

/* Whether s[0..n) is a Roman numeral (up to C) written only with the
 * letters of `digits`: "IVXLC" or "ivxlc". */
static bool is_roman_in(const char *s, size_t n, const char *digits)
{
	if (n == 0 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || !strchr(digits, s[i]))
			return false;
	return true;
}

static bool is_roman(const char *s, size_t n)
{
	return is_roman_in(s, n, "IVXLC");
}

static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The end of a marker that ends at s[i]: it needs a space or tab after it
 * and text after that. */
static size_t marker_end(const char *s, size_t i, size_t n)
{
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i < n ? i : 0;
}

/* 1.  12)  (a)  (iv)  (3)  a)  b.  I.  IV)  ii. */
static size_t latin_number_at(const char *s, size_t n)
{
	size_t i = 0;
	if (n > 0 && s[0] == '(') {
		i = 1;
		while (i < n && i <= 5 && (is_ascii_letter(s[i]) || themes_seg_is_digit(s[i])))
			i++;
		if (i == 1 || i > 5 || i >= n || s[i] != ')')
			return 0;
		i++;
	} else {
		while (i < n && i < 4 && themes_seg_is_digit(s[i]))
			i++;
		if (i == 0) {
			while (i < n && i < 7 && is_ascii_letter(s[i]))
				i++;
			bool ok = (i == 1 && s[0] >= 'a' && s[0] <= 'z') ||
			          is_roman(s, i) || is_roman_in(s, i, "ivxlc") ||
			          (i == 1 && s[0] >= 'A' && s[0] <= 'Z' && i < n &&
			           s[i] == ')');
			if (!ok)
				return 0;
		} else if (i > 3) {
			return 0;
		}
		if (i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	return marker_end(s, i, n);
}

/* а)  б.  (в)  Г): one Cyrillic letter, as the Latin ones. */
static size_t cyrillic_letter_at(const char *s, size_t n)
{
	bool bracket = n > 0 && s[0] == '(';
	size_t i = bracket, size;
	if (i >= n)
		return 0;
	utf8proc_int32_t cp = themes_seg_decode(s + i, n - i, &size);
	if (!themes_seg_is_cyrillic(cp) || !themes_seg_is_letter(cp))
		return 0;
	i += size;
	if (i >= n)
		return 0;
	bool ok = s[i] == ')' || (!bracket && s[i] == '.' && themes_seg_is_lower(cp));
	return ok ? marker_end(s, i + 1, n) : 0;
}

size_t themes_seg_number_at(const char *s, size_t n)
{
	size_t k = latin_number_at(s, n);
	return k ? k : cyrillic_letter_at(s, n);
}

bool themes_seg_is_roman_marker(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 7 && s[i] && strchr("IVXLC", s[i]))
		i++;
	return i > 0 && i < n && (s[i] == '.' || s[i] == ')');
}

/* ---- Chinese numbering ------------------------------------------------ */

static const char *const cn_numerals[] = {
	"〇", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"百", "两", NULL
};

size_t themes_seg_cn_numeral_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < 12 && n - i >= 3 && themes_seg_word_in(s + i, 3, cn_numerals))
		i += 3;
	return i;
}

static size_t digits_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 4 && themes_seg_is_digit(s[i]))
		i++;
	return i <= 3 ? i : 0;
}

/* The length of the string of list at s, or 0. */
static size_t starts_with(const char *s, size_t n, const char *const *list)
{
	for (size_t k = 0; list[k]; k++) {
		size_t len = strlen(list[k]);
		if (len <= n && memcmp(s, list[k], len) == 0)
			return len;
	}
	return 0;
}

static const char *const opening_brackets[] = {"(", "\xEF\xBC\x88", NULL};
static const char *const closing_brackets[] = {")", "\xEF\xBC\x89", NULL};
static const char *const digit_stops[] = {".", "、", "\xEF\xBC\x8E", NULL}; /* . 、 ． */
static const char *const article_units[] = {"条", "款", NULL};
static const char *const chapter_units[] = {"章", "节", "编", "部分", NULL};

/* The end of a Chinese marker that ends at s[i]: white space (ASCII or
 * ideographic) is skipped; with need_cjk, Chinese text must follow (1. and
 * (1) before other text are Latin markers). */
static size_t cjk_marker_end(const char *s, size_t i, size_t n, bool need_cjk)
{
	i += themes_seg_spaces(s + i, n - i);
	if (need_cjk) {
		size_t size;
		if (i >= n || !themes_seg_is_cjk(themes_seg_decode(s + i, n - i, &size)))
			return 0;
	}
	return i;
}

/* 第一条 第5条 第二章 第三节 第四部分 */
static size_t ordinal_marker_at(const char *s, size_t n, int *family)
{
	size_t i = 3, k = themes_seg_cn_numeral_at(s + i, n - i);
	if (k == 0)
		k = digits_at(s + i, n - i);
	if (k == 0)
		return 0;
	i += k;
	if ((k = starts_with(s + i, n - i, article_units)) > 0)
		*family = SEG_FAMILY_ARTICLE;
	else if ((k = starts_with(s + i, n - i, chapter_units)) > 0)
		*family = SEG_FAMILY_CHAPTER;
	else
		return 0;
	return cjk_marker_end(s, i + k, n, false);
}

size_t themes_seg_cjk_marker_at(const char *s, size_t n, int *family)
{
	*family = SEG_FAMILY_NONE;
	if (n >= 3 && memcmp(s, "第", 3) == 0)
		return ordinal_marker_at(s, n, family);
	size_t i = starts_with(s, n, opening_brackets), k;
	bool bracket = i > 0;
	if ((k = themes_seg_cn_numeral_at(s + i, n - i)) > 0)
		*family = bracket ? SEG_FAMILY_CN_PAREN : SEG_FAMILY_CN_COMMA;
	else if ((k = digits_at(s + i, n - i)) > 0)
		*family = bracket ? SEG_FAMILY_DIGIT_PAREN : SEG_FAMILY_DIGIT;
	else
		return 0;
	i += k;
	if (*family == SEG_FAMILY_CN_COMMA)
		k = n - i >= 3 && memcmp(s + i, "、", 3) == 0 ? 3 : 0;
	else
		k = starts_with(s + i, n - i, bracket ? closing_brackets : digit_stops);
	size_t end = k ? cjk_marker_end(s, i + k, n, *family >= SEG_FAMILY_DIGIT_PAREN) : 0;
	if (end == 0)
		*family = SEG_FAMILY_NONE;
	return end;
}

/* ---- line shapes ------------------------------------------------------ */

/* The last character of t[0..n) that is not a closing quote or bracket
 * (-1 when none, or for an invalid byte). */
static utf8proc_int32_t last_mark(const char *t, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)t[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') {
			n--;
			continue;
		}
		if (c < 0x80)
			return c;
		/* back to the start of the code point */
		size_t k = n - 1;
		while (k > 0 && n - k < 4 && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		size_t size;
		utf8proc_int32_t cp = themes_seg_decode(t + k, n - k, &size);
		bool closing = cp == 0x201D || cp == 0x2019 || cp == 0x00BB ||
		               (themes_seg_is_cjk(cp) &&
		                themes_seg_closing_at(t + k, n - k) > 0);
		if (k + size != n || !closing)
			return cp;
		n = k;
	}
	return -1;
}

bool themes_seg_ends_sentence(const char *t, size_t n)
{
	utf8proc_int32_t cp = last_mark(t, n);
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
	       cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

bool themes_seg_ends_clause(const char *t, size_t n)
{
	utf8proc_int32_t cp = last_mark(t, n);
	return themes_seg_ends_sentence(t, n) || cp == ';' || cp == ':' ||
	       cp == 0xFF1B || cp == 0xFF1A;
}

bool themes_seg_ends_with_stop(const char *t, size_t n, bool colon_too)
{
	utf8proc_int32_t cp = last_mark(t, n);
	return themes_seg_ends_sentence(t, n) || cp == ';' || cp == ',' ||
	       cp == 0xFF1B || cp == 0xFF0C || (colon_too && (cp == ':' || cp == 0xFF1A));
}

/* Function words that a title-case heading may leave in lower case. */
static const char *const minor_words[] = {
	"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at",
	"to", "for", "by", "with", "from", "as", "into", "onto", "upon", "via",
	"vs", "per", "over", "under", "between", "among", "against", "through",
	"than", "up", "out", "off", "de", "la", "le", "du", "des", "von", "van",
	"der", "et", "y", "del", "and/or", NULL
};

static const char *const section_words[] = {
	"Section", "Chapter", "Part", "Article", "Annex", "Appendix", "SECTION",
	"CHAPTER", "PART", "ARTICLE", "ANNEX", "APPENDIX", NULL
};

/* Russian headings put a stop after the numeral: "Статья 5. Сотрудничество". */
static const char *const ru_section_words[] = {
	"Раздел", "Глава", "Статья", "Часть", "Приложение", "РАЗДЕЛ", "ГЛАВА",
	"СТАТЬЯ", "ЧАСТЬ", "ПРИЛОЖЕНИЕ", NULL
};

static const char *const number_words[] = {
	"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
	"Ten", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
	"NINE", "TEN", NULL
};

static bool is_numeral(const char *w, size_t n)
{
	while (n > 0 && strchr(":.-)", w[n - 1]))
		n--;
	if (n == 0)
		return false;
	bool digits = true;
	for (size_t k = 0; k < n; k++)
		digits &= themes_seg_is_digit(w[k]) || w[k] == '.';
	return digits || is_roman(w, n) || themes_seg_word_in(w, n, number_words) ||
	       (n == 1 && w[0] >= 'A' && w[0] <= 'Z');
}

/* The first letter or digit of the word w[0..wl), -1 when none; *at
 * receives its offset. */
static utf8proc_int32_t first_alnum(const char *w, size_t wl, size_t *at)
{
	for (size_t k = 0; k < wl;) {
		size_t size;
		utf8proc_int32_t cp = themes_seg_decode(w + k, wl - k, &size);
		if (themes_seg_is_letter(cp) || (cp >= '0' && cp <= '9')) {
			*at = k;
			return cp;
		}
		k += size;
	}
	*at = wl;
	return -1;
}

/* Adds the word w[0..wl), the words-th of its line, to st; upper and lower
 * count cased letters. */
static void add_word(themes_seg_words *st, const char *w, size_t wl,
                     bool more, size_t *upper, size_t *lower)
{
	if (wl > 0 && strchr(".!?", w[wl - 1]) && more)
		st->inner_stop = true;
	size_t k;
	utf8proc_int32_t cp = first_alnum(w, wl, &k);
	bool cap = cp >= '0' && cp <= '9' ? true : themes_seg_is_upper(cp);
	if (st->words == 1)
		st->first_upper = themes_seg_is_upper(cp) || (cp >= '0' && cp <= '9');
	if (cp >= 0 && !cap) {
		/* strip trailing punctuation for the minor-word check */
		size_t e = wl;
		while (e > k && strchr(",:;.)\"'", w[e - 1]))
			e--;
		if (st->words == 1 || !themes_seg_word_in(w + k, e - k, minor_words))
			st->title_case = false;
	}
	for (size_t q = 0; q < wl;) {
		size_t size;
		utf8proc_int32_t c = themes_seg_decode(w + q, wl - q, &size);
		if (themes_seg_is_upper(c))
			(*upper)++;
		else if (themes_seg_is_lower(c))
			(*lower)++;
		q += size;
	}
}

void themes_seg_line_words(const char *t, size_t n, themes_seg_words *st)
{
	memset(st, 0, sizeof *st);
	st->title_case = true;
	size_t upper = 0, lower = 0, i = 0;
	const char *first = NULL;
	size_t first_len = 0;
	while (i < n) {
		while (i < n && themes_seg_is_space(t[i]))
			i++;
		if (i >= n)
			break;
		size_t ws = i;
		while (i < n && !themes_seg_is_space(t[i]))
			i++;
		const char *w = t + ws;
		size_t wl = i - ws;
		st->words++;
		bool numbered_ru = false;
		if (st->words == 2 && first) {
			bool numeral = is_numeral(w, wl);
			numbered_ru = numeral && themes_seg_word_in(first, first_len, ru_section_words);
			st->starts_section = numbered_ru ||
			        (numeral && themes_seg_word_in(first, first_len, section_words));
		}
		if (st->words == 1) {
			first = w;
			first_len = wl;
		}
		bool inner_stop = st->inner_stop;
		add_word(st, w, wl, i < n, &upper, &lower);
		if (numbered_ru)
			st->inner_stop = inner_stop;
	}
	if (!st->first_upper)
		st->title_case = false;
	st->all_caps = upper >= 2 && lower == 0;
}

bool themes_seg_is_heading(const char *t, size_t n, size_t max_words)
{
	if (n > 0 && t[0] == '#')
		return true;
	if (themes_seg_ends_with_stop(t, n, false))
		return false;
	themes_seg_words st;
	themes_seg_line_words(t, n, &st);
	if (st.words == 0 || st.inner_stop)
		return false;
	if (st.starts_section && st.words <= SECTION_WORDS)
		return true;
	if (st.all_caps && st.words <= max_words)
		return true;
	/* title case at any length (a statement's full title is long) */
	return st.title_case;
}

/* Whether t[0..n) has no punctuation but brackets, quotes, dashes and
 * middle dots; *chars receives its length in code points and *first its
 * first letter (-1 when none). */
static bool unpunctuated(const char *t, size_t n, size_t *chars,
                         utf8proc_int32_t *first)
{
	*chars = 0;
	*first = -1;
	for (size_t k = 0; k < n; (*chars)++) {
		size_t size;
		utf8proc_int32_t cp = themes_seg_decode(t + k, n - k, &size);
		k += size;
		if (*first < 0 && themes_seg_is_letter(cp))
			*first = cp;
		if (cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_PO &&
		    cp != '"' && cp != '\'' && cp != 0x00B7 && cp != 0x30FB)
			return false;
	}
	return true;
}

bool themes_seg_cjk_heading_shape(const char *t, size_t n)
{
	size_t chars;
	utf8proc_int32_t first;
	return unpunctuated(t, n, &chars, &first) && chars <= CJK_HEADING_CHARS &&
	       themes_seg_is_han(first);
}

bool themes_seg_cyrillic_heading_shape(const char *t, size_t n)
{
	size_t chars;
	utf8proc_int32_t first;
	if (!unpunctuated(t, n, &chars, &first) || !themes_seg_is_cyrillic(first) ||
	    !themes_seg_is_upper(first))
		return false;
	themes_seg_words st;
	themes_seg_line_words(t, n, &st);
	return st.words <= CYRILLIC_HEADING_WORDS;
}

/* ---- tables of contents ----------------------------------------------- */

/* A contents entry: heading-shaped, or ending in a page number. */
bool themes_seg_is_contents_entry(const char *t, size_t n)
{
	size_t e = n;
	while (e > 0 && themes_seg_is_digit(t[e - 1]))
		e--;
	if (e < n && e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '.'))
		return true;
	size_t marker = themes_seg_number_at(t, n);
	return themes_seg_is_heading(t + marker, n - marker, SECTION_WORDS);
}

bool themes_seg_is_contents_title(const char *t, size_t n)
{
	while (n > 0 && (t[n - 1] == ':' || themes_seg_is_space(t[n - 1])))
		n--;
	while (n > 0 && t[0] == '#') {
		t++;
		n--;
	}
	while (n > 0 && themes_seg_is_space(t[0])) {
		t++;
		n--;
	}
	static const char *const titles[] = {
		"Table of Contents", "Table of contents", "TABLE OF CONTENTS",
		"Contents", "CONTENTS", NULL
	};
	return themes_seg_word_in(t, n, titles);
}

bool themes_seg_normalise(themes_buffer *out, const char *t, size_t n)
{
	out->length = 0;
	if (!themes_buffer_reserve(out, n))
		return false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)t[i];
		size_t size = 1;
		if (c >= 'A' && c <= 'Z') {
			out->data[out->length++] = (char)(c - 'A' + 'a');
		} else if ((c >= 'a' && c <= 'z') || themes_seg_is_digit((char)c)) {
			out->data[out->length++] = (char)c;
		} else if (c >= 0x80) {
			utf8proc_int32_t cp = themes_seg_decode(t + i, n - i, &size);
			if (themes_seg_is_letter(cp)) {
				memcpy(out->data + out->length, t + i, size);
				out->length += size;
			}
		}
		i += size;
	}
	out->data[out->length] = '\0';
	return true;
}
