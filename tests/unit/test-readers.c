/* Bad input to the readers: numeric codes and names (read as text, not
 * through a freed buffer), empty and header-only CSVs, names that are not
 * UTF-8, invalid polygons, a CRS that does not fit the coordinates, negative
 * counts, and a fractional targeting decile in a scenario. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "config/scenario.h"
#include "core/error.h"
#include "core/ydoc.h"
#include "table-spec.h"
#include "inputs/boundaries.h"
#include "inputs/delimited.h"
#include "inputs/table.h"

#define FIXTURES DXI_SOURCE_DIR "/tests/fixtures/readers"
#define WARDS DXI_SOURCE_DIR "/tests/fixtures/areas/three_wards.geojson"

static gboolean
has (const GError *error, const char *text)
{
  if (error == NULL)
    {
      g_test_message ("no error, expected one with '%s'", text);
      return FALSE;
    }
  if (strstr (error->message, text) == NULL)
    {
      g_test_message ("'%s' lacks '%s'", error->message, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run (const char *command)
{
  int status = -1;
  gboolean ok = g_spawn_command_line_sync (command, NULL, NULL, &status, NULL)
                && g_spawn_check_wait_status (status, NULL);
  if (!ok)
    g_test_message ("failed: %s", command);
  return ok;
}

static void
remove_dir (const char *dir)
{
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  run (rm);
}

/* A table definition in YAML, as if written in DIR/spec.yaml. */
static dxi_table_spec *
spec_from (const char *dir, const char *yaml)
{
  g_autofree char *name = g_build_filename (dir, "spec.yaml", NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string (name, yaml, -1, NULL);
  g_assert_nonnull (doc);
  g_autoptr (GError) error = NULL;
  dxi_table_spec *spec = doc ? table_spec_from_yaml (doc->root, NULL, &error) : NULL;
  g_assert_no_error (error);
  return spec;
}

static dxi_frame *
read_table (const char *dir, const char *yaml, GError **error)
{
  g_autoptr (dxi_table_spec) spec = spec_from (dir, yaml);
  return spec ? dxi_table_read (spec, NULL, error) : NULL;
}

/* GeoJSON numbers as codes and names: "123", never a freed buffer's text. */
static void
test_numeric_codes_boundaries (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) a = dxi_boundaries_read (FIXTURES "/numeric_codes.geojson", NULL,
                                                      "area_code", "area_name", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  if (a == NULL)
    return;
  g_assert_cmpuint (dxi_boundaries_len (a), ==, 2);
  g_assert_cmpstr (dxi_frame_code (a->frame, 0), ==, "123");
  g_assert_cmpstr (dxi_frame_name (a->frame, 0), ==, "456");
  g_assert_cmpstr (dxi_frame_code (a->frame, 1), ==, "124");
  g_assert_cmpstr (dxi_frame_name (a->frame, 1), ==, "457");
}

/* The same in an OGR table: XLSX, ODS and GeoPackage with integer columns. */
static void
test_numeric_codes_ogr_table (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dxi-readers-XXXXXX", NULL);
  const char *formats[][2] = { { "XLSX", "t.xlsx" }, { "ODS", "t.ods" }, { "GPKG", "t.gpkg" } };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, formats[i][1], NULL);
      g_autofree char *cmd = g_strdup_printf ("ogr2ogr -f %s -oo AUTODETECT_TYPE=YES '%s' '%s'",
                                              formats[i][0], path, FIXTURES "/numeric_table.csv");
      g_assert_true (run (cmd));
      g_autofree char *yaml = g_strdup_printf (
          "file: %s\ncode_column: area_code\nname_column: area_name\n", formats[i][1]);
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_frame) f = read_table (dir, yaml, &error);
      g_assert_no_error (error);
      if (f == NULL)
        continue;
      g_assert_cmpuint (dxi_frame_n_rows (f), ==, 2);
      g_assert_cmpstr (dxi_frame_code (f, 0), ==, "123");
      g_assert_cmpstr (dxi_frame_name (f, 0), ==, "456");
      g_assert_cmpstr (dxi_frame_code (f, 1), ==, "124");
      g_assert_cmpstr (dxi_frame_name (f, 1), ==, "457");
      g_assert_cmpint (dxi_frame_find_column (f, "households"), ==, 0);
      g_assert_cmpfloat (dxi_frame_get (f, 1, 0), ==, 20);
    }
  remove_dir (dir);
}

