#include "writers/results.h"

#include <math.h>
#include <xlsxwriter.h>

#include "core/error.h"
#include "writers/csv.h"
#include "writers/workbook.h"

/* One tidy row; NOTE says why VALUE is empty (NAN), or is NULL. */
static void
row_note (GString *out, const char *scenario, const char *area, int year, const char *measure,
          double value, const char *note)
{
  dxi_csv_text (out, scenario);
  g_string_append_c (out, ',');
  dxi_csv_text (out, area);
  if (year)
    g_string_append_printf (out, ",%d,", year);
  else
    g_string_append (out, ",all,");
  dxi_csv_text (out, measure);
  g_string_append_c (out, ',');
  dxi_csv_number (out, value);
  g_string_append_c (out, ',');
  if (note)
    dxi_csv_text (out, note);
  g_string_append_c (out, '\n');
}

static void
row (GString *out, const char *scenario, const char *area, int year, const char *measure,
     double value)
{
  row_note (out, scenario, area, year, measure, value, NULL);
}

/* The Monte Carlo with the index's uncertainty, and per area the share of
 * the index's draws in which it is targeted. */
static void
joint_rows (GString *out, const dxi_appraisal *a, const dxi_frame *areas)
{
  if (a->index_draws == 0)
    return;
  const char *name = a->sc->name;
  const dxi_mc_stats *j = &a->joint;
  const char *measures[]
      = { "npsv_mean_with_index", "npsv_p5_with_index",      "npsv_p50_with_index",
          "npsv_p95_with_index",  "bcr_p5_with_index",       "bcr_p50_with_index",
          "bcr_p95_with_index",   "p_bcr_above_1_with_index" };
  double values[] = { j->npsv_mean, j->npsv_p5, j->npsv_p50, j->npsv_p95,
                      j->bcr_p5,    j->bcr_p50, j->bcr_p95,  j->p_bcr_above_1 };
  for (guint k = 0; k < G_N_ELEMENTS (measures); k++)
    row_note (out, name, "ALL", 0, measures[k], values[k],
              isnan (values[k]) ? "n/a (no cost in any draw)" : NULL);
  for (guint r = 0; r < a->n_areas; r++)
    row (out, name, dxi_frame_code (areas, r), 0, "share_of_index_draws_targeted",
         a->area_p_targeted[r]);
}

gboolean
dxi_results_write_appraisal_csv (GPtrArray *appraisals, const dxi_frame *areas, const char *path,
                                 GError **error)
{
  g_autoptr (GString) out = g_string_new ("scenario,area,year,measure,value,note\n");
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      const dxi_scenario *sc = a->sc;
      guint h = a->n_years;
      for (guint t = 0; t < h; t++)
        {
          int year = sc->first_year + (int) t;
          row (out, sc->name, "ALL", year, "discount_factor", a->df[t]);
          row (out, sc->name, "ALL", year, "people_reached", a->year_reached[t]);
          row (out, sc->name, "ALL", year, "people_helped", a->year_helped[t]);
          row (out, sc->name, "ALL", year, "cost_capital", a->cost_capital[t]);
          row (out, sc->name, "ALL", year, "cost_revenue", a->cost_revenue[t]);
          row (out, sc->name, "ALL", year, "cost_per_person_reached", a->cost_variable[t]);
          row (out, sc->name, "ALL", year, "optimism_bias", a->cost_optimism[t]);
          for (guint s = 0; s < a->n_streams; s++)
            {
              g_autofree char *m
                  = g_strdup_printf ("benefit:%s", ((dxi_stream *) sc->streams->pdata[s])->id);
              row (out, sc->name, "ALL", year, m, a->benefit[s * h + t]);
            }
          for (guint r = 0; r < a->n_areas; r++)
            if (a->area_year_reached[r * h + t] > 0)
              row (out, sc->name, dxi_frame_code (areas, r), year, "people_reached",
                   a->area_year_reached[r * h + t]);
        }
      for (guint r = 0; r < a->n_areas; r++)
        {
          const char *code = dxi_frame_code (areas, r);
          row (out, sc->name, code, 0, "people_reached", a->area_reached[r]);
          row (out, sc->name, code, 0, "people_helped", a->area_helped[r]);
          row (out, sc->name, code, 0, "cost_per_person_reached", a->area_cost[r]);
          row (out, sc->name, code, 0, "pv_benefits", a->area_pv_benefit[r]);
        }
      row (out, sc->name, "ALL", 0, "pv_costs", a->pv_costs);
      row (out, sc->name, "ALL", 0, "pv_benefits", a->pv_benefits);
      row (out, sc->name, "ALL", 0, "npsv", a->npsv);
      row_note (out, sc->name, "ALL", 0, "bcr", a->bcr, dxi_appraisal_undefined (a, -1));
      static const char *const types[] = { "pv_fiscal", "pv_economic", "pv_social" };
      for (guint k = 0; k < DXI_N_ROI; k++)
        row (out, sc->name, "ALL", 0, types[k], a->pv_by_type[k]);
      for (guint k = 0; k < DXI_N_ROI; k++)
        row_note (out, sc->name, "ALL", 0, dxi_roi_names[k], a->roi[k],
                  dxi_appraisal_undefined (a, (int) k));
      for (guint r = 0; r < DXI_N_RECIPIENTS; r++)
        {
          g_autofree char *m = g_strdup_printf ("pv_benefits:%s", dxi_recipient_names[r]);
          row (out, sc->name, "ALL", 0, m, a->pv_by_recipient[r]);
        }
      if (sc->local)
        {
          for (guint t = 0; t < h; t++)
            row (out, sc->name, "ALL", sc->first_year + (int) t, "local_impact_gross",
                 a->local_gross_by_year[t]);
          row (out, sc->name, "ALL", 0, "local_impact_gross", a->local_gross);
          row (out, sc->name, "ALL", 0, "local_impact_net", a->local_net);
        }
      joint_rows (out, a, areas);
    }
  return dxi_write_file (path, out->str, out->len, error);
}

