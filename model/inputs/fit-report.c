#include "inputs/fit-report.h"

#include <math.h>
#include <string.h>

/* Columns compared: the totals, estimates and indicators, not <id>_num and
 * <id>_den (the rate says it). */
static gboolean
compared (const char *column)
{
  return !g_str_has_suffix (column, "_num") && !g_str_has_suffix (column, "_den");
}

static const char *
area_label (const dxi_frame *t, guint a)
{
  return dxi_frame_name (t, a) ? dxi_frame_name (t, a) : dxi_frame_code (t, a);
}

static void
report_columns (GString *out, const dxi_frame *ap, const dxi_frame *bf)
{
  g_string_append (
      out, "  largest difference of each column that changes (apportioned against best fit):\n");
  for (guint c = 0; c < dxi_frame_n_cols (ap); c++)
    {
      const char *name = dxi_frame_column_name (ap, c);
      gint bc = dxi_frame_find_column (bf, name);
      if (!compared (name) || bc < 0)
        continue;
      gint worst = -1;
      double most = -1;
      for (guint a = 0; a < dxi_frame_n_rows (ap); a++)
        {
          double d = fabs (dxi_frame_get (ap, a, c) - dxi_frame_get (bf, a, (guint) bc));
          if (!isnan (d) && d > most)
            most = d, worst = (gint) a;
        }
      if (worst < 0 || most == 0)
        continue; /* unchanged */
      double got = dxi_frame_get (ap, (guint) worst, c),
             fit = dxi_frame_get (bf, (guint) worst, (guint) bc);
      g_string_append_printf (out, "    %s: %s (%s) %.6g against %.6g (%+.4g)\n", name,
                              area_label (ap, (guint) worst), dxi_frame_code (ap, (guint) worst),
                              got, fit, got - fit);
    }
}

/* Spread of column C of T over the areas (max - min), or 0. */
static double
spread (const dxi_frame *t, guint c)
{
  double lo = INFINITY, hi = -INFINITY;
  for (guint a = 0; a < dxi_frame_n_rows (t); a++)
    {
      double v = dxi_frame_get (t, a, c);
      lo = isnan (v) ? lo : fmin (lo, v);
      hi = isnan (v) ? hi : fmax (hi, v);
    }
  return hi > lo ? hi - lo : 0;
}

/* Per area: its population, then the three INDICATORS it changes most, as a
 * share of the indicator's spread over the areas. */
static void
report_areas (GString *out, const dxi_frame *ap, const dxi_frame *bf, const char *const *indicators)
{
  g_string_append (
      out, "  per area: population, then the indicators it changes most (apportioned against best "
           "fit, and the change as a share of the indicator's range over the areas):\n");
  guint n = indicators ? g_strv_length ((char **) indicators) : 0;
  g_autofree gint *ac = g_new (gint, n + 1), *bc = g_new (gint, n + 1);
  g_autofree double *range = g_new (double, n + 1), *change = g_new (double, n + 1);
  for (guint i = 0; i < n; i++)
    {
      ac[i] = dxi_frame_find_column (ap, indicators[i]);
      bc[i] = dxi_frame_find_column (bf, indicators[i]);
      range[i] = ac[i] >= 0 && bc[i] >= 0 ? spread (bf, (guint) bc[i]) : 0;
    }
  gint pc = dxi_frame_find_column (ap, "population"),
       bpc = dxi_frame_find_column (bf, "population");
  for (guint a = 0; a < dxi_frame_n_rows (ap); a++)
    {
      g_string_append_printf (out, "    %s (%s):", area_label (ap, a), dxi_frame_code (ap, a));
      if (pc >= 0 && bpc >= 0)
        {
          double got = dxi_frame_get (ap, a, (guint) pc), fit = dxi_frame_get (bf, a, (guint) bpc);
          g_string_append_printf (out, " population %.0f against %.0f (%+.0f, %+.1f%%);", got, fit,
                                  got - fit, fit > 0 ? 100 * (got - fit) / fit : 0);
        }
      for (guint i = 0; i < n; i++)
        {
          double d = range[i] > 0 ? fabs (dxi_frame_get (ap, a, (guint) ac[i])
                                          - dxi_frame_get (bf, a, (guint) bc[i]))
                                  : NAN;
          change[i] = isnan (d) ? -1 : d / range[i];
        }
      guint shown = 0;
      for (; shown < 3; shown++)
        {
          gint top = -1;
          for (guint i = 0; i < n; i++)
            if (change[i] > 1e-9 && (top < 0 || change[i] > change[top]))
              top = (gint) i;
          if (top < 0)
            break;
          double got = dxi_frame_get (ap, a, (guint) ac[top]),
                 fit = dxi_frame_get (bf, a, (guint) bc[top]);
          g_string_append_printf (out, "%s %s %.6g against %.6g (%+.4g, %.0f%% of its range)",
                                  shown ? "," : "", indicators[top], got, fit, got - fit,
                                  100 * change[top]);
          change[top] = -1;
        }
      g_string_append (out, shown ? "\n" : " no indicator changes\n");
    }
}

void
dxi_fit_report (GString *coverage, const char *lookups, const char *fits,
                const char *const *indicators, const dxi_frame *apportioned,
                const dxi_frame *best_fit)
{
  g_string_append_printf (
      coverage,
      "apportioned against best fit: lookup%s %s share each source among the areas; through the "
      "best fit%s instead, each source whole in one area (%s), the areas get:\n",
      strchr (lookups, ',') ? "s" : "", lookups, strchr (lookups, ',') ? "s" : "", fits);
  report_columns (coverage, apportioned, best_fit);
  report_areas (coverage, apportioned, best_fit, indicators);
}
