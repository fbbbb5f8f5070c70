#include "index/rank.h"

#include <math.h>
#include <string.h>

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 3 /* 3 x 11 >= 32 bits */

void
dxi_ranker_init (dxi_ranker *r, guint n)
{
  r->n = n;
  r->keys = g_new (guint32, MAX (n, 1));
  r->keys_tmp = g_new (guint32, MAX (n, 1));
  r->order = g_new (guint32, MAX (n, 1));
  r->order_tmp = g_new (guint32, MAX (n, 1));
  r->score = NULL;
}

void
dxi_ranker_clear (dxi_ranker *r)
{
  g_clear_pointer (&r->keys, g_free);
  g_clear_pointer (&r->keys_tmp, g_free);
  g_clear_pointer (&r->order, g_free);
  g_clear_pointer (&r->order_tmp, g_free);
}

/* A key that sorts ascending as the score (rounded to float) sorts
 * descending; NAN last. */
static guint32
descending_key (double v)
{
  if (isnan (v))
    return G_MAXUINT32;
  float f = (float) v;
  if (f == 0)
    f = 0; /* -0.0 ties with 0.0 */
  guint32 bits;
  memcpy (&bits, &f, sizeof bits);
  /* IEEE order -> unsigned order, then reversed (never G_MAXUINT32: that
   * would need the bit pattern of a NAN). */
  bits = (bits >> 31) ? ~bits : bits | (1u << 31);
  return ~bits;
}

/* Higher score first; NAN after everything. */
static gboolean
before (double a, double b)
{
  return !isnan (a) && (isnan (b) || a > b);
}

static gboolean
same (double a, double b)
{
  return a == b || (isnan (a) && isnan (b));
}

void
dxi_ranker_sort (dxi_ranker *r, const double *score)
{
  guint n = r->n;
  guint count[RADIX_PASSES][RADIX_SIZE] = { { 0 } };
  r->score = score;
  for (guint i = 0; i < n; i++)
    {
      guint32 k = descending_key (score[i]);
      r->keys[i] = k;
      r->order[i] = i;
      for (guint p = 0; p < RADIX_PASSES; p++)
        count[p][(k >> (p * RADIX_BITS)) & (RADIX_SIZE - 1)]++;
    }
  for (guint p = 0; p < RADIX_PASSES; p++)
    {
      guint shift = p * RADIX_BITS;
      /* A digit shared by every key leaves the order as it is. */
      if (n == 0 || count[p][(r->keys[0] >> shift) & (RADIX_SIZE - 1)] == n)
        continue;
      guint sum = 0;
      for (guint b = 0; b < RADIX_SIZE; b++)
        {
          guint c = count[p][b];
          count[p][b] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint32 k = r->keys[i];
          guint dst = count[p][(k >> shift) & (RADIX_SIZE - 1)]++;
          r->keys_tmp[dst] = k;
          r->order_tmp[dst] = r->order[i];
        }
      guint32 *t = r->keys;
      r->keys = r->keys_tmp;
      r->keys_tmp = t;
      t = r->order;
      r->order = r->order_tmp;
      r->order_tmp = t;
    }
  /* Equal float keys: exact (stable) order by the doubles. */
  guint i = 0;
  while (i < n)
    {
      guint j = i + 1;
      while (j < n && r->keys[j] == r->keys[i])
        j++;
      for (guint k = i + 1; k < j; k++)
        {
          guint32 area = r->order[k];
          guint m = k;
          while (m > i && before (score[area], score[r->order[m - 1]]))
            {
              r->order[m] = r->order[m - 1];
              m--;
            }
          r->order[m] = area;
        }
      i = j;
    }
}

void
dxi_ranker_ranks (const dxi_ranker *r, guint32 *rank)
{
  guint32 current = 1;
  for (guint i = 0; i < r->n; i++)
    {
      if (i == 0 || r->keys[i] != r->keys[i - 1]
          || !same (r->score[r->order[i]], r->score[r->order[i - 1]]))
        current = i + 1;
      rank[r->order[i]] = current;
    }
}

void
dxi_ranker_mid_ranks_ascending (const dxi_ranker *r, double *rank)
{
  guint i = 0;
  while (i < r->n)
    {
      guint j = i;
      while (j + 1 < r->n && same (r->score[r->order[j + 1]], r->score[r->order[i]]))
        j++;
      /* Descending positions i..j (0-based) are ascending ranks n-j..n-i. */
      double mid = r->n - (i + j) / 2.0;
      for (guint k = i; k <= j; k++)
        rank[r->order[k]] = mid;
      i = j + 1;
    }
}

