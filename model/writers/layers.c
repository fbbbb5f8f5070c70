#include "writers/layers.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <stdio.h>
#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "core/error.h"
#include "writers/csv.h"

/* Words shortened for DBF names, in order. */
static const char *const abbrev[][2] = {
  { "index_", "i_" },     { "decile", "dec" },      { "quintile", "qnt" },   { "population", "pop" },
  { "households", "hh" }, { "excluded", "excl" },   { "deprivation", "dep" }, { "median", "med" },
  { "adults", "ad" },     { "qualifications", "qual" }, { "download", "dl" },  { "speed", "spd" },
  { "living", "liv" },    { "alone", "aln" },       { "parents", "par" },    { "english", "eng" },
  { "disability", "dis" }, { "income", "inc" },      { "employment", "emp" }, { "demography", "demo" },
  { "broadband", "bb" },  { "score", "sc" },        { "rank", "rk" },        { "norm_", "n_" },
};

/* Scenario columns keep a short suffix and a shortened scenario name. */
static const char *const suffixes[][2] = { { "_reached", "_rch" }, { "_helped", "_hlp" }, { "_pv_benefit", "_pvb" } };

static char *
dbf_name (const char *column, GHashTable *taken)
{
  g_autofree char *name = g_strdup (column);
  for (guint i = 0; strlen (name) > 10 && i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i][0]))
      {
        gsize stem = strlen (name) - strlen (suffixes[i][0]);
        char *short_name = g_strdup_printf ("%.*s%s", (int) MIN (stem, 10 - strlen (suffixes[i][1])), name, suffixes[i][1]);
        g_free (name);
        name = short_name;
      }
  for (guint i = 0; strlen (name) > 10 && i < G_N_ELEMENTS (abbrev); i++)
    {
      char *at = strstr (name, abbrev[i][0]);
      if (at == NULL)
        continue;
      GString *s = g_string_new_len (name, at - name);
      g_string_append (s, abbrev[i][1]);
      g_string_append (s, at + strlen (abbrev[i][0]));
      g_free (name);
      name = g_string_free (s, FALSE);
    }
  if (strlen (name) > 10)
    name[10] = '\0';
  /* Unique: replace the tail with a number. */
  char *unique = g_strdup (name);
  for (guint k = 1; g_hash_table_contains (taken, unique); k++)
    {
      g_free (unique);
      char suffix[8];
      g_snprintf (suffix, sizeof suffix, "%u", k);
      unique = g_strdup_printf ("%.*s%s", (int) (10 - strlen (suffix)), name, suffix);
    }
  g_hash_table_add (taken, unique);
  return g_strdup (unique);
}

GArray *
dxi_layer_fields (const dxi_frame *table, const char *const *columns)
{
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (dxi_layer_field));
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (taken, g_strdup ("code"));
  g_hash_table_add (taken, g_strdup ("name"));
  for (guint i = 0; columns[i]; i++)
    {
      if (dxi_frame_find_column (table, columns[i]) < 0)
        continue;
      dxi_layer_field f = { g_strdup (columns[i]), dbf_name (columns[i], taken) };
      g_array_append_val (fields, f);
    }
  return fields;
}

void
dxi_layer_fields_free (GArray *fields)
{
  for (guint i = 0; fields && i < fields->len; i++)
    {
      g_free (g_array_index (fields, dxi_layer_field, i).column);
      g_free (g_array_index (fields, dxi_layer_field, i).dbf);
    }
  if (fields)
    g_array_unref (fields);
}

