/* The appraisal worked by hand, switching values, Monte Carlo against an
 * analytic case, reproducibility, caps, and scenario errors. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "appraisal/appraisal.h"
#include "core/error.h"
#include "core/ydoc.h"

static const char library_yaml[] =
    "streams:\n"
    "  s1: {label: Council savings, kind: direct, recipient: council, persistence: 2,\n"
    "       value: {value: 200, source: test}, drop_off: {value: 0.5, source: test},\n"
    "       lag_years: {value: 0, source: test}, confidence: {grade: A, source: test},\n"
    "       deadweight: {value: 0.1, source: test}, displacement: &zero {value: 0, source: test}, leakage: *zero}\n"
    "  s2: {label: Wellbeing, kind: indirect, recipient: individual, value_type: social,\n"
    "       value: {value: 100, source: test, distribution: {type: normal, mean: 100, sd: 10}},\n"
    "       lag_years: {value: 0, source: test}, confidence: {grade: A, source: test},\n"
    "       deadweight: *zero, displacement: *zero, leakage: *zero}\n"
    "  unsourced: {label: X, kind: direct, recipient: council, value: {value: null, source: none published}}\n"
    "  bare: {label: Bare, kind: direct, recipient: council, value: {value: 10, source: test}}\n"
    "  gp: {label: GP appointments avoided, kind: indirect, recipient: nhs, persistence: 3,\n"
    "       quantity: {value: 2, source: test, unit: appointments avoided per person helped a year},\n"
    "       unit_value: {value: 40, source: test, price_year: 2020}, less_unit_value: {value: 10, source: test},\n"
    "       eligibility: {value: 0.5, source: test}, growth: {value: 0.1, source: test},\n"
    "       ramp_up_years: {value: 2, source: test}, drop_off: {value: 0.5, source: test},\n"
    "       lag_years: {value: 1, source: test}, confidence: {grade: A, source: test},\n"
    "       deadweight: *zero, displacement: *zero, leakage: *zero}\n";

/* One intervention: 100 people a year for two years, at most 150 over the
 * two targeted areas, GBP 100 each plus GBP 1,000 capital, optimism bias 20%. */
static const char scenario_yaml[] = "name: hand\n"
                                    "study: study.yaml\n"
                                    "benefits: benefits.yaml\n"
                                    "appraisal:\n"
                                    "  price_base_year: 2024\n"
                                    "  first_year: 2024\n"
                                    "  horizon_years: 3\n"
                                    "  optimism_bias: {value: 0.2, source: test}\n"
                                    "  benefit_optimism_bias: {A: {value: 0, source: test}, B: {value: 0.2, source: test}}\n"
                                    "  monte_carlo: {draws: 20000, seed: 7}\n"
                                    "interventions:\n"
                                    "  - id: iv\n"
                                    "    type: champions\n"
                                    "    cost_per_person: {value: 100, source: test}\n"
                                    "    success_rate: {value: 0.5, source: test}\n"
                                    "    fixed_costs: [{year: 2024, capital: 1000}]\n"
                                    "    people: {2024: 100, 2025: 100}\n"
                                    "    targeting: {top_percent: 50}\n"
                                    "    benefits: [s1, s2]\n";

static dxi_frame *
areas (void)
{
  dxi_frame *f = dxi_frame_new ("test");
  const char *codes[] = { "A", "B", "C", "D" };
  double rank[] = { 1, 2, 3, 4 }, decile[] = { 3, 5, 8, 10 }, excluded[] = { 100, 50, 200, 10 };
  guint cr = dxi_frame_add_column (f, "index_rank"), cd = dxi_frame_add_column (f, "index_decile");
  guint ce = dxi_frame_add_column (f, "excluded_adults"), cp = dxi_frame_add_column (f, "population");
  for (guint i = 0; i < 4; i++)
    {
      guint r = dxi_frame_add_row (f, codes[i], codes[i]);
      dxi_frame_set (f, r, cr, rank[i]);
      dxi_frame_set (f, r, cd, decile[i]);
      dxi_frame_set (f, r, ce, excluded[i]);
      dxi_frame_set (f, r, cp, 1000);
    }
  return f;
}

