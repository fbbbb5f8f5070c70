/* dxi_boundaries: target areas from any OGR vector (see boundaries.h). */
#include "inputs/boundaries.h"

#include <cpl_error.h>
#include <gdal.h>
#include <math.h>

#include "core/error.h"
#include "core/suggest.h"

static void
register_drivers (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      GDALAllRegister ();
      CPLSetErrorHandler (CPLQuietErrorHandler);
      g_once_init_leave (&once, 1);
    }
}

void
dxi_boundaries_free (dxi_boundaries *areas)
{
  if (areas == NULL)
    return;
  g_free (areas->path);
  g_free (areas->code_field);
  g_free (areas->name_field);
  dxi_frame_free (areas->frame);
  if (areas->geoms)
    g_ptr_array_unref (areas->geoms);
  if (areas->repaired)
    g_ptr_array_unref (areas->repaired);
  if (areas->srs)
    OSRRelease (areas->srs);
  g_free (areas);
}

guint
dxi_boundaries_len (const dxi_boundaries *areas)
{
  return dxi_frame_n_rows (areas->frame);
}

static void
geom_free (gpointer g)
{
  OGR_G_DestroyGeometry (g);
}

/* Index of field NAME in DEFN, or -1 after setting an error listing the fields. */
static int
find_field (OGRFeatureDefnH defn, const char *path, const char *name, GError **error)
{
  int idx = OGR_FD_GetFieldIndex (defn, name);
  if (idx >= 0)
    return idx;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (names, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_ptr_array_add (names, NULL);
  g_autofree char *list = dxi_choices_join ((const char *const *) names->pdata);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no field '%s' (fields: %s)", path, name,
               list);
  return -1;
}

/* TEXT of field IDX as a copy (a numeric field's text lives in a buffer the
 * next OGR_F_GetFieldAsString call frees), "" when unset. */
static char *
field_text (OGRFeatureH feat, int idx)
{
  return g_strdup (OGR_F_IsFieldSetAndNotNull (feat, idx) ? OGR_F_GetFieldAsString (feat, idx)
                                                          : "");
}

/* TEXT, a field of feature N, must be UTF-8 (the maps, layers and CSVs are). */
static gboolean
check_utf8 (const char *path, guint n, const char *field, const char *text, GError **error)
{
  if (g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_autofree char *shown = g_utf8_make_valid (text, -1);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
               "'%s': feature %u: '%s' is not valid UTF-8 ('%s'); re-encode the file as UTF-8 (for "
               "a shapefile, "
               "a .cpg naming its encoding)",
               path, n, field, shown);
  return FALSE;
}

/* GEOM (owned) as a valid polygon or multipolygon: curves linearised, an
 * invalid (e.g. self-intersecting) one repaired with OGR_G_MakeValid (*REPAIRED
 * set).  NULL with an error naming area CODE when it is not polygonal or
 * cannot be repaired. */
static OGRGeometryH
valid_polygon (const char *path, guint n, const char *code, OGRGeometryH geom, gboolean *repaired,
               GError **error)
{
  *repaired = FALSE;
  if (OGR_G_HasCurveGeometry (geom, FALSE))
    {
      OGRGeometryH linear = OGR_G_GetLinearGeometry (geom, 0, NULL);
      OGR_G_DestroyGeometry (geom);
      geom = linear;
    }
  OGRwkbGeometryType type = geom ? wkbFlatten (OGR_G_GetGeometryType (geom)) : wkbUnknown;
  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "'%s': area '%s' (feature %u) is a %s, not a polygon", path, code, n,
                   OGRGeometryTypeToName (type));
      if (geom)
        OGR_G_DestroyGeometry (geom);
      return NULL;
    }
  if (OGR_G_IsValid (geom))
    return geom;
  static const char *const structure[] = { "METHOD=STRUCTURE", NULL };
  OGRGeometryH fixed = OGR_G_MakeValidEx (geom, (char **) structure);
  OGR_G_DestroyGeometry (geom);
  OGRwkbGeometryType fixed_type = fixed ? wkbFlatten (OGR_G_GetGeometryType (fixed)) : wkbUnknown;
  if (fixed == NULL || OGR_G_IsEmpty (fixed)
      || (fixed_type != wkbPolygon && fixed_type != wkbMultiPolygon) || !OGR_G_IsValid (fixed))
    {
      g_set_error (
          error, DXI_ERROR, DXI_ERROR_DATA,
          "'%s': area '%s' (feature %u) has an invalid polygon that OGR_G_MakeValid cannot repair",
          path, code, n);
      if (fixed)
        OGR_G_DestroyGeometry (fixed);
      return NULL;
    }
  *repaired = TRUE;
  return fixed;
}

