#include "writers/workbook.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/error.h"
#include "writers/workbook-sheets.h"

static formats
make_formats (lxw_workbook *wb)
{
  formats f;
  f.bold = workbook_add_format (wb);
  format_set_bold (f.bold);
  f.title = workbook_add_format (wb);
  format_set_bold (f.title);
  format_set_font_size (f.title, 14);
  f.money = workbook_add_format (wb);
  format_set_num_format (f.money, "\xc2\xa3#,##0;[Red]-\xc2\xa3#,##0");
  f.money_bold = workbook_add_format (wb);
  format_set_num_format (f.money_bold, "\xc2\xa3#,##0;[Red]-\xc2\xa3#,##0");
  format_set_bold (f.money_bold);
  f.num = workbook_add_format (wb);
  format_set_num_format (f.num, "#,##0.00");
  f.whole = workbook_add_format (wb);
  format_set_num_format (f.whole, "#,##0");
  f.pct = workbook_add_format (wb);
  format_set_num_format (f.pct, "0.0%");
  f.df = workbook_add_format (wb);
  format_set_num_format (f.df, "0.0000");
  f.wrap = workbook_add_format (wb);
  format_set_text_wrap (f.wrap);
  f.head = workbook_add_format (wb);
  format_set_bold (f.head);
  format_set_bg_color (f.head, 0xDDE4EE);
  format_set_text_wrap (f.head);
  f.right = workbook_add_format (wb);
  format_set_align (f.right, LXW_ALIGN_RIGHT);
  f.indent = workbook_add_format (wb);
  format_set_indent (f.indent, 1);
  f.wrap_indent = workbook_add_format (wb);
  format_set_text_wrap (f.wrap_indent);
  format_set_indent (f.wrap_indent, 1);
  return f;
}

/* Points for a row whose text TEXT wraps in a column WIDTH characters wide
 * (LibreOffice and Excel keep the default height of a row written without
 * one, so wrapped text would print over the next rows). */
double
dxi_workbook_wrapped_height (const char *text, double width)
{
  /* About 1.2 characters of running text per unit of column width at 11 pt
   * (measured on LibreOffice's rendering), less for the words that do not
   * fit at a line's end. */
  double per_line = MAX (1, width * 1.15), lines = 0;
  g_auto (GStrv) paragraphs = g_strsplit (text ? text : "", "\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    lines += MAX (1, ceil (g_utf8_strlen (paragraphs[i], -1) / per_line));
  return 15 * MAX (1, lines);
}

/* Set row R to the height of the tallest of its wrapped cells. */
static void
fit_row (lxw_worksheet *ws, lxw_row_t r, const char *const *texts, const double *widths, guint n)
{
  double height = 15;
  for (guint i = 0; i < n; i++)
    height = MAX (height, dxi_workbook_wrapped_height (texts[i], widths[i]));
  worksheet_set_row (ws, r, height, NULL);
}

/* Inputs: every assumption, a named cell with its source. */
static void
inputs_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Inputs");
  worksheet_set_column (ws, 0, 0, 34, f->wrap);
  worksheet_set_column (ws, 1, 1, 44, f->wrap);
  worksheet_set_column (ws, 2, 2, 12, NULL);
  worksheet_set_column (ws, 3, 3, 18, f->wrap);
  worksheet_set_column (ws, 4, 4, 80, f->wrap);
  worksheet_write_string (ws, 0, 0, "Inputs: every assumption of the appraisal, with its source",
                          f->title);
  const char *head[] = { "name", "what", "value", "unit", "source" };
  for (int c = 0; c < 5; c++)
    worksheet_write_string (ws, 2, c, head[c], f->head);
  for (guint i = 0; i < sc->params->len; i++)
    {
      const dxi_param *p = sc->params->pdata[i];
      lxw_row_t r = 3 + i;
      g_autofree char *name = param_cell_name (p);
      worksheet_write_string (ws, r, 0, name, NULL);
      worksheet_write_string (ws, r, 1, p->label, NULL);
      worksheet_write_number (
          ws, r, 2, p->value,
          g_str_equal (p->unit, "share") || g_str_equal (p->unit, "share of costs") ? f->pct
                                                                                    : f->num);
      worksheet_write_string (ws, r, 3, p->unit, NULL);
      worksheet_write_string (ws, r, 4, p->source, NULL);
      const char *texts[] = { name, p->label, p->unit, p->source };
      const double widths[] = { 34, 44, 18, 80 };
      fit_row (ws, r, texts, widths, G_N_ELEMENTS (texts));
      g_autofree char *ref = g_strdup_printf ("=Inputs!$C$%u", r + 1);
      workbook_define_name (wb, name, ref);
    }
  lxw_row_t r = 4 + sc->params->len;
  worksheet_write_string (ws, r, 0, "price base year", f->bold);
  worksheet_write_number (ws, r, 2, sc->price_base_year, NULL);
  worksheet_write_string (ws, r + 1, 0, "first year (year 0, undiscounted)", f->bold);
  worksheet_write_number (ws, r + 1, 2, sc->first_year, NULL);
  worksheet_write_string (ws, r + 2, 0, "discounting", f->bold);
  worksheet_write_string (ws, r + 2, 2,
                          sc->discounting == DXI_DISCOUNT_FLAT ? "flat" : "Green Book STPR", NULL);
  worksheet_freeze_panes (ws, 3, 0);
}

/* The five column heads of intervention IV from column C of the Costs sheet;
 * returns the taller of HEIGHT and the height they wrap to. */
static double
costs_heads (lxw_worksheet *ws, const formats *f, const dxi_intervention *iv, lxw_col_t c,
             double height)
{
  const char *heads[]
      = { "capital", "revenue", iv->by_budget ? "budget (with fixed costs)" : "people planned",
          "people reached", "cost of people reached" };
  for (int k = 0; k < COSTS_COLS; k++)
    {
      g_autofree char *hd = g_strdup_printf ("%s: %s", iv->label, heads[k]);
      worksheet_write_string (ws, 2, c + k, hd, f->head);
      /* Bold: narrower than the column of 16. */
      height = MAX (height, dxi_workbook_wrapped_height (hd, 13));
    }
  return height;
}

/* Intervention I's columns from C of the Costs sheet: what its targeted
 * areas can take in row CAP_ROW, then by year its capital, revenue, budget
 * or people planned, the people reached (dxi's reach model as a formula)
 * and their cost; each year's costs added to TOTAL_BEFORE. */
