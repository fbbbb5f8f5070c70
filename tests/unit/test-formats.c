/* dxi_formats_parse (writers/formats.h): --formats lists as flags, by hand. */
#include <glib.h>
#include <string.h>

#include "core/error.h"
#include "writers/formats.h"

static void
test_lists (void)
{
  static const struct
  {
    const char *text;
    guint want;
  } cases[] = {
    { "gpkg", DXI_FORMAT_GPKG },
    { "gpkg,tif,csv", DXI_FORMAT_GPKG | DXI_FORMAT_TIF | DXI_FORMAT_CSV },
    { " csv , xlsx ", DXI_FORMAT_CSV | DXI_FORMAT_XLSX },
    { "map,shp", DXI_FORMAT_MAP | DXI_FORMAT_SHP },
    { "gpkg,shp,tif,csv,xlsx,map", DXI_FORMATS_ALL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint got = 0;
      g_autoptr (GError) error = NULL;
      g_assert_true (dxi_formats_parse (cases[i].text, &got, &error));
      g_assert_no_error (error);
      g_assert_cmphex (got, ==, cases[i].want);
    }
  /* The flags are the six bits of DXI_FORMATS_ALL, one a name. */
  g_assert_cmphex (DXI_FORMATS_ALL, ==, 0x3f);
}

static void
test_bad (void)
{
  static const char *const bad[][2] = {
    { "pdf", "unknown format 'pdf'" },   { "GPKG", "unknown format 'GPKG'" },
    { "gpkg,,tif", "unknown format ''" }, { "csv,csv", "repeated format 'csv'" },
    { "", "no format named" },            { "tif;csv", "unknown format 'tif;csv'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint got = 12345;
      g_autoptr (GError) error = NULL;
      g_assert_false (dxi_formats_parse (bad[i][0], &got, &error));
      g_assert_error (error, DXI_ERROR, DXI_ERROR_USAGE);
      g_assert_nonnull (strstr (error->message, bad[i][1]));
      g_assert_cmpuint (got, ==, 12345);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/formats/lists", test_lists);
  g_test_add_func ("/formats/bad", test_bad);
  return g_test_run ();
}
