/* Roll-up rules through every lookup kind, on tests/fixtures/rollup/ where
 * each weight matters.  Every expected figure is worked by hand below from
 * the fixture's rows, not taken from dxi's output.
 *
 * The fixture (see study.yaml there):
 *   targets W1, W2; LSOA21-like A-E (Z reaches W9, not a target):
 *     people        A 100, B 300, C 100, D 200, E 200
 *     households    A  40, B 100, C  50, D  80, E 100
 *     aged 75+      A  10, B  30, C  20, D  40, E  10
 *     l21 -> ward (csv, weights): A W1 1, B W1 1, C W1 0.5 + W2 0.5, D W2 1, E W2 1
 *   LSOA11-like P-T (Y reaches Z) through the crosswalk:
 *     P U A;  Q S B, C;  R M D;  S M D;  T X D, E
 *     Q splits by the population of its parts: B 300/400, C 100/400;
 *     T by D 200/400, E 200/400; P, R, S carry whole.
 *   old wards O1 (150 m: 100 m in W1, 50 m in W2), O2 (50 m in W2). */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "built.h"

static built *
build (void)
{
  return build_study ("study.yaml");
}

static void
test_counts_and_rates (void)
{
  built *b = build ();
  /* Sum of counts through the csv weights: W1 = A + B + C/2 = 100 + 300 + 50,
   * W2 = C/2 + D + E = 50 + 200 + 200. */
  assert_value (b, "W1", "population", 450);
  assert_value (b, "W2", "population", 450);
  /* Households: W1 40 + 100 + 25, W2 25 + 80 + 100. */
  assert_value (b, "W1", "households", 165);
  assert_value (b, "W2", "households", 205);
  /* A rate recomputed from the summed numerator and denominator:
   * W1 75+ = 10 + 30 + 20/2 = 50 of 450; W2 = 20/2 + 40 + 10 = 60 of 450. */
  assert_value (b, "W1", "old_75_num", 50);
  assert_value (b, "W1", "old_75", 100.0 * 50 / 450);
  assert_value (b, "W2", "old_75_num", 60);
  assert_value (b, "W2", "old_75", 100.0 * 60 / 450);
  /* Counts through the crosswalk chain, weight of each LSOA11 in a ward the
   * product of its crosswalk and ward weights: P -> W1 1; Q -> W1 3/4 + 1/4 *
   * 1/2 = 7/8, W2 1/8; R, S, T -> W2 1.
   * Income numerator W1 = 8 + 16 * 7/8 = 22, denominator 80 + 160 * 7/8 = 220;
   * W2 numerator = 16/8 + 4 + 6 + 20 = 32, denominator 20 + 40 + 60 + 100 = 220. */
  assert_value (b, "W1", "inc_rate_num", 22);
  assert_value (b, "W1", "inc_rate_den", 220);
  assert_value (b, "W1", "inc_rate", 10);
  assert_value (b, "W2", "inc_rate_num", 32);
  assert_value (b, "W2", "inc_rate", 100.0 * 32 / 220);
  /* Direct: the ward table's own rows, W1 3/30, W2 9/30. */
  assert_value (b, "W1", "direct_rate", 10);
  assert_value (b, "W2", "direct_rate", 30);
  /* Through the overlap, counts shared by area: O1 gives 2/3 to W1 and 1/3
   * to W2.  W1 = 30 * 2/3 over 90 * 2/3 = 20/60; W2 = (10 + 15)/(30 + 30). */
  assert_value (b, "W1", "old_rate_num", 20);
  assert_value (b, "W1", "old_rate", 100.0 * 20 / 60);
  assert_value (b, "W2", "old_rate_num", 25);
  assert_value (b, "W2", "old_rate", 100.0 * 25 / 60);
  built_free (b);
}

/* The population (households) each LSOA11 holds in each ward, measured at the
 * LSOA21s it becomes, each LSOA21 shared among the LSOA11s it comes from:
 *   inflow A 1 (P), B 3/4 (Q), C 1/4 (Q), D 1 + 1 + 1/2 (R, S, T), E 1/2 (T)
 *   share of each part held: P-A 1, Q-B 1, Q-C 1, R-D 0.4, S-D 0.4, T-D 0.2, T-E 1
 *   people held:  P: W1 100;  Q: W1 300 + 100/2 = 350, W2 50;  R: W2 80;
 *                 S: W2 80;  T: W2 40 + 200 = 240          (sums 450 and 450)
 *   households:   P: W1 40;  Q: W1 100 + 25 = 125, W2 25;  R: W2 32;
 *                 S: W2 32;  T: W2 16 + 100 = 116           (165 and 205)
 * A split LSOA11 weighs the 2021 population of its parts (Q: 400), not
 * sum p^2 / sum p (250), which counts the population share twice. */
