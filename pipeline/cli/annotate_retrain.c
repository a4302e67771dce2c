/*
 * annotate_retrain.c - `themes annotate --retrain-every K`: after every K
 * new labels a model is trained, in a background thread, on the labels
 * file plus the --seed-train corpus, with the settings of the -m model (or
 * the defaults).  The same thread classifies the pool and ranks the
 * clauses still queued as `themes suggest` does.  The coder goes on typing
 * meanwhile: the screen hears of the result through a pipe it polls with
 * the keyboard, and the new model takes over, re-ranking the rest of the
 * queue, only when the coder moves on to the next clause, never during
 * one.  The thread never touches the labels file: the main thread reads it
 * into a corpus of the thread's own before starting it, so saves and undos
 * cannot race with training.  A failed training leaves the model in use.
 */
#define _GNU_SOURCE
#include "annotate.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One training: its input, made on the main thread, and its result, read
 * there once the thread has been joined. */
typedef struct retrain_job {
	themes_corpus *corpus;        /* the labels file's rows, then the seed */
	size_t labels, seed;          /* rows from each */
	themes_train_options options;
	const pool *pool;
	unsigned char *exclude;       /* pool rows left out of the ranking */
	int wake;                     /* written once when the job is done */
	int status;                   /* a themes_status */
	themes_error err;
	themes_model *model;
	size_t *order, ranked;        /* the ranked rows, in their new order */
} retrain_job;

struct annotate_retrain {
	size_t every;
	size_t due;                   /* train once s->labelled reaches this */
	themes_corpus *seed;          /* NULL without --seed-train */
	themes_train_options options;
	int wake[2];                  /* the threads write, the screen polls */
	pthread_t thread;
	retrain_job *running;         /* the job of the thread, if any */
	retrain_job *ready;           /* trained, waiting for the next clause */
};

static void free_job(retrain_job *job)
{
	if (!job)
		return;
	themes_corpus_free(job->corpus);
	themes_model_free(&job->model);
	free(job->exclude);
	free(job->order);
	free(job);
}

static int out_of_memory(themes_error *err)
{
	*err = (themes_error){THEMES_ERR_NOMEM, 0, "out of memory"};
	return THEMES_ERR_NOMEM;
}

