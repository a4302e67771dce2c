/*
 * test_profile.c - statement profiles: shares, uncertain clauses, evidence,
 * bootstrap determinism across thread counts, and adjusted classify-and-
 * count against hand-computed examples.
 */
#include "harness.h"

#define LABELS 6
#include "themes.h"

#include <omp.h>

static themes_prediction make(int theme, double confidence)
{
	themes_prediction p;

	memset(&p, 0, sizeof p);
	p.theme = theme;
	if (theme >= 0) {
		p.confidence = confidence;
		for (int k = 0; k < LABELS; k++)
			p.scores[k] = (1.0 - confidence) / (LABELS - 1);
		p.scores[theme] = confidence;
	}
	return p;
}

static void test_counts(void)
{
	/* 0: 3 clauses, 1: 1 clause, one abstention, one below the floor */
	themes_prediction p[6] = {
		make(0, 0.9), make(0, 0.5), make(1, 0.8), make(-1, 0),
		make(0, 0.7), make(2, 0.3),
	};
	themes_profile_options o;
	themes_profile prof;
	themes_error err = {0};

	themes_profile_options_init(&o);
	o.min_confidence = 0.4;
	o.resamples = 0;
	o.evidence = 2;
	CHECK(themes_profile_compute(p, 6, LABELS, &o, &prof, &err) == THEMES_OK);
	CHECK(prof.clauses == 6);
	CHECK(prof.uncertain == 2);
	CHECK(prof.count[0] == 3 && prof.count[1] == 1 && prof.count[2] == 0);
	CHECK_NEAR(prof.share[0], 0.75, 1e-12);
	CHECK_NEAR(prof.share[1], 0.25, 1e-12);
	CHECK_NEAR(prof.share[2], 0.0, 1e-12);
	CHECK_NEAR(prof.mean_confidence[0], (0.9 + 0.5 + 0.7) / 3, 1e-12);
	CHECK(prof.evidence_count[0] == 2);
	CHECK(prof.evidence[0][0] == 0 && prof.evidence[0][1] == 4);
	CHECK(prof.evidence_count[1] == 1 && prof.evidence[1][0] == 2);
	CHECK(prof.evidence_count[2] == 0);
	CHECK_NEAR(prof.share_ci[0].low, 0.75, 1e-12);

	/* nothing certain: no shares, no failure */
	CHECK(themes_profile_compute(p + 3, 1, LABELS, NULL, &prof, &err) == THEMES_OK);
	CHECK(prof.uncertain == 1 && prof.share[0] == 0.0);
	CHECK(themes_profile_compute(NULL, 0, LABELS, NULL, &prof, &err) == THEMES_OK);
	CHECK(prof.clauses == 0);

	o.evidence = THEMES_PROFILE_EVIDENCE_MAX + 1;
	CHECK(themes_profile_compute(p, 6, LABELS, &o, &prof, &err) == THEMES_ERR_PARAM);
}

static void test_bootstrap(void)
{
	themes_prediction p[40];
	themes_profile_options o;
	themes_profile one, two;
	themes_error err = {0};

	for (int i = 0; i < 40; i++)
		p[i] = make(i % 4 == 0 ? 1 : 0, 0.5 + (i % 7) * 0.05);
	themes_profile_options_init(&o);
	o.resamples = 2000;
	omp_set_num_threads(1);
	CHECK(themes_profile_compute(p, 40, LABELS, &o, &one, &err) == THEMES_OK);
	omp_set_num_threads(2);
	CHECK(themes_profile_compute(p, 40, LABELS, &o, &two, &err) == THEMES_OK);
	CHECK(memcmp(&one, &two, sizeof one) == 0);
	/* share of theme 1 is 0.25; its interval brackets it, and is about
	 * +-1.96 sqrt(0.25 * 0.75 / 40) = +-0.134 wide */
	CHECK_NEAR(one.share[1], 0.25, 1e-12);
	CHECK(one.share_ci[1].low < 0.25 && one.share_ci[1].high > 0.25);
	CHECK_NEAR(one.share_ci[1].high - one.share_ci[1].low, 0.27, 0.06);
	CHECK(one.share_ci[3].low == 0.0 && one.share_ci[3].high == 0.0);
	o.seed = 2;
	CHECK(themes_profile_compute(p, 40, LABELS, &o, &two, &err) == THEMES_OK);
	CHECK(one.share_ci[1].low != two.share_ci[1].low ||
	      one.share_ci[1].high != two.share_ci[1].high);
}

