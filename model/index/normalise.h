/* Normalisation of one indicator against a reference set.
 *
 * Values reach here already direction-adjusted (higher = more excluded) and
 * treated for outliers; NAN stays NAN. */
#pragma once
#include <glib.h>

#include "index/settings.h"

/* The reference distribution of one indicator. */
typedef struct dxi_normalise_ref
{
  double *sorted; /* observed reference values, ascending (owned) */
  guint n;
  double mean, sd; /* sample sd (n - 1); 0 when n < 2 */
  double min, max; /* of the values, or goalposts when set */
  gboolean clip;   /* goalposts: clip minmax results to the range */
} dxi_normalise_ref;

/* Reference from VALUES (NAN skipped). */
void dxi_normalise_ref_init (dxi_normalise_ref *ref, const double *values, guint n);
/* Use fixed goalposts LO < HI for minmax. */
void dxi_normalise_ref_set_goalposts (dxi_normalise_ref *ref, double lo, double hi);
void dxi_normalise_ref_clear (dxi_normalise_ref *ref);

/* Mid-rank of V in the reference: #{< v} + (#{== v} + 1) / 2, so a value in the
 * set gets its (tie-averaged) rank 1..n; a value outside lands half-way. */
double dxi_normalise_ref_rank (const dxi_normalise_ref *ref, double v);

/* IoD exponential transform of R in (0, 1]: -23 ln(1 - R (1 - e^(-100/23))). */
double dxi_normalise_iod_exp (double r);

/* Normalise X[0..n) into OUT by METHOD; LO, HI: minmax range.  A degenerate
 * reference (max == min, sd == 0) gives the middle of the range / 0. */
void dxi_normalise (DxiNormalisation method, const dxi_normalise_ref *ref, double lo, double hi,
                    const double *x, guint n, double *out);
