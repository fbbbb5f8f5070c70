/* The samplers of core/random.h: the moments of large samples against the
 * analytic mean and variance, within five standard errors (fixed seeds, so
 * the run is reproducible; a sampler off by a few per cent fails), and
 * Box-Muller at uniforms whose deviates are worked by hand. */
#include <math.h>

#include "core/random.h"

#define N 400000

typedef double (*draw_fn) (GRand *rng, const void *data);

/* The sample mean and variance of N draws of DRAW, against MEAN and VAR:
 * the mean within 5 sqrt(VAR / N), the variance within 5 sqrt((MU4 - VAR^2) / N)
 * (MU4 the fourth central moment). */
static void
check_moments (const char *what, draw_fn draw, const void *data, double mean, double var,
               double mu4)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (20261203);
  double sum = 0, sum2 = 0;
  for (guint i = 0; i < N; i++)
    {
      double x = draw (rng, data) - mean; /* centred, so the sums lose nothing */
      sum += x;
      sum2 += x * x;
    }
  double m = sum / N, v = (sum2 - N * m * m) / (N - 1);
  g_test_message ("%s: mean %.5f (expected %.5f), variance %.5f (expected %.5f)", what,
                  mean + m, mean, v, var);
  g_assert_cmpfloat_with_epsilon (m, 0, 5 * sqrt (var / N));
  g_assert_cmpfloat_with_epsilon (v, var, 5 * sqrt ((mu4 - var * var) / N));
}

static double
draw_normal (GRand *rng, const void *data)
{
  return ((dxi_random_normal_fn) data) (rng);
}

/* Both normals: mean 0, variance 1, fourth moment 3, and 2.5% below -1.959964. */
static void
test_normal (void)
{
  check_moments ("polar", draw_normal, (const void *) dxi_random_normal_polar, 0, 1, 3);
  check_moments ("box-muller", draw_normal, (const void *) dxi_random_normal_box_muller, 0, 1, 3);
  dxi_random_normal_fn fns[] = { dxi_random_normal_polar, dxi_random_normal_box_muller };
  for (guint f = 0; f < 2; f++)
    {
      g_autoptr (GRand) rng = g_rand_new_with_seed (7);
      guint below = 0;
      for (guint i = 0; i < N; i++)
        below += fns[f](rng) < -1.959964;
      g_assert_cmpfloat_with_epsilon ((double) below / N, 0.025, 5 * sqrt (0.025 * 0.975 / N));
    }
}

/* Box-Muller by hand: u1 = e^-1/2 gives radius sqrt(-2 ln u1) = 1, so the
 * deviate is cos(2 pi u2): 1 at u2 = 0, -1 at 1/2, 0 at 1/4; u1 = e^-2 gives 2. */
static void
test_box_muller (void)
{
  g_assert_cmpfloat_with_epsilon (dxi_random_box_muller (exp (-0.5), 0), 1, 1e-15);
  g_assert_cmpfloat_with_epsilon (dxi_random_box_muller (exp (-0.5), 0.5), -1, 1e-15);
  g_assert_cmpfloat_with_epsilon (dxi_random_box_muller (exp (-0.5), 0.25), 0, 1e-15);
  g_assert_cmpfloat_with_epsilon (dxi_random_box_muller (exp (-2.0), 0), 2, 1e-15);
  /* u1 = 0 (GRand can return it) is clamped, not an infinite deviate. */
  g_assert_true (isfinite (dxi_random_box_muller (0, 0)));
}

typedef struct
{
  double shape;
  dxi_random_normal_fn normal;
} gamma_case;

static double
draw_gamma (GRand *rng, const void *data)
{
  const gamma_case *c = data;
  return dxi_random_gamma (rng, c->shape, c->normal);
}

/* Gamma(k, 1): mean k, variance k, fourth central moment 3k^2 + 6k; shapes
 * below 1 (the boost) and above, with each normal. */
static void
test_gamma (void)
{
  const double shapes[] = { 0.3, 1.0, 3.0, 7.5 };
  dxi_random_normal_fn fns[] = { dxi_random_normal_polar, dxi_random_normal_box_muller };
  for (guint f = 0; f < 2; f++)
    for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
      {
        double k = shapes[i];
        gamma_case c = { k, fns[f] };
        g_autofree char *what = g_strdup_printf ("gamma(%g), normal %u", k, f);
        check_moments (what, draw_gamma, &c, k, k, 3 * k * k + 6 * k);
      }
}

