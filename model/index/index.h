/* The digital exclusion index of a set of areas: the stage's entry point.
 *
 * From an indicator matrix (areas x indicators, raw units, NAN = missing):
 * missing values handled by the study's policy, outliers treated, each
 * indicator normalised (direction-adjusted so higher = more excluded),
 * weighted and aggregated within domains and across, ranked (1 = most
 * excluded), put in deciles and quintiles; then diagnostics and, when
 * draws > 0, Monte Carlo rank intervals and Sobol indices.  See settings.h for
 * every method choice, rank.h for ties and deciles, uncertainty.h for the
 * Monte Carlo.  Pure computation: no file is read or written. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "index/settings.h"
#include "index/treat.h"
#include "index/uncertainty.h"

typedef struct dxi_index_indicator
{
  const char *id;
  const char *label;  /* may be NULL */
  const char *domain; /* NULL: one domain called "index" */
  int direction;      /* +1 higher = more excluded, -1 higher = less excluded */
  double weight;      /* >= 0, relative to the other indicators of its domain */
} dxi_index_indicator;

/* A pair of indicators correlated above the flag threshold. */
typedef struct dxi_index_pair
{
  guint a, b;
  double r;
} dxi_index_pair;

typedef struct dxi_index_result
{
  guint n_areas, n_ind, n_dom;
  /* Indicators (copied). */
  char **ind_id, **ind_label; /* n_ind */
  int *direction;             /* n_ind */
  guint *ind_domain;          /* n_ind: index into dom_name */
  char **dom_name;            /* n_dom, in order of first appearance */
  /* Weights: within-domain (sum 1 per domain), domain (sum 1), effective
   * (within x domain, sum 1). */
  double *weight_within, *weight_domain, *weight_effective;
  /* Per area. */
  double *normalised;        /* n_areas x n_ind, column-major; NAN only under renormalise */
  double *domain_score;      /* n_areas x n_dom, column-major */
  double *score;             /* n_areas */
  guint32 *rank;             /* 1 = most excluded; ties share the best rank */
  guint8 *decile, *quintile; /* 1 = most excluded */
  /* Totals by decile (index 0 = decile 1); NAN when not supplied. */
  double population_by_decile[10], households_by_decile[10];
  guint areas_by_decile[10];
  /* Treatment and missing values, per indicator. */
  DxiOutliers outliers;
  dxi_treatment *treatment; /* n_ind */
  guint *n_missing;         /* n_ind: missing in the input */
  guint *n_imputed;         /* n_ind: of which imputed */
  DxiMissing missing;
  /* Diagnostics. */
  double *correlation; /* n_ind x n_ind (Pearson, normalised values) */
  double *alpha;       /* n_dom: Cronbach's alpha, NAN with one indicator */
  GArray *flagged;     /* dxi_index_pair, |r| > correlation_flag */
  double correlation_flag;
  GPtrArray *notes; /* char *: things the analyst should know */
  /* Method, for the report. */
  DxiIndexPreset preset;
  DxiNormalisation normalisation;
  DxiReference reference;
  DxiAggregation aggregation, domain_aggregation;
  DxiDomainTransform domain_transform;
  double range_lo, range_hi;
  dxi_uncertainty uncertainty;
} dxi_index_result;

/* Compute the index.  VALUES: n_areas x n_ind column-major (raw units);
 * POPULATION, HOUSEHOLDS: per area or NULL; REFERENCE: n_ref x n_ind
 * column-major, required when s->reference is DXI_REF_DATASET, else NULL.
 * Fails (DXI_ERROR_DATA) on a missing value under `missing: fail`, an
 * indicator with no values, or an area with none under renormalise;
 * (DXI_ERROR_CONFIG) on inconsistent settings (no goalposts for an
 * indicator, a domain weight naming no domain, a domain with zero weight). */
dxi_index_result *dxi_index_compute (const double *values, guint n_areas,
                                     const dxi_index_indicator *ind, guint n_ind,
                                     const double *population, const double *households,
                                     const double *reference, guint n_ref,
                                     const dxi_index_settings *s, GError **error);
void dxi_index_result_free (dxi_index_result *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_index_result, dxi_index_result_free)

/* Append the result to AREAS (whose rows are the areas, in order): index_score,
 * index_rank, index_decile, index_quintile, dom_<domain>, norm_<id>, and when
 * the Monte Carlo ran rank_p5, rank_median, rank_p95, p_top_decile.  Domain
 * names are lower-cased with non-alphanumerics as '_'.  Fails when the row
 * counts differ. */
gboolean dxi_index_result_to_frame (const dxi_index_result *r, dxi_frame *areas, GError **error);

/* A plain-text diagnostics report: method, effective weights, treatment,
 * missing values, correlations, alpha, flags, uncertainty and Sobol indices,
 * areas and population by decile. */
void dxi_index_report (const dxi_index_result *r, GString *out);
