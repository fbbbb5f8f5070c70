/* Golden files for the writers' formats (tests/golden/, the way shapelib
 * compares with expect1.out): each writer writes a tiny hand-made frame of
 * three areas, and the result (for the layers, a text dump read back through
 * OGR) must equal the golden file byte for byte.  The values in the golden
 * files were checked by hand against the fixture below; tests/golden/update.sh
 * writes them again (DXI_GOLDEN_UPDATE=1) when a format changes on purpose. */
#include <cpl_conv.h>
#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_srs_api.h>

#include "writers/classes.h"
#include "writers/csv.h"
#include "writers/layer-fields.h"
#include "writers/layers.h"
#include "writers/manifest.h"

/* A, B: rectangles [0,300]x[0,200] and [300,500]x[0,200] (60,000 and 40,000
 * m2); C the triangle (0,200) (400,200) (0,400) (40,000 m2).  Names that CSV
 * must quote ("Hale, Central") and defuse ("=Sale" starts like a formula). */
static const char *areas_json
    = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
      "\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":["
      "{\"type\":\"Feature\",\"properties\":{\"code\":\"E05000001\",\"name\":\"Altrincham\"},"
      "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[300,0],[300,200],[0,200],"
      "[0,0]]]}},"
      "{\"type\":\"Feature\",\"properties\":{\"code\":\"E05000002\",\"name\":\"Hale, Central\"},"
      "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[300,0],[500,0],[500,200],[300,200],"
      "[300,0]]]}},"
      "{\"type\":\"Feature\",\"properties\":{\"code\":\"E05000003\",\"name\":\"=Sale\"},"
      "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,200],[400,200],[0,400],"
      "[0,200]]]}}]}";

/* The area table: population (C missing), the index score, rank and
 * quintile, and adults not online (1.5 people rounds to 2 in the layers). */
static const char *columns[]
    = { "population", "index_score", "index_rank", "index_quintile", "excluded_adults" };
static const double values[3][5] = {
  { 1000, 0.25, 2, 4, 120.25 },
  { 2500.5, 1, 1, 2, 1.5 },
  { NAN, 0, 3, 5, 0 },
};

static dxi_frame *
fixture_frame (const dxi_boundaries *areas)
{
  dxi_frame *f = dxi_frame_new (NULL);
  for (guint r = 0; r < 3; r++)
    dxi_frame_add_row (f, dxi_frame_code (areas->frame, r), dxi_frame_name (areas->frame, r));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      guint col = dxi_frame_add_column (f, columns[c]);
      for (guint r = 0; r < 3; r++)
        dxi_frame_set (f, r, col, values[r][c]);
    }
  return f;
}

/* Compares the file GOT with tests/golden/NAME, or writes it there when
 * DXI_GOLDEN_UPDATE is set. */
static void
check_golden (const char *got, const char *name)
{
  g_autofree char *golden = g_build_filename (DXI_SOURCE_DIR, "tests", "golden", name, NULL);
  g_autofree char *text = NULL, *want = NULL;
  gsize len = 0, want_len = 0;
  g_assert_true (g_file_get_contents (got, &text, &len, NULL));
  if (g_getenv ("DXI_GOLDEN_UPDATE") != NULL)
    {
      g_assert_true (g_file_set_contents (golden, text, len, NULL));
      g_test_message ("wrote %s", golden);
      return;
    }
  g_assert_true (g_file_get_contents (golden, &want, &want_len, NULL));
  if (g_strcmp0 (text, want) != 0)
    g_test_message ("%s differs from %s:\n%s", got, golden, text);
  g_assert_cmpstr (text, ==, want);
}

/* The fields of every layer of the vector file PATH and every feature's
 * values and geometry (WKT), one per line, into OUT. */
static void
dump_layers (const char *path, const char *out)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  GString *s = g_string_new (NULL);
  for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, l);
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
      OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
      g_string_append_printf (s, "layer %s: %s, EPSG:%s, %lld features\n", OGR_L_GetName (layer),
                              OGRGeometryTypeToName (OGR_L_GetGeomType (layer)),
                              srs ? OSRGetAuthorityCode (srs, NULL) : "none",
                              (long long) OGR_L_GetFeatureCount (layer, TRUE));
      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        {
          OGRFieldDefnH fd = OGR_FD_GetFieldDefn (defn, i);
          g_string_append_printf (s, "  field %s: %s\n", OGR_Fld_GetNameRef (fd),
                                  OGR_GetFieldTypeName (OGR_Fld_GetType (fd)));
        }
      OGR_L_ResetReading (layer);
      OGRFeatureH feat;
      while ((feat = OGR_L_GetNextFeature (layer)) != NULL)
        {
          g_string_append (s, "  feature:");
          for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
            {
              const char *field = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i));
              gboolean set = OGR_F_IsFieldSetAndNotNull (feat, i);
              g_string_append_printf (s, " %s=%s", field,
                                      set ? OGR_F_GetFieldAsString (feat, i) : "(null)");
            }
          OGRGeometryH g = OGR_F_GetGeometryRef (feat);
          char *wkt = NULL;
          if (g != NULL)
            OGR_G_ExportToWkt (g, &wkt);
          g_string_append_printf (s, "\n    %s\n", wkt ? wkt : "(no geometry)");
          CPLFree (wkt);
          OGR_F_Destroy (feat);
        }
    }
  GDALClose (ds);
  g_assert_true (g_file_set_contents (out, s->str, s->len, NULL));
  g_string_free (s, TRUE);
}

