/*
 * batch.c - many clauses classified in one call, over OpenMP threads.
 *
 * Input: an array of texts and a loaded model.  Output: one
 * themes_prediction per text.  For callers that cannot run threads of their
 * own cheaply (the Python binding): one foreign call does the whole batch.
 */
#include "internal.h"

#include <omp.h>
#include <string.h>

int themes_classify_batch(const themes_model *model, const char *const *texts,
                          const size_t *lengths, size_t n, int threads,
                          themes_prediction *out, themes_error *err)
{
	if (n == 0)
		return THEMES_OK;
	if (threads <= 0)
		threads = omp_get_max_threads();
	if ((size_t)threads > n)
		threads = (int)n;
	int status = THEMES_OK;
	/* Each thread makes its classifier, then takes rows in chunks as it
	 * frees up; a row's result depends only on its text, so the schedule
	 * cannot change it. */
	#pragma omp parallel num_threads(threads)
	{
		themes_classifier *c = NULL;
		themes_error local = {0};
		int mine = themes_classifier_new(&c, model, &local);
		#pragma omp for schedule(dynamic, 64)
		for (size_t i = 0; i < n; i++) {
			if (mine != THEMES_OK)
				continue;
			const char *text = texts[i] ? texts[i] : "";
			size_t length = !texts[i] ? 0 : lengths ? lengths[i] : strlen(text);
			mine = themes_classify(c, text, length, &out[i]);
			if (mine != THEMES_OK)
				themes_fail(&local, mine, 0, "out of memory");
		}
		themes_classifier_free(c);
		if (mine != THEMES_OK) {
			#pragma omp critical(themes_batch_status)
			if (status == THEMES_OK) {
				status = mine;
				if (err)
					*err = local;
			}
		}
	}
	return status;
}
