/*
 * options.c - the training options, declared once.
 *
 * Every training setting is one row of option_table: its field, type,
 * default, range, help and model-file key (the field name).  Defaults,
 * checks, the model file's settings block, the command line's flags and help
 * texts and the settings line of reports are all generated from this table,
 * as in CRFsuite's exchange_options, so adding a setting means adding a row.
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct option_row {
	themes_option_info info;
	size_t offset;
	/* Extra rule beyond the range; NULL when the range is the whole rule. */
	const char *(*rule)(double value);
} option_row;

static const char *calibration_rule(double value)
{
	return value == 1 ? "calibration_folds must be 0 (fit on the training "
	                    "data) or between 2 and 20" : NULL;
}

static const char *cost_rule(double value)
{
	return value > 0 ? NULL : "C must be a positive number";
}

#define FIELD(name) offsetof(themes_train_options, name)

static const option_row option_table[] = {
	{{"language", "language", 'l', THEMES_OPTION_TEXT, "english", 0, 0, NULL,
	  "LANG", "english, russian or chinese (each with its stop words; "
	  "chinese: Han characters and their pairs, not stemmed), or any other "
	  "Snowball stemmer language"}, FIELD(language), NULL},
	{{"ngram_max", "ngrams", 0, THEMES_OPTION_INT, "2", 1, 2, NULL, "N",
	  "1: unigrams; 2: unigrams and bigrams"}, FIELD(ngram_max), NULL},
	{{"min_df", "min-df", 0, THEMES_OPTION_INT, "2", 1, 1000000, NULL, "N",
	  "keep terms that occur in at least N clauses"}, FIELD(min_df), NULL},
	{{"char_ngram_min", "char-min", 0, THEMES_OPTION_INT, "0", 0, 8, NULL,
	  "N", "also character n-grams of each word from N characters (0: none)"},
	 FIELD(char_ngram_min), NULL},
	{{"char_ngram_max", "char-max", 0, THEMES_OPTION_INT, "0", 0, 8, NULL,
	  "N", "... up to N characters"}, FIELD(char_ngram_max), NULL},
	{{"sublinear_tf", "sublinear-tf", 0, THEMES_OPTION_BOOL, "1", 0, 1, NULL,
	  NULL, "1 + ln(tf) instead of raw term counts"},
	 FIELD(sublinear_tf), NULL},
	{{"stop_words", "stop-words", 0, THEMES_OPTION_BOOL, "1", 0, 1, NULL, NULL,
	  "drop the language's function words (English, Russian) or stop "
	  "characters (Chinese); negations and \"against\" are kept"},
	 FIELD(stop_words), NULL},
	{{"kernel", "kernel", 'k', THEMES_OPTION_CHOICE, "linear", 0, 0,
	  "linear|rbf", "KERNEL", "SVM kernel"}, FIELD(kernel), NULL},
	{{"solver", "solver", 0, THEMES_OPTION_CHOICE, "liblinear", 0, 0,
	  "libsvm|liblinear", "SOLVER", "liblinear: linear SVM (L2 loss), "
	  "one-vs-rest, fast; libsvm: C-SVC, one-vs-one, needed for --kernel rbf"},
	 FIELD(solver), NULL},
	{{"nb_weighting", "nb", 0, THEMES_OPTION_BOOL, "0", 0, 1, NULL, NULL,
	  "liblinear: scale each label's features by their naive-Bayes "
	  "log-count ratio (NBSVM, Wang and Manning 2012)"},
	 FIELD(nb_weighting), NULL},
	{{"C", "cost", 'C', THEMES_OPTION_REAL, "1", 0, 1e6, NULL, "C",
	  "SVM cost (larger fits the training data more closely)"},
	 FIELD(C), cost_rule},
	{{"gamma", "gamma", 'g', THEMES_OPTION_REAL, "0", 0, 1e6, NULL, "G",
	  "RBF width; 0 means 1/number of features"}, FIELD(gamma), NULL},
	{{"balanced", "balance", 0, THEMES_OPTION_BOOL, "1", 0, 1, NULL, NULL,
	  "weight each label n/(L*n_label) against imbalance"},
	 FIELD(balanced), NULL},
	{{"calibration_folds", "calibration-folds", 0, THEMES_OPTION_INT, "5", 0,
	  20, NULL, "K", "folds for fitting the probabilities (0: fit them on "
	  "the training data)"}, FIELD(calibration_folds), calibration_rule},
	{{"seed", "seed", 0, THEMES_OPTION_SEED, "1", 0, 4294967295.0, NULL, "N",
	  "seed for the calibration folds"}, FIELD(seed), NULL},
};