gboolean
dxi_results_write_compare_csv (GPtrArray *appraisals, const char *path, GError **error)
{
  g_autoptr (GString) out = g_string_new ("scenario,title,people_reached,people_helped,pv_costs,pv_"
                                          "benefits,npsv,bcr,value_for_money,fiscal_roi,"
                                          "economic_roi,public_value_roi,payback_year,pv_direct,pv_"
                                          "indirect,direct_per_year,indirect_per_year,draws,"
                                          "npsv_mean,npsv_p5,npsv_p50,npsv_p95,bcr_p5,bcr_p50,bcr_"
                                          "p95,p_bcr_above_1,local_impact_gross,local_impact_net,"
                                          "note\n");
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      double reached, helped;
      dxi_appraisal_people (a, &reached, &helped);
      dxi_csv_text (out, a->sc->name);
      g_string_append_c (out, ',');
      dxi_csv_text (out, a->sc->title);
      double nums[] = { reached, helped, a->pv_costs, a->pv_benefits, a->npsv, a->bcr };
      for (guint i = 0; i < G_N_ELEMENTS (nums); i++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, nums[i]);
        }
      g_string_append_printf (out, ",%s", dxi_greenbook_vfm_band (a->bcr));
      g_autoptr (GString) note = g_string_new (NULL);
      if (dxi_appraisal_undefined (a, -1))
        g_string_append_printf (note, "bcr %s", dxi_appraisal_undefined (a, -1));
      for (guint r = 0; r < DXI_N_ROI; r++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, a->roi[r]);
          const char *why = dxi_appraisal_undefined (a, (int) r);
          if (why && !(r == DXI_ROI_PUBLIC_VALUE && dxi_appraisal_undefined (a, -1)))
            g_string_append_printf (note, "%s%s %s", note->len ? "; " : "", dxi_roi_names[r], why);
        }
      if (a->payback_year)
        g_string_append_printf (out, ",%d", a->payback_year);
      else
        g_string_append (out, ",never");
      double more[] = { a->pv_direct,     a->pv_indirect, a->direct_per_year, a->indirect_per_year,
                        a->draws,         a->npsv_mean,   a->npsv_p5,         a->npsv_p50,
                        a->npsv_p95,      a->bcr_p5,      a->bcr_p50,         a->bcr_p95,
                        a->p_bcr_above_1, a->local_gross, a->local_net };
      for (guint i = 0; i < G_N_ELEMENTS (more); i++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, more[i]);
        }
      g_string_append_c (out, ',');
      dxi_csv_text (out, note->str);
      g_string_append_c (out, '\n');
    }
  return dxi_write_file (path, out->str, out->len, error);
}

