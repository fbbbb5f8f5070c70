#include "index/uncertainty.h"
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
 * taken its by-draw copy (dxi_index_uncertainty_ranks_by_draw). */
typedef struct dxi_rank_store
{
  guint draws, n;
  guint16 *narrow; /* n x draws, when n <= G_MAXUINT16 */
  guint32 *wide;   /* n x draws, otherwise */
} rank_store;

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

guint32 *
dxi_index_uncertainty_ranks_by_draw (const dxi_index_uncertainty *u)
{
  const rank_store *st = u->draw_ranks;
  if (st == NULL)
    return NULL;
  guint32 *out = g_new (guint32, MAX ((gsize) st->draws * st->n, 1));
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
dxi_index_uncertainty_drop_ranks (dxi_index_uncertainty *u)
{
  if (u->draw_ranks)
    rank_store_clear (u->draw_ranks);
  g_clear_pointer (&u->draw_ranks, g_free);
}

/* Evaluations are ranked this many at a time, then stored by area in one
 * sweep (a cache line of 16-bit ranks per area). */
#define EVAL_BLOCK 32

typedef struct
{
  const dxi_scorer *scorer;
  const eval_spec *specs;
  const guint32 *nominal;
  rank_store *store;
  double *y; /* per evaluation: mean absolute rank shift */
} eval_ctx;

typedef struct
{
  void (*fn) (gpointer ctx, guint start, guint end);
  gpointer ctx;
  guint start, end;
} chunk;

static gpointer
chunk_run (gpointer data)
{
  chunk *c = data;
  c->fn (c->ctx, c->start, c->end);
  return NULL;
}

/* Run FN over [0, n) in THREADS contiguous chunks (the calling thread takes
 * the first).  Each item's result depends only on the item. */
static void
parallel_for (guint n, guint threads, void (*fn) (gpointer, guint, guint), gpointer ctx)
{
  threads = CLAMP (threads, 1, MAX (n, 1));
  g_autofree chunk *chunks = g_new (chunk, threads);
  g_autofree GThread **workers = g_new0 (GThread *, threads);
  for (guint t = 0; t < threads; t++)
    chunks[t] = (chunk){ fn, ctx, (guint) ((guint64) n * t / threads), (guint) ((guint64) n * (t + 1) / threads) };
  for (guint t = 1; t < threads; t++)
    workers[t] = g_thread_new ("dxi-index", chunk_run, &chunks[t]);
  chunk_run (&chunks[0]);
  for (guint t = 1; t < threads; t++)
    g_thread_join (workers[t]);
}

static double
mean_shift (const guint32 *rank, const guint32 *nominal, guint n)
{
  guint64 shift = 0;
  for (guint a = 0; a < n; a++)
    shift += rank[a] > nominal[a] ? rank[a] - nominal[a] : nominal[a] - rank[a];
  return (double) shift / n;
}

/* Evaluations START .. END (the first store->draws of all are the Monte Carlo
 * draws, whose ranks are kept, in order). */
static void
eval_range (gpointer data, guint start, guint end)
{
  eval_ctx *c = data;
  const dxi_scorer *s = c->scorer;
  guint n = s->n_areas, kept = c->store->draws;
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
          c->y[e0 + j] = mean_shift (rank, c->nominal, n);
        }
      if (e0 < kept)
        rank_store_put (c->store, block, e0, MIN (m, kept - e0));
    }
  dxi_scorer_work_clear (&work);
}

