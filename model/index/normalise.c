#include "index/normalise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

void
dxi_normalise_ref_init (dxi_normalise_ref *ref, const double *values, guint n)
{
  *ref = (dxi_normalise_ref){ 0 };
  ref->sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      ref->sorted[ref->n++] = values[i];
  qsort (ref->sorted, ref->n, sizeof (double), cmp_double);
  double sum = 0, ss = 0;
  for (guint i = 0; i < ref->n; i++)
    sum += ref->sorted[i];
  ref->mean = ref->n ? sum / ref->n : NAN;
  for (guint i = 0; i < ref->n; i++)
    ss += (ref->sorted[i] - ref->mean) * (ref->sorted[i] - ref->mean);
  ref->sd = ref->n > 1 ? sqrt (ss / (ref->n - 1)) : 0.0;
  ref->min = ref->n ? ref->sorted[0] : NAN;
  ref->max = ref->n ? ref->sorted[ref->n - 1] : NAN;
}

void
dxi_normalise_ref_set_goalposts (dxi_normalise_ref *ref, double lo, double hi)
{
  ref->min = lo;
  ref->max = hi;
  ref->clip = TRUE;
}

void
dxi_normalise_ref_clear (dxi_normalise_ref *ref)
{
  g_clear_pointer (&ref->sorted, g_free);
  ref->n = 0;
}

/* First index whose value is >= V (STRICT: > V). */
static guint
bound (const double *a, guint n, double v, gboolean strict)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (strict ? a[mid] <= v : a[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

double
dxi_normalise_ref_rank (const dxi_normalise_ref *ref, double v)
{
  guint below = bound (ref->sorted, ref->n, v, FALSE);
  guint upto = bound (ref->sorted, ref->n, v, TRUE);
  return below + (upto - below + 1) / 2.0;
}

double
dxi_normalise_iod_exp (double r)
{
  return -23.0 * log (1.0 - r * (1.0 - exp (-100.0 / 23.0)));
}

void
dxi_normalise (DxiNormalisation method, const dxi_normalise_ref *ref, double lo, double hi,
               const double *x, guint n, double *out)
{
  double span = ref->max - ref->min;
  for (guint i = 0; i < n; i++)
    {
      double v = x[i];
      if (isnan (v))
        {
          out[i] = NAN;
          continue;
        }
      switch (method)
        {
        case DXI_NORM_MINMAX:
          if (!(span > 0))
            v = (lo + hi) / 2;
          else
            {
              v = lo + (hi - lo) * (v - ref->min) / span;
              if (ref->clip)
                v = CLAMP (v, lo, hi);
            }
          break;
        case DXI_NORM_ZSCORE:
          v = ref->sd > 0 ? (v - ref->mean) / ref->sd : 0.0;
          break;
        case DXI_NORM_RANK:
          v = dxi_normalise_ref_rank (ref, v);
          break;
        case DXI_NORM_PERCENTILE:
          v = ref->n > 1
                  ? CLAMP (100.0 * (dxi_normalise_ref_rank (ref, v) - 1) / (ref->n - 1), 0.0, 100.0)
                  : 50.0;
          break;
        case DXI_NORM_IOD_EXP:
          v = dxi_normalise_iod_exp (CLAMP (dxi_normalise_ref_rank (ref, v) / ref->n, 0.0, 1.0));
          break;
        case DXI_NORM_N:
          g_assert_not_reached ();
        }
      out[i] = v;
    }
}
