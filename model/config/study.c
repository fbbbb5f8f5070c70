#include "config/study.h"

#include <math.h>

#include "core/error.h"
#include "core/ydoc.h"

static const char *const study_keys[]
    = { "name",       "title",      "areas",  "catalogue",       "rates", "lookups",    "datasets",
        "population", "households", "adults", "excluded_adults", "mdls",  "indicators", "extra",
        "index",      "coverage",   "output", "sources",         NULL };

static void count_free (gpointer data);

static void
indicator_free (gpointer data)
{
  dxi_study_indicator *ind = data;
  g_free (ind->id);
  g_free (ind->label);
  g_free (ind->theme);
  g_free (ind->domain);
  g_free (ind->dataset);
  g_free (ind->source);
  g_strfreev (ind->numerator);
  g_strfreev (ind->denominator);
  g_free (ind->value);
  count_free (ind->weight_count);
  g_free (ind->weight_counts);
  g_free (ind->percent_of);
  dxi_where_clear (&ind->weight_where);
  dxi_where_clear (&ind->where);
  g_free (ind);
}

static void
count_free (gpointer data)
{
  dxi_study_count *count = data;
  if (count == NULL)
    return;
  g_free (count->id);
  g_free (count->dataset);
  g_strfreev (count->columns);
  g_free (count->minus_dataset);
  g_strfreev (count->minus_columns);
  g_free (count->source);
  dxi_where_clear (&count->where);
  g_free (count);
}

static void
dataset_free (gpointer data)
{
  dxi_study_dataset *ds = data;
  g_free (ds->id);
  g_free (ds->geography);
  dxi_table_config_free (ds->table);
  g_free (ds);
}

void
dxi_study_free (dxi_study *study)
{
  if (study == NULL)
    return;
  g_free (study->path);
  g_free (study->name);
  g_free (study->title);
  g_free (study->areas_file);
  g_free (study->areas_layer);
  g_free (study->code_field);
  g_free (study->name_field);
  g_free (study->geography);
  g_free (study->catalogue_path);
  g_free (study->rates_path);
  if (study->lookups)
    g_hash_table_unref (study->lookups);
  if (study->datasets)
    g_ptr_array_unref (study->datasets);
  if (study->indicators)
    g_ptr_array_unref (study->indicators);
  if (study->extra)
    g_ptr_array_unref (study->extra);
  count_free (study->population);
  count_free (study->households);
  count_free (study->adults);
  if (study->excluded)
    g_ptr_array_unref (study->excluded);
  if (study->mdls)
    g_ptr_array_unref (study->mdls);
  dxi_index_settings_clear (&study->index);
  if (study->sources)
    g_ptr_array_unref (study->sources);
  g_free (study->dir);
  dxi_ydoc_free (study->doc);
  dxi_ydoc_free (study->catalogue);
  dxi_ydoc_free (study->rates);
  g_free (study);
}

/* A string list: a single string or a list of strings. */
static gboolean
parse_strv (const dxi_ynode *node, GStrv *out, GError **error)
{
  *out = dxi_ynode_strv (node, error);
  return *out != NULL;
}

const dxi_study_dataset *
dxi_study_find_dataset (const dxi_study *study, const char *id)
{
  for (guint i = 0; i < study->datasets->len; i++)
    {
      const dxi_study_dataset *ds = study->datasets->pdata[i];
      if (g_str_equal (ds->id, id))
        return ds;
    }
  return NULL;
}

/* A dataset name used at NODE must be defined under `datasets:`. */
static gboolean
check_dataset (const dxi_study *study, const dxi_ynode *node, const char *id, GError **error)
{
  if (dxi_study_find_dataset (study, id))
    return TRUE;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < study->datasets->len; i++)
    g_ptr_array_add (names, ((dxi_study_dataset *) study->datasets->pdata[i])->id);
  g_ptr_array_add (names, NULL);
  const char *near = dxi_suggest (id, (const char *const *) names->pdata);
  g_autofree char *valid = dxi_choices_join ((const char *const *) names->pdata);
  if (near)
    dxi_ynode_error (node, error, "unknown dataset '%s' (did you mean '%s'?)", id, near);
  else
    dxi_ynode_error (node, error, "unknown dataset '%s' (datasets: %s)", id, valid);
  return FALSE;
}

