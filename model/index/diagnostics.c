#include "index/diagnostics.h"

#include <math.h>

double
dxi_pearson (const double *x, const double *y, guint n)
{
  double sx = 0, sy = 0;
  guint m = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        sx += x[i];
        sy += y[i];
        m++;
      }
  if (m < 3)
    return NAN;
  double mx = sx / m, my = sy / m, sxy = 0, sxx = 0, syy = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
  if (!(sxx > 0 && syy > 0))
    return NAN;
  return sxy / sqrt (sxx * syy);
}

/* Sample variance of V[0..n). */
static double
variance (const double *v, guint n)
{
  double s = 0, ss = 0;
  for (guint i = 0; i < n; i++)
    s += v[i];
  double m = s / n;
  for (guint i = 0; i < n; i++)
    ss += (v[i] - m) * (v[i] - m);
  return ss / (n - 1);
}

double
dxi_cronbach_alpha (const double *x, guint n, guint k)
{
  if (k < 2)
    return NAN;
  g_autofree double *item = g_new (double, MAX (n, 1));
  g_autofree double *total = g_new (double, MAX (n, 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  guint m = 0;
  for (guint i = 0; i < n; i++)
    {
      gboolean complete = TRUE;
      for (guint j = 0; j < k && complete; j++)
        complete = !isnan (x[(gsize) j * n + i]);
      if (complete)
        rows[m++] = i;
    }
  if (m < 2)
    return NAN;
  double sum_item_var = 0;
  for (guint r = 0; r < m; r++)
    total[r] = 0;
  for (guint j = 0; j < k; j++)
    {
      for (guint r = 0; r < m; r++)
        {
          item[r] = x[(gsize) j * n + rows[r]];
          total[r] += item[r];
        }
      sum_item_var += variance (item, m);
    }
  double total_var = variance (total, m);
  if (!(total_var > 0))
    return NAN;
  return (double) k / (k - 1) * (1.0 - sum_item_var / total_var);
}
