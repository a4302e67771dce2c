/*
 * model.c - sixth stage: labelled vectors to a trained, saved model.
 *
 * Input: a labelled corpus (corpus.c).  Output: a themes_model holding the
 * feature space (vocabulary, idf, stop words, settings), a libsvm C-SVC
 * (one-vs-one, six themes) and one probability sigmoid per theme pair.
 *
 * Probabilities.  libsvm's own "-b 1" fits its sigmoids with an internal
 * cross-validation that draws from the C library's rand(), which makes
 * parallel training non-deterministic.  We fit the same Platt sigmoids on
 * decision values from our own seeded, stratified folds instead, then couple
 * the pairwise probabilities as libsvm does (Wu, Lin and Weng 2004).  The
 * predicted theme is the argmax of the coupled probabilities, so the printed
 * theme and its confidence always agree.
 *
 * Model file: text, self-describing and versioned, ending with an FNV-1a
 * checksum line so that a flipped byte or a truncation is caught before
 * anything is parsed.  Numbers are written with %.17g, which reads back to
 * the identical double, so saving and loading are exact and a model file is
 * byte-identical for the same input and options.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>
#include <sys/stat.h>
#include <unistd.h>

struct themes_model {
	themes_train_options options;
	char language[64];
	themes_features features;
	unsigned class_counts[THEMES_COUNT];
	/* Held-out confusion from the calibration folds: [gold][predicted]. */
	bool has_cv_confusion;
	unsigned cv_confusion[THEMES_COUNT][THEMES_COUNT];

	/* The SVM, in libsvm's layout: classes in libsvm's order. */
	int class_count;               /* K */
	int labels[THEMES_COUNT];      /* theme index of class i */
	int nsv[THEMES_COUNT];
	int sv_count;                  /* l */
	struct svm_node *sv_space;     /* all support vectors, each ending -1 */
	struct svm_node **sv;          /* sv[l] */
	double *sv_coef_space;         /* (K - 1) * l */
	double *sv_coef[THEMES_COUNT - 1];
	double rho[THEMES_PAIRS];
	double prob_a[THEMES_PAIRS], prob_b[THEMES_PAIRS];

	/* Linear kernel: the support vectors folded into one weight vector per
	 * class pair, laid out [feature id][pair] so that a clause touches one
	 * contiguous row per feature. */
	double *weights;
	/* RBF kernel: a libsvm model pointing into the arrays above. */
	struct svm_model svm;
};

void themes_train_options_init(themes_train_options *o)
{
	o->language = "english";
	o->ngram_max = 2;
	o->min_df = 2;
	o->sublinear_tf = 1;
	o->stop_words = 1;
	o->kernel = THEMES_KERNEL_LINEAR;
	o->C = 1.0;
	o->gamma = 0.0;
	o->balanced = 1;
	o->calibration_folds = 5;
	o->seed = 1;
}

const char *themes_train_options_check(const themes_train_options *o)
{
	if (!o->language || !*o->language)
		return "the stemmer language must be named (e.g. english)";
	if (strlen(o->language) >= 64)
		return "the stemmer language name is too long";
	if (o->ngram_max < 1 || o->ngram_max > 2)
		return "--ngrams must be 1 or 2";
	if (o->min_df < 1)
		return "--min-df must be at least 1";
	if (o->kernel != THEMES_KERNEL_LINEAR && o->kernel != THEMES_KERNEL_RBF)
		return "--kernel must be linear or rbf";
	if (!(o->C > 0) || !isfinite(o->C))
		return "-C must be a positive number";
	if (!(o->gamma >= 0) || !isfinite(o->gamma))
		return "--gamma must be zero (automatic) or positive";
	if (o->calibration_folds != 0 &&
	    (o->calibration_folds < 2 || o->calibration_folds > 20))
		return "--calibration-folds must be 0 or between 2 and 20";
	return NULL;
}

const themes_train_options *themes_model_options(const themes_model *m)
{
	return &m->options;
}

size_t themes_model_features(const themes_model *m)
{
	return m->features.size;
}

const unsigned *themes_model_class_counts(const themes_model *m)
{
	return m->class_counts;
}

static int pair_count(const themes_model *m)
{
	return m->class_count * (m->class_count - 1) / 2;
}

int themes_model_cv_confusion(const themes_model *m,
                              unsigned confusion[THEMES_COUNT][THEMES_COUNT])
{
	if (!m->has_cv_confusion)
		return 0;
	memcpy(confusion, m->cv_confusion, sizeof m->cv_confusion);
	return 1;
}

double themes_model_theme_weight(const themes_model *m, int feature, int theme)
{
	int pairs = pair_count(m);
	const double *w = m->weights + (size_t)feature * pairs;
	double sum = 0;
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			if (m->labels[a] == theme)
				sum += w[p];
			else if (m->labels[b] == theme)
				sum -= w[p];
		}
	return sum;
}

const themes_features *themes_model_feature_space(const themes_model *m)
{
	return &m->features;
}

void themes_model_free(themes_model **pm)
{
	if (!pm || !*pm)
		return;
	themes_model *m = *pm;
	themes_features_free(&m->features);
	free(m->sv_space);
	free(m->sv);
	free(m->sv_coef_space);
	free(m->weights);
	free(m);
	*pm = NULL;
}

/* ------------------------------------------------------------------ */
/* Prediction support                                                   */
/* ------------------------------------------------------------------ */

