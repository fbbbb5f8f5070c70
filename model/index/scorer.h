/* Weighting and aggregation: normalised indicators -> domain scores -> index.
 *
 * A dxi_scorer holds everything that does not change between Monte Carlo
 * draws (the normalised matrix for each normalisation choice, the domain of
 * each indicator, the aggregation choices), so one draw is a weighted pass
 * over the matrix.  The nominal index is computed by the same code.
 *
 * Missing values (NAN, only under `missing: renormalise`) are skipped and the
 * weights renormalised over what the area has, within a domain and across
 * domains.  Geometric means shift values that include zero or negatives (see
 * settings.h, geometric_shift). */
#pragma once
#include <glib.h>

#include "index/rank.h"
#include "index/settings.h"

typedef struct dxi_scorer
{
  guint n_areas, n_ind, n_dom;
  guint *dom_of; /* n_ind: domain of each indicator (owned) */
  /* Normalisation choices: 0 is the nominal one. */
  guint n_norm;
  DxiNormalisation norm[DXI_NORM_N];
  double *values[DXI_NORM_N]; /* n_areas x n_ind, column-major, NAN = missing (owned) */
  double *logs[DXI_NORM_N];   /* log (value + shift) when a geometric mean may be needed */
  double shift[DXI_NORM_N];
  /* Aggregation choices: 0 is the nominal pair (within, across). */
  guint n_agg;
  DxiAggregation within[DXI_AGG_N + 1], across[DXI_AGG_N + 1];
  DxiDomainTransform domain_transform;
  double shift_frac;
  gboolean complete; /* no NAN anywhere: the fast path (set by prepare) */
} dxi_scorer;

/* Per-thread scratch space. */
typedef struct dxi_scorer_work
{
  double *acc, *wsum; /* n_areas */
  double *dom;        /* n_areas x n_dom: domain scores of the last call */
  double *mid;        /* n_areas */
  dxi_ranker ranker;
} dxi_scorer_work;

/* Empty scorer for N_AREAS x N_IND; the caller fills dom_of, choices, values
 * (g_new) and then calls dxi_scorer_prepare. */
void dxi_scorer_init (dxi_scorer *s, guint n_areas, guint n_ind, guint n_dom);
/* Compute the geometric shifts and logarithms the choices need. */
void dxi_scorer_prepare (dxi_scorer *s);
void dxi_scorer_clear (dxi_scorer *s);

void dxi_scorer_work_init (const dxi_scorer *s, dxi_scorer_work *w);
void dxi_scorer_work_clear (dxi_scorer_work *w);

/* Scores with normalisation choice NORM and aggregation choice AGG; W_IND:
 * indicator weights summing to 1 within each domain; W_DOM: domain weights
 * summing to 1.  Domain scores are left in WORK->dom. */
void dxi_scorer_score (const dxi_scorer *s, guint norm, guint agg, const double *w_ind,
                       const double *w_dom, dxi_scorer_work *work, double *score);

/* The shift c that makes X[0..n) positive for a geometric mean (0 when the
 * values are all > 0): -min + frac (max - min). */
double dxi_scorer_geometric_shift (const double *x, gsize n, double frac);
/* Weighted geometric mean of X[0..k) with weights W (NAN skipped, weights
 * renormalised), values shifted by C. */
double dxi_scorer_geometric_mean (const double *x, const double *w, guint k, double c);
