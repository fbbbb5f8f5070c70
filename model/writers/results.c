#include "writers/results.h"

#include "writers/csv.h"

static void
row (GString *out, const char *scenario, const char *area, int year, const char *measure, double value)
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
  g_string_append_c (out, '\n');
}

gboolean
dxi_write_appraisal_csv (GPtrArray *appraisals, const dxi_frame *areas, const char *path, GError **error)
{
  g_autoptr (GString) out = g_string_new ("scenario,area,year,measure,value\n");
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      const dxi_scenario *sc = a->sc;
      guint h = a->n_years;
      for (guint t = 0; t < h; t++)
        {
          int year = sc->first_year + (int) t;
          double reached = 0, helped = 0;
          for (guint i = 0; i < a->n_iv; i++)
            reached += a->reached[i * h + t], helped += a->helped[i * h + t];
          row (out, sc->name, "ALL", year, "discount_factor", a->df[t]);
          row (out, sc->name, "ALL", year, "people_reached", reached);
          row (out, sc->name, "ALL", year, "people_helped", helped);
          row (out, sc->name, "ALL", year, "cost_capital", a->cost_capital[t]);
          row (out, sc->name, "ALL", year, "cost_revenue", a->cost_revenue[t]);
          row (out, sc->name, "ALL", year, "cost_per_person_reached", a->cost_variable[t]);
          row (out, sc->name, "ALL", year, "optimism_bias", a->cost_optimism[t]);
          for (guint s = 0; s < a->n_streams; s++)
            {
              g_autofree char *m = g_strdup_printf ("benefit:%s", ((dxi_stream *) sc->streams->pdata[s])->id);
              row (out, sc->name, "ALL", year, m, a->benefit[s * h + t]);
            }
          for (guint r = 0; r < a->n_areas; r++)
            if (a->area_year_reached[r * h + t] > 0)
              row (out, sc->name, dxi_frame_code (areas, r), year, "people_reached", a->area_year_reached[r * h + t]);
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
      row (out, sc->name, "ALL", 0, "bcr", a->bcr);
    }
  return dxi_write_file (path, out->str, out->len, error);
}

gboolean
dxi_write_compare_csv (GPtrArray *appraisals, const char *path, GError **error)
{
  g_autoptr (GString) out = g_string_new (
      "scenario,title,people_reached,people_helped,pv_costs,pv_benefits,npsv,bcr,value_for_money,fiscal_roi,"
      "payback_year,pv_direct,pv_indirect,direct_per_year,indirect_per_year,draws,npsv_p5,npsv_p50,npsv_p95,bcr_p5,"
      "bcr_p50,bcr_p95,p_bcr_above_1\n");
  for (guint k = 0; k < appraisals->len; k++)
    {
      const dxi_appraisal *a = appraisals->pdata[k];
      double reached = 0, helped = 0;
      for (guint i = 0; i < a->n_iv * a->n_years; i++)
        reached += a->reached[i], helped += a->helped[i];
      dxi_csv_text (out, a->sc->name);
      g_string_append_c (out, ',');
      dxi_csv_text (out, a->sc->title);
      double nums[] = { reached, helped, a->pv_costs, a->pv_benefits, a->npsv, a->bcr };
      for (guint i = 0; i < G_N_ELEMENTS (nums); i++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, nums[i]);
        }
      g_string_append_printf (out, ",%s,", dxi_vfm_band (a->bcr));
      dxi_csv_number (out, a->fiscal_roi);
      if (a->payback_year)
        g_string_append_printf (out, ",%d", a->payback_year);
      else
        g_string_append (out, ",never");
      double more[] = { a->pv_direct, a->pv_indirect, a->direct_per_year, a->indirect_per_year, a->draws,
                        a->npsv_p5,   a->npsv_p50,    a->npsv_p95,        a->bcr_p5,            a->bcr_p50,
                        a->bcr_p95,   a->p_bcr_above_1 };
      for (guint i = 0; i < G_N_ELEMENTS (more); i++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, more[i]);
        }
      g_string_append_c (out, '\n');
    }
  return dxi_write_file (path, out->str, out->len, error);
}