static void
costs_rows (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_col_t c,
            lxw_row_t cap_row, double *total_before)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  const dxi_intervention *iv = sc->interventions->pdata[i];
  const dxi_param *cpp = sc->params->pdata[iv->cost_per_person];
  g_autofree char *cppname = param_cell_name (cpp);
  g_autofree char *cap_col = col_name (c), *rev_col = col_name (c + 1),
                  *plan_col = col_name (c + 2);
  g_autofree char *reached_col = col_name (c + COSTS_REACHED);
  /* What the targeted areas can take over the appraisal (their caps summed). */
  worksheet_write_number (ws, cap_row, c + COSTS_REACHED, a->cap_total[i], f->whole);
  g_autofree char *cap = g_strdup_printf ("$%s$%u", reached_col, cap_row + 1);
  for (guint t = 0; t < h; t++)
    {
      lxw_row_t r = 3 + t;
      double reached = a->reached[i * h + t];
      worksheet_write_number (ws, r, c, iv->capital[t], f->money);
      worksheet_write_number (ws, r, c + 1, iv->revenue[t], f->money);
      double plan = iv->by_budget ? iv->budget[t] : iv->people[t];
      worksheet_write_number (ws, r, c + 2, isnan (plan) ? 0 : plan,
                              iv->by_budget ? f->money : f->whole);
      g_autofree char *left = t == 0 ? g_strdup_printf ("MAX(0,%s)", cap)
                                     : g_strdup_printf ("MAX(0,%s-SUM($%s$4:%s%u))", cap,
                                                        reached_col, reached_col, r);
      g_autofree char *want
          = iv->by_budget
                ? g_strdup_printf ("IF(%s>0,MAX(0,%s%u-%s%u-%s%u)/%s,0)", cppname, plan_col, r + 1,
                                   cap_col, r + 1, rev_col, r + 1, cppname)
                : g_strdup_printf ("%s%u", plan_col, r + 1);
      g_autofree char *reach = g_strdup_printf ("=MIN(%s,%s)", want, left);
      worksheet_write_formula_num (ws, r, c + COSTS_REACHED, reach, f->whole, reached);
      g_autofree char *formula = g_strdup_printf ("=%s%u*%s", reached_col, r + 1, cppname);
      worksheet_write_formula_num (ws, r, c + 4, formula, f->money, reached * cpp->value);
      total_before[t] += iv->capital[t] + iv->revenue[t] + reached * cpp->value;
    }
}

/* The costs before optimism bias in row R of the Costs sheet as a formula:
 * the capital, revenue and cost of people reached of each intervention in
 * the columns before END; caller frees. */
static char *
costs_before_formula (lxw_col_t end, lxw_row_t r)
{
  GString *sum = g_string_new ("=0");
  for (lxw_col_t k = 1; k < end; k++)
    if ((k - 1) % COSTS_COLS == 0 || (k - 1) % COSTS_COLS == 1 || (k - 1) % COSTS_COLS == 4)
      {
        g_autofree char *cn = col_name (k);
        g_string_append_printf (sum, "+%s%u", cn, r + 1);
      }
  return g_string_free (sum, FALSE);
}

/* The year column and, from column C of the Costs sheet, by year the costs
 * before optimism bias (dxi's TOTAL_BEFORE), the optimism bias and the
 * total cost. */
static void
costs_totals (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, lxw_col_t c,
              const double *total_before)
{
  const dxi_scenario *sc = a->sc;
  double ob = ((dxi_param *) sc->params->pdata[sc->optimism_bias])->value;
  worksheet_write_string (ws, 2, c, "costs before optimism bias", f->head);
  worksheet_write_string (ws, 2, c + 1, "optimism bias", f->head);
  worksheet_write_string (ws, 2, c + 2, "total cost", f->head);
  g_autofree char *before = col_name (c), *obc = col_name (c + 1);
  for (guint t = 0; t < a->n_years; t++)
    {
      lxw_row_t r = 3 + t;
      worksheet_write_number (ws, r, 0, sc->first_year + (int) t, NULL);
      g_autofree char *sum = costs_before_formula (c, r);
      worksheet_write_formula_num (ws, r, c, sum, f->money, total_before[t]);
      g_autofree char *obf = g_strdup_printf ("=%s%u*in_optimism_bias", before, r + 1);
      worksheet_write_formula_num (ws, r, c + 1, obf, f->money, total_before[t] * ob);
      g_autofree char *tot = g_strdup_printf ("=%s%u+%s%u", before, r + 1, obc, r + 1);
      worksheet_write_formula_num (ws, r, c + 2, tot, f->money, total_before[t] * (1 + ob));
    }
}

/* Costs by year: fixed costs, the budget or the people planned, people
 * reached as dxi's reach model computes them (the budget less fixed costs
 * over the cost per person, or the people planned, up to what the targeted
 * areas' caps still hold), cost per person reached and optimism bias, all as
 * formulas on the inputs; only the split among areas stays dxi's. */
static void
costs_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  guint h = a->n_years;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Costs");
  worksheet_write_string (
      ws, 0, 0,
      "Costs by year (real, price-base pounds); people reached by dxi's reach model, as formulas",
      f->title);
  worksheet_write_string (ws, 2, 0, "year", f->head);
  lxw_col_t c = 1;
  g_autofree double *total_before = g_new0 (double, h);
  double head_height = 45;
  lxw_row_t cap_row = 3 + h + 1;
  worksheet_write_string (ws, cap_row, 0, "cap", f->bold);
  for (guint i = 0; i < a->n_iv; i++, c += COSTS_COLS)
    {
      head_height = costs_heads (ws, f, a->sc->interventions->pdata[i], c, head_height);
      costs_rows (ws, f, a, i, c, cap_row, total_before);
    }
  costs_totals (ws, f, a, c, total_before);
  worksheet_write_string (
      ws, cap_row + 1, 0,
      "cap: the people the targeted areas can take over the appraisal (their cap column summed, "
      "from dxi); people reached never exceed what is left of it",
      NULL);
  worksheet_set_column (ws, 0, 0, 8, NULL);
  worksheet_set_column (ws, 1, c + 2, 16, NULL);
  worksheet_set_row (ws, 2, head_height, NULL);
  worksheet_freeze_panes (ws, 3, 1);
  /* The total cost column, for the Appraisal sheet. */
  g_autofree char *tc = col_name (c + 2);
  g_autofree char *ref = g_strdup_printf ("=Costs!$%s$4:$%s$%u", tc, tc, 3 + h);
  workbook_define_name (wb, "total_cost", ref);
}

/* The value of one person helped a year as a formula on the inputs: the
 * stream's value, or its build-up quantity x (unit value - less unit value)
 * x eligibility. */
static char *
stream_value_formula (const dxi_scenario *sc, const dxi_stream *s)
{
  g_autofree char *unit = param_cell_name (sc->params->pdata[s->value]);
  GString *fm = g_string_new (NULL);
  if (s->quantity != DXI_NO_PARAM)
    {
      g_autofree char *q = param_cell_name (sc->params->pdata[s->quantity]);
      g_string_append_printf (fm, "%s*", q);
    }
  if (s->less_unit_value != DXI_NO_PARAM)
    {
      g_autofree char *less = param_cell_name (sc->params->pdata[s->less_unit_value]);
      g_string_append_printf (fm, "(%s-%s)", unit, less);
    }
  else
    g_string_append (fm, unit);
  if (s->eligibility != DXI_NO_PARAM)
    {
      g_autofree char *e = param_cell_name (sc->params->pdata[s->eligibility]);
      g_string_append_printf (fm, "*%s", e);
    }
  return g_string_free (fm, FALSE);
}

/* The value of one person helped a year net of the stream's deadweight,
 * displacement, leakage and optimism bias on benefits, as a formula on the
 * inputs; caller frees. */
static char *
stream_net_formula (const dxi_scenario *sc, const dxi_stream *s)
{
  g_autofree char *value = stream_value_formula (sc, s);
  g_autofree char *dw = param_cell_name (sc->params->pdata[s->deadweight]);
  g_autofree char *ds = param_cell_name (sc->params->pdata[s->displacement]);
  g_autofree char *lk = param_cell_name (sc->params->pdata[s->leakage]);
  g_autofree char *ob = param_cell_name (sc->params->pdata[s->optimism]);
  return g_strdup_printf ("%s*(1-%s)*(1-%s)*(1-%s)*(1-%s)", value, dw, ds, lk, ob);
}

