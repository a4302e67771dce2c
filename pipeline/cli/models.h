/*
 * models.h - which model reads each input of `themes classify` and each
 * statement of `themes compare` (models.c).
 *
 * With -m, or $THEMES_MODEL when --language is not given, one model reads
 * every input.  Otherwise --language picks default models: english,
 * russian or chinese for every input, or, with auto (the default), for
 * each input by the script most of its letters are written in.
 */
#ifndef THEMES_CLI_MODELS_H
#define THEMES_CLI_MODELS_H

#include "cli.h"

#include <limits.h>

/* With -m or $THEMES_MODEL, slot 0 reads every input; otherwise slot k
 * holds the default model of language k (english, russian, chinese), when
 * some input needs it. */
#define MODEL_SLOTS 3

typedef struct model_slot {
	const char *path;                /* NULL: the slot is not used */
	char found[PATH_MAX + 64];       /* a default model's path */
	themes_model *model;
	themes_classifier **classifiers; /* one per OpenMP thread */
} model_slot;

typedef struct model_set {
	model_slot slots[MODEL_SLOTS];
	int threads;                       /* classifiers per slot */
	const themes_model *models[MODEL_SLOTS]; /* the loaded ones, in order */
	int count;
} model_set;

/* --language for command: auto, english, russian or chinese into
 * *language; false after reporting a usage error. */
bool parse_model_language(const char *command, const char *arg,
                          const char **language);
/* Chooses the model of one input named path, whose text starts with
 * head[0..length) (NULL when it was not read ahead: Latin): -m
 * (model_path, or NULL), else with no --language (language NULL)
 * $THEMES_MODEL, else the default model of language or, for auto, of the
 * script of head.  *slot receives its slot.  Returns an exit status after
 * reporting a missing default model. */
int models_choose(model_set *ms, const char *model_path, const char *language,
                  const char *path, const char *head, size_t length,
                  int *slot);
/* Loads the chosen models, one classifier per thread each, and checks that
 * they share their labels.  Returns an exit status after reporting any
 * failure. */
int models_load(model_set *ms);
/* The file names of the loaded models, joined by ", " (for the HTML page). */
void models_name(const model_set *ms, char *out, size_t size);
void models_free(model_set *ms);

#endif
