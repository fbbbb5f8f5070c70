#include "index/uncertainty.h"
#include "core/jobs.h"
#include "core/random.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const dxi_sobol_group_names[] = { "weights", "normalisation", "aggregation", NULL };

/* One evaluation of the index: its inputs. */
typedef struct
{
  guint8 norm, agg;
  const double *w; /* n_ind indicator weights then n_dom domain weights */
} eval_spec;

/* The ranks of the Monte Carlo draws, stored by area: area a's D ranks are
 * contiguous, so its quantiles read them in one sweep (stored by draw, they
 * were D reads n ranks apart).  Ranks are whole numbers up to n, exact in 16
 * bits when n <= 65535 (every LSOA of England and Wales), which halves the
 * store; 32 bits beyond.  Held once by the index, until the appraisal has
 * taken its by-draw copy (dxi_uncertainty_ranks_by_draw).
 *
 * Where the store would pass store_budget, the quantiles are found in two
 * passes instead (rank_hist) and no ranks are kept: the store holds what
 * evaluates the draws again (a copy of the scorer and the draws' inputs;
 * each draw's ranks depend only on its inputs), and the by-draw copy is
 * made by ranking them again. */
typedef struct dxi_rank_store
{
  guint draws, n;
  guint16 *narrow; /* n x draws, when n <= G_MAXUINT16 */
  guint32 *wide;   /* n x draws, otherwise */
  /* No ranks stored: the draws evaluated again from these. */
  dxi_scorer *scorer; /* a copy, owned */
  eval_spec *specs;   /* draws; their weights in WEIGHTS */
  double *weights;
  guint threads;
} rank_store;

static gsize store_budget = (gsize) 128 << 20;

void
dxi_uncertainty_set_store_budget (gsize bytes)
{
  store_budget = bytes;
}

static gsize
rank_store_bytes (guint draws, guint n)
{
  return (gsize) draws * n * (n <= G_MAXUINT16 ? sizeof (guint16) : sizeof (guint32));
}

static void
rank_store_init (rank_store *st, guint draws, guint n)
{
  *st = (rank_store){ .draws = draws, .n = n };
  gsize cells = MAX ((gsize) draws * n, 1);
  if (n <= G_MAXUINT16)
    st->narrow = g_new (guint16, cells);
  else
    st->wide = g_new (guint32, cells);
}

static void
rank_store_clear (rank_store *st)
{
  g_clear_pointer (&st->narrow, g_free);
  g_clear_pointer (&st->wide, g_free);
  if (st->scorer)
    dxi_scorer_clear (st->scorer);
  g_clear_pointer (&st->scorer, g_free);
  g_clear_pointer (&st->specs, g_free);
  g_clear_pointer (&st->weights, g_free);
}

/* Store the ranks of draws FIRST .. FIRST + M, held by draw in BLOCK (M rows
 * of n), by area. */
static void
rank_store_put (rank_store *st, const guint32 *block, guint first, guint m)
{
  for (guint a = 0; a < st->n; a++)
    {
      gsize at = (gsize) a * st->draws + first;
      if (st->narrow)
        for (guint j = 0; j < m; j++)
          st->narrow[at + j] = (guint16) block[(gsize) j * st->n + a];
      else
        for (guint j = 0; j < m; j++)
          st->wide[at + j] = block[(gsize) j * st->n + a];
    }
}

/* The draws' ranks of area A into OUT[0..draws). */
static void
rank_store_get (const rank_store *st, guint a, guint32 *out)
{
  gsize at = (gsize) a * st->draws;
  if (st->narrow)
    for (guint d = 0; d < st->draws; d++)
      out[d] = st->narrow[at + d];
  else
    memcpy (out, st->wide + at, st->draws * sizeof *out);
}

/* A deep copy of S. */
static dxi_scorer *
scorer_copy (const dxi_scorer *s)
{
  dxi_scorer *c = g_memdup2 (s, sizeof *s);
  gsize cells = MAX ((gsize) s->n_areas * s->n_ind, 1);
  c->dom_of = g_memdup2 (s->dom_of, MAX (s->n_ind, 1) * sizeof (guint));
  for (guint k = 0; k < DXI_NORM_N; k++)
    {
      c->values[k] = s->values[k] ? g_memdup2 (s->values[k], cells * sizeof (double)) : NULL;
      c->logs[k] = s->logs[k] ? g_memdup2 (s->logs[k], cells * sizeof (double)) : NULL;
    }
  return c;
}

