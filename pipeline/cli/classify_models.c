/*
 * classify_models.c - which model reads each input of `themes classify`.
 *
 * With -m, or $THEMES_MODEL when --language is not given, one model reads
 * every input.  Otherwise --language picks default models
 * (find_default_model): english, russian or chinese for every input, or,
 * with auto (the default), for each input by the script most letters of
 * its first DETECT_BYTES are written in (themes_detect_script).  Only the
 * models some input needs are loaded.  The models of one run must have the
 * same labels in the same order: the score columns are written once.
 */
#include "classify.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* The languages of the default models, in slot order. */
static const char *const default_languages[MODEL_SLOTS] = {
	"english", "russian", "chinese"
};

bool model_language_valid(const char *language)
{
	return strcmp(language, "auto") == 0 || model_language_slot(language) >= 0;
}

int model_language_slot(const char *language)
{
	for (int k = 0; k < MODEL_SLOTS; k++)
		if (strcmp(default_languages[k], language) == 0)
			return k;
	return -1;
}

/* The slot of the default model for in: by the script of its head (Latin,
 * and so English, when it was not read ahead). */
static int slot_by_script(const input *in)
{
	themes_script script = in->head
		? themes_detect_script(in->head, in->head_length, NULL)
		: THEMES_SCRIPT_LATIN;
	return model_language_slot(themes_script_language(script));
}

/* Finds the default model of slot k, for in; reports a missing one. */
static int find_slot_model(model_slot *slot, int k, const input *in)
{
	themes_error err;
	if (themes_default_model(default_languages[k], slot->found,
	                         sizeof slot->found, &err) == THEMES_OK) {
		slot->path = slot->found;
		return EXIT_OK;
	}
	report_error("%s (for %s); give a model with -m MODEL (train one with "
	             "'themes train --language %s')",
	             err.message, in->path, default_languages[k]);
	return EXIT_DATA;
}

bool models_auto(const char *model_path, const char *language)
{
	const char *env = getenv("THEMES_MODEL");
	if (model_path)
		return false;
	if (language)
		return strcmp(language, "auto") == 0;
	return !(env && *env);
}

int models_choose(model_set *ms, input *in, int ninputs,
                  const char *model_path, const char *language)
{
	if (!model_path && !language)
		model_path = getenv("THEMES_MODEL");
	if (model_path && *model_path) {
		ms->slots[0].path = model_path;
		for (int i = 0; i < ninputs; i++)
			in[i].model = 0;
		return EXIT_OK;
	}
	bool by_script = !language || strcmp(language, "auto") == 0;
	for (int i = 0; i < ninputs; i++) {
		int k = by_script ? slot_by_script(&in[i])
		                  : model_language_slot(language);
		in[i].model = k;
		if (!ms->slots[k].path) {
			int status = find_slot_model(&ms->slots[k], k, &in[i]);
			if (status != EXIT_OK)
				return status;
		}
	}
	return EXIT_OK;
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
		             "writes one set of score columns: its models need the "
		             "same labels in the same order; classify these inputs "
		             "in separate runs, or choose one model with -m",
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
