/* Published appraisals set beside dxi's, each a scenario in scenarios/:
 * Cebr (2022) for Good Things Foundation, Salford's Digital You and O2's
 * Digital Communities pilot in St Helens.  Each is appraised from the benefit
 * library on a one-area table (no UK, Salford or St Helens study is on this
 * branch) and checked against a calculation by hand of one of its streams,
 * not against dxi's own output; the published figures are printed beside
 * dxi's as an independent comparison, never used as inputs. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "appraisal/appraisal.h"
#include "core/error.h"
#include "core/ydoc.h"

/* The GDP deflator of the scenarios (World Bank, 2020 = 100). */
#define DEFL_2011 83.3
#define DEFL_2012 84.6
#define DEFL_2015 88.1
#define DEFL_2018 93.3
#define DEFL_2022 105.5
/* The library's deadweight: 470,000 of 10.6 million a year (Cebr 2022). */
#define DEADWEIGHT 0.0443
/* The scenarios' ILLUSTRATIVE optimism bias on benefits of grades 4 and 5. */
#define GRADE4 0.15
#define GRADE5 0.25

/* One area holding everyone: caps never bind. */
static dxi_frame *
one_area (const char *code)
{
  dxi_frame *f = dxi_frame_new ("one area");
  const char *cols[] = { "index_rank", "index_decile", "excluded_adults", "population", "mdls_households" };
  double values[] = { 1, 1, 1e9, 1e9, 1e9 };
  guint r = dxi_frame_add_row (f, code, code);
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    dxi_frame_set (f, r, dxi_frame_add_column (f, cols[i]), values[i]);
  return f;
}