/* {dataset, columns, subtract: {dataset, columns}, rate, source}. */
static dxi_study_count *
parse_count (const dxi_study *study, const char *id, const dxi_ynode *node, gboolean with_rate,
             GError **error)
{
  static const char *const keys[] = { "dataset", "columns", "subtract", "rate", "source", NULL };
  static const char *const sub_keys[] = { "dataset", "columns", NULL };
  if (!dxi_ynode_check_keys (node, keys, error))
    return NULL;
  dxi_study_count *count = g_new0 (dxi_study_count, 1);
  count->id = g_strdup (id);
  count->where = dxi_where_of (node);
  count->rate = NAN;
  const char *dataset = NULL, *source = NULL;
  const dxi_ynode *columns = dxi_ynode_get (node, "columns");
  const dxi_ynode *sub = dxi_ynode_get (node, "subtract");
  gboolean ok = dxi_ynode_get_string (node, "dataset", TRUE, &dataset, error)
                && check_dataset (study, dxi_ynode_get (node, "dataset"), dataset, error)
                && (columns == NULL || parse_strv (columns, &count->columns, error));
  if (ok && sub)
    {
      const char *minus = NULL;
      const dxi_ynode *minus_cols = dxi_ynode_get (sub, "columns");
      ok = dxi_ynode_check_keys (sub, sub_keys, error)
           && dxi_ynode_get_string (sub, "dataset", TRUE, &minus, error)
           && check_dataset (study, dxi_ynode_get (sub, "dataset"), minus, error)
           && (minus_cols == NULL || parse_strv (minus_cols, &count->minus_columns, error));
      count->minus_dataset = g_strdup (minus);
    }
  if (ok && !with_rate && (dxi_ynode_get (node, "rate") || dxi_ynode_get (node, "source")))
    {
      dxi_ynode_error (node, error,
                       "'rate' and 'source' belong to excluded_adults and mdls entries only");
      ok = FALSE;
    }
  if (ok && with_rate)
    ok = dxi_ynode_get_double (node, "rate", FALSE, &count->rate, error)
         && dxi_ynode_get_string (node, "source", FALSE, &source, error);
  if (ok && dxi_ynode_get (node, "rate") && source == NULL)
    {
      dxi_ynode_error (dxi_ynode_get (node, "rate"), error,
                       "a rate given in the study needs its 'source' beside it");
      ok = FALSE;
    }
  if (ok && !isnan (count->rate) && (count->rate < 0 || count->rate > 1))
    {
      dxi_ynode_error (dxi_ynode_get (node, "rate"), error,
                       "a rate must be between 0 and 1, found %g", count->rate);
      ok = FALSE;
    }
  count->dataset = g_strdup (dataset);
  count->source = g_strdup (source);
  if (!ok)
    {
      count_free (count);
      return NULL;
    }
  return count;
}

/* Rates from rates.yaml for SECTION (excluded_adults / mdls) fill any count
 * whose rate the study did not give. */
static gboolean
fill_rates (const dxi_study *study, GPtrArray *counts, const char *section, const char *group,
            GError **error)
{
  const dxi_ynode *sec = dxi_ynode_get (study->rates->root, section);
  const dxi_ynode *table = dxi_ynode_get (sec, group);
  const char *source = NULL;
  if (sec && !dxi_ynode_get_string (sec, "source", TRUE, &source, error))
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      dxi_study_count *count = counts->pdata[i];
      if (!isnan (count->rate))
        continue;
      const dxi_ynode *rate = dxi_ynode_get (table, count->id);
      if (rate == NULL)
        {
          dxi_where_error (&count->where, error,
                           "no rate for '%s' in '%s' (%s.%s); give 'rate' and 'source' here",
                           count->id, study->rates->path, section, group);
          return FALSE;
        }
      if (!dxi_ynode_double (rate, &count->rate, error))
        return FALSE;
      count->source = g_strdup (source);
    }
  return TRUE;
}

static gboolean
parse_counts (dxi_study *study, const char *key, GPtrArray **out, GError **error)
{
  *out = g_ptr_array_new_with_free_func (count_free);
  const dxi_ynode *map = dxi_ynode_get (study->doc->root, key);
  if (map == NULL)
    return TRUE;
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      dxi_study_count *count = parse_count (study, dxi_ynode_key_at (map, i)->value,
                                            dxi_ynode_at (map, i), TRUE, error);
      if (count == NULL)
        return FALSE;
      g_ptr_array_add (*out, count);
    }
  return TRUE;
}

