#include "index/rank.h"

#include <math.h>
#include <string.h>

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define RADIX_PASSES 6 /* 6 x 11 >= 64 bits */

void
dxi_ranker_init (dxi_ranker *r, guint n)
{
  r->n = n;
  r->keys = g_new (guint64, MAX (n, 1));
  r->keys_tmp = g_new (guint64, MAX (n, 1));
  r->order = g_new (guint32, MAX (n, 1));
  r->order_tmp = g_new (guint32, MAX (n, 1));
}

void
dxi_ranker_clear (dxi_ranker *r)
{
  g_clear_pointer (&r->keys, g_free);
  g_clear_pointer (&r->keys_tmp, g_free);
  g_clear_pointer (&r->order, g_free);
  g_clear_pointer (&r->order_tmp, g_free);
}

/* A key that sorts ascending as the score sorts descending; NAN last. */
static guint64
descending_key (double v)
{
  if (isnan (v))
    return G_MAXUINT64;
  if (v == 0)
    v = 0; /* -0.0 ties with 0.0 */
  guint64 bits;
  memcpy (&bits, &v, sizeof bits);
  /* IEEE order -> unsigned order, then reversed (never G_MAXUINT64: that
   * would need the bit pattern of a NAN). */
  bits = (bits >> 63) ? ~bits : bits | (G_GUINT64_CONSTANT (1) << 63);
  return ~bits;
}

void
dxi_ranker_sort (dxi_ranker *r, const double *score)
{
  guint n = r->n;
  static const guint zero[RADIX_SIZE];
  guint (*count)[RADIX_SIZE] = g_malloc (sizeof (guint[RADIX_PASSES][RADIX_SIZE]));
  for (guint p = 0; p < RADIX_PASSES; p++)
    memcpy (count[p], zero, sizeof zero);
  for (guint i = 0; i < n; i++)
    {
      guint64 k = descending_key (score[i]);
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
          guint64 k = r->keys[i];
          guint dst = count[p][(k >> shift) & (RADIX_SIZE - 1)]++;
          r->keys_tmp[dst] = k;
          r->order_tmp[dst] = r->order[i];
        }
      guint64 *kt = r->keys;
      r->keys = r->keys_tmp;
      r->keys_tmp = kt;
      guint32 *ot = r->order;
      r->order = r->order_tmp;
      r->order_tmp = ot;
    }
  g_free (count);
}

void
dxi_ranker_ranks (const dxi_ranker *r, guint32 *rank)
{
  guint32 current = 1;
  for (guint i = 0; i < r->n; i++)
    {
      if (i == 0 || r->keys[i] != r->keys[i - 1])
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
      while (j + 1 < r->n && r->keys[j + 1] == r->keys[i])
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
select_kth (double *x, guint n, guint k)
{
  guint lo = 0, hi = n - 1;
  while (lo < hi)
    {
      double pivot = x[lo + (hi - lo) / 2];
      guint i = lo, j = hi;
      while (i <= j)
        {
          while (x[i] < pivot)
            i++;
          while (x[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = x[i];
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

double
dxi_quantile_select (double *x, guint n, double p)
{
  if (n == 0)
    return NAN;
  double h = (n - 1) * p;
  guint k = (guint) floor (h);
  select_kth (x, n, k);
  double lo = x[k];
  if (k + 1 >= n || h == k)
    return lo;
  double next = x[k + 1];
  for (guint i = k + 2; i < n; i++)
    next = MIN (next, x[i]);
  return lo + (h - k) * (next - lo);
}
