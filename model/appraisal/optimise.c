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
  g_free (o->base_people);
  g_free (o->marginal_cost);
  g_free (o->iv_people);
  g_free (o->iv_base_people);
  if (o->why)
    g_strfreev (o->why);
  g_free (o);
}

/* The problem both splits are priced on. */
typedef struct
{
  const dxi_appraisal *a;
  guint m, n, h;
  double k, ob;
  const double *capacity; /* m */
  const double *cap;      /* m x n: the area's cap, 0 where the intervention does not target it */
  const double *value;    /* m x h: v_it, PV of benefits per person reached in year t */
  const double *cpp;      /* m */
  const guint *order;     /* n: areas, most excluded first */
} problem;

/* A plan being built: people per (intervention, area), cumulative. */
typedef struct
{
  double *used; /* m x n */
  double pv_benefits, pv_variable, spend;
  gboolean *at_capacity; /* m: held to its capacity in some year */
} plan;

/* Cost of reaching Q more people of intervention I in an area with cap E
 * of which X are reached: c q (1 + k (x + q/2) / E). */
static double
reach_cost (const problem *p, guint i, double e, double x, double q)
{
  if (q <= 0 || e <= 0)
    return 0;
  return p->cpp[i] * q * (1 + p->k * (x + q / 2) / e);
}

/* Record Q more people of I in R in year T. */
static void
take (const problem *p, plan *pl, guint i, guint r, guint t, double q)
{
  gsize k = (gsize) i * p->n + r;
  double cost = reach_cost (p, i, p->cap[k], pl->used[k], q);
  pl->used[k] += q;
  pl->spend += cost;
  pl->pv_benefits += q * p->value[(gsize) i * p->h + t];
  pl->pv_variable += cost * (1 + p->ob) * p->a->df[t];
}

/* k > 0: the people of I in each area at threshold LAMBDA on net value per
 * pound and MU on people, into Q (n); returns their total.  Every targeted
 * area is filled to the same share s of its cap, where the marginal cost
 * c (1 + k s) equals (v - mu) / (lambda + (1 + ob) DF_t). */
static double
fill_at (const problem *p, const plan *pl, guint i, guint t, double lambda, double mu, double *q)
{
  double g = (1 + p->ob) * p->a->df[t], v = p->value[(gsize) i * p->h + t];
  double s = p->cpp[i] > 0 ? ((v - mu) / (p->cpp[i] * (lambda + g)) - 1) / p->k : 0, total = 0;
  for (guint r = 0; r < p->n; r++)
    {
      gsize k = (gsize) i * p->n + r;
      double e = p->cap[k], x = pl->used[k];
      q[r] = e > 0 ? CLAMP (e * s - x, 0, e - x) : 0;
      total += q[r];
    }
  return total;
}

/* The same, held to the intervention's capacity (bisection on MU). */
static double
fill_iv (const problem *p, const plan *pl, guint i, guint t, double lambda, double *q,
         gboolean *capped)
{
  double people = fill_at (p, pl, i, t, lambda, 0, q);
  *capped = people > p->capacity[i];
  if (!*capped)
    return people;
  double lo = 0, hi = p->value[(gsize) i * p->h + t];
  for (int it = 0; it < 80; it++)
    {
      double mid = (lo + hi) / 2;
      if (fill_at (p, pl, i, t, lambda, mid, q) > p->capacity[i])
        lo = mid;
      else
        hi = mid;
    }
  return fill_at (p, pl, i, t, lambda, hi, q);
}

/* Spend of every option at LAMBDA, the people into Q (m x n). */
static double
spend_at (const problem *p, const plan *pl, guint t, double lambda, double *q, gboolean *capped)
{
  double spend = 0;
  for (guint i = 0; i < p->m; i++)
    {
      fill_iv (p, pl, i, t, lambda, q + (gsize) i * p->n, &capped[i]);
      for (guint r = 0; r < p->n; r++)
        {
          gsize k = (gsize) i * p->n + r;
          spend += reach_cost (p, i, p->cap[k], pl->used[k], q[k]);
        }
    }
  return spend;
}

/* Year T with BUDGET, rising reach cost: the threshold LAMBDA >= 0 at which
 * the options spend the budget (or all worth funding when less). */
