/*
 * compare_report.c - the outputs of `themes compare`: a terminal table,
 * CSV (one row per share, change or new clause), JSON, and a
 * self-contained HTML page (small multiples of the shares, one panel per
 * theme in the statement report's colours, and the new clauses).
 */
#define _GNU_SOURCE /* PATH_MAX */
#include "compare.h"

#include <string.h>

static const char *label(const comparison *c, int k)
{
	return themes_codebook_label(c->codebook, k);
}

static int labels(const comparison *c)
{
	return themes_codebook_count(c->codebook);
}

/* The prediction of clause i of s: its theme, or -1 when uncertain. */
static int clause_theme(const comparison *c, const compare_statement *s,
                        size_t i)
{
	return themes_profile_uncertain(&s->predictions[i], c->min_confidence)
		? -1 : s->predictions[i].theme;
}

/* Why statement i (after the first) has no new clauses listed: written
 * in another language than the one before it. */
static void not_compared(const comparison *c, int i, char *out, size_t size)
{
	const compare_statement *a = &c->statements[i - 1], *b = &c->statements[i];
	snprintf(out, size, "not compared clause by clause: %.4000s is %s and "
	         "%.4000s is %s, and a clause has near-duplicates only in its own "
	         "language", a->name, a->language, b->name, b->language);
}

/* ---- terminal table ---------------------------------------------------- */

void compare_write_table(FILE *out, const comparison *c)
{
	fputs("Statements (model; language of the text)\n", out);
	for (int i = 0; i < c->count; i++)
		fprintf(out, "  %d. %s (%s; %s)\n", i + 1, c->statements[i].name,
		        compare_model_name(&c->statements[i]),
		        c->statements[i].language);
	fprintf(out, "\nShares (%%, 95%% interval; adjusted)\n%-18s", "theme");
	for (int i = 0; i < c->count; i++)
		fprintf(out, " %26.26s", c->statements[i].name);
	for (int k = 0; k < labels(c); k++) {
		fprintf(out, "\n%-18s", label(c, k));
		for (int i = 0; i < c->count; i++) {
			const compare_statement *s = &c->statements[i];
			char adj[16] = "-";
			if (s->has_adjusted)
				snprintf(adj, sizeof adj, "%.1f", 100 * s->adjusted[k]);
			fprintf(out, " %5.1f [%5.1f,%5.1f] %6s", 100 * s->profile.share[k],
			        100 * s->profile.share_ci[k].low,
			        100 * s->profile.share_ci[k].high, adj);
		}
	}
	fputs("\n\nChanges (points, bootstrap 95% interval; * excludes 0)\n", out);
	for (int j = 0; j < c->change_count; j++) {
		const compare_change *ch = &c->changes[j];
		fprintf(out, "%s -> %s\n", c->statements[ch->from].name,
		        c->statements[ch->to].name);
		for (int k = 0; k < labels(c); k++)
			fprintf(out, "  %-18s %+6.1f [%+6.1f,%+6.1f]%s\n", label(c, k),
			        100 * ch->difference[k], 100 * ch->ci[k].low,
			        100 * ch->ci[k].high, change_marked(ch, k) ? " *" : "");
	}
	for (int i = 1; i < c->count; i++) {
		const compare_statement *s = &c->statements[i];
		fprintf(out, "\nNew in %s (not in %s)\n", s->name,
		        c->statements[i - 1].name);
		if (!s->new_compared) {
			char why[8300];
			not_compared(c, i, why, sizeof why);
			fprintf(out, "  (%s)\n", why);
		}
		for (int k = -1; k < labels(c); k++)
			for (size_t j = 0; j < s->count; j++)
				if (s->clauses[j].is_new && clause_theme(c, s, j) == k) {
					fprintf(out, "  [%s] ", k < 0 ? "uncertain" : label(c, k));
					themes_write_plain_text(out, s->clauses[j].text);
					fputc('\n', out);
				}
	}
}

/* ---- CSV ------------------------------------------------------------------ */

static void csv_row(FILE *out, const char *row, const char *statement,
                    const char *theme)
{
	fprintf(out, "%s,", row);
	themes_write_csv_field(out, statement);
	fputc(',', out);
	themes_write_csv_field(out, theme);
}