/* Keep in ST what evaluates its draws again: SPECS[0..draws) of SCORER. */
static void
rank_store_keep_inputs (rank_store *st, const dxi_scorer *scorer, const eval_spec *specs,
                        guint threads)
{
  guint nw = scorer->n_ind + scorer->n_dom;
  st->scorer = scorer_copy (scorer);
  st->specs = g_new (eval_spec, MAX (st->draws, 1));
  st->weights = g_new (double, MAX ((gsize) st->draws * nw, 1));
  for (guint d = 0; d < st->draws; d++)
    {
      memcpy (st->weights + (gsize) d * nw, specs[d].w, nw * sizeof (double));
      st->specs[d] = specs[d];
      st->specs[d].w = st->weights + (gsize) d * nw;
    }
  st->threads = threads;
}

/* Exact quantiles without the store, in two passes over the draws.  Pass 1
 * counts each area's ranks in bins of WIDTH = 2^SHIFT ranks; that locates
 * the bin holding each order statistic the quantiles need (the k-th and
 * (k + 1)-th of type 7, three quantiles) and how many ranks lie in the bins
 * before it.  Pass 2 evaluates the same draws again (they are seeded, each
 * draw's ranks depend only on its inputs) and counts, per area, the ranks
 * within those bins one by one, which gives each order statistic exactly:
 * the same numbers as sorting the stored ranks.  Memory: n x (bins or
 * N_STATS x WIDTH) counts, about sqrt (6 n) per area, whatever the draws. */
#define N_QUANTILES 3
#define N_STATS (2 * N_QUANTILES)

static const double quantile_probs[N_QUANTILES] = { 0.05, 0.5, 0.95 };

typedef struct
{
  guint n, draws, shift, bins;
  guint stat[N_STATS];  /* order statistics (0-based) for each quantile: k, then k or k + 1 */
  guint32 *coarse;      /* pass 1: n x bins counts */
  guint32 *top;         /* pass 1: per area, draws ranked in the top decile */
  guint32 *bin, *below; /* n x N_STATS: bin of each order statistic, ranks in bins before it */
  guint32 *fine;        /* pass 2: n x N_STATS x width counts */
} rank_hist;

static void
rank_hist_init (rank_hist *h, guint n, guint draws)
{
  *h = (rank_hist){ .n = n, .draws = draws };
  /* The shift that makes the larger of the two passes' counts least. */
  gsize best = G_MAXSIZE;
  for (guint s = 0; s < 20; s++)
    {
      gsize bins = ((gsize) n + (1u << s) - 1) >> s, cost = MAX (bins, (gsize) N_STATS << s);
      if (cost < best)
        {
          best = cost;
          h->shift = s;
          h->bins = (guint) bins;
        }
    }
  for (guint q = 0; q < N_QUANTILES; q++)
    {
      double at = (draws - 1) * quantile_probs[q];
      guint k = (guint) floor (at);
      h->stat[2 * q] = k;
      h->stat[2 * q + 1] = k + 1 < draws && at > k ? k + 1 : k;
    }
  h->coarse = g_new0 (guint32, MAX ((gsize) n * h->bins, 1));
  h->top = g_new0 (guint32, MAX (n, 1));
}

static void
rank_hist_clear (rank_hist *h)
{
  g_clear_pointer (&h->coarse, g_free);
  g_clear_pointer (&h->top, g_free);
  g_clear_pointer (&h->bin, g_free);
  g_clear_pointer (&h->below, g_free);
  g_clear_pointer (&h->fine, g_free);
}

/* Pass 1: count area A's ranks X[0..m) of some draws. */
static void
rank_hist_count (rank_hist *h, guint a, const guint32 *x, guint m)
{
  guint32 *c = h->coarse + (gsize) a * h->bins, top = 0;
  for (guint j = 0; j < m; j++)
    {
      c[(x[j] - 1) >> h->shift]++;
      top += 10 * (guint64) x[j] <= h->n;
    }
  h->top[a] += top;
}

