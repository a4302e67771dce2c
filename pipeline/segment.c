/*
 * segment.c - whole statements to clauses.
 *
 * Input: the UTF-8 text of one statement (any line ends, possibly invalid
 * bytes).  Output: one callback per clause, with the clause text, the heading
 * it sits under and the line where it starts.
 *
 * The text is read line by line, in one pass (the shapes of lines are in
 * segment_line.c):
 *  - a blank line ends the current paragraph or item;
 *  - a bullet line (-, *, the bullet character, en dash, ...) or a numbered
 *    item (1.  2)  (a)  a)  I.  II.  а)  б)) starts an item; the item is one
 *    clause whole, without its marker, and takes in following lines that
 *    are indented or that continue an unfinished last line;
 *  - a heading (the document's first line when it has no final stop; a
 *    "# " line; a line starting "Section", "Chapter", "Part", "Article",
 *    "Annex", "Appendix", "Раздел", "Глава", "Статья", "Часть" or
 *    "Приложение" and a numeral; a short all-capital line; a title-case
 *    line; a numbered item whose text is all capitals) is not a clause but
 *    becomes the section of the clauses below it;
 *  - a line of Chinese numbering (一、 （一） (1) 1. 第一条 第二章) before a
 *    short title without punctuation ("一、关于双边关系") is a heading when
 *    body text follows it, and an item when a line of the same numbering
 *    follows (a list of short items), when items of that numbering came
 *    since the last heading, or at the end; before a full sentence it is an
 *    item;
 *  - a short Chinese line without punctuation after a finished sentence or a
 *    blank line is a heading; so is a short Russian line in sentence case without
 *    punctuation ("Двусторонние отношения") when a blank line, the end, or a
 *    line opening a new sentence follows (otherwise it is paragraph text);
 *  - the lines under a "Table of Contents" or "Contents" heading are skipped,
 *    up to a blank line, a line repeating the first entry (the real heading
 *    of the first part) or the first line that is not an entry; when content
 *    directly follows the entries, the last entry was its heading;
 *  - the other lines are joined into paragraphs, split into sentences
 *    (segment_sentence.c).
 *
 * Leading and trailing white space, ideographic spaces included, is not part
 * of a line; a line break inside a clause becomes a space, or nothing
 * between two Chinese characters.  Every step looks at most a bounded
 * distance back and a pending line waits for one line only, so the time is
 * linear in the input; the buffers grow geometrically and are reused.
 *
 * Statement detection (themes_looks_like_statement) runs this same segmenter
 * over the start of a text, so a line counts as a bullet or numbered item
 * exactly when segmenting makes it one.
 */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#define HEADING_WORDS 12 /* all-capital headings */
#define TITLE_WORDS 20   /* the document title (first line) */

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

/* A line whose part depends on the line after it (resolve_pending). */
enum pending_kind {
	PENDING_NONE,
	PENDING_NUMBERED, /* Chinese numbering and a short title */
	PENDING_CYRILLIC  /* a short Russian line in sentence case */
};

typedef struct pending_line {
	enum pending_kind kind;
	int family;    /* of the numbering (enum themes_seg_family) */
	size_t marker; /* bytes of the numbering at the start of text */
	bool indented;
	long line;
	themes_buffer text;
} pending_line;

typedef struct segmenter {
	themes_clause_fn fn;
	void *user;
	/* the paragraph or item being gathered; lines joined by '\n' */
	themes_buffer block;
	enum block_kind kind;
	line_mark *marks;
	size_t nmarks, marks_capacity;
	size_t mark;         /* the mark of the clause being emitted */
	bool block_open_end; /* the last line of the block has no final stop */
	bool block_sentence_end; /* it ends with a sentence stop (not , ; :) */
	themes_buffer clause; /* the clause passed to fn */
	themes_buffer section;
	/* table of contents */
	bool in_contents;
	themes_buffer contents_first; /* normalised first entry */
	themes_buffer contents_last;  /* raw last entry */
	bool seen_text;        /* a non-blank line was seen (the title rule) */
	bool after_blank;      /* the line before was blank */
	pending_line pending;
	int item_family; /* the Chinese numbering of items since the last heading */
	segment_counts counts;
} segmenter;

