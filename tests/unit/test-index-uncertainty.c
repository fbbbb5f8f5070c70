/* Index uncertainty: Monte Carlo rank intervals and Sobol indices. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "index/diagnostics.h"
#include "index/index.h"
#include "index/rank.h"
#include "core/random.h"
#include "index/uncertainty.h"

#define N_AREAS 60

/* Three indicators in two domains that disagree about the order, so weights
 * and methods move ranks (synthetic, deterministic). */
static void
make_data (double *v)
{
  for (guint a = 0; a < N_AREAS; a++)
    {
      v[a] = a;
      v[N_AREAS + a] = exp ((N_AREAS - a) / 8.0);
      v[2 * N_AREAS + a] = (a * 37) % N_AREAS;
    }
}

static const dxi_index_indicator ind[] = {
  { "age65", NULL, "Demography", 1, 2 },
  { "no_broadband", NULL, "Broadband", 1, 1 },
  { "imd", NULL, "Broadband", 1, 1 },
};

static dxi_index_result *
run (const dxi_index_settings *s)
{
  double v[3 * N_AREAS];
  make_data (v);
  g_autoptr (GError) error = NULL;
  dxi_index_result *r = dxi_index_compute (v, N_AREAS, ind, 3, NULL, NULL, NULL, 0, s, &error);
  g_assert_no_error (error);
  return r;
}

static void
test_reproducible (void)
{
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.draws = 400;
  s.seed = 7;
  s.sobol_samples = 64;
  s.alt_normalisations[0] = DXI_NORM_RANK;
  s.n_alt_normalisations = 1;
  s.alt_aggregations[0] = DXI_AGG_GEOMETRIC;
  s.n_alt_aggregations = 1;
  g_autoptr (dxi_index_result) a = run (&s);
  s.threads = 1;
  g_autoptr (dxi_index_result) b = run (&s);
  s.seed = 8;
  s.threads = 0;
  g_autoptr (dxi_index_result) c = run (&s);
  const dxi_uncertainty *ua = &a->uncertainty, *ub = &b->uncertainty, *uc = &c->uncertainty;
  g_assert_cmpuint (ua->draws, ==, 400);
  /* Same seed: identical, whatever the number of threads. */
  g_assert_cmpmem (ua->rank_p5, N_AREAS * sizeof (double), ub->rank_p5, N_AREAS * sizeof (double));
  g_assert_cmpmem (ua->rank_median, N_AREAS * sizeof (double), ub->rank_median, N_AREAS * sizeof (double));
  g_assert_cmpmem (ua->p_top_decile, N_AREAS * sizeof (double), ub->p_top_decile, N_AREAS * sizeof (double));
  g_assert_cmpfloat (ua->sobol_first[0], ==, ub->sobol_first[0]);
  /* Another seed: different somewhere. */
  gboolean differs = FALSE;
  for (guint i = 0; i < N_AREAS; i++)
    differs |= ua->rank_p95[i] != uc->rank_p95[i] || ua->p_top_decile[i] != uc->p_top_decile[i];
  g_assert_true (differs);
  /* Intervals are ordered, probabilities are probabilities, and the areas
   * ranked in the top decile most of the time are the nominal top ones. */
  double p_sum = 0;
  for (guint i = 0; i < N_AREAS; i++)
    {
      g_assert_cmpfloat (ua->rank_p5[i], <=, ua->rank_median[i]);
      g_assert_cmpfloat (ua->rank_median[i], <=, ua->rank_p95[i]);
      g_assert_cmpfloat (ua->rank_p5[i], >=, 1);
      g_assert_cmpfloat (ua->rank_p95[i], <=, N_AREAS);
      g_assert_cmpfloat (ua->p_top_decile[i], >=, 0);
      g_assert_cmpfloat (ua->p_top_decile[i], <=, 1);
      p_sum += ua->p_top_decile[i];
    }
  /* Six areas (10 rank <= 60) are in the top decile in every draw, unless ties. */
  g_assert_cmpfloat_with_epsilon (p_sum, 6.0, 0.5);
  g_assert_cmpfloat (ua->mean_shift, >, 0);
  dxi_index_settings_clear (&s);
}