/* The CRS's name for messages: "EPSG:27700 (OSGB36 / British National Grid)". */
static char *
srs_label (OGRSpatialReferenceH srs)
{
  const char *auth = OSRGetAuthorityName (srs, NULL), *code = OSRGetAuthorityCode (srs, NULL);
  const char *name = OSRGetName (srs);
  if (auth && code)
    return g_strdup_printf ("%s:%s (%s)", auth, code, name ? name : "unnamed");
  return g_strdup_printf ("'%s'", name ? name : "an unnamed coordinate system");
}

/* Coordinates far outside where SRS is used mean the file's CRS is wrong:
 * British National Grid metres in a GeoJSON read as WGS84, or longitude and
 * latitude under a .prj of EPSG:27700. */
static gboolean
check_crs_fits (const dxi_boundaries *areas, GError **error)
{
  OGREnvelope e;
  if (!dxi_boundaries_extent (areas, &e))
    return TRUE;
  OGRSpatialReferenceH srs = areas->srs;
  const char *why = NULL;
  double west, south, east, north;
  gboolean degrees = e.MinX >= -180 && e.MaxX <= 360 && e.MinY >= -90 && e.MaxY <= 90;
  if (OSRIsGeographic (srs) && !degrees)
    why = "they are not longitude/latitude degrees";
  else if (!OSRIsGeographic (srs) && degrees && e.MaxX <= 180)
    why = "they look like longitude/latitude degrees";
  else if (OSRGetAreaOfUse (srs, &west, &south, &east, &north, NULL) && west > -1000)
    {
      /* Corners and edge midpoints in longitude/latitude, against the CRS's
       * area of use with a margin of 5 degrees. */
      OGRSpatialReferenceH geog = OSRCloneGeogCS (srs);
      OSRSetAxisMappingStrategy (geog, OAMS_TRADITIONAL_GIS_ORDER);
      OGRCoordinateTransformationH ct = geog ? OCTNewCoordinateTransformation (srs, geog) : NULL;
      double xs[] = { e.MinX, e.MaxX, e.MinX, e.MaxX, (e.MinX + e.MaxX) / 2, (e.MinX + e.MaxX) / 2,
                      e.MinX, e.MaxX };
      double ys[] = {
        e.MinY, e.MinY, e.MaxY, e.MaxY, e.MinY, e.MaxY, (e.MinY + e.MaxY) / 2, (e.MinY + e.MaxY) / 2
      };
      int ok[G_N_ELEMENTS (xs)] = { 0 };
      gboolean fits = ct && OCTTransformEx (ct, G_N_ELEMENTS (xs), xs, ys, NULL, ok);
      if (east < west)
        east += 360; /* an area of use across the antimeridian */
      for (guint i = 0; fits && i < G_N_ELEMENTS (xs); i++)
        {
          double lon = xs[i] < west - 5 ? xs[i] + 360 : xs[i];
          fits = ok[i] && isfinite (lon) && isfinite (ys[i]) && lon >= west - 5 && lon <= east + 5
                 && ys[i] >= south - 5 && ys[i] <= north + 5;
        }
      if (!fits)
        why = "they lie outside the area it is used for";
      if (ct)
        OCTDestroyCoordinateTransformation (ct);
      if (geog)
        OSRRelease (geog);
    }
  if (why == NULL)
    return TRUE;
  g_autofree char *label = srs_label (srs);
  gboolean geojson
      = g_str_has_suffix (areas->path, ".geojson") || g_str_has_suffix (areas->path, ".json");
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
               "'%s': coordinates (x %.10g to %.10g, y %.10g to %.10g) do not fit %s: %s; wrong or "
               "missing .prj?%s",
               areas->path, e.MinX, e.MaxX, e.MinY, e.MaxY, label, why,
               geojson ? " (GeoJSON without a 'crs' member is read as WGS84 longitude/latitude)"
                       : "");
  return FALSE;
}

