/* The writers' machinery: the area grid the rasters are filled from, checked
 * against cells worked out by hand; index.tif and decile.tif read back
 * through GDAL; and the jobs that run writers beside each other. */
#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "core/jobs.h"
#include "writers/raster.h"

/* A and B: rectangles [0,300]x[0,200] and [300,500]x[0,200]; C: the
 * triangle (0,200) (400,200) (0,400), whose cells have centres inside where
 * x/400 + (y-200)/200 < 1.  On a 100 m grid (5 x 4 cells, row 0 at the top)
 * the cells hold 1 (A), 2 (B), 3 (C) or 0 (outside). */
static const guint expected[4][5] = {
  { 3, 0, 0, 0, 0 },
  { 3, 3, 3, 0, 0 },
  { 1, 1, 1, 2, 2 },
  { 1, 1, 1, 2, 2 },
};

static dxi_boundaries *
three_areas (const char *dir)
{
  static const char *json
      = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
        "\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":["
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"a\"},\"geometry\":{"
        "\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[300,0],[300,200],[0,200],[0,0]]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"B\",\"name\":\"b\"},\"geometry\":{"
        "\"type\":\"Polygon\","
        "\"coordinates\":[[[300,0],[500,0],[500,200],[300,200],[300,0]]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"C\",\"name\":\"c\"},\"geometry\":{"
        "\"type\":\"Polygon\","
        "\"coordinates\":[[[0,200],[400,200],[0,400],[0,200]]]}}]}";
  g_autofree char *path = g_build_filename (dir, "areas.geojson", NULL);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_autoptr (GError) error = NULL;
  dxi_boundaries *areas = dxi_boundaries_read (path, NULL, "code", "name", &error);
  g_assert_no_error (error);
  g_unlink (path);
  return areas;
}

static void
test_area_grid (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dxi-test-writers-XXXXXX", NULL);
  g_autoptr (dxi_boundaries) areas = three_areas (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_area_grid) grid = dxi_area_grid_new (areas, 100, &error);
  g_assert_no_error (error);
  int nx, ny;
  dxi_area_grid_size (grid, &nx, &ny);
  g_assert_cmpint (nx, ==, 5);
  g_assert_cmpint (ny, ==, 4);
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 5; x++)
      g_assert_cmpuint (dxi_area_grid_get (grid, x, y), ==, expected[y][x]);
  g_rmdir (dir);
}

/* Band B of PATH at cell (X, Y). */
static double
cell (const char *path, int band, int x, int y)
{
  GDALDatasetH ds = GDALOpen (path, GA_ReadOnly);
  g_assert_nonnull (ds);
  double v = NAN;
  g_assert_cmpint (
      GDALRasterIO (GDALGetRasterBand (ds, band), GF_Read, x, y, 1, 1, &v, 1, 1, GDT_Float64, 0, 0),
      ==, CE_None);
  GDALClose (ds);
  return v;
}

static void
test_rasters (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dxi-test-writers-XXXXXX", NULL);
  g_autoptr (dxi_boundaries) areas = three_areas (dir);
  /* Values by area; C has no score (nodata) and no class (0). */
  g_autoptr (dxi_frame) table = dxi_frame_new ("test");
  guint score = dxi_frame_add_column (table, "index_score"),
        dom = dxi_frame_add_column (table, "dom_x");
  guint quintile = dxi_frame_add_column (table, "index_quintile");
  const double scores[] = { 7.25, 0.1, NAN }, doms[] = { -1.5, 1e6, 3 },
               classes_of[] = { 1, 5, NAN };
  const char *codes[] = { "C", "B", "A" };
  for (guint i = 0; i < 3; i++)
    {
      guint a = 2 - i; /* rows in another order than the areas */
      guint r = dxi_frame_add_row (table, codes[i], NULL);
      dxi_frame_set (table, r, score, scores[a]);
      dxi_frame_set (table, r, dom, doms[a]);
      dxi_frame_set (table, r, quintile, classes_of[a]);
    }
  g_auto (dxi_classes) classes = { 0 };
  dxi_classes_init (&classes, 3, "Test", NULL);
  g_assert_cmpstr (classes.column, ==, "index_quintile");
  const char *bands[] = { "index_score", "dom_x", NULL };
  g_autofree char *index_tif = g_build_filename (dir, "index.tif", NULL);
  g_autofree char *decile_tif = g_build_filename (dir, "decile.tif", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (dxi_raster_write (areas, table, bands, &classes, 100, NULL, index_tif, decile_tif,
                                   NULL, NULL, &error));
  g_assert_no_error (error);
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 5; x++)
      {
        guint k = expected[y][x];
        double want_score = k && !isnan (scores[k - 1]) ? (float) scores[k - 1] : DXI_RASTER_NODATA;
        double want_dom = k ? (float) doms[k - 1] : DXI_RASTER_NODATA;
        double want_class = k && !isnan (classes_of[k - 1]) ? classes_of[k - 1] : 0;
        g_assert_cmpfloat (cell (index_tif, 1, x, y), ==, want_score);
        g_assert_cmpfloat (cell (index_tif, 2, x, y), ==, want_dom);
        g_assert_cmpfloat (cell (decile_tif, 1, x, y), ==, want_class);
      }
  g_unlink (index_tif);
  g_unlink (decile_tif);
  g_rmdir (dir);
}

