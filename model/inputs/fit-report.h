/* How much apportioning a source among the areas (lookup kind apportion)
 * changes each area against a best fit, where each source lies whole in the
 * area of its largest share: the comparison coverage.txt reports. */
#pragma once
#include <glib.h>

#include "core/frame.h"

/* Append to COVERAGE, for the area tables APPORTIONED and BEST_FIT (the same
 * areas and columns, built through the apportion lookups LOOKUPS, "'lsoa21'",
 * and through their best fits, described in FITS): each column's largest
 * difference (rates' numerators and denominators left out) and, per area,
 * its population and the INDICATORS (ids, NULL-terminated) it changes most. */
void dxi_fit_report (GString *coverage, const char *lookups, const char *fits,
                     const char *const *indicators, const dxi_frame *apportioned,
                     const dxi_frame *best_fit);