/* Stream S's benefit in year Y as a formula: the cohorts of people helped
 * (column HELPED_COL) that benefit that year, each with its drop-off (the
 * cell D) and ramp-up, times the net value NET and the real growth (the cell
 * GROWTH, or NULL for none); caller frees. */
static char *
stream_year_formula (const dxi_stream *s, guint y, const char *helped_col, const char *d,
                     const char *net, const char *growth)
{
  GString *fm = g_string_new ("=(0");
  /* Cohorts helped in year t benefit in years t + lag ... t + lag +
   * persistence - 1, the k-th of them ramped up to k + 1 of ramp_up_years. */
  for (guint t = 0; t + s->lag <= y; t++)
    {
      guint age = y - t - s->lag;
      if (age >= s->persistence)
        continue;
      g_string_append_printf (fm, "+%s%u*(1-%s)^%u", helped_col, BENEFITS_TOP + t + 1, d, age);
      if (age + 1 < s->ramp)
        g_string_append_printf (fm, "*%u/%u", age + 1, s->ramp);
    }
  g_string_append_printf (fm, ")*%s", net);
  if (growth)
    g_string_append_printf (fm, "*(1+%s)^%u", growth, y);
  return g_string_free (fm, FALSE);
}

/* Intervention I's people helped (reached x success rate) in column C of
 * the Benefits sheet, dxi's sum in TOTALS. */
static void
benefits_helped (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_col_t c,
                 GArray *totals)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  const dxi_intervention *iv = sc->interventions->pdata[i];
  g_autofree char *succ = param_cell_name (sc->params->pdata[iv->success_rate]);
  g_autofree char *reached_col = col_name (1 + COSTS_COLS * i + COSTS_REACHED);
  g_autofree char *hd = g_strdup_printf ("%s: people helped", iv->label);
  worksheet_write_string (ws, 2, c, hd, f->head);
  for (guint t = 0; t < h; t++)
    {
      g_autofree char *fm = g_strdup_printf ("=Costs!%s%u*%s", reached_col, 4 + t, succ);
      worksheet_write_formula_num (ws, BENEFITS_TOP + t, c, fm, f->whole, a->helped[i * h + t]);
      g_array_set_size (totals, c + 1);
      g_array_index (totals, double, c) += a->helped[i * h + t];
    }
}

/* The heads of stream S's two columns from C of the Benefits sheet (its
 * benefit by year, their present value): name, kind, recipient and value
 * type. */
static void
benefits_stream_heads (lxw_worksheet *ws, const formats *f, const dxi_intervention *iv,
                       const dxi_stream *s, lxw_col_t c)
{
  static const char *const type_names[] = { "fiscal", "economic", "social" };
  g_autofree char *name
      = g_strdup_printf ("%s: %s (from %u year%s after helping, confidence grade %s)", iv->label,
                         s->label, s->lag, s->lag == 1 ? "" : "s", s->grade);
  g_autofree char *pvhd = g_strdup_printf ("PV: %s", name);
  const char *heads[] = { name, pvhd };
  for (int j = 0; j < 2; j++)
    {
      worksheet_write_string (ws, 2, c + j, heads[j], f->head);
      worksheet_write_string (ws, 3, c + j, s->direct ? "direct" : "indirect", NULL);
      worksheet_write_string (ws, 4, c + j, s->recipient, NULL);
      worksheet_write_string (ws, 5, c + j, type_names[s->type], NULL);
    }
}

/* Stream SI of intervention I in columns C (its benefit by year) and C + 1
 * (their present value) of the Benefits sheet, as formulas on the people
 * helped in column HELPED_COL, cached at the appraisal's benefit table; dxi's
 * sums in TOTALS. */
static void
benefits_stream (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, guint si,
                 lxw_col_t c, const char *helped_col, GArray *totals)
{
  const dxi_scenario *sc = a->sc;
  const dxi_stream *s = sc->streams->pdata[si];
  const double *by_year = dxi_appraisal_iv_benefit (a, i, si);
  guint h = a->n_years;
  g_autofree char *d = param_cell_name (sc->params->pdata[s->drop_off]);
  g_autofree char *net = stream_net_formula (sc, s);
  g_autofree char *growth
      = s->growth == DXI_NO_PARAM ? NULL : param_cell_name (sc->params->pdata[s->growth]);
  benefits_stream_heads (ws, f, sc->interventions->pdata[i], s, c);
  const double *dfs = s->health ? a->df_health : a->df;
  g_array_set_size (totals, c + 2);
  const char *df_name = s->health && sc->discounting != DXI_DISCOUNT_FLAT ? "df_health" : "df";
  g_autofree char *bc = col_name (c);
  for (guint y = 0; y < h; y++)
    {
      lxw_row_t r = BENEFITS_TOP + y;
      double b = by_year[y];
      g_autofree char *fm = stream_year_formula (s, y, helped_col, d, net, growth);
      worksheet_write_formula_num (ws, r, c, fm, f->money, b);
      g_autofree char *pvf = g_strdup_printf ("=%s%u*INDEX(%s,%u)", bc, r + 1, df_name, y + 1);
      worksheet_write_formula_num (ws, r, c + 1, pvf, f->money, b * dfs[y]);
      g_array_index (totals, double, c) += b;
      g_array_index (totals, double, c + 1) += b * dfs[y];
    }
}

/* The Benefits sheet's year column and its totals row: the sum of each
 * column before END (dxi's in TOTALS), the present values among them. */
static void
benefits_totals (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, lxw_col_t end,
                 const GArray *totals)
{
  guint h = a->n_years;
  const lxw_row_t top = BENEFITS_TOP, tr = top + h;
  for (guint t = 0; t < h; t++)
    worksheet_write_number (ws, top + t, 0, a->sc->first_year + (int) t, NULL);
  worksheet_write_string (ws, tr, 0, "total", f->bold);
  for (lxw_col_t k = 1; k < end; k++)
    {
      g_autofree char *cn = col_name (k);
      g_autofree char *fm = g_strdup_printf ("=SUM(%s%u:%s%u)", cn, top + 1, cn, top + h);
      worksheet_write_formula_num (ws, tr, k, fm, f->money_bold, g_array_index (totals, double, k));
    }
}

/* The names the Appraisal sheet's formulas use for the Benefits sheet's
 * heads, kinds, recipients, value types and totals (row TR), from column
 * B to LAST_COL. */
static void
benefits_names (lxw_workbook *wb, lxw_col_t last_col, lxw_row_t tr)
{
  g_autofree char *last = col_name (last_col);
  g_autofree char *kinds = g_strdup_printf ("=Benefits!$B$4:$%s$4", last);
  g_autofree char *recips = g_strdup_printf ("=Benefits!$B$5:$%s$5", last);
  g_autofree char *types = g_strdup_printf ("=Benefits!$B$6:$%s$6", last);
  g_autofree char *total_ref = g_strdup_printf ("=Benefits!$B$%u:$%s$%u", tr + 1, last, tr + 1);
  g_autofree char *heads = g_strdup_printf ("=Benefits!$B$3:$%s$3", last);
  workbook_define_name (wb, "benefit_kind", kinds);
  workbook_define_name (wb, "benefit_recipient", recips);
  workbook_define_name (wb, "benefit_type", types);
  workbook_define_name (wb, "benefit_total", total_ref);
  workbook_define_name (wb, "benefit_head", heads);
}

