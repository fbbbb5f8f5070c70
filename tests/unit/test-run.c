/* The pipeline as a library (run/run.h), on the bundled Trafford study: what
 * a run returns and what it writes (the manifest lists exactly the folder's
 * files), progress through the caller's GDALProgressFunc, the reference
 * study of `reference: dataset`, and a bad scenario coming back as a GError
 * at file:line:col with nothing written.  Counts are checked against the
 * boundary file read through OGR, not against dxi's outputs. */
#include <gdal.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/progress.h"
#include "inputs/reference.h"
#include "run/run.h"
#include "writers/outdir.h"

#define TRAFFORD DXI_SOURCE_DIR "/scenarios/trafford"

/* Features in the first layer of the vector file PATH, counted by OGR. */
static int
count_features (const char *path)
{
  GDALAllRegister ();
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  int n = (int) OGR_L_GetFeatureCount (GDALDatasetGetLayer (ds, 0), TRUE);
  GDALClose (ds);
  return n;
}

static int
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in folder DIR, sorted, without manifest.json. */
static GPtrArray *
folder_files (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    if (!g_str_equal (name, "manifest.json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, by_name);
  return names;
}

/* The "outputs" of DIR/manifest.json. */
static GPtrArray *
manifest_outputs (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonArray *outputs = json_object_get_array_member (root, "outputs");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (outputs); i++)
    g_ptr_array_add (names, g_strdup (json_array_get_string_element (outputs, i)));
  return names;
}

static void
assert_same_names (const GPtrArray *a, const GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len && i < b->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
}

static gboolean
has_name (const GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return TRUE;
  return FALSE;
}

/* What the progress function was told: each file's name once, in order,
 * and whether each reached 1. */
typedef struct
{
  GPtrArray *labels;
  guint finished;
  gboolean backwards;
  double last;
} progress_log;

static int CPL_STDCALL
log_progress (double done, const char *message, void *data)
{
  progress_log *log = data;
  const char *last = log->labels->len ? log->labels->pdata[log->labels->len - 1] : NULL;
  if (last == NULL || !g_str_equal (last, message))
    g_ptr_array_add (log->labels, g_strdup (message)), log->last = 0;
  if (done < log->last)
    log->backwards = TRUE;
  log->last = done;
  log->finished += done >= 1.0;
  return TRUE;
}

static void
test_index_run (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("dxi-test-run-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  progress_log log = { .labels = g_ptr_array_new_with_free_func (g_free) };
  dxi_run_options options
      = { .seed = -1, .draws = 64, .progress = log_progress, .progress_data = &log };
  char *files[] = { (char *) TRAFFORD "/study.yaml", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) run = dxi_run_files (files, dir, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  const dxi_run_result *r = dxi_run_get_result (run);
  g_assert_cmpstr (r->title, ==, "Digital exclusion risk in Trafford, by ward (wards 2023)");
  g_assert_cmpstr (r->preset, ==, "deri");
  g_assert_cmpstr (r->folder, ==, dir);
  g_assert_cmpstr (r->appraisal_summary, ==, "");
  g_assert_cmpint (r->price_base_year, ==, 0);
  /* One row per ward of the boundary file, each rank 1..21 once. */
  int wards = count_features (DXI_SOURCE_DIR "/data/trafford/boundaries/wards_2023.geojson");
  g_assert_cmpint (wards, ==, 21);
  g_assert_cmpuint (dxi_frame_n_rows (r->table), ==, (guint) wards);
  gint rank = dxi_frame_find_column (r->table, "index_rank");
  g_assert_cmpint (rank, >=, 0);
  g_autofree gboolean *seen = g_new0 (gboolean, wards + 1);
  for (guint i = 0; rank >= 0 && i < dxi_frame_n_rows (r->table); i++)
    {
      double v = dxi_frame_get (r->table, i, (guint) rank);
      g_assert_true (v >= 1 && v <= wards && !seen[(int) v]);
      if (v >= 1 && v <= wards)
        seen[(int) v] = TRUE;
    }
  /* What it says it wrote is what the folder holds and the manifest lists. */
  g_autoptr (GPtrArray) in_folder = folder_files (dir);
  g_autoptr (GPtrArray) listed = manifest_outputs (dir);
  assert_same_names (r->outputs, in_folder);
  assert_same_names (listed, in_folder);
  const char *expected[]
      = { "areas.csv", "coverage.txt", "diagnostics.txt", "index.tif", "decile.tif",
          "map.png",   "map.pdf",      "wards.gpkg",      "wards.shp" };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (has_name (r->outputs, expected[i]));
  g_assert_false (has_name (r->outputs, "appraisal.csv"));
  /* Progress: index.tif then decile.tif, each to the end and never back. */
  g_assert_cmpuint (log.labels->len, ==, 2);
  if (log.labels->len == 2)
    {
      g_assert_cmpstr (log.labels->pdata[0], ==, "index.tif");
      g_assert_cmpstr (log.labels->pdata[1], ==, "decile.tif");
    }
  g_assert_cmpuint (log.finished, >=, 2);
  g_assert_false (log.backwards);
  g_ptr_array_unref (log.labels);
  g_autoptr (GError) cleanup = NULL;
  g_assert_true (dxi_outdir_remove_tree (tmp, &cleanup));
}

/* One scenario: its figures per area, its tables and one business case. */
static void
test_scenario_run (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("dxi-test-run-XXXXXX", NULL);
  dxi_run_options options = { .seed = -1, .draws = 64, .appraise = TRUE };
  char *files[] = { (char *) TRAFFORD "/champions.yaml", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) run = dxi_run_files (files, tmp, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  const dxi_run_result *r = dxi_run_get_result (run);
  /* champions.yaml: price_base_year 2024. */
  g_assert_cmpint (r->price_base_year, ==, 2024);
  g_assert_cmpstr (r->appraisal_summary, !=, "");
  g_assert_cmpint (dxi_frame_find_column (r->table, "champions_reached"), >=, 0);
  g_assert_cmpint (dxi_frame_find_column (r->table, "champions_pv_benefit"), >=, 0);
  const char *expected[] = { "appraisal.csv", "compare.csv", "optimise.csv", "business_case.xlsx" };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (has_name (r->outputs, expected[i]));
  /* compare.xlsx only for two scenarios or more. */
  g_assert_false (has_name (r->outputs, "compare.xlsx"));
  /* The scenario's figures per area are fields of the GeoPackage's layer. */
  g_autofree char *gpkg = g_build_filename (tmp, "wards.gpkg", NULL);
  GDALDatasetH ds = GDALOpenEx (gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  OGRLayerH layer = ds ? GDALDatasetGetLayerByName (ds, "wards") : NULL;
  g_assert_nonnull (layer);
  const char *fields[] = { "champions_reached", "champions_helped", "champions_pv_benefit" };
  for (guint i = 0; layer && i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), fields[i]), >=, 0);
  if (ds)
    GDALClose (ds);
  g_autoptr (GPtrArray) in_folder = folder_files (tmp);
  assert_same_names (r->outputs, in_folder);
  g_autoptr (GError) cleanup = NULL;
  g_assert_true (dxi_outdir_remove_tree (tmp, &cleanup));
}

/* TEXT with every FROM replaced by TO (caller frees). */
static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

/* champions.yaml in DIR with absolute paths and the key horizon_years
 * misspelt on its line 13 (column 3). */
static char *
bad_scenario (const char *dir)
{
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (TRAFFORD "/champions.yaml", &text, NULL, NULL));
  g_autofree char *a = replace (text, "study: study.yaml", "study: " TRAFFORD "/study.yaml");
  g_autofree char *b = replace (a, "benefits: ../benefits.yaml",
                                "benefits: " DXI_SOURCE_DIR "/scenarios/benefits.yaml");
  g_autofree char *c = replace (b, "  horizon_years: 10", "  horizon_yeras: 10");
  g_auto (GStrv) lines = g_strsplit (c, "\n", -1);
  g_assert_cmpstr (lines[12], ==, "  horizon_yeras: 10");
  char *path = g_build_filename (dir, "bad.yaml", NULL);
  g_assert_true (g_file_set_contents (path, c, -1, NULL));
  return path;
}

static void
test_bad_scenario (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("dxi-test-run-XXXXXX", NULL);
  g_autofree char *scenario = bad_scenario (tmp);
  g_autofree char *dir = g_build_filename (tmp, "out", NULL);
  dxi_run_options options = { .seed = -1, .draws = -1, .appraise = TRUE };
  char *files[] = { scenario, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) run = dxi_run_files (files, dir, &options, &error);
  g_assert_null (run);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
  g_autofree char *where = g_strdup_printf ("%s:13:3: unknown key 'horizon_yeras'", scenario);
  g_assert_true (error && g_str_has_prefix (error->message, where));
  /* Nothing written: the folder holds the scenario only. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_autoptr (GPtrArray) left = folder_files (tmp);
  g_assert_cmpuint (left->len, ==, 1);
  g_autoptr (GError) cleanup = NULL;
  g_assert_true (dxi_outdir_remove_tree (tmp, &cleanup));
}

/* A folder of the user's own is refused before any work, named, and left
 * as it was. */
static void
test_foreign_folder (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("dxi-test-run-XXXXXX", NULL);
  g_autofree char *notes = g_build_filename (tmp, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (notes, "precious\n", -1, NULL));
  dxi_run_options options = { .seed = -1, .draws = -1 };
  char *files[] = { (char *) TRAFFORD "/study.yaml", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) run = dxi_run_files (files, tmp, &options, &error);
  g_assert_null (run);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_IO);
  g_autofree char *want = g_strdup_printf ("'%s' already exists and was not written by dxi", tmp);
  g_assert_true (error && g_str_has_prefix (error->message, want));
  g_autoptr (GPtrArray) left = folder_files (tmp);
  g_assert_cmpuint (left->len, ==, 1);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (notes, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "precious\n");
  g_autoptr (GError) cleanup = NULL;
  g_assert_true (dxi_outdir_remove_tree (tmp, &cleanup));
}

/* The stages one by one, as dxi check calls them: the coverage report
 * without outputs. */
static void
test_stages (void)
{
  dxi_run_options options = { .seed = -1, .draws = -1 };
  char *files[] = { (char *) TRAFFORD "/study.yaml", (char *) TRAFFORD "/study.yaml", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) twice = dxi_run_new (files, &options, &error);
  g_assert_null (twice);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_USAGE);
  g_clear_error (&error);
  files[1] = NULL;
  g_autoptr (dxi_run) run = dxi_run_new (files, &options, &error);
  g_assert_no_error (error);
  const dxi_run_result *r = dxi_run_get_result (run);
  g_assert_null (r->table);
  g_assert_true (dxi_run_inputs (run, &error));
  g_assert_no_error (error);
  g_assert_nonnull (r->table);
  g_assert_cmpuint (dxi_frame_n_rows (r->table), ==, 21);
  g_assert_cmpint (dxi_frame_find_column (r->table, "index_score"), <, 0);
  g_assert_cmpstr (r->coverage, !=, "");
  g_assert_null (r->folder);
}

/* The LSOAs of Trafford as the reference of the ward study, named relative
 * to the study's folder: one row per LSOA of the boundary file, one column
 * per indicator of the ward study. */
static void
test_reference (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_study) study = dxi_study_load (TRAFFORD "/study.yaml", &error);
  g_assert_no_error (error);
  g_autoptr (dxi_reference) ref = dxi_reference_read (study, "study_lsoa.yaml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ref);
  g_autoptr (dxi_study) lsoa = dxi_study_load (TRAFFORD "/study_lsoa.yaml", &error);
  g_assert_no_error (error);
  g_autofree char *boundaries = g_canonicalize_filename (lsoa->areas_file, NULL);
  g_assert_cmpuint (ref->n_areas, ==, (guint) count_features (boundaries));
  g_assert_cmpuint (ref->n_ind, ==, study->indicators->len);
  g_assert_cmpstr (ref->path, ==, TRAFFORD "/study_lsoa.yaml");
  g_autoptr (dxi_reference) missing = dxi_reference_read (study, "no_such_study.yaml", &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_assert_true (error
                 && g_str_has_prefix (error->message,
                                      "index reference study '" TRAFFORD "/no_such_study.yaml': "));
}

/* The bar at 0%, 50% and 100%, drawn by hand: 24 columns of label, 30 of bar. */
static void
test_progress_bar (void)
{
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&text, &len);
  dxi_progress_bar bar;
  dxi_progress_bar_init (&bar, out);
  dxi_progress_bar_update (0.5, "index.tif", &bar);
  dxi_progress_bar_update (0.501, "index.tif", &bar); /* still 50%: not drawn again */
  dxi_progress_bar_update (1.0, "index.tif", &bar);
  dxi_progress_bar_update (0.0, "decile.tif", &bar);
  fclose (out);
  const char *want = "\rindex.tif                [###############               ]  50%"
                     "\rindex.tif                [##############################] 100%\n"
                     "\rdecile.tif               [                              ]   0%";
  g_assert_cmpstr (text, ==, want);
  free (text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/run/index", test_index_run);
  g_test_add_func ("/run/scenario", test_scenario_run);
  g_test_add_func ("/run/bad-scenario", test_bad_scenario);
  g_test_add_func ("/run/foreign-folder", test_foreign_folder);
  g_test_add_func ("/run/stages", test_stages);
  g_test_add_func ("/run/reference", test_reference);
  g_test_add_func ("/run/progress-bar", test_progress_bar);
  return g_test_run ();
}
