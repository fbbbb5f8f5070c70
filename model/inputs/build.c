#include "inputs/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"
#include "inputs/delimited.h"
#include "inputs/iod.h"
#include "inputs/fit-report.h"
#include "inputs/lookup.h"
#include "inputs/table.h"

typedef struct
{
  const dxi_study *study;
  const dxi_boundaries *areas;
  dxi_frame *table;
  GString *coverage;
  GPtrArray *warnings;
  GHashTable *frames; /* dataset id -> dxi_frame *, borrowed: shared by both passes */
  GHashTable
      *lookups; /* name -> dxi_lookup *, borrowed: those not built from others serve both passes */
  GHashTable *reported;  /* dataset ids whose join is in the report */
  GHashTable *building;  /* lookup names being built (cycle guard) */
  GHashTable *cover;     /* dataset id -> join_cover * */
  GHashTable *weights;   /* effective weights already worked out (cached_weights) */
  dxi_frame *population; /* population per area of its dataset's geography */
  gboolean best_fit;     /* apportion lookups built as best fits */
} builder;

/* How much of each area a dataset's rows cover: the share of the area's
 * weight (population of the source areas reaching it) that has a row, and
 * how many source codes reaching it have none. */
typedef struct
{
  double *share;
  guint *missing_rows;
} join_cover;

static void
join_cover_free (gpointer data)
{
  join_cover *jc = data;
  g_free (jc->share);
  g_free (jc->missing_rows);
  g_free (jc);
}

static const dxi_frame *source_population (gpointer data, GError **error);
static dxi_frame *dataset_totals (gpointer data, const char *id, GError **error);

static dxi_lookup *
get_lookup (gpointer data, const char *name, GError **error)
{
  builder *b = data;
  dxi_lookup *lookup = g_hash_table_lookup (b->lookups, name);
  if (lookup)
    return lookup;
  const dxi_lookup_config *config = g_hash_table_lookup (b->study->lookups, name);
  if (config == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: no lookup named '%s' under 'lookups'",
                   b->study->path, name);
      return NULL;
    }
  if (g_hash_table_contains (b->building, name))
    {
      dxi_where_error (&config->where, error, "lookup '%s' refers to itself through its steps",
                       name);
      return NULL;
    }
  g_hash_table_add (b->building, (gpointer) name);
  dxi_lookup_context ctx = { .get = get_lookup,
                             .population = source_population,
                             .targets = b->areas,
                             .data = b,
                             .totals = dataset_totals,
                             .best_fit = b->best_fit };
  lookup = dxi_lookup_build (config, &ctx, error);
  g_hash_table_remove (b->building, name);
  if (lookup)
    g_hash_table_insert (b->lookups, lookup->name, lookup);
  return lookup;
}

static void
add_counted (GStrvBuilder *cols, gboolean *all, const char *dataset, const char *id, char **columns)
{
  if (dataset == NULL || !g_str_equal (dataset, id))
    return;
  if (columns == NULL)
    *all = TRUE;
  else
    g_strv_builder_addv (cols, (const char **) columns);
}

/* The columns of dataset ID the study sums as counts: totals, estimates and
 * the numerators and denominators of rates (values averaged, such as scores,
 * may be negative); *ALL when one of them takes every column. */
static GStrv
count_columns (const dxi_study *study, const char *id, gboolean *all)
{
  g_autoptr (GStrvBuilder) cols = g_strv_builder_new ();
  *all = FALSE;
  g_autoptr (GPtrArray) counts = g_ptr_array_new ();
  g_ptr_array_add (counts, study->population);
  g_ptr_array_add (counts, study->households);
  g_ptr_array_add (counts, study->adults);
  g_ptr_array_extend (counts, study->excluded, NULL, NULL);
  g_ptr_array_extend (counts, study->mdls, NULL, NULL);
  for (guint i = 0; i < counts->len; i++)
    {
      const dxi_study_count *c = counts->pdata[i];
      add_counted (cols, all, c->dataset, id, c->columns);
      add_counted (cols, all, c->minus_dataset, id, c->minus_columns);
    }
  const GPtrArray *lists[] = { study->indicators, study->extra };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const dxi_study_indicator *ind = lists[l]->pdata[i];
        if (ind->weight_count)
          add_counted (cols, all, ind->weight_count->dataset, id, ind->weight_count->columns);
        if (ind->kind != DXI_INDICATOR_RATE)
          continue;
        add_counted (cols, all, ind->dataset, id, ind->numerator);
        add_counted (cols, all, ind->dataset, id, ind->denominator);
      }
  return g_strv_builder_end (cols);
}

static const dxi_frame *
get_frame (builder *b, const dxi_study_dataset *ds, GError **error)
{
  dxi_frame *frame = g_hash_table_lookup (b->frames, ds->id);
  if (frame)
    return frame;
  g_autoptr (dxi_table_spec) spec = dxi_table_spec_new (ds->table, error);
  if (spec)
    spec->counts = count_columns (b->study, ds->id, &spec->all_counts);
  guint missing = 0;
  frame = spec ? dxi_table_read (spec, &missing, error) : NULL;
  if (frame == NULL)
    return NULL;
  g_autofree char *kept = spec->filter ? dxi_row_filter_describe (spec->filter) : NULL;
  g_string_append_printf (
      b->coverage, "dataset '%s': '%s', %u rows%s%s%s, %u columns, %u missing (suppressed) cells\n",
      ds->id, spec->path, dxi_frame_n_rows (frame), kept ? " (" : "", kept ? kept : "",
      kept ? ")" : "", dxi_frame_n_cols (frame), missing);
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
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
               "dataset '%s' ('%s') has no category '%s' (%s%s%s%s)", dataset, frame->source, name,
               near ? "did you mean '" : "categories: ", near ? near : list, near ? "'?" : "", "");
  return -1;
}

/* Per source row: the sum of COLUMNS (NULL = all); NAN when any is missing. */
static double *
sum_columns (const dxi_frame *frame, const char *dataset, const char *const *columns,
             GError **error)
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

static void warn (builder *b, const char *format, ...) G_GNUC_PRINTF (2, 3);
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

