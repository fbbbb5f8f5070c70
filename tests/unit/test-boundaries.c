/* Target areas from GeoJSON, shapefile and GeoPackage (the same three real
 * Trafford wards, converted with ogr2ogr at test time), and their errors. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/error.h"
#include "inputs/boundaries.h"

#define WARDS DXI_SOURCE_DIR "/tests/fixtures/areas/three_wards.geojson"

static void
check_three (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) a = dxi_boundaries_read (path, NULL, "area_code", "area_name", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  if (a == NULL)
    return;
  g_assert_cmpuint (dxi_boundaries_len (a), ==, 3);
  gint row = dxi_frame_find_row (a->frame, "E05000824");
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpstr (dxi_frame_name (a->frame, (guint) row), ==, "Bucklow-St Martins");
  g_assert_true (dxi_boundaries_transform (a, "EPSG:27700", &error));
  OGREnvelope e;
  g_assert_true (dxi_boundaries_extent (a, &e));
  /* Trafford lies around easting 370,000-380,000, northing 385,000-395,000. */
  g_assert_cmpfloat (e.MinX, >, 360000);
  g_assert_cmpfloat (e.MaxX, <, 385000);
  g_assert_cmpfloat (e.MinY, >, 380000);
  g_assert_cmpfloat (e.MaxY, <, 400000);
}

static void
test_formats (void)
{
  check_three (WARDS);
  g_autofree char *dir = g_dir_make_tmp ("dxi-areas-XXXXXX", NULL);
  const char *formats[][2] = { { "ESRI Shapefile", "wards.shp" }, { "GPKG", "wards.gpkg" } };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, formats[i][1], NULL);
      g_autofree char *cmd
          = g_strdup_printf ("ogr2ogr -f '%s' '%s' '%s'", formats[i][0], path, WARDS);
      int status = -1;
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      check_three (path);
    }
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

static void
test_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_boundaries_read (WARDS, NULL, "wd22cd", NULL, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_nonnull (strstr (error->message,
                            "no field 'wd22cd' (fields: 'area_code', 'area_name', 'lat', 'lon')"));
  g_clear_error (&error);
  g_assert_null (dxi_boundaries_read (DXI_SOURCE_DIR "/tests/fixtures/areas/none.geojson", NULL,
                                      "area_code", NULL, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_IO);
  g_clear_error (&error);
  /* A duplicated code: the file written twice over. */
  g_autofree char *dir = g_dir_make_tmp ("dxi-areas-XXXXXX", NULL);
  g_autofree char *dup = g_build_filename (dir, "dup.gpkg", NULL);
  g_autofree char *cmd1 = g_strdup_printf ("ogr2ogr -f GPKG -nln w '%s' '%s'", dup, WARDS);
  g_autofree char *cmd2 = g_strdup_printf ("ogr2ogr -append -nln w '%s' '%s'", dup, WARDS);
  g_assert_true (g_spawn_command_line_sync (cmd1, NULL, NULL, NULL, NULL));
  g_assert_true (g_spawn_command_line_sync (cmd2, NULL, NULL, NULL, NULL));
  g_assert_null (dxi_boundaries_read (dup, NULL, "area_code", NULL, &error));
  g_assert_nonnull (error && strstr (error->message, "appears twice (features 1 and 4)") ? error
                                                                                         : NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

/* A shapefile without its .prj has no CRS: an error, never a guess. */
static void
test_no_crs (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dxi-areas-XXXXXX", NULL);
  g_autofree char *shp = g_build_filename (dir, "wards.shp", NULL);
  g_autofree char *prj = g_build_filename (dir, "wards.prj", NULL);
  g_autofree char *cmd = g_strdup_printf ("ogr2ogr -f 'ESRI Shapefile' '%s' '%s'", shp, WARDS);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_assert_cmpint (g_unlink (prj), ==, 0);
  g_assert_null (dxi_boundaries_read (shp, NULL, "area_code", "area_name", &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_nonnull (error && strstr (error->message, "wards.shp': no coordinate reference system")
                        ? error
                        : NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

/* A CSV of codes and names (no geometry field) is a table of areas: codes
 * and names in file order, no geometry or CRS, and a transform names why it
 * cannot be drawn. */
static void
test_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dxi-areas-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "areas.csv", NULL);
  const char *text = "\xef\xbb\xbfLSOA code,LSOA name,Total population\r\n"
                     "E01004772,Bolton 005C,1855\r\n"
                     "E01004774,\"Bolton 005E, north\",1500\r\n";
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  g_autoptr (dxi_boundaries) a = dxi_boundaries_read (csv, NULL, "LSOA code", "LSOA name", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  if (a == NULL)
    return;
  g_assert_true (a->table);
  g_assert_null (a->srs);
  g_assert_cmpuint (dxi_boundaries_len (a), ==, 2);
  g_assert_cmpuint (a->geoms->len, ==, 0);
  g_assert_cmpstr (dxi_frame_code (a->frame, 1), ==, "E01004774");
  g_assert_cmpstr (dxi_frame_name (a->frame, 1), ==, "Bolton 005E, north");
  OGREnvelope e;
  g_assert_false (dxi_boundaries_extent (a, &e));
  g_assert_false (dxi_boundaries_transform (a, "EPSG:27700", &error));
  g_assert_nonnull (
      error && strstr (error->message, "areas.csv' is a table of areas with no geometry") ? error
                                                                                          : NULL);
  g_clear_error (&error);
  /* A duplicated code is still an error naming both rows. */
  g_assert_true (g_file_set_contents (csv, "code,name\nA,a\nA,b\n", -1, NULL));
  g_assert_null (dxi_boundaries_read (csv, NULL, "code", "name", &error));
  g_assert_nonnull (
      error && strstr (error->message, "code 'A' appears twice (features 1 and 2)") ? error : NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

/* Longitude is x whatever the CRS's axis order (WGS84 is lat, lon in EPSG). */
static void
test_axis_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) a
      = dxi_boundaries_read (WARDS, NULL, "area_code", "area_name", &error);
  g_assert_no_error (error);
  OGREnvelope e;
  g_assert_true (a && dxi_boundaries_extent (a, &e));
  if (a == NULL)
    return;
  /* Trafford lies near 2.3 degrees west, 53.4 north. */
  g_assert_cmpfloat (e.MinX, >, -2.6);
  g_assert_cmpfloat (e.MaxX, <, -2.2);
  g_assert_cmpfloat (e.MinY, >, 53.3);
  g_assert_cmpfloat (e.MaxY, <, 53.5);
  g_assert_cmpint (OSRGetAxisMappingStrategy (a->srs), ==, OAMS_TRADITIONAL_GIS_ORDER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/areas/geojson-shapefile-geopackage", test_formats);
  g_test_add_func ("/areas/errors", test_errors);
  g_test_add_func ("/areas/no-crs", test_no_crs);
  g_test_add_func ("/areas/axis-order", test_axis_order);
  g_test_add_func ("/areas/table", test_table);
  return g_test_run ();
}
