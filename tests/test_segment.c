/*
 * test_segment.c - themes_segment on the seed article (argv[1]) and on
 * small table-driven cases.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "themes.h"
#include "harness.h"
#include "clauses.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int find_clause(const char *text)
{
	for (size_t i = 0; i < results.count && i < MAX_CLAUSES; i++)
		if (strcmp(results.items[i].text, text) == 0)
			return (int)i;
	return -1;
}

/* ---- the seed article ---------------------------------------------------- */

/* Splits data into lines in place (CRLF or LF); returns the count. */
static size_t split_lines(char *data, char **lines, size_t max)
{
	size_t count = 0;
	char *p = data;
	while (*p && count < max) {
		char *e = strchr(p, '\n');
		if (e) {
			*e = '\0';
			if (e > p && e[-1] == '\r')
				e[-1] = '\0';
		}
		lines[count++] = p;
		if (!e)
			break;
		p = e + 1;
	}
	return count;
}

static int line_index(char **lines, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i], text) == 0)
			return (int)i;
	return -1;
}

/* The sentences of a paragraph without abbreviations: split at ". " before
 * an upper-case ASCII letter (enough for the seed's theme paragraphs). */
static void check_sentences(const char *paragraph)
{
	const char *start = paragraph;
	for (const char *p = paragraph;; p++) {
		bool end = *p == '\0' ||
		           (p[0] == '.' && p[1] == ' ' && p[2] >= 'A' && p[2] <= 'Z');
		if (!end)
			continue;
		size_t n = (size_t)(p - start) + (*p ? 1 : 0);
		char *sentence = copy(start, n);
		int at = find_clause(sentence);
		if (!CHECK(at >= 0))
			fprintf(stderr, "  missing sentence: %s\n", sentence);
		free(sentence);
		if (!*p)
			break;
		start = p + 2;
	}
}

static void check_not_clause(const char *text)
{
	if (!CHECK(find_clause(text) < 0))
		fprintf(stderr, "  heading came out as a clause: %s\n", text);
	/* nor the start of one */
	for (size_t i = 0; i < results.count && i < MAX_CLAUSES; i++)
		if (strncmp(results.items[i].text, text, strlen(text)) == 0 &&
		    strlen(text) > 20) {
			CHECK(!"a heading starts a clause");
			fprintf(stderr, "  %s\n", results.items[i].text);
		}
}

