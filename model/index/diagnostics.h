/* Diagnostics of the indicator set: correlations, internal consistency,
 * possible double counting. */
#pragma once
#include <glib.h>

/* Pearson correlation of X and Y over the pairs where both are present;
 * NAN with fewer than 3 pairs or no variance. */
double dxi_diagnostics_pearson (const double *x, const double *y, guint n);

/* Cronbach's alpha of K items (columns of X, n x k column-major, complete
 * cases only): k / (k - 1) (1 - sum var(item) / var(sum of items)), sample
 * variances.  NAN when k < 2, fewer than 2 complete cases or no variance. */
double dxi_diagnostics_cronbach_alpha (const double *x, guint n, guint k);

/* Warnings about an index that a reader of the map must see, one sentence
 * each (caller unrefs): an indicator carrying more than a third of the index
 * alone (effective weight > 1/3); Sobol indices outside [0, 1] by more than
 * two standard errors, the sign of too few samples; an index driven by one
 * domain (its scores correlated with the index above DXI_WARN_DOMAIN_DRIVES
 * while every other domain's are below DXI_WARN_DOMAIN_OTHERS). */
#define DXI_WARN_EFFECTIVE_WEIGHT (1.0 / 3.0)
#define DXI_WARN_DOMAIN_DRIVES 0.9
#define DXI_WARN_DOMAIN_OTHERS 0.3
struct dxi_index_result;
GPtrArray *dxi_index_warnings (const struct dxi_index_result *r);
