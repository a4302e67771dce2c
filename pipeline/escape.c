/*
 * escape.c - text into the syntax of an output format: UTF-8 validation and
 * the escaping of JSON strings, CSV fields, XML and HTML text, Markdown and
 * one-line terminal text, all written to a FILE *.
 *
 * Every report and every command writes text through these functions, so a
 * format escapes the same way wherever it is written.  The formats that
 * must be valid UTF-8 (JSON, XML, HTML) replace invalid bytes with U+FFFD;
 * the others copy bytes unchanged.
 */
#include "themes.h"

#include <string.h>

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

static int stream_status(FILE *out)
{
	return ferror(out) ? THEMES_ERR_IO : THEMES_OK;
}

size_t themes_utf8_length(const char *text, uint32_t *code_point)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t cp;
	size_t length, i;

	if (s[0] < 0x80) {
		cp = s[0];
		length = 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		cp = s[0] & 0x1Fu;
		length = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		cp = s[0] & 0x0Fu;
		length = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		cp = s[0] & 0x07u;
		length = 4;
	} else {
		return 0;
	}
	/* A NUL is not a continuation byte, so this stops at the string's end. */
	for (i = 1; i < length; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (code_point)
		*code_point = cp;
	return length;
}

/* What a JSON string writes for code point cp, or NULL to copy it.  The
 * \u form goes into buffer. */
static const char *json_escape(uint32_t cp, int style, char buffer[8])
{
	if (cp == '"')
		return "\\\"";
	if (cp == '\\')
		return "\\\\";
	if (style == THEMES_JSON_SHORT) {
		switch (cp) {
		case '\n': return "\\n";
		case '\r': return "\\r";
		case '\t': return "\\t";
		case 0x7F: return NULL; /* JSON allows DEL as it is */
		}
	}
	if (cp >= 0x20 && cp != 0x7F)
		return NULL;
	snprintf(buffer, 8, "\\u%04x", (unsigned)cp);
	return buffer;
}

/* What XML (html 0) or HTML (html 1) text writes for code point cp: an
 * entity or U+FFFD, or NULL to copy it.  XML 1.0 forbids most C0 controls
 * and U+FFFE/U+FFFF, and tab, LF and CR are references so that attribute
 * values keep them; HTML forbids C0 controls and DEL, and a tab becomes the
 * space it renders as. */
static const char *markup_escape(uint32_t cp, int html, char buffer[8])
{
	(void)buffer;
	switch (cp) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return html ? "&#39;" : "&apos;";
	case '\n': return "&#10;";
	case '\t': return html ? " " : "&#9;";
	case '\r': return html ? REPLACEMENT_CHARACTER : "&#13;";
	case 0x7F: return html ? REPLACEMENT_CHARACTER : NULL;
	case 0xFFFE: case 0xFFFF: return html ? NULL : REPLACEMENT_CHARACTER;
	default: return cp < 0x20 ? REPLACEMENT_CHARACTER : NULL;
	}
}

typedef const char *escape_fn(uint32_t cp, int variant, char buffer[8]);

/* Writes text (NULL as "") code point by code point: what escape returns
 * in place of a character, U+FFFD in place of each byte that is not
 * well-formed UTF-8, and runs of other characters copied whole. */
static int write_escaped(FILE *out, const char *text, escape_fn *escape,
                         int variant)
{
	const char *s = text ? text : "", *run = s;
	char buffer[8];

	if (!out)
		return THEMES_ERR_PARAM;
	while (*s) {
		uint32_t cp;
		size_t length = themes_utf8_length(s, &cp);
		const char *replacement = length ? escape(cp, variant, buffer)
		                                 : REPLACEMENT_CHARACTER;

		if (!replacement) {
			s += length;
			continue;
		}
		fwrite(run, 1, (size_t)(s - run), out);
		fputs(replacement, out);
		s += length ? length : 1;
		run = s;
	}
	fwrite(run, 1, (size_t)(s - run), out);
	return stream_status(out);
}

int themes_write_json_string(FILE *out, const char *text,
                             themes_json_style style)
{
	if (!out)
		return THEMES_ERR_PARAM;
	if (!text) {
		fputs("null", out);
		return stream_status(out);
	}
	putc('"', out);
	write_escaped(out, text, json_escape, (int)style);
	putc('"', out);
	return stream_status(out);
}

int themes_write_csv_field(FILE *out, const char *text)
{
	const char *s;

	if (!out)
		return THEMES_ERR_PARAM;
	if (!text)
		text = "";
	if (!strpbrk(text, ",\"\r\n")) {
		fputs(text, out);
		return stream_status(out);
	}
	putc('"', out);
	for (s = text; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
	return stream_status(out);
}

int themes_write_xml_text(FILE *out, const char *text)
{
	return write_escaped(out, text, markup_escape, 0);
}

int themes_write_html_text(FILE *out, const char *text)
{
	return write_escaped(out, text, markup_escape, 1);
}

/* Control bytes become spaces and the bytes in `marked` get a backslash;
 * everything else is copied. */
static int write_line_text(FILE *out, const char *text, const char *marked)
{
	const char *s;

	if (!out)
		return THEMES_ERR_PARAM;
	for (s = text ? text : ""; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			putc(' ', out);
		else if (strchr(marked, *s))
			fprintf(out, "\\%c", *s);
		else
			putc(*s, out);
	}
	return stream_status(out);
}

int themes_write_plain_text(FILE *out, const char *text)
{
	return write_line_text(out, text, "");
}

int themes_write_markdown_text(FILE *out, const char *text)
{
	return write_line_text(out, text, "\\`*_[]<>|#!");
}
