/*
 * test_model.c - training, TF-IDF, saving, loading and classifying
 * (vectorize.c, model.c, classify.c).
 *
 *  (a) idf and TF-IDF weights against hand-computed values;
 *  (b) save / load round trips are exact and deterministic;
 *  (c) damaged model files are refused with THEMES_ERR_MODEL;
 *  (d) the prediction contract of themes_classify.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <svm.h>
#include <unistd.h>

static char temp_dir[256];

static const char *temp_path(const char *name)
{
	static char paths[8][512];
	static int next;
	char *path = paths[next++ % 8];

	snprintf(path, 512, "%s/%s", temp_dir, name);
	return path;
}

static void write_bytes(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(data, 1, n, f);
	fclose(f);
}

/* The whole file, NUL-terminated; *length receives its size. */
static char *read_bytes(const char *path, size_t *length)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, capacity = 0, got;
	char chunk[65536];

	if (!f)
		return NULL;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n + got + 1 > capacity) {
			capacity = (n + got + 1) * 2;
			data = realloc(data, capacity);
		}
		memcpy(data + n, chunk, got);
		n += got;
	}
	fclose(f);
	if (!data)
		data = calloc(1, 1);
	data[n] = '\0';
	*length = n;
	return data;
}

static int same_file(const char *a, const char *b)
{
	size_t na, nb;
	char *da = read_bytes(a, &na), *db = read_bytes(b, &nb);
	int same = da && db && na == nb && memcmp(da, db, na) == 0;

	free(da);
	free(db);
	return same;
}

#define LABELS 6

/* Writes a model file the way the themes program does (without the atomic
 * rename, which is the program's business). */
static int save_model(const themes_model *m, const char *path,
                      themes_error *err)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return THEMES_ERR_IO;
	int status = themes_model_write(m, f, err);
	if (fclose(f) != 0 && status == THEMES_OK)
		status = THEMES_ERR_IO;
	return status;
}