/* Benefits by year for each intervention and stream: people helped (reached x
 * success rate), each cohort's benefit from its lag over its persistence with
 * drop-off and ramp-up, the value per person (or its build-up) grown in real
 * terms, net of additionality and of the optimism bias of its confidence
 * grade, all as formulas; then present values. */
static void
benefits_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Benefits");
  worksheet_write_string (
      ws, 0, 0,
      "Benefits by year (real, price-base pounds), net of deadweight, displacement, leakage and "
      "optimism bias on benefits",
      f->title);
  worksheet_write_string (ws, 2, 0, "year", f->head);
  worksheet_write_string (ws, 3, 0, "kind", f->bold);
  worksheet_write_string (ws, 4, 0, "recipient", f->bold);
  worksheet_write_string (ws, 5, 0, "value type", f->bold);
  lxw_col_t c = 1;
  g_autoptr (GArray) totals = g_array_new (FALSE, TRUE, sizeof (double)); /* by column */
  g_array_set_size (totals, 1);
  for (guint i = 0; i < a->n_iv; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      benefits_helped (ws, f, a, i, c, totals);
      g_autofree char *helped_col = col_name (c++);
      for (guint k = 0; k < iv->streams->len; k++, c += 2)
        benefits_stream (ws, f, a, i, g_array_index (iv->streams, guint, k), c, helped_col, totals);
    }
  benefits_totals (ws, f, a, c, totals);
  benefits_names (wb, c - 1, BENEFITS_TOP + a->n_years);
  worksheet_set_column (ws, 0, 0, 10, NULL);
  worksheet_set_column (ws, 1, c, 18, NULL);
  worksheet_set_row (ws, 2, 105,
                     NULL); /* seven lines: the longest stream headers (rendered by LibreOffice) */
  worksheet_freeze_panes (ws, BENEFITS_TOP, 1);
}

/* The local economic impact at an area boundary, apart from the NPSV: the
 * gross benefits of the chosen value types by year (dxi's), summed to
 * to_year, then net of deadweight, displacement and leakage at the boundary
 * and times the multiplier, as formulas on the factors. */
static void
local_impact_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  const dxi_local_impact *li = sc->local;
  if (li == NULL)
    return;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Local impact");
  g_autofree char *title
      = g_strdup_printf ("Local economic impact in %s (undiscounted, real %d prices; apart from "
                         "the NPSV)",
                         li->area, sc->price_base_year);
  worksheet_write_string (ws, 0, 0, title, f->title);
  worksheet_write_string (ws, 2, 0, "year", f->head);
  worksheet_write_string (ws, 2, 1, "gross benefit (before the streams' additionality)", f->head);
  lxw_row_t r = 3;
  for (guint y = 0; y < a->n_years && sc->first_year + (int) y <= li->to_year; y++, r++)
    {
      worksheet_write_number (ws, r, 0, sc->first_year + (int) y, NULL);
      worksheet_write_number (ws, r, 1, a->local_gross_by_year[y], f->money);
    }
  lxw_row_t total = r;
  worksheet_write_string (ws, total, 0, "gross", f->bold);
  g_autofree char *sum = g_strdup_printf ("=SUM(B4:B%u)", total);
  worksheet_write_formula_num (ws, total, 1, sum, f->money_bold, a->local_gross);
  const char *names[] = { "deadweight", "displacement", "leakage", "multiplier" };
  double values[] = { li->deadweight, li->displacement, li->leakage, li->multiplier };
  for (guint i = 0; i < 4; i++)
    {
      worksheet_write_string (ws, total + 1 + i, 0, names[i], NULL);
      worksheet_write_number (ws, total + 1 + i, 1, values[i], i < 3 ? f->pct : f->num);
      worksheet_write_string (ws, total + 1 + i, 2, li->source[i], f->wrap);
    }
  lxw_row_t net = total + 5;
  worksheet_write_string (ws, net, 0, "net at the boundary", f->bold);
  g_autofree char *fm = g_strdup_printf ("=B%u*(1-B%u)*(1-B%u)*(1-B%u)*B%u", total + 1, total + 2,
                                         total + 3, total + 4, total + 5);
  worksheet_write_formula_num (ws, net, 1, fm, f->money_bold, a->local_net);
  worksheet_write_string (
      ws, net + 2, 0,
      "Gross to net as the HCA Additionality Guide (fourth edition, 2014): gross x (1 - leakage) x "
      "(1 - displacement) x multiplier, less the reference case (deadweight).",
      NULL);
  worksheet_set_column (ws, 0, 0, 22, NULL);
  worksheet_set_column (ws, 1, 1, 24, NULL);
  worksheet_set_column (ws, 2, 2, 90, f->wrap);
}

/* Year T's row of the Appraisal sheet: the discount rates and factors (the
 * health ones too), the total cost with optimism bias OB and its present
 * value; returns dxi's present value of the cost. */
static double
appraisal_year (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint t, double ob)
{
  const dxi_scenario *sc = a->sc;
  gboolean flat = sc->discounting == DXI_DISCOUNT_FLAT;
  lxw_row_t r = 3 + t;
  double cost = (a->cost_capital[t] + a->cost_revenue[t] + a->cost_variable[t]) * (1 + ob);
  worksheet_write_number (ws, r, 0, sc->first_year + (int) t, NULL);
  worksheet_write_number (ws, r, 1, t, NULL);
  worksheet_write_number (
      ws, r, 2, t ? dxi_greenbook_discount_rate (sc->discounting, t, sc->discount_rate) : 0,
      f->pct);
  worksheet_write_number (ws, r, 4,
                          t ? dxi_greenbook_discount_rate (
                              flat ? DXI_DISCOUNT_FLAT : DXI_DISCOUNT_HEALTH, t, sc->discount_rate)
                            : 0,
                          f->pct);
  if (t == 0)
    {
      worksheet_write_number (ws, r, 3, 1, f->df);
      worksheet_write_number (ws, r, 5, 1, f->df);
    }
  else
    {
      g_autofree char *d = g_strdup_printf ("=D%u/(1+C%u)", r, r + 1);
      g_autofree char *dh = g_strdup_printf ("=F%u/(1+E%u)", r, r + 1);
      worksheet_write_formula_num (ws, r, 3, d, f->df, a->df[t]);
      worksheet_write_formula_num (ws, r, 5, dh, f->df, a->df_health[t]);
    }
  g_autofree char *c = g_strdup_printf ("=INDEX(total_cost,%u)", t + 1);
  worksheet_write_formula_num (ws, r, 6, c, f->money, cost);
  g_autofree char *pv = g_strdup_printf ("=G%u*D%u", r + 1, r + 1);
  worksheet_write_formula_num (ws, r, 7, pv, f->money, cost * a->df[t]);
  return cost * a->df[t];
}

/* One result of the Appraisal sheet: a named cell in column G. */
typedef struct
{
  const char *label, *name, *formula;
  double value;
  lxw_format *fmt;
  const char *undefined; /* the text in place of the value, or NULL */
} appraisal_result;

