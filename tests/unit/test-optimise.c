/* The optimiser worked by hand on two areas and two interventions: it keeps
 * to the scenario's targeting, caps and capacities, prices reach on the
 * rising cost curve, and is compared with the scenario's own split on the
 * same problem. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "appraisal/optimise.h"
#include "core/error.h"
#include "one-year.h"

static const char lib_yaml[]
    = "streams:\n"
      "  g30: {label: Thirty, kind: direct, recipient: individual, value_type: economic,\n"
      "        value: {value: 30, source: test}, lag_years: {value: 0, source: test},\n"
      "        confidence: {grade: A, source: test}, deadweight: &zero {value: 0, source: test},\n"
      "        displacement: *zero, leakage: *zero}\n"
      "  g15: {label: Fifteen, kind: direct, recipient: individual, value_type: economic,\n"
      "        value: {value: 15, source: test}, lag_years: {value: 0, source: test},\n"
      "        confidence: {grade: A, source: test}, deadweight: *zero, displacement: *zero, "
      "leakage: *zero}\n";

/* One year, no optimism bias (so DF = 1 and costs are as spent).  'good' is
 * worth GBP 30 a person and targets Y only; 'weak' GBP 15 and targets both;
 * each reaches 50 people at GBP 10: the spend on people reached is 1,000. */
static const char two_yaml[] = "name: opt\n" ONE_YEAR_SCENARIO_HEAD "  monte_carlo: {draws: 0}\n"
                               "interventions:\n"
                               "  - id: good\n"
                               "    type: skills\n"
                               "    cost_per_person: {value: 10, source: test}\n"
                               "    success_rate: {value: 1, source: test}\n"
                               "    people: {2024: 50}\n"
                               "    targeting: {areas: [Y]}\n"
                               "    benefits: [g30]\n"
                               "  - id: weak\n"
                               "    type: skills\n"
                               "    cost_per_person: {value: 10, source: test}\n"
                               "    success_rate: {value: 1, source: test}\n"
                               "    people: {2024: 50}\n"
                               "    targeting: all\n"
                               "    benefits: [g15]\n";

/* X: the most excluded, cap 100; Y: cap 300. */
static dxi_frame *
two_areas (void)
{
  dxi_frame *f = dxi_frame_new ("test");
  const char *codes[] = { "X", "Y" };
  double cap[] = { 100, 300 };
  guint cr = dxi_frame_add_column (f, "index_rank"), cd = dxi_frame_add_column (f, "index_decile");
  guint ce = dxi_frame_add_column (f, "excluded_adults"),
        cp = dxi_frame_add_column (f, "population");
  for (guint i = 0; i < 2; i++)
    {
      guint r = dxi_frame_add_row (f, codes[i], codes[i]);
      dxi_frame_set (f, r, cr, i + 1);
      dxi_frame_set (f, r, cd, i ? 10 : 5);
      dxi_frame_set (f, r, ce, cap[i]);
      dxi_frame_set (f, r, cp, 1000);
    }
  return f;
}

typedef struct
{
  dxi_scenario *sc;
  dxi_appraisal *a;
  dxi_optimum *o;
} run;

static void
run_clear (run *r)
{
  dxi_optimum_free (r->o);
  dxi_appraisal_free (r->a);
  dxi_scenario_free (r->sc);
}

/* The scenario TEXT with the optimiser block OPTIMISER appended; ERROR set
 * when the settings are refused. */
