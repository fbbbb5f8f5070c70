/* The budget optimiser: the scenario's own spend on people reached, year by
 * year, split again across its interventions and the areas each one
 * targets, to maximise NPSV on the scenario's own problem:
 *   - targeting: an intervention reaches only the areas the scenario's
 *     targeting picks for it (at the nominal ranks);
 *   - caps: no area holds more of an intervention, over the appraisal, than
 *     its cap column (excluded adults by default); an intervention reaches at
 *     most optimiser.capacity people a year when given; each year's spend is
 *     at most the scenario's variable spend that year;
 *   - diminishing returns: reaching people in an area costs more as its cap
 *     is used up; the marginal cost of the next person is
 *         c (1 + k u),  u = people reached so far / the area's cap,
 *     c the cost per person and k = optimiser.reach_cost_rise (required, with
 *     its source: dxi has no default), so the area's last person costs
 *     (1 + k) c and reaching q more from u0 costs c q (1 + k (u0 + u1) / 2).
 * Each person reached by intervention i in year t is worth
 * v_it = success_i x PV of benefits per person helped in year t.  Within a
 * year the optimum funds each option (intervention, area) up to the point
 * where its net value per pound, v_it / (c (1 + k u)) - (1 + optimism bias)
 * DF_t, equals one threshold shared by all (a Lagrange multiplier found by
 * bisection); a capacity adds one threshold per intervention; with k = 0
 * the best net value per pound is funded first, the most excluded areas
 * first (the fractional knapsack).  Years are solved in order, each with
 * the caps the earlier years left.
 * The comparison is on the same problem: the scenario's own split (its
 * people per intervention, area and year) priced on the same cost curve
 * with the same spend (scaled down in a year where it would cost more,
 * and to the capacity), against the optimised split.  Where the optimised
 * split is not better, the scenario's is kept and the report says so.
 * Fixed costs are kept as the scenario has them. */
#pragma once
#include <glib.h>

#include "appraisal/appraisal.h"
#include "config/optimiser.h"

typedef struct dxi_optimum
{
  gboolean ran;           /* FALSE: no optimiser settings; the arrays are NULL */
  gboolean kept_scenario; /* the optimised split was not better: the scenario's is reported */
  guint n_iv, n_areas;
  double reach_cost_rise;
  double *people;      /* n_iv x n_areas (iv-major): people reached over the appraisal, optimised */
  double *base_people; /* n_iv x n_areas: the scenario's split on the same problem */
  double *marginal_cost; /* n_iv x n_areas: cost of the next person at the end, optimised */
  double *iv_people, *iv_base_people; /* n_iv */
  char **why;                         /* n_iv: why the intervention got what it got */
  double npsv;                        /* the optimised split */
  double base_npsv;                   /* the scenario's split, same cost curve, caps and spend */
  double scenario_npsv;               /* dxi's appraisal of the scenario (no rising reach cost) */
  double spend;                       /* variable spend available (price-base pounds, all years) */
  double unspent,
      base_unspent; /* spend left because nothing returned more than it cost / the caps were full */
} dxi_optimum;

/* AREAS: the area table (index_rank orders areas when reach cost does not
 * rise).  SETTINGS NULL or not given: an optimum that did not run. */
dxi_optimum *dxi_optimise (const dxi_appraisal *a, const dxi_frame *areas, GError **error);
void dxi_optimum_free (dxi_optimum *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_optimum, dxi_optimum_free)

/* The optimiser's lines of the terminal summary. */
void dxi_optimum_summary (const dxi_optimum *o, const dxi_appraisal *a, GString *out);