/* Result RES in row R of the Appraisal sheet, its cell named. */
static void
write_result (lxw_workbook *wb, lxw_worksheet *ws, const formats *f, lxw_row_t r,
              const appraisal_result *res)
{
  worksheet_write_string (ws, r, 0, res->label, f->bold);
  /* A ratio with no streams of its kind is the text alone; one without
   * cost is a formula that says so. */
  gboolean no_streams = res->undefined && g_str_has_prefix (res->undefined, "n/a (no ")
                        && !g_str_equal (res->undefined, "n/a (no cost)");
  if (no_streams)
    worksheet_write_string (ws, r, 6, res->undefined, NULL);
  else if (res->undefined)
    worksheet_write_formula_str (ws, r, 6, res->formula, NULL, res->undefined);
  else
    worksheet_write_formula_num (ws, r, 6, res->formula, res->fmt, res->value);
  g_autofree char *ref = g_strdup_printf ("=Appraisal!$G$%u", r + 1);
  workbook_define_name (wb, res->name, ref);
}

/* The Appraisal sheet's results from row R, formulas on the present values
 * of cost (PVC, dxi's) and of the Benefits sheet's columns: PV costs and
 * benefits, NPSV, BCR, PV by value type, the returns on investment and PV
 * direct and indirect. */
static void
appraisal_results (lxw_workbook *wb, lxw_worksheet *ws, const formats *f, const dxi_appraisal *a,
                   lxw_row_t r, double pvc)
{
  const char *pv_type
      = "SUMPRODUCT((LEFT(benefit_head,3)=\"PV:\")*(benefit_type=\"%s\")*benefit_total)";
  g_autofree char *pv_fiscal = g_strdup_printf (pv_type, "fiscal"),
                  *pv_economic = g_strdup_printf (pv_type, "economic");
  g_autofree char *pv_social = g_strdup_printf (pv_type, "social");
  g_autofree char *pv_fiscal_f = g_strdup_printf ("=%s", pv_fiscal),
                  *pv_economic_f = g_strdup_printf ("=%s", pv_economic);
  g_autofree char *pv_social_f = g_strdup_printf ("=%s", pv_social);
  g_autofree char *fiscal_roi
      = g_strdup_printf ("=IF(pv_costs>0,%s/pv_costs,\"n/a (no cost)\")", pv_fiscal);
  g_autofree char *economic_roi
      = g_strdup_printf ("=IF(pv_costs>0,%s/pv_costs,\"n/a (no cost)\")", pv_economic);
  g_autofree char *pvc_formula = g_strdup_printf ("=SUM(H4:H%u)", 3 + a->n_years);
  const appraisal_result rows[] = {
    { "PV costs (with optimism bias)", "pv_costs", pvc_formula, pvc, f->money_bold, NULL },
    { "PV benefits", "pv_benefits", "=SUMPRODUCT((LEFT(benefit_head,3)=\"PV:\")*benefit_total)",
      a->pv_benefits, f->money_bold, NULL },
    { "NPSV", "npsv", "=pv_benefits-pv_costs", a->npsv, f->money_bold, NULL },
    { "BCR", "bcr", "=IF(pv_costs>0,pv_benefits/pv_costs,\"n/a (no cost)\")", a->bcr, f->num,
      dxi_appraisal_undefined (a, -1) },
    { "PV fiscal benefits (to council, NHS, DWP, HMRC, other public)", "pv_fiscal", pv_fiscal_f,
      a->pv_by_type[DXI_VALUE_FISCAL], f->money, NULL },
    { "PV economic benefits", "pv_economic", pv_economic_f, a->pv_by_type[DXI_VALUE_ECONOMIC],
      f->money, NULL },
    { "PV social benefits", "pv_social", pv_social_f, a->pv_by_type[DXI_VALUE_SOCIAL], f->money,
      NULL },
    { "fiscal ROI (fiscal benefits / public cost; GMCA CBA model)", "fiscal_roi", fiscal_roi,
      a->roi[DXI_ROI_FISCAL], f->num, dxi_appraisal_undefined (a, DXI_ROI_FISCAL) },
    { "economic ROI (economic benefits / public cost; GMCA CBA model)", "economic_roi",
      economic_roi, a->roi[DXI_ROI_ECONOMIC], f->num,
      dxi_appraisal_undefined (a, DXI_ROI_ECONOMIC) },
    { "public value ROI (all benefits / public cost; GMCA CBA model)", "public_value_roi",
      "=IF(pv_costs>0,pv_benefits/pv_costs,\"n/a (no cost)\")", a->roi[DXI_ROI_PUBLIC_VALUE],
      f->num, dxi_appraisal_undefined (a, DXI_ROI_PUBLIC_VALUE) },
    { "PV direct benefits", "pv_direct",
      "=SUMPRODUCT((LEFT(benefit_head,3)=\"PV:\")*(benefit_kind=\"direct\")*benefit_total)",
      a->pv_direct, f->money, NULL },
    { "PV indirect benefits", "pv_indirect",
      "=SUMPRODUCT((LEFT(benefit_head,3)=\"PV:\")*(benefit_kind=\"indirect\")*benefit_total)",
      a->pv_indirect, f->money, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    write_result (wb, ws, f, r + i, &rows[i]);
}

/* Discount factors and present values, NPSV and BCR as formulas. */
static void
appraisal_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  guint h = a->n_years;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Appraisal");
  worksheet_write_string (
      ws, 0, 0, "Discounting and present values (HM Treasury Green Book 2022, Annex A6)", f->title);
  const char *head[] = { "year",          "t",
                         "discount rate", "discount factor",
                         "health rate",   "health discount factor",
                         "total cost",    "PV of cost" };
  for (int c = 0; c < 8; c++)
    worksheet_write_string (ws, 2, c, head[c], f->head);
  double ob = ((dxi_param *) sc->params->pdata[sc->optimism_bias])->value, pvc = 0;
  for (guint t = 0; t < h; t++)
    pvc += appraisal_year (ws, f, a, t, ob);
  g_autofree char *dfr = g_strdup_printf ("=Appraisal!$D$4:$D$%u", 3 + h);
  g_autofree char *dhr = g_strdup_printf ("=Appraisal!$F$4:$F$%u", 3 + h);
  workbook_define_name (wb, "df", dfr);
  workbook_define_name (wb, "df_health", dhr);
  appraisal_results (wb, ws, f, a, 5 + h, pvc);
  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 5, 12, NULL);
  worksheet_set_column (ws, 6, 7, 16, NULL);
  worksheet_set_row (ws, 2, 45, NULL);
  worksheet_freeze_panes (ws, 3, 0);
}

/* A ratio of the Summary: its formula (the named cell), or the text saying
 * why it is undefined. */
static void
write_ratio (lxw_worksheet *ws, lxw_row_t r, const formats *f, const char *formula, double value,
             const char *undefined)
{
  if (undefined)
    worksheet_write_formula_str (ws, r, 1, formula, NULL, undefined);
  else
    worksheet_write_formula_num (ws, r, 1, formula, f->num, value);
}

/* A note in the Summary's third column (70 characters wide, wrapped). */
static void
summary_note (lxw_worksheet *ws, lxw_row_t r, const char *text)
{
  worksheet_write_string (ws, r, 2, text, NULL);
  worksheet_set_row (ws, r, dxi_workbook_wrapped_height (text, 70), NULL);
}

/* The Summary's lines on the index's uncertainty: the result with it, and
 * how sure the targeting is (values from dxi, from row R). */
