/*
 * classify.c - libthemes from another program: load the default model and
 * classify a few clauses in one batch.
 *
 * Build against an installed libthemes with pkg-config:
 *     cc classify.c $(pkg-config --cflags --libs themes) -o classify
 * or with CMake (CMakeLists.txt here): find_package(themes), themes::themes.
 * The clauses are the arguments, or three examples without any.
 */
#include <themes.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	static const char *const examples[] = {
		"Both nations paid an enormous price to defeat fascism.",
		"The sides oppose unilateral sanctions and long-arm jurisdiction.",
		"BRICS and the SCO should be strengthened.",
	};
	const char *const *clauses = examples;
	size_t n = sizeof examples / sizeof *examples;
	if (argc > 1) {
		clauses = (const char *const *)argv + 1;
		n = (size_t)argc - 1;
	}

	char path[4096];
	themes_error err;
	themes_model *model = NULL;
	if (themes_default_model("english", path, sizeof path, &err) != THEMES_OK ||
	    themes_model_load(&model, path, &err) != THEMES_OK) {
		fprintf(stderr, "classify: %s\n", err.message);
		return 1;
	}
	themes_prediction *out = calloc(n, sizeof *out);
	if (!out || themes_classify_batch(model, clauses, NULL, n, 0, out, &err) != THEMES_OK) {
		fprintf(stderr, "classify: out of memory\n");
		free(out);
		themes_model_free(&model);
		return 1;
	}
	const themes_codebook *labels = themes_model_codebook(model);
	printf("libthemes %s, model %s\n", themes_version(), path);
	for (size_t i = 0; i < n; i++)
		printf("%s\t%.4f\t%s\n",
		       out[i].theme < 0 ? "-" : themes_codebook_label(labels, out[i].theme),
		       out[i].confidence, clauses[i]);
	free(out);
	themes_model_free(&model);
	return 0;
}
