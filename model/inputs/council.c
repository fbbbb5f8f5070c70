#include "inputs/council.h"

#include <gdal.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"
#include "inputs/delimited.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)

enum
{
  LSOA,
  WARD_CODE,
  WARD_NAME,
  LAD_CODE,
  LAD_NAME,
  N_COLS
};
static const char *const columns[N_COLS]
    = { "lsoa21_code", "ward24_code", "ward24_name", "ltla24_code", "ltla24_name" };

/* Calls ROW (with the five columns above) for each row of LOOKUP. */
typedef void (*row_func) (char **cols, void *data);

static gboolean
read_lookup (const char *lookup, row_func row, void *data, GError **error)
{
  g_autoptr (dxi_delimited) csv = dxi_delimited_open (lookup, error);
  if (csv == NULL)
    return FALSE;
  char **fields;
  guint n, line;
  gint at[N_COLS];
  if (!dxi_delimited_next (csv, &fields, &n, &line))
    {
      if (dxi_delimited_finish (csv, error))
        g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s' is empty", lookup);
      return FALSE;
    }
  for (guint c = 0; c < N_COLS; c++)
    {
      at[c] = -1;
      for (guint i = 0; i < n; i++)
        if (g_str_equal (fields[i], columns[c]))
          at[c] = (gint) i;
      if (at[c] < 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "%s:%u: no column '%s' (an LSOA21 -> ward 2024 -> LTLA 2024 "
                       "lookup has %s, %s, %s, %s, %s)",
                       lookup, line, columns[c], columns[0], columns[1], columns[2], columns[3],
                       columns[4]);
          return FALSE;
        }
    }
  while (dxi_delimited_next (csv, &fields, &n, &line))
    {
      char *cols[N_COLS];
      gboolean short_row = FALSE;
      for (guint c = 0; c < N_COLS; c++)
        short_row |= (guint) at[c] >= n, cols[c] = (guint) at[c] < n ? fields[at[c]] : NULL;
      if (short_row)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "%s:%u: the row has %u fields, fewer than the header", lookup, line, n);
          return FALSE;
        }
      row (cols, data);
    }
  return dxi_delimited_finish (csv, error);
}

static void
add_council (char **cols, void *data)
{
  GHashTable *councils = data;
  if (!g_hash_table_contains (councils, cols[LAD_CODE]))
    g_hash_table_insert (councils, g_strdup (cols[LAD_CODE]), g_strdup (cols[LAD_NAME]));
}

static GHashTable *
councils_of (const char *lookup, GError **error)
{
  g_autoptr (GHashTable) councils = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_lookup (lookup, add_council, councils, error))
    return NULL;
  return g_steal_pointer (&councils);
}

