/*
 * segment.h - what the three files of the statement segmenter share; not
 * installed.
 *
 *   segment_sentence.c  characters, and one paragraph to its sentences
 *   segment_line.c      the shape of one line: markers, headings, contents
 *   segment.c           lines to paragraphs, items and sections; statement
 *                       detection
 *
 * All text is UTF-8 that may hold invalid bytes; no function reads past the
 * length it is given.
 */
#ifndef THEMES_SEGMENT_H
#define THEMES_SEGMENT_H

#include "internal.h"

#include <stdbool.h>
#include <stddef.h>
#include <utf8proc.h>

static inline bool themes_seg_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f';
}

static inline bool themes_seg_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- segment_sentence.c: characters ---------------------------------- */

/* The code point at s[0..n); *size receives its byte length (1 for an
 * invalid byte, whose code point is -1). */
utf8proc_int32_t themes_seg_decode(const char *s, size_t n, size_t *size);
/* The code point that ends at s[n - 1] (-1 when invalid); *size receives its
 * byte length. */
utf8proc_int32_t themes_seg_decode_last(const char *s, size_t n, size_t *size);

bool themes_seg_is_upper(utf8proc_int32_t cp);
bool themes_seg_is_lower(utf8proc_int32_t cp);
bool themes_seg_is_letter(utf8proc_int32_t cp);
/* Han ideographs, kana, and CJK and full-width punctuation and forms (the
 * scripts written without spaces between words); not Hangul. */
bool themes_seg_is_cjk(utf8proc_int32_t cp);
/* Han ideographs only. */
bool themes_seg_is_han(utf8proc_int32_t cp);
bool themes_seg_is_cyrillic(utf8proc_int32_t cp);

/* The byte length of the white space at s (ASCII white space or the
 * ideographic space U+3000), or 0. */
size_t themes_seg_space_at(const char *s, size_t n);
/* The byte length of the run of white space at the start of s[0..n). */
size_t themes_seg_spaces(const char *s, size_t n);
/* The byte length of the white space that ends at s[n - 1], or 0. */
size_t themes_seg_space_before(const char *s, size_t n);
/* The byte length of the closing quote or bracket at s, or 0. */
size_t themes_seg_closing_at(const char *s, size_t n);

/* Whether w[0..n) is one of the NULL-terminated list. */
bool themes_seg_word_in(const char *w, size_t n, const char *const *list);

/* ---- segment_sentence.c: sentences ------------------------------------ */

/* Called with the byte range [start, end) of each sentence, in order; a
 * non-zero return stops the split and is returned by it. */
typedef int (*themes_seg_span_fn)(void *user, size_t start, size_t end);

/* Splits the paragraph p[0..n) (lines joined by '\n') into sentences.
 * Linear in n. */
int themes_seg_sentences(const char *p, size_t n, themes_seg_span_fn fn,
                         void *user);
/* Whether the line t[0..n) starts the way a sentence or an item starts: a
 * capital or uncased letter, a digit, an opening quote or bracket, a bullet
 * or a numbered-item marker. */
bool themes_seg_opens_sentence(const char *t, size_t n);

/* ---- segment_line.c --------------------------------------------------- */

/* The numbering schemes of Chinese documents; lines of one scheme are
 * siblings. */
enum themes_seg_family {
	SEG_FAMILY_NONE,
	SEG_FAMILY_CN_COMMA,    /* 一、 十一、 */
	SEG_FAMILY_CN_PAREN,    /* （一） (一) */
	SEG_FAMILY_DIGIT_PAREN, /* （1） (1) */
	SEG_FAMILY_DIGIT,       /* 1. 1、 1． */
	SEG_FAMILY_ARTICLE,     /* 第一条 第5条 */
	SEG_FAMILY_CHAPTER      /* 第一章 第二节 第三部分 */
};

/* Bullet marker (-, *, the bullet character, en dash, ...) at the start of
 * s[0..n): the length of the marker and following space, or 0. */
size_t themes_seg_bullet_at(const char *s, size_t n);
/* Numbered-item marker (1.  12)  (a)  a)  I.  ii.  а)  б.): the length of
 * the marker and following space, or 0. */
size_t themes_seg_number_at(const char *s, size_t n);
/* Whether the line starts with a capital Roman numeral and . or ). */
bool themes_seg_is_roman_marker(const char *s, size_t n);
/* Chinese numbering (一、 （一） 第一条 第二章, and 1. (1) before Chinese
 * text): the length of the marker and following space, or 0; *family
 * receives its scheme. */
size_t themes_seg_cjk_marker_at(const char *s, size_t n, int *family);
/* The length of a run of Chinese numerals (一 二 ... 十 百 〇 零 两) at s,
 * at most 4 of them; 0 when there is none. */
size_t themes_seg_cn_numeral_at(const char *s, size_t n);

/* Whether the line ends with a sentence stop (or ; , and, with colon_too,
 * :), in any script, ignoring closing quotes and brackets. */
bool themes_seg_ends_with_stop(const char *t, size_t n, bool colon_too);
/* Whether the line ends with . ! ? an ellipsis or 。！？, ignoring closing
 * quotes and brackets. */
bool themes_seg_ends_sentence(const char *t, size_t n);
/* Whether the line ends a sentence or a clause of a list: as
 * themes_seg_ends_sentence, or with ; or : (not a comma). */
bool themes_seg_ends_clause(const char *t, size_t n);

typedef struct themes_seg_words {
	size_t words;
	bool first_upper;    /* the first word starts with a capital */
	bool title_case;     /* every significant word starts with a capital or digit */
	bool all_caps;       /* at least two cased letters, none lower case */
	bool inner_stop;     /* ". X" inside the line */
	bool starts_section; /* Section/Chapter/Раздел/... and a numeral */
} themes_seg_words;

void themes_seg_line_words(const char *t, size_t n, themes_seg_words *st);

/* A heading: not a clause, but the section of the clauses below it;
 * max_words bounds all-capital headings. */
bool themes_seg_is_heading(const char *t, size_t n, size_t max_words);
/* A short line of Chinese text without punctuation (brackets, quotes and
 * middle dots aside), "关于双边关系": a heading when body text follows. */
bool themes_seg_cjk_heading_shape(const char *t, size_t n);
/* A short Russian line in sentence case without punctuation, "Двусторонние
 * отношения": a heading when a new sentence or a blank line follows. */
bool themes_seg_cyrillic_heading_shape(const char *t, size_t n);

bool themes_seg_is_contents_entry(const char *t, size_t n);
bool themes_seg_is_contents_title(const char *t, size_t n);
/* Letters and digits only, ASCII lower-cased, into out: "Section I – X" and
 * "Section I: X" compare equal. */
bool themes_seg_normalise(themes_buffer *out, const char *t, size_t n);

#endif