static void
summary_targeting (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws, lxw_row_t r)
{
  if (a->index_draws == 0)
    return;
  g_autofree char *head
      = g_strdup_printf ("With the index's uncertainty (each draw targets by one of the index's %u "
                         "draws)",
                         a->index_draws);
  worksheet_write_string (ws, ++r, 0, head, f->bold);
  const char *labels[] = { "NPSV P5", "NPSV P95", "P(BCR > 1)" };
  double vals[] = { a->joint.npsv_p5, a->joint.npsv_p95, a->joint.p_bcr_above_1 };
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      worksheet_write_string (ws, ++r, 0, labels[i], NULL);
      if (isnan (vals[i]))
        worksheet_write_string (ws, r, 1, "n/a (no cost)", NULL);
      else
        worksheet_write_number (ws, r, 1, vals[i], i < 2 ? f->money : f->pct);
    }
  guint targeted = 0, sure = 0;
  for (guint k = 0; k < a->n_areas; k++)
    if (a->area_targeted[k])
      targeted++, sure += a->area_p_targeted[k] >= 0.95;
  g_autofree char *line
      = g_strdup_printf ("%u of the %u areas targeted are targeted in at least 95%% of the index's "
                         "draws (each area's share: Uncertainty sheet)",
                         sure, targeted);
  worksheet_write_string (ws, ++r, 0, "Targeting", NULL);
  summary_note (ws, r, line);
}

/* The Summary's column widths, title and subtitle. */
static void
summary_head (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws)
{
  const dxi_scenario *sc = a->sc;
  worksheet_set_column (ws, 0, 0, 52, NULL);
  worksheet_set_column (ws, 1, 1, 18, NULL);
  worksheet_set_column (ws, 2, 2, 70, f->wrap);
  worksheet_write_string (ws, 0, 0, sc->title, f->title);
  g_autofree char *sub = g_strdup_printf (
      "Green Book appraisal %d-%d, real %d prices; figures link to the other sheets",
      sc->first_year, sc->first_year + (int) a->n_years - 1, sc->price_base_year);
  worksheet_write_string (ws, 1, 0, sub, NULL);
}

/* The Summary's headline results from row R, formulas on the Appraisal
 * sheet's named cells: NPSV, BCR, value for money and the present values;
 * returns the next row. */
static lxw_row_t
summary_results (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws, lxw_row_t r)
{
  worksheet_write_string (ws, r, 0, "NPSV (net present social value)", f->bold);
  worksheet_write_formula_num (ws, r++, 1, "=npsv", f->money_bold, a->npsv);
  worksheet_write_string (ws, r, 0, "Benefit-cost ratio", f->bold);
  write_ratio (ws, r++, f, "=bcr", a->bcr, dxi_appraisal_undefined (a, -1));
  worksheet_write_string (ws, r, 0, "Value for money (DfT category)", f->bold);
  worksheet_write_formula_str (
      ws, r, 1,
      "=IF(ISNUMBER(bcr),IF(bcr<1,\"poor\",IF(bcr<1.5,\"low\",IF(bcr<2,\"medium\",IF(bcr<4,"
      "\"high\",\"very high\")))),\"n/a (no cost)\")",
      NULL, dxi_greenbook_vfm_band (a->bcr));
  summary_note (
      ws, r++,
      "The Department for Transport's value for money categories (DfT, Value for Money Framework): "
      "poor < 1, low 1-1.5, medium 1.5-2, high 2-4, very high 4 and over; the Green Book sets no "
      "such bands");
  worksheet_write_string (ws, r, 0, "PV costs (with optimism bias)", NULL);
  worksheet_write_formula_num (ws, r++, 1, "=pv_costs", f->money, a->pv_costs);
  worksheet_write_string (ws, r, 0, "PV benefits", NULL);
  worksheet_write_formula_num (ws, r++, 1, "=pv_benefits", f->money, a->pv_benefits);
  worksheet_write_string (ws, r, 0, "PV direct benefits", NULL);
  worksheet_write_formula_num (ws, r++, 1, "=pv_direct", f->money, a->pv_direct);
  worksheet_write_string (ws, r, 0, "PV indirect benefits", NULL);
  worksheet_write_formula_num (ws, r++, 1, "=pv_indirect", f->money, a->pv_indirect);
  return r;
}

/* The Summary's returns on investment from row R (the Appraisal sheet's
 * named cells); returns the next row. */
static lxw_row_t
summary_rois (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws, lxw_row_t r)
{
  const char *roi_labels[] = { "Fiscal ROI (fiscal benefits / public cost)",
                               "Economic ROI (economic benefits / public cost)",
                               "Public value ROI (all benefits / public cost)" };
  const char *roi_formulas[] = { "=fiscal_roi", "=economic_roi", "=public_value_roi" };
  for (guint k = 0; k < DXI_N_ROI; k++)
    {
      worksheet_write_string (ws, r, 0, roi_labels[k], NULL);
      if (k == 0)
        summary_note (ws, r,
                      "As the GMCA CBA model reports them: fiscal benefits go to the council, NHS, "
                      "DWP, HMRC or "
                      "another public body; public value is fiscal + economic + social");
      write_ratio (ws, r++, f, roi_formulas[k], a->roi[k], dxi_appraisal_undefined (a, (int) k));
    }
  return r;
}

/* The Summary's people reached and helped online (formulas on the Costs and
 * Benefits sheets) and payback year from row R; returns the next row. */
static lxw_row_t
summary_people (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws, lxw_row_t r)
{
  guint h = a->n_years;
  double reached, helped;
  dxi_appraisal_people (a, &reached, &helped);
  g_autoptr (GString) reached_f = g_string_new ("=0"), helped_f = g_string_new ("=0");
  for (guint i = 0, bc = 1; i < a->n_iv; i++)
    {
      g_autofree char *rc = col_name (1 + COSTS_COLS * i + COSTS_REACHED), *hc = col_name (bc);
      g_string_append_printf (reached_f, "+SUM(Costs!%s4:%s%u)", rc, rc, 3 + h);
      g_string_append_printf (helped_f, "+SUM(Benefits!%s7:%s%u)", hc, hc, 6 + h);
      bc += 1 + 2 * ((dxi_intervention *) a->sc->interventions->pdata[i])->streams->len;
    }
  worksheet_write_string (ws, r, 0, "People reached", NULL);
  worksheet_write_formula_num (ws, r++, 1, reached_f->str, f->whole, reached);
  worksheet_write_string (ws, r, 0, "People helped online", NULL);
  worksheet_write_formula_num (ws, r++, 1, helped_f->str, f->whole, helped);
  worksheet_write_string (ws, r, 0, "Payback year (discounted)", NULL);
  if (a->payback_year)
    worksheet_write_number (ws, r++, 1, a->payback_year, NULL);
  else
    worksheet_write_string (ws, r++, 1, "not within the appraisal", NULL);
  return r;
}

/* The Summary's Monte Carlo results from row R (values from dxi); returns
 * the next row. */
