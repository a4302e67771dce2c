/*
 * pdf_library.h - poppler-glib, loaded on first use.
 *
 * poppler and what it brings (cairo, GIO, NSS, fontconfig and about fifty
 * libraries more) take about 9 ms to load and relocate, paid by every run
 * of the program when linked; most runs read no PDF.  So the library is
 * opened with dlopen the first time a PDF is read, and document_pdf.c calls
 * it through this table.
 */
#ifndef THEMES_PDF_LIBRARY_H
#define THEMES_PDF_LIBRARY_H

#include "themes.h"

#include <poppler.h>

typedef struct pdf_library {
	PopplerDocument *(*document_new_from_bytes)(GBytes *bytes,
	                                            const char *password,
	                                            GError **error);
	int (*document_get_n_pages)(PopplerDocument *document);
	PopplerPage *(*document_get_page)(PopplerDocument *document, int index);
	char *(*page_get_text)(PopplerPage *page);
	gboolean (*page_get_text_layout)(PopplerPage *page,
	                                 PopplerRectangle **rectangles,
	                                 guint *n_rectangles);
	GList *(*page_get_text_attributes)(PopplerPage *page);
	void (*page_free_text_attributes)(GList *list);
	GQuark (*error_quark)(void);
	GBytes *(*bytes_new_static)(gconstpointer data, gsize size);
	void (*bytes_unref)(GBytes *bytes);
	void (*object_unref)(gpointer object);
	void (*free)(gpointer memory);
	void (*clear_error)(GError **error);
} pdf_library;

/* The table, loading the library the first time (once per process, safe
 * from any thread); NULL with a message in err when it cannot be loaded. */
const pdf_library *themes_pdf_library(const char *name, themes_error *err);

#endif
