/* The number formatter (core/numfmt.h): awkward doubles read back bit for
 * bit, in the fewest digits.  The reference for "fewest" is the C library's
 * correctly rounded printf and strtod, tried at 1, 2, ... 17 digits. */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"

static gboolean
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Significant digits of the shortest %.Ne text that reads back. */
static int
reference_digits (double x)
{
  char text[40];
  for (int p = 1; p < 17; p++)
    {
      snprintf (text, sizeof text, "%.*e", p - 1, x);
      if (strtod (text, NULL) == x)
        return p;
    }
  return 17;
}

static int
significant_digits (const char *text)
{
  int n = 0, first = -1, last = -1;
  for (int i = 0; text[i] && text[i] != 'e'; i++)
    if (g_ascii_isdigit (text[i]))
      {
        if (text[i] != '0' && first < 0)
          first = n;
        if (text[i] != '0')
          last = n;
        n++;
      }
  return first < 0 ? 1 : last - first + 1;
}

static void
check_value (double x)
{
  char buf[DXI_NUMFMT_SIZE];
  gsize len = dxi_numfmt_shortest (buf, x);
  g_assert_cmpuint (len, ==, strlen (buf));
  double back = strtod (buf, NULL);
  if (!same_bits (back, x))
    g_test_message ("%.17g written as '%s' reads back as %.17g", x, buf, back);
  g_assert_true (same_bits (back, x));
  /* Fewest digits; at a power of two the lower gap is half the upper one
   * and 17 digits may be written where 16 would do. */
  int frac_exp;
  gboolean power_of_two = x != 0 && fabs (frexp (x, &frac_exp)) == 0.5;
  if (x != 0 && !power_of_two)
    g_assert_cmpint (significant_digits (buf), ==, reference_digits (x));
}

static void
test_awkward (void)
{
  static const struct
  {
    double value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 1e-300, "1e-300" },
    { 123456789.125, "123456789.125" },
    { -0.0, "-0" },
    { 0.0, "0" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3, "0.3333333333333333" },
    { 2.0 / 3, "0.6666666666666666" },
    { 100, "100" },
    { 1230, "1230" },
    { -42.5, "-42.5" },
    { 9007199254740992.0, "9007199254740992" },
    { 9007199254740994.0, "9007199254740994" },
    { 1e17, "1e+17" },
    { 1e16, "10000000000000000" },
    { 1e21, "1e+21" },
    { 1.5e300, "1.5e+300" },
    { 1e-5, "0.00001" },
    { 1.25e-6, "1.25e-06" },
    { 5e-324, "5e-324" },
    { DBL_MAX, "1.7976931348623157e+308" },
    { DBL_MIN, "2.2250738585072014e-308" },
    { 0.000123, "0.000123" },
    { 3.14159, "3.14159" },
    { INFINITY, "inf" },
    { -INFINITY, "-inf" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[DXI_NUMFMT_SIZE];
      dxi_numfmt_shortest (buf, cases[i].value);
      g_assert_cmpstr (buf, ==, cases[i].text);
      if (isfinite (cases[i].value))
        check_value (cases[i].value);
    }
}

/* Doubles from random bits: every exponent, mostly 17-digit values. */
static void
test_random_bits (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  for (guint i = 0; i < 40000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double x;
      memcpy (&x, &bits, sizeof x);
      if (isfinite (x))
        check_value (x);
    }
  g_rand_free (rand);
}

/* Values like a table's: counts, rates, shares, scores on 0-10, money. */
static void
test_table_values (void)
{
  GRand *rand = g_rand_new_with_seed (12);
  for (guint i = 0; i < 20000; i++)
    {
      double scale = pow (10, g_rand_int_range (rand, -8, 12));
      double x = g_rand_double (rand) * scale;
      check_value (x);
      check_value (round (x * 1000) / 1000);
      check_value (-x / 7);
      check_value (floor (x) + 0.5);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/numfmt/awkward", test_awkward);
  g_test_add_func ("/numfmt/random-bits", test_random_bits);
  g_test_add_func ("/numfmt/table-values", test_table_values);
  return g_test_run ();
}