static lxw_row_t
summary_monte_carlo (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws, lxw_row_t r)
{
  g_autofree char *mc
      = g_strdup_printf ("Monte Carlo, %u draws (seed %u): values from dxi", a->draws, a->sc->seed);
  worksheet_write_string (ws, r++, 0, mc, f->bold);
  const char *labels[] = { "NPSV mean", "NPSV P5",    "NPSV median", "NPSV P95",
                           "BCR P5",    "BCR median", "BCR P95",     "P(BCR > 1)" };
  double vals[] = { a->npsv_mean, a->npsv_p5, a->npsv_p50, a->npsv_p95,
                    a->bcr_p5,    a->bcr_p50, a->bcr_p95,  a->p_bcr_above_1 };
  for (guint i = 0; a->draws && i < G_N_ELEMENTS (labels); i++)
    {
      worksheet_write_string (ws, r, 0, labels[i], NULL);
      if (isnan (vals[i]))
        worksheet_write_string (ws, r++, 1, "n/a (no cost)", NULL);
      else
        worksheet_write_number (ws, r++, 1, vals[i], i < 4 ? f->money : i == 7 ? f->pct : f->num);
    }
  return r;
}

/* The Summary: the headline results, people and payback as formulas on the
 * other sheets, then the Monte Carlo's and the targeting's values from dxi. */
static void
summary_sheet (const formats *f, const dxi_appraisal *a, lxw_worksheet *ws)
{
  summary_head (f, a, ws);
  lxw_row_t r = summary_results (f, a, ws, 3);
  r = summary_rois (f, a, ws, r);
  r = summary_people (f, a, ws, r);
  r = summary_monte_carlo (f, a, ws, r + 1); /* after a blank row */
  summary_targeting (f, a, ws, r);
}

/* How sure the targeting is: per area, whether the nominal ranks target it
 * and the share of the index's draws in which an intervention does. */
static void
targeting_table (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a,
                 const dxi_frame *areas, lxw_row_t top)
{
  g_autofree char *t = g_strdup_printf (
      "How sure the targeting is: the share of the index's %u draws in which each "
      "area is targeted (by any intervention)",
      a->index_draws);
  worksheet_write_string (ws, top, 0, t, f->bold);
  const char *heads[]
      = { "code", "name", "targeted at the nominal ranks", "share of draws targeted" };
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    worksheet_write_string (ws, top + 1, c, heads[c], f->head);
  worksheet_set_row (ws, top + 1, 30, NULL);
  lxw_row_t r = top + 2;
  for (guint k = 0; k < a->n_areas; k++)
    {
      if (a->area_targeted[k] == 0 && a->area_p_targeted[k] == 0)
        continue;
      worksheet_write_string (ws, r, 0, dxi_frame_code (areas, k), NULL);
      worksheet_write_string (ws, r, 1, dxi_frame_name (areas, k) ? dxi_frame_name (areas, k) : "",
                              NULL);
      worksheet_write_string (ws, r, 2, a->area_targeted[k] ? "yes" : "no", NULL);
      worksheet_write_number (ws, r++, 3, a->area_p_targeted[k], f->pct);
    }
}

static void
uncertainty_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a,
                   const dxi_frame *areas)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Uncertainty");
  g_autofree char *t
      = g_strdup_printf ("Monte Carlo: %u draws, seed %u (values from dxi)", a->draws, a->sc->seed);
  worksheet_write_string (ws, 0, 0, t, f->title);
  const char *labels[] = { "NPSV mean", "NPSV P5",    "NPSV median", "NPSV P95",  "BCR mean",
                           "BCR P5",    "BCR median", "BCR P95",     "P(BCR > 1)" };
  const dxi_mc_stats *j = &a->joint;
  double vals[] = { a->npsv_mean, a->npsv_p5, a->npsv_p50, a->npsv_p95,     a->bcr_mean,
                    a->bcr_p5,    a->bcr_p50, a->bcr_p95,  a->p_bcr_above_1 };
  double joint[] = { j->npsv_mean, j->npsv_p5, j->npsv_p50, j->npsv_p95,     j->bcr_mean,
                     j->bcr_p5,    j->bcr_p50, j->bcr_p95,  j->p_bcr_above_1 };
  const char *joint_head = "with the index's uncertainty (each draw targets by an index draw)";
  worksheet_write_string (ws, 2, 1, "parameters only (targeting at the nominal ranks)", f->head);
  if (a->index_draws)
    worksheet_write_string (ws, 2, 2, joint_head, f->head);
  worksheet_set_row (ws, 2, dxi_workbook_wrapped_height (joint_head, 14), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      worksheet_write_string (ws, 3 + i, 0, labels[i], NULL);
      for (guint c = 0; c < (a->index_draws ? 2u : 1u); c++)
        {
          double v = c ? joint[i] : vals[i];
          if (isnan (v))
            worksheet_write_string (ws, 3 + i, 1 + c, "n/a (no cost)", f->right);
          else
            worksheet_write_number (ws, 3 + i, 1 + c, v,
                                    i < 4    ? f->money
                                    : i == 8 ? f->pct
                                             : f->num);
        }
    }
  lxw_row_t top = 14;
  worksheet_write_string (ws, top, 0, "NPSV from", f->head);
  worksheet_write_string (ws, top, 1, "draws (parameters only)", f->head);
  double w = (a->hist_hi - a->hist_lo) / DXI_HIST_BINS;
  for (guint b = 0; b < DXI_HIST_BINS && a->draws; b++)
    {
      worksheet_write_number (ws, top + 1 + b, 0, a->hist_lo + b * w, f->money);
      worksheet_write_number (ws, top + 1 + b, 1, a->hist[b], NULL);
    }
  worksheet_set_column (ws, 0, 0, 18, NULL);
  worksheet_set_column (ws, 1, 2, 22, NULL);
  worksheet_set_column (ws, 3, 3, 14, NULL);
  if (a->index_draws)
    targeting_table (ws, f, a, areas, top + DXI_HIST_BINS + 3);
  if (a->draws == 0)
    return;
  lxw_chart *chart = workbook_add_chart (wb, LXW_CHART_COLUMN);
  lxw_chart_series *s = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (s, "Uncertainty", top + 1, 0, top + DXI_HIST_BINS, 0);
  chart_series_set_values (s, "Uncertainty", top + 1, 1, top + DXI_HIST_BINS, 1);
  chart_series_set_name (s, "draws");
  chart_title_set_name (chart, "Distribution of NPSV (parameters only)");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_axis_set_num_format (chart->x_axis, "\xc2\xa3#,##0");
  worksheet_insert_chart (ws, top, 3, chart);
}

static void
areas_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a, const dxi_frame *areas)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Areas");
  const char *cols[] = { "index_score", "index_rank", "index_decile",    "rank_p5",
                         "rank_p95",    "population", "excluded_adults", "mdls_households" };
  const char *heads[] = { "code",
                          "name",
                          "index score",
                          "rank (1 = most excluded)",
                          "decile",
                          "rank P5",
                          "rank P95",
                          "population",
                          "adults not online",
                          "households below MDLS",
                          "people reached",
                          "people helped",
                          "PV benefits",
                          "share of index draws targeted" };
  guint nh = G_N_ELEMENTS (heads) - (a->index_draws ? 0 : 1);
  for (guint c = 0; c < nh; c++)
    worksheet_write_string (ws, 0, c, heads[c], f->head);
  guint n = dxi_frame_n_rows (areas);
  for (guint r = 0; r < n; r++)
    {
      /* Text from the inputs is written as text, never as a formula. */
      worksheet_write_string (ws, r + 1, 0, dxi_frame_code (areas, r), NULL);
      worksheet_write_string (ws, r + 1, 1,
                              dxi_frame_name (areas, r) ? dxi_frame_name (areas, r) : "", NULL);
      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          gint col = dxi_frame_find_column (areas, cols[c]);
          double v = col >= 0 ? dxi_frame_get (areas, r, (guint) col) : NAN;
          if (!isnan (v))
            worksheet_write_number (ws, r + 1, 2 + c, v, c == 0 ? f->num : NULL);
        }
      worksheet_write_number (ws, r + 1, 10, a->area_reached[r], f->whole);
      worksheet_write_number (ws, r + 1, 11, a->area_helped[r], f->whole);
      worksheet_write_number (ws, r + 1, 12, a->area_pv_benefit[r], f->money);
      if (a->index_draws)
        worksheet_write_number (ws, r + 1, 13, a->area_p_targeted[r], f->pct);
    }
  worksheet_set_row (ws, 0, 30, NULL);
  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 1, 28, NULL);
  worksheet_set_column (ws, 2, nh - 1, 13, NULL);
  worksheet_freeze_panes (ws, 1, 2);
  worksheet_autofilter (ws, 0, 0, n, nh - 1);
  lxw_conditional_format cf = { .type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                .min_color = 0xFFFFCC,
                                .mid_color = 0xFD8D3C,
                                .max_color = 0x800026 };
  worksheet_conditional_format_range (ws, 1, 2, n, 2, &cf);
}