/* Folds the support vectors of a linear model into weight rows. */
static int fold_linear(themes_model *m)
{
	int pairs = pair_count(m);
	size_t rows = m->features.size + 1;
	m->weights = calloc(rows * (size_t)pairs, sizeof *m->weights);
	if (!m->weights)
		return THEMES_ERR_NOMEM;
	int start[THEMES_COUNT];
	start[0] = 0;
	for (int i = 1; i < m->class_count; i++)
		start[i] = start[i - 1] + m->nsv[i - 1];
	int p = 0;
	for (int i = 0; i < m->class_count; i++) {
		for (int j = i + 1; j < m->class_count; j++, p++) {
			/* As in libsvm's svm_predict_values: class i's vectors use
			 * coefficient row j - 1, class j's use row i. */
			for (int k = 0; k < m->nsv[i]; k++) {
				int s = start[i] + k;
				double c = m->sv_coef[j - 1][s];
				for (const struct svm_node *x = m->sv[s]; x->index != -1; x++)
					m->weights[(size_t)x->index * pairs + p] += c * x->value;
			}
			for (int k = 0; k < m->nsv[j]; k++) {
				int s = start[j] + k;
				double c = m->sv_coef[i][s];
				for (const struct svm_node *x = m->sv[s]; x->index != -1; x++)
					m->weights[(size_t)x->index * pairs + p] += c * x->value;
			}
		}
	}
	return THEMES_OK;
}

static void link_svm(themes_model *m)
{
	struct svm_model *s = &m->svm;
	memset(s, 0, sizeof *s);
	s->param.svm_type = C_SVC;
	s->param.kernel_type = m->options.kernel == THEMES_KERNEL_RBF ? RBF : LINEAR;
	s->param.gamma = m->options.gamma > 0 ? m->options.gamma :
		1.0 / (double)(m->features.size ? m->features.size : 1);
	s->nr_class = m->class_count;
	s->l = m->sv_count;
	s->SV = m->sv;
	s->sv_coef = m->sv_coef;
	s->rho = m->rho;
	s->label = m->labels;
	s->nSV = m->nsv;
	s->free_sv = 0;
}

void themes_model_decisions(const themes_model *m, const struct svm_node *x,
                            double *decision)
{
	int pairs = pair_count(m);
	if (m->weights) {
		for (int p = 0; p < pairs; p++)
			decision[p] = -m->rho[p];
		for (; x->index != -1; x++) {
			const double *w = m->weights + (size_t)x->index * pairs;
			for (int p = 0; p < pairs; p++)
				decision[p] += x->value * w[p];
		}
		return;
	}
	svm_predict_values(&m->svm, x, decision);
}

double themes_sigmoid(double decision, double a, double b)
{
	double f = decision * a + b;
	/* Two forms of the same function, each stable on its side of zero. */
	return f >= 0 ? exp(-f) / (1.0 + exp(-f)) : 1.0 / (1.0 + exp(f));
}

void themes_pairwise_coupling(int k, const double *r, double *p)
{
	/* r is k x k with r[i*k + j] = P(class i | i or j).  Solves
	 * min_p p'Qp subject to sum p = 1 by the fixed-point iteration of
	 * Wu, Lin and Weng (2004), method 2. */
	double q[THEMES_COUNT][THEMES_COUNT], qp[THEMES_COUNT];
	for (int t = 0; t < k; t++) {
		p[t] = 1.0 / k;
		q[t][t] = 0;
		for (int j = 0; j < t; j++) {
			q[t][t] += r[j * k + t] * r[j * k + t];
			q[t][j] = q[j][t];
		}
		for (int j = t + 1; j < k; j++) {
			q[t][t] += r[j * k + t] * r[j * k + t];
			q[t][j] = -r[j * k + t] * r[t * k + j];
		}
	}
	double eps = 0.005 / k;
	for (int iter = 0; iter < 100; iter++) {
		double pqp = 0;
		for (int t = 0; t < k; t++) {
			qp[t] = 0;
			for (int j = 0; j < k; j++)
				qp[t] += q[t][j] * p[j];
			pqp += p[t] * qp[t];
		}
		double worst = 0;
		for (int t = 0; t < k; t++)
			if (fabs(qp[t] - pqp) > worst)
				worst = fabs(qp[t] - pqp);
		if (worst < eps)
			break;
		for (int t = 0; t < k; t++) {
			double diff = (-qp[t] + pqp) / q[t][t];
			p[t] += diff;
			pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) /
			      (1 + diff) / (1 + diff);
			for (int j = 0; j < k; j++) {
				qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
				p[j] /= (1 + diff);
			}
		}
	}
}

void themes_model_probabilities(const themes_model *m, const double *decision,
                                double *prob)
{
	int k = m->class_count;
	double r[THEMES_COUNT * THEMES_COUNT] = {0}, pk[THEMES_COUNT];
	const double floor_p = 1e-7;
	int p = 0;
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++, p++) {
			double v = themes_sigmoid(decision[p], m->prob_a[p], m->prob_b[p]);
			v = fmin(fmax(v, floor_p), 1 - floor_p);
			r[i * k + j] = v;
			r[j * k + i] = 1 - v;
		}
	themes_pairwise_coupling(k, r, pk);
	for (int t = 0; t < THEMES_COUNT; t++)
		prob[t] = 0;
	for (int i = 0; i < k; i++)
		prob[m->labels[i]] = pk[i];
}

/* Platt's sigmoid fit with the Newton method and backtracking of Lin, Lin
 * and Weng (2007): finds a, b so that 1 / (1 + exp(a f + b)) estimates
 * P(positive | decision f), with Platt's smoothed targets. */
