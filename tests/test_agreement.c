/*
 * test_agreement.c - coder agreement (eval/agreement.c) against values
 * computed by hand and published examples.
 */
#include "harness.h"
#include "themes.h"

#include <math.h>
#include <omp.h>

#define M -1 /* a unit the coder left out */

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * section A: two observers, binary data, ten units; alpha = 0.095.
 * Cohen's kappa by hand: p_o = 6/10, p_e = .2 x .4 + .8 x .6 = .56,
 * kappa = .04 / .44. */
static void test_two_coders(void)
{
	static const int values[] = {0,1, 1,1, 0,1, 0,0, 0,0, 0,1, 0,0, 0,0,
	                             1,0, 0,0};
	themes_ratings r = {10, 2, 2, values};
	themes_agreement a;
	themes_error err = {0};
	CHECK(themes_agreement_compute(&r, 0, 1, &a, &err) == THEMES_OK);
	CHECK_NEAR(a.alpha, 1 - 19.0 * 8 / 168, 1e-12);
	CHECK_NEAR(a.alpha, 0.095, 0.0005);
	CHECK_NEAR(a.cohen_kappa, 0.04 / 0.44, 1e-12);
	CHECK_NEAR(a.raw, 0.6, 1e-12);
	/* Specific agreement 2a / (2a + b + c). */
	CHECK_NEAR(a.label_agreement[0], 10.0 / 14, 1e-12);
	CHECK_NEAR(a.label_agreement[1], 2.0 / 6, 1e-12);
	/* Two coders, nothing missing: Fleiss' kappa is Scott's pi, which
	 * differs from alpha only by the small-sample factor. */
	CHECK(a.units == 10 && a.values == 20);
	CHECK(isnan(a.alpha_ci.low));
	size_t confusion[4];
	CHECK(themes_agreement_confusion(&r, 0, 1, confusion) == THEMES_OK);
	CHECK(confusion[0] == 5 && confusion[1] == 3 && confusion[2] == 1 &&
	      confusion[3] == 1);
}

/* The same paper, section C: four observers, nominal values 1-5 (here
 * 0-4), missing data, twelve units; alpha = 0.743 over 40 pairable values
 * (unit 12 has one value and is not pairable). */
static const int krippendorff_c[] = {
	0, 0, M, 0,   1, 1, 2, 1,   2, 2, 2, 2,   2, 2, 2, 2,
	1, 1, 1, 1,   0, 1, 2, 3,   3, 3, 3, 3,   0, 0, 1, 0,
	1, 1, 1, 1,   M, 4, 4, 4,   M, M, 0, 0,   M, 2, M, M,
};

static void test_missing_values(void)
{
	themes_ratings r = {12, 4, 5, krippendorff_c};
	themes_agreement a;
	themes_error err = {0};
	CHECK(themes_agreement_compute(&r, 0, 1, &a, &err) == THEMES_OK);
	CHECK_NEAR(a.alpha, 0.743, 0.0005);
	CHECK_NEAR(a.alpha, 1 - 39 * 8.0 / (1600 - 384), 1e-12);
	CHECK(a.units == 11 && a.values == 40);
	CHECK_NEAR(a.raw, 0.8, 1e-12);
	CHECK(isnan(a.cohen_kappa));
}

/* Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5
 * categories, given as counts per category; kappa = 0.210. */
static void test_fleiss(void)
{
	static const int counts[10][5] = {
		{0,0,0,0,14}, {0,2,6,4,2}, {0,0,3,5,6}, {0,3,9,2,0}, {2,2,8,1,1},
		{7,7,0,0,0}, {3,2,6,3,0}, {2,5,3,2,2}, {6,5,2,1,0}, {0,2,2,3,7}};
	static int values[10 * 14];
	for (int u = 0; u < 10; u++)
		for (int k = 0, j = 0; k < 5; k++)
			for (int c = 0; c < counts[u][k]; c++)
				values[u * 14 + j++] = k;
	themes_ratings r = {10, 14, 5, values};
	themes_agreement a;
	themes_error err = {0};
	CHECK(themes_agreement_compute(&r, 0, 1, &a, &err) == THEMES_OK);
	CHECK_NEAR(a.fleiss_kappa, 0.20993070442195522, 1e-12);
	CHECK_NEAR(a.raw, 0.378021978021978, 1e-12);
}

/* Bootstrap: the interval holds alpha and is the same for any thread
 * count. */
static void test_bootstrap(void)
{
	themes_ratings r = {12, 4, 5, krippendorff_c};
	themes_agreement one, four;
	themes_error err = {0};
	omp_set_num_threads(1);
	CHECK(themes_agreement_compute(&r, 2000, 7, &one, &err) == THEMES_OK);
	omp_set_num_threads(4);
	CHECK(themes_agreement_compute(&r, 2000, 7, &four, &err) == THEMES_OK);
	CHECK(one.alpha_ci.low == four.alpha_ci.low);
	CHECK(one.alpha_ci.high == four.alpha_ci.high);
	CHECK(one.alpha_ci.low < one.alpha && one.alpha < one.alpha_ci.high);
	CHECK(one.alpha_ci.high <= 1);
}

static void test_bad_input(void)
{
	static const int bad[] = {0, 3};
	themes_ratings r = {1, 2, 2, bad};
	themes_agreement a;
	themes_error err = {0};
	CHECK(themes_agreement_compute(&r, 0, 1, &a, &err) == THEMES_ERR_PARAM);
	r.coders = 1;
	CHECK(themes_agreement_compute(&r, 0, 1, &a, &err) == THEMES_ERR_PARAM);
	/* All one label: no disagreement was possible, full agreement. */
	static const int same[] = {1, 1, 1, 1};
	themes_ratings s = {2, 2, 2, same};
	CHECK(themes_agreement_compute(&s, 0, 1, &a, &err) == THEMES_OK);
	CHECK(a.alpha == 1 && a.raw == 1);
}

int main(void)
{
	test_two_coders();
	test_missing_values();
	test_fleiss();
	test_bootstrap();
	test_bad_input();
	return harness_summary();
}