/* Between the passes: the bins holding the order statistics. */
static void
rank_hist_locate (rank_hist *h)
{
  h->bin = g_new (guint32, MAX ((gsize) h->n * N_STATS, 1));
  h->below = g_new (guint32, MAX ((gsize) h->n * N_STATS, 1));
  for (guint a = 0; a < h->n; a++)
    {
      const guint32 *c = h->coarse + (gsize) a * h->bins;
      guint b = 0, cum = 0;
      for (guint i = 0; i < N_STATS; i++)
        {
          if (i > 0 && h->stat[i] < h->stat[i - 1])
            b = cum = 0;
          while (cum + c[b] <= h->stat[i])
            cum += c[b++];
          h->bin[(gsize) a * N_STATS + i] = b;
          h->below[(gsize) a * N_STATS + i] = cum;
        }
    }
  g_clear_pointer (&h->coarse, g_free);
  h->fine = g_new0 (guint32, MAX ((gsize) h->n * N_STATS << h->shift, 1));
}

/* Pass 2: count area A's ranks X[0..m) of some draws within the located bins. */
static void
rank_hist_refine (rank_hist *h, guint a, const guint32 *x, guint m)
{
  guint32 mask = (1u << h->shift) - 1;
  const guint32 *bin = h->bin + (gsize) a * N_STATS;
  guint32 *f = h->fine + ((gsize) a * N_STATS << h->shift);
  for (guint j = 0; j < m; j++)
    {
      guint32 r = x[j] - 1, b = r >> h->shift;
      for (guint i = 0; i < N_STATS; i++)
        if (bin[i] == b)
          f[((gsize) i << h->shift) + (r & mask)]++;
    }
}

/* After pass 2: area A's order statistic I (a rank). */
static double
rank_hist_stat (const rank_hist *h, guint a, guint i)
{
  gsize at = (gsize) a * N_STATS + i;
  const guint32 *f = h->fine + (at << h->shift);
  guint32 cum = h->below[at], o = 0;
  while (cum + f[o] <= h->stat[i])
    cum += f[o++];
  return (double) (((guint64) h->bin[at] << h->shift) + o + 1);
}

/* After pass 2: the quantiles and top-decile shares into OUT. */
static void
rank_hist_finish (const rank_hist *h, dxi_uncertainty *out)
{
  for (guint a = 0; a < h->n; a++)
    {
      double q[N_QUANTILES];
      for (guint k = 0; k < N_QUANTILES; k++)
        {
          double at = (h->draws - 1) * quantile_probs[k];
          double lo = rank_hist_stat (h, a, 2 * k), hi = rank_hist_stat (h, a, 2 * k + 1);
          q[k] = lo + (at - floor (at)) * (hi - lo);
        }
      out->rank_p5[a] = q[0];
      out->rank_median[a] = q[1];
      out->rank_p95[a] = q[2];
      out->p_top_decile[a] = (double) h->top[a] / h->draws;
    }
}

/* Evaluations are ranked this many at a time, then stored by area in one
 * sweep (a cache line of 16-bit ranks per area). */
#define EVAL_BLOCK 32

/* Where the ranks of the first KEPT evaluations go. */
typedef enum
{
  SINK_STORE,   /* the by-area store */
  SINK_BY_DRAW, /* a draws x n copy */
} sink_kind;

typedef struct
{
  const dxi_scorer *scorer;
  const eval_spec *specs;
  const guint32 *nominal; /* with Y: the nominal ranks; NULL when no shifts are wanted */
  double *y;              /* per evaluation: mean absolute rank shift */
  guint kept;
  sink_kind sink;
  rank_store *store;
  guint32 *by_draw;
} eval_ctx;

/* The ranks of evaluations FIRST .. FIRST + M (M rows of n in BLOCK) to the sink. */
static void
sink_put (eval_ctx *c, const guint32 *block, guint first, guint m)
{
  switch (c->sink)
    {
    case SINK_STORE:
      rank_store_put (c->store, block, first, m);
      break;
    case SINK_BY_DRAW:
      memcpy (c->by_draw + (gsize) first * c->scorer->n_areas, block,
              (gsize) m * c->scorer->n_areas * sizeof *block);
      break;
    }
}

static double
mean_shift (const guint32 *rank, const guint32 *nominal, guint n)
{
  guint64 shift = 0;
  for (guint a = 0; a < n; a++)
    shift += rank[a] > nominal[a] ? rank[a] - nominal[a] : nominal[a] - rank[a];
  return (double) shift / n;
}

/* Evaluations START .. END (the first c->kept of all are the Monte Carlo
 * draws, whose ranks go to the sink). */
