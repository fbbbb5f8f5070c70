/* The index result as area-table columns and as a plain-text report. */
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "index/diagnostics.h"
#include "index/index.h"

static const char *const treat_names[] = { "none", "winsorised", "log transformed" };

/* "dom_" + name lower-cased, non-alphanumerics as '_'. */
static char *
column_name (const char *prefix, const char *name)
{
  GString *s = g_string_new (prefix);
  for (const char *p = name; *p; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  return g_string_free (s, FALSE);
}

static void
put_column (dxi_frame *f, const char *name, const double *v, guint n)
{
  guint col = dxi_frame_add_column (f, name);
  for (guint a = 0; a < n; a++)
    dxi_frame_set (f, a, col, v[a]);
}

gboolean
dxi_index_result_to_frame (const dxi_index_result *r, dxi_frame *areas, GError **error)
{
  guint n = r->n_areas;
  if (dxi_frame_n_rows (areas) != n)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED,
                   "index of %u areas does not fit an area table of %u rows", n,
                   dxi_frame_n_rows (areas));
      return FALSE;
    }
  g_autofree double *tmp = g_new (double, MAX (n, 1));
  put_column (areas, "index_score", r->score, n);
  for (guint a = 0; a < n; a++)
    tmp[a] = r->rank[a];
  put_column (areas, "index_rank", tmp, n);
  for (guint a = 0; a < n; a++)
    tmp[a] = r->decile[a];
  put_column (areas, "index_decile", tmp, n);
  for (guint a = 0; a < n; a++)
    tmp[a] = r->quintile[a];
  put_column (areas, "index_quintile", tmp, n);
  for (guint d = 0; d < r->n_dom; d++)
    {
      g_autofree char *name = column_name ("dom_", r->dom_name[d]);
      put_column (areas, name, r->domain_score + (gsize) d * n, n);
    }
  for (guint j = 0; j < r->n_ind; j++)
    {
      g_autofree char *name = g_strconcat ("norm_", r->ind_id[j], NULL);
      put_column (areas, name, r->normalised + (gsize) j * n, n);
    }
  const dxi_uncertainty *u = &r->uncertainty;
  if (u->draws > 0)
    {
      put_column (areas, "rank_p5", u->rank_p5, n);
      put_column (areas, "rank_median", u->rank_median, n);
      put_column (areas, "rank_p95", u->rank_p95, n);
      put_column (areas, "p_top_decile", u->p_top_decile, n);
    }
  return TRUE;
}

static void
report_method (const dxi_index_result *r, GString *out)
{
  g_string_append_printf (out, "Method\n  preset: %s\n  normalisation: %s",
                          dxi_index_preset_names[r->preset],
                          dxi_normalisation_names[r->normalisation]);
  if (r->normalisation == DXI_NORM_MINMAX)
    g_string_append_printf (out, " to [%g, %g]", r->range_lo, r->range_hi);
  g_string_append_printf (out, " over %s\n",
                          r->reference == DXI_REF_TARGETS   ? "the target areas"
                          : r->reference == DXI_REF_DATASET ? "the reference dataset"
                                                            : "fixed goalposts");
  g_string_append_printf (out, "  aggregation: %s within domains, %s across domains%s\n",
                          dxi_aggregation_names[r->aggregation],
                          dxi_aggregation_names[r->domain_aggregation],
                          r->domain_transform == DXI_DOMAIN_TRANSFORM_IOD_EXP
                              ? " (domain scores re-ranked and exponentially transformed)"
                              : "");
  g_string_append_printf (out, "  outliers: %s; missing values: %s\n",
                          dxi_outliers_names[r->outliers], dxi_missing_names[r->missing]);
  g_string_append_printf (
      out,
      "  %u areas, %u indicators, %u domains; rank 1 = most excluded, ties share "
      "the best rank; decile = ceil(10 rank / n)\n\n",
      r->n_areas, r->n_ind, r->n_dom);
}

static void
report_weights (const dxi_index_result *r, GString *out)
{
  g_string_append (out, "Weights (within domain x domain = effective)\n");
  for (guint d = 0; d < r->n_dom; d++)
    {
      g_string_append_printf (out, "  %s: domain weight %.4f\n", r->dom_name[d],
                              r->weight_domain[d]);
      for (guint j = 0; j < r->n_ind; j++)
        if (r->ind_domain[j] == d)
          g_string_append_printf (out, "    %-28s %+d  %.4f x %.4f = %.4f\n", r->ind_id[j],
                                  r->direction[j], r->weight_within[j], r->weight_domain[d],
                                  r->weight_effective[j]);
    }
  g_string_append (out, "\n");
}

static void
report_treatment (const dxi_index_result *r, GString *out)
{
  g_string_append (
      out, "Distribution and outlier treatment (skewness, excess kurtosis over the reference)\n");
  for (guint j = 0; j < r->n_ind; j++)
    {
      const dxi_treatment *t = &r->treatment[j];
      g_string_append_printf (out, "  %-28s skew %7.3f kurt %7.3f", r->ind_id[j], t->skew_before,
                              t->kurt_before);
      if (t->kind == DXI_TREAT_WINSORISED)
        g_string_append_printf (out, "  winsorised %u point%s", t->n_winsorised,
                                t->n_winsorised == 1 ? "" : "s");
      else if (t->kind == DXI_TREAT_LOG)
        g_string_append_printf (out, "  %s", treat_names[t->kind]);
      if (t->kind != DXI_TREAT_NONE)
        g_string_append_printf (out, " -> skew %.3f kurt %.3f%s", t->skew_after, t->kurt_after,
                                t->passes ? "" : " (still outside the JRC thresholds)");
      if (r->n_missing[j])
        g_string_append_printf (out, "  missing %u%s", r->n_missing[j],
                                r->n_imputed[j] ? " (imputed)" : "");
      g_string_append (out, "\n");
    }
  g_string_append (out, "\n");
}

