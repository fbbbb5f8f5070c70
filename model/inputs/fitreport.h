/* How much apportioning a source among the areas (lookup kind apportion)
 * changes each area against a best fit, where each source lies whole in the
 * area of its largest share: the comparison coverage.txt reports. */
#pragma once
#include <glib.h>

#include "core/frame.h"

/* Append to COVERAGE, for the area tables APPORTIONED and BEST_FIT (the same
 * areas and columns, built through LOOKUPS apportioned and as best fits):
 * each column's largest difference and, per area, its population and the
 * columns it changes most.  Rates' numerators and denominators are left out. */
void dxi_fit_report (GString *coverage, const char *lookups, const dxi_frame *apportioned,
                     const dxi_frame *best_fit);
