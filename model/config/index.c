#include "config/index.h"

#include <math.h>

#include "core/error.h"
#include "core/ydoc.h"

const char *const dxi_index_preset_names[] = { "deri", "iod", "jrc", NULL };
const char *const dxi_normalisation_names[]
    = { "minmax", "zscore", "rank", "percentile", "iod_exp", NULL };
const char *const dxi_reference_names[] = { "targets", "dataset", "goalposts", NULL };
const char *const dxi_outliers_names[] = { "none", "jrc", NULL };
const char *const dxi_aggregation_names[] = { "arithmetic", "geometric", NULL };
const char *const dxi_domain_transform_names[] = { "none", "iod_exp", NULL };
const char *const dxi_missing_names[]
    = { "fail", "impute_mean", "impute_median", "renormalise", NULL };

static const char *const index_keys[] = {
  "preset",
  "normalisation",
  "range",
  "reference",
  "reference_dataset",
  "goalposts",
  "outliers",
  "winsorise_max",
  "aggregation",
  "domain_aggregation",
  "geometric_shift",
  "domain_transform",
  "domain_weights",
  "missing",
  "correlation_flag",
  "uncertainty",
  NULL,
};

static const char *const uncertainty_keys[] = {
  "draws", "seed", "concentration", "normalisations", "aggregations", "sobol_samples", NULL,
};

void
dxi_index_settings_init (dxi_index_settings *s)
{
  *s = (dxi_index_settings){ 0 };
  s->goalposts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->domain_weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->winsorise_max = 5;
  s->skew_limit = 2.0;
  s->kurtosis_limit = 3.5;
  s->geometric_shift = 0.1;
  s->missing = DXI_MISSING_FAIL;
  s->correlation_flag = 0.9;
  s->draws = 1000;
  s->seed = 1;
  s->concentration = 30.0;
  s->sobol_samples = 256;
  dxi_index_settings_apply_preset (s, DXI_INDEX_PRESET_DERI);
}

void
dxi_index_settings_clear (dxi_index_settings *s)
{
  g_clear_pointer (&s->goalposts, g_hash_table_unref);
  g_clear_pointer (&s->domain_weights, g_hash_table_unref);
  g_clear_pointer (&s->reference_dataset, g_free);
}

static GHashTable *
copy_numbers (GHashTable *from, gsize size)
{
  GHashTable *to = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, from);
  while (g_hash_table_iter_next (&it, &key, &value))
    g_hash_table_insert (to, g_strdup (key), g_memdup2 (value, size));
  return to;
}

void
dxi_index_settings_copy (dxi_index_settings *out, const dxi_index_settings *from)
{
  *out = *from;
  out->reference_dataset = g_strdup (from->reference_dataset);
  out->goalposts = copy_numbers (from->goalposts, 2 * sizeof (double));
  out->domain_weights = copy_numbers (from->domain_weights, 2 * sizeof (double));
}

void
dxi_index_settings_apply_preset (dxi_index_settings *s, DxiIndexPreset preset)
{
  s->preset = preset;
  s->reference = DXI_REF_TARGETS;
  s->aggregation = DXI_AGG_ARITHMETIC;
  s->domain_aggregation = DXI_AGG_ARITHMETIC;
  s->domain_transform = DXI_DOMAIN_TRANSFORM_NONE;
  s->outliers = DXI_OUTLIERS_NONE;
  s->normalisation = DXI_NORM_MINMAX;
  s->range_lo = 0.0;
  s->range_hi = 10.0;
  switch (preset)
    {
    case DXI_INDEX_PRESET_DERI:
      break;
    case DXI_INDEX_PRESET_IOD:
      s->normalisation = DXI_NORM_IOD_EXP;
      s->domain_transform = DXI_DOMAIN_TRANSFORM_IOD_EXP;
      break;
    case DXI_INDEX_PRESET_JRC:
      s->outliers = DXI_OUTLIERS_JRC;
      s->range_hi = 100.0;
      break;
    }
}

double
dxi_index_settings_domain_weight (const dxi_index_settings *s, const char *domain)
{
  const double *w = domain ? g_hash_table_lookup (s->domain_weights, domain) : NULL;
  return w ? *w : 1.0;
}

/* A finite number >= 0 (or > 0 when POSITIVE) at NODE. */
static gboolean
read_weight (const dxi_ynode *node, gboolean positive, double *out, GError **error)
{
  if (!dxi_ynode_double (node, out, error))
    return FALSE;
  if (*out < 0 || (positive && *out == 0))
    {
      dxi_ynode_error (node, error, "expected a number %s 0, found '%s'",
                       positive ? ">" : ">=", node->value);
      return FALSE;
    }
  return TRUE;
}