static gboolean
run_with (run *r, const char *text, const char *optimiser, const dxi_frame *f, GError **error)
{
  *r = (run){ 0 };
  g_autofree char *full = g_strconcat (text, optimiser, NULL);
  g_autoptr (dxi_ydoc) lib = dxi_ydoc_load_string ("benefits.yaml", lib_yaml, -1, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", full, -1, error);
  r->sc = doc ? dxi_scenario_from_yaml (doc, lib, error) : NULL;
  r->a = r->sc ? dxi_appraise (r->sc, f, 0, error) : NULL;
  r->o = r->a ? dxi_optimise (r->a, f, error) : NULL;
  return r->o != NULL;
}

static void
test_targeting_respected (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = two_areas ();
  run r;
  g_assert_true (run_with (&r, two_yaml,
                           "optimiser:\n  reach_cost_rise: {value: 0, source: test}\n", f, &error));
  g_assert_no_error (error);
  /* Scenario: 50 x 30 + 50 x 15 - 1,000 = 1,250; with no rising cost its
   * split priced by the optimiser is dxi's own appraisal. */
  g_assert_cmpfloat_with_epsilon (r.a->npsv, 1250, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.o->base_npsv, 1250, 1e-9);
  /* Optimised: 'good' returns GBP 3 per GBP 1, 'weak' 1.5: all 1,000 to
   * 'good', 100 people, every one in Y (its targeting), none in X although
   * X is the more excluded: 100 x 30 - 1,000 = 2,000. */
  g_assert_cmpfloat_with_epsilon (r.o->npsv, 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.o->people[0], 0, 1e-12);  /* good in X */
  g_assert_cmpfloat_with_epsilon (r.o->people[1], 100, 1e-9); /* good in Y */
  g_assert_cmpfloat_with_epsilon (r.o->iv_people[1], 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.o->iv_base_people[1], 50, 1e-9);
  g_assert_nonnull (strstr (r.o->why[1], "other options returned more per pound"));
  g_assert_false (r.o->kept_scenario);
  run_clear (&r);
}

static void
test_capacity (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = two_areas ();
  run r;
  /* 'good' can reach 60 a year: 60 in Y, then 'weak' takes the 400 left,
   * 40 people, in X first (the most excluded): 60 x 30 + 40 x 15 - 1,000. */
  g_assert_true (run_with (&r, two_yaml,
                           "optimiser:\n  reach_cost_rise: {value: 0, source: test}\n"
                           "  capacity: {good: {value: 60, source: test}}\n",
                           f, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (r.o->npsv, 1400, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.o->people[1], 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.o->people[2], 40, 1e-9); /* weak in X */
  g_assert_cmpfloat_with_epsilon (r.o->people[3], 0, 1e-12); /* weak in Y */
  g_assert_nonnull (strstr (r.o->why[0], "capacity (60 people a year)"));
  run_clear (&r);
}

/* One intervention over both areas, equal allocation (50 each), GBP 30 a
 * person at GBP 10, and the next person costing 10 (1 + u). */
static void
test_rising_cost (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = two_areas ();
  GString *text = g_string_new (two_yaml);
  g_string_truncate (text, strstr (text->str, "  - id: weak") - text->str);
  g_string_replace (text, "people: {2024: 50}", "people: {2024: 100}", 1);
  g_string_replace (text, "targeting: {areas: [Y]}", "targeting: all\n    allocation: equal", 1);
  run r;
  g_assert_true (run_with (&r, text->str,
                           "optimiser:\n  reach_cost_rise: {value: 1, source: test}\n", f, &error));
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  /* The scenario's split, 50 in X (cap 100) and 50 in Y (cap 300), scaled
   * by a to cost 1,000: 10 [50a (1 + a/4) + 50a (1 + a/12)] = 1,000, so
   * 166.67 a^2 + 1,000 a - 1,000 = 0, a = 0.872983; NPSV 30 x 100a - 1,000. */
  double alpha = (-1000 + sqrt (1e6 + 4 * (500.0 / 3) * 1000)) / (2 * 500.0 / 3);
  g_assert_cmpfloat_with_epsilon (r.o->base_npsv, 3000 * alpha - 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.o->iv_base_people[0], 100 * alpha, 1e-6);
  /* Optimised: both areas to the same share s of their caps (the same
   * marginal cost): 10 x 400 s (1 + s/2) = 1,000, 2 s^2 + 4 s - 1 = 0,
   * s = 0.224745; 100 s in X, 300 s in Y; NPSV 30 x 400 s - 1,000. */
  double s = (-4 + sqrt (24)) / 4;
  g_assert_cmpfloat_with_epsilon (r.o->people[0], 100 * s, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.o->people[1], 300 * s, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.o->npsv, 12000 * s - 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.o->marginal_cost[0], 10 * (1 + s), 1e-6);
  g_assert_cmpfloat (r.o->npsv, >, r.o->base_npsv);
  /* dxi's appraisal (no rising cost) is a different problem: 2,000. */
  g_assert_cmpfloat_with_epsilon (r.o->scenario_npsv, 2000, 1e-9);
  g_assert_nonnull (strstr (r.o->why[0], "funded until the next person cost GBP 12.25"));
  run_clear (&r);
}

static void
test_not_run_and_errors (void)
{
  g_autoptr (dxi_frame) f = two_areas ();
  run r;
  g_autoptr (GError) error = NULL;
  g_assert_true (run_with (&r, two_yaml, "", f, &error));
  g_assert_false (r.o->ran);
  g_autoptr (GString) out = g_string_new (NULL);
  dxi_optimum_summary (r.o, r.a, out);
  g_assert_nonnull (strstr (out->str, "optimiser: not run"));
  run_clear (&r);
  struct
  {
    const char *block, *message;
  } cases[] = {
    { "optimiser: {}\n", "scenario.yaml:26:12: the optimiser needs 'reach_cost_rise'" },
    { "optimiser:\n  reach_cost_rise: 1\n",
      "scenario.yaml:27:20: reach_cost_rise needs its source" },
    { "optimiser:\n  reach_cost_rise: {value: -1, source: t}\n",
      "scenario.yaml:27:28: reach_cost_rise must be from 0 to 100, found -1" },
    { "optimiser:\n  reach_cost_rise: {value: 1, source: t}\n  capacity: {goods: {value: 5, "
      "source: t}}\n",
      "scenario.yaml:28:14: capacity of 'goods': the scenario has no such intervention (its "
      "interventions: 'good', 'weak')" },
    { "optimiser:\n  reach_cost_rise: {value: 1, source: t}\n  cap: 3\n", "scenario.yaml:28:3:" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_error (&error);
      g_assert_false (run_with (&r, two_yaml, cases[i].block, f, &error));
      g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
      if (error && !g_str_has_prefix (error->message, cases[i].message))
        g_test_message ("case %u: '%s' is not '%s...'", i, error->message, cases[i].message);
      g_assert_true (error && g_str_has_prefix (error->message, cases[i].message));
      run_clear (&r);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/optimise/targeting-respected", test_targeting_respected);
  g_test_add_func ("/optimise/capacity", test_capacity);
  g_test_add_func ("/optimise/rising-reach-cost-same-problem", test_rising_cost);
  g_test_add_func ("/optimise/not-run-and-errors", test_not_run_and_errors);
  return g_test_run ();
}
