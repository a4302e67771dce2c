/*
 * test_stem.c - the stem cache (stem.c) never changes a stem: every answer
 * equals libstemmer's own, whether it came from Snowball or from the cache,
 * including after the cache has been emptied for being full.
 */
#define _POSIX_C_SOURCE 200809L
#include "themes.h"
#include "harness.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* A few hundred varied English words, case-folded as the tokenizer would
 * give them, with deliberate repeats (counted below, not by hand). */
static const char *const words[] = {
	"partnership", "partnerships", "partner", "partnered", "cooperation",
	"cooperate", "cooperating", "cooperative", "cooperatively", "treaty",
	"treaties", "summit", "summits", "commission", "commissions", "trade",
	"trading", "traded", "trader", "energy", "energies", "energetic",
	"finance", "financial", "financing", "transport", "transportation",
	"agriculture", "agricultural", "science", "scientific", "space",
	"education", "educational", "health", "healthy", "media", "tourism",
	"tourist", "sport", "sports", "sporting", "youth", "exchange",
	"exchanges", "exchanged", "military", "militarist", "militarism",
	"exercise", "exercises", "patrol", "patrols", "patrolling", "routine",
	"historic", "historical", "history", "histories", "mature", "maturity",
	"resilient", "resilience", "independent", "independence", "circumstance",
	"circumstances", "war", "wars", "warfare", "memory", "memories",
	"memorial", "memorials", "veteran", "veterans", "archive", "archives",
	"archival", "patriotic", "patriotism", "falsified", "falsification",
	"revisionist", "revisionism", "nazism", "glorification", "glorify",
	"collaborator", "collaborators", "tribunal", "tribunals", "victory",
	"victories", "victorious", "victor", "victors", "hegemony", "hegemonism",
	"hegemonic", "unilateral", "unilateralism", "coercive", "coercion",
	"sanction", "sanctions", "sanctioned", "jurisdiction", "bloc", "blocs",
	"confrontation", "confrontational", "mentality", "expansion", "expand",
	"expanding", "expansionist", "missile", "missiles", "deployment",
	"deployments", "deploy", "containment", "contain", "weaponising",
	"weaponise", "weaponized", "dollar", "alliance", "alliances", "allied",
	"ally", "allies", "directed", "direction", "initiative", "initiatives",
	"development", "developing", "developed", "develop", "security",
	"secure", "securing", "civilization", "civilizations", "civilisational",
	"modernisation", "modernization", "modern", "supporting", "supported",
	"supports", "welcoming", "welcomed", "aligning", "aligned", "alignment",
	"relying", "reliance", "reliable", "markets", "market", "marketing",
	"technology", "technologies", "technological", "diplomatic", "diplomacy",
	"diplomat", "praising", "praised", "positions", "position", "hosting",
	"hosted", "multipolar", "multipolarity", "democratisation",
	"democratization", "democracy", "democratic", "international",
	"internationally", "relations", "relation", "relationship", "central",
	"centrality", "multilateralism", "multilateral", "reform", "reforms",
	"reformed", "reforming", "council", "councils", "stronger", "strongest",
	"strength", "regional", "region", "regions", "voice", "voices", "global",
	"globalization", "countries", "country", "diversity", "diverse",
	"arctic", "middle", "africa", "african", "governance", "govern",
	"government", "governments", "fairer", "fairness", "sovereignty",
	"sovereign", "territorial", "integrity", "internal", "stability",
	"stable", "stabilise", "interference", "interfere", "interfering",
	"revolutions", "revolution", "revolutionary", "peoples", "people",
	"choose", "choosing", "chose", "chosen", "causes", "cause", "caused",
	"crisis", "crises", "terrorism", "terrorist", "terrorists", "extremism",
	"extremist", "information", "inform", "informing", "biological",
	"ideological", "ideology", "nuclear", "arms", "control", "controlled",
	"controlling", "strategic", "strategy", "strategies", "principle",
	"principles", "principled", "attack", "attacks", "attacked", "generous",
	"generously", "happiness", "happily", "running", "runner", "ran",
	"flying", "flies", "fly", "dying", "died", "lying", "news", "skies",
	"sky", "ugly", "early", "only", "singly", "gently", "innings", "outing",
	"canning", "howe", "proceed", "exceed", "succeed", "atlas", "cosmos",
	"bias", "andes", "consign", "consigned", "consigning", "consignment",
	"knack", "knackered", "a", "is", "s", "the", "80th", "2025", "na\xc3\xafve",
	"caf\xc3\xa9", "r\xc3\xa9sum\xc3\xa9", "eurasian", "eurasia", "pacific",
	"anti", "fascist", "us", "nato", "brics", "sco", "dont", "china",
	"russia", "chinese", "russian", "beijing", "moscow",
	/* Repeats, as a real clause stream has them. */
	"cooperation", "cooperation", "partnership", "sanctions", "sanctions",
	"sanctions", "war", "war", "multipolar", "security", "security",
	"development", "the", "the", "the", "a", "is", "history", "victory",
	"nato", "nato", "us", "china", "china", "russia", "russia", "russia",
	"sovereignty", "stability", "stability", "hegemonism", "initiative",
	"initiatives", "governance", "relations", "relations", "relationship",
};