static themes_corpus *corpus_from(const char *name, const char *csv)
{
	themes_corpus *c = NULL;
	themes_error err = {0};
	const char *path = temp_path(name);
	themes_codebook *six = harness_six_themes();

	write_bytes(path, csv, strlen(csv));
	int status = themes_corpus_read(&c, path, six, NULL, &err);
	themes_codebook_free(six);
	if (status != THEMES_OK) {
		fprintf(stderr, "corpus %s: %s\n", name, err.message);
		exit(2);
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* (a) TF-IDF against hand-computed values                              */
/* ------------------------------------------------------------------ */

/* Eight clauses, three themes.  Document frequencies after stop words and
 * stemming (N = 8):
 *   nato      rows 1, 2        df 2
 *   war       rows 4, 5, 6     df 3
 *   trade     rows 2, 7        df 2
 *   sanction  rows 2, 3        df 2  ("sanctions", "Sanctions")
 *   energi    rows 7, 8        df 2
 *   "nato expans" (bigram)     df 1
 * idf = ln((1 + N) / (1 + df)) + 1. */
static const char tiny_csv[] =
	"id,text,theme\n"
	"t1,NATO expansion threatens peace.,counter_hegemony\n"
	"t2,NATO sanctions harm trade.,counter_hegemony\n"
	"t3,Sanctions against Russia are illegal.,counter_hegemony\n"
	"t4,War memory unites both peoples.,history\n"
	"t5,The war heroes are honoured.,history\n"
	"t6,Veterans remember the war.,history\n"
	"t7,Trade and energy cooperation grows.,endure\n"
	"t8,Energy projects continue.,endure\n";

/* The idf the saved model gives term, or -1 when it is absent. */
static double saved_idf(const char *model_text, const char *term)
{
	const char *p = strstr(model_text, "\nvocabulary ");
	long size;

	if (!p)
		return -2;
	p += strlen("\nvocabulary ");
	size = strtol(p, (char **)&p, 10);
	p++;
	for (long i = 0; i < size; i++) {
		char *end;
		double idf = strtod(p, &end);
		const char *eol = strchr(end, '\n');
		if (*end == '\t' && eol && (size_t)(eol - end - 1) == strlen(term) &&
		    memcmp(end + 1, term, strlen(term)) == 0)
			return idf;
		p = eol + 1;
	}
	return -1;
}

static char *stem_of(const char *word)
{
	themes_stemmer *st = NULL;
	themes_error err = {0};
	size_t n;
	char *copy;

	if (themes_stemmer_new(&st, "english", &err) != THEMES_OK)
		exit(2);
	copy = strdup(themes_stem(st, word, strlen(word), &n));
	themes_stemmer_free(st);
	return copy;
}

static void test_tfidf(void)
{
	themes_corpus *corpus = corpus_from("tiny.csv", tiny_csv);
	themes_train_options o;
	themes_model *m = NULL;
	themes_error err = {0};
	const char *path = temp_path("tiny.model");
	double ln9 = log(9.0);

	themes_train_options_init(&o);
	o.min_df = 1;
	o.calibration_folds = 0;
	CHECK(themes_train(&m, corpus, NULL, 0, &o, &err) == THEMES_OK);
	if (!m) {
		fprintf(stderr, "  %s\n", err.message);
		themes_corpus_free(corpus);
		return;
	}
	const unsigned *counts = themes_model_class_counts(m);
	CHECK(counts[0] == 2 && counts[1] == 3 && counts[2] == 3);
	CHECK(counts[3] == 0 && counts[4] == 0 && counts[5] == 0);
	CHECK(save_model(m, path, &err) == THEMES_OK);

	size_t n;
	char *text = read_bytes(path, &n);
	CHECK(text != NULL);
	if (text) {
		char *war = stem_of("war"), *trade = stem_of("trade");
		char *sanction = stem_of("sanctions"), *energy = stem_of("energy");
		char *expansion = stem_of("expansion"), bigram[128];

		snprintf(bigram, sizeof bigram, "nato %s", expansion);
		CHECK_NEAR(saved_idf(text, "nato"), ln9 - log(3.0) + 1, 1e-12);
		CHECK_NEAR(saved_idf(text, war), ln9 - log(4.0) + 1, 1e-12);
		CHECK_NEAR(saved_idf(text, trade), ln9 - log(3.0) + 1, 1e-12);
		CHECK_NEAR(saved_idf(text, sanction), ln9 - log(3.0) + 1, 1e-12);
		CHECK_NEAR(saved_idf(text, energy), ln9 - log(3.0) + 1, 1e-12);
		CHECK_NEAR(saved_idf(text, bigram), ln9 - log(2.0) + 1, 1e-12);
		/* Stop words are neither unigrams nor parts of bigrams. */
		CHECK(saved_idf(text, "the") == -1);
		CHECK(saved_idf(text, "are") == -1);
		CHECK(saved_idf(text, "and") == -1);
		/* "both" is a stop word, so "memori" and "unit" pair directly. */
		char *memory = stem_of("memory"), *unites = stem_of("unites");
		char pair[128];
		snprintf(pair, sizeof pair, "%s %s", memory, unites);
		CHECK(saved_idf(text, pair) > 0);
		snprintf(pair, sizeof pair, "%s %s", war, memory);
		CHECK(saved_idf(text, pair) > 0);
		free(memory);
		free(unites);

		/* The vector of "NATO NATO war": tf 2 and 1, sublinear tf,
		 * L2-normalised; the bigrams "nato nato" and "nato war" are not
		 * in the vocabulary. */
		themes_featurizer z;
		const themes_features *f = themes_model_feature_space(m);
		CHECK(themes_featurizer_init(&z, f, "english", &err) == THEMES_OK);
		long count = themes_featurizer_vector(&z, "NATO NATO war", 13);
		CHECK(count == 2);
		if (count == 2) {
			double wn = (1 + log(2.0)) * (ln9 - log(3.0) + 1);
			double ww = ln9 - log(4.0) + 1;
			double norm = sqrt(wn * wn + ww * ww);
			int id_nato = themes_map_get(&f->term_ids, "nato", 4);
			int id_war = themes_map_get(&f->term_ids, war, strlen(war));
			CHECK(z.nodes[0].index < z.nodes[1].index);
			CHECK(z.nodes[2].index == -1);
			for (int i = 0; i < 2; i++) {
				if (z.nodes[i].index == id_nato)
					CHECK_NEAR(z.nodes[i].value, wn / norm, 1e-12);
				else if (z.nodes[i].index == id_war)
					CHECK_NEAR(z.nodes[i].value, ww / norm, 1e-12);
				else
					CHECK(!"unexpected feature");
			}
		}
		themes_featurizer_free(&z);
		free(war);
		free(trade);
		free(sanction);
		free(energy);
		free(expansion);
	}
	free(text);
	themes_model_free(&m);
	CHECK(m == NULL);
	themes_corpus_free(corpus);
}

/* ------------------------------------------------------------------ */
/* A corpus with every theme                                            */
/* ------------------------------------------------------------------ */

static const char six_csv[] =
	"id,text,theme\n"
	"e1,The two countries will renew the treaty and hold annual summits.,endure\n"
	"e2,\"Trade, energy and transport cooperation keeps growing.\",endure\n"
	"e3,Joint naval exercises and air patrols are routine cooperation.,endure\n"
	"h1,Both peoples made great sacrifices in the Second World War.,history\n"
	"h2,The sides oppose falsification of the history of the war.,history\n"
	"h3,Veterans and memorials preserve the memory of the anti-fascist victory.,history\n"
	"c1,The sides oppose unilateral sanctions and long-arm jurisdiction.,counter_hegemony\n"
	"c2,NATO expansion and bloc confrontation threaten regional security.,counter_hegemony\n"
	"c3,The United States deploys missiles in the Asia-Pacific.,counter_hegemony\n"
	"l1,Russia supports the Global Development Initiative proposed by China.,china_lead\n"
	"l2,Russia welcomes the Belt and Road Initiative and Chinese modernisation.,china_lead\n"
	"l3,Russia relies on Chinese markets and technology.,china_lead\n"
	"m1,The sides support a multipolar world and the central role of the UN.,multipolar\n"
	"m2,BRICS and the SCO should be strengthened to reform global governance.,multipolar\n"
	"m3,The voice of the Global South and developing countries must grow.,multipolar\n"
	"g1,\"Russia firmly supports China on Taiwan, Xinjiang and Tibet.\",legitimacy\n"
	"g2,The sides oppose interference in internal affairs and colour revolutions.,legitimacy\n"
	"g3,Counter-terrorism and strategic stability are shared principles.,legitimacy\n";

static const char *const probe_texts[] = {
	"NATO expansion, bloc confrontation and unilateral sanctions.",
	"The memory of the victory over fascism must be preserved.",
	"Russia supports the Belt and Road Initiative.",
	"A multipolar world order with a stronger BRICS.",
	"Interference in the internal affairs of China over Taiwan.",
	"Energy and trade cooperation will continue for decades.",
	"unilateral sanctions",
	"sides",
	"\xff\xfe garbage \xc3 bytes NATO",
};
#define NPROBES (sizeof probe_texts / sizeof probe_texts[0])

/* The solver the shared tests run with; main runs them with each. */
static themes_solver solver_under_test;

static themes_model *train_six(themes_corpus *corpus, int folds)
{
	themes_train_options o;
	themes_model *m = NULL;
	themes_error err = {0};

	themes_train_options_init(&o);
	o.solver = solver_under_test;
	o.min_df = 1;
	o.calibration_folds = folds;
	if (themes_train(&m, corpus, NULL, 0, &o, &err) != THEMES_OK)
		fprintf(stderr, "train: %s\n", err.message);
	return m;
}

static void classify_all(const themes_model *m, themes_prediction *out)
{
	themes_classifier *c = NULL;
	themes_error err = {0};

	memset(out, 0, NPROBES * sizeof *out);
	if (themes_classifier_new(&c, m, &err) != THEMES_OK)
		return;
	for (size_t i = 0; i < NPROBES; i++)
		CHECK(themes_classify(c, probe_texts[i], strlen(probe_texts[i]),
		                      &out[i]) == THEMES_OK);
	themes_classifier_free(c);
}

/* ------------------------------------------------------------------ */
/* (b) round trips                                                      */
/* ------------------------------------------------------------------ */

static void test_round_trip(themes_corpus *corpus)
{
	themes_error err = {0};
	themes_model *m = train_six(corpus, 3), *again = train_six(corpus, 3);
	themes_model *loaded = NULL;
	const char *p1 = temp_path("six-1.model"), *p2 = temp_path("six-2.model");
	const char *p3 = temp_path("six-3.model"), *p4 = temp_path("six-4.model");

	CHECK(m != NULL && again != NULL);
	if (!m || !again)
		return;
	CHECK(save_model(m, p1, &err) == THEMES_OK);
	CHECK(save_model(m, p2, &err) == THEMES_OK);
	CHECK(same_file(p1, p2));            /* saving twice */
	CHECK(save_model(again, p3, &err) == THEMES_OK);
	CHECK(same_file(p1, p3));            /* training twice */
	CHECK(themes_model_load(&loaded, p1, &err) == THEMES_OK);
	if (!loaded) {
		fprintf(stderr, "  %s\n", err.message);
		return;
	}
	CHECK(save_model(loaded, p4, &err) == THEMES_OK);
	CHECK(same_file(p1, p4));            /* load then save */

	CHECK(themes_model_features(loaded) == themes_model_features(m));
	CHECK(memcmp(themes_model_class_counts(loaded),
	             themes_model_class_counts(m),
	             LABELS * sizeof(unsigned)) == 0);
	const themes_train_options *a = themes_model_options(m);
	const themes_train_options *b = themes_model_options(loaded);
	CHECK_STR(b->language, a->language);
	CHECK(a->ngram_max == b->ngram_max && a->min_df == b->min_df &&
	      a->sublinear_tf == b->sublinear_tf &&
	      a->stop_words == b->stop_words && a->kernel == b->kernel &&
	      a->C == b->C && a->gamma == b->gamma && a->balanced == b->balanced &&
	      a->calibration_folds == b->calibration_folds && a->seed == b->seed);

	themes_prediction pm[NPROBES], pl[NPROBES];
	classify_all(m, pm);
	classify_all(loaded, pl);
	int known = 0;
	for (size_t i = 0; i < NPROBES; i++) {
		CHECK(pm[i].theme == pl[i].theme);
		CHECK(pm[i].confidence == pl[i].confidence);
		for (int k = 0; k < LABELS; k++)
			CHECK(pm[i].scores[k] == pl[i].scores[k]);
		known += pm[i].theme >= 0;
	}
	CHECK(known == (int)NPROBES);
	/* Training on a subset of rows equals training on a corpus holding
	 * only those rows. */
	size_t rows[] = {0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16};
	themes_train_options o;
	themes_model *sub = NULL;
	themes_train_options_init(&o);
	o.min_df = 1;
	o.calibration_folds = 2;
	CHECK(themes_train(&sub, corpus, rows, 12, &o, &err) == THEMES_OK);
	if (sub) {
		const unsigned *counts = themes_model_class_counts(sub);
		for (int k = 0; k < LABELS; k++)
			CHECK(counts[k] == 2);
		themes_model_free(&sub);
	}

	/* Concurrent training of separate models gives the same bytes. */
	int differ = 0;
	#pragma omp parallel for reduction(+:differ)
	for (int t = 0; t < 4; t++) {
		themes_model *pm_t = train_six(corpus, 3);
		themes_error e = {0};
		char name[512];
		snprintf(name, sizeof name, "%s/parallel-%d.model", temp_dir, t);
		if (!pm_t || save_model(pm_t, name, &e) != THEMES_OK ||
		    !same_file(name, p1))
			differ++;
		themes_model_free(&pm_t);
	}
	CHECK(differ == 0);

	themes_model_free(&loaded);
	themes_model_free(&m);
	themes_model_free(&again);
	themes_model_free(NULL);
	themes_model_free(&m); /* *model == NULL */
}

/* ------------------------------------------------------------------ */
/* (c) damaged model files                                              */
/* ------------------------------------------------------------------ */

static int refused(const char *what, const char *data, size_t n,
                   const char *needle)
{
	const char *path = temp_path("damaged.model");
	themes_model *m = (themes_model *)temp_dir;
	themes_error err = {0};
	int status, ok;

	write_bytes(path, data, n);
	status = themes_model_load(&m, path, &err);
	ok = status == THEMES_ERR_MODEL && err.code == THEMES_ERR_MODEL &&
	     m == NULL && strstr(err.message, path) != NULL &&
	     (!needle || strstr(err.message, needle));
	if (!ok)
		fprintf(stderr, "  %s: status %d, message \"%s\"\n", what, status,
		        err.message);
	if (m != (themes_model *)temp_dir)
		themes_model_free(&m);
	return ok;
}

/* Replaces the first occurrence of old by new in text; returns a new
 * string with a recomputed checksum, so that the parser (not the checksum)
 * has to find the damage. */
static char *edit_and_reseal(const char *text, const char *old,
                             const char *new_text)
{
	const char *at = strstr(text, old);
	size_t n = strlen(text) + strlen(new_text) + 64;
	char *out = malloc(n);

	if (!at) {
		fprintf(stderr, "edit: \"%s\" not found\n", old);
		exit(2);
	}
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), new_text);
	strcat(out, at + strlen(old));
	char *sum = strstr(out, "\nchecksum ");
	while (sum && strstr(sum + 1, "\nchecksum "))
		sum = strstr(sum + 1, "\nchecksum ");
	if (!sum)
		exit(2);
	sum[1] = '\0';
	uint64_t h = themes_hash_bytes(out, strlen(out), THEMES_HASH_SEED);
	sprintf(out + strlen(out), "checksum %016llx\n", (unsigned long long)h);
	return out;
}