static void test_adjust(void)
{
	unsigned identity[LABELS][LABELS] = {{0}};
	unsigned pair[LABELS][LABELS] = {{0}};
	double q[LABELS] = {0.1, 0.2, 0.3, 0.05, 0.25, 0.1};
	double p[LABELS];
	themes_error err = {0};

	for (int k = 0; k < LABELS; k++)
		identity[k][k] = pair[k][k] = 10;
	CHECK(themes_profile_adjust(q, &identity[0][0], LABELS, p, &err) == THEMES_OK);
	for (int k = 0; k < LABELS; k++)
		CHECK_NEAR(p[k], q[k], 1e-9);

	/* themes 0 and 1 confused: gold 0 is predicted 0 80%, 1 20%; gold 1
	 * is predicted 0 10%, 1 90%.  True shares (0.5, 0.5) are observed as
	 * q0 = 0.5 * 0.8 + 0.5 * 0.1 = 0.45 and q1 = 0.55. */
	pair[0][0] = 8;
	pair[0][1] = 2;
	pair[1][0] = 1;
	pair[1][1] = 9;
	double q2[LABELS] = {0.45, 0.55, 0, 0, 0, 0};
	CHECK(themes_profile_adjust(q2, &pair[0][0], LABELS, p, &err) == THEMES_OK);
	CHECK_NEAR(p[0], 0.5, 1e-6);
	CHECK_NEAR(p[1], 0.5, 1e-6);
	CHECK_NEAR(p[2] + p[3] + p[4] + p[5], 0.0, 1e-9);

	/* true (0.2, 0.3, 0.5 on theme 4): q0 = 0.16 + 0.03, q1 = 0.04 + 0.27 */
	double q3[LABELS] = {0.19, 0.31, 0, 0, 0.5, 0};
	CHECK(themes_profile_adjust(q3, &pair[0][0], LABELS, p, &err) == THEMES_OK);
	CHECK_NEAR(p[0], 0.2, 1e-6);
	CHECK_NEAR(p[1], 0.3, 1e-6);
	CHECK_NEAR(p[4], 0.5, 1e-6);

	/* q0 = 0.05 is below what gold 1 alone produces (0.1): the exact
	 * inverse is negative, the simplex solution puts everything on 1 */
	double q4[LABELS] = {0.05, 0.95, 0, 0, 0, 0};
	CHECK(themes_profile_adjust(q4, &pair[0][0], LABELS, p, &err) == THEMES_OK);
	CHECK_NEAR(p[0], 0.0, 1e-9);
	CHECK_NEAR(p[1], 1.0, 1e-9);

	/* a theme without held-out clauses counts as always recognised */
	unsigned empty[LABELS][LABELS] = {{0}};
	CHECK(themes_profile_adjust(q, &empty[0][0], LABELS, p, &err) == THEMES_OK);
	CHECK_NEAR(p[2], 0.3, 1e-9);

	double bad[LABELS] = {0.5, 0.6, 0, 0, 0, 0};
	CHECK(themes_profile_adjust(bad, &identity[0][0], LABELS, p, &err) == THEMES_ERR_PARAM);
	bad[1] = -0.1;
	bad[0] = 1.1;
	CHECK(themes_profile_adjust(bad, &identity[0][0], LABELS, p, &err) == THEMES_ERR_PARAM);
}

int main(void)
{
	test_counts();
	test_bootstrap();
	test_adjust();
	return harness_summary();
}
