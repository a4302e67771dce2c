/*
 * labels.c - the six theme slugs of THEMES.md, in their fixed order.
 */
#include "internal.h"

#include <string.h>

static const char *const theme_names[THEMES_COUNT] = {
	"endure", "history", "counter_hegemony",
	"china_lead", "multipolar", "legitimacy",
};

const char *themes_theme_name(int k)
{
	return k >= 0 && k < THEMES_COUNT ? theme_names[k] : "";
}

int themes_theme_index(const char *slug)
{
	for (int k = 0; k < THEMES_COUNT; k++)
		if (strcmp(slug, theme_names[k]) == 0)
			return k;
	return -1;
}

const char *themes_theme_list(void)
{
	return "endure, history, counter_hegemony, china_lead, multipolar, "
	       "legitimacy";
}