enum { NOMEM = THEMES_ERR_NOMEM };

/* ---- emitting clauses -------------------------------------------------- */

static long line_of(segmenter *s, size_t offset)
{
	while (s->mark + 1 < s->nmarks && s->marks[s->mark + 1].offset <= offset)
		s->mark++;
	return s->nmarks ? s->marks[s->mark].line : 0;
}

/* Whether the line join at p[k] lies between two Chinese characters. */
static bool joins_cjk(const char *p, size_t start, size_t k, size_t end)
{
	size_t size;
	return k > start && k + 1 < end &&
	       themes_seg_is_cjk(themes_seg_decode_last(p + start, k - start, &size)) &&
	       themes_seg_is_cjk(themes_seg_decode(p + k + 1, end - k - 1, &size));
}

/* Emits block[start..end) trimmed, with line joins (and stray NUL bytes,
 * which would cut the NUL-terminated clause short) turned into spaces. */
static int emit(segmenter *s, size_t start, size_t end)
{
	const char *p = s->block.data;
	size_t space;
	start += themes_seg_spaces(p + start, end - start);
	while (end > start && (space = themes_seg_space_before(p + start, end - start)) > 0)
		end -= space;
	if (start == end)
		return 0;
	long line = line_of(s, start);
	themes_buffer *c = &s->clause;
	c->length = 0;
	if (!themes_buffer_reserve(c, end - start))
		return NOMEM;
	for (size_t k = start; k < end; k++) {
		if (p[k] == '\n' && joins_cjk(p, start, k, end))
			continue;
		c->data[c->length++] = p[k] == '\n' || p[k] == '\0' ? ' ' : p[k];
	}
	c->data[c->length] = '\0';
	return s->fn(c->data, c->length, s->section.data ? s->section.data : "",
	             line, s->user);
}

static int emit_sentence(void *user, size_t start, size_t end)
{
	return emit(user, start, end);
}

static int flush(segmenter *s)
{
	int r = 0;
	s->mark = 0;
	if (s->kind == BLOCK_PARAGRAPH)
		r = themes_seg_sentences(s->block.data, s->block.length,
		                         emit_sentence, s);
	else if (s->kind == BLOCK_ITEM)
		r = emit(s, 0, s->block.length);
	s->kind = BLOCK_NONE;
	s->block.length = 0;
	s->nmarks = 0;
	return r;
}

static bool add_line(segmenter *s, const char *text, size_t n, long line)
{
	line_mark *marks = themes_grow_array(s->marks, &s->marks_capacity,
	                                     s->nmarks, sizeof *marks, 16);
	if (!marks)
		return false;
	s->marks = marks;
	if (s->block.length > 0 && !themes_buffer_append(&s->block, "\n", 1))
		return false;
	s->marks[s->nmarks].offset = s->block.length;
	s->marks[s->nmarks].line = line;
	s->nmarks++;
	return themes_buffer_append(&s->block, text, n);
}

/* ---- the parts of a statement ------------------------------------------ */

static bool set_section(segmenter *s, const char *t, size_t n)
{
	while (n > 0 && t[0] == '#') {
		t++;
		n--;
	}
	size_t space = themes_seg_spaces(t, n);
	return buffer_set(&s->section, t + space, n - space);
}

/* A heading: ends the block and names the section of the clauses below. */
static int start_section(segmenter *s, const char *t, size_t n)
{
	int r = flush(s);
	if (r)
		return r;
	s->item_family = SEG_FAMILY_NONE;
	if (!set_section(s, t, n))
		return NOMEM;
	if (themes_seg_is_contents_title(t, n)) {
		s->in_contents = true;
		s->contents_first.length = 0;
		s->contents_last.length = 0;
	}
	return 0;
}

/* A bullet or numbered item: one clause, without its marker. */
static int start_item(segmenter *s, const char *t, size_t n, size_t marker,
                      long line_no)
{
	int r = flush(s);
	if (r)
		return r;
	marker += themes_seg_spaces(t + marker, n - marker);
	const char *body = t + marker;
	size_t bn = n - marker;
	s->kind = BLOCK_ITEM;
	s->counts.items++;
	if (!add_line(s, body, bn, line_no))
		return NOMEM;
	s->block_open_end = !themes_seg_ends_with_stop(body, bn, true);
	s->block_sentence_end = themes_seg_ends_sentence(body, bn);
	return 0;
}

