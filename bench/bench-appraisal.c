/* Benchmark of the appraisal: 8,000 areas x 3 interventions x 6 benefit
 * streams x 10 years, 10,000 Monte Carlo draws, switching values and the
 * tornado for every input.  The areas and values are SYNTHETIC, generated
 * here; they measure speed, not anything about real places. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "appraisal/appraisal.h"
#include "core/ydoc.h"

#define N_AREAS 8000

int
main (int argc, char **argv)
{
  guint draws = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  GString *lib = g_string_new ("streams:\n");
  for (int s = 0; s < 6; s++)
    g_string_append_printf (lib,
                            "  s%d: {label: stream %d, kind: %s, recipient: %s, value_type: %s, persistence: 3,\n"
                            "       value: {value: %d, source: SYNTHETIC, distribution: {type: triangular, min: %d, mode: %d, max: %d}},\n"
                            "       lag_years: {value: %d, source: SYNTHETIC}, confidence: {grade: %d, source: SYNTHETIC},\n"
                            "       drop_off: {value: 0.2, source: SYNTHETIC}, deadweight: {value: 0.1, source: SYNTHETIC},\n"
                            "       displacement: {value: 0.1, source: SYNTHETIC}, leakage: {value: 0.05, source: SYNTHETIC}}\n",
                            s, s, s % 2 ? "direct" : "indirect", s % 3 ? "individual" : "council",
                            s % 3 ? "economic" : "fiscal", 50 + 10 * s, 40 + 10 * s, 50 + 10 * s, 80 + 10 * s, s % 2,
                            1 + s % 3);
  GString *sc = g_string_new ("name: bench\nstudy: none.yaml\nbenefits: lib.yaml\nappraisal:\n  price_base_year: 2024\n"
                              "  first_year: 2025\n  horizon_years: 10\n"
                              "  optimism_bias: {value: 0.2, source: SYNTHETIC, distribution: {type: uniform, min: 0.1, max: 0.4}}\n"
                              "  benefit_optimism_bias: {1: {value: 0, source: SYNTHETIC}, 2: {value: 0.1, source: SYNTHETIC},\n"
                              "                          3: {value: 0.2, source: SYNTHETIC}}\n"
                              "  monte_carlo: {draws: 10000, seed: 1}\ninterventions:\n");
  const char *types[] = { "champions", "devices", "skills" };
  for (int i = 0; i < 3; i++)
    g_string_append_printf (sc,
                            "  - id: iv%d\n    type: %s\n"
                            "    cost_per_person: {value: %d, source: SYNTHETIC, distribution: {type: pert, min: %d, mode: %d, max: %d}}\n"
                            "    success_rate: {value: 0.6, source: SYNTHETIC, distribution: {type: normal, mean: 0.6, sd: 0.05}}\n"
                            "    budget: {2025: 500000, 2026: 500000, 2027: 500000}\n"
                            "    targeting: {top_percent: %d}\n"
                            "    benefits: [s0, s1, s2, s3, s4, s5]\n",
                            i, types[i], 100 + 50 * i, 80 + 50 * i, 100 + 50 * i, 160 + 50 * i, 30 + 20 * i);
  dxi_ydoc *ldoc = dxi_ydoc_load_string ("lib.yaml", lib->str, -1, NULL);
  dxi_ydoc *sdoc = dxi_ydoc_load_string ("bench.yaml", sc->str, -1, NULL);
  GError *error = NULL;
  dxi_scenario *scenario = dxi_scenario_from_yaml (sdoc, ldoc, &error);
  if (scenario == NULL)
    {
      fprintf (stderr, "bench-appraisal: %s\n", error->message);
      return 1;
    }
  dxi_frame *areas = dxi_frame_new ("SYNTHETIC");
  guint cr = dxi_frame_add_column (areas, "index_rank"), cd = dxi_frame_add_column (areas, "index_decile");
  guint ce = dxi_frame_add_column (areas, "excluded_adults"), cp = dxi_frame_add_column (areas, "population");
  GRand *rng = g_rand_new_with_seed (42);
  for (guint a = 0; a < N_AREAS; a++)
    {
      char code[16];
      g_snprintf (code, sizeof code, "S%06u", a);
      guint r = dxi_frame_add_row (areas, code, code);
      dxi_frame_set (areas, r, cr, a + 1);
      dxi_frame_set (areas, r, cd, 1 + (10 * a) / N_AREAS);
      dxi_frame_set (areas, r, ce, g_rand_double_range (rng, 50, 400));
      dxi_frame_set (areas, r, cp, g_rand_double_range (rng, 1000, 3000));
    }
  gint64 t0 = g_get_monotonic_time ();
  dxi_appraisal *result = dxi_appraise (scenario, areas, draws, &error);
  double secs = (g_get_monotonic_time () - t0) / 1e6;
  if (result == NULL)
    {
      fprintf (stderr, "bench-appraisal: %s\n", error->message);
      return 1;
    }
  printf ("bench-appraisal: SYNTHETIC data, %u areas x 3 interventions x 6 streams x 10 years, %u draws, "
          "switching values and tornado for %u inputs\n  dxi_appraise: %.3f s (NPSV P50 %.0f)\n",
          N_AREAS, draws, result->n_params, secs, result->npsv_p50);
  dxi_appraisal_free (result);
  dxi_scenario_free (scenario);
  dxi_frame_free (areas);
  dxi_ydoc_free (ldoc);
  dxi_ydoc_free (sdoc);
  g_rand_free (rng);
  g_string_free (lib, TRUE);
  g_string_free (sc, TRUE);
  return 0;
}