static void
test_weighted_means (void)
{
  built *b = build ();
  /* IMD scores P 10, Q 20, R 30, S 40, T 50, by population:
   * W1 (10 * 100 + 20 * 350) / 450; W2 (20 * 50 + 30 * 80 + 40 * 80 + 50 * 240) / 450. */
  assert_value (b, "W1", "imd", 8000.0 / 450);
  assert_value (b, "W2", "imd", 18600.0 / 450);
  /* By households: W1 (10 * 40 + 20 * 125) / 165; W2 (20 * 25 + 30 * 32 + 40 * 32 + 50 * 116) / 205. */
  assert_value (b, "W1", "imd_hh", 2900.0 / 165);
  assert_value (b, "W2", "imd_hh", 8540.0 / 205);
  /* Population-weighted at the sources' own geography, through csv weights:
   * speeds A 10, B 20, C 30 in W1: (10 * 100 + 20 * 300 + 30 * 50) / 450. */
  assert_value (b, "W1", "speed", 8500.0 / 450);
  /* By area of overlap: W1 all O1 (30); W2 half O1, half O2: (30 + 60) / 2. */
  assert_value (b, "W1", "old_speed", 30);
  assert_value (b, "W2", "old_speed", 45);
  /* Direct: the ward's own value. */
  assert_value (b, "W1", "direct_score", 5);
  assert_value (b, "W2", "direct_score", 7);
  built_free (b);
}

/* IoD summaries from ranks P 1000, Q 3000, R 5000, S 8000, T 20000 of 32,844,
 * weighted by the people held (above). */
static void
test_iod_summaries (void)
{
  built *b = build ();
  /* Average rank: W1 (1000 * 100 + 3000 * 350) / 450;
   * W2 (3000 * 50 + 5000 * 80 + 8000 * 80 + 20000 * 240) / 450. */
  assert_value (b, "W1", "imd_rank", 1150000.0 / 450);
  assert_value (b, "W2", "imd_rank", 5990000.0 / 450);
  /* Extent: P and Q are in the most deprived 10% (count fully); R and S on the
   * sliding scale (0.30 - rank/32844) / 0.20; T beyond 30%.
   * W1 100%; W2 100 * (50 + 80 * e(5000) + 80 * e(8000)) / 450. */
  double e5 = (0.30 - 5000.0 / 32844) / 0.20, e8 = (0.30 - 8000.0 / 32844) / 0.20;
  assert_value (b, "W1", "imd_extent", 100);
  assert_value (b, "W2", "imd_extent", 100 * (50 + 80 * e5 + 80 * e8) / 450);
  /* Local concentration: the most deprived LSOAs holding 10% of the people
   * (45): W1 P alone (100 people, rank 1000); W2 Q holds 50 of its 450, so
   * rank 3000 (with the doubled-share weights Q held 31.25 of 631.25 and R
   * was needed too). */
  assert_value (b, "W1", "imd_lc", 1000);
  assert_value (b, "W2", "imd_lc", 3000);
  /* Share of LSOAs in the most deprived 10% (rank <= 3284.4): W1 P, Q of 2;
   * W2 Q of Q, R, S, T. */
  assert_value (b, "W1", "imd_top10", 100);
  assert_value (b, "W2", "imd_top10", 25);
  built_free (b);
}

/* The speed table has no row for E, which holds 200 of W2's 450 people. */
static void
test_min_coverage (void)
{
  built *b = build ();
  /* W1 is whole; W2 has data for 250 / 450 = 55.6% of its population: below
   * the default min_coverage 0.9, so missing, not averaged from C and D. */
  assert_value (b, "W1", "slow", 100.0 * (5 + 10 + 20.0 / 2) / (50 + 100 + 40.0 / 2));
  g_assert_true (isnan (value (b, "W2", "speed")));
  g_assert_true (isnan (value (b, "W2", "slow")));
  /* With min_coverage 0.5 (the dataset's own key): speed (30 * 50 + 40 * 200)
   * / 250; slow (20/2 + 8) / (40/2 + 80). */
  assert_value (b, "W2", "speed_loose", 9500.0 / 250);
  assert_value (b, "W2", "slow_loose", 100.0 * 18 / 100);
  /* A count is missing where a source code has no row, whatever the
   * threshold; W1 = 50 + 100 + 40/2. */
  assert_value (b, "W1", "adults", 170);
  g_assert_true (isnan (value (b, "W2", "adults")));
  /* Reported: the code without a row and each area's share with data. */
  g_assert_nonnull (strstr (b->coverage->str, "have no row (E)"));
  g_assert_nonnull (strstr (b->coverage->str, "East (W2) 55.6%"));
  g_assert_nonnull (strstr (b->coverage->str, "indicator 'speed': 1 area(s)"));
  g_assert_null (strstr (b->coverage->str, "indicator 'speed_loose':"));
  built_free (b);
}

