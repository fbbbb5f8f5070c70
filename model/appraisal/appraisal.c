#include "appraisal/appraisal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/random.h"
#include "index/rank.h"

const char *const dxi_roi_names[] = { "fiscal_roi", "economic_roi", "public_value_roi", NULL };

void
dxi_appraisal_free (dxi_appraisal *a)
{
  if (a == NULL)
    return;
  double *arrays[] = { a->df,
                       a->df_health,
                       a->reached,
                       a->helped,
                       a->unplaced,
                       a->cost_capital,
                       a->cost_revenue,
                       a->cost_variable,
                       a->cost_optimism,
                       a->benefit,
                       a->area_reached,
                       a->area_helped,
                       a->area_pv_benefit,
                       a->area_cost,
                       a->area_year_reached,
                       a->switching,
                       a->tornado_low,
                       a->tornado_high,
                       a->cap_total,
                       a->local_gross_by_year,
                       a->iv_area_year,
                       a->iv_cap,
                       a->iv_p_targeted,
                       a->area_p_targeted,
                       a->iv_benefit,
                       a->year_reached,
                       a->year_helped,
                       a->year_direct,
                       a->year_indirect };
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_free (arrays[i]);
  g_free (a->area_targeted);
  g_free (a->iv_targeted);
  g_free (a->iv_targets_vary);
  g_free (a);
}

static double
param (const dxi_scenario *sc, const double *values, guint i)
{
  return values ? values[i] : ((dxi_param *) sc->params->pdata[i])->value;
}

/* A part the stream may not have: NONE when it has not. */
static double
part (const dxi_scenario *sc, const double *values, guint i, double none)
{
  return i == DXI_NO_PARAM ? none : param (sc, values, i);
}

/* A stream's value per person helped a year before its additionality: its
 * value (or quantity x (unit value - less) x eligibility) after the optimism
 * bias of its confidence grade. */
static double
gross_value (const dxi_scenario *sc, const double *values, const dxi_stream *s)
{
  double unit = param (sc, values, s->value) - part (sc, values, s->less_unit_value, 0);
  return part (sc, values, s->quantity, 1) * unit * part (sc, values, s->eligibility, 1)
         * (1 - param (sc, values, s->optimism));
}

double
dxi_stream_net_value (const dxi_scenario *sc, const double *values, const dxi_stream *s)
{
  return gross_value (sc, values, s) * (1 - param (sc, values, s->deadweight))
         * (1 - param (sc, values, s->displacement)) * (1 - param (sc, values, s->leakage));
}

/* OUT[y] (H years, zeroed by the caller): the benefit in year y of one person
 * helped in year T, from T + lag for the stream's persistence, at NET in its
 * first year, less DROP a further year, ramped up over s->ramp years and
 * grown by GROWTH a year from year 0. */
static void
per_helped (const dxi_stream *s, double net, double drop, double growth, guint t, guint h,
            double *out)
{
  guint first = t + s->lag;
  double keep = 1, grow = growth != 0 ? pow (1 + growth, first) : 1;
  for (guint k = 0, y = first; y < h && k < s->persistence;
       k++, y++, keep *= 1 - drop, grow *= 1 + growth)
    out[y] = net * keep * grow * MIN (1.0, (k + 1.0) / s->ramp);
}

/* People reached in each year by intervention IV given cost per person and
 * the total cap of its targeted areas. */
static void
reach_by_year (const dxi_scenario *sc, const dxi_intervention *iv, double cpp, double cap_total,
               double *out, double *unplaced)
{
  double used = 0;
  for (guint t = 0; t < sc->horizon; t++)
    {
      double want;
      if (iv->by_budget)
        {
          double b = isnan (iv->budget[t]) ? 0 : iv->budget[t];
          want = cpp > 0 ? MAX (0, b - iv->capital[t] - iv->revenue[t]) / cpp : 0;
        }
      else
        want = isnan (iv->people[t]) ? 0 : iv->people[t];
      double r = MIN (want, MAX (0, cap_total - used));
      out[t] = r;
      if (unplaced)
        *unplaced += want - r;
      used += r;
    }
}

/* Totals of one evaluation: PV of costs and benefits, per recipient, by year. */
typedef struct
{
  double pv_costs, pv_benefits, pv_direct, pv_indirect;
  double pv_recipient[DXI_N_RECIPIENTS], pv_type[DXI_N_ROI];
} totals;

/* The model's arithmetic for parameter VALUES (NULL = nominal).  When A's
 * per-year arrays are given (nominal run), they are filled. */
