#include "writers/workbook-sheets.h"

#include <math.h>
#include <string.h>

/* Affordability columns, each a sum over the interventions of one Costs
 * column (offset K in the intervention's block) for row R (1-based), times
 * a named share when SHARE. */
static char *
costs_sum (const dxi_appraisal *a, int k, lxw_row_t r, gboolean share)
{
  GString *f = g_string_new ("=0");
  for (guint i = 0; i < a->n_iv; i++)
    {
      g_autofree char *cn = col_name (1 + COSTS_COLS * i + k);
      g_string_append_printf (f, "+Costs!%s%u", cn, r);
      if (share)
        g_string_append_printf (f, "*aff_capital_share_%u", i + 1);
    }
  return g_string_free (f, FALSE);
}

/* The inputs of the Affordability sheet, below its table: the deflator's
 * base and each intervention's capital share, named, with their sources. */
static void
affordability_inputs (lxw_workbook *wb, lxw_worksheet *ws, const formats *f, const dxi_appraisal *a,
                      const dxi_affordability *af, lxw_row_t r)
{
  worksheet_write_string (ws, r++, 0, "Inputs of this sheet", f->bold);
  g_autofree char *base
      = g_strdup_printf ("GDP deflator index, %d (the price base year)", a->sc->price_base_year);
  worksheet_write_string (ws, r, 0, base, NULL);
  worksheet_write_number (ws, r, 9, af->base_index, f->num);
  worksheet_write_string (ws, r, 10, af->deflator_source, NULL);
  g_autofree char *ref = g_strdup_printf ("=Affordability!$J$%u", r + 1);
  workbook_define_name (wb, "aff_base_index", ref);
  r++;
  for (guint i = 0; i < a->n_iv; i++, r++)
    {
      const dxi_intervention *iv = a->sc->interventions->pdata[i];
      g_autofree char *what
          = g_strdup_printf ("%s: share of the cost per person that is capital", iv->label);
      worksheet_write_string (ws, r, 0, what, NULL);
      worksheet_write_number (ws, r, 9, af->capital_share[i], f->pct);
      worksheet_write_string (ws, r, 10, af->share_source[i], NULL);
      g_autofree char *name = g_strdup_printf ("aff_capital_share_%u", i + 1);
      g_autofree char *cell = g_strdup_printf ("=Affordability!$J$%u", r + 1);
      workbook_define_name (wb, name, cell);
    }
}

/* The values of year T's row of the Affordability sheet (columns 1 to 12,
 * or 1 to 4 with the real total in 4 when AF is not given), as its formulas
 * compute them. */
static void
affordability_values (const dxi_appraisal *a, const dxi_affordability *af, guint t, double *v)
{
  const dxi_scenario *sc = a->sc;
  gboolean given = af && af->given;
  double cap = a->cost_capital[t], rev = a->cost_revenue[t], var = a->cost_variable[t], var_cap = 0;
  for (guint i = 0; i < a->n_iv && given; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      double cost = a->reached[i * a->n_years + t]
                    * ((dxi_param *) sc->params->pdata[iv->cost_per_person])->value;
      var_cap += cost * af->capital_share[i];
    }
  double k = given ? af->raw_index[t] / af->base_index : NAN;
  double row[13] = { 0,
                     cap,
                     rev,
                     var,
                     var_cap,
                     var - var_cap,
                     cap + var_cap,
                     rev + var - var_cap,
                     cap + rev + var,
                     given ? af->raw_index[t] : NAN,
                     (cap + var_cap) * k,
                     (rev + var - var_cap) * k,
                     (cap + rev + var) * k };
  if (!given)
    row[4] = cap + rev + var;
  memcpy (v, row, sizeof row);
}

