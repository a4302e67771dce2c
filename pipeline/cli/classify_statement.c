/*
 * classify_statement.c - statement mode of `themes classify`.
 *
 * Each FILE is read whole and cut into clauses by themes_segment; the
 * clauses then go through the same batches as clause rows.  --profile and
 * --html keep a statement's clauses in a log until its end, since its
 * profile needs all of them; the clause rows themselves are still written
 * batch by batch.
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "classify.h"

#include <stdlib.h>
#include <string.h>

/* ---- the log of one statement ------------------------------------------ */

void log_free(statement_log *log)
{
	free(log->predictions);
	free(log->id_at);
	free(log->text_at);
	free(log->section_at);
	free(log->explanation_at);
	free(log->ids.data);
	free(log->texts.data);
	free(log->sections.data);
	free(log->explanations.data);
}

static void log_reset(statement_log *log)
{
	log->count = 0;
	log->ids.length = log->texts.length = log->sections.length = 0;
	log->explanations.length = 0;
}

/* Makes room for count clauses in all. */
static bool log_reserve(statement_log *log, size_t count)
{
	if (count <= log->capacity)
		return true;
	size_t capacity = log->capacity ? log->capacity : 256;
	while (capacity < count)
		capacity *= 2;
	themes_prediction *p = realloc(log->predictions, capacity * sizeof *p);
	if (p)
		log->predictions = p;
	size_t **arrays[] = {&log->id_at, &log->text_at, &log->section_at,
	                     &log->explanation_at};
	for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++) {
		size_t *grown = realloc(*arrays[a], capacity * sizeof *grown);
		if (!grown)
			return false;
		*arrays[a] = grown;
	}
	if (!p)
		return false;
	log->capacity = capacity;
	return true;
}

/* Copies the clauses of a classified batch into the log. */
static bool log_add_batch(statement_log *log, const batch *b)
{
	if (!log_reserve(log, log->count + b->count))
		return false;
	for (size_t i = 0; i < b->count; i++) {
		size_t j = log->count;
		const char *id = b->ids.data + b->id_at[i];
		const char *section = b->sections.data + b->section_at[i];
		const char *explanation = b->explanations[i] ? b->explanations[i] : "";
		if (!store_add(&log->ids, id, strlen(id), &log->id_at[j]) ||
		    !store_add(&log->texts, b->texts.data + b->text_at[i],
		               b->text_length[i], &log->text_at[j]) ||
		    !store_add(&log->sections, section, strlen(section),
		               &log->section_at[j]) ||
		    !store_add(&log->explanations, explanation, strlen(explanation),
		               &log->explanation_at[j]))
			return false;
		log->predictions[j] = b->results[i];
		log->count++;
	}
	return true;
}

/* ---- summaries --------------------------------------------------------- */

void statement_outputs_init(statement_outputs *so,
                            const themes_model *const *models, int count,
                            long resamples, double min_confidence)
{
	memset(so, 0, sizeof *so);
	themes_profile_options_init(&so->profile_options);
	so->profile_options.resamples = (unsigned)resamples;
	if (min_confidence >= 0)
		so->profile_options.min_confidence = min_confidence;
	so->codebook = themes_model_codebook(models[0]);
	for (int i = 0; i < count; i++)
		if (themes_model_cv_confusion(models[i], so->confusion))
			so->has_confusion = true;
}

void statement_outputs_use_model(statement_outputs *so,
                                 const themes_model *model)
{
	so->confusion_known = themes_model_cv_confusion(model, so->confusion) != 0;
}

void statement_outputs_begin(statement_outputs *so, FILE *profile, FILE *html,
                             const char *model_path, double min_confidence)
{
	so->profile = profile;
	so->html = html;
	if (profile) {
		const themes_codebook *cb = so->codebook;
		fputs("statement,clauses,uncertain", profile);
		for (int k = 0; k < themes_codebook_count(cb); k++) {
			const char *t = themes_codebook_label(cb, k);
			fprintf(profile, ",%s,%s_low,%s_high", t, t, t);
		}
		if (so->has_confusion)
			for (int k = 0; k < themes_codebook_count(cb); k++)
				fprintf(profile, ",%s_adjusted", themes_codebook_label(cb, k));
		fputc('\n', profile);
	}
	if (html)
		html_report_begin(html, so->codebook, model_path, min_confidence);
}

static void write_profile_csv_row(FILE *out, const char *name,
                                  const themes_profile *p, bool has_confusion,
                                  const double *adjusted)
{
	themes_write_csv_field(out, name);
	fprintf(out, ",%zu,%zu", p->clauses, p->uncertain);
	for (int k = 0; k < p->labels; k++)
		fprintf(out, ",%.4f,%.4f,%.4f", p->share[k], p->share_ci[k].low,
		        p->share_ci[k].high);
	/* a statement without certain clauses has no shares to adjust, nor one
	 * whose model has no held-out confusions: its adjusted fields stay
	 * empty */
	if (has_confusion) {
		for (int k = 0; k < p->labels; k++) {
			if (adjusted)
				fprintf(out, ",%.4f", adjusted[k]);
			else
				fputc(',', out);
		}
	}
	fputc('\n', out);
}