/* The population reconciliation compares the areas with the source rows that
 * reach them (A-E, 900), not the whole table (with Z, 1,900). */
static void
test_population_reconciliation (void)
{
  built *b = build ();
  g_assert_nonnull (strstr (b->coverage->str, "population of the source areas 900 (5 of the 6 rows"));
  g_assert_nonnull (strstr (b->coverage->str, "of the target areas 900 (100.00%)"));
  for (guint i = 0; i < b->warnings->len; i++)
    g_assert_null (strstr (b->warnings->pdata[i], "population of the areas"));
  built_free (b);
}

/* Apportioned through parts (apportion.yaml): A W1 0.6 W2 0.4; B W1 1;
 * C W1 0.3 W2 0.7 (c1 whole to its largest share, W1) or W1 0.21 W2 0.79
 * (shared); D W2 0.75 (a quarter of its parts' people lie elsewhere); E W2 1. */
static void
test_apportion (void)
{
  built *b = build_study ("apportion.yaml");
  /* People: W1 100 * 0.6 + 300 + 100 * 0.3 = 390; W2 40 + 70 + 200 * 0.75 + 200 = 460. */
  assert_value (b, "W1", "population", 390);
  assert_value (b, "W2", "population", 460);
  /* Households: W1 40 * 0.6 + 100 + 50 * 0.3 = 139; W2 16 + 35 + 60 + 100 = 211. */
  assert_value (b, "W1", "households", 139);
  assert_value (b, "W2", "households", 211);
  /* Shared (adults from census_shared): W1 60 + 300 + 21 = 381; W2 40 + 79 + 150 + 200 = 469. */
  assert_value (b, "W1", "adults", 381);
  assert_value (b, "W2", "adults", 469);
  /* 75+: W1 6 + 30 + 6 = 42 of 390; W2 4 + 14 + 30 + 10 = 58 of 460. */
  assert_value (b, "W1", "old_75", 100.0 * 42 / 390);
  assert_value (b, "W2", "old_75", 100.0 * 58 / 460);
  /* IMD through the crosswalk then the apportioning, by the people each
   * LSOA11 holds in each ward: P (A) W1 60, W2 40; Q (B and C whole) W1 300
   * + 30, W2 70; R, S 0.4 of D's 150 in W2 each (60); T 0.2 of it (30) + E 200.
   * W1 (10 * 60 + 20 * 330) / 390; W2 (10 * 40 + 20 * 70 + 30 * 60 + 40 * 60 + 50 * 230) / 460. */
  assert_value (b, "W1", "imd", 7200.0 / 390);
  assert_value (b, "W2", "imd", 17500.0 / 460);
  /* Income counts: each LSOA11's weight the crosswalk's times the apportioning's:
   * P W1 0.6 W2 0.4; Q W1 3/4 + 1/4 * 0.3 = 0.825, W2 0.175; R, S W2 0.75; T W2 0.375 + 0.5.
   * W1 (8 * 0.6 + 16 * 0.825) / (80 * 0.6 + 160 * 0.825) = 18 / 180;
   * W2 (3.2 + 2.8 + 3 + 4.5 + 17.5) / (32 + 28 + 30 + 45 + 87.5) = 31 / 222.5. */
  assert_value (b, "W1", "inc_rate", 10);
  assert_value (b, "W2", "inc_rate", 100.0 * 31 / 222.5);
  /* The coverage report: the method, and what a best fit (A, B to W1; C, D,
   * E to W2: 400 and 500 people) would give instead. */
  g_assert_nonnull (strstr (b->coverage->str, "joined apportioning "));
  g_assert_nonnull (strstr (b->coverage->str, "each whole to its largest share: 3 of 6 sources split"));
  g_assert_nonnull (strstr (b->coverage->str, "lookups 'l21', 'l21_shared' share each source among the areas"));
  g_assert_nonnull (strstr (b->coverage->str, "West (W1): population 390 against 400 (-10, -2.5%)"));
  g_assert_nonnull (strstr (b->coverage->str, "East (W2): population 460 against 500 (-40, -8.0%)"));
  /* Best-fit IMD: W2 holds C, D, E whole: (20 * 100 + (30 + 40) * 0.4 * 200 + 50 * (0.2 * 200 + 200)) / 500 = 39.2. */
  g_assert_nonnull (strstr (b->coverage->str, "imd: East (W2) 38.0435 against 39.2 (-1.157)"));
  built_free (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/rollup/counts-and-rates", test_counts_and_rates);
  g_test_add_func ("/rollup/weighted-means", test_weighted_means);
  g_test_add_func ("/rollup/iod-summaries", test_iod_summaries);
  g_test_add_func ("/rollup/min-coverage", test_min_coverage);
  g_test_add_func ("/rollup/population-reconciliation", test_population_reconciliation);
  g_test_add_func ("/rollup/apportion", test_apportion);
  return g_test_run ();
}
