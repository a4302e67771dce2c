/*
 * defaults.c - what a program asks of the installed library: its version
 * and where the default models are.
 *
 * Input: a language and the environment.  Output: the path of that
 * language's default model.  The folders are those of the themes program
 * (next to it, for a build tree or an installed prefix), plus the prefix
 * libthemes.so itself is installed in, which is what a program other than
 * themes (a Python interpreter, say) needs.
 */
#define _GNU_SOURCE /* dladdr */
#include "internal.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set by CMakeLists.txt: the configured share/themes, and the same folder
 * relative to the configured library folder (for a relocated prefix). */
#ifndef THEMES_INSTALLED_MODEL_DIR
#define THEMES_INSTALLED_MODEL_DIR "/usr/local/share/themes"
#endif
#ifndef THEMES_LIBRARY_MODEL_DIR
#define THEMES_LIBRARY_MODEL_DIR "../share/themes"
#endif

const char *themes_version(void)
{
	return THEMES_VERSION;
}

static const struct {
	const char *language, *file;
} default_files[] = {
	{"english", "default.model"},
	{"russian", "default-ru.model"},
	{"chinese", "default-zh.model"},
};

const char *themes_default_model_file(const char *language)
{
	for (size_t i = 0; i < sizeof default_files / sizeof *default_files; i++)
		if (strcmp(default_files[i].language, language) == 0)
			return default_files[i].file;
	return NULL;
}

/* The most folders model_dirs gives. */
#define MAX_DIRS 5

/* The folder holding the file at path (which it overwrites), or NULL. */
static char *parent(char *path)
{
	char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return path;
}

/* The folder of the object libthemes is linked into, when that is a shared
 * library and not the program itself (whose folders come first anyway). */
static const char *library_dir(char *out, size_t size, const char *program)
{
	Dl_info info;
	char real[PATH_MAX];
	if (!dladdr(default_files, &info) || !info.dli_fname ||
	    !realpath(info.dli_fname, real) || !parent(real) ||
	    (program && strcmp(real, program) == 0))
		return NULL;
	snprintf(out, size, "%s/%s", real, THEMES_LIBRARY_MODEL_DIR);
	return out;
}

/* The folders default models are looked for in, in order: only
 * $THEMES_MODEL_DIR when it is set; otherwise ../models and ../share/themes
 * next to the program (build/themes, bin/themes), share/themes beside the
 * shared library, the source tree's models/ and the configured
 * share/themes.  Returns how many it put in dirs; storage holds the ones it
 * made. */
static int model_dirs(const char *dirs[MAX_DIRS],
                      char storage[3][PATH_MAX + 32])
{
	const char *env = getenv("THEMES_MODEL_DIR");
	if (env && *env) {
		dirs[0] = env;
		return 1;
	}
	int n = 0;
	char exe[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *program = NULL;
	if (length > 0) {
		exe[length] = '\0';
		program = parent(exe);
	}
	if (program) {
		snprintf(storage[0], sizeof storage[0], "%s/../models", program);
		snprintf(storage[1], sizeof storage[1], "%s/../share/themes", program);
		dirs[n++] = storage[0];
		dirs[n++] = storage[1];
	}
	if (library_dir(storage[2], sizeof storage[2], program))
		dirs[n++] = storage[2];
#ifdef THEMES_SOURCE_MODEL_DIR
	dirs[n++] = THEMES_SOURCE_MODEL_DIR;
#endif
	dirs[n++] = THEMES_INSTALLED_MODEL_DIR;
	return n;
}

int themes_default_model(const char *language, char *path, size_t size,
                         themes_error *err)
{
	if (!language)
		language = "english";
	const char *file = themes_default_model_file(language);
	if (!file)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
		                   "no default model for the language \"%s\" "
		                   "(there are default models for english, "
		                   "russian and chinese)", language);
	char storage[3][PATH_MAX + 32];
	const char *dirs[MAX_DIRS];
	int n = model_dirs(dirs, storage);
	themes_buffer looked = {0};
	for (int i = 0; i < n; i++) {
		snprintf(path, size, "%s/%s", dirs[i], file);
		if (access(path, R_OK) == 0) {
			themes_buffer_free(&looked);
			return THEMES_OK;
		}
		themes_buffer_printf(&looked, "%s%s", i ? ", " : "", path);
	}
	themes_fail(err, THEMES_ERR_IO, 0, "no %s default model: looked for %s",
	            language, looked.data ? looked.data : file);
	themes_buffer_free(&looked);
	return THEMES_ERR_IO;
}
