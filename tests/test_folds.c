/*
 * test_folds.c - folds and what is built on them: stratified and grouped
 * folds (folds.c), near-duplicate detection (eval/leakage.c), grid search
 * and grouped cross-validation (eval/crossval.c), and the explanations of
 * a linear model (classify.c).
 *
 * Usage: test_folds DATA_DIR, the folder of eu-japan.csv and
 * eu-japan.codebook (tests/data): a four-label fixture with a writer column.
 */
#define _POSIX_C_SOURCE 200809L
#include "themes.h"
#include "harness.h"

#include <omp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether message names the number value as a whole number. */
static bool names_number(const char *message, long value)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%ld", value);
	for (const char *p = strstr(message, digits); p; p = strstr(p + 1, digits)) {
		bool before = p > message && p[-1] >= '0' && p[-1] <= '9';
		bool after = p[n] >= '0' && p[n] <= '9';
		if (!before && !after)
			return true;
	}
	return false;
}

/* A small deterministic generator for test inputs (not the library's). */
static unsigned next_random(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

/* ------------------------------------------------------------------ */
/* Stratified folds                                                     */
/* ------------------------------------------------------------------ */

#define MAX_ITEMS 256

typedef struct stratified_case {
	int counts[5]; /* items per label, 0-terminated */
	int k;
} stratified_case;

static const stratified_case stratified_cases[] = {
	{{40, 30, 20, 13, 0}, 2},
	{{40, 30, 20, 13, 0}, 5},
	{{40, 30, 20, 13, 0}, 10},
	{{7, 0}, 7},           /* one label, one item per fold */
	{{1, 1, 1, 0}, 3},     /* one item of each label */
	{{5, 1, 2, 1, 0}, 4},
};

/* Items of each label, interleaved in a scrambled order; returns n. */
static size_t make_labels(const int *counts, int *label, unsigned seed)
{
	size_t n = 0;
	for (int c = 0; counts[c]; c++)
		for (int i = 0; i < counts[c]; i++)
			label[n++] = c;
	for (size_t i = n; i > 1; i--) {
		size_t j = next_random(&seed) % i;
		int swap = label[i - 1];
		label[i - 1] = label[j];
		label[j] = swap;
	}
	return n;
}

/* Counts of each (fold, label) pair, after checking every fold is in
 * [0, k); false when one is not. */
static bool fold_counts(const int *fold, const int *label, size_t n, int k,
                        int counts[][5], int *sizes)
{
	memset(counts, 0, (size_t)k * sizeof counts[0]);
	memset(sizes, 0, (size_t)k * sizeof *sizes);
	for (size_t i = 0; i < n; i++) {
		if (fold[i] < 0 || fold[i] >= k)
			return false;
		counts[fold[i]][label[i]]++;
		sizes[fold[i]]++;
	}
	return true;
}

static void test_stratified(void)
{
	int label[MAX_ITEMS], fold[MAX_ITEMS], again[MAX_ITEMS];
	int counts[10][5], sizes[10];
	themes_error err = {0};

	for (size_t t = 0; t < sizeof stratified_cases / sizeof stratified_cases[0]; t++) {
		const stratified_case *c = &stratified_cases[t];
		size_t n = make_labels(c->counts, label, (unsigned)t + 1);
		CHECK(themes_folds_stratified(label, n, c->k, 42, fold, &err) == THEMES_OK);
		if (!CHECK(fold_counts(fold, label, n, c->k, counts, sizes)))
			continue;
		/* each label spread evenly: fold counts differ by at most one */
		for (int l = 0; c->counts[l]; l++) {
			int low = counts[0][l], high = counts[0][l];
			for (int f = 1; f < c->k; f++) {
				low = counts[f][l] < low ? counts[f][l] : low;
				high = counts[f][l] > high ? counts[f][l] : high;
			}
			if (!CHECK(high - low <= 1))
				fprintf(stderr, "  case %zu, label %d: %d to %d per fold\n",
				        t, l, low, high);
		}
		for (int f = 0; f < c->k; f++)
			if (!CHECK(sizes[f] > 0))
				fprintf(stderr, "  case %zu: fold %d is empty\n", t, f);
		/* the same seed gives the same folds */
		CHECK(themes_folds_stratified(label, n, c->k, 42, again, &err) == THEMES_OK);
		CHECK(memcmp(fold, again, n * sizeof *fold) == 0);
	}
	/* another seed, another shuffle (103 items: equal by chance never) */
	size_t n = make_labels(stratified_cases[0].counts, label, 9);
	CHECK(themes_folds_stratified(label, n, 5, 1, fold, &err) == THEMES_OK);
	CHECK(themes_folds_stratified(label, n, 5, 2, again, &err) == THEMES_OK);
	CHECK(memcmp(fold, again, n * sizeof *fold) != 0);

	/* k out of range: 2 <= k <= n */
	const int bad_k[] = {-1, 0, 1, 8};
	for (size_t b = 0; b < sizeof bad_k / sizeof bad_k[0]; b++) {
		memset(&err, 0, sizeof err);
		CHECK(themes_folds_stratified(label, 7, bad_k[b], 1, fold, &err) ==
		      THEMES_ERR_PARAM);
		CHECK(err.code == THEMES_ERR_PARAM && err.message[0] != '\0');
	}
}

/* ------------------------------------------------------------------ */
/* Grouped folds                                                        */
/* ------------------------------------------------------------------ */

typedef struct grouped_input {
	size_t n;
	int label[MAX_ITEMS];
	char names[MAX_ITEMS][24]; /* each row's own copy of its group name */
	const char *group[MAX_ITEMS];
	int group_of[MAX_ITEMS];
	int groups;
} grouped_input;

static void add_row(grouped_input *in, int group, int label)
{
	size_t i = in->n++;
	in->label[i] = label;
	snprintf(in->names[i], sizeof in->names[i], "writer-%d", group);
	in->group[i] = in->names[i];
	in->group_of[i] = group;
	if (group + 1 > in->groups)
		in->groups = group + 1;
}

/* Every group in one fold; every fold used. */
static void check_grouped(const grouped_input *in, const int *fold, int k,
                          const char *why)
{
	int fold_of[MAX_ITEMS], used[MAX_ITEMS] = {0};
	for (int g = 0; g < in->groups; g++)
		fold_of[g] = -1;
	int split = 0, outside = 0;
	for (size_t i = 0; i < in->n; i++) {
		int g = in->group_of[i];
		if (fold[i] < 0 || fold[i] >= k) {
			outside++;
			continue;
		}
		if (fold_of[g] >= 0 && fold_of[g] != fold[i])
			split++;
		fold_of[g] = fold[i];
		used[fold[i]] = 1;
	}
	int empty = 0;
	for (int f = 0; f < k; f++)
		empty += !used[f];
	if (!CHECK(split == 0 && outside == 0 && empty == 0))
		fprintf(stderr, "  %s: %d rows split from their group, %d outside "
		        "the folds, %d empty folds\n", why, split, outside, empty);
}

/* Each fold holds `per_fold` items of every label. */
static void check_even_labels(const grouped_input *in, const int *fold, int k,
                              int labels, int per_fold, const char *why)
{
	int counts[10][5], sizes[10];
	if (!CHECK(fold_counts(fold, in->label, in->n, k, counts, sizes)))
		return;
	for (int f = 0; f < k; f++)
		for (int l = 0; l < labels; l++)
			if (!CHECK(counts[f][l] == per_fold))
				fprintf(stderr, "  %s: fold %d has %d of label %d, expected "
				        "%d\n", why, f, counts[f][l], l, per_fold);
}

static void test_grouped(void)
{
	static grouped_input in;
	int fold[MAX_ITEMS], again[MAX_ITEMS];
	themes_error err = {0};

	/* Six groups with one clause of each of three labels: two groups per
	 * fold give every fold two clauses of each label. */
	memset(&in, 0, sizeof in);
	for (int g = 0; g < 6; g++)
		for (int l = 0; l < 3; l++)
			add_row(&in, g, l);
	CHECK(themes_folds_grouped(in.label, in.group, in.n, 3, 5, fold, &err) == THEMES_OK);
	check_grouped(&in, fold, 3, "mixed groups");
	check_even_labels(&in, fold, 3, 3, 2, "mixed groups");

	/* Single-label groups, three of each label, rows interleaved: only one
	 * group of each label per fold keeps the mix even. */
	memset(&in, 0, sizeof in);
	for (int r = 0; r < 4; r++)
		for (int g = 0; g < 6; g++)
			add_row(&in, g, g % 2);
	for (uint32_t seed = 1; seed <= 5; seed++) {
		CHECK(themes_folds_grouped(in.label, in.group, in.n, 3, seed, fold,
		                           &err) == THEMES_OK);
		check_grouped(&in, fold, 3, "single-label groups");
		check_even_labels(&in, fold, 3, 2, 4, "single-label groups");
	}

	/* As many groups as folds, of uneven sizes and mixes: one each. */
	memset(&in, 0, sizeof in);
	const int sizes[4][2] = {{5, 0}, {0, 5}, {1, 0}, {0, 1}};
	for (int g = 0; g < 4; g++)
		for (int l = 0; l < 2; l++)
			for (int r = 0; r < sizes[g][l]; r++)
				add_row(&in, g, l);
	CHECK(themes_folds_grouped(in.label, in.group, in.n, 4, 3, fold, &err) == THEMES_OK);
	check_grouped(&in, fold, 4, "one group per fold");

	/* Forty groups of 1-6 rows with random labels. */
	memset(&in, 0, sizeof in);
	unsigned state = 7;
	for (int g = 0; g < 40; g++)
		for (unsigned r = 0, size = 1 + next_random(&state) % 6; r < size; r++)
			add_row(&in, g, (int)(next_random(&state) % 4));
	const int ks[] = {2, 5, 10, 40};
	for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
		CHECK(themes_folds_grouped(in.label, in.group, in.n, ks[i], 11, fold,
		                           &err) == THEMES_OK);
		check_grouped(&in, fold, ks[i], "random groups");
		CHECK(themes_folds_grouped(in.label, in.group, in.n, ks[i], 11, again,
		                           &err) == THEMES_OK);
		CHECK(memcmp(fold, again, in.n * sizeof *fold) == 0);
	}

	/* Too few groups for the folds: an error naming both counts. */
	const struct { int k, groups; } few[] = {{3, 2}, {5, 4}, {2, 1}};
	for (size_t i = 0; i < sizeof few / sizeof few[0]; i++) {
		memset(&in, 0, sizeof in);
		for (int g = 0; g < few[i].groups; g++)
			for (int l = 0; l < 3; l++)
				add_row(&in, g, l);
		memset(&err, 0, sizeof err);
		int status = themes_folds_grouped(in.label, in.group, in.n, few[i].k,
		                                  1, fold, &err);
		CHECK(status < 0 && err.code == status);
		if (!CHECK(names_number(err.message, few[i].k) &&
		           names_number(err.message, few[i].groups)))
			fprintf(stderr, "  %d folds, %d groups: \"%s\"\n", few[i].k,
			        few[i].groups, err.message);
	}
}

