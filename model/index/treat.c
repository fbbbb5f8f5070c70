#include "index/treat.h"

#include <math.h>
#include <stdlib.h>

/* Central moments m2, m3, m4 (population) of the non-NAN values; returns count. */
static guint
moments (const double *x, guint n, double *m2, double *m3, double *m4)
{
  double sum = 0;
  guint k = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]))
      {
        sum += x[i];
        k++;
      }
  *m2 = *m3 = *m4 = 0;
  if (k == 0)
    return 0;
  double mean = sum / k;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]))
      {
        double d = x[i] - mean, d2 = d * d;
        *m2 += d2;
        *m3 += d2 * d;
        *m4 += d2 * d2;
      }
  *m2 /= k;
  *m3 /= k;
  *m4 /= k;
  return k;
}

double
dxi_treat_skewness (const double *x, guint n)
{
  double m2, m3, m4;
  guint k = moments (x, n, &m2, &m3, &m4);
  if (k < 3 || !(m2 > 0))
    return NAN;
  double g1 = m3 / pow (m2, 1.5);
  return g1 * sqrt ((double) k * (k - 1)) / (k - 2);
}

double
dxi_treat_kurtosis (const double *x, guint n)
{
  double m2, m3, m4;
  guint k = moments (x, n, &m2, &m3, &m4);
  if (k < 4 || !(m2 > 0))
    return NAN;
  double g2 = m4 / (m2 * m2) - 3.0;
  return ((k + 1) * g2 + 6.0) * (k - 1) / ((double) (k - 2) * (k - 3));
}

gboolean
dxi_treat_passes (double skew, double kurt, double skew_limit, double kurt_limit)
{
  /* Too few values or no spread: nothing to treat. */
  if (isnan (skew) || isnan (kurt))
    return TRUE;
  return !(fabs (skew) > skew_limit && kurt > kurt_limit);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
log_value (const dxi_treatment *t, double v)
{
  double range = t->log_max - t->log_min;
  v = CLAMP (v, t->log_min, t->log_max);
  if (t->log_sign > 0)
    return log (v - t->log_min + 0.01 * range);
  return -log (t->log_max - v + 0.01 * range);
}

void
dxi_treatment_find (const double *x, guint n, guint winsorise_max, double skew_limit,
                    double kurt_limit, dxi_treatment *t)
{
  *t = (dxi_treatment){
    .kind = DXI_TREAT_NONE, .cap_lo = -INFINITY, .cap_hi = INFINITY, .log_sign = 1
  };
  g_autofree double *s = g_new (double, MAX (n, 1));
  guint k = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]))
      s[k++] = x[i];
  qsort (s, k, sizeof (double), cmp_double);
  t->skew_before = t->skew_after = dxi_treat_skewness (s, k);
  t->kurt_before = t->kurt_after = dxi_treat_kurtosis (s, k);
  t->passes = dxi_treat_passes (t->skew_before, t->kurt_before, skew_limit, kurt_limit);
  if (t->passes)
    return;

  /* Winsorise one point (or one group of tied points) at a time, on the side
   * of the current skew: the extreme values take the next value in.  On the
   * sorted copy the treated points are s[0..lo) and s[hi..k).  COINr counts
   * only the last step's points against winmax; the JRC rule means points in
   * all, which is what is counted here. */
  guint lo = 0, hi = k;
  double skew = t->skew_before;
  while (!t->passes && lo + (k - hi) < winsorise_max && hi - lo > 1)
    {
      if (skew >= 0)
        {
          double top = s[hi - 1];
          guint j = hi - 1;
          while (j > lo && s[j - 1] == top)
            j--;
          if (j == lo)
            break;
          hi = j;
          for (guint i = hi; i < k; i++)
            s[i] = s[hi - 1];
          t->cap_hi = s[hi - 1];
        }
      else
        {
          double bottom = s[lo];
          guint j = lo + 1;
          while (j < hi && s[j] == bottom)
            j++;
          if (j == hi)
            break;
          lo = j;
          for (guint i = 0; i < lo; i++)
            s[i] = s[lo];
          t->cap_lo = s[lo];
        }
      t->kind = DXI_TREAT_WINSORISED;
      t->n_winsorised = lo + (k - hi);
      skew = t->skew_after = dxi_treat_skewness (s, k);
      t->kurt_after = dxi_treat_kurtosis (s, k);
      t->passes = dxi_treat_passes (t->skew_after, t->kurt_after, skew_limit, kurt_limit);
    }
  if (t->passes)
    return;

  /* Still failing: log transform the original values instead (COINr's default
   * f2 = log_CT, applied to x rather than the winsorised x). */
  t->kind = DXI_TREAT_LOG;
  t->n_winsorised = 0;
  t->cap_lo = -INFINITY;
  t->cap_hi = INFINITY;
  t->log_sign = t->skew_before >= 0 ? 1 : -1;
  k = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]))
      s[k++] = x[i];
  qsort (s, k, sizeof (double), cmp_double);
  t->log_min = s[0];
  t->log_max = s[k - 1];
  for (guint i = 0; i < k; i++)
    s[i] = log_value (t, s[i]);
  t->skew_after = dxi_treat_skewness (s, k);
  t->kurt_after = dxi_treat_kurtosis (s, k);
  t->passes = dxi_treat_passes (t->skew_after, t->kurt_after, skew_limit, kurt_limit);
}

void
dxi_treatment_apply (const dxi_treatment *t, const double *x, guint n, double *out)
{
  for (guint i = 0; i < n; i++)
    {
      double v = x[i];
      if (isnan (v))
        out[i] = v;
      else if (t->kind == DXI_TREAT_WINSORISED)
        out[i] = CLAMP (v, t->cap_lo, t->cap_hi);
      else if (t->kind == DXI_TREAT_LOG)
        out[i] = log_value (t, v);
      else
        out[i] = v;
    }
}