/* A line of prose: it continues the paragraph, or an item when indented or
 * when the item's last line is unfinished. */
static int plain_line(segmenter *s, const char *t, size_t n, bool indented,
                      long line_no)
{
	if (s->kind == BLOCK_ITEM && !(indented || s->block_open_end)) {
		int r = flush(s);
		if (r)
			return r;
	}
	if (s->kind == BLOCK_NONE)
		s->kind = BLOCK_PARAGRAPH;
	if (!add_line(s, t, n, line_no))
		return NOMEM;
	s->block_open_end = !themes_seg_ends_with_stop(t, n, true);
	s->block_sentence_end = themes_seg_ends_sentence(t, n);
	return 0;
}

/* Whether a line here would start a new sentence: no block, or one whose
 * last line ended a sentence (not with a colon, which opens a list). */
static bool block_closed(const segmenter *s)
{
	return s->kind == BLOCK_NONE || s->block_sentence_end;
}

static int set_pending(segmenter *s, enum pending_kind kind, int family,
                       const char *t, size_t n, size_t marker, bool indented,
                       long line_no)
{
	pending_line *pl = &s->pending;
	pl->kind = kind;
	pl->family = family;
	pl->marker = marker;
	pl->indented = indented;
	pl->line = line_no;
	return buffer_set(&pl->text, t, n) ? 0 : NOMEM;
}

/* Decides what the pending line is, now that the next non-blank line
 * t[0..n) is known (t is NULL at a blank line or the end of the text). */
static int resolve_pending(segmenter *s, const char *t, size_t n)
{
	pending_line *pl = &s->pending;
	if (pl->kind == PENDING_NONE)
		return 0;
	bool heading;
	if (pl->kind == PENDING_CYRILLIC) {
		heading = !t || themes_seg_opens_sentence(t, n);
	} else {
		int family = SEG_FAMILY_NONE;
		if (t)
			themes_seg_cjk_marker_at(t, n, &family);
		/* a list of short items goes on; articles and chapters do not
		 * make lists */
		bool list = s->item_family == pl->family &&
		            pl->family < SEG_FAMILY_ARTICLE;
		heading = t && family != pl->family && !list;
	}
	enum pending_kind kind = pl->kind;
	pl->kind = PENDING_NONE;
	if (heading)
		return start_section(s, pl->text.data, pl->text.length);
	if (kind == PENDING_CYRILLIC && pl->marker == 0)
		return plain_line(s, pl->text.data, pl->text.length, pl->indented,
		                  pl->line);
	int r = start_item(s, pl->text.data, pl->text.length, pl->marker, pl->line);
	if (kind == PENDING_NUMBERED) {
		/* a short item is whole without a stop */
		s->item_family = pl->family;
		s->block_open_end = false;
	}
	return r;
}

/* ---- lines --------------------------------------------------------------- */

static int blank_line(segmenter *s)
{
	s->in_contents = false;
	s->after_blank = true;
	if (s->pending.kind == PENDING_CYRILLIC) {
		int r = resolve_pending(s, NULL, 0);
		if (r)
			return r;
	}
	return flush(s);
}

/* A line under a contents heading; *skip is set for a contents entry. */
static int contents_line(segmenter *s, const char *t, size_t n, size_t bullet,
                         bool *skip)
{
	themes_buffer norm = {0};
	if (!themes_seg_normalise(&norm, t, n)) {
		free(norm.data);
		return NOMEM;
	}
	bool repeat = s->contents_first.length > 0 &&
	              norm.length == s->contents_first.length &&
	              memcmp(norm.data, s->contents_first.data, norm.length) == 0;
	if (!repeat && !bullet && themes_seg_is_contents_entry(t, n)) {
		bool ok = true;
		if (s->contents_first.length == 0)
			ok = buffer_set(&s->contents_first, norm.data, norm.length);
		free(norm.data);
		if (!ok || !buffer_set(&s->contents_last, t, n))
			return NOMEM;
		*skip = true;
		return 0;
	}
	free(norm.data);
	s->in_contents = false;
	if (!repeat && s->contents_last.length > 0 &&
	    !themes_seg_is_heading(t, n, HEADING_WORDS) &&
	    !set_section(s, s->contents_last.data, s->contents_last.length))
		return NOMEM;
	return 0;
}

