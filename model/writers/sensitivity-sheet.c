/* The Sensitivity sheet of business_case.xlsx: each input's switching value
 * (NPSV = 0) and tornado (NPSV at (1 -+ r) of the input), as formulas on the
 * workbook's own cells wherever the mathematics allows.
 *
 * NPSV is affine in most inputs: a benefit stream's present value is its
 * people helped x quantity x (unit value - less unit value) x eligibility x
 * (1 - optimism bias of its grade) x (1 - deadweight)(1 - displacement)(1 -
 * leakage) x a profile in time, and a cost per person of an intervention
 * reaching planned people multiplies its discounted people reached.  An
 * input X entering each stream once, through one of those factors f, moves
 * the stream's PV by PV x f'/f per unit, so NPSV(x') = NPSV + slope (x' - x)
 * with slope = sum of +-PV / f over the streams it scales, less the
 * discounted people of the costs it prices: exact, on the current cells.
 * A budget's cost per person c divides its people reached: while no area's
 * cap binds its costs are the budget and its benefits scale by c / c'.
 * Drop-off over more than one year and real growth compound, and an input
 * entering one stream twice is a product: those rows keep dxi's values. */
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "writers/workbook-sheets.h"

/* Flags a row holding dxi's values once any input differs from dxi's run. */
#define INPUTS_CHANGED "SUMPRODUCT(ABS(Sensitivity!$F$4:$F$%u-Sensitivity!$B$4:$B$%u))>0"
#define LIVE_STATUS "live: recalculated from the current inputs"

/* How the row of parameter X is written. */
typedef struct
{
  GString *slope;  /* affine: d NPSV / d x on the workbook's cells */
  gint budget_iv;  /* the budget-driven intervention X is the cost per person of, or -1 */
  const char *why; /* why NPSV is not affine in X; NULL when it is */
} row_kind;

/* The factors of one stream of intervention IV that a parameter may be:
 * param, its factor f as a formula, f at the nominal inputs, d f / d x. */
typedef struct
{
  guint param;
  char *f;
  double nominal;
  int sign;
} factor;

static guint
stream_factors (const dxi_scenario *sc, const dxi_intervention *iv, const dxi_stream *s,
                factor *out)
{
  const guint ones[] = { iv->success_rate, s->quantity, s->eligibility };
  const guint complements[] = { s->optimism, s->deadweight, s->displacement, s->leakage };
  guint n = 0;
  for (guint k = 0; k < G_N_ELEMENTS (ones); k++)
    if (ones[k] != DXI_NO_PARAM)
      {
        const dxi_param *p = sc->params->pdata[ones[k]];
        out[n++] = (factor){ ones[k], param_cell_name (p), p->value, 1 };
      }
  for (guint k = 0; k < G_N_ELEMENTS (complements); k++)
    {
      const dxi_param *p = sc->params->pdata[complements[k]];
      g_autofree char *name = param_cell_name (p);
      out[n++] = (factor){ complements[k], g_strdup_printf ("(1-%s)", name), 1 - p->value, -1 };
    }
  const dxi_param *u = sc->params->pdata[s->value];
  g_autofree char *un = param_cell_name (u);
  if (s->less_unit_value == DXI_NO_PARAM)
    out[n++] = (factor){ s->value, g_strdup (un), u->value, 1 };
  else
    {
      const dxi_param *l = sc->params->pdata[s->less_unit_value];
      g_autofree char *ln = param_cell_name (l);
      double d = u->value - l->value;
      out[n++] = (factor){ s->value, g_strdup_printf ("(%s-%s)", un, ln), d, 1 };
      out[n++] = (factor){ s->less_unit_value, g_strdup_printf ("(%s-%s)", un, ln), d, -1 };
    }
  return n;
}

/* The terms of stream K of intervention I in the slope of X; the reason
 * NPSV is not affine in X through it, or NULL. */