typedef struct
{
  char *dir;
  dxi_boundaries *areas;
  dxi_frame *frame;
  GArray *fields;
  dxi_classes classes;
} fixture;

static void
fixture_set_up (fixture *fx, gconstpointer data)
{
  (void) data;
  fx->dir = g_dir_make_tmp ("dxi-test-golden-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (fx->dir, "areas.geojson", NULL);
  g_assert_true (g_file_set_contents (path, areas_json, -1, NULL));
  g_autoptr (GError) error = NULL;
  fx->areas = dxi_boundaries_read (path, NULL, "code", "name", &error);
  g_assert_no_error (error);
  g_unlink (path);
  fx->frame = fixture_frame (fx->areas);
  dxi_layer_column cols[G_N_ELEMENTS (columns)];
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    cols[c] = (dxi_layer_column){ columns[c], NULL, NULL, NULL };
  fx->fields = dxi_layer_fields (fx->frame, cols, G_N_ELEMENTS (columns));
  dxi_classes_init (&fx->classes, 3, "Golden", "ward23");
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (fixture *fx, gconstpointer data)
{
  (void) data;
  dxi_classes_clear (&fx->classes);
  dxi_layer_fields_free (fx->fields);
  dxi_frame_free (fx->frame);
  dxi_boundaries_free (fx->areas);
  remove_tree (fx->dir);
  g_free (fx->dir);
}

/* areas.csv: code, name, every column; C's missing population empty. */
static void
test_areas_csv (fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *path = g_build_filename (fx->dir, "areas.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (dxi_csv_write_frame (fx->frame, "code", NULL, path, &error));
  g_assert_no_error (error);
  check_golden (path, "areas.csv");
}

/* wards_fields.csv: the shapefile names, aliases, types and units. */
static void
test_fields_csv (fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *csv = dxi_layer_fields_csv (fx->fields, "Golden fixture wards");
  g_autofree char *path = g_build_filename (fx->dir, "wards_fields.csv", NULL);
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  check_golden (path, "wards_fields.csv");
}

/* The shapefile and the GeoPackage, read back through OGR. */
static void
test_layers (fixture *fx, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  g_assert_true (dxi_layers_write_shapefile (fx->areas, fx->frame, fx->fields, &fx->classes, NULL,
                                             fx->dir, &error));
  g_assert_no_error (error);
  g_autofree char *shp = g_build_filename (fx->dir, "wards.shp", NULL);
  g_autofree char *shp_dump = g_build_filename (fx->dir, "shp.txt", NULL);
  dump_layers (shp, shp_dump);
  check_golden (shp_dump, "wards.shp.txt");
  g_autofree char *gpkg = g_build_filename (fx->dir, "wards.gpkg", NULL);
  g_assert_true (dxi_layers_write_gpkg (fx->areas, fx->frame, fx->fields, &fx->classes, NULL, NULL,
                                        NULL, gpkg, &error));
  g_assert_no_error (error);
  g_autofree char *gpkg_dump = g_build_filename (fx->dir, "gpkg.txt", NULL);
  dump_layers (gpkg, gpkg_dump);
  check_golden (gpkg_dump, "wards.gpkg.txt");
}

/* manifest.json with the library versions (which differ machine to machine)
 * replaced by "*": one input holding "abc", whose SHA-256 is the FIPS 180-2
 * example ba7816bf...15ad, settings, a warning, outputs and the seed. */
static void
test_manifest (fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (fx->dir), ==, 0);
  g_assert_true (g_file_set_contents ("abc.txt", "abc", 3, NULL));
  g_autoptr (dxi_manifest) m = dxi_manifest_new ();
  g_ptr_array_add (m->inputs, g_strdup ("abc.txt"));
  g_ptr_array_add (m->settings, g_strdup ("study=golden.yaml"));
  g_ptr_array_add (m->settings, g_strdup ("index.draws=10"));
  g_ptr_array_add (m->warnings, g_strdup ("a warning with \"quotes\""));
  g_ptr_array_add (m->outputs, g_strdup ("areas.csv"));
  g_ptr_array_add (m->outputs, g_strdup ("wards.gpkg"));
  m->seed = 42;
  g_autoptr (GError) error = NULL;
  g_assert_true (dxi_manifest_write (m, "manifest.json", &error));
  g_assert_no_error (error);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents ("manifest.json", &text, NULL, NULL));
  const char *names = "dxi|gdal|glib|libyaml|libxlsxwriter|cairo|pango";
  g_autofree char *pattern = g_strdup_printf ("(\"(%s)\" : )\"[^\"]*\"", names);
  g_autoptr (GRegex) versions = g_regex_new (pattern, 0, 0, NULL);
  g_autofree char *plain = g_regex_replace (versions, text, -1, 0, "\\1\"*\"", 0, NULL);
  g_assert_true (g_file_set_contents ("manifest-plain.json", plain, -1, NULL));
  g_autofree char *path = g_build_filename (fx->dir, "manifest-plain.json", NULL);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  check_golden (path, "manifest.json");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  GDALAllRegister ();
  g_test_add ("/golden/areas-csv", fixture, NULL, fixture_set_up, test_areas_csv,
              fixture_tear_down);
  g_test_add ("/golden/fields-csv", fixture, NULL, fixture_set_up, test_fields_csv,
              fixture_tear_down);
  g_test_add ("/golden/layers", fixture, NULL, fixture_set_up, test_layers, fixture_tear_down);
  g_test_add ("/golden/manifest", fixture, NULL, fixture_set_up, test_manifest, fixture_tear_down);
  return g_test_run ();
}
