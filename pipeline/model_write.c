/*
 * model_write.c - writing model files (model_read.c reads them).
 *
 * A model file is text, self-describing and versioned: a magic line with
 * the format, the training options (one "key value" line each, from the
 * option table), the labels, the feature space and the SVM, ending with an
 * FNV-1a checksum line so that a flipped byte or a truncation is caught
 * before anything is parsed.  Numbers are written with %.17g, which reads
 * back to the identical double, so writing and reading are exact and a
 * model file is byte-identical for the same input and options.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* The classes, then (libsvm) nsv, rho, the sigmoids and the support
 * vectors, or (liblinear) rho, the sigmoids and one row of weights per
 * feature. */
static bool write_decision_functions(const themes_model *m, themes_buffer *b)
{
	bool ovr = m->options.solver == THEMES_SOLVER_LIBLINEAR;
	int decisions = themes_model_decision_count(m);
	bool ok = themes_buffer_printf(b, "classes %d", m->class_count);
	for (int i = 0; i < m->class_count; i++)
		ok = ok && themes_buffer_printf(b, " %s",
		                                themes_codebook_label(m->codebook,
		                                                      m->labels[i]));
	if (!ovr) {
		ok = ok && themes_buffer_printf(b, "\nnsv");
		for (int i = 0; i < m->class_count; i++)
			ok = ok && themes_buffer_printf(b, " %d", m->nsv[i]);
	}
	const char *names[3] = {"rho", "prob_a", "prob_b"};
	const double *arrays[3] = {m->rho, m->prob_a, m->prob_b};
	for (int a = 0; a < 3; a++) {
		ok = ok && themes_buffer_printf(b, "\n%s", names[a]);
		for (int p = 0; p < decisions; p++)
			ok = ok && themes_buffer_printf(b, " %.17g", arrays[a][p]);
	}
	if (ovr) {
		ok = ok && themes_buffer_printf(b, "\nweights %zu\n",
		                                m->features.size);
		for (size_t f = 1; f <= m->features.size && ok; f++)
			for (int c = 0; c < decisions; c++)
				ok = ok && themes_buffer_printf(b, "%.17g%c",
					m->weights[f * (size_t)decisions + (size_t)c],
					c + 1 < decisions ? ' ' : '\n');
		return ok;
	}
	ok = ok && themes_buffer_printf(b, "\nsupport_vectors %d\n", m->sv_count);
	for (int i = 0; i < m->sv_count && ok; i++) {
		for (int c = 0; c < m->class_count - 1; c++)
			ok = ok && themes_buffer_printf(b, "%s%.17g", c ? " " : "",
			                                m->sv_coef[c][i]);
		for (const struct svm_node *x = m->sv[i]; x->index != -1; x++)
			ok = ok && themes_buffer_printf(b, " %d:%.17g", x->index, x->value);
		ok = ok && themes_buffer_printf(b, "\n");
	}
	return ok;
}

static bool write_model_text(const themes_model *m, themes_buffer *b)
{
	bool ok = themes_buffer_printf(b, "%s %d\n", THEMES_MODEL_MAGIC,
	                               THEMES_MODEL_FORMAT);
	ok = ok && themes_buffer_printf(b, "program themes %s\n", THEMES_VERSION);
	for (size_t i = 0; i < themes_train_option_count(); i++) {
		char value[64];
		themes_train_options_get(&m->options, i, value, sizeof value);
		ok = ok && themes_buffer_printf(b, "%s %s\n",
		                                themes_train_option(i)->name, value);
	}
	int labels = themes_model_labels(m);
	ok = ok && themes_buffer_printf(b, "labels %d\n", labels);
	for (int c = 0; c < labels; c++) {
		const char *description = themes_codebook_description(m->codebook, c);
		ok = ok && themes_buffer_printf(b, "%s%s%s\n",
		                                themes_codebook_label(m->codebook, c),
		                                *description ? "\t" : "", description);
	}
	ok = ok && themes_buffer_printf(b, "class_counts");
	for (int c = 0; c < labels; c++)
		ok = ok && themes_buffer_printf(b, " %u", m->class_counts[c]);
	ok = ok && themes_buffer_printf(b, "\ncv_confusion");
	if (!m->has_cv_confusion)
		ok = ok && themes_buffer_printf(b, " none");
	for (int g = 0; g < labels && m->has_cv_confusion; g++)
		for (int c = 0; c < labels; c++)
			ok = ok && themes_buffer_printf(b, " %u", m->cv_confusion[g][c]);
	ok = ok && themes_buffer_printf(b, "\nstop_word_list %zu\n",
	                                m->features.stop_word_count);
	for (size_t i = 0; i < m->features.stop_word_count; i++)
		ok = ok && themes_buffer_printf(b, "%s\n", m->features.stop_words[i]);
	ok = ok && themes_buffer_printf(b, "vocabulary %zu\n", m->features.size);
	for (size_t i = 0; i < m->features.size; i++)
		ok = ok && themes_buffer_printf(b, "%.17g\t%s\n", m->features.idf[i],
		                                m->features.terms[i]);
	ok = ok && write_decision_functions(m, b);
	ok = ok && themes_buffer_printf(b, "end\n");
	uint64_t sum = themes_hash_bytes(b->data, b->length, THEMES_HASH_SEED);
	ok = ok && themes_buffer_printf(b, "checksum %016llx\n",
	                                (unsigned long long)sum);
	return ok;
}

int themes_model_write(const themes_model *m, FILE *out, themes_error *err)
{
	themes_buffer text = {0};
	if (!write_model_text(m, &text)) {
		themes_buffer_free(&text);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	bool ok = fwrite(text.data, 1, text.length, out) == text.length &&
	          fflush(out) == 0;
	themes_buffer_free(&text);
	return ok ? THEMES_OK : themes_fail(err, THEMES_ERR_IO, 0,
	                                    "cannot write the model: %s",
	                                    strerror(errno));
}

