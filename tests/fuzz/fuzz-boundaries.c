/* Target areas from a boundary file: a first line "CODE_FIELD [NAME_FIELD]",
 * then GeoJSON, read from GDAL's /vsimem/, reprojected to British National
 * Grid and measured, as the map and the overlap lookups do. */
#include <cpl_vsi.h>
#include <string.h>

#include "common.h"
#include "inputs/boundaries.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_gdal_init ();
  const uint8_t *nl = memchr (data, '\n', size);
  if (nl == NULL)
    return 0;
  g_autofree char *first = g_strndup ((const char *) data, (gsize) (nl - data));
  g_auto (GStrv) fields = g_strsplit (first, " ", 3);
  if (fields[0] == NULL || fields[0][0] == '\0')
    return 0;
  const char *name_field = fields[1] && fields[1][0] ? fields[1] : NULL;
  size_t body_size = size - (size_t) (nl + 1 - data);
  static const char path[] = "/vsimem/fuzz-boundaries/areas.geojson";
  VSILFILE *f = VSIFileFromMemBuffer (path, fuzz_copy (nl + 1, body_size), body_size, TRUE);
  if (f == NULL)
    g_error ("fuzz-boundaries: cannot make '%s'", path);
  VSIFCloseL (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) areas
      = dxi_boundaries_read (path, NULL, fields[0], name_field, &error);
  VSIUnlink (path);
  if (areas == NULL)
    return fuzz_report ("boundaries", error);
  OGREnvelope env;
  dxi_boundaries_extent (areas, &env);
  if (dxi_boundaries_transform (areas, "EPSG:27700", &error))
    dxi_boundaries_extent (areas, &env);
  return fuzz_report ("boundaries", error);
}
