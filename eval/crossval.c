/*
 * crossval.c - K-fold cross-validation (stratified or grouped, folds.c)
 * and grid search.
 *
 * Input: a labelled corpus and training options.  Output: one themes_scored
 * per clause (cross-validation) or one macro-F1 per setting (grid search).
 * Every (setting, fold) pair is an independent task, so both cores stay busy;
 * each task writes only its own slots, which makes the results the same for
 * any thread count.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Trains on every fold but `held_out` and scores the held-out clauses. */
static int run_fold(const themes_corpus *corpus, const int *fold, int held_out,
                    const themes_train_options *options, themes_scored *out,
                    themes_error *err)
{
	size_t n = themes_corpus_size(corpus), count = 0;
	size_t *rows = malloc((n + 1) * sizeof *rows);
	if (!rows)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (fold[i] != held_out)
			rows[count++] = i;
	themes_model *model = NULL;
	themes_classifier *classifier = NULL;
	int status = themes_train(&model, corpus, rows, count, options, err);
	if (status == THEMES_OK)
		status = themes_classifier_new(&classifier, model, err);
	for (size_t i = 0; i < n && status == THEMES_OK; i++) {
		if (fold[i] != held_out)
			continue;
		const char *text = themes_corpus_text(corpus, i);
		themes_prediction p;
		if (themes_classify(classifier, text, strlen(text), &p) != THEMES_OK) {
			status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
			break;
		}
		out[i].gold = themes_corpus_theme(corpus, i);
		out[i].gold_secondary = themes_corpus_secondary(corpus, i);
		out[i].predicted = p.theme;
		memcpy(out[i].scores, p.scores, sizeof p.scores);
	}
	themes_classifier_free(classifier);
	themes_model_free(&model);
	free(rows);
	return status;
}

/* The fold of every clause: stratified, or grouped by the group column. */
static int *make_folds(const themes_corpus *corpus, int folds, int grouped,
                       uint32_t seed, themes_error *err)
{
	size_t n = themes_corpus_size(corpus);
	int *label = malloc((n + 1) * sizeof *label);
	int *fold = malloc((n + 1) * sizeof *fold);
	const char **group = malloc((n + 1) * sizeof *group);
	int status = THEMES_ERR_NOMEM;
	if (label && fold && group) {
		for (size_t i = 0; i < n; i++) {
			label[i] = themes_corpus_theme(corpus, i);
			group[i] = themes_corpus_group(corpus, i);
		}
		status = grouped ?
			themes_folds_grouped(label, group, n, folds, seed, fold, err) :
			themes_folds_stratified(label, n, folds, seed, fold, err);
	} else {
		themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	free(label);
	free(group);
	if (status != THEMES_OK) {
		free(fold);
		return NULL;
	}
	return fold;
}

/* Runs tasks (setting, fold) in parallel; settings[s] are the options of
 * setting s and scored + s * n its output.  The first error (in task order)
 * is reported. */
static int run_tasks(const themes_corpus *corpus, const int *fold, int folds,
                     const themes_train_options *settings, size_t n_settings,
                     themes_scored *scored, themes_error *err)
{
	size_t n = themes_corpus_size(corpus);
	long tasks = (long)(n_settings * (size_t)folds);
	themes_error *errors = calloc((size_t)tasks, sizeof *errors);
	int *status = calloc((size_t)tasks, sizeof *status);
	if (!errors || !status) {
		free(errors);
		free(status);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	#pragma omp parallel for schedule(dynamic, 1)
	for (long t = 0; t < tasks; t++) {
		size_t s = (size_t)t / (size_t)folds;
		int f = (int)(t % folds);
		status[t] = run_fold(corpus, fold, f, &settings[s], scored + s * n,
		                     &errors[t]);
	}
	int result = THEMES_OK;
	for (long t = 0; t < tasks; t++)
		if (status[t] != THEMES_OK) {
			if (err)
				*err = errors[t];
			result = status[t];
			break;
		}
	free(errors);
	free(status);
	return result;
}

static int check_folds(const themes_corpus *corpus, int folds,
                       themes_error *err)
{
	if (folds < 2 || (size_t)folds > themes_corpus_size(corpus))
		return themes_fail(err, THEMES_ERR_PARAM, 0,
			"the number of folds must be between 2 and the number of "
			"clauses (%zu)", themes_corpus_size(corpus));
	return THEMES_OK;
}

int themes_cross_validate(const themes_corpus *corpus,
                          const themes_train_options *options, int folds,
                          int grouped, uint32_t seed, themes_scored *out,
                          themes_error *err)
{
	int status = check_folds(corpus, folds, err);
	if (status != THEMES_OK)
		return status;
	int *fold = make_folds(corpus, folds, grouped, seed, err);
	if (!fold)
		return err ? err->code : THEMES_ERR_NOMEM;
	status = run_tasks(corpus, fold, folds, options, 1, out, err);
	free(fold);
	return status;
}

int themes_grid_search(const themes_corpus *corpus,
                       const themes_train_options *options, int folds,
                       int grouped, uint32_t seed, const double *costs, size_t n_costs,
                       const double *gammas, size_t n_gammas,
                       double *macro_f1, themes_error *err)
{
	int status = check_folds(corpus, folds, err);
	if (status != THEMES_OK)
		return status;
	size_t per_cost = n_gammas ? n_gammas : 1;
	size_t n_settings = n_costs * per_cost, n = themes_corpus_size(corpus);
	themes_train_options *settings = calloc(n_settings + 1, sizeof *settings);
	themes_scored *scored = calloc(n_settings * n + 1, sizeof *scored);
	int *fold = NULL;
	if (!settings || !scored) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	fold = make_folds(corpus, folds, grouped, seed, err);
	if (!fold) {
		status = err ? err->code : THEMES_ERR_NOMEM;
		goto done;
	}
	for (size_t c = 0; c < n_costs; c++)
		for (size_t g = 0; g < per_cost; g++) {
			themes_train_options *o = &settings[c * per_cost + g];
			*o = *options;
			o->C = costs[c];
			if (n_gammas)
				o->gamma = gammas[g];
			const char *problem = themes_train_options_check(o, NULL);
			if (problem) {
				status = themes_fail(err, THEMES_ERR_PARAM, 0, "%s", problem);
				goto done;
			}
		}
	status = run_tasks(corpus, fold, folds, settings, n_settings, scored, err);
	for (size_t s = 0; s < n_settings && status == THEMES_OK; s++) {
		themes_metrics m;
		themes_metrics_compute(scored + s * n, n,
		                       themes_codebook_count(themes_corpus_codebook(corpus)),
		                       &m);
		macro_f1[s] = m.macro_f1;
	}
done:
	free(settings);
	free(scored);
	free(fold);
	return status;
}