static int
by_string (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
dxi_council_list (const char *lookup, GError **error)
{
  g_autoptr (GHashTable) councils = councils_of (lookup, error);
  if (councils == NULL)
    return NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer code, name;
  g_hash_table_iter_init (&it, councils);
  while (g_hash_table_iter_next (&it, &code, &name))
    g_ptr_array_add (list, g_strdup_printf ("%s\t%s", (char *) code, (char *) name));
  g_ptr_array_sort (list, by_string);
  return list;
}

typedef struct
{
  dxi_council *council;
  GHashTable *wards;             /* code -> name */
  GPtrArray *lsoas, *lsoa_wards; /* char *, pairs */
} gather;

static void
add_ward (char **cols, void *data)
{
  gather *g = data;
  if (!g_str_equal (cols[LAD_CODE], g->council->code))
    return;
  if (!g_hash_table_contains (g->wards, cols[WARD_CODE]))
    g_hash_table_insert (g->wards, g_strdup (cols[WARD_CODE]), g_strdup (cols[WARD_NAME]));
  g_ptr_array_add (g->lsoas, g_strdup (cols[LSOA]));
  g_ptr_array_add (g->lsoa_wards, g_strdup (cols[WARD_CODE]));
}

static void
keep_row (char **cols, void *data)
{
  char **copy = g_new0 (char *, N_COLS + 1);
  for (guint c = 0; c < N_COLS; c++)
    copy[c] = g_strdup (cols[c]);
  g_ptr_array_add (data, copy);
}

dxi_council *
dxi_council_find (const char *lookup, const char *query, GError **error)
{
  /* The lookup is read once: the councils, then the one asked for. */
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (!read_lookup (lookup, keep_row, rows, error))
    return NULL;
  g_autoptr (GHashTable) councils = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < rows->len; r++)
    add_council (rows->pdata[r], councils);
  const char *code = NULL;
  g_autofree char *folded = g_utf8_casefold (query, -1);
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, councils);
  while (code == NULL && g_hash_table_iter_next (&it, &k, &v))
    {
      g_autofree char *name = g_utf8_casefold (v, -1);
      if (g_ascii_strcasecmp (k, query) == 0 || g_str_equal (name, folded))
        code = k;
    }
  if (code == NULL)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      g_hash_table_iter_init (&it, councils);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_ptr_array_add (names, v);
      g_ptr_array_sort (names, by_string);
      g_ptr_array_add (names, NULL);
      const char *near = dxi_suggest (query, (const char *const *) names->pdata);
      g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE,
                   "no council '%s' in '%s'%s%s%s: give a local authority (LAD 2024) code such as "
                   "E09000008 or its "
                   "name; 'dxi new --list' lists all %u",
                   query, lookup, near ? " (did you mean '" : "", near ? near : "",
                   near ? "'?)" : "", g_hash_table_size (councils));
      return NULL;
    }
  dxi_council *c = g_new0 (dxi_council, 1);
  c->code = g_strdup (code);
  c->name = g_strdup (g_hash_table_lookup (councils, code));
  gather g = { c, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
               g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  for (guint r = 0; r < rows->len; r++)
    add_ward (rows->pdata[r], &g);
  c->ward_codes = g_ptr_array_new_with_free_func (g_free);
  c->ward_names = g_ptr_array_new_with_free_func (g_free);
  c->lsoa_ward = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  GHashTableIter wi;
  gpointer wk;
  g_hash_table_iter_init (&wi, g.wards);
  while (g_hash_table_iter_next (&wi, &wk, NULL))
    g_ptr_array_add (codes, wk);
  g_ptr_array_sort (codes, by_string);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < codes->len; i++)
    {
      g_ptr_array_add (c->ward_codes, g_strdup (codes->pdata[i]));
      g_ptr_array_add (c->ward_names, g_strdup (g_hash_table_lookup (g.wards, codes->pdata[i])));
      g_hash_table_insert (index, c->ward_codes->pdata[i], GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < g.lsoas->len; i++)
    g_hash_table_insert (c->lsoa_ward, g_strdup (g.lsoas->pdata[i]),
                         g_hash_table_lookup (index, g.lsoa_wards->pdata[i]));
  g_hash_table_unref (g.wards);
  g_ptr_array_unref (g.lsoas);
  g_ptr_array_unref (g.lsoa_wards);
  return c;
}

void
dxi_council_free (dxi_council *council)
{
  if (council == NULL)
    return;
  g_free (council->code);
  g_free (council->name);
  g_ptr_array_unref (council->ward_codes);
  g_ptr_array_unref (council->ward_names);
  g_hash_table_unref (council->lsoa_ward);
  g_free (council);
}

static GDALDatasetH
open_vector (const char *path, GError **error)
{
  g_autofree char *name
      = g_str_has_suffix (path, ".gz") ? g_strconcat ("/vsigzip/", path, NULL) : g_strdup (path);
  GDALAllRegister ();
  GDALDatasetH ds = GDALOpenEx (name, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                NULL, NULL, NULL);
  if (ds == NULL || GDALDatasetGetLayerCount (ds) < 1)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", path,
                   CPLGetLastErrorMsg ());
      if (ds)
        GDALClose (ds);
      return NULL;
    }
  return ds;
}

/* Add the polygons of GEOM (a polygon, multipolygon or collection) to MULTI. */
static void
add_polygons (OGRGeometryH multi, OGRGeometryH geom)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geom));
  if (type == wkbPolygon)
    OGR_G_AddGeometry (multi, geom);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (geom); i++)
      add_polygons (multi, OGR_G_GetGeometryRef (geom, i));
}