/* ------------------------------------------------------------------ */
/* Corpora                                                              */
/* ------------------------------------------------------------------ */

static const char *data_dir;

static themes_codebook *fixture_codebook(void)
{
	char path[1024];
	themes_codebook *cb = NULL;
	themes_error err = {0};
	snprintf(path, sizeof path, "%s/eu-japan.codebook", data_dir);
	if (themes_codebook_read(&cb, path, &err) != THEMES_OK) {
		fprintf(stderr, "%s\n", err.message);
		exit(2);
	}
	return cb;
}

/* The fixture corpus; group names the group column (or NULL). */
static themes_corpus *fixture_corpus(const char *group)
{
	char path[1024];
	themes_corpus *corpus = NULL;
	themes_error err = {0};
	themes_corpus_columns columns = {0};
	themes_codebook *cb = fixture_codebook();
	columns.group = group;
	snprintf(path, sizeof path, "%s/eu-japan.csv", data_dir);
	int status = themes_corpus_read(&corpus, path, cb, &columns, &err);
	themes_codebook_free(cb);
	if (status != THEMES_OK) {
		fprintf(stderr, "%s\n", err.message);
		exit(2);
	}
	return corpus;
}

/* A corpus of the given texts (all labelled "a" but the first, "b"). */
static themes_corpus *corpus_of(const char *const *texts, size_t n)
{
	char path[] = "/tmp/themes-test-folds-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs("id,text,theme\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "r%zu,\"%s\",%s\n", i, texts[i], i ? "a" : "b");
	fclose(f);
	themes_corpus *corpus = NULL;
	themes_error err = {0};
	int status = themes_corpus_read(&corpus, path, NULL, NULL, &err);
	unlink(path);
	if (status != THEMES_OK) {
		fprintf(stderr, "%s\n", err.message);
		exit(2);
	}
	return corpus;
}