/* Only the normalisation choice matters (weights held by a huge
 * concentration, no aggregation alternative): its first-order and total
 * indices are about 1, the weights' about 0. */
static void
test_sobol_one_input (void)
{
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.draws = 50;
  s.sobol_samples = 1024;
  s.concentration = 1e12;
  s.alt_normalisations[0] = DXI_NORM_RANK;
  s.n_alt_normalisations = 1;
  g_autoptr (dxi_index_result) r = run (&s);
  const dxi_uncertainty *u = &r->uncertainty;
  g_assert_true (u->varied[DXI_SOBOL_WEIGHTS]);
  g_assert_true (u->varied[DXI_SOBOL_NORMALISATION]);
  g_assert_false (u->varied[DXI_SOBOL_AGGREGATION]);
  g_assert_cmpfloat (u->sobol_variance, >, 0);
  g_assert_cmpfloat_with_epsilon (u->sobol_first[DXI_SOBOL_NORMALISATION], 1.0, 0.1);
  g_assert_cmpfloat_with_epsilon (u->sobol_total[DXI_SOBOL_NORMALISATION], 1.0, 0.1);
  g_assert_cmpfloat_with_epsilon (u->sobol_first[DXI_SOBOL_WEIGHTS], 0.0, 0.05);
  g_assert_cmpfloat_with_epsilon (u->sobol_total[DXI_SOBOL_WEIGHTS], 0.0, 0.05);
  g_assert_cmpfloat (u->sobol_first[DXI_SOBOL_AGGREGATION], ==, 0);

  /* And the other way round: weights only. */
  s.concentration = 5;
  s.n_alt_normalisations = 0;
  g_autoptr (dxi_index_result) w = run (&s);
  u = &w->uncertainty;
  g_assert_false (u->varied[DXI_SOBOL_NORMALISATION]);
  g_assert_cmpfloat_with_epsilon (u->sobol_first[DXI_SOBOL_WEIGHTS], 1.0, 0.15);
  g_assert_cmpfloat_with_epsilon (u->sobol_total[DXI_SOBOL_WEIGHTS], 1.0, 0.15);
  /* Each estimate has a standard error, positive and small at 1024 samples. */
  g_assert_cmpfloat (u->sobol_first_se[DXI_SOBOL_WEIGHTS], >, 0);
  g_assert_cmpfloat (u->sobol_first_se[DXI_SOBOL_WEIGHTS], <, 0.15);
  g_assert_cmpfloat (u->sobol_total_se[DXI_SOBOL_WEIGHTS], >, 0);
  /* A warning only beyond two standard errors outside [0, 1]. */
  dxi_uncertainty *m = &w->uncertainty;
  m->sobol_first[DXI_SOBOL_WEIGHTS] = 1.3, m->sobol_total[DXI_SOBOL_WEIGHTS] = 0.9;
  m->sobol_first_se[DXI_SOBOL_WEIGHTS] = 0.2, m->sobol_total_se[DXI_SOBOL_WEIGHTS] = 0.05;
  g_autoptr (GPtrArray) within = dxi_index_warnings (w);
  for (guint i = 0; i < within->len; i++)
    g_assert_null (strstr (within->pdata[i], "Sobol"));
  m->sobol_first_se[DXI_SOBOL_WEIGHTS] = 0.1;
  g_autoptr (GPtrArray) beyond = dxi_index_warnings (w);
  gboolean warned = FALSE;
  for (guint i = 0; i < beyond->len; i++)
    warned |= strstr (beyond->pdata[i], "Sobol indices of 'weights' outside [0, 1] by more than two "
                                        "standard errors (first-order 1.300, standard error 0.100")
              != NULL;
  g_assert_true (warned);
  dxi_index_settings_clear (&s);
}

