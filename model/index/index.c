#include "index/index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"
#include "index/scorer.h"
#include "index/diagnostics.h"
#include "index/normalise.h"
#include "index/rank.h"

void
dxi_index_result_free (dxi_index_result *r)
{
  if (r == NULL)
    return;
  g_strfreev (r->ind_id);
  g_strfreev (r->ind_label);
  g_strfreev (r->dom_name);
  g_free (r->direction);
  g_free (r->ind_domain);
  g_free (r->weight_within);
  g_free (r->weight_domain);
  g_free (r->weight_effective);
  g_free (r->normalised);
  g_free (r->domain_score);
  g_free (r->score);
  g_free (r->rank);
  g_free (r->decile);
  g_free (r->quintile);
  g_free (r->treatment);
  g_free (r->n_missing);
  g_free (r->n_imputed);
  g_free (r->correlation);
  g_free (r->alpha);
  if (r->flagged)
    g_array_unref (r->flagged);
  if (r->notes)
    g_ptr_array_unref (r->notes);
  dxi_uncertainty_clear (&r->uncertainty);
  g_free (r);
}

static void note (dxi_index_result *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
note (dxi_index_result *r, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_ptr_array_add (r->notes, g_strdup_vprintf (format, ap));
  va_end (ap);
}

/* Each indicator's domain, in order of first use: R's ind_* and dom_name. */
static void
collect_domains (dxi_index_result *r, const dxi_index_indicator *ind)
{
  GPtrArray *doms = g_ptr_array_new ();
  r->ind_id = g_new0 (char *, r->n_ind + 1);
  r->ind_label = g_new0 (char *, r->n_ind + 1);
  r->direction = g_new (int, r->n_ind);
  r->ind_domain = g_new (guint, r->n_ind);
  for (guint j = 0; j < r->n_ind; j++)
    {
      const char *dom = ind[j].domain ? ind[j].domain : "index";
      r->ind_id[j] = g_strdup (ind[j].id);
      r->ind_label[j] = g_strdup (ind[j].label ? ind[j].label : ind[j].id);
      r->direction[j] = ind[j].direction;
      guint d = 0;
      while (d < doms->len && strcmp (doms->pdata[d], dom) != 0)
        d++;
      if (d == doms->len)
        g_ptr_array_add (doms, g_strdup (dom));
      r->ind_domain[j] = d;
    }
  r->n_dom = doms->len;
  g_ptr_array_add (doms, NULL);
  r->dom_name = (char **) g_ptr_array_free (doms, FALSE);
}

static gboolean
check_indicators (const dxi_index_result *r, const dxi_index_indicator *ind, GError **error)
{
  for (guint j = 0; j < r->n_ind; j++)
    {
      if (ind[j].direction != 1 && ind[j].direction != -1)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "indicator '%s': direction must be 1 or -1, not %d", ind[j].id,
                       ind[j].direction);
          return FALSE;
        }
      if (!(ind[j].weight >= 0 && isfinite (ind[j].weight)))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "indicator '%s': weight must be a number >= 0", ind[j].id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every domain weight names a domain of the indicators. */
static gboolean
check_domain_weights (const dxi_index_result *r, const dxi_index_settings *s, GError **error)
{
  const char *const *names = (const char *const *) r->dom_name;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, s->domain_weights);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!g_strv_contains (names, key))
      {
        const char *near = dxi_suggest (key, names);
        g_autofree char *valid = dxi_choices_join (names);
        g_autofree char *hint = near ? g_strdup_printf ("did you mean '%s'?", near)
                                     : g_strdup_printf ("domains: %s", valid);
        g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                     "domain weight for '%s' names no domain of the indicators (%s)",
                     (const char *) key, hint);
        return FALSE;
      }
  return TRUE;
}

/* Weights within each domain and of the domains, each summing to 1, and
 * their products. */
