/*
 * segment.c - whole statements to clauses.
 *
 * Input: the UTF-8 text of one statement (any line ends, possibly invalid
 * bytes).  Output: one callback per clause, with the clause text, the heading
 * it sits under and the line where it starts.
 *
 * The text is read line by line, in one pass:
 *  - a blank line ends the current paragraph or item;
 *  - a bullet line (-, *, the bullet character, en dash, ...) or a numbered
 *    item (1.  2)  (a)  a)  I.  II.) starts an item; the item is one clause
 *    whole, without its marker, and takes in following lines that are
 *    indented or that continue an unfinished last line;
 *  - a heading (the document's first line when it has no final stop; a
 *    "# " line; a line starting "Section", "Chapter", "Part", "Article",
 *    "Annex" or "Appendix" and a numeral; a short all-capital line; a
 *    title-case line; a numbered item whose text is all capitals) is not a
 *    clause but becomes the section of the clauses below it;
 *  - the lines under a "Table of Contents" or "Contents" heading are skipped,
 *    up to a blank line, a line repeating the first entry (the real heading
 *    of the first part) or the first line that is not an entry; when content
 *    directly follows the entries, the last entry was its heading;
 *  - the other lines are joined into paragraphs, split into sentences.
 *
 * A sentence ends at . ! ? or an ellipsis, with any closing quotes and
 * brackets, when white space and then an upper-case or uncased letter, a
 * digit, an opening quote or bracket or a bullet follow.  It does not end
 * after a title (Mr. Dr. Prof. St. Art. Gen. ...), a month (Jan. ... Dec.),
 * vs. cf. e.g. i.e., a single letter (initials: "J. Smith", "p. 5"), "No."
 * before a number, or a dotted abbreviation such as U.S. or U.N. unless a
 * line break or a typical sentence opener ("The", "It", "They", ...)
 * follows.  A stop followed by a closing quote or bracket always ends the
 * sentence ("He said "No." Then left." is two).  Chinese and Japanese full
 * stops end a sentence without any following space.
 *
 * Every step looks at most a bounded distance back, so the time is linear in
 * the input; the buffers grow geometrically and are reused.
 *
 * Statement detection (themes_looks_like_statement) runs this same segmenter
 * over the start of a text, so a line counts as a bullet or numbered item
 * exactly when segmenting makes it one.
 */
#include "internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define HEADING_WORDS 12     /* all-capital headings */
#define SECTION_WORDS 20     /* "Section ..." headings and contents entries */
#define TITLE_WORDS 20       /* the document title (first line) */
#define ABBREVIATION_BYTES 32

static bool buffer_set(themes_buffer *b, const char *s, size_t n)
{
	b->length = 0;
	return themes_buffer_append(b, s, n);
}

/* What themes_looks_like_statement needs beyond the clauses. */
typedef struct segment_counts {
	unsigned long lines; /* non-blank lines */
	unsigned long items; /* lines that start a bullet or numbered item */
} segment_counts;

typedef struct line_mark {
	size_t offset; /* where the line starts in the block buffer */
	long line;
} line_mark;

enum block_kind { BLOCK_NONE, BLOCK_PARAGRAPH, BLOCK_ITEM };

typedef struct segmenter {
	themes_clause_fn fn;
	void *user;
	int status;
	/* the paragraph or item being gathered; lines joined by '\n' */
	themes_buffer block;
	enum block_kind kind;
	line_mark *marks;
	size_t nmarks, marks_capacity;
	bool block_open_end; /* the last line of the block has no final stop */
	themes_buffer section;
	/* table of contents */
	bool in_contents;
	themes_buffer contents_first; /* normalised first entry */
	themes_buffer contents_last;  /* raw last entry */
	bool seen_text;        /* a non-blank line was seen (the title rule) */
	segment_counts counts;
} segmenter;

/* ---- characters ------------------------------------------------------ */

/* Decodes the code point at s[0..n); *size receives its byte length (1 for
 * an invalid byte, whose code point is -1). */
static utf8proc_int32_t decode(const char *s, size_t n, size_t *size)
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

