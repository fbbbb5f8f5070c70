/* dxi_areas: target areas from any OGR vector (see areas.h). */
#include "inputs/areas.h"

#include <cpl_error.h>
#include <gdal.h>

#include "core/error.h"
#include "core/ydoc.h"

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
dxi_areas_free (dxi_areas *areas)
{
  if (areas == NULL)
    return;
  g_free (areas->path);
  g_free (areas->code_field);
  g_free (areas->name_field);
  dxi_frame_free (areas->frame);
  if (areas->geoms)
    g_ptr_array_unref (areas->geoms);
  if (areas->srs)
    OSRRelease (areas->srs);
  g_free (areas);
}

guint
dxi_areas_len (const dxi_areas *areas)
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
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no field '%s' (fields: %s)", path, name, list);
  return -1;
}

dxi_areas *
dxi_areas_read (const char *path, const char *layer_name, const char *code_field, const char *name_field,
                GError **error)
{
  register_drivers ();
  CPLErrorReset ();
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL, NULL);
  if (ds == NULL)
    {
      const char *msg = CPLGetLastErrorMsg ();
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", path,
                   g_file_test (path, G_FILE_TEST_EXISTS) ? (msg[0] ? msg : "not a vector file OGR reads")
                                                         : "No such file or directory");
      return NULL;
    }
  OGRLayerH layer = layer_name ? GDALDatasetGetLayerByName (ds, layer_name) : GDALDatasetGetLayer (ds, 0);
  if (layer == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no layer '%s'", path, layer_name ? layer_name : "0");
      GDALClose (ds);
      return NULL;
    }
  g_autoptr (dxi_areas) areas = g_new0 (dxi_areas, 1);
  areas->path = g_strdup (path);
  areas->code_field = g_strdup (code_field);
  areas->name_field = g_strdup (name_field);
  areas->frame = dxi_frame_new (path);
  areas->geoms = g_ptr_array_new_with_free_func (geom_free);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int code_idx = find_field (defn, path, code_field, error);
  int name_idx = code_idx >= 0 && name_field ? find_field (defn, path, name_field, error) : -1;
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
  gboolean ok = code_idx >= 0 && (name_field == NULL || name_idx >= 0);
  if (ok && srs == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no coordinate reference system", path);
      ok = FALSE;
    }
  if (ok)
    {
      areas->srs = OSRClone (srs);
      OSRSetAxisMappingStrategy (areas->srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
  OGR_L_ResetReading (layer);
  OGRFeatureH feat;
  guint n = 0;
  while (ok && (feat = OGR_L_GetNextFeature (layer)) != NULL)
    {
      n++;
      const char *code = OGR_F_IsFieldSetAndNotNull (feat, code_idx) ? OGR_F_GetFieldAsString (feat, code_idx) : "";
      OGRGeometryH geom = OGR_F_StealGeometry (feat);
      if (code[0] == '\0')
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': feature %u has an empty '%s'", path, n, code_field);
          ok = FALSE;
        }
      else if (dxi_frame_find_row (areas->frame, code) >= 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': code '%s' appears twice (features %d and %u)", path,
                       code, dxi_frame_find_row (areas->frame, code) + 1, n);
          ok = FALSE;
        }
      else if (geom == NULL || OGR_G_IsEmpty (geom))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': area '%s' (feature %u) has no geometry", path, code, n);
          ok = FALSE;
        }
      else
        {
          dxi_frame_add_row (areas->frame, code, name_idx >= 0 ? OGR_F_GetFieldAsString (feat, name_idx) : code);
          OGR_G_AssignSpatialReference (geom, areas->srs);
          g_ptr_array_add (areas->geoms, g_steal_pointer (&geom));
        }
      if (geom)
        OGR_G_DestroyGeometry (geom);
      OGR_F_Destroy (feat);
    }
  GDALClose (ds);
  if (ok && n == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no areas in the file", path);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&areas) : NULL;
}

gboolean
dxi_areas_transform (dxi_areas *areas, const char *srs_def, GError **error)
{
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
    g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': cannot transform to '%s': %s", areas->path, srs_def,
                 CPLGetLastErrorMsg ());
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
dxi_areas_extent (const dxi_areas *areas, OGREnvelope *out)
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
