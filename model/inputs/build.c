#include "inputs/build.h"

#include <math.h>
#include <string.h>

#include "core/error.h"
#include "inputs/deprivation.h"
#include "inputs/lookup.h"
#include "inputs/published.h"

typedef struct
{
  const dxi_study *study;
  const dxi_areas *areas;
  dxi_frame *table;
  GString *coverage;
  GPtrArray *warnings;
  GHashTable *frames;    /* dataset id -> dxi_frame * */
  GHashTable *lookups;   /* name -> dxi_lookup * */
  GHashTable *reported;  /* dataset ids whose join is in the report */
  GHashTable *building;  /* lookup names being built (cycle guard) */
  dxi_frame *population; /* population per area of its dataset's geography */
} builder;

static const dxi_frame *source_population (gpointer data, GError **error);

static dxi_lookup *
get_lookup (gpointer data, const char *name, GError **error)
{
  builder *b = data;
  dxi_lookup *lookup = g_hash_table_lookup (b->lookups, name);
  if (lookup)
    return lookup;
  const dxi_ynode *node = g_hash_table_lookup (b->study->lookups, name);
  if (node == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: no lookup named '%s' under 'lookups'", b->study->path,
                   name);
      return NULL;
    }
  if (g_hash_table_contains (b->building, name))
    {
      dxi_ynode_error (node, error, "lookup '%s' refers to itself through its steps", name);
      return NULL;
    }
  g_hash_table_add (b->building, (gpointer) name);
  dxi_lookup_context ctx = { get_lookup, source_population, b->areas, b };
  lookup = dxi_lookup_from_yaml (name, node, &ctx, error);
  g_hash_table_remove (b->building, name);
  if (lookup)
    g_hash_table_insert (b->lookups, lookup->name, lookup);
  return lookup;
}

static const dxi_frame *
get_frame (builder *b, const dxi_study_dataset *ds, GError **error)
{
  dxi_frame *frame = g_hash_table_lookup (b->frames, ds->id);
  if (frame)
    return frame;
  static const char *const extra[] = { "geography", NULL };
  g_autoptr (dxi_table_spec) spec = dxi_table_spec_from_yaml (ds->node, extra, error);
  guint missing = 0;
  frame = spec ? dxi_table_read (spec, &missing, error) : NULL;
  if (frame == NULL)
    return NULL;
  g_string_append_printf (b->coverage, "dataset '%s': '%s', %u rows, %u columns, %u missing (suppressed) cells\n",
                          ds->id, spec->path, dxi_frame_n_rows (frame), dxi_frame_n_cols (frame), missing);
  g_hash_table_insert (b->frames, ds->id, frame);
  return frame;
}

static gint
column_or_error (const dxi_frame *frame, const char *dataset, const char *name, GError **error)
{
  gint c = dxi_frame_find_column (frame, name);
  if (c >= 0)
    return c;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < dxi_frame_n_cols (frame); i++)
    g_ptr_array_add (names, (gpointer) dxi_frame_column_name (frame, i));
  g_ptr_array_add (names, NULL);
  const char *near = dxi_suggest (name, (const char *const *) names->pdata);
  g_autofree char *list = dxi_choices_join ((const char *const *) names->pdata);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "dataset '%s' ('%s') has no category '%s' (%s%s%s%s)", dataset,
               frame->source, name, near ? "did you mean '" : "categories: ", near ? near : list, near ? "'?" : "",
               "");
  return -1;
}

/* Per source row: the sum of COLUMNS (NULL = all); NAN when any is missing. */
static double *
sum_columns (const dxi_frame *frame, const char *dataset, const char *const *columns, GError **error)
{
  guint n = dxi_frame_n_rows (frame);
  g_autoptr (GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; columns && columns[i]; i++)
    {
      gint c = column_or_error (frame, dataset, columns[i], error);
      if (c < 0)
        return NULL;
      g_array_append_val (cols, c);
    }
  for (guint c = 0; columns == NULL && c < dxi_frame_n_cols (frame); c++)
    g_array_append_val (cols, c);
  double *sums = g_new0 (double, n);
  for (guint i = 0; i < cols->len; i++)
    {
      const double *v = dxi_frame_column_data (frame, g_array_index (cols, guint, i));
      for (guint r = 0; r < n; r++)
        sums[r] += v[r];
    }
  return sums;
}

