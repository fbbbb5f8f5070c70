/* Published tables in every shape, read from small real samples. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "table-spec.h"
#include "inputs/table.h"

static dxi_frame *
read_yaml (const char *yaml, guint *missing, GError **error)
{
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string (DXI_SOURCE_DIR "/tests/fixtures/tables/spec.yaml", yaml, -1, NULL);
  g_assert_nonnull (doc);
  g_autoptr (dxi_table_spec) spec = table_spec_from_yaml (doc->root, NULL, error);
  if (spec == NULL)
    return NULL;
  return dxi_table_read (spec, missing, error);
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
test_wide (void)
{
  g_autoptr (GError) error = NULL;
  guint missing = 99;
  g_autoptr (dxi_frame) f = read_yaml ("file: wide_ts007a_sample.csv\nshape: wide\ncode_column: geography code\n"
                                       "name_column: geography\nprefix: 'Age: '\n",
                                       &missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 3);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 19); /* Total + 18 bands */
  g_assert_cmpuint (missing, ==, 0);
  /* From the published row: 2021,City of London 001A,E01000001,1473,52,... */
  g_assert_cmpfloat (value (f, "E01000001", "Total"), ==, 1473);
  g_assert_cmpfloat (value (f, "E01000001", "Aged 4 years and under"), ==, 52);
  g_assert_cmpfloat (value (f, "E01000002", "Aged 85 years and over"), ==, 30);
  g_assert_cmpstr (dxi_frame_name (f, 0), ==, "City of London 001A");
  g_autoptr (dxi_frame) g = read_yaml ("file: wide_ts007a_sample.csv\ncode_column: geography code\n"
                                       "prefix: 'Age: '\nexclude: [Total]\n",
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_cols (g), ==, 18);
  g_assert_cmpint (dxi_frame_find_column (g, "Total"), ==, -1);
}

static void
test_wide_renamed_columns (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_yaml ("file: wide_ts007a_sample.csv\ncode_column: geography code\ncolumns:\n"
                                       "  - {column: 'Age: Total', as: total}\n  - 'Age: Aged 5 to 9 years'\n",
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 2);
  g_assert_cmpfloat (value (f, "E01000002", "total"), ==, 1384);
  g_assert_cmpfloat (value (f, "E01000002", "Age: Aged 5 to 9 years"), ==, 24);
}

static void
test_long (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f
      = read_yaml ("file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                   "value_column: value\nfilter: {measure: Count}\n",
                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 1);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 18);
  g_assert_cmpfloat (value (f, "E01006109", "Aged 4 years and under"), ==, 74);
  g_assert_cmpfloat (value (f, "E01006109", "Aged 10 to 14 years"), ==, 76);
}

static void
test_long_categories (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f
      = read_yaml ("file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                   "value_column: value\ncategories: [Aged 5 to 9 years]\n",
                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 1);
  g_assert_cmpfloat (value (f, "E01006109", "Aged 5 to 9 years"), ==, 79);
  g_autoptr (dxi_frame) bad
      = read_yaml ("file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\n"
                   "value_column: value\ncategories: [Aged 5 to 9 yrs]\n",
                   NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "did you mean 'Aged 5 to 9 years'"));
}