static const char *
stream_slope (const dxi_appraisal *a, guint x, guint i, guint k, GString *slope, gboolean *used)
{
  const dxi_scenario *sc = a->sc;
  const dxi_intervention *iv = sc->interventions->pdata[i];
  const dxi_stream *s = sc->streams->pdata[g_array_index (iv->streams, guint, k)];
  if (s->growth == x)
    return "real growth compounds, (1 + g)^t";
  if (s->drop_off == x && s->persistence > 1)
    return "drop-off compounds over the years of benefit, (1 - d)^k";
  factor fs[10];
  guint n = stream_factors (sc, iv, s, fs), uses = 0;
  const char *why = NULL;
  g_autofree char *pv = col_name (benefits_pv_col (a, i, k));
  for (guint j = 0; j < n; j++)
    {
      if (fs[j].param == x && uses++ == 0)
        {
          g_string_append_printf (slope, "%cBenefits!$%s$%u/%s", fs[j].sign > 0 ? '+' : '-', pv,
                                  BENEFITS_TOP + a->n_years + 1, fs[j].f);
          if (fs[j].nominal == 0)
            why = "a factor it enters is 0 at the nominal inputs";
        }
      g_free (fs[j].f);
    }
  *used |= uses > 0;
  return uses > 1 ? "it enters one stream twice (a product of two of its factors)" : why;
}

static row_kind
classify (const dxi_appraisal *a, guint x)
{
  const dxi_scenario *sc = a->sc;
  row_kind rk = { g_string_new ("0"), -1, NULL };
  gboolean other = FALSE;
  for (guint i = 0; i < a->n_iv && rk.why == NULL; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      if (iv->cost_per_person == x && iv->by_budget)
        {
          if (rk.budget_iv >= 0)
            rk.why = "it is the cost per person of two budget-driven interventions";
          rk.budget_iv = (gint) i;
        }
      else if (iv->cost_per_person == x)
        {
          g_autofree char *rc = col_name (1 + COSTS_COLS * i + COSTS_REACHED);
          g_string_append_printf (rk.slope,
                                  "-SUMPRODUCT(Costs!$%s$4:$%s$%u,df)*(1+in_optimism_bias)", rc, rc,
                                  3 + a->n_years);
          other = TRUE;
        }
      for (guint k = 0; k < iv->streams->len && rk.why == NULL; k++)
        rk.why = stream_slope (a, x, i, k, rk.slope, &other);
    }
  if (rk.why == NULL && rk.budget_iv >= 0 && other)
    rk.why
        = "it is a budget's cost per person (dividing the people reached) and enters elsewhere too";
  return rk;
}

/* The input at (1 + SIGN r) of its current value, a share held to 0..1. */
static char *
moved_input (const dxi_param *p, double r, int sign)
{
  g_autofree char *name = param_cell_name (p);
  if (g_str_equal (p->unit, "share"))
    return g_strdup_printf ("MIN(1,MAX(0,%s*(1%c%.15g)))", name, sign > 0 ? '+' : '-', r);
  return g_strdup_printf ("(%s*(1%c%.15g))", name, sign > 0 ? '+' : '-', r);
}

/* ROOT (a formula) if it lies where dxi's bisection looks for a switching
 * value (a share's 0..1, a benefit value's -+1e6 times the input, others
 * 1e-9 to 1e6 times; the input itself included), else "none in range". */
static char *
in_range (const dxi_param *p, const char *root)
{
  g_autofree char *x = param_cell_name (p);
  g_autofree char *lo = NULL, *hi = NULL;
  if (g_str_equal (p->unit, "share"))
    lo = g_strdup ("0"), hi = g_strdup ("1");
  else if (g_str_equal (p->unit, "GBP per person per year"))
    {
      lo = g_strdup_printf ("IF(%s<>0,-1000000*ABS(%s),-1000000)", x, x);
      hi = g_strdup_printf ("IF(%s<>0,1000000*ABS(%s),1000000)", x, x);
    }
  else
    {
      lo = g_strdup_printf ("MIN(%s,0.000000001*ABS(%s))", x, x);
      hi = g_strdup_printf ("MAX(%s,IF(%s<>0,1000000*ABS(%s),1000000))", x, x, x);
    }
  return g_strdup_printf ("IF(AND(%s>=%s,%s<=%s),%s,\"none in range\")", root, lo, root, hi, root);
}

