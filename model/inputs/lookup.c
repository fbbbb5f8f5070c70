#include "inputs/lookup.h"

#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"
#include "inputs/delimited.h"

static void
links_free (gpointer data)
{
  GArray *links = data;
  for (guint i = 0; i < links->len; i++)
    g_free (g_array_index (links, dxi_link, i).target);
  g_array_unref (links);
}

dxi_lookup *
dxi_lookup_new (const char *name, DxiLookupKind kind)
{
  dxi_lookup *lookup = g_new0 (dxi_lookup, 1);
  lookup->name = g_strdup (name);
  lookup->kind = kind;
  lookup->postcodes = kind == DXI_LOOKUP_POSTCODE;
  lookup->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, links_free);
  lookup->steps = g_ptr_array_new_with_free_func (g_free);
  return lookup;
}

void
dxi_lookup_free (dxi_lookup *lookup)
{
  if (lookup == NULL)
    return;
  g_free (lookup->name);
  g_free (lookup->description);
  g_hash_table_unref (lookup->links);
  g_ptr_array_unref (lookup->steps);
  g_free (lookup);
}

char *
dxi_lookup_postcode_key (const char *postcode)
{
  GString *key = g_string_new (NULL);
  for (const char *p = postcode; *p; p++)
    if (*p != ' ')
      g_string_append_c (key, g_ascii_toupper (*p));
  return g_string_free (key, FALSE);
}

void
dxi_lookup_add (dxi_lookup *lookup, const char *source, const char *target, double weight,
                double area)
{
  g_autofree char *key = lookup->postcodes ? dxi_lookup_postcode_key (source) : g_strdup (source);
  GArray *links = g_hash_table_lookup (lookup->links, key);
  if (links == NULL)
    {
      links = g_array_new (FALSE, FALSE, sizeof (dxi_link));
      g_hash_table_insert (lookup->links, g_steal_pointer (&key), links);
    }
  for (guint i = 0; i < links->len; i++)
    {
      dxi_link *l = &g_array_index (links, dxi_link, i);
      if (g_str_equal (l->target, target))
        {
          l->weight += weight;
          l->area = isnan (l->area) ? area : l->area + area;
          return;
        }
    }
  dxi_link link = { g_strdup (target), weight, area };
  g_array_append_val (links, link);
}

const GArray *
dxi_lookup_links (const dxi_lookup *lookup, const char *source)
{
  if (!lookup->postcodes)
    return g_hash_table_lookup (lookup->links, source);
  g_autofree char *key = dxi_lookup_postcode_key (source);
  return g_hash_table_lookup (lookup->links, key);
}

guint
dxi_lookup_n_sources (const dxi_lookup *lookup)
{
  return g_hash_table_size (lookup->links);
}

dxi_lookup *
dxi_lookup_compose (const char *name, const dxi_lookup *a, const dxi_lookup *b)
{
  dxi_lookup *out = dxi_lookup_new (name, DXI_LOOKUP_CHAIN);
  out->postcodes = a->postcodes;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, a->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      GArray *first = value;
      for (guint i = 0; i < first->len; i++)
        {
          const dxi_link *l1 = &g_array_index (first, dxi_link, i);
          const GArray *second = dxi_lookup_links (b, l1->target);
          for (guint j = 0; second && j < second->len; j++)
            {
              const dxi_link *l2 = &g_array_index (second, dxi_link, j);
              dxi_lookup_add (out, key, l2->target, l1->weight * l2->weight, NAN);
            }
        }
    }
  return out;
}

/* Column index of NAME in HEADER or -1 with an error naming the file. */
static int
column (const char *path, char **header, guint n, const char *name, GError **error)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (header[i], name))
      return (int) i;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, header[i]);
  g_ptr_array_add (names, NULL);
  g_autofree char *list = dxi_choices_join ((const char *const *) names->pdata);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no column '%s' (columns: %s)", path, name,
               list);
  return -1;
}

/* Rows of a lookup file: columns FROM, TO, and optional third column
 * (weight or change code); CALLBACK gets each row. */
typedef gboolean (*row_func) (dxi_lookup *lookup, const char *from, const char *to,
                              const char *extra, const char *path, guint line, gpointer data,
                              GError **error);

/* Open the lookup file PATH and find its columns FROM, TO and EXTRA (may be
 * NULL) in its header: *AT gets their indices, *N_HEAD the header's width. */
