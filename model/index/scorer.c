#include "index/scorer.h"

#include <math.h>

#include "index/normalise.h"

void
dxi_scorer_init (dxi_scorer *s, guint n_areas, guint n_ind, guint n_dom)
{
  *s = (dxi_scorer){ .n_areas = n_areas, .n_ind = n_ind, .n_dom = n_dom, .shift_frac = 0.1 };
  s->dom_of = g_new0 (guint, MAX (n_ind, 1));
}

void
dxi_scorer_clear (dxi_scorer *s)
{
  for (guint k = 0; k < DXI_NORM_N; k++)
    {
      g_clear_pointer (&s->values[k], g_free);
      g_clear_pointer (&s->logs[k], g_free);
    }
  g_clear_pointer (&s->dom_of, g_free);
}

double
dxi_scorer_geometric_shift (const double *x, gsize n, double frac)
{
  double lo = INFINITY, hi = -INFINITY;
  for (gsize i = 0; i < n; i++)
    if (!isnan (x[i]))
      {
        lo = MIN (lo, x[i]);
        hi = MAX (hi, x[i]);
      }
  if (!isfinite (lo) || lo > 0)
    return 0.0;
  double range = hi - lo;
  return -lo + frac * (range > 0 ? range : 1.0);
}

double
dxi_scorer_geometric_mean (const double *x, const double *w, guint k, double c)
{
  double acc = 0, wsum = 0;
  for (guint i = 0; i < k; i++)
    if (!isnan (x[i]))
      {
        acc += w[i] * log (x[i] + c);
        wsum += w[i];
      }
  return wsum > 0 ? exp (acc / wsum) - c : NAN;
}

void
dxi_scorer_prepare (dxi_scorer *s)
{
  gsize cells = (gsize) s->n_areas * s->n_ind;
  s->complete = TRUE;
  for (gsize i = 0; i < cells && s->complete; i++)
    s->complete = !isnan (s->values[0][i]);
  gboolean geometric = FALSE;
  for (guint a = 0; a < s->n_agg; a++)
    geometric |= s->within[a] == DXI_AGG_GEOMETRIC;
  if (!geometric)
    return;
  for (guint k = 0; k < s->n_norm; k++)
    {
      s->shift[k] = dxi_scorer_geometric_shift (s->values[k], cells, s->shift_frac);
      s->logs[k] = g_new (double, MAX (cells, 1));
      for (gsize i = 0; i < cells; i++)
        s->logs[k][i] = log (s->values[k][i] + s->shift[k]);
    }
}

void
dxi_scorer_work_init (const dxi_scorer *s, dxi_scorer_work *w)
{
  guint n = MAX (s->n_areas, 1);
  w->acc = g_new (double, n);
  w->wsum = g_new (double, n);
  w->mid = g_new (double, n);
  w->dom = g_new (double, (gsize) n *MAX (s->n_dom, 1));
  dxi_ranker_init (&w->ranker, s->n_areas);
}

void
dxi_scorer_work_clear (dxi_scorer_work *w)
{
  g_clear_pointer (&w->acc, g_free);
  g_clear_pointer (&w->wsum, g_free);
  g_clear_pointer (&w->mid, g_free);
  g_clear_pointer (&w->dom, g_free);
  dxi_ranker_clear (&w->ranker);
}

/* Accumulate W * column into ACC / WSUM, skipping NAN; with no NAN (COMPLETE)
 * the weight sum is the same for every area and kept in WSUM[0] only. */
static void
accumulate (const double *col, double w, guint n, gboolean complete, double *acc, double *wsum)
{
  if (complete)
    {
      for (guint a = 0; a < n; a++)
        acc[a] += w * col[a];
      wsum[0] += w;
      return;
    }
  for (guint a = 0; a < n; a++)
    {
      double v = col[a];
      if (!isnan (v))
        {
          acc[a] += w * v;
          wsum[a] += w;
        }
    }
}

static void
finish (const double *acc, const double *wsum, guint n, gboolean complete, gboolean geometric,
        double c, double *out)
{
  for (guint a = 0; a < n; a++)
    {
      double ws = complete ? wsum[0] : wsum[a];
      double m = ws > 0 ? acc[a] / ws : NAN;
      out[a] = geometric ? exp (m) - c : m;
    }
}

/* Re-rank each domain score and put it through the IoD exponential transform. */
static void
transform_domains (const dxi_scorer *s, dxi_scorer_work *w)
{
  guint n = s->n_areas;
  for (guint d = 0; d < s->n_dom; d++)
    {
      double *col = w->dom + (gsize) d * n;
      dxi_ranker_sort (&w->ranker, col);
      dxi_ranker_mid_ranks_ascending (&w->ranker, w->mid);
      guint valid = 0;
      for (guint a = 0; a < n; a++)
        valid += !isnan (col[a]);
      guint nan_count = n - valid;
      for (guint a = 0; a < n; a++)
        if (!isnan (col[a]))
          col[a] = dxi_normalise_iod_exp ((w->mid[a] - nan_count) / valid);
    }
}

void
dxi_scorer_score (const dxi_scorer *s, guint norm, guint agg, const double *w_ind,
                  const double *w_dom, dxi_scorer_work *work, double *score)
{
  guint n = s->n_areas;
  gboolean geo_in = s->within[agg] == DXI_AGG_GEOMETRIC;
  gboolean geo_across = s->across[agg] == DXI_AGG_GEOMETRIC;
  const double *matrix = geo_in ? s->logs[norm] : s->values[norm];
  gboolean complete = s->complete;
  for (guint d = 0; d < s->n_dom; d++)
    {
      for (guint a = 0; a < n; a++)
        work->acc[a] = work->wsum[a] = 0;
      for (guint j = 0; j < s->n_ind; j++)
        if (s->dom_of[j] == d && w_ind[j] > 0)
          accumulate (matrix + (gsize) j * n, w_ind[j], n, complete, work->acc, work->wsum);
      finish (work->acc, work->wsum, n, complete, geo_in, s->shift[norm],
              work->dom + (gsize) d * n);
    }
  if (s->domain_transform == DXI_DOMAIN_TRANSFORM_IOD_EXP)
    transform_domains (s, work);

  double c = 0;
  if (geo_across)
    c = dxi_scorer_geometric_shift (work->dom, (gsize) n * s->n_dom, s->shift_frac);
  for (guint a = 0; a < n; a++)
    work->acc[a] = work->wsum[a] = 0;
  for (guint d = 0; d < s->n_dom; d++)
    {
      const double *col = work->dom + (gsize) d * n;
      if (!(w_dom[d] > 0))
        continue;
      if (!geo_across)
        accumulate (col, w_dom[d], n, complete, work->acc, work->wsum);
      else if (complete)
        {
          for (guint a = 0; a < n; a++)
            work->acc[a] += w_dom[d] * log (col[a] + c);
          work->wsum[0] += w_dom[d];
        }
      else
        for (guint a = 0; a < n; a++)
          if (!isnan (col[a]))
            {
              work->acc[a] += w_dom[d] * log (col[a] + c);
              work->wsum[a] += w_dom[d];
            }
    }
  finish (work->acc, work->wsum, n, complete, geo_across, c, score);
}
