/*
 * language.c - what the training language decides: the Snowball stemmer,
 * the tokenizing rules (tokenize.c) and the built-in stop words; and the
 * language of the default model for a script (themes_detect_script).
 *
 * Input: a language name, as the "language" training option holds it.
 * English, Russian and Chinese have rows of their own; any other
 * libstemmer algorithm is a language too, with its stemmer, the default
 * tokenizing rules and no stop words.  Chinese has no stemmer: each Han
 * character is a term of its own, so there is nothing to stem.
 */
#include "internal.h"

#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

/* Function words that carry no theme.  Negations and "against" are kept on
 * purpose: "not directed against any third party" is a counter_hegemony
 * marker. */
static const char *const english_stop_words[] = {
	"a", "about", "above", "after", "again", "all", "also", "am", "an",
	"and", "are", "as", "at", "be", "been", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do", "does",
	"doing", "down", "during", "each", "few", "for", "from", "further",
	"had", "has", "have", "having", "he", "her", "here", "hers", "herself",
	"him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
	"its", "itself", "just", "may", "me", "might", "more", "most", "must",
	"my", "myself", "of", "off", "on", "once", "only", "or", "other", "our",
	"ours", "ourselves", "out", "over", "own", "same", "shall", "she",
	"should", "so", "some", "such", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they",
	"this", "those", "through", "to", "too", "under", "until", "up", "upon",
	"us", "very", "was", "we", "were", "what", "when", "where", "which",
	"while", "who", "whom", "why", "will", "with", "would", "you", "your",
	"yours", "yourself", "yourselves",
};

/* Pronouns, conjunctions, prepositions and particles, from Snowball's
 * Russian list, written with е for ё as the tokenizer folds it.  As in
 * English, negations (не, ни, нет, ничего, никогда), "without" (без) and
 * "against" (против) are kept: "не направлено против третьих стран" is a
 * counter_hegemony marker.  Sorted bytewise, as models store the list. */
static const char *const russian_stop_words[] = {
	"а", "более", "бы", "был", "была", "были", "было", "быть", "в",
	"вам", "вас", "ведь", "весь", "во", "вот", "все", "всего", "всех",
	"вы", "где", "да", "даже", "для", "до", "его", "ее", "ей", "ему",
	"если", "есть", "еще", "же", "за", "здесь", "и", "из", "или", "им",
	"их", "к", "как", "какая", "какой", "когда", "кто", "ли", "между",
	"меня", "мне", "может", "мы", "на", "над", "нас", "наш", "него", "нее",
	"ней", "ним", "них", "но", "ну", "о", "об", "он", "она", "они", "оно",
	"от", "перед", "по", "под", "после", "при", "про", "с", "сам", "своей",
	"свои", "своих", "свой", "свою", "себе", "себя", "со", "так", "также",
	"такой", "там", "тем", "то", "того", "тоже", "той", "только", "том",
	"тот", "тут", "ты", "у", "уж", "уже", "чего", "чем", "что", "чтобы",
	"эта", "эти", "это", "этого", "этой", "этом", "этот", "эту", "я",
};

/* Single function characters (particles, conjunctions, prepositions,
 * demonstratives), in simplified and, where they differ, traditional form.
 * Kept short on purpose: the stop_words option switches it off, and
 * grouped cross-validation decides whether it helps.  Sorted bytewise. */
static const char *const chinese_stop_words[] = {
	"与", "为", "之", "也", "了", "其", "及", "和", "在", "对", "将", "將",
	"對", "就", "把", "是", "為", "的", "等", "而", "與", "被", "这", "這",
	"那", "都",
};

#define WORDS(list) list, sizeof list / sizeof list[0]

typedef struct language_row {
	const char *name;
	const char *stemmer;            /* libstemmer algorithm; NULL: none */
	themes_token_rules rules;
	const char *const *stop_words;
	size_t stop_count;
} language_row;

static const language_row languages[] = {
	{"english", "english", THEMES_TOKENS_DEFAULT, WORDS(english_stop_words)},
	{"porter", "porter", THEMES_TOKENS_DEFAULT, WORDS(english_stop_words)},
	{"russian", "russian", THEMES_TOKENS_RUSSIAN, WORDS(russian_stop_words)},
	{"chinese", NULL, THEMES_TOKENS_CHINESE, WORDS(chinese_stop_words)},
};

#define LANGUAGE_COUNT (sizeof languages / sizeof languages[0])

/* The row of language, or NULL for another Snowball language. */
static const language_row *find_language(const char *language)
{
	for (size_t i = 0; i < LANGUAGE_COUNT; i++)
		if (strcmp(languages[i].name, language) == 0)
			return &languages[i];
	return NULL;
}

const char *themes_language_stemmer(const char *language)
{
	const language_row *row = find_language(language);
	return row ? row->stemmer : language;
}

themes_token_rules themes_language_rules(const char *language)
{
	const language_row *row = find_language(language);
	return row ? row->rules : THEMES_TOKENS_DEFAULT;
}

void themes_language_stop_words(const char *language, const char *const **words,
                                size_t *count)
{
	const language_row *row = find_language(language);
	*words = row ? row->stop_words : NULL;
	*count = row ? row->stop_count : 0;
}

int themes_language_known(const char *language)
{
	if (find_language(language))
		return 1;
	for (const char **p = sb_stemmer_list(); *p; p++)
		if (strcmp(*p, language) == 0)
			return 1;
	return 0;
}

void themes_language_list(char *out, size_t size)
{
	size_t used = (size_t)snprintf(out, size, "english, russian, chinese, "
	                               "or another Snowball stemmer (");
	for (const char **p = sb_stemmer_list(); *p && used < size; p++)
		if (strcmp(*p, "english") != 0 && strcmp(*p, "russian") != 0)
			used += (size_t)snprintf(out + used, size - used, "%s%s",
			                         out[used - 1] == '(' ? "" : ", ", *p);
	if (used < size)
		snprintf(out + used, size - used, ")");
}

const char *themes_script_language(themes_script script)
{
	switch (script) {
	case THEMES_SCRIPT_CYRILLIC: return "russian";
	case THEMES_SCRIPT_HAN: return "chinese";
	default: return "english";
	}
}

/* The script of letter cp among those themes_detect_script counts, or -1. */
static int script_of(int32_t cp)
{
	if (cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
	    (cp >= 0xAB30 && cp <= 0xAB6F) || (cp >= 0xFF21 && cp <= 0xFF5A))
		return THEMES_SCRIPT_LATIN; /* with the full-width letters */
	if ((cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
	    (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F))
		return THEMES_SCRIPT_CYRILLIC;
	if (themes_is_han(cp))
		return THEMES_SCRIPT_HAN;
	return -1;
}

themes_script themes_detect_script(const char *text, size_t length,
                                   size_t counts[3])
{
	size_t seen[3] = {0, 0, 0};
	for (size_t pos = 0; pos < length;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(
			(const utf8proc_uint8_t *)text + pos,
			(utf8proc_ssize_t)(length - pos), &cp);
		pos += n > 0 ? (size_t)n : 1;
		int script = n > 0 && themes_is_letter(cp) ? script_of(cp) : -1;
		if (script >= 0)
			seen[script]++;
	}
	themes_script best = THEMES_SCRIPT_LATIN;
	if (seen[THEMES_SCRIPT_CYRILLIC] > seen[best])
		best = THEMES_SCRIPT_CYRILLIC;
	if (seen[THEMES_SCRIPT_HAN] > seen[best])
		best = THEMES_SCRIPT_HAN;
	if (counts)
		memcpy(counts, seen, sizeof seen);
	return best;
}