static void test_seed(const char *path)
{
	size_t n;
	char *data = segment_file(path, &n);
	if (!data)
		return;

	char *copy_data = copy(data, n);
	static char *lines[4096];
	size_t nlines = split_lines(copy_data, lines, 4096);

	/* the bullets of Sections I and II: each one clause, marker removed */
	int s1 = line_index(lines, nlines, "Section I: Historical Legacy and World War II Commemoration");
	int s2 = line_index(lines, nlines, "Section II: Bilateral Relations and Mutual Support");
	CHECK(s1 > 0 && s2 > s1);
	int bullets = 0;
	for (size_t i = s1 > 0 ? (size_t)s1 + 1 : nlines; i < nlines; i++) {
		if (strncmp(lines[i], "Section III", 11) == 0)
			break;
		if (strncmp(lines[i], "- ", 2) != 0)
			continue;
		bullets++;
		int at = find_clause(lines[i] + 2);
		if (!CHECK(at >= 0)) {
			fprintf(stderr, "  bullet not one clause: %s\n", lines[i] + 2);
			continue;
		}
		CHECK(results.items[at].line == (long)i + 1);
		if (s2 > 0 && (int)i > s2)
			CHECK_STR(results.items[at].section,
			          "Section II: Bilateral Relations and Mutual Support");
		else
			CHECK_STR(results.items[at].section,
			          "Section I: Historical Legacy and World War II Commemoration");
	}
	CHECK(bullets == 22);

	/* the six theme paragraphs, between "Themes" and "Summary": sentences */
	int themes = line_index(lines, nlines, "Themes");
	int summary = line_index(lines, nlines, "Summary");
	CHECK(themes > 0 && summary == themes + 13);
	int paragraphs = 0;
	for (int i = themes + 1; themes > 0 && i < summary; i++) {
		if ((i - themes) % 2 == 1) {
			check_not_clause(lines[i]); /* a theme heading */
			/* the clauses below carry it as their section */
			int at = -1;
			for (size_t k = 0; k < results.count && k < MAX_CLAUSES; k++)
				if (results.items[k].line == i + 2) {
					at = (int)k;
					break;
				}
			if (CHECK(at >= 0))
				CHECK_STR(results.items[at].section, lines[i]);
		} else {
			check_sentences(lines[i]);
			paragraphs++;
		}
	}
	CHECK(paragraphs == 6);
	/* "It links their wartime alliance ..." is one sentence of its own */
	bool found = false;
	for (size_t k = 0; k < results.count && k < MAX_CLAUSES; k++)
		if (strncmp(results.items[k].text, "It links their wartime alliance", 31) == 0) {
			found = true;
			CHECK(results.items[k].text[strlen(results.items[k].text) - 1] == '.');
		}
	CHECK(found);

	/* headings are never clauses */
	check_not_clause("Themes");
	check_not_clause("Summary");
	check_not_clause(lines[0]);
	check_not_clause("Section I: Historical Legacy and World War II Commemoration");
	check_not_clause("Section II: Bilateral Relations and Mutual Support");
	int toc = line_index(lines, nlines, "Table of Contents");
	CHECK(toc > 0);
	check_not_clause("Table of Contents");
	for (int i = toc + 1; toc > 0 && i <= toc + 10 && (size_t)i < nlines; i++) {
		CHECK(strncmp(lines[i], "Section ", 8) == 0);
		check_not_clause(lines[i]);
	}
	/* and no clause carries a contents entry as its section */
	for (size_t k = 0; k < results.count && k < MAX_CLAUSES; k++) {
		CHECK(strstr(results.items[k].section, " – ") == NULL);
		CHECK(strcmp(results.items[k].section, "Table of Contents") != 0);
	}

	/* clause numbers and lines go forward */
	for (size_t k = 1; k < results.count && k < MAX_CLAUSES; k++)
		CHECK(results.items[k].line >= results.items[k - 1].line);

	/* the callback's non-zero value stops the scan and is returned */
	clauses_free(&results);
	results.stop_after = 3;
	CHECK(themes_segment(data, n, collect, &results) == 7);
	CHECK(results.count == 3);
	results.stop_after = 0;

	/* CRLF line ends give the same clauses */
	char *crlf = malloc(2 * n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (data[i] == '\n')
			crlf[m++] = '\r';
		crlf[m++] = data[i];
	}
	CHECK(segment(data, n) == THEMES_OK);
	size_t lf_count = results.count;
	CHECK(segment(crlf, m) == THEMES_OK);
	CHECK(results.count == lf_count);
	CHECK(find_clause("Taiwan: Russia reaffirms its support for the One China "
	                  "principle, stating Taiwan is an inalienable part of the "
	                  "PRC and opposing all forms of “Taiwan independence.”") >= 0);
	free(crlf);
	free(copy_data);
	free(data);
}

/* ---- table-driven cases ---------------------------------------------------- */

typedef struct seg_case {
	const char *why;
	const char *input;
	const char *expected[6]; /* clause texts, NULL-terminated */
} seg_case;

