/* Ranks, deciles and quantiles.
 *
 * Rank 1 is the highest score (the most excluded).  Tied scores share the
 * best rank of their group and the next rank skips ("1224" competition
 * ranking), so an area is never ranked below another with the same score.
 * decile = ceil(10 rank / n) and quintile = ceil(5 rank / n), 1 = most
 * excluded; tied areas share a decile.  NAN scores rank last. */
#pragma once
#include <glib.h>

/* Workspace for ranking N scores many times, with no comparison sort per
 * Monte Carlo draw: an LSD radix sort on the scores rounded to float (3
 * passes of 11 bits; rounding is monotone), then runs of equal float keys
 * put in exact double order by insertion sort (they are short). */
typedef struct dxi_ranker
{
  guint n;
  guint32 *keys, *keys_tmp;
  guint32 *order, *order_tmp;
  const double *score; /* borrowed: the scores of the last sort */
} dxi_ranker;

void dxi_ranker_init (dxi_ranker *r, guint n);
void dxi_ranker_clear (dxi_ranker *r);
/* Sort SCORE descending (SCORE must outlive the ranks calls): afterwards
 * r->order[i] is the area at position i.  Stable. */
void dxi_ranker_sort (dxi_ranker *r, const double *score);
/* Competition ranks (1 = highest) into RANK after dxi_ranker_sort. */
void dxi_ranker_ranks (const dxi_ranker *r, guint32 *rank);
/* Ascending mid-ranks (1 = lowest, ties averaged) after dxi_ranker_sort. */
void dxi_ranker_mid_ranks_ascending (const dxi_ranker *r, double *rank);

/* Rank N scores (allocates a ranker). */
void dxi_rank_scores (const double *score, guint n, guint32 *rank);

guint dxi_rank_decile (guint rank, guint n);
guint dxi_rank_quintile (guint rank, guint n);

/* Quantiles at ascending PROBS (in [0, 1]) of the ranks X[0..n) into OUT,
 * by linear interpolation between order statistics (R's type 7).  Reorders X. */
void dxi_rank_quantiles (guint32 *x, guint n, const double *probs, guint k, double *out);
