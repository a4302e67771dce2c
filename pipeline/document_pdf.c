/*
 * document_pdf.c - a PDF to the text themes_segment reads, through
 * poppler's GLib interface (Debian libpoppler-glib-dev: a C API, where
 * poppler-cpp would bring C++ into a C project).
 *
 * poppler gives each page's text in reading order, one line per text line,
 * with a box per character.  From the boxes come each line's top and
 * bottom: a gap larger than half a line between two lines ends a
 * paragraph (a blank line), so headings and items stay apart.  Lines that
 * open or close several pages with the same words (digits aside) are
 * running headers, footers and page numbers, and go; so do page numbers
 * alone on the first or last lines.
 *
 * Lines of one paragraph are joined: a sentence wrapped at a space becomes
 * one line, and a line break is kept only after the end of a sentence or
 * list clause and before an item marker.  A word cut at a line end is
 * rejoined: a soft hyphen (U+00AD, which Chromium writes before the
 * hyphen glyph it draws) or U+2010 always marks a cut.  A plain "-" before
 * a lower-case letter is kept, without a space, in a document whose text
 * holds such marks ("long-term"): its cuts are marked, so this is a hyphen
 * of the text.  In a document without marks it could be either: it is a
 * cut unless the document writes the word with its hyphen elsewhere and
 * never without it.  A hyphen before a capital or a digit is kept
 * ("China-Russia", "COVID-19").
 */
#define _GNU_SOURCE
#include "document.h"
#include "pdf_library.h"
#include "segment.h"
#include "themes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Lines at each end of a page that may be running headers or footers. */
#define EDGE_LINES 2

typedef struct pdf_line {
	const char *text; /* into its page's text */
	size_t length;
	int page;
	double top, bottom, height;
	double size;      /* the largest font size on the line */
	bool edge;        /* among the EDGE_LINES at either end of its page */
	bool drop;
} pdf_line;

typedef struct pdf_lines {
	pdf_line *line;
	size_t count, capacity;
	char **texts;     /* each page's text (the library's free) */
	int pages;
} pdf_lines;

static bool add_line(pdf_lines *pl, const pdf_line *line)
{
	pdf_line *grown = themes_grow_array(pl->line, &pl->capacity, pl->count,
	                                    sizeof *grown, 256);
	if (!grown)
		return false;
	pl->line = grown;
	pl->line[pl->count++] = *line;
	return true;
}