static void
warn (builder *b, const char *format, ...) G_GNUC_PRINTF (2, 3);
static void
warn (builder *b, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_string_append_printf (b->coverage, "  WARNING: %s\n", msg);
  g_ptr_array_add (b->warnings, msg);
}

/* Codes as "A, B, C, ... (N more)". */
static char *
code_list (GPtrArray *codes)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < codes->len && i < 4; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) codes->pdata[i]);
  if (codes->len > 4)
    g_string_append_printf (s, ", ... (%u more)", codes->len - 4);
  return g_string_free (s, FALSE);
}

/* Report how DS's codes meet the areas (once per dataset); a mismatch is an
 * error unless the study says warn. */
static gboolean
report_join (builder *b, const dxi_study_dataset *ds, const dxi_frame *frame, const dxi_lookup *lookup,
             GError **error)
{
  if (g_hash_table_contains (b->reported, ds->id))
    return TRUE;
  g_hash_table_add (b->reported, ds->id);
  const dxi_frame *areas = b->areas->frame;
  guint n_areas = dxi_frame_n_rows (areas);
  g_autofree gboolean *covered = g_new0 (gboolean, n_areas);
  g_autoptr (GPtrArray) unmatched = g_ptr_array_new ();
  guint outside = 0, matched = 0;
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const char *code = dxi_frame_code (frame, r);
      if (lookup == NULL)
        {
          gint a = dxi_frame_find_row (areas, code);
          if (a >= 0)
            covered[a] = TRUE, matched++;
          else
            outside++;
          continue;
        }
      const GArray *links = dxi_lookup_links (lookup, code);
      if (links == NULL)
        {
          g_ptr_array_add (unmatched, (gpointer) code);
          continue;
        }
      gboolean inside = FALSE;
      for (guint i = 0; i < links->len; i++)
        {
          gint a = dxi_frame_find_row (areas, g_array_index (links, dxi_link, i).target);
          if (a >= 0)
            covered[a] = inside = TRUE;
        }
      inside ? matched++ : outside++;
    }
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  for (guint a = 0; a < n_areas; a++)
    if (!covered[a])
      g_ptr_array_add (empty, (gpointer) dxi_frame_code (areas, a));
  g_string_append_printf (b->coverage, "  joined %s: %u codes reach the areas, %u lie outside them, %u are not in the "
                                       "lookup; %u of %u areas have data\n",
                          lookup ? lookup->description : "directly (same codes as the areas)", matched, outside,
                          unmatched->len, n_areas - empty->len, n_areas);
  /* Joined directly, codes outside the areas are the mismatch to catch. */
  if (lookup == NULL && outside > 0 && matched == 0)
    for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
      g_ptr_array_add (unmatched, (gpointer) dxi_frame_code (frame, r));
  if (unmatched->len == 0 && empty->len == 0)
    return TRUE;
  g_autofree char *codes = code_list (unmatched);
  g_autofree char *areas_list = code_list (empty);
  g_autofree char *msg = NULL;
  if (unmatched->len)
    msg = g_strdup_printf ("dataset '%s' ('%s'): %u of %u codes (%s) are not %s: another vintage of the geography, "
                           "or another country's codes? Join them through a lookup (for boundaries, kind: overlap) "
                           "or set coverage: {on_mismatch: warn}",
                           ds->id, frame->source, unmatched->len, dxi_frame_n_rows (frame), codes,
                           lookup ? "in the lookup" : "codes of the study's areas");
  else
    msg = g_strdup_printf ("dataset '%s' ('%s'): %u of %u areas get no data (%s)", ds->id, frame->source, empty->len,
                           n_areas, areas_list);
  if (b->study->mismatch_is_error)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_VINTAGE, "%s", msg);
      return FALSE;
    }
  warn (b, "%s", msg);
  return TRUE;
}

