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

/* <aliases>: the full name of each field of the layer (code, name, FIELDS). */
static void
qml_aliases (GString *q, GArray *fields, gboolean dbf_names)
{
  g_string_append (q, "  <aliases>\n"
                      "    <alias field=\"code\" index=\"0\" name=\"Area code\"/>\n"
                      "    <alias field=\"name\" index=\"1\" name=\"Area name\"/>\n");
  for (guint i = 0; fields && i < fields->len; i++)
    {
      const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      g_autofree char *field = g_markup_escape_text (dbf_names ? f->dbf : f->column, -1);
      g_autofree char *alias = g_markup_escape_text (f->alias, -1);
      g_string_append_printf (q, "    <alias field=\"%s\" index=\"%u\" name=\"%s\"/>\n", field,
                              i + 2, alias);
    }
  g_string_append (q, "  </aliases>\n");
}

char *
dxi_layers_qml_classes (const dxi_classes *classes, const char *class_field, const char *name_field,
                        GArray *fields, gboolean dbf_names)
{
  GString *q
      = g_string_new ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                      "<qgis version=\"3.28.0\" styleCategories=\"Fields|Symbology|Labeling\" "
                      "labelsEnabled=\"1\">\n");
  qml_aliases (q, fields, dbf_names);
  g_string_append_printf (
      q,
      "  <renderer-v2 type=\"graduatedSymbol\" attr=\"%s\" graduatedMethod=\"GraduatedColor\" "
      "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <ranges>\n",
      class_field);
  for (guint k = 1; k <= classes->n; k++)
    {
      g_autofree char *label = dxi_classes_label (classes, k);
      g_autofree char *escaped = g_markup_escape_text (label, -1);
      g_string_append_printf (q,
                              "      <range lower=\"%.1f\" upper=\"%.1f\" symbol=\"%u\" "
                              "label=\"%s\" render=\"true\"/>\n",
                              k - 0.5, k + 0.5, k - 1, escaped);
    }
  g_string_append (q, "    </ranges>\n    <symbols>\n");
  for (guint k = 1; k <= classes->n; k++)
    {
      guint8 c[3];
      dxi_classes_colour (classes, k, c);
      g_string_append_printf (
          q,
          "      <symbol type=\"fill\" name=\"%u\" alpha=\"1\" clip_to_extent=\"1\" "
          "force_rhr=\"0\">\n"
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
      "      <text-style fieldName=\"%s\" fontFamily=\"DejaVu Sans\" fontSize=\"8\" "
      "fontSizeUnit=\"Point\" "
      "textColor=\"30,30,30,255\" isExpression=\"0\">\n"
      "        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" "
      "bufferColor=\"255,255,255,255\"/>\n"
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
  g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot %s '%s': %s", what, path,
               CPLGetLastErrorMsg ());
  return FALSE;
}