#define NWORDS (sizeof words / sizeof words[0])

/* The number of entries of words[] that repeat an earlier entry. */
static unsigned long count_repeats(void)
{
	unsigned long repeats = 0;

	for (size_t i = 0; i < NWORDS; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(words[i], words[j]) == 0) {
				repeats++;
				break;
			}
	return repeats;
}

/* libstemmer's own answer, copied. */
static char *direct_stem(struct sb_stemmer *sb, const char *word, size_t n)
{
	const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)word, (int)n);
	int length = sb_stemmer_length(sb);
	char *copy = malloc((size_t)length + 1);

	memcpy(copy, s, (size_t)length);
	copy[length] = '\0';
	return copy;
}

static void test_cache_equals_stemmer(void)
{
	themes_error err = {0};
	themes_stemmer *st = NULL;
	struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
	unsigned long repeats = count_repeats();
	int mismatches = 0, length_errors = 0;

	CHECK(sb != NULL);
	CHECK(themes_stemmer_new(&st, "english", &err) == THEMES_OK);
	if (!st || !sb)
		return;
	CHECK(themes_stemmer_cache_hits(st) == 0);
	CHECK(NWORDS >= 300);
	CHECK(repeats >= 30);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NWORDS; i++) {
			size_t n = strlen(words[i]), len1 = 0, len2 = 0;
			const char *r = themes_stem(st, words[i], n, &len1);
			char *first = r ? strndup(r, len1) : NULL;
			const char *second = themes_stem(st, words[i], n, &len2);
			char *expected = direct_stem(sb, words[i], n);

			if (!first || !second || strcmp(first, expected) != 0 ||
			    strcmp(second, expected) != 0) {
				mismatches++;
				fprintf(stderr, "stem(\"%s\"): \"%s\", then \"%s\", "
				        "libstemmer \"%s\"\n", words[i],
				        first ? first : "(null)",
				        second ? second : "(null)", expected);
			}
			if (first && (len1 != strlen(expected) ||
			              len2 != strlen(expected)))
				length_errors++;
			free(first);
			free(expected);
		}
		/* Each word's second call is a hit, and so is the first call of a
		 * repeated word; on the second pass every call is a hit. */
		unsigned long expected_hits = pass == 0 ?
			NWORDS + repeats : 3 * NWORDS + repeats;
		if (!CHECK(themes_stemmer_cache_hits(st) == expected_hits))
			fprintf(stderr, "  pass %d: %lu hits, expected %lu\n", pass,
			        themes_stemmer_cache_hits(st), expected_hits);
	}
	CHECK(mismatches == 0);
	CHECK(length_errors == 0);
	themes_stemmer_free(st);
	sb_stemmer_delete(sb);
}

/* Past the cache's bound the cache is emptied: a word stemmed before then
 * is a miss again (no hit counted) and is stemmed afresh, correctly, and
 * cached again.  The bound itself is stem.c's business; the test only needs
 * it to lie between 1,000 and 230,000 distinct words. */