/* The lookup DS joins through, or NULL when its codes are the areas' own. */
static gboolean
dataset_lookup (builder *b, const dxi_study_dataset *ds, const dxi_lookup **out, GError **error)
{
  *out = NULL;
  if (g_str_equal (ds->geography, b->study->geography))
    return TRUE;
  *out = get_lookup (b, ds->geography, error);
  return *out != NULL;
}

/* Sum VALUES (one per row of DS's frame) into the areas. */
static double *
roll_sum (builder *b, const dxi_study_dataset *ds, const double *values, GError **error)
{
  const dxi_frame *frame = g_hash_table_lookup (b->frames, ds->id);
  const dxi_lookup *lookup;
  if (!dataset_lookup (b, ds, &lookup, error) || !report_join (b, ds, frame, lookup, error))
    return NULL;
  guint n_areas = dxi_frame_n_rows (b->areas->frame);
  double *out = g_new0 (double, n_areas);
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const char *code = dxi_frame_code (frame, r);
      if (lookup == NULL)
        {
          gint a = dxi_frame_find_row (b->areas->frame, code);
          if (a >= 0)
            out[a] += values[r];
          continue;
        }
      const GArray *links = dxi_lookup_links (lookup, code);
      for (guint i = 0; links && i < links->len; i++)
        {
          const dxi_link *l = &g_array_index (links, dxi_link, i);
          gint a = dxi_frame_find_row (b->areas->frame, l->target);
          if (a >= 0)
            out[a] += values[r] * l->weight;
        }
    }
  return out;
}

/* A count (dataset, columns, minus) per area. */
static double *
count_per_area (builder *b, const dxi_study_count *count, GError **error)
{
  const dxi_study_dataset *ds = dxi_study_find_dataset (b->study, count->dataset);
  const dxi_frame *frame = get_frame (b, ds, error);
  g_autofree double *sums = frame ? sum_columns (frame, ds->id, (const char *const *) count->columns, error) : NULL;
  double *out = sums ? roll_sum (b, ds, sums, error) : NULL;
  if (out == NULL || count->minus_dataset == NULL)
    return out;
  dxi_study_count minus = { .dataset = count->minus_dataset, .columns = count->minus_columns };
  g_autofree double *less = count_per_area (b, &minus, error);
  if (less == NULL)
    {
      g_free (out);
      return NULL;
    }
  for (guint a = 0; a < dxi_frame_n_rows (b->areas->frame); a++)
    out[a] -= less[a];
  return out;
}

/* Population of each area of the population dataset's own geography (used
 * to apportion crosswalk splits and to weight averages). */
static const dxi_frame *
source_population (gpointer data, GError **error)
{
  builder *b = data;
  if (b->population)
    return b->population;
  const dxi_study_count *pop = b->study->population;
  const dxi_study_dataset *ds = dxi_study_find_dataset (b->study, pop->dataset);
  const dxi_frame *frame = get_frame (b, ds, error);
  g_autofree double *sums = frame ? sum_columns (frame, ds->id, (const char *const *) pop->columns, error) : NULL;
  if (sums == NULL)
    return NULL;
  b->population = dxi_frame_new (frame->source);
  guint col = dxi_frame_add_column (b->population, "population");
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    dxi_frame_set (b->population, dxi_frame_add_row (b->population, dxi_frame_code (frame, r), NULL), col, sums[r]);
  return b->population;
}

static gboolean
add_column (builder *b, const char *name, double *values)
{
  if (values == NULL)
    return FALSE;
  guint col = dxi_frame_add_column (b->table, name);
  for (guint a = 0; a < dxi_frame_n_rows (b->table); a++)
    dxi_frame_set (b->table, a, col, values[a]);
  g_free (values);
  return TRUE;
}

