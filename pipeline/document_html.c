/*
 * document_html.c - an HTML page to the text themes_segment reads, through
 * libxml2's HTML parser.
 *
 * libxml2 (Debian libxml2-dev) was chosen over gumbo and lexbor because it
 * is already on every Debian system that has a desktop or Python, ships a
 * pkg-config file and a CMake module (FindLibXml2), has a plain C API, and
 * its HTML parser recovers from malformed markup (unclosed p and li,
 * stray end tags, bad nesting) the way browsers do for the markup
 * statements use.  gumbo is unmaintained upstream; lexbor is not packaged
 * in Debian 12.
 *
 * The page becomes lines: "# heading", "- item", paragraphs separated by
 * blank lines, br as a line break.  The number of an ol's item (start,
 * type, reversed and value as a browser reads them) is not written: it
 * goes to the document's items with the line of the item, so that it
 * cannot be mistaken for text, and an item of any number or type stays an
 * item.  Boilerplate elements are
 * dropped; the content is main, else the largest article, else the
 * container densest in text outside links.
 */
#define _GNU_SOURCE
#include "document.h"
#include "themes.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct html_out {
	themes_buffer *out;
	themes_document *items; /* receives the ol items; may be NULL */
	long line;          /* the line being written, from 1 */
	int pending;        /* line breaks owed before the next text (0-2) */
	bool line_empty;    /* nothing written on the current line yet */
	const char *prefix; /* an item marker owed before the next text */
	char number[24];    /* the number of the ol item owed, or "" */
	int in_item;        /* inside li: br is a space */
	bool nomem;
} html_out;

static bool is_named(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	       strcasecmp((const char *)node->name, name) == 0;
}

static bool is_any(const xmlNode *node, const char *const *names)
{
	for (int k = 0; names[k]; k++)
		if (is_named(node, names[k]))
			return true;
	return false;
}

static bool attribute_has(const xmlNode *node, const char *attribute,
                          const char *const *needles)
{
	xmlChar *value = xmlGetProp(node, (const xmlChar *)attribute);
	bool found = false;
	for (int k = 0; value && needles[k] && !found; k++)
		found = strcasestr((const char *)value, needles[k]) != NULL;
	xmlFree(value);
	return found;
}

/* Boilerplate: never statement text. */
static bool dropped(const xmlNode *node)
{
	static const char *const tags[] = {
		"script", "style", "nav", "header", "footer", "aside", "form",
		"noscript", "template", "iframe", "svg", "button", "select",
		"textarea", "head", "title", "menu", NULL};
	static const char *const roles[] = {"navigation", "banner",
		"contentinfo", "complementary", "search", NULL};
	static const char *const hidden_styles[] = {"display:none",
		"display: none", "visibility:hidden", "visibility: hidden", NULL};
	static const char *const classes[] = {"share", "social", "breadcrumb",
		"cookie", NULL};
	static const char *const yes[] = {"true", NULL};
	if (is_any(node, tags) || xmlHasProp(node, (const xmlChar *)"hidden"))
		return true;
	return attribute_has(node, "role", roles) ||
	       attribute_has(node, "aria-hidden", yes) ||
	       attribute_has(node, "style", hidden_styles) ||
	       attribute_has(node, "class", classes) ||
	       attribute_has(node, "id", classes);
}

/* ---- choosing the content ---------------------------------------------- */

typedef struct density {
	const xmlNode *best;
	double best_score;
	const char *want; /* NULL: containers by density; else this tag by size */
} density;

static bool is_container(const xmlNode *node)
{
	static const char *const tags[] = {"div", "section", "td", "body",
		"center", "table", NULL};
	return is_any(node, tags);
}

/* Text bytes under node (*links: those inside links); records the best
 * candidate in d on the way. */
static size_t measure(const xmlNode *node, size_t *links, density *d)
{
	size_t text = 0, linked = 0;
	for (const xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			text += c->content ? strlen((const char *)c->content) : 0;
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || dropped(c))
			continue;
		size_t l = 0, t = measure(c, &l, d);
		text += t;
		linked += is_named(c, "a") ? t : l;
	}
	*links = linked;
	double score = d->want ? (is_named(node, d->want) ? (double)text : -1)
	               : is_container(node) ? (double)text - 3.0 * (double)linked : -1;
	/* Children are measured first: an enclosing container replaces the
	 * densest one found inside it only when it holds clearly more. */
	bool better = d->want ? score > d->best_score
	                      : score > d->best_score * 1.1;
	if (score > 0 && (!d->best || better)) {
		d->best = node;
		d->best_score = score;
	}
	return text;
}

