/*
 * document.c - a published statement (bytes of text, HTML or PDF, in any
 * encoding) to the UTF-8 plain text that themes_segment reads.
 *
 * The encoding is decided before parsing, so that one rule covers text and
 * HTML: --encoding, else the byte-order mark, else an HTML page's declared
 * charset, else UTF-8.  A declared encoding is converted with iconv and
 * checked; undeclared UTF-8 is taken as it is, as themes_segment has always
 * read it (invalid bytes separate words).
 */
#include "document.h"
#include "themes.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

static bool starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* Skips a UTF-8 byte-order mark, white space and <!-- comments --> at s. */
static size_t skip_preamble(const char *s, size_t n)
{
	size_t i = starts_with(s, n, "\xef\xbb\xbf") ? 3 : 0;
	for (;;) {
		while (i < n && strchr(" \t\r\n\f", s[i]) && s[i])
			i++;
		if (!starts_with(s + i, n - i, "<!--"))
			return i;
		const char *end = NULL;
		for (size_t k = i + 4; k + 3 <= n && !end; k++)
			if (memcmp(s + k, "-->", 3) == 0)
				end = s + k + 3;
		if (!end)
			return i;
		i = (size_t)(end - s);
	}
}

themes_document_kind themes_detect_document(const char *head, size_t length)
{
	static const char *const tags[] = {
		"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
		"<main", "<article", "<div", "<p>", "<p ", "<h1", "<h2", "<h3",
		"<section", "<table", "<ul", "<ol", "<?xml", NULL};
	if (starts_with(head, length, "%PDF-"))
		return THEMES_DOCUMENT_PDF;
	size_t i = skip_preamble(head, length);
	for (int k = 0; tags[k]; k++)
		if (starts_with(head + i, length - i, tags[k]))
			return THEMES_DOCUMENT_HTML;
	return THEMES_DOCUMENT_TEXT;
}

/* The charset an HTML page declares in its first 4096 bytes (<meta
 * charset=X> or http-equiv content="...; charset=X"), into name. */
static bool sniff_charset(const char *s, size_t n, char *name, size_t size)
{
	if (n > 4096)
		n = 4096;
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset=", 8) != 0)
			continue;
		size_t k = i + 8, len = 0;
		while (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == ' '))
			k++;
		while (k + len < n && len + 1 < size &&
		       (strchr("-_.:", s[k + len]) ||
		        (s[k + len] >= '0' && s[k + len] <= '9') ||
		        ((s[k + len] | 0x20) >= 'a' && (s[k + len] | 0x20) <= 'z')))
			len++;
		if (len == 0)
			continue;
		memcpy(name, s + k, len);
		name[len] = '\0';
		return true;
	}
	return false;
}

/* Web pages label GBK text "gb2312" (browsers read both as GBK); GB18030
 * reads every GB2312 and GBK byte sequence the same way. */
static const char *iconv_name(const char *name)
{
	static const char *const gb[] = {"gb2312", "gbk", "x-gbk", "cp936",
	                                 "euc-cn", NULL};
	for (int k = 0; gb[k]; k++)
		if (strcasecmp(name, gb[k]) == 0)
			return "GB18030";
	return name;
}

/* Whether s[0..n) is well-formed UTF-8 that holds characters beyond
 * ASCII.  Text in a legacy encoding practically never is: its non-ASCII
 * bytes (Cyrillic or GB letters, one after another) do not fall into
 * UTF-8's lead and continuation patterns. */
static bool is_utf8_beyond_ascii(const char *s, size_t n)
{
	bool beyond = false;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return false;
		beyond |= cp >= 0x80;
		i += (size_t)k;
	}
	return beyond;
}

/* The encoding of data: the option, the byte-order mark (whose length
 * goes to *skip) or the page's declaration; NULL for undeclared UTF-8.  A
 * page whose bytes are UTF-8 beyond ASCII is read as UTF-8 whatever it
 * declares: it was saved as UTF-8 under its old declaration (as a
 * browser's serialised DOM or an editor's conversion keeps it). */