char *
dxi_qml_classes (const dxi_classes *classes, const char *class_field, const char *name_field)
{
  GString *q = g_string_new ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                             "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"1\">\n");
  g_string_append_printf (q, "  <renderer-v2 type=\"graduatedSymbol\" attr=\"%s\" graduatedMethod=\"GraduatedColor\" "
                             "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <ranges>\n",
                          class_field);
  for (guint k = 1; k <= classes->n; k++)
    {
      g_autofree char *label = dxi_classes_label (classes, k);
      g_autofree char *escaped = g_markup_escape_text (label, -1);
      g_string_append_printf (q, "      <range lower=\"%.1f\" upper=\"%.1f\" symbol=\"%u\" label=\"%s\" render=\"true\"/>\n",
                              k - 0.5, k + 0.5, k - 1, escaped);
    }
  g_string_append (q, "    </ranges>\n    <symbols>\n");
  for (guint k = 1; k <= classes->n; k++)
    {
      guint8 c[3];
      dxi_classes_colour (classes, k, c);
      g_string_append_printf (
          q,
          "      <symbol type=\"fill\" name=\"%u\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
          "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
          "          <Option type=\"Map\">\n"
          "            <Option name=\"color\" type=\"QString\" value=\"%u,%u,%u,255\"/>\n"
          "            <Option name=\"outline_color\" type=\"QString\" value=\"90,90,90,255\"/>\n"
          "            <Option name=\"outline_style\" type=\"QString\" value=\"solid\"/>\n"
          "            <Option name=\"outline_width\" type=\"QString\" value=\"0.26\"/>\n"
          "            <Option name=\"outline_width_unit\" type=\"QString\" value=\"MM\"/>\n"
          "            <Option name=\"style\" type=\"QString\" value=\"solid\"/>\n"
          "          </Option>\n"
          "          <prop k=\"color\" v=\"%u,%u,%u,255\"/>\n"
          "          <prop k=\"outline_color\" v=\"90,90,90,255\"/>\n"
          "          <prop k=\"outline_style\" v=\"solid\"/>\n"
          "          <prop k=\"outline_width\" v=\"0.26\"/>\n"
          "          <prop k=\"outline_width_unit\" v=\"MM\"/>\n"
          "          <prop k=\"style\" v=\"solid\"/>\n"
          "        </layer>\n      </symbol>\n",
          k - 1, c[0], c[1], c[2], c[0], c[1], c[2]);
    }
  g_string_append_printf (
      q,
      "    </symbols>\n  </renderer-v2>\n"
      "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n"
      "      <text-style fieldName=\"%s\" fontFamily=\"DejaVu Sans\" fontSize=\"8\" fontSizeUnit=\"Point\" "
      "textColor=\"30,30,30,255\" isExpression=\"0\">\n"
      "        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\"/>\n"
      "      </text-style>\n"
      "      <placement placement=\"0\" centroidInside=\"1\" centroidWhole=\"0\"/>\n"
      "      <rendering obstacle=\"1\" fontLimitPixelSize=\"0\" displayAll=\"0\"/>\n"
      "    </settings>\n  </labeling>\n"
      "  <layerGeometryType>2</layerGeometryType>\n</qgis>\n",
      name_field);
  return g_string_free (q, FALSE);
}

/* The day of production from METADATA's PRODUCED (credits.h): every date the
 * formats carry is that day, so the same inputs on the same day (or with the
 * same SOURCE_DATE_EPOCH) give the same bytes. */
static void
produced_date (const char *const *metadata, int *y, int *m, int *d)
{
  const char *produced = metadata ? CSLFetchNameValue ((char **) metadata, "PRODUCED") : NULL;
  if (produced == NULL || sscanf (produced, "%d-%d-%d", y, m, d) != 3)
    *y = 2000, *m = 1, *d = 1;
}

static gboolean
gdal_fail (GError **error, const char *what, const char *path)
{
  g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot %s '%s': %s", what, path, CPLGetLastErrorMsg ());
  return FALSE;
}

