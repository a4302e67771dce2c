/*
 * segment_sentence.c - one paragraph to its sentences, and the character
 * classes of the segmenter.
 *
 * Input: the text of one paragraph, its lines joined by '\n'.  Output: the
 * byte range of each sentence, in order, through a callback.
 *
 * A sentence ends at . ! ? or an ellipsis, with any closing quotes and
 * brackets, when white space and then an upper-case or uncased letter, a
 * digit, an opening quote or bracket or a bullet follow.  It does not end
 * after an abbreviation:
 *  - English: a title (Mr. Dr. Prof. St. Art. Gen. ...), a month (Jan. ...
 *    Dec.), vs. cf. e.g. i.e., a single letter (initials: "J. Smith",
 *    "p. 5"), "No." before a number, or a dotted abbreviation such as U.S.
 *    or U.N. unless a line break or a typical sentence opener ("The", "It",
 *    "They", ...) follows;
 *  - Russian: т. е., см., ст., стр., им., ул., др., пр. ... and single
 *    letters (initials: "В. В. Путин"; "с. 5") never end a sentence; г.,
 *    гг., млн., руб. ... and dotted abbreviations ("В.В.") end one only
 *    before a line break or a typical sentence opener ("В", "Это", "Мы",
 *    ...), since a date or an amount may close a sentence or open one
 *    ("В 2024 г. Россия ..."); the list closers т. д., т. п., и др. and
 *    и пр. end one before any capital, as Russian writes one stop for the
 *    abbreviation and the sentence.
 * A stop followed by a closing quote or bracket always ends the sentence
 * ("He said "No." Then left." is two, and so is «Нет.» Затем ушёл.).
 *
 * Chinese and Japanese: 。！？ end a sentence without any following space,
 * and so do . ! ? directly before Chinese text ("合作.双方"); closing quotes
 * and brackets (」』”）》) stay with the sentence.  In a sentence that is an
 * enumeration (two or more ；, or a ； before an ordinal such as 二是 or
 * （二）) each ； also ends a clause.
 *
 * Every step looks at most a bounded distance back, and each byte is
 * scanned at most twice, so the time is linear.
 */
#include "segment.h"

#include <string.h>

#define ABBREVIATION_BYTES 32
#define FULLWIDTH_SEMICOLON "；"

/* ---- characters ------------------------------------------------------ */

utf8proc_int32_t themes_seg_decode(const char *s, size_t n, size_t *size)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
	                                      n > 4 ? 4 : (utf8proc_ssize_t)n, &cp);
	if (k <= 0) {
		*size = 1;
		return -1;
	}
	*size = (size_t)k;
	return cp;
}

