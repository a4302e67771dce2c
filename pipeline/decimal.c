/*
 * decimal.c - decimal numbers in model files to doubles, fast and exact.
 *
 * Loading a model reads tens of thousands of numbers written with 17
 * significant digits ("%.17g"), and glibc's strtod spends about 900
 * instructions on each: with a large model that is most of a short run's
 * start-up.  themes_parse_double gives the same double and the same end
 * as strtod for every input, through a short exact path for the numbers
 * model files hold:
 *
 * a number of at most 19 significant digits is an integer M < 2^64 times
 * 10^E.  With the x87's 64-bit significand, M and 10^|E| (|E| <= 27, as
 * 5^27 < 2^64) are exact, and M * 10^E or M / 10^|E| is one correctly
 * rounded operation.  Rounding that again to a double is exact unless the
 * 64-bit result lies on a midpoint between two doubles (its low 11 bits are
 * 0x400): only then could the true value lie on the other side.  That case,
 * and every other input (more digits, large exponents, subnormals,
 * infinities, NaN, hexadecimal), goes to strtod.
 */
#include "internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if LDBL_MANT_DIG == 64 && (defined(__x86_64__) || defined(__i386__))
#define EXACT_PATH 1

static const long double powers_of_ten[28] = {
	1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L,
	1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L,
	1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Appends the digits at *p to *mantissa, moving *p past them; returns how
 * many there were. */
static int read_digits(const char **p, uint64_t *mantissa)
{
	const char *q = *p;
	uint64_t m = *mantissa;
	for (; is_digit(*q); q++)
		m = m * 10 + (uint64_t)(*q - '0');
	*mantissa = m;
	int n = (int)(q - *p);
	*p = q;
	return n;
}

/* The exact path; false when the number at s is not for it. */
static bool parse_exact(const char *s, char **end, double *out)
{
	const char *p = s;
	bool negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	const char *digits_start = p;
	uint64_t mantissa = 0;
	/* Leading zeros are not significant.  Up to 19 significant digits fit
	 * the mantissa exactly; more may wrap it, and go to strtod. */
	while (*p == '0')
		p++;
	int digits = read_digits(&p, &mantissa), exponent = 0;
	bool any = p > digits_start;
	if (*p == 'x' || *p == 'X')
		return false; /* hexadecimal */
	if (*p == '.') {
		const char *fraction = ++p;
		if (mantissa == 0)
			while (*p == '0')
				p++;
		digits += read_digits(&p, &mantissa);
		exponent = -(int)(p - fraction);
		any = any || p > fraction;
	}
	if (digits > 19)
		return false;
	if (!any)
		return false;
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		bool negative_exponent = *q == '-';
		if (*q == '-' || *q == '+')
			q++;
		if (!is_digit(*q))
			return false; /* strtod stops before the 'e' */
		int written = 0;
		for (; is_digit(*q); q++) {
			if (written > 1000)
				return false;
			written = written * 10 + (*q - '0');
		}
		exponent += negative_exponent ? -written : written;
		p = q;
	}
	if (mantissa == 0) {
		*out = negative ? -0.0 : 0.0;
		*end = (char *)p;
		return true;
	}
	if (exponent < -27 || exponent > 27)
		return false;
	long double value = (long double)mantissa;
	value = exponent >= 0 ? value * powers_of_ten[exponent]
	                      : value / powers_of_ten[-exponent];
	uint64_t significand;
	memcpy(&significand, &value, sizeof significand);
	if ((significand & 0x7FF) == 0x400 || value < (long double)DBL_MIN ||
	    value > (long double)DBL_MAX)
		return false;
	double rounded = (double)value;
	*out = negative ? -rounded : rounded;
	*end = (char *)p;
	return true;
}
#endif

double themes_parse_double(const char *s, char **end)
{
#ifdef EXACT_PATH
	double value;
	if (parse_exact(s, end, &value))
		return value;
#endif
	return strtod(s, end);
}