/* The profile as a table for a person at a terminal. */
static void write_profile_table(FILE *out, const char *name,
                                const themes_codebook *cb,
                                const themes_profile *p, const double *adjusted)
{
	fprintf(out, "%s: %zu clauses, %zu uncertain\n", name, p->clauses,
	        p->uncertain);
	fprintf(out, "  %-17s %7s %6s %12s %8s %6s  %s\n", "theme", "clauses",
	        "share", "95% interval", "adjusted", "conf.", "evidence (clause)");
	for (int k = 0; k < p->labels; k++) {
		char adj[16] = "-";
		if (adjusted)
			snprintf(adj, sizeof adj, "%.1f%%", 100 * adjusted[k]);
		fprintf(out, "  %-17s %7zu %5.1f%% %5.1f-%5.1f%% %8s %6.3f  ",
		        themes_codebook_label(cb, k), p->count[k], 100 * p->share[k],
		        100 * p->share_ci[k].low, 100 * p->share_ci[k].high, adj,
		        p->mean_confidence[k]);
		for (int e = 0; e < p->evidence_count[k]; e++)
			fprintf(out, "%s%zu", e ? " " : "", p->evidence[k][e] + 1);
		fputc('\n', out);
	}
}

/* The statement's section of the --html page. */
static int write_statement_html(const char *name, const statement_log *log,
                                const themes_profile *profile,
                                const double *adjusted,
                                const statement_outputs *so)
{
	html_clause *clauses = calloc(log->count ? log->count : 1, sizeof *clauses);
	if (!clauses) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	for (size_t i = 0; i < log->count; i++) {
		clauses[i].id = log->ids.data + log->id_at[i];
		clauses[i].section = log->sections.data + log->section_at[i];
		clauses[i].text = log->texts.data + log->text_at[i];
		clauses[i].explanation = log->explanations.data + log->explanation_at[i];
		clauses[i].prediction = log->predictions[i];
		clauses[i].uncertain = themes_profile_uncertain(
			&log->predictions[i], so->profile_options.min_confidence);
	}
	html_statement hs = {name, profile, adjusted, clauses, log->count};
	html_report_statement(so->html, &hs, so->statements);
	free(clauses);
	return EXIT_OK;
}

/* Profiles the statement held in log and writes its summaries. */
static int summarise_statement(const char *name, const statement_log *log,
                               statement_outputs *so)
{
	themes_error err = {0};
	themes_profile profile;
	int labels = themes_codebook_count(so->codebook);
	if (themes_profile_compute(log->predictions, log->count, labels,
	                           &so->profile_options, &profile, &err) != THEMES_OK)
		return report_failure(&err);
	double adjusted_shares[THEMES_MAX_LABELS];
	const double *adjusted = NULL;
	if (so->confusion_known && profile.clauses > profile.uncertain) {
		if (themes_profile_adjust(profile.share, so->confusion, labels,
		                          adjusted_shares, &err) != THEMES_OK)
			return report_failure(&err);
		adjusted = adjusted_shares;
	}
	so->statements++;
	if (so->profile)
		write_profile_csv_row(so->profile, name, &profile, so->has_confusion,
		                      adjusted);
	if (so->table) {
		/* clear the progress line first */
		fputs("\r\033[K", stderr);
		write_profile_table(stderr, name, so->codebook, &profile, adjusted);
	}
	if (!so->html)
		return EXIT_OK;
	return write_statement_html(name, log, &profile, adjusted, so);
}

/* ---- segmenting and classifying ----------------------------------------- */

typedef struct statement_state {
	classify_job *job;
	statement_log *log; /* NULL when no summary is asked for */
	const char *name;
	const themes_document *doc; /* the numbers of its ol items */
	unsigned long clauses;
	int status;
} statement_state;

static int flush_statement_batch(statement_state *st)
{
	batch *b = &st->job->batches[0];
	if (b->count == 0)
		return EXIT_OK;
	if (classify_batch(st->job, b) != EXIT_OK) {
		report_error("out of memory while classifying");
		return EXIT_DATA;
	}
	write_batch(st->job, b, true);
	if (st->log && !log_add_batch(st->log, b)) {
		report_error("out of memory");
		return EXIT_DATA;
	}
	batch_clear(b);
	return EXIT_OK;
}

static int add_statement_clause(const char *clause, size_t length,
                                const char *section, long line, void *user)
{
	statement_state *st = user;
	batch *b = &st->job->batches[0];
	if (b->count == BATCH_ROWS && (st->status = flush_statement_batch(st)))
		return 1;
	char id[4200];
	clause_id(id, sizeof id, st->name, ++st->clauses,
	          themes_document_item_number(st->doc, line));
	if (!batch_add(b, id, clause, length, section)) {
		report_error("out of memory");
		st->status = EXIT_DATA;
		return 1;
	}
	return 0;
}

int classify_statement(classify_job *job, input *in, statement_log *log,
                       statement_outputs *so)
{
	char *data;
	size_t length;
	int status = read_input(in, &data, &length);
	if (status == EXIT_OK && !in->converted) {
		status = convert_document(in->path, in->document, data, length,
		                          &in->doc);
		data = in->doc.text;
		length = in->doc.length;
		in->doc.text = NULL;
	}
	if (status != EXIT_OK) {
		free(data);
		return status;
	}
	batch_clear(&job->batches[0]);
	if (log)
		log_reset(log);
	job->progress.last = time(NULL);
	statement_state st = {job, log, in->path, &in->doc, 0, EXIT_OK};
	int r = themes_segment(data, length, add_statement_clause, &st);
	free(data);
	if (r != 0 && st.status == EXIT_OK) {
		report_error("%s: out of memory while segmenting", in->path);
		return EXIT_DATA;
	}
	if (st.status != EXIT_OK)
		return st.status;
	status = flush_statement_batch(&st);
	if (status == EXIT_OK && log)
		status = summarise_statement(in->path, log, so);
	return status;
}