static gint
by_code (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static const dxi_lookup *cached_weights (builder *b, const dxi_study_dataset *ds,
                                         const dxi_lookup *lookup, DxiWeightKind kind,
                                         const dxi_study_count *by_count, const char *what,
                                         const dxi_where *where, GError **error);
static char *share_list (builder *b, const gboolean *below, const double *share);

/* Share of each area's weight (the population of the source areas reaching it;
 * m^2 for an overlap, the lookup's weights when the population does not reach
 * the dataset's geography) whose source codes have a row in FRAME, kept for
 * the roll-ups; codes of the lookup that reach the areas with no row are
 * reported. */
static void
measure_cover (builder *b, const dxi_study_dataset *ds, const dxi_frame *frame,
               const dxi_lookup *lookup)
{
  const dxi_frame *areas = b->areas->frame;
  guint n_areas = dxi_frame_n_rows (areas);
  join_cover *jc = g_new0 (join_cover, 1);
  jc->share = g_new0 (double, n_areas);
  jc->missing_rows = g_new0 (guint, n_areas);
  g_hash_table_insert (b->cover, ds->id, jc);
  if (lookup == NULL)
    {
      for (guint a = 0; a < n_areas; a++)
        {
          gboolean has = dxi_frame_find_row (frame, dxi_frame_code (areas, a)) >= 0;
          jc->share[a] = has;
          jc->missing_rows[a] = !has;
        }
      return;
    }
  g_autoptr (GError) unweighted = NULL;
  DxiWeightKind kind = lookup->kind == DXI_LOOKUP_OVERLAP ? DXI_WEIGHT_AREA : DXI_WEIGHT_POPULATION;
  const dxi_lookup *weights
      = cached_weights (b, ds, lookup, kind, NULL, "the coverage", NULL, &unweighted);
  const dxi_lookup *by = weights ? weights : lookup;
  g_autoptr (GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const char *code = dxi_frame_code (frame, r);
      g_hash_table_add (rows, lookup->postcodes ? dxi_lookup_postcode_key (code) : g_strdup (code));
    }
  g_autofree double *total = g_new0 (double, n_areas);
  g_autofree double *with_row = g_new0 (double, n_areas);
  g_autofree guint *sources = g_new0 (guint, n_areas);
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, by->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      gboolean has = g_hash_table_contains (rows, key), reaches = FALSE;
      for (guint i = 0; i < ((GArray *) value)->len; i++)
        {
          const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, i);
          gint a = dxi_frame_find_row (areas, l->target);
          if (a < 0)
            continue;
          reaches = TRUE;
          sources[a]++;
          jc->missing_rows[a] += !has;
          if (!isnan (l->weight))
            {
              total[a] += l->weight;
              with_row[a] += has ? l->weight : 0;
            }
        }
      if (reaches && !has)
        g_ptr_array_add (missing, key);
    }
  g_autofree gboolean *partial = g_new0 (gboolean, n_areas);
  for (guint a = 0; a < n_areas; a++)
    {
      jc->share[a]
          = total[a] > 0 ? with_row[a] / total[a] : sources[a] > 0 && jc->missing_rows[a] == 0;
      partial[a] = jc->missing_rows[a] > 0;
    }
  if (missing->len == 0)
    return;
  g_ptr_array_sort (missing, by_code);
  g_autofree char *codes = code_list (missing);
  g_autofree char *list = share_list (b, partial, jc->share);
  warn (b,
        "dataset '%s' ('%s'): %u code(s) of the lookup that reach the areas have no row (%s); "
        "share of each area's "
        "weight with data: %s; counts from the dataset are missing there, rates and averages where "
        "the share is "
        "below min_coverage (%g%%)",
        ds->id, frame->source, missing->len, codes, list, 100 * ds->min_coverage);
}

/* Whether CODE is an ONS code, with its kind (the entity part, "E01" of
 * E01000001: England's LSOAs) in KIND.  Other codes have no kind, and
 * nothing then says they lie elsewhere: they are a mismatch. */
static gboolean
code_kind (const char *code, char kind[4])
{
  if (strlen (code) != 9 || !g_ascii_isalpha (code[0]) || !g_ascii_isdigit (code[1])
      || !g_ascii_isdigit (code[2]))
    return FALSE;
  memcpy (kind, code, 3);
  kind[3] = '\0';
  return TRUE;
}

/* The kinds of code LOOKUP has as sources. */
static GHashTable *
code_kinds (const dxi_lookup *lookup)
{
  GHashTable *kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer code;
  g_hash_table_iter_init (&it, lookup->links);
  while (g_hash_table_iter_next (&it, &code, NULL))
    {
      char kind[4];
      if (code_kind (code, kind) && !g_hash_table_contains (kinds, kind))
        g_hash_table_add (kinds, g_strdup (kind));
    }
  return kinds;
}

/* "file:row" of the first row of the table at PATH holding CODE in a field,
 * for a message ("file" alone when it cannot be found again). */
static char *
first_row_of (const char *path, const char *code)
{
  g_autoptr (dxi_delimited) csv = path ? dxi_delimited_open (path, NULL) : NULL;
  char **fields;
  guint n, line;
  while (csv && dxi_delimited_next (csv, &fields, &n, &line))
    for (guint i = 0; i < n; i++)
      if (g_str_equal (fields[i], code)
          || (g_str_has_prefix (fields[i], code) && fields[i][strlen (code)] == ' '))
        return g_strdup_printf ("%s:%u", path, line);
  return g_strdup (path ? path : "?");
}

/* How the codes of a dataset meet the areas. */
typedef struct
{
  guint matched;   /* codes reaching one of the areas */
  guint outside;   /* codes reaching none of them */
  guint elsewhere; /* of those outside, codes of a kind the lookup has none of */
} join_counts;

/* Which of AREAS the codes of FRAME reach, directly or through LOOKUP (COVERED, per area), and
 * how many do (COUNTS); the codes not in the lookup are added to UNMATCHED. */