void compare_write_csv(FILE *out, const comparison *c)
{
	fputs("row,statement,theme,value,low,high,adjusted,excludes_zero,text\n",
	      out);
	for (int i = 0; i < c->count; i++) {
		const compare_statement *s = &c->statements[i];
		for (int k = 0; k < labels(c); k++) {
			csv_row(out, "share", s->name, label(c, k));
			fprintf(out, ",%.4f,%.4f,%.4f,", s->profile.share[k],
			        s->profile.share_ci[k].low, s->profile.share_ci[k].high);
			if (s->has_adjusted)
				fprintf(out, "%.4f", s->adjusted[k]);
			fputs(",,\n", out);
		}
	}
	for (int j = 0; j < c->change_count; j++) {
		const compare_change *ch = &c->changes[j];
		char name[8300];
		snprintf(name, sizeof name, "%.4000s -> %.4000s",
		         c->statements[ch->from].name, c->statements[ch->to].name);
		for (int k = 0; k < labels(c); k++) {
			csv_row(out, "change", name, label(c, k));
			fprintf(out, ",%.4f,%.4f,%.4f,,%d,\n", ch->difference[k],
			        ch->ci[k].low, ch->ci[k].high, change_marked(ch, k));
		}
	}
	for (int i = 1; i < c->count; i++) {
		const compare_statement *s = &c->statements[i];
		if (!s->new_compared) {
			char why[8300];
			not_compared(c, i, why, sizeof why);
			csv_row(out, "note", s->name, "");
			fputs(",,,,,,", out);
			themes_write_csv_field(out, why);
			fputc('\n', out);
		}
		for (size_t j = 0; j < s->count; j++) {
			if (!s->clauses[j].is_new)
				continue;
			int k = clause_theme(c, s, j);
			csv_row(out, "new", s->name, k < 0 ? "uncertain" : label(c, k));
			fputs(",,,,,,", out);
			themes_write_csv_field(out, s->clauses[j].text);
			fputc('\n', out);
		}
	}
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_interval(FILE *out, const char *key, double value,
                          themes_interval ci)
{
	fprintf(out, "\"%s\": %.4f, \"ci95\": [%.4f, %.4f]", key, value, ci.low,
	        ci.high);
}

static void json_statement(FILE *out, const comparison *c, int i)
{
	const compare_statement *s = &c->statements[i];
	fputs("    {\"name\": ", out);
	themes_write_json_string(out, s->name, THEMES_JSON_UNICODE);
	fputs(", \"model\": ", out);
	themes_write_json_string(out, s->model_path, THEMES_JSON_UNICODE);
	fprintf(out, ", \"language\": \"%s\", \"new_compared\": %s,\n     "
	        "\"clauses\": %zu, \"uncertain\": %zu,\n     \"themes\": {",
	        s->language, s->new_compared ? "true" : "false",
	        s->profile.clauses, s->profile.uncertain);
	for (int k = 0; k < labels(c); k++) {
		fprintf(out, "%s\n      \"%s\": {", k ? "," : "", label(c, k));
		json_interval(out, "share", s->profile.share[k], s->profile.share_ci[k]);
		if (s->has_adjusted)
			fprintf(out, ", \"adjusted\": %.4f", s->adjusted[k]);
		fputs(", \"new\": [", out);
		int n = 0;
		for (size_t j = 0; i > 0 && j < s->count; j++)
			if (s->clauses[j].is_new && clause_theme(c, s, j) == k) {
				fputs(n++ ? ", " : "", out);
				themes_write_json_string(out, s->clauses[j].text,
				                         THEMES_JSON_UNICODE);
			}
		fputs("]}", out);
	}
	fputs("}}", out);
}

/* The paths of the models of the statements, each once, joined by ", ". */
static void write_model_paths(FILE *out, const comparison *c)
{
	char paths[MODEL_SLOTS * (PATH_MAX + 66)];
	size_t used = 0;
	paths[0] = '\0';
	for (int i = 0; i < c->count && used < sizeof paths; i++) {
		const char *path = c->statements[i].model_path;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = c->statements[j].model_path == path;
		if (!seen)
			used += (size_t)snprintf(paths + used, sizeof paths - used, "%s%s",
			                         used ? ", " : "", path);
	}
	themes_write_json_string(out, paths, THEMES_JSON_UNICODE);
}

void compare_write_json(FILE *out, const comparison *c)
{
	fputs("{\"model\": ", out);
	write_model_paths(out, c);
	fprintf(out, ", \"threshold\": %.4f,\n  \"statements\": [\n", c->threshold);
	for (int i = 0; i < c->count; i++) {
		json_statement(out, c, i);
		fputs(i + 1 < c->count ? ",\n" : "\n", out);
	}
	fputs("  ],\n  \"changes\": [\n", out);
	for (int j = 0; j < c->change_count; j++) {
		const compare_change *ch = &c->changes[j];
		fprintf(out, "    {\"from\": %d, \"to\": %d, \"themes\": {", ch->from,
		        ch->to);
		for (int k = 0; k < labels(c); k++) {
			fprintf(out, "%s\"%s\": {", k ? ", " : "", label(c, k));
			json_interval(out, "difference", ch->difference[k], ch->ci[k]);
			fprintf(out, ", \"excludes_zero\": %s}",
			        change_marked(ch, k) ? "true" : "false");
		}
		fputs(j + 1 < c->change_count ? "}},\n" : "}}\n", out);
	}
	fputs("  ]\n}\n", out);
}
