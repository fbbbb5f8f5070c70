/* Joint index + appraisal uncertainty, worked by hand: the index's draws
 * change which areas the top 50% are, so the targeted caps, the people
 * reached and the result change with them. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "appraisal/appraisal.h"
#include "core/error.h"
#include "core/ydoc.h"
#include "one-year.h"
#include "index/rank.h"

static const char lib_yaml[] =
    "streams:\n"
    "  gain: {label: Gain, kind: direct, recipient: individual, value_type: economic,\n"
    "         value: {value: 23, source: test}, lag_years: {value: 0, source: test},\n"
    "         confidence: {grade: A, source: test}, deadweight: &zero {value: 0, source: test},\n"
    "         displacement: *zero, leakage: *zero}\n";

/* 100 people in one year at GBP 10 each plus GBP 1,000 capital, no optimism
 * bias, the most excluded half of four areas (caps A 60, B 20, C 50, D 10). */
static const char sc_yaml[] = "name: joint\n"
                              ONE_YEAR_SCENARIO_HEAD
                              "  monte_carlo: {draws: 4, seed: 3}\n"
                              "interventions:\n"
                              "  - id: iv\n"
                              "    type: skills\n"
                              "    cost_per_person: {value: 10, source: test}\n"
                              "    success_rate: {value: 1, source: test}\n"
                              "    fixed_costs: [{year: 2024, capital: 1000}]\n"
                              "    people: {2024: 100}\n"
                              "    targeting: {top_percent: 50}\n"
                              "    benefits: [gain]\n";

static dxi_frame *
four_areas (void)
{
  dxi_frame *f = dxi_frame_new ("test");
  const char *codes[] = { "A", "B", "C", "D" };
  double cap[] = { 60, 20, 50, 10 };
  guint cr = dxi_frame_add_column (f, "index_rank"), cd = dxi_frame_add_column (f, "index_decile");
  guint ce = dxi_frame_add_column (f, "excluded_adults"), cp = dxi_frame_add_column (f, "population");
  for (guint i = 0; i < 4; i++)
    {
      guint r = dxi_frame_add_row (f, codes[i], codes[i]);
      dxi_frame_set (f, r, cr, i + 1);
      dxi_frame_set (f, r, cd, dxi_rank_decile (i + 1, 4));
      dxi_frame_set (f, r, ce, cap[i]);
      dxi_frame_set (f, r, cp, 1000);
    }
  return f;
}

static dxi_scenario *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) lib = dxi_ydoc_load_string ("benefits.yaml", lib_yaml, -1, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", text, -1, &error);
  dxi_scenario *sc = doc ? dxi_scenario_from_yaml (doc, lib, &error) : NULL;
  g_assert_no_error (error);
  return sc;
}

/* Four index draws: the nominal order, A and C on top, B and C on top, the
 * nominal order again. */
static const guint32 ranks[] = { 1, 2, 3, 4, 1, 3, 2, 4, 3, 1, 2, 4, 1, 2, 3, 4 };

static void
test_targeting_changes_the_result (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_scenario) sc = load (sc_yaml);
  g_autoptr (dxi_frame) f = four_areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, -1, &error);
  g_assert_no_error (error);
  /* Nominal: A and B hold 80 of the 100; NPSV = 80 x 23 - (1,000 + 80 x 10) = 40. */
  g_assert_cmpfloat_with_epsilon (a->npsv, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->npsv_p5, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->p_bcr_above_1, 1, 1e-12);
  dxi_appraise_joint (a, ranks, 4);
  g_assert_cmpuint (a->index_draws, ==, 4);
  /* By hand: A+C hold 110, so all 100 are reached: 2,300 - 2,000 = 300;
   * B+C hold 70: 1,610 - 1,700 = -90 (BCR 0.947).  Draws: 40, 300, -90, 40. */
  g_assert_cmpfloat_with_epsilon (a->joint.npsv_mean, (40 + 300 - 90 + 40) / 4.0, 1e-9);
  /* Sorted -90, 40, 40, 300; P5 at 0.15 of the first gap, P95 at 0.85 of the last. */
  g_assert_cmpfloat_with_epsilon (a->joint.npsv_p5, -90 + 0.15 * 130, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->joint.npsv_p95, 40 + 0.85 * 260, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->joint.p_bcr_above_1, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->joint.bcr_p50, (1840.0 / 1800 + 1840.0 / 1800) / 2, 1e-12);
  /* How sure the targeting is: A in 3 draws of 4, B 3, C 2, D never. */
  double want[] = { 0.75, 0.75, 0.5, 0 };
  for (guint r = 0; r < 4; r++)
    {
      g_assert_cmpfloat_with_epsilon (a->iv_p_targeted[r], want[r], 1e-12);
      g_assert_cmpfloat_with_epsilon (a->area_p_targeted[r], want[r], 1e-12);
    }
  g_assert_cmpuint (a->iv_targets_vary[0], ==, 3);
  /* The nominal figures are untouched. */
  g_assert_cmpfloat_with_epsilon (a->npsv_p95, 40, 1e-9);
}