static void
year_rising (const problem *p, plan *pl, guint t, double budget)
{
  g_autofree double *q = g_new (double, (gsize) p->m * p->n);
  g_autofree gboolean *capped = g_new (gboolean, p->m);
  double lo = 0, hi = 0;
  for (guint i = 0; i < p->m; i++)
    if (p->cpp[i] > 0)
      hi = MAX (hi, p->value[(gsize) i * p->h + t] / p->cpp[i]);
  if (spend_at (p, pl, t, 0, q, capped) > budget)
    {
      for (int it = 0; it < 100; it++)
        {
          double mid = (lo + hi) / 2;
          if (spend_at (p, pl, t, mid, q, capped) > budget)
            lo = mid;
          else
            hi = mid;
        }
      spend_at (p, pl, t, hi, q, capped);
    }
  for (guint i = 0; i < p->m; i++)
    {
      pl->at_capacity[i] |= capped[i];
      for (guint r = 0; r < p->n; r++)
        take (p, pl, i, r, t, q[(gsize) i * p->n + r]);
    }
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

/* Year T with BUDGET, constant reach cost: the best net value per pound
 * first, the most excluded areas first (the fractional knapsack). */
static void
year_constant (const problem *p, plan *pl, guint t, double budget)
{
  g_autofree option *opts = g_new (option, p->m);
  double g = (1 + p->ob) * p->a->df[t];
  for (guint i = 0; i < p->m; i++)
    opts[i]
        = (option){ i, p->cpp[i] > 0 ? p->value[(gsize) i * p->h + t] / p->cpp[i] - g : -INFINITY };
  qsort (opts, p->m, sizeof (option), by_ratio);
  for (guint o = 0; o < p->m && budget > 1e-9 && opts[o].ratio > 0; o++)
    {
      guint i = opts[o].iv;
      double room = p->capacity[i];
      for (guint k = 0; k < p->n && budget > 1e-9 && room > 0; k++)
        {
          guint r = p->order[k];
          gsize ir = (gsize) i * p->n + r;
          double q = MIN (MIN (p->cap[ir] - pl->used[ir], budget / p->cpp[i]), room);
          if (q <= 0)
            continue;
          take (p, pl, i, r, t, q);
          budget -= q * p->cpp[i];
          room -= q;
        }
      pl->at_capacity[i] |= room <= 1e-9;
    }
}

/* Cost of the people Q (m x n) times ALPHA. */
static double
split_cost (const problem *p, const plan *pl, const double *q, double alpha)
{
  double cost = 0;
  for (gsize k = 0; k < (gsize) p->m * p->n; k++)
    cost += reach_cost (p, (guint) (k / p->n), p->cap[k], pl->used[k], alpha * q[k]);
  return cost;
}

/* The scenario's split in year T, held to the capacities and scaled down
 * (one factor for the year) where it would cost more than BUDGET. */
static void
year_scenario (const problem *p, plan *pl, guint t, double budget)
{
  const dxi_appraisal *a = p->a;
  g_autofree double *q = g_new (double, (gsize) p->m * p->n);
  for (guint i = 0; i < p->m; i++)
    {
      double people = 0;
      for (guint r = 0; r < p->n; r++)
        people += q[(gsize) i * p->n + r]
            = p->cpp[i] > 0 ? a->iv_area_year[((gsize) i * p->n + r) * p->h + t] : 0;
      double scale = people > p->capacity[i] ? p->capacity[i] / people : 1;
      pl->at_capacity[i] |= scale < 1;
      for (guint r = 0; r < p->n; r++)
        q[(gsize) i * p->n + r] *= scale;
    }
  double alpha = 1;
  if (split_cost (p, pl, q, 1) > budget * (1 + 1e-12) + 1e-9)
    {
      double lo = 0, hi = 1;
      for (int it = 0; it < 100; it++)
        {
          double mid = (lo + hi) / 2;
          *(split_cost (p, pl, q, mid) > budget ? &hi : &lo) = mid;
        }
      alpha = lo;
    }
  for (gsize k = 0; k < (gsize) p->m * p->n; k++)
    take (p, pl, (guint) (k / p->n), (guint) (k % p->n), t, alpha * q[k]);
}

/* Why intervention I got what it got in the optimised plan PL. */
static char *
why (const problem *p, const plan *pl, guint i)
{
  double room = 0, people = 0, best = -INFINITY, last = 0;
  for (guint r = 0; r < p->n; r++)
    {
      gsize k = (gsize) i * p->n + r;
      room += p->cap[k];
      people += pl->used[k];
      if (p->cap[k] > 0)
        last = MAX (last, p->cpp[i] * (1 + p->k * pl->used[k] / p->cap[k]));
    }
  for (guint t = 0; p->cpp[i] > 0 && t < p->h; t++)
    best = MAX (best, p->value[(gsize) i * p->h + t] / p->cpp[i] - (1 + p->ob) * p->a->df[t]);
  if (p->cpp[i] <= 0)
    return g_strdup ("no cost per person: its people stay the scenario's (only the spend on people "
                     "reached is re-split)");
  if (room <= 0)
    return g_strdup ("its targeting picks no area with room under the cap");
  if (best <= 0)
    return g_strdup_printf (
        "each GBP 1 spent returns at most GBP %.2f net of its PV cost: not worth funding", best);
  if (people >= room * (1 - 1e-9))
    return g_strdup_printf ("its targeted areas' caps are used up (%.0f people)", room);
  if (pl->at_capacity[i])
    return g_strdup_printf ("held to its capacity (%.0f people a year)", p->capacity[i]);
  if (people <= 1e-9)
    return g_strdup_printf (
        "other options returned more per pound (its best: GBP %.2f net per GBP 1)", best);
  if (p->k > 0)
    return g_strdup_printf (
        "funded until the next person cost GBP %.2f (its areas %.0f%% used), where no option "
        "returned more per pound",
        last, 100 * people / room);
  return g_strdup ("funded after the options returning more per pound, with what the spend left");
}

static int
by_rank (const void *x, const void *y, gpointer rank)
{
  double a = ((const double *) rank)[*(const guint *) x],
         b = ((const double *) rank)[*(const guint *) y];
  return (a > b) - (a < b);
}

static void
plan_init (plan *pl, guint m, guint n)
{
  *pl = (plan){ g_new0 (double, (gsize) m *n), 0, 0, 0, g_new0 (gboolean, m) };
}

static void
plan_clear (plan *pl)
{
  g_free (pl->used);
  g_free (pl->at_capacity);
}

typedef void (*year_fn) (const problem *p, plan *pl, guint t, double budget);

/* NPSV of a plan: its variable costs and benefits, the scenario's fixed
 * costs and the people of interventions without a cost per person. */
static double
solve (const problem *p, year_fn fn, plan *pl, double constant)
{
  for (guint t = 0; t < p->h; t++)
    fn (p, pl, t, p->a->cost_variable[t]);
  return pl->pv_benefits - pl->pv_variable + constant;
}

/* Per intervention: the cost per person, the PV of benefits per person
 * reached in each year and the areas' caps; returns the NPSV of the people
 * of interventions without a cost per person, which the optimiser cannot move. */
static double
intervention_values (const dxi_appraisal *a, double *cap, double *value, double *cpp)
{
  const dxi_scenario *sc = a->sc;
  guint n = a->n_areas, h = a->n_years, m = a->n_iv;
  double constant = 0;
  for (guint i = 0; i < m; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      cpp[i] = ((dxi_param *) sc->params->pdata[iv->cost_per_person])->value;
      double success = ((dxi_param *) sc->params->pdata[iv->success_rate])->value;
      dxi_appraisal_pv_per_helped (a, iv, value + (gsize) i * h);
      for (guint t = 0; t < h; t++)
        {
          value[(gsize) i * h + t] *= success;
          if (cpp[i] <= 0)
            constant += a->reached[i * h + t] * value[(gsize) i * h + t];
        }
      for (guint r = 0; r < n && cpp[i] > 0; r++)
        cap[(gsize) i * n + r]
            = a->iv_targeted[(gsize) i * n + r] ? a->iv_cap[(gsize) i * n + r] : 0;
    }
  return constant;
}

/* The people of the chosen plan and of the scenario's split, per
 * intervention and area, the marginal reach cost and why each moved. */
static void
report_people (dxi_optimum *o, const problem *p, const plan *chosen, const plan *base)
{
  const dxi_appraisal *a = p->a;
  guint n = p->n, h = p->h, m = p->m;
  o->people = g_memdup2 (chosen->used, (gsize) m * n * sizeof (double));
  o->base_people = g_memdup2 (base->used, (gsize) m * n * sizeof (double));
  o->marginal_cost = g_new0 (double, (gsize) m *n);
  o->iv_people = g_new0 (double, m);
  o->iv_base_people = g_new0 (double, m);
  o->why = g_new0 (char *, m + 1);
  for (guint i = 0; i < m; i++)
    {
      o->why[i] = why (p, chosen, i);
      for (guint r = 0; r < n; r++)
        {
          gsize k = (gsize) i * n + r;
          o->iv_people[i] += o->people[k];
          o->iv_base_people[i] += o->base_people[k];
          if (p->cap[k] > 0)
            o->marginal_cost[k] = p->cpp[i] * (1 + p->k * o->people[k] / p->cap[k]);
        }
      if (p->cpp[i] <= 0)
        for (guint t = 0; t < h; t++)
          o->iv_people[i] += a->reached[i * h + t], o->iv_base_people[i] += a->reached[i * h + t];
    }
}

dxi_optimum *
dxi_optimise (const dxi_appraisal *a, const dxi_frame *areas, GError **error)
{
  const dxi_optimiser_settings *settings = a->sc->optimiser;
  const dxi_scenario *sc = a->sc;
  guint n = a->n_areas, h = a->n_years, m = a->n_iv;
  g_autoptr (dxi_optimum) o = g_new0 (dxi_optimum, 1);
  o->n_iv = m;
  o->n_areas = n;
  o->scenario_npsv = a->npsv;
  if (settings == NULL || !settings->given)
    return g_steal_pointer (&o);
  gint rank_col = dxi_frame_find_column (areas, "index_rank");
  if (rank_col < 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "the optimiser needs the index ranks");
      return NULL;
    }
  g_autofree guint *order = g_new (guint, n);
  for (guint r = 0; r < n; r++)
    order[r] = r;
  g_qsort_with_data (order, (gint) n, sizeof (guint), by_rank,
                     (gpointer) dxi_frame_column_data (areas, (guint) rank_col));
  g_autofree double *cap = g_new0 (double, (gsize) m *n), *value = g_new0 (double, (gsize) m *h);
  g_autofree double *cpp = g_new (double, m);
  double ob = ((dxi_param *) sc->params->pdata[sc->optimism_bias])->value;
  double constant = intervention_values (a, cap, value, cpp);
  /* Fixed costs as the scenario has them. */
  for (guint t = 0; t < h; t++)
    {
      o->spend += a->cost_variable[t];
      constant -= (a->cost_capital[t] + a->cost_revenue[t]) * (1 + ob) * a->df[t];
    }
  problem p
      = { a, m, n, h, settings->reach_cost_rise, ob, settings->capacity, cap, value, cpp, order };
  plan base, best;
  plan_init (&base, m, n);
  plan_init (&best, m, n);
  o->ran = TRUE;
  o->reach_cost_rise = p.k;
  o->base_npsv = solve (&p, year_scenario, &base, constant);
  o->npsv = solve (&p, p.k > 0 ? year_rising : year_constant, &best, constant);
  o->base_unspent = MAX (0, o->spend - base.spend);
  /* Never reported better than it is: the scenario's split when no better. */
  o->kept_scenario = o->npsv < o->base_npsv;
  const plan *chosen = o->kept_scenario ? &base : &best;
  o->npsv = MAX (o->npsv, o->base_npsv);
  o->unspent = MAX (0, o->spend - chosen->spend);
  report_people (o, &p, chosen, &base);
  plan_clear (&base);
  plan_clear (&best);
  return g_steal_pointer (&o);
}