/* dxi's switching value of parameter I in cell (R, 2). */
static void
write_switching (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_row_t r,
                 const char *formula)
{
  if (formula == NULL && isnan (a->switching[i]))
    worksheet_write_string (ws, r, 2, "none in range", f->right);
  else if (formula == NULL)
    worksheet_write_number (ws, r, 2, a->switching[i], f->num);
  else if (isnan (a->switching[i]))
    worksheet_write_formula_str (ws, r, 2, formula, f->right, "none in range");
  else
    worksheet_write_formula_num (ws, r, 2, formula, f->num, a->switching[i]);
}

/* An affine row: the slope in column H (dxi's by a central difference,
 * exact for an affine NPSV), NPSV + slope x (x' - x) for the tornado and
 * x - NPSV / slope for the switching value. */
static void
affine_row (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_row_t r,
            const GString *slope)
{
  const dxi_param *p = a->sc->params->pdata[i];
  g_autofree double *values = g_new (double, a->n_params);
  for (guint k = 0; k < a->n_params; k++)
    values[k] = ((dxi_param *) a->sc->params->pdata[k])->value;
  double step = MAX (1, fabs (p->value)) * 1e-3;
  values[i] = p->value + step;
  double up = dxi_appraisal_npsv (a, values);
  values[i] = p->value - step;
  double down = dxi_appraisal_npsv (a, values);
  g_autofree char *hf = g_strdup_printf ("=%s", slope->str);
  worksheet_write_formula_num (ws, r, 7, hf, f->money, (up - down) / (2 * step));
  g_autofree char *x = param_cell_name (p);
  g_autofree char *root = g_strdup_printf ("(%s-npsv/$H$%u)", x, r + 1),
                  *ranged = in_range (p, root);
  g_autofree char *sw = g_strdup_printf (
      "=IFERROR(IF($H$%u<>0,%s,\"none in range\"),\"rerun dxi\")", r + 1, ranged);
  write_switching (ws, f, a, i, r, sw);
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *moved = moved_input (p, a->sc->tornado_range, k ? 1 : -1);
      g_autofree char *fm
          = g_strdup_printf ("=IFERROR(npsv+$H$%u*(%s-%s),\"rerun dxi\")", r + 1, moved, x);
      worksheet_write_formula_num (ws, r, 3 + k, fm, f->money,
                                   k ? a->tornado_high[i] : a->tornado_low[i]);
    }
  worksheet_write_string (ws, r, 6, LIVE_STATUS, f->wrap_indent);
}

/* dxi's value of a row as a formula's operand: the number, or the text. */
static char *
dxi_literal (double v)
{
  return isnan (v) ? g_strdup ("\"none in range\"") : g_strdup_printf ("%.17g", v);
}

/* Whether budget-driven intervention K's people reached at cost per person
 * C stay within its targeted areas' caps (as dxi's reach model sums them). */
static gboolean
budget_uncapped (const dxi_appraisal *a, guint k, double c)
{
  const dxi_intervention *iv = a->sc->interventions->pdata[k];
  double want = 0;
  for (guint t = 0; t < a->n_years; t++)
    want += MAX (0, (isnan (iv->budget[t]) ? 0 : iv->budget[t]) - iv->capital[t] - iv->revenue[t]);
  return want / c <= a->cap_total[k];
}

/* The cost per person of budget-driven intervention K (parameter I): its
 * people reached are the budget less fixed costs, W, over the cost, and
 * while no area's cap binds (W / c <= the cap) its costs stay the budget and
 * its benefits P scale by c / c': NPSV(c') = NPSV + P (c / c' - 1), zero at
 * c' = P c / (P - NPSV).  Where a cap binds, dxi's values. */