static void
count_codes (const dxi_frame *areas, const dxi_frame *frame, const dxi_lookup *lookup,
             gboolean *covered, GPtrArray *unmatched, join_counts *counts)
{
  g_autoptr (GHashTable) kinds = lookup ? code_kinds (lookup) : NULL;
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const char *code = dxi_frame_code (frame, r);
      if (lookup == NULL)
        {
          gint a = dxi_frame_find_row (areas, code);
          if (a >= 0)
            covered[a] = TRUE, counts->matched++;
          else
            counts->outside++;
          continue;
        }
      const GArray *links = dxi_lookup_links (lookup, code);
      if (links == NULL)
        {
          /* A code of a kind the lookup has none of (Scottish LSOAs in a
           * GB table, joined by an England and Wales lookup) lies elsewhere. */
          char kind[4];
          if (code_kind (code, kind) && !g_hash_table_contains (kinds, kind))
            counts->elsewhere++, counts->outside++;
          else
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
      inside ? counts->matched++ : counts->outside++;
    }
}

/* The message for DS's mismatch: the codes of FRAME not in LOOKUP (UNMATCHED; with no lookup,
 * none of them is an area's), else the areas of the N_AREAS that get no data (EMPTY). */
static char *
mismatch_message (const dxi_study_dataset *ds, const dxi_frame *frame, const dxi_lookup *lookup,
                  GPtrArray *unmatched, GPtrArray *empty, guint n_areas)
{
  g_autofree char *codes = code_list (unmatched);
  g_autofree char *areas_list = code_list (empty);
  if (unmatched->len && lookup)
    {
      g_autofree char *at = first_row_of (frame->source, unmatched->pdata[0]);
      const char *first = unmatched->pdata[0];
      char first_kind[4];
      g_autofree char *kind
          = code_kind (first, first_kind)
                ? g_strdup_printf (", which has %s... codes but not these", first_kind)
                : g_strdup ("");
      return g_strdup_printf (
          "%s: dataset '%s': %u of %u codes (%s) are not in the lookup %s%s: another vintage of "
          "the geography (e.g. LSOA 2011 codes against an LSOA 2021 lookup), a typo, or a row "
          "missing from the lookup; codes of areas elsewhere in the country are fine as long as "
          "the lookup lists them",
          at, ds->id, unmatched->len, dxi_frame_n_rows (frame), codes, lookup->description, kind);
    }
  if (unmatched->len)
    {
      g_autofree char *at = first_row_of (frame->source, unmatched->pdata[0]);
      return g_strdup_printf (
          "%s: dataset '%s': none of its %u codes (%s) is a code of the study's areas: another "
          "geography or vintage? Name its geography and a lookup to the areas (for boundaries, "
          "kind: overlap)",
          at, ds->id, dxi_frame_n_rows (frame), codes);
    }
  return g_strdup_printf ("dataset '%s' ('%s'): %u of %u areas get no data (%s)", ds->id,
                          frame->source, empty->len, n_areas, areas_list);
}

/* Report how DS's codes meet the areas (once per dataset); a mismatch is an
 * error unless the dataset (or the study) says warn or ignore. */
static gboolean
report_join (builder *b, const dxi_study_dataset *ds, const dxi_frame *frame,
             const dxi_lookup *lookup, GError **error)
{
  if (g_hash_table_contains (b->reported, ds->id))
    return TRUE;
  g_hash_table_add (b->reported, ds->id);
  const dxi_frame *areas = b->areas->frame;
  guint n_areas = dxi_frame_n_rows (areas);
  g_autofree gboolean *covered = g_new0 (gboolean, n_areas);
  g_autoptr (GPtrArray) unmatched = g_ptr_array_new ();
  join_counts counts = { 0 };
  count_codes (areas, frame, lookup, covered, unmatched, &counts);
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  for (guint a = 0; a < n_areas; a++)
    if (!covered[a])
      g_ptr_array_add (empty, (gpointer) dxi_frame_code (areas, a));
  g_autofree char *beyond
      = counts.elsewhere
            ? g_strdup_printf (" (%u of a kind the lookup does not cover)", counts.elsewhere)
            : g_strdup ("");
  g_string_append_printf (
      b->coverage,
      "  joined %s: %u codes reach the areas, %u lie outside them%s, %u are not in the "
      "lookup; %u of %u areas have data\n",
      lookup ? lookup->description : "directly (same codes as the areas)", counts.matched,
      counts.outside, beyond, unmatched->len, n_areas - empty->len, n_areas);
  measure_cover (b, ds, frame, lookup);
  /* Joined directly, codes outside the areas are the mismatch to catch. */
  if (lookup == NULL && counts.outside > 0 && counts.matched == 0)
    for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
      g_ptr_array_add (unmatched, (gpointer) dxi_frame_code (frame, r));
  if (unmatched->len == 0 && empty->len == 0)
    return TRUE;
  g_autofree char *msg = mismatch_message (ds, frame, lookup, unmatched, empty, n_areas);
  if (ds->on_mismatch == DXI_MISMATCH_ERROR)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_VINTAGE, "%s", msg);
      return FALSE;
    }
  if (ds->on_mismatch == DXI_MISMATCH_WARN)
    warn (b, "%s", msg);
  else
    g_string_append_printf (b->coverage, "  ignored (the dataset's on_mismatch: ignore): %s\n",
                            msg);
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

/* Sum VALUES (one per row of DS's frame) into the areas.  A count is missing
 * for an area with a source code that has no row (as for a suppressed cell);
 * a rate's numerator and denominator (IS_RATE) where the codes with a row hold
 * less than the dataset's min_coverage of the area's weight. */
static double *
roll_sum (builder *b, const dxi_study_dataset *ds, const double *values, gboolean is_rate,
          GError **error)
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
  const join_cover *jc = g_hash_table_lookup (b->cover, ds->id);
  for (guint a = 0; a < n_areas; a++)
    if (is_rate ? jc->share[a] < ds->min_coverage * (1 - 1e-12) : jc->missing_rows[a] > 0)
      out[a] = NAN;
  return out;
}