/* ------------------------------------------------------------------ */
/* Near duplicates                                                      */
/* ------------------------------------------------------------------ */

/* Texts of distinct lower-case words, so that word 3-shingles are easy to
 * compute here: variants of `base` share known runs of words with it. */
static const char *const within_texts[] = {
	"amber basalt cobalt dune ember fjord glacier harbor island jungle",
	"amber basalt cobalt dune ember fjord glacier harbor island jungle",
	"amber basalt cobalt dune ember fjord glacier harbor island kelp",
	"amber basalt cobalt dune meadow fjord glacier harbor island jungle",
	"Amber, basalt; cobalt DUNE ember fjord glacier harbor island jungle!",
	"lagoon meadow nebula oasis prairie quarry ravine savanna",
	"amber basalt", /* too short for any shingle: similar to nothing */
};
static const char *const other_texts[] = {
	"tundra basalt cobalt dune ember fjord glacier harbor island jungle",
	"amber basalt cobalt dune meadow fjord glacier harbor island jungle",
	"lagoon meadow nebula oasis prairie quarry ravine",
};
#define WITHIN (sizeof within_texts / sizeof within_texts[0])
#define OTHER (sizeof other_texts / sizeof other_texts[0])

/* The reference: Jaccard similarity of the sets of word 3-shingles, words
 * being the runs of letters, lower-cased. */