static totals
evaluate (const dxi_appraisal *a, const double *values, gboolean fill)
{
  const dxi_scenario *sc = a->sc;
  guint h = sc->horizon;
  totals tot = { 0 };
  double ob = param (sc, values, sc->optimism_bias);
  double reached[64], cost_t[64];
  memset (cost_t, 0, sizeof cost_t);
  for (guint i = 0; i < sc->interventions->len; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      double cpp = param (sc, values, iv->cost_per_person),
             success = param (sc, values, iv->success_rate);
      reach_by_year (sc, iv, cpp, a->cap_total[i], reached, fill ? &a->unplaced[i] : NULL);
      for (guint t = 0; t < h; t++)
        {
          double fixed = iv->capital[t] + iv->revenue[t];
          cost_t[t] += fixed + reached[t] * cpp;
          if (fill)
            {
              a->reached[i * h + t] = reached[t];
              a->helped[i * h + t] = reached[t] * success;
              a->cost_capital[t] += iv->capital[t];
              a->cost_revenue[t] += iv->revenue[t];
              a->cost_variable[t] += reached[t] * cpp;
            }
        }
      for (guint k = 0; k < iv->streams->len; k++)
        {
          guint si = g_array_index (iv->streams, guint, k);
          const dxi_stream *s = sc->streams->pdata[si];
          double net = dxi_stream_net_value (sc, values, s), drop = param (sc, values, s->drop_off);
          double growth = part (sc, values, s->growth, 0);
          const double *df = s->health ? a->df_health : a->df;
          for (guint t = 0; t < h; t++)
            {
              double helped = reached[t] * success;
              if (helped <= 0)
                continue;
              double yearly[64]; /* per_helped fills the years of benefit, the only ones read */
              per_helped (s, net, drop, growth, t, h, yearly);
              for (guint y = t + s->lag; y < h && y < t + s->lag + s->persistence; y++)
                {
                  double b = helped * yearly[y];
                  double pv = b * df[y];
                  tot.pv_benefits += pv;
                  tot.pv_recipient[s->recipient_index] += pv;
                  tot.pv_type[s->type] += pv;
                  if (s->direct)
                    tot.pv_direct += pv;
                  else
                    tot.pv_indirect += pv;
                  if (fill)
                    {
                      a->benefit[si * h + y] += b;
                      a->iv_benefit[((gsize) i * a->n_streams + si) * h + y] += b;
                    }
                }
            }
        }
    }
  for (guint t = 0; t < h; t++)
    {
      tot.pv_costs += cost_t[t] * (1 + ob) * a->df[t];
      if (fill)
        a->cost_optimism[t] = cost_t[t] * ob;
    }
  return tot;
}

double
dxi_appraisal_npsv (const dxi_appraisal *a, const double *values)
{
  totals t = evaluate (a, values, FALSE);
  return t.pv_benefits - t.pv_costs;
}

/* Which areas an intervention targets, by the index. */
static gboolean
targeted (const dxi_intervention *iv, const dxi_frame *areas, guint row, double rank, double decile,
          guint n)
{
  switch (iv->targeting)
    {
    case DXI_TARGET_ALL:
      return TRUE;
    case DXI_TARGET_TOP_PERCENT:
      return rank <= ceil (iv->top_percent / 100.0 * n - 1e-9);
    case DXI_TARGET_DECILES:
      for (guint i = 0; i < iv->deciles->len; i++)
        if (decile == g_array_index (iv->deciles, guint, i))
          return TRUE;
      return FALSE;
    case DXI_TARGET_AREAS:
      return g_ptr_array_find_with_equal_func (iv->areas, dxi_frame_code (areas, row), g_str_equal,
                                               NULL);
    }
  return FALSE;
}

static const double *
column (const dxi_frame *areas, const char *name, GError **error)
{
  gint c = dxi_frame_find_column (areas, name);
  if (c < 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                   "the area table has no column '%s' (see areas.csv)", name);
      return NULL;
    }
  return dxi_frame_column_data (areas, (guint) c);
}

/* Share REACHED among the targeted areas by WEIGHT, none above its remaining
 * cap (water-filling); returns what could not be placed. */
static double
allocate (guint n, const gboolean *in, const double *weight, double *remaining, double reached,
          double *out)
{
  memset (out, 0, n * sizeof (double));
  g_autofree gboolean *open = g_new (gboolean, n);
  for (guint a = 0; a < n; a++)
    open[a] = in[a] && remaining[a] > 0;
  double left = reached;
  for (int round = 0; left > 1e-9 && round < 100; round++)
    {
      double wsum = 0;
      for (guint a = 0; a < n; a++)
        if (open[a])
          wsum += weight[a];
      if (wsum <= 0)
        break;
      double placed = 0;
      for (guint a = 0; a < n; a++)
        if (open[a])
          {
            double give = MIN (left * weight[a] / wsum, remaining[a]);
            out[a] += give;
            remaining[a] -= give;
            placed += give;
            if (remaining[a] <= 1e-9)
              open[a] = FALSE;
          }
      left -= placed;
    }
  return MAX (0, left);
}

/* For intervention IV: which areas it targets, each one's cap and its
 * allocation weight. */
static gboolean
prepare (const dxi_intervention *iv, const dxi_frame *areas, const double *rank,
         const double *decile, gboolean *in, double *remaining, double *weight, GError **error)
{
  guint n = dxi_frame_n_rows (areas);
  const double *cap = column (areas, iv->cap, error);
  const char *wname = iv->allocation == DXI_ALLOC_EXCLUDED ? "excluded_adults" : "population";
  const double *w = iv->allocation == DXI_ALLOC_EQUAL ? NULL : column (areas, wname, error);
  if (cap == NULL || (iv->allocation != DXI_ALLOC_EQUAL && w == NULL))
    return FALSE;
  for (guint r = 0; r < n; r++)
    {
      in[r] = targeted (iv, areas, r, rank[r], decile[r], n);
      remaining[r] = isnan (cap[r]) ? 0 : cap[r];
      weight[r] = w ? (isnan (w[r]) ? 0 : w[r]) : 1;
    }
  return TRUE;
}

