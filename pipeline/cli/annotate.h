/*
 * annotate.h - the state of a `themes annotate` session, shared by
 * annotate.c (options, queue, durable output) and annotate_screen.c (the
 * terminal: raw mode, drawing, keys).
 */
#ifndef THEMES_CLI_ANNOTATE_H
#define THEMES_CLI_ANNOTATE_H

#include "pool.h"

#include <sys/types.h>

/* One step the coder can undo. */
typedef struct annotate_step {
	size_t position;  /* queue position of the clause */
	off_t offset;     /* output length before a saved label, or -1: skip */
	int primary;
	unsigned secondary;
} annotate_step;

typedef struct annotate_session {
	pool pool;
	themes_model *model;             /* NULL without -m */
	themes_classifier *classifier;
	themes_codebook *codebook;       /* the labels keys 1-9, 0 choose */
	const char *output_path, *coder;
	bool blind;
	int fd;                          /* the output, opened for appending */
	size_t *queue, queue_count, position;
	size_t labelled;                 /* rows in the output file */
	annotate_step *steps;
	size_t step_count;
	int primary;                     /* -1 until chosen */
	unsigned secondary;              /* bit k: label k */
	char note[512];
	char message[256];               /* the status line */
} annotate_session;

/* annotate.c: appends the current clause's label and fsyncs it; undoes
 * the last step. */
int annotate_save(annotate_session *s);
void annotate_skip(annotate_session *s);
int annotate_undo(annotate_session *s);

/* annotate_screen.c: runs the session on the terminal until the coder
 * quits or the queue is done; returns an exit status. */
int annotate_run(annotate_session *s);

#endif
