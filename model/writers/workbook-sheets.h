/* What the sheets of business_case.xlsx share: the cell formats, the Costs
 * sheet's layout, and the sheets written by their own files
 * (affordability-sheet.c).  Private to model/writers/. */
#pragma once
#include <glib.h>
#include <xlsxwriter.h>

#include "config/affordability.h"
#include "appraisal/appraisal.h"
#include "writers/workbook.h"

/* Cell formats shared by every sheet. */
typedef struct
{
  lxw_format *bold, *title, *money, *money_bold, *num, *whole, *pct, *df, *wrap, *head, *right,
      *indent;
  lxw_format *wrap_indent; /* wrapped text, indented from the number to its left */
} formats;

/* Columns per intervention on the Costs sheet: capital, revenue, budget (or
 * people planned), people reached, cost of people reached. */
#define COSTS_COLS 5
#define COSTS_REACHED 3

/* Excel's name of column COL ("A", "AB", ...); caller frees. */
static inline char *
col_name (lxw_col_t col)
{
  char buf[8];
  lxw_col_to_name (buf, col, FALSE);
  return g_strdup (buf);
}

/* An Excel defined name for parameter P: in_<name>, each character not a
 * letter or digit an underscore; caller frees. */
static inline char *
param_cell_name (const dxi_param *p)
{
  GString *s = g_string_new ("in_");
  for (const char *c = p->name; *c; c++)
    g_string_append_c (s, g_ascii_isalnum (*c) ? *c : '_');
  return g_string_free (s, FALSE);
}

/* The Benefits sheet: a column of people helped per intervention, then two
 * per stream (benefit by year, its present value) from column B; the year
 * rows from row 7 (1-based), the totals row below them. */
#define BENEFITS_TOP 6
static inline lxw_col_t
benefits_pv_col (const dxi_appraisal *a, guint iv, guint k)
{
  lxw_col_t c = 1;
  for (guint i = 0; i < iv; i++)
    c += 1 + 2 * ((dxi_intervention *) a->sc->interventions->pdata[i])->streams->len;
  return c + 1 + 2 * k + 1;
}

/* Affordability: cash by financial year, capital and revenue, real and (with
 * AF given) nominal, as formulas on the Costs sheet. */
void dxi_affordability_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a,
                              const dxi_affordability *af);
/* Sensitivity: each input's switching value and tornado, live formulas on
 * the workbook's own cells where NPSV is affine in the input (or, for a
 * budget's cost per person, 1/x while no cap binds), dxi's values with a
 * status cell elsewhere (sensitivity-sheet.c). */
void dxi_sensitivity_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a);