static dxi_delimited *
open_pairs (const char *path, const char *from, const char *to, const char *extra, int at[3],
            guint *n_head, GError **error)
{
  g_autoptr (dxi_delimited) csv = dxi_delimited_open (path, error);
  char **f;
  guint n, line;
  if (csv == NULL)
    return NULL;
  if (!dxi_delimited_next (csv, &f, &n, &line))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': the file is empty", path);
      return NULL;
    }
  g_auto (GStrv) header = g_strdupv (f);
  *n_head = n;
  at[0] = column (path, header, n, from, error);
  at[1] = at[0] < 0 ? -1 : column (path, header, n, to, error);
  at[2] = at[1] < 0 || extra == NULL ? -1 : column (path, header, n, extra, error);
  if (at[0] < 0 || at[1] < 0 || (extra && at[2] < 0))
    return NULL;
  return g_steal_pointer (&csv);
}

static gboolean
read_pairs (dxi_lookup *lookup, const char *path, const char *from, const char *to,
            const char *extra, row_func func, gpointer data, GError **error)
{
  int at[3];
  guint n_head = 0, n, line;
  char **f;
  g_autoptr (dxi_delimited) csv = open_pairs (path, from, to, extra, at, &n_head, error);
  if (csv == NULL)
    return FALSE;
  while (dxi_delimited_next (csv, &f, &n, &line))
    {
      if (n == 1 && f[0][0] == '\0')
        continue;
      if (n != n_head)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "%s:%u: %u fields where the header has %u",
                       path, line, n, n_head);
          return FALSE;
        }
      if (!func (lookup, f[at[0]], f[at[1]], at[2] >= 0 ? f[at[2]] : NULL, path, line, data, error))
        return FALSE;
    }
  return dxi_delimited_finish (csv, error);
}

/* Weights of one source above 1 by more than this are an error: the source
 * would be counted more than whole. */
#define WEIGHT_SUM_TOLERANCE 1e-6

/* What add_csv_row keeps across rows: each source's weights so far. */
typedef struct
{
  GHashTable *sums; /* source code -> double * */
  gboolean apportions;
} csv_rows;

static gboolean
add_csv_row (dxi_lookup *lookup, const char *from, const char *to, const char *weight,
             const char *path, guint line, gpointer data, GError **error)
{
  csv_rows *rows = data;
  double w = 1;
  if (weight)
    {
      char *end = NULL;
      w = g_ascii_strtod (weight, &end);
      if (end == weight || *end != '\0' || !(w >= 0))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "%s:%u: weight '%s' is not a number of 0 or more", path, line, weight);
          return FALSE;
        }
    }
  if (from[0] == '\0' || to[0] == '\0')
    return TRUE; /* a code not assigned in this vintage: counted as unmatched later */
  if (!rows->apportions)
    {
      g_autofree char *key = lookup->postcodes ? dxi_lookup_postcode_key (from) : g_strdup (from);
      double *sum = g_hash_table_lookup (rows->sums, key);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (rows->sums, g_steal_pointer (&key), sum);
        }
      *sum += w;
      if (*sum > 1 + WEIGHT_SUM_TOLERANCE)
        {
          g_set_error (
              error, DXI_ERROR, DXI_ERROR_DATA,
              "%s:%u: the weights of '%s' sum to %g, more than 1, so it would be counted more than "
              "once "
              "(say 'apportions: true' in the lookup if its weights are meant to add up to more)",
              path, line, from, *sum);
          return FALSE;
        }
    }
  dxi_lookup_add (lookup, from, to, w, NAN);
  return TRUE;
}

/* Crosswalk rows are collected first; splits are apportioned afterwards. */
static gboolean
add_crosswalk_row (dxi_lookup *lookup, const char *from, const char *to, const char *change,
                   const char *path, guint line, gpointer data, GError **error)
{
  (void) data;
  static const char *const codes[] = { "U", "S", "M", "X", NULL };
  if (!g_strv_contains (codes, change))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "%s:%u: change code '%s' is not one of U, S, M, X", path, line, change);
      return FALSE;
    }
  dxi_lookup_add (lookup, from, to, 1, NAN);
  return TRUE;
}

/* Share each source among its targets by the targets' population. */
static gboolean
apportion (dxi_lookup *lookup, const dxi_frame *population, GError **error)
{
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, lookup->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      GArray *links = value;
      if (links->len < 2)
        continue;
      double total = 0;
      for (guint i = 0; i < links->len; i++)
        {
          dxi_link *l = &g_array_index (links, dxi_link, i);
          gint row = population ? dxi_frame_find_row (population, l->target) : -1;
          double pop = row >= 0 ? dxi_frame_get (population, (guint) row, 0) : NAN;
          if (isnan (pop))
            {
              g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                           "lookup '%s': '%s' splits into '%s', whose population is not known, so "
                           "it cannot be "
                           "apportioned",
                           lookup->name, (const char *) key, l->target);
              return FALSE;
            }
          l->weight = pop;
          total += pop;
        }
      for (guint i = 0; i < links->len; i++)
        {
          dxi_link *l = &g_array_index (links, dxi_link, i);
          l->weight = total > 0 ? l->weight / total : 1.0 / links->len;
        }
    }
  return TRUE;
}