static void
eval_range (gpointer data, guint start, guint end)
{
  eval_ctx *c = data;
  const dxi_scorer *s = c->scorer;
  guint n = s->n_areas, kept = c->kept;
  dxi_scorer_work work;
  dxi_scorer_work_init (s, &work);
  g_autofree double *score = g_new (double, n);
  g_autofree guint32 *block = g_new (guint32, (gsize) EVAL_BLOCK * n);
  for (guint e0 = start; e0 < end; e0 += EVAL_BLOCK)
    {
      guint m = MIN (EVAL_BLOCK, end - e0);
      for (guint j = 0; j < m; j++)
        {
          const eval_spec *spec = &c->specs[e0 + j];
          guint32 *rank = block + (gsize) j * n;
          dxi_scorer_score (s, spec->norm, spec->agg, spec->w, spec->w + s->n_ind, &work, score);
          dxi_ranker_sort (&work.ranker, score);
          dxi_ranker_ranks (&work.ranker, rank);
          if (c->y)
            c->y[e0 + j] = mean_shift (rank, c->nominal, n);
        }
      if (e0 < kept)
        sink_put (c, block, e0, MIN (m, kept - e0));
    }
  dxi_scorer_work_clear (&work);
}

typedef struct
{
  const rank_store *store;
  dxi_uncertainty *out;
} quantile_ctx;

static void
quantile_range (gpointer data, guint start, guint end)
{
  quantile_ctx *c = data;
  static const double probs[] = { 0.05, 0.5, 0.95 };
  double q[3];
  guint draws = c->store->draws, n = c->store->n;
  g_autofree guint32 *buf = g_new (guint32, draws);
  for (guint a = start; a < end; a++)
    {
      rank_store_get (c->store, a, buf);
      guint top = 0;
      for (guint d = 0; d < draws; d++)
        top += 10 * (guint64) buf[d] <= n;
      c->out->p_top_decile[a] = (double) top / draws;
      dxi_rank_quantiles (buf, draws, probs, 3, q);
      c->out->rank_p5[a] = q[0];
      c->out->rank_median[a] = q[1];
      c->out->rank_p95[a] = q[2];
    }
}

guint32 *
dxi_uncertainty_ranks_by_draw (const dxi_uncertainty *u)
{
  const rank_store *st = u->draw_ranks;
  if (st == NULL)
    return NULL;
  guint32 *out = g_new (guint32, MAX ((gsize) st->draws * st->n, 1));
  if (st->narrow == NULL && st->wide == NULL)
    {
      /* Not stored: the draws ranked again. */
      eval_ctx ec = { .scorer = st->scorer,
                      .specs = st->specs,
                      .kept = st->draws,
                      .sink = SINK_BY_DRAW,
                      .by_draw = out };
      dxi_parallel_for (st->draws, st->threads, eval_range, &ec);
      return out;
    }
  g_autofree guint32 *area = g_new (guint32, MAX (st->draws, 1));
  for (guint a = 0; a < st->n; a++)
    {
      rank_store_get (st, a, area);
      for (guint d = 0; d < st->draws; d++)
        out[(gsize) d * st->n + a] = area[d];
    }
  return out;
}

void
dxi_uncertainty_drop_ranks (dxi_uncertainty *u)
{
  if (u->draw_ranks)
    rank_store_clear (u->draw_ranks);
  g_clear_pointer (&u->draw_ranks, g_free);
}

/* Draw one weight vector (indicators then domains) around the nominal one. */
static void
draw_weights (GRand *rng, const dxi_scorer *s, const double *w_ind, const double *w_dom,
              double kappa, double *out)
{
  double alpha[64], draw[64];
  guint idx[64];
  double *big_alpha = NULL, *big_draw = NULL;
  guint *big_idx = NULL;
  guint cap = MAX (s->n_ind, s->n_dom);
  double *al = alpha, *dr = draw;
  guint *ix = idx;
  if (cap > 64)
    {
      al = big_alpha = g_new (double, cap);
      dr = big_draw = g_new (double, cap);
      ix = big_idx = g_new (guint, cap);
    }
  for (guint j = 0; j < s->n_ind; j++)
    out[j] = w_ind[j];
  for (guint d = 0; d < s->n_dom; d++)
    {
      guint k = 0;
      for (guint j = 0; j < s->n_ind; j++)
        if (s->dom_of[j] == d && w_ind[j] > 0)
          {
            ix[k] = j;
            al[k++] = kappa * w_ind[j];
          }
      if (k < 2)
        continue;
      dxi_random_dirichlet (rng, al, k, dr);
      for (guint i = 0; i < k; i++)
        out[ix[i]] = dr[i];
    }
  double *od = out + s->n_ind;
  guint positive = 0;
  for (guint d = 0; d < s->n_dom; d++)
    {
      al[d] = kappa * w_dom[d];
      positive += w_dom[d] > 0;
    }
  if (positive >= 2)
    dxi_random_dirichlet (rng, al, s->n_dom, od);
  else
    for (guint d = 0; d < s->n_dom; d++)
      od[d] = w_dom[d];
  g_free (big_alpha);
  g_free (big_draw);
  g_free (big_idx);
}