/* The vector file at PATH (*DS) and its layer LAYER_NAME, the first when NULL; NULL with an
 * error, nothing left open, when either cannot be had. */
static OGRLayerH
open_layer (const char *path, const char *layer_name, GDALDatasetH *ds, GError **error)
{
  register_drivers ();
  CPLErrorReset ();
  *ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL,
                    NULL);
  if (*ds == NULL)
    {
      const char *msg = CPLGetLastErrorMsg ();
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", path,
                   g_file_test (path, G_FILE_TEST_EXISTS)
                       ? (msg[0] ? msg : "not a vector file OGR reads")
                       : "No such file or directory");
      return NULL;
    }
  OGRLayerH layer
      = layer_name ? GDALDatasetGetLayerByName (*ds, layer_name) : GDALDatasetGetLayer (*ds, 0);
  if (layer == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no layer '%s'", path,
                   layer_name ? layer_name : "0");
      GDALClose (*ds);
      *ds = NULL;
    }
  return layer;
}

/* The indices in LAYER of the code field and of the name field (-1 when there is none), and the
 * layer's CRS unless it is a table (CSV, XLSX sheet) with no geometry field: codes and names
 * only. */
static gboolean
read_layer_fields (dxi_boundaries *areas, OGRLayerH layer, int *code_idx, int *name_idx,
                   GError **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  *code_idx = find_field (defn, areas->path, areas->code_field, error);
  if (*code_idx < 0)
    return FALSE;
  *name_idx = areas->name_field ? find_field (defn, areas->path, areas->name_field, error) : -1;
  if (areas->name_field && *name_idx < 0)
    return FALSE;
  areas->table = OGR_FD_GetGeomFieldCount (defn) == 0;
  if (areas->table)
    return TRUE;
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
  if (srs == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no coordinate reference system",
                   areas->path);
      return FALSE;
    }
  areas->srs = OSRClone (srs);
  OSRSetAxisMappingStrategy (areas->srs, OAMS_TRADITIONAL_GIS_ORDER);
  return TRUE;
}

/* CODE and NAME of feature N are UTF-8, and the code is given and not already an area's. */
static gboolean
check_code (const dxi_boundaries *areas, guint n, const char *code, const char *name,
            GError **error)
{
  if (!check_utf8 (areas->path, n, areas->code_field, code, error)
      || (name && !check_utf8 (areas->path, n, areas->name_field, name, error)))
    return FALSE;
  if (code[0] == '\0')
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': feature %u has an empty '%s'",
                   areas->path, n, areas->code_field);
      return FALSE;
    }
  gint row = dxi_frame_find_row (areas->frame, code);
  if (row >= 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "'%s': code '%s' appears twice (features %d and %u)", areas->path, code, row + 1,
                   n);
      return FALSE;
    }
  return TRUE;
}

/* Feature N (FEAT, consumed) added as an area: its code and name and, unless the areas are a
 * table, its polygon (noted in areas->repaired when it had to be repaired). */
static gboolean
add_feature (dxi_boundaries *areas, guint n, OGRFeatureH feat, int code_idx, int name_idx,
             GError **error)
{
  g_autofree char *code = field_text (feat, code_idx);
  g_autofree char *name = name_idx >= 0 ? field_text (feat, name_idx) : NULL;
  OGRGeometryH geom = OGR_F_StealGeometry (feat);
  OGR_F_Destroy (feat);
  gboolean ok = TRUE, repaired = FALSE;
  if (!check_code (areas, n, code, name, error))
    ok = FALSE;
  else if (areas->table)
    dxi_frame_add_row (areas->frame, code, name ? name : code);
  else if (geom == NULL || OGR_G_IsEmpty (geom))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': area '%s' (feature %u) has no geometry",
                   areas->path, code, n);
      ok = FALSE;
    }
  else if ((geom = valid_polygon (areas->path, n, code, g_steal_pointer (&geom), &repaired, error))
           == NULL)
    ok = FALSE;
  else
    {
      dxi_frame_add_row (areas->frame, code, name ? name : code);
      OGR_G_AssignSpatialReference (geom, areas->srs);
      g_ptr_array_add (areas->geoms, g_steal_pointer (&geom));
      if (repaired)
        g_ptr_array_add (areas->repaired, g_strdup (code));
    }
  if (geom)
    OGR_G_DestroyGeometry (geom);
  return ok;
}