gboolean
dxi_results_write_compare_xlsx (GPtrArray *appraisals, const char *path, GError **error)
{
  lxw_doc_properties props
      = { .title = "dxi scenario comparison", .author = "dxi", .created = 946684800 };
  lxw_workbook *wb = workbook_new (path);
  if (wb == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create '%s'", path);
      return FALSE;
    }
  workbook_set_properties (wb, &props);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Comparison");
  lxw_format *head = workbook_add_format (wb), *money = workbook_add_format (wb),
             *num = workbook_add_format (wb);
  lxw_format *whole = workbook_add_format (wb);
  format_set_num_format (whole, "#,##0");
  lxw_format *wrap = workbook_add_format (wb);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_bold (head);
  format_set_bg_color (head, 0xDDE4EE);
  format_set_text_wrap (head);
  format_set_num_format (money, "\xc2\xa3#,##0;[Red]-\xc2\xa3#,##0");
  format_set_num_format (num, "#,##0.00");
  const char *heads[]
      = { "scenario",    "title",    "people helped", "PV costs",
          "PV benefits", "NPSV",     "BCR",           "value for money (DfT category)",
          "NPSV P5",     "NPSV P95", "P(BCR > 1)" };
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    worksheet_write_string (ws, 0, c, heads[c], head);
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      double reached, helped;
      dxi_appraisal_people (a, &reached, &helped);
      lxw_row_t r = k + 1;
      worksheet_write_string (ws, r, 0, a->sc->name, NULL);
      worksheet_write_string (ws, r, 1, a->sc->title, NULL);
      worksheet_set_row (ws, r, dxi_workbook_wrapped_height (a->sc->title, 40), NULL);
      worksheet_write_number (ws, r, 2, round (helped), whole);
      worksheet_write_number (ws, r, 3, a->pv_costs, money);
      worksheet_write_number (ws, r, 4, a->pv_benefits, money);
      g_autofree char *npsv = g_strdup_printf ("=E%u-D%u", r + 1, r + 1);
      g_autofree char *bcr = g_strdup_printf ("=E%u/D%u", r + 1, r + 1);
      worksheet_write_formula_num (ws, r, 5, npsv, money, a->npsv);
      if (dxi_appraisal_undefined (a, -1))
        worksheet_write_formula_str (ws, r, 6, "=\"n/a (no cost)\"", NULL,
                                     dxi_appraisal_undefined (a, -1));
      else
        worksheet_write_formula_num (ws, r, 6, bcr, num, a->bcr);
      worksheet_write_string (ws, r, 7, dxi_greenbook_vfm_band (a->bcr), NULL);
      worksheet_write_number (ws, r, 8, a->npsv_p5, money);
      worksheet_write_number (ws, r, 9, a->npsv_p95, money);
      if (a->bcr_draws)
        worksheet_write_number (ws, r, 10, a->p_bcr_above_1, num);
      else
        worksheet_write_string (ws, r, 10, "n/a (no cost)", NULL);
    }
  worksheet_set_column (ws, 0, 0, 14, NULL);
  worksheet_set_column (ws, 1, 1, 40, wrap);
  worksheet_set_column (ws, 2, 10, 13, NULL);
  worksheet_set_row (ws, 0, 45, NULL);
  lxw_chart *chart = workbook_add_chart (wb, LXW_CHART_BAR);
  lxw_chart_series *s = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (s, "Comparison", 1, 0, appraisals->len, 0);
  chart_series_set_values (s, "Comparison", 1, 6, appraisals->len, 6);
  chart_title_set_name (chart, "Benefit-cost ratio by scenario");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  worksheet_insert_chart (ws, appraisals->len + 3, 1, chart);
  dxi_workbook_print_setup (ws, 0, 0, TRUE);
  lxw_error err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                   lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

/* One row of optimise.csv: the scenario's split and the optimised one. */
static void
optimise_row (GString *out, const char *scenario, const char *iv, const char *area, double base,
              double opt, double marginal, const char *why)
{
  g_string_append_printf (out, "%s,%s,", scenario, iv);
  dxi_csv_text (out, area);
  g_string_append_c (out, ',');
  dxi_csv_number (out, base);
  g_string_append_c (out, ',');
  dxi_csv_number (out, opt);
  g_string_append_c (out, ',');
  dxi_csv_number (out, opt - base);
  g_string_append_c (out, ',');
  if (!isnan (marginal))
    dxi_csv_number (out, marginal);
  g_string_append_c (out, ',');
  dxi_csv_text (out, why);
  g_string_append_c (out, '\n');
}

gboolean
dxi_results_write_optimise_csv (GPtrArray *appraisals, GPtrArray *optima, const dxi_frame *areas,
                                const char *path, GError **error)
{
  g_autoptr (GString) out
      = g_string_new ("scenario,intervention,area,people_scenario,people_optimised,change,"
                      "next_person_cost,why\n");
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      const dxi_optimum *o = optima->pdata[k];
      if (!o->ran)
        continue;
      for (guint i = 0; i < a->n_iv; i++)
        {
          const char *iv = ((dxi_intervention *) a->sc->interventions->pdata[i])->id;
          optimise_row (out, a->sc->name, iv, "ALL", o->iv_base_people[i], o->iv_people[i], NAN,
                        o->why[i]);
          for (guint r = 0; r < o->n_areas; r++)
            {
              gsize ir = (gsize) i * o->n_areas + r;
              if (o->people[ir] > 0 || o->base_people[ir] > 0)
                optimise_row (out, a->sc->name, iv, dxi_frame_code (areas, r), o->base_people[ir],
                              o->people[ir], o->marginal_cost[ir], "");
            }
        }
    }
  return dxi_write_file (path, out->str, out->len, error);
}
