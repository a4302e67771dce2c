/*
 * model_read.c - reading and validating model files (model_write.c
 * writes them; its header describes the format).
 *
 * The magic line and format come first, so that a newer format is named as
 * such; then the checksum guards everything else, so a damaged file is
 * refused before any of its numbers is trusted.  Format 1 files (the first
 * release: six fixed themes, libsvm only) are still read.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct model_parser {
	char *text;       /* the whole file, lines cut in place */
	size_t length;
	size_t pos;
	long line;
	const char *path;
	themes_error *err;
} model_parser;

/* The next line, NUL-terminated, or NULL at the end. */
static char *next_line(model_parser *p)
{
	if (p->pos >= p->length)
		return NULL;
	char *start = p->text + p->pos;
	char *end = memchr(start, '\n', p->length - p->pos);
	if (!end)
		return NULL;
	*end = '\0';
	p->pos = (size_t)(end - p->text) + 1;
	p->line++;
	return start;
}

static int damaged(model_parser *p, const char *what)
{
	return themes_fail(p->err, THEMES_ERR_MODEL, p->line,
		"%s:%ld: damaged model file: %s", p->path, p->line, what);
}

/* Reads "key VALUE" and returns VALUE, or NULL after reporting. */
static char *expect_key(model_parser *p, const char *key)
{
	char *line = next_line(p);
	size_t n = strlen(key);
	if (!line || strncmp(line, key, n) != 0 || line[n] != ' ') {
		char what[128];
		snprintf(what, sizeof what, "expected \"%s\"", key);
		damaged(p, what);
		return NULL;
	}
	return line + n + 1;
}

static bool parse_long(const char *s, long low, long high, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < low || v > high)
		return false;
	*out = v;
	return true;
}

