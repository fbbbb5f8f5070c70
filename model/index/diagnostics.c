#include "index/diagnostics.h"

#include <math.h>

#include "index/index.h"

double
dxi_diagnostics_pearson (const double *x, const double *y, guint n)
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
dxi_diagnostics_cronbach_alpha (const double *x, guint n, guint k)
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

/* An estimate X with standard error SE further than 2 SE outside [0, 1]: a
 * Sobol index is a share of variance, so only sampling error puts it there. */
static gboolean
outside_unit (double x, double se)
{
  return x < -2 * se || x > 1 + 2 * se;
}

GPtrArray *
dxi_index_warnings (const dxi_index_result *r)
{
  GPtrArray *w = g_ptr_array_new_with_free_func (g_free);
  for (guint j = 0; j < r->n_ind; j++)
    if (r->weight_effective[j] > DXI_WARN_EFFECTIVE_WEIGHT + 1e-9)
      g_ptr_array_add (
          w, g_strdup_printf (
                 "indicator '%s' carries %.0f%% of the index alone (effective weight %.3f, "
                 "above 1/3): the index mostly restates it",
                 r->ind_id[j], 100 * r->weight_effective[j], r->weight_effective[j]));
  const dxi_uncertainty *u = &r->uncertainty;
  for (guint g = 0; u->sobol_samples && u->sobol_variance > 0 && g < DXI_SOBOL_N; g++)
    {
      double first = u->sobol_first[g], total = u->sobol_total[g];
      double first_se = u->sobol_first_se[g], total_se = u->sobol_total_se[g];
      if (isnan (first) || isnan (total))
        continue;
      if (outside_unit (first, first_se) || outside_unit (total, total_se))
        g_ptr_array_add (
            w, g_strdup_printf ("Sobol indices of '%s' outside [0, 1] by more than two standard "
                                "errors (first-order %.3f, standard error %.3f; total %.3f, "
                                "standard error %.3f): %u base samples are too few; raise "
                                "index.uncertainty.sobol_samples",
                                dxi_sobol_group_names[g], first, first_se, total, total_se,
                                u->sobol_samples));
    }
  if (r->n_dom >= 2)
    {
      guint driver = 0, n_high = 0;
      double r_driver = 0, r_others = 0;
      for (guint d = 0; d < r->n_dom; d++)
        {
          double rd = dxi_diagnostics_pearson (r->domain_score + (gsize) d * r->n_areas, r->score,
                                               r->n_areas);
          if (isnan (rd))
            continue;
          if (rd > DXI_WARN_DOMAIN_DRIVES)
            driver = d, r_driver = rd, n_high++;
        }
      gboolean others_low = n_high == 1;
      for (guint d = 0; others_low && d < r->n_dom; d++)
        {
          double rd = dxi_diagnostics_pearson (r->domain_score + (gsize) d * r->n_areas, r->score,
                                               r->n_areas);
          if (d != driver && !(fabs (rd) < DXI_WARN_DOMAIN_OTHERS))
            others_low = FALSE;
          else if (d != driver)
            r_others = MAX (r_others, fabs (rd));
        }
      if (others_low)
        g_ptr_array_add (
            w, g_strdup_printf (
                   "the index is driven by the '%s' domain (its correlation with the index "
                   "r = %.2f; the other domains' |r| at most %.2f)",
                   r->dom_name[driver], r_driver, r_others));
    }
  return w;
}