void
dxi_rank_scores (const double *score, guint n, guint32 *rank)
{
  dxi_ranker r;
  dxi_ranker_init (&r, n);
  dxi_ranker_sort (&r, score);
  dxi_ranker_ranks (&r, rank);
  dxi_ranker_clear (&r);
}

guint
dxi_rank_decile (guint rank, guint n)
{
  return n ? (guint) ((10 * (guint64) rank + n - 1) / n) : 0;
}

guint
dxi_rank_quintile (guint rank, guint n)
{
  return n ? (guint) ((5 * (guint64) rank + n - 1) / n) : 0;
}

/* Hoare-style quickselect: afterwards x[k] is the k-th smallest, smaller
 * values before it, larger after. */
static void
select_kth (guint32 *x, guint n, guint k)
{
  guint lo = 0, hi = n - 1;
  while (lo < hi)
    {
      guint32 pivot = x[lo + (hi - lo) / 2];
      guint i = lo, j = hi;
      while (i <= j)
        {
          while (x[i] < pivot)
            i++;
          while (x[j] > pivot)
            j--;
          if (i <= j)
            {
              guint32 t = x[i];
              x[i] = x[j];
              x[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

/* Type 7 quantile P of X[0..n), searching only X[lo..hi) (which must hold the
 * order statistics it needs, as after an earlier selection). */
static double
quantile_within (guint32 *x, guint n, guint lo, guint hi, double p)
{
  double h = (n - 1) * p;
  guint k = (guint) floor (h);
  select_kth (x + lo, hi - lo, k - lo);
  double v = x[k];
  if (k + 1 >= n || h == k)
    return v;
  /* The next order statistic: the least after k in the part, or beyond it. */
  guint32 next = G_MAXUINT32;
  for (guint i = k + 1; i < hi; i++)
    next = MIN (next, x[i]);
  if (k + 1 >= hi)
    for (guint i = hi; i < n; i++)
      next = MIN (next, x[i]);
  return v + (h - k) * (next - v);
}

/* The same by counting, when the ranks span a modest range (the usual case:
 * a histogram walk beats selection's unpredictable branches).  FALSE when
 * the range is too wide. */
static gboolean
quantiles_by_counting (const guint32 *x, guint n, const double *probs, guint k, double *out)
{
  guint32 lo = G_MAXUINT32, hi = 0;
  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, x[i]);
      hi = MAX (hi, x[i]);
    }
  gsize range = (gsize) hi - lo + 1;
  if (range > 16 * (gsize) n + 4096)
    return FALSE;
  g_autofree guint *hist = g_new0 (guint, range);
  for (guint i = 0; i < n; i++)
    hist[x[i] - lo]++;
  /* cum = number of values below lo + v. */
  guint cum = 0;
  gsize v = 0;
  for (guint q = 0; q < k; q++)
    {
      double h = (n - 1) * probs[q];
      guint kk = (guint) floor (h);
      while (cum + hist[v] <= kk)
        cum += hist[v++];
      double a = (double) lo + v, b = a;
      if (kk + 1 < n && h > kk)
        {
          gsize v2 = v;
          guint cum2 = cum;
          while (cum2 + hist[v2] <= kk + 1)
            cum2 += hist[v2++];
          b = (double) lo + v2;
        }
      out[q] = a + (h - kk) * (b - a);
    }
  return TRUE;
}

void
dxi_rank_quantiles (guint32 *x, guint n, const double *probs, guint k, double *out)
{
  if (n == 0)
    {
      for (guint i = 0; i < k; i++)
        out[i] = NAN;
      return;
    }
  if (quantiles_by_counting (x, n, probs, k, out))
    return;
  /* Select the middle one first, then each side only in its part. */
  guint mid = k / 2;
  out[mid] = quantile_within (x, n, 0, n, probs[mid]);
  guint split = (guint) floor ((n - 1) * probs[mid]);
  for (guint i = mid; i-- > 0;)
    out[i] = quantile_within (x, n, 0, split + 1, probs[i]);
  for (guint i = mid + 1; i < k; i++)
    out[i] = quantile_within (x, n, split, n, probs[i]);
}
