/*
 * annotate.h - the state of a `themes annotate` session, shared by
 * annotate.c (options, queue, durable output) and annotate_screen.c (the
 * terminal: raw mode, drawing, keys).
 */
#ifndef THEMES_CLI_ANNOTATE_H
#define THEMES_CLI_ANNOTATE_H

#include "pool.h"

#include <sys/types.h>

/* The queue is ranked in batches of this many clauses, each as
 * `themes suggest -n 10` would choose it. */
enum { ANNOTATE_BATCH = 10 };

/* Background retraining (--retrain-every), private to annotate_retrain.c. */
typedef struct annotate_retrain annotate_retrain;

/* One step the coder can undo. */
typedef struct annotate_step {
	size_t position;  /* queue position of the clause */
	off_t offset;     /* output length before a saved label, or -1: skip */
	int primary;
	unsigned secondary;
} annotate_step;

typedef struct annotate_session {
	pool pool;
	themes_model *model;             /* -m, or the latest retrained model;
	                                    NULL without either */
	themes_classifier *classifier;
	themes_codebook *codebook;       /* the labels the keys choose */
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
	annotate_retrain *retrain;       /* NULL without --retrain-every */
	char model_status[512];          /* what retraining is doing */
} annotate_session;

/* annotate.c: appends the current clause's label and fsyncs it; undoes
 * the last step. */
int annotate_save(annotate_session *s);
void annotate_skip(annotate_session *s);
int annotate_undo(annotate_session *s);

/* annotate_retrain.c: --retrain-every K.  Every K new labels a model is
 * trained in a background thread on the labels file plus the seed corpus;
 * it takes over, and re-ranks the rest of the queue, only when the coder
 * moves on to another clause.
 *
 * annotate_retrain_init reads the seed corpus (seed_path may be NULL) and
 * keeps the settings of s->model, or the defaults without one; returns an
 * exit status after reporting any failure. */
int annotate_retrain_init(annotate_session *s, long every,
                          const char *seed_path);
/* The descriptor that becomes readable when a background training ends
 * (then call annotate_retrain_collect), or -1 when none can. */
int annotate_retrain_fd(const annotate_session *s);
void annotate_retrain_collect(annotate_session *s);
/* Called after each save or skip, when the next clause is up. */
void annotate_retrain_next_clause(annotate_session *s);
/* Waits for a training still running, and frees everything. */
void annotate_retrain_free(annotate_session *s);

/* annotate_screen.c: runs the session on the terminal until the coder
 * quits or the queue is done; returns an exit status. */
int annotate_run(annotate_session *s);

#endif