static void
method_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Method & sources");
  worksheet_set_column (ws, 0, 0, 100, f->wrap);
  const char *lines[] = {
    "Method",
    "The appraisal follows HM Treasury's Green Book (2022): real prices in the price base year; "
    "costs uplifted by optimism "
    "bias; benefits per person helped, from the stream's lag after the person is helped, lasting "
    "its persistence with "
    "its annual drop-off, net of deadweight, displacement and leakage and of the optimism bias on "
    "benefits set by the "
    "stream's data-confidence grade (the GMCA CBA model's approach); discounting at the Social "
    "Time Preference Rate "
    "(3.5% for years 0-30, 3.0% for 31-75, ...), health benefits at the health rate (1.5%, ...), "
    "year 0 undiscounted; "
    "NPSV = PV benefits - PV costs; BCR = PV benefits / PV costs; value for money by the "
    "Department for Transport's "
    "categories (Value for Money Framework): poor < 1, low 1-1.5, medium 1.5-2, high 2-4, very "
    "high 4 and over. Returns "
    "on investment as the GMCA CBA model reports them: fiscal (benefits to the council, NHS, DWP, "
    "HMRC and other public "
    "bodies), economic and public value (all benefits), each over the PV of public cost (all costs "
    "here are public).",
    "Reach: people reached each year are the budget less fixed costs over the cost per person (or "
    "the people planned), "
    "up to what the targeted areas' caps still hold, as formulas on the Costs sheet; dxi shares "
    "them among the areas "
    "by the digital exclusion index (the Areas sheet, values). Everything on Costs, Benefits, "
    "Appraisal and Summary is "
    "a formula on the Inputs sheet: change an input and the appraisal follows, as dxi's would.",
    "The Monte Carlo (with and without the index's uncertainty: each draw targeting the areas an "
    "index draw ranks "
    "most excluded) is computed by dxi and entered as values. The switching values and the "
    "tornado are formulas on the workbook's own cells wherever NPSV is affine in the input "
    "(every quantity, unit value, eligibility, success rate, deadweight, displacement, leakage, "
    "optimism bias and planned cost per person), and for a budget's cost per person while no "
    "area's cap binds; the rows for drop-off over more than a year and real growth (which "
    "compound) hold dxi's values, with a status cell that flags them once an input differs from "
    "dxi's run. "
    "Affordability: cash by financial year (appraisal year Y taken as Y-(Y+1)), capital and "
    "revenue, real and, with "
    "the scenario's deflator forecast, nominal; formulas on the Costs sheet.",
    "",
    "Sources",
    "Every input's source is on the Inputs sheet. Inputs marked ILLUSTRATIVE are not published "
    "figures and must be "
    "replaced with local evidence before the case is used.",
    "Index data: ONS Census 2021; MHCLG English Indices of Deprivation 2019; Ofcom Connected "
    "Nations. Contains National "
    "Statistics data (c) Crown copyright and database right; contains OS data (c) Crown copyright "
    "and database right; "
    "Ofcom Connected Nations data.",
  };
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      worksheet_write_string (ws, i, 0, lines[i], (i == 0 || i == 5) ? f->title : NULL);
      if (i != 0 && i != 5)
        worksheet_set_row (ws, i, dxi_workbook_wrapped_height (lines[i], 100), NULL);
    }
  g_autofree char *made = g_strdup_printf ("Made by dxi %s from '%s'.", DXI_VERSION, a->sc->path);
  worksheet_write_string (ws, G_N_ELEMENTS (lines) + 1, 0, made, NULL);
}

/* Print: A4 landscape, one page wide; the header rows repeated on every
 * page; the print area the cells written (sheets with a chart print their
 * whole used range, the chart with it). */
void
dxi_workbook_print_setup (lxw_worksheet *ws, int head_first, int head_last, gboolean has_chart)
{
  worksheet_set_paper (ws, 9);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  if (head_first >= 0)
    worksheet_repeat_rows (ws, (lxw_row_t) head_first, (lxw_row_t) head_last);
  if (!has_chart)
    worksheet_print_area (ws, 0, 0, ws->dim_rowmax, ws->dim_colmax);
}

static void
print_setup (lxw_worksheet *ws)
{
  static const struct
  {
    const char *sheet;
    int head_first, head_last;
    gboolean chart;
  } sheets[] = {
    { "Inputs", 2, 2, FALSE },    { "Costs", 2, 2, FALSE },         { "Benefits", 2, 5, FALSE },
    { "Appraisal", 2, 2, FALSE }, { "Sensitivity", 2, 2, TRUE },    { "Uncertainty", -1, -1, TRUE },
    { "Areas", 0, 0, FALSE },     { "Affordability", 2, 2, FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (g_str_equal (ws->name, sheets[i].sheet))
      {
        dxi_workbook_print_setup (ws, sheets[i].head_first, sheets[i].head_last, sheets[i].chart);
        return;
      }
  dxi_workbook_print_setup (ws, -1, -1, FALSE);
}

gboolean
dxi_workbook_write (const dxi_appraisal *a, const dxi_affordability *af, const dxi_frame *areas,
                    const char *path, GError **error)
{
  /* A fixed creation time keeps reruns byte-identical. */
  lxw_doc_properties props = { .title = a->sc->title, .author = "dxi", .created = 946684800 };
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  if (wb == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create '%s'", path);
      return FALSE;
    }
  workbook_set_properties (wb, &props);
  formats f = make_formats (wb);
  lxw_worksheet *summary = workbook_add_worksheet (wb, "Summary");
  inputs_sheet (wb, &f, a);
  costs_sheet (wb, &f, a);
  benefits_sheet (wb, &f, a);
  local_impact_sheet (wb, &f, a);
  appraisal_sheet (wb, &f, a);
  summary_sheet (&f, a, summary);
  dxi_sensitivity_sheet (wb, &f, a);
  uncertainty_sheet (wb, &f, a, areas);
  dxi_affordability_sheet (wb, &f, a, af);
  areas_sheet (wb, &f, a, areas);
  method_sheet (wb, &f, a);
  lxw_worksheet *ws;
  LXW_FOREACH_WORKSHEET (ws, wb)
  print_setup (ws);
  lxw_error err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                   lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}