static dxi_scenario *
load (const char *relative, GError **error)
{
  g_autofree char *path = g_build_filename (DXI_SOURCE_DIR, relative, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load (path, error);
  if (doc == NULL)
    return NULL;
  g_autofree char *lib_path = dxi_scenario_library_path (doc, error);
  g_autoptr (dxi_ydoc) lib = lib_path ? dxi_ydoc_load (lib_path, error) : NULL;
  return lib ? dxi_scenario_from_yaml (doc, lib, error) : NULL;
}

/* The scenario at RELATIVE appraised on a one-area table CODE. */
static dxi_appraisal *
appraise (const char *relative, const char *code, dxi_scenario **sc)
{
  g_autoptr (GError) error = NULL;
  *sc = load (relative, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = one_area (code);
  dxi_appraisal *a = *sc ? dxi_appraise (*sc, f, 0, &error) : NULL;
  g_assert_no_error (error);
  return a;
}

static const dxi_stream *
stream (const dxi_scenario *sc, const char *id, guint *index)
{
  for (guint i = 0; i < sc->streams->len; i++)
    if (g_str_equal (((dxi_stream *) sc->streams->pdata[i])->id, id))
      return *index = i, sc->streams->pdata[i];
  g_assert_not_reached ();
}

static double
pval (const dxi_scenario *sc, guint i)
{
  return ((dxi_param *) sc->params->pdata[i])->value;
}

/* Undiscounted benefit of stream S over the appraisal. */
static double
total (const dxi_appraisal *a, guint s)
{
  double sum = 0;
  for (guint y = 0; y < a->n_years; y++)
    sum += a->benefit[s * a->n_years + y];
  return sum;
}

static void
test_cebr2022 (void)
{
  /* The published figures, as the report's summaries give them (Good Things
   * Foundation; Capita; Criticaleye): nine components in GBP m. */
  static const struct
  {
    const char *component;
    double gbp_m;
  } cebr[] = {
    { "government efficiency savings", 1400 }, { "tax revenue", 483 },
    { "NHS savings", 899 },                    { "time savings (online government and banking)", 3900 },
    { "money saved shopping online", 3500 },   { "vacancies filled (corporate organisations)", 2700 },
    { "increased earnings", 586 },             { "earnings from finding work", 179 },
    { "environmental benefits", 76 },
  };
  double sum = 0;
  for (guint i = 0; i < G_N_ELEMENTS (cebr); i++)
    sum += cebr[i].gbp_m;
  /* The transcription holds together: GBP 13.7bn, and 9.48 x cost = 13.7bn
   * for a cost of GBP 1.445bn ("GBP 1.4bn"), NPV 13.7 - 1.445 = 12.26
   * ("GBP 12.2bn"). */
  g_assert_cmpfloat (fabs (sum - 13700), <, 0.01 * 13700);
  g_assert_cmpfloat (fabs (13700 / 9.48 - 1400), <, 0.04 * 1400);
  g_assert_cmpfloat (fabs (13700 - 13700 / 9.48 - 12200), <, 0.01 * 12200);

  g_autoptr (dxi_scenario) sc = NULL;
  g_autoptr (dxi_appraisal) a = appraise ("scenarios/cebr2022/cebr2022.yaml", "K02000001", &sc);
  /* 508,000 a year for ten years, at Cebr's cost (GBP 1.4bn, no uplift). */
  double helped = 0, cost = 0;
  for (guint t = 0; t < a->n_years; t++)
    helped += a->helped[t], cost += a->cost_variable[t];
  g_assert_cmpfloat_with_epsilon (helped, 5080000, 1e-6);
  g_assert_cmpfloat (fabs (cost - 1.4e9), <, 1e-5 * 1.4e9);
  /* The counterfactual of 470,000 a year is the deadweight. */
  guint gp_i;
  const dxi_stream *gp = stream (sc, "basic_skills.nhs_gp_visits", &gp_i);
  g_assert_cmpfloat_with_epsilon (pval (sc, gp->deadweight), 470000.0 / 10.6e6, 1e-4);
  /* By hand, GP consultations avoided: per person helped a year 1 x GBP 45
   * (2012 prices) x 105.5 / 84.6 x 21% x (1 - 15%) x (1 - 0.0443); each of ten
   * cohorts of 508,000 from its year to 2032, falling 20% a year: cohort t
   * yields (1 - 0.8^(10 - t)) / 0.2 years' worth. */
  double net = 45 * DEFL_2022 / DEFL_2012 * 0.21 * (1 - GRADE4) * (1 - DEADWEIGHT), years = 0;
  for (int t = 0; t < 10; t++)
    years += (1 - pow (0.8, 10 - t)) / 0.2;
  g_assert_cmpfloat (fabs (total (a, gp_i) - 508000 * net * years), <, 1e-6 * total (a, gp_i));
  /* Beside Cebr's components (GBP m, undiscounted in dxi; Cebr's discounting
   * is not published in the summaries). */
  static const struct
  {
    const char *stream, *component;
  } pairs[] = {
    { "basic_skills.council_channel_shift", "government efficiency savings" },
    { "basic_skills.nhs_gp_visits", "NHS savings (with A&E)" },
    { "basic_skills.nhs_ae_visits", "NHS savings (with GP)" },
    { "basic_skills.hmrc_tax_on_earnings", "tax revenue" },
    { "basic_skills.earnings_gain", "increased earnings" },
    { "basic_skills.job_finding", "earnings from finding work" },
    { "basic_skills.dwp_benefit_saving", "(in government efficiency?)" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      guint si;
      stream (sc, pairs[i].stream, &si);
      g_test_message ("cebr2022: %-36s GBP %8.1fm undiscounted  (Cebr: %s)", pairs[i].stream, total (a, si) / 1e6,
                      pairs[i].component);
    }
  g_test_message ("cebr2022: PV benefits GBP %.1fm, PV costs GBP %.1fm, BCR %.2f (Cebr: 13,700m, 1,400m, 9.48)",
                  a->pv_benefits / 1e6, a->pv_costs / 1e6, a->bcr);
}

static void
test_salford (void)
{
  g_autoptr (dxi_scenario) sc = NULL;
  g_autoptr (dxi_appraisal) a = appraise ("scenarios/salford/digital_you.yaml", "E08000006", &sc);
  /* Nothing is derived from Salford's GBP 2.1m and 4.4m a year: no input is
   * the old per-resident 262.50 or 550 (those / 8,000), rebased or not. */
  for (guint i = 0; i < sc->params->len; i++)
    {
      const dxi_param *p = sc->params->pdata[i];
      g_assert_false (fabs (p->value - 262.5) < 1 || fabs (p->value - 550) < 1);
      g_assert_null (strstr (p->source, "Digital You programme business case"));
    }
  /* By hand, the one direct stream (council contacts moved online) in 2019:
   * the 2018 cohort (4,000, one year on: x 0.8) and the 2019 cohort (4,000);
   * a person 12 x (2.83 - 0.15) x 93.3 / 83.3 x (1 - 15%) x (1 - 0.0443). */
  guint ci;
  stream (sc, "digital_you.council_channel_shift", &ci);
  double net = 12 * (2.83 - 0.15) * DEFL_2018 / DEFL_2011 * (1 - GRADE4) * (1 - DEADWEIGHT);
  g_assert_cmpfloat_with_epsilon (a->benefit[ci * a->n_years + 1], 4000 * 1.8 * net, 1e-6);
  g_test_message ("salford: a year, direct GBP %.2fm, indirect GBP %.2fm (Salford, unverified: 2.1m and 4.4m)",
                  a->direct_per_year / 1e6, a->indirect_per_year / 1e6);
  g_test_message ("salford: PV benefits GBP %.2fm, NPSV GBP %.2fm, BCR %.2f", a->pv_benefits / 1e6, a->npsv / 1e6,
                  a->bcr);
}

static void
test_sthelens (void)
{
  g_autoptr (dxi_scenario) sc = NULL;
  g_autoptr (dxi_appraisal) a = appraise ("scenarios/sthelens/o2.yaml", "E08000013", &sc);
  /* By hand: 42,000 reached x 10% = 4,200 helped in 2015; the economic
   * streams from 2016 (lag 1) for three years at 1 + 0.8 + 0.64, all by
   * 2020, before their own additionality, after optimism bias:
   *   earnings gain 6.5% x GBP 19,693.57 (2022) x 88.1 / 105.5 x 40% in work x (1 - 15%)
   *   finding work  5% x GBP 19,693.57 x 88.1 / 105.5 x 8% out of work x (1 - 25%)
   * net at the boundary x (1 - 0)(1 - 0.5)(1 - 0.2) x 1.3. */
  double unit = 19693.57 * DEFL_2015 / DEFL_2022;
  double person = 0.065 * unit * 0.4 * (1 - GRADE4) + 0.05 * unit * 0.08 * (1 - GRADE5);
  double gross = 4200 * person * (1 + 0.8 + 0.64);
  g_assert_cmpfloat (fabs (a->local_gross - gross), <, 1e-9 * gross);
  g_assert_cmpfloat (fabs (a->local_net - gross * 0.5 * 0.8 * 1.3), <, 1e-9 * gross);
  g_assert_cmpint (sc->local->to_year, ==, 2020);
  /* Kept apart: the multiplier moves the local impact, never the NPSV. */
  double npsv = a->npsv;
  sc->local->multiplier = 2;
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = one_area ("E08000013");
  g_autoptr (dxi_appraisal) b = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (b->npsv, ==, npsv);
  g_assert_cmpfloat_with_epsilon (b->local_net, a->local_net * 2 / 1.3, 1e-6);
  g_test_message ("sthelens: local impact to 2020 gross GBP %.2fm, net GBP %.2fm (O2: GBP 46.3m 'if continued'); "
                  "NPSV GBP %.2fm",
                  a->local_gross / 1e6, a->local_net / 1e6, a->npsv / 1e6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/published/cebr2022", test_cebr2022);
  g_test_add_func ("/published/salford-digital-you", test_salford);
  g_test_add_func ("/published/o2-st-helens", test_sthelens);
  return g_test_run ();
}
