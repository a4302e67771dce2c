/*
 * common.c - messages, option values, atomic output and the default model
 * for the themes program.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *program_name = "themes";

void report_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: error: ", program_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int report_failure(const themes_error *err)
{
	report_error("%s", err->message);
	return err->code == THEMES_ERR_PARAM ? EXIT_USAGE : EXIT_DATA;
}

int usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: error: ", program_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s %s --help' for more information.\n",
	        program_name, command);
	return EXIT_USAGE;
}

bool parse_int_option(const char *command, const char *name, const char *text,
                      long low, long high, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < low || v > high) {
		usage_error(command, "%s expects an integer from %ld to %ld, not "
		            "\"%s\"", name, low, high, text);
		return false;
	}
	*out = v;
	return true;
}

bool parse_double_option(const char *command, const char *name,
                         const char *text, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(v)) {
		usage_error(command, "%s expects a number, not \"%s\"", name, text);
		return false;
	}
	*out = v;
	return true;
}

int output_open(output_file *out, const char *path)
{
	memset(out, 0, sizeof *out);
	if (!path || strcmp(path, "-") == 0) {
		out->stream = stdout;
		return EXIT_OK;
	}
	out->path = strdup(path);
	if (!out->path) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	struct stat info;
	bool special = stat(path, &info) == 0 && !S_ISREG(info.st_mode);
	/* A device or pipe (/dev/stdout, /dev/full, a FIFO) is written
	 * directly: renaming a temporary file over it would replace it. */
	if (!special && asprintf(&out->temp_path, "%s.tmp.%ld", path,
	                         (long)getpid()) < 0) {
		out->temp_path = NULL;
		report_error("out of memory");
		output_abort(out);
		return EXIT_DATA;
	}
	out->stream = fopen(special ? path : out->temp_path, "wb");
	if (!out->stream) {
		report_error("%s: cannot write: %s", path, strerror(errno));
		output_abort(out);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int output_commit(output_file *out)
{
	const char *name = out->path ? out->path : "<stdout>";
	bool failed = fflush(out->stream) != 0 || ferror(out->stream);
	int saved = errno;
	if (out->temp_path && !failed && fsync(fileno(out->stream)) != 0) {
		failed = true;
		saved = errno;
	}
	if (out->path) {
		if (fclose(out->stream) != 0 && !failed) {
			failed = true;
			saved = errno;
		}
		out->stream = NULL;
	}
	if (out->temp_path && !failed && rename(out->temp_path, out->path) != 0) {
		failed = true;
		saved = errno;
	}
	if (failed) {
		report_error("%s: write error: %s", name, strerror(saved ? saved : EIO));
		output_abort(out);
		return EXIT_DATA;
	}
	free(out->path);
	free(out->temp_path);
	memset(out, 0, sizeof *out);
	return EXIT_OK;
}

void output_abort(output_file *out)
{
	if (out->path && out->stream)
		fclose(out->stream);
	if (out->temp_path)
		remove(out->temp_path);
	free(out->path);
	free(out->temp_path);
	memset(out, 0, sizeof *out);
}

const char *default_model_path(void)
{
	const char *env = getenv("THEMES_MODEL");
	if (env && *env)
		return env;
	static char path[PATH_MAX + 64];
	/* When there is none, the last place looked: loading it then reports
	 * the missing file. */
	themes_error err;
	themes_default_model("english", path, sizeof path, &err);
	return path;
}

bool parse_threads_option(const char *command, const char *text)
{
	long threads;
	if (!parse_int_option(command, "--threads", text, 1, 1024, &threads))
		return false;
	omp_set_num_threads((int)threads);
	return true;
}

size_t format_fixed4(char *out, double value)
{
	if (!(value >= 0 && value <= 1))
		return 0;
	double scaled = value * 10000.0;
	/* Converting a number in [0, 10000.5] to long is floor, without the
	 * call. */
	double whole = (double)(long)scaled;
	/* Near a tie the product's rounding could differ from printf's exact
	 * decimal rounding: let printf decide ("%.4f" of a number in [0, 1] is
	 * six characters). */
	if (fabs(scaled - whole - 0.5) < 1e-6)
		return (size_t)snprintf(out, 8, "%.4f", value);
	unsigned digits = (unsigned)(scaled + 0.5);
	out[0] = (char)('0' + digits / 10000);
	out[1] = '.';
	digits %= 10000;
	out[2] = (char)('0' + digits / 1000);
	digits %= 1000;
	out[3] = (char)('0' + digits / 100);
	digits %= 100;
	out[4] = (char)('0' + digits / 10);
	out[5] = (char)('0' + digits % 10);
	return 6;
}

void write_fixed4(FILE *out, double value)
{
	char text[8];
	size_t n = format_fixed4(text, value);
	if (n)
		fwrite(text, 1, n, out);
	else
		fprintf(out, "%.4f", value);
}

/* Parses "0.1,1,10" into a new array of positive numbers. */
static double *parse_list(const char *text, size_t *count)
{
	size_t capacity = 1;
	for (const char *p = text; *p; p++)
		capacity += *p == ',';
	double *values = malloc(capacity * sizeof *values);
	if (!values)
		return NULL;
	*count = 0;
	const char *p = text;
	for (;;) {
		char *end;
		double v = strtod(p, &end);
		if (end == p || !isfinite(v) || !(v > 0) || (*end && *end != ',')) {
			free(values);
			return NULL;
		}
		values[(*count)++] = v;
		if (!*end)
			break;
		p = end + 1;
	}
	return values;
}

int grid_search(const themes_corpus *corpus, const themes_train_options *base,
                int folds, bool grouped, uint32_t seed, const char *costs_text,
                const char *gammas_text, FILE *table, themes_train_options *best)
{
	const char *command = table == stdout ? "eval" : "train";
	size_t n_costs = 0, n_gammas = 0;
	double *costs = parse_list(costs_text ? costs_text : "0.1,0.3,1,3,10",
	                           &n_costs);
	if (!costs)
		return usage_error(command, "--costs expects positive numbers "
		                   "separated by commas");
	double *gammas = NULL;
	if (base->kernel == THEMES_KERNEL_RBF) {
		gammas = parse_list(gammas_text ? gammas_text : "0.1,0.3,1,3",
		                    &n_gammas);
		if (!gammas) {
			free(costs);
			return usage_error(command, "--gammas expects positive numbers "
			                   "separated by commas");
		}
	}
	size_t per_cost = n_gammas ? n_gammas : 1;
	double *scores = calloc(n_costs * per_cost + 1, sizeof *scores);
	themes_error err = {0};
	int status = EXIT_OK;
	if (!scores) {
		report_error("out of memory");
		status = EXIT_DATA;
	} else if (themes_grid_search(corpus, base, folds, grouped, seed, costs,
	                              n_costs,
	                              gammas, n_gammas, scores, &err) != THEMES_OK) {
		status = report_failure(&err);
	} else {
		size_t top = 0;
		fprintf(table, "%-10s %-10s %s\n", "C", n_gammas ? "gamma" : "-",
		        "macro_f1");
		for (size_t s = 0; s < n_costs * per_cost; s++) {
			if (n_gammas)
				fprintf(table, "%-10g %-10g %.4f\n", costs[s / per_cost],
				        gammas[s % per_cost], scores[s]);
			else
				fprintf(table, "%-10g %-10s %.4f\n", costs[s], "-", scores[s]);
			/* Strictly greater: ties keep the earlier, smaller C. */
			if (scores[s] > scores[top])
				top = s;
		}
		*best = *base;
		best->C = costs[top / per_cost];
		if (n_gammas)
			best->gamma = gammas[top % per_cost];
		fprintf(table, "best: C=%g", best->C);
		if (n_gammas)
			fprintf(table, " gamma=%g", best->gamma);
		fprintf(table, " macro_f1=%.4f (%d-fold %scross-validation)\n",
		        scores[top], folds, grouped ? "grouped " : "");
	}
	free(costs);
	free(gammas);
	free(scores);
	return status;
}


int load_corpus(const char *path, const char *codebook_path,
                const themes_codebook *codebook,
                const themes_corpus_columns *columns, themes_corpus **out)
{
	themes_error err = {0};
	themes_codebook *read = NULL;
	*out = NULL;
	if (codebook_path) {
		if (themes_codebook_read(&read, codebook_path, &err) != THEMES_OK)
			return report_failure(&err);
		codebook = read;
	}
	int status = themes_corpus_read(out, path, codebook, columns, &err);
	themes_codebook_free(read);
	if (status != THEMES_OK)
		return report_failure(&err);
	if (codebook)
		return EXIT_OK;
	/* Labels from the data: a rare label next to a common one that it
	 * nearly spells is most likely a typo. */
	const themes_codebook *labels = themes_corpus_codebook(*out);
	int count = themes_codebook_count(labels);
	size_t uses[THEMES_MAX_LABELS] = {0};
	for (size_t i = 0; i < themes_corpus_size(*out); i++)
		uses[themes_corpus_theme(*out, i)]++;
	unsigned char common[THEMES_MAX_LABELS];
	for (int k = 0; k < count; k++)
		common[k] = uses[k] >= 3;
	for (int k = 0; k < count; k++) {
		if (uses[k] >= 3)
			continue;
		const char *label = themes_codebook_label(labels, k);
		int near = themes_codebook_closest(labels, label, common);
		fprintf(stderr, "%s: warning: %s: label \"%s\" is used only %zu "
		        "time%s", program_name, path, label, uses[k],
		        uses[k] == 1 ? "" : "s");
		if (near >= 0)
			fprintf(stderr, "; did you mean \"%s\"?",
			        themes_codebook_label(labels, near));
		fprintf(stderr, " (give --codebook to fix the label set)\n");
	}
	return EXIT_OK;
}