static gboolean
parse_total (dxi_study *study, const char *key, dxi_study_count **out, GError **error)
{
  const dxi_ynode *node = dxi_ynode_get (study->doc->root, key);
  if (node == NULL)
    {
      dxi_ynode_error (study->doc->root, error, "missing key '%s' (the dataset giving %s per area)",
                       key, key);
      return FALSE;
    }
  *out = parse_count (study, key, node, FALSE, error);
  return *out != NULL;
}

static gboolean
parse_datasets (dxi_study *study, GError **error)
{
  study->datasets = g_ptr_array_new_with_free_func (dataset_free);
  const dxi_ynode *map = dxi_ynode_get (study->doc->root, "datasets");
  if (map == NULL)
    {
      dxi_ynode_error (study->doc->root, error, "missing key 'datasets'");
      return FALSE;
    }
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      const dxi_ynode *node = dxi_ynode_at (map, i);
      static const char *const mismatch[] = { "error", "warn", "ignore", NULL };
      const char *geography = NULL;
      double min_coverage = study->min_coverage;
      int on_mismatch = (int) study->on_mismatch;
      if (!dxi_ynode_get_string (node, "geography", TRUE, &geography, error)
          || !dxi_ynode_get_double (node, "min_coverage", FALSE, &min_coverage, error)
          || !dxi_ynode_get_choice (node, "on_mismatch", FALSE, mismatch, &on_mismatch, error))
        return FALSE;
      if (!(min_coverage >= 0 && min_coverage <= 1))
        {
          dxi_ynode_error (dxi_ynode_get (node, "min_coverage"), error,
                           "min_coverage must be a share between 0 and 1, found %g", min_coverage);
          return FALSE;
        }
      if (!g_str_equal (geography, study->geography)
          && !g_hash_table_contains (study->lookups, geography))
        {
          dxi_ynode_error (
              dxi_ynode_get (node, "geography"), error,
              "geography '%s' is neither the areas' own ('%s') nor a lookup under 'lookups'",
              geography, study->geography);
          return FALSE;
        }
      static const char *const extra[] = { "geography", "min_coverage", "on_mismatch", NULL };
      dxi_table_config *table = dxi_table_config_from_yaml (node, extra, error);
      if (table == NULL)
        return FALSE;
      dxi_study_dataset *ds = g_new0 (dxi_study_dataset, 1);
      ds->id = g_strdup (dxi_ynode_key_at (map, i)->value);
      ds->geography = g_strdup (geography);
      ds->min_coverage = min_coverage;
      ds->on_mismatch = (DxiMismatch) on_mismatch;
      ds->table = table;
      g_ptr_array_add (study->datasets, ds);
    }
  return TRUE;
}

static gboolean
parse_lookups (dxi_study *study, GError **error)
{
  study->lookups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) dxi_lookup_config_free);
  const dxi_ynode *map = dxi_ynode_get (study->doc->root, "lookups");
  if (map == NULL)
    return TRUE;
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      const char *name = dxi_ynode_key_at (map, i)->value;
      dxi_lookup_config *c = dxi_lookup_config_from_yaml (name, dxi_ynode_at (map, i), error);
      if (c == NULL)
        return FALSE;
      g_hash_table_replace (study->lookups, c->name, c);
    }
  return TRUE;
}

static gboolean
parse_areas (dxi_study *study, GError **error)
{
  static const char *const keys[]
      = { "file", "code_field", "name_field", "layer", "geography", NULL };
  const dxi_ynode *areas = dxi_ynode_get (study->doc->root, "areas");
  const char *code = NULL, *name = NULL, *layer = NULL, *geography = "areas";
  if (areas == NULL)
    {
      dxi_ynode_error (study->doc->root, error,
                       "missing key 'areas' (the target areas' boundary file)");
      return FALSE;
    }
  if (!dxi_ynode_check_keys (areas, keys, error)
      || !dxi_ynode_get_path (areas, "file", TRUE, &study->areas_file, error)
      || !dxi_ynode_get_string (areas, "code_field", TRUE, &code, error)
      || !dxi_ynode_get_string (areas, "name_field", FALSE, &name, error)
      || !dxi_ynode_get_string (areas, "layer", FALSE, &layer, error)
      || !dxi_ynode_get_string (areas, "geography", FALSE, &geography, error))
    return FALSE;
  study->code_field = g_strdup (code);
  study->name_field = g_strdup (name);
  study->areas_layer = g_strdup (layer);
  study->geography = g_strdup (geography);
  return TRUE;
}

