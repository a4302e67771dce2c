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

/* The model to use without -m: $THEMES_MODEL, else the English default
 * model as themes_default_model finds it (static storage). */
const char *default_model_path(void);

/* --threads N: sets the OpenMP thread count (1 to 1024); false after
 * reporting a usage error. */
bool parse_threads_option(const char *command, const char *text);

/* Writes a number exactly as printf's "%.4f" would, without printf's cost
 * for numbers in [0, 1] (it dominated the time of classifying short
 * clauses). */
void write_fixed4(FILE *out, double value);
/* format_fixed4 puts the same characters in out (8 bytes) and returns how
 * many (6), or returns 0 for a number outside [0, 1]. */
size_t format_fixed4(char *out, double value);

/* Cross-validates every C in costs (and gamma in gammas for an RBF kernel;
 * comma-separated lists, NULL for the defaults), prints the table to
 * `table` and sets *best to base with the best setting (ties keep the
 * smaller C).  Returns an exit status. */
int grid_search(const themes_corpus *corpus, const themes_train_options *base,
                int folds, bool grouped, uint32_t seed, const char *costs,
                const char *gammas, FILE *table, themes_train_options *best);

/* Reads all of path ("-" is standard input) into *data, NUL-terminated
 * (the bytes as they are; see read_document for text); reports a failure
 * itself and returns EXIT_OK or EXIT_DATA. */
int read_whole_file(const char *path, char **data, size_t *length);

/* document.c: published statements (HTML, PDF, legacy encodings). */
enum { OPT_ENCODING = 0x1000, OPT_ENCODING_ERRORS };
#define DOCUMENT_LONG_OPTIONS \
	{"encoding", required_argument, NULL, OPT_ENCODING}, \
	{"encoding-errors", required_argument, NULL, OPT_ENCODING_ERRORS}
#define DOCUMENT_HELP \
"  -i, --input-format=KIND  auto (the default: PDF by %%PDF-, HTML by a\n" \
"                           doctype or tag, else text), text, html or pdf\n" \
"      --encoding=NAME      the input's encoding (any 'iconv -l' name:\n" \
"                           GB18030, GBK, WINDOWS-1251, KOI8-R, ...); by\n" \
"                           default the byte-order mark, an HTML page's\n" \
"                           <meta charset>, else UTF-8\n" \
"      --encoding-errors=MODE  strict (the default): invalid bytes in a\n" \
"                           declared encoding are an error; replace: they\n" \
"                           become U+FFFD\n"
/* Applies --encoding or --encoding-errors: 1 when applied, 0 when c is
 * neither, -1 after a usage error. */
int parse_document_option(const char *command, int c, const char *arg,
                          themes_document_options *o);
/* -i auto|text|html|pdf into o->kind; false for another name. */
bool parse_document_kind(const char *arg, themes_document_options *o);
/* Whether an input starting with head needs themes_document_text: HTML,
 * PDF, a UTF-16 byte-order mark, or an encoding or kind given. */
bool document_wanted(const themes_document_options *o, const char *head,
                     size_t length);
/* Reads data[0..length) (read from path; freed here) into doc
 * (themes_document_read).  Returns an exit status after reporting any
 * failure; doc is then empty. */
int convert_document(const char *path, const themes_document_options *o,
                     char *data, size_t length, themes_document *doc);
/* read_whole_file, then convert_document. */
int read_document(const char *path, const themes_document_options *o,
                  themes_document *doc);
/* The id of clause n (from 1) of the statement name: "NAME:N", or
 * "NAME:N#NUMBER" for the item numbered NUMBER of an HTML ol (see
 * themes_document_item_number; number may be NULL). */
void clause_id(char *id, size_t size, const char *name, unsigned long n,
               const char *number);

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
	const double *adjusted;  /* one share per label, or NULL */
	const html_clause *clauses;
	size_t count;
} html_statement;

/* codebook gives the labels' names and order (colours by order); the page
 * names the model by its file name. */
void html_report_begin(FILE *out, const themes_codebook *codebook,
                       const char *model_path, double min_confidence);
/* index numbers the statements of the page from 1, for anchors. */
void html_report_statement(FILE *out, const html_statement *statement,
                           int index);
void html_report_end(FILE *out);
/* The colour of label k on these pages ("#rrggbb"), for other reports. */
const char *html_label_colour(int k);

/* train_options.c: the training options of `train` and `eval`, from the
 * library's option table.  train_long_options appends them to own (a
 * getopt_long table ending with a zero entry); free the result with
 * train_long_options_free.  train_short_options appends their short flags
 * to own. */
struct option;
struct option *train_long_options(const struct option *own);
void train_long_options_free(struct option *all);
void train_short_options(const char *own, char *out, size_t size);
/* Applies getopt code c (with its argument) to o when it is a training
 * option.  Returns 1 when applied, 0 when c is not a training option, and
 * -1 after reporting a usage error. */
int parse_train_option(const char *command, int c, const char *arg,
                       themes_train_options *o);
/* The command-line flag (without --) of option table index which. */
const char *train_option_flag(int which);
/* One help line per training option, with its default. */
void print_train_options_help(FILE *out);

/* Reads a labelled corpus for `train` or `eval`.  With codebook_path, the
 * labels must be the codebook's; without, they come from the data, and a
 * label used fewer than 3 times gets a warning naming the closest other
 * label (a likely typo).  group_column may be NULL.  Returns an exit
 * status after reporting any failure. */
int load_corpus(const char *path, const char *codebook_path,
                const themes_codebook *codebook,
                const themes_corpus_columns *columns, themes_corpus **out);

/* pool.c: classifies text_at(data, i) for i < n into predictions[i], in
 * parallel with one classifier per thread.  Returns an exit status after
 * reporting any failure. */
int classify_texts(const themes_model *model, size_t n,
                   const char *(*text_at)(const void *data, size_t i),
                   const void *data, themes_prediction *predictions);

int main_train(int argc, char **argv);
int main_classify(int argc, char **argv);
int main_eval(int argc, char **argv);
int main_segment(int argc, char **argv);
int main_inspect(int argc, char **argv);
int main_agree(int argc, char **argv);
int main_suggest(int argc, char **argv);
int main_annotate(int argc, char **argv);
int main_compare(int argc, char **argv);

#endif
