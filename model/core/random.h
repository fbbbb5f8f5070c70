/* Random deviates for the Monte Carlo draws of the index (Dirichlet weights)
 * and of the appraisal (normal, lognormal and PERT parameters), from GLib's
 * GRand (Mersenne Twister).  Two methods of the standard normal are kept
 * because each stage's seeded results depend on the stream its method draws:
 * the index's Dirichlet uses Marsaglia's polar method, the appraisal
 * Box-Muller; both feed the one gamma below. */
#pragma once
#include <glib.h>

/* A standard normal deviate drawn from RNG. */
typedef double (*dxi_random_normal_fn) (GRand *rng);

/* Marsaglia's polar method (1964): pairs in the unit disc, one deviate kept. */
double dxi_random_normal_polar (GRand *rng);
/* Box-Muller (1958), cosine branch, from two uniforms drawn in order. */
double dxi_random_normal_box_muller (GRand *rng);
/* The same from uniforms U1, U2 in [0, 1) already drawn. */
double dxi_random_box_muller (double u1, double u2);
/* Gamma(SHAPE, 1) by Marsaglia and Tsang (2000), its normals from NORMAL;
 * SHAPE < 1 through Gamma(SHAPE + 1) U^(1/SHAPE). */
double dxi_random_gamma (GRand *rng, double shape, dxi_random_normal_fn normal);
/* Beta(A, B) on [LO, HI]: LO + (HI - LO) X / (X + Y), X ~ Gamma(A) drawn
 * before Y ~ Gamma(B). */
double dxi_random_beta (GRand *rng, double a, double b, double lo, double hi,
                        dxi_random_normal_fn normal);
/* Dirichlet(ALPHA[0..K)) into OUT (ALPHA[i] = 0 gives 0), polar normals. */
void dxi_random_dirichlet (GRand *rng, const double *alpha, guint k, double *out);
