/*
 * test_batch.c - what the library adds for programs other than themes:
 * themes_classify_batch (the same predictions as themes_classify, one by
 * one, for any thread count), themes_default_model and themes_version.
 *
 * Usage: test_batch MODELS_FOLDER (the repository's models/)
 */
#define _POSIX_C_SOURCE 200112L /* setenv */
#include "harness.h"
#include "themes.h"

#include <stdlib.h>

static const char *const clauses[] = {
	"The two sides will extend the treaty of friendship.",
	"Both nations paid an enormous price to defeat fascism.",
	"The sides oppose unilateral sanctions and NATO expansion.",
	"Russia supports the Global Development Initiative.",
	"The United Nations must keep its central role.",
	"Sovereignty and territorial integrity must be respected.",
	"",
	"zzzz qqqq",
	"Россия поддерживает Глобальную инициативу развития.",
};
#define N (sizeof clauses / sizeof *clauses)

static int same_prediction(const themes_prediction *a, const themes_prediction *b)
{
	return a->theme == b->theme && a->confidence == b->confidence &&
	       memcmp(a->scores, b->scores, sizeof a->scores) == 0;
}

static void test_batch(const themes_model *model)
{
	themes_prediction one[N], batch[N];
	themes_classifier *c = NULL;
	themes_error err = {0};
	CHECK(themes_classifier_new(&c, model, &err) == THEMES_OK);
	for (size_t i = 0; i < N; i++)
		CHECK(themes_classify(c, clauses[i], strlen(clauses[i]), &one[i]) == THEMES_OK);
	themes_classifier_free(c);

	for (int threads = 0; threads <= 3; threads++) {
		memset(batch, 0xff, sizeof batch);
		CHECK(themes_classify_batch(model, clauses, NULL, N, threads, batch,
		                            &err) == THEMES_OK);
		int same = 1;
		for (size_t i = 0; i < N; i++)
			same &= same_prediction(&one[i], &batch[i]);
		CHECK(same);
	}
	CHECK(one[0].theme >= 0);
	CHECK(one[6].theme == -1); /* empty: no known word */

	/* Lengths cut the texts: the first two clauses read as empty. */
	size_t lengths[2] = {0, 0};
	CHECK(themes_classify_batch(model, clauses, lengths, 2, 2, batch, &err) == THEMES_OK);
	CHECK(batch[0].theme == -1 && batch[1].theme == -1);
	CHECK(themes_classify_batch(model, clauses, NULL, 0, 0, NULL, &err) == THEMES_OK);
}

static void test_default_model(const char *models)
{
	char path[4096];
	themes_error err = {0};
	CHECK_STR(themes_default_model_file("english"), "default.model");
	CHECK_STR(themes_default_model_file("russian"), "default-ru.model");
	CHECK_STR(themes_default_model_file("chinese"), "default-zh.model");
	CHECK(themes_default_model_file("german") == NULL);

	setenv("THEMES_MODEL_DIR", models, 1);
	CHECK(themes_default_model(NULL, path, sizeof path, &err) == THEMES_OK);
	char expected[4096];
	snprintf(expected, sizeof expected, "%s/default.model", models);
	CHECK_STR(path, expected);
	CHECK(themes_default_model("chinese", path, sizeof path, &err) == THEMES_OK);
	CHECK(strstr(path, "/default-zh.model") != NULL);
	CHECK(themes_default_model("german", path, sizeof path, &err) == THEMES_ERR_PARAM);
	CHECK(strstr(err.message, "german") != NULL);

	/* $THEMES_MODEL_DIR is the only place looked in when it is set. */
	setenv("THEMES_MODEL_DIR", "/nonexistent-themes-folder", 1);
	CHECK(themes_default_model("russian", path, sizeof path, &err) == THEMES_ERR_IO);
	CHECK_STR(path, "/nonexistent-themes-folder/default-ru.model");
	CHECK(strstr(err.message, "looked for /nonexistent-themes-folder/default-ru.model") != NULL);
	unsetenv("THEMES_MODEL_DIR");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_batch MODELS_FOLDER\n");
		return 2;
	}
	CHECK_STR(themes_version(), THEMES_VERSION);
	char path[4096];
	snprintf(path, sizeof path, "%s/default.model", argv[1]);
	themes_model *model = NULL;
	themes_error err = {0};
	if (!CHECK(themes_model_load(&model, path, &err) == THEMES_OK)) {
		fprintf(stderr, "%s\n", err.message);
		return harness_summary();
	}
	test_batch(model);
	test_default_model(argv[1]);
	themes_model_free(&model);
	return harness_summary();
}