/* Nothing uncertain: every draw gives the nominal ranks. */
static void
test_nothing_varies (void)
{
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.draws = 20;
  const dxi_index_indicator one[] = { { "x", NULL, NULL, 1, 1 } };
  const double v[] = { 3, 1, 2, 5, 4 };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_index_result) r = dxi_index_compute (v, 5, one, 1, NULL, NULL, NULL, 0, &s, &error);
  g_assert_no_error (error);
  for (guint a = 0; a < 5; a++)
    {
      g_assert_cmpfloat (r->uncertainty.rank_p5[a], ==, r->rank[a]);
      g_assert_cmpfloat (r->uncertainty.rank_p95[a], ==, r->rank[a]);
    }
  g_assert_cmpuint (r->uncertainty.sobol_samples, ==, 0);
  dxi_index_settings_clear (&s);
}

/* The slower paths run clean: missing values renormalised, geometric
 * alternatives, the IoD domain transform, one thread and several. */
static void
test_other_paths (void)
{
  double v[3 * N_AREAS];
  make_data (v);
  v[4] = NAN;
  v[N_AREAS + 9] = NAN;
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  dxi_index_settings_apply_preset (&s, DXI_INDEX_PRESET_IOD);
  s.missing = DXI_MISSING_RENORMALISE;
  s.draws = 100;
  s.sobol_samples = 20;
  s.alt_normalisations[0] = DXI_NORM_ZSCORE;
  s.n_alt_normalisations = 1;
  s.alt_aggregations[0] = DXI_AGG_GEOMETRIC;
  s.n_alt_aggregations = 1;
  double pop[N_AREAS];
  for (guint a = 0; a < N_AREAS; a++)
    pop[a] = 1000;
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_index_result) r = dxi_index_compute (v, N_AREAS, ind, 3, pop, pop, NULL, 0, &s, &error);
  g_assert_no_error (error);
  s.threads = 1;
  g_autoptr (dxi_index_result) r1 = dxi_index_compute (v, N_AREAS, ind, 3, pop, pop, NULL, 0, &s, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (r->uncertainty.rank_median, N_AREAS * sizeof (double), r1->uncertainty.rank_median,
                   N_AREAS * sizeof (double));
  /* IoD transform of the domain scores: the most excluded area of a domain scores 100. */
  double top = 0;
  for (guint a = 0; a < N_AREAS; a++)
    top = MAX (top, r->domain_score[a]);
  g_assert_cmpfloat_with_epsilon (top, 100.0, 1e-9);
  g_assert_cmpfloat (r->population_by_decile[0], ==, 6000);
  for (guint a = 0; a < N_AREAS; a++)
    g_assert_false (isnan (r->uncertainty.rank_median[a]));
  dxi_index_settings_clear (&s);
}

