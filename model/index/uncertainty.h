/* Monte Carlo uncertainty and Sobol sensitivity of the ranks.
 *
 * Each draw takes indicator weights from Dirichlet(k w) within each domain and
 * domain weights from Dirichlet(k W) (w, W the nominal weights, k the
 * concentration; a group of one keeps its weight), a normalisation from the
 * nominal one and the listed alternatives (equal probability), and an
 * aggregation likewise, then ranks the areas.  Per area: median, 5th and 95th
 * percentile rank (R type 7 interpolation) and P(rank in the most excluded
 * decile, i.e. 10 rank <= n).
 *
 * Sensitivity: the output is the mean absolute rank shift from the nominal
 * ranks, Y = (1/n) sum |rank - nominal rank|.  Inputs are three groups
 * (weights, normalisation, aggregation).  With N base samples in matrices A
 * and B and A_B^g (A with group g from B), first-order and total indices are
 * estimated as (Saltelli et al. 2010, Comput. Phys. Commun. 181:259, table 2)
 *   S_g  = mean(f(B) (f(A_B^g) - f(A))) / V
 *   ST_g = mean((f(A) - f(A_B^g))^2) / (2 V)          (Jansen 1999)
 * V the variance of f over A and B.  A group with no uncertainty is not
 * evaluated and gets 0.  A and B are the first 2N Monte Carlo draws when
 * draws >= 2N, so the extra cost is N x (groups varied) evaluations
 * (else N (2 + groups varied)).
 *
 * All random inputs are drawn first, in one sequence from the seed (GRand,
 * Mersenne Twister), so results do not depend on the number of threads. */
#pragma once
#include <glib.h>

#include "index/scorer.h"
#include "index/settings.h"

typedef enum
{
  DXI_SOBOL_WEIGHTS,
  DXI_SOBOL_NORMALISATION,
  DXI_SOBOL_AGGREGATION,
  DXI_SOBOL_N,
} DxiSobolGroup;

extern const char *const dxi_sobol_group_names[];

typedef struct dxi_uncertainty
{
  guint draws; /* 0: not run (the arrays are NULL) */
  guint32 seed;
  double *rank_p5, *rank_median, *rank_p95; /* per area */
  double *p_top_decile;                     /* per area */
  struct dxi_rank_store *
      draw_ranks; /* each Monte Carlo draw's ranks, by area (the appraisal's targeting uses them) */
  double mean_shift;   /* mean over draws of Y */
  guint sobol_samples; /* 0: not run */
  gboolean varied[DXI_SOBOL_N];
  double sobol_first[DXI_SOBOL_N], sobol_total[DXI_SOBOL_N];
  /* Their standard errors: the spread of the estimators' N terms / sqrt N, over V. */
  double sobol_first_se[DXI_SOBOL_N], sobol_total_se[DXI_SOBOL_N];
  double sobol_variance; /* V; 0 means the ranks never moved */
  double seconds;        /* wall time of the whole analysis */
} dxi_uncertainty;

/* Run the analysis for SCORER with nominal weights W_IND, W_DOM and ranks
 * NOMINAL_RANK; fills OUT (free with dxi_uncertainty_clear). */
void dxi_uncertainty_run (const dxi_scorer *scorer, const double *w_ind, const double *w_dom,
                          const guint32 *nominal_rank, const dxi_index_settings *s,
                          dxi_uncertainty *out);
void dxi_uncertainty_clear (dxi_uncertainty *u);
/* The draws' ranks by draw (draws x areas, g_free it); NULL when none are kept. */
guint32 *dxi_uncertainty_ranks_by_draw (const dxi_uncertainty *u);
/* Frees the draws' ranks (kept after the index for the appraisal's targeting). */
void dxi_uncertainty_drop_ranks (dxi_uncertainty *u);
/* The most memory the draws' ranks may take stored by area (default 128 MiB);
 * beyond it the quantiles are found in two passes over the draws, exactly,
 * in memory that does not grow with the draws, and the by-draw copy ranks
 * the draws again.  For tests: 0 always takes two passes. */
void dxi_uncertainty_set_store_budget (gsize bytes);