static void test_damaged(themes_corpus *corpus)
{
	themes_error err = {0};
	themes_model *m = train_six(corpus, 0), *ok = NULL;
	const char *path = temp_path("good.model");
	size_t n;

	CHECK(m != NULL);
	if (!m)
		return;
	CHECK(save_model(m, path, &err) == THEMES_OK);
	themes_model_free(&m);
	char *text = read_bytes(path, &n);
	char *copy = malloc(n + 1);
	CHECK(text != NULL && n > 1000);

	/* The pristine file loads, and an unchanged reseal loads too (so the
	 * resealed cases below fail for their edit, not for the reseal). */
	CHECK(themes_model_load(&ok, path, &err) == THEMES_OK);
	themes_model_free(&ok);
	char *same = edit_and_reseal(text, "end\n", "end\n");
	write_bytes(path, same, strlen(same));
	CHECK(themes_model_load(&ok, path, &err) == THEMES_OK);
	themes_model_free(&ok);
	free(same);

	/* Truncated at every tenth of its length, and by one byte. */
	for (int k = 0; k < 10; k++) {
		char what[64];
		snprintf(what, sizeof what, "truncated at %d/10", k);
		CHECK(refused(what, text, n * (size_t)k / 10, NULL));
	}
	CHECK(refused("last byte cut", text, n - 1, NULL));
	CHECK(refused("empty file", "", 0, "empty"));

	/* One flipped byte at several positions, two ways. */
	static const unsigned char flips[] = {0x01, 0x20};
	for (size_t f = 0; f < 2; f++)
		for (int k = 0; k <= 16; k++) {
			size_t pos = k == 16 ? n - 2 : n * (size_t)k / 16;
			char what[64];
			memcpy(copy, text, n);
			copy[pos] = (char)(copy[pos] ^ flips[f]);
			snprintf(what, sizeof what, "byte %zu ^ 0x%02x", pos, flips[f]);
			CHECK(refused(what, copy, n, NULL));
		}

	/* Trailing data after the checksum line. */
	memcpy(copy, text, n);
	char *longer = malloc(n + 16);
	memcpy(longer, text, n);
	memcpy(longer + n, "extra\n", 6);
	CHECK(refused("data after the checksum", longer, n + 6, NULL));
	free(longer);

	/* Newer format, wrong magic, not a model at all. */
	memcpy(copy, text, n);
	CHECK(strncmp(copy, "themes-model 2\n", 15) == 0);
	copy[13] = '3';
	CHECK(refused("format 3", copy, n, "newer"));
	memcpy(copy, text, n);
	copy[11] = 'x';
	CHECK(refused("wrong magic", copy, n, "not a themes model"));
	CHECK(refused("a CSV file", six_csv, strlen(six_csv), "not a themes model"));
	CHECK(refused("format 0", "themes-model 0\n", 15, NULL));

	/* Damage behind a valid checksum: the parser must catch it. */
	static const struct {
		const char *old, *new_text;
		int solver; /* -1: any; else only models of that solver */
	} edits[] = {
		{"\nvocabulary ", "\nvocabulary 9", -1},      /* far larger */
		{"\nkernel linear\n", "\nkernel poly\n", -1},
		{"\nC 1\n", "\nC nan\n", -1},
		{"\nC 1\n", "\nC 0\n", -1},
		{"\nngram_max 2\n", "\nngram_max 3\n", -1},
		{"\nclasses 6 ", "\nclasses 7 ", -1},
		{"\nclasses 6 endure", "\nclasses 6 friendship", -1},
		{"\nsupport_vectors ", "\nsupport_vectors 1", THEMES_SOLVER_LIBSVM},
		{"\nweights ", "\nweights 9", THEMES_SOLVER_LIBLINEAR},
		{"\nweights ", "\nweights 1", THEMES_SOLVER_LIBLINEAR},
		{"\nsolver liblinear\n", "\nsolver libsvm\n",
		 THEMES_SOLVER_LIBLINEAR},
		{"\nsolver libsvm\n", "\nsolver liblinear\n",
		 THEMES_SOLVER_LIBSVM},
		{"\nend\n", "\n", -1},
		{"\nlabels 6\nendure", "\nlabels 6\nhistory", -1},
		{"\nlabels 6\n", "\nlabels 1\n", -1},
		{"\nrho ", "\nrho x", -1},
		{"\nstop_word_list ", "\nstop_word_list 9", -1},
		{"\nstop_words 1\n", "\nstop_words 2\n", -1},
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		if (edits[i].solver >= 0 && edits[i].solver != (int)solver_under_test)
			continue;
		char *bad = edit_and_reseal(text, edits[i].old, edits[i].new_text);
		CHECK(refused(edits[i].new_text + 1, bad, strlen(bad), NULL));
		free(bad);
	}

	/* Vocabulary one longer than its lines, and out of order. */
	{
		const char *v = strstr(text, "\nvocabulary ");
		long size = strtol(v + 12, NULL, 10);
		char old[64], new_text[64];
		snprintf(old, sizeof old, "\nvocabulary %ld\n", size);
		snprintf(new_text, sizeof new_text, "\nvocabulary %ld\n", size + 1);
		char *bad = edit_and_reseal(text, old, new_text);
		CHECK(refused("vocabulary size + 1", bad, strlen(bad), NULL));
		free(bad);

		/* Swap the first two vocabulary lines. */
		const char *l1 = strchr(v + 1, '\n') + 1;
		const char *l2 = strchr(l1, '\n') + 1;
		const char *l3 = strchr(l2, '\n') + 1;
		char *swapped = malloc(n + 1);
		size_t head = (size_t)(l1 - text);
		memcpy(swapped, text, head);
		memcpy(swapped + head, l2, (size_t)(l3 - l2));
		memcpy(swapped + head + (l3 - l2), l1, (size_t)(l2 - l1));
		strcpy(swapped + (l3 - text), l3);
		bad = edit_and_reseal(swapped, "end\n", "end\n");
		CHECK(refused("vocabulary out of order", bad, strlen(bad), "sorted"));
		free(bad);
		free(swapped);
	}

	/* A missing file is an I/O error, not a model error. */
	m = (themes_model *)temp_dir;
	CHECK(themes_model_load(&m, temp_path("missing.model"), &err) ==
	      THEMES_ERR_IO);
	CHECK(m == NULL);

	/* Saving into a missing folder fails cleanly. */
	m = train_six(corpus, 0);
	if (m) {
		FILE *full = fopen("/dev/full", "wb");
		if (full) {
			CHECK(themes_model_write(m, full, &err) == THEMES_ERR_IO);
			CHECK(strstr(err.message, "cannot write") != NULL);
			fclose(full);
		}
		themes_model_free(&m);
	}
	free(copy);
	free(text);
}

