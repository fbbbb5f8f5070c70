/* Ranks, deciles and quantiles.
 *
 * Rank 1 is the highest score (the most excluded).  Tied scores share the
 * best rank of their group and the next rank skips ("1224" competition
 * ranking), so an area is never ranked below another with the same score.
 * decile = ceil(10 rank / n) and quintile = ceil(5 rank / n), 1 = most
 * excluded; tied areas share a decile.  NAN scores rank last. */
#pragma once
#include <glib.h>

/* Workspace for ranking N scores many times (an LSD radix sort on the bits of
 * the doubles: no comparison sort per Monte Carlo draw). */
typedef struct dxi_ranker
{
  guint n;
  guint64 *keys, *keys_tmp;
  guint32 *order, *order_tmp;
} dxi_ranker;

void dxi_ranker_init (dxi_ranker *r, guint n);
void dxi_ranker_clear (dxi_ranker *r);
/* Sort SCORE descending: afterwards r->order[i] is the area at position i and
 * r->keys[i] its sort key (equal keys = tied scores).  Stable. */
void dxi_ranker_sort (dxi_ranker *r, const double *score);
/* Competition ranks (1 = highest) into RANK after dxi_ranker_sort. */
void dxi_ranker_ranks (const dxi_ranker *r, guint32 *rank);
/* Ascending mid-ranks (1 = lowest, ties averaged) after dxi_ranker_sort. */
void dxi_ranker_mid_ranks_ascending (const dxi_ranker *r, double *rank);

/* Rank N scores (allocates a ranker). */
void dxi_rank_scores (const double *score, guint n, guint32 *rank);

guint dxi_rank_decile (guint rank, guint n);
guint dxi_rank_quintile (guint rank, guint n);

/* Quantile P in [0, 1] of X[0..n) by linear interpolation between order
 * statistics (R's type 7).  Reorders X. */
double dxi_quantile_select (double *x, guint n, double p);