/* Create the ward layer in DS with NAMES (full or DBF) and write every area. */
static gboolean
write_layer (GDALDatasetH ds, const char *layer_name, char **options, const dxi_areas *areas, const dxi_frame *table,
             GArray *fields, gboolean dbf_names, const char *path, GError **error)
{
  OGRLayerH layer = GDALDatasetCreateLayer (ds, layer_name, areas->srs, wkbMultiPolygon, options);
  if (layer == NULL)
    return gdal_fail (error, "create a layer in", path);
  const char *fixed[] = { "code", "name" };
  for (guint i = 0; i < 2; i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (fixed[i], OFTString);
      OGR_Fld_SetWidth (fd, i == 0 ? 12 : 80);
      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  for (guint i = 0; i < fields->len; i++)
    {
      const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      OGRFieldDefnH fd = OGR_Fld_Create (dbf_names ? f->dbf : f->column, OFTReal);
      if (OGR_L_CreateField (layer, fd, TRUE) != OGRERR_NONE)
        {
          OGR_Fld_Destroy (fd);
          return gdal_fail (error, "create a field in", path);
        }
      OGR_Fld_Destroy (fd);
    }
  gboolean tx = OGR_L_StartTransaction (layer) == OGRERR_NONE;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  for (guint a = 0; a < dxi_areas_len (areas); a++)
    {
      const char *code = dxi_frame_code (areas->frame, a);
      gint row = dxi_frame_find_row (table, code);
      OGRFeatureH feat = OGR_F_Create (defn);
      OGR_F_SetFieldString (feat, 0, code);
      OGR_F_SetFieldString (feat, 1, dxi_frame_name (areas->frame, a) ? dxi_frame_name (areas->frame, a) : code);
      for (guint i = 0; row >= 0 && i < fields->len; i++)
        {
          gint col = dxi_frame_find_column (table, g_array_index (fields, dxi_layer_field, i).column);
          double v = dxi_frame_get (table, (guint) row, (guint) col);
          if (isnan (v))
            OGR_F_SetFieldNull (feat, (int) i + 2);
          else
            OGR_F_SetFieldDouble (feat, (int) i + 2, v);
        }
      OGRGeometryH g = OGR_G_ForceToMultiPolygon (OGR_G_Clone (areas->geoms->pdata[a]));
      OGR_F_SetGeometryDirectly (feat, g);
      OGRErr err = OGR_L_CreateFeature (layer, feat);
      OGR_F_Destroy (feat);
      if (err != OGRERR_NONE)
        return gdal_fail (error, "write a feature to", path);
    }
  if (tx && OGR_L_CommitTransaction (layer) != OGRERR_NONE)
    return gdal_fail (error, "write", path);
  return TRUE;
}

gboolean
dxi_layers_write_shapefile (const dxi_areas *areas, const dxi_frame *table, GArray *fields,
                            const dxi_classes *classes, const char *const *metadata, const char *dir,
                            GError **error)
{
  GDALAllRegister ();
  GDALDriverH drv = GDALGetDriverByName ("ESRI Shapefile");
  g_autofree char *path = g_build_filename (dir, "wards.shp", NULL);
  GDALDatasetH ds = GDALCreate (drv, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    return gdal_fail (error, "create", path);
  int y, m, d;
  produced_date (metadata, &y, &m, &d);
  g_autofree char *dbf_date = g_strdup_printf ("DBF_DATE_LAST_UPDATE=%04d-%02d-%02d", y, m, d);
  char *options[] = { (char *) "ENCODING=UTF-8", dbf_date, NULL };
  gboolean ok = write_layer (ds, "wards", options, areas, table, fields, TRUE, path, error);
  GDALClose (ds);
  if (!ok)
    return FALSE;
  const char *class_field = NULL;
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (g_array_index (fields, dxi_layer_field, i).column, classes->column))
      class_field = g_array_index (fields, dxi_layer_field, i).dbf;
  g_autofree char *qml = dxi_qml_classes (classes, class_field ? class_field : classes->column, "name");
  g_autofree char *qml_path = g_build_filename (dir, "wards.qml", NULL);
  /* The field name mapping, for the analyst and the README. */
  GString *map = g_string_new ("shapefile_field,column\n");
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (map, "%s,%s\n", g_array_index (fields, dxi_layer_field, i).dbf,
                            g_array_index (fields, dxi_layer_field, i).column);
  g_autofree char *map_path = g_build_filename (dir, "wards_fields.csv", NULL);
  ok = dxi_write_file (qml_path, qml, strlen (qml), error) && dxi_write_file (map_path, map->str, map->len, error);
  g_string_free (map, TRUE);
  return ok;
}

/* The credits on the layer: DESCRIPTION and TITLE (as IDENTIFIER) go to
 * gpkg_contents, the rest to gpkg_metadata. */
static gboolean
set_layer_metadata (GDALDatasetH ds, const char *const *metadata, const char *path, GError **error)
{
  if (metadata == NULL)
    return TRUE;
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, "wards");
  char **md = CSLDuplicate ((char **) metadata);
  const char *title = CSLFetchNameValue (md, "TITLE");
  if (title)
    md = CSLSetNameValue (md, "IDENTIFIER", title);
  CPLErr err = GDALSetMetadata (layer, md, NULL);
  CSLDestroy (md);
  return err == CE_None || gdal_fail (error, "write the layer's metadata to", path);
}