/* ------------------------------------------------------------------ */
/* (d) the prediction contract                                          */
/* ------------------------------------------------------------------ */

static void check_contract(const themes_prediction *p, const char *text)
{
	double sum = 0;
	int best = 0, ok = 1;

	for (int k = 0; k < LABELS; k++) {
		sum += p->scores[k];
		ok &= p->scores[k] >= 0 && p->scores[k] <= 1;
		if (p->scores[k] > p->scores[best])
			best = k;
	}
	ok &= p->theme == best;
	ok &= p->confidence == p->scores[p->theme >= 0 ? p->theme : 0];
	ok &= fabs(sum - 1.0) <= 1e-9;
	if (!CHECK(ok))
		fprintf(stderr, "  \"%s\": theme %d confidence %.17g sum %.17g\n",
		        text, p->theme, p->confidence, sum);
}

static void test_contract(themes_corpus *corpus)
{
	themes_model *models[2] = {train_six(corpus, 0), train_six(corpus, 3)};
	themes_error err = {0};
	static const char *const empty[] = {
		"", "the of and", "The OF and, the.", "zzzz qqqq", "   \t ",
		"\xff\xfe\xfd", "\xe2\x80",
	};

	for (int mi = 0; mi < 2; mi++) {
		themes_classifier *c = NULL;
		if (!models[mi] ||
		    themes_classifier_new(&c, models[mi], &err) != THEMES_OK) {
			CHECK(!"classifier");
			continue;
		}
		for (size_t i = 0; i < NPROBES; i++) {
			themes_prediction p;
			CHECK(themes_classify(c, probe_texts[i], strlen(probe_texts[i]),
			                      &p) == THEMES_OK);
			CHECK(p.theme >= 0 && p.theme < LABELS);
			check_contract(&p, probe_texts[i]);
			/* The model learnt something: with sigmoids fitted on the
			 * training decisions (calibration_folds 0; held-out folds of
			 * three clauses per theme are too small to calibrate), the
			 * clear probes get their theme. */
			static const char *const want[] = {"counter_hegemony", NULL,
				"china_lead", "multipolar"};
			if (mi == 0 && i < 4 && want[i] &&
			    !CHECK(p.theme == themes_codebook_index(
			        themes_model_codebook(models[mi]), want[i])))
				fprintf(stderr, "  \"%s\": theme %d\n", probe_texts[i],
				        p.theme);
		}
		/* Every training clause too. */
		for (size_t i = 0; i < themes_corpus_size(corpus); i++) {
			themes_prediction p;
			const char *t = themes_corpus_text(corpus, i);
			CHECK(themes_classify(c, t, strlen(t), &p) == THEMES_OK);
			check_contract(&p, t);
		}
		for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
			themes_prediction p;
			memset(&p, 0x55, sizeof p);
			CHECK(themes_classify(c, empty[i], strlen(empty[i]), &p) ==
			      THEMES_OK);
			CHECK(p.theme == -1);
			CHECK(p.confidence == 0);
			for (int k = 0; k < LABELS; k++)
				CHECK(p.scores[k] == 0);
		}
		themes_classifier_free(c);

		/* A fresh classifier whose first clause has no known term (its
		 * scratch buffers are still empty): under THEMES_SANITIZE this
		 * catches qsort/memcpy on a NULL buffer. */
		c = NULL;
		CHECK(themes_classifier_new(&c, models[mi], &err) == THEMES_OK);
		if (c) {
			themes_prediction p;
			CHECK(themes_classify(c, "", 0, &p) == THEMES_OK);
			CHECK(p.theme == -1);
			CHECK(themes_classify(c, "zzzz", 4, &p) == THEMES_OK);
			CHECK(p.theme == -1);
			themes_classifier_free(c);
		}
		themes_model_free(&models[mi]);
	}
	themes_classifier_free(NULL);
}