void
dxi_appraisal_pv_per_helped (const dxi_appraisal *a, const dxi_intervention *iv, double *out)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  memset (out, 0, h * sizeof (double));
  g_autofree double *yearly = g_new (double, h);
  for (guint k = 0; k < iv->streams->len; k++)
    {
      const dxi_stream *s = sc->streams->pdata[g_array_index (iv->streams, guint, k)];
      const double *df = s->health ? a->df_health : a->df;
      double net = dxi_stream_net_value (sc, NULL, s), drop = param (sc, NULL, s->drop_off);
      double growth = part (sc, NULL, s->growth, 0);
      for (guint t = 0; t < h; t++)
        {
          memset (yearly, 0, h * sizeof (double));
          per_helped (s, net, drop, growth, t, h, yearly);
          for (guint y = t; y < h; y++)
            out[t] += yearly[y] * df[y];
        }
    }
}

/* Areas: reach, help, cost and PV benefits of the nominal run. */
static gboolean
by_area (dxi_appraisal *a, const dxi_frame *areas, GError **error)
{
  const dxi_scenario *sc = a->sc;
  guint n = a->n_areas, h = sc->horizon;
  const double *rank = column (areas, "index_rank", error),
               *decile = rank ? column (areas, "index_decile", error) : NULL;
  if (decile == NULL)
    return FALSE;
  g_autofree gboolean *in = g_new (gboolean, n);
  g_autofree double *remaining = g_new (double, n), *weight = g_new (double, n),
                    *share = g_new (double, n);
  for (guint i = 0; i < sc->interventions->len; i++)
    {
      if (!prepare (sc->interventions->pdata[i], areas, rank, decile, in, remaining, weight, error))
        return FALSE;
      a->cap_total[i] = 0;
      for (guint r = 0; r < n; r++)
        {
          a->iv_targeted[(gsize) i * n + r] = in[r];
          a->iv_cap[(gsize) i * n + r] = remaining[r];
          if (in[r])
            {
              a->cap_total[i] += remaining[r];
              a->area_targeted[r]++;
            }
        }
    }
  evaluate (a, NULL, TRUE);
  for (guint i = 0; i < sc->interventions->len; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      prepare (iv, areas, rank, decile, in, remaining, weight, NULL);
      double cpp = ((dxi_param *) sc->params->pdata[iv->cost_per_person])->value;
      double success = ((dxi_param *) sc->params->pdata[iv->success_rate])->value;
      /* PV of benefits per person helped, by the year helped. */
      g_autofree double *pv_per_helped = g_new0 (double, h);
      dxi_appraisal_pv_per_helped (a, iv, pv_per_helped);
      for (guint t = 0; t < h; t++)
        {
          a->unplaced[i] += allocate (n, in, weight, remaining, a->reached[i * h + t], share);
          for (guint r = 0; r < n; r++)
            {
              a->iv_area_year[((gsize) i * n + r) * h + t] = share[r];
              a->area_reached[r] += share[r];
              a->area_year_reached[r * h + t] += share[r];
              a->area_helped[r] += share[r] * success;
              a->area_cost[r] += share[r] * cpp;
              a->area_pv_benefit[r] += share[r] * success * pv_per_helped[t];
            }
        }
    }
  return TRUE;
}

/* The local economic impact of the nominal run: the gross benefits of the
 * chosen value types by year, summed to to_year, then net at the boundary. */
static void
local_impact (dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  const dxi_local_impact *li = sc->local;
  guint h = a->n_years;
  a->local_gross = a->local_net = NAN;
  if (li == NULL)
    return;
  a->local_gross_by_year = g_new0 (double, h);
  double yearly[64];
  for (guint i = 0; i < a->n_iv; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      for (guint k = 0; k < iv->streams->len; k++)
        {
          const dxi_stream *s = sc->streams->pdata[g_array_index (iv->streams, guint, k)];
          if (!li->types[s->type])
            continue;
          for (guint t = 0; t < h; t++)
            {
              memset (yearly, 0, sizeof yearly);
              per_helped (s, gross_value (sc, NULL, s), param (sc, NULL, s->drop_off),
                          part (sc, NULL, s->growth, 0), t, h, yearly);
              for (guint y = t; y < h; y++)
                a->local_gross_by_year[y] += a->helped[i * h + t] * yearly[y];
            }
        }
    }
  a->local_gross = 0;
  for (guint y = 0; y < h && sc->first_year + (int) y <= li->to_year; y++)
    a->local_gross += a->local_gross_by_year[y];
  a->local_net = a->local_gross * (1 - li->deadweight) * (1 - li->displacement) * (1 - li->leakage)
                 * li->multiplier;
}