static double reference_jaccard(const char *a, const char *b)
{
	char shingles[2][16][64];
	int count[2] = {0, 0};
	const char *texts[2] = {a, b};
	for (int t = 0; t < 2; t++) {
		char words[16][16];
		int n = 0;
		for (const char *p = texts[t]; *p && n < 16;) {
			while (*p && !((*p | 32) >= 'a' && (*p | 32) <= 'z'))
				p++;
			int m = 0;
			while (((*p | 32) >= 'a' && (*p | 32) <= 'z') && m < 15)
				words[n][m++] = (char)(*p++ | 32);
			words[n][m] = '\0';
			n += m > 0;
		}
		for (int i = 0; i + 2 < n; i++) {
			char s[64];
			snprintf(s, sizeof s, "%.15s %.15s %.15s", words[i], words[i + 1],
			         words[i + 2]);
			bool seen = false;
			for (int j = 0; j < count[t]; j++)
				seen |= strcmp(shingles[t][j], s) == 0;
			if (!seen)
				strcpy(shingles[t][count[t]++], s);
		}
	}
	int shared = 0;
	for (int i = 0; i < count[0]; i++)
		for (int j = 0; j < count[1]; j++)
			shared += strcmp(shingles[0][i], shingles[1][j]) == 0;
	int all = count[0] + count[1] - shared;
	return all ? (double)shared / all : 0;
}

#define MAX_PAIRS 64

typedef struct pair_log {
	size_t row[MAX_PAIRS], other[MAX_PAIRS];
	double jaccard[MAX_PAIRS];
	size_t count;
	size_t stop_after; /* 0: never stop */
} pair_log;