/* Apportion rows: each part (OA) of one source (LSOA). */
static gboolean
add_part_row (dxi_lookup *lookup, const char *part, const char *source, const char *extra,
              const char *path, guint line, gpointer data, GError **error)
{
  (void) lookup, (void) extra;
  GHashTable *source_of = data;
  if (part[0] == '\0' || source[0] == '\0')
    return TRUE;
  const char *before = g_hash_table_lookup (source_of, part);
  if (before && !g_str_equal (before, source))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "%s:%u: part '%s' is given to '%s' here and to '%s' before: a "
                   "part belongs to one source",
                   path, line, part, source, before);
      return FALSE;
    }
  g_hash_table_insert (source_of, g_strdup (part), g_strdup (source));
  return TRUE;
}

/* The link of LINKS with the largest weight (ties: the first code). */
static const dxi_link *
largest_link (const GArray *links)
{
  const dxi_link *best = NULL;
  for (guint i = 0; i < links->len; i++)
    {
      const dxi_link *l = &g_array_index (links, dxi_link, i);
      if (best == NULL || l->weight > best->weight
          || (l->weight == best->weight && strcmp (l->target, best->target) < 0))
        best = l;
    }
  return best;
}

/* SOURCE is in LOOKUP with no link: all of it lies elsewhere, outside the
 * areas (a code of the table that is not a mismatch). */
static void
known_elsewhere (dxi_lookup *lookup, const char *source)
{
  if (!g_hash_table_contains (lookup->links, source))
    g_hash_table_insert (lookup->links, g_strdup (source),
                         g_array_new (FALSE, FALSE, sizeof (dxi_link)));
}

dxi_lookup *
dxi_lookup_best_fit (const char *name, const dxi_lookup *apportioned)
{
  dxi_lookup *out = dxi_lookup_new (name, apportioned->kind);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, apportioned->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (((GArray *) value)->len > 0)
      dxi_lookup_add (out, key, largest_link (value)->target, 1, NAN);
    else
      known_elsewhere (out, key);
  return out;
}

/* Each source's weight in each area: the weight (population) of its parts
 * there over that of all its parts, a part outside the areas included.  A part
 * the PARTS lookup gives to several areas goes whole to its largest share
 * unless SHARED. */
static dxi_lookup *
apportion_by_parts (const char *name, GHashTable *source_of, const dxi_lookup *parts,
                    const dxi_frame *weights, gboolean shared, GError **error)
{
  g_autoptr (dxi_lookup) out = dxi_lookup_new (name, DXI_LOOKUP_APPORTION);
  g_autoptr (GHashTable) total = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter it;
  gpointer part, source;
  g_hash_table_iter_init (&it, source_of);
  while (g_hash_table_iter_next (&it, &part, &source))
    {
      const GArray *links = dxi_lookup_links (parts, part);
      gint row = dxi_frame_find_row (weights, part);
      double w = row >= 0 ? dxi_frame_get (weights, (guint) row, 0) : NAN;
      if (isnan (w) && links == NULL)
        {
          known_elsewhere (out, source); /* a part elsewhere in the country */
          continue;
        }
      if (isnan (w))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "lookup '%s': part '%s' of '%s' reaches the areas but has no weight in '%s' "
                       "(a row missing, "
                       "or a suppressed cell)",
                       name, (const char *) part, (const char *) source, weights->source);
          return NULL;
        }
      double *sum = g_hash_table_lookup (total, source);
      if (sum == NULL)
        g_hash_table_insert (total, source, sum = g_new0 (double, 1));
      *sum += w;
      if (links == NULL)
        known_elsewhere (out, source);
      else if (!shared)
        dxi_lookup_add (out, source, largest_link (links)->target, w, NAN);
      for (guint i = 0; links && shared && i < links->len; i++)
        dxi_lookup_add (out, source, g_array_index (links, dxi_link, i).target,
                        w * g_array_index (links, dxi_link, i).weight, NAN);
    }
  gpointer value;
  g_hash_table_iter_init (&it, out->links);
  while (g_hash_table_iter_next (&it, &source, &value))
    {
      if (((GArray *) value)->len == 0)
        continue;
      double sum = *(double *) g_hash_table_lookup (total, source);
      if (!(sum > 0))
        {
          g_set_error (
              error, DXI_ERROR, DXI_ERROR_DATA,
              "lookup '%s': the parts of '%s' weigh 0 in '%s', so it cannot be apportioned", name,
              (const char *) source, weights->source);
          return NULL;
        }
      for (guint i = 0; i < ((GArray *) value)->len; i++)
        g_array_index ((GArray *) value, dxi_link, i).weight /= sum;
    }
  return g_steal_pointer (&out);
}