void themes_fit_sigmoid(size_t n, const double *f, const int *positive,
                        double *a_out, double *b_out)
{
	double n_pos = 0, n_neg = 0;
	for (size_t i = 0; i < n; i++) {
		if (positive[i])
			n_pos++;
		else
			n_neg++;
	}
	double hi = (n_pos + 1) / (n_pos + 2), lo = 1 / (n_neg + 2);
	double a = 0, b = log((n_neg + 1) / (n_pos + 1));
	const double sigma = 1e-12, min_step = 1e-10;
	double value = 0;
	for (size_t i = 0; i < n; i++) {
		double t = positive[i] ? hi : lo, z = f[i] * a + b;
		value += z >= 0 ? t * z + log1p(exp(-z)) : (t - 1) * z + log1p(exp(z));
	}
	for (int iter = 0; iter < 100; iter++) {
		double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
		for (size_t i = 0; i < n; i++) {
			double t = positive[i] ? hi : lo, z = f[i] * a + b, pr, qr;
			if (z >= 0) {
				pr = exp(-z) / (1.0 + exp(-z));
				qr = 1.0 / (1.0 + exp(-z));
			} else {
				pr = 1.0 / (1.0 + exp(z));
				qr = exp(z) / (1.0 + exp(z));
			}
			double d2 = pr * qr, d1 = t - pr;
			h11 += f[i] * f[i] * d2;
			h22 += d2;
			h21 += f[i] * d2;
			g1 += f[i] * d1;
			g2 += d1;
		}
		if (fabs(g1) < 1e-5 && fabs(g2) < 1e-5)
			break;
		double det = h11 * h22 - h21 * h21;
		double da = -(h22 * g1 - h21 * g2) / det;
		double db = -(-h21 * g1 + h11 * g2) / det;
		double gd = g1 * da + g2 * db;
		double step = 1;
		while (step >= min_step) {
			double na = a + step * da, nb = b + step * db, nv = 0;
			for (size_t i = 0; i < n; i++) {
				double t = positive[i] ? hi : lo, z = f[i] * na + nb;
				nv += z >= 0 ? t * z + log1p(exp(-z)) :
				               (t - 1) * z + log1p(exp(z));
			}
			if (nv < value + 0.0001 * step * gd) {
				a = na;
				b = nb;
				value = nv;
				break;
			}
			step /= 2;
		}
		if (step < min_step)
			break;
	}
	*a_out = a;
	*b_out = b;
}

/* ------------------------------------------------------------------ */
/* Training                                                             */
/* ------------------------------------------------------------------ */

static void print_nothing(const char *s)
{
	(void)s;
}

/* The data of one training run: every row's vector and theme. */
typedef struct training_set {
	size_t count;
	struct svm_node **x;
	int *theme;
} training_set;

/* Counts document frequencies: term -> slot, with per-slot df and the last
 * document that counted it. */
typedef struct df_counter {
	themes_map slots;
	int *df;
	long *last_doc;
	size_t count, capacity;
	long doc;
	bool failed;
} df_counter;

static void count_term(const char *term, size_t length, void *user)
{
	df_counter *c = user;
	if (c->failed)
		return;
	int *slot = themes_map_upsert(&c->slots, term, length, (int)c->count);
	if (!slot) {
		c->failed = true;
		return;
	}
	if ((size_t)*slot == c->count) {
		if (c->count == c->capacity) {
			size_t capacity = c->capacity ? c->capacity * 2 : 4096;
			int *df = realloc(c->df, capacity * sizeof *df);
			if (df)
				c->df = df;
			long *last = realloc(c->last_doc, capacity * sizeof *last);
			if (last)
				c->last_doc = last;
			if (!df || !last) {
				c->failed = true;
				return;
			}
			c->capacity = capacity;
		}
		c->df[c->count] = 0;
		c->last_doc[c->count] = -1;
		c->count++;
	}
	if (c->last_doc[*slot] != c->doc) {
		c->last_doc[*slot] = c->doc;
		c->df[*slot]++;
	}
}

typedef struct vocab_collector {
	const df_counter *counter;
	int min_df;
	char **terms;
	int *df;
	size_t count;
	bool failed;
} vocab_collector;

static void collect_term(const char *term, size_t length, int slot, void *user)
{
	vocab_collector *v = user;
	if (v->failed || v->counter->df[slot] < v->min_df)
		return;
	v->terms[v->count] = themes_strndup(term, length);
	v->df[v->count] = v->counter->df[slot];
	if (!v->terms[v->count])
		v->failed = true;
	v->count++;
}

typedef struct term_df {
	char *term;
	int df;
} term_df;

static int compare_terms(const void *a, const void *b)
{
	return strcmp(((const term_df *)a)->term, ((const term_df *)b)->term);
}