static void
test_nomis (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_yaml ("file: nomis_rm121_sample.csv\nshape: nomis\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 4);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 7);
  /* E01011954 : Hartlepool 001A,2280,17,79,91,45,50,42 */
  g_assert_cmpfloat (value (f, "E01011954", "Total"), ==, 2280);
  g_assert_cmpfloat (value (f, "E01011954", "Aged 85 years and over"), ==, 42);
  g_assert_cmpfloat (value (f, "W01001898", "Aged 66 to 69 years"), ==, 77);
  g_assert_cmpstr (dxi_frame_name (f, 0), ==, "Hartlepool 001A");
}

static void
test_bom_crlf_quoted (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_yaml ("file: bom_crlf_quoted.csv\nshape: long\ncode_column: area_code\n"
                                       "category_column: highest_qualification\nvalue_column: value\n",
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_cols (f), ==, 4);
  g_assert_cmpfloat (value (f, "E01006109", "No qualifications"), ==, 272);
  g_assert_cmpfloat (value (f, "E01006109", "Level 2 qualifications"), ==, 127);
}

static void
test_markers (void)
{
  g_autoptr (GError) error = NULL;
  guint missing = 0;
  g_autoptr (dxi_frame) f = read_yaml ("file: markers_ts038_sample.csv\ncode_column: geography code\n", &missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing, ==, 6); /* c; .. and empty; x : - */
  g_assert_true (isnan (value (f, "E01000001", "Disability: Disabled under the Equality Act")));
  g_assert_true (isnan (value (f, "E01000002", "Disability: Disabled under the Equality Act: Day-to-day activities limited a lot")));
  g_assert_cmpfloat (value (f, "E01000001", "Disability: Total: All usual residents"), ==, 1475);
  double v = 0;
  for (const char *m = "c\0x\0-\0..\0:\0\0"; *m || m[1]; m += strlen (m) + 1)
    {
      g_assert_true (dxi_table_parse_cell (m, &v));
      g_assert_true (isnan (v));
    }
  g_assert_true (dxi_table_parse_cell ("", &v) && isnan (v));
  g_assert_true (dxi_table_parse_cell (" 12.5 ", &v) && v == 12.5);
  g_assert_false (dxi_table_parse_cell ("12a", &v));
  g_assert_false (dxi_table_parse_cell ("#VALUE!", &v));
}

static void
test_xlsx (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f
      = read_yaml ("file: wide_ts007a_sample.xlsx\ncode_column: geography code\ncolumns: ['Age: Total', 'Age: Aged "
                   "85 years and over']\n",
                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 3);
  g_assert_cmpfloat (value (f, "E01000001", "Age: Total"), ==, 1473);
  /* 2021,City of London 001C,E01000003,1613,...,33 */
  g_assert_cmpfloat (value (f, "E01000003", "Age: Aged 85 years and over"), ==, 33);
}

/* filter: on a wide table, a value or a list of values per column, and the
 * table's own missing markers: GMCA's DERI input table (two '#VALUE!' cells,
 * E01005787 in Stockport and E01006402 in Wigan), read for two boroughs. */
static void
test_wide_filter_and_markers (void)
{
  g_autoptr (GError) error = NULL;
  guint missing = 99;
  g_autoptr (dxi_frame) f
      = read_yaml ("file: ../gm/deri_inputs_v1.6_gm_partial.csv\ncode_column: LSOA code\n"
                   "columns: [Unemployment rate]\nfilter: {Local authority name: [Stockport, Wigan], Nation: England}\n"
                   "missing_markers: ['#VALUE!']\n",
                   &missing, &error);
  g_assert_no_error (error);
  /* 104 Stockport and 88 Wigan rows of the published 914. */
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 192);
  g_assert_cmpuint (missing, ==, 2);
  g_assert_true (isnan (value (f, "E01005787", "Unemployment rate")));
  g_assert_true (isnan (value (f, "E01006402", "Unemployment rate")));
  g_assert_cmpfloat (value (f, "E01005743", "Unemployment rate"), ==, 0.007763975);
  g_assert_cmpint (dxi_frame_find_row (f, "E01004772"), ==, -1); /* Bolton, filtered out */
  /* Without the marker the first '#VALUE!' stops the read at its cell. */
  g_autoptr (dxi_frame) g = read_yaml ("file: ../gm/deri_inputs_v1.6_gm_partial.csv\ncode_column: LSOA code\n"
                                       "columns: [Unemployment rate]\nfilter: {Local authority name: Stockport}\n",
                                       NULL, &error);
  g_assert_null (g);
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_true (error && strstr (error->message, "deri_inputs_v1.6_gm_partial.csv:577:29: not a number '#VALUE!'"));
  /* A filtered-out row is not read: Wigan's '#VALUE!' does not stop Bolton. */
  g_clear_error (&error);
  g_autoptr (dxi_frame) h = read_yaml ("file: ../gm/deri_inputs_v1.6_gm_partial.csv\ncode_column: LSOA code\n"
                                       "columns: [Unemployment rate]\nfilter: {Local authority name: Bolton}\n",
                                       &missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (h), ==, 112);
}

