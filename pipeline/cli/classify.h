/*
 * classify.h - the pieces `themes classify` shares between its files:
 *   classify.c            options and main_classify
 *   classify_batch.c      reading inputs, batches, parallel classification
 *   classify_rows.c       the clause rows (CSV or JSONL)
 *   classify_statement.c  statement mode: segmentation, profiles, HTML
 * Which model reads each input (--language) is models.h's.
 */
#ifndef THEMES_CLI_CLASSIFY_H
#define THEMES_CLI_CLASSIFY_H

#include "cli.h"
#include "models.h"

#include <limits.h>
#include <time.h>

/* Rows classified together; memory stays flat whatever the input size. */
#define BATCH_ROWS 4096

/* Bytes of each input read ahead for statement detection. */
#define DETECT_BYTES (64 * 1024)

/* Strings stored back to back, each NUL-terminated. */
typedef struct text_store {
	char *data;
	size_t length, capacity;
} text_store;

/* Appends s[0..n) and a NUL; *at receives its offset.  False when out of
 * memory. */
bool store_add(text_store *buf, const char *s, size_t n, size_t *at);

typedef struct batch {
	text_store ids;
	text_store texts;
	text_store sections; /* statement mode only */
	size_t *id_at, *text_at, *text_length, *section_at;
	themes_prediction *results;
	char **explanations; /* "term:+0.123;...", NULL when not asked for */
	size_t count;
} batch;

bool batch_init(batch *b);
void batch_free(batch *b);
/* Empties b, keeping its memory. */
void batch_clear(batch *b);
/* Appends one row (b must have room); section is NULL outside statement
 * mode.  False when out of memory. */
bool batch_add(batch *b, const char *id, const char *text, size_t length,
               const char *section);

typedef enum { OUTPUT_CSV, OUTPUT_JSONL } output_format;

/* How rows are labelled and which optional columns they carry. */
typedef struct row_options {
	output_format format;
	double min_confidence; /* --min-confidence; negative when not given */
	double multi;          /* --multi; negative: no themes column */
	int explain;           /* --explain: terms in the explanation column */
	int explain_terms;     /* terms computed per clause (also for --html) */
	const themes_codebook *codebook; /* the model's labels: score columns */
} row_options;

/* classify_rows.c: the header (CSV only) and one row per clause; statement
 * rows also carry the section and the text. */
void write_header(FILE *out, bool statement, const row_options *opt);
void write_rows(FILE *out, const batch *b, const row_options *opt,
                bool statement);

/* The clause count shown on standard error while classifying, when it is
 * a terminal. */
typedef struct progress {
	bool on;
	time_t last;         /* when the count was last shown */
	unsigned long total; /* clauses written */
} progress;

/* What every input is classified with and where its rows go. */
typedef struct classify_job {
	themes_classifier **classifiers; /* one per OpenMP thread */
	batch batches[2];                /* statements use the first only */
	FILE *out;                       /* the clause rows */
	const row_options *opt;
	progress progress;
} classify_job;

/* Classifies the rows of b in parallel; EXIT_OK or EXIT_DATA (out of
 * memory, not reported). */
int classify_batch(classify_job *job, batch *b);
/* Writes the classified rows of b and counts them. */
void write_batch(classify_job *job, const batch *b, bool statement);

/* One input of the command line, with the first DETECT_BYTES read ahead
 * for detection (standard input cannot be read twice). */
typedef struct input {
	const char *path;
	char *head;
	size_t head_length;
	bool head_is_all; /* head holds the whole input */
	bool statement;
	int model;        /* the slot of its model in the run's model_set */
	const themes_document_options *document; /* how to read it */
	bool converted;   /* head holds the text of a page, PDF or encoding */
	bool page;        /* an HTML page or a PDF: a whole statement */
	themes_document doc; /* the numbers of a page's ol items (its text is
	                        moved to head, or read by classify_statement) */
} input;

/* Reads the head of in for detection; named files that are not regular
 * files (pipes) are not read ahead.  Returns an exit status. */
int read_head(input *in);
/* Whether in looks like a whole statement (themes_looks_like_statement on
 * a plain-text head). */
bool input_is_statement(const input *in);
/* When in (read ahead) needs themes_document_text, reads it whole and
 * replaces its head by the text.  Returns an exit status. */
int convert_input(input *in);
/* Takes the whole of in (head and rest) into *data, which the caller
 * frees: the text when in was converted, else its bytes.  Returns an
 * exit status after reporting any failure. */
int read_input(input *in, char **data, size_t *length);

/* Classifies every row of one input (one clause per row), writing as it
 * goes.  prefix_ids: ids made from row numbers carry the input's name. */
int classify_input(classify_job *job, input *in,
                   const themes_read_options *read_options, bool prefix_ids);

/* classify_statement.c: where the per-statement summaries go. */
typedef struct statement_outputs {
	FILE *profile;      /* --profile CSV, or NULL */
	FILE *html;         /* --html page, or NULL */
	bool table;         /* a readable profile on standard error */
	themes_profile_options profile_options;
	const themes_codebook *codebook;
	bool has_confusion; /* some model carries held-out confusions: the
	                       profile rows have adjusted columns */
	bool confusion_known; /* the current input's model carries them */
	unsigned confusion[THEMES_MAX_LABELS * THEMES_MAX_LABELS];
	int statements;     /* statements summarised so far */
} statement_outputs;

/* Everything kept of one statement's clauses for --profile and --html. */
typedef struct statement_log {
	themes_prediction *predictions;
	size_t *id_at, *text_at, *section_at, *explanation_at;
	text_store ids, texts, sections, explanations;
	size_t count, capacity;
} statement_log;

void log_free(statement_log *log);

/* Sets the profile options from the command line and takes the labels of
 * models[0]; the --profile rows have adjusted shares when any of the
 * models[0..count-1] carries held-out confusions. */
void statement_outputs_init(statement_outputs *so,
                            const themes_model *const *models, int count,
                            long resamples, double min_confidence);
/* Takes the held-out confusions of the model that reads the next input. */
void statement_outputs_use_model(statement_outputs *so,
                                 const themes_model *model);
/* Writes the --profile header and the start of the --html page; either
 * stream may be NULL. */
void statement_outputs_begin(statement_outputs *so, FILE *profile, FILE *html,
                             const char *model_path, double min_confidence);

/* Segments one whole statement, classifies and writes its clauses and,
 * when log is not NULL, its summaries. */
int classify_statement(classify_job *job, input *in, statement_log *log,
                       statement_outputs *so);

#endif
