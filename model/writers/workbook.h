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
#include <xlsxwriter.h>

#include "config/affordability.h"
#include "appraisal/appraisal.h"
#include "core/frame.h"

/* AF: the scenario's affordability inputs (NULL or not given: the
 * Affordability sheet shows real cash and says what to give). */
gboolean dxi_workbook_write (const dxi_appraisal *a, const dxi_affordability *af,
                             const dxi_frame *areas, const char *path, GError **error);

/* Points for a row whose text TEXT wraps in a column WIDTH characters wide:
 * spreadsheets keep a row's default height, so a row holding wrapped text
 * is given its height (or the text prints over the rows below). */
double dxi_workbook_wrapped_height (const char *text, double width);
/* Print set-up of a sheet: A4 landscape, one page wide, rows HEAD_FIRST to
 * HEAD_LAST repeated on every page (HEAD_FIRST < 0: none), the print area the
 * cells written unless HAS_CHART (then the whole used range prints). */
void dxi_workbook_print_setup (lxw_worksheet *ws, int head_first, int head_last,
                               gboolean has_chart);
