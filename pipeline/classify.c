/*
 * classify.c - last stage: a clause's text to a theme and six probabilities.
 *
 * Input: text and a loaded model.  Output: themes_prediction.
 * A classifier holds the per-thread state (Snowball stemmer, stem cache,
 * scratch buffers), so classifying allocates nothing once the buffers have
 * grown to the longest clause seen.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <svm.h>

struct themes_classifier {
	const themes_model *model;
	themes_featurizer featurizer;
};

int themes_classifier_new(themes_classifier **out, const themes_model *model,
                          themes_error *err)
{
	*out = NULL;
	themes_classifier *c = calloc(1, sizeof *c);
	if (!c)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	c->model = model;
	int status = themes_featurizer_init(&c->featurizer,
	                                    themes_model_feature_space(model),
	                                    themes_model_options(model)->language,
	                                    err);
	if (status != THEMES_OK) {
		free(c);
		return status;
	}
	*out = c;
	return THEMES_OK;
}

int themes_classify(themes_classifier *c, const char *text, size_t length,
                    themes_prediction *out)
{
	memset(out, 0, sizeof *out);
	out->theme = -1;
	long n = themes_featurizer_vector(&c->featurizer, text, length);
	if (n < 0)
		return THEMES_ERR_NOMEM;
	if (n == 0)
		return THEMES_OK; /* nothing known to the model: no theme */
	double decision[THEMES_PAIRS];
	themes_model_decisions(c->model, c->featurizer.nodes, decision);
	themes_model_probabilities(c->model, decision, out->scores);
	/* Ties go to the earlier theme, so the result never depends on
	 * floating-point noise in the order of evaluation. */
	int best = 0;
	for (int k = 1; k < THEMES_COUNT; k++)
		if (out->scores[k] > out->scores[best])
			best = k;
	out->theme = best;
	out->confidence = out->scores[best];
	return THEMES_OK;
}

void themes_classifier_free(themes_classifier *c)
{
	if (!c)
		return;
	themes_featurizer_free(&c->featurizer);
	free(c);
}