/* Every training option survives writing and reading a model file: each
 * is set to a value other than its default, and the test fails when the
 * option table gains an option this list does not cover. */
static void round_trip_options(themes_corpus *corpus,
                               const themes_train_options *o)
{
	themes_error err = {0};
	themes_model *m = NULL, *loaded = NULL;
	const char *path = temp_path("options.model");
	CHECK(themes_train(&m, corpus, NULL, 0, o, &err) == THEMES_OK);
	if (m && save_model(m, path, &err) == THEMES_OK &&
	    themes_model_load(&loaded, path, &err) == THEMES_OK) {
		for (size_t i = 0; i < themes_train_option_count(); i++) {
			char want[64], got[64];
			themes_train_options_get(o, i, want, sizeof want);
			themes_train_options_get(themes_model_options(loaded), i, got,
			                         sizeof got);
			if (!CHECK(strcmp(want, got) == 0))
				fprintf(stderr, "  %s: wrote %s, read %s\n",
				        themes_train_option(i)->name, want, got);
		}
	} else {
		CHECK(!"train, save and load with every option changed");
		fprintf(stderr, "  %s\n", err.message);
	}
	themes_model_free(&m);
	themes_model_free(&loaded);
}

/* Every training option survives writing and reading a model file: each
 * is set to a value other than its default (in one of two models, since
 * an RBF kernel needs the libsvm solver), and the test fails when the
 * option table gains an option this list does not cover. */