static void
report_diagnostics (const dxi_index_result *r, GString *out)
{
  guint k = r->n_ind;
  g_string_append (out, "Correlations (Pearson, normalised values)\n  ");
  for (guint b = 0; b < k; b++)
    g_string_append_printf (out, " %6u", b + 1);
  g_string_append (out, "\n");
  for (guint a = 0; a < k; a++)
    {
      g_string_append_printf (out, "  %2u", a + 1);
      for (guint b = 0; b < k; b++)
        g_string_append_printf (out, " %6.2f", r->correlation[(gsize) a * k + b]);
      g_string_append_printf (out, "  %s\n", r->ind_id[a]);
    }
  g_string_append (out, "\nCronbach's alpha per domain\n");
  for (guint d = 0; d < r->n_dom; d++)
    {
      if (isnan (r->alpha[d]))
        g_string_append_printf (out, "  %-28s n/a (fewer than two indicators or no variance)\n",
                                r->dom_name[d]);
      else
        g_string_append_printf (out, "  %-28s %.3f\n", r->dom_name[d], r->alpha[d]);
    }
  g_string_append_printf (out, "\nPossible double counting (|r| > %.2f)\n", r->correlation_flag);
  if (r->flagged->len == 0)
    g_string_append (out, "  none\n");
  for (guint i = 0; i < r->flagged->len; i++)
    {
      const dxi_index_pair *p = &g_array_index (r->flagged, dxi_index_pair, i);
      g_string_append_printf (out, "  '%s' and '%s': r = %.3f\n", r->ind_id[p->a], r->ind_id[p->b],
                              p->r);
    }
  g_string_append (out, "\n");
}

static void
report_uncertainty (const dxi_index_result *r, GString *out)
{
  const dxi_uncertainty *u = &r->uncertainty;
  if (u->draws == 0)
    {
      g_string_append (out, "Uncertainty\n  not run (draws: 0)\n\n");
      return;
    }
  g_string_append_printf (
      out, "Uncertainty\n  %u Monte Carlo draws, seed %u; mean absolute rank shift %.2f\n",
      u->draws, u->seed, u->mean_shift);
  if (u->sobol_samples == 0)
    g_string_append (out, "  Sobol indices not computed\n\n");
  else
    {
      g_string_append_printf (
          out,
          "  Sobol indices of the mean absolute rank shift (N = %u base samples, "
          "Saltelli/Jansen estimators)\n",
          u->sobol_samples);
      for (guint g = 0; g < DXI_SOBOL_N; g++)
        if (u->varied[g])
          g_string_append_printf (out,
                                  "    %-14s first-order %6.3f (standard error %.3f)  total %6.3f "
                                  "(standard error %.3f)\n",
                                  dxi_sobol_group_names[g], u->sobol_first[g], u->sobol_first_se[g],
                                  u->sobol_total[g], u->sobol_total_se[g]);
        else
          g_string_append_printf (out, "    %-14s fixed\n", dxi_sobol_group_names[g]);
      if (u->sobol_variance == 0)
        g_string_append (out, "    (the ranks never moved: the indices are 0)\n");
      gboolean imprecise = FALSE;
      for (guint g = 0; g < DXI_SOBOL_N; g++)
        imprecise |= u->varied[g] && MAX (u->sobol_first_se[g], u->sobol_total_se[g]) > 0.1;
      if (imprecise)
        g_string_append (out,
                         "    (a standard error above 0.1: raise index.uncertainty.sobol_samples "
                         "for sharper indices; the error falls as 1 / sqrt N)\n");
      g_string_append (out, "\n");
    }
}

static void
report_deciles (const dxi_index_result *r, GString *out)
{
  g_string_append (out, "Deciles (1 = most excluded)\n  decile  areas  population  households\n");
  for (guint i = 0; i < 10; i++)
    {
      g_string_append_printf (out, "  %6u %6u", i + 1, r->areas_by_decile[i]);
      if (isnan (r->population_by_decile[i]))
        g_string_append (out, "           -");
      else
        g_string_append_printf (out, " %11.0f", r->population_by_decile[i]);
      if (isnan (r->households_by_decile[i]))
        g_string_append (out, "           -\n");
      else
        g_string_append_printf (out, " %11.0f\n", r->households_by_decile[i]);
    }
}

void
dxi_index_report (const dxi_index_result *r, GString *out)
{
  report_method (r, out);
  report_weights (r, out);
  report_treatment (r, out);
  report_diagnostics (r, out);
  report_uncertainty (r, out);
  report_deciles (r, out);
  g_autoptr (GPtrArray) warnings = dxi_index_warnings (r);
  if (warnings->len)
    {
      g_string_append (out, "\nWarnings\n");
      for (guint i = 0; i < warnings->len; i++)
        g_string_append_printf (out, "  warning: %s\n", (const char *) warnings->pdata[i]);
    }
  if (r->notes->len)
    {
      g_string_append (out, "\nNotes\n");
      for (guint i = 0; i < r->notes->len; i++)
        g_string_append_printf (out, "  %s\n", (const char *) r->notes->pdata[i]);
    }
}