static bool is_heading_line(const char *t, size_t n, bool first, size_t bullet,
                            size_t number)
{
	themes_seg_words st;
	if (bullet)
		return false;
	if (number) {
		/* "IV. FINAL PROVISIONS": a numbered heading */
		themes_seg_line_words(t + number, n - number, &st);
		return st.all_caps && st.words <= HEADING_WORDS &&
		       !themes_seg_ends_with_stop(t, n, false);
	}
	if (first && !themes_seg_ends_with_stop(t, n, false)) {
		themes_seg_line_words(t, n, &st);
		return st.words <= TITLE_WORDS || st.title_case;
	}
	return themes_seg_is_heading(t, n, HEADING_WORDS);
}

/* A line of Chinese numbering: an item, or (before a short title) pending. */
static int numbered_cjk_line(segmenter *s, const char *t, size_t n,
                             size_t marker, int family, long line_no)
{
	if (marker == n || themes_seg_cjk_heading_shape(t + marker, n - marker))
		return set_pending(s, PENDING_NUMBERED, family, t, n, marker, false,
		                   line_no);
	s->item_family = family;
	return start_item(s, t, n, marker, line_no);
}

static int handle_line(segmenter *s, const char *line, size_t n, long line_no)
{
	const char *t = line;
	size_t space;
	bool indented = false; /* ideographic spaces open Chinese paragraphs */
	while (n > 0 && (space = themes_seg_space_at(t, n)) > 0) {
		indented |= space == 1;
		t += space;
		n -= space;
	}
	while (n > 0 && (space = themes_seg_space_before(t, n)) > 0)
		n -= space;
	if (n == 0)
		return blank_line(s);
	bool first = !s->seen_text, after_blank = s->after_blank;
	s->seen_text = true;
	s->after_blank = false;
	s->counts.lines++;
	int r = resolve_pending(s, t, n);
	if (r)
		return r;

	size_t bullet = themes_seg_bullet_at(t, n);
	int family = SEG_FAMILY_NONE;
	size_t cjk = bullet ? 0 : themes_seg_cjk_marker_at(t, n, &family);
	size_t number = bullet || cjk ? 0 : themes_seg_number_at(t, n);
	if (s->in_contents) {
		bool skip = false;
		if ((r = contents_line(s, t, n, bullet, &skip)) != 0 || skip)
			return r;
	}
	if (cjk)
		return numbered_cjk_line(s, t, n, cjk, family, line_no);
	if (is_heading_line(t, n, first, bullet, number))
		return start_section(s, t, n);
	/* "II. Международные дела", "Двусторонние отношения" */
	if ((number ? themes_seg_is_roman_marker(t, n) : block_closed(s) && !bullet) &&
	    themes_seg_cyrillic_heading_shape(t + number, n - number))
		return set_pending(s, PENDING_CYRILLIC, SEG_FAMILY_NONE, t, n, number,
		                   indented, line_no);
	if (bullet || number)
		return start_item(s, t, n, bullet ? bullet : number, line_no);
	/* "务实合作" after a finished sentence or a blank line (not the first
	 * line of a paragraph wrapped under a heading) */
	if ((s->kind == BLOCK_NONE ? after_blank : s->block_sentence_end) &&
	    themes_seg_cjk_heading_shape(t, n))
		return start_section(s, t, n);
	return plain_line(s, t, n, indented, line_no);
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
		r = resolve_pending(&s, NULL, 0);
	if (r == 0)
		r = flush(&s);
	if (counts)
		*counts = s.counts;
	free(s.block.data);
	free(s.marks);
	free(s.clause.data);
	free(s.section.data);
	free(s.contents_first.data);
	free(s.contents_last.data);
	free(s.pending.text.data);
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