/* Builds the vocabulary and idf from the training rows. */
static int build_features(themes_model *m, const themes_corpus *corpus,
                          const size_t *rows, size_t nrows, themes_error *err)
{
	themes_features *f = &m->features;
	f->ngram_max = m->options.ngram_max;
	f->sublinear_tf = m->options.sublinear_tf;
	const char *const *words = NULL;
	size_t word_count = 0;
	if (m->options.stop_words)
		themes_features_default_stop_words(&words, &word_count);
	if (themes_features_set_stop_words(f, words, word_count) != THEMES_OK)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");

	themes_featurizer z;
	int status = themes_featurizer_init(&z, f, m->language, err);
	if (status != THEMES_OK)
		return status;
	df_counter counter = {0};
	themes_map_init(&counter.slots);
	z.on_term = count_term;
	z.user = &counter;
	for (size_t r = 0; r < nrows && !counter.failed; r++) {
		const char *text = themes_corpus_text(corpus, rows[r]);
		counter.doc = (long)r;
		if (themes_featurizer_terms(&z, text, strlen(text)) != THEMES_OK)
			counter.failed = true;
	}
	themes_featurizer_free(&z);

	vocab_collector v = {&counter, m->options.min_df, NULL, NULL, 0, false};
	v.terms = calloc(counter.count + 1, sizeof *v.terms);
	v.df = calloc(counter.count + 1, sizeof *v.df);
	if (!counter.failed && v.terms && v.df)
		themes_map_each(&counter.slots, collect_term, &v);
	term_df *sorted = calloc(v.count + 1, sizeof *sorted);
	bool failed = counter.failed || !v.terms || !v.df || v.failed || !sorted;
	if (!failed) {
		for (size_t i = 0; i < v.count; i++)
			sorted[i] = (term_df){v.terms[i], v.df[i]};
		qsort(sorted, v.count, sizeof *sorted, compare_terms);
		f->terms = calloc(v.count + 1, sizeof *f->terms);
		f->idf = calloc(v.count + 1, sizeof *f->idf);
		failed = !f->terms || !f->idf;
	}
	if (!failed) {
		themes_map_init(&f->term_ids);
		for (size_t i = 0; i < v.count; i++) {
			f->terms[i] = sorted[i].term;
			v.terms[i] = NULL;
			f->idf[i] = log((1.0 + (double)nrows) / (1.0 + sorted[i].df)) + 1.0;
			f->size = i + 1;
			if (!themes_map_put(&f->term_ids, f->terms[i],
			                    strlen(f->terms[i]), (int)(i + 1))) {
				failed = true;
				break;
			}
		}
	}
	if (v.terms)
		for (size_t i = 0; i < v.count; i++)
			free(v.terms[i]);
	free(v.terms);
	free(v.df);
	free(sorted);
	themes_map_free(&counter.slots);
	free(counter.df);
	free(counter.last_doc);
	if (failed || themes_features_index_bigrams(f) != THEMES_OK)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	if (f->size == 0)
		return themes_fail(err, THEMES_ERR_DATA, 0,
			"%s: no term occurs in at least %d training clauses; lower "
			"--min-df or add data", themes_corpus_name(corpus),
			m->options.min_df);
	return THEMES_OK;
}

static void free_training_set(training_set *t)
{
	if (t->x)
		for (size_t i = 0; i < t->count; i++)
			free(t->x[i]);
	free(t->x);
	free(t->theme);
}

static int vectorize_rows(const themes_model *m, const themes_corpus *corpus,
                          const size_t *rows, size_t nrows, training_set *t,
                          themes_error *err)
{
	memset(t, 0, sizeof *t);
	t->x = calloc(nrows, sizeof *t->x);
	t->theme = calloc(nrows, sizeof *t->theme);
	if (!t->x || !t->theme)
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	t->count = nrows;
	themes_featurizer z;
	int status = themes_featurizer_init(&z, &m->features, m->language, err);
	if (status != THEMES_OK)
		return status;
	for (size_t r = 0; r < nrows; r++) {
		const char *text = themes_corpus_text(corpus, rows[r]);
		long n = themes_featurizer_vector(&z, text, strlen(text));
		if (n < 0 || !(t->x[r] = malloc(((size_t)n + 1) * sizeof *t->x[r]))) {
			themes_featurizer_free(&z);
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		}
		memcpy(t->x[r], z.nodes, ((size_t)n + 1) * sizeof *t->x[r]);
		t->theme[r] = themes_corpus_theme(corpus, rows[r]);
	}
	themes_featurizer_free(&z);
	return THEMES_OK;
}

/* Trains libsvm on the members of t selected by `use` (all when NULL). */
static struct svm_model *train_svm(const themes_model *m, const training_set *t,
                                   const unsigned char *use,
                                   struct svm_problem *problem)
{
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		n += !use || use[i];
	problem->l = (int)n;
	problem->y = malloc((n + 1) * sizeof *problem->y);
	problem->x = malloc((n + 1) * sizeof *problem->x);
	if (!problem->y || !problem->x)
		return NULL;
	unsigned counts[THEMES_COUNT] = {0};
	for (size_t i = 0, k = 0; i < t->count; i++) {
		if (use && !use[i])
			continue;
		problem->y[k] = t->theme[i];
		problem->x[k] = t->x[i];
		counts[t->theme[i]]++;
		k++;
	}
	struct svm_parameter param = {0};
	param.svm_type = C_SVC;
	param.kernel_type = m->options.kernel == THEMES_KERNEL_RBF ? RBF : LINEAR;
	param.gamma = m->options.gamma > 0 ? m->options.gamma :
		1.0 / (double)m->features.size;
	param.cache_size = 200;
	param.eps = 1e-3;
	param.C = m->options.C;
	param.shrinking = 1;
	int labels[THEMES_COUNT];
	double weights[THEMES_COUNT];
	if (m->options.balanced) {
		/* Weight n / (k n_c): each present theme weighs the same in total. */
		int present = 0;
		for (int c = 0; c < THEMES_COUNT; c++)
			present += counts[c] > 0;
		for (int c = 0; c < THEMES_COUNT; c++) {
			if (!counts[c])
				continue;
			labels[param.nr_weight] = c;
			weights[param.nr_weight] = (double)n / (present * (double)counts[c]);
			param.nr_weight++;
		}
		param.weight_label = labels;
		param.weight = weights;
	}
	return svm_train(problem, &param);
}

