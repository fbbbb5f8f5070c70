/* Index settings: method choices, presets and the `index:` mapping of study.yaml.
 *
 * Keys of `index:` (every key optional; explicit keys override the preset):
 *   preset              deri (default) | iod | jrc
 *                         deri  GMCA Digital Exclusion Risk Index v1.x: min-max to
 *                               0-10 over the target areas, no outlier treatment,
 *                               indicator weights (integers) renormalised within
 *                               each component (domain), equal component weights,
 *                               arithmetic means within and across components.
 *                         iod   English Indices of Deprivation 2019 style: each
 *                               indicator ranked and put through the exponential
 *                               transform X = -23 ln(1 - R (1 - e^(-100/23))), R
 *                               the rank scaled to (0,1] (1 = most excluded);
 *                               domain scores re-ranked and transformed the same
 *                               way before the weighted sum (domain_transform).
 *                         jrc   JRC/OECD Handbook and COINr defaults: outlier
 *                               treatment (below), min-max to 0-100, arithmetic.
 *   normalisation       minmax | zscore | rank | percentile | iod_exp
 *                         minmax      lo + (hi - lo) (x - min) / (max - min)
 *                         zscore      (x - mean) / sd  (sample sd)
 *                         rank        rank within the reference, 1 = least excluded,
 *                                     ties averaged
 *                         percentile  100 (rank - 1) / (n - 1)
 *                         iod_exp     IoD exponential transform of rank / n
 *                       An indicator with direction -1 (higher is better) is
 *                       reversed first, so every normalised value grows with exclusion.
 *   range               [lo, hi] for minmax (default [0, 10])
 *   reference           targets (default) | dataset | goalposts: the set whose
 *                       minimum, maximum, mean, sd and ranks normalise the target
 *                       areas: the target areas themselves, every area of a wider
 *                       table (reference_dataset, e.g. all LSOAs of England and
 *                       Wales), or fixed goalposts per indicator (minmax only;
 *                       values beyond the goalposts are clipped to the range;
 *                       other normalisations then use the target areas)
 *   reference_dataset   name of the dataset used when reference is `dataset`
 *   goalposts           {indicator_id: [lo, hi]} in the indicator's own units
 *   outliers            none (default) | jrc: COINr's rule.  An indicator fails when
 *                       |skewness| > 2 and kurtosis > 3.5 (Excel / e1071 type 2
 *                       sample skewness and excess kurtosis, over the reference).
 *                       Failing indicators are winsorised: the most extreme value
 *                       (on the side of the skew; ties together) is set to the next
 *                       one, until the indicator passes or winsorise_max points are
 *                       treated.  If it still fails, the original values are log
 *                       transformed instead: ln(x - min + 0.01 (max - min))
 *                       (mirrored for negative skew).  The report lists each case.
 *   winsorise_max       most points winsorised per indicator (default 5)
 *   aggregation         arithmetic (default) | geometric: indicators within a domain
 *   domain_aggregation  arithmetic (default) | geometric: domains into the index
 *   geometric_shift     geometric means need positive values: when the values
 *                       aggregated include zero or negatives, every value is shifted
 *                       by c = -min + shift (max - min) (min and max over all areas),
 *                       the geometric mean taken and c subtracted again.  Default
 *                       0.1, i.e. the lowest value counts as a tenth of the range.
 *   domain_transform    none | iod_exp: re-rank each domain score and apply the IoD
 *                       exponential transform before combining domains
 *   domain_weights      {domain: weight}, renormalised to sum 1; unlisted domains
 *                       weigh 1 (so the default is equal domain weights)
 *   missing             fail (default) | impute_mean | impute_median | renormalise
 *                         impute_*     a missing value takes the indicator's mean
 *                                      or median over the target areas (raw units)
 *                         renormalise  the area's score uses the indicators (and
 *                                      domains) it has, weights renormalised over them
 *                         fail         any missing value is an error
 *   correlation_flag    |r| above which a pair of indicators is flagged as possible
 *                       double counting (default 0.9)
 *   uncertainty         {draws, seed, concentration, normalisations, aggregations,
 *                        sobol_samples}
 *                         draws          Monte Carlo draws (default 1000; 0 = none)
 *                         seed           random seed (default 1)
 *                         concentration  Dirichlet concentration k: weights in a
 *                                        group are drawn from Dirichlet(k w), w the
 *                                        nominal weights, so sd(w_i) = sqrt(w_i (1 - w_i)
 *                                        / (k + 1)); default 30 (about +-25% of an
 *                                        equal weight among three)
 *                         normalisations alternatives drawn with equal probability
 *                                        together with the nominal one
 *                         aggregations   likewise: an alternative applies within and
 *                                        across domains
 *                         sobol_samples  base samples N of the Saltelli design: Sobol
 *                                        indices cost N (2 + groups varied) extra
 *                                        evaluations (default 256; 0 = none) */