/* A zero-byte file: no rows and no arithmetic on its NULL mapping. */
static void
test_empty_csv (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_delimited) csv = dxi_delimited_open (FIXTURES "/empty.csv", &error);
  g_assert_no_error (error);
  g_assert_nonnull (csv);
  char **fields;
  guint n, line;
  g_assert_false (csv && dxi_delimited_next (csv, &fields, &n, &line));
  g_assert_true (csv && dxi_delimited_finish (csv, &error));
  struct
  {
    const char *yaml, *message;
  } cases[] = {
    { "file: empty.csv\ncode_column: lsoa\n", "empty.csv': the file is empty" },
    { "file: empty.csv\nshape: long\ncode_column: c\ncategory_column: k\nvalue_column: v\n",
      "empty.csv': the file is empty" },
    { "file: empty.csv\nshape: nomis\n", "empty.csv': no rows of the form" },
    { "file: blank_lines.csv\ncode_column: lsoa\n", "blank_lines.csv': the file is empty" },
    { "file: header_only.csv\ncode_column: lsoa\n",
      "header_only.csv': the table has a header but no rows" },
    { "file: header_only.csv\nshape: long\ncode_column: lsoa\ncategory_column: lsoa\n"
      "value_column: overall_local_score\n",
      "header_only.csv': the table has a header but no rows" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (dxi_frame) f = read_table (FIXTURES, cases[i].yaml, &e);
      g_assert_null (f);
      g_assert_error (e, DXI_ERROR, DXI_ERROR_DATA);
      g_assert_true (has (e, cases[i].message));
    }
}

/* A GeoPackage table with its columns and no features is refused as a header-only CSV is. */
static void
test_header_only_ogr_table (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dxi-readers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.gpkg", NULL);
  g_autofree char *cmd
      = g_strdup_printf ("ogr2ogr -f GPKG '%s' '%s'", path, FIXTURES "/header_only.csv");
  g_assert_true (run (cmd));
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_table (dir, "file: t.gpkg\ncode_column: lsoa\n", &error);
  g_assert_null (f);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_true (has (error, "t.gpkg': the table has a header but no rows"));
  remove_dir (dir);
}

static void
test_not_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_boundaries_read (FIXTURES "/latin1_name.geojson", NULL, "area_code",
                                      "area_name", &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_true (has (error, "latin1_name.geojson': feature 2: 'area_name' is not valid UTF-8"));
}

