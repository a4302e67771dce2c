/*
 * compare.h - `themes compare`: statements in order, their theme shares,
 * the changes between them and what each says that the previous did not.
 *   compare.c         options, reading and classifying, the changes
 *   compare_report.c  the table, CSV, JSON and HTML outputs
 */
#ifndef THEMES_CLI_COMPARE_H
#define THEMES_CLI_COMPARE_H

#include "cli.h"
#include "models.h"

typedef struct compare_clause {
	char *text, *section;
	bool is_new; /* no near-duplicate in the previous statement */
} compare_clause;

typedef struct compare_statement {
	const char *name;
	const char *model_path; /* the model that read it */
	const char *language;   /* of its script (themes_script_language) */
	int slot;               /* of its model in the run's model_set */
	compare_clause *clauses;
	themes_prediction *predictions;
	size_t count, capacity;
	themes_profile profile;
	double adjusted[THEMES_MAX_LABELS];
	bool has_adjusted;
	/* its clauses were compared with the previous statement's: not for
	 * the first, nor across languages, where no clause can be a
	 * near-duplicate of another */
	bool new_compared;
} compare_statement;

/* The change from statement `from` to statement `to`. */
typedef struct compare_change {
	int from, to;
	double difference[THEMES_MAX_LABELS];
	themes_interval ci[THEMES_MAX_LABELS];
} compare_change;

typedef struct comparison {
	const themes_codebook *codebook; /* the labels every model shares */
	double threshold;           /* near-duplicate Jaccard */
	double min_confidence;
	compare_statement *statements;
	int count;
	compare_change changes[64]; /* consecutive pairs, then first to last */
	int change_count;
} comparison;

/* The file name of the model of statement s. */
const char *compare_model_name(const compare_statement *s);

/* Whether the interval of change k of label excludes 0. */
static inline bool change_marked(const compare_change *c, int k)
{
	return c->ci[k].low > 0 || c->ci[k].high < 0;
}

void compare_write_table(FILE *out, const comparison *c);
void compare_write_csv(FILE *out, const comparison *c);
void compare_write_json(FILE *out, const comparison *c);
void compare_write_html(FILE *out, const comparison *c);

#endif