/* A count (dataset, columns, minus) per area. */
static double *
count_per_area (builder *b, const dxi_study_count *count, GError **error)
{
  const dxi_study_dataset *ds = dxi_study_find_dataset (b->study, count->dataset);
  const dxi_frame *frame = get_frame (b, ds, error);
  g_autofree double *sums
      = frame ? sum_columns (frame, ds->id, (const char *const *) count->columns, error) : NULL;
  double *out = sums ? roll_sum (b, ds, sums, FALSE, error) : NULL;
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
  g_autofree double *sums
      = frame ? sum_columns (frame, ds->id, (const char *const *) pop->columns, error) : NULL;
  if (sums == NULL)
    return NULL;
  b->population = dxi_frame_new (frame->source);
  guint col = dxi_frame_add_column (b->population, "population");
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    dxi_frame_set (b->population,
                   dxi_frame_add_row (b->population, dxi_frame_code (frame, r), NULL), col,
                   sums[r]);
  return b->population;
}

/* Row totals of dataset ID (every column summed): the weights of the parts
 * of an apportion lookup, e.g. the census population of each OA. */
static dxi_frame *
dataset_totals (gpointer data, const char *id, GError **error)
{
  builder *b = data;
  const dxi_study_dataset *ds = dxi_study_find_dataset (b->study, id);
  if (ds == NULL)
    {
      g_autoptr (GPtrArray) ids = g_ptr_array_new ();
      for (guint i = 0; i < b->study->datasets->len; i++)
        g_ptr_array_add (ids, ((dxi_study_dataset *) b->study->datasets->pdata[i])->id);
      g_ptr_array_add (ids, NULL);
      const char *near = dxi_suggest (id, (const char *const *) ids->pdata);
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                   "no dataset named '%s' under 'datasets'%s%s%s", id,
                   near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
      return NULL;
    }
  const dxi_frame *frame = get_frame (b, ds, error);
  g_autofree double *sums = frame ? sum_columns (frame, ds->id, NULL, error) : NULL;
  if (sums == NULL)
    return NULL;
  dxi_frame *totals = dxi_frame_new (frame->source);
  guint col = dxi_frame_add_column (totals, "total");
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    dxi_frame_set (totals, dxi_frame_add_row (totals, dxi_frame_code (frame, r), NULL), col,
                   sums[r]);
  return totals;
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

/* Steps FROM..TO-1 of CHAIN composed into one lookup: borrowed when it is one
 * step (*OWNED FALSE), else the caller frees it. */
static dxi_lookup *
chain_steps (builder *b, const dxi_lookup *chain, guint from, guint to, gboolean *owned,
             GError **error)
{
  *owned = FALSE;
  dxi_lookup *acc = get_lookup (b, chain->steps->pdata[from], error);
  for (guint i = from + 1; acc && i < to; i++)
    {
      dxi_lookup *next = get_lookup (b, chain->steps->pdata[i], error);
      dxi_lookup *composed = next ? dxi_lookup_compose (chain->name, acc, next) : NULL;
      if (*owned)
        dxi_lookup_free (acc);
      acc = composed;
      *owned = acc != NULL;
    }
  return acc;
}

/* Per row of WDS's table, the weight BY counts (its columns summed).  A
 * column missing from a weight the catalogue or study names ({dataset,
 * column}) is an error at that weight's file:line:col. */
static double *
weight_per_source (builder *b, const dxi_study_dataset *wds, const dxi_study_count *by,
                   GError **error)
{
  const dxi_frame *wframe = get_frame (b, wds, error);
  if (wframe == NULL)
    return NULL;
  g_autoptr (GError) local = NULL;
  double *w = sum_columns (wframe, wds->id, (const char *const *) by->columns, &local);
  if (w == NULL && by->where.file && g_str_equal (by->id, "weight"))
    dxi_where_error (&by->where, error, "the weight of an average: %s", local->message);
  else if (w == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return w;
}

static double
measure_at (const dxi_frame *frame, const double *w, const char *code)
{
  gint r = dxi_frame_find_row (frame, code);
  return r >= 0 ? w[r] : NAN;
}

/* LOOKUP's links weighted by area of overlap (WFRAME NULL), or by the
 * weight W of each source (its row in WFRAME) times its share. */
static dxi_lookup *
weights_scaled (const dxi_lookup *lookup, const dxi_frame *wframe, const double *w)
{
  dxi_lookup *out = dxi_lookup_new ("weights", DXI_LOOKUP_CHAIN);
  out->postcodes = lookup->postcodes;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, lookup->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    for (guint i = 0; i < ((GArray *) value)->len; i++)
      {
        const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, i);
        double weight = wframe ? measure_at (wframe, w, key) * l->weight : l->area;
        dxi_lookup_add (out, key, l->target, weight, NAN);
      }
  return out;
}

/* How much of each target of LOOKUP comes in from all its sources together:
 * target code (borrowed) -> double *. */
static GHashTable *
inflow_of (const dxi_lookup *lookup)
{
  GHashTable *inflow = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, lookup->links);
  while (g_hash_table_iter_next (&it, NULL, &value))
    for (guint i = 0; i < ((GArray *) value)->len; i++)
      {
        const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, i);
        double *in = g_hash_table_lookup (inflow, l->target);
        if (in == NULL)
          g_hash_table_insert (inflow, l->target, in = g_new0 (double, 1));
        *in += l->weight;
      }
  return inflow;
}

/* How much each source of LOOKUP weighs in each area it reaches, for an
 * average weighted by KIND: a lookup from the same sources to the areas whose
 * weights are the population (households; m^2 for area) of the part of the
 * source in the area.
 *   Weight measured at the sources' own geography: W_r w_ra.
 *   Measured at a geography G further on (the LSOA21s of an LSOA11 -> LSOA21
 *   -> ward chain, or the areas themselves): sum over g of W_g s_rg w_ga, with
 *   s_rg = w_rg / sum_r' w_r'g the share of g coming from r.  A split LSOA11
 *   holds the whole of each of its parts (s = 1), so it weighs sum p_j, the
 *   2021 population of its parts; k LSOA11s merged into one LSOA21 hold 1/k
 *   of it each.  Nobody is counted twice or lost.
 * NAN where a weight is not known (the source is then left out). */