static gboolean
normalise_weights (dxi_index_result *r, const dxi_index_indicator *ind, const dxi_index_settings *s,
                   GError **error)
{
  r->weight_within = g_new (double, r->n_ind);
  r->weight_domain = g_new0 (double, r->n_dom);
  r->weight_effective = g_new (double, r->n_ind);
  double dom_total = 0;
  for (guint d = 0; d < r->n_dom; d++)
    {
      double sum = 0;
      for (guint j = 0; j < r->n_ind; j++)
        if (r->ind_domain[j] == d)
          sum += ind[j].weight;
      if (!(sum > 0))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "domain '%s': its indicators' weights sum to 0", r->dom_name[d]);
          return FALSE;
        }
      for (guint j = 0; j < r->n_ind; j++)
        if (r->ind_domain[j] == d)
          r->weight_within[j] = ind[j].weight / sum;
      r->weight_domain[d] = dxi_index_settings_domain_weight (s, r->dom_name[d]);
      dom_total += r->weight_domain[d];
    }
  if (!(dom_total > 0))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "domain weights sum to 0");
      return FALSE;
    }
  for (guint d = 0; d < r->n_dom; d++)
    r->weight_domain[d] /= dom_total;
  for (guint j = 0; j < r->n_ind; j++)
    r->weight_effective[j] = r->weight_within[j] * r->weight_domain[r->ind_domain[j]];
  return TRUE;
}

/* Indicators, domains and weights: validated and renormalised. */
static gboolean
set_up_weights (dxi_index_result *r, const dxi_index_indicator *ind, const dxi_index_settings *s,
                GError **error)
{
  collect_domains (r, ind);
  return check_indicators (r, ind, error) && check_domain_weights (r, s, error)
         && normalise_weights (r, ind, s, error);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Copy indicator J's values to RAW, handling missing values by the policy. */
static gboolean
fill_missing (dxi_index_result *r, guint j, const double *col, double *raw, DxiMissing policy,
              GError **error)
{
  guint n = r->n_areas, missing = 0, first = 0;
  g_autofree double *seen = g_new (double, n);
  guint k = 0;
  for (guint a = 0; a < n; a++)
    {
      raw[a] = col[a];
      if (isnan (col[a]))
        {
          if (missing++ == 0)
            first = a;
        }
      else
        seen[k++] = col[a];
    }
  r->n_missing[j] = missing;
  if (missing == 0)
    return TRUE;
  if (k == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "indicator '%s' has no value in any area",
                   r->ind_id[j]);
      return FALSE;
    }
  double fill = NAN;
  switch (policy)
    {
    case DXI_MISSING_FAIL:
      g_set_error (
          error, DXI_ERROR, DXI_ERROR_DATA,
          "indicator '%s' is missing for %u of %u areas (first: area %u); set index 'missing' to "
          "impute_mean, impute_median or renormalise",
          r->ind_id[j], missing, n, first + 1);
      return FALSE;
    case DXI_MISSING_RENORMALISE:
      return TRUE;
    case DXI_MISSING_IMPUTE_MEAN:
      fill = 0;
      for (guint i = 0; i < k; i++)
        fill += seen[i];
      fill /= k;
      break;
    case DXI_MISSING_IMPUTE_MEDIAN:
      qsort (seen, k, sizeof (double), cmp_double);
      fill = k % 2 ? seen[k / 2] : (seen[k / 2 - 1] + seen[k / 2]) / 2;
      break;
    }
  for (guint a = 0; a < n; a++)
    if (isnan (raw[a]))
      raw[a] = fill;
  r->n_imputed[j] = missing;
  return TRUE;
}