static void
budget_row (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint k, guint i,
            lxw_row_t r)
{
  const dxi_scenario *sc = a->sc;
  const dxi_intervention *iv = sc->interventions->pdata[k];
  guint h = a->n_years, c0 = 1 + COSTS_COLS * k;
  g_autofree char *x = param_cell_name (sc->params->pdata[i]);
  g_autofree char *cap = col_name (c0), *rev = col_name (c0 + 1), *plan = col_name (c0 + 2);
  g_autofree char *limit = col_name (c0 + COSTS_REACHED);
  g_autofree char *w
      = g_strdup_printf ("(Costs!$%s$4:$%s$%u-Costs!$%s$4:$%s$%u-Costs!$%s$4:$%s$%u)", plan, plan,
                         3 + h, cap, cap, 3 + h, rev, rev, 3 + h);
  GString *p = g_string_new ("(0");
  for (guint j = 0; j < iv->streams->len; j++)
    {
      g_autofree char *pv = col_name (benefits_pv_col (a, k, j));
      g_string_append_printf (p, "+Benefits!$%s$%u", pv, BENEFITS_TOP + h + 1);
    }
  g_string_append_c (p, ')');
  /* Uncapped at a cost: SUMPRODUCT(want) <= the cap. */
  g_autofree char *ok
      = g_strdup_printf ("SUMPRODUCT((%s>0)*%s)/%%s<=Costs!$%s$%u", w, w, limit, h + 5);
  g_autofree char *lo = moved_input (sc->params->pdata[i], sc->tornado_range, -1);
  g_autofree char *hi = moved_input (sc->params->pdata[i], sc->tornado_range, 1);
  g_autofree char *ok_x = g_strdup_printf (ok, x), *ok_lo = g_strdup_printf (ok, lo);
  g_autofree char *ok_hi = g_strdup_printf (ok, hi), *lit = dxi_literal (a->switching[i]);
  g_autofree char *cstar = g_strdup_printf ("(%s*%s/(%s-npsv))", p->str, x, p->str);
  g_autofree char *ok_star = g_strdup_printf (ok, cstar);
  g_autofree char *sw
      = g_strdup_printf ("=IFERROR(IF(%s,IF(%s-npsv>0,IF(AND(%s>=0.000000001*%s,%s<=1000000*%s),"
                         "IF(%s,%s,%s),\"none in range\"),\"none in range\"),%s),\"rerun dxi\")",
                         ok_x, p->str, cstar, x, cstar, x, ok_star, cstar, lit, lit);
  write_switching (ws, f, a, i, r, sw);
  for (int s = 0; s < 2; s++)
    {
      g_autofree char *tl = dxi_literal (s ? a->tornado_high[i] : a->tornado_low[i]);
      g_autofree char *fm
          = g_strdup_printf ("=IFERROR(IF(AND(%s,%s),npsv+%s*(%s/%s-1),%s),\"rerun dxi\")", ok_x,
                             s ? ok_hi : ok_lo, p->str, x, s ? hi : lo, tl);
      worksheet_write_formula_num (ws, r, 3 + s, fm, f->money,
                                   s ? a->tornado_high[i] : a->tornado_low[i]);
    }
  g_autofree char *status = g_strdup_printf (
      "=IF(AND(%s,%s,%s),\"" LIVE_STATUS " (no area's cap binds)\",IF(" INPUTS_CHANGED
      ",\"inputs changed: rerun dxi for this row (an area's "
      "cap binds)\",\"dxi, nominal inputs (an area's cap binds)\"))",
      ok_x, ok_lo, ok_hi, 3 + a->n_params, 3 + a->n_params);
  gboolean live = TRUE;
  for (int s = -1; s <= 1; s++)
    live &= budget_uncapped (
        a, k, ((dxi_param *) sc->params->pdata[i])->value * (1 + s * sc->tornado_range));
  worksheet_write_formula_str (ws, r, 6, status, f->wrap_indent,
                               live ? LIVE_STATUS " (no area's cap binds)"
                                    : "dxi, nominal inputs (an area's cap binds)");
  g_string_free (p, TRUE);
}