static int log_pair(size_t row, size_t other_row, double jaccard, void *user)
{
	pair_log *log = user;
	if (log->count < MAX_PAIRS) {
		log->row[log->count] = row;
		log->other[log->count] = other_row;
		log->jaccard[log->count] = jaccard;
	}
	log->count++;
	return log->stop_after && log->count >= log->stop_after;
}

/* The pairs found at threshold equal the reference's, each once. */
static void check_pairs(const themes_corpus *a, const themes_corpus *b,
                        const char *const *texts_a, size_t na,
                        const char *const *texts_b, size_t nb,
                        double threshold)
{
	pair_log log = {0};
	themes_error err = {0};
	long found = themes_near_duplicates(a, b, threshold, log_pair, &log, &err);
	size_t expected = 0, matched = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = b ? 0 : i + 1; j < (b ? nb : na); j++) {
			double jac = reference_jaccard(texts_a[i], b ? texts_b[j] : texts_a[j]);
			if (jac < threshold || jac == 0)
				continue;
			expected++;
			/* within one corpus a pair is (earlier row, later row) */
			for (size_t p = 0; p < log.count && p < MAX_PAIRS; p++)
				if (log.row[p] == i && log.other[p] == j &&
				    fabs(log.jaccard[p] - jac) < 1e-12)
					matched++;
		}
	if (!CHECK(found == (long)log.count && log.count == expected &&
	           matched == expected))
		fprintf(stderr, "  %s, threshold %.9f: returned %ld, %zu calls, "
		        "%zu of %zu expected pairs\n", b ? "across" : "within",
		        threshold, found, log.count, matched, expected);
}

static void test_near_duplicates(void)
{
	themes_corpus *a = corpus_of(within_texts, WITHIN);
	themes_corpus *b = corpus_of(other_texts, OTHER);

	/* Each non-zero similarity as a threshold, and just above and below
	 * it; then a few round ones. */
	for (int across = 0; across < 2; across++) {
		const char *const *tb = across ? other_texts : within_texts;
		size_t nb = across ? OTHER : WITHIN;
		for (size_t i = 0; i < WITHIN; i++)
			for (size_t j = 0; j < nb; j++) {
				double jac = reference_jaccard(within_texts[i], tb[j]);
				if (jac == 0 || (!across && j <= i))
					continue;
				for (int d = -1; d <= 1; d++)
					check_pairs(a, across ? b : NULL, within_texts, WITHIN,
					            other_texts, OTHER, jac + d * 1e-9);
			}
		const double round[] = {0.3, 0.6, 1.0};
		for (size_t r = 0; r < 3; r++)
			check_pairs(a, across ? b : NULL, within_texts, WITHIN, other_texts,
			            OTHER, round[r]);
	}
	/* the cases the texts were written for */
	CHECK(reference_jaccard(within_texts[0], within_texts[1]) == 1.0);
	CHECK(reference_jaccard(within_texts[0], within_texts[4]) == 1.0);
	CHECK_NEAR(reference_jaccard(within_texts[0], within_texts[2]), 7.0 / 9, 1e-12);
	CHECK_NEAR(reference_jaccard(within_texts[0], within_texts[3]), 5.0 / 11, 1e-12);

	/* an exact duplicate is 1.0, reported at threshold 1 */
	pair_log log = {0};
	themes_error err = {0};
	CHECK(themes_near_duplicates(a, NULL, 1.0, log_pair, &log, &err) >= 1);
	CHECK(log.count >= 1 && log.row[0] == 0 && log.other[0] == 1 &&
	      log.jaccard[0] == 1.0);

	/* a non-zero return stops the scan: one call, one pair */
	memset(&log, 0, sizeof log);
	log.stop_after = 1;
	CHECK(themes_near_duplicates(a, NULL, 0.3, log_pair, &log, &err) == 1);
	CHECK(log.count == 1);
	themes_corpus_free(a);
	themes_corpus_free(b);
}

/* ------------------------------------------------------------------ */
/* Cross-validation and grid search                                     */
/* ------------------------------------------------------------------ */

