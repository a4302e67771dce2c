/*
 * test_detect.c - themes_looks_like_statement: whole statements against
 * one clause per line, on small table-driven cases and on the repository's
 * example files (argv[1] is the repository root).
 */
#include "themes.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct detect_case {
	const char *why;
	const char *text;
	int complete; /* the text is the whole input */
	int expected;
} detect_case;

#define PARAGRAPH "We stand firm. We do not bend. We endure. We build.\n"

static const detect_case cases[] = {
	{"empty input", "", 1, 0},
	{"one clause per line",
	 "We stand firm.\nThe old order is in decline.\nWe build anew.\n", 1, 0},
	{"a clause may hold up to three sentences",
	 "We stand. We hold. We endure.\nThey fall. They fail. They go.\n"
	 "We build. We grow. We lead.\n", 1, 0},
	{"two paragraphs of four sentences", PARAGRAPH "\n" PARAGRAPH, 1, 1},
	{"one paragraph is not enough", "Our Way\n\n" PARAGRAPH, 1, 0},
	{"heading and hyphen bullets",
	 "Our Principles\n- We stand firm.\n- We do not bend.\n", 1, 1},
	{"heading and asterisk bullets",
	 "Our Principles\n* We stand firm.\n* We do not bend.\n", 1, 1},
	{"heading and bullet characters",
	 "Our Principles\n\xE2\x80\xA2 We stand firm.\n"
	 "\xE2\x80\xA2 We do not bend.\n", 1, 1},
	{"heading and numbered items",
	 "Our Principles\n1. We stand firm.\n2. We do not bend.\n", 1, 1},
	{"heading and bracketed letters",
	 "Our Principles\n(a) We stand firm.\n(b) We do not bend.\n", 1, 1},
	{"bullets need a heading", "- We stand firm.\n- We do not bend.\n", 1, 0},
	/* Until the detector took the segmenter's rules it had its own
	 * marker rules, and missed these items... */
	{"lettered items", "Our Principles\na) We stand firm.\nb) We do not bend.\n",
	 1, 1},
	{"Roman-numbered items",
	 "Our Principles\nI. We stand firm.\nII. We do not bend.\n", 1, 1},
	{"a tab after the bullet",
	 "Our Principles\n-\tWe stand firm.\n-\tWe do not bend.\n", 1, 1},
	/* ...took these lines for items... */
	{"numbered headings are headings, not items",
	 "Statement\n1. INTRODUCTION\nWe stand firm.\nWe do not bend.\n"
	 "2. CONCLUSION\nWe endure.\n", 1, 0},
	{"table-of-contents entries are not items",
	 "Statement\nContents\n1. Introduction\n2. Our Goals\n\nIntroduction\n"
	 "We stand firm.\nWe do not bend.\n", 1, 0},
	{"a marker with nothing after it is not an item",
	 "Statement\n- \n- \n", 1, 0},
	{"items must be a fifth of the lines",
	 "Our Principles\n- We stand firm.\n- We do not bend.\nWe endure.\n"
	 "We build.\nWe grow.\nWe lead.\nWe trade.\nWe talk.\nWe wait.\n"
	 "We win.\nWe rest.\n", 1, 0},
	/* ...and counted lines of spaces as lines. */
	{"blank lines of spaces are not lines",
	 "Our Principles\n- We stand firm.\n- We do not bend.\nWe endure.\n"
	 "We build.\n   \nWe grow.\nWe lead.\n \nWe trade.\nWe talk.\n\t\n"
	 "We wait.\n", 1, 1},
	{"continuation lines are lines but not items",
	 "Our Principles\n1. We stand firm\n   and do not bend.\n2. We endure.\n",
	 1, 1},
	{"CRLF line ends", "Our Principles\r\n- We stand firm.\r\n"
	 "- We do not bend.\r\n", 1, 1},
	{"a cut-short last line is left out",
	 "Our Principles\n- We stand firm.\n- We do", 0, 0},
	{"the same text read whole",
	 "Our Principles\n- We stand firm.\n- We do", 1, 1},
	/* Russian and Chinese statements, counted by the same rules */
	{"Russian paragraphs",
	 "Стороны едины, т. е. действуют вместе. Встреча прошла в г. Москве. "
	 "Её провёл В. В. Путин. Итоги подведены.\n"
	 "Договор подписан в 2001 г. В нём закреплены принципы. Мы за диалог. "
	 "Это важно.\n", 1, 1},
	{"Russian abbreviations do not make sentences",
	 "Её провёл В. В. Путин в г. Москве, см. ст. 5.\n"
	 "Встречу провёл С. В. Лавров в г. Пекине, см. стр. 7.\n", 1, 0},
	{"Russian heading and lettered items",
	 "Раздел II. Международные дела\nа) укреплять роль ООН;\n"
	 "б) развивать БРИКС.\n", 1, 1},
	{"Russian clause per line",
	 "Стороны едины.\nМы за диалог.\nЭто важно.\n", 1, 0},
	{"Chinese paragraphs without spaces",
	 "双方举行会谈。会谈富有成果！双方签署协议。俄方表示欢迎。\n"
	 "双方同意合作。中方表示感谢。双方发表声明。各方积极响应。\n", 1, 1},
	{"Chinese enumerations",
	 "双方将：一是扩大贸易；二是深化投资；三是加强合作；四是扩大交流。\n"
	 "双方扩大贸易；深化投资；加强合作；扩大交流。\n", 1, 1},
	{"Chinese heading and items",
	 "一、关于国际问题\n（一）双方支持联合国。\n（二）双方反对单边制裁。\n", 1, 1},
	{"Chinese clause per line",
	 "双方举行会谈。\n会谈富有成果。\n双方签署协议。\n", 1, 0},
};

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const detect_case *c = &cases[i];
		int got = themes_looks_like_statement(c->text, strlen(c->text),
		                                      c->complete);
		if (!CHECK(got == c->expected))
			fprintf(stderr, "  case \"%s\": got %d\n", c->why, got);
	}
}

/* Detection on the first 64 KiB of a file, as `themes classify` does. */
static int detect_file(const char *root, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, name);
	FILE *f = fopen(path, "rb");
	if (!CHECK(f != NULL))
		return -1;
	static char head[64 * 1024];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return themes_looks_like_statement(head, n, n < sizeof head);
}

int main(int argc, char **argv)
{
	test_cases();
	if (argc > 1) {
		CHECK(detect_file(argv[1], "tests/data/seed-article.txt") == 1);
		CHECK(detect_file(argv[1], "docs/example-statement.txt") == 1);
		CHECK(detect_file(argv[1], "docs/sample-statement.txt") == 0);
		CHECK(detect_file(argv[1], "tests/data/ru-statement.txt") == 1);
		CHECK(detect_file(argv[1], "tests/data/zh-statement.txt") == 1);
	}
	return harness_summary();
}