void
dxi_optimum_summary (const dxi_optimum *o, const dxi_appraisal *a, GString *out)
{
  if (!o->ran)
    {
      g_string_append (out, "  optimiser: not run: the scenario has no 'optimiser: "
                            "{reach_cost_rise: {value, source}}' "
                            "(how fast reaching people costs more as an area's cap is used up; dxi "
                            "has no default)\n");
      return;
    }
  g_string_append_printf (
      out,
      "  optimiser (the same spend on people reached, £%.0f, targeting and caps; the next person "
      "costs c (1 + %g u), u the share of the area's cap used): the scenario's split NPSV £%.0f, "
      "optimised £%.0f%s; see optimise.csv\n",
      o->spend, o->reach_cost_rise, o->base_npsv, o->npsv,
      o->kept_scenario ? " (no better split found: the scenario's is kept)" : "");
  for (guint i = 0; i < o->n_iv; i++)
    g_string_append_printf (out, "    %s: %.0f -> %.0f people: %s\n",
                            ((dxi_intervention *) a->sc->interventions->pdata[i])->id,
                            o->iv_base_people[i], o->iv_people[i], o->why[i]);
  if (o->unspent > 0.5)
    g_string_append_printf (
        out,
        "    £%.0f of the spend is left unspent: nothing more returned its cost within the caps\n",
        o->unspent);
}