static double cv_macro_f1(const themes_corpus *corpus,
                          const themes_train_options *o, int folds, int grouped)
{
	size_t n = themes_corpus_size(corpus);
	themes_scored *items = calloc(n, sizeof *items);
	themes_error err = {0};
	themes_metrics m;
	double result = -1;
	if (items && themes_cross_validate(corpus, o, folds, grouped, 1, items,
	                                   &err) == THEMES_OK) {
		themes_metrics_compute(items, n,
		                       themes_codebook_count(themes_corpus_codebook(corpus)), &m);
		result = m.macro_f1;
	}
	free(items);
	return result;
}

static void test_grid_search(const themes_corpus *corpus)
{
	const double costs[] = {0.3, 1, 3}, gammas[] = {0.5, 2};
	double scores[2][7];
	themes_train_options o;
	themes_error err = {0};

	themes_train_options_init(&o);
	for (int grouped = 0; grouped < 2; grouped++) {
		/* one macro-F1 per setting, the same for 1 and 2 threads, each the
		 * cross-validated macro-F1 of its C (same folds, same seed) */
		for (int t = 0; t < 2; t++) {
			for (size_t s = 0; s < 7; s++)
				scores[t][s] = -7; /* must stay past the last setting */
			omp_set_num_threads(t + 1);
			CHECK(themes_grid_search(corpus, &o, 3, grouped, 1, costs, 3, NULL,
			                         0, scores[t], &err) == THEMES_OK);
		}
		CHECK(memcmp(scores[0], scores[1], sizeof scores[0]) == 0);
		CHECK(scores[0][3] == -7);
		for (size_t c = 0; c < 3; c++) {
			themes_train_options one = o;
			one.C = costs[c];
			CHECK(scores[0][c] >= 0 && scores[0][c] <= 1);
			CHECK(scores[0][c] == cv_macro_f1(corpus, &one, 3, grouped));
		}
	}
	/* RBF: costs x gammas, cost-major */
	themes_train_options rbf = o;
	rbf.kernel = THEMES_KERNEL_RBF;
	rbf.solver = THEMES_SOLVER_LIBSVM;
	for (size_t s = 0; s < 7; s++)
		scores[0][s] = -7;
	CHECK(themes_grid_search(corpus, &rbf, 3, 0, 1, costs + 1, 2, gammas, 2,
	                         scores[0], &err) == THEMES_OK);
	CHECK(scores[0][4] == -7);
	for (size_t c = 0; c < 2; c++)
		for (size_t g = 0; g < 2; g++) {
			themes_train_options one = rbf;
			one.C = costs[1 + c];
			one.gamma = gammas[g];
			CHECK(scores[0][c * 2 + g] == cv_macro_f1(corpus, &one, 3, 0));
		}
	/* a cost out of range is a parameter error naming C */
	const double bad[] = {0, -1, 2e6, NAN};
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		double cost[2] = {1, bad[b]};
		memset(&err, 0, sizeof err);
		CHECK(themes_grid_search(corpus, &o, 3, 0, 1, cost, 2, NULL, 0,
		                         scores[0], &err) == THEMES_ERR_PARAM);
		CHECK(err.code == THEMES_ERR_PARAM && strstr(err.message, "C") != NULL);
	}
	omp_set_num_threads(2);
}

/* Grouped cross-validation scores every clause with a model trained
 * without its writer: the same as training by hand on the grouped folds. */