/* A row holding dxi's values, its status flagged once an input changes and
 * saying why it is not live. */
static void
dxi_row (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_row_t r,
         const char *why)
{
  write_switching (ws, f, a, i, r, NULL);
  worksheet_write_number (ws, r, 3, a->tornado_low[i], f->money);
  worksheet_write_number (ws, r, 4, a->tornado_high[i], f->money);
  g_autofree char *status
      = g_strdup_printf ("=IF(" INPUTS_CHANGED ",\"inputs changed: rerun dxi for this row (not "
                         "live: %s)\",\"dxi, nominal inputs (not live: %s)\")",
                         3 + a->n_params, 3 + a->n_params, why, why);
  g_autofree char *now = g_strdup_printf ("dxi, nominal inputs (not live: %s)", why);
  worksheet_write_formula_str (ws, r, 6, status, f->wrap_indent, now);
}

/* The optimism bias on costs row, live: PV costs are PV costs before the
 * uplift x (1 + bias), so NPSV at bias b' is PV benefits - PV costs x (1 +
 * b') / (1 + b), and the switching value PV benefits / (PV costs / (1 + b))
 * - 1. */
static void
optimism_bias_row (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, lxw_row_t r)
{
  guint i = a->sc->optimism_bias;
  write_switching (
      ws, f, a, i, r,
      "=IF(pv_costs>0,pv_benefits/(pv_costs/(1+in_optimism_bias))-1,\"none in range\")");
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *formula
          = g_strdup_printf ("=pv_benefits-pv_costs*(1+MAX(0,in_optimism_bias*(1%c%.15g)))"
                             "/(1+in_optimism_bias)",
                             k ? '+' : '-', a->sc->tornado_range);
      worksheet_write_formula_num (ws, r, 3 + k, formula, f->money,
                                   k ? a->tornado_high[i] : a->tornado_low[i]);
    }
  worksheet_write_string (ws, r, 6, LIVE_STATUS, f->wrap_indent);
}

/* One input's row R; the reason it is not live (NULL when it is) in WHY. */
static void
input_row (lxw_worksheet *ws, const formats *f, const dxi_appraisal *a, guint i, lxw_row_t r,
           const char **why)
{
  const dxi_param *p = a->sc->params->pdata[i];
  worksheet_write_string (ws, r, 0, p->label, NULL);
  worksheet_write_number (ws, r, 1, p->value, f->num);
  g_autofree char *name = param_cell_name (p), *now = g_strdup_printf ("=%s", name);
  worksheet_write_formula_num (ws, r, 5, now, f->num, p->value);
  *why = NULL;
  if (i == a->sc->optimism_bias)
    {
      optimism_bias_row (ws, f, a, r);
      worksheet_set_row (ws, r, dxi_workbook_wrapped_height (p->label, 60), NULL);
      return;
    }
  row_kind rk = classify (a, i);
  *why = rk.why;
  if (rk.why)
    dxi_row (ws, f, a, i, r, rk.why);
  else if (rk.budget_iv >= 0)
    budget_row (ws, f, a, (guint) rk.budget_iv, i, r);
  else
    affine_row (ws, f, a, i, r, rk.slope);
  g_string_free (rk.slope, TRUE);
  const char *live = rk.budget_iv >= 0 ? LIVE_STATUS " (no area's cap binds)" : LIVE_STATUS;
  g_autofree char *status
      = rk.why ? g_strdup_printf ("dxi, nominal inputs (not live: %s)", rk.why) : g_strdup (live);
  double height
      = MAX (dxi_workbook_wrapped_height (p->label, 60), dxi_workbook_wrapped_height (status, 44));
  worksheet_set_row (ws, r, height, NULL);
}

/* What the sheet computes and which rows are not live, and why (R: below
 * the table). */
