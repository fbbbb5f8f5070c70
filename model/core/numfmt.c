#include "core/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fast path scales by powers of ten that long double (64-bit mantissa on
 * x86-64) holds exactly: 10^0 .. 10^27. */
#define MAX_EXACT_POW10 27

/* Writes the sign-less decimal DIGITS (N of them, no trailing zeros) times
 * 10^(EXP10 - N + 1), i.e. d.ddd x 10^EXP10, after SIGN. */
static gsize
emit (char *buf, gboolean negative, const char *digits, int n, int exp10)
{
  char *p = buf;
  if (negative)
    *p++ = '-';
  if (exp10 >= -5 && exp10 < 17)
    {
      if (exp10 < 0)
        {
          *p++ = '0', *p++ = '.';
          for (int i = -1; i > exp10; i--)
            *p++ = '0';
          memcpy (p, digits, (gsize) n), p += n;
        }
      else
        for (int i = 0; i < MAX (n, exp10 + 1); i++)
          {
            if (i == exp10 + 1)
              *p++ = '.';
            *p++ = i < n ? digits[i] : '0';
          }
    }
  else
    {
      *p++ = digits[0];
      if (n > 1)
        *p++ = '.', memcpy (p, digits + 1, (gsize) n - 1), p += n - 1;
      p += sprintf (p, "e%c%02d", exp10 < 0 ? '-' : '+', abs (exp10));
    }
  *p = '\0';
  return (gsize) (p - buf);
}

/* The digits of M (no trailing zeros) into DIGITS; returns how many. */
static int
integer_digits (uint64_t m, char *digits)
{
  char tmp[24];
  int n = 0;
  while (m)
    tmp[n++] = (char) ('0' + m % 10), m /= 10;
  int len = 0;
  for (int i = n - 1; i >= 0; i--)
    digits[len++] = tmp[i];
  while (len > 1 && digits[len - 1] == '0')
    len--;
  return len;
}

/* 10^0 .. 10^27: 5^27 < 2^64, so each literal is exact in long double. */
static const long double pow10_table[MAX_EXACT_POW10 + 1] = {
  1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
  1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};

static inline long double
pow10l_exact (int k)
{
  return pow10_table[k];
}

/* X scaled by 10^K (|K| <= MAX_EXACT_POW10) with one rounding. */
static long double
scale (double x, int k)
{
  return k >= 0 ? (long double) x * pow10l_exact (k) : (long double) x / pow10l_exact (-k);
}

typedef enum
{
  NO,
  YES,
  UNSURE
} verdict;

/* Whether M x 10^K (|K| <= MAX_EXACT_POW10) reads back as X > 0: inside the
 * half gaps to X's neighbours, decided with a margin far wider than the
 * error of long double (2^-64 relative, about 2^-11 of a gap). */
static verdict
reads_back (uint64_t m, int k, double x)
{
  long double c = k >= 0 ? (long double) m * pow10l_exact (k) : (long double) m / pow10l_exact (-k);
  long double gap
      = c >= x ? (long double) nextafter (x, INFINITY) - x : x - (long double) nextafter (x, 0);
  long double off = fabsl (c - x) / (gap / 2);
  return off < 0.995L ? YES : off > 1.005L ? NO : UNSURE;
}

/* Of the P-digit candidates M x 10^K nearest X, the one that reads back:
 * YES with it in *OUT (and *EXP10 moved if it rounded up to 10^P), NO if
 * none does, UNSURE if long double cannot tell. */
static verdict
candidate (double x, int p, int k, int *exp10, uint64_t *out)
{
  long double y = scale (x, k);
  long double f = y - floorl (y);
  uint64_t lo = (uint64_t) floorl (y);
  /* y is within 0.006 of x x 10^K: near a half, both neighbours are tried. */
  uint64_t cands[2] = { f > 0.5L ? lo + 1 : lo, f > 0.5L ? lo : lo + 1 };
  int n = fabsl (f - 0.5L) < 0.01L ? 2 : 1;
  verdict found = NO;
  for (int i = 0; i < n; i++)
    {
      uint64_t m = cands[i];
      int kk = k, e = *exp10;
      if ((long double) m >= pow10l_exact (p))
        m /= 10, kk--, e++;
      verdict v = reads_back (m, -kk, x);
      if (v == UNSURE || (v == YES && found == YES))
        return UNSURE;
      if (v == YES)
        found = YES, *out = m, *exp10 = e;
    }
  return found;
}

/* The shortest of 15, 16 or 17 significant digits that reads back as X > 0
 * (finite, not tiny or huge): 15 digits read back whenever anything shorter
 * does, and then they are that shorter number with zeros after it.  FALSE
 * where long double cannot decide. */
static gboolean
shortest_fast (double x, char *digits, int *n, int *exp10)
{
  /* 10^e <= x < 10^(e+1), within the exact powers for every K below. */
  int e = (int) floor (log10 (x));
  if (e < -11 || e > MAX_EXACT_POW10 - 1)
    return FALSE;
  long double t = scale (x, -e);
  e += t >= 10 ? 1 : t < 1 ? -1 : 0;
  if (e < -11 || e > MAX_EXACT_POW10 - 1)
    return FALSE;
  for (int p = 15; p <= 17; p++)
    {
      uint64_t m;
      int ep = e;
      verdict v = candidate (x, p, p - 1 - e, &ep, &m);
      if (v == UNSURE)
        return FALSE;
      if (v == YES)
        {
          *n = integer_digits (m, digits);
          *exp10 = ep;
          return TRUE;
        }
    }
  return FALSE;
}

/* The shortest by printf and strtod (the C library rounds correctly): for
 * values the fast path leaves. */
static void
shortest_slow (double x, char *digits, int *n, int *exp10)
{
  char text[40];
  for (int p = 1; p <= 17; p++)
    {
      snprintf (text, sizeof text, "%.*e", p - 1, x);
      if (g_ascii_strtod (text, NULL) == x || p == 17)
        break;
    }
  /* "d.ddde[+-]XX", the C locale's point or another's. */
  int len = 0;
  const char *t = text;
  for (; *t && *t != 'e'; t++)
    if (g_ascii_isdigit (*t))
      digits[len++] = *t;
  *exp10 = atoi (t + 1);
  while (len > 1 && digits[len - 1] == '0')
    len--;
  *n = len;
}

gsize
dxi_numfmt_shortest (char *buf, double value)
{
  if (isnan (value))
    return (gsize) g_strlcpy (buf, "nan", DXI_NUMFMT_SIZE);
  if (isinf (value))
    return (gsize) g_strlcpy (buf, value < 0 ? "-inf" : "inf", DXI_NUMFMT_SIZE);
  gboolean negative = signbit (value) != 0;
  double x = fabs (value);
  char digits[24];
  int n, exp10;
  if (x == 0)
    return emit (buf, negative, "0", 1, 0);
  if (x < 9007199254740992.0 && x == floor (x))
    {
      /* A whole number below 2^53: its digits are exact and shortest. */
      uint64_t m = (uint64_t) x;
      n = integer_digits (m, digits);
      exp10 = 0;
      for (uint64_t t = m; t >= 10; t /= 10)
        exp10++;
    }
  else if (!shortest_fast (x, digits, &n, &exp10))
    shortest_slow (x, digits, &n, &exp10);
  return emit (buf, negative, digits, n, exp10);
}