static bool parse_double(const char *s, char **end, double *out)
{
	errno = 0;
	double v = themes_parse_double(s, end);
	if (errno || *end == s || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static int parse_int_key(model_parser *p, const char *key, long low, long high,
                         long *out)
{
	char *value = expect_key(p, key);
	if (!value)
		return THEMES_ERR_MODEL;
	if (!parse_long(value, low, high, out)) {
		char what[160];
		snprintf(what, sizeof what, "%s must be an integer in [%ld, %ld]",
		         key, low, high);
		return damaged(p, what);
	}
	return THEMES_OK;
}


/* Reads `count` numbers after key into out. */
static int parse_doubles_key(model_parser *p, const char *key, int count,
                             double *out)
{
	char *s = expect_key(p, key);
	if (!s)
		return THEMES_ERR_MODEL;
	for (int i = 0; i < count; i++) {
		char *end;
		if (!parse_double(s, &end, &out[i]) || (*end && *end != ' '))
			return damaged(p, "bad number list");
		s = end;
	}
	if (*s)
		return damaged(p, "too many numbers");
	return THEMES_OK;
}

/* The key of the next line (up to its first space), without consuming it;
 * out receives at most size - 1 bytes. */
static void peek_key(const model_parser *p, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = p->pos; i < p->length && n + 1 < size; i++) {
		char c = p->text[i];
		if (c == ' ' || c == '\n' || c == '\0')
			break;
		out[n++] = c;
	}
	out[n] = '\0';
}

/* "key value" lines of training options, in any order; an option a file
 * does not name keeps its default (older files lack newer options). */
static int parse_options(model_parser *p, themes_model *m)
{
	themes_train_options_init(&m->options);
	/* A file without a solver line predates liblinear. */
	m->options.solver = THEMES_SOLVER_LIBSVM;
	for (;;) {
		char key[64];
		peek_key(p, key, sizeof key);
		bool known = false;
		for (size_t i = 0; i < themes_train_option_count() && !known; i++)
			known = strcmp(key, themes_train_option(i)->name) == 0;
		if (!known)
			break;
		char *value = expect_key(p, key);
		themes_error problem;
		if (!value)
			return THEMES_ERR_MODEL;
		if (themes_train_options_set(&m->options, key, value, &problem))
			return damaged(p, problem.message);
	}
	const char *problem = themes_train_options_check(&m->options, NULL);
	return problem ? damaged(p, problem) : THEMES_OK;
}

/* Format 1 named the six themes of THEMES.md on one line; format 2 has a
 * "labels N" line and one line per label, "slug[TAB description]". */
static int parse_labels(model_parser *p, themes_model *m, long format)
{
	/* Lines are parsed before the checksum is verified, which restores
	 * their newlines: copy the slugs rather than cutting the lines. */
	char *slugs[THEMES_MAX_LABELS], *descriptions[THEMES_MAX_LABELS];
	char slug_copies[THEMES_MAX_LABELS][THEMES_MAX_SLUG + 1];
	long count = 0;
	if (format == 1) {
		char *names = expect_key(p, "themes");
		if (!names)
			return THEMES_ERR_MODEL;
		for (char *s = names; *s;) {
			size_t length = strcspn(s, " ");
			if (count == THEMES_MAX_LABELS || length == 0 ||
			    length > THEMES_MAX_SLUG)
				return damaged(p, "bad theme list");
			memcpy(slug_copies[count], s, length);
			slug_copies[count][length] = '\0';
			descriptions[count] = (char *)"";
			slugs[count] = slug_copies[count];
			count++;
			s += length + (s[length] == ' ');
		}
	} else {
		if (parse_int_key(p, "labels", 2, THEMES_MAX_LABELS, &count))
			return THEMES_ERR_MODEL;
		for (long i = 0; i < count; i++) {
			char *line = next_line(p);
			if (!line)
				return damaged(p, "fewer labels than stated");
			char *tab = strchr(line, '\t');
			size_t length = tab ? (size_t)(tab - line) : strlen(line);
			if (length == 0 || length > THEMES_MAX_SLUG)
				return damaged(p, "bad label line");
			memcpy(slug_copies[i], line, length);
			slug_copies[i][length] = '\0';
			descriptions[i] = tab ? tab + 1 : (char *)"";
			slugs[i] = slug_copies[i];
		}
	}
	themes_error problem;
	if (themes_codebook_new(&m->codebook, (const char *const *)slugs,
	                        (const char *const *)descriptions, (int)count,
	                        &problem) != THEMES_OK)
		return problem.code == THEMES_ERR_NOMEM ?
			themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory") :
			damaged(p, problem.message);
	return THEMES_OK;
}

/* Reads count unsigned numbers separated by spaces. */
static int parse_counts(model_parser *p, char *s, unsigned *out, int count,
                        const char *what)
{
	for (int c = 0; c < count; c++) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(s, &end, 10);
		if (errno || end == s || *s == '-' || n > 4294967295UL ||
		    *end != (c + 1 < count ? ' ' : '\0'))
			return damaged(p, what);
		out[c] = (unsigned)n;
		s = end + (*end == ' ');
	}
	return THEMES_OK;
}

static int parse_header(model_parser *p, themes_model *m, long *format)
{
	char *line = next_line(p);
	size_t magic_length = strlen(THEMES_MODEL_MAGIC);
	if (!line || strncmp(line, THEMES_MODEL_MAGIC, magic_length) != 0 ||
	    line[magic_length] != ' ')
		return themes_fail(p->err, THEMES_ERR_MODEL, 1,
			"%s:1: not a themes model file (it does not begin with "
			"\"%s\")", p->path, THEMES_MODEL_MAGIC);
	if (!parse_long(line + magic_length + 1, 1, 1000000, format))
		return damaged(p, "bad format version");
	if (*format > THEMES_MODEL_FORMAT)
		return themes_fail(p->err, THEMES_ERR_MODEL, 1,
			"%s:1: model format %ld is newer than this program reads "
			"(format %d, themes %s); upgrade themes or retrain the model",
			p->path, *format, THEMES_MODEL_FORMAT, THEMES_VERSION);
	if (!expect_key(p, "program"))
		return THEMES_ERR_MODEL;
	int status = parse_options(p, m);
	if (status == THEMES_OK)
		status = parse_labels(p, m, *format);
	if (status != THEMES_OK)
		return status;
	int labels = themes_model_labels(m);
	char *counts = expect_key(p, "class_counts");
	if (!counts)
		return THEMES_ERR_MODEL;
	if (parse_counts(p, counts, m->class_counts, labels, "bad class_counts"))
		return THEMES_ERR_MODEL;
	char *confusion = expect_key(p, "cv_confusion");
	if (!confusion)
		return THEMES_ERR_MODEL;
	if (strcmp(confusion, "none") == 0)
		return THEMES_OK;
	m->has_cv_confusion = true;
	unsigned flat[THEMES_MAX_LABELS * THEMES_MAX_LABELS];
	if (parse_counts(p, confusion, flat, labels * labels, "bad cv_confusion"))
		return THEMES_ERR_MODEL;
	for (int c = 0; c < labels * labels; c++)
		m->cv_confusion[c / labels][c % labels] = flat[c];
	return THEMES_OK;
}