static gboolean
weights_vary (const dxi_scorer *s, const double *w_ind, const double *w_dom)
{
  guint positive = 0;
  for (guint d = 0; d < s->n_dom; d++)
    {
      guint k = 0;
      for (guint j = 0; j < s->n_ind; j++)
        k += s->dom_of[j] == d && w_ind[j] > 0;
      if (k >= 2)
        return TRUE;
      positive += w_dom[d] > 0;
    }
  return positive >= 2;
}

static void
draw_inputs (GRand *rng, const dxi_scorer *s, const double *w_ind, const double *w_dom,
             double kappa, gboolean vary_w, eval_spec *spec, double *w)
{
  if (vary_w)
    draw_weights (rng, s, w_ind, w_dom, kappa, w);
  else
    {
      for (guint j = 0; j < s->n_ind; j++)
        w[j] = w_ind[j];
      for (guint d = 0; d < s->n_dom; d++)
        w[s->n_ind + d] = w_dom[d];
    }
  spec->w = w;
  spec->norm = s->n_norm > 1 ? (guint8) g_rand_int_range (rng, 0, (gint32) s->n_norm) : 0;
  spec->agg = s->n_agg > 1 ? (guint8) g_rand_int_range (rng, 0, (gint32) s->n_agg) : 0;
}

static guint
thread_count (const dxi_index_settings *s)
{
  if (s->threads > 0)
    return s->threads;
  return CLAMP (g_get_num_processors (), 1, 8);
}

/* The Sobol design (see uncertainty.h): indices into the evaluations. */
typedef struct
{
  guint N, groups;
  guint *ia, *ib, *iab; /* N, N, N x groups */
} sobol_design;

/* Draw every evaluation's inputs into SPECS (weights in WEIGHTS): D draws,
 * then the Sobol design.  The base matrices A and B are Monte Carlo draws
 * 2i and 2i + 1 when there are enough (they are independent draws from the
 * same distribution), else extra evaluations; then A_B^g for each varied
 * group. */
static void
draw_all (const dxi_scorer *scorer, const double *w_ind, const double *w_dom,
          const dxi_index_settings *s, const dxi_uncertainty *out, sobol_design *sd,
          eval_spec *specs, double *weights)
{
  guint nw = scorer->n_ind + scorer->n_dom, D = s->draws, N = sd->N, groups = sd->groups;
  gboolean reuse = D >= 2 * N, vary_w = out->varied[DXI_SOBOL_WEIGHTS];
  g_autoptr (GRand) rng = g_rand_new_with_seed (s->seed);
  for (guint d = 0; d < D; d++)
    draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, vary_w, &specs[d],
                 weights + (gsize) d * nw);
  guint next = D;
  for (guint i = 0; i < N; i++)
    {
      if (reuse)
        {
          sd->ia[i] = 2 * i;
          sd->ib[i] = 2 * i + 1;
        }
      else
        {
          sd->ia[i] = next++;
          sd->ib[i] = next++;
          draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, vary_w, &specs[sd->ia[i]],
                       weights + (gsize) (D + 2 * i) * nw);
          draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, vary_w, &specs[sd->ib[i]],
                       weights + (gsize) (D + 2 * i + 1) * nw);
        }
      const eval_spec *a = &specs[sd->ia[i]], *b = &specs[sd->ib[i]];
      guint k = 0;
      for (guint g = 0; g < DXI_SOBOL_N; g++)
        if (out->varied[g])
          {
            eval_spec *ab = &specs[next];
            *ab = *a;
            if (g == DXI_SOBOL_WEIGHTS)
              ab->w = b->w;
            else if (g == DXI_SOBOL_NORMALISATION)
              ab->norm = b->norm;
            else
              ab->agg = b->agg;
            sd->iab[i * groups + k++] = next++;
          }
    }
}

