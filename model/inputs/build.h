/* The area table: every dataset of a study read, joined to the target areas
 * through its lookup and rolled up, with the coverage of every join.
 *
 * Roll-up rules:
 *   counts    summed (apportioned by the lookup's weights); a rate is
 *             recomputed from the summed numerator and denominator, never
 *             averaged.  A count with a suppressed (missing) cell in any
 *             contributing source area is missing for the target area.
 *   averages  (scores, speeds) weighted by population, households or area of
 *             overlap: sum(v * W * w) / sum(W * w) over the sources with a value,
 *             W the weight of the source area, w its share in the target.
 *             Through a chain (LSOA11 -> LSOA21 -> ward) W * w is measured where
 *             the weight's dataset lives: the population of the LSOA21 parts
 *             of the source in the target, each LSOA21 shared among the
 *             LSOA11s it comes from (a split LSOA11 holds its parts whole).
 *   coverage  an area's share of weight whose source codes have a row: a
 *             count is missing where a code has none; a rate or an average
 *             where the share (with a value, for averages) is below the
 *             dataset's min_coverage (default 0.9).  Reported in COVERAGE.
 * Columns of the table: population, households, adults, adults_<band>,
 * excluded_adults, households_<type>, mdls_households, and one per indicator
 * (its id), plus <id>_num and <id>_den for rates. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "inputs/boundaries.h"
#include "inputs/study.h"

/* Build the table for STUDY over AREAS.  The coverage report is appended to
 * COVERAGE, warnings (char *) to WARNINGS. */
dxi_frame *dxi_build_study (const dxi_study *study, const dxi_boundaries *areas, GString *coverage,
                            GPtrArray *warnings, GError **error);