static void test_cross_validate_grouped(const themes_corpus *corpus)
{
	size_t n = themes_corpus_size(corpus);
	themes_scored *cv = calloc(n, sizeof *cv), *plain = calloc(n, sizeof *plain);
	int *label = calloc(n, sizeof *label), *fold = calloc(n, sizeof *fold);
	int *stratified = calloc(n, sizeof *stratified);
	const char **group = calloc(n, sizeof *group);
	size_t *rows = calloc(n, sizeof *rows);
	themes_train_options o;
	themes_error err = {0};
	const int folds = 3;
	const uint32_t seed = 7;

	if (!CHECK(cv && plain && label && fold && stratified && group && rows))
		goto done;
	themes_train_options_init(&o);
	for (size_t i = 0; i < n; i++) {
		label[i] = themes_corpus_theme(corpus, i);
		group[i] = themes_corpus_group(corpus, i);
		CHECK(group[i][0] != '\0'); /* the writer column was read */
	}
	CHECK(themes_cross_validate(corpus, &o, folds, 1, seed, cv, &err) == THEMES_OK);
	CHECK(themes_cross_validate(corpus, &o, folds, 0, seed, plain, &err) == THEMES_OK);
	CHECK(themes_folds_grouped(label, group, n, folds, seed, fold, &err) == THEMES_OK);
	CHECK(themes_folds_stratified(label, n, folds, seed, stratified, &err) == THEMES_OK);
	/* stratified folds split writers, so the two runs must differ */
	bool writer_split = false;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			writer_split |= strcmp(group[i], group[j]) == 0 &&
			                stratified[i] != stratified[j];
	CHECK(writer_split);
	bool differs = false;
	for (size_t i = 0; i < n; i++)
		differs |= memcmp(cv[i].scores, plain[i].scores, sizeof cv[i].scores) != 0;
	CHECK(differs);

	size_t mismatches = 0;
	for (int f = 0; f < folds; f++) {
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			if (fold[i] != f)
				rows[count++] = i;
		themes_model *model = NULL;
		themes_classifier *classifier = NULL;
		if (!CHECK(themes_train(&model, corpus, rows, count, &o, &err) == THEMES_OK &&
		           themes_classifier_new(&classifier, model, &err) == THEMES_OK)) {
			themes_model_free(&model);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (fold[i] != f)
				continue;
			const char *text = themes_corpus_text(corpus, i);
			themes_prediction p;
			CHECK(themes_classify(classifier, text, strlen(text), &p) == THEMES_OK);
			mismatches += cv[i].gold != label[i] ||
			              cv[i].gold_secondary != themes_corpus_secondary(corpus, i) ||
			              cv[i].predicted != p.theme ||
			              memcmp(cv[i].scores, p.scores, sizeof p.scores) != 0;
		}
		themes_classifier_free(classifier);
		themes_model_free(&model);
	}
	CHECK(mismatches == 0);

	/* without a group column every row is in one group: too few */
	themes_corpus *ungrouped = fixture_corpus(NULL);
	memset(&err, 0, sizeof err);
	int status = themes_cross_validate(ungrouped, &o, folds, 1, seed, cv, &err);
	CHECK(status < 0 && err.code == status);
	CHECK(names_number(err.message, folds) && names_number(err.message, 1));
	themes_corpus_free(ungrouped);
done:
	free(cv);
	free(plain);
	free(label);
	free(fold);
	free(stratified);
	free(group);
	free(rows);
}

/* ------------------------------------------------------------------ */
/* Explanations                                                         */
/* ------------------------------------------------------------------ */

/* The stems (and acronyms) of a clause's words, " stem stem ... ". */
typedef struct stem_list {
	themes_stemmer *stemmer;
	char text[2048];
} stem_list;

static void add_stem(const char *token, size_t length, int is_acronym,
                     void *user)
{
	stem_list *s = user;
	size_t n = length;
	const char *stem = is_acronym ? token : themes_stem(s->stemmer, token, length, &n);
	size_t used = strlen(s->text);
	if (stem && used + n + 2 < sizeof s->text)
		snprintf(s->text + used, sizeof s->text - used, "%.*s ", (int)n, stem);
}

/* Whether every word of term (a unigram or bigram) is a stem of text. */
static bool term_in(const char *term, const char *text, themes_stemmer *stemmer)
{
	stem_list s = {stemmer, " "};
	themes_tokenize(text, strlen(text), add_stem, &s);
	char word[THEMES_MAX_SLUG * 4];
	for (const char *p = term; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(word, sizeof word, " %.*s ", (int)n, p);
		if (!strstr(s.text, word))
			return false;
		p += n + (p[n] == ' ');
	}
	return true;
}