/* The mean and standard error of N terms from their sum and sum of squares. */
static void
mean_and_se (double sum, double sum_sq, guint n, double *mean, double *se)
{
  *mean = sum / n;
  *se = n > 1 ? sqrt (MAX (0, (sum_sq - sum * sum / n) / (n - 1)) / n) : 0;
}

/* The first- and total-order indices from the evaluations' shifts Y, each
 * with its standard error. */
static void
sobol_indices (const sobol_design *sd, const double *y, dxi_uncertainty *out)
{
  guint N = sd->N;
  double mean = 0, var = 0;
  for (guint i = 0; i < N; i++)
    mean += y[sd->ia[i]] + y[sd->ib[i]];
  mean /= 2.0 * N;
  for (guint i = 0; i < N; i++)
    {
      double da = y[sd->ia[i]] - mean, db = y[sd->ib[i]] - mean;
      var += da * da + db * db;
    }
  var /= 2.0 * N;
  out->sobol_variance = var;
  guint k = 0;
  for (guint g = 0; g < DXI_SOBOL_N; g++)
    {
      if (!out->varied[g])
        continue;
      double first = 0, first_sq = 0, total = 0, total_sq = 0;
      for (guint i = 0; i < N; i++)
        {
          double fa = y[sd->ia[i]], fb = y[sd->ib[i]], fab = y[sd->iab[i * sd->groups + k]];
          double tf = fb * (fab - fa), tt = (fa - fab) * (fa - fab) / 2;
          first += tf, first_sq += tf * tf;
          total += tt, total_sq += tt * tt;
        }
      double mf, sf, mt, st;
      mean_and_se (first, first_sq, N, &mf, &sf);
      mean_and_se (total, total_sq, N, &mt, &st);
      out->sobol_first[g] = var > 0 ? mf / var : 0.0;
      out->sobol_total[g] = var > 0 ? mt / var : 0.0;
      out->sobol_first_se[g] = var > 0 ? sf / var : 0.0;
      out->sobol_total_se[g] = var > 0 ? st / var : 0.0;
      k++;
    }
}

/* The two passes rank the draws this many at a time into a by-area store of
 * their own, then count each area's ranks in one sweep (its counts stay in
 * cache; counting straight from the draws missed the cache at every rank). */
#define ROUND_DRAWS 1024

typedef struct
{
  rank_hist *hist;
  const rank_store *round;
  gboolean refine;
} count_ctx;

static void
count_range (gpointer data, guint start, guint end)
{
  count_ctx *c = data;
  guint m = c->round->draws;
  g_autofree guint32 *x = g_new (guint32, MAX (m, 1));
  for (guint a = start; a < end; a++)
    {
      rank_store_get (c->round, a, x);
      if (c->refine)
        rank_hist_refine (c->hist, a, x, m);
      else
        rank_hist_count (c->hist, a, x, m);
    }
}

/* The draws' quantiles in two passes (rank_hist), the shifts of the draws
 * into EC->y in the first. */
static void
two_passes (const eval_ctx *ec, guint threads, dxi_uncertainty *out)
{
  guint n = ec->scorer->n_areas, D = ec->kept;
  rank_hist hist;
  rank_hist_init (&hist, n, D);
  rank_store round;
  rank_store_init (&round, MIN (D, ROUND_DRAWS), n);
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        rank_hist_locate (&hist);
      for (guint first = 0; first < D; first += ROUND_DRAWS)
        {
          eval_ctx c = *ec;
          round.draws = c.kept = MIN (ROUND_DRAWS, D - first);
          c.specs = ec->specs + first;
          c.y = pass == 0 ? ec->y + first : NULL;
          c.sink = SINK_STORE;
          c.store = &round;
          dxi_parallel_for (c.kept, threads, eval_range, &c);
          count_ctx cc = { &hist, &round, pass == 1 };
          dxi_parallel_for (n, threads, count_range, &cc);
        }
    }
  rank_hist_finish (&hist, out);
  rank_hist_clear (&hist);
  rank_store_clear (&round);
}

