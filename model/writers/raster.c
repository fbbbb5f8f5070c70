#include "writers/raster.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <stdio.h>

#include "core/error.h"

/* A text progress bar on stderr: "label [#####     ] 50%". */
static int CPL_STDCALL
progress_bar (double done, const char *message, void *data)
{
  (void) message;
  const char *label = data;
  /* Redraw only when the whole percentage moves. */
  static int last = -1;
  int pct = (int) (done * 100 + 0.5);
  if (pct == last && done < 1.0)
    return TRUE;
  last = done >= 1.0 ? -1 : pct;
  int filled = (int) (done * 30 + 0.5);
  fprintf (stderr, "\r%-24s [%.*s%*s] %3d%%", label, filled, "##############################", 30 - filled, "",
           (int) (done * 100 + 0.5));
  if (done >= 1.0)
    fputc ('\n', stderr);
  return TRUE;
}

/* An in-memory grid over the areas with N_BANDS bands of TYPE, filled with FILL. */
static GDALDatasetH
grid (const dxi_areas *areas, double res, guint n_bands, GDALDataType type, double fill, GError **error)
{
  OGREnvelope e;
  if (!dxi_areas_extent (areas, &e))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "no areas to rasterise");
      return NULL;
    }
  double x0 = floor (e.MinX / res) * res, y1 = ceil (e.MaxY / res) * res;
  int nx = (int) ceil ((e.MaxX - x0) / res), ny = (int) ceil ((y1 - e.MinY) / res);
  if ((double) nx * ny > 4.0e8)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                   "a %g m grid over the areas would have %d x %d cells; choose a coarser output resolution", res, nx,
                   ny);
      return NULL;
    }
  GDALDatasetH mem = GDALCreate (GDALGetDriverByName ("MEM"), "", nx, ny, (int) n_bands, type, NULL);
  double gt[6] = { x0, res, 0, y1, 0, -res };
  GDALSetGeoTransform (mem, gt);
  char *wkt = NULL;
  OSRExportToWkt (areas->srs, &wkt);
  GDALSetProjection (mem, wkt);
  CPLFree (wkt);
  for (guint b = 1; b <= n_bands; b++)
    {
      GDALRasterBandH band = GDALGetRasterBand (mem, (int) b);
      GDALSetRasterNoDataValue (band, fill);
      GDALFillRaster (band, fill, 0);
    }
  return mem;
}

/* Burn VALUES (n_areas x n_bands, area-major) into MEM. */
static gboolean
burn (GDALDatasetH mem, const dxi_areas *areas, const double *values, guint n_bands, GError **error)
{
  guint n = dxi_areas_len (areas);
  g_autofree int *bands = g_new (int, n_bands);
  for (guint b = 0; b < n_bands; b++)
    bands[b] = (int) b + 1;
  char *options[] = { (char *) "ALL_TOUCHED=FALSE", NULL };
  CPLErr err = GDALRasterizeGeometries (mem, (int) n_bands, bands, (int) n, (OGRGeometryH *) areas->geoms->pdata,
                                        NULL, NULL, values, options, NULL, NULL);
  if (err != CE_None)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED, "cannot rasterise the areas: %s", CPLGetLastErrorMsg ());
      return FALSE;
    }
  return TRUE;
}

/* Dataset metadata (GDAL_METADATA) and the TIFF tags readers without GDAL
 * show: image description, date and time, software, copyright. */