static const xmlNode *find_named(const xmlNode *node, const char *name)
{
	for (const xmlNode *c = node; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || dropped(c))
			continue;
		if (is_named(c, name))
			return c;
		const xmlNode *found = find_named(c->children, name);
		if (found)
			return found;
	}
	return NULL;
}

static const xmlNode *choose_content(const xmlNode *root)
{
	const xmlNode *main = find_named(root, "main");
	if (main)
		return main;
	size_t links;
	density d = {NULL, 0, "article"};
	measure(root, &links, &d);
	if (d.best)
		return d.best;
	d = (density){NULL, 0, NULL};
	measure(root, &links, &d);
	return d.best ? d.best : root;
}

/* ---- writing lines ------------------------------------------------------ */

static void put(html_out *h, const char *s, size_t n)
{
	if (!h->nomem && !themes_buffer_append(h->out, s, n))
		h->nomem = true;
	for (size_t i = 0; i < n; i++)
		h->line += s[i] == '\n';
}

/* Owes a line break (1) or a blank line (2) before the next text. */
static void brk(html_out *h, int level)
{
	if (h->out->length > 0 && h->pending < level)
		h->pending = level;
}

/* Appends text with white space collapsed, after any owed breaks. */
static void text(html_out *h, const char *s, size_t n)
{
	themes_buffer normal = {0};
	if (!themes_append_normalised(&normal, s, n)) {
		h->nomem = true;
		return;
	}
	for (size_t i = 0; i < normal.length; i++) {
		char c = normal.data[i];
		bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
		if (space) {
			if (!h->line_empty && h->pending == 0)
				h->pending = -1; /* one space owed */
			continue;
		}
		if (h->pending > 0) {
			while (h->out->length > 0 && h->out->data[h->out->length - 1] == ' ')
				h->out->data[--h->out->length] = '\0';
			put(h, "\n\n", (size_t)h->pending);
			h->line_empty = true;
		} else if (h->pending < 0) {
			put(h, " ", 1);
		}
		h->pending = 0;
		if (h->line_empty && h->prefix) {
			put(h, h->prefix, strlen(h->prefix));
			h->prefix = NULL;
			if (h->number[0] && h->items &&
			    !themes_document_add_item(h->items, h->line, h->number))
				h->nomem = true;
			h->number[0] = '\0';
		}
		put(h, &c, 1);
		h->line_empty = false;
	}
	themes_buffer_free(&normal);
}

static void walk(html_out *h, const xmlNode *node);

static void walk_children(html_out *h, const xmlNode *node)
{
	for (const xmlNode *c = node->children; c; c = c->next)
		walk(h, c);
}

static long long_attribute(const xmlNode *node, const char *name,
                           long otherwise)
{
	xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
	long n = value ? strtol((const char *)value, NULL, 10) : otherwise;
	xmlFree(value);
	return n;
}

/* The ordinal of an ol's li, as a browser counts: from the list's start
 * (1, or the number of items when reversed), up (or down when reversed)
 * by one per item, a value attribute setting the count. */
static long item_ordinal(const xmlNode *li)
{
	const xmlNode *ol = li->parent;
	bool reversed = xmlHasProp(ol, (const xmlChar *)"reversed") != NULL;
	long items = 0;
	for (const xmlNode *c = ol->children; c; c = c->next)
		items += is_named(c, "li");
	long step = reversed ? -1 : 1;
	long n = long_attribute(ol, "start", reversed ? items : 1) - step;
	for (const xmlNode *c = ol->children; c; c = c->next) {
		if (!is_named(c, "li"))
			continue;
		n = long_attribute(c, "value", n + step);
		if (c == li)
			break;
	}
	return n;
}