/* Evaluate all N_EVAL evaluations (shifts into EC->y) and the draws' rank
 * quantiles into OUT: with the ranks stored by area when they fit in
 * store_budget (kept for the appraisal), else in two passes (rank_hist). */
static void
evaluate (eval_ctx *ec, guint n_eval, guint threads, dxi_uncertainty *out)
{
  guint n = ec->scorer->n_areas, D = ec->kept;
  if (D == 0)
    {
      dxi_parallel_for (n_eval, threads, eval_range, ec); /* the Sobol design only */
      return;
    }
  out->rank_p5 = g_new (double, n);
  out->rank_median = g_new (double, n);
  out->rank_p95 = g_new (double, n);
  out->p_top_decile = g_new (double, n);
  rank_store *store = g_new0 (rank_store, 1);
  *store = (rank_store){ .draws = D, .n = n };
  if (rank_store_bytes (D, n) <= store_budget)
    {
      rank_store_init (store, D, n);
      ec->sink = SINK_STORE;
      ec->store = store;
      dxi_parallel_for (n_eval, threads, eval_range, ec);
      quantile_ctx qc = { store, out };
      dxi_parallel_for (n, threads, quantile_range, &qc);
    }
  else
    {
      two_passes (ec, threads, out);
      /* The Sobol design's own evaluations. */
      eval_ctx sobol = *ec;
      sobol.specs += D;
      sobol.y += D;
      sobol.kept = 0;
      dxi_parallel_for (n_eval - D, threads, eval_range, &sobol);
      rank_store_keep_inputs (store, ec->scorer, ec->specs, threads);
    }
  /* Kept for the appraisal's joint Monte Carlo. */
  out->draw_ranks = store;
}

void
dxi_uncertainty_run (const dxi_scorer *scorer, const double *w_ind, const double *w_dom,
                     const guint32 *nominal_rank, const dxi_index_settings *s, dxi_uncertainty *out)
{
  gint64 t0 = g_get_monotonic_time ();
  *out = (dxi_uncertainty){ .draws = s->draws, .seed = s->seed, .sobol_samples = s->sobol_samples };
  guint nw = scorer->n_ind + scorer->n_dom, D = s->draws, N = s->sobol_samples;
  out->varied[DXI_SOBOL_WEIGHTS] = weights_vary (scorer, w_ind, w_dom);
  out->varied[DXI_SOBOL_NORMALISATION] = scorer->n_norm > 1;
  out->varied[DXI_SOBOL_AGGREGATION] = scorer->n_agg > 1;
  guint groups = 0;
  for (guint g = 0; g < DXI_SOBOL_N; g++)
    groups += out->varied[g];
  if (groups == 0)
    N = out->sobol_samples = 0;

  guint n_eval = D + N * (groups + (D >= 2 * N ? 0 : 2));
  g_autofree eval_spec *specs = g_new0 (eval_spec, MAX (n_eval, 1));
  g_autofree double *weights = g_new (double, (gsize) (D + 2 * N) * nw + 1);
  g_autofree double *y = g_new0 (double, MAX (n_eval, 1));
  sobol_design sd = { N, groups, g_new (guint, MAX (N, 1)), g_new (guint, MAX (N, 1)),
                      g_new (guint, MAX (N * groups, 1)) };
  draw_all (scorer, w_ind, w_dom, s, out, &sd, specs, weights);

  eval_ctx ec = { .scorer = scorer, .specs = specs, .nominal = nominal_rank, .y = y, .kept = D };
  evaluate (&ec, n_eval, thread_count (s), out);
  if (D > 0)
    {
      double sum = 0;
      for (guint d = 0; d < D; d++)
        sum += y[d];
      out->mean_shift = sum / D;
    }
  if (N > 0)
    sobol_indices (&sd, y, out);
  g_free (sd.ia);
  g_free (sd.ib);
  g_free (sd.iab);
  out->seconds = (g_get_monotonic_time () - t0) / 1e6;
}

void
dxi_uncertainty_clear (dxi_uncertainty *u)
{
  g_clear_pointer (&u->rank_p5, g_free);
  g_clear_pointer (&u->rank_median, g_free);
  g_clear_pointer (&u->rank_p95, g_free);
  g_clear_pointer (&u->p_top_decile, g_free);
  dxi_uncertainty_drop_ranks (u);
  u->draws = 0;
}
