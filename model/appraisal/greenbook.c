#include "appraisal/greenbook.h"

#include <math.h>

/* Upper year of each band and the rates (Green Book 2022, Annex A6, tables 8 and 9). */
static const guint band_end[] = { 30, 75, 125, 200, 300, G_MAXUINT };
static const double stpr[] = { 0.035, 0.030, 0.025, 0.020, 0.015, 0.010 };
static const double health[] = { 0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043 };

double
dxi_greenbook_discount_rate (DxiDiscount schedule, guint t, double flat_rate)
{
  if (schedule == DXI_DISCOUNT_FLAT)
    return flat_rate;
  guint b = 0;
  while (t > band_end[b])
    b++;
  return schedule == DXI_DISCOUNT_HEALTH ? health[b] : stpr[b];
}

void
dxi_greenbook_discount_factors (DxiDiscount schedule, double flat_rate, guint n, double *out)
{
  double df = 1;
  for (guint t = 0; t < n; t++)
    {
      if (t > 0)
        df /= 1 + dxi_greenbook_discount_rate (schedule, t, flat_rate);
      out[t] = df;
    }
}

const char *
dxi_greenbook_vfm_band (double bcr)
{
  if (isnan (bcr))
    return "n/a (no cost)";
  if (bcr < 1)
    return "poor";
  if (bcr < 1.5)
    return "low";
  if (bcr < 2)
    return "medium";
  if (bcr < 4)
    return "high";
  return "very high";
}