/* The character after the one at p, in poppler's UTF-8 text. */
static const char *next_char(const char *p)
{
	unsigned char c = (unsigned char)*p;
	return p + (c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
}

/* Splits one page's text into lines with the extent of their boxes. */
static bool split_page(pdf_lines *pl, int page, const char *text,
                       const PopplerRectangle *rects, guint nrects,
                       const double *sizes)
{
	size_t first = pl->count;
	const char *p = text;
	guint ch = 0;
	while (*p) {
		const char *end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		pdf_line line = {p, (size_t)(end - p), page, 1e9, -1e9, 0, 0, false,
		                 false};
		for (const char *q = p; q < end; q = next_char(q), ch++)
			if (ch < nrects && !isspace((unsigned char)*q)) {
				if (sizes[ch] > line.size)
					line.size = sizes[ch];
				line.top = rects[ch].y1 < line.top ? rects[ch].y1 : line.top;
				line.bottom = rects[ch].y2 > line.bottom ? rects[ch].y2
				                                         : line.bottom;
			}
		line.height = line.bottom - line.top;
		while (line.length && isspace((unsigned char)line.text[line.length - 1]))
			line.length--;
		while (line.length && isspace((unsigned char)line.text[0])) {
			line.text++;
			line.length--;
		}
		if (line.length > 0 && !add_line(pl, &line))
			return false;
		if (!*end)
			break;
		p = end + 1;
		ch++; /* the newline's own box */
	}
	for (size_t i = first; i < pl->count; i++)
		pl->line[i].edge = i < first + EDGE_LINES || i + EDGE_LINES >= pl->count;
	return true;
}

/* The font size of each of the n characters of page. */
static double *font_sizes(const pdf_library *lib, PopplerPage *page,
                          guint n)
{
	double *sizes = calloc(n ? n : 1, sizeof *sizes);
	GList *attributes = lib->page_get_text_attributes(page);
	for (GList *a = attributes; sizes && a; a = a->next) {
		const PopplerTextAttributes *t = a->data;
		for (gint c = t->start_index; c <= t->end_index && c >= 0 &&
		     (guint)c < n; c++)
			sizes[c] = t->font_size;
	}
	lib->page_free_text_attributes(attributes);
	return sizes;
}

static int read_pages(const pdf_library *lib, PopplerDocument *doc,
                      pdf_lines *pl, const char *name, themes_error *err)
{
	pl->pages = lib->document_get_n_pages(doc);
	pl->texts = calloc(pl->pages > 0 ? (size_t)pl->pages : 1, sizeof *pl->texts);
	if (!pl->texts)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (int i = 0; i < pl->pages; i++) {
		PopplerPage *page = lib->document_get_page(doc, i);
		if (!page)
			continue;
		PopplerRectangle *rects = NULL;
		guint nrects = 0;
		pl->texts[i] = lib->page_get_text(page);
		if (!lib->page_get_text_layout(page, &rects, &nrects))
			nrects = 0;
		double *sizes = font_sizes(lib, page, nrects);
		bool ok = !pl->texts[i] || (sizes &&
		          split_page(pl, i, pl->texts[i], rects, nrects, sizes));
		free(sizes);
		lib->free(rects);
		lib->object_unref(page);
		if (!ok)
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	if (pl->count == 0)
		return themes_fail(err, THEMES_ERR_DATA, 0, "%s: the PDF has no "
		                   "extractable text (it holds only images, or its "
		                   "text is not stored as text)", name);
	return THEMES_OK;
}

/* A line's text with every digit as '#' (page numbers vary), in key. */
static void line_key(const pdf_line *line, char *key, size_t size)
{
	size_t n = line->length < size - 1 ? line->length : size - 1;
	for (size_t i = 0; i < n; i++)
		key[i] = isdigit((unsigned char)line->text[i]) ? '#' : line->text[i];
	key[n] = '\0';
}

/* "12", "- 12 -", "Page 3", "3 of 10", "3/10": a page number alone. */
static bool is_page_number(const pdf_line *line)
{
	size_t digits = 0, other = 0;
	for (size_t i = 0; i < line->length; i++) {
		char c = line->text[i];
		if (isdigit((unsigned char)c))
			digits++;
		else if (!strchr(" -/|()[]", c))
			other++;
	}
	static const char *const words[] = {"page ", "p. ", "стр", "第", NULL};
	for (int k = 0; words[k] && other > 0; k++)
		if (strncasecmp(line->text, words[k], strlen(words[k])) == 0)
			other = 0;
	return digits > 0 && other == 0;
}

/* Drops the running headers and footers: edge lines whose key is on the
 * edges of at least two pages and half of them. */
static void drop_running_lines(pdf_lines *pl)
{
	char key[256], other[256];
	for (size_t i = 0; i < pl->count; i++) {
		pdf_line *line = &pl->line[i];
		if (!line->edge)
			continue;
		if (is_page_number(line)) {
			line->drop = true;
			continue;
		}
		line_key(line, key, sizeof key);
		int pages = 0, last_page = -1;
		for (size_t j = 0; j < pl->count; j++) {
			if (!pl->line[j].edge || pl->line[j].page == last_page)
				continue;
			line_key(&pl->line[j], other, sizeof other);
			if (strcmp(key, other) == 0) {
				pages++;
				last_page = pl->line[j].page;
			}
		}
		line->drop = pl->pages >= 2 && pages >= 2 && 2 * pages >= pl->pages;
	}
}

/* The median line height (size false) or font size (size true). */
static double median_of(const pdf_lines *pl, bool size)
{
	double *h = malloc((pl->count ? pl->count : 1) * sizeof *h);
	size_t n = 0;
	for (size_t i = 0; h && i < pl->count; i++) {
		double v = size ? pl->line[i].size : pl->line[i].height;
		if (v > 0)
			h[n++] = v;
	}
	if (!h || n == 0) {
		free(h);
		return 10;
	}
	qsort(h, n, sizeof *h, themes_compare_doubles);
	double m = h[n / 2];
	free(h);
	return m;
}

static bool ends_paragraph(const pdf_line *line)
{
	return line->length > 0 && strchr(".!?:;", line->text[line->length - 1]);
}

/* The bytes of the soft hyphen that ends t[0..n), with the hyphen glyph
 * a printer may draw after it (Chromium writes U+00AD U+2010), or 0. */
static size_t soft_hyphen_end(const char *t, size_t n)
{
	size_t size, before;
	utf8proc_int32_t last = themes_seg_decode_last(t, n, &size);
	if (last == 0xAD)
		return size;
	if ((last == '-' || last == 0x2010) && n > size &&
	    themes_seg_decode_last(t, n - size, &before) == 0xAD)
		return size + before;
	return 0;
}

/* The hyphen (- or U+2010) that ends t[0..n) right after a letter: its
 * code point, its bytes in *size; 0 when there is none. */
static utf8proc_int32_t hyphen_after_letter(const char *t, size_t n,
                                            size_t *size)
{
	size_t before;
	utf8proc_int32_t last = themes_seg_decode_last(t, n, size);
	if ((last != '-' && last != 0x2010) || n <= *size ||
	    !themes_seg_is_letter(themes_seg_decode_last(t, n - *size, &before)))
		return 0;
	return last;
}

/* Whether the document marks the words it cuts at line ends: its text
 * holds soft hyphens (U+00AD, which poppler also reports inside lines) or
 * U+2010.  A plain - at a line end is then a hyphen of the text. */
static bool marks_word_cuts(const pdf_lines *pl)
{
	for (size_t i = 0; i < pl->count; i++) {
		const pdf_line *line = &pl->line[i];
		if (!line->drop && (memmem(line->text, line->length, "\xc2\xad", 2) ||
		                    memmem(line->text, line->length, "\xe2\x80\x90", 3)))
			return true;
	}
	return false;
}

/* Drops a line that holds only the hyphen glyph drawn for the soft hyphen
 * ending the line before it (poppler may place it on a line of its own). */
static void drop_cut_glyphs(pdf_lines *pl)
{
	const pdf_line *prev = NULL;
	for (size_t i = 0; i < pl->count; i++) {
		pdf_line *line = &pl->line[i];
		if (line->drop)
			continue;
		size_t size;
		utf8proc_int32_t only = themes_seg_decode(line->text, line->length,
		                                          &size);
		line->drop = prev && size == line->length &&
		             (only == '-' || only == 0x2010) &&
		             soft_hyphen_end(prev->text, prev->length) > 0;
		if (!line->drop)
			prev = line;
	}
}

/* Whether a line of the document holds w[0..n) as a whole word (ASCII
 * letters in any case). */
static bool document_has_word(const pdf_lines *pl, const char *w, size_t n)
{
	size_t size;
	for (size_t i = 0; i < pl->count; i++) {
		const pdf_line *line = &pl->line[i];
		for (size_t k = 0; !line->drop && k + n <= line->length; k++) {
			if ((line->text[k] | 0x20) != (w[0] | 0x20) ||
			    strncasecmp(line->text + k, w, n) != 0)
				continue;
			const char *after = line->text + k + n;
			size_t left = line->length - k - n;
			if ((k == 0 || !themes_seg_is_letter(
			         themes_seg_decode_last(line->text, k, &size))) &&
			    (left == 0 || !themes_seg_is_letter(
			         themes_seg_decode(after, left, &size))))
				return true;
		}
	}
	return false;
}

/* In a document that does not mark its cuts: whether the - ending prev
 * (before hyphen bytes from its end) belongs to the word that next
 * finishes, because the document writes that word with its hyphen
 * elsewhere and never without it. */
static bool hyphen_in_word(const pdf_lines *pl, const pdf_line *prev,
                           size_t hyphen, const pdf_line *next)
{
	char joined[256], hyphened[257];
	size_t n = prev->length - hyphen, start = n, end = 0, size;
	while (start > 0 && (prev->text[start - 1] == '-' || themes_seg_is_letter(
	           themes_seg_decode_last(prev->text, start, &size))))
		start -= prev->text[start - 1] == '-' ? 1 : size;
	while (end < next->length && themes_seg_is_letter(
	           themes_seg_decode(next->text + end, next->length - end, &size)))
		end += size;
	size_t head = n - start;
	if (head + end + 1 > sizeof joined)
		return false;
	memcpy(joined, prev->text + start, head);
	memcpy(joined + head, next->text, end);
	memcpy(hyphened, prev->text + start, head);
	hyphened[head] = '-';
	memcpy(hyphened + head + 1, next->text, end);
	return document_has_word(pl, hyphened, head + end + 1) &&
	       !document_has_word(pl, joined, head + end);
}

static bool starts_item(const pdf_line *line)
{
	int family;
	return themes_seg_bullet_at(line->text, line->length) ||
	       themes_seg_number_at(line->text, line->length) ||
	       themes_seg_cjk_marker_at(line->text, line->length, &family);
}

/* How prev goes on into next, the line after it in the same paragraph:
 * the separator, with in *cut the bytes to drop from the end of prev (a
 * hyphen that only marks a word cut at the line end).  A sentence wrapped
 * over lines becomes one line, so that the segmenter cannot take a short
 * wrapped line for a heading; a line break stays after the end of a
 * sentence or list clause and before an item. */
static const char *join_lines(const pdf_lines *pl, const pdf_line *prev,
                              const pdf_line *next, bool marked, size_t *cut)
{
	const char *t = prev->text;
	size_t n = prev->length, size;
	utf8proc_int32_t first = themes_seg_decode(next->text, next->length,
	                                           &size);
	*cut = soft_hyphen_end(t, n);
	if (*cut)
		return "";
	if (starts_item(next))
		return "\n";
	utf8proc_int32_t hyphen = hyphen_after_letter(t, n, &size);
	if (hyphen && themes_seg_is_lower(first)) {
		/* a word cut at the line end, unless this hyphen is not a mark
		 * of a document that marks its cuts, or is written elsewhere
		 * as part of the word ("long-term") */
		if (hyphen == 0x2010 ||
		    (!marked && !hyphen_in_word(pl, prev, size, next)))
			*cut = size;
		return "";
	}
	/* "China-" before "Russia": a compound, hyphen kept */
	if (hyphen && (themes_seg_is_letter(first) || themes_seg_is_digit(*next->text)))
		return "";
	if (themes_seg_ends_clause(t, n))
		return "\n";
	if (themes_seg_is_cjk(themes_seg_decode_last(t, n, &size)) &&
	    themes_seg_is_cjk(first))
		return "";
	return " ";
}

/* The kept lines, with a blank line at paragraph gaps; lines in a font
 * clearly larger than the body's are "# " headings (a heading wrapped over
 * lines stays one). */
static bool write_lines(const pdf_lines *pl, themes_buffer *out)
{
	double height = median_of(pl, false), body = median_of(pl, true);
	bool marked = marks_word_cuts(pl);
	const pdf_line *prev = NULL;
	bool ok = true;
	for (size_t i = 0; i < pl->count && ok; i++) {
		const pdf_line *line = &pl->line[i];
		if (line->drop)
			continue;
		bool heading = line->size > 1.15 * body;
		bool prev_heading = prev && prev->size > 1.15 * body;
		bool gap = prev && (line->page == prev->page
			? line->top - prev->bottom > 0.5 * height
			: ends_paragraph(prev));
		if (prev) {
			size_t cut = 0;
			const char *separator = heading && prev_heading && !gap ? " "
				: gap || heading || prev_heading ? "\n\n"
				: join_lines(pl, prev, line, marked, &cut);
			ok = themes_append_normalised(out, prev->text, prev->length - cut) &&
			     themes_buffer_append(out, separator, strlen(separator));
		}
		if (heading && !(prev_heading && !gap))
			ok = ok && themes_buffer_append(out, "# ", 2);
		prev = line;
	}
	if (prev)
		ok = ok && themes_append_normalised(out, prev->text, prev->length);
	return ok && themes_buffer_append(out, "\n", 1);
}

int themes_pdf_text(const char *data, size_t length, const char *name,
                    themes_buffer *out, themes_error *err)
{
	const pdf_library *lib = themes_pdf_library(name, err);
	if (!lib)
		return THEMES_ERR_IO;
	GError *gerr = NULL;
	GBytes *bytes = lib->bytes_new_static(data, length);
	PopplerDocument *doc = lib->document_new_from_bytes(bytes, NULL, &gerr);
	lib->bytes_unref(bytes);
	if (!doc) {
		bool encrypted = gerr && gerr->domain == lib->error_quark() &&
		                 gerr->code == POPPLER_ERROR_ENCRYPTED;
		int status = encrypted
			? themes_fail(err, THEMES_ERR_DATA, 0, "%s: the PDF is "
			              "encrypted; it has no extractable text", name)
			: themes_fail(err, THEMES_ERR_DATA, 0, "%s: not a readable PDF: "
			              "%s", name, gerr ? gerr->message : "unknown error");
		lib->clear_error(&gerr);
		return status;
	}
	pdf_lines pl = {0};
	int status = read_pages(lib, doc, &pl, name, err);
	if (status == THEMES_OK) {
		drop_running_lines(&pl);
		drop_cut_glyphs(&pl);
		if (!write_lines(&pl, out))
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	for (int i = 0; i < pl.pages; i++)
		lib->free(pl.texts[i]);
	free(pl.texts);
	free(pl.line);
	lib->object_unref(doc);
	return status;
}