static const char *const directions[] = { "higher_is_worse", "higher_is_better", NULL };
static const char *const weight_kinds[] = { "population", "households", "area", NULL };

/* The roll-up weight of an average at NODE: population | households | area,
 * or {dataset, column (or columns), counts}: a count per source area from a
 * dataset of the study (premises for a percentage of premises), `counts`
 * saying what one unit of it is. */
static gboolean
parse_rollup_weight (const dxi_study *study, dxi_study_indicator *ind, const dxi_ynode *node,
                     GError **error)
{
  static const char *const keys[] = { "dataset", "column", "columns", "counts", NULL };
  dxi_where_clear (&ind->weight_where);
  ind->weight_where = dxi_where_of (node);
  if (node->kind == DXI_YNODE_SCALAR)
    {
      int kind = 0;
      if (!dxi_ynode_choice (node, weight_kinds, &kind, error))
        return FALSE;
      ind->weight_kind = kind;
      g_free (ind->weight_counts);
      ind->weight_counts = g_strdup (weight_kinds[kind]);
      return TRUE;
    }
  const char *dataset = NULL, *column = NULL, *counts = NULL;
  const dxi_ynode *columns = dxi_ynode_get (node, "columns");
  if (!dxi_ynode_expect (node, DXI_YNODE_MAP, error) || !dxi_ynode_check_keys (node, keys, error)
      || !dxi_ynode_get_string (node, "dataset", TRUE, &dataset, error)
      || !check_dataset (study, dxi_ynode_get (node, "dataset"), dataset, error)
      || !dxi_ynode_get_string (node, "column", FALSE, &column, error)
      || !dxi_ynode_get_string (node, "counts", TRUE, &counts, error))
    return FALSE;
  if ((column == NULL) == (columns == NULL))
    {
      dxi_ynode_error (
          node, error,
          "a weight from a dataset needs 'column' (or 'columns', summed): the count per "
          "source area, e.g. premises");
      return FALSE;
    }
  const char *one[] = { column, NULL };
  GStrv listed = NULL;
  if (columns && !parse_strv (columns, &listed, error))
    return FALSE;
  count_free (ind->weight_count);
  ind->weight_count = g_new0 (dxi_study_count, 1);
  ind->weight_count->id = g_strdup ("weight");
  ind->weight_count->dataset = g_strdup (dataset);
  ind->weight_count->where = dxi_where_of (node);
  ind->weight_count->columns = listed ? listed : g_strdupv ((char **) one);
  ind->weight_kind = DXI_WEIGHT_DATASET;
  g_free (ind->weight_counts);
  ind->weight_counts = g_strdup (counts);
  return TRUE;
}