static void test_cache_overflow(void)
{
	themes_error err = {0};
	themes_stemmer *st = NULL;
	struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
	int mismatches = 0;
	long evictions = 0, first_eviction = -1;
	const char *suffixes[] = {"ing", "ed", "ations", "ness", "ly"};
	size_t len;

	CHECK(themes_stemmer_new(&st, "english", &err) == THEMES_OK);
	if (!st || !sb)
		return;
	char *cooperation = direct_stem(sb, "cooperation", 11);
	CHECK(themes_stem(st, "cooperation", 11, &len) != NULL);
	for (long i = 0; i < 230000; i++) {
		char word[64];
		size_t n;

		/* Distinct words of letters only, so that the stemmer has real
		 * work and none of them is a hit. */
		n = (size_t)snprintf(word, sizeof word, "w%c%c%c%c%s",
		                     'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
		                     'a' + (int)(i / 676 % 26),
		                     'a' + (int)(i / 17576 % 26), suffixes[i % 5]);
		unsigned long hits = themes_stemmer_cache_hits(st);
		const char *r = themes_stem(st, word, n, &len);
		char *expected = direct_stem(sb, word, n);
		if (!r || strlen(r) != len || strcmp(r, expected) != 0)
			mismatches++;
		free(expected);
		if (themes_stemmer_cache_hits(st) != hits)
			mismatches++; /* a new word cannot be a hit */
		if (i % 1000 != 999)
			continue;
		/* The early word: a hit while it is cached, a miss once the
		 * cache has been emptied, and cached again right after. */
		hits = themes_stemmer_cache_hits(st);
		r = themes_stem(st, "cooperation", 11, &len);
		if (!r || strcmp(r, cooperation) != 0 || len != strlen(cooperation))
			mismatches++;
		if (themes_stemmer_cache_hits(st) == hits) {
			evictions++;
			if (first_eviction < 0)
				first_eviction = i;
			hits = themes_stemmer_cache_hits(st);
			r = themes_stem(st, "cooperation", 11, &len);
			CHECK(themes_stemmer_cache_hits(st) == hits + 1);
			CHECK(r && strcmp(r, cooperation) == 0);
		}
	}
	CHECK(mismatches == 0);
	if (!CHECK(evictions >= 1 && first_eviction >= 1000))
		fprintf(stderr, "  %ld evictions, the first after word %ld\n",
		        evictions, first_eviction);
	free(cooperation);
	themes_stemmer_free(st);
	sb_stemmer_delete(sb);
}

static void test_unknown_language(void)
{
	themes_error err = {0};
	themes_stemmer *st = (themes_stemmer *)&err; /* must be reset to NULL */

	CHECK(themes_stemmer_new(&st, "klingon", &err) == THEMES_ERR_PARAM);
	CHECK(st == NULL);
	CHECK(err.code == THEMES_ERR_PARAM);
	CHECK(strstr(err.message, "klingon") != NULL);
	CHECK(strstr(err.message, "english") != NULL);
	CHECK(strstr(err.message, "russian") != NULL);
	CHECK(strchr(err.message, '\n') == NULL);
}

static void test_languages(void)
{
	const char **list = themes_stemmer_languages();
	int english = 0, russian = 0;

	CHECK(list != NULL);
	for (const char **p = list; p && *p; p++) {
		english |= strcmp(*p, "english") == 0;
		russian |= strcmp(*p, "russian") == 0;
	}
	CHECK(english);
	CHECK(russian);
}

static void test_russian(void)
{
	themes_error err = {0};
	themes_stemmer *st = NULL;
	struct sb_stemmer *sb = sb_stemmer_new("russian", "UTF_8");
	/* "partnerstvom" (instrumental case) and "Rossiya", case-folded. */
	const char *cyrillic[] = {
		"\xd0\xbf\xd0\xb0\xd1\x80\xd1\x82\xd0\xbd\xd1\x91\xd1\x80\xd1\x81"
		"\xd1\x82\xd0\xb2\xd0\xbe\xd0\xbc",
		"\xd1\x80\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f",
	};

	CHECK(themes_stemmer_new(&st, "russian", &err) == THEMES_OK);
	if (!st || !sb)
		return;
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(cyrillic[i]), len;
		const char *r = themes_stem(st, cyrillic[i], n, &len);
		char *expected = direct_stem(sb, cyrillic[i], n);
		CHECK_STR(r, expected);
		/* The stemmer really stems: a suffix came off. */
		CHECK(len < n);
		free(expected);
	}
	themes_stemmer_free(st);
	sb_stemmer_delete(sb);
}

int main(void)
{
	test_cache_equals_stemmer();
	test_cache_overflow();
	test_unknown_language();
	test_languages();
	test_russian();
	return harness_summary();
}
