/* Green Book discount factors against the published tables. */
#include <glib.h>
#include <math.h>

#include "appraisal/greenbook.h"

static void
test_stpr (void)
{
  double df[40];
  dxi_greenbook_discount_factors (DXI_DISCOUNT_STPR, 0, 40, df);
  /* HM Treasury Green Book 2022, discount factor table (3.5% years 0-30, 3% after). */
  g_assert_cmpfloat (df[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (df[10], 0.7089, 5e-5);
  g_assert_cmpfloat_with_epsilon (df[30], 0.3563, 5e-5);
  g_assert_cmpfloat_with_epsilon (df[31], 0.3459, 5e-5);
  double sum = 0;
  for (int t = 0; t <= 9; t++)
    sum += df[t];
  g_assert_cmpfloat_with_epsilon (sum, 8.6077, 5e-5);
  g_assert_cmpfloat (dxi_greenbook_discount_rate (DXI_DISCOUNT_STPR, 76, 0), ==, 0.025);
  g_assert_cmpfloat (dxi_greenbook_discount_rate (DXI_DISCOUNT_STPR, 301, 0), ==, 0.010);
}

static void
test_health (void)
{
  double df[32];
  dxi_greenbook_discount_factors (DXI_DISCOUNT_HEALTH, 0, 32, df);
  /* 1.5% a year to year 30, then 1.29%. */
  g_assert_cmpfloat_with_epsilon (df[30], 1 / pow (1.015, 30), 1e-12);
  g_assert_cmpfloat_with_epsilon (df[31], df[30] / 1.0129, 1e-12);
}

static void
test_vfm (void)
{
  g_assert_cmpstr (dxi_greenbook_vfm_band (0.99), ==, "poor");
  g_assert_cmpstr (dxi_greenbook_vfm_band (1.0), ==, "low");
  g_assert_cmpstr (dxi_greenbook_vfm_band (1.5), ==, "medium");
  g_assert_cmpstr (dxi_greenbook_vfm_band (2.0), ==, "high");
  g_assert_cmpstr (dxi_greenbook_vfm_band (3.99), ==, "high");
  g_assert_cmpstr (dxi_greenbook_vfm_band (4.0), ==, "very high");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/greenbook/stpr-discount-factors", test_stpr);
  g_test_add_func ("/greenbook/health-discount-factors", test_health);
  g_test_add_func ("/greenbook/vfm-band", test_vfm);
  return g_test_run ();
}
