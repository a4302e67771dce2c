/*
 * pdf_library.c - opens poppler-glib with dlopen on the first PDF (see
 * pdf_library.h for why) and fills the table of its functions.
 */
#include "pdf_library.h"
#include "internal.h"

#include <dlfcn.h>
#include <string.h>
#include <pthread.h>
#include <stdio.h>

#ifndef THEMES_POPPLER_GLIB_SONAME
#error "CMake defines THEMES_POPPLER_GLIB_SONAME from the library it found"
#endif

static pdf_library library;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* The symbol's address, or NULL after noting which one is missing. */
static void *symbol(void *handle, const char *name)
{
	void *address = dlsym(handle, name);
	if (!address && !load_error[0])
		snprintf(load_error, sizeof load_error, "%s has no symbol %s",
		         THEMES_POPPLER_GLIB_SONAME, name);
	return address;
}

/* dlsym gives a function's address as a void *, which POSIX lets a
 * function pointer take; C alone does not, hence the copy. */
#define LOAD(field, name)                                        \
	do {                                                          \
		void *address = symbol(handle, name);                     \
		memcpy(&library.field, &address, sizeof library.field);  \
	} while (0)

static void load(void)
{
	/* Its dependencies, glib and gobject among them, come with it, and
	 * dlsym on its handle finds their symbols too. */
	void *handle = dlopen(THEMES_POPPLER_GLIB_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		snprintf(load_error, sizeof load_error, "%s", dlerror());
		return;
	}
	LOAD(document_new_from_bytes, "poppler_document_new_from_bytes");
	LOAD(document_get_n_pages, "poppler_document_get_n_pages");
	LOAD(document_get_page, "poppler_document_get_page");
	LOAD(page_get_text, "poppler_page_get_text");
	LOAD(page_get_text_layout, "poppler_page_get_text_layout");
	LOAD(page_get_text_attributes, "poppler_page_get_text_attributes");
	LOAD(page_free_text_attributes, "poppler_page_free_text_attributes");
	LOAD(error_quark, "poppler_error_quark");
	LOAD(bytes_new_static, "g_bytes_new_static");
	LOAD(bytes_unref, "g_bytes_unref");
	LOAD(object_unref, "g_object_unref");
	LOAD(free, "g_free");
	LOAD(clear_error, "g_clear_error");
	/* The library stays loaded: GLib's type system does not unload. */
}

const pdf_library *themes_pdf_library(const char *name, themes_error *err)
{
	pthread_once(&load_once, load);
	if (!load_error[0])
		return &library;
	themes_fail(err, THEMES_ERR_IO, 0, "%s: reading a PDF needs the poppler "
	            "library, which could not be loaded (%s); on Debian it is the "
	            "package of %s, installed with themes", name, load_error,
	            THEMES_POPPLER_GLIB_SONAME);
	return NULL;
}