static dxi_lookup *
effective_weights (builder *b, const dxi_study_dataset *ds, const dxi_lookup *lookup,
                   DxiWeightKind kind, const dxi_study_count *by_count, const char *what,
                   const dxi_where *where, GError **error)
{
  if (kind == DXI_WEIGHT_AREA)
    return weights_scaled (lookup, NULL, NULL);
  g_autoptr (dxi_lookup) out = dxi_lookup_new ("weights", DXI_LOOKUP_CHAIN);
  out->postcodes = lookup->postcodes;
  GHashTableIter it;
  gpointer key, value;
  const dxi_study_count *by = by_count                        ? by_count
                              : kind == DXI_WEIGHT_HOUSEHOLDS ? b->study->households
                                                              : b->study->population;
  const dxi_study_dataset *wds = dxi_study_find_dataset (b->study, by->dataset);
  g_autofree double *w = weight_per_source (b, wds, by, error);
  if (w == NULL)
    return NULL;
  const dxi_frame *wframe = g_hash_table_lookup (b->frames, wds->id);
  if (g_str_equal (ds->geography, wds->geography))
    return weights_scaled (lookup, wframe, w);
  /* Where the weight lives: the source geography of a later step of the
   * chain, or the areas themselves. */
  guint n_steps = lookup->steps->len;
  gint step = -1;
  for (guint i = 1; step < 0 && i < n_steps; i++)
    if (g_str_equal (lookup->steps->pdata[i], wds->geography))
      step = (gint) i;
  gboolean at_targets = step < 0 && g_str_equal (wds->geography, b->study->geography);
  if (step < 0 && !at_targets)
    {
      g_autofree char *by_name
          = by_count ? g_strdup_printf ("'%s'", by_count->columns[0])
                     : g_strdup (kind == DXI_WEIGHT_HOUSEHOLDS ? "households" : "population");
      static const dxi_where nowhere = { 0 };
      dxi_where_error (where ? where : &nowhere, error,
                       "%s is weighted by %s, which dataset '%s' gives at geography '%s', not at "
                       "'%s' nor on the lookup chain from it",
                       what, by_name, wds->id, wds->geography, ds->geography);
      return NULL;
    }
  gboolean own_first = FALSE, own_rest = FALSE;
  dxi_lookup *first = at_targets ? (dxi_lookup *) lookup
                                 : chain_steps (b, lookup, 0, (guint) step, &own_first, error);
  dxi_lookup *rest = at_targets || first == NULL
                         ? NULL
                         : chain_steps (b, lookup, (guint) step, n_steps, &own_rest, error);
  if (!at_targets && rest == NULL)
    {
      if (own_first)
        dxi_lookup_free (first);
      return NULL;
    }
  g_autoptr (GHashTable) inflow = inflow_of (first);
  g_hash_table_iter_init (&it, first->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    for (guint i = 0; i < ((GArray *) value)->len; i++)
      {
        const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, i);
        double in = *(double *) g_hash_table_lookup (inflow, l->target);
        double held = measure_at (wframe, w, l->target) * (in > 0 ? l->weight / in : 0);
        if (at_targets)
          {
            dxi_lookup_add (out, key, l->target, held, NAN);
            continue;
          }
        const GArray *next = dxi_lookup_links (rest, l->target);
        for (guint j = 0; next && j < next->len; j++)
          {
            const dxi_link *l2 = &g_array_index (next, dxi_link, j);
            dxi_lookup_add (out, key, l2->target, held * l2->weight, NAN);
          }
      }
  if (own_first)
    dxi_lookup_free (first);
  if (own_rest)
    dxi_lookup_free (rest);
  return g_steal_pointer (&out);
}

/* "Name (CODE) 55.6%, ..." for the areas flagged in BELOW. */
static char *
share_list (builder *b, const gboolean *below, const double *share)
{
  const dxi_frame *areas = b->areas->frame;
  GString *s = g_string_new (NULL);
  guint n = 0;
  for (guint a = 0; a < dxi_frame_n_rows (areas); a++)
    if (below[a] && n++ < 6)
      g_string_append_printf (s, "%s%s (%s) %.1f%%", n > 1 ? ", " : "",
                              dxi_frame_name (areas, a) ? dxi_frame_name (areas, a)
                                                        : dxi_frame_code (areas, a),
                              dxi_frame_code (areas, a), 100 * share[a]);
  if (n > 6)
    g_string_append_printf (s, ", ... (%u more)", n - 6);
  return g_string_free (s, FALSE);
}

/* The dataset giving an average's weight ({dataset, column}) is joined like
 * any other: reported in coverage.txt, its mismatches caught. */
static gboolean
join_weight_dataset (builder *b, const dxi_study_indicator *ind, GError **error)
{
  if (ind->weight_count == NULL)
    return TRUE;
  const dxi_study_dataset *wds = dxi_study_find_dataset (b->study, ind->weight_count->dataset);
  const dxi_frame *frame = get_frame (b, wds, error);
  const dxi_lookup *lookup;
  return frame && dataset_lookup (b, wds, &lookup, error)
         && report_join (b, wds, frame, lookup, error);
}

/* A percentage averaged by a weight that counts something else than what it
 * is a percentage of (households for a % of premises) is a proxy: said in
 * coverage.txt and among the run's warnings. */
static void
warn_proxy (builder *b, const dxi_study_indicator *ind)
{
  if (ind->percent_of == NULL || g_str_equal (ind->percent_of, ind->weight_counts))
    return;
  warn (b,
        "indicator '%s' is a percentage of %s averaged by %s, a proxy weight: each source area "
        "weighs by its %s, "
        "not its %s; give a count of %s as its weight (the catalogue's 'weight' or the study's "
        "'average_by': "
        "{dataset, column, counts: %s})",
        ind->id, ind->percent_of, ind->weight_counts, ind->weight_counts, ind->percent_of,
        ind->percent_of, ind->percent_of);
}

/* Source areas of FRAME with a value that reach the areas but have no
 * weight (no row, or a missing cell, in the weight's dataset): left out of
 * the average, and said so. */
