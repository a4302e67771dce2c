/*
 * train_options.c - the training options on the command line.
 *
 * `train` and `eval` take the same training options.  Their flags, help
 * lines and checks all come from the library's option table
 * (themes_train_option), so a new setting needs no change here.  A boolean
 * option FLAG is given as --FLAG or --no-FLAG.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* getopt codes: TRAIN_OPTION_BASE + 2 i for option i, + 1 for --no-FLAG. */
#define TRAIN_OPTION_BASE 1000

struct option *train_long_options(const struct option *own)
{
	size_t n_own = 0, count = themes_train_option_count();
	while (own[n_own].name)
		n_own++;
	struct option *all = calloc(n_own + 2 * count + 1, sizeof *all);
	if (!all)
		return NULL;
	memcpy(all, own, n_own * sizeof *all);
	size_t at = n_own;
	for (size_t i = 0; i < count; i++) {
		const themes_option_info *info = themes_train_option(i);
		bool flag = info->type == THEMES_OPTION_BOOL;
		all[at++] = (struct option){info->flag,
			flag ? no_argument : required_argument, NULL,
			TRAIN_OPTION_BASE + 2 * (int)i};
		if (flag) {
			/* "no-" + flag, kept for the program's lifetime */
			char *negated = malloc(strlen(info->flag) + 4);
			if (!negated) {
				free(all);
				return NULL;
			}
			sprintf(negated, "no-%s", info->flag);
			all[at++] = (struct option){negated, no_argument, NULL,
				TRAIN_OPTION_BASE + 2 * (int)i + 1};
		}
	}
	return all;
}

void train_long_options_free(struct option *all)
{
	if (!all)
		return;
	for (size_t i = 0; all[i].name; i++)
		if (all[i].val >= TRAIN_OPTION_BASE &&
		    (all[i].val - TRAIN_OPTION_BASE) % 2 == 1)
			free((char *)all[i].name);
	free(all);
}

void train_short_options(const char *own, char *out, size_t size)
{
	size_t at = (size_t)snprintf(out, size, "%s", own);
	for (size_t i = 0; i < themes_train_option_count() && at + 3 < size; i++) {
		const themes_option_info *info = themes_train_option(i);
		if (!info->short_flag)
			continue;
		out[at++] = (char)info->short_flag;
		if (info->type != THEMES_OPTION_BOOL)
			out[at++] = ':';
		out[at] = '\0';
	}
}

/* The option index of getopt code c, or -1; *negated for --no-FLAG. */
static int option_of_code(int c, bool *negated)
{
	*negated = false;
	for (size_t i = 0; i < themes_train_option_count(); i++)
		if (themes_train_option(i)->short_flag == c)
			return (int)i;
	if (c < TRAIN_OPTION_BASE ||
	    (size_t)(c - TRAIN_OPTION_BASE) / 2 >= themes_train_option_count())
		return -1;
	*negated = (c - TRAIN_OPTION_BASE) % 2 == 1;
	return (c - TRAIN_OPTION_BASE) / 2;
}

int parse_train_option(const char *command, int c, const char *arg,
                       themes_train_options *o)
{
	bool negated;
	int i = option_of_code(c, &negated);
	if (i < 0)
		return 0;
	const themes_option_info *info = themes_train_option((size_t)i);
	const char *value = info->type == THEMES_OPTION_BOOL ?
		(negated ? "0" : "1") : arg;
	themes_error err = {0};
	if (themes_train_options_set(o, info->name, value, &err) != THEMES_OK) {
		usage_error(command, "--%s: %s", info->flag, err.message);
		return -1;
	}
	return 1;
}

const char *train_option_flag(int which)
{
	const themes_option_info *info = which >= 0 ?
		themes_train_option((size_t)which) : NULL;
	return info ? info->flag : "";
}

/* Writes text from column `indent`, wrapped before column 79. */
static void write_wrapped(FILE *out, const char *text, int column, int indent)
{
	while (*text) {
		int room = 79 - column;
		int length = (int)strlen(text), cut = length;
		if (length > room) {
			cut = room;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = room;
		}
		fprintf(out, "%.*s\n", cut, text);
		text += cut;
		while (*text == ' ')
			text++;
		if (*text)
			fprintf(out, "%*s", indent, "");
		column = indent;
	}
}

void print_train_options_help(FILE *out)
{
	enum { HELP_COLUMN = 30 };
	for (size_t i = 0; i < themes_train_option_count(); i++) {
		const themes_option_info *info = themes_train_option(i);
		char left[64], text[320];
		int n;
		if (info->short_flag)
			n = snprintf(left, sizeof left, "  -%c, --", info->short_flag);
		else
			n = snprintf(left, sizeof left, "      --");
		if (info->type == THEMES_OPTION_BOOL)
			snprintf(left + n, sizeof left - (size_t)n, "[no-]%s", info->flag);
		else
			snprintf(left + n, sizeof left - (size_t)n, "%s=%s", info->flag,
			         info->metavar);
		if (info->type == THEMES_OPTION_BOOL)
			snprintf(text, sizeof text, "%s (default: %s)", info->help,
			         strcmp(info->default_text, "1") == 0 ? "on" : "off");
		else if (info->type == THEMES_OPTION_CHOICE)
			snprintf(text, sizeof text, "%s: %s (default %s)", info->help,
			         info->choices, info->default_text);
		else
			snprintf(text, sizeof text, "%s (default %s)", info->help,
			         info->default_text);
		int width = fprintf(out, "%s", left);
		if (width >= HELP_COLUMN) {
			fputc('\n', out);
			width = 0;
		}
		fprintf(out, "%*s", HELP_COLUMN - width, "");
		write_wrapped(out, text, HELP_COLUMN, HELP_COLUMN);
	}
}