/* Sources of LOOKUP shared among several targets; those with any in *LINKED. */
static guint
n_split (const dxi_lookup *lookup, guint *linked)
{
  guint n = 0;
  *linked = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, lookup->links);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      n += ((GArray *) value)->len > 1;
      *linked += ((GArray *) value)->len > 0;
    }
  return n;
}

static dxi_lookup *copy_lookup (const char *name, const dxi_lookup *from);

/* The published best fit NAMED stands in for the apportion lookup NAME. */
static dxi_lookup *
named_best_fit (const char *name, const char *named, const dxi_lookup_context *ctx, GError **error)
{
  dxi_lookup *published = ctx->get (ctx->data, named, error);
  if (published == NULL)
    return NULL;
  dxi_lookup *fit = copy_lookup (name, published);
  fit->kind = DXI_LOOKUP_APPORTION; /* standing in for the apportioning */
  fit->description = g_strdup_printf ("best fit '%s': %s", named, published->description);
  return fit;
}

static dxi_lookup *
apportion_build (const dxi_lookup_config *c, const dxi_lookup_context *ctx, GError **error)
{
  const char *name = c->name;
  if (ctx->best_fit && c->best_fit)
    return named_best_fit (name, c->best_fit, ctx, error);
  dxi_lookup *parts = ctx->get (ctx->data, c->parts, error);
  if (parts == NULL)
    {
      dxi_where_prefix (&c->parts_where, error, "parts '%s': ", c->parts);
      return NULL;
    }
  g_autoptr (dxi_frame) weights = ctx->totals (ctx->data, c->part_weight, error);
  if (weights == NULL)
    {
      dxi_where_prefix (&c->part_weight_where, error, "part_weight '%s': ", c->part_weight);
      return NULL;
    }
  g_autoptr (GHashTable) source_of
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_pairs (NULL, c->file, c->part_column, c->from_column, NULL, add_part_row, source_of,
                   error))
    return NULL;
  dxi_lookup *lookup = apportion_by_parts (name, source_of, parts, weights, c->shared, error);
  if (lookup == NULL)
    return NULL;
  guint n = 0, split = n_split (lookup, &n);
  g_autofree char *method = g_strdup_printf (
      "'%s' (%s) by the population of its parts (%s) in '%s', parts to the areas by lookup '%s'%s",
      c->file, c->from_column, c->part_column, weights->source, c->parts,
      c->shared ? " as it shares them" : ", each whole to its largest share");
  if (ctx->best_fit)
    {
      /* No best fit named: each source whole in the area of its largest share. */
      dxi_lookup *fit = dxi_lookup_best_fit (name, lookup);
      dxi_lookup_free (lookup);
      fit->description = g_strdup_printf ("best fit of %s", method);
      return fit;
    }
  lookup->description
      = g_strdup_printf ("apportioning %s: %u of %u sources split between areas", method, split, n);
  return lookup;
}

static dxi_lookup *
copy_lookup (const char *name, const dxi_lookup *from)
{
  dxi_lookup *out = dxi_lookup_new (name, DXI_LOOKUP_CHAIN);
  out->postcodes = from->postcodes;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, from->links);
  while (g_hash_table_iter_next (&it, &key, &value))
    for (guint j = 0; j < ((GArray *) value)->len; j++)
      {
        const dxi_link *l = &g_array_index ((GArray *) value, dxi_link, j);
        dxi_lookup_add (out, key, l->target, l->weight, l->area);
      }
  return out;
}

