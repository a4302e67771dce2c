/*
 * common.c - messages, option values, atomic output and model lookup for the
 * themes program.
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
	if (!out->path || asprintf(&out->temp_path, "%s.tmp.%ld", path,
	                           (long)getpid()) < 0) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	out->stream = fopen(out->temp_path, "wb");
	if (!out->stream) {
		report_error("%s: cannot write: %s", path, strerror(errno));
		free(out->path);
		free(out->temp_path);
		memset(out, 0, sizeof *out);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

int output_commit(output_file *out)
{
	const char *name = out->path ? out->path : "<stdout>";
	bool failed = fflush(out->stream) != 0 || ferror(out->stream);
	int saved = errno;
	if (out->path) {
		if (!failed && fsync(fileno(out->stream)) != 0 && errno != EINVAL) {
			failed = true;
			saved = errno;
		}
		if (fclose(out->stream) != 0 && !failed) {
			failed = true;
			saved = errno;
		}
		out->stream = NULL;
		if (!failed && rename(out->temp_path, out->path) != 0) {
			failed = true;
			saved = errno;
		}
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
	if (out->path) {
		if (out->stream)
			fclose(out->stream);
		remove(out->temp_path);
	}
	free(out->path);
	free(out->temp_path);
	memset(out, 0, sizeof *out);
}

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

const char *default_model_path(void)
{
	const char *env = getenv("THEMES_MODEL");
	if (env && *env)
		return env;
	static char near_program[PATH_MAX + 64];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* build/themes -> models/; bin/themes -> share/themes/ */
			snprintf(near_program, sizeof near_program,
			         "%s/../models/default.model", exe);
			if (readable(near_program))
				return near_program;
			snprintf(near_program, sizeof near_program,
			         "%s/../share/themes/default.model", exe);
			if (readable(near_program))
				return near_program;
		}
	}
	if (readable(THEMES_SOURCE_MODEL))
		return THEMES_SOURCE_MODEL;
	return THEMES_INSTALLED_MODEL;
}

void set_threads(long threads)
{
	if (threads > 0)
		omp_set_num_threads((int)threads);
}

void write_csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void write_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}
