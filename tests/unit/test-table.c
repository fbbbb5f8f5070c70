/* Published tables: the error paths and cross-checks that test-tables.c does
 * not reach (wide-table errors, empty files, nearest-name suggestions, OGR
 * against the CSV tokenizer, published totals), on the same real samples. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "table-spec.h"
#include "inputs/table.h"

#define TABLES DXI_SOURCE_DIR "/tests/fixtures/tables"
#define NATIONAL "/work/shared/data/national/census2021"

/* Read the table that YAML describes, paths relative to DIR. */
static dxi_frame *
read_in (const char *dir, const char *yaml, guint *missing, GError **error)
{
  g_autofree char *name = g_build_filename (dir, "spec.yaml", NULL);
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string (name, yaml, -1, NULL);
  g_assert_nonnull (doc);
  if (doc == NULL)
    return NULL;
  g_autoptr (dxi_table_spec) spec = table_spec_from_yaml (doc->root, NULL, error);
  if (spec == NULL)
    return NULL;
  return dxi_table_read (spec, missing, error);
}

/* Reading YAML fails with a message containing MESSAGE. */
static void
assert_fails (const char *dir, const char *yaml, GQuark domain, int code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_in (dir, yaml, NULL, &error);
  g_assert_null (f);
  g_assert_error (error, domain, code);
  if (error && !strstr (error->message, message))
    g_test_message ("'%s' lacks '%s'", error->message, message);
  g_assert_true (error && strstr (error->message, message));
}

static double
value (const dxi_frame *f, const char *code, const char *column)
{
  gint r = dxi_frame_find_row (f, code), c = dxi_frame_find_column (f, column);
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpint (c, >=, 0);
  return r >= 0 && c >= 0 ? dxi_frame_get (f, (guint) r, (guint) c) : NAN;
}

static void
test_wide_not_a_number (void)
{
  /* The name column read as a number: row 2, column B of the sheet. */
  assert_fails (TABLES, "file: wide_ts007a_sample.csv\ncode_column: geography code\ncolumns: [geography]\n",
                DXI_ERROR, DXI_ERROR_DATA,
                TABLES "/wide_ts007a_sample.csv:2:2: not a number 'City of London 001A' in column 'geography' "
                       "(suppression markers c x - .. : and empty are read as missing; a dataset's own, such as "
                       "'#VALUE!', go under 'missing_markers')");
  /* The same through OGR: the XLSX's row 2, column B. */
  assert_fails (TABLES, "file: wide_ts007a_sample.xlsx\ncode_column: geography code\ncolumns: [geography]\n",
                DXI_ERROR, DXI_ERROR_DATA,
                TABLES "/wide_ts007a_sample.xlsx:2:2: not a number 'City of London 001A' in column 'geography'");
}

static void
test_wide_duplicate_code (void)
{
  /* Keyed on `date`, every row has the code 2021: rows 2 and 3 clash. */
  assert_fails (TABLES, "file: wide_ts007a_sample.csv\ncode_column: date\ncolumns: ['Age: Total']\n", DXI_ERROR,
                DXI_ERROR_DATA, TABLES "/wide_ts007a_sample.csv:3: area code '2021' appears twice (first at line 2)");
  assert_fails (TABLES, "file: wide_ts007a_sample.xlsx\ncode_column: date\ncolumns: ['Age: Total']\n", DXI_ERROR,
                DXI_ERROR_DATA, "wide_ts007a_sample.xlsx:3: area code '2021' appears twice (first at line 2)");
}

