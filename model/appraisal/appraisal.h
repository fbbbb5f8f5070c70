/* The appraisal of one scenario over the study's areas, the Green Book way.
 *
 * Reach: each intervention's targeted areas (by the index: top N% by rank,
 * chosen deciles, named areas, or all) share the people reached each year by
 * the allocation rule, and no area is reached more often, over the years, than
 * its cap column (excluded adults by default); people an area cannot take go to
 * the other targeted areas, and what no area can take is reported.  With a
 * budget, people reached = (budget - fixed costs) / cost per person.
 * People helped = reached x success rate.
 * Benefits: each person helped in year t yields each of the intervention's
 * streams (a value per person, or quantity x (unit value - less unit value) x
 * eligibility) from year t + lag for `persistence` years, falling by drop_off
 * a year, ramped up over ramp_up_years, grown by its real growth a year from
 * year 0, net of additionality, x (1 - deadweight)(1 - displacement)(1 -
 * leakage), and of the optimism bias on benefits of the stream's confidence
 * grade, x (1 - bias).
 * Costs: fixed capital and revenue plus cost per person reached, uplifted by
 * optimism bias.  Discounting: Green Book STPR (health streams on the health
 * schedule), year 0 = first_year undiscounted.  All values are real, in
 * price-base-year pounds.
 * Uncertainty: Monte Carlo over every parameter with a distribution (seeded);
 * switching values (the value of one input at which NPSV = 0, others nominal);
 * a tornado of NPSV with each input at (1 -+ tornado_range) of nominal.
 * Pure computation: no file is read or written. */
#pragma once
#include <glib.h>

#include "appraisal/greenbook.h"
#include "config/scenario.h"
#include "core/frame.h"

#define DXI_HIST_BINS 20

/* Monte Carlo statistics of NPSV and BCR. */
typedef struct dxi_mc_stats
{
  guint draws, bcr_draws; /* bcr_draws: draws with a cost, over which the BCR statistics run */
  double npsv_mean, npsv_p5, npsv_p50, npsv_p95;
  double bcr_mean, bcr_p5, bcr_p50, bcr_p95, p_bcr_above_1; /* NAN when no draw has a cost */
} dxi_mc_stats;

/* Returns on investment as the GMCA CBA model reports them, each over the PV
 * of public cost (all of dxi's costs are public spending): fiscal (benefits to
 * public-sector recipients), economic (economic benefits), public value (all
 * benefits: fiscal + economic + social, so equal to the BCR here). */
typedef enum
{
  DXI_ROI_FISCAL,
  DXI_ROI_ECONOMIC,
  DXI_ROI_PUBLIC_VALUE,
  DXI_N_ROI,
} DxiRoi;
extern const char *const dxi_roi_names[]; /* "fiscal_roi", "economic_roi", "public_value_roi" */