/* Weight W of each source row of DS for an average weighted by KIND. */
static double *
source_weights (builder *b, const dxi_study_dataset *ds, const dxi_frame *frame, const dxi_study_indicator *ind,
                GError **error)
{
  const dxi_study_count *by = ind->weight_kind == DXI_WEIGHT_HOUSEHOLDS ? b->study->households : b->study->population;
  const dxi_study_dataset *wds = dxi_study_find_dataset (b->study, by->dataset);
  const dxi_frame *wframe = get_frame (b, wds, error);
  g_autofree double *w = wframe ? sum_columns (wframe, wds->id, (const char *const *) by->columns, error) : NULL;
  if (w == NULL)
    return NULL;
  guint n = dxi_frame_n_rows (frame);
  double *out = g_new (double, n);
  /* Where the weight lives: the dataset's own geography, or a step of its chain. */
  const dxi_lookup *lookup = g_str_equal (ds->geography, b->study->geography) ? NULL : get_lookup (b, ds->geography, NULL);
  gint step = -1;
  for (guint i = 0; lookup && i < lookup->steps->len; i++)
    if (g_str_equal (lookup->steps->pdata[i], wds->geography))
      step = (gint) i;
  dxi_lookup *partial = NULL;
  if (step > 0)
    {
      partial = get_lookup (b, lookup->steps->pdata[0], error);
      for (gint i = 1; partial && i < step; i++)
        {
          dxi_lookup *next = get_lookup (b, lookup->steps->pdata[i], error);
          dxi_lookup *composed = next ? dxi_lookup_compose ("partial", partial, next) : NULL;
          if (i > 1)
            dxi_lookup_free (partial);
          partial = composed;
        }
    }
  /* The weight measured on the target areas themselves: a source's weight
   * is the weight of the areas it reaches, shared by the lookup. */
  gboolean at_targets = lookup && partial == NULL && g_str_equal (wds->geography, b->study->geography);
  if (at_targets)
    partial = (dxi_lookup *) lookup;
  if (!g_str_equal (ds->geography, wds->geography) && partial == NULL)
    {
      dxi_ynode_error (ind->node, error,
                       "indicator '%s' is weighted by %s, which dataset '%s' gives at geography '%s', not at '%s' "
                       "nor on the lookup chain from it",
                       ind->id, ind->weight_kind == DXI_WEIGHT_HOUSEHOLDS ? "households" : "population", wds->id,
                       wds->geography, ds->geography);
      g_free (out);
      return NULL;
    }
  for (guint r = 0; r < n; r++)
    {
      const char *code = dxi_frame_code (frame, r);
      if (partial == NULL)
        {
          gint wr = dxi_frame_find_row (wframe, code);
          out[r] = wr >= 0 ? w[wr] : NAN;
          continue;
        }
      const GArray *links = dxi_lookup_links (partial, code);
      out[r] = links ? 0 : NAN;
      for (guint i = 0; links && i < links->len; i++)
        {
          const dxi_link *l = &g_array_index (links, dxi_link, i);
          gint wr = dxi_frame_find_row (wframe, l->target);
          out[r] += l->weight * (wr >= 0 ? w[wr] : NAN);
        }
    }
  if (step > 1 && !at_targets)
    dxi_lookup_free (partial);
  return out;
}