/* A bow tie is repaired into its two triangles (500,000 m2) and listed. */
static void
test_invalid_polygon (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) a
      = dxi_boundaries_read (FIXTURES "/bowtie.geojson", NULL, "area_code", "area_name", &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  if (a == NULL)
    return;
  g_assert_cmpuint (a->repaired->len, ==, 1);
  g_assert_cmpstr (a->repaired->len ? a->repaired->pdata[0] : NULL, ==, "E05000002");
  OGRGeometryH g = a->geoms->pdata[1];
  g_assert_true (OGR_G_IsValid (g));
  g_assert_cmpfloat_with_epsilon (OGR_G_Area (g), 500000, 1e-3);
  g_assert_cmpfloat_with_epsilon (OGR_G_Area (a->geoms->pdata[0]), 1e6, 1e-3);
  /* The valid wards are left as they are. */
  g_autoptr (dxi_boundaries) w
      = dxi_boundaries_read (WARDS, NULL, "area_code", "area_name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w ? w->repaired->len : 99, ==, 0);
}

/* Coordinates that do not fit the CRS are reported when the file is read. */
static void
test_wrong_crs (void)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (
      dxi_boundaries_read (FIXTURES "/bng_no_crs.geojson", NULL, "area_code", NULL, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_true (
      has (error,
           "bng_no_crs.geojson': coordinates (x 370000 to 372000, y 390000 to 391000) do not fit "
           "EPSG:4326 (WGS 84): they are not longitude/latitude degrees; wrong or missing .prj?"));
  g_clear_error (&error);
  g_autofree char *dir = g_dir_make_tmp ("dxi-readers-XXXXXX", NULL);
  /* Longitude and latitude under a .prj of British National Grid. */
  g_autofree char *deg = g_build_filename (dir, "degrees.shp", NULL);
  g_autofree char *cmd1
      = g_strdup_printf ("ogr2ogr -f 'ESRI Shapefile' -a_srs EPSG:27700 '%s' '%s'", deg, WARDS);
  g_assert_true (run (cmd1));
  g_assert_null (dxi_boundaries_read (deg, NULL, "area_code", NULL, &error));
  g_assert_true (has (error, "degrees.shp': coordinates (x -2.4"));
  g_assert_true (has (error,
                      "do not fit EPSG:27700 (OSGB36 / British National Grid): they look like "
                      "longitude/latitude degrees; wrong or missing .prj?"));
  g_clear_error (&error);
  /* Web Mercator metres under a .prj of British National Grid. */
  g_autofree char *merc = g_build_filename (dir, "mercator.gpkg", NULL);
  g_autofree char *merc_shp = g_build_filename (dir, "mercator.shp", NULL);
  g_autofree char *cmd2
      = g_strdup_printf ("ogr2ogr -f GPKG -t_srs EPSG:3857 '%s' '%s'", merc, WARDS);
  g_autofree char *cmd3
      = g_strdup_printf ("ogr2ogr -f 'ESRI Shapefile' -a_srs EPSG:27700 '%s' '%s'", merc_shp, merc);
  g_assert_true (run (cmd2) && run (cmd3));
  g_assert_null (dxi_boundaries_read (merc_shp, NULL, "area_code", NULL, &error));
  g_assert_true (has (
      error, "do not fit EPSG:27700 (OSGB36 / British National Grid): they lie outside the area it "
             "is used for"));
  g_clear_error (&error);
  /* The same wards in their right CRS read fine. */
  g_autoptr (dxi_boundaries) ok = dxi_boundaries_read (merc, NULL, "area_code", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_autoptr (dxi_boundaries) squares
      = dxi_boundaries_read (FIXTURES "/bowtie.geojson", NULL, "area_code", NULL, &error);
  g_assert_no_error (error);
  remove_dir (dir);
}

/* Counts cannot be negative; other values (a score) can. */
static void
test_negative_counts (void)
{
  g_autoptr (GError) error = NULL;
  const char *long_yaml = "file: negative_count_long.csv\nshape: long\ncode_column: area_code\n"
                          "category_column: indicator\nvalue_column: value\n";
  g_autoptr (dxi_table_spec) lg = spec_from (FIXTURES, long_yaml);
  g_autoptr (dxi_frame) scores = dxi_table_read (lg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scores);
  lg->all_counts = TRUE;
  g_assert_null (dxi_table_read (lg, NULL, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_true (
      has (error, "negative_count_long.csv:3:3: negative count '-3' in column 'value' for category "
                  "'Aged 5 to 9 years' (counts are 0 or more)"));
  g_clear_error (&error);
  lg->all_counts = FALSE;
  lg->counts = g_strsplit ("Aged 4 years and under", ",", -1);
  g_autoptr (dxi_frame) other = dxi_table_read (lg, NULL, &error);
  g_assert_no_error (error);

  g_autoptr (dxi_table_spec) wide
      = spec_from (FIXTURES, "file: negative_wide.csv\ncode_column: lsoa\n");
  wide->counts = g_strsplit ("households", ",", -1);
  g_assert_null (dxi_table_read (wide, NULL, &error));
  g_assert_true (has (
      error,
      "negative_wide.csv:3:3: negative count '-7' in column 'households' (counts are 0 or more)"));
  g_clear_error (&error);
  g_strfreev (wide->counts);
  wide->counts = g_strsplit ("health_score", ",", -1);
  g_assert_null (dxi_table_read (wide, NULL, &error));
  g_assert_true (
      has (error, "negative_wide.csv:2:2: negative count '-1.25' in column 'health_score'"));
  g_clear_error (&error);
  g_strfreev (wide->counts);
  wide->counts = NULL;
  g_autoptr (dxi_frame) w = dxi_table_read (wide, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (w ? dxi_frame_get (w, 0, 0) : NAN, ==, -1.25);
}

/* The Trafford champions scenario with FROM replaced by TO (once), read
 * as if it were scenarios/trafford/scenario.yaml. */
static dxi_scenario *
champions_with (const char *from, const char *to, GError **error)
{
  g_autofree char *text = NULL, *lib_text = NULL;
  g_assert_true (
      g_file_get_contents (DXI_SOURCE_DIR "/scenarios/trafford/champions.yaml", &text, NULL, NULL));
  g_assert_true (
      g_file_get_contents (DXI_SOURCE_DIR "/scenarios/benefits.yaml", &lib_text, NULL, NULL));
  GString *edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("scenario.yaml", edited->str, -1, NULL);
  g_autoptr (dxi_ydoc) lib
      = dxi_ydoc_load_string (DXI_SOURCE_DIR "/scenarios/benefits.yaml", lib_text, -1, NULL);
  g_string_free (edited, TRUE);
  g_assert_nonnull (doc);
  g_assert_nonnull (lib);
  return doc && lib ? dxi_scenario_from_yaml (doc, lib, error) : NULL;
}

/* Line of the first "targeting: {top_percent: 30}" in champions.yaml. */
static guint
targeting_line (void)
{
  g_autofree char *text = NULL;
  g_assert_true (
      g_file_get_contents (DXI_SOURCE_DIR "/scenarios/trafford/champions.yaml", &text, NULL, NULL));
  const char *at = text ? strstr (text, "targeting: {top_percent: 30}") : NULL;
  guint line = 1;
  for (const char *c = text; at && c < at; c++)
    line += *c == '\n';
  return line;
}

/* One error at the decile, not an error set over another (a GLib warning). */
static void
test_fractional_decile (void)
{
  g_autoptr (GError) error = NULL;
  const char *from = "targeting: {top_percent: 30}";
  g_autoptr (dxi_scenario) good = champions_with (from, "targeting: {deciles: [1, 10]}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);
  /* The second decile starts at column 30 of "    targeting: {deciles: [1, X]}". */
  g_autofree char *where = g_strdup_printf ("scenario.yaml:%u:30: ", targeting_line ());
  const char *bad[][2] = {
    { "1.5", "deciles are whole numbers from 1 (most excluded) to 10, found '1.5'" },
    { "0", "deciles are whole numbers from 1 (most excluded) to 10, found '0'" },
    { "11", "deciles are whole numbers from 1 (most excluded) to 10, found '11'" },
    { "ten", "deciles are whole numbers from 1 (most excluded) to 10, found 'ten'" },
    { "[2]", "expected a whole number, found a list" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autofree char *to = g_strdup_printf ("targeting: {deciles: [1, %s]}", bad[i][0]);
      g_autoptr (dxi_scenario) sc = champions_with (from, to, &e);
      g_assert_null (sc);
      g_assert_error (e, DXI_ERROR, DXI_ERROR_CONFIG);
      g_autofree char *message = g_strconcat (where, bad[i][1], NULL);
      g_assert_true (has (e, message));
    }
}

/* Monte Carlo draws and seed of a scenario are held to their limits. */
static void
test_scenario_limits (void)
{
  const char *bad[][2] = {
    { "{draws: 10000001}", "'draws' must be between 0 and 10000000" },
    { "{draws: -1}", "'draws' must be between 0 and 10000000" },
    { "{seed: -1}", "'seed' must be between 0 and 4294967295" },
    { "{seed: 4294967296}", "'seed' must be between 0 and 4294967295" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autofree char *to = g_strdup_printf ("monte_carlo: %s", bad[i][0]);
      g_autoptr (dxi_scenario) sc
          = champions_with ("monte_carlo: {draws: 10000, seed: 2025}", to, &e);
      g_assert_null (sc);
      g_assert_error (e, DXI_ERROR, DXI_ERROR_CONFIG);
      g_assert_true (has (e, "scenario.yaml:"));
      g_assert_true (has (e, bad[i][1]));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/readers/boundaries/numeric-codes", test_numeric_codes_boundaries);
  g_test_add_func ("/readers/ogr-table/numeric-codes", test_numeric_codes_ogr_table);
  g_test_add_func ("/readers/csv/empty-and-header-only", test_empty_csv);
  g_test_add_func ("/readers/ogr-table/header-only", test_header_only_ogr_table);
  g_test_add_func ("/readers/boundaries/not-utf8", test_not_utf8);
  g_test_add_func ("/readers/boundaries/invalid-polygon", test_invalid_polygon);
  g_test_add_func ("/readers/boundaries/wrong-crs", test_wrong_crs);
  g_test_add_func ("/readers/tables/negative-counts", test_negative_counts);
  g_test_add_func ("/readers/scenario/fractional-decile", test_fractional_decile);
  g_test_add_func ("/readers/scenario/monte-carlo-limits", test_scenario_limits);
  return g_test_run ();
}