static const seg_case cases[] = {
	/* dotted abbreviations before lower case never end a sentence */
	{"U.S. and U.N.", "The U.S. and the U.N. met.",
	 {"The U.S. and the U.N. met.", NULL}},
	/* "Art." before a number is a reference */
	{"Art. 5", "See Art. 5 of the treaty.", {"See Art. 5 of the treaty.", NULL}},
	/* a single capital letter is an initial; the second stop ends it */
	{"initial", "J. Smith spoke. Then he left.",
	 {"J. Smith spoke.", "Then he left.", NULL}},
	/* a decimal point is not a stop (no space after it) */
	{"decimal", "It grew 3.5 percent. Trade rose.",
	 {"It grew 3.5 percent.", "Trade rose.", NULL}},
	/* decision: a stop followed by a closing quote always ends the sentence,
	 * and "No." is the number abbreviation only before a digit */
	{"quoted No.", "He said \"No.\" Then left.",
	 {"He said \"No.\"", "Then left.", NULL}},
	/* "No." before a number */
	{"No. 5", "Resolution No. 5 was adopted. It passed.",
	 {"Resolution No. 5 was adopted.", "It passed.", NULL}},
	/* titles and months */
	{"Mr. Dr. Jan.", "Mr. Lavrov met Dr. Wang on Jan. 5 in St. Petersburg. They talked.",
	 {"Mr. Lavrov met Dr. Wang on Jan. 5 in St. Petersburg.", "They talked.", NULL}},
	/* e.g. and i.e. never end a sentence, even before a capital */
	{"e.g.", "Some forums, e.g. BRICS, grew. Others did not.",
	 {"Some forums, e.g. BRICS, grew.", "Others did not.", NULL}},
	/* a dotted abbreviation before a typical sentence opener ends it */
	{"U.S. at the end", "Sanctions came from the U.S. The sides objected.",
	 {"Sanctions came from the U.S.", "The sides objected.", NULL}},
	/* ... but not before a name */
	{"U.S. Congress", "The U.S. Congress voted. It passed.",
	 {"The U.S. Congress voted.", "It passed.", NULL}},
	/* closing quotes and brackets stay with their sentence */
	{"closing", "They called it \"historic.\" (It was.) Both agreed!",
	 {"They called it \"historic.\"", "(It was.)", "Both agreed!", NULL}},
	/* numbered items: each a clause, marker removed */
	{"numbered", "1. First item\n(a) sub item\nII. Roman\n2) Second item",
	 {"First item", "sub item", "Roman", "Second item", NULL}},
	/* bullets: each one clause, even with several sentences */
	{"bullets", "* One. Two.\n• Three: four. Five.\n– Six",
	 {"One. Two.", "Three: four. Five.", "Six", NULL}},
	/* CRLF and a blank line between paragraphs */
	{"CRLF", "First one. Second one.\r\n\r\nThird one.\r\n",
	 {"First one.", "Second one.", "Third one.", NULL}},
	/* hard-wrapped paragraph lines join into sentences (after the first
	 * line, which is the document's title when it has no final stop) */
	{"wrapped", "Talks ended.\nThe parties agreed\nto meet again. Then\nthey left.",
	 {"Talks ended.", "The parties agreed to meet again.", "Then they left.",
	  NULL}},
	/* invalid UTF-8 bytes are kept and never stop the scan */
	{"invalid UTF-8", "Bad \xff\xfe bytes here. And \xc3 more.",
	 {"Bad \xff\xfe bytes here.", "And \xc3 more.", NULL}},
	/* empty and blank input give no clause */
	{"empty", "", {NULL}},
	{"blank", "\n\r\n  \n", {NULL}},
	/* a heading names the section and is not a clause */
	{"heading", "Title of the Piece\nSome text here.\nECONOMIC COOPERATION\nTrade grew.",
	 {"Some text here.", "Trade grew.", NULL}},
};

static void test_cases(void)
{
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		const seg_case *t = &cases[c];
		CHECK(segment(t->input, strlen(t->input)) == THEMES_OK);
		check_clauses(t->why, t->expected, NULL);
	}

	/* sections and lines */
	const char *doc = "Title of the Piece\nSome text here.\nECONOMIC COOPERATION\nTrade grew.";
	segment(doc, strlen(doc));
	if (CHECK(results.count == 2)) {
		CHECK_STR(results.items[0].section, "Title of the Piece");
		CHECK(results.items[0].line == 2);
		CHECK_STR(results.items[1].section, "ECONOMIC COOPERATION");
		CHECK(results.items[1].line == 4);
	}
	/* no NUL byte in the middle: embedded NULs do not crash */
	const char nul[] = "One\0 two. Three.";
	CHECK(segment(nul, sizeof nul - 1) == THEMES_OK);
}

/* ---- long generated inputs: the right clauses, in linear time ------------ */

/* An input of items repeated to 4 MiB; item i (from 1) is unit formatted
 * with i and (i - 1) % 999 + 1 (a marker number).  clause is the clause
 * item i must give, formatted with i; NULL when the whole input,
 * trimmed, must be one clause.  robust: nothing is known of the clauses
 * (varied bytes mostly look like headings) but that they are non-empty
 * and, trimmed, add up to no more than the input. */
typedef struct long_case {
	const char *why;
	const char *unit;
	const char *clause;
	bool line_per_item; /* clause i starts on line i, else on line 1 */
	bool robust;
} long_case;

