#include "core/random.h"

#include <math.h>

double
dxi_random_normal_polar (GRand *rng)
{
  double u, v, s;
  do
    {
      u = g_rand_double_range (rng, -1.0, 1.0);
      v = g_rand_double_range (rng, -1.0, 1.0);
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);
  return u * sqrt (-2.0 * log (s) / s);
}

double
dxi_random_box_muller (double u1, double u2)
{
  return sqrt (-2 * log (MAX (u1, 1e-300))) * cos (2 * G_PI * u2);
}

double
dxi_random_normal_box_muller (GRand *rng)
{
  double u1 = g_rand_double (rng);
  double u2 = g_rand_double (rng);
  return dxi_random_box_muller (u1, u2);
}

double
dxi_random_gamma (GRand *rng, double shape, dxi_random_normal_fn normal)
{
  if (shape < 1.0)
    {
      double u;
      do
        u = g_rand_double (rng);
      while (u == 0.0);
      return dxi_random_gamma (rng, shape + 1.0, normal) * pow (u, 1.0 / shape);
    }
  double d = shape - 1.0 / 3, c = 1 / sqrt (9 * d);
  for (;;)
    {
      double z = normal (rng), v = pow (1 + c * z, 3);
      if (v <= 0)
        continue;
      double u = g_rand_double (rng);
      if (log (MAX (u, 1e-300)) < 0.5 * z * z + d - d * v + d * log (v))
        return d * v;
    }
}

double
dxi_random_beta (GRand *rng, double a, double b, double lo, double hi, dxi_random_normal_fn normal)
{
  double x = dxi_random_gamma (rng, a, normal);
  double y = dxi_random_gamma (rng, b, normal);
  return lo + (hi - lo) * x / (x + y);
}

void
dxi_random_dirichlet (GRand *rng, const double *alpha, guint k, double *out)
{
  double sum = 0;
  for (guint i = 0; i < k; i++)
    {
      out[i] = alpha[i] > 0 ? dxi_random_gamma (rng, alpha[i], dxi_random_normal_polar) : 0.0;
      sum += out[i];
    }
  for (guint i = 0; i < k; i++)
    out[i] = sum > 0 ? out[i] / sum : alpha[i];
}