static void
test_empty_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dxi-table-XXXXXX", NULL);
  g_autofree char *header = NULL;
  g_assert_true (g_file_get_contents (TABLES "/wide_ts007a_sample.csv", &header, NULL, NULL));
  *strchr (header, '\n') = '\0';
  struct
  {
    const char *file, *contents, *message;
  } cases[] = {
    { "empty.csv", "", "empty.csv': the file is empty" },
    { "bom.csv", "\xEF\xBB\xBF", "bom.csv': the file is empty" },
    { "header.csv", header, "header.csv': the table has a header but no rows" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      g_autofree char *yaml = g_strdup_printf ("file: %s\ncode_column: geography code\n", cases[i].file);
      assert_fails (dir, yaml, DXI_ERROR, DXI_ERROR_DATA, cases[i].message);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_nearest_names (void)
{
  assert_fails (TABLES, "file: wide_ts007a_sample.csv\ncode_column: geography cod\n", DXI_ERROR, DXI_ERROR_DATA,
                "no column 'geography cod' (did you mean 'geography code'?)");
  assert_fails (TABLES,
                "file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                "value_column: valu\n",
                DXI_ERROR, DXI_ERROR_DATA, "no column 'valu' (did you mean 'value'?)");
  assert_fails (TABLES,
                "file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                "value_column: value\nfilter: {measur: Count}\n",
                DXI_ERROR, DXI_ERROR_CONFIG,
                "spec.yaml:6:10: filter: no column 'measur' in '" TABLES "/long_age_sample.csv' (did you mean "
                "'measure'? columns: 'area_code', 'area_name', 'geography', 'period', 'indicator', 'measure'");
  assert_fails (TABLES, "file: wide_ts007a_sample.xlsx\ncode_column: geography code\ncolumns: ['Age: Totl']\n",
                DXI_ERROR, DXI_ERROR_DATA, "no column 'Age: Totl' (did you mean 'Age: Total'?)");
  assert_fails (TABLES, "file: wide_ts007a_sample.xlsx\ncode_column: geography code\nlayer: Sheet9\n", DXI_ERROR,
                DXI_ERROR_DATA, "no sheet or layer 'Sheet9'");
  assert_fails (TABLES, "file: wide_ts007a_sample.csv\ncode_column: geography code\ncolums: [x]\n", DXI_ERROR,
                DXI_ERROR_CONFIG, "spec.yaml:3:1: unknown key 'colums' (did you mean 'columns'?)");
  assert_fails (TABLES, "file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                        "value_column: value\nfilter: {measure: Percent}\n",
                DXI_ERROR, DXI_ERROR_CONFIG,
                "spec.yaml:6:9: no row of '" TABLES "/long_age_sample.csv' matches the filter ('measure' holds "
                "'Count')");
}

/* Every cell of the table read from PATH equals the CSV sample's. */
static void
assert_same_as_csv (const char *dir, const char *file)
{
  g_autoptr (GError) error = NULL;
  const char *yaml = "code_column: geography code\nname_column: geography\nprefix: 'Age: '\n";
  g_autofree char *csv_yaml = g_strconcat ("file: wide_ts007a_sample.csv\n", yaml, NULL);
  g_autofree char *other_yaml = g_strdup_printf ("file: %s\n%s", file, yaml);
  g_autoptr (dxi_frame) csv = read_in (TABLES, csv_yaml, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_frame) other = read_in (dir, other_yaml, NULL, &error);
  g_assert_no_error (error);
  if (csv == NULL || other == NULL)
    return;
  g_assert_cmpuint (dxi_frame_n_rows (other), ==, dxi_frame_n_rows (csv));
  g_assert_cmpuint (dxi_frame_n_cols (other), ==, dxi_frame_n_cols (csv));
  for (guint r = 0; r < dxi_frame_n_rows (csv); r++)
    {
      g_assert_cmpstr (dxi_frame_code (other, r), ==, dxi_frame_code (csv, r));
      g_assert_cmpstr (dxi_frame_name (other, r), ==, dxi_frame_name (csv, r));
      for (guint c = 0; c < dxi_frame_n_cols (csv); c++)
        g_assert_cmpfloat (value (other, dxi_frame_code (csv, r), dxi_frame_column_name (csv, c)), ==,
                           dxi_frame_get (csv, r, c));
    }
}

static void
test_ogr_matches_csv (void)
{
  /* The committed XLSX was made from the CSV by ogr2ogr; ODS and GeoPackage
   * are made the same way here.  Every cell must agree with the tokenizer's. */
  assert_same_as_csv (TABLES, "wide_ts007a_sample.xlsx");
  g_autofree char *dir = g_dir_make_tmp ("dxi-table-XXXXXX", NULL);
  const char *formats[][2] = { { "ODS", "sample.ods" }, { "GPKG", "sample.gpkg" } };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (dir, formats[i][1], NULL);
      g_autofree char *cmd = g_strdup_printf ("ogr2ogr -f %s '%s' '%s'", formats[i][0], path,
                                              TABLES "/wide_ts007a_sample.csv");
      int status = -1;
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      assert_same_as_csv (dir, formats[i][1]);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_bands_sum_to_total (void)
{
  /* ONS publishes the total beside the 18 bands; read apart, they must add up.
   * By hand from the raw row of E01000003 (City of London 001C):
   * 39+32+33+23+96+187+166+144+111+113+155+118+111+86+85+50+31+33 = 1613. */
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_in (TABLES, "file: wide_ts007a_sample.csv\ncode_column: geography code\n"
                                             "prefix: 'Age: '\nexclude: [Total]\n",
                                     NULL, &error);
  g_autoptr (dxi_frame) t
      = read_in (TABLES, "file: wide_ts007a_sample.csv\ncode_column: geography code\ncolumns: ['Age: Total']\n",
                 NULL, &error);
  g_assert_no_error (error);
  if (f == NULL || t == NULL)
    return;
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 18);
  for (guint r = 0; r < dxi_frame_n_rows (f); r++)
    {
      double sum = 0;
      for (guint c = 0; c < dxi_frame_n_cols (f); c++)
        sum += dxi_frame_get (f, r, c);
      g_assert_cmpfloat (sum, ==, dxi_frame_get (t, r, 0));
    }
  g_assert_cmpfloat (dxi_frame_get (t, (guint) dxi_frame_find_row (t, "E01000003"), 0), ==, 1613);
}

static void
test_national (void)
{
  if (!g_file_test (NATIONAL "/census2021-ts007a-lsoa.csv", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no ../shared/data/national (only on the development machine)");
      return;
    }
  g_autoptr (GError) error = NULL;
  guint missing = 1;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (dxi_frame) wide = read_in (NATIONAL, "file: census2021-ts007a-lsoa.csv\ncode_column: geography code\n"
                                                  "columns: ['Age: Total']\n",
                                        &missing, &error);
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  if (wide == NULL)
    return;
  g_test_message ("census2021-ts007a-lsoa.csv read in %.3f s", seconds);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpfloat (seconds, <, 1.0);
#endif
  g_assert_cmpuint (dxi_frame_n_rows (wide), ==, 35672);
  g_assert_cmpuint (missing, ==, 0);
  /* Sums by an independent script (Python's csv module over the raw files).
   * Both sit within 0.0002% of the 59,597,542 usual residents ONS published
   * for England and Wales: LSOA cells are perturbed for disclosure control,
   * and each table separately (E01011954: 2284 here, 2280 in RM121). */
  g_assert_cmpfloat (dxi_frame_column_sum (wide, 0, NULL), ==, 59597611);
  g_autoptr (dxi_frame) nomis = read_in (NATIONAL, "file: rm121_age65plus_lsoa21.csv\nshape: nomis\n", NULL, &error);
  g_assert_no_error (error);
  if (nomis == NULL)
    return;
  g_assert_cmpuint (dxi_frame_n_rows (nomis), ==, 35672);
  g_assert_cmpfloat (dxi_frame_column_sum (nomis, (guint) dxi_frame_find_column (nomis, "Total"), NULL), ==, 59597538);
  for (guint r = 0; r < dxi_frame_n_rows (nomis); r++)
    g_assert_cmpint (dxi_frame_find_row (wide, dxi_frame_code (nomis, r)), >=, 0);
  g_assert_cmpfloat (value (nomis, "E01011954", "Total"), ==, 2280);
  g_assert_cmpfloat (value (wide, "E01011954", "Age: Total"), ==, 2284);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/table/wide-not-a-number", test_wide_not_a_number);
  g_test_add_func ("/table/wide-duplicate-code", test_wide_duplicate_code);
  g_test_add_func ("/table/empty-files", test_empty_files);
  g_test_add_func ("/table/nearest-names", test_nearest_names);
  g_test_add_func ("/table/xlsx-ods-gpkg-match-csv", test_ogr_matches_csv);
  g_test_add_func ("/table/bands-sum-to-total", test_bands_sum_to_total);
  g_test_add_func ("/table/national", test_national);
  return g_test_run ();
}