utf8proc_int32_t themes_seg_decode_last(const char *s, size_t n, size_t *size)
{
	size_t k = n - 1;
	while (k > 0 && n - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	utf8proc_int32_t cp = themes_seg_decode(s + k, n - k, size);
	if (k + *size != n) {
		*size = 1;
		return -1;
	}
	return cp;
}

bool themes_seg_is_upper(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool themes_seg_is_lower(utf8proc_int32_t cp)
{
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool themes_seg_is_letter(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool themes_seg_is_cjk(utf8proc_int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool themes_seg_is_han(utf8proc_int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool themes_seg_is_cyrillic(utf8proc_int32_t cp)
{
	return cp >= 0x0400 && cp <= 0x052F;
}

size_t themes_seg_space_at(const char *s, size_t n)
{
	if (n > 0 && themes_seg_is_space(s[0]))
		return 1;
	return n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

size_t themes_seg_spaces(const char *s, size_t n)
{
	size_t k = 0, space;
	while (k < n && (space = themes_seg_space_at(s + k, n - k)) > 0)
		k += space;
	return k;
}

size_t themes_seg_space_before(const char *s, size_t n)
{
	if (n > 0 && themes_seg_is_space(s[n - 1]))
		return 1;
	return n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

size_t themes_seg_closing_at(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	switch (s[0]) {
	case '"': case '\'': case ')': case ']': case '}':
		return 1;
	}
	size_t size;
	switch (themes_seg_decode(s, n, &size)) {
	case 0x201D: case 0x2019: case 0x00BB: case 0x203A: /* ” ’ » › */
	case 0x300D: case 0x300F: case 0x3009: case 0x300B: /* 」 』 〉 》 */
	case 0x3011: case 0xFF09: case 0xFF3D:              /* 】 ） ］ */
		return size;
	}
	return 0;
}

/* An opening quote or bracket that may start a sentence (not ASCII). */
static bool is_opening_cp(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x2018: case 0x00AB: case 0x201E: /* “ ‘ « „ */
	case 0x300C: case 0x300E: case 0x300A: case 0xFF08: /* 「 『 《 （ */
		return true;
	}
	return false;
}

/* A sentence stop at s: 1 for . ! ? and the ellipsis, 2 for a stop that
 * needs no space (。！？｡), 0 otherwise; *size is its byte length. */
static int stop_at(const char *s, size_t n, size_t *size)
{
	*size = 1;
	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if ((unsigned char)s[0] < 0x80)
		return 0;
	utf8proc_int32_t cp = themes_seg_decode(s, n, size);
	if (cp == 0x2026)
		return 1;
	if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61)
		return 2;
	return 0;
}

bool themes_seg_word_in(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Same as themes_seg_word_in, also accepting the all-capital spelling. */
static bool word_in_any_case(const char *w, size_t n, const char *const *list)
{
	if (themes_seg_word_in(w, n, list))
		return true;
	for (size_t i = 0; list[i]; i++) {
		if (strlen(list[i]) != n)
			continue;
		size_t k = 0;
		while (k < n && (list[i][k] >= 'a' && list[i][k] <= 'z'
		                 ? list[i][k] - 'a' + 'A' : list[i][k]) == w[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

/* ---- abbreviations ---------------------------------------------------- */

/* Titles, months and references after which a stop never ends a sentence. */
static const char *const never_ends[] = {
	"Mr", "Mrs", "Ms", "Messrs", "Mme", "Dr", "Prof", "St", "Sts", "Art",
	"Arts", "Gen", "Sen", "Rep", "Gov", "Amb", "Pres", "Hon", "Rev", "Lt",
	"Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Mt", "Ft", "Fig", "Figs",
	"Vol", "Vols", "Sec", "Ch", "Chap", "Para", "para", "paras", "pp", "Nr",
	"vs", "cf", "viz", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
	"Aug", "Sep", "Sept", "Oct", "Nov", "Dec", NULL
};

/* Words that typically open a sentence: after a dotted abbreviation such as
 * "U.S." they mean the abbreviation also ended the sentence. */
static const char *const openers[] = {
	"The", "This", "These", "That", "Those", "It", "Its", "They", "Their",
	"There", "We", "Our", "He", "She", "His", "Her", "I", "In", "On", "At",
	"As", "But", "And", "However", "Both", "A", "An", "If", "When", "While",
	"Since", "Such", "Then", "Meanwhile", "Moreover", "Furthermore",
	"Nevertheless", "Yet", "Thus", "What", "Why", "How", "Who", "Today",
	"According", "After", "Before", "For", "With", "By", "From", "Under",
	"Despite", "Although", "Also", "Instead", "Still", "Many", "Some", "Most",
	"Each", "Every", "All", "Neither", "Nor", "Further", "Finally", NULL
};

/* Russian abbreviations (lower-cased) after which a stop never ends a
 * sentence: то есть, смотри, статья, страница, имени, улица, ... */
static const char *const ru_never_ends[] = {
	"т.е", "т.к", "т.н", "т.ч", "см", "ср", "ст", "стр", "им", "ул", "пл",
	"просп", "пр", "др", "пер", "наб", "обл", "респ", "тов", "г-н", "г-жа",
	"акад", "проф", "доц", "напр", "рис", "табл", "прим", "ред", "изд", "гл",
	"зам", "ген", "англ", "кит", "рус", "тел", "и.о", NULL
};

/* Russian abbreviations that close a list: и так далее, и тому подобное,
 * и другие, и прочее.  Russian writes one stop for the abbreviation and the
 * sentence, so before a capital they end the sentence. */
static const char *const ru_list_ends[] = {
	"т.д", "т.п", "и др", "и пр", NULL
};

/* Russian abbreviations that often close a date or an amount at the end of
 * a sentence, but also come before a capital inside one ("В 2024 г. Россия
 * председательствует"; "в г. Москве"): год, годы, век, рубль, миллион, ...
 * They end one only before a line break or a typical sentence opener. */
static const char *const ru_may_end[] = {
	"г", "гг", "в", "вв", "р", "руб", "коп", "тыс", "млн", "млрд", "трлн",
	"долл", "чел", "шт", "н.э", NULL
};

/* Function words that open a sentence and could not follow a date or an
 * amount inside one. */
static const char *const ru_openers[] = {
	"В", "Во", "На", "По", "С", "Со", "К", "О", "Об", "При", "Для", "Из",
	"От", "За", "После", "До", "Несмотря", "Помимо", "Кроме", "Это", "Эти",
	"Этот", "Эта", "Мы", "Они", "Он", "Она", "Наш", "Наша", "Наши", "Их",
	"Его", "Её", "Ее", "И", "Но", "А", "Однако", "Также", "Вместе", "Так",
	"Таким", "Поэтому", "Тем", "Все", "Как", "Что", "Обе", "Сегодня", NULL
};

/* Whether the word at p[next] (up to bound bytes, white space or , ; :) is
 * one of list. */
static bool word_follows(const char *p, size_t next, size_t n, size_t bound,
                         const char *const *list)
{
	size_t e = next;
	while (e < n && e - next < bound && !themes_seg_is_space(p[e]) &&
	       !strchr(",;:", p[e]))
		e++;
	return themes_seg_word_in(p + next, e - next, list);
}

/* A Russian word before a stop: its letters lower-cased, with its inner
 * dots and hyphens; leading digits, quotes and brackets left out. */
typedef struct ru_word {
	char key[2 * ABBREVIATION_BYTES + 8];
	size_t length; /* of key */
	size_t letters;
	bool initial;  /* one capital letter */
	bool dotted;   /* two or more letters between dots: т.е  В.В */
} ru_word;

static void ru_word_add(ru_word *r, const char *s, size_t n)
{
	if (r->length + n < sizeof r->key) {
		memcpy(r->key + r->length, s, n);
		r->length += n;
	}
}

static void ru_word_read(const char *w, size_t n, ru_word *r)
{
	r->length = r->letters = 0;
	r->initial = false;
	r->dotted = true;
	bool last_letter = false;
	for (size_t k = 0; k < n;) {
		size_t size;
		utf8proc_int32_t cp = themes_seg_decode(w + k, n - k, &size);
		k += size;
		if (themes_seg_is_letter(cp)) {
			if (r->letters++ == 0)
				r->initial = themes_seg_is_upper(cp);
			r->dotted &= !last_letter;
			last_letter = true;
			utf8proc_uint8_t lower[4];
			utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), lower);
			ru_word_add(r, (const char *)lower, (size_t)m);
		} else if (r->letters > 0) {
			r->dotted &= cp == '.' && last_letter;
			last_letter = false;
			if (cp == '.' || cp == '-')
				ru_word_add(r, cp == '.' ? "." : "-", 1);
		}
	}
	r->initial &= r->letters == 1;
	r->dotted &= r->letters >= 2;
}

/* Whether the word at p[start] comes right after the text `before`, itself
 * a word of its own ("т." before "д": т. д.; "и " before "др": и др.). */
static bool follows(const char *p, size_t start, const char *before)
{
	size_t len = strlen(before);
	if (start < len || memcmp(p + start - len, before, len) != 0)
		return false;
	size_t b = start - len;
	return b == 0 || themes_seg_is_space(p[b - 1]) || p[b - 1] == '(';
}

/* Puts prefix before the key of r. */
static void ru_word_prefix(ru_word *r, const char *prefix)
{
	size_t len = strlen(prefix);
	if (r->length + len <= sizeof r->key) {
		memmove(r->key + len, r->key, r->length);
		memcpy(r->key, prefix, len);
		r->length += len;
	}
}

/* period_ends_sentence for a word with Cyrillic letters, p[start..i). */
static bool ru_period_ends(const char *p, size_t start, size_t i, size_t next,
                           size_t n, bool line_break)
{
	ru_word r;
	ru_word_read(p + start, i - start, &r);
	if (r.initial) /* В. В. Путин */
		return false;
	if (r.letters == 1 && (follows(p, start, "т.") || follows(p, start, "т. ") ||
	                       follows(p, start, "Т.") || follows(p, start, "Т. ")))
		ru_word_prefix(&r, "т.");
	else if (r.letters == 2 && (follows(p, start, "и ") || follows(p, start, "И ")))
		ru_word_prefix(&r, "и ");
	if (themes_seg_word_in(r.key, r.length, ru_list_ends))
		return true;
	if (themes_seg_word_in(r.key, r.length, ru_never_ends))
		return false;
	if (themes_seg_word_in(r.key, r.length, ru_may_end) || r.dotted)
		return line_break ||
		       word_follows(p, next, n, 2 * 16, ru_openers);
	return r.letters != 1; /* a single letter abbreviates: "с. 5" */
}

static bool has_cyrillic(const char *w, size_t n)
{
	for (size_t k = 0; k < n;) {
		size_t size;
		if (themes_seg_is_cyrillic(themes_seg_decode(w + k, n - k, &size)))
			return true;
		k += size;
	}
	return false;
}

/* Whether the stop at p[i] (a '.') after a word ends the sentence, given
 * that the next text starts at p[next] and the white space between holds a
 * line break when line_break is set. */
static bool period_ends_sentence(const char *p, size_t i, size_t next,
                                 size_t n, bool line_break)
{
	/* the word before the stop, bounded */
	size_t start = i;
	while (start > 0 && i - start < ABBREVIATION_BYTES &&
	       !themes_seg_is_space(p[start - 1]) && !strchr("(\"'[", p[start - 1]))
		start--;
	if (start > 0 && i - start >= ABBREVIATION_BYTES &&
	    !themes_seg_is_space(p[start - 1]))
		return true;
	const char *w = p + start;
	size_t len = i - start;
	if (len == 0)
		return true;
	if (has_cyrillic(w, len))
		return ru_period_ends(p, start, i, next, n, line_break);
	/* single letter: an initial ("J. Smith") or a reference ("p. 5") */
	if (len == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= 'a' && w[0] <= 'z')))
		return false;
	if (word_in_any_case(w, len, never_ends))
		return false;
	if ((len == 2 && memcmp(w, "No", 2) == 0) ||
	    (len == 3 && memcmp(w, "Nos", 3) == 0) ||
	    (len == 2 && memcmp(w, "NO", 2) == 0))
		return !(next < n && (themes_seg_is_digit(p[next]) || p[next] == '#'));
	/* dotted abbreviations: U.S  U.N  e.g  i.e  a.m  U.S.S.R */
	bool dotted = len >= 3;
	for (size_t k = 0; k < len && dotted; k++) {
		bool letter = (w[k] >= 'A' && w[k] <= 'Z') || (w[k] >= 'a' && w[k] <= 'z');
		dotted = k % 2 == 0 ? letter : w[k] == '.';
	}
	if (dotted) {
		if ((len == 3 && (memcmp(w, "e.g", 3) == 0 || memcmp(w, "i.e", 3) == 0)))
			return false;
		return line_break || word_follows(p, next, n, 16, openers);
	}
	return true;
}

/* ---- Chinese enumerations --------------------------------------------- */

static bool is_semicolon(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, FULLWIDTH_SEMICOLON, 3) == 0;
}

/* An ordinal that opens an item of an enumeration: 二是, 其二, 第二,
 * （二）, 二、, 2. */
static bool ordinal_at(const char *s, size_t n)
{
	size_t k = themes_seg_spaces(s, n);
	s += k;
	n -= k;
	size_t numeral = themes_seg_cn_numeral_at(s, n);
	if ((numeral > 0 && n - numeral >= 3 && memcmp(s + numeral, "是", 3) == 0) ||
	    (n > 3 && (memcmp(s, "其", 3) == 0 || memcmp(s, "第", 3) == 0) &&
	     themes_seg_cn_numeral_at(s + 3, n - 3) > 0))
		return true;
	int family;
	return themes_seg_cjk_marker_at(s, n, &family) > 0;
}

/* Whether the sentence from the ； at p[i] to its end (the next 。！？ or
 * the end of the paragraph, *end) is an enumeration. */
static bool enumeration_from(const char *p, size_t i, size_t n, size_t *end)
{
	unsigned semicolons = 0;
	bool ordinal = false;
	size_t k = i, size;
	while (k < n && stop_at(p + k, n - k, &size) != 2) {
		if (is_semicolon(p + k, n - k)) {
			semicolons++;
			ordinal |= ordinal_at(p + k + 3, n - k - 3);
			size = 3;
		}
		k += size;
	}
	*end = k;
	return semicolons >= 2 || ordinal;
}

/* ---- sentences -------------------------------------------------------- */

typedef struct splitter {
	const char *p;
	size_t n;
	size_t start; /* where the current sentence starts */
	themes_seg_span_fn fn;
	void *user;
	size_t scope_end; /* enumeration_from has looked up to here */
	bool enumeration; /* and found an enumeration */
} splitter;

/* Ends the sentence at k when more text follows, skipping the white space
 * after it; *next receives where the scan goes on. */
static int end_here(splitter *sp, size_t k, size_t *next)
{
	size_t m = k + themes_seg_spaces(sp->p + k, sp->n - k);
	if (m < sp->n) {
		int r = sp->fn(sp->user, sp->start, k);
		if (r)
			return r;
		sp->start = m;
	}
	*next = m;
	return 0;
}

/* Whether the stop at p[i], closed at k, is . ! or ? directly before
 * Chinese text (and after no Latin letter or digit: "U.S.中" and "3.中" do
 * not end). */
static bool before_cjk(const char *p, size_t i, size_t k, size_t n)
{
	if (i == 0 || !strchr(".!?", p[i]) || k >= n || (unsigned char)p[k] < 0x80 ||
	    themes_seg_space_at(p + k, n - k))
		return false;
	unsigned char before = (unsigned char)p[i - 1];
	if (before < 0x80 && (themes_seg_is_digit((char)before) ||
	                      ((before | 0x20) >= 'a' && (before | 0x20) <= 'z')))
		return false;
	size_t size;
	return themes_seg_is_cjk(themes_seg_decode(p + k, n - k, &size));
}

/* Whether the text at p[m] may open a sentence. */
static bool opens_at(const char *p, size_t m, size_t n)
{
	size_t cs;
	utf8proc_int32_t cp = themes_seg_decode(p + m, n - m, &cs);
	return themes_seg_is_digit(p[m]) || (p[m] && strchr("\"'([", p[m])) ||
	       themes_seg_is_upper(cp) || themes_seg_bullet_at(p + m, n - m) ||
	       is_opening_cp(cp) ||
	       (themes_seg_is_letter(cp) && !themes_seg_is_lower(cp) &&
	        utf8proc_category(cp) == UTF8PROC_CATEGORY_LO);
}

/* The stop of the given kind and size at p[i]: ends the sentence or not;
 * *next receives where the scan goes on. */
static int at_stop(splitter *sp, size_t i, int stop, size_t size,
                   size_t *next)
{
	const char *p = sp->p;
	size_t n = sp->n;
	/* a run of stops: "?!", "...", ".”" */
	size_t j = i + size, more;
	bool single_period = p[i] == '.';
	while (j < n && stop_at(p + j, n - j, &more)) {
		single_period = false;
		j += more;
	}
	size_t k = j, c;
	bool closed = false;
	while (k < n && (c = themes_seg_closing_at(p + k, n - k)) > 0) {
		k += c;
		closed = true;
	}
	if (stop == 2 || before_cjk(p, i, k, n))
		return end_here(sp, k, next);
	if (k >= n || !themes_seg_space_at(p + k, n - k)) {
		*next = k > i ? k : i + 1;
		return 0;
	}
	size_t m = k, space;
	bool line_break = false;
	while (m < n && (space = themes_seg_space_at(p + m, n - m)) > 0) {
		line_break |= p[m] == '\n';
		m += space;
	}
	*next = m;
	if (m >= n)
		return 0;
	/* what follows must open a sentence */
	bool opens = opens_at(p, m, n);
	if (opens && single_period && !closed)
		opens = period_ends_sentence(p, i, m, n, line_break);
	if (!opens)
		return 0;
	int r = sp->fn(sp->user, sp->start, k);
	sp->start = m;
	return r;
}

/* The ； at p[i]: ends a clause inside an enumeration. */
static int at_semicolon(splitter *sp, size_t i, size_t *next)
{
	if (i >= sp->scope_end)
		sp->enumeration = enumeration_from(sp->p, i, sp->n, &sp->scope_end);
	if (sp->enumeration)
		return end_here(sp, i + 3, next);
	*next = i + 3;
	return 0;
}

bool themes_seg_opens_sentence(const char *t, size_t n)
{
	return n > 0 && (opens_at(t, 0, n) || themes_seg_number_at(t, n) > 0);
}

int themes_seg_sentences(const char *p, size_t n, themes_seg_span_fn fn,
                         void *user)
{
	splitter sp = {p, n, 0, fn, user, 0, false};
	size_t i = 0;
	while (i < n) {
		size_t size;
		int stop = stop_at(p + i, n - i, &size), r = 0;
		if (stop)
			r = at_stop(&sp, i, stop, size, &i);
		else if (is_semicolon(p + i, n - i))
			r = at_semicolon(&sp, i, &i);
		else
			i++;
		if (r)
			return r;
	}
	return fn(user, sp.start, n);
}