static dxi_lookup *
chain_build (const dxi_lookup_config *c, const dxi_lookup_context *ctx, GError **error)
{
  dxi_lookup *acc = NULL;
  for (guint i = 0; c->steps[i]; i++)
    {
      const char *step_name = c->steps[i];
      dxi_lookup *next = ctx->get (ctx->data, step_name, error);
      if (next == NULL)
        {
          dxi_where_prefix (&c->step_where[i], error, "in chain step '%s': ", step_name);
          dxi_lookup_free (acc);
          return NULL;
        }
      dxi_lookup *composed
          = acc ? dxi_lookup_compose (c->name, acc, next) : copy_lookup (c->name, next);
      if (acc)
        g_ptr_array_extend_and_steal (composed->steps, g_ptr_array_ref (acc->steps));
      dxi_lookup_free (acc);
      acc = composed;
      g_ptr_array_add (acc->steps, g_strdup (step_name));
    }
  g_ptr_array_add (acc->steps, NULL);
  g_autofree char *joined = g_strjoinv (" then ", (char **) acc->steps->pdata);
  g_ptr_array_set_size (acc->steps, acc->steps->len - 1);
  acc->description = g_strdup_printf ("chain: %s", joined);
  return acc;
}

static dxi_lookup *
overlap_build (const dxi_lookup_config *c, const dxi_lookup_context *ctx, GError **error)
{
  if (ctx->targets->table)
    {
      dxi_where_error (&c->kind_where, error,
                       "lookup '%s': an overlap needs the study's areas as boundaries, but '%s' is "
                       "a table of areas with no geometry; give the areas as a boundary file or "
                       "use a csv lookup",
                       c->name, ctx->targets->path);
      return NULL;
    }
  g_autoptr (dxi_boundaries) source
      = dxi_boundaries_read (c->from_areas, c->from_layer, c->from_code_field, NULL, error);
  if (source == NULL)
    return NULL;
  if (source->table)
    {
      dxi_where_error (&c->from_areas_where, error,
                       "lookup '%s': '%s' is a table with no geometry; an overlap needs "
                       "boundaries (GeoJSON, shapefile, GeoPackage)",
                       c->name, c->from_areas);
      return NULL;
    }
  /* Work on a copy of the targets so the study's areas keep their CRS. */
  g_autoptr (dxi_boundaries) target
      = dxi_boundaries_read (ctx->targets->path, NULL, ctx->targets->code_field, NULL, error);
  if (target == NULL)
    return NULL;
  dxi_lookup *lookup = dxi_lookup_overlap (c->name, source, target, error);
  if (lookup)
    lookup->description = g_strdup_printf ("overlap of '%s' with '%s' in EPSG:27700", c->from_areas,
                                           ctx->targets->path);
  return lookup;
}

dxi_lookup *
dxi_lookup_build (const dxi_lookup_config *c, const dxi_lookup_context *ctx, GError **error)
{
  if (c->kind == DXI_LOOKUP_CHAIN)
    return chain_build (c, ctx, error);
  if (c->kind == DXI_LOOKUP_OVERLAP)
    return overlap_build (c, ctx, error);
  if (c->kind == DXI_LOOKUP_APPORTION)
    return apportion_build (c, ctx, error);
  g_autoptr (dxi_lookup) lookup = dxi_lookup_new (c->name, c->kind);
  if (c->kind == DXI_LOOKUP_CROSSWALK)
    {
      const dxi_frame *population = ctx->population (ctx->data, error);
      if (population == NULL
          || !read_pairs (lookup, c->file, c->from_column, c->to_column, c->change_column,
                          add_crosswalk_row, NULL, error)
          || !apportion (lookup, population, error))
        return NULL;
    }
  else
    {
      g_autoptr (GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      csv_rows rows = { sums, c->apportions };
      if (!read_pairs (lookup, c->file, c->from_column, c->to_column, c->weight_column, add_csv_row,
                       &rows, error))
        return NULL;
    }
  lookup->description = g_strdup_printf ("%s '%s' (%s -> %s)", dxi_lookup_kind_names[c->kind],
                                         c->file, c->from_column, c->to_column);
  return g_steal_pointer (&lookup);
}

gboolean
dxi_lookup_check_files (const dxi_lookup_config *c, GError **error)
{
  int at[3];
  guint n_head = 0;
  g_autoptr (dxi_delimited) csv = NULL;
  switch (c->kind)
    {
    case DXI_LOOKUP_CHAIN:
      return TRUE;
    case DXI_LOOKUP_OVERLAP:
      if (g_file_test (c->from_areas, G_FILE_TEST_EXISTS))
        return TRUE;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': No such file or directory",
                   c->from_areas);
      return FALSE;
    case DXI_LOOKUP_APPORTION:
      csv = open_pairs (c->file, c->part_column, c->from_column, NULL, at, &n_head, error);
      break;
    case DXI_LOOKUP_CROSSWALK:
      csv = open_pairs (c->file, c->from_column, c->to_column, c->change_column, at, &n_head,
                        error);
      break;
    default:
      csv = open_pairs (c->file, c->from_column, c->to_column, c->weight_column, at, &n_head,
                        error);
      break;
    }
  return csv != NULL;
}