typedef struct dxi_appraisal
{
  const dxi_scenario *sc; /* borrowed */
  guint n_years, n_areas, n_streams, n_iv, n_params;
  double *df, *df_health;   /* n_years */
  double *reached, *helped; /* n_iv x n_years (iv-major) */
  double *unplaced;         /* n_iv: people no targeted area could take */
  double *cost_capital, *cost_revenue, *cost_variable,
      *cost_optimism; /* n_years, all interventions */
  /* The benefit table, the one home of every benefit figure: real, net of
   * additionality, by intervention x stream x year (iv-major, then stream);
   * BENEFIT is its sum over interventions, n_streams x n_years. */
  double *iv_benefit;
  double *benefit;
  /* Totals of each year, n_years: people reached and helped by every
   * intervention, direct and indirect benefits. */
  double *year_reached, *year_helped, *year_direct, *year_indirect;
  double pv_costs, pv_benefits, npsv, bcr, pv_direct, pv_indirect; /* bcr NAN without costs */
  double direct_per_year,
      indirect_per_year; /* undiscounted yearly average over years with benefits */
  int payback_year;      /* calendar year, or 0 when costs are never paid back */
  double pv_by_recipient[DXI_N_RECIPIENTS]; /* in dxi_recipient_names order */
  double pv_by_type[DXI_N_ROI];             /* fiscal, economic, social (DxiValueType order) */
  guint n_by_type[DXI_N_ROI];               /* streams of each value type */
  double roi[DXI_N_ROI]; /* fiscal, economic, public value ROI; NAN when undefined */
  double *area_reached, *area_helped, *area_pv_benefit, *area_cost; /* n_areas, whole appraisal */
  double *area_year_reached; /* n_areas x n_years (area-major), all interventions */
  guint *area_targeted;      /* n_areas: number of interventions targeting the area */
  gboolean *iv_targeted;     /* n_iv x n_areas (iv-major): the nominal targeting */
  double *iv_area_year;      /* n_iv x n_areas x n_years: people reached, the scenario's split */
  double *iv_cap;            /* n_iv x n_areas: each area's cap for the intervention */
  double *cap_total;         /* n_iv: sum of the caps of its targeted areas */
  /* Monte Carlo. */
  guint draws;
  double npsv_mean, npsv_p5, npsv_p50, npsv_p95;
  guint bcr_draws; /* draws with a cost, over which the BCR statistics run (NAN when none) */
  double bcr_mean, bcr_p5, bcr_p50, bcr_p95, p_bcr_above_1;
  double hist_lo, hist_hi;
  guint hist[DXI_HIST_BINS];
  /* Local economic impact (sc->local), undiscounted, apart from the NPSV;
   * NAN without one. */
  double *local_gross_by_year;   /* n_years; NULL without one */
  double local_gross, local_net; /* first_year to sc->local->to_year */
  /* Joint index + appraisal Monte Carlo (dxi_appraise_joint): draw d of the
   * appraisal targets the areas index draw d mod index_draws ranks highest;
   * the parameter draws are the same as above, so the difference is the
   * targeting's.  index_draws 0: not run (the arrays are NULL). */
  guint index_draws;
  dxi_mc_stats joint;
  double *iv_p_targeted;   /* n_iv x n_areas: share of draws in which the intervention targets it */
  double *area_p_targeted; /* n_areas: share of draws in which any intervention targets it */
  guint *iv_targets_vary;  /* n_iv: areas whose targeting is not the same in every draw */
  /* Sensitivity, per parameter. */
  double *switching;                  /* NAN when NPSV never reaches 0 in range */
  double *tornado_low, *tornado_high; /* NPSV at (1 - r) and (1 + r) of nominal */
} dxi_appraisal;

/* AREAS: the area table (index_rank, index_decile and the cap, allocation
 * columns).  DRAWS overrides the scenario's when >= 0. */
dxi_appraisal *dxi_appraise (const dxi_scenario *sc, const dxi_frame *areas, gint64 draws,
                             GError **error);
void dxi_appraisal_free (dxi_appraisal *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_appraisal, dxi_appraisal_free)

/* Run the Monte Carlo again with the index's uncertainty: RANKS holds
 * INDEX_DRAWS x n_areas ranks (1 = most excluded), one row per index draw;
 * fills A->joint and the targeting shares. */
void dxi_appraise_joint (dxi_appraisal *a, const guint32 *ranks, guint index_draws);
/* PV (at the appraisal's discount factors) of the benefits of one person
 * helped by intervention IV in each year t of the horizon, nominal values:
 * OUT[t], n_years. */
void dxi_appraisal_pv_per_helped (const dxi_appraisal *a, const dxi_intervention *iv, double *out);

/* People reached and helped over the whole appraisal, by all interventions. */
void dxi_appraisal_people (const dxi_appraisal *a, double *reached, double *helped);

/* NPSV with parameter values VALUES (one per sc->params), totals only. */
double dxi_appraisal_npsv (const dxi_appraisal *a, const double *values);
/* Why the BCR (K < 0) or ROI K is undefined ("n/a (no cost)", "n/a (no
 * fiscal streams)", ...), NULL when it has a value. */
/* Intervention IV's benefit of stream STREAM, n_years: a row of the benefit table. */
static inline const double *
dxi_appraisal_iv_benefit (const dxi_appraisal *a, guint iv, guint stream)
{
  return a->iv_benefit + ((gsize) iv * a->n_streams + stream) * a->n_years;
}

const char *dxi_appraisal_undefined (const dxi_appraisal *a, int k);
/* The value of one stream per person helped per year with parameter VALUES
 * (NULL = nominal), net of additionality and of its optimism bias on benefits. */
double dxi_stream_net_value (const dxi_scenario *sc, const double *values, const dxi_stream *s);
/* What the index's uncertainty does to the result and the targeting (after
 * dxi_appraise_joint; nothing when it did not run). */
void dxi_appraisal_joint_summary (const dxi_appraisal *a, const dxi_frame *areas, GString *out);
/* A short text summary for the terminal. */
void dxi_appraisal_summary (const dxi_appraisal *a, GString *out);