/* Gamma and Dirichlet draws have the right means. */
static void
test_dirichlet (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (3);
  double sum = 0, small = 0;
  for (guint i = 0; i < 20000; i++)
    {
      sum += dxi_random_gamma (rng, 3.0, dxi_random_normal_polar);
      small += dxi_random_gamma (rng, 0.5, dxi_random_normal_polar);
    }
  g_assert_cmpfloat_with_epsilon (sum / 20000, 3.0, 0.05);
  g_assert_cmpfloat_with_epsilon (small / 20000, 0.5, 0.02);
  const double alpha[] = { 20, 10, 10, 0 };
  double mean[4] = { 0 }, w[4];
  for (guint i = 0; i < 5000; i++)
    {
      dxi_random_dirichlet (rng, alpha, 4, w);
      g_assert_cmpfloat_with_epsilon (w[0] + w[1] + w[2] + w[3], 1.0, 1e-12);
      for (guint k = 0; k < 4; k++)
        mean[k] += w[k] / 5000;
    }
  g_assert_cmpfloat_with_epsilon (mean[0], 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon (mean[1], 0.25, 0.01);
  g_assert_cmpfloat (mean[3], ==, 0);
}

/* The result as area-table columns. */
static void
test_to_frame (void)
{
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.draws = 30;
  s.sobol_samples = 0;
  g_autoptr (dxi_index_result) r = run (&s);
  g_autoptr (dxi_frame) f = dxi_frame_new (NULL);
  for (guint a = 0; a < N_AREAS; a++)
    {
      g_autofree char *code = g_strdup_printf ("E0500%04u", a);
      dxi_frame_add_row (f, code, NULL);
    }
  g_autoptr (GError) error = NULL;
  g_assert_true (dxi_index_result_to_frame (r, f, &error));
  g_assert_no_error (error);
  const char *want[] = { "index_score", "index_rank", "index_decile", "index_quintile", "dom_demography",
                         "dom_broadband", "norm_age65", "norm_imd", "rank_p5", "rank_median", "rank_p95",
                         "p_top_decile" };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpint (dxi_frame_find_column (f, want[i]), >=, 0);
  gint col = dxi_frame_find_column (f, "index_rank");
  g_assert_cmpfloat (dxi_frame_get (f, 5, col), ==, r->rank[5]);
  g_autoptr (GString) report = g_string_new (NULL);
  dxi_index_report (r, report);
  g_assert_nonnull (strstr (report->str, "30 Monte Carlo draws, seed 1"));

  g_autoptr (dxi_frame) small = dxi_frame_new (NULL);
  dxi_frame_add_row (small, "x", NULL);
  g_assert_false (dxi_index_result_to_frame (r, small, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_FAILED);
  dxi_index_settings_clear (&s);
}

/* Independent references: R's type 7 quantile of a sorted copy, and
 * competition ranks by comparing every pair (NAN last, ties share the best). */
static int
cmp_u32 (const void *a, const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

static double
reference_quantile (const guint32 *x, guint n, double p)
{
  g_autofree guint32 *sorted = g_memdup2 (x, n * sizeof *x);
  qsort (sorted, n, sizeof *sorted, cmp_u32);
  double h = (n - 1) * p;
  guint lo = (guint) floor (h), hi = MIN (lo + 1, n - 1);
  return sorted[lo] + (h - lo) * ((double) sorted[hi] - sorted[lo]);
}

static guint32
reference_rank (const double *score, guint n, guint a)
{
  guint32 above = 0;
  for (guint b = 0; b < n; b++)
    if (isnan (score[a]) ? !isnan (score[b]) : !isnan (score[b]) && score[b] > score[a])
      above++;
  return above + 1;
}

/* The 5th, 50th and 95th percentiles of X[0..n) (reordered) equal the
 * sort-based ones. */
static void
assert_quantiles (guint32 *x, guint n)
{
  static const double probs[] = { 0.05, 0.5, 0.95 };
  double want[3], got[3];
  for (guint q = 0; q < 3; q++)
    want[q] = reference_quantile (x, n, probs[q]);
  dxi_rank_quantiles (x, n, probs, 3, got);
  for (guint q = 0; q < 3; q++)
    g_assert_cmpfloat (got[q], ==, want[q]);
}

/* Quantiles by selection (or counting) equal those of a full sort, on random
 * ranks of random scores with many ties and NANs, narrow and wide spreads. */
static void
test_quantiles_reference (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (11);
  const guint n_areas = 300;
  for (guint trial = 0; trial < 40; trial++)
    {
      guint draws = 1 + g_rand_int_range (rng, 0, 700);
      /* Scores on a coarse grid (ties), a tenth of them missing. */
      guint levels = trial % 2 ? 7 : 100000;
      g_autofree guint32 *by_area = g_new (guint32, (gsize) n_areas * draws);
      g_autofree guint32 *rank = g_new (guint32, n_areas);
      double score[300];
      for (guint d = 0; d < draws; d++)
        {
          for (guint a = 0; a < n_areas; a++)
            score[a] = g_rand_int_range (rng, 0, 10) == 0 ? NAN : g_rand_int_range (rng, 0, levels);
          dxi_rank_scores (score, n_areas, rank);
          for (guint a = 0; a < n_areas; a++)
            {
              g_assert_cmpuint (rank[a], ==, reference_rank (score, n_areas, a));
              by_area[(gsize) a * draws + d] = rank[a];
            }
        }
      for (guint a = 0; a < n_areas; a++)
        assert_quantiles (by_area + (gsize) a * draws, draws);
    }
  /* A spread too wide to count: the selection path. */
  for (guint trial = 0; trial < 200; trial++)
    {
      guint n = 1 + g_rand_int_range (rng, 0, 50);
      guint32 x[50];
      for (guint i = 0; i < n; i++)
        x[i] = g_rand_int_range (rng, 0, 4) == 0 ? x[g_rand_int_range (rng, 0, i + 1)] : g_rand_int (rng) >> 1;
      assert_quantiles (x, n);
    }
}

/* Every area's quantiles and top-decile share, against a full sort of the
 * by-draw ranks RANKS (draws x n). */
static void
assert_matches_sort (const dxi_uncertainty *u, const guint32 *ranks, guint n)
{
  g_autofree guint32 *x = g_new (guint32, u->draws);
  for (guint a = 0; a < n; a++)
    {
      guint top = 0;
      for (guint d = 0; d < u->draws; d++)
        {
          x[d] = ranks[(gsize) d * n + a];
          top += 10 * x[d] <= n;
        }
      g_assert_cmpfloat (u->rank_p5[a], ==, reference_quantile (x, u->draws, 0.05));
      g_assert_cmpfloat (u->rank_median[a], ==, reference_quantile (x, u->draws, 0.5));
      g_assert_cmpfloat (u->rank_p95[a], ==, reference_quantile (x, u->draws, 0.95));
      g_assert_cmpfloat (u->p_top_decile[a], ==, (double) top / u->draws);
    }
}

/* Past the store's budget the quantiles come from two passes over the draws
 * (binned counts, then exact counts within the bins) and the by-draw ranks
 * from ranking the draws again: the same numbers as storing the ranks, and
 * as a full sort of them, for few and many draws, with ties (a coarse grid)
 * and missing values. */
static void
test_two_passes (void)
{
  static const guint draws[] = { 1, 2, 3, 7, 20, 333, 2100 }; /* 2100: three rounds of 1024 */
  double v[3 * N_AREAS];
  make_data (v);
  for (guint a = 0; a < N_AREAS; a++)
    v[2 * N_AREAS + a] = (a * 37) % 5; /* many ties */
  v[N_AREAS + 3] = NAN;
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.missing = DXI_MISSING_RENORMALISE;
  s.sobol_samples = 8;
  s.alt_normalisations[0] = DXI_NORM_RANK;
  s.n_alt_normalisations = 1;
  for (guint i = 0; i < G_N_ELEMENTS (draws); i++)
    {
      s.draws = draws[i];
      s.seed = 3 + i;
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_index_result) one
          = dxi_index_compute (v, N_AREAS, ind, 3, NULL, NULL, NULL, 0, &s, &error);
      g_assert_no_error (error);
      dxi_uncertainty_set_store_budget (0);
      g_autoptr (dxi_index_result) two
          = dxi_index_compute (v, N_AREAS, ind, 3, NULL, NULL, NULL, 0, &s, &error);
      dxi_uncertainty_set_store_budget ((gsize) 128 << 20);
      g_assert_no_error (error);
      const dxi_uncertainty *u1 = &one->uncertainty, *u2 = &two->uncertainty;
      gsize bytes = N_AREAS * sizeof (double);
      g_assert_cmpmem (u1->rank_p5, bytes, u2->rank_p5, bytes);
      g_assert_cmpmem (u1->rank_median, bytes, u2->rank_median, bytes);
      g_assert_cmpmem (u1->rank_p95, bytes, u2->rank_p95, bytes);
      g_assert_cmpmem (u1->p_top_decile, bytes, u2->p_top_decile, bytes);
      g_assert_cmpfloat (u1->mean_shift, ==, u2->mean_shift);
      g_assert_cmpfloat (u1->sobol_total[0], ==, u2->sobol_total[0]);
      g_autofree guint32 *r1 = dxi_uncertainty_ranks_by_draw (u1);
      g_autofree guint32 *r2 = dxi_uncertainty_ranks_by_draw (u2);
      gsize by_draw = (gsize) draws[i] * N_AREAS * sizeof (guint32);
      g_assert_cmpmem (r1, by_draw, r2, by_draw);
      assert_matches_sort (u2, r2, N_AREAS);
      /* The draws do move the ranks (else the test would prove little). */
      gboolean moved = FALSE;
      for (gsize c = 0; c < (gsize) draws[i] * N_AREAS; c++)
        moved |= r2[c] != one->rank[c % N_AREAS];
      g_assert_true (moved || draws[i] < 3);
    }
  dxi_index_settings_clear (&s);
}

/* More areas than 16 bits count (the draws' ranks are then stored in 32):
 * with nothing uncertain every percentile is the nominal rank, up to n. */
static void
test_wide_ranks (void)
{
  const guint n = 70000;
  dxi_index_settings s;
  dxi_index_settings_init (&s);
  s.draws = 3;
  const dxi_index_indicator one[] = { { "x", NULL, NULL, 1, 1 } };
  g_autofree double *v = g_new (double, n);
  for (guint a = 0; a < n; a++)
    v[a] = (a * 7919u) % n;
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_index_result) r = dxi_index_compute (v, n, one, 1, NULL, NULL, NULL, 0, &s, &error);
  g_assert_no_error (error);
  guint above_16_bits = 0;
  for (guint a = 0; a < n; a++)
    {
      g_assert_cmpfloat (r->uncertainty.rank_p5[a], ==, r->rank[a]);
      g_assert_cmpfloat (r->uncertainty.rank_median[a], ==, r->rank[a]);
      g_assert_cmpfloat (r->uncertainty.rank_p95[a], ==, r->rank[a]);
      above_16_bits += r->rank[a] > G_MAXUINT16;
    }
  g_assert_cmpuint (above_16_bits, ==, n - G_MAXUINT16);
  /* The same in two passes, and ranked again by draw. */
  dxi_uncertainty_set_store_budget (0);
  g_autoptr (dxi_index_result) two
      = dxi_index_compute (v, n, one, 1, NULL, NULL, NULL, 0, &s, &error);
  dxi_uncertainty_set_store_budget ((gsize) 128 << 20);
  g_assert_no_error (error);
  g_autofree guint32 *by_draw = dxi_uncertainty_ranks_by_draw (&two->uncertainty);
  for (guint a = 0; a < n; a++)
    {
      g_assert_cmpfloat (two->uncertainty.rank_p5[a], ==, r->rank[a]);
      g_assert_cmpfloat (two->uncertainty.rank_p95[a], ==, r->rank[a]);
      g_assert_cmpuint (by_draw[2 * (gsize) n + a], ==, r->rank[a]);
    }
  dxi_index_settings_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/index/uncertainty/reproducible", test_reproducible);
  g_test_add_func ("/index/uncertainty/sobol-one-input", test_sobol_one_input);
  g_test_add_func ("/index/uncertainty/nothing-varies", test_nothing_varies);
  g_test_add_func ("/index/uncertainty/other-paths", test_other_paths);
  g_test_add_func ("/index/uncertainty/dirichlet", test_dirichlet);
  g_test_add_func ("/index/uncertainty/to-frame", test_to_frame);
  g_test_add_func ("/index/uncertainty/quantiles-reference", test_quantiles_reference);
  g_test_add_func ("/index/uncertainty/wide-ranks", test_wide_ranks);
  g_test_add_func ("/index/uncertainty/two-passes", test_two_passes);
  return g_test_run ();
}