/* With a distribution on the value: the joint run is reproducible, and with
 * every index draw at the nominal ranks it equals the parameter-only run
 * (the same parameter draws). */
static void
test_seeded (void)
{
  g_autoptr (GString) text = g_string_new (sc_yaml);
  g_string_replace (text, "draws: 4", "draws: 500", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) libtext = g_string_new (lib_yaml);
  g_string_replace (libtext, "value: {value: 23, source: test}",
                    "value: {value: 23, source: test, distribution: {type: triangular, low: -50%, high: +50%}}", 1);
  g_autoptr (dxi_ydoc) lib2 = dxi_ydoc_load_string ("benefits.yaml", libtext->str, -1, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", text->str, -1, &error);
  g_autoptr (dxi_scenario) sc = dxi_scenario_from_yaml (doc, lib2, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) f = four_areas ();
  g_autoptr (dxi_appraisal) a = dxi_appraise (sc, f, -1, &error);
  g_autoptr (dxi_appraisal) b = dxi_appraise (sc, f, -1, &error);
  g_assert_no_error (error);
  static const guint32 nominal[] = { 1, 2, 3, 4 };
  dxi_appraise_joint (a, nominal, 1);
  g_assert_cmpfloat (a->joint.npsv_p5, ==, a->npsv_p5);
  g_assert_cmpfloat (a->joint.npsv_p95, ==, a->npsv_p95);
  g_assert_cmpfloat (a->joint.p_bcr_above_1, ==, a->p_bcr_above_1);
  g_assert_cmpfloat (a->npsv_p5, <, a->npsv_p95);
  dxi_appraise_joint (b, ranks, 4);
  g_autoptr (dxi_appraisal) c = dxi_appraise (sc, f, -1, &error);
  dxi_appraise_joint (c, ranks, 4);
  g_assert_cmpfloat (b->joint.npsv_mean, ==, c->joint.npsv_mean);
  g_assert_cmpfloat (b->joint.npsv_p95, ==, c->joint.npsv_p95);
  /* The index's uncertainty widens the interval here. */
  g_assert_cmpfloat (b->joint.npsv_p95 - b->joint.npsv_p5, >, a->npsv_p95 - a->npsv_p5);
}

/* Every benefit parameter can carry a distribution whose range has its own
 * source, kept beside the value's. */
static void
test_sourced_ranges (void)
{
  static const char lib[] =
      "streams:\n"
      "  gain: {label: Gain, kind: direct, recipient: individual, value_type: economic, persistence: 3,\n"
      "         value: {value: 23, source: v, distribution: {type: triangular, low: -50%, high: +50%, source: r1}},\n"
      "         drop_off: {value: 0.2, source: v, distribution: {type: uniform, min: 0.1, max: 0.3, source: r2}},\n"
      "         lag_years: {value: 0, source: test}, confidence: {grade: A, source: test},\n"
      "         deadweight: {value: 0.1, source: v, distribution: {type: pert, min: 0, max: 0.3, source: r3}},\n"
      "         displacement: {value: 0.1, source: v, distribution: {type: normal, sd: 0.02, source: r4}},\n"
      "         leakage: {value: 0.1, source: v, distribution: {type: lognormal, sd: 10%, source: r5}}}\n";
  g_autoptr (GString) text = g_string_new (sc_yaml);
  g_string_replace (text, "A: {value: 0, source: test}",
                    "A: {value: 0.1, source: v, distribution: {type: uniform, min: 0, max: 0.2, source: r6}}", 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) l = dxi_ydoc_load_string ("benefits.yaml", lib, -1, NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", text->str, -1, &error);
  g_autoptr (dxi_scenario) sc = dxi_scenario_from_yaml (doc, l, &error);
  g_assert_no_error (error);
  const dxi_stream *st = sc->streams->pdata[0];
  guint params[] = { st->value, st->drop_off, st->deadweight, st->displacement, st->leakage, st->optimism };
  const char *want[] = { "v; range (triangular): r1", "v; range (uniform): r2", "v; range (pert): r3",
                         "v; range (normal): r4", "v; range (lognormal): r5", "v; range (uniform): r6" };
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      const dxi_param *p = sc->params->pdata[params[i]];
      g_assert_cmpint (p->dist, !=, DXI_DIST_NONE);
      g_assert_cmpstr (p->source, ==, want[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/joint/index-draws-change-the-targeting-and-the-result", test_targeting_changes_the_result);
  g_test_add_func ("/joint/seeded-and-the-same-parameter-draws", test_seeded);
  g_test_add_func ("/joint/every-benefit-parameter-takes-a-sourced-range", test_sourced_ranges);
  return g_test_run ();
}