static void
set_metadata (GDALDatasetH mem, const char *const *metadata)
{
  if (metadata == NULL)
    return;
  GDALSetMetadata (mem, (char **) metadata, NULL);
  static const char *const tags[][2] = {
    { "DESCRIPTION", "TIFFTAG_IMAGEDESCRIPTION" },
    { "SOFTWARE", "TIFFTAG_SOFTWARE" },
    { "COPYRIGHT", "TIFFTAG_COPYRIGHT" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const char *v = CSLFetchNameValue ((char **) metadata, tags[i][0]);
      if (v)
        GDALSetMetadataItem (mem, tags[i][1], v, NULL);
    }
  const char *produced = CSLFetchNameValue ((char **) metadata, "PRODUCED");
  int y, m, d;
  if (produced && sscanf (produced, "%d-%d-%d", &y, &m, &d) == 3)
    {
      char when[32];
      g_snprintf (when, sizeof when, "%04d:%02d:%02d 00:00:00", y, m, d);
      GDALSetMetadataItem (mem, "TIFFTAG_DATETIME", when, NULL);
    }
}

static gboolean
write_cog (GDALDatasetH mem, const char *path, const char *resampling, const char *label, gboolean quiet,
           GError **error)
{
  g_autofree char *resample = g_strdup_printf ("RESAMPLING=%s", resampling);
  char *options[] = { (char *) "COMPRESS=DEFLATE", (char *) "BLOCKSIZE=128", (char *) "OVERVIEW_COUNT=2",
                      (char *) "OVERVIEWS=IGNORE_EXISTING", resample, NULL };
  GDALDatasetH out = GDALCreateCopy (GDALGetDriverByName ("COG"), path, mem, FALSE, options,
                                     quiet ? NULL : progress_bar, (void *) label);
  if (out == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path, CPLGetLastErrorMsg ());
      return FALSE;
    }
  GDALClose (out);
  return TRUE;
}

gboolean
dxi_raster_write_index (const dxi_areas *areas, const dxi_frame *table, const char *const *bands, double resolution,
                        const char *const *metadata, const char *path, gboolean quiet, GError **error)
{
  GDALAllRegister ();
  guint nb = g_strv_length ((char **) bands), n = dxi_areas_len (areas);
  GDALDatasetH mem = grid (areas, resolution, nb, GDT_Float32, DXI_RASTER_NODATA, error);
  if (mem == NULL)
    return FALSE;
  g_autofree double *values = g_new (double, (gsize) n * nb);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (table, dxi_frame_code (areas->frame, a));
      for (guint b = 0; b < nb; b++)
        {
          gint col = dxi_frame_find_column (table, bands[b]);
          double v = row >= 0 && col >= 0 ? dxi_frame_get (table, (guint) row, (guint) col) : NAN;
          values[(gsize) a * nb + b] = isnan (v) ? DXI_RASTER_NODATA : v;
        }
    }
  for (guint b = 0; b < nb; b++)
    GDALSetDescription (GDALGetRasterBand (mem, (int) b + 1), bands[b]);
  set_metadata (mem, metadata);
  gboolean ok = burn (mem, areas, values, nb, error) && write_cog (mem, path, "AVERAGE", "index.tif", quiet, error);
  GDALClose (mem);
  return ok;
}

gboolean
dxi_raster_write_classes (const dxi_areas *areas, const dxi_frame *table, const dxi_classes *classes,
                          double resolution, const char *const *metadata, const char *path, gboolean quiet,
                          GError **error)
{
  GDALAllRegister ();
  guint n = dxi_areas_len (areas);
  GDALDatasetH mem = grid (areas, resolution, 1, GDT_Byte, 0, error);
  if (mem == NULL)
    return FALSE;
  g_autofree double *values = g_new (double, n);
  gint col = dxi_frame_find_column (table, classes->column);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (table, dxi_frame_code (areas->frame, a));
      double v = row >= 0 && col >= 0 ? dxi_frame_get (table, (guint) row, (guint) col) : NAN;
      values[a] = isnan (v) ? 0 : v;
    }
  GDALRasterBandH band = GDALGetRasterBand (mem, 1);
  g_autofree char *title = dxi_classes_title (classes);
  GDALSetDescription (band, title);
  GDALColorTableH ct = GDALCreateColorTable (GPI_RGB);
  GDALColorEntry none = { 0, 0, 0, 0 };
  GDALSetColorEntry (ct, 0, &none);
  for (guint k = 1; k <= classes->n; k++)
    {
      guint8 rgb[3];
      dxi_classes_colour (classes, k, rgb);
      GDALColorEntry c = { rgb[0], rgb[1], rgb[2], 255 };
      GDALSetColorEntry (ct, (int) k, &c);
    }
  GDALSetRasterColorTable (band, ct);
  GDALDestroyColorTable (ct);
  set_metadata (mem, metadata);
  gboolean ok = burn (mem, areas, values, 1, error) && write_cog (mem, path, "NEAREST", "decile.tif", quiet, error);
  GDALClose (mem);
  return ok;
}