/* Fill IND from its catalogue entry ENTRY. */
static gboolean
parse_catalogue_entry (const dxi_study *study, dxi_study_indicator *ind, const dxi_ynode *entry,
                       GError **error)
{
  static const char *const keys[]
      = { "label", "theme",  "domain",     "direction", "dataset", "numerator", "denominator",
          "value", "weight", "percent_of", "summary",   "source",  NULL };
  static const char *const summaries[]
      = { "average_score",       "average_rank",           "extent",
          "local_concentration", "share_most_deprived_10", NULL };
  const char *label = NULL, *theme = NULL, *domain = NULL, *dataset = NULL, *source = NULL,
             *value = NULL;
  const char *percent_of = NULL;
  const dxi_ynode *weight = dxi_ynode_get (entry, "weight");
  int direction = 0;
  if (!dxi_ynode_check_keys (entry, keys, error)
      || !dxi_ynode_get_string (entry, "label", TRUE, &label, error)
      || !dxi_ynode_get_string (entry, "theme", FALSE, &theme, error)
      || !dxi_ynode_get_string (entry, "domain", TRUE, &domain, error)
      || !dxi_ynode_get_choice (entry, "direction", TRUE, directions, &direction, error)
      || !dxi_ynode_get_string (entry, "dataset", TRUE, &dataset, error)
      || !dxi_ynode_get_string (entry, "source", TRUE, &source, error)
      || !dxi_ynode_get_string (entry, "value", FALSE, &value, error)
      || !dxi_ynode_get_string (entry, "percent_of", FALSE, &percent_of, error)
      || !dxi_ynode_get_choice (entry, "summary", FALSE, summaries, &ind->summary, error))
    return FALSE;
  ind->weight_kind = DXI_WEIGHT_POPULATION;
  ind->weight_counts = g_strdup ("population");
  if (weight && !parse_rollup_weight (study, ind, weight, error))
    return FALSE;
  if (percent_of && value == NULL)
    {
      dxi_ynode_error (dxi_ynode_get (entry, "percent_of"), error,
                       "'percent_of' is for an average of percentages ('value'); a rate's base is "
                       "its denominator");
      return FALSE;
    }
  if (ind->summary != 0 && ind->weight_kind != DXI_WEIGHT_POPULATION)
    {
      dxi_ynode_error (dxi_ynode_get (entry, "summary"), error,
                       "IoD summaries are weighted by population");
      return FALSE;
    }
  const dxi_ynode *num = dxi_ynode_get (entry, "numerator");
  const dxi_ynode *den = dxi_ynode_get (entry, "denominator");
  if ((num == NULL) == (value == NULL))
    {
      dxi_ynode_error (entry, error,
                       "indicator '%s' needs either 'numerator' (a rate) or 'value' (an average)",
                       ind->id);
      return FALSE;
    }
  if (num && (!parse_strv (num, &ind->numerator, error)))
    return FALSE;
  if (num && den && !(den->kind == DXI_YNODE_SCALAR && g_str_equal (den->value, "all"))
      && !parse_strv (den, &ind->denominator, error))
    return FALSE;
  if (!dxi_study_find_dataset (study, dataset))
    {
      dxi_where_error (&ind->where, error,
                       "indicator '%s' needs dataset '%s', which the study does not define",
                       ind->id, dataset);
      return FALSE;
    }
  ind->kind = num ? DXI_INDICATOR_RATE : DXI_INDICATOR_AVERAGE;
  ind->label = g_strdup (label);
  ind->theme = g_strdup (theme);
  ind->domain = g_strdup (domain);
  ind->dataset = g_strdup (dataset);
  ind->source = g_strdup (source);
  ind->value = g_strdup (value);
  ind->direction = direction == 0 ? +1 : -1;
  ind->percent_of = g_strdup (percent_of);
  return TRUE;
}

/* The study's own roll-up weight for an average (`average_by`, NODE, may be
 * NULL), replacing the catalogue's: e.g. premises where the study has them. */