static void test_option_round_trip(themes_corpus *corpus)
{
	static const struct {
		const char *name, *value;
		int model; /* 0: both models, 1 or 2: that one */
	} changed[] = {
		{"language", "porter", 0}, {"ngram_max", "1", 0}, {"min_df", "1", 0},
		{"sublinear_tf", "0", 0}, {"stop_words", "0", 0},
		{"char_ngram_min", "2", 0}, {"char_ngram_max", "4", 0},
		{"kernel", "rbf", 1}, {"solver", "libsvm", 1}, {"nb_weighting", "1", 2},
		{"C", "0.75", 0}, {"gamma", "0.125", 1}, {"balanced", "0", 0},
		{"calibration_folds", "2", 0}, {"seed", "4000000000", 0},
	};
	size_t count = sizeof changed / sizeof changed[0];
	themes_train_options o[2];
	themes_error err = {0};
	themes_train_options_init(&o[0]);
	themes_train_options_init(&o[1]);
	CHECK(count == themes_train_option_count());
	for (size_t i = 0; i < count; i++) {
		char before[64];
		int which = -1;
		for (size_t j = 0; j < themes_train_option_count(); j++)
			if (strcmp(themes_train_option(j)->name, changed[i].name) == 0)
				which = (int)j;
		if (!CHECK(which >= 0))
			continue;
		themes_train_options_get(&o[0], (size_t)which, before, sizeof before);
		CHECK(strcmp(before, changed[i].value) != 0);
		for (int k = 0; k < 2; k++)
			if (changed[i].model == 0 || changed[i].model == k + 1)
				CHECK(themes_train_options_set(&o[k], changed[i].name,
				                               changed[i].value, &err) ==
				      THEMES_OK);
	}
	round_trip_options(corpus, &o[0]);
	round_trip_options(corpus, &o[1]);

	/* The one rule across options. */
	themes_train_options bad;
	themes_train_options_init(&bad);
	bad.kernel = THEMES_KERNEL_RBF;
	bad.solver = THEMES_SOLVER_LIBLINEAR;
	CHECK(themes_train_options_check(&bad, NULL) != NULL);

	/* Values out of range are refused with the field's name and range. */
	CHECK(themes_train_options_set(&bad, "min_df", "0", &err) ==
	      THEMES_ERR_PARAM);
	CHECK(strstr(err.message, "min_df must be an integer in [1, 1000000]") !=
	      NULL);
	CHECK(themes_train_options_set(&bad, "kernel", "poly", &err) ==
	      THEMES_ERR_PARAM);
	CHECK(strstr(err.message, "linear|rbf") != NULL);
	CHECK(themes_train_options_set(&bad, "no_such_option", "1", &err) ==
	      THEMES_ERR_PARAM);
}