/* Average of VALUES into the areas, weighted as the indicator says. */
static double *
roll_mean (builder *b, const dxi_study_dataset *ds, const double *values, const dxi_study_indicator *ind,
           GError **error)
{
  const dxi_frame *frame = g_hash_table_lookup (b->frames, ds->id);
  const dxi_lookup *lookup;
  if (!dataset_lookup (b, ds, &lookup, error) || !report_join (b, ds, frame, lookup, error))
    return NULL;
  guint n_areas = dxi_frame_n_rows (b->areas->frame);
  if (lookup == NULL)
    {
      double *out = g_new (double, n_areas);
      for (guint a = 0; a < n_areas; a++)
        {
          gint r = dxi_frame_find_row (frame, dxi_frame_code (b->areas->frame, a));
          out[a] = r >= 0 ? values[r] : NAN;
        }
      return out;
    }
  if (ind->weight_kind == DXI_WEIGHT_AREA && lookup->kind != DXI_LOOKUP_OVERLAP)
    {
      dxi_ynode_error (ind->node, error, "indicator '%s' is weighted by area, which needs an overlap lookup", ind->id);
      return NULL;
    }
  g_autofree double *w = ind->weight_kind == DXI_WEIGHT_AREA ? NULL : source_weights (b, ds, frame, ind, error);
  if (ind->weight_kind != DXI_WEIGHT_AREA && w == NULL)
    return NULL;
  /* Each area's contributing (value, weight) pairs, reduced by the summary. */
  g_autoptr (GPtrArray) values_of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) weights_of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint a = 0; a < n_areas; a++)
    {
      g_ptr_array_add (values_of, g_array_new (FALSE, FALSE, sizeof (double)));
      g_ptr_array_add (weights_of, g_array_new (FALSE, FALSE, sizeof (double)));
    }
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const GArray *links = dxi_lookup_links (lookup, dxi_frame_code (frame, r));
      for (guint i = 0; links && i < links->len && !isnan (values[r]); i++)
        {
          const dxi_link *l = &g_array_index (links, dxi_link, i);
          gint a = dxi_frame_find_row (b->areas->frame, l->target);
          double weight = w ? w[r] * l->weight : l->area;
          if (a < 0 || isnan (weight))
            continue;
          g_array_append_val (values_of->pdata[a], values[r]);
          g_array_append_val (weights_of->pdata[a], weight);
        }
    }
  double *out = g_new (double, n_areas);
  for (guint a = 0; a < n_areas; a++)
    {
      GArray *v = values_of->pdata[a], *wt = weights_of->pdata[a];
      out[a] = dxi_iod_summary (ind->summary, (double *) v->data, (double *) wt->data, v->len, DXI_IOD2019_LSOAS);
    }
  return out;
}

static gboolean
add_indicator (builder *b, const dxi_study_indicator *ind, GError **error)
{
  const dxi_study_dataset *ds = dxi_study_find_dataset (b->study, ind->dataset);
  const dxi_frame *frame = get_frame (b, ds, error);
  if (frame == NULL)
    return FALSE;
  if (ind->kind == DXI_INDICATOR_AVERAGE)
    {
      gint c = column_or_error (frame, ds->id, ind->value, error);
      return c >= 0 && add_column (b, ind->id, roll_mean (b, ds, dxi_frame_column_data (frame, (guint) c), ind, error));
    }
  g_autofree double *num_src = sum_columns (frame, ds->id, (const char *const *) ind->numerator, error);
  g_autofree double *den_src
      = num_src ? sum_columns (frame, ds->id, (const char *const *) ind->denominator, error) : NULL;
  double *num = den_src ? roll_sum (b, ds, num_src, error) : NULL;
  double *den = num ? roll_sum (b, ds, den_src, error) : NULL;
  if (den == NULL)
    {
      g_free (num);
      return FALSE;
    }
  guint n = dxi_frame_n_rows (b->table);
  double *rate = g_new (double, n);
  for (guint a = 0; a < n; a++)
    rate[a] = den[a] > 0 ? 100.0 * num[a] / den[a] : NAN;
  g_autofree char *num_name = g_strconcat (ind->id, "_num", NULL);
  g_autofree char *den_name = g_strconcat (ind->id, "_den", NULL);
  return add_column (b, ind->id, rate) && add_column (b, num_name, num) && add_column (b, den_name, den);
}

