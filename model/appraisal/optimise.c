#include "appraisal/optimise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

void
dxi_optimum_free (dxi_optimum *o)
{
  if (o == NULL)
    return;
  g_free (o->people);
  g_free (o->iv_people);
  g_free (o);
}

static double
pval (const dxi_scenario *sc, guint i)
{
  return ((dxi_param *) sc->params->pdata[i])->value;
}

/* PV of benefits of one person helped in year T by intervention IV. */
static double
pv_per_helped (const dxi_appraisal *a, const dxi_intervention *iv, guint t)
{
  const dxi_scenario *sc = a->sc;
  double pv = 0;
  for (guint k = 0; k < iv->streams->len; k++)
    {
      const dxi_stream *s = sc->streams->pdata[g_array_index (iv->streams, guint, k)];
      double net = dxi_stream_net_value (sc, NULL, s);
      const double *df = s->health ? a->df_health : a->df;
      double keep = 1;
      for (guint y = t + s->lag; y < a->n_years && y < t + s->lag + s->persistence; y++, keep *= 1 - pval (sc, s->drop_off))
        pv += keep * net * df[y];
    }
  return pv;
}

typedef struct
{
  guint iv;
  double ratio; /* net PV per pound spent */
} option;

static int
by_ratio (const void *x, const void *y)
{
  double a = ((const option *) x)->ratio, b = ((const option *) y)->ratio;
  if (a != b)
    return (a < b) - (a > b);
  return (int) ((const option *) x)->iv - (int) ((const option *) y)->iv;
}

dxi_optimum *
dxi_optimise (const dxi_appraisal *a, const dxi_frame *areas, GError **error)
{
  const dxi_scenario *sc = a->sc;
  guint n = a->n_areas, h = a->n_years, m = a->n_iv;
  gint rank_col = dxi_frame_find_column (areas, "index_rank");
  if (rank_col < 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "the optimiser needs the index ranks");
      return NULL;
    }
  const double *rank = dxi_frame_column_data (areas, (guint) rank_col);
  /* Areas, most excluded first. */
  g_autofree guint *order = g_new (guint, n);
  for (guint r = 0; r < n; r++)
    order[r] = r;
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && rank[order[j - 1]] > rank[order[j]]; j--)
      {
        guint tmp = order[j];
        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }
  /* Caps left per intervention and area. */
  g_autofree double *left = g_new (double, (gsize) m * n);
  for (guint i = 0; i < m; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      gint c = dxi_frame_find_column (areas, iv->cap);
      if (c < 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "the area table has no column '%s'", iv->cap);
          return NULL;
        }
      for (guint r = 0; r < n; r++)
        {
          double v = dxi_frame_get (areas, r, (guint) c);
          left[(gsize) i * n + r] = isnan (v) ? 0 : v;
        }
    }
  g_autoptr (dxi_optimum) o = g_new0 (dxi_optimum, 1);
  o->n_iv = m;
  o->n_areas = n;
  o->people = g_new0 (double, (gsize) m * n);
  o->iv_people = g_new0 (double, m);
  o->scenario_npsv = a->npsv;
  double ob = pval (sc, sc->optimism_bias);
  double pv_benefits = 0, pv_variable = 0, scenario_pv_variable = 0;
  g_autofree option *opts = g_new (option, m);
  for (guint t = 0; t < h; t++)
    {
      double budget = a->cost_variable[t];
      o->spend += budget;
      scenario_pv_variable += budget * (1 + ob) * a->df[t];
      for (guint i = 0; i < m; i++)
        {
          const dxi_intervention *iv = sc->interventions->pdata[i];
          double cpp = pval (sc, iv->cost_per_person);
          double value = pval (sc, iv->success_rate) * pv_per_helped (a, iv, t);
          opts[i] = (option) { i, cpp > 0 ? (value - cpp * (1 + ob) * a->df[t]) / cpp : -INFINITY };
        }
      qsort (opts, m, sizeof (option), by_ratio);
      for (guint k = 0; k < m && budget > 1e-9 && opts[k].ratio > 0; k++)
        {
          guint i = opts[k].iv;
          const dxi_intervention *iv = sc->interventions->pdata[i];
          double cpp = pval (sc, iv->cost_per_person);
          double value = pval (sc, iv->success_rate) * pv_per_helped (a, iv, t);
          for (guint q = 0; q < n && budget > 1e-9; q++)
            {
              guint r = order[q];
              double take = MIN (left[(gsize) i * n + r], budget / cpp);
              if (take <= 0)
                continue;
              left[(gsize) i * n + r] -= take;
              o->people[(gsize) i * n + r] += take;
              o->iv_people[i] += take;
              budget -= take * cpp;
              pv_benefits += take * value;
              pv_variable += take * cpp * (1 + ob) * a->df[t];
            }
        }
    }
  /* Same fixed costs as the scenario; variable costs and benefits re-split. */
  double pv_fixed = a->pv_costs - scenario_pv_variable;
  o->npsv = pv_benefits - pv_variable - pv_fixed;
  return g_steal_pointer (&o);
}