static void test_train_errors(themes_corpus *corpus)
{
	themes_train_options o;
	themes_model *m = NULL;
	themes_error err = {0};

	themes_train_options_init(&o);
	CHECK(themes_train_options_check(&o, NULL) == NULL);
	o.ngram_max = 3;
	CHECK(themes_train_options_check(&o, NULL) != NULL);
	CHECK(themes_train(&m, corpus, NULL, 0, &o, &err) == THEMES_ERR_PARAM);
	CHECK(m == NULL);
	CHECK(strstr(err.message, "ngram_max") != NULL);

	themes_train_options_init(&o);
	o.calibration_folds = 1;
	CHECK(themes_train_options_check(&o, NULL) != NULL);
	themes_train_options_init(&o);
	o.C = 0;
	CHECK(themes_train_options_check(&o, NULL) != NULL);

	/* An unknown stemmer language. */
	themes_train_options_init(&o);
	snprintf(o.language, sizeof o.language, "%s", "klingon");
	CHECK(themes_train(&m, corpus, NULL, 0, &o, &err) == THEMES_ERR_PARAM);
	CHECK(m == NULL);

	/* One theme only. */
	size_t rows[] = {0, 1, 2};
	themes_train_options_init(&o);
	o.min_df = 1;
	CHECK(themes_train(&m, corpus, rows, 3, &o, &err) == THEMES_ERR_DATA);
	CHECK(m == NULL);
	CHECK(strstr(err.message, "at least two") != NULL);

	/* No term reaches min_df. */
	themes_train_options_init(&o);
	o.min_df = 1000;
	CHECK(themes_train(&m, corpus, NULL, 0, &o, &err) == THEMES_ERR_DATA);
	CHECK(m == NULL);
	CHECK(strstr(err.message, "min_df") != NULL);
}

int main(void)
{
	snprintf(temp_dir, sizeof temp_dir, "/tmp/themes-test-model-XXXXXX");
	if (!mkdtemp(temp_dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_tfidf();
	themes_corpus *corpus = corpus_from("six.csv", six_csv);
	for (int solver = 0; solver < 2; solver++) {
		solver_under_test = solver == 0 ? THEMES_SOLVER_LIBSVM :
		                                  THEMES_SOLVER_LIBLINEAR;
		test_round_trip(corpus);
		test_damaged(corpus);
		test_contract(corpus);
	}
	test_train_errors(corpus);
	test_option_round_trip(corpus);
	themes_corpus_free(corpus);

	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", temp_dir);
	if (system(command) != 0)
		fprintf(stderr, "could not remove %s\n", temp_dir);
	return harness_summary();
}