static gboolean
study_average_by (const dxi_study *study, dxi_study_indicator *ind, const dxi_ynode *node,
                  GError **error)
{
  if (node == NULL)
    return TRUE;
  if (ind->kind != DXI_INDICATOR_AVERAGE)
    {
      dxi_ynode_error (node, error, "'average_by' is for an average ('value'); '%s' is a rate",
                       ind->id);
      return FALSE;
    }
  if (!parse_rollup_weight (study, ind, node, error))
    return FALSE;
  if (ind->summary != 0 && ind->weight_kind != DXI_WEIGHT_POPULATION)
    {
      dxi_ynode_error (node, error, "IoD summaries are weighted by population");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_indicators (dxi_study *study, const char *key, GPtrArray **out, GError **error)
{
  static const char *const keys[] = { "id", "domain", "weight", "average_by", NULL };
  *out = g_ptr_array_new_with_free_func (indicator_free);
  const dxi_ynode *list = dxi_ynode_get (study->doc->root, key);
  gboolean required = g_str_equal (key, "indicators");
  if (list == NULL && !required)
    return TRUE;
  const dxi_ynode *catalogue = dxi_ynode_get (study->catalogue->root, "indicators");
  if (list == NULL)
    {
      dxi_ynode_error (study->doc->root, error, "missing key 'indicators' (ids from '%s')",
                       study->catalogue->path);
      return FALSE;
    }
  if (!dxi_ynode_expect (list, DXI_YNODE_SEQ, error) || catalogue == NULL
      || !dxi_ynode_expect (catalogue, DXI_YNODE_MAP, error))
    {
      if (catalogue == NULL)
        dxi_ynode_error (study->catalogue->root, error, "missing key 'indicators'");
      return FALSE;
    }
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < dxi_ynode_len (catalogue); i++)
    g_ptr_array_add (ids, dxi_ynode_key_at (catalogue, i)->value);
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; i < dxi_ynode_len (list); i++)
    {
      const dxi_ynode *item = dxi_ynode_at (list, i);
      const char *id = NULL, *domain = NULL;
      double weight = 1;
      if (item->kind == DXI_YNODE_SCALAR)
        id = item->value;
      else if (!dxi_ynode_check_keys (item, keys, error)
               || !dxi_ynode_get_string (item, "id", TRUE, &id, error)
               || !dxi_ynode_get_string (item, "domain", FALSE, &domain, error)
               || !dxi_ynode_get_double (item, "weight", FALSE, &weight, error))
        return FALSE;
      const dxi_ynode *entry = dxi_ynode_get (catalogue, id);
      if (entry == NULL)
        {
          const char *near = dxi_suggest (id, (const char *const *) ids->pdata);
          dxi_ynode_error (item, error, "unknown indicator '%s'%s%s%s (see '%s')", id,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "",
                           study->catalogue->path);
          return FALSE;
        }
      for (guint j = 0; j < (*out)->len; j++)
        if (g_str_equal (((dxi_study_indicator *) (*out)->pdata[j])->id, id))
          {
            dxi_ynode_error (item, error, "indicator '%s' is listed twice", id);
            return FALSE;
          }
      if (!(weight > 0))
        {
          dxi_ynode_error (item, error, "indicator weight must be positive, found %g", weight);
          return FALSE;
        }
      dxi_study_indicator *ind = g_new0 (dxi_study_indicator, 1);
      ind->id = g_strdup (id);
      ind->where = dxi_where_of (item);
      ind->weight = weight;
      g_ptr_array_add (*out, ind);
      if (!parse_catalogue_entry (study, ind, entry, error))
        return FALSE;
      if (domain)
        {
          g_free (ind->domain);
          ind->domain = g_strdup (domain);
        }
      if (item->kind == DXI_YNODE_MAP
          && !study_average_by (study, ind, dxi_ynode_get (item, "average_by"), error))
        return FALSE;
    }
  if (required && (*out)->len < 2)
    {
      dxi_ynode_error (list, error, "an index needs at least two indicators");
      return FALSE;
    }
  return TRUE;
}

/* coverage: {on_mismatch, min_coverage}, read before the datasets, which
 * inherit them.  `ignore` is a dataset's own choice only: a study cannot
 * silence every join at once. */
static gboolean
parse_coverage (dxi_study *study, GError **error)
{
  static const char *const keys[] = { "on_mismatch", "min_coverage", NULL };
  static const char *const mismatch[] = { "error", "warn", NULL };
  const dxi_ynode *coverage = dxi_ynode_get (study->doc->root, "coverage");
  int on_mismatch = DXI_MISMATCH_ERROR;
  study->min_coverage = 0.9;
  const dxi_ynode *policy = dxi_ynode_get (coverage, "on_mismatch");
  if (policy && coverage->kind == DXI_YNODE_MAP && policy->kind == DXI_YNODE_SCALAR
      && g_str_equal (policy->value, "ignore"))
    {
      dxi_ynode_error (policy, error,
                       "'ignore' is a dataset's own choice (on_mismatch beside its geography); the "
                       "study's on_mismatch is 'error' or 'warn'");
      return FALSE;
    }
  if (coverage
      && (!dxi_ynode_check_keys (coverage, keys, error)
          || !dxi_ynode_get_choice (coverage, "on_mismatch", FALSE, mismatch, &on_mismatch, error)
          || !dxi_ynode_get_double (coverage, "min_coverage", FALSE, &study->min_coverage, error)))
    return FALSE;
  study->on_mismatch = (DxiMismatch) on_mismatch;
  if (!(study->min_coverage >= 0 && study->min_coverage <= 1))
    {
      dxi_ynode_error (dxi_ynode_get (coverage, "min_coverage"), error,
                       "min_coverage must be a share between 0 and 1, found %g",
                       study->min_coverage);
      return FALSE;
    }
  return TRUE;
}