/* Copies what libsvm trained into m (libsvm's model points into our
 * training vectors, which are freed after training). */
static int adopt_svm(themes_model *m, const struct svm_model *s)
{
	m->class_count = s->nr_class;
	m->sv_count = s->l;
	size_t nodes = 0;
	for (int i = 0; i < s->l; i++) {
		const struct svm_node *x = s->SV[i];
		while (x->index != -1)
			x++;
		nodes += (size_t)(x - s->SV[i]) + 1;
	}
	m->sv_space = malloc((nodes + 1) * sizeof *m->sv_space);
	m->sv = malloc(((size_t)s->l + 1) * sizeof *m->sv);
	m->sv_coef_space = malloc(((size_t)s->l * (size_t)(s->nr_class - 1) + 1) *
	                          sizeof *m->sv_coef_space);
	if (!m->sv_space || !m->sv || !m->sv_coef_space)
		return THEMES_ERR_NOMEM;
	struct svm_node *at = m->sv_space;
	for (int i = 0; i < s->l; i++) {
		m->sv[i] = at;
		const struct svm_node *x = s->SV[i];
		do
			*at++ = *x;
		while ((x++)->index != -1);
	}
	for (int c = 0; c < s->nr_class - 1; c++) {
		m->sv_coef[c] = m->sv_coef_space + (size_t)c * (size_t)s->l;
		memcpy(m->sv_coef[c], s->sv_coef[c], (size_t)s->l * sizeof(double));
	}
	for (int i = 0; i < s->nr_class; i++) {
		m->labels[i] = s->label[i];
		m->nsv[i] = s->nSV[i];
	}
	memcpy(m->rho, s->rho, (size_t)pair_count(m) * sizeof(double));
	return THEMES_OK;
}