/* Σ rate × count over COUNTS into column TOTAL, each count as PREFIX<id>. */
static gboolean
add_estimate (builder *b, GPtrArray *counts, const char *prefix, const char *total, GError **error)
{
  guint n = dxi_frame_n_rows (b->table);
  double *sum = g_new0 (double, n);
  for (guint i = 0; i < counts->len; i++)
    {
      const dxi_study_count *count = counts->pdata[i];
      double *v = count_per_area (b, count, error);
      if (v == NULL)
        {
          g_free (sum);
          return FALSE;
        }
      for (guint a = 0; a < n; a++)
        sum[a] += count->rate * v[a];
      g_autofree char *name = g_strconcat (prefix, count->id, NULL);
      add_column (b, name, v);
    }
  return add_column (b, total, sum);
}

static void
report_totals (builder *b)
{
  static const char *const totals[] = { "population", "households", "adults", "excluded_adults", "mdls_households",
                                        NULL };
  g_string_append (b->coverage, "totals over the areas:");
  for (guint i = 0; totals[i]; i++)
    {
      gint c = dxi_frame_find_column (b->table, totals[i]);
      guint missing = 0;
      double sum = c >= 0 ? dxi_frame_column_sum (b->table, (guint) c, &missing) : NAN;
      g_string_append_printf (b->coverage, " %s %.0f%s", totals[i], sum, missing ? " (some missing)" : "");
    }
  g_string_append_c (b->coverage, '\n');
  /* Population before and after its join: nobody lost or counted twice. */
  if (b->population)
    {
      double before = dxi_frame_column_sum (b->population, 0, NULL);
      double after = dxi_frame_column_sum (b->table, (guint) dxi_frame_find_column (b->table, "population"), NULL);
      g_string_append_printf (b->coverage, "population of the source areas %.0f, of the target areas %.0f (%.2f%%)\n",
                              before, after, before > 0 ? 100 * after / before : 0);
      if (fabs (after - before) > 0.5)
        warn (b, "population of the areas (%.0f) differs from the population of the source areas (%.0f)", after,
              before);
    }
}

dxi_frame *
dxi_study_build (const dxi_study *study, const dxi_areas *areas, GString *coverage, GPtrArray *warnings,
                 GError **error)
{
  builder b = { .study = study, .areas = areas, .coverage = coverage, .warnings = warnings };
  b.frames = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dxi_frame_free);
  b.lookups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dxi_lookup_free);
  b.reported = g_hash_table_new (g_str_hash, g_str_equal);
  b.building = g_hash_table_new (g_str_hash, g_str_equal);
  b.table = dxi_frame_new (study->path);
  for (guint a = 0; a < dxi_frame_n_rows (areas->frame); a++)
    dxi_frame_add_row (b.table, dxi_frame_code (areas->frame, a), dxi_frame_name (areas->frame, a));
  g_string_append_printf (coverage, "study '%s': %u areas from '%s' (geography %s)\n", study->name,
                          dxi_frame_n_rows (areas->frame), study->areas_file, study->geography);
  gboolean ok = source_population (&b, error) != NULL
                && add_column (&b, "population", count_per_area (&b, study->population, error))
                && add_column (&b, "households", count_per_area (&b, study->households, error))
                && add_column (&b, "adults", count_per_area (&b, study->adults, error))
                && add_estimate (&b, study->excluded, "adults_", "excluded_adults", error)
                && add_estimate (&b, study->mdls, "households_", "mdls_households", error);
  for (guint i = 0; ok && i < study->indicators->len; i++)
    ok = add_indicator (&b, study->indicators->pdata[i], error);
  for (guint i = 0; ok && i < study->extra->len; i++)
    ok = add_indicator (&b, study->extra->pdata[i], error);
  if (ok)
    report_totals (&b);
  g_hash_table_unref (b.frames);
  g_hash_table_unref (b.lookups);
  g_hash_table_unref (b.reported);
  g_hash_table_unref (b.building);
  dxi_frame_free (b.population);
  if (!ok)
    {
      dxi_frame_free (b.table);
      return NULL;
    }
  return b.table;
}