/* Treat, direction-adjust and normalise indicator J into every choice of SC. */
static gboolean
normalise_indicator (dxi_index_result *r, guint j, const double *values, const double *reference,
                     guint n_ref, const dxi_index_settings *s, dxi_scorer *sc, GError **error)
{
  guint n = r->n_areas;
  const double *col = values + (gsize) j * n;
  const double *ref_col = reference ? reference + (gsize) j * n_ref : col;
  guint nr = reference ? n_ref : n;
  g_autofree double *x = g_new (double, n);
  g_autofree double *ref = g_new (double, nr);
  if (!fill_missing (r, j, col, x, s->missing, error))
    return FALSE;
  memcpy (ref, ref_col, nr * sizeof (double));

  dxi_treatment *t = &r->treatment[j];
  if (s->outliers == DXI_OUTLIERS_JRC)
    dxi_treatment_find (ref, nr, s->winsorise_max, s->skew_limit, s->kurtosis_limit, t);
  else
    {
      *t = (dxi_treatment){
        .kind = DXI_TREAT_NONE, .cap_lo = -INFINITY, .cap_hi = INFINITY, .passes = TRUE
      };
      t->skew_before = t->skew_after = dxi_treat_skewness (ref, nr);
      t->kurt_before = t->kurt_after = dxi_treat_kurtosis (ref, nr);
    }
  dxi_treatment_apply (t, x, n, x);
  dxi_treatment_apply (t, ref, nr, ref);
  double dir = r->direction[j];
  for (guint a = 0; a < n; a++)
    x[a] *= dir;
  for (guint a = 0; a < nr; a++)
    ref[a] *= dir;

  dxi_normalise_ref nref;
  dxi_normalise_ref_init (&nref, ref, nr);
  if (nref.n == 0)
    {
      dxi_normalise_ref_clear (&nref);
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "indicator '%s' has no value in the reference areas", r->ind_id[j]);
      return FALSE;
    }
  if (s->reference == DXI_REF_GOALPOSTS)
    {
      const double *gp = g_hash_table_lookup (s->goalposts, r->ind_id[j]);
      if (gp == NULL)
        {
          dxi_normalise_ref_clear (&nref);
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "no goalposts for indicator '%s' (index 'goalposts')", r->ind_id[j]);
          return FALSE;
        }
      double g[2];
      dxi_treatment_apply (t, gp, 2, g);
      dxi_normalise_ref_set_goalposts (&nref, MIN (g[0] * dir, g[1] * dir),
                                       MAX (g[0] * dir, g[1] * dir));
    }
  if (!(nref.max > nref.min))
    note (r,
          "indicator '%s' does not vary over the reference: min-max gives the middle of the range, "
          "z-score 0",
          r->ind_id[j]);
  for (guint k = 0; k < sc->n_norm; k++)
    dxi_normalise (sc->norm[k], &nref, s->range_lo, s->range_hi, x, n,
                   sc->values[k] + (gsize) j * n);
  dxi_normalise_ref_clear (&nref);
  return TRUE;
}

static void
set_up_choices (dxi_scorer *sc, const dxi_index_settings *s)
{
  sc->norm[sc->n_norm++] = s->normalisation;
  for (guint i = 0; i < s->n_alt_normalisations; i++)
    if (s->alt_normalisations[i] != s->normalisation)
      sc->norm[sc->n_norm++] = s->alt_normalisations[i];
  sc->within[0] = s->aggregation;
  sc->across[0] = s->domain_aggregation;
  sc->n_agg = 1;
  for (guint i = 0; i < s->n_alt_aggregations; i++)
    {
      DxiAggregation a = s->alt_aggregations[i];
      if (a == s->aggregation && a == s->domain_aggregation)
        continue;
      sc->within[sc->n_agg] = sc->across[sc->n_agg] = a;
      sc->n_agg++;
    }
  sc->domain_transform = s->domain_transform;
  sc->shift_frac = s->geometric_shift;
  gsize cells = (gsize) sc->n_areas * sc->n_ind;
  for (guint k = 0; k < sc->n_norm; k++)
    sc->values[k] = g_new (double, MAX (cells, 1));
}

static void
diagnose (dxi_index_result *r)
{
  guint n = r->n_areas, k = r->n_ind;
  r->correlation = g_new (double, (gsize) k *k);
  r->flagged = g_array_new (FALSE, FALSE, sizeof (dxi_index_pair));
  for (guint a = 0; a < k; a++)
    {
      r->correlation[(gsize) a * k + a] = 1.0;
      for (guint b = a + 1; b < k; b++)
        {
          double c = dxi_diagnostics_pearson (r->normalised + (gsize) a * n,
                                              r->normalised + (gsize) b * n, n);
          r->correlation[(gsize) a * k + b] = r->correlation[(gsize) b * k + a] = c;
          if (fabs (c) > r->correlation_flag)
            {
              dxi_index_pair p = { a, b, c };
              g_array_append_val (r->flagged, p);
            }
        }
    }
  r->alpha = g_new (double, r->n_dom);
  g_autofree double *sub = g_new (double, (gsize) n *k);
  for (guint d = 0; d < r->n_dom; d++)
    {
      guint m = 0;
      for (guint j = 0; j < k; j++)
        if (r->ind_domain[j] == d)
          memcpy (sub + (gsize) (m++) * n, r->normalised + (gsize) j * n, n * sizeof (double));
      r->alpha[d] = dxi_diagnostics_cronbach_alpha (sub, n, m);
    }
}