/* Fits the probability sigmoids from held-out decision values. */
static int calibrate(themes_model *m, const training_set *t, themes_error *err)
{
	int pairs = pair_count(m);
	int k = m->options.calibration_folds;
	size_t n = t->count;
	double *decision = calloc(n * (size_t)pairs + 1, sizeof *decision);
	int *fold = calloc(n + 1, sizeof *fold);
	int *have = calloc(n * (size_t)pairs + 1, sizeof *have);
	if (!decision || !fold || !have) {
		free(decision);
		free(fold);
		free(have);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	/* Index of the main model's pair for themes (a, b), and its sign. */
	int pair_of[THEMES_COUNT][THEMES_COUNT];
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			pair_of[m->labels[a]][m->labels[b]] = p + 1;
			pair_of[m->labels[b]][m->labels[a]] = -(p + 1);
		}
	bool failed = false;
	if (k >= 2) {
		themes_stratified_folds(t->theme, n, k, m->options.seed, fold);
		#pragma omp parallel for schedule(dynamic, 1)
		for (int f = 0; f < k; f++) {
			unsigned char *use = malloc(n + 1);
			struct svm_problem problem = {0};
			struct svm_model *s = NULL;
			double dec[THEMES_PAIRS];
			if (use) {
				for (size_t i = 0; i < n; i++)
					use[i] = fold[i] != f;
				s = train_svm(m, t, use, &problem);
			}
			if (!s) {
				#pragma omp atomic write
				failed = true;
			} else {
				for (size_t i = 0; i < n; i++) {
					if (fold[i] != f)
						continue;
					svm_predict_values(s, t->x[i], dec);
					for (int a = 0, p = 0; a < s->nr_class; a++)
						for (int b = a + 1; b < s->nr_class; b++, p++) {
							int q = pair_of[s->label[a]][s->label[b]];
							size_t at = i * (size_t)pairs + (size_t)(abs(q) - 1);
							decision[at] = q > 0 ? dec[p] : -dec[p];
							have[at] = 1;
						}
				}
			}
			svm_free_and_destroy_model(&s);
			free(problem.x);
			free(problem.y);
			free(use);
		}
	}
	double *values = malloc((n + 1) * sizeof *values);
	int *positive = malloc((n + 1) * sizeof *positive);
	if (failed || !values || !positive) {
		free(values);
		free(positive);
		free(decision);
		free(fold);
		free(have);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	for (int a = 0, p = 0; a < m->class_count; a++)
		for (int b = a + 1; b < m->class_count; b++, p++) {
			size_t count = 0;
			for (size_t i = 0; i < n; i++) {
				if (t->theme[i] != m->labels[a] && t->theme[i] != m->labels[b])
					continue;
				size_t at = i * (size_t)pairs + (size_t)p;
				double d;
				if (have[at]) {
					d = decision[at];
				} else {
					/* No held-out value (calibration off, or a fold lacked
					 * the pair): fall back to the training decision. */
					double all[THEMES_PAIRS];
					themes_model_decisions(m, t->x[i], all);
					d = all[p];
				}
				values[count] = d;
				positive[count] = t->theme[i] == m->labels[a];
				count++;
			}
			themes_fit_sigmoid(count, values, positive, &m->prob_a[p],
			                   &m->prob_b[p]);
		}
	/* The same held-out decisions, now calibrated, give a confusion matrix
	 * that users of the model can correct theme shares with. */
	if (k >= 2) {
		m->has_cv_confusion = true;
		for (size_t i = 0; i < n; i++) {
			bool complete = t->x[i][0].index != -1;
			for (int p = 0; p < pairs && complete; p++)
				complete = have[i * (size_t)pairs + (size_t)p];
			if (!complete)
				continue;
			double prob[THEMES_COUNT];
			themes_model_probabilities(m, decision + i * (size_t)pairs, prob);
			int best = 0;
			for (int c = 1; c < THEMES_COUNT; c++)
				if (prob[c] > prob[best])
					best = c;
			m->cv_confusion[t->theme[i]][best]++;
		}
	}
	free(values);
	free(positive);
	free(decision);
	free(fold);
	free(have);
	return THEMES_OK;
}

static int prepare_prediction(themes_model *m)
{
	link_svm(m);
	if (m->options.kernel == THEMES_KERNEL_LINEAR)
		return fold_linear(m);
	return THEMES_OK;
}

int themes_train(themes_model **out, const themes_corpus *corpus,
                 const size_t *rows, size_t nrows,
                 const themes_train_options *options, themes_error *err)
{
	*out = NULL;
	const char *problem_text = themes_train_options_check(options);
	if (problem_text)
		return themes_fail(err, THEMES_ERR_PARAM, 0, "%s", problem_text);
	size_t *all_rows = NULL;
	if (!rows) {
		nrows = themes_corpus_size(corpus);
		all_rows = malloc((nrows + 1) * sizeof *all_rows);
		if (!all_rows)
			return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			all_rows[i] = i;
		rows = all_rows;
	}
	themes_model *m = calloc(1, sizeof *m);
	training_set t = {0};
	struct svm_problem problem = {0};
	struct svm_model *s = NULL;
	int status = THEMES_OK;
	if (!m) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	m->options = *options;
	snprintf(m->language, sizeof m->language, "%s", options->language);
	m->options.language = m->language;

	int themes_present = 0;
	for (size_t r = 0; r < nrows; r++)
		m->class_counts[themes_corpus_theme(corpus, rows[r])]++;
	for (int c = 0; c < THEMES_COUNT; c++)
		themes_present += m->class_counts[c] > 0;
	if (themes_present < 2) {
		status = themes_fail(err, THEMES_ERR_DATA, 0,
			"%s: the training rows use %d theme%s; at least two are "
			"needed", themes_corpus_name(corpus), themes_present,
			themes_present == 1 ? "" : "s");
		goto done;
	}

	status = build_features(m, corpus, rows, nrows, err);
	if (status != THEMES_OK)
		goto done;
	status = vectorize_rows(m, corpus, rows, nrows, &t, err);
	if (status != THEMES_OK)
		goto done;

	#pragma omp critical(themes_libsvm_setup)
	svm_set_print_string_function(print_nothing);
	s = train_svm(m, &t, NULL, &problem);
	if (!s || adopt_svm(m, s) != THEMES_OK ||
	    prepare_prediction(m) != THEMES_OK) {
		status = themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	status = calibrate(m, &t, err);
done:
	svm_free_and_destroy_model(&s);
	free(problem.x);
	free(problem.y);
	free_training_set(&t);
	free(all_rows);
	if (status != THEMES_OK) {
		themes_model_free(&m);
		return status;
	}
	*out = m;
	return THEMES_OK;
}

/* ------------------------------------------------------------------ */
/* Saving                                                               */
/* ------------------------------------------------------------------ */

static bool write_model_text(const themes_model *m, themes_buffer *b)
{
	const themes_train_options *o = &m->options;
	bool ok = themes_buffer_printf(b, "%s %d\n", THEMES_MODEL_MAGIC,
	                               THEMES_MODEL_FORMAT);
	ok = ok && themes_buffer_printf(b,
		"program themes %s\n"
		"language %s\n"
		"ngram_max %d\n"
		"min_df %d\n"
		"sublinear_tf %d\n"
		"kernel %s\n"
		"C %.17g\n"
		"gamma %.17g\n"
		"balanced %d\n"
		"calibration_folds %d\n"
		"seed %u\n",
		THEMES_VERSION, m->language, o->ngram_max, o->min_df,
		o->sublinear_tf, o->kernel == THEMES_KERNEL_RBF ? "rbf" : "linear",
		o->C, o->gamma, o->balanced, o->calibration_folds,
		(unsigned)o->seed);
	ok = ok && themes_buffer_printf(b, "themes");
	for (int c = 0; c < THEMES_COUNT; c++)
		ok = ok && themes_buffer_printf(b, " %s", themes_theme_name(c));
	ok = ok && themes_buffer_printf(b, "\nclass_counts");
	for (int c = 0; c < THEMES_COUNT; c++)
		ok = ok && themes_buffer_printf(b, " %u", m->class_counts[c]);
	ok = ok && themes_buffer_printf(b, "\ncv_confusion");
	if (!m->has_cv_confusion)
		ok = ok && themes_buffer_printf(b, " none");
	for (int g = 0; g < THEMES_COUNT && m->has_cv_confusion; g++)
		for (int c = 0; c < THEMES_COUNT; c++)
			ok = ok && themes_buffer_printf(b, " %u", m->cv_confusion[g][c]);
	ok = ok && themes_buffer_printf(b, "\nstop_words %zu\n",
	                                m->features.stop_word_count);
	for (size_t i = 0; i < m->features.stop_word_count; i++)
		ok = ok && themes_buffer_printf(b, "%s\n", m->features.stop_words[i]);
	ok = ok && themes_buffer_printf(b, "vocabulary %zu\n", m->features.size);
	for (size_t i = 0; i < m->features.size; i++)
		ok = ok && themes_buffer_printf(b, "%.17g\t%s\n", m->features.idf[i],
		                                m->features.terms[i]);
	int pairs = pair_count(m);
	ok = ok && themes_buffer_printf(b, "classes %d", m->class_count);
	for (int i = 0; i < m->class_count; i++)
		ok = ok && themes_buffer_printf(b, " %s",
		                                themes_theme_name(m->labels[i]));
	ok = ok && themes_buffer_printf(b, "\nnsv");
	for (int i = 0; i < m->class_count; i++)
		ok = ok && themes_buffer_printf(b, " %d", m->nsv[i]);
	const char *names[3] = {"rho", "prob_a", "prob_b"};
	const double *arrays[3] = {m->rho, m->prob_a, m->prob_b};
	for (int a = 0; a < 3; a++) {
		ok = ok && themes_buffer_printf(b, "\n%s", names[a]);
		for (int p = 0; p < pairs; p++)
			ok = ok && themes_buffer_printf(b, " %.17g", arrays[a][p]);
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
	ok = ok && themes_buffer_printf(b, "end\n");
	uint64_t sum = themes_hash_bytes(b->data, b->length, THEMES_HASH_SEED);
	ok = ok && themes_buffer_printf(b, "checksum %016llx\n",
	                                (unsigned long long)sum);
	return ok;
}

int themes_model_save(const themes_model *m, const char *path,
                      themes_error *err)
{
	themes_buffer text = {0};
	if (!write_model_text(m, &text)) {
		themes_buffer_free(&text);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	struct stat info;
	if (stat(path, &info) == 0 && !S_ISREG(info.st_mode)) {
		/* A device or pipe: write straight to it rather than renaming a
		 * temporary file over it. */
		FILE *f = fopen(path, "wb");
		bool ok = f && fwrite(text.data, 1, text.length, f) == text.length;
		ok = f && fclose(f) == 0 && ok;
		themes_buffer_free(&text);
		return ok ? THEMES_OK : themes_fail(err, THEMES_ERR_IO, 0,
		                                    "%s: cannot write: %s", path,
		                                    strerror(errno));
	}
	themes_buffer temp = {0};
	if (!themes_buffer_printf(&temp, "%s.tmp.%ld", path, (long)getpid())) {
		themes_buffer_free(&text);
		return themes_fail(err, THEMES_ERR_NOMEM, 0, "out of memory");
	}
	int status = THEMES_OK;
	FILE *f = fopen(temp.data, "wb");
	if (!f) {
		status = themes_fail(err, THEMES_ERR_IO, 0, "%s: cannot write: %s",
		                     path, strerror(errno));
	} else {
		size_t written = fwrite(text.data, 1, text.length, f);
		int saved_errno = errno;
		bool failed = written != text.length || fflush(f) != 0 ||
		              fsync(fileno(f)) != 0;
		if (failed)
			saved_errno = errno;
		if (fclose(f) != 0 && !failed) {
			failed = true;
			saved_errno = errno;
		}
		if (failed || rename(temp.data, path) != 0) {
			if (!failed)
				saved_errno = errno;
			remove(temp.data);
			status = themes_fail(err, THEMES_ERR_IO, 0,
			                     "%s: cannot write: %s", path,
			                     strerror(saved_errno));
		}
	}
	themes_buffer_free(&temp);
	themes_buffer_free(&text);
	return status;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */
/* ------------------------------------------------------------------ */

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
	double v = strtod(s, end);
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

static int parse_double_key(model_parser *p, const char *key, double *out)
{
	char *value = expect_key(p, key), *end;
	if (!value)
		return THEMES_ERR_MODEL;
	if (!parse_double(value, &end, out) || *end) {
		char what[128];
		snprintf(what, sizeof what, "%s must be a finite number", key);
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

static int parse_header(model_parser *p, themes_model *m)
{
	char *line = next_line(p);
	size_t magic_length = strlen(THEMES_MODEL_MAGIC);
	if (!line || strncmp(line, THEMES_MODEL_MAGIC, magic_length) != 0 ||
	    line[magic_length] != ' ')
		return themes_fail(p->err, THEMES_ERR_MODEL, 1,
			"%s:1: not a themes model file (it does not begin with "
			"\"%s\")", p->path, THEMES_MODEL_MAGIC);
	long format;
	if (!parse_long(line + magic_length + 1, 1, 1000000, &format))
		return damaged(p, "bad format version");
	if (format > THEMES_MODEL_FORMAT)
		return themes_fail(p->err, THEMES_ERR_MODEL, 1,
			"%s:1: model format %ld is newer than this program reads "
			"(format %d, themes %s); upgrade themes or retrain the model",
			p->path, format, THEMES_MODEL_FORMAT, THEMES_VERSION);
	if (!expect_key(p, "program"))
		return THEMES_ERR_MODEL;
	char *language = expect_key(p, "language");
	if (!language)
		return THEMES_ERR_MODEL;
	if (!*language || strlen(language) >= sizeof m->language)
		return damaged(p, "bad language");
	snprintf(m->language, sizeof m->language, "%s", language);
	themes_train_options *o = &m->options;
	themes_train_options_init(o);
	o->language = m->language;
	long v;
	if (parse_int_key(p, "ngram_max", 1, 2, &v))
		return THEMES_ERR_MODEL;
	o->ngram_max = (int)v;
	if (parse_int_key(p, "min_df", 1, 1000000000, &v))
		return THEMES_ERR_MODEL;
	o->min_df = (int)v;
	if (parse_int_key(p, "sublinear_tf", 0, 1, &v))
		return THEMES_ERR_MODEL;
	o->sublinear_tf = (int)v;
	char *kernel = expect_key(p, "kernel");
	if (!kernel)
		return THEMES_ERR_MODEL;
	if (strcmp(kernel, "linear") == 0)
		o->kernel = THEMES_KERNEL_LINEAR;
	else if (strcmp(kernel, "rbf") == 0)
		o->kernel = THEMES_KERNEL_RBF;
	else
		return damaged(p, "kernel must be linear or rbf");
	if (parse_double_key(p, "C", &o->C) || parse_double_key(p, "gamma", &o->gamma))
		return THEMES_ERR_MODEL;
	if (parse_int_key(p, "balanced", 0, 1, &v))
		return THEMES_ERR_MODEL;
	o->balanced = (int)v;
	if (parse_int_key(p, "calibration_folds", 0, 20, &v))
		return THEMES_ERR_MODEL;
	o->calibration_folds = (int)v;
	if (parse_int_key(p, "seed", 0, 4294967295L, &v))
		return THEMES_ERR_MODEL;
	o->seed = (uint32_t)v;
	if (themes_train_options_check(o))
		return damaged(p, themes_train_options_check(o));
	char *names = expect_key(p, "themes");
	if (!names)
		return THEMES_ERR_MODEL;
	char expected[256] = "";
	for (int c = 0; c < THEMES_COUNT; c++)
		snprintf(expected + strlen(expected), sizeof expected - strlen(expected),
		         "%s%s", c ? " " : "", themes_theme_name(c));
	if (strcmp(names, expected) != 0)
		return damaged(p, "the theme list differs from this program's");
	char *counts = expect_key(p, "class_counts");
	if (!counts)
		return THEMES_ERR_MODEL;
	for (int c = 0; c < THEMES_COUNT; c++) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(counts, &end, 10);
		if (errno || end == counts || n > 4294967295UL)
			return damaged(p, "bad class_counts");
		m->class_counts[c] = (unsigned)n;
		counts = end;
	}
	if (*counts)
		return damaged(p, "bad class_counts");
	char *confusion = expect_key(p, "cv_confusion");
	if (!confusion)
		return THEMES_ERR_MODEL;
	if (strcmp(confusion, "none") == 0)
		return THEMES_OK;
	m->has_cv_confusion = true;
	for (int c = 0; c < THEMES_COUNT * THEMES_COUNT; c++) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(confusion, &end, 10);
		if (errno || end == confusion || *end != (c + 1 < THEMES_COUNT *
		    THEMES_COUNT ? ' ' : '\0') || n > 4294967295UL)
			return damaged(p, "bad cv_confusion");
		m->cv_confusion[c / THEMES_COUNT][c % THEMES_COUNT] = (unsigned)n;
		confusion = end;
	}
	return THEMES_OK;
}

static int parse_features(model_parser *p, themes_model *m)
{
	themes_features *f = &m->features;
	f->ngram_max = m->options.ngram_max;
	f->sublinear_tf = m->options.sublinear_tf;
	long count;
	if (parse_int_key(p, "stop_words", 0, 100000, &count))
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
	if (themes_features_index_bigrams(f) != THEMES_OK)
		return themes_fail(p->err, THEMES_ERR_NOMEM, 0, "out of memory");
	return THEMES_OK;
}

static int parse_svm(model_parser *p, themes_model *m)
{
	char *classes = expect_key(p, "classes");
	if (!classes)
		return THEMES_ERR_MODEL;
	char *end;
	long k = strtol(classes, &end, 10);
	if (end == classes || k < 2 || k > THEMES_COUNT)
		return damaged(p, "classes must be between 2 and 6");
	m->class_count = (int)k;
	unsigned seen = 0;
	char *s = end;
	for (int i = 0; i < k; i++) {
		while (*s == ' ')
			s++;
		char *word_end = strchr(s, ' ');
		size_t n = word_end ? (size_t)(word_end - s) : strlen(s);
		char name[64];
		if (n == 0 || n >= sizeof name)
			return damaged(p, "bad class list");
		memcpy(name, s, n);
		name[n] = '\0';
		int theme = themes_theme_index(name);
		if (theme < 0 || (seen & (1u << theme)))
			return damaged(p, "bad class list");
		seen |= 1u << theme;
		m->labels[i] = theme;
		s += n;
	}
	if (*s)
		return damaged(p, "bad class list");
	double values[THEMES_COUNT];
	if (parse_doubles_key(p, "nsv", (int)k, values))
		return THEMES_ERR_MODEL;
	long total = 0;
	for (int i = 0; i < k; i++) {
		if (values[i] < 0 || values[i] > 1e8 || values[i] != floor(values[i]))
			return damaged(p, "bad nsv");
		m->nsv[i] = (int)values[i];
		total += m->nsv[i];
	}
	int pairs = pair_count(m);
	if (parse_doubles_key(p, "rho", pairs, m->rho) ||
	    parse_doubles_key(p, "prob_a", pairs, m->prob_a) ||
	    parse_doubles_key(p, "prob_b", pairs, m->prob_b))
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
	status = parse_header(&p, m);
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
	status = parse_features(&p, m);
	if (status == THEMES_OK)
		status = parse_svm(&p, m);
	if (status == THEMES_OK && p.pos != p.length)
		status = damaged(&p, "unexpected data before the checksum");
	if (status == THEMES_OK && prepare_prediction(m) != THEMES_OK)
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