/* The formula of column C in row X (1-based). */
static char *
affordability_formula (const dxi_appraisal *a, gboolean given, lxw_col_t c, lxw_row_t x)
{
  static const char *const by_col[] = { [5] = "=D%u-E%u",
                                        [6] = "=B%u+E%u",
                                        [7] = "=C%u+F%u",
                                        [8] = "=G%u+H%u",
                                        [10] = "=G%u*J%u/aff_base_index",
                                        [11] = "=H%u*J%u/aff_base_index",
                                        [12] = "=K%u+L%u" };
  static const int costs_col[] = { 0, 0, 1, 4, 4 };
  if (c == 4 && !given)
    return g_strdup_printf ("=B%u+C%u+D%u", x, x, x);
  if (c <= 4)
    return costs_sum (a, costs_col[c], x, c == 4);
  return g_strdup_printf (by_col[c], x, x);
}

/* Cash by financial year: fixed capital and revenue as the scenario gives
 * them, the cost of people reached split by its capital share, real and
 * (with a deflator forecast) nominal; formulas on the Costs sheet. */
void
dxi_affordability_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a,
                         const dxi_affordability *af)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  gboolean given = af && af->given;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Affordability");
  worksheet_write_string (ws, 0, 0, "Affordability: cash by financial year", f->title);
  worksheet_write_string (ws, 1, 0,
                          given ? "capital and revenue, real and nominal, before optimism bias"
                                : "real, before optimism bias",
                          NULL);
  const char *heads[] = { "financial year",         "capital: fixed costs", "revenue: fixed costs",
                          "cost of people reached", "of which capital",     "of which revenue",
                          "capital (real)",         "revenue (real)",       "total (real)",
                          "GDP deflator index",     "capital (nominal)",    "revenue (nominal)",
                          "total (nominal)" };
  guint ncols = given ? G_N_ELEMENTS (heads) : 5;
  for (guint c = 0; c < ncols; c++)
    worksheet_write_string (ws, 2, c, given || c < 4 ? heads[c] : heads[8], f->head);
  worksheet_set_row (ws, 2, 30, NULL);
  double v[13], sum[13] = { 0 };
  for (guint t = 0; t <= h; t++)
    {
      lxw_row_t r = 3 + t;
      gboolean total = t == h;
      if (!total)
        affordability_values (a, af, t, v);
      g_autofree char *fy = total ? g_strdup ("total")
                                  : g_strdup_printf ("%d-%02d", sc->first_year + (int) t,
                                                     (sc->first_year + (int) t + 1) % 100);
      worksheet_write_string (ws, r, 0, fy, total ? f->bold : NULL);
      for (lxw_col_t c = 1; c < ncols; c++)
        {
          g_autofree char *cn = col_name (c);
          if (c == 9)
            {
              if (!total)
                worksheet_write_number (ws, r, c, v[c], f->num);
              continue;
            }
          g_autofree char *formula = total ? g_strdup_printf ("=SUM(%s4:%s%u)", cn, cn, 3 + h)
                                           : affordability_formula (a, given, c, r + 1);
          sum[c] += total ? 0 : v[c];
          worksheet_write_formula_num (ws, r, c, formula, total ? f->money_bold : f->money,
                                       total ? sum[c] : v[c]);
        }
    }
  lxw_row_t r = 5 + h;
  const char *note = given ? "Appraisal year Y is taken as financial year Y-(Y+1). Cash is before "
                             "optimism bias (the appraisal's uplift for "
                             "it is on the Costs sheet). Nominal = real x the deflator index of "
                             "the year / the index of the price base year."
                           : "Appraisal year Y is taken as financial year Y-(Y+1); cash is real "
                             "(price-base pounds), before optimism bias. For "
                             "nominal cash and the capital / revenue split of the cost of people "
                             "reached, give the scenario 'affordability: "
                             "{deflator: {source, index: {year: value}}, capital_share: "
                             "{intervention: {value, source}}}': dxi has no default.";
  worksheet_merge_range (ws, r, 0, r, ncols - 1, note, f->wrap);
  worksheet_set_row (ws, r, dxi_workbook_wrapped_height (note, 14.0 * ncols), NULL);
  if (given)
    affordability_inputs (wb, ws, f, a, af, r + 2);
  worksheet_set_column (ws, 0, ncols - 1, 14, NULL);
  worksheet_freeze_panes (ws, 3, 1);
}