static void
sensitivity_note (lxw_worksheet *ws, const formats *f, lxw_row_t r, guint n_dxi)
{
  g_autofree char *note
      = g_strdup_printf ("Live rows are formulas on the workbook's own cells: NPSV is affine in "
                         "the input, so NPSV at x' is NPSV + "
                         "slope x (x' - x), the slope (column H) the present values of the benefit "
                         "streams the input scales over the "
                         "factor it is of them (quantity, unit value, eligibility, success rate; 1 "
                         "- deadweight, displacement, "
                         "leakage or optimism bias), less the discounted people reached it prices; "
                         "the switching value is x - NPSV "
                         "/ slope. A budget's cost per person c divides its people reached: while "
                         "no area's cap binds, NPSV at c' is "
                         "NPSV + P (c / c' - 1), P the intervention's PV benefits. %u row%s hold%s "
                         "dxi's values, flagged once an "
                         "input changes: drop-off over more than a year and real growth compound "
                         "((1 - d)^k, (1 + g)^t), an input "
                         "entering one stream twice is a product, and a budget's cost per person "
                         "is not live where an area's cap "
                         "binds; rerun dxi for those.",
                         n_dxi, n_dxi == 1 ? "" : "s", n_dxi == 1 ? "s" : "");
  worksheet_merge_range (ws, r, 0, r, 7, note, f->wrap);
  worksheet_set_row (ws, r, dxi_workbook_wrapped_height (note, 60 + 5 * 16 + 44 + 16), NULL);
}

void
dxi_sensitivity_sheet (lxw_workbook *wb, const formats *f, const dxi_appraisal *a)
{
  const dxi_scenario *sc = a->sc;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Sensitivity");
  worksheet_write_string (ws, 0, 0,
                          "Switching values and tornado: rows marked live recalculate from the "
                          "inputs; the others are dxi's at the nominal inputs",
                          f->title);
  g_autofree char *r_head = g_strdup_printf ("NPSV at -%.0f%%", sc->tornado_range * 100);
  g_autofree char *r_head2 = g_strdup_printf ("NPSV at +%.0f%%", sc->tornado_range * 100);
  const char *head[] = { "input",
                         "nominal",
                         "switching value (NPSV = 0)",
                         r_head,
                         r_head2,
                         "input now",
                         "status",
                         "NPSV change per unit of the input (live rows)" };
  for (int c = 0; c < 8; c++)
    worksheet_write_string (ws, 2, c, head[c], f->head);
  guint n_dxi = 0;
  for (guint i = 0; i < a->n_params; i++)
    {
      const char *why;
      input_row (ws, f, a, i, 3 + i, &why);
      n_dxi += why != NULL;
    }
  worksheet_set_column (ws, 0, 0, 60, f->wrap);
  worksheet_set_column (ws, 1, 5, 16, NULL);
  worksheet_set_column (ws, 6, 6, 44, f->wrap);
  worksheet_set_column (ws, 7, 7, 16, NULL);
  worksheet_set_row (ws, 2, 45, NULL);
  guint last = 3 + a->n_params;
  sensitivity_note (ws, f, last + 1, n_dxi);
  lxw_chart *chart = workbook_add_chart (wb, LXW_CHART_BAR);
  lxw_chart_series *lo = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (lo, "Sensitivity", 3, 0, last - 1, 0);
  chart_series_set_values (lo, "Sensitivity", 3, 3, last - 1, 3);
  chart_series_set_name (lo, r_head);
  lxw_chart_series *hi = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (hi, "Sensitivity", 3, 0, last - 1, 0);
  chart_series_set_values (hi, "Sensitivity", 3, 4, last - 1, 4);
  chart_series_set_name (hi, r_head2);
  chart_title_set_name (chart, "Tornado: NPSV with each input low and high");
  chart_axis_set_num_format (chart->x_axis, "\xc2\xa3#,##0");
  /* Tall enough for every input's label. */
  lxw_chart_options size = { .x_scale = 2, .y_scale = MAX (1.0, (a->n_params * 24.0 + 100) / 288) };
  worksheet_insert_chart_opt (ws, last + 3, 0, chart, &size);
}