/* Random draws from each distribution (GRand: Mersenne Twister). */
static double
sample (const dxi_param *p, GRand *rng)
{
  double u = g_rand_double (rng);
  switch (p->dist)
    {
    case DXI_DIST_NONE:
      return p->value;
    case DXI_DIST_UNIFORM:
      return p->d1 + u * (p->d2 - p->d1);
    case DXI_DIST_TRIANGULAR:
      {
        double a = p->d1, c = p->d2, b = p->d3, f = (c - a) / (b - a);
        return u < f ? a + sqrt (u * (b - a) * (c - a)) : b - sqrt ((1 - u) * (b - a) * (b - c));
      }
    case DXI_DIST_NORMAL:
    case DXI_DIST_LOGNORMAL:
      {
        double z = dxi_random_box_muller (u, g_rand_double (rng));
        if (p->dist == DXI_DIST_NORMAL)
          return p->d1 + p->d2 * z;
        double s2 = log (1 + p->d2 * p->d2 / (p->d1 * p->d1));
        return exp (log (p->d1) - s2 / 2 + sqrt (s2) * z);
      }
    case DXI_DIST_PERT:
      {
        /* Beta(alpha, beta) on [min, max] with alpha = 1 + 4 (mode - min)/(max - min). */
        double a = p->d1, m = p->d2, b = p->d3;
        double al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a);
        return dxi_random_beta (rng, al, be, a, b, dxi_random_normal_box_muller);
      }
    }
  return p->value;
}

static int
cmp_double (const void *x, const void *y)
{
  double a = *(const double *) x, b = *(const double *) y;
  return (a > b) - (a < b);
}

static double
quantile (const double *sorted, guint n, double q)
{
  double pos = q * (n - 1);
  guint i = (guint) floor (pos);
  return i + 1 < n ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[n - 1];
}

/* Where each Monte Carlo draw's targeting comes from: the nominal ranks
 * (NULL), or one index draw's ranks per appraisal draw. */
typedef struct
{
  const guint32 *ranks; /* index_draws x n_areas */
  guint index_draws;
  gboolean *in;                 /* n_iv x n_areas: the draw's targeting */
  double *cap_total;            /* n_iv: the draw's targeted caps */
  double *count_iv, *count_any; /* draws in which each (intervention, area) / area is targeted */
} draw_targets;

/* Targeting under one index draw's ranks RANK: by rank (top N%, deciles) it
 * follows the draw; named areas and 'all' do not depend on the index. */
static void
retarget (const dxi_appraisal *a, const guint32 *rank, draw_targets *jt)
{
  guint n = a->n_areas;
  for (guint i = 0; i < a->n_iv; i++)
    {
      const dxi_intervention *iv = a->sc->interventions->pdata[i];
      gboolean by_rank
          = iv->targeting == DXI_TARGET_TOP_PERCENT || iv->targeting == DXI_TARGET_DECILES;
      jt->cap_total[i] = 0;
      for (guint r = 0; r < n; r++)
        {
          gsize k = (gsize) i * n + r;
          jt->in[k] = by_rank ? targeted (iv, NULL, r, rank[r], dxi_rank_decile (rank[r], n), n)
                              : a->iv_targeted[k];
          if (jt->in[k])
            jt->cap_total[i] += a->iv_cap[k];
          jt->count_iv[k] += jt->in[k];
        }
    }
  for (guint r = 0; r < n; r++)
    {
      gboolean any = FALSE;
      for (guint i = 0; i < a->n_iv; i++)
        any |= jt->in[(gsize) i * n + r];
      jt->count_any[r] += any;
    }
}

/* NPSV histogram of the sorted draws NPSV. */
static void
histogram (dxi_appraisal *a, const double *npsv, guint n)
{
  a->hist_lo = npsv[0];
  a->hist_hi = npsv[n - 1];
  double width = (a->hist_hi - a->hist_lo) / DXI_HIST_BINS;
  for (guint d = 0; d < n; d++)
    {
      guint b = width > 0 ? (guint) ((npsv[d] - a->hist_lo) / width) : 0;
      a->hist[MIN (b, DXI_HIST_BINS - 1)]++;
    }
}

/* ST->draws draws of every parameter from the scenario's seed; with JT each
 * draw's targeting follows an index draw (the parameter draws are the same
 * either way). */
static void
monte_carlo (dxi_appraisal *a, draw_targets *jt, dxi_mc_stats *st)
{
  const dxi_scenario *sc = a->sc;
  guint n = st->draws, np = a->n_params;
  if (n == 0)
    return;
  st->bcr_mean = st->bcr_p5 = st->bcr_p50 = st->bcr_p95 = st->p_bcr_above_1 = NAN;
  g_autoptr (GRand) rng = g_rand_new_with_seed (sc->seed);
  g_autofree double *values = g_new (double, np), *npsv = g_new (double, n),
                    *bcr = g_new (double, n);
  double sum_n = 0, sum_b = 0;
  guint above = 0, nb = 0;
  dxi_appraisal draw = *a; /* a shallow copy whose caps follow the draw's targeting */
  for (guint d = 0; d < n; d++)
    {
      for (guint i = 0; i < np; i++)
        {
          const dxi_param *p = sc->params->pdata[i];
          double v = sample (p, rng);
          /* Shares stay shares. */
          if (g_str_equal (p->unit, "share"))
            v = CLAMP (v, 0, 1);
          values[i] = v;
        }
      if (jt)
        {
          retarget (a, jt->ranks + (gsize) (d % jt->index_draws) * a->n_areas, jt);
          draw.cap_total = jt->cap_total;
        }
      totals t = evaluate (&draw, values, FALSE);
      npsv[d] = t.pv_benefits - t.pv_costs;
      sum_n += npsv[d];
      /* A draw without costs has no BCR: it is left out of the BCR's statistics. */
      if (t.pv_costs > 0)
        {
          bcr[nb] = t.pv_benefits / t.pv_costs;
          sum_b += bcr[nb];
          above += bcr[nb++] > 1;
        }
    }
  st->npsv_mean = sum_n / n;
  st->bcr_draws = nb;
  qsort (npsv, n, sizeof (double), cmp_double);
  if (jt == NULL)
    histogram (a, npsv, n);
  st->npsv_p5 = quantile (npsv, n, 0.05);
  st->npsv_p50 = quantile (npsv, n, 0.50);
  st->npsv_p95 = quantile (npsv, n, 0.95);
  if (nb == 0)
    return;
  st->bcr_mean = sum_b / nb;
  st->p_bcr_above_1 = (double) above / nb;
  qsort (bcr, nb, sizeof (double), cmp_double);
  st->bcr_p5 = quantile (bcr, nb, 0.05);
  st->bcr_p50 = quantile (bcr, nb, 0.50);
  st->bcr_p95 = quantile (bcr, nb, 0.95);
}