typedef struct
{
  const rank_store *store;
  dxi_index_uncertainty *out;
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

/* Draw one weight vector (indicators then domains) around the nominal one. */
static void
draw_weights (GRand *rng, const dxi_scorer *s, const double *w_ind, const double *w_dom, double kappa,
              double *out)
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
draw_inputs (GRand *rng, const dxi_scorer *s, const double *w_ind, const double *w_dom, double kappa,
             gboolean vary_w, eval_spec *spec, double *w)
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

void
dxi_uncertainty_run (const dxi_scorer *scorer, const double *w_ind, const double *w_dom,
                     const guint32 *nominal_rank, const dxi_index_settings *s, dxi_index_uncertainty *out)
{
  gint64 t0 = g_get_monotonic_time ();
  *out = (dxi_index_uncertainty){ .draws = s->draws, .seed = s->seed, .sobol_samples = s->sobol_samples };
  guint n = scorer->n_areas, nw = scorer->n_ind + scorer->n_dom, D = s->draws, N = s->sobol_samples;
  out->varied[DXI_SOBOL_WEIGHTS] = weights_vary (scorer, w_ind, w_dom);
  out->varied[DXI_SOBOL_NORMALISATION] = scorer->n_norm > 1;
  out->varied[DXI_SOBOL_AGGREGATION] = scorer->n_agg > 1;
  guint groups = 0;
  for (guint g = 0; g < DXI_SOBOL_N; g++)
    groups += out->varied[g];
  if (groups == 0)
    N = out->sobol_samples = 0;

  /* Evaluations: D draws, then the Sobol design.  The base matrices A and B
   * are Monte Carlo draws 2i and 2i + 1 when there are enough (they are
   * independent draws from the same distribution), else extra evaluations;
   * then A_B^g for each varied group. */
  gboolean reuse = D >= 2 * N;
  guint n_eval = D + N * (groups + (reuse ? 0 : 2));
  g_autofree eval_spec *specs = g_new0 (eval_spec, MAX (n_eval, 1));
  g_autofree double *weights = g_new (double, (gsize) (D + 2 * N) * nw + 1);
  g_autofree double *y = g_new0 (double, MAX (n_eval, 1));
  g_autofree guint *ia = g_new (guint, MAX (N, 1));
  g_autofree guint *ib = g_new (guint, MAX (N, 1));
  g_autofree guint *iab = g_new (guint, MAX (N * groups, 1));
  g_autoptr (GRand) rng = g_rand_new_with_seed (s->seed);
  for (guint d = 0; d < D; d++)
    draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, out->varied[DXI_SOBOL_WEIGHTS], &specs[d],
                 weights + (gsize) d * nw);
  guint next = D;
  for (guint i = 0; i < N; i++)
    {
      if (reuse)
        {
          ia[i] = 2 * i;
          ib[i] = 2 * i + 1;
        }
      else
        {
          ia[i] = next++;
          ib[i] = next++;
          draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, out->varied[DXI_SOBOL_WEIGHTS], &specs[ia[i]],
                       weights + (gsize) (D + 2 * i) * nw);
          draw_inputs (rng, scorer, w_ind, w_dom, s->concentration, out->varied[DXI_SOBOL_WEIGHTS], &specs[ib[i]],
                       weights + (gsize) (D + 2 * i + 1) * nw);
        }
      const eval_spec *a = &specs[ia[i]], *b = &specs[ib[i]];
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
            iab[i * groups + k++] = next++;
          }
    }

  rank_store store;
  rank_store_init (&store, D, n);
  eval_ctx ec = { scorer, specs, nominal_rank, &store, y };
  parallel_for (n_eval, thread_count (s), eval_range, &ec);

  if (D > 0)
    {
      out->rank_p5 = g_new (double, n);
      out->rank_median = g_new (double, n);
      out->rank_p95 = g_new (double, n);
      out->p_top_decile = g_new (double, n);
      quantile_ctx qc = { &store, out };
      parallel_for (n, thread_count (s), quantile_range, &qc);
      double sum = 0;
      for (guint d = 0; d < D; d++)
        sum += y[d];
      out->mean_shift = sum / D;
      /* Kept for the appraisal's joint Monte Carlo (the memory was held
       * for the run anyway). */
      out->draw_ranks = g_memdup2 (&store, sizeof store);
      store = (rank_store){ 0 };
    }
  rank_store_clear (&store);

  if (N > 0)
    {
      double mean = 0, var = 0;
      for (guint i = 0; i < N; i++)
        mean += y[ia[i]] + y[ib[i]];
      mean /= 2.0 * N;
      for (guint i = 0; i < N; i++)
        var += (y[ia[i]] - mean) * (y[ia[i]] - mean) + (y[ib[i]] - mean) * (y[ib[i]] - mean);
      var /= 2.0 * N;
      out->sobol_variance = var;
      guint k = 0;
      for (guint g = 0; g < DXI_SOBOL_N; g++)
        {
          if (!out->varied[g])
            continue;
          double first = 0, total = 0;
          for (guint i = 0; i < N; i++)
            {
              double fa = y[ia[i]], fb = y[ib[i]], fab = y[iab[i * groups + k]];
              first += fb * (fab - fa);
              total += (fa - fab) * (fa - fab);
            }
          out->sobol_first[g] = var > 0 ? first / N / var : 0.0;
          out->sobol_total[g] = var > 0 ? total / (2.0 * N) / var : 0.0;
          k++;
        }
    }
  out->seconds = (g_get_monotonic_time () - t0) / 1e6;
}

void
dxi_index_uncertainty_clear (dxi_index_uncertainty *u)
{
  g_clear_pointer (&u->rank_p5, g_free);
  g_clear_pointer (&u->rank_median, g_free);
  g_clear_pointer (&u->rank_p95, g_free);
  g_clear_pointer (&u->p_top_decile, g_free);
  dxi_index_uncertainty_drop_ranks (u);
  u->draws = 0;
}