static int parse_features(model_parser *p, themes_model *m, long format)
{
	themes_features *f = &m->features;
	f->ngram_max = m->options.ngram_max;
	f->sublinear_tf = m->options.sublinear_tf;
	f->char_min = m->options.char_ngram_min;
	f->char_max = m->options.char_ngram_max;
	long count;
	/* Format 1 called the list "stop_words", now the option's key. */
	if (parse_int_key(p, format == 1 ? "stop_words" : "stop_word_list", 0,
	                  100000, &count))
		return THEMES_ERR_MODEL;
	const char **words = calloc((size_t)count + 1, sizeof *words);
	if (!words)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (long i = 0; i < count; i++) {
		words[i] = next_line(p);
		if (!words[i] || !*words[i]) {
			free(words);
			return damaged(p, "bad stop word list");
		}
	}
	int status = themes_features_set_stop_words(f, words, (size_t)count);
	free(words);
	if (status != THEMES_OK)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");

	long size;
	if (parse_int_key(p, "vocabulary", 1, 100000000, &size))
		return THEMES_ERR_MODEL;
	/* Each vocabulary line takes at least 4 bytes: refuse absurd sizes
	 * before allocating for them. */
	if ((size_t)size > (p->length - p->pos) / 4)
		return damaged(p, "vocabulary size larger than the file");
	f->terms = calloc((size_t)size, sizeof *f->terms);
	f->idf = calloc((size_t)size, sizeof *f->idf);
	if (!f->terms || !f->idf)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	themes_map_init(&f->term_ids);
	for (long i = 0; i < size; i++) {
		char *line = next_line(p), *end;
		if (!line)
			return damaged(p, "vocabulary shorter than its stated size");
		double idf;
		if (!parse_double(line, &end, &idf) || *end != '\t' || !end[1] ||
		    !(idf > 0))
			return damaged(p, "bad vocabulary line (expected IDF<TAB>TERM)");
		const char *term = end + 1;
		if (i > 0 && strcmp(f->terms[i - 1], term) >= 0)
			return damaged(p, "vocabulary not in sorted order");
		f->terms[i] = themes_strndup(term, strlen(term));
		f->idf[i] = idf;
		f->size = (size_t)i + 1;
		if (!f->terms[i] ||
		    !themes_map_put(&f->term_ids, term, strlen(term), (int)(i + 1)))
			return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	if (themes_features_finish(f) != THEMES_OK)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	return THEMES_OK;
}

/* Each decision function's offset (rho) and the two parameters of its
 * probability sigmoid, count of each. */
static int parse_decision_constants(model_parser *p, themes_model *m,
                                    int count)
{
	if (parse_doubles_key(p, "rho", count, m->rho) ||
	    parse_doubles_key(p, "prob_a", count, m->prob_a) ||
	    parse_doubles_key(p, "prob_b", count, m->prob_b))
		return THEMES_ERR_MODEL;
	return THEMES_OK;
}

/* liblinear: rho and the sigmoids per class, then one line per feature
 * with its weight towards each class. */
static int parse_weights(model_parser *p, themes_model *m)
{
	int classes = m->class_count;
	if (parse_decision_constants(p, m, classes))
		return THEMES_ERR_MODEL;
	long rows;
	if (parse_int_key(p, "weights", 0, 100000000, &rows))
		return THEMES_ERR_MODEL;
	if ((size_t)rows != m->features.size)
		return damaged(p, "weights differ in number from the vocabulary");
	m->weights = calloc(((size_t)rows + 1) * (size_t)classes,
	                    sizeof *m->weights);
	if (!m->weights)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (long f = 1; f <= rows; f++) {
		char *s = next_line(p), *end;
		if (!s)
			return damaged(p, "fewer weight rows than stated");
		for (int c = 0; c < classes; c++) {
			if (!parse_double(s, &end, &m->weights[(size_t)f * classes + c]) ||
			    (*end != (c + 1 < classes ? ' ' : '\0')))
				return damaged(p, "bad weight row");
			s = end + (*end == ' ');
		}
	}
	char *line = next_line(p);
	if (!line || strcmp(line, "end") != 0)
		return damaged(p, "expected \"end\"");
	return THEMES_OK;
}

/* "classes K name..." in the decision functions' class order. */
static int parse_classes(model_parser *p, themes_model *m)
{
	char *classes = expect_key(p, "classes");
	if (!classes)
		return THEMES_ERR_MODEL;
	char *end;
	long k = strtol(classes, &end, 10);
	if (end == classes || k < 2 || k > themes_model_labels(m))
		return damaged(p, "classes must be between 2 and the number of "
		               "labels");
	m->class_count = (int)k;
	unsigned seen = 0;
	char *s = end;
	for (int i = 0; i < k; i++) {
		while (*s == ' ')
			s++;
		char *word_end = strchr(s, ' ');
		size_t n = word_end ? (size_t)(word_end - s) : strlen(s);
		char name[THEMES_MAX_SLUG + 1];
		if (n == 0 || n >= sizeof name)
			return damaged(p, "bad class list");
		memcpy(name, s, n);
		name[n] = '\0';
		int theme = themes_codebook_index(m->codebook, name);
		if (theme < 0 || (seen & (1u << theme)))
			return damaged(p, "bad class list");
		seen |= 1u << theme;
		m->labels[i] = theme;
		s += n;
	}
	if (*s)
		return damaged(p, "bad class list");
	return THEMES_OK;
}

/* libsvm: nsv, rho and the sigmoids per class pair, then the support
 * vectors with their coefficients. */
static int parse_svm(model_parser *p, themes_model *m)
{
	if (parse_classes(p, m))
		return THEMES_ERR_MODEL;
	if (m->options.solver == THEMES_SOLVER_LIBLINEAR)
		return parse_weights(p, m);
	int k = m->class_count;
	char *s, *end;
	double values[THEMES_MAX_LABELS];
	if (parse_doubles_key(p, "nsv", (int)k, values))
		return THEMES_ERR_MODEL;
	long total = 0;
	for (int i = 0; i < k; i++) {
		if (values[i] < 0 || values[i] > 1e8 || values[i] != floor(values[i]))
			return damaged(p, "bad nsv");
		m->nsv[i] = (int)values[i];
		total += m->nsv[i];
	}
	int pairs = themes_model_decision_count(m);
	if (parse_decision_constants(p, m, pairs))
		return THEMES_ERR_MODEL;
	long l;
	if (parse_int_key(p, "support_vectors", 0, 100000000, &l))
		return THEMES_ERR_MODEL;
	if (l != total)
		return damaged(p, "support_vectors differs from the sum of nsv");
	if ((size_t)l > (p->length - p->pos) / 2)
		return damaged(p, "more support vectors than the file can hold");
	m->sv_count = (int)l;
	/* Count the nodes first so that one block holds every vector. */
	size_t nodes = 0, scan = p->pos;
	for (long i = 0; i < l && scan < p->length; i++) {
		char *line_end = memchr(p->text + scan, '\n', p->length - scan);
		if (!line_end)
			break;
		for (char *c = p->text + scan; c < line_end; c++)
			nodes += *c == ':';
		nodes++;
		scan = (size_t)(line_end - p->text) + 1;
	}
	m->sv_space = malloc((nodes + 1) * sizeof *m->sv_space);
	m->sv = malloc(((size_t)l + 1) * sizeof *m->sv);
	m->sv_coef_space = malloc(((size_t)l * (size_t)(k - 1) + 1) *
	                          sizeof *m->sv_coef_space);
	if (!m->sv_space || !m->sv || !m->sv_coef_space)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	for (int c = 0; c < k - 1; c++)
		m->sv_coef[c] = m->sv_coef_space + (size_t)c * (size_t)l;
	struct svm_node *at = m->sv_space, *limit = m->sv_space + nodes;
	for (long i = 0; i < l; i++) {
		char *line = next_line(p);
		if (!line)
			return damaged(p, "fewer support vectors than stated");
		s = line;
		for (int c = 0; c < k - 1; c++) {
			if (!parse_double(s, &end, &m->sv_coef[c][i]) ||
			    (*end != ' ' && *end))
				return damaged(p, "bad support vector coefficient");
			s = end;
		}
		m->sv[i] = at;
		long previous = 0;
		while (*s == ' ') {
			s++;
			errno = 0;
			long index = strtol(s, &end, 10);
			if (errno || end == s || *end != ':' || index <= previous ||
			    index > (long)m->features.size || at >= limit)
				return damaged(p, "bad support vector feature");
			s = end + 1;
			double value;
			if (!parse_double(s, &end, &value) || (*end != ' ' && *end))
				return damaged(p, "bad support vector value");
			s = end;
			at->index = (int)index;
			at->value = value;
			at++;
			previous = index;
		}
		if (*s || at >= limit + 1)
			return damaged(p, "bad support vector line");
		at->index = -1;
		at->value = 0;
		at++;
	}
	char *line = next_line(p);
	if (!line || strcmp(line, "end") != 0)
		return damaged(p, "expected \"end\"");
	return THEMES_OK;
}

int themes_model_load(themes_model **out, const char *path, themes_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return themes_fail(err, THEMES_ERR_IO, 0, "%s: cannot open model: %s",
		                   path, strerror(errno));
	themes_buffer text = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!themes_buffer_append(&text, chunk, n)) {
			fclose(f);
			themes_buffer_free(&text);
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		}
	bool read_failed = ferror(f);
	fclose(f);
	if (read_failed) {
		themes_buffer_free(&text);
		return themes_fail(err, THEMES_ERR_IO, 0, "%s: read error", path);
	}
	if (text.length == 0) {
		themes_buffer_free(&text);
		return themes_fail(err, THEMES_ERR_MODEL, 0,
		                   "%s: empty model file", path);
	}

	model_parser p = {text.data, text.length, 0, 0, path, err};
	themes_model *m = calloc(1, sizeof *m);
	int status;
	if (!m) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	/* The magic and version come first, so that a newer format is named
	 * as such; then the checksum guards everything else. */
	long format = 0;
	status = parse_header(&p, m, &format);
	if (status == THEMES_ERR_MODEL && p.line == 1)
		goto done;
	{
		static const char key[] = "\nchecksum ";
		char *last = NULL;
		for (size_t i = text.length; i-- > 0;)
			if (i + sizeof key - 1 <= text.length &&
			    memcmp(text.data + i, key, sizeof key - 1) == 0) {
				last = text.data + i;
				break;
			}
		if (!last || text.data[text.length - 1] != '\n') {
			status = themes_fail(err, THEMES_ERR_MODEL, 0,
				"%s: damaged model file: truncated (no checksum at the end)",
				path);
			goto done;
		}
		size_t covered = (size_t)(last - text.data) + 1;
		/* Lines already parsed had their newlines cut; restore them. */
		for (size_t i = 0; i < p.pos && i < covered; i++)
			if (text.data[i] == '\0')
				text.data[i] = '\n';
		uint64_t sum = themes_hash_bytes(text.data, covered, THEMES_HASH_SEED);
		char expected[32];
		snprintf(expected, sizeof expected, "%016llx\n",
		         (unsigned long long)sum);
		if (text.length - covered != sizeof key - 2 + 17 ||
		    memcmp(last + sizeof key - 1, expected, 17) != 0) {
			status = themes_fail(err, THEMES_ERR_MODEL, 0,
				"%s: damaged model file: checksum mismatch (the file was "
				"changed or cut short)", path);
			goto done;
		}
		p.length = covered;
	}
	if (status != THEMES_OK)
		goto done;
	status = parse_features(&p, m, format);
	if (status == THEMES_OK)
		status = parse_svm(&p, m);
	if (status == THEMES_OK && p.pos != p.length)
		status = damaged(&p, "unexpected data before the checksum");
	if (status == THEMES_OK && themes_model_prepare(m) != THEMES_OK)
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
done:
	themes_buffer_free(&text);
	if (status != THEMES_OK) {
		themes_model_free(&m);
		return status;
	}
	*out = m;
	return THEMES_OK;
}