/* n as a Roman numeral (1 to 3999) in the case of type ('i' or 'I'). */
static void roman(long n, char type, char *out, size_t size)
{
	static const struct { int value; const char *digits; } parts[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
		{90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"},
		{4, "iv"}, {1, "i"}};
	size_t used = 0;
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		for (; n >= parts[k].value; n -= parts[k].value)
			for (const char *d = parts[k].digits; *d && used + 1 < size; d++)
				out[used++] = type == 'I' ? (char)(*d - 'a' + 'A') : *d;
	out[used] = '\0';
}

/* n in letters (a ... z, aa, ab, ...) in the case of type ('a' or 'A'). */
static void letters(long n, char type, char *out, size_t size)
{
	char reversed[24];
	size_t used = 0;
	for (; n > 0 && used < sizeof reversed; n = (n - 1) / 26)
		reversed[used++] = (char)(type + (n - 1) % 26);
	size_t k = 0;
	for (; k < used && k + 1 < size; k++)
		out[k] = reversed[used - 1 - k];
	out[k] = '\0';
}

/* The number of an ol's li as the page shows it: in the type of the li or
 * else of the list (1, a, A, i, I); decimal where the type has no digit
 * for it (letters below 1, Roman numerals outside 1-3999). */
static void item_number(const xmlNode *li, char *out, size_t size)
{
	long n = item_ordinal(li);
	xmlChar *type = xmlGetProp(li, (const xmlChar *)"type");
	if (!type)
		type = xmlGetProp(li->parent, (const xmlChar *)"type");
	char t = type && type[0] && !type[1] ? (char)type[0] : '1';
	xmlFree(type);
	if ((t == 'a' || t == 'A') && n >= 1)
		letters(n, t, out, size);
	else if ((t == 'i' || t == 'I') && n >= 1 && n <= 3999)
		roman(n, t, out, size);
	else
		snprintf(out, size, "%ld", n);
}

/* An li: a "- " line (the segmenter's item), its ol number kept apart. */
static void walk_item(html_out *h, const xmlNode *li)
{
	brk(h, 1);
	h->prefix = "- ";
	h->number[0] = '\0';
	if (li->parent && is_named(li->parent, "ol"))
		item_number(li, h->number, sizeof h->number);
	h->in_item++;
	walk_children(h, li);
	h->in_item--;
	h->prefix = NULL;
	h->number[0] = '\0';
	brk(h, 1);
}

static void walk_heading(html_out *h, const xmlNode *node)
{
	brk(h, 2);
	h->prefix = "# ";
	walk_children(h, node);
	h->prefix = NULL;
	brk(h, 2);
}

static void walk(html_out *h, const xmlNode *node)
{
	static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5",
		"h6", NULL};
	static const char *const blocks[] = {"p", "div", "td", "th", "tr",
		"table", "section", "article", "main", "blockquote", "ul", "ol",
		"dl", "dt", "dd", "pre", "address", "figure", "figcaption",
		"center", "body", "hr", NULL};
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		if (node->content)
			text(h, (const char *)node->content,
			     strlen((const char *)node->content));
		return;
	}
	if (node->type != XML_ELEMENT_NODE || dropped(node))
		return;
	if (is_named(node, "br")) {
		if (h->in_item)
			text(h, " ", 1);
		else
			brk(h, 1);
	} else if (is_any(node, headings)) {
		walk_heading(h, node);
	} else if (is_named(node, "li")) {
		walk_item(h, node);
	} else if (is_any(node, blocks)) {
		brk(h, 2);
		walk_children(h, node);
		brk(h, 2);
	} else {
		walk_children(h, node);
	}
}

int themes_html_text(const char *utf8, size_t length, const char *name,
                     themes_buffer *out, themes_document *items,
                     themes_error *err)
{
	if (length > INT32_MAX)
		return themes_fail(err, THEMES_ERR_DATA, 0, "%s: HTML page too large",
		                   name);
	htmlDocPtr doc = htmlReadMemory(utf8, (int)length, NULL, "UTF-8",
	                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	                                HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		xmlFreeDoc(doc);
		return themes_fail(err, THEMES_ERR_DATA, 0, "%s: no HTML content "
		                   "could be read", name);
	}
	html_out h = {out, items, 1, 0, true, NULL, "", 0, false};
	walk(&h, choose_content(root));
	put(&h, "\n", 1);
	xmlFreeDoc(doc);
	if (h.nomem)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	return THEMES_OK;
}