typedef struct
{
  double a, b, lo, hi;
} beta_case;

static double
draw_beta (GRand *rng, const void *data)
{
  const beta_case *c = data;
  return dxi_random_beta (rng, c->a, c->b, c->lo, c->hi, dxi_random_normal_box_muller);
}

/* Beta(A, B)'s fourth central moment: kurtosis times VAR^2, the excess
 * kurtosis 6 ((a - b)^2 (a + b + 1) - ab (a + b + 2)) / (ab (a + b + 2) (a + b + 3)). */
static double
beta_mu4 (double a, double b, double var)
{
  double excess = 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2))
                  / (a * b * (a + b + 2) * (a + b + 3));
  return (3 + excess) * var * var;
}

/* Beta(a, b) on [lo, hi]: mean lo + w a / (a + b), variance w^2 ab / ((a + b)^2 (a + b + 1)),
 * w = hi - lo.  PERT(0.4, 0.6, 0.8) is Beta(3, 3) on [0.4, 0.8]: mean 0.6,
 * variance 0.16 x 9 / (36 x 7) = 0.0057143; Beta(2, 5) on [0, 1]: mean 2/7,
 * variance 10 / 392 = 0.025510. */
static void
test_beta (void)
{
  const beta_case pert = { 3, 3, 0.4, 0.8 }, skew = { 2, 5, 0, 1 };
  double v = 0.16 * 9 / (36.0 * 7), v2 = 10.0 / 392;
  check_moments ("pert(0.4, 0.6, 0.8)", draw_beta, &pert, 0.6, v, beta_mu4 (3, 3, v));
  check_moments ("beta(2, 5)", draw_beta, &skew, 2.0 / 7, v2, beta_mu4 (2, 5, v2));
  g_autoptr (GRand) rng = g_rand_new_with_seed (5);
  for (guint i = 0; i < 10000; i++)
    {
      double x = dxi_random_beta (rng, 3, 3, 0.4, 0.8, dxi_random_normal_box_muller);
      g_assert_cmpfloat (x, >=, 0.4);
      g_assert_cmpfloat (x, <=, 0.8);
    }
}

/* Dirichlet(alpha): component i has mean a_i / a0 and variance
 * a_i (a0 - a_i) / (a0^2 (a0 + 1)); the draws sum to 1; alpha 0 gives 0. */
static void
test_dirichlet (void)
{
  const double alpha[] = { 6, 3, 0.5, 0 }, a0 = 9.5;
  double sum[4] = { 0 }, sum2[4] = { 0 }, w[4];
  g_autoptr (GRand) rng = g_rand_new_with_seed (11);
  for (guint i = 0; i < N; i++)
    {
      dxi_random_dirichlet (rng, alpha, 4, w);
      g_assert_cmpfloat_with_epsilon (w[0] + w[1] + w[2] + w[3], 1.0, 1e-12);
      for (guint k = 0; k < 4; k++)
        {
          sum[k] += w[k];
          sum2[k] += w[k] * w[k];
        }
    }
  for (guint k = 0; k < 3; k++)
    {
      double mean = alpha[k] / a0, var = alpha[k] * (a0 - alpha[k]) / (a0 * a0 * (a0 + 1));
      double m = sum[k] / N, v = sum2[k] / N - m * m;
      g_assert_cmpfloat_with_epsilon (m, mean, 5 * sqrt (var / N));
      /* The marginal is Beta(a_i, a0 - a_i). */
      double mu4 = beta_mu4 (alpha[k], a0 - alpha[k], var);
      g_assert_cmpfloat_with_epsilon (v, var, 5 * sqrt ((mu4 - var * var) / N));
    }
  g_assert_cmpfloat (sum[3], ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/random/normal", test_normal);
  g_test_add_func ("/random/box-muller", test_box_muller);
  g_test_add_func ("/random/gamma", test_gamma);
  g_test_add_func ("/random/beta", test_beta);
  g_test_add_func ("/random/dirichlet", test_dirichlet);
  return g_test_run ();
}
