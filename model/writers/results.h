/* The appraisal as tables: appraisal.csv (tidy: scenario, area, year,
 * measure, value) and compare.csv (one row per scenario, side by side). */
#pragma once
#include <glib.h>

#include "appraisal/appraisal.h"
#include "appraisal/optimise.h"
#include "core/frame.h"

/* APPRAISALS: dxi_appraisal *; AREAS: the area table (codes). */
gboolean dxi_results_write_appraisal_csv (GPtrArray *appraisals, const dxi_frame *areas,
                                          const char *path, GError **error);
gboolean dxi_results_write_compare_csv (GPtrArray *appraisals, const char *path, GError **error);
/* compare.xlsx: the same comparison as a workbook, with a BCR chart. */
gboolean dxi_results_write_compare_xlsx (GPtrArray *appraisals, const char *path, GError **error);
/* optimise.csv: scenario, intervention, area, people reached by the
 * optimised split; and per intervention the scenario's own people (area ALL). */
gboolean dxi_results_write_optimise_csv (GPtrArray *appraisals, GPtrArray *optima,
                                         const dxi_frame *areas, const char *path, GError **error);