static dxi_scenario *
scenario (const char *text, GError **error)
{
  g_autoptr (dxi_ydoc) lib = dxi_ydoc_load_string ("benefits.yaml", library_yaml, -1, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", text, -1, error);
  return doc ? dxi_scenario_from_yaml (doc, lib, error) : NULL;
}

static void
test_by_hand (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (scenario_yaml, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  /* Reach: 100 in 2024; in 2025 only 50 more fit under the caps (100 + 50). */
  g_assert_cmpfloat_with_epsilon (a->reached[0], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->reached[1], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->unplaced[0], 50, 1e-9);
  /* Helped 50 and 25.  s1 net of deadweight 180 a person, lasting two years
   * at half the second year: 2024 9,000; 2025 4,500 + 4,500; 2026 2,250.
   * s2 100 a person for one year: 5,000 and 2,500.
   * PV benefits = 14,000 + 11,500 / 1.035 + 2,250 / 1.035^2 = 27,211.5102
   * PV costs = 1.2 (11,000 + 5,000 / 1.035) = 18,997.1014 */
  g_assert_cmpfloat_with_epsilon (a->pv_benefits, 27211.510186935517, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->pv_costs, 18997.101449275364, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->npsv, 8214.408737660153, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->bcr, 1.4324032673928522, 1e-9);
  /* Council (s1) over public cost: 19,796.05 / 18,997.10; s2 is social, so
   * there is no economic ROI, and public value is all benefits over cost. */
  g_assert_cmpfloat_with_epsilon (a->roi[DXI_ROI_FISCAL], 1.0420564054256058, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->pv_by_recipient[0], 19796.05, 0.01);
  g_assert_cmpfloat_with_epsilon (a->pv_by_recipient[5], 27211.510186935517 - 19796.05, 0.01);
  g_assert_true (isnan (a->roi[DXI_ROI_ECONOMIC]));
  g_assert_cmpstr (dxi_appraisal_undefined (a, DXI_ROI_ECONOMIC), ==, "n/a (no economic streams)");
  g_assert_null (dxi_appraisal_undefined (a, DXI_ROI_FISCAL));
  g_assert_cmpfloat_with_epsilon (a->roi[DXI_ROI_PUBLIC_VALUE], a->bcr, 1e-12);
  /* 2024 alone: 14,000 of benefit against 13,200 of cost. */
  g_assert_cmpint (a->payback_year, ==, 2024);
  g_assert_cmpstr (dxi_greenbook_vfm_band (a->bcr), ==, "low");
  /* Areas: A and B filled to their caps (100 and 50) by excluded adults. */
  g_assert_cmpfloat_with_epsilon (a->area_reached[0], 100, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->area_reached[1], 50, 1e-6);
  g_assert_cmpfloat (a->area_reached[2], ==, 0);
  double area_pv = 0;
  for (guint r = 0; r < 4; r++)
    area_pv += a->area_pv_benefit[r];
  g_assert_cmpfloat_with_epsilon (area_pv, a->pv_benefits, 1e-6);
}

static void
test_switching_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (scenario_yaml, &error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  guint found = 0;
  g_autofree double *values = g_new (double, a->n_params);
  for (guint i = 0; i < a->n_params; i++)
    {
      for (guint j = 0; j < a->n_params; j++)
        values[j] = ((dxi_param *) sc->params->pdata[j])->value;
      if (isnan (a->switching[i]))
        continue;
      values[i] = a->switching[i];
      double npsv = dxi_appraisal_npsv (a, values);
      g_test_message ("%s switches at %g (NPSV %g)", ((dxi_param *) sc->params->pdata[i])->name, a->switching[i], npsv);
      g_assert_cmpfloat (fabs (npsv), <, 1e-6 * a->pv_costs);
      found++;
    }
  g_assert_cmpuint (found, >=, 4);
  /* Cost per person: NPSV = 0 when the costs rise to the benefits. */
  for (guint i = 0; i < a->n_params; i++)
    if (g_str_equal (((dxi_param *) sc->params->pdata[i])->name, "iv.cost_per_person"))
      {
        /* PV benefits = 1.2 (1,000 + c (100 + 50 / 1.035)) */
        double c = (27211.510186935517 / 1.2 - 1000) / (100 + 50 / 1.035);
        g_assert_cmpfloat_with_epsilon (a->switching[i], c, 1e-6);
        g_assert_cmpfloat (a->tornado_low[i], >, a->npsv);
        g_assert_cmpfloat (a->tornado_high[i], <, a->npsv);
      }
}

static void
test_switching_budget (void)
{
  /* With a budget, a dearer person means fewer people, not more cost: the
   * cost per person switches above its nominal value, never at zero. */
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "people: {2024: 100, 2025: 100}", "budget: {2024: 6000, 2025: 4000}", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  /* (6,000 - 1,000) / 100 = 50 people, then 40. */
  g_assert_cmpfloat_with_epsilon (a->reached[0], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->reached[1], 40, 1e-9);
  for (guint i = 0; i < a->n_params; i++)
    if (g_str_equal (((dxi_param *) sc->params->pdata[i])->name, "iv.cost_per_person"))
      {
        g_assert_cmpfloat (a->switching[i], >, 100);
        g_autofree double *values = g_new (double, a->n_params);
        for (guint j = 0; j < a->n_params; j++)
          values[j] = ((dxi_param *) sc->params->pdata[j])->value;
        values[i] = a->switching[i];
        g_assert_cmpfloat (fabs (dxi_appraisal_npsv (a, values)), <, 1e-6 * a->pv_costs);
      }
}

static void
test_monte_carlo (void)
{
  /* Only s2's value is uncertain, N(100, 10); NPSV is linear in it, so
   * NPSV ~ N(npsv, (b 10)^2) with b its PV per pound. */
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (scenario_yaml, &error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->draws, ==, 20000);
  double b = 50 + 25 / 1.035; /* PV of helped person-years of s2 */
  double sd = b * 10;
  double se = sd / sqrt (20000.0);
  g_assert_cmpfloat_with_epsilon (a->npsv_mean, a->npsv, 4 * se);
  g_assert_cmpfloat_with_epsilon (a->npsv_p50, a->npsv, 4 * 1.2533 * se);
  g_assert_cmpfloat_with_epsilon (a->npsv_p5, a->npsv - 1.6449 * sd, 0.03 * sd);
  g_assert_cmpfloat_with_epsilon (a->npsv_p95, a->npsv + 1.6449 * sd, 0.03 * sd);
  g_assert_cmpfloat (a->p_bcr_above_1, ==, 1.0);
  guint total = 0;
  for (guint i = 0; i < DXI_HIST_BINS; i++)
    total += a->hist[i];
  g_assert_cmpuint (total, ==, 20000);
  /* Same seed, same answer; another seed, another. */
  g_autoptr (dxi_appraisal) again = dxi_appraise (sc, f, -1, &error);
  g_assert_cmpfloat (again->npsv_p5, ==, a->npsv_p5);
  g_assert_cmpfloat (again->bcr_p95, ==, a->bcr_p95);
  sc->seed = 8;
  g_autoptr (dxi_appraisal) other = dxi_appraise (sc, f, -1, &error);
  g_assert_cmpfloat (other->npsv_p5, !=, a->npsv_p5);
}

/* The NPSV mean of a scenario whose only uncertain input is s2's value, given
 * by VALUE and DISTRIBUTION. */
static double
npsv_mean_with (const char *value, const char *distribution, double *nominal, GError **error)
{
  GString *text = g_string_new (scenario_yaml);
  g_autofree char *s2 = g_strdup_printf ("benefits: [s1, {stream: s2, value: {value: %s, source: test, distribution: %s}}]",
                                         value, distribution);
  g_string_replace (text, "benefits: [s1, s2]", s2, 1);
  g_autoptr (dxi_scenario) sc = scenario (text->str, error);
  g_string_free (text, TRUE);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = sc ? dxi_appraise (sc, f, -1, error) : NULL;
  if (a == NULL)
    return NAN;
  *nominal = a->npsv;
  return a->npsv_mean;
}

static void
test_monte_carlo_centred (void)
{
  /* A distribution is centred on its parameter's value: s2 at 100 with a
   * symmetric triangular of +-20% (sd = 20 / sqrt 6), then at 150. */
  g_autoptr (GError) error = NULL;
  double b = 50 + 25 / 1.035; /* PV of helped person-years of s2 */
  double n100 = 0, n150 = 0;
  double m100 = npsv_mean_with ("100", "{type: triangular, low: -20%, high: +20%}", &n100, &error);
  g_assert_no_error (error);
  double m150 = npsv_mean_with ("150", "{type: triangular, low: -20%, high: +20%}", &n150, &error);
  g_assert_no_error (error);
  double se100 = b * 20 / sqrt (6) / sqrt (20000.0), se150 = 1.5 * se100;
  g_assert_cmpfloat_with_epsilon (m100, n100, 4 * se100);
  g_assert_cmpfloat_with_epsilon (m150, n150, 4 * se150);
  /* Editing the value moves the Monte Carlo mean by b x 50. */
  g_assert_cmpfloat_with_epsilon (m150 - m100, b * 50, 4 * (se100 + se150));
  /* Absolute bounds (min, max) hold the value, which is the mode; a normal's
   * mean is the value, its sd a number or a percentage of it. */
  double n = 0, m = npsv_mean_with ("150", "{type: pert, min: 120, max: 180}", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (m, n150, 4 * b * 30 / sqrt (7) / sqrt (20000.0));
  m = npsv_mean_with ("150", "{type: normal, sd: 10%}", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (m, n150, 4 * b * 15 / sqrt (20000.0));
  /* An asymmetric spread moves the mean on purpose: uniform 100 -20% .. +40%
   * has mean 110. */
  m = npsv_mean_with ("100", "{type: uniform, low: -20%, high: +40%}", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (m - n100, b * 10, 4 * b * 60 / sqrt (12) / sqrt (20000.0));
  /* A mode or mean that is not the value, a bound that does not hold it, or
   * a spread without its per cent sign is refused. */
  struct
  {
    const char *value, *distribution, *message;
  } bad[] = {
    { "150", "{type: triangular, min: 50, mode: 100, max: 200}", "is centred on its value 150, not 100: drop 'mode'" },
    { "150", "{type: normal, mean: 100, sd: 10}", "is centred on its value 150, not 100: drop 'mean'" },
    { "150", "{type: triangular, min: 50, max: 120}", "runs from 50 to 120: it must hold the value 150" },
    { "150", "{type: triangular, low: -20, high: +20%}", "low and high are percentages of the value" },
    { "150", "{type: triangular, low: -20%, max: 200}", "either low and high" },
    { "150", "{type: triangular, low: 10%, high: 20%}", "low is a percentage at or below 0" },
    { "150", "{type: triangular, low: -2x%, high: 20%}", "expected a percentage such as '-20%'" },
    { "150", "{type: normal, sd: 10, min: 1}", "unknown key 'min'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      npsv_mean_with (bad[i].value, bad[i].distribution, &n, &error);
      if (error == NULL || !strstr (error->message, bad[i].message))
        g_test_message ("case %u: '%s' lacks '%s'", i, error ? error->message : "(no error)", bad[i].message);
      g_assert_true (error && strstr (error->message, bad[i].message) && g_str_has_prefix (error->message, "scenario.yaml:"));
    }
}

/* The scenario with its benefits line replaced by BENEFITS (and FROM by TO). */
static dxi_scenario *
scenario_with (const char *benefits, const char *from, const char *to, GError **error)
{
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "benefits: [s1, s2]", benefits, 1);
  if (from)
    g_string_replace (text, from, to, 1);
  dxi_scenario *sc = scenario (text->str, error);
  g_string_free (text, TRUE);
  return sc;
}

static void
test_lag_and_benefit_optimism (void)
{
  /* s1 from one year after helping, confidence grade B (20% off):
   * 180 x 0.8 = 144 a person helped.  Cohort 2024 (50): 7,200 in 2025,
   * 3,600 in 2026; cohort 2025 (25): 3,600 in 2026, the next year beyond the
   * horizon.  s2 as before: 5,000 and 2,500.
   * PV benefits = 5,000 + 9,700 / 1.035 + 7,200 / 1.035^2 = 20,093.2225 */
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario_with (
      "benefits: [{stream: s1, lag_years: {value: 1, source: test}, confidence: {grade: B, source: test}}, s2]", NULL,
      NULL, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  double pv_b = 5000 + 9700 / 1.035 + 7200 / (1.035 * 1.035);
  g_assert_cmpfloat_with_epsilon (a->pv_benefits, pv_b, 1e-6);
  g_assert_cmpfloat_with_epsilon (a->pv_costs, 18997.101449275364, 1e-6);
  /* Cumulative discounted net: 2024 5,000 - 13,200 < 0; 2025 + 3,700 / 1.035
   * still < 0; 2026 + 7,200 / 1.035^2 >= 0. */
  g_assert_cmpint (a->payback_year, ==, 2026);
  g_assert_cmpfloat_with_epsilon (a->roi[DXI_ROI_FISCAL], (7200 / 1.035 + 7200 / (1.035 * 1.035)) / a->pv_costs, 1e-12);
  /* The grade's bias is an input: its switching value zeroes the NPSV. */
  for (guint i = 0; i < a->n_params; i++)
    if (g_str_equal (((dxi_param *) sc->params->pdata[i])->name, "benefit_optimism_bias.grade_B"))
      {
        g_autofree double *values = g_new (double, a->n_params);
        for (guint j = 0; j < a->n_params; j++)
          values[j] = ((dxi_param *) sc->params->pdata[j])->value;
        g_assert_false (isnan (a->switching[i]));
        values[i] = a->switching[i];
        g_assert_cmpfloat (fabs (dxi_appraisal_npsv (a, values)), <, 1e-6 * a->pv_costs);
      }
  /* Each required field in turn: the lag, the confidence grade, then
   * deadweight, displacement and leakage, none taken as 0. */
  struct
  {
    const char *benefits, *message;
  } missing[] = {
    { "benefits: [bare]", "stream 'bare' (used at scenario.yaml:19:16) needs 'lag_years' {value, source}" },
    { "benefits: [{stream: bare, lag_years: {value: 0, source: t}}]", "needs 'confidence' {grade, source}" },
    { "benefits: [{stream: bare, lag_years: {value: 0, source: t}, confidence: {grade: A, source: t}}]",
      "needs 'deadweight' {value, source}, in the library or the scenario's benefits entry: it is not taken as 0" },
    { "benefits: [{stream: bare, lag_years: {value: 0, source: t}, confidence: {grade: A, source: t}, "
      "deadweight: {value: 0, source: t}}]",
      "needs 'displacement'" },
    { "benefits: [{stream: bare, lag_years: {value: 0, source: t}, confidence: {grade: A, source: t}, "
      "deadweight: {value: 0, source: t}, displacement: {value: 0, source: t}}]",
      "needs 'leakage'" },
    { "benefits: [{stream: bare, lag_years: 1, confidence: {grade: A, source: t}}]", "needs 'lag_years' {value, source}" },
    { "benefits: [{stream: s1, confidence: {grade: C, source: t}}]",
      "confidence grade 'C' is not in the scenario's appraisal.benefit_optimism_bias ('A', 'B')" },
    { "benefits: [{stream: s1, persistence: 1, drop_off: {value: 2, source: t}}]", "must be between 0 and 1" },
    { "benefits: [{stream: s1, lag_years: {value: -1, source: t}}]", "lag_years must be 0 to 50" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_clear_error (&error);
      g_autoptr (dxi_scenario) bad = scenario_with (missing[i].benefits, NULL, NULL, &error);
      g_assert_null (bad);
      if (error == NULL || !strstr (error->message, missing[i].message))
        g_test_message ("case %u: '%s' lacks '%s'", i, error ? error->message : "(none)", missing[i].message);
      g_assert_true (error && strstr (error->message, missing[i].message)
                     && (g_str_has_prefix (error->message, "benefits.yaml:11:") || g_str_has_prefix (error->message, "scenario.yaml:")));
    }
  /* A one-year stream may leave out its drop-off: nothing drops off. */
  g_clear_error (&error);
  g_autoptr (dxi_scenario) one = scenario_with (
      "benefits: [{stream: bare, lag_years: {value: 0, source: t}, confidence: {grade: A, source: t}, "
      "deadweight: {value: 0, source: t}, displacement: {value: 0, source: t}, leakage: {value: 0, source: t}}]",
      NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_recipients_and_returns (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = areas ();
  /* s2 to DWP: a public-sector recipient, so fiscal; all benefits fiscal. */
  g_autoptr (dxi_scenario) dwp = scenario_with ("benefits: [s1, {stream: s2, recipient: dwp, value_type: fiscal}]", NULL,
                                                NULL, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_appraisal) a = dxi_appraise (dwp, f, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (a->roi[DXI_ROI_FISCAL], a->bcr, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->pv_by_recipient[2], 27211.510186935517 - 19796.05, 0.01);
  /* No fiscal stream: the fiscal ROI is undefined, not 0. */
  g_autoptr (dxi_scenario) social = scenario_with ("benefits: [s2]", NULL, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_appraisal) b = dxi_appraise (social, f, 0, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (b->roi[DXI_ROI_FISCAL]));
  g_assert_cmpstr (dxi_appraisal_undefined (b, DXI_ROI_FISCAL), ==, "n/a (no fiscal streams)");
  g_autoptr (GString) text = g_string_new (NULL);
  dxi_appraisal_summary (b, text);
  g_assert_nonnull (strstr (text->str, "fiscal n/a (no fiscal streams)"));
  /* An economic stream: economic ROI = its PV over cost. */
  g_autoptr (dxi_scenario) economic = scenario_with ("benefits: [s1, {stream: s2, value_type: economic}]", NULL, NULL,
                                                     &error);
  g_assert_no_error (error);
  g_autoptr (dxi_appraisal) c = dxi_appraise (economic, f, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (c->roi[DXI_ROI_ECONOMIC], (27211.510186935517 - 19796.05) / c->pv_costs, 1e-6);
  /* A value type that contradicts the recipient is refused. */
  const char *bad[][2] = {
    { "benefits: [{stream: s2, recipient: hmrc, value_type: social}]", "a public-sector recipient: its value is fiscal" },
    { "benefits: [{stream: s1, recipient: employer}]", "give 'value_type: economic'" },
    { "benefits: [{stream: s1, recipient: nhs_trust}]", "'nhs_trust'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_autoptr (dxi_scenario) sc = scenario_with (bad[i][0], NULL, NULL, &error);
      g_assert_null (sc);
      if (error == NULL || !strstr (error->message, bad[i][1]))
        g_test_message ("case %u: '%s' lacks '%s'", i, error ? error->message : "(none)", bad[i][1]);
      g_assert_true (error && strstr (error->message, bad[i][1]));
    }
}

static void
test_no_cost (void)
{
  /* Nobody reached and no fixed cost: no cost at all.  The BCR and the ROIs
   * are undefined and say so; nothing prints nan. */
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "people: {2024: 100, 2025: 100}", "people: {2024: 0, 2025: 0}", 1);
  g_string_replace (text, "    fixed_costs: [{year: 2024, capital: 1000}]\n", "", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (a->pv_costs, ==, 0);
  g_assert_true (isnan (a->bcr));
  g_assert_cmpstr (dxi_appraisal_undefined (a, -1), ==, "n/a (no cost)");
  for (int k = 0; k < DXI_N_ROI; k++)
    g_assert_cmpstr (dxi_appraisal_undefined (a, k), ==, "n/a (no cost)");
  g_assert_cmpstr (dxi_greenbook_vfm_band (a->bcr), ==, "n/a (no cost)");
  /* No draw has a cost: no BCR statistics, and no P(BCR > 1) of 0. */
  g_assert_cmpuint (a->bcr_draws, ==, 0);
  g_assert_true (isnan (a->p_bcr_above_1));
  g_autoptr (GString) summary = g_string_new (NULL);
  dxi_appraisal_summary (a, summary);
  g_test_message ("%s", summary->str);
  g_assert_nonnull (strstr (summary->str, "BCR n/a (no cost)"));
  g_assert_null (strstr (summary->str, "nan"));
  g_assert_null (strstr (summary->str, "P(BCR > 1) = 0.000"));
}

static void
test_errors (void)
{
  struct
  {
    const char *from, *to, *message;
  } cases[] = {
    { "cost_per_person: {value: 100, source: test}", "cost_per_person: 100", "'iv.cost_per_person' needs its source" },
    { "benefits: [s1, s2]", "benefits: [s1, unsourced]", "'unsourced.value' has no published value (source: none published)" },
    { "  benefit_optimism_bias: {A: {value: 0, source: test}, B: {value: 0.2, source: test}}\n", "",
      "missing key 'benefit_optimism_bias'" },
    { "benefits: [s1, s2]", "benefits: [s1, s3]", "no stream 's3' in 'benefits.yaml'" },
    { "targeting: {top_percent: 50}", "targetting: {top_percent: 50}", "unknown key 'targetting' (did you mean 'targeting'?)" },
    { "success_rate: {value: 0.5, source: test}", "success_rate: {value: 1.5, source: test}", "must be between 0 and 1" },
    { "people: {2024: 100, 2025: 100}", "people: {2024: 100, 2031: 100}", "year 2031" },
    { "type: champions", "type: champion", "did you mean 'champions'" },
    { "  optimism_bias: {value: 0.2, source: test}\n", "", "missing key 'optimism_bias'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GString *text = g_string_new (scenario_yaml);
      g_string_replace (text, cases[i].from, cases[i].to, 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
      g_string_free (text, TRUE);
      g_assert_null (sc);
      g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
      if (error && !strstr (error->message, cases[i].message))
        g_test_message ("case %u: '%s' lacks '%s'", i, error->message, cases[i].message);
      g_assert_true (error && strstr (error->message, cases[i].message) && (g_str_has_prefix (error->message, "scenario.yaml:") || (i == 1 && g_str_has_prefix (error->message, "benefits.yaml:10:"))));
    }
}

static void
test_deflator (void)
{
  /* A value in 2019 prices rebased to 2024 with the GDP deflator:
   * 90 x 120 / 100 = 108. */
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "  optimism_bias:", "  deflator: {source: test series, index: {2019: 100, 2024: 120}}\n  optimism_bias:", 1);
  g_string_replace (text, "benefits: [s1, s2]", "benefits: [{stream: s2, value: {value: 90, price_year: 2019, source: test}}]", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_assert_no_error (error);
  const dxi_stream *s2 = sc->streams->pdata[0];
  const dxi_param *v = sc->params->pdata[s2->value];
  g_assert_cmpfloat_with_epsilon (v->value, 108, 1e-9);
  g_assert_nonnull (strstr (v->source, "2019 prices, rebased to 2024"));
  /* Without the deflator's years the value is refused. */
  g_string_replace (text, "2019: 100, ", "", 1);
  g_autoptr (dxi_scenario) bad = scenario (text->str, &error);
  g_string_free (text, TRUE);
  g_assert_null (bad);
  g_assert_nonnull (error && strstr (error->message, "needs index values for 2019 and 2024") ? error : NULL);
}

/* TEXT with FROM replaced by TO is refused with MESSAGE, at a place in the
 * scenario. */
static void
assert_refused (const char *text, const char *from, const char *to, const char *message)
{
  GString *t = g_string_new (text);
  g_string_replace (t, from, to, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) refused = scenario (t->str, &error);
  g_string_free (t, TRUE);
  g_assert_null (refused);
  if (error == NULL || !strstr (error->message, message))
    g_test_message ("'%s' lacks '%s'", error ? error->message : "(none)", message);
  g_assert_true (error && strstr (error->message, message) && g_str_has_prefix (error->message, "scenario.yaml:"));
}

/* A stream built as quantity x (unit value - less unit value) x eligibility,
 * with a lag, ramp-up, real growth and drop-off, worked by hand. */
static void
test_quantity_by_unit_value (void)
{
  static const char deflator[] = "  deflator: {source: test series, index: {2020: 80, 2024: 100}}\n  optimism_bias:";
  g_autoptr (GError) error = NULL;
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "horizon_years: 3", "horizon_years: 4", 1);
  g_string_replace (text, "  optimism_bias:", deflator, 1);
  g_string_replace (text, "people: {2024: 100, 2025: 100}", "people: {2024: 100}", 1);
  g_string_replace (text, "benefits: [s1, s2]", "benefits: [gp]", 1);
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  /* Unit value 40 in 2020 prices is 40 x 100 / 80 = 50 in 2024 prices; a
   * person helped yields 2 x (50 - 10) x 0.5 = 40 a year.  50 people helped in
   * 2024 benefit from 2025 (lag 1) for three years, 2025 to 2027:
   *   2025: 50 x 40 x 1.1^1 x 1/2 (ramp)         = 1,100
   *   2026: 50 x 40 x 0.5 (drop) x 1.1^2          = 1,210
   *   2027: 50 x 40 x 0.25 x 1.1^3                =   665.5 */
  const dxi_stream *s = sc->streams->pdata[0];
  g_assert_cmpfloat_with_epsilon (((dxi_param *) sc->params->pdata[s->value])->value, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (dxi_stream_net_value (sc, NULL, s), 40, 1e-9);
  g_assert_cmpstr (((dxi_param *) sc->params->pdata[s->quantity])->unit, ==, "appointments avoided per person helped a year");
  double want[] = { 0, 1100, 1210, 665.5 };
  for (guint y = 0; y < 4; y++)
    g_assert_cmpfloat_with_epsilon (a->benefit[y], want[y], 1e-9);
  double pv = 1100 / 1.035 + 1210 / (1.035 * 1.035) + 665.5 / (1.035 * 1.035 * 1.035);
  g_assert_cmpfloat_with_epsilon (a->pv_benefits, pv, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->pv_by_recipient[1], pv, 1e-9); /* the NHS: fiscal */
  g_assert_cmpfloat_with_epsilon (a->roi[DXI_ROI_FISCAL], pv / a->pv_costs, 1e-12);
  double area_pv = 0;
  for (guint r = 0; r < 4; r++)
    area_pv += a->area_pv_benefit[r];
  g_assert_cmpfloat_with_epsilon (area_pv, pv, 1e-9);
  /* Each part is an input: three appointments instead of two, half as much again. */
  g_autofree double *values = g_new (double, a->n_params);
  for (guint j = 0; j < a->n_params; j++)
    values[j] = ((dxi_param *) sc->params->pdata[j])->value;
  values[s->quantity] = 3;
  g_assert_cmpfloat_with_epsilon (dxi_appraisal_npsv (a, values), 1.5 * pv - a->pv_costs, 1e-6);
  /* A scenario overrides one part (a local quantity) and keeps the rest;
   * an override's 'value' replaces the build. */
  g_string_replace (text, "benefits: [gp]", "benefits: [{stream: gp, quantity: {value: 1, source: local}}]", 1);
  g_autoptr (dxi_scenario) local = scenario (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (dxi_stream_net_value (local, NULL, local->streams->pdata[0]), 20, 1e-9);
  g_string_replace (text, "quantity: {value: 1, source: local}", "value: {value: 7, source: local}", 1);
  g_autoptr (dxi_scenario) flat = scenario (text->str, &error);
  g_assert_no_error (error);
  const dxi_stream *fs = flat->streams->pdata[0];
  g_assert_cmpint (fs->quantity, ==, DXI_NO_PARAM);
  g_assert_cmpfloat_with_epsilon (dxi_stream_net_value (flat, NULL, fs), 7, 1e-9);
  /* Both forms in one entry, or a build without its unit value, are refused. */
  const char *from = "value: {value: 7, source: local}";
  assert_refused (text->str, from, "value: {value: 7, source: local}, eligibility: {value: 1, source: t}",
                  "gives both 'value' (per person helped a year) and 'eligibility'");
  assert_refused (text->str, from, "unit_value: {value: null, source: none published}",
                  "'iv.gp.unit_value' has no published value (source: none published)");
  assert_refused (text->str, from, "ramp_up_years: {value: 0, source: t}", "ramp_up_years must be 1 to 50, found 0");
  g_string_free (text, TRUE);
}

/* The local economic impact at an area boundary, worked by hand: gross
 * benefits of the chosen value types to to_year, net of the boundary's
 * deadweight, displacement and leakage, times the multiplier; the NPSV does
 * not move with it. */
static void
test_local_impact (void)
{
  static const char local[] = "  local_impact:\n"
                              "    area: Test borough\n"
                              "    to_year: 2026\n"
                              "    value_types: [fiscal]\n"
                              "    deadweight: {value: 0.1, source: t}\n"
                              "    displacement: {value: 0.25, source: t}\n"
                              "    leakage: {value: 0.2, source: t}\n"
                              "    multiplier: {value: 1.5, source: t}\n"
                              "  optimism_bias:";
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "horizon_years: 3", "horizon_years: 4", 1);
  g_string_replace (text, "  optimism_bias:", "  deflator: {source: t, index: {2020: 80, 2024: 100}}\n  optimism_bias:", 1);
  g_string_replace (text, "  optimism_bias:", local, 1);
  g_string_replace (text, "people: {2024: 100, 2025: 100}", "people: {2024: 100}", 1);
  g_string_replace (text, "benefits: [s1, s2]",
                    "benefits: [{stream: gp, deadweight: {value: 0.5, source: t}}, s2]", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  /* gp (fiscal) before its own deadweight of 0.5, as in the worked case
   * above: 1,100 in 2025, 1,210 in 2026 (2027 is after to_year); s2 is social,
   * not counted.  Gross 2,310; net 2,310 x 0.9 x 0.75 x 0.8 x 1.5 = 1,871.1. */
  g_assert_cmpfloat_with_epsilon (a->local_gross, 2310, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->local_net, 1871.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->local_gross_by_year[3], 665.5, 1e-9);
  /* The NPSV keeps the stream's own deadweight and is not the local impact. */
  double pv_gp = 0.5 * (1100 / 1.035 + 1210 / (1.035 * 1.035) + 665.5 / (1.035 * 1.035 * 1.035));
  g_assert_cmpfloat_with_epsilon (a->pv_by_recipient[1], pv_gp, 1e-9);
  GString *summary = g_string_new (NULL);
  dxi_appraisal_summary (a, summary);
  g_assert_nonnull (strstr (summary->str, "local economic impact in Test borough (undiscounted, 2024-2026, apart from "
                                          "the NPSV): gross £2310, net £1871"));
  g_string_free (summary, TRUE);
  /* Each factor is required with its source, and within its range. */
  assert_refused (text->str, "    multiplier: {value: 1.5, source: t}\n", "",
                  "local_impact needs 'multiplier' {value, source}");
  assert_refused (text->str, "multiplier: {value: 1.5,", "multiplier: {value: 0.5,",
                  "local_impact multiplier must be between 1 and 5, found 0.5");
  assert_refused (text->str, "leakage: {value: 0.2,", "leakage: {value: 1.2,",
                  "local_impact leakage must be between 0 and 1, found 1.2");
  assert_refused (text->str, "to_year: 2026", "to_year: 2030", "to_year must be within the appraisal, 2024 to 2027");
  g_string_free (text, TRUE);
}

/* One {value, source} named twice (a YAML anchor and its aliases) is one
 * input: one parameter, drawn once and varied as one; named as two kinds of
 * input it is refused. */
static void
test_shared_input (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = scenario (scenario_yaml, &error);
  g_assert_no_error (error);
  /* The library's &zero: s1's displacement and leakage, s2's deadweight,
   * displacement and leakage. */
  const dxi_stream *s1 = sc->streams->pdata[0], *s2 = sc->streams->pdata[1];
  g_assert_cmpuint (s1->displacement, ==, s1->leakage);
  g_assert_cmpuint (s1->displacement, ==, s2->deadweight);
  g_assert_cmpuint (s1->displacement, ==, s2->leakage);
  g_assert_cmpuint (s1->deadweight, !=, s1->displacement);
  const dxi_param *zero = sc->params->pdata[s1->displacement];
  g_assert_cmpstr (zero->name, ==, "s1.displacement");
  g_assert_nonnull (strstr (zero->label, "(one input for 5 uses)"));
  assert_refused (scenario_yaml, "benefits: [s1, s2]",
                  "benefits: [s1, {stream: s2, value: &v {value: 0.5, source: t}, deadweight: *v}]",
                  "'iv.s2.value' and 'iv.s2.deadweight' name the same {value, source} as inputs of different kinds");
}

/* The workbook's live Sensitivity rows rest on NPSV being affine in an input
 * entering each stream once as a factor: the second difference of NPSV in
 * each of those inputs is 0; in drop-off over three years and in real growth
 * it is not (those rows keep dxi's values). */
static void
test_affine_inputs (void)
{
  g_autoptr (GError) error = NULL;
  GString *text = g_string_new (scenario_yaml);
  g_string_replace (text, "horizon_years: 3", "horizon_years: 5", 1);
  g_string_replace (text, "benefits: [s1, s2]", "benefits: [s1, gp]", 1);
  g_string_replace (text, "  optimism_bias:",
                    "  deflator: {source: test, index: {2020: 80, 2024: 100}}\n"
                    "  optimism_bias:",
                    1);
  g_autoptr (dxi_scenario) sc = scenario (text->str, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, 0, &error);
  g_assert_no_error (error);
  static const char *const affine[] = { "iv.cost_per_person", "iv.success_rate", "gp.quantity",
                                        "gp.unit_value", "gp.less_unit_value", "gp.eligibility",
                                        "s1.deadweight", "s1.value", "optimism_bias", "s1.drop_off",
                                        NULL };
  /* s1.displacement is one input for the displacement and leakage of each
   * stream, (1 - x)^2; s1's drop-off over two years, 1 + (1 - d), is affine
   * (the workbook keeps every drop-off of a stream over a year as dxi's). */
  static const char *const curved[] = { "gp.drop_off", "gp.growth", "s1.displacement", NULL };
  g_autofree double *v = g_new (double, a->n_params);
  guint checked = 0;
  for (guint i = 0; i < a->n_params; i++)
    {
      const dxi_param *p = sc->params->pdata[i];
      for (guint j = 0; j < a->n_params; j++)
        v[j] = ((dxi_param *) sc->params->pdata[j])->value;
      double d = 0.05 * MAX (fabs (p->value), 0.1), n[3];
      for (int k = 0; k < 3; k++)
        {
          v[i] = p->value + k * d;
          n[k] = dxi_appraisal_npsv (a, v);
        }
      double second = fabs (n[2] - 2 * n[1] + n[0]), scale = fabs (n[2] - n[0]) + 1;
      gboolean is_affine = g_strv_contains (affine, p->name);
      gboolean is_curved = g_strv_contains (curved, p->name);
      g_test_message ("%s: second difference %g (first %g)", p->name, second, n[2] - n[0]);
      checked += is_affine || is_curved;
      if (is_affine)
        g_assert_cmpfloat (second, <, 1e-9 * scale);
      if (is_curved)
        g_assert_cmpfloat (second, >, 1e-6 * scale);
    }
  guint listed = g_strv_length ((char **) affine) + g_strv_length ((char **) curved);
  g_assert_cmpuint (checked, ==, listed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/appraisal/worked-by-hand", test_by_hand);
  g_test_add_func ("/appraisal/switching-values-zero-npsv", test_switching_values);
  g_test_add_func ("/appraisal/switching-value-under-a-budget", test_switching_budget);
  g_test_add_func ("/appraisal/monte-carlo-analytic-and-seeded", test_monte_carlo);
  g_test_add_func ("/appraisal/monte-carlo-centred-on-the-value", test_monte_carlo_centred);
  g_test_add_func ("/appraisal/scenario-errors", test_errors);
  g_test_add_func ("/appraisal/lag-and-optimism-bias-on-benefits", test_lag_and_benefit_optimism);
  g_test_add_func ("/appraisal/recipients-and-returns", test_recipients_and_returns);
  g_test_add_func ("/appraisal/no-cost", test_no_cost);
  g_test_add_func ("/appraisal/gdp-deflator", test_deflator);
  g_test_add_func ("/appraisal/quantity-by-unit-value", test_quantity_by_unit_value);
  g_test_add_func ("/appraisal/local-economic-impact", test_local_impact);
  g_test_add_func ("/appraisal/shared-input", test_shared_input);
  g_test_add_func ("/appraisal/affine-inputs", test_affine_inputs);
  return g_test_run ();
}