dxi_boundaries *
dxi_boundaries_read (const char *path, const char *layer_name, const char *code_field,
                     const char *name_field, GError **error)
{
  GDALDatasetH ds;
  OGRLayerH layer = open_layer (path, layer_name, &ds, error);
  if (layer == NULL)
    return NULL;
  g_autoptr (dxi_boundaries) areas = g_new0 (dxi_boundaries, 1);
  areas->path = g_strdup (path);
  areas->code_field = g_strdup (code_field);
  areas->name_field = g_strdup (name_field);
  areas->frame = dxi_frame_new (path);
  areas->geoms = g_ptr_array_new_with_free_func (geom_free);
  areas->repaired = g_ptr_array_new_with_free_func (g_free);
  int code_idx = -1, name_idx = -1;
  gboolean ok = read_layer_fields (areas, layer, &code_idx, &name_idx, error);
  OGR_L_ResetReading (layer);
  OGRFeatureH feat;
  guint n = 0;
  while (ok && (feat = OGR_L_GetNextFeature (layer)) != NULL)
    ok = add_feature (areas, ++n, feat, code_idx, name_idx, error);
  GDALClose (ds);
  if (ok && n == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no areas in the file", path);
      ok = FALSE;
    }
  if (ok && !check_crs_fits (areas, error))
    ok = FALSE;
  return ok ? g_steal_pointer (&areas) : NULL;
}

gboolean
dxi_boundaries_transform (dxi_boundaries *areas, const char *srs_def, GError **error)
{
  if (areas->table)
    {
      g_set_error (
          error, DXI_ERROR, DXI_ERROR_DATA,
          "'%s' is a table of areas with no geometry: give a boundary file (GeoJSON, shapefile, "
          "GeoPackage) where areas must be drawn or overlaid",
          areas->path);
      return FALSE;
    }
  OGRSpatialReferenceH target = OSRNewSpatialReference (NULL);
  OSRSetAxisMappingStrategy (target, OAMS_TRADITIONAL_GIS_ORDER);
  if (OSRSetFromUserInput (target, srs_def) != OGRERR_NONE)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "unknown coordinate system '%s'", srs_def);
      OSRRelease (target);
      return FALSE;
    }
  OGRCoordinateTransformationH ct = OCTNewCoordinateTransformation (areas->srs, target);
  gboolean ok = ct != NULL;
  for (guint i = 0; ok && i < areas->geoms->len; i++)
    ok = OGR_G_Transform (areas->geoms->pdata[i], ct) == OGRERR_NONE;
  if (!ok)
    g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': cannot transform to '%s': %s",
                 areas->path, srs_def, CPLGetLastErrorMsg ());
  if (ct)
    OCTDestroyCoordinateTransformation (ct);
  if (ok)
    {
      OSRRelease (areas->srs);
      areas->srs = target;
    }
  else
    OSRRelease (target);
  return ok;
}

gboolean
dxi_boundaries_extent (const dxi_boundaries *areas, OGREnvelope *out)
{
  if (areas->geoms->len == 0)
    return FALSE;
  for (guint i = 0; i < areas->geoms->len; i++)
    {
      OGREnvelope e;
      OGR_G_GetEnvelope (areas->geoms->pdata[i], &e);
      if (i == 0)
        *out = e;
      else
        {
          out->MinX = MIN (out->MinX, e.MinX);
          out->MinY = MIN (out->MinY, e.MinY);
          out->MaxX = MAX (out->MaxX, e.MaxX);
          out->MaxY = MAX (out->MaxY, e.MaxY);
        }
    }
  return TRUE;
}