static void *train_in_background(void *arg)
{
	retrain_job *job = arg;
	const pool *p = job->pool;
	themes_prediction *predictions = NULL;
	job->status = themes_train(&job->model, job->corpus, NULL, 0,
	                           &job->options, &job->err);
	if (job->status == THEMES_OK) {
		predictions = calloc(p->count + 1, sizeof *predictions);
		job->order = malloc((p->count + 1) * sizeof *job->order);
		if (!predictions || !job->order)
			job->status = out_of_memory(&job->err);
	}
	if (job->status == THEMES_OK)
		job->status = themes_classify_batch(job->model,
		                                    (const char *const *)p->texts,
		                                    NULL, p->count, 0, predictions,
		                                    &job->err);
	if (job->status == THEMES_OK)
		job->status = pool_rank(p, predictions,
		                        themes_model_labels(job->model), job->exclude,
		                        ANNOTATE_BATCH, job->order, &job->ranked,
		                        &job->err);
	free(predictions);
	char done = 1;
	while (write(job->wake, &done, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

/* The retraining line: lead, the job's rows ("12 labels" or "12 labels
 * + 40 seed clauses"), then fmt. */
static void show_status(annotate_session *s, const char *lead,
                        const retrain_job *job, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void show_status(annotate_session *s, const char *lead,
                        const retrain_job *job, const char *fmt, ...)
{
	char *out = s->model_status;
	size_t size = sizeof s->model_status;
	int n = snprintf(out, size, "%s %zu label%s", lead, job->labels,
	                 job->labels == 1 ? "" : "s");
	if (job->seed && n >= 0 && (size_t)n < size)
		n += snprintf(out + n, size - (size_t)n, " + %zu seed clauses",
		              job->seed);
	if (n >= 0 && (size_t)n < size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(out + n, size - (size_t)n, fmt, ap);
		va_end(ap);
	}
}

static void report_failed(annotate_session *s, const retrain_job *job)
{
	show_status(s, "retraining on", job, " failed, %s: %s", s->model ?
	            "the model stays" : "still no model", job->err.message);
}

/* Trains on a copy of the labels so far and the seed corpus, ranking the
 * clauses queued after the one on screen. */
static void start_training(annotate_session *s)
{
	annotate_retrain *r = s->retrain;
	retrain_job *job = calloc(1, sizeof *job);
	r->due = s->labelled + r->every;
	if (!job) {
		snprintf(s->model_status, sizeof s->model_status, "cannot retrain: "
		         "out of memory");
		return;
	}
	job->options = r->options;
	job->pool = &s->pool;
	job->wake = r->wake[1];
	job->status = themes_corpus_read(&job->corpus, s->output_path,
	                                 s->codebook, NULL, &job->err);
	if (job->status == THEMES_OK) {
		job->labels = themes_corpus_size(job->corpus);
		job->seed = r->seed ? themes_corpus_size(r->seed) : 0;
		if (r->seed)
			job->status = themes_corpus_append(job->corpus, r->seed,
			                                   &job->err);
	}
	if (job->status == THEMES_OK) {
		job->exclude = malloc(s->pool.count + 1);
		if (!job->exclude)
			job->status = out_of_memory(&job->err);
	}
	if (job->status == THEMES_OK) {
		memset(job->exclude, 1, s->pool.count);
		for (size_t i = s->position + 1; i < s->queue_count; i++)
			job->exclude[s->queue[i]] = 0;
		int error = pthread_create(&r->thread, NULL, train_in_background,
		                           job);
		if (error) {
			job->err = (themes_error){THEMES_ERR_NOMEM, 0, ""};
			snprintf(job->err.message, sizeof job->err.message,
			         "cannot start a thread: %s", strerror(error));
			job->status = THEMES_ERR_NOMEM;
		}
	}
	if (job->status != THEMES_OK) {
		report_failed(s, job);
		free_job(job);
		return;
	}
	r->running = job;
	show_status(s, "training on", job, " in the background");
}

int annotate_retrain_init(annotate_session *s, long every,
                          const char *seed_path)
{
	annotate_retrain *r = calloc(1, sizeof *r);
	if (!r) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	r->wake[0] = r->wake[1] = -1;
	s->retrain = r;
	r->every = (size_t)every;
	r->due = s->labelled + r->every;
	if (s->model)
		r->options = *themes_model_options(s->model);
	else
		themes_train_options_init(&r->options);
	if (seed_path && load_corpus(seed_path, NULL, s->codebook, NULL,
	                             &r->seed) != EXIT_OK)
		return EXIT_DATA;
	if (pipe2(r->wake, O_CLOEXEC) != 0) {
		report_error("cannot make a pipe: %s", strerror(errno));
		return EXIT_DATA;
	}
	snprintf(s->model_status, sizeof s->model_status, "every %zu labels "
	         "(the next at %zu)", r->every, r->due);
	return EXIT_OK;
}

int annotate_retrain_fd(const annotate_session *s)
{
	return s->retrain ? s->retrain->wake[0] : -1;
}

void annotate_retrain_collect(annotate_session *s)
{
	annotate_retrain *r = s->retrain;
	char done;
	while (read(r->wake[0], &done, 1) < 0 && errno == EINTR)
		;
	retrain_job *job = r->running;
	if (!job)
		return;
	pthread_join(r->thread, NULL);
	r->running = NULL;
	if (job->status != THEMES_OK) {
		report_failed(s, job);
		free_job(job);
	} else {
		free_job(r->ready);
		r->ready = job;
		show_status(s, "model retrained on", job, "; in use from the next "
		            "clause");
	}
	if (s->labelled >= r->due)
		start_training(s);
}

/* Orders the queue from the clause now up as the job ranked it.  Clauses
 * it did not rank (back in the queue through undo since it started) stay
 * first, in their order.  False when memory runs out (the order stays). */
static bool rerank(annotate_session *s, const retrain_job *job)
{
	size_t n = s->pool.count, from = s->position;
	unsigned char *queued = calloc(n + 1, 1), *ranked = calloc(n + 1, 1);
	size_t *order = malloc((s->queue_count - from + 1) * sizeof *order);
	bool ok = queued && ranked && order;
	if (ok) {
		size_t k = 0;
		for (size_t i = from; i < s->queue_count; i++)
			queued[s->queue[i]] = 1;
		for (size_t i = 0; i < job->ranked; i++)
			ranked[job->order[i]] = 1;
		for (size_t i = from; i < s->queue_count; i++)
			if (!ranked[s->queue[i]])
				order[k++] = s->queue[i];
		for (size_t i = 0; i < job->ranked; i++)
			if (queued[job->order[i]])
				order[k++] = job->order[i];
		memcpy(s->queue + from, order, k * sizeof *order);
	}
	free(queued);
	free(ranked);
	free(order);
	return ok;
}

/* Puts the ready model in use and re-ranks the queue with it. */
static void use_ready_model(annotate_session *s)
{
	retrain_job *job = s->retrain->ready;
	themes_classifier *classifier = NULL;
	s->retrain->ready = NULL;
	if (themes_classifier_new(&classifier, job->model, &job->err) !=
	    THEMES_OK) {
		report_failed(s, job);
		free_job(job);
		return;
	}
	themes_classifier_free(s->classifier);
	themes_model_free(&s->model);
	s->model = job->model;
	s->classifier = classifier;
	job->model = NULL;
	show_status(s, "model retrained on", job, "; %s", rerank(s, job) ?
	            "queue re-ranked" : "out of memory, the queue keeps its "
	            "order");
	free_job(job);
}

void annotate_retrain_next_clause(annotate_session *s)
{
	annotate_retrain *r = s->retrain;
	if (!r)
		return;
	if (r->ready)
		use_ready_model(s);
	if (!r->running && s->labelled >= r->due)
		start_training(s);
}

void annotate_retrain_free(annotate_session *s)
{
	annotate_retrain *r = s->retrain;
	if (!r)
		return;
	if (r->running)
		pthread_join(r->thread, NULL);
	free_job(r->running);
	free_job(r->ready);
	themes_corpus_free(r->seed);
	for (int i = 0; i < 2; i++)
		if (r->wake[i] >= 0)
			close(r->wake[i]);
	free(r);
	s->retrain = NULL;
}
