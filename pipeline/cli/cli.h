/*
 * cli.h - shared pieces of the themes command-line program, a thin layer
 * over libthemes: option parsing, messages, atomic output files.
 */
#ifndef THEMES_CLI_H
#define THEMES_CLI_H

#include "themes.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses, documented in the README. */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,  /* bad data, damaged model, I/O or runtime failure */
	EXIT_USAGE = 2  /* bad command line */
};

extern const char *program_name;

/* "themes: error: MESSAGE" on stderr. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the library's message and returns the exit status for it. */
int report_failure(const themes_error *err);
/* A usage error: message, a pointer to --help, returns EXIT_USAGE. */
int usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

bool parse_int_option(const char *command, const char *name, const char *text,
                      long low, long high, long *out);
bool parse_double_option(const char *command, const char *name,
                         const char *text, double *out);

/* An output file written under a temporary name and renamed into place only
 * when complete, so that a failure never leaves a partial file.  With no
 * path (or "-") it is standard output. */
typedef struct output_file {
	FILE *stream;
	char *path;
	char *temp_path;  /* NULL for stdout, devices and pipes */
} output_file;

int output_open(output_file *out, const char *path);
/* Flushes and renames into place; returns EXIT_OK or EXIT_DATA. */
int output_commit(output_file *out);
/* Removes the temporary file (if any). */
void output_abort(output_file *out);

/* Finds the model to use: -m, then $THEMES_MODEL, then the default model
 * next to the program, in the source tree, and where it is installed. */
const char *default_model_path(void);

/* Sets the OpenMP thread count; 0 keeps the default (all cores). */
void set_threads(long threads);

/* Writes s as one CSV field (quoted when it needs to be). */
void write_csv_field(FILE *out, const char *s);
/* Writes a number in [0, 1] exactly as printf's "%.4f" would, without
 * printf's cost (it dominated the time of classifying short clauses). */
void write_fixed4(FILE *out, double value);
/* Writes s as a JSON string with quotes. */
void write_json_string(FILE *out, const char *s);

/* Cross-validates every C in costs (and gamma in gammas for an RBF kernel;
 * comma-separated lists, NULL for the defaults), prints the table to
 * `table` and sets *best to base with the best setting (ties keep the
 * smaller C).  Returns an exit status. */
int grid_search(const themes_corpus *corpus, const themes_train_options *base,
                int folds, uint32_t seed, const char *costs,
                const char *gammas, FILE *table, themes_train_options *best);

/* Reads all of path ("-" is standard input) into *data, NUL-terminated;
 * reports a failure itself and returns EXIT_OK or EXIT_DATA. */
int read_whole_file(const char *path, char **data, size_t *length);

/* report_html.c: the --html page of `themes classify --statement`, one
 * self-contained file (inline CSS and SVG, no scripts, nothing fetched). */
typedef struct html_clause {
	const char *id;
	const char *section;
	const char *text;
	const char *explanation; /* "term:+0.123;...", or "" */
	themes_prediction prediction;
	bool uncertain;          /* below --min-confidence, or no known word */
} html_clause;

typedef struct html_statement {
	const char *name;
	const themes_profile *profile;
	const double *adjusted;  /* THEMES_COUNT shares, or NULL */
	const html_clause *clauses;
	size_t count;
} html_statement;

void html_report_begin(FILE *out, const char *model_path,
                       double min_confidence);
/* index numbers the statements of the page from 1, for anchors. */
void html_report_statement(FILE *out, const html_statement *statement,
                           int index);
void html_report_end(FILE *out);
/* Writes s with &, <, >, " and ' as entities, invalid UTF-8 and control
 * characters as U+FFFD and line ends as &#10;. */
void write_html_text(FILE *out, const char *s);

/* Training settings, shared by `train` and `eval` (which cross-validates
 * them): their long-option codes, the getopt_long entries and the parser. */
enum {
	OPT_TRAIN_NGRAMS = 300, OPT_TRAIN_MIN_DF, OPT_TRAIN_NO_STOP,
	OPT_TRAIN_NO_SUBLINEAR, OPT_TRAIN_NO_BALANCE, OPT_TRAIN_CALIBRATION
};
#define TRAIN_SHORT_OPTIONS "C:k:g:l:"
#define TRAIN_LONG_OPTIONS \
	{"cost", required_argument, NULL, 'C'}, \
	{"kernel", required_argument, NULL, 'k'}, \
	{"gamma", required_argument, NULL, 'g'}, \
	{"ngrams", required_argument, NULL, OPT_TRAIN_NGRAMS}, \
	{"min-df", required_argument, NULL, OPT_TRAIN_MIN_DF}, \
	{"no-stop-words", no_argument, NULL, OPT_TRAIN_NO_STOP}, \
	{"no-sublinear-tf", no_argument, NULL, OPT_TRAIN_NO_SUBLINEAR}, \
	{"no-balance", no_argument, NULL, OPT_TRAIN_NO_BALANCE}, \
	{"language", required_argument, NULL, 'l'}, \
	{"calibration-folds", required_argument, NULL, OPT_TRAIN_CALIBRATION}
/* Applies option code c (with its argument) to o when it is a training
 * setting.  Returns 1 when applied, 0 when c is not a training setting, and
 * -1 after reporting a usage error. */
int parse_train_option(const char *command, int c, const char *arg,
                       themes_train_options *o);

int main_train(int argc, char **argv);
int main_classify(int argc, char **argv);
int main_eval(int argc, char **argv);
int main_segment(int argc, char **argv);

#endif
