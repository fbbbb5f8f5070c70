/* Diagnostics of the indicator set: correlations, internal consistency,
 * possible double counting. */
#pragma once
#include <glib.h>

/* Pearson correlation of X and Y over the pairs where both are present;
 * NAN with fewer than 3 pairs or no variance. */
double dxi_pearson (const double *x, const double *y, guint n);

/* Cronbach's alpha of K items (columns of X, n x k column-major, complete
 * cases only): k / (k - 1) (1 - sum var(item) / var(sum of items)), sample
 * variances.  NAN when k < 2, fewer than 2 complete cases or no variance. */
double dxi_cronbach_alpha (const double *x, guint n, guint k);
