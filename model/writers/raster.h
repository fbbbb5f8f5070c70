/* Rasters of the index for GIS: index.tif, a Cloud Optimized GeoTIFF in
 * EPSG:27700 with one Float32 band per column (the index score and each
 * domain score, described by name), nodata -9999 outside the areas, AVERAGE
 * overviews; decile.tif, Byte classes (0 = nodata) with the classes' colour
 * table (quintiles or deciles, classes.h).  The
 * grid covers the areas' extent snapped to RESOLUTION metres. */
#pragma once
#include <cpl_progress.h>
#include <glib.h>

#include "core/frame.h"
#include "inputs/boundaries.h"
#include "writers/classes.h"

#define DXI_RASTER_NODATA (-9999.0)

/* The areas burnt once on the RESOLUTION grid over their extent: each cell
 * holds a + 1 for the area a whose polygon holds the cell's centre (GDAL's
 * rasteriser; where two areas overlap, the later one), 0 outside. */
typedef struct dxi_area_grid dxi_area_grid;
dxi_area_grid *dxi_area_grid_new (const dxi_boundaries *areas, double resolution, GError **error);
void dxi_area_grid_free (dxi_area_grid *g);
void dxi_area_grid_size (const dxi_area_grid *g, int *nx, int *ny);
guint dxi_area_grid_get (const dxi_area_grid *g, int x, int y);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_area_grid, dxi_area_grid_free)

/* AREAS in EPSG:27700; BANDS: column names of TABLE (one band each of
 * index.tif at INDEX_PATH); CLASSES: decile.tif at CLASSES_PATH.  The areas
 * are burnt once into a grid of area numbers and both rasters filled from it
 * by lookup.  METADATA (may be NULL): "KEY=VALUE" items of the dataset
 * (credits.h); DESCRIPTION, SOFTWARE, COPYRIGHT and PRODUCED are also written
 * as the TIFF tags.  PROGRESS (may be NULL) is called with PROGRESS_DATA as
 * each raster is written, its MESSAGE the file's name ("index.tif"). */
gboolean dxi_raster_write (const dxi_boundaries *areas, const dxi_frame *table,
                           const char *const *bands, const dxi_classes *classes, double resolution,
                           const char *const *metadata, const char *index_path,
                           const char *classes_path, GDALProgressFunc progress, void *progress_data,
                           GError **error);
