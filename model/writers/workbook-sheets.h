/* What the sheets of business_case.xlsx share: the cell formats, the Costs
 * sheet's layout, and the sheets written by their own files
 * (affordability-sheet.c).  Private to model/writers/. */
#pragma once
#include <glib.h>
#include <xlsxwriter.h>

#include "appraisal/affordability.h"
#include "appraisal/engine.h"
#include "writers/workbook.h"

/* Cell formats shared by every sheet. */
typedef struct
{
  lxw_format *bold, *title, *money, *money_bold, *num, *whole, *pct, *df, *wrap, *head, *right, *indent;
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

/* Affordability: cash by financial year, capital and revenue, real and (with
 * AF given) nominal, as formulas on the Costs sheet. */
void dxi_affordability_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a, const dxi_affordability *af);