/* The same filter through the nomis and OGR readers. */
static void
test_filter_nomis_and_xlsx (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_frame) f = read_yaml ("file: nomis_rm121_sample.csv\nshape: nomis\nfilter: {Total: ['2280', '1469']}\n",
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (f), ==, 2);
  g_assert_cmpfloat (value (f, "W01001898", "Aged 65 years"), ==, 23);
  g_assert_cmpint (dxi_frame_find_row (f, "E01011969"), ==, -1);
  g_autoptr (dxi_frame) x = read_yaml ("file: wide_ts007a_sample.xlsx\ncode_column: geography code\n"
                                       "columns: ['Age: Total']\nfilter: {geography code: [E01000001, E01000003]}\n",
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_frame_n_rows (x), ==, 2);
  g_assert_cmpint (dxi_frame_find_row (x, "E01000002"), ==, -1);
  g_assert_cmpfloat (value (x, "E01000001", "Age: Total"), ==, 1473);
}

static void
test_errors (void)
{
  struct
  {
    const char *yaml, *message;
  } cases[] = {
    { "file: wide_ts007a_sample.csv\ncode_column: code\n", "no column 'code'" },
    { "file: none.csv\ncode_column: code\n", "cannot open '" DXI_SOURCE_DIR "/tests/fixtures/tables/none.csv'" },
    { "file: x.csv\nshape: wides\ncode_column: c\n", "did you mean 'wide'" },
    { "file: x.csv\nshape: long\ncode_column: c\n", "missing key 'category_column'" },
    { "file: x.csv\ncode_column: c\ncategory_column: d\n", "'category_column' does not apply to a wide table" },
    { "file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: indicator\nvalue_column: "
      "area_name\n",
      "long_age_sample.csv:2:2: not a number 'Trafford 001A' in column 'area_name'" },
    { "file: long_age_sample.csv\nshape: long\ncode_column: area_code\ncategory_column: geography\nvalue_column: "
      "value\n",
      "long_age_sample.csv:3: a second value for area 'E01006109', category 'Lower-layer Super Output Area'" },
    { "file: wide_ts007a_sample.csv\nshape: nomis\n", "is this a nomis formatted export?" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_frame) f = read_yaml (cases[i].yaml, NULL, &error);
      g_assert_null (f);
      g_assert_nonnull (error);
      if (error && !strstr (error->message, cases[i].message))
        g_test_message ("case %u: '%s' lacks '%s'", i, error->message, cases[i].message);
      g_assert_true (error && strstr (error->message, cases[i].message));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/tables/wide", test_wide);
  g_test_add_func ("/tables/wide-renamed-columns", test_wide_renamed_columns);
  g_test_add_func ("/tables/long", test_long);
  g_test_add_func ("/tables/long-categories", test_long_categories);
  g_test_add_func ("/tables/nomis-formatted", test_nomis);
  g_test_add_func ("/tables/bom-crlf-quoted", test_bom_crlf_quoted);
  g_test_add_func ("/tables/suppression-markers", test_markers);
  g_test_add_func ("/tables/xlsx-through-ogr", test_xlsx);
  g_test_add_func ("/tables/wide-filter-and-markers", test_wide_filter_and_markers);
  g_test_add_func ("/tables/filter-nomis-and-xlsx", test_filter_nomis_and_xlsx);
  g_test_add_func ("/tables/errors", test_errors);
  return g_test_run ();
}