static bool is_upper_cp(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower_cp(utf8proc_int32_t cp)
{
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_letter_cp(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Closing quotes and brackets that stay with the sentence before them. */
static size_t closing_at(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	switch (s[0]) {
	case '"': case '\'': case ')': case ']': case '}':
		return 1;
	}
	size_t size;
	utf8proc_int32_t cp = decode(s, n, &size);
	if (cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == 0x203A ||
	    cp == 0x300D || cp == 0x300F || cp == 0xFF09)
		return size;
	return 0;
}

/* A sentence stop at s: 1 for . ! ?, 2 for a stop that needs no space
 * (Chinese/Japanese), 0 otherwise; *size is its byte length. */
static int stop_at(const char *s, size_t n, size_t *size)
{
	*size = 1;
	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if ((unsigned char)s[0] < 0x80)
		return 0;
	utf8proc_int32_t cp = decode(s, n, size);
	if (cp == 0x2026) /* ellipsis */
		return 1;
	if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) /* 。！？ */
		return 2;
	return 0;
}

/* Bullet marker at the start of s[0..n) (after indentation): returns the
 * length of marker plus following space, or 0. */
static size_t bullet_at(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '-' || s[0] == '*') && (s[1] == ' ' || s[1] == '\t'))
		return 2;
	if (n == 0 || (unsigned char)s[0] < 0x80)
		return 0;
	size_t size;
	utf8proc_int32_t cp = decode(s, n, &size);
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

/* A numbered-item marker: 1.  12)  (a)  (iv)  (3)  a)  b.  I.  IV)  ii.
 * Returns the length of the marker and following space, or 0. */
static size_t number_at(const char *s, size_t n)
{
	size_t i = 0;
	if (n > 0 && s[0] == '(') {
		i = 1;
		while (i < n && i <= 5 && ((s[i] >= 'a' && s[i] <= 'z') ||
		                           (s[i] >= 'A' && s[i] <= 'Z') ||
		                           is_digit(s[i])))
			i++;
		if (i == 1 || i > 5 || i >= n || s[i] != ')')
			return 0;
		i++;
	} else {
		while (i < n && i < 4 && is_digit(s[i]))
			i++;
		if (i == 0) {
			while (i < n && i < 7 && ((s[i] >= 'a' && s[i] <= 'z') ||
			                          (s[i] >= 'A' && s[i] <= 'Z')))
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
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i < n ? i : 0;
}

/* ---- words ----------------------------------------------------------- */

static bool word_in(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Same as word_in, also accepting the all-capital spelling. */
static bool word_in_any_case(const char *w, size_t n, const char *const *list)
{
	if (word_in(w, n, list))
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

static const char *const number_words[] = {
	"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
	"Ten", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
	"NINE", "TEN", NULL
};

/* Whether the stop at p[i] (a '.') after a word ends the sentence, given
 * that the next text starts at p[next] and the white space between holds a
 * line break when line_break is set. */
static bool period_ends_sentence(const char *p, size_t i, size_t next,
                                 size_t n, bool line_break)
{
	/* the word before the stop, bounded */
	size_t start = i;
	while (start > 0 && i - start < ABBREVIATION_BYTES &&
	       !is_space(p[start - 1]) && !strchr("(\"'[", p[start - 1]))
		start--;
	if (start > 0 && i - start >= ABBREVIATION_BYTES &&
	    !is_space(p[start - 1]))
		return true;
	const char *w = p + start;
	size_t len = i - start;
	if (len == 0)
		return true;
	/* single letter: an initial ("J. Smith") or a reference ("p. 5") */
	if (len == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= 'a' && w[0] <= 'z')))
		return false;
	if (word_in_any_case(w, len, never_ends))
		return false;
	if ((len == 2 && memcmp(w, "No", 2) == 0) ||
	    (len == 3 && memcmp(w, "Nos", 3) == 0) ||
	    (len == 2 && memcmp(w, "NO", 2) == 0))
		return !(next < n && (is_digit(p[next]) || p[next] == '#'));
	/* dotted abbreviations: U.S  U.N  e.g  i.e  a.m  U.S.S.R */
	bool dotted = len >= 3;
	for (size_t k = 0; k < len && dotted; k++) {
		bool letter = (w[k] >= 'A' && w[k] <= 'Z') || (w[k] >= 'a' && w[k] <= 'z');
		dotted = k % 2 == 0 ? letter : w[k] == '.';
	}
	if (dotted) {
		if ((len == 3 && (memcmp(w, "e.g", 3) == 0 || memcmp(w, "i.e", 3) == 0)))
			return false;
		if (line_break)
			return true;
		size_t e = next;
		while (e < n && e - next < 16 && !is_space(p[e]) &&
		       !strchr(",;:", p[e]))
			e++;
		return word_in(p + next, e - next, openers);
	}
	return true;
}

/* ---- emitting clauses -------------------------------------------------- */

static long line_of(segmenter *s, size_t offset, size_t *mark)
{
	while (*mark + 1 < s->nmarks && s->marks[*mark + 1].offset <= offset)
		(*mark)++;
	return s->nmarks ? s->marks[*mark].line : 0;
}

/* Emits block[start..end) trimmed, with line joins (and stray NUL bytes,
 * which would cut the NUL-terminated clause short) turned into spaces. */
static int emit(segmenter *s, size_t start, size_t end, size_t *mark)
{
	char *p = s->block.data;
	while (start < end && is_space(p[start]))
		start++;
	while (end > start && is_space(p[end - 1]))
		end--;
	if (start == end)
		return 0;
	long line = line_of(s, start, mark);
	for (size_t k = start; k < end; k++)
		if (p[k] == '\n' || p[k] == '\0')
			p[k] = ' ';
	char saved = p[end];
	p[end] = '\0';
	int r = s->fn(p + start, end - start, s->section.data ? s->section.data : "",
	              line, s->user);
	p[end] = saved;
	return r;
}

/* Splits the paragraph in the block buffer into sentences. */
static int split_paragraph(segmenter *s)
{
	const char *p = s->block.data;
	size_t n = s->block.length, start = 0, mark = 0;
	size_t i = 0;
	while (i < n) {
		size_t size;
		int stop = stop_at(p + i, n - i, &size);
		if (!stop) {
			i++;
			continue;
		}
		/* a run of stops: "?!", "...", ".”" */
		size_t j = i + size;
		bool single_period = p[i] == '.';
		for (;;) {
			size_t more;
			if (j < n && stop_at(p + j, n - j, &more)) {
				single_period = false;
				j += more;
			} else {
				break;
			}
		}
		size_t k = j, c;
		bool closed = false;
		while (k < n && (c = closing_at(p + k, n - k)) > 0) {
			k += c;
			closed = true;
		}
		if (stop == 2) {
			size_t m = k;
			while (m < n && is_space(p[m]))
				m++;
			if (m < n) {
				int r = emit(s, start, k, &mark);
				if (r)
					return r;
				start = m;
			}
			i = m > k ? m : k;
			continue;
		}
		if (k >= n || !is_space(p[k])) {
			i = k > i ? k : i + 1;
			continue;
		}
		size_t m = k;
		bool line_break = false;
		while (m < n && is_space(p[m])) {
			line_break |= p[m] == '\n';
			m++;
		}
		if (m >= n)
			break;
		/* what follows must open a sentence */
		size_t cs;
		utf8proc_int32_t cp = decode(p + m, n - m, &cs);
		bool opens = is_digit(p[m]) || (p[m] && strchr("\"'([", p[m])) ||
		             is_upper_cp(cp) || bullet_at(p + m, n - m) ||
		             cp == 0x201C || cp == 0x2018 || cp == 0x00AB ||
		             (is_letter_cp(cp) && !is_lower_cp(cp) &&
		              utf8proc_category(cp) == UTF8PROC_CATEGORY_LO);
		if (opens && single_period && !closed)
			opens = period_ends_sentence(p, i, m, n, line_break);
		if (opens) {
			int r = emit(s, start, k, &mark);
			if (r)
				return r;
			start = m;
		}
		i = m;
	}
	return emit(s, start, n, &mark);
}

static int flush(segmenter *s)
{
	int r = 0;
	if (s->kind == BLOCK_PARAGRAPH) {
		r = split_paragraph(s);
	} else if (s->kind == BLOCK_ITEM) {
		size_t mark = 0;
		r = emit(s, 0, s->block.length, &mark);
	}
	s->kind = BLOCK_NONE;
	s->block.length = 0;
	s->nmarks = 0;
	return r;
}

static bool add_line(segmenter *s, const char *text, size_t n, long line)
{
	if (s->nmarks == s->marks_capacity) {
		size_t capacity = s->marks_capacity ? 2 * s->marks_capacity : 16;
		line_mark *marks = realloc(s->marks, capacity * sizeof *marks);
		if (!marks)
			return false;
		s->marks = marks;
		s->marks_capacity = capacity;
	}
	if (s->block.length > 0 && !themes_buffer_append(&s->block, "\n", 1))
		return false;
	s->marks[s->nmarks].offset = s->block.length;
	s->marks[s->nmarks].line = line;
	s->nmarks++;
	return themes_buffer_append(&s->block, text, n);
}

/* ---- line shapes ------------------------------------------------------ */

/* Whether the line ends with a sentence stop (or ; , :), ignoring closing
 * quotes and brackets. */
static bool ends_with_stop(const char *t, size_t n, bool colon_too)
{
	while (n > 0) {
		unsigned char c = (unsigned char)t[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') {
			n--;
			continue;
		}
		if (c >= 0x80) {
			/* back to the start of the code point */
			size_t k = n - 1;
			while (k > 0 && n - k < 4 && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
			size_t size;
			utf8proc_int32_t cp = decode(t + k, n - k, &size);
			if (k + size == n && (cp == 0x201D || cp == 0x2019 || cp == 0x00BB)) {
				n = k;
				continue;
			}
			return cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
		}
		return c == '.' || c == '!' || c == '?' || c == ';' || c == ',' ||
		       (colon_too && c == ':');
	}
	return false;
}

typedef struct word_stats {
	size_t words;
	bool first_upper;    /* the first word starts with a capital */
	bool title_case;     /* every significant word starts with a capital or digit */
	bool all_caps;       /* at least two cased letters, none lower case */
	bool inner_stop;     /* ". X" inside the line */
	bool starts_section; /* Section/Chapter/... and a numeral */
} word_stats;

static bool is_numeral(const char *w, size_t n)
{
	while (n > 0 && strchr(":.-)", w[n - 1]))
		n--;
	if (n == 0)
		return false;
	bool digits = true;
	for (size_t k = 0; k < n; k++)
		digits &= is_digit(w[k]) || w[k] == '.';
	return digits || is_roman(w, n) || word_in(w, n, number_words) ||
	       (n == 1 && w[0] >= 'A' && w[0] <= 'Z');
}

static void line_words(const char *t, size_t n, word_stats *st)
{
	memset(st, 0, sizeof *st);
	st->title_case = true;
	size_t upper = 0, lower = 0;
	size_t i = 0;
	const char *first = NULL;
	size_t first_len = 0;
	while (i < n) {
		while (i < n && is_space(t[i]))
			i++;
		if (i >= n)
			break;
		size_t ws = i;
		while (i < n && !is_space(t[i]))
			i++;
		const char *w = t + ws;
		size_t wl = i - ws;
		st->words++;
		if (st->words == 2 && first)
			st->starts_section = word_in(first, first_len, section_words) &&
			                     is_numeral(w, wl);
		if (st->words == 1) {
			first = w;
			first_len = wl;
		}
		if (wl > 0 && strchr(".!?", w[wl - 1]) && i < n)
			st->inner_stop = true;
		/* the first letter or digit of the word */
		size_t k = 0;
		utf8proc_int32_t cp = -1;
		while (k < wl) {
			size_t size;
			cp = decode(w + k, wl - k, &size);
			if (is_letter_cp(cp) || (cp >= '0' && cp <= '9'))
				break;
			k += size;
			cp = -1;
		}
		bool cap = cp >= '0' && cp <= '9' ? true : is_upper_cp(cp);
		if (st->words == 1)
			st->first_upper = is_upper_cp(cp) || (cp >= '0' && cp <= '9');
		if (cp >= 0 && !cap) {
			/* strip trailing punctuation for the minor-word check */
			size_t e = wl;
			while (e > k && strchr(",:;.)\"'", w[e - 1]))
				e--;
			if (st->words == 1 || !word_in(w + k, e - k, minor_words))
				st->title_case = false;
		}
		for (size_t q = 0; q < wl;) {
			size_t size;
			utf8proc_int32_t c = decode(w + q, wl - q, &size);
			if (is_upper_cp(c))
				upper++;
			else if (is_lower_cp(c))
				lower++;
			q += size;
		}
	}
	if (!st->first_upper)
		st->title_case = false;
	st->all_caps = upper >= 2 && lower == 0;
}

/* A heading: not a clause, but the section of the clauses below it. */
static bool is_heading(const char *t, size_t n, size_t max_words)
{
	if (n > 0 && t[0] == '#')
		return true;
	if (ends_with_stop(t, n, false))
		return false;
	word_stats st;
	line_words(t, n, &st);
	if (st.words == 0 || st.inner_stop)
		return false;
	if (st.starts_section && st.words <= SECTION_WORDS)
		return true;
	if (st.all_caps && st.words <= max_words)
		return true;
	/* title case at any length (a statement's full title is long) */
	return st.title_case;
}

/* A contents entry: heading-shaped, or ending in a page number. */
static bool is_contents_entry(const char *t, size_t n)
{
	size_t e = n;
	while (e > 0 && is_digit(t[e - 1]))
		e--;
	if (e < n && e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '.'))
		return true;
	size_t marker = number_at(t, n);
	return is_heading(t + marker, n - marker, SECTION_WORDS);
}

static bool is_contents_title(const char *t, size_t n)
{
	while (n > 0 && (t[n - 1] == ':' || is_space(t[n - 1])))
		n--;
	while (n > 0 && t[0] == '#') {
		t++;
		n--;
	}
	while (n > 0 && is_space(t[0])) {
		t++;
		n--;
	}
	static const char *const titles[] = {
		"Table of Contents", "Table of contents", "TABLE OF CONTENTS",
		"Contents", "CONTENTS", NULL
	};
	return word_in(t, n, titles);
}

/* Letters and digits only, ASCII lower-cased: "Section I – X" and
 * "Section I: X" compare equal. */
static bool normalise(themes_buffer *out, const char *t, size_t n)
{
	out->length = 0;
	if (!themes_buffer_reserve(out, n))
		return false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)t[i];
		size_t size = 1;
		if (c >= 'A' && c <= 'Z') {
			out->data[out->length++] = (char)(c - 'A' + 'a');
		} else if ((c >= 'a' && c <= 'z') || is_digit((char)c)) {
			out->data[out->length++] = (char)c;
		} else if (c >= 0x80) {
			utf8proc_int32_t cp = decode(t + i, n - i, &size);
			if (is_letter_cp(cp)) {
				memcpy(out->data + out->length, t + i, size);
				out->length += size;
			}
		}
		i += size;
	}
	out->data[out->length] = '\0';
	return true;
}

static bool set_section(segmenter *s, const char *t, size_t n)
{
	while (n > 0 && t[0] == '#') {
		t++;
		n--;
	}
	while (n > 0 && is_space(t[0])) {
		t++;
		n--;
	}
	return buffer_set(&s->section, t, n);
}

/* ---- lines --------------------------------------------------------------- */

enum { NOMEM = THEMES_ERR_NOMEM };

static int handle_line(segmenter *s, const char *line, size_t n, long line_no)
{
	const char *t = line;
	while (n > 0 && is_space(t[0])) {
		t++;
		n--;
	}
	bool indented = t > line;
	while (n > 0 && is_space(t[n - 1]))
		n--;
	/* a no-break space or BOM alone also counts as blank */
	if (n == 0) {
		s->in_contents = false;
		return flush(s);
	}
	bool first = !s->seen_text;
	s->seen_text = true;
	s->counts.lines++;

	size_t bullet = bullet_at(t, n);
	size_t number = bullet ? 0 : number_at(t, n);

	if (s->in_contents) {
		themes_buffer norm = {0};
		if (!normalise(&norm, t, n)) {
			free(norm.data);
			return NOMEM;
		}
		bool repeat = s->contents_first.length > 0 &&
		              norm.length == s->contents_first.length &&
		              memcmp(norm.data, s->contents_first.data, norm.length) == 0;
		if (!repeat && !bullet && is_contents_entry(t, n)) {
			bool ok = true;
			if (s->contents_first.length == 0)
				ok = buffer_set(&s->contents_first, norm.data, norm.length);
			free(norm.data);
			if (!ok || !buffer_set(&s->contents_last, t, n))
				return NOMEM;
			return 0;
		}
		free(norm.data);
		s->in_contents = false;
		if (!repeat && s->contents_last.length > 0 &&
		    !is_heading(t, n, HEADING_WORDS) &&
		    !set_section(s, s->contents_last.data, s->contents_last.length))
			return NOMEM;
	}

	bool heading;
	if (bullet)
		heading = false;
	else if (number)
		heading = false;
	else if (first && !ends_with_stop(t, n, false)) {
		word_stats st;
		line_words(t, n, &st);
		heading = st.words <= TITLE_WORDS || st.title_case;
	} else
		heading = is_heading(t, n, HEADING_WORDS);
	if (number && !heading) {
		/* "IV. FINAL PROVISIONS": a numbered heading */
		word_stats st;
		line_words(t + number, n - number, &st);
		heading = st.all_caps && st.words <= HEADING_WORDS &&
		          !ends_with_stop(t, n, false);
	}

	if (heading) {
		int r = flush(s);
		if (r)
			return r;
		if (!set_section(s, t, n))
			return NOMEM;
		if (is_contents_title(t, n)) {
			s->in_contents = true;
			s->contents_first.length = 0;
			s->contents_last.length = 0;
		}
		return 0;
	}
	if (bullet || number) {
		int r = flush(s);
		if (r)
			return r;
		size_t marker = bullet ? bullet : number;
		const char *body = t + marker;
		size_t bn = n - marker;
		while (bn > 0 && is_space(body[0])) {
			body++;
			bn--;
		}
		s->kind = BLOCK_ITEM;
		s->counts.items++;
		if (!add_line(s, body, bn, line_no))
			return NOMEM;
		s->block_open_end = !ends_with_stop(body, bn, true);
		return 0;
	}
	/* plain text */
	if (s->kind == BLOCK_ITEM && !(indented || s->block_open_end)) {
		int r = flush(s);
		if (r)
			return r;
	}
	if (s->kind == BLOCK_NONE)
		s->kind = BLOCK_PARAGRAPH;
	if (!add_line(s, t, n, line_no))
		return NOMEM;
	s->block_open_end = !ends_with_stop(t, n, true);
	return 0;
}

/* Segments text into fn; counts, when not NULL, receives the line counts. */
static int segment_text(const char *text, size_t length, themes_clause_fn fn,
                        void *user, segment_counts *counts)
{
	segmenter s;
	memset(&s, 0, sizeof s);
	s.fn = fn;
	s.user = user;
	if (!buffer_set(&s.section, "", 0))
		return THEMES_ERR_NOMEM;
	size_t i = 0;
	if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	long number = 1;
	int r = 0;
	while (i < length && r == 0) {
		size_t e = i;
		while (e < length && text[e] != '\n' && text[e] != '\r')
			e++;
		r = handle_line(&s, text + i, e - i, number);
		if (e < length && text[e] == '\r' && e + 1 < length && text[e + 1] == '\n')
			e++;
		i = e + 1;
		number++;
	}
	if (r == 0)
		r = flush(&s);
	if (counts)
		*counts = s.counts;
	free(s.block.data);
	free(s.marks);
	free(s.section.data);
	free(s.contents_first.data);
	free(s.contents_last.data);
	return r;
}

int themes_segment(const char *text, size_t length, themes_clause_fn fn,
                   void *user)
{
	return segment_text(text, length, fn, user, NULL);
}

/* ---- statement detection ------------------------------------------------ */

/* A clause of a labelled corpus may hold a few sentences; a line where four
 * or more start is a paragraph of prose. */
#define PARAGRAPH_SENTENCES 4

typedef struct prose_counts {
	long last_line;
	unsigned on_line;         /* clauses starting on last_line */
	unsigned long paragraphs; /* lines where PARAGRAPH_SENTENCES start */
	unsigned long sections;   /* clauses under a heading */
} prose_counts;

static int count_clause(const char *clause, size_t length, const char *section,
                        long line, void *user)
{
	(void)clause;
	(void)length;
	prose_counts *pc = user;
	if (line != pc->last_line) {
		pc->last_line = line;
		pc->on_line = 0;
	}
	if (++pc->on_line == PARAGRAPH_SENTENCES)
		pc->paragraphs++;
	if (section[0])
		pc->sections++;
	return 0;
}

int themes_looks_like_statement(const char *head, size_t length, int complete)
{
	if (!complete) {
		/* complete lines only: the last one may be cut short */
		while (length > 0 && head[length - 1] != '\n' && head[length - 1] != '\r')
			length--;
	}
	prose_counts pc = {0, 0, 0, 0};
	segment_counts sc;
	if (segment_text(head, length, count_clause, &pc, &sc) != THEMES_OK)
		return 0;
	if (pc.paragraphs >= 2)
		return 1;
	/* Items must be a real part of the text (a fifth of its lines), not a
	 * clause that happens to start with "1. ". */
	return pc.sections > 0 && sc.items >= 2 && sc.items * 5 >= sc.lines;
}