static void
warn_unweighted (builder *b, const dxi_study_indicator *ind, const dxi_frame *frame,
                 const double *values, const dxi_lookup *weights)
{
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const GArray *links
          = isnan (values[r]) ? NULL : dxi_lookup_links (weights, dxi_frame_code (frame, r));
      gboolean unweighted = FALSE;
      for (guint i = 0; links && i < links->len; i++)
        {
          const dxi_link *l = &g_array_index (links, dxi_link, i);
          unweighted |= isnan (l->weight) && dxi_frame_find_row (b->areas->frame, l->target) >= 0;
        }
      if (unweighted)
        g_ptr_array_add (codes, (gpointer) dxi_frame_code (frame, r));
    }
  if (codes->len == 0)
    return;
  g_ptr_array_sort (codes, by_code);
  g_autofree char *list = code_list (codes);
  warn (b,
        "indicator '%s': %u source code(s) with a value have no weight (no row, or a missing cell, "
        "in dataset "
        "'%s'): %s; they are left out of the average",
        ind->id, codes->len, ind->weight_count->dataset, list);
}

/* effective_weights, worked out once a pass for each lookup, weight and
 * geography of the dataset (all that the weights depend on; a study's
 * indicators mostly share them), and owned by the builder. */
static const dxi_lookup *
cached_weights (builder *b, const dxi_study_dataset *ds, const dxi_lookup *lookup,
                DxiWeightKind kind, const dxi_study_count *by_count, const char *what,
                const dxi_where *where, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%p %d %p %s", (const void *) lookup, (int) kind,
                                          (const void *) by_count, ds->geography);
  dxi_lookup *weights = g_hash_table_lookup (b->weights, key);
  if (weights == NULL)
    {
      weights = effective_weights (b, ds, lookup, kind, by_count, what, where, error);
      if (weights != NULL)
        g_hash_table_insert (b->weights, g_steal_pointer (&key), weights);
    }
  return weights;
}

/* The weights of the average IND of dataset DS (its FRAME and VALUES) through
 * LOOKUP, with the warnings they call for. */
static const dxi_lookup *
mean_weights (builder *b, const dxi_study_dataset *ds, const dxi_lookup *lookup,
              const dxi_study_indicator *ind, const dxi_frame *frame, const double *values,
              GError **error)
{
  if (ind->weight_kind == DXI_WEIGHT_AREA && lookup->kind != DXI_LOOKUP_OVERLAP)
    {
      dxi_where_error (&ind->where, error,
                       "indicator '%s' is weighted by area, which needs an overlap lookup",
                       ind->id);
      return NULL;
    }
  if (!join_weight_dataset (b, ind, error))
    return NULL;
  g_autofree char *what = g_strdup_printf ("indicator '%s'", ind->id);
  const dxi_lookup *weights
      = cached_weights (b, ds, lookup, ind->weight_kind, ind->weight_count, what,
                        ind->weight_where.file ? &ind->weight_where : &ind->where, error);
  if (weights == NULL)
    return NULL;
  warn_proxy (b, ind);
  if (ind->weight_kind == DXI_WEIGHT_DATASET)
    warn_unweighted (b, ind, frame, values, weights);
  return weights;
}

/* VALUES of FRAME, joined directly: each area's own row, missing without one. */
static double *
direct_values (builder *b, const dxi_frame *frame, const double *values)
{
  guint n_areas = dxi_frame_n_rows (b->areas->frame);
  double *out = g_new (double, n_areas);
  for (guint a = 0; a < n_areas; a++)
    {
      gint r = dxi_frame_find_row (frame, dxi_frame_code (b->areas->frame, a));
      out[a] = r >= 0 ? values[r] : NAN;
    }
  return out;
}

/* The whole weight of each area, from every source the lookup WEIGHTS brings to it. */
static double *
area_weights (builder *b, const dxi_lookup *weights)
{
  double *total = g_new0 (double, dxi_frame_n_rows (b->areas->frame));
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, weights->links);
  while (g_hash_table_iter_next (&it, NULL, &value))
    for (guint i = 0; i < ((GArray *) value)->len; i++)
      {
        const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, i);
        gint a = dxi_frame_find_row (b->areas->frame, l->target);
        if (a >= 0 && !isnan (l->weight))
          total[a] += l->weight;
      }
  return total;
}

/* Each area's contributing (value, weight) pairs: VALUES of FRAME through WEIGHTS, appended to
 * arrays of doubles added to VALUES_OF and WEIGHTS_OF (one per area), the weight they hold
 * summed in WITH_VALUE. */
static void
area_contributions (builder *b, const dxi_frame *frame, const double *values,
                    const dxi_lookup *weights, GPtrArray *values_of, GPtrArray *weights_of,
                    double *with_value)
{
  for (guint a = 0; a < dxi_frame_n_rows (b->areas->frame); a++)
    {
      g_ptr_array_add (values_of, g_array_new (FALSE, FALSE, sizeof (double)));
      g_ptr_array_add (weights_of, g_array_new (FALSE, FALSE, sizeof (double)));
    }
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      const GArray *links = dxi_lookup_links (weights, dxi_frame_code (frame, r));
      for (guint i = 0; links && i < links->len && !isnan (values[r]); i++)
        {
          const dxi_link *l = &g_array_index (links, dxi_link, i);
          gint a = dxi_frame_find_row (b->areas->frame, l->target);
          if (a < 0 || isnan (l->weight))
            continue;
          g_array_append_val (values_of->pdata[a], values[r]);
          g_array_append_val (weights_of->pdata[a], l->weight);
          with_value[a] += l->weight;
        }
    }
}

/* Each area's pairs (VALUES_OF, WEIGHTS_OF) reduced by IND's summary, or missing where they hold
 * less than DS's min_coverage of the area's weight (TOTAL), said in a warning. */
