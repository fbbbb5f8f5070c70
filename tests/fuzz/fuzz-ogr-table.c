/* Tables read through OGR (XLSX, ODS, GeoPackage, GeoJSON, CSV): a table
 * definition in YAML, a line "====", then the file's bytes, put in GDAL's
 * /vsimem/ under the extension of the definition's `file` (XLSX when it has
 * none of those), and read with the `ogr` shape. */
#include <cpl_vsi.h>

#include "common.h"
#include "inputs/table.h"

static const char *
extension (const char *path)
{
  static const char *const known[] = { ".xlsx", ".ods", ".gpkg", ".geojson", ".csv", NULL };
  for (guint i = 0; known[i]; i++)
    if (g_str_has_suffix (path, known[i]))
      return known[i];
  return ".xlsx";
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_gdal_init ();
  const uint8_t *body;
  size_t body_size;
  g_autoptr (dxi_table_spec) spec = fuzz_table_spec ("ogr-table", data, size, &body, &body_size);
  if (spec == NULL)
    return 0;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strconcat ("/vsimem/fuzz-ogr-table/table", extension (spec->path), NULL);
  VSILFILE *f = VSIFileFromMemBuffer (path, fuzz_copy (body, body_size), body_size, TRUE);
  if (f == NULL)
    g_error ("fuzz-ogr-table: cannot make '%s'", path);
  VSIFCloseL (f);
  g_free (spec->path);
  spec->path = g_strdup (path);
  spec->shape = DXI_SHAPE_OGR;
  guint n_missing;
  dxi_frame_free (dxi_table_read (spec, &n_missing, &error));
  VSIUnlink (path);
  return fuzz_report ("ogr-table", error);
}