/* The style row QGIS looks for in layer_styles. */
static gboolean
write_style (GDALDatasetH ds, const dxi_classes *classes, const char *const *metadata, const char *path,
             GError **error)
{
  OGRLayerH styles = GDALDatasetCreateLayer (ds, "layer_styles", NULL, wkbNone, NULL);
  if (styles == NULL)
    return gdal_fail (error, "create layer_styles in", path);
  const char *text_fields[] = { "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
                                "styleName",       "styleQML",       "styleSLD",     "description",
                                "owner",           "ui" };
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (text_fields[i], OFTString);
      OGR_L_CreateField (styles, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  OGRFieldDefnH use = OGR_Fld_Create ("useAsDefault", OFTInteger);
  OGR_Fld_SetSubType (use, OFSTBoolean);
  OGR_L_CreateField (styles, use, TRUE);
  OGR_Fld_Destroy (use);
  OGRFieldDefnH when = OGR_Fld_Create ("update_time", OFTDateTime);
  OGR_L_CreateField (styles, when, TRUE);
  OGR_Fld_Destroy (when);
  g_autofree char *qml = dxi_qml_classes (classes, classes->column, "name");
  g_autofree char *style_name = g_strdup_printf ("dxi %ss", classes->noun);
  g_autofree char *description = dxi_classes_title (classes);
  OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (styles));
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "f_table_catalog"), "");
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "f_table_schema"), "");
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "f_table_name"), "wards");
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "f_geometry_column"), "geom");
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "styleName"), style_name);
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "styleQML"), qml);
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "styleSLD"), "");
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "description"), description);
  OGR_F_SetFieldString (f, OGR_F_GetFieldIndex (f, "owner"), "dxi");
  OGR_F_SetFieldInteger (f, OGR_F_GetFieldIndex (f, "useAsDefault"), 1);
  int y, m, d;
  produced_date (metadata, &y, &m, &d);
  OGR_F_SetFieldDateTime (f, OGR_F_GetFieldIndex (f, "update_time"), y, m, d, 0, 0, 0, 100);
  OGRErr err = OGR_L_CreateFeature (styles, f);
  OGR_F_Destroy (f);
  return err == OGRERR_NONE || gdal_fail (error, "write the style to", path);
}

static gboolean
write_extra (GDALDatasetH ds, const dxi_frame *extra, const char *name, const char *path, GError **error)
{
  OGRLayerH layer = GDALDatasetCreateLayer (ds, name, NULL, wkbNone, NULL);
  if (layer == NULL)
    return gdal_fail (error, "create a table in", path);
  const char *text[] = { "key", "label" };
  for (guint i = 0; i < 2; i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (text[i], OFTString);
      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  for (guint c = 0; c < dxi_frame_n_cols (extra); c++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (dxi_frame_column_name (extra, c), OFTReal);
      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  gboolean tx = OGR_L_StartTransaction (layer) == OGRERR_NONE;
  for (guint r = 0; r < dxi_frame_n_rows (extra); r++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldString (f, 0, dxi_frame_code (extra, r));
      OGR_F_SetFieldString (f, 1, dxi_frame_name (extra, r) ? dxi_frame_name (extra, r) : "");
      for (guint c = 0; c < dxi_frame_n_cols (extra); c++)
        {
          double v = dxi_frame_get (extra, r, c);
          if (isnan (v))
            OGR_F_SetFieldNull (f, (int) c + 2);
          else
            OGR_F_SetFieldDouble (f, (int) c + 2, v);
        }
      OGRErr err = OGR_L_CreateFeature (layer, f);
      OGR_F_Destroy (f);
      if (err != OGRERR_NONE)
        return gdal_fail (error, "write a row to", path);
    }
  if (tx && OGR_L_CommitTransaction (layer) != OGRERR_NONE)
    return gdal_fail (error, "write", path);
  return TRUE;
}

gboolean
dxi_layers_write_gpkg (const dxi_areas *areas, const dxi_frame *table, GArray *fields, const dxi_classes *classes,
                       const char *const *metadata, const dxi_frame *extra, const char *extra_name, const char *path,
                       GError **error)
{
  GDALAllRegister ();
  /* GeoPackage contents carry the time of writing: the day of production. */
  int y, m, d;
  produced_date (metadata, &y, &m, &d);
  g_autofree char *when = g_strdup_printf ("%04d-%02d-%02dT00:00:00.000Z", y, m, d);
  CPLSetConfigOption ("OGR_CURRENT_DATE", when);
  GDALDriverH drv = GDALGetDriverByName ("GPKG");
  GDALDatasetH ds = GDALCreate (drv, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    return gdal_fail (error, "create", path);
  char *options[] = { (char *) "GEOMETRY_NAME=geom", (char *) "SPATIAL_INDEX=NO", NULL };
  gboolean ok = write_layer (ds, "wards", options, areas, table, fields, FALSE, path, error)
                && set_layer_metadata (ds, metadata, path, error)
                && write_style (ds, classes, metadata, path, error)
                && (extra == NULL || write_extra (ds, extra, extra_name, path, error));
  GDALClose (ds);
  return ok;
}