static void
rank_and_band (dxi_index_result *r, const double *population, const double *households)
{
  guint n = r->n_areas;
  r->rank = g_new (guint32, n);
  r->decile = g_new (guint8, n);
  r->quintile = g_new (guint8, n);
  dxi_rank_scores (r->score, n, r->rank);
  for (guint i = 0; i < 10; i++)
    {
      r->population_by_decile[i] = population ? 0 : NAN;
      r->households_by_decile[i] = households ? 0 : NAN;
    }
  for (guint a = 0; a < n; a++)
    {
      guint dec = dxi_rank_decile (r->rank[a], n);
      r->decile[a] = dec;
      r->quintile[a] = dxi_rank_quintile (r->rank[a], n);
      r->areas_by_decile[dec - 1]++;
      if (population && !isnan (population[a]))
        r->population_by_decile[dec - 1] += population[a];
      if (households && !isnan (households[a]))
        r->households_by_decile[dec - 1] += households[a];
    }
}

dxi_index_result *
dxi_index_compute (const double *values, guint n_areas, const dxi_index_indicator *ind, guint n_ind,
                   const double *population, const double *households, const double *reference,
                   guint n_ref, const dxi_index_settings *s, GError **error)
{
  g_return_val_if_fail (values != NULL && ind != NULL && s != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (n_areas == 0 || n_ind == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "nothing to index: %u areas, %u indicators",
                   n_areas, n_ind);
      return NULL;
    }
  if (s->reference == DXI_REF_DATASET && (reference == NULL || n_ref == 0))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                   "index 'reference: dataset' needs a table of reference "
                   "areas ('reference_dataset')");
      return NULL;
    }
  g_autoptr (dxi_index_result) r = g_new0 (dxi_index_result, 1);
  r->n_areas = n_areas;
  r->n_ind = n_ind;
  r->notes = g_ptr_array_new_with_free_func (g_free);
  r->outliers = s->outliers;
  r->missing = s->missing;
  r->correlation_flag = s->correlation_flag;
  r->preset = s->preset;
  r->normalisation = s->normalisation;
  r->reference = s->reference;
  r->aggregation = s->aggregation;
  r->domain_aggregation = s->domain_aggregation;
  r->domain_transform = s->domain_transform;
  r->range_lo = s->range_lo;
  r->range_hi = s->range_hi;
  if (!set_up_weights (r, ind, s, error))
    return NULL;

  dxi_scorer sc;
  dxi_scorer_init (&sc, n_areas, n_ind, r->n_dom);
  memcpy (sc.dom_of, r->ind_domain, n_ind * sizeof (guint));
  set_up_choices (&sc, s);
  r->treatment = g_new0 (dxi_treatment, n_ind);
  r->n_missing = g_new0 (guint, n_ind);
  r->n_imputed = g_new0 (guint, n_ind);
  const double *ref = s->reference == DXI_REF_DATASET ? reference : NULL;
  for (guint j = 0; j < n_ind; j++)
    if (!normalise_indicator (r, j, values, ref, n_ref, s, &sc, error))
      {
        dxi_scorer_clear (&sc);
        return NULL;
      }
  dxi_scorer_prepare (&sc);
  r->normalised = g_memdup2 (sc.values[0], (gsize) n_areas * n_ind * sizeof (double));

  dxi_scorer_work work;
  dxi_scorer_work_init (&sc, &work);
  r->score = g_new (double, n_areas);
  dxi_scorer_score (&sc, 0, 0, r->weight_within, r->weight_domain, &work, r->score);
  r->domain_score = g_memdup2 (work.dom, (gsize) n_areas * r->n_dom * sizeof (double));
  dxi_scorer_work_clear (&work);
  for (guint a = 0; a < n_areas; a++)
    if (isnan (r->score[a]))
      {
        g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "area %u has no indicator values to score",
                     a + 1);
        dxi_scorer_clear (&sc);
        return NULL;
      }
  rank_and_band (r, population, households);
  diagnose (r);
  if (s->draws > 0 && n_areas >= 2)
    dxi_uncertainty_run (&sc, r->weight_within, r->weight_domain, r->rank, s, &r->uncertainty);
  dxi_scorer_clear (&sc);
  return g_steal_pointer (&r);
}