void
dxi_appraise_joint (dxi_appraisal *a, const guint32 *ranks, guint index_draws)
{
  guint n = a->n_areas, m = a->n_iv;
  if (ranks == NULL || index_draws == 0 || a->draws == 0)
    return;
  a->index_draws = index_draws;
  g_autofree gboolean *in = g_new (gboolean, (gsize) m * n);
  g_autofree double *cap_total = g_new (double, m);
  a->iv_p_targeted = g_new0 (double, (gsize) m *n);
  a->area_p_targeted = g_new0 (double, n);
  a->iv_targets_vary = g_new0 (guint, m);
  draw_targets jt = { ranks, index_draws, in, cap_total, a->iv_p_targeted, a->area_p_targeted };
  a->joint = (dxi_mc_stats){ .draws = a->draws };
  monte_carlo (a, &jt, &a->joint);
  for (guint k = 0; k < (gsize) m * n; k++)
    {
      a->iv_p_targeted[k] /= a->draws;
      a->iv_targets_vary[k / n] += a->iv_p_targeted[k] > 0 && a->iv_p_targeted[k] < 1;
    }
  for (guint r = 0; r < n; r++)
    a->area_p_targeted[r] /= a->draws;
}

/* Switching values by bisection on a bracket found by widening from the
 * nominal value; tornado at (1 -+ r). */
static void
sensitivity (dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  guint np = a->n_params;
  g_autofree double *values = g_new (double, np);
  for (guint i = 0; i < np; i++)
    values[i] = ((dxi_param *) sc->params->pdata[i])->value;
  for (guint i = 0; i < np; i++)
    {
      const dxi_param *p = sc->params->pdata[i];
      gboolean share = g_str_equal (p->unit, "share");
      double v0 = p->value, r = sc->tornado_range;
      values[i] = share ? CLAMP (v0 * (1 - r), 0, 1) : v0 * (1 - r);
      a->tornado_low[i] = dxi_appraisal_npsv (a, values);
      values[i] = share ? CLAMP (v0 * (1 + r), 0, 1) : v0 * (1 + r);
      a->tornado_high[i] = dxi_appraisal_npsv (a, values);
      /* Bracket the root between v0 and a value up to 1e6 times away. */
      a->switching[i] = NAN;
      values[i] = v0;
      double f0 = dxi_appraisal_npsv (a, values);
      /* Benefit values may switch below zero; costs, rates and shares not. */
      gboolean signed_value = g_str_equal (p->unit, "GBP per person per year");
      double lo = share ? 0 : signed_value ? (v0 != 0 ? -1e6 * fabs (v0) : -1e6) : 1e-9 * fabs (v0);
      double hi = share ? 1 : (v0 != 0 ? 1e6 * fabs (v0) : 1e6);
      double cands[2] = { lo, hi };
      for (guint k = 0; k < 2 && isnan (a->switching[i]); k++)
        {
          double x0 = v0, x1 = v0, fx0 = f0;
          /* Widen geometrically towards the candidate end until the sign changes. */
          for (int step = 0; step < 60; step++)
            {
              x1 = v0 + (cands[k] - v0) * pow (2, step - 59);
              values[i] = x1;
              double f1 = dxi_appraisal_npsv (a, values);
              if ((f1 <= 0) != (fx0 <= 0))
                {
                  for (int it = 0; it < 100; it++)
                    {
                      double mid = (x0 + x1) / 2;
                      values[i] = mid;
                      double fm = dxi_appraisal_npsv (a, values);
                      if ((fm <= 0) == (fx0 <= 0))
                        x0 = mid, fx0 = fm;
                      else
                        x1 = mid;
                    }
                  a->switching[i] = (x0 + x1) / 2;
                  break;
                }
              x0 = x1;
              fx0 = f1;
            }
        }
      values[i] = v0;
    }
}

/* Every area code a scenario targets is one of the study's areas, and every
 * cap a column of the area table. */
