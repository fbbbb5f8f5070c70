#include "inputs/fitreport.h"

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

/* Relative change, for ranking an area's columns: |d| / |best fit|. */
static double
relative (double got, double fit)
{
  double d = fabs (got - fit);
  return isnan (d) ? -1 : d / fmax (fabs (fit), 1e-12);
}

static void
report_columns (GString *out, const dxi_frame *ap, const dxi_frame *bf)
{
  g_string_append (out, "  largest difference of each column that changes (apportioned against best fit):\n");
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
      double got = dxi_frame_get (ap, (guint) worst, c), fit = dxi_frame_get (bf, (guint) worst, (guint) bc);
      g_string_append_printf (out, "    %s: %s (%s) %.6g against %.6g (%+.4g)\n", name, area_label (ap, (guint) worst),
                              dxi_frame_code (ap, (guint) worst), got, fit, got - fit);
    }
}

/* Column of BF named as column C of AP, or -1. */
static gint
same_column (const dxi_frame *ap, const dxi_frame *bf, guint c)
{
  const char *name = dxi_frame_column_name (ap, c);
  return compared (name) ? dxi_frame_find_column (bf, name) : -1;
}

/* Per area: population, then the three columns it changes most (relatively). */
static void
report_areas (GString *out, const dxi_frame *ap, const dxi_frame *bf)
{
  g_string_append (out, "  per area (apportioned against best fit): population, then the columns it changes most:\n");
  guint n_cols = dxi_frame_n_cols (ap);
  gint pc = dxi_frame_find_column (ap, "population");
  g_autofree double *change = g_new (double, n_cols);
  for (guint a = 0; a < dxi_frame_n_rows (ap); a++)
    {
      g_string_append_printf (out, "    %s (%s):", area_label (ap, a), dxi_frame_code (ap, a));
      for (guint c = 0; c < n_cols; c++)
        {
          gint bc = same_column (ap, bf, c);
          change[c] = bc < 0 ? -1 : relative (dxi_frame_get (ap, a, c), dxi_frame_get (bf, a, (guint) bc));
        }
      if (pc >= 0 && same_column (ap, bf, (guint) pc) >= 0)
        {
          double got = dxi_frame_get (ap, a, (guint) pc);
          double fit = dxi_frame_get (bf, a, (guint) same_column (ap, bf, (guint) pc));
          g_string_append_printf (out, " population %.0f against %.0f (%+.0f, %+.1f%%);", got, fit, got - fit,
                                  fit > 0 ? 100 * (got - fit) / fit : 0);
          change[pc] = -1;
        }
      guint shown = 0;
      for (; shown < 3; shown++)
        {
          gint top = -1;
          for (guint c = 0; c < n_cols; c++)
            if (change[c] > 1e-9 && (top < 0 || change[c] > change[top]))
              top = (gint) c;
          if (top < 0)
            break;
          change[top] = -1;
          double got = dxi_frame_get (ap, a, (guint) top);
          double fit = dxi_frame_get (bf, a, (guint) same_column (ap, bf, (guint) top));
          g_string_append_printf (out, "%s %s %.6g against %.6g (%+.4g)", shown ? "," : "",
                                  dxi_frame_column_name (ap, (guint) top), got, fit, got - fit);
        }
      g_string_append (out, shown ? "\n" : " no other change\n");
    }
}

void
dxi_fit_report (GString *coverage, const char *lookups, const dxi_frame *apportioned, const dxi_frame *best_fit)
{
  g_string_append_printf (coverage,
                          "apportioned against best fit: lookup%s %s share each source among the areas; built instead "
                          "as best fits (each source whole in the area of its largest share), the areas get:\n",
                          strchr (lookups, ',') ? "s" : "", lookups);
  report_columns (coverage, apportioned, best_fit);
  report_areas (coverage, apportioned, best_fit);
}
