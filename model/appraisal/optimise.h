/* The budget optimiser: the scenario's own spend on people reached (its
 * variable spend, year by year) split again across areas x interventions to
 * maximise NPSV under the caps.  Each person reached by intervention i in
 * year t adds  v_it = success_i x PV of benefits per person helped in t  and
 * costs c_i (x optimism bias and the discount factor in PV);  with one
 * budget per year, upper bounds per area (the caps, shared across the years)
 * and a linear objective, funding the best net value per pound first is
 * exact (the fractional knapsack).  Benefits per person do not vary by area,
 * so among areas the optimiser fills the most excluded first (index rank).
 * Fixed costs are kept as the scenario has them. */
#pragma once
#include <glib.h>

#include "appraisal/engine.h"

typedef struct dxi_optimum
{
  guint n_iv, n_areas;
  double *people;      /* n_iv x n_areas (iv-major): people reached over the appraisal */
  double *iv_people;   /* n_iv */
  double npsv;         /* NPSV of the optimised split */
  double scenario_npsv;
  double spend;        /* variable spend re-split (price-base pounds) */
} dxi_optimum;

dxi_optimum *dxi_optimise (const dxi_appraisal *a, const dxi_frame *areas, GError **error);
void dxi_optimum_free (dxi_optimum *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_optimum, dxi_optimum_free)
