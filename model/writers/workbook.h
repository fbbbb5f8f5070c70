/* business_case.xlsx: the appraisal as a workbook finance can audit.
 * Summary (headline figures, value for money by the DfT's categories, the
 * GMCA CBA model's ROIs), Inputs (every assumption as a named cell with its
 * source), Costs and Benefits by year as formulas on the inputs (people
 * reached too, as dxi's reach model computes them, so a changed input means
 * what it means in dxi), Appraisal (discount factors, present values, NPSV,
 * BCR and ROIs as formulas; the text where one is undefined),
 * Sensitivity (switching values, tornado chart), Uncertainty (Monte Carlo
 * percentiles, histogram), Areas (index table with a colour scale, filters,
 * frozen header), Method & sources.  Every formula carries the value dxi
 * computed; text from the inputs is written as text. */
#pragma once
#include <glib.h>

#include "appraisal/engine.h"
#include "core/frame.h"

gboolean dxi_workbook_write (const dxi_appraisal *a, const dxi_frame *areas, const char *path, GError **error);