static gboolean
check_targets (const dxi_scenario *sc, const dxi_frame *areas, GError **error)
{
  guint n = dxi_frame_n_rows (areas);
  for (guint i = 0; i < sc->interventions->len; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      if (dxi_frame_find_column (areas, iv->cap) < 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "%s: cap '%s' of '%s' is not a column of the area table (excluded_adults, "
                       "mdls_households, "
                       "population, ...: see areas.csv)",
                       iv->cap_where, iv->cap, iv->id);
          return FALSE;
        }
      for (guint k = 0; iv->targeting == DXI_TARGET_AREAS && k < iv->areas->len; k++)
        {
          const char *code = iv->areas->pdata[k];
          if (dxi_frame_find_row (areas, code) >= 0)
            continue;
          g_autoptr (GString) some = g_string_new (NULL);
          for (guint r = 0; r < MIN (n, 3); r++)
            g_string_append_printf (some, "'%s', ", dxi_frame_code (areas, r));
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "%s: area '%s' targeted by '%s' is not one of the study's %u areas (%s...)",
                       (const char *) iv->area_where->pdata[k], code, iv->id, n, some->str);
          return FALSE;
        }
    }
  return TRUE;
}

/* The appraisal's arrays, zeroed, sized by the scenario and the study's areas. */
static dxi_appraisal *
appraisal_new (const dxi_scenario *sc, guint n)
{
  dxi_appraisal *a = g_new0 (dxi_appraisal, 1);
  guint h = sc->horizon;
  a->sc = sc;
  a->n_years = h;
  a->n_areas = n;
  a->n_streams = sc->streams->len;
  a->n_iv = sc->interventions->len;
  a->n_params = sc->params->len;
  a->df = g_new (double, h);
  a->df_health = g_new (double, h);
  dxi_greenbook_discount_factors (sc->discounting, sc->discount_rate, h, a->df);
  dxi_greenbook_discount_factors (sc->discounting == DXI_DISCOUNT_FLAT ? DXI_DISCOUNT_FLAT
                                                                       : DXI_DISCOUNT_HEALTH,
                                  sc->discount_rate, h, a->df_health);
  a->reached = g_new0 (double, a->n_iv *h);
  a->helped = g_new0 (double, a->n_iv *h);
  a->unplaced = g_new0 (double, a->n_iv);
  a->cap_total = g_new0 (double, a->n_iv);
  a->cost_capital = g_new0 (double, h);
  a->cost_revenue = g_new0 (double, h);
  a->cost_variable = g_new0 (double, h);
  a->cost_optimism = g_new0 (double, h);
  a->benefit = g_new0 (double, a->n_streams *h);
  a->iv_benefit = g_new0 (double, (gsize) a->n_iv * a->n_streams * h);
  a->year_reached = g_new0 (double, h);
  a->year_helped = g_new0 (double, h);
  a->year_direct = g_new0 (double, h);
  a->year_indirect = g_new0 (double, h);
  a->area_reached = g_new0 (double, n);
  a->area_helped = g_new0 (double, n);
  a->area_pv_benefit = g_new0 (double, n);
  a->area_cost = g_new0 (double, n);
  a->area_year_reached = g_new0 (double, (gsize) n *h);
  a->area_targeted = g_new0 (guint, n);
  a->iv_targeted = g_new0 (gboolean, (gsize) a->n_iv * n);
  a->iv_cap = g_new0 (double, (gsize) a->n_iv *n);
  a->iv_area_year = g_new0 (double, (gsize) a->n_iv *n *h);
  a->switching = g_new (double, a->n_params);
  a->tornado_low = g_new (double, a->n_params);
  a->tornado_high = g_new (double, a->n_params);
  return a;
}

/* The central case's present values, BCR and returns; a return is NAN where
 * the scenario has no cost or no stream of its kind. */
static void
set_returns (dxi_appraisal *a, const totals *t)
{
  const dxi_scenario *sc = a->sc;
  a->pv_costs = t->pv_costs;
  a->pv_benefits = t->pv_benefits;
  a->npsv = t->pv_benefits - t->pv_costs;
  a->bcr = t->pv_costs > 0 ? t->pv_benefits / t->pv_costs : NAN;
  a->pv_direct = t->pv_direct;
  a->pv_indirect = t->pv_indirect;
  memcpy (a->pv_by_recipient, t->pv_recipient, sizeof t->pv_recipient);
  memcpy (a->pv_by_type, t->pv_type, sizeof t->pv_type);
  for (guint i = 0; i < a->n_iv; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      for (guint k = 0; k < iv->streams->len; k++)
        a->n_by_type[((dxi_stream *) sc->streams->pdata[g_array_index (iv->streams, guint, k)])
                         ->type]++;
    }
  double pv_fiscal = t->pv_type[DXI_VALUE_FISCAL], pv_economic = t->pv_type[DXI_VALUE_ECONOMIC];
  a->roi[DXI_ROI_FISCAL]
      = t->pv_costs > 0 && a->n_by_type[DXI_VALUE_FISCAL] ? pv_fiscal / t->pv_costs : NAN;
  a->roi[DXI_ROI_ECONOMIC]
      = t->pv_costs > 0 && a->n_by_type[DXI_VALUE_ECONOMIC] ? pv_economic / t->pv_costs : NAN;
  a->roi[DXI_ROI_PUBLIC_VALUE] = a->bcr;
}

