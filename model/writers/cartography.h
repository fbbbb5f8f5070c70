/* The print map: a choropleth of index deciles for an A4 report, as map.pdf
 * (vector) and map.png (150 dpi), drawn with cairo and pango: title,
 * subtitle, legend, area labels where they fit, scale bar, north arrow and
 * attribution.  The colours are the QGIS style's (layers.h). */
#pragma once
#include <glib.h>

#include "inputs/areas.h"

typedef struct dxi_map_spec
{
  const char *title, *subtitle, *legend_title, *note, *attribution;
  const guint *deciles;       /* per area of AREAS, 1..10 (0 = no data) */
  const guint *decile_counts; /* 10 counts for the legend, or NULL */
} dxi_map_spec;

/* AREAS in EPSG:27700. */
gboolean dxi_map_write (const dxi_areas *areas, const dxi_map_spec *spec, const char *png_path, const char *pdf_path,
                        GError **error);