/* For each feature of PATH whose FIELD names a slot (SLOT_OF returns 1 +
 * the slot, 0 for none), add its geometry (made valid) to that slot's
 * collection. */
static gboolean
collect (const char *path, const char *field, GHashTable *slot_of, OGRGeometryH *slots,
         GError **error)
{
  g_auto (GDALDatasetH) ds = open_vector (path, error);
  if (ds == NULL)
    return FALSE;
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  int fi = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), field);
  if (fi < 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s' has no field '%s'", path, field);
      return FALSE;
    }
  OGRFeatureH f;
  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (slot_of, OGR_F_GetFieldAsString (f, fi)));
      OGRGeometryH geom = OGR_F_GetGeometryRef (f);
      if (slot && geom)
        {
          OGRGeometryH valid = OGR_G_IsValid (geom) ? OGR_G_Clone (geom) : OGR_G_MakeValid (geom);
          if (valid)
            add_polygons (slots[slot - 1], valid);
          if (valid)
            OGR_G_DestroyGeometry (valid);
        }
      OGR_F_Destroy (f);
    }
  return TRUE;
}

static void
free_slots (OGRGeometryH *slots, guint n)
{
  for (guint i = 0; i < n; i++)
    if (slots[i])
      OGR_G_DestroyGeometry (slots[i]);
  g_free (slots);
}

static GPtrArray *
dissolve (const dxi_council *c, OGRGeometryH *slots, GError **error)
{
  guint n = c->ward_codes->len;
  g_autoptr (GPtrArray) out
      = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  for (guint i = 0; i < n; i++)
    {
      if (OGR_G_GetGeometryCount (slots[i]) == 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "no boundary found for ward %s (%s) of %s",
                       (char *) c->ward_codes->pdata[i], (char *) c->ward_names->pdata[i], c->name);
          return NULL;
        }
      OGRGeometryH merged = OGR_G_GetGeometryCount (slots[i]) == 1
                                ? OGR_G_Clone (OGR_G_GetGeometryRef (slots[i], 0))
                                : OGR_G_UnionCascaded (slots[i]);
      if (merged == NULL)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED,
                       "cannot dissolve the boundaries of ward %s: %s",
                       (char *) c->ward_codes->pdata[i], CPLGetLastErrorMsg ());
          return NULL;
        }
      g_ptr_array_add (out, merged);
    }
  return g_steal_pointer (&out);
}

/* A collection per ward, of the geometries from PATH whose FIELD maps to it. */
static OGRGeometryH *
gather_geometries (const dxi_council *c, const char *path, const char *field, GHashTable *slot_of,
                   GError **error)
{
  guint n = c->ward_codes->len;
  OGRGeometryH *slots = g_new0 (OGRGeometryH, n);
  for (guint i = 0; i < n; i++)
    slots[i] = OGR_G_CreateGeometry (wkbMultiPolygon);
  if (!collect (path, field, slot_of, slots, error))
    {
      free_slots (slots, n);
      return NULL;
    }
  return slots;
}

GPtrArray *
dxi_council_boundaries (const dxi_council *c, const char *wards, const char *lsoas,
                        gboolean *approximate, GError **error)
{
  guint n = c->ward_codes->len;
  g_autoptr (GHashTable) ward_slot = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (ward_slot, c->ward_codes->pdata[i], GUINT_TO_POINTER (i + 1));
  OGRGeometryH *slots = gather_geometries (c, wards, "ward22_code", ward_slot, error);
  if (slots == NULL)
    return NULL;
  gboolean all = TRUE;
  for (guint i = 0; i < n; i++)
    all &= OGR_G_GetGeometryCount (slots[i]) > 0;
  if (all)
    {
      /* A ward's parts (and a code published twice) are unioned. */
      *approximate = FALSE;
      GPtrArray *out = dissolve (c, slots, error);
      free_slots (slots, n);
      return out;
    }
  free_slots (slots, n);
  slots = gather_geometries (c, lsoas, "lsoa21_code", c->lsoa_ward, error);
  if (slots == NULL)
    return NULL;
  *approximate = TRUE;
  GPtrArray *out = dissolve (c, slots, error);
  free_slots (slots, n);
  return out;
}