#define OPTION_COUNT (sizeof option_table / sizeof option_table[0])

size_t themes_train_option_count(void)
{
	return OPTION_COUNT;
}

const themes_option_info *themes_train_option(size_t i)
{
	return i < OPTION_COUNT ? &option_table[i].info : NULL;
}

static void *field_of(themes_train_options *o, size_t i)
{
	return (char *)o + option_table[i].offset;
}

static const void *const_field_of(const themes_train_options *o, size_t i)
{
	return (const char *)o + option_table[i].offset;
}

/* The index of choice `value` in "a|b|c", or -1. */
static int choice_index(const char *choices, const char *value)
{
	size_t n = strlen(value);
	int index = 0;
	for (const char *p = choices;; index++) {
		const char *end = strchr(p, '|');
		size_t length = end ? (size_t)(end - p) : strlen(p);
		if (length == n && strncmp(p, value, n) == 0)
			return index;
		if (!end)
			return -1;
		p = end + 1;
	}
}

static void choice_name(const char *choices, int index, char *out, size_t size)
{
	const char *p = choices;
	for (int i = 0; i < index && p; i++) {
		p = strchr(p, '|');
		if (p)
			p++;
	}
	size_t length = p ? strcspn(p, "|") : 0;
	snprintf(out, size, "%.*s", (int)length, p ? p : "");
}

/* Describes the valid values of option i, for messages. */
static void valid_values(size_t i, char *out, size_t size)
{
	const themes_option_info *info = &option_table[i].info;
	switch (info->type) {
	case THEMES_OPTION_INT:
	case THEMES_OPTION_SEED:
		snprintf(out, size, "an integer in [%.0f, %.0f]", info->low,
		         info->high);
		break;
	case THEMES_OPTION_REAL:
		snprintf(out, size, "a number in [%g, %g]", info->low, info->high);
		break;
	case THEMES_OPTION_BOOL:
		snprintf(out, size, "0 or 1");
		break;
	case THEMES_OPTION_CHOICE:
		snprintf(out, size, "one of %s", info->choices);
		break;
	case THEMES_OPTION_TEXT: /* the language, the one text option */
		snprintf(out, size, "one of ");
		themes_language_list(out + strlen(out), size - strlen(out));
		break;
	}
}

static int find_option(const char *name)
{
	for (size_t i = 0; i < OPTION_COUNT; i++)
		if (strcmp(option_table[i].info.name, name) == 0)
			return (int)i;
	return -1;
}

void themes_train_options_init(themes_train_options *o)
{
	memset(o, 0, sizeof *o);
	for (size_t i = 0; i < OPTION_COUNT; i++)
		themes_train_options_set(o, option_table[i].info.name,
		                         option_table[i].info.default_text, NULL);
}