#pragma once
#include <glib.h>

typedef struct dxi_ynode dxi_ynode;

typedef enum
{
  DXI_INDEX_PRESET_DERI,
  DXI_INDEX_PRESET_IOD,
  DXI_INDEX_PRESET_JRC,
} DxiIndexPreset;

typedef enum
{
  DXI_NORM_MINMAX,
  DXI_NORM_ZSCORE,
  DXI_NORM_RANK,
  DXI_NORM_PERCENTILE,
  DXI_NORM_IOD_EXP,
  DXI_NORM_N,
} DxiNormalisation;

typedef enum
{
  DXI_REF_TARGETS,
  DXI_REF_DATASET,
  DXI_REF_GOALPOSTS,
} DxiReference;

typedef enum
{
  DXI_OUTLIERS_NONE,
  DXI_OUTLIERS_JRC,
} DxiOutliers;

typedef enum
{
  DXI_AGG_ARITHMETIC,
  DXI_AGG_GEOMETRIC,
  DXI_AGG_N,
} DxiAggregation;

typedef enum
{
  DXI_DOMAIN_TRANSFORM_NONE,
  DXI_DOMAIN_TRANSFORM_IOD_EXP,
} DxiDomainTransform;

typedef enum
{
  DXI_MISSING_FAIL,
  DXI_MISSING_IMPUTE_MEAN,
  DXI_MISSING_IMPUTE_MEDIAN,
  DXI_MISSING_RENORMALISE,
} DxiMissing;

/* Choice names as written in study.yaml, NULL-terminated, indexed by the enums. */
extern const char *const dxi_index_preset_names[];
extern const char *const dxi_normalisation_names[];
extern const char *const dxi_reference_names[];
extern const char *const dxi_outliers_names[];
extern const char *const dxi_aggregation_names[];
extern const char *const dxi_domain_transform_names[];
extern const char *const dxi_missing_names[];

typedef struct dxi_index_settings
{
  DxiIndexPreset preset;
  DxiNormalisation normalisation;
  double range_lo, range_hi;
  DxiReference reference;
  char *reference_dataset; /* reference: dataset */
  GHashTable *goalposts;   /* indicator id -> double[2] {lo, hi} */
  DxiOutliers outliers;
  guint winsorise_max;
  double skew_limit, kurtosis_limit; /* JRC rule thresholds (2, 3.5) */
  DxiAggregation aggregation, domain_aggregation;
  double geometric_shift;
  DxiDomainTransform domain_transform;
  GHashTable *domain_weights; /* domain name -> double * */
  DxiMissing missing;
  double correlation_flag;
  /* Uncertainty and sensitivity. */
  guint draws;
  guint32 seed;
  double concentration;
  DxiNormalisation alt_normalisations[DXI_NORM_N];
  guint n_alt_normalisations;
  DxiAggregation alt_aggregations[DXI_AGG_N];
  guint n_alt_aggregations;
  guint sobol_samples;
  guint threads; /* worker threads; 0 = number of processors (at most 8) */
} dxi_index_settings;

/* Limits of uncertainty draws and seed (dxi run --draws and --seed are held
 * to them too). */
#define DXI_INDEX_DRAWS_MAX 1000000
#define DXI_INDEX_SEED_MAX G_MAXUINT32

/* Defaults (the deri preset). */
void dxi_index_settings_init (dxi_index_settings *s);
void dxi_index_settings_clear (dxi_index_settings *s);
/* Reset the method choices to PRESET (uncertainty settings are kept). */
void dxi_index_settings_apply_preset (dxi_index_settings *s, DxiIndexPreset preset);
/* OUT (not initialised) becomes a copy of FROM; clear it after. */
void dxi_index_settings_copy (dxi_index_settings *out, const dxi_index_settings *from);
/* Weight of DOMAIN (1 when not listed). */
double dxi_index_settings_domain_weight (const dxi_index_settings *s, const char *domain);

/* Read the `index:` mapping of study.yaml into OUT (initialised here; clear it
 * even on failure).  INDEX_NODE may be NULL: defaults. */
gboolean dxi_index_settings_from_yaml (const dxi_ynode *index_node, dxi_index_settings *out,
                                       GError **error);