/* Create the ward layer in DS with NAMES (full or DBF) and write every area. */
static gboolean
write_layer (GDALDatasetH ds, const char *layer_name, char **options, const dxi_boundaries *areas,
             const dxi_frame *table, GArray *fields, gboolean dbf_names, const char *path,
             GError **error)
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
      OGRFieldDefnH fd
          = OGR_Fld_Create (dbf_names ? f->dbf : f->column, f->whole ? OFTInteger : OFTReal);
      if (f->whole)
        OGR_Fld_SetWidth (fd, 9);
      if (!dbf_names)
        OGR_Fld_SetAlternativeName (fd, f->alias);
      if (OGR_L_CreateField (layer, fd, TRUE) != OGRERR_NONE)
        {
          OGR_Fld_Destroy (fd);
          return gdal_fail (error, "create a field in", path);
        }
      OGR_Fld_Destroy (fd);
    }
  gboolean tx = OGR_L_StartTransaction (layer) == OGRERR_NONE;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  for (guint a = 0; a < dxi_boundaries_len (areas); a++)
    {
      const char *code = dxi_frame_code (areas->frame, a);
      gint row = dxi_frame_find_row (table, code);
      OGRFeatureH feat = OGR_F_Create (defn);
      OGR_F_SetFieldString (feat, 0, code);
      OGR_F_SetFieldString (
          feat, 1, dxi_frame_name (areas->frame, a) ? dxi_frame_name (areas->frame, a) : code);
      for (guint i = 0; row >= 0 && i < fields->len; i++)
        {
          const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
          double v = dxi_frame_get (table, (guint) row,
                                    (guint) dxi_frame_find_column (table, f->column));
          if (isnan (v))
            OGR_F_SetFieldNull (feat, (int) i + 2);
          else if (f->whole)
            OGR_F_SetFieldInteger (feat, (int) i + 2, (int) lround (v));
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

/* A text as an SQL literal (caller frees). */
static char *
sql_text (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "'", -1);
  g_autofree char *doubled = g_strjoinv ("''", parts);
  return g_strdup_printf ("'%s'", doubled);
}

static gboolean
execute (GDALDatasetH ds, const char *sql, const char *path, GError **error)
{
  CPLErrorReset ();
  OGRLayerH result = GDALDatasetExecuteSQL (ds, sql, NULL, NULL);
  if (result)
    GDALDatasetReleaseResultSet (ds, result);
  return CPLGetLastErrorType () < CE_Failure || gdal_fail (error, "describe the fields in", path);
}

/* gpkg_data_columns (the GeoPackage schema extension, registered in
 * gpkg_extensions): each field's full name and its description with the
 * unit, which GIS tools show beside the field. */
static gboolean
write_data_columns (GDALDatasetH ds, GArray *fields, const char *path, GError **error)
{
  static const char *const ddl[] = {
    "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT "
    "NULL, name TEXT, "
    "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
    "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
    "CONSTRAINT gdc_tn UNIQUE (table_name, name))",
    "CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (constraint_name TEXT NOT NULL, "
    "constraint_type TEXT "
    "NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive "
    "BOOLEAN, "
    "description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))",
    "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name "
    "TEXT NOT NULL, "
    "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, "
    "column_name, "
    "extension_name))",
    "DELETE FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'",
    "INSERT INTO gpkg_extensions VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
    "'http://www.geopackage.org/spec/#extension_schema', 'read-write')",
    "INSERT INTO gpkg_extensions VALUES ('gpkg_data_column_constraints', NULL, 'gpkg_schema', "
    "'http://www.geopackage.org/spec/#extension_schema', 'read-write')",
    "DELETE FROM gpkg_data_columns WHERE table_name = 'wards'",
    "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES "
    "('wards', 'code', 'Area code', 'Area code', 'The area''s GSS code')",
    "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES "
    "('wards', 'name', 'Area name', 'Area name', 'The area''s name')",
  };
  for (guint i = 0; i < G_N_ELEMENTS (ddl); i++)
    if (!execute (ds, ddl[i], path, error))
      return FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      g_autofree char *described = *f->unit
                                       ? g_strdup_printf ("%s. Unit: %s", f->description, f->unit)
                                       : g_strdup (f->description);
      g_autofree char *column = sql_text (f->column), *alias = sql_text (f->alias),
                      *text = sql_text (described);
      g_autofree char *sql
          = g_strdup_printf ("INSERT INTO gpkg_data_columns (table_name, column_name, name, title, "
                             "description) VALUES ('wards', %s, %s, %s, %s)",
                             column, alias, alias, text);
      if (!execute (ds, sql, path, error))
        return FALSE;
    }
  return TRUE;
}

/* DESCRIPTION, then each field with its unit and description: the layer's
 * abstract (caller frees). */
static char *
fields_abstract (GArray *fields, const char *description)
{
  GString *abstract = g_string_new (description ? description : "");
  g_string_append (
      abstract, "\n\nFields (shapefile name / GeoPackage name: full name [unit]: description):\n");
  for (guint i = 0; i < fields->len; i++)
    {
      const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      g_string_append_printf (abstract, "%s / %s: %s", f->dbf, f->column, f->alias);
      if (*f->unit)
        g_string_append_printf (abstract, " [%s]", f->unit);
      g_string_append_printf (abstract, ": %s\n", f->description);
    }
  return g_string_free (abstract, FALSE);
}

/* QGIS layer metadata (.qmd, which QGIS loads beside the layer): the
 * credits, and each field with its unit and description in the abstract. */
