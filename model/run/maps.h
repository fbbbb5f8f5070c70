/* The run's maps (maps.c): the layers with the print map beside them, and the
 * rasters, in one style. */
#pragma once
#include "run/run-private.h"
#include "writers/classes.h"
#include "writers/credits.h"
#include "core/jobs.h"
#include "writers/outdir.h"

/* What every map output shows and says, made once for the layers, the print
 * map and the rasters. */
typedef struct
{
  dxi_classes classes;
  dxi_credits *credits;
  char **metadata; /* the credits as GDAL "KEY=VALUE" items */
} dxi_run_map_style;

void dxi_run_map_style_init (dxi_run_map_style *style, const dxi_run *run);
void dxi_run_map_style_clear (dxi_run_map_style *style);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (dxi_run_map_style, dxi_run_map_style_clear)

/* The shapefile and GeoPackage (the areas transformed to EPSG:27700 first);
 * the print map is pushed to JOBS. */
gboolean dxi_run_write_layers (const dxi_run *run, dxi_outdir *out, const dxi_run_map_style *style,
                               dxi_jobs *jobs, GError **error);
gboolean dxi_run_write_rasters (const dxi_run *run, dxi_outdir *out, const dxi_run_map_style *style,
                                GError **error);