static const char *choose_encoding(const char *data, size_t length,
                                   const themes_document_options *o,
                                   char *sniffed, size_t size, size_t *skip)
{
	static const struct { const char *bom, *name; } boms[] = {
		{"\xef\xbb\xbf", "UTF-8"}, {"\xff\xfe", "UTF-16LE"},
		{"\xfe\xff", "UTF-16BE"}};
	*skip = 0;
	for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++)
		if (starts_with(data, length, boms[k].bom)) {
			*skip = strlen(boms[k].bom);
			return o->encoding ? o->encoding : boms[k].name;
		}
	if (o->encoding)
		return o->encoding;
	bool html = o->kind == THEMES_DOCUMENT_HTML ||
	            (o->kind == THEMES_DOCUMENT_AUTO &&
	             themes_detect_document(data, length) == THEMES_DOCUMENT_HTML);
	if (html && sniff_charset(data, length, sniffed, size) &&
	    !is_utf8_beyond_ascii(data, length))
		return sniffed;
	return NULL;
}

/* Converts in[0..n) from encoding to UTF-8, appending to out.  base is the
 * byte offset of in within the file, for messages. */
static int convert(const char *in, size_t n, size_t base, const char *encoding,
                   const char *name, int replace, themes_buffer *out,
                   themes_error *err)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name(encoding));
	if (cd == (iconv_t)-1)
		return themes_fail(err, THEMES_ERR_DATA, 0,
		                   "%s: unknown encoding \"%s\" (run 'iconv -l' to "
		                   "list the valid names)", name, encoding);
	char *src = (char *)in;
	size_t left = n;
	int status = THEMES_OK;
	while (left > 0 && status == THEMES_OK) {
		if (!themes_buffer_reserve(out, left * 2 + 16)) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			break;
		}
		char *dst = out->data + out->length;
		size_t room = out->capacity - out->length - 1;
		size_t r = iconv(cd, &src, &left, &dst, &room);
		out->length = (size_t)(dst - out->data);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		size_t offset = base + (size_t)(src - in);
		if (!replace)
			status = themes_fail(err, THEMES_ERR_DATA, 0,
			                     "%s: byte offset %zu: invalid %s byte "
			                     "sequence (--encoding-errors replace "
			                     "substitutes U+FFFD)", name, offset, encoding);
		else if (!themes_buffer_append(out, "\xef\xbf\xbd", 3))
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		src++;
		left--;
	}
	iconv_close(cd);
	if (status == THEMES_OK && !themes_buffer_append(out, "", 0))
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	return status;
}

bool themes_append_normalised(themes_buffer *out, const char *text, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *u = (const unsigned char *)text + i;
		size_t drop = 0;
		const char *with = "";
		if (u[0] == 0xc2 && i + 1 < n && (u[1] == 0xa0 || u[1] == 0xad)) {
			drop = 2;
			with = u[1] == 0xa0 ? " " : "";
		} else if (u[0] == 0xe2 && i + 2 < n && u[1] == 0x80 &&
		           (u[2] == 0x8b || u[2] == 0xaf)) {
			drop = 3; /* zero-width space; narrow no-break space */
			with = u[2] == 0xaf ? " " : "";
		} else if (u[0] == 0xef && i + 2 < n && u[1] == 0xbb && u[2] == 0xbf) {
			drop = 3;
		}
		if (!drop)
			continue;
		if (!themes_buffer_append(out, text + start, i - start) ||
		    !themes_buffer_append(out, with, strlen(with)))
			return false;
		i += drop - 1;
		start = i + 1;
	}
	return themes_buffer_append(out, text + start, n - start);
}

/* Plain text is text: a NUL byte means a binary or corrupt file. */
static int check_text(const char *text, size_t n, const char *name,
                      themes_error *err)
{
	const char *nul = memchr(text, '\0', n);
	if (!nul)
		return THEMES_OK;
	long line = 1;
	for (const char *p = text; p < nul; p++)
		line += *p == '\n';
	return themes_fail(err, THEMES_ERR_DATA, line, "%s:%ld: NUL byte in the "
	                   "input; the input must be UTF-8 text", name, line);
}