static char *
qgis_metadata (GArray *fields, const char *const *metadata)
{
  const char *title = metadata ? CSLFetchNameValue ((char **) metadata, "TITLE") : NULL;
  const char *description = metadata ? CSLFetchNameValue ((char **) metadata, "DESCRIPTION") : NULL;
  const char *copyright = metadata ? CSLFetchNameValue ((char **) metadata, "COPYRIGHT") : NULL;
  const char *produced = metadata ? CSLFetchNameValue ((char **) metadata, "PRODUCED") : NULL;
  g_autofree char *abstract = fields_abstract (fields, description);
  g_autofree char *t = g_markup_escape_text (title ? title : "wards", -1);
  g_autofree char *a = g_markup_escape_text (abstract, -1);
  g_autofree char *r = g_markup_escape_text (copyright ? copyright : "", -1);
  return g_strdup_printf ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                          "<qgis version=\"3.28.0\">\n"
                          "  <identifier>wards</identifier>\n"
                          "  <parentidentifier></parentidentifier>\n"
                          "  <language>ENG</language>\n"
                          "  <type>dataset</type>\n"
                          "  <title>%s</title>\n"
                          "  <abstract>%s</abstract>\n"
                          "  <links/>\n"
                          "  <history>Produced %s with dxi " DXI_VERSION "</history>\n"
                          "  <fees></fees>\n"
                          "  <rights>%s</rights>\n"
                          "  <license>Open Government Licence v3.0</license>\n"
                          "  <encoding></encoding>\n"
                          "</qgis>\n",
                          t, a, produced ? produced : "", r);
}

gboolean
dxi_layers_write_shapefile (const dxi_boundaries *areas, const dxi_frame *table, GArray *fields,
                            const dxi_classes *classes, const char *const *metadata,
                            const char *dir, GError **error)
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
  g_autofree char *qml = dxi_layers_qml_classes (
      classes, class_field ? class_field : classes->column, "name", fields, TRUE);
  g_autofree char *qmd = qgis_metadata (fields, metadata);
  const char *vintage = metadata ? CSLFetchNameValue ((char **) metadata, "AREAS") : NULL;
  g_autofree char *csv = dxi_layer_fields_csv (fields, vintage);
  g_autofree char *qml_path = g_build_filename (dir, "wards.qml", NULL);
  g_autofree char *qmd_path = g_build_filename (dir, "wards.qmd", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "wards_fields.csv", NULL);
  return dxi_write_file (qml_path, qml, strlen (qml), error)
         && dxi_write_file (qmd_path, qmd, strlen (qmd), error)
         && dxi_write_file (csv_path, csv, strlen (csv), error);
}

/* The credits on the layer: DESCRIPTION and TITLE (as IDENTIFIER) go to
 * gpkg_contents, the rest to gpkg_metadata. */
static gboolean
set_layer_metadata (GDALDatasetH ds, GArray *fields, const char *const *metadata, const char *path,
                    GError **error)
{
  if (metadata == NULL)
    return TRUE;
  OGRLayerH layer = GDALDatasetGetLayerByName (ds, "wards");
  char **md = CSLDuplicate ((char **) metadata);
  const char *title = CSLFetchNameValue (md, "TITLE");
  if (title)
    md = CSLSetNameValue (md, "IDENTIFIER", title);
  g_autofree char *abstract = fields_abstract (fields, CSLFetchNameValue (md, "DESCRIPTION"));
  md = CSLSetNameValue (md, "DESCRIPTION", abstract);
  CPLErr err = GDALSetMetadata (layer, md, NULL);
  CSLDestroy (md);
  return err == CE_None || gdal_fail (error, "write the layer's metadata to", path);
}

/* The style row QGIS looks for in layer_styles. */
static gboolean
write_style (GDALDatasetH ds, const dxi_classes *classes, GArray *fields,
             const char *const *metadata, const char *path, GError **error)
{
  OGRLayerH styles = GDALDatasetCreateLayer (ds, "layer_styles", NULL, wkbNone, NULL);
  if (styles == NULL)
    return gdal_fail (error, "create layer_styles in", path);
  const char *text_fields[] = { "f_table_catalog", "f_table_schema",
                                "f_table_name",    "f_geometry_column",
                                "styleName",       "styleQML",
                                "styleSLD",        "description",
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
  g_autofree char *qml = dxi_layers_qml_classes (classes, classes->column, "name", fields, FALSE);
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
write_extra (GDALDatasetH ds, const dxi_frame *extra, const char *name, const char *path,
             GError **error)
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
dxi_layers_write_gpkg (const dxi_boundaries *areas, const dxi_frame *table, GArray *fields,
                       const dxi_classes *classes, const char *const *metadata,
                       const dxi_frame *extra, const char *extra_name, const char *path,
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
                && set_layer_metadata (ds, fields, metadata, path, error)
                && write_data_columns (ds, fields, path, error)
                && write_style (ds, classes, fields, metadata, path, error)
                && (extra == NULL || write_extra (ds, extra, extra_name, path, error));
  GDALClose (ds);
  return ok;
}