static bool parse_number(const char *text, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

int themes_train_options_set(themes_train_options *o, const char *name,
                             const char *value, themes_error *err)
{
	int i = find_option(name);
	if (i < 0)
		return themes_fail(err, THEMES_ERR_PARAM, 0,
			"unknown training option \"%s\"", name);
	const option_row *row = &option_table[i];
	void *field = field_of(o, (size_t)i);
	double number = 0;
	bool ok = true;
	switch (row->info.type) {
	case THEMES_OPTION_TEXT:
		ok = *value && strlen(value) < sizeof o->language &&
		     themes_language_known(value);
		if (ok)
			snprintf(field, sizeof o->language, "%s", value);
		break;
	case THEMES_OPTION_CHOICE: {
		int index = choice_index(row->info.choices, value);
		ok = index >= 0;
		if (ok)
			*(int *)field = index;
		break;
	}
	case THEMES_OPTION_INT:
	case THEMES_OPTION_BOOL:
	case THEMES_OPTION_SEED:
		ok = parse_number(value, &number) && number == floor(number) &&
		     number >= row->info.low && number <= row->info.high &&
		     (!row->rule || !row->rule(number));
		if (ok && row->info.type == THEMES_OPTION_SEED)
			*(uint32_t *)field = (uint32_t)number;
		else if (ok)
			*(int *)field = (int)number;
		break;
	case THEMES_OPTION_REAL:
		ok = parse_number(value, &number) && number >= row->info.low &&
		     number <= row->info.high && (!row->rule || !row->rule(number));
		if (ok)
			*(double *)field = number;
		break;
	}
	if (ok)
		return THEMES_OK;
	char valid[512];
	valid_values((size_t)i, valid, sizeof valid);
	if (row->rule && parse_number(value, &number) && row->rule(number))
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s (got \"%s\")",
		                   row->rule(number), value);
	return themes_fail(err, THEMES_ERR_PARAM, 0,
		"%s must be %s (got \"%s\")", name, valid, value);
}

void themes_train_options_get(const themes_train_options *o, size_t i,
                              char *out, size_t size)
{
	const void *field = const_field_of(o, i);
	switch (option_table[i].info.type) {
	case THEMES_OPTION_TEXT:
		snprintf(out, size, "%s", (const char *)field);
		break;
	case THEMES_OPTION_CHOICE:
		choice_name(option_table[i].info.choices, *(const int *)field, out,
		            size);
		break;
	case THEMES_OPTION_INT:
	case THEMES_OPTION_BOOL:
		snprintf(out, size, "%d", *(const int *)field);
		break;
	case THEMES_OPTION_SEED:
		snprintf(out, size, "%u", (unsigned)*(const uint32_t *)field);
		break;
	case THEMES_OPTION_REAL:
		/* %.17g reads back to the identical double. */
		snprintf(out, size, "%.17g", *(const double *)field);
		break;
	}
}

void themes_train_options_describe(const themes_train_options *o, char *out,
                                   size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < OPTION_COUNT && used < size; i++) {
		char value[64];
		if (option_table[i].info.type == THEMES_OPTION_REAL)
			snprintf(value, sizeof value, "%g",
			         *(const double *)const_field_of(o, i));
		else
			themes_train_options_get(o, i, value, sizeof value);
		used += (size_t)snprintf(out + used, size - used, "%s%s=%s",
		                         i ? " " : "", option_table[i].info.name,
		                         value);
	}
}

const char *themes_train_options_check(const themes_train_options *o,
                                       int *which)
{
	static _Thread_local char message[sizeof ((themes_error *)0)->message];
	for (size_t i = 0; i < OPTION_COUNT; i++) {
		char value[64];
		themes_error err;
		themes_train_options_get(o, i, value, sizeof value);
		if (themes_train_options_set(&(themes_train_options){0},
		                             option_table[i].info.name, value,
		                             &err) != THEMES_OK) {
			snprintf(message, sizeof message, "%s", err.message);
			if (which)
				*which = (int)i;
			return message;
		}
	}
	/* Rules that span two options. */
	if (o->nb_weighting && o->solver != THEMES_SOLVER_LIBLINEAR) {
		if (which)
			*which = find_option("nb_weighting");
		return "nb_weighting needs solver liblinear";
	}
	if ((o->char_ngram_min == 0) != (o->char_ngram_max == 0) ||
	    o->char_ngram_min > o->char_ngram_max) {
		if (which)
			*which = find_option("char_ngram_max");
		return "char_ngram_min and char_ngram_max must both be 0, or "
		       "0 < char_ngram_min <= char_ngram_max";
	}
	if (o->solver == THEMES_SOLVER_LIBLINEAR && o->kernel != THEMES_KERNEL_LINEAR) {
		if (which)
			*which = find_option("kernel");
		return "kernel must be linear with solver liblinear (rbf needs "
		       "solver libsvm)";
	}
	if (which)
		*which = -1;
	return NULL;
}