static const char *const explain_texts[] = {
	"The two sides agreed to cut tariffs on cars and machine parts.",
	"The navies will hold another joint drill against cyber attacks.",
	"Student exchanges will double, with new scholarships for language teaching.",
	"Both sides committed to net-zero emissions and joint funding for offshore wind.",
	"tariffs",
	"qwxz vbnm",
	"",
};

static void test_explain(const themes_corpus *corpus)
{
	themes_train_options o;
	themes_model *model = NULL, *rbf = NULL;
	themes_classifier *c = NULL, *rc = NULL;
	themes_stemmer *stemmer = NULL;
	themes_error err = {0};
	themes_contribution all[128], few[128];

	themes_train_options_init(&o);
	if (!CHECK(themes_train(&model, corpus, NULL, 0, &o, &err) == THEMES_OK &&
	           themes_classifier_new(&c, model, &err) == THEMES_OK &&
	           themes_stemmer_new(&stemmer, "english", &err) == THEMES_OK))
		goto done;
	int labels = themes_model_labels(model);
	for (size_t t = 0; t < sizeof explain_texts / sizeof explain_texts[0]; t++) {
		const char *text = explain_texts[t];
		size_t length = strlen(text);
		for (int theme = 0; theme < labels; theme++) {
			int n = themes_explain(c, text, length, theme, all, 64);
			if (!CHECK(n >= 0 && n < 64))
				continue;
			for (int i = 0; i < n; i++) {
				if (!CHECK(term_in(all[i].term, text, stemmer)))
					fprintf(stderr, "  \"%s\" is not in \"%s\"\n", all[i].term, text);
				for (int j = 0; j < i; j++)
					CHECK(strcmp(all[i].term, all[j].term) != 0);
				if (i > 0)
					CHECK(all[i - 1].contribution > all[i].contribution ||
					      (all[i - 1].contribution == all[i].contribution &&
					       strcmp(all[i - 1].term, all[i].term) < 0));
			}
			/* asking for more than the clause has gives what it has;
			 * asking for fewer gives the top of the same list */
			CHECK(themes_explain(c, text, length, theme, few, n + 5) == n);
			CHECK(themes_explain(c, text, length, theme, few, 1) == (n > 0));
			CHECK(n == 0 || (strcmp(few[0].term, all[0].term) == 0 &&
			                 few[0].contribution == all[0].contribution));
		}
	}
	/* one known word: one term, its stem */
	size_t stem_length;
	const char *tariff = themes_stem(stemmer, "tariffs", 7, &stem_length);
	CHECK(themes_explain(c, "tariffs", 7, 0, all, 10) == 1);
	CHECK_STR(all[0].term, tariff);
	/* no known word: nothing */
	CHECK(themes_explain(c, "qwxz vbnm", 9, 0, all, 10) == 0);
	/* a theme out of range */
	CHECK(themes_explain(c, "tariffs", 7, labels, all, 10) == THEMES_ERR_PARAM);
	CHECK(themes_explain(c, "tariffs", 7, -1, all, 10) == THEMES_ERR_PARAM);

	/* an RBF model's decisions do not split by term */
	themes_train_options r = o;
	r.kernel = THEMES_KERNEL_RBF;
	r.solver = THEMES_SOLVER_LIBSVM;
	if (CHECK(themes_train(&rbf, corpus, NULL, 0, &r, &err) == THEMES_OK &&
	          themes_classifier_new(&rc, rbf, &err) == THEMES_OK))
		CHECK(themes_explain(rc, explain_texts[0], strlen(explain_texts[0]), 0,
		                     all, 10) == THEMES_ERR_PARAM);
done:
	themes_classifier_free(c);
	themes_classifier_free(rc);
	themes_model_free(&model);
	themes_model_free(&rbf);
	themes_stemmer_free(stemmer);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_folds DATA_DIR\n");
		return 2;
	}
	data_dir = argv[1];
	test_stratified();
	test_grouped();
	test_near_duplicates();
	themes_corpus *corpus = fixture_corpus("writer");
	test_grid_search(corpus);
	test_cross_validate_grouped(corpus);
	test_explain(corpus);
	themes_corpus_free(corpus);
	return harness_summary();
}
