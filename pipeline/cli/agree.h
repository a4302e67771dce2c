/*
 * agree.h - the data `themes agree` reports on, shared by agree.c (reading
 * the coders' files) and agree_report.c (the text, JSON and Markdown
 * reports and the disagreements CSV).
 */
#ifndef THEMES_CLI_AGREE_H
#define THEMES_CLI_AGREE_H

#include "cli.h"

typedef struct agree_data {
	int coders;
	char **coder_names;   /* coders names: the coder column, or file stem */
	const char *const *paths;
	size_t units;
	char **ids;           /* units, sorted bytewise */
	char **texts;         /* units; the first coder's text with one, or "" */
	int *values;          /* units x coders label indices, -1 missing */
	themes_codebook *codebook;
	themes_ratings ratings;
	themes_agreement agreement;
	size_t *confusion;    /* pairs x labels x labels, pairs a < b in order */
	unsigned resamples;
	uint32_t seed;
} agree_data;

int agree_report_text(FILE *out, const agree_data *d);
int agree_report_json(FILE *out, const agree_data *d);
int agree_report_markdown(FILE *out, const agree_data *d);
int agree_report_disagreements(FILE *out, const agree_data *d);

#endif
