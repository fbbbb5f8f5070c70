/* Benchmark of rasterising the areas: dxi's area grid (every area burnt once
 * as its number, what index.tif and decile.tif are filled from) against GDAL's
 * rasteriser burning one Float32 band of the same grid, as gdal_rasterize
 * does.  With no argument the areas are SYNTHETIC squares (189 x 189 of 3 km
 * over an England-sized extent), generated here; `bench-burn FILE CODE_FIELD
 * [RESOLUTION]` burns real boundaries (in EPSG:27700) instead. */
#include <gdal.h>
#include <gdal_alg.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "writers/raster.h"

static dxi_boundaries *
synthetic_areas (void)
{
  g_autoptr (GString) json
      = g_string_new ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                      "{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[");
  for (int i = 0; i < 189; i++)
    for (int j = 0; j < 189; j++)
      {
        double x = 85000 + 3000.0 * i, y = 7000 + 3440.0 * j;
        g_string_append_printf (
            json,
            "%s{\"type\":\"Feature\",\"properties\":{\"code\":\"S%05d\"},\"geometry\":{\"type\":"
            "\"Polygon\",\"coordinates\":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}",
            i || j ? "," : "", i * 189 + j, x, y, x + 3000, y + 170, x + 2950, y + 3440, x - 40,
            y + 3300, x, y);
      }
  g_string_append (json, "]}");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "dxi-bench-burn.geojson", NULL);
  g_file_set_contents (path, json->str, (gssize) json->len, NULL);
  dxi_boundaries *areas = dxi_boundaries_read (path, NULL, "code", NULL, NULL);
  g_unlink (path);
  return areas;
}

static double
cpu_seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + t.tv_nsec * 1e-9;
}

/* GDAL's rasteriser, one Float32 band of NX x NY cells (as gdal_rasterize -burn 1). */
static void
gdal_one_band (const dxi_boundaries *areas, double res, int nx, int ny)
{
  OGREnvelope e;
  dxi_boundaries_extent (areas, &e);
  GDALDatasetH mem = GDALCreate (GDALGetDriverByName ("MEM"), "", nx, ny, 1, GDT_Float32, NULL);
  double gt[6] = { floor (e.MinX / res) * res, res, 0, ceil (e.MaxY / res) * res, 0, -res };
  GDALSetGeoTransform (mem, gt);
  int band = 1;
  guint n = dxi_boundaries_len (areas);
  g_autofree double *ones = g_new (double, n);
  for (guint a = 0; a < n; a++)
    ones[a] = 1;
  GDALRasterizeGeometries (mem, 1, &band, (int) n, (OGRGeometryH *) areas->geoms->pdata, NULL, NULL,
                           ones, NULL, NULL, NULL);
  GDALClose (mem);
}

int
main (int argc, char **argv)
{
  GDALAllRegister ();
  double res = argc > 3 ? atof (argv[3]) : 100;
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) areas
      = argc > 2 ? dxi_boundaries_read (argv[1], NULL, argv[2], NULL, &error) : synthetic_areas ();
  if (areas == NULL || !dxi_boundaries_transform (areas, "EPSG:27700", &error))
    {
      fprintf (stderr, "bench-burn: %s\n", error ? error->message : "cannot make the areas");
      return 1;
    }
  double wall = g_get_monotonic_time () * 1e-6, cpu = cpu_seconds ();
  g_autoptr (dxi_area_grid) grid = dxi_area_grid_new (areas, res, &error);
  double dxi_wall = g_get_monotonic_time () * 1e-6 - wall, dxi_cpu = cpu_seconds () - cpu;
  if (grid == NULL)
    {
      fprintf (stderr, "bench-burn: %s\n", error->message);
      return 1;
    }
  int nx, ny;
  dxi_area_grid_size (grid, &nx, &ny);
  wall = g_get_monotonic_time () * 1e-6, cpu = cpu_seconds ();
  gdal_one_band (areas, res, nx, ny);
  double gdal_wall = g_get_monotonic_time () * 1e-6 - wall, gdal_cpu = cpu_seconds () - cpu;
  printf ("burn %u %s areas on a %g m grid of %d x %d cells:\n", dxi_boundaries_len (areas),
          argc > 2 ? "real" : "SYNTHETIC", res, nx, ny);
  printf ("  dxi area grid (all bands)   %.3f s cpu, %.3f s wall\n", dxi_cpu, dxi_wall);
  printf ("  GDAL one Float32 band       %.3f s cpu, %.3f s wall\n", gdal_cpu, gdal_wall);
  printf ("  ratio dxi / GDAL            %.2f (cpu)\n", dxi_cpu / gdal_cpu);
  return 0;
}