/* More areas than UInt16 holds: the grid's cells are Int32.  Area a is the
 * 100 m square at column a % 260, row a / 260 from the top. */
static void
test_many_areas (void)
{
  enum
  {
    COLS = 260,
    ROWS = 256,
    N = COLS * ROWS
  };
  g_autofree char *dir = g_dir_make_tmp ("dxi-test-writers-XXXXXX", NULL);
  g_autoptr (GString) json
      = g_string_new ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                      "{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[");
  for (guint a = 0; a < N; a++)
    {
      double x = 100.0 * (a % COLS), y = 100.0 * (ROWS - a / COLS);
      g_string_append_printf (
          json,
          "%s{\"type\":\"Feature\",\"properties\":{\"code\":\"Q%u\"},\"geometry\":{\"type\":"
          "\"Polygon\",\"coordinates\":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}",
          a ? "," : "", a, x, y - 100, x + 100, y - 100, x + 100, y, x, y, x, y - 100);
    }
  g_string_append (json, "]}");
  g_autofree char *path = g_build_filename (dir, "many.geojson", NULL);
  g_assert_true (g_file_set_contents (path, json->str, (gssize) json->len, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) areas = dxi_boundaries_read (path, NULL, "code", NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_autoptr (dxi_area_grid) grid = dxi_area_grid_new (areas, 100, &error);
  g_assert_no_error (error);
  const guint probes[] = { 0, 1, COLS, 65534, 65535, 65536, N - 1 };
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_assert_cmpuint (dxi_area_grid_get (grid, (int) (probes[i] % COLS), (int) (probes[i] / COLS)),
                      ==, probes[i] + 1);
  /* index.tif: the score of area a is a / 4 (exact in Float32). */
  g_autoptr (dxi_frame) table = dxi_frame_new ("test");
  guint score = dxi_frame_add_column (table, "index_score");
  for (guint a = 0; a < N; a++)
    {
      g_autofree char *code = g_strdup_printf ("Q%u", a);
      dxi_frame_set (table, dxi_frame_add_row (table, code, NULL), score, a / 4.0);
    }
  g_auto (dxi_classes) classes = { 0 };
  dxi_classes_init (&classes, N, "Test", NULL);
  const char *bands[] = { "index_score", NULL };
  g_autofree char *index_tif = g_build_filename (dir, "index.tif", NULL);
  g_autofree char *decile_tif = g_build_filename (dir, "decile.tif", NULL);
  g_assert_true (dxi_raster_write (areas, table, bands, &classes, 100, NULL, index_tif, decile_tif,
                                   NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    g_assert_cmpfloat (cell (index_tif, 1, (int) (probes[i] % COLS), (int) (probes[i] / COLS)), ==,
                       probes[i] / 4.0);
  g_unlink (index_tif);
  g_unlink (decile_tif);
  g_rmdir (dir);
}

/* A job that counts itself and fails when its data says so. */
typedef struct
{
  gint *ran;
  gint *freed;
  const char *fails;
} counted;

static gboolean
count_job (gpointer data, GError **error)
{
  counted *c = data;
  g_usleep (2000);
  g_atomic_int_inc (c->ran);
  if (c->fails)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, c->fails);
      return FALSE;
    }
  return TRUE;
}

static void
count_free (gpointer data)
{
  counted *c = data;
  g_atomic_int_inc (c->freed);
  g_free (c);
}

static void
run_jobs (guint threads)
{
  gint ran = 0, freed = 0;
  const char *fails[] = { NULL, "second", NULL, "fourth" };
  dxi_jobs *jobs = dxi_jobs_new (threads);
  for (guint i = 0; i < G_N_ELEMENTS (fails); i++)
    {
      counted *c = g_new0 (counted, 1);
      *c = (counted){ &ran, &freed, fails[i] };
      dxi_jobs_push (jobs, count_job, c, count_free);
    }
  g_autoptr (GError) error = NULL;
  g_assert_false (dxi_jobs_finish (jobs, &error));
  /* Every job ran and was freed; the first failure pushed is the one told. */
  g_assert_cmpint (ran, ==, 4);
  g_assert_cmpint (freed, ==, 4);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_cmpstr (error ? error->message : NULL, ==, "second");
}

static void
test_jobs (void)
{
  run_jobs (0);
  run_jobs (1);
  run_jobs (3);
  dxi_jobs *jobs = dxi_jobs_new (2);
  g_assert_true (dxi_jobs_finish (jobs, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  GDALAllRegister ();
  g_test_add_func ("/writers/area-grid", test_area_grid);
  g_test_add_func ("/writers/rasters", test_rasters);
  g_test_add_func ("/writers/many-areas", test_many_areas);
  g_test_add_func ("/writers/jobs", test_jobs);
  return g_test_run ();
}
