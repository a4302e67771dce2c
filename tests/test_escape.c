/*
 * test_escape.c - table-driven tests of the output escaping (escape.c).
 *
 * Each row gives a writer, an input and the exact bytes it must write.  The
 * expected bytes are those the reports and commands wrote before the
 * escaping was gathered in one module, so a row that fails means an output
 * changed.
 */
#include "themes.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

typedef enum writer {
	JSON_UNICODE, JSON_SHORT, CSV, XML, HTML, PLAIN, MARKDOWN
} writer;

typedef struct tcase {
	const char *why;
	writer w;
	const char *text;
	const char *expected;
} tcase;

static const tcase cases[] = {
	{"JSON: NULL is null", JSON_UNICODE, NULL, "null"},
	{"JSON: quote and backslash", JSON_UNICODE, "a\"b\\c", "\"a\\\"b\\\\c\""},
	{"JSON reports: every control as \\u, DEL too", JSON_UNICODE,
	 "\n\t\r\x01\x7f", "\"\\u000a\\u0009\\u000d\\u0001\\u007f\""},
	{"JSON Lines: LF, CR, tab short; DEL as it is", JSON_SHORT,
	 "\n\t\r\x01\x7f", "\"\\n\\t\\r\\u0001\x7f\""},
	{"JSON: valid UTF-8 is copied", JSON_SHORT, "caf\xC3\xA9 \xF0\x9F\x98\x80",
	 "\"caf\xC3\xA9 \xF0\x9F\x98\x80\""},
	{"JSON: each invalid byte becomes U+FFFD", JSON_UNICODE,
	 "a\xFF\xC3(\xC0\x80", "\"a" FFFD FFFD "(" FFFD FFFD "\""},
	{"JSON: surrogates and values past U+10FFFF are invalid", JSON_SHORT,
	 "\xED\xA0\x80\xF4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD FFFD FFFD FFFD "\""},
	{"CSV: plain field as it is", CSV, "plain text", "plain text"},
	{"CSV: NULL is the empty field", CSV, NULL, ""},
	{"CSV: comma, quote and line ends are quoted", CSV, "a,\"b\"\r\n",
	 "\"a,\"\"b\"\"\r\n\""},
	{"CSV: other bytes are copied", CSV, "\t\x01\xFF", "\t\x01\xFF"},
	{"XML: entities", XML, "<a href=\"x\">&'",
	 "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"},
	{"XML: tab, LF, CR as references; DEL copied", XML, "\t\n\r\x7f",
	 "&#9;&#10;&#13;\x7f"},
	{"XML: forbidden characters and invalid UTF-8", XML,
	 "\x01\xEF\xBF\xBE\xFF", FFFD FFFD FFFD},
	{"HTML: entities, apostrophe as &#39;", HTML, "<&>\"'",
	 "&lt;&amp;&gt;&quot;&#39;"},
	{"HTML: LF as &#10;, tab as space, CR and DEL replaced", HTML,
	 "a\nb\tc\rd\x7f", "a&#10;b c" FFFD "d" FFFD},
	{"HTML: U+FFFE copied, invalid UTF-8 replaced", HTML, "\xEF\xBF\xBE\xC3",
	 "\xEF\xBF\xBE" FFFD},
	{"plain: control bytes become spaces", PLAIN, "a\nb\tc\x1b[0m\x7f",
	 "a b c [0m "},
	{"plain: NULL writes nothing", PLAIN, NULL, ""},
	{"Markdown: markup characters get a backslash", MARKDOWN,
	 "*a*_b_|c|#d!\\`[e]<f>", "\\*a\\*\\_b\\_\\|c\\|\\#d\\!\\\\\\`\\[e\\]\\<f\\>"},
	{"Markdown: control bytes become spaces, UTF-8 copied", MARKDOWN,
	 "a\nb\xC3\xA9\xFF", "a b\xC3\xA9\xFF"},
};

static int run(writer w, FILE *out, const char *text)
{
	switch (w) {
	case JSON_UNICODE:
		return themes_write_json_string(out, text, THEMES_JSON_UNICODE);
	case JSON_SHORT:
		return themes_write_json_string(out, text, THEMES_JSON_SHORT);
	case CSV: return themes_write_csv_field(out, text);
	case XML: return themes_write_xml_text(out, text);
	case HTML: return themes_write_html_text(out, text);
	case PLAIN: return themes_write_plain_text(out, text);
	case MARKDOWN: return themes_write_markdown_text(out, text);
	}
	return THEMES_ERR_PARAM;
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[256] = {0};
		FILE *out = tmpfile();
		size_t n;
		int status;

		if (!CHECK(out != NULL))
			return;
		status = run(cases[i].w, out, cases[i].text);
		rewind(out);
		n = fread(got, 1, sizeof got - 1, out);
		got[n] = '\0';
		fclose(out);
		if (!CHECK(status == THEMES_OK) || strcmp(got, cases[i].expected) != 0)
			fprintf(stderr, "case: %s\n", cases[i].why);
		CHECK_STR(got, cases[i].expected);
	}
}

static void test_utf8_length(void)
{
	uint32_t cp = 0;

	CHECK(themes_utf8_length("A", &cp) == 1 && cp == 'A');
	CHECK(themes_utf8_length("\xC3\xA9", &cp) == 2 && cp == 0xE9);
	CHECK(themes_utf8_length("\xE4\xB8\xAD", &cp) == 3 && cp == 0x4E2D);
	CHECK(themes_utf8_length("\xF4\x8F\xBF\xBF", &cp) == 4 && cp == 0x10FFFF);
	CHECK(themes_utf8_length("\xE4\xB8\xAD", NULL) == 3);
	/* Invalid forms: lone continuation, overlong, surrogate, too large,
	 * cut short by the terminator; *code_point is left alone. */
	cp = 7;
	CHECK(themes_utf8_length("\x80", &cp) == 0);
	CHECK(themes_utf8_length("\xC0\x80", &cp) == 0);
	CHECK(themes_utf8_length("\xE0\x9F\xBF", &cp) == 0);
	CHECK(themes_utf8_length("\xED\xA0\x80", &cp) == 0);
	CHECK(themes_utf8_length("\xF4\x90\x80\x80", &cp) == 0);
	CHECK(themes_utf8_length("\xE4\xB8", &cp) == 0);
	CHECK(cp == 7);
}

static void test_errors(void)
{
	/* A stream opened for reading cannot be written to. */
	FILE *read_only = fopen("/dev/null", "r");

	CHECK(themes_write_csv_field(NULL, "x") == THEMES_ERR_PARAM);
	CHECK(themes_write_json_string(NULL, "x", THEMES_JSON_SHORT) ==
	      THEMES_ERR_PARAM);
	CHECK(themes_write_html_text(NULL, "x") == THEMES_ERR_PARAM);
	CHECK(themes_write_markdown_text(NULL, "x") == THEMES_ERR_PARAM);
	if (!CHECK(read_only != NULL))
		return;
	CHECK(themes_write_xml_text(read_only, "text") == THEMES_ERR_IO);
	fclose(read_only);
}

int main(void)
{
	test_cases();
	test_utf8_length();
	test_errors();
	return harness_summary();
}