/* data as UTF-8 into utf8 (converted, or copied when undeclared). */
static int decode(const char *data, size_t length, const char *name,
                  const themes_document_options *o, themes_buffer *utf8,
                  themes_error *err)
{
	char sniffed[64];
	size_t skip;
	const char *encoding = choose_encoding(data, length, o, sniffed,
	                                       sizeof sniffed, &skip);
	if (encoding)
		return convert(data + skip, length - skip, skip, encoding, name,
		               o->replace_invalid, utf8, err);
	if (!themes_buffer_append(utf8, data, length))
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	return THEMES_OK;
}

bool themes_document_add_item(themes_document *doc, long line,
                              const char *number)
{
	/* the capacity is 64, then the next power of two */
	size_t n = doc->item_count;
	if (n == 0 || (n >= 64 && (n & (n - 1)) == 0)) {
		themes_document_item *grown = realloc(doc->items,
			(n ? 2 * n : 64) * sizeof *grown);
		if (!grown)
			return false;
		doc->items = grown;
	}
	themes_document_item *item = &doc->items[doc->item_count++];
	item->line = line;
	snprintf(item->number, sizeof item->number, "%s", number);
	return true;
}

const char *themes_document_item_number(const themes_document *document,
                                        long line)
{
	size_t low = 0, high = document->item_count;
	while (low < high) {
		size_t mid = low + (high - low) / 2;
		if (document->items[mid].line < line)
			low = mid + 1;
		else
			high = mid;
	}
	return low < document->item_count && document->items[low].line == line
		? document->items[low].number : NULL;
}

void themes_document_free(themes_document *document)
{
	free(document->text);
	free(document->items);
	memset(document, 0, sizeof *document);
}

int themes_document_read(const char *data, size_t length, const char *name,
                         const themes_document_options *options,
                         themes_document *document, themes_error *err)
{
	themes_document_options defaults = {0};
	const themes_document_options *o = options ? options : &defaults;
	themes_document_kind kind = o->kind;
	themes_buffer utf8 = {0}, out = {0};
	memset(document, 0, sizeof *document);
	if (kind == THEMES_DOCUMENT_AUTO && themes_detect_document(data, length) ==
	    THEMES_DOCUMENT_PDF)
		kind = THEMES_DOCUMENT_PDF;
	int status = kind == THEMES_DOCUMENT_PDF
		? themes_pdf_text(data, length, name, &out, err)
		: decode(data, length, name, o, &utf8, err);
	if (status == THEMES_OK && kind != THEMES_DOCUMENT_PDF) {
		if (kind == THEMES_DOCUMENT_AUTO)
			kind = themes_detect_document(utf8.data, utf8.length);
		if (kind == THEMES_DOCUMENT_HTML)
			status = themes_html_text(utf8.data, utf8.length, name, &out,
			                          document, err);
		else if ((status = check_text(utf8.data, utf8.length, name, err)) ==
		         THEMES_OK && !themes_buffer_append(&out, utf8.data, utf8.length))
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	themes_buffer_free(&utf8);
	if (status == THEMES_OK && !themes_buffer_append(&out, "", 0))
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	if (status != THEMES_OK) {
		themes_buffer_free(&out);
		themes_document_free(document);
		return status;
	}
	document->text = out.data;
	document->length = out.length;
	return THEMES_OK;
}

int themes_document_text(const char *data, size_t length, const char *name,
                         const themes_document_options *options, char **text,
                         size_t *text_length, themes_error *err)
{
	themes_document document;
	*text = NULL;
	*text_length = 0;
	int status = themes_document_read(data, length, name, options, &document,
	                                  err);
	if (status != THEMES_OK)
		return status;
	*text = document.text;
	*text_length = document.length;
	free(document.items);
	return THEMES_OK;
}
