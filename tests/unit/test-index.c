/* The exclusion index: normalisation, treatment, weights, aggregation, ranks,
 * missing values and diagnostics, against hand-worked examples. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "index/scorer.h"
#include "index/diagnostics.h"
#include "index/index.h"
#include "index/normalise.h"
#include "index/rank.h"
#include "index/treat.h"

#define EPS 1e-9

/* Settings with no uncertainty analysis: the deterministic part only. */
static void
settings_plain (dxi_index_settings *s)
{
  dxi_index_settings_init (s);
  s->draws = 0;
}

static dxi_index_result *
compute (const double *values, guint n, const dxi_index_indicator *ind, guint k, const dxi_index_settings *s)
{
  g_autoptr (GError) error = NULL;
  dxi_index_result *r = dxi_index_compute (values, n, ind, k, NULL, NULL, NULL, 0, s, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* Min-max 0-10 of a "higher is better" indicator (e.g. % with gigabit):
 * x = 10, 20, 40 reversed: (40 - x) / 30 * 10 = 10, 6.667, 0. */
static void
test_minmax_reversed (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  const double v[] = { 10, 20, 40 };
  dxi_index_indicator ind[] = { { "gigabit", NULL, "Broadband", -1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 3, ind, 1, &s);
  g_assert_cmpfloat_with_epsilon (r->normalised[0], 10.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[1], 20.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[2], 0.0, EPS);
  g_assert_cmpuint (r->rank[0], ==, 1);
  g_assert_cmpuint (r->rank[2], ==, 3);
  dxi_index_settings_clear (&s);
}

/* z-score of 2 4 4 4 5 5 7 9: mean 5, sample sd sqrt(32 / 7) = 2.13809;
 * z(9) = 4 / 2.13809 = 1.870829, z(2) = -1.403122. */
static void
test_zscore (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  s.normalisation = DXI_NORM_ZSCORE;
  const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  dxi_index_indicator ind[] = { { "x", NULL, NULL, 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 8, ind, 1, &s);
  g_assert_cmpfloat_with_epsilon (r->normalised[7], 4.0 / sqrt (32.0 / 7.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (r->normalised[0], -3.0 / sqrt (32.0 / 7.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (r->score[7], 1.870829, 1e-6);
  dxi_index_settings_clear (&s);
}

/* Rank and percentile of 10 20 20 40: mid-ranks 1, 2.5, 2.5, 4; percentile
 * 100 (r - 1) / 3 = 0, 50, 50, 100. */
static void
test_rank_percentile (void)
{
  dxi_normalise_ref ref;
  const double v[] = { 10, 20, 20, 40 };
  double out[4];
  dxi_normalise_ref_init (&ref, v, 4);
  dxi_normalise (DXI_NORM_RANK, &ref, 0, 10, v, 4, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (out[1], 2.5, EPS);
  g_assert_cmpfloat_with_epsilon (out[3], 4.0, EPS);
  dxi_normalise (DXI_NORM_PERCENTILE, &ref, 0, 10, v, 4, out);
  g_assert_cmpfloat_with_epsilon (out[1], 50.0, EPS);
  g_assert_cmpfloat_with_epsilon (out[3], 100.0, EPS);
  /* A value outside a reference of 4: half-way ranks 0.5 and 4.5. */
  g_assert_cmpfloat_with_epsilon (dxi_normalise_ref_rank (&ref, 5), 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (dxi_normalise_ref_rank (&ref, 50), 4.5, EPS);
  dxi_normalise_ref_clear (&ref);
}

/* IoD 2019 technical report: X = -23 ln(1 - R (1 - e^(-100/23))).
 * R = 1: -23 ln(e^(-100/23)) = 100.  R = 0.5: e^(-100/23) = 0.0129358, so
 * X = -23 ln(1 - 0.5 x 0.9870642) = -23 ln(0.5064679) = 15.64679.
 * R = 0.1: -23 ln(0.9012936) = 2.390260. */
static void
test_iod_transform (void)
{
  g_assert_cmpfloat_with_epsilon (dxi_normalise_iod_exp (1.0), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dxi_normalise_iod_exp (0.5), 15.64679, 1e-5);
  g_assert_cmpfloat_with_epsilon (dxi_normalise_iod_exp (0.1), 2.390260, 1e-6);
  g_assert_cmpfloat_with_epsilon (dxi_normalise_iod_exp (0.0), 0.0, 1e-12);
  /* Through the index: four areas, ranks 1..4 -> R = 0.25 .. 1. */
  dxi_index_settings s;
  settings_plain (&s);
  dxi_index_settings_apply_preset (&s, DXI_INDEX_PRESET_IOD);
  const double v[] = { 3, 1, 4, 2 };
  dxi_index_indicator ind[] = { { "x", NULL, "Income", 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 4, ind, 1, &s);
  g_assert_cmpfloat_with_epsilon (r->normalised[2], 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->normalised[3], dxi_normalise_iod_exp (0.5), 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[2], 100.0, 1e-9);
  dxi_index_settings_clear (&s);
}

/* Weighted geometric mean: (1^0.5 4^0.25 16^0.25) = 2 sqrt 2; with a zero,
 * values shift by c = -0 + 0.1 x (10 - 0) = 1: sqrt(1 x 11) - 1. */
static void
test_geometric (void)
{
  const double x[] = { 1, 4, 16 }, w[] = { 0.5, 0.25, 0.25 };
  g_assert_cmpfloat_with_epsilon (dxi_scorer_geometric_mean (x, w, 3, 0), 2 * sqrt (2.0), 1e-12);
  const double z[] = { 0, 10 }, wz[] = { 0.5, 0.5 };
  double c = dxi_scorer_geometric_shift (z, 2, 0.1);
  g_assert_cmpfloat_with_epsilon (c, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (dxi_scorer_geometric_mean (z, wz, 2, c), sqrt (11.0) - 1, 1e-12);

  /* Min-max to [1, 10] (no zeros): A = 0 5 10 -> 1 5.5 10, B = 10 0 5 ->
   * 10 1 5.5; geometric means sqrt(10) = 3.1623, sqrt(5.5) = 2.3452,
   * sqrt(55) = 7.4162. */
  dxi_index_settings s;
  settings_plain (&s);
  s.range_lo = 1;
  s.aggregation = s.domain_aggregation = DXI_AGG_GEOMETRIC;
  const double v[] = { 0, 5, 10, 10, 0, 5 };
  dxi_index_indicator ind[] = { { "a", NULL, "D", 1, 1 }, { "b", NULL, "D", 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 3, ind, 2, &s);
  g_assert_cmpfloat_with_epsilon (r->score[0], sqrt (10.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[1], sqrt (5.5), 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[2], sqrt (55.0), 1e-9);
  g_assert_cmpuint (r->rank[2], ==, 1);
  g_assert_cmpuint (r->rank[1], ==, 3);
  dxi_index_settings_clear (&s);
}

/* COINr's example x = 1..10, 30, 100: skew 3.063, kurtosis 9.741 (Excel
 * SKEW / KURT) fail; winsorising 100 -> 30 gives skew 1.712, kurtosis 1.816:
 * one point.  Longer sequence 1..20, 40, 60, 90, 150 (skew 2.918, kurt
 * 9.059): 150 -> 90 (skew 2.162, kurt 3.920, still failing), then both 90s
 * -> 60 (skew 1.6807, kurt 1.7659): two points, capped at 60. */
static void
test_winsorisation (void)
{
  double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100 };
  g_assert_cmpfloat_with_epsilon (dxi_treat_skewness (x, 12), 3.063241, 1e-6);
  g_assert_cmpfloat_with_epsilon (dxi_treat_kurtosis (x, 12), 9.741391, 1e-6);
  dxi_treatment t;
  dxi_treatment_find (x, 12, 5, 2, 3.5, &t);
  g_assert_cmpint (t.kind, ==, DXI_TREAT_WINSORISED);
  g_assert_cmpuint (t.n_winsorised, ==, 1);
  g_assert_cmpfloat (t.cap_hi, ==, 30);
  g_assert_cmpfloat_with_epsilon (t.skew_after, 1.712038, 1e-6);
  g_assert_true (t.passes);

  double y[24];
  for (guint i = 0; i < 20; i++)
    y[i] = i + 1;
  y[20] = 40, y[21] = 60, y[22] = 90, y[23] = 150;
  dxi_treatment_find (y, 24, 5, 2, 3.5, &t);
  g_assert_cmpint (t.kind, ==, DXI_TREAT_WINSORISED);
  g_assert_cmpuint (t.n_winsorised, ==, 2);
  g_assert_cmpfloat (t.cap_hi, ==, 60);
  g_assert_cmpfloat_with_epsilon (t.skew_after, 1.680658, 1e-5);
  g_assert_cmpfloat_with_epsilon (t.kurt_after, 1.765900, 1e-4);
  double out[24];
  dxi_treatment_apply (&t, y, 24, out);
  g_assert_cmpfloat (out[23], ==, 60);
  g_assert_cmpfloat (out[20], ==, 40);

  /* A heavy block of 8 high values: five points are not enough, so the
   * original values are log transformed, ln(x - 1 + 0.01 x 106):
   * skew 1.993, kurt 2.856 after. */
  double z[68];
  for (guint i = 0; i < 60; i++)
    z[i] = 1 + i % 3;
  for (guint i = 0; i < 8; i++)
    z[60 + i] = 100 + i;
  dxi_treatment_find (z, 68, 5, 2, 3.5, &t);
  g_assert_cmpint (t.kind, ==, DXI_TREAT_LOG);
  g_assert_true (t.passes);
  g_assert_cmpfloat_with_epsilon (t.skew_after, 1.993147, 1e-5);
  g_assert_cmpfloat_with_epsilon (t.kurt_after, 2.856330, 1e-5);

  /* Through the index: the jrc preset reports what it did. */
  dxi_index_settings s;
  settings_plain (&s);
  dxi_index_settings_apply_preset (&s, DXI_INDEX_PRESET_JRC);
  dxi_index_indicator ind[] = { { "x", NULL, NULL, 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (x, 12, ind, 1, &s);
  g_assert_cmpint (r->treatment[0].kind, ==, DXI_TREAT_WINSORISED);
  /* 30 and 100 are both at the cap: both get the top of 0-100. */
  g_assert_cmpfloat_with_epsilon (r->normalised[10], 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[11], 100.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[1], 100.0 / 29.0, 1e-9);
  g_assert_cmpuint (r->rank[10], ==, 1);
  g_assert_cmpuint (r->rank[11], ==, 1);
  dxi_index_settings_clear (&s);
}

/* Three items, five respondents (the worked table of askan.ai's "how is
 * Cronbach alpha calculated"), recomputed by hand:
 *   A 3 2 4 3 4  var 0.7    B 4 3 4 2 4  var 0.8    C 3 4 5 3 4  var 0.7
 *   totals 10 9 13 8 12, var 4.3
 *   alpha = 3/2 (1 - 2.2 / 4.3) = 0.7325581 */
static void
test_cronbach (void)
{
  const double x[] = { 3, 2, 4, 3, 4, 4, 3, 4, 2, 4, 3, 4, 5, 3, 4 };
  g_assert_cmpfloat_with_epsilon (dxi_diagnostics_cronbach_alpha (x, 5, 3), 1.5 * (1 - 2.2 / 4.3), 1e-12);
  g_assert_true (isnan (dxi_diagnostics_cronbach_alpha (x, 5, 1)));
  /* Pearson of A and B: covariance 1.6 / 4 = 0.4, r = 0.4 / sqrt(0.7 x 0.8). */
  g_assert_cmpfloat_with_epsilon (dxi_diagnostics_pearson (x, x + 5, 5), 0.4 / sqrt (0.7 * 0.8), 1e-12);
}

/* DERI-style integer weights: Demography a 2, b 1; Broadband c 1; Deprivation
 * d 3, e 1; equal components.  Within: 2/3 1/3 | 1 | 3/4 1/4; effective:
 * 2/9 1/9 | 1/3 | 1/4 1/12. */
static void
test_weights (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  const double v[] = { 1, 2, 3, 3, 2, 1, 5, 6, 1, 0, 0, 1, 2, 3, 9 };
  dxi_index_indicator ind[] = {
    { "a", NULL, "Demography", 1, 2 }, { "b", NULL, "Demography", 1, 1 }, { "c", NULL, "Broadband", 1, 1 },
    { "d", NULL, "Deprivation", 1, 3 }, { "e", NULL, "Deprivation", 1, 1 },
  };
  g_autoptr (dxi_index_result) r = compute (v, 3, ind, 5, &s);
  g_assert_cmpuint (r->n_dom, ==, 3);
  const double eff[] = { 2.0 / 9, 1.0 / 9, 1.0 / 3, 0.25, 1.0 / 12 };
  double sum = 0;
  for (guint j = 0; j < 5; j++)
    {
      g_assert_cmpfloat_with_epsilon (r->weight_effective[j], eff[j], 1e-12);
      sum += r->weight_effective[j];
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
  /* Area 1: a 0, b 10, c 10 (5,6,1 -> 8/10?) computed by hand:
   * a = 1 2 3 -> 0 5 10; b = 3 2 1 -> 10 5 0; c = 5 6 1 -> 8 10 0;
   * d = 0 0 1 -> 0 0 10; e = 2 3 9 -> 0 1.4286 10.
   * Area 3: Demography 2/3 10 + 1/3 0 = 6.667, Broadband 0, Deprivation 10:
   * index (6.667 + 0 + 10) / 3 = 5.5556. */
  g_assert_cmpfloat_with_epsilon (r->domain_score[2], 20.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->score[2], (20.0 / 3 + 10) / 3, 1e-9);
  /* Domain weights override: Broadband twice the others. */
  double *w = g_new (double, 1);
  *w = 2;
  g_hash_table_insert (s.domain_weights, g_strdup ("Broadband"), w);
  g_autoptr (dxi_index_result) r2 = compute (v, 3, ind, 5, &s);
  g_assert_cmpfloat_with_epsilon (r2->weight_domain[1], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r2->weight_effective[2], 0.5, 1e-12);
  /* A typo in a domain weight is an error with a suggestion. */
  g_hash_table_insert (s.domain_weights, g_strdup ("Broadbnd"), g_memdup2 (w, sizeof *w));
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_index_compute (v, 3, ind, 5, NULL, NULL, NULL, 0, &s, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "did you mean 'Broadband'?"));
  dxi_index_settings_clear (&s);
}

/* Missing values: fail is an error; renormalise scores area 2 on what it
 * has; the imputations fill the raw mean / median. */
static void
test_missing (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  /* a = 0 5 10; b = 10 NAN 0 (after min-max: 10, -, 0). */
  const double v[] = { 0, 5, 10, 10, NAN, 0 };
  dxi_index_indicator ind[] = { { "a", NULL, "D", 1, 1 }, { "b", NULL, "D", 1, 3 } };
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_index_compute (v, 3, ind, 2, NULL, NULL, NULL, 0, &s, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_cmpstr (error->message, ==,
                   "indicator 'b' is missing for 1 of 3 areas (first: area 2); set index 'missing' to "
                   "impute_mean, impute_median or renormalise");

  /* Renormalise: area 1 = (1 x 0 + 3 x 10) / 4 = 7.5; area 2 = a alone = 5;
   * area 3 = (10 + 0) / 4 = 2.5. */
  s.missing = DXI_MISSING_RENORMALISE;
  g_autoptr (dxi_index_result) r = compute (v, 3, ind, 2, &s);
  g_assert_cmpfloat_with_epsilon (r->score[0], 7.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->score[1], 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->score[2], 2.5, 1e-12);
  g_assert_true (isnan (r->normalised[4]));
  g_assert_cmpuint (r->n_missing[1], ==, 1);
  g_assert_cmpuint (r->n_imputed[1], ==, 0);

  /* Impute mean: b's missing value becomes (10 + 0) / 2 = 5 -> normalised 5;
   * area 2 = (5 + 3 x 5) / 4 = 5. */
  s.missing = DXI_MISSING_IMPUTE_MEAN;
  g_autoptr (dxi_index_result) r2 = compute (v, 3, ind, 2, &s);
  g_assert_cmpfloat_with_epsilon (r2->normalised[4], 5.0, 1e-12);
  g_assert_cmpuint (r2->n_imputed[1], ==, 1);

  /* Impute median of 1 2 10 = 2. */
  const double m[] = { 1, 2, 10, NAN };
  dxi_index_indicator one[] = { { "m", NULL, NULL, 1, 1 } };
  s.missing = DXI_MISSING_IMPUTE_MEDIAN;
  g_autoptr (dxi_index_result) r3 = compute (m, 4, one, 1, &s);
  g_assert_cmpfloat_with_epsilon (r3->normalised[3], 10.0 / 9.0, 1e-12);

  /* An indicator with no values at all is an error whatever the policy. */
  const double none[] = { NAN, NAN, NAN };
  g_clear_error (&error);
  g_assert_null (dxi_index_compute (none, 3, one, 1, NULL, NULL, NULL, 0, &s, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  dxi_index_settings_clear (&s);
}

/* Competition ranks and deciles: scores 5 9 9 1 -> ranks 3 1 1 4;
 * n = 4: decile ceil(10 r / 4): r 1 -> 3, 3 -> 8, 4 -> 10; quintile r 1 -> 2. */
static void
test_ranks (void)
{
  const double score[] = { 5, 9, 9, 1 };
  guint32 rank[4];
  dxi_rank_scores (score, 4, rank);
  g_assert_cmpuint (rank[0], ==, 3);
  g_assert_cmpuint (rank[1], ==, 1);
  g_assert_cmpuint (rank[2], ==, 1);
  g_assert_cmpuint (rank[3], ==, 4);
  g_assert_cmpuint (dxi_rank_decile (1, 4), ==, 3);
  g_assert_cmpuint (dxi_rank_decile (3, 4), ==, 8);
  g_assert_cmpuint (dxi_rank_decile (4, 4), ==, 10);
  g_assert_cmpuint (dxi_rank_quintile (1, 4), ==, 2);
  g_assert_cmpuint (dxi_rank_decile (21, 21), ==, 10);
  g_assert_cmpuint (dxi_rank_decile (2, 21), ==, 1);
  g_assert_cmpuint (dxi_rank_decile (3, 21), ==, 2);

  /* Negative scores, zeros and a large spread sort correctly. */
  const double mixed[] = { -1.5, 0.0, -0.0, 1e300, -1e-300, 2.5 };
  guint32 mr[6];
  dxi_rank_scores (mixed, 6, mr);
  const guint32 want[] = { 6, 3, 3, 1, 5, 2 };
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (mr[i], ==, want[i]);

  /* Population and households by decile: 20 areas, two per decile. */
  double v[20], pop[20];
  for (guint i = 0; i < 20; i++)
    {
      v[i] = i;
      pop[i] = 100 + i;
    }
  dxi_index_settings s;
  settings_plain (&s);
  dxi_index_indicator ind[] = { { "x", NULL, NULL, 1, 1 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_index_result) r = dxi_index_compute (v, 20, ind, 1, pop, NULL, NULL, 0, &s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->decile[19], ==, 1);
  g_assert_cmpuint (r->decile[0], ==, 10);
  g_assert_cmpuint (r->quintile[16], ==, 1);
  g_assert_cmpuint (r->areas_by_decile[0], ==, 2);
  g_assert_cmpfloat (r->population_by_decile[0], ==, 119 + 118);
  g_assert_true (isnan (r->households_by_decile[0]));
  dxi_index_settings_clear (&s);

  /* Quantiles, type 7: 1..10 at 0.05 -> 1 + 9 x 0.05 = 1.45, median 5.5,
   * 0.95 -> 9.55; of 0 and 10 at 0.4, 0.45, 0.5 -> 4, 4.5, 5. */
  guint32 q[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  const double probs[] = { 0.05, 0.5, 0.95 }, probs2[] = { 0.4, 0.45, 0.5 };
  double out[3];
  dxi_rank_quantiles (q, 10, probs, 3, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1.45, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 5.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 9.55, 1e-12);
  guint32 two[] = { 10, 0 };
  dxi_rank_quantiles (two, 2, probs2, 3, out);
  g_assert_cmpfloat_with_epsilon (out[0], 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 4.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 5.0, 1e-12);
  /* A wide range takes the selection path: 1, 10^9 and 3 x 5. */
  guint32 wide[] = { 5, 1000000000, 5, 1, 5 };
  dxi_rank_quantiles (wide, 5, probs, 3, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1 + 0.2 * 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (out[1], 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 5 + 0.8 * (1e9 - 5), 1e-3);
}

/* Goalposts clip; a reference dataset sets min and max. */
static void
test_reference (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  s.reference = DXI_REF_GOALPOSTS;
  double *gp = g_new (double, 2);
  gp[0] = 0, gp[1] = 50;
  g_hash_table_insert (s.goalposts, g_strdup ("x"), gp);
  const double v[] = { 10, 25, 80 };
  dxi_index_indicator ind[] = { { "x", NULL, NULL, 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 3, ind, 1, &s);
  g_assert_cmpfloat_with_epsilon (r->normalised[0], 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[1], 5.0, EPS);
  g_assert_cmpfloat_with_epsilon (r->normalised[2], 10.0, EPS);
  dxi_index_indicator other[] = { { "y", NULL, NULL, 1, 1 } };
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_index_compute (v, 3, other, 1, NULL, NULL, NULL, 0, &s, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);

  /* The nation as reference: min 0, max 100. */
  s.reference = DXI_REF_DATASET;
  const double nation[] = { 0, 30, 100, 55, NAN };
  g_autoptr (dxi_index_result) r2 = NULL;
  g_clear_error (&error);
  r2 = dxi_index_compute (v, 3, ind, 1, NULL, NULL, nation, 5, &s, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (r2->normalised[1], 2.5, EPS);
  g_assert_cmpfloat_with_epsilon (r2->normalised[2], 8.0, EPS);
  dxi_index_settings_clear (&s);
}

/* Correlated indicators are flagged. */
static void
test_flags (void)
{
  dxi_index_settings s;
  settings_plain (&s);
  const double v[] = { 1, 2, 3, 4, 5, 2, 4, 6, 8, 11, 5, 1, 4, 2, 3 };
  dxi_index_indicator ind[] = { { "imd", NULL, "Deprivation", 1, 1 }, { "income", NULL, "Deprivation", 1, 1 },
                                { "age", NULL, "Demography", 1, 1 } };
  g_autoptr (dxi_index_result) r = compute (v, 5, ind, 3, &s);
  g_assert_cmpuint (r->flagged->len, ==, 1);
  const dxi_index_pair *p = &g_array_index (r->flagged, dxi_index_pair, 0);
  g_assert_cmpuint (p->a, ==, 0);
  g_assert_cmpuint (p->b, ==, 1);
  g_assert_cmpfloat (p->r, >, 0.9);
  g_assert_false (isnan (r->alpha[0]));
  g_assert_true (isnan (r->alpha[1]));
  g_autoptr (GString) report = g_string_new (NULL);
  dxi_index_report (r, report);
  g_assert_nonnull (strstr (report->str, "'imd' and 'income': r = "));
  g_assert_nonnull (strstr (report->str, "Cronbach's alpha"));
  dxi_index_settings_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/index/minmax-reversed", test_minmax_reversed);
  g_test_add_func ("/index/zscore", test_zscore);
  g_test_add_func ("/index/rank-percentile", test_rank_percentile);
  g_test_add_func ("/index/iod-transform", test_iod_transform);
  g_test_add_func ("/index/geometric", test_geometric);
  g_test_add_func ("/index/winsorisation", test_winsorisation);
  g_test_add_func ("/index/cronbach", test_cronbach);
  g_test_add_func ("/index/weights", test_weights);
  g_test_add_func ("/index/missing", test_missing);
  g_test_add_func ("/index/ranks", test_ranks);
  g_test_add_func ("/index/reference", test_reference);
  g_test_add_func ("/index/flags", test_flags);
  return g_test_run ();
}