static double *
summarise_areas (builder *b, const dxi_study_dataset *ds, const dxi_study_indicator *ind,
                 GPtrArray *values_of, GPtrArray *weights_of, const double *total,
                 const double *with_value)
{
  guint n_areas = dxi_frame_n_rows (b->areas->frame);
  double *out = g_new (double, n_areas);
  g_autofree gboolean *below = g_new0 (gboolean, n_areas);
  g_autofree double *share = g_new0 (double, n_areas);
  guint n_below = 0;
  for (guint a = 0; a < n_areas; a++)
    {
      GArray *v = values_of->pdata[a], *wt = weights_of->pdata[a];
      share[a] = total[a] > 0 ? with_value[a] / total[a] : 0;
      below[a] = v->len > 0 && share[a] < ds->min_coverage * (1 - 1e-12);
      n_below += below[a];
      out[a] = below[a] ? NAN
                        : dxi_iod_summary (ind->summary, (double *) v->data, (double *) wt->data,
                                           v->len, DXI_IOD2019_LSOAS);
    }
  if (n_below)
    {
      g_autofree char *list = share_list (b, below, share);
      warn (b,
            "indicator '%s': %u area(s) with less than min_coverage %g%% of their weight having a "
            "value are left "
            "missing: %s",
            ind->id, n_below, 100 * ds->min_coverage, list);
    }
  return out;
}

/* Average of VALUES into the areas, weighted as the indicator says.  An area
 * whose sources with a value hold less than the dataset's min_coverage of its
 * weight is missing, not averaged from the rest. */
static double *
roll_mean (builder *b, const dxi_study_dataset *ds, const double *values,
           const dxi_study_indicator *ind, GError **error)
{
  const dxi_frame *frame = g_hash_table_lookup (b->frames, ds->id);
  const dxi_lookup *lookup;
  if (!dataset_lookup (b, ds, &lookup, error) || !report_join (b, ds, frame, lookup, error))
    return NULL;
  if (lookup == NULL)
    return direct_values (b, frame, values);
  const dxi_lookup *weights = mean_weights (b, ds, lookup, ind, frame, values, error);
  if (weights == NULL)
    return NULL;
  g_autofree double *total = area_weights (b, weights);
  g_autofree double *with_value = g_new0 (double, dxi_frame_n_rows (b->areas->frame));
  g_autoptr (GPtrArray) values_of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) weights_of
      = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  area_contributions (b, frame, values, weights, values_of, weights_of, with_value);
  return summarise_areas (b, ds, ind, values_of, weights_of, total, with_value);
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
      return c >= 0
             && add_column (
                 b, ind->id,
                 roll_mean (b, ds, dxi_frame_column_data (frame, (guint) c), ind, error));
    }
  g_autofree double *num_src
      = sum_columns (frame, ds->id, (const char *const *) ind->numerator, error);
  g_autofree double *den_src
      = num_src ? sum_columns (frame, ds->id, (const char *const *) ind->denominator, error) : NULL;
  double *num = den_src ? roll_sum (b, ds, num_src, TRUE, error) : NULL;
  double *den = num ? roll_sum (b, ds, den_src, TRUE, error) : NULL;
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
  return add_column (b, ind->id, rate) && add_column (b, num_name, num)
         && add_column (b, den_name, den);
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
  static const char *const totals[]
      = { "population", "households", "adults", "excluded_adults", "mdls_households", NULL };
  g_string_append (b->coverage, "totals over the areas:");
  for (guint i = 0; totals[i]; i++)
    {
      gint c = dxi_frame_find_column (b->table, totals[i]);
      guint missing = 0;
      double sum = c >= 0 ? dxi_frame_column_sum (b->table, (guint) c, &missing) : NAN;
      g_string_append_printf (b->coverage, " %s %.0f%s", totals[i], sum,
                              missing ? " (some missing)" : "");
    }
  g_string_append_c (b->coverage, '\n');
  /* Population before and after its join: nobody lost or counted twice.
   * Before is the source rows that reach the areas (a national table used
   * for one council is compared on the council's rows). */
  const dxi_study_dataset *pds = dxi_study_find_dataset (b->study, b->study->population->dataset);
  const dxi_lookup *lookup = NULL;
  if (b->population && dataset_lookup (b, pds, &lookup, NULL))
    {
      const dxi_frame *areas = b->areas->frame;
      double before = 0;
      guint reaching = 0;
      for (guint r = 0; r < dxi_frame_n_rows (b->population); r++)
        {
          const char *code = dxi_frame_code (b->population, r);
          gboolean reaches = lookup == NULL && dxi_frame_find_row (areas, code) >= 0;
          const GArray *links = lookup ? dxi_lookup_links (lookup, code) : NULL;
          for (guint i = 0; links && i < links->len && !reaches; i++)
            reaches = dxi_frame_find_row (areas, g_array_index (links, dxi_link, i).target) >= 0;
          if (reaches)
            before += dxi_frame_get (b->population, r, 0), reaching++;
        }
      double after = dxi_frame_column_sum (
          b->table, (guint) dxi_frame_find_column (b->table, "population"), NULL);
      g_string_append_printf (
          b->coverage,
          "population of the source areas %.0f (%u of the %u rows of '%s', those that reach the "
          "areas), of the target areas %.0f (%.2f%%)\n",
          before, reaching, dxi_frame_n_rows (b->population), b->population->source, after,
          before > 0 ? 100 * after / before : 0);
      if (fabs (after - before) > 0.5)
        warn (
            b,
            "population of the areas (%.0f) differs from the population of the source areas (%.0f)",
            after, before);
    }
}

/* The apportion lookups B built, "'lsoa21'" (with DESCRIBED, "'lsoa21' (its
 * description)"), joined with ", "; NULL when there are none. */
static char *
apportion_names (builder *b, gboolean described)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, b->lookups);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      const dxi_lookup *l = value;
      if (l->kind == DXI_LOOKUP_APPORTION)
        g_ptr_array_add (names, described ? g_strdup_printf ("'%s' (%s)", l->name, l->description)
                                          : g_strdup_printf ("'%s'", l->name));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_sort (names, by_code);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Which method each lookup the study built uses, one line each. */
static void
report_lookups (builder *b)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, b->lookups);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, by_code);
  for (guint i = 0; i < names->len; i++)
    {
      const dxi_lookup *l = g_hash_table_lookup (b->lookups, names->pdata[i]);
      g_string_append_printf (b->coverage, "lookup '%s': %s\n", l->name,
                              l->description ? l->description : "");
    }
}