/* Each year's people reached and helped, direct and indirect benefits. */
static void
set_year_totals (dxi_appraisal *a)
{
  guint h = a->n_years;
  for (guint t = 0; t < h; t++)
    {
      for (guint i = 0; i < a->n_iv; i++)
        a->year_reached[t] += a->reached[i * h + t], a->year_helped[t] += a->helped[i * h + t];
      for (guint s = 0; s < a->n_streams; s++)
        *(((dxi_stream *) a->sc->streams->pdata[s])->direct ? &a->year_direct[t]
                                                            : &a->year_indirect[t])
            += a->benefit[s * h + t];
    }
}

/* Payback (the first year the cumulative discounted net benefit is >= 0) and
 * the direct and indirect benefit of an average year that has any. */
static void
set_payback (dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  double cum = 0, ob = ((dxi_param *) sc->params->pdata[sc->optimism_bias])->value;
  guint years_with_benefit = 0;
  for (guint y = 0; y < h; y++)
    {
      double ben = 0, dir = a->year_direct[y], ind = a->year_indirect[y];
      for (guint s = 0; s < a->n_streams; s++)
        {
          const dxi_stream *st = sc->streams->pdata[s];
          ben += a->benefit[s * h + y] * (st->health ? a->df_health[y] : a->df[y]);
        }
      double cost = (a->cost_capital[y] + a->cost_revenue[y] + a->cost_variable[y]) * (1 + ob);
      cum += ben - cost * a->df[y];
      if (a->payback_year == 0 && cum >= 0 && (ben > 0 || cost > 0))
        a->payback_year = sc->first_year + (int) y;
      if (dir + ind > 0)
        {
          years_with_benefit++;
          a->direct_per_year += dir;
          a->indirect_per_year += ind;
        }
    }
  if (years_with_benefit)
    {
      a->direct_per_year /= years_with_benefit;
      a->indirect_per_year /= years_with_benefit;
    }
}

/* The Monte Carlo summary kept on the appraisal. */
static void
set_uncertainty (dxi_appraisal *a)
{
  dxi_mc_stats st = { .draws = a->draws };
  monte_carlo (a, NULL, &st);
  a->npsv_mean = st.npsv_mean;
  a->npsv_p5 = st.npsv_p5;
  a->npsv_p50 = st.npsv_p50;
  a->npsv_p95 = st.npsv_p95;
  a->bcr_draws = st.bcr_draws;
  a->bcr_mean = st.bcr_mean;
  a->bcr_p5 = st.bcr_p5;
  a->bcr_p50 = st.bcr_p50;
  a->bcr_p95 = st.bcr_p95;
  a->p_bcr_above_1 = st.p_bcr_above_1;
}

dxi_appraisal *
dxi_appraise (const dxi_scenario *sc, const dxi_frame *areas, gint64 draws, GError **error)
{
  if (sc->horizon > 64)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: the horizon is limited to 64 years",
                   sc->path);
      return NULL;
    }
  if (!check_targets (sc, areas, error))
    return NULL;
  g_autoptr (dxi_appraisal) a = appraisal_new (sc, dxi_frame_n_rows (areas));
  if (!by_area (a, areas, error))
    return NULL;
  totals t = evaluate (a, NULL, FALSE);
  set_returns (a, &t);
  set_year_totals (a);
  set_payback (a);
  local_impact (a);
  a->draws = draws >= 0 ? (guint) draws : sc->draws;
  set_uncertainty (a);
  sensitivity (a);
  return g_steal_pointer (&a);
}

const char *
dxi_appraisal_undefined (const dxi_appraisal *a, int k)
{
  if (!(a->pv_costs > 0))
    return "n/a (no cost)";
  if (k == DXI_ROI_FISCAL && a->n_by_type[DXI_VALUE_FISCAL] == 0)
    return "n/a (no fiscal streams)";
  if (k == DXI_ROI_ECONOMIC && a->n_by_type[DXI_VALUE_ECONOMIC] == 0)
    return "n/a (no economic streams)";
  return NULL;
}

void
dxi_appraisal_people (const dxi_appraisal *a, double *reached, double *helped)
{
  *reached = *helped = 0;
  for (guint i = 0; i < a->n_iv * a->n_years; i++)
    *reached += a->reached[i], *helped += a->helped[i];
}

/* The BCR (K < 0) or ROI K to two places, or why it is undefined. */
static char *
ratio_text (const dxi_appraisal *a, int k)
{
  const char *why = dxi_appraisal_undefined (a, k);
  return why ? g_strdup (why) : g_strdup_printf ("%.2f", k < 0 ? a->bcr : a->roi[k]);
}