static const long_case long_cases[] = {
	{"one paragraph of sentences", "Clause %zu ends here. ",
	 "Clause %zu ends here.", false, false},
	{"bullet lines", "- Point %zu holds\n", "Point %zu holds", true, false},
	/* markers have at most three digits (a year is no marker): 1-999 */
	{"numbered items", "%2$zu. Item %1$zu stands\n", "Item %zu stands", true,
	 false},
	/* dotted abbreviations before lower case never end a sentence */
	{"dotted abbreviations", "a.B. ", NULL, false, false},
	/* a Chinese enumeration: each ； ends a clause; the scan for the
	 * enumeration's end is done once */
	{"Chinese enumeration", "扩大第%zu项贸易；", "扩大第%zu项贸易；", false,
	 false},
	/* each short numbered line waits for the next one */
	{"Chinese list of short items", "(%2$zu)关于合作%1$zu\n", "关于合作%zu",
	 true, false},
	{"Russian abbreviations", "Стороны едины, т. е. В. В. Путин согласен %zu. ",
	 "Стороны едины, т. е. В. В. Путин согласен %zu.", false, false},
	{"dots only", ".", NULL, false, true},
	{"varied bytes", NULL, NULL, false, true},
};

#define LONG_INPUT (4u << 20)
/* Linear time segments 4 MiB in well under a second, even with sanitizers;
 * a scan that restarts at each sentence or clause takes minutes or more. */
#define LONG_SECONDS 10.0

typedef struct long_check {
	const long_case *c;
	const char *input;
	size_t length;
	size_t count, mismatches, bad_lines, clause_bytes;
	struct timespec start;
} long_check;

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Returned by the callback to stop a scan that is taking too long. */
#define TOO_SLOW 99

static int check_long_clause(const char *text, size_t length,
                             const char *section, long line, void *user)
{
	long_check *k = user;
	(void)section;
	k->count++;
	k->clause_bytes += length;
	/* a slow scan fails now rather than at the end */
	if (k->count % 1024 == 0 && seconds_since(&k->start) > LONG_SECONDS)
		return TOO_SLOW;
	if (k->c->robust) {
		k->mismatches += length == 0;
		return 0;
	}
	if (k->c->clause) {
		char want[128];
		snprintf(want, sizeof want, k->c->clause, k->count, k->count);
		k->mismatches += strcmp(text, want) != 0;
		k->bad_lines += line != (k->c->line_per_item ? (long)k->count : 1);
	} else {
		size_t n = k->length;
		while (n > 0 && k->input[n - 1] == ' ')
			n--;
		k->mismatches += length != n || memcmp(text, k->input, n) != 0;
	}
	return 0;
}

static void test_long_inputs(void)
{
	char *s = malloc(LONG_INPUT + 64);
	if (!CHECK(s != NULL))
		return;
	for (size_t c = 0; c < sizeof long_cases / sizeof long_cases[0]; c++) {
		const long_case *t = &long_cases[c];
		size_t n = 0, items = 0;
		while (n < LONG_INPUT) {
			if (t->unit)
				n += (size_t)sprintf(s + n, t->unit, items + 1,
				                      items % 999 + 1);
			else
				s[n] = (char)(n * 7919 % 251 + 1), n++;
			items++;
		}
		long_check k = {t, s, n, 0, 0, 0, 0, {0, 0}};
		clock_gettime(CLOCK_MONOTONIC, &k.start);
		CHECK(themes_segment(s, n, check_long_clause, &k) == THEMES_OK);
		double took = seconds_since(&k.start);
		size_t want = t->clause ? items : 1;
		if (!CHECK(took < LONG_SECONDS))
			fprintf(stderr, "  %s: %.1f s for %zu bytes\n", t->why, took, n);
		if (t->robust) {
			if (!CHECK(k.mismatches == 0 && k.clause_bytes <= n))
				fprintf(stderr, "  %s: %zu clauses (%zu empty) of %zu "
				        "bytes in all\n", t->why, k.count, k.mismatches,
				        k.clause_bytes);
		} else if (!CHECK(k.count == want && k.mismatches == 0 &&
		                  k.bad_lines == 0)) {
			fprintf(stderr, "  %s: %zu clauses (%zu wrong, %zu on a wrong "
			        "line), expected %zu\n", t->why, k.count, k.mismatches,
			        k.bad_lines, want);
		}
	}
	free(s);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_segment SEED-ARTICLE\n");
		return 2;
	}
	test_seed(argv[1]);
	test_cases();
	test_long_inputs();
	clauses_free(&results);
	return harness_summary();
}