static dxi_frame *build (const dxi_study *study, const dxi_boundaries *areas, gboolean best_fit,
                         GHashTable *frames, GHashTable *lookups, GString *coverage,
                         GPtrArray *warnings, char **apportioned, GError **error);

/* A lookup built from other lookups (a chain, an apportion or its best fit):
 * the best-fit pass builds it again. */
static gboolean
built_from_lookups (gpointer key, gpointer value, gpointer data)
{
  (void) key, (void) data;
  const dxi_lookup *l = value;
  return l->kind == DXI_LOOKUP_CHAIN || l->kind == DXI_LOOKUP_APPORTION;
}

/* Every dataset the build did not read (FRAMES) is read, and every lookup it
 * did not build (LOOKUPS) has its files' headers checked, so that a mistake in
 * a section nothing uses yet is an error too (dxi check finds it). */
static gboolean
check_unused (const dxi_study *study, GHashTable *frames, GHashTable *lookups, GError **error)
{
  for (guint i = 0; i < study->datasets->len; i++)
    {
      const dxi_study_dataset *ds = study->datasets->pdata[i];
      if (g_hash_table_contains (frames, ds->id))
        continue;
      g_autoptr (dxi_table_spec) spec = dxi_table_spec_new (ds->table, error);
      g_autoptr (dxi_frame) frame = spec ? dxi_table_read (spec, NULL, error) : NULL;
      if (frame == NULL)
        {
          dxi_where_prefix (&ds->table->where, error, "dataset '%s', which nothing uses: ", ds->id);
          return FALSE;
        }
    }
  guint n = 0;
  g_autofree gpointer *names = g_hash_table_get_keys_as_array (study->lookups, &n);
  qsort (names, n, sizeof (gpointer), by_code);
  for (guint i = 0; i < n; i++)
    {
      const dxi_lookup_config *c = g_hash_table_lookup (study->lookups, names[i]);
      if (g_hash_table_contains (lookups, c->name) || dxi_lookup_check_files (c, error))
        continue;
      dxi_where_prefix (&c->where, error, "lookup '%s', which nothing uses: ", c->name);
      return FALSE;
    }
  return TRUE;
}

dxi_frame *
dxi_build_study (const dxi_study *study, const dxi_boundaries *areas, GString *coverage,
                 GPtrArray *warnings, GError **error)
{
  g_autofree char *apportioned = NULL, *fits = NULL;
  /* The datasets read once, for both passes: they do not depend on the lookups. */
  g_autoptr (GHashTable) frames
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dxi_frame_free);
  g_autoptr (GHashTable) lookups
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dxi_lookup_free);
  dxi_frame *table
      = build (study, areas, FALSE, frames, lookups, coverage, warnings, &apportioned, error);
  if (table && !check_unused (study, frames, lookups, error))
    g_clear_pointer (&table, dxi_frame_free);
  if (table == NULL || apportioned == NULL)
    return table;
  /* The lookups read from a file or overlaid (csv, postcode, crosswalk,
   * overlap) are the same in both passes; the rest are built again. */
  g_hash_table_foreach_remove (lookups, built_from_lookups, NULL);
  /* The same study with its apportion lookups as best fits: what apportioning changes. */
  g_autoptr (GString) scratch = g_string_new (NULL);
  g_autoptr (GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) failed = NULL;
  dxi_frame *fit = build (study, areas, TRUE, frames, lookups, scratch, ignored, &fits, &failed);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < study->indicators->len; i++)
    g_ptr_array_add (ids, ((dxi_study_indicator *) study->indicators->pdata[i])->id);
  for (guint i = 0; i < study->extra->len; i++)
    g_ptr_array_add (ids, ((dxi_study_indicator *) study->extra->pdata[i])->id);
  g_ptr_array_add (ids, NULL);
  if (fit)
    dxi_fit_report (coverage, apportioned, fits, (const char *const *) ids->pdata, table, fit);
  else
    {
      g_string_append_printf (coverage, "apportioned against best fit: not compared (%s)\n",
                              failed->message);
      g_ptr_array_add (warnings, g_strdup_printf ("apportioned against best fit: not compared (%s)",
                                                  failed->message));
    }
  dxi_frame_free (fit);
  return table;
}

static dxi_frame *
build (const dxi_study *study, const dxi_boundaries *areas, gboolean best_fit, GHashTable *frames,
       GHashTable *lookups, GString *coverage, GPtrArray *warnings, char **apportioned,
       GError **error)
{
  builder b = { .study = study,
                .areas = areas,
                .coverage = coverage,
                .warnings = warnings,
                .best_fit = best_fit,
                .frames = frames,
                .lookups = lookups };
  b.reported = g_hash_table_new (g_str_hash, g_str_equal);
  b.building = g_hash_table_new (g_str_hash, g_str_equal);
  b.cover = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, join_cover_free);
  b.weights
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dxi_lookup_free);
  b.table = dxi_frame_new (study->path);
  for (guint a = 0; a < dxi_frame_n_rows (areas->frame); a++)
    dxi_frame_add_row (b.table, dxi_frame_code (areas->frame, a), dxi_frame_name (areas->frame, a));
  g_string_append_printf (coverage, "study '%s': %u areas from '%s' (geography %s)\n", study->name,
                          dxi_frame_n_rows (areas->frame), study->areas_file, study->geography);
  if (areas->repaired && areas->repaired->len)
    {
      g_autofree char *codes = code_list (areas->repaired);
      warn (&b,
            "'%s': %u invalid (e.g. self-intersecting) polygon%s repaired with OGR_G_MakeValid: %s",
            study->areas_file, areas->repaired->len, areas->repaired->len == 1 ? "" : "s", codes);
    }
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
  if (ok && !best_fit)
    report_lookups (&b);
  if (ok && apportioned)
    *apportioned = apportion_names (&b, best_fit);
  g_hash_table_unref (b.reported);
  g_hash_table_unref (b.building);
  g_hash_table_unref (b.cover);
  g_hash_table_unref (b.weights);
  dxi_frame_free (b.population);
  if (!ok)
    {
      dxi_frame_free (b.table);
      return NULL;
    }
  return b.table;
}
