/*
 * harness.h - a minimal unit-test harness: checks record failures with
 * file:line and go on; harness_summary() prints the totals and gives the
 * process exit code.
 */
#ifndef THEMES_TEST_HARNESS_H
#define THEMES_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_passed;
static int harness_failed;

static inline int harness_record(int ok, const char *file, int line,
                                 const char *what)
{
	if (ok) {
		harness_passed++;
	} else {
		harness_failed++;
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	}
	return ok;
}

static inline int harness_near(double actual, double expected, double eps,
                               const char *file, int line, const char *what)
{
	int ok = fabs(actual - expected) <= eps;

	if (!ok)
		fprintf(stderr, "%s:%d: got %.10g, expected %.10g (within %g)\n",
		        file, line, actual, expected, eps);
	return harness_record(ok, file, line, what);
}

static inline int harness_str(const char *actual, const char *expected,
                              const char *file, int line, const char *what)
{
	int ok = actual && expected ? strcmp(actual, expected) == 0
	                            : actual == expected;

	if (!ok)
		fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", file, line,
		        actual ? actual : "(null)", expected ? expected : "(null)");
	return harness_record(ok, file, line, what);
}

/* Prints "N passed, N failed" and returns the exit status for main. */
static inline int harness_summary(void)
{
	printf("%d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed ? 1 : 0;
}

#define CHECK(cond) harness_record(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_NEAR(actual, expected, eps) \
	harness_near((actual), (expected), (eps), __FILE__, __LINE__, \
	             #actual " ~ " #expected)
#define CHECK_STR(actual, expected) \
	harness_str((actual), (expected), __FILE__, __LINE__, \
	            #actual " == " #expected)

#ifdef THEMES_H
/* The six themes of THEMES.md, in their order, as a codebook (the tests'
 * default label set); NULL only when out of memory. */
static inline themes_codebook *harness_six_themes(void)
{
	static const char *const slugs[6] = {"endure", "history",
		"counter_hegemony", "china_lead", "multipolar", "legitimacy"};
	themes_codebook *cb = NULL;
	themes_error err;
	themes_codebook_new(&cb, slugs, NULL, 6, &err);
	return cb;
}
#endif

#endif /* THEMES_TEST_HARNESS_H */