static void
source_free (gpointer data)
{
  dxi_study_source *src = data;
  g_free (src->key);
  g_free (src->source);
  g_free (src->vintage);
  g_free (src);
}

/* The text of scalar member KEY of ENTRY (checked to be one), or NULL. */
static char *
member_text (const dxi_ynode *entry, const char *key)
{
  const dxi_ynode *node = dxi_ynode_get (entry, key);
  return node ? g_strdup (node->value) : NULL;
}

/* sources: {dataset or `areas`: {source, vintage}}, the credits of maps and
 * layers; a dataset not listed is credited from the catalogue. */
static gboolean
parse_sources (dxi_study *study, GError **error)
{
  static const char *const keys[] = { "source", "vintage", NULL };
  study->sources = g_ptr_array_new_with_free_func (source_free);
  const dxi_ynode *sources = dxi_ynode_get (study->doc->root, "sources");
  if (sources == NULL)
    return TRUE;
  if (!dxi_ynode_expect (sources, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (sources); i++)
    {
      const dxi_ynode *key = dxi_ynode_key_at (sources, i), *entry = dxi_ynode_at (sources, i);
      const char *text = NULL;
      if (!g_str_equal (key->value, "areas") && dxi_study_find_dataset (study, key->value) == NULL)
        {
          dxi_ynode_error (key, error, "'%s' is not a dataset of the study (nor 'areas')",
                           key->value);
          return FALSE;
        }
      if (!dxi_ynode_expect (entry, DXI_YNODE_MAP, error)
          || !dxi_ynode_check_keys (entry, keys, error)
          || !dxi_ynode_get_string (entry, "source", FALSE, &text, error)
          || !dxi_ynode_get_string (entry, "vintage", FALSE, &text, error))
        return FALSE;
      if (dxi_study_find_source (study, key->value))
        continue; /* the first of two, as a lookup of the map would find */
      dxi_study_source *src = g_new0 (dxi_study_source, 1);
      src->key = g_strdup (key->value);
      src->source = member_text (entry, "source");
      src->vintage = member_text (entry, "vintage");
      g_ptr_array_add (study->sources, src);
    }
  return TRUE;
}

const dxi_study_source *
dxi_study_find_source (const dxi_study *study, const char *key)
{
  for (guint i = 0; study->sources && i < study->sources->len; i++)
    {
      const dxi_study_source *src = study->sources->pdata[i];
      if (g_str_equal (src->key, key))
        return src;
    }
  return NULL;
}

static gboolean
parse_options (dxi_study *study, GError **error)
{
  static const char *const output_keys[] = { "resolution", NULL };
  const dxi_ynode *output = dxi_ynode_get (study->doc->root, "output");
  study->resolution = 100;
  if (output
      && (!dxi_ynode_check_keys (output, output_keys, error)
          || !dxi_ynode_get_double (output, "resolution", FALSE, &study->resolution, error)))
    return FALSE;
  if (!(study->resolution >= DXI_RESOLUTION_MIN && study->resolution <= DXI_RESOLUTION_MAX))
    {
      dxi_ynode_error (dxi_ynode_get (output, "resolution"), error,
                       "resolution must be between 1 and 10000 metres, found %g",
                       study->resolution);
      return FALSE;
    }
  return TRUE;
}

/* NAME, referred to at WHERE by WHAT, must be a lookup of the study. */
static gboolean
check_lookup_name (const dxi_study *study, const char *name, const dxi_where *where,
                   const char *what, GError **error)
{
  if (name == NULL || g_hash_table_contains (study->lookups, name))
    return TRUE;
  dxi_where_error (where, error, "%s '%s': no lookup named '%s' under 'lookups'", what, name, name);
  return FALSE;
}

/* The names each lookup gives: chain steps, parts and best fits name lookups
 * of the study, a part_weight one of its datasets. */
static gboolean
check_lookup_refs (const dxi_study *study, const dxi_lookup_config *c, GError **error)
{
  for (guint i = 0; c->steps && c->steps[i]; i++)
    if (!check_lookup_name (study, c->steps[i], &c->step_where[i], "in chain step", error))
      return FALSE;
  if (!check_lookup_name (study, c->parts, &c->parts_where, "parts", error)
      || !check_lookup_name (study, c->best_fit, &c->best_fit_where, "best_fit", error))
    return FALSE;
  if (c->part_weight == NULL || dxi_study_find_dataset (study, c->part_weight))
    return TRUE;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < study->datasets->len; i++)
    g_ptr_array_add (ids, ((dxi_study_dataset *) study->datasets->pdata[i])->id);
  g_ptr_array_add (ids, NULL);
  const char *near = dxi_suggest (c->part_weight, (const char *const *) ids->pdata);
  g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "no dataset named '%s' under 'datasets'%s%s%s",
               c->part_weight, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
  dxi_where_prefix (&c->part_weight_where, error, "part_weight '%s': ", c->part_weight);
  return FALSE;
}

