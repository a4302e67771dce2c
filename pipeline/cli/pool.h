/*
 * pool.h - a pool of unlabelled clauses for `themes suggest` and
 * `themes annotate`: read, classified, and ranked for labelling.
 */
#ifndef THEMES_CLI_POOL_H
#define THEMES_CLI_POOL_H

#include "cli.h"

typedef struct pool {
	size_t count;
	char **ids;       /* the id column, else the row number ("3"), or for
	                     a segmented statement "STEM-N" */
	char **texts;
	char **sections;  /* the heading above a statement's clause, else "" */
	char *source;     /* the pool file's name without folders */
	bool statement;   /* segmented from a whole statement */
} pool;

/* Reads path: a CSV/TSV with a text column (id and section optional),
 * one clause per line, or a whole statement (segmented into clauses).
 * Returns an exit status after reporting any failure. */
int pool_read(const char *path, const char *text_column, pool *out);
void pool_free(pool *p);

/* Classifies every clause in parallel into predictions[0..count-1]. */
int pool_classify(const themes_model *model, const pool *p,
                  themes_prediction *predictions);

/* Sets exclude[i] for the pool's clauses whose id appears in the id
 * column of the labelled CSV at path. */
int pool_exclude(const pool *p, const char *path, unsigned char *exclude);

/* The pool as themes_suggest ranks it, in batches of `batch`: order
 * receives every row not excluded (count returned in *n), each batch's
 * rows most uncertain first, near duplicates of a batch moved later.
 * Prints nothing (annotate ranks in a background thread): returns a
 * themes_status, with the message in *err. */
int pool_rank(const pool *p, const themes_prediction *predictions,
              int labels, const unsigned char *exclude, size_t batch,
              size_t *order, size_t *n, themes_error *err);

#endif
