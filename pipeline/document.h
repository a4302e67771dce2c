/*
 * document.h - what the files of the document reader share; not installed.
 *
 *   document.c       detection, encodings (iconv), dispatch
 *   document_html.c  HTML to text through libxml2's HTML parser
 *   document_pdf.c   PDF to text through poppler-glib
 *
 * Each converter appends the text themes_segment reads to a buffer and
 * returns a themes_status, filling err.
 */
#ifndef THEMES_DOCUMENT_H
#define THEMES_DOCUMENT_H

#include "internal.h"
#include "themes.h"

/* items, when not NULL, receives the numbered-list items of the page. */
int themes_html_text(const char *utf8, size_t length, const char *name,
                     themes_buffer *out, themes_document *items,
                     themes_error *err);
int themes_pdf_text(const char *data, size_t length, const char *name,
                    themes_buffer *out, themes_error *err);

/* Appends an item starting at line to doc's items; false when out of
 * memory. */
bool themes_document_add_item(themes_document *doc, long line,
                              const char *number);

/* Appends text[0..n) to out with no-break spaces as spaces and soft
 * hyphens, zero-width spaces and byte-order marks removed. */
bool themes_append_normalised(themes_buffer *out, const char *text, size_t n);

#endif
