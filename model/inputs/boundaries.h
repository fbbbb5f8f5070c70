/* Target areas (wards, LSOAs, local authorities) read from any OGR vector:
 * GeoJSON, shapefile, GeoPackage.  One row per area, in file order. */
#pragma once
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/frame.h"

typedef struct dxi_boundaries
{
  char *path;               /* as given, for messages */
  char *code_field;         /* e.g. "area_code" */
  char *name_field;         /* e.g. "area_name"; may be NULL */
  dxi_frame *frame;         /* codes and names, no columns; row i <-> geoms[i] */
  GPtrArray *geoms;         /* OGRGeometryH, owned, in srs */
  OGRSpatialReferenceH srs; /* owned; traditional GIS axis order (x = lon/easting) */
  GPtrArray *repaired;      /* char *: codes of areas whose invalid polygons were repaired */
  gboolean table;           /* a table with no geometry field (CSV, sheet): no geoms, srs NULL */
} dxi_boundaries;

/* Read LAYER (NULL = first) of PATH.  A layer with no geometry field (a CSV
 * or spreadsheet of codes and names) gives areas with TABLE set, no
 * geometries and no CRS: the index and appraisal run on them, the maps do
 * not.  Codes and names are read as text (a numeric code 123 is "123").
 * Fails with DXI_ERROR_DATA naming the file and
 * feature on a missing field, an empty or duplicated code, a code or name that
 * is not UTF-8, a missing or non-polygonal geometry, a polygon OGR_G_MakeValid
 * cannot repair, a file with no CRS or coordinates that do not fit its CRS
 * (e.g. metres in a GeoJSON read as WGS84); DXI_ERROR_IO when the file cannot
 * be opened.  Invalid (self-intersecting) polygons are repaired and listed in
 * REPAIRED. */
dxi_boundaries *dxi_boundaries_read (const char *path, const char *layer, const char *code_field,
                                     const char *name_field, GError **error);
void dxi_boundaries_free (dxi_boundaries *areas);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_boundaries, dxi_boundaries_free)

guint dxi_boundaries_len (const dxi_boundaries *areas);
/* Reproject every geometry in place to SRS_DEF (e.g. "EPSG:27700"); fails
 * naming the file for areas read from a table. */
gboolean dxi_boundaries_transform (dxi_boundaries *areas, const char *srs_def, GError **error);
/* Envelope of all geometries in the current SRS; FALSE when there are none. */
gboolean dxi_boundaries_extent (const dxi_boundaries *areas, OGREnvelope *out);