void
dxi_appraisal_summary (const dxi_appraisal *a, GString *out)
{
  const dxi_scenario *sc = a->sc;
  double reached, helped;
  dxi_appraisal_people (a, &reached, &helped);
  g_string_append_printf (out, "%s (%s): %d-%d, %d prices, discounted at the Green Book STPR\n",
                          sc->title, sc->name, sc->first_year,
                          sc->first_year + (int) a->n_years - 1, sc->price_base_year);
  g_string_append_printf (out, "  people reached %.0f, helped online %.0f\n", reached, helped);
  g_string_append_printf (out, "  PV costs £%.0f (with optimism bias), PV benefits £%.0f\n",
                          a->pv_costs, a->pv_benefits);
  g_autofree char *bcr = isnan (a->bcr)
                             ? g_strdup (dxi_appraisal_undefined (a, -1))
                             : g_strdup_printf ("%.2f (DfT value for money category: %s)", a->bcr,
                                                dxi_greenbook_vfm_band (a->bcr));
  g_string_append_printf (out, "  NPSV £%.0f, BCR %s, payback %s%.0d\n", a->npsv, bcr,
                          a->payback_year ? "" : "never", a->payback_year);
  g_autofree char *fiscal = ratio_text (a, DXI_ROI_FISCAL),
                  *economic = ratio_text (a, DXI_ROI_ECONOMIC);
  g_autofree char *public_value = ratio_text (a, DXI_ROI_PUBLIC_VALUE);
  g_string_append_printf (out,
                          "  ROI (GMCA CBA model, benefits over public cost): fiscal %s, economic "
                          "%s, public value %s\n",
                          fiscal, economic, public_value);
  g_string_append_printf (
      out, "  PV direct £%.0f, indirect £%.0f; a year: direct £%.0f, indirect £%.0f\n",
      a->pv_direct, a->pv_indirect, a->direct_per_year, a->indirect_per_year);
  if (a->draws && a->bcr_draws)
    g_string_append_printf (
        out,
        "  Monte Carlo (%u draws): NPSV mean £%.0f, P5 £%.0f, P50 £%.0f, P95 £%.0f; BCR P5 %.2f, "
        "P50 %.2f, P95 %.2f; P(BCR > 1) = %.3f%s\n",
        a->draws, a->npsv_mean, a->npsv_p5, a->npsv_p50, a->npsv_p95, a->bcr_p5, a->bcr_p50,
        a->bcr_p95, a->p_bcr_above_1,
        a->bcr_draws < a->draws ? " (over the draws with a cost)" : "");
  else if (a->draws)
    g_string_append_printf (
        out,
        "  Monte Carlo (%u draws): NPSV mean £%.0f, P5 £%.0f, P50 £%.0f, P95 £%.0f; BCR n/a (no "
        "cost in any draw)\n",
        a->draws, a->npsv_mean, a->npsv_p5, a->npsv_p50, a->npsv_p95);
  if (sc->local)
    g_string_append_printf (out,
                            "  local economic impact in %s (undiscounted, %d-%d, apart from the "
                            "NPSV): gross £%.0f, net "
                            "£%.0f (deadweight %g, displacement %g, leakage %g, multiplier %g)\n",
                            sc->local->area, sc->first_year, sc->local->to_year, a->local_gross,
                            a->local_net, sc->local->deadweight, sc->local->displacement,
                            sc->local->leakage, sc->local->multiplier);
  for (guint i = 0; i < a->n_iv; i++)
    if (a->unplaced[i] > 0.5)
      g_string_append_printf (
          out,
          "  note: %.0f people of '%s' could not be placed: its targeted areas are at their cap\n",
          a->unplaced[i], ((dxi_intervention *) sc->interventions->pdata[i])->id);
}

void
dxi_appraisal_joint_summary (const dxi_appraisal *a, const dxi_frame *areas, GString *out)
{
  if (a->index_draws == 0)
    return;
  const dxi_mc_stats *j = &a->joint;
  g_string_append_printf (
      out,
      "  with the index's uncertainty (draw d targets by index draw d mod %u): NPSV P5 £%.0f, P50 "
      "£%.0f, P95 £%.0f",
      a->index_draws, j->npsv_p5, j->npsv_p50, j->npsv_p95);
  if (j->bcr_draws)
    g_string_append_printf (out, "; BCR P5 %.2f, P50 %.2f, P95 %.2f; P(BCR > 1) = %.3f", j->bcr_p5,
                            j->bcr_p50, j->bcr_p95, j->p_bcr_above_1);
  /* Targeting moves the result only through the targeted areas' caps. */
  if (j->npsv_p5 == a->npsv_p5 && j->npsv_p95 == a->npsv_p95 && j->npsv_mean == a->npsv_mean)
    g_string_append (
        out, " (the same as without: in no draw do the targeted areas' caps hold back the people "
             "reached, and a person's benefits do not depend on the area)");
  g_string_append_c (out, '\n');
  guint n = a->n_areas;
  for (guint i = 0; i < a->n_iv; i++)
    {
      const dxi_intervention *iv = a->sc->interventions->pdata[i];
      if (iv->targeting != DXI_TARGET_TOP_PERCENT && iv->targeting != DXI_TARGET_DECILES)
        continue;
      guint nominal = 0, sure = 0;
      double least = 2;
      gint least_r = -1;
      for (guint r = 0; r < n; r++)
        {
          double p = a->iv_p_targeted[(gsize) i * n + r];
          if (!a->iv_targeted[(gsize) i * n + r])
            continue;
          nominal++;
          sure += p >= 0.95;
          if (p < least)
            least = p, least_r = (gint) r;
        }
      g_string_append_printf (
          out, "  targeting of '%s': %u of its %u areas targeted in >= 95%% of index draws", iv->id,
          sure, nominal);
      if (least_r >= 0)
        g_string_append_printf (out, "; least sure %s (%.0f%% of draws)",
                                dxi_frame_code (areas, (guint) least_r), 100 * least);
      g_string_append_printf (out, "; %u areas in and out of the targeting across draws\n",
                              a->iv_targets_vary[i]);
    }
}