static gboolean
check_lookup_names (const dxi_study *study, GError **error)
{
  const dxi_ynode *map = dxi_ynode_get (study->doc->root, "lookups");
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      const dxi_lookup_config *c
          = g_hash_table_lookup (study->lookups, dxi_ynode_key_at (map, i)->value);
      if (!check_lookup_refs (study, c, error))
        return FALSE;
    }
  return TRUE;
}

dxi_study *
dxi_study_load (const char *path, GError **error)
{
  g_autoptr (dxi_study) study = g_new0 (dxi_study, 1);
  study->path = g_strdup (path);
  study->doc = dxi_ydoc_load (path, error);
  if (study->doc == NULL)
    return NULL;
  const dxi_ynode *root = study->doc->root;
  study->dir = g_strdup (study->doc->dir);
  const char *name = NULL, *title = NULL;
  if (!dxi_ynode_check_keys (root, study_keys, error)
      || !dxi_ynode_get_string (root, "name", TRUE, &name, error)
      || !dxi_ynode_get_string (root, "title", FALSE, &title, error) || !parse_areas (study, error)
      || !dxi_ynode_get_path (root, "catalogue", TRUE, &study->catalogue_path, error)
      || !dxi_ynode_get_path (root, "rates", TRUE, &study->rates_path, error))
    return NULL;
  study->name = g_strdup (name);
  study->title = g_strdup (title ? title : name);
  study->catalogue = dxi_ydoc_load (study->catalogue_path, error);
  if (study->catalogue == NULL)
    return NULL;
  study->rates = dxi_ydoc_load (study->rates_path, error);
  if (study->rates == NULL || !parse_lookups (study, error) || !parse_coverage (study, error)
      || !parse_datasets (study, error)
      || !parse_total (study, "population", &study->population, error)
      || !parse_total (study, "households", &study->households, error)
      || !parse_total (study, "adults", &study->adults, error)
      || !parse_counts (study, "excluded_adults", &study->excluded, error)
      || !fill_rates (study, study->excluded, "excluded_adults", "bands", error)
      || !parse_counts (study, "mdls", &study->mdls, error)
      || !fill_rates (study, study->mdls, "mdls", "types", error)
      || !parse_indicators (study, "indicators", &study->indicators, error)
      || !parse_indicators (study, "extra", &study->extra, error) || !parse_options (study, error)
      || !parse_sources (study, error)
      || !dxi_index_settings_from_yaml (dxi_ynode_get (root, "index"), &study->index, error)
      || !check_lookup_names (study, error))
    return NULL;
  g_clear_pointer (&study->doc, dxi_ydoc_free);
  g_clear_pointer (&study->catalogue, dxi_ydoc_free);
  g_clear_pointer (&study->rates, dxi_ydoc_free);
  return g_steal_pointer (&study);
}

GPtrArray *
dxi_study_input_files (const dxi_study *study)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (files, g_strdup (study->path));
  g_ptr_array_add (files, g_strdup (study->catalogue_path));
  g_ptr_array_add (files, g_strdup (study->rates_path));
  g_ptr_array_add (files, g_strdup (study->areas_file));
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  for (guint i = 0; i < study->datasets->len; i++)
    g_ptr_array_add (paths, ((dxi_study_dataset *) study->datasets->pdata[i])->table->path);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, study->lookups);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      const dxi_lookup_config *c = value;
      if (c->file)
        g_ptr_array_add (paths, c->file);
      if (c->from_areas)
        g_ptr_array_add (paths, c->from_areas);
    }
  for (guint i = 0; i < paths->len; i++)
    if (!g_ptr_array_find_with_equal_func (files, paths->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (files, g_strdup (paths->pdata[i]));
  return files;
}
