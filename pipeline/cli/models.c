/*
 * models.c - which model reads each input of `themes classify` and each
 * statement of `themes compare` (models.h).
 *
 * With -m, or $THEMES_MODEL when --language is not given, one model reads
 * every input.  Otherwise --language picks default models
 * (themes_default_model): english, russian or chinese for every input, or,
 * with auto (the default), for each input by the script most letters of
 * its text are written in (themes_detect_script).  Only the models some
 * input needs are loaded.  The models of one run must have the same labels
 * in the same order: the score columns are written once, and shares are
 * compared label by label.
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "models.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* The languages of the default models, in slot order. */
static const char *const default_languages[MODEL_SLOTS] = {
	"english", "russian", "chinese"
};

static int language_slot(const char *language)
{
	for (int k = 0; k < MODEL_SLOTS; k++)
		if (strcmp(default_languages[k], language) == 0)
			return k;
	return -1;
}

bool parse_model_language(const char *command, const char *arg,
                          const char **language)
{
	if (strcmp(arg, "auto") != 0 && language_slot(arg) < 0) {
		usage_error(command, "--language must be auto, english, russian or "
		            "chinese, not \"%s\"", arg);
		return false;
	}
	*language = arg;
	return true;
}

/* Finds the default model of slot k, for the input path; reports a
 * missing one. */
static int find_slot_model(model_slot *slot, int k, const char *path)
{
	themes_error err;
	if (themes_default_model(default_languages[k], slot->found,
	                         sizeof slot->found, &err) == THEMES_OK) {
		slot->path = slot->found;
		return EXIT_OK;
	}
	report_error("%s (for %s); give a model with -m MODEL (train one with "
	             "'themes train --language %s')",
	             err.message, path, default_languages[k]);
	return EXIT_DATA;
}

int models_choose(model_set *ms, const char *model_path, const char *language,
                  const char *path, const char *head, size_t length,
                  int *slot)
{
	if (!model_path && !language)
		model_path = getenv("THEMES_MODEL");
	if (model_path && *model_path) {
		ms->slots[0].path = model_path;
		*slot = 0;
		return EXIT_OK;
	}
	if (!language || strcmp(language, "auto") == 0) {
		themes_script script = head ? themes_detect_script(head, length, NULL)
		                            : THEMES_SCRIPT_LATIN;
		language = themes_script_language(script);
	}
	int k = language_slot(language);
	*slot = k;
	return ms->slots[k].path ? EXIT_OK : find_slot_model(&ms->slots[k], k, path);
}

/* Loads the model of one slot, checks its labels against the run's first
 * model and makes its classifiers. */
static int load_slot(model_slot *slot, const model_slot *first, int threads)
{
	themes_error err = {0};
	if (themes_model_load(&slot->model, slot->path, &err) != THEMES_OK)
		return report_failure(&err);
	if (first && !themes_codebook_same_labels(
	                 themes_model_codebook(first->model),
	                 themes_model_codebook(slot->model))) {
		report_error("%s and %s have different labels (%s; %s), but one run "
		             "has one set of label columns: its models need the "
		             "same labels in the same order; read these inputs in "
		             "separate runs, or choose one model with -m",
		             first->path, slot->path,
		             themes_codebook_list(themes_model_codebook(first->model)),
		             themes_codebook_list(themes_model_codebook(slot->model)));
		return EXIT_DATA;
	}
	slot->classifiers = calloc((size_t)threads, sizeof *slot->classifiers);
	if (!slot->classifiers) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (int t = 0; t < threads; t++)
		if (themes_classifier_new(&slot->classifiers[t], slot->model,
		                          &err) != THEMES_OK)
			return report_failure(&err);
	return EXIT_OK;
}

int models_load(model_set *ms)
{
	const model_slot *first = NULL;
	ms->threads = omp_get_max_threads();
	for (int k = 0; k < MODEL_SLOTS; k++) {
		model_slot *slot = &ms->slots[k];
		if (!slot->path)
			continue;
		int status = load_slot(slot, first, ms->threads);
		if (status != EXIT_OK)
			return status;
		if (!first)
			first = slot;
		ms->models[ms->count++] = slot->model;
	}
	return EXIT_OK;
}

void models_name(const model_set *ms, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (int k = 0; k < MODEL_SLOTS && used < size; k++) {
		const char *path = ms->slots[k].path;
		if (!path)
			continue;
		const char *name = strrchr(path, '/');
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         used ? ", " : "", name ? name + 1 : path);
	}
}

void models_free(model_set *ms)
{
	for (int k = 0; k < MODEL_SLOTS; k++) {
		model_slot *slot = &ms->slots[k];
		if (slot->classifiers)
			for (int t = 0; t < ms->threads; t++)
				themes_classifier_free(slot->classifiers[t]);
		free(slot->classifiers);
		themes_model_free(&slot->model);
	}
	memset(ms, 0, sizeof *ms);
}