/* A [lo, hi] pair with lo < hi. */
static gboolean
read_pair (const dxi_ynode *node, double pair[2], GError **error)
{
  if (!dxi_ynode_expect (node, DXI_YNODE_SEQ, error))
    return FALSE;
  if (dxi_ynode_len (node) != 2)
    {
      dxi_ynode_error (node, error, "expected two numbers [lo, hi], found %u",
                       dxi_ynode_len (node));
      return FALSE;
    }
  if (!dxi_ynode_double (dxi_ynode_at (node, 0), &pair[0], error)
      || !dxi_ynode_double (dxi_ynode_at (node, 1), &pair[1], error))
    return FALSE;
  if (!(pair[0] < pair[1]))
    {
      dxi_ynode_error (node, error, "expected lo < hi in [lo, hi]");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_count (const dxi_ynode *map, const char *key, gint64 max, guint *out, GError **error)
{
  gint64 v = *out;
  if (!dxi_ynode_get_int (map, key, FALSE, &v, error))
    return FALSE;
  if (v < 0 || v > max)
    {
      dxi_ynode_error (dxi_ynode_get (map, key), error,
                       "'%s' must be between 0 and %" G_GINT64_FORMAT, key, max);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

/* A list of choices (a single scalar is a list of one); duplicates dropped. */
static gboolean
read_choices (const dxi_ynode *node, const char *const *names, int *out, guint max, guint *n_out,
              GError **error)
{
  *n_out = 0;
  if (node == NULL || dxi_ynode_is_null (node))
    return TRUE;
  guint n = node->kind == DXI_YNODE_SEQ ? dxi_ynode_len (node) : 1;
  for (guint i = 0; i < n; i++)
    {
      const dxi_ynode *item = node->kind == DXI_YNODE_SEQ ? dxi_ynode_at (node, i) : node;
      int c;
      if (!dxi_ynode_choice (item, names, &c, error))
        return FALSE;
      gboolean seen = FALSE;
      for (guint j = 0; j < *n_out; j++)
        seen |= out[j] == c;
      if (!seen && *n_out < max)
        out[(*n_out)++] = c;
    }
  return TRUE;
}

static gboolean
read_uncertainty (const dxi_ynode *u, dxi_index_settings *s, GError **error)
{
  if (!dxi_ynode_check_keys (u, uncertainty_keys, error))
    return FALSE;
  guint seed = s->seed;
  if (!read_count (u, "draws", DXI_INDEX_DRAWS_MAX, &s->draws, error)
      || !read_count (u, "seed", DXI_INDEX_SEED_MAX, &seed, error)
      || !read_count (u, "sobol_samples", 100000, &s->sobol_samples, error)
      || !dxi_ynode_get_double (u, "concentration", FALSE, &s->concentration, error))
    return FALSE;
  s->seed = seed;
  if (!(s->concentration > 0))
    {
      dxi_ynode_error (dxi_ynode_get (u, "concentration"), error,
                       "'concentration' must be greater than 0");
      return FALSE;
    }
  int norms[DXI_NORM_N], aggs[DXI_AGG_N];
  if (!read_choices (dxi_ynode_get (u, "normalisations"), dxi_normalisation_names, norms,
                     DXI_NORM_N, &s->n_alt_normalisations, error)
      || !read_choices (dxi_ynode_get (u, "aggregations"), dxi_aggregation_names, aggs, DXI_AGG_N,
                        &s->n_alt_aggregations, error))
    return FALSE;
  for (guint i = 0; i < s->n_alt_normalisations; i++)
    s->alt_normalisations[i] = norms[i];
  for (guint i = 0; i < s->n_alt_aggregations; i++)
    s->alt_aggregations[i] = aggs[i];
  return TRUE;
}

static gboolean
read_keyed_numbers (const dxi_ynode *map, GHashTable *into, gboolean pairs, GError **error)
{
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      const dxi_ynode *value = dxi_ynode_at (map, i);
      double *v = g_new (double, 2);
      if (!(pairs ? read_pair (value, v, error) : read_weight (value, FALSE, v, error)))
        {
          g_free (v);
          return FALSE;
        }
      g_hash_table_replace (into, g_strdup (dxi_ynode_key_at (map, i)->value), v);
    }
  return TRUE;
}

static gboolean
get_choice (const dxi_ynode *map, const char *key, const char *const *names, int *out,
            GError **error)
{
  return dxi_ynode_get_choice (map, key, FALSE, names, out, error);
}

/* The methods of each stage: normalisation, reference, outliers, aggregations, missing data. */
static gboolean
read_methods (const dxi_ynode *n, dxi_index_settings *out, GError **error)
{
  int norm = out->normalisation, ref = out->reference, outl = out->outliers, agg = out->aggregation,
      dagg = out->domain_aggregation, dtr = out->domain_transform, miss = out->missing;
  if (!get_choice (n, "normalisation", dxi_normalisation_names, &norm, error)
      || !get_choice (n, "reference", dxi_reference_names, &ref, error)
      || !get_choice (n, "outliers", dxi_outliers_names, &outl, error)
      || !get_choice (n, "aggregation", dxi_aggregation_names, &agg, error)
      || !get_choice (n, "domain_aggregation", dxi_aggregation_names, &dagg, error)
      || !get_choice (n, "domain_transform", dxi_domain_transform_names, &dtr, error)
      || !get_choice (n, "missing", dxi_missing_names, &miss, error))
    return FALSE;
  out->normalisation = norm;
  out->reference = ref;
  out->outliers = outl;
  out->aggregation = agg;
  out->domain_aggregation = dagg;
  out->domain_transform = dtr;
  out->missing = miss;
  return TRUE;
}

/* What the normalisation refers to: the range, the reference dataset, the goalposts; the
   reference chosen needs its own. */
static gboolean
read_reference (const dxi_ynode *n, dxi_index_settings *out, GError **error)
{
  const dxi_ynode *range = dxi_ynode_get (n, "range");
  if (range)
    {
      double pair[2];
      if (!read_pair (range, pair, error))
        return FALSE;
      out->range_lo = pair[0];
      out->range_hi = pair[1];
    }
  const char *dataset = NULL;
  if (!dxi_ynode_get_string (n, "reference_dataset", FALSE, &dataset, error))
    return FALSE;
  out->reference_dataset = g_strdup (dataset);
  if (out->reference == DXI_REF_DATASET && dataset == NULL)
    {
      dxi_ynode_error (
          n, error,
          "'reference: dataset' needs 'reference_dataset' (the dataset of reference areas)");
      return FALSE;
    }
  const dxi_ynode *goalposts = dxi_ynode_get (n, "goalposts");
  if (goalposts && !read_keyed_numbers (goalposts, out->goalposts, TRUE, error))
    return FALSE;
  if (out->reference == DXI_REF_GOALPOSTS && g_hash_table_size (out->goalposts) == 0)
    {
      dxi_ynode_error (n, error,
                       "'reference: goalposts' needs 'goalposts' ({indicator: [lo, hi]})");
      return FALSE;
    }
  return TRUE;
}

/* The numeric parameters: winsorising cap, geometric shift, correlation flag. */
static gboolean
read_parameters (const dxi_ynode *n, dxi_index_settings *out, GError **error)
{
  if (!read_count (n, "winsorise_max", 1000, &out->winsorise_max, error)
      || !dxi_ynode_get_double (n, "geometric_shift", FALSE, &out->geometric_shift, error)
      || !dxi_ynode_get_double (n, "correlation_flag", FALSE, &out->correlation_flag, error))
    return FALSE;
  if (!(out->geometric_shift > 0))
    {
      dxi_ynode_error (dxi_ynode_get (n, "geometric_shift"), error,
                       "'geometric_shift' must be greater than 0");
      return FALSE;
    }
  if (!(out->correlation_flag > 0 && out->correlation_flag <= 1))
    {
      dxi_ynode_error (dxi_ynode_get (n, "correlation_flag"), error,
                       "'correlation_flag' must be in (0, 1]");
      return FALSE;
    }
  return TRUE;
}

gboolean
dxi_index_settings_from_yaml (const dxi_ynode *index_node, dxi_index_settings *out, GError **error)
{
  dxi_index_settings_init (out);
  if (index_node == NULL || dxi_ynode_is_null (index_node))
    return TRUE;
  if (!dxi_ynode_check_keys (index_node, index_keys, error))
    return FALSE;
  const dxi_ynode *n = index_node;
  int preset = out->preset;
  if (!get_choice (n, "preset", dxi_index_preset_names, &preset, error))
    return FALSE;
  dxi_index_settings_apply_preset (out, preset);
  if (!read_methods (n, out, error) || !read_reference (n, out, error))
    return FALSE;
  const dxi_ynode *dw = dxi_ynode_get (n, "domain_weights");
  if (dw && !read_keyed_numbers (dw, out->domain_weights, FALSE, error))
    return FALSE;
  if (!read_parameters (n, out, error))
    return FALSE;
  const dxi_ynode *u = dxi_ynode_get (n, "uncertainty");
  if (u && !dxi_ynode_is_null (u) && !read_uncertainty (u, out, error))
    return FALSE;
  return TRUE;
}
