#include "writers/raster.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <math.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

/* The areas burnt once: cell value a + 1 for area a, 0 outside (UInt16 when
 * the areas fit, else Int32).  Every band of index.tif and decile.tif is a
 * lookup in a table by this value, computed block by block as GDAL reads it
 * (a VRT band with the pixel function below), so no band is held whole. */
struct dxi_area_grid
{
  void *cells; /* nx * ny values of TYPE */
  GDALDataType type;
  int nx, ny;
  double gt[6];
  char *wkt;
  char *mem_name; /* "MEM:::DATAPOINTER=..." over CELLS */
};

/* GDAL's block cache while the rasters are written, MiB. */
#define DXI_RASTER_CACHE_MB ((GIntBig) 8)

/* One band's values by area value (0 = outside), of TYPE (Float32 or Byte),
 * as GDAL would have stored them. */
typedef struct
{
  GDALDataType type;
  guint n; /* entries, areas + 1 */
  union
  {
    float *f32;
    guint8 *u8;
  };
} band_table;

/* The caller's progress function, told which file is being written (its
 * MESSAGE is the file's name). */
typedef struct
{
  GDALProgressFunc func;
  void *data;
  const char *label;
} labelled_progress;

static int CPL_STDCALL
report_progress (double done, const char *message, void *data)
{
  (void) message;
  const labelled_progress *p = data;
  return p->func (done, p->label, p->data);
}

void
dxi_area_grid_free (dxi_area_grid *g)
{
  if (g == NULL)
    return;
  g_free (g->cells);
  CPLFree (g->wkt);
  g_free (g->mem_name);
  g_free (g);
}

/* The grid over the areas' extent snapped to RES, all cells outside (0). */
static gboolean
area_grid_init (dxi_area_grid *g, const dxi_boundaries *areas, double res, GError **error)
{
  OGREnvelope e;
  if (!dxi_boundaries_extent (areas, &e))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "no areas to rasterise");
      return FALSE;
    }
  double x0 = floor (e.MinX / res) * res, y1 = ceil (e.MaxY / res) * res;
  g->nx = (int) ceil ((e.MaxX - x0) / res), g->ny = (int) ceil ((y1 - e.MinY) / res);
  if ((double) g->nx * g->ny > 4.0e8)
    {
      g_set_error (
          error, DXI_ERROR, DXI_ERROR_CONFIG,
          "a %g m grid over the areas would have %d x %d cells; choose a coarser output resolution",
          res, g->nx, g->ny);
      return FALSE;
    }
  double gt[6] = { x0, res, 0, y1, 0, -res };
  memcpy (g->gt, gt, sizeof gt);
  OSRExportToWkt (areas->srs, &g->wkt);
  g->type = dxi_boundaries_len (areas) < G_MAXUINT16 ? GDT_UInt16 : GDT_Int32;
  g->cells = g_malloc0 ((gsize) g->nx * g->ny * (gsize) GDALGetDataTypeSizeBytes (g->type));
  g->mem_name = g_strdup_printf ("MEM:::DATAPOINTER=%p,PIXELS=%d,LINES=%d,BANDS=1,DATATYPE=%s",
                                 g->cells, g->nx, g->ny, GDALGetDataTypeName (g->type));
  return TRUE;
}

/* Burn area a as a + 1 (GDAL's scanline rule: cells whose centre is inside;
 * a later area wins a cell two areas share). */
static gboolean
area_grid_burn (dxi_area_grid *g, const dxi_boundaries *areas, GError **error)
{
  /* GDAL 3.10 and later open MEM:::DATAPOINTER= only when asked; the
   * caller's setting is put back (dxi_raster_write needs it after). */
  g_autofree char *enabled
      = g_strdup (CPLGetThreadLocalConfigOption ("GDAL_MEM_ENABLE_OPEN", NULL));
  CPLSetThreadLocalConfigOption ("GDAL_MEM_ENABLE_OPEN", "YES");
  GDALDatasetH mem = GDALOpen (g->mem_name, GA_Update);
  CPLSetThreadLocalConfigOption ("GDAL_MEM_ENABLE_OPEN", enabled);
  if (mem == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED, "cannot rasterise the areas: %s",
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  GDALSetGeoTransform (mem, g->gt);
  GDALSetProjection (mem, g->wkt);
  guint n = dxi_boundaries_len (areas);
  g_autofree double *values = g_new (double, n);
  for (guint a = 0; a < n; a++)
    values[a] = a + 1;
  int band = 1;
  char *options[] = { (char *) "ALL_TOUCHED=FALSE", NULL };
  CPLErr err
      = GDALRasterizeGeometries (mem, 1, &band, (int) n, (OGRGeometryH *) areas->geoms->pdata, NULL,
                                 NULL, values, options, NULL, NULL);
  GDALClose (mem);
  if (err != CE_None)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED, "cannot rasterise the areas: %s",
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  return TRUE;
}

static inline guint
cell_value (const void *row, GDALDataType type, gsize x)
{
  return type == GDT_UInt16 ? ((const guint16 *) row)[x] : (guint) ((const gint32 *) row)[x];
}

dxi_area_grid *
dxi_area_grid_new (const dxi_boundaries *areas, double resolution, GError **error)
{
  GDALAllRegister ();
  g_autoptr (dxi_area_grid) g = g_new0 (dxi_area_grid, 1);
  if (!area_grid_init (g, areas, resolution, error) || !area_grid_burn (g, areas, error))
    return NULL;
  return g_steal_pointer (&g);
}

void
dxi_area_grid_size (const dxi_area_grid *g, int *nx, int *ny)
{
  *nx = g->nx, *ny = g->ny;
}

guint
dxi_area_grid_get (const dxi_area_grid *g, int x, int y)
{
  g_return_val_if_fail (x >= 0 && x < g->nx && y >= 0 && y < g->ny, 0);
  return cell_value (g->cells, g->type, (gsize) y * g->nx + x);
}

/* One row of NX area values (SRC, of SRC_TYPE) as T's entries into OUT
 * (of T's type); a value beyond the table reads as outside. */
#define LOOKUP_ROW(src_c, out_c, entries)                                                          \
  for (int x = 0; x < nx; x++)                                                                     \
    {                                                                                              \
      guint k = (guint) ((const src_c *) src)[x];                                                  \
      ((out_c *) out)[x] = (entries)[k < t->n ? k : 0];                                            \
    }

static void
lookup_row (const band_table *t, const void *src, GDALDataType src_type, int nx, void *out)
{
  if (t->type == GDT_Float32 && src_type == GDT_UInt16)
    LOOKUP_ROW (guint16, float, t->f32)
  else if (t->type == GDT_Float32)
    LOOKUP_ROW (gint32, float, t->f32)
  else if (src_type == GDT_UInt16)
    LOOKUP_ROW (guint16, guint8, t->u8)
  else
    LOOKUP_ROW (gint32, guint8, t->u8)
}

/* The VRT pixel function: each cell's band value from its area value. */
static CPLErr
lookup_pixels (void **sources, int n_sources, void *data, int nx, int ny, GDALDataType src_type,
               GDALDataType buf_type, int pixel_space, int line_space, CSLConstList args)
{
  const char *arg = CSLFetchNameValue ((char **) args, "table");
  band_table *t = NULL;
  if (n_sources != 1 || arg == NULL || sscanf (arg, "%p", (void **) &t) != 1 || t == NULL
      || (src_type != GDT_UInt16 && src_type != GDT_Int32))
    {
      CPLError (CE_Failure, CPLE_AppDefined, "dxi: area lookup called without its table");
      return CE_Failure;
    }
  int src_size = GDALGetDataTypeSizeBytes (src_type), out_size = GDALGetDataTypeSizeBytes (t->type);
  /* Straight into the buffer when it is of the band's type, packed. */
  gboolean direct = buf_type == t->type && pixel_space == out_size;
  g_autofree guint8 *row = direct ? NULL : g_malloc ((gsize) nx * (gsize) out_size);
  for (int y = 0; y < ny; y++)
    {
      const guint8 *src = (const guint8 *) sources[0] + (gsize) y * nx * src_size;
      guint8 *dst = (guint8 *) data + (gsize) y * line_space;
      lookup_row (t, src, src_type, nx, direct ? dst : row);
      if (!direct)
        GDALCopyWords (row, t->type, out_size, dst, buf_type, pixel_space, nx);
    }
  return CE_None;
}

/* A VRT over the area grid with one derived band per table (band_table *),
 * of the tables' type. */
static GDALDatasetH
lookup_dataset (const dxi_area_grid *g, band_table *const *tables, guint n_bands, GError **error)
{
  static gsize registered = 0;
  if (g_once_init_enter (&registered))
    {
      GDALAddDerivedBandPixelFuncWithArgs ("dxi_area_lookup", lookup_pixels, NULL);
      g_once_init_leave (&registered, 1);
    }
  g_autofree char *srs = CPLEscapeString (g->wkt, -1, CPLES_XML);
  g_autofree char *source = CPLEscapeString (g->mem_name, -1, CPLES_XML);
  g_autoptr (GString) xml = g_string_new (NULL);
  g_string_append_printf (xml, "<VRTDataset rasterXSize=\"%d\" rasterYSize=\"%d\"><SRS>%s</SRS>",
                          g->nx, g->ny, srs);
  g_string_append (xml, "<GeoTransform>");
  for (guint i = 0; i < 6; i++)
    {
      char num[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (xml, "%s%s", i ? "," : "",
                              g_ascii_dtostr (num, sizeof num, g->gt[i]));
    }
  g_string_append (xml, "</GeoTransform>");
  for (guint b = 0; b < n_bands; b++)
    g_string_append_printf (
        xml,
        "<VRTRasterBand dataType=\"%s\" band=\"%u\" subClass=\"VRTDerivedRasterBand\">"
        "<PixelFunctionType>dxi_area_lookup</PixelFunctionType>"
        "<PixelFunctionArguments table=\"%p\"/>"
        "<SourceTransferType>%s</SourceTransferType>"
        "<SimpleSource><SourceFilename relativeToVRT=\"0\">%s</SourceFilename>"
        "<SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>",
        GDALGetDataTypeName (tables[b]->type), b + 1, (void *) tables[b],
        GDALGetDataTypeName (g->type), source);
  g_string_append (xml, "</VRTDataset>");
  GDALDatasetH vrt = GDALOpen (xml->str, GA_ReadOnly);
  if (vrt == NULL)
    g_set_error (error, DXI_ERROR, DXI_ERROR_FAILED, "cannot build the raster bands: %s",
                 CPLGetLastErrorMsg ());
  return vrt;
}

static void
band_table_free (band_table *t)
{
  if (t == NULL)
    return;
  g_free (t->type == GDT_Float32 ? (void *) t->f32 : (void *) t->u8);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (band_table, band_table_free)

/* COLUMN of TABLE by area value (0 = outside = FILL, and so is a missing
 * value), stored as TYPE: a float as C converts it, a byte clamped to 0-255. */
static band_table *
band_table_new (const dxi_boundaries *areas, const dxi_frame *table, const char *column,
                GDALDataType type, double fill)
{
  guint n = dxi_boundaries_len (areas);
  band_table *t = g_new0 (band_table, 1);
  t->type = type;
  t->n = n + 1;
  if (type == GDT_Float32)
    t->f32 = g_new (float, t->n);
  else
    t->u8 = g_new (guint8, t->n);
  gint col = dxi_frame_find_column (table, column);
  for (guint k = 0; k <= n; k++)
    {
      gint row
          = k && col >= 0 ? dxi_frame_find_row (table, dxi_frame_code (areas->frame, k - 1)) : -1;
      double v = row >= 0 ? dxi_frame_get (table, (guint) row, (guint) col) : NAN;
      if (isnan (v))
        v = fill;
      if (type == GDT_Float32)
        t->f32[k] = (float) v;
      else
        t->u8[k] = (guint8) CLAMP (v, 0, 255);
    }
  return t;
}

/* Dataset metadata (GDAL_METADATA) and the TIFF tags readers without GDAL
 * show: image description, date and time, software, copyright. */
static void
set_metadata (GDALDatasetH ds, const char *const *metadata)
{
  if (metadata == NULL)
    return;
  GDALSetMetadata (ds, (char **) metadata, NULL);
  static const char *const tags[][2] = {
    { "DESCRIPTION", "TIFFTAG_IMAGEDESCRIPTION" },
    { "SOFTWARE", "TIFFTAG_SOFTWARE" },
    { "COPYRIGHT", "TIFFTAG_COPYRIGHT" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const char *v = CSLFetchNameValue ((char **) metadata, tags[i][0]);
      if (v)
        GDALSetMetadataItem (ds, tags[i][1], v, NULL);
    }
  const char *produced = CSLFetchNameValue ((char **) metadata, "PRODUCED");
  int y, m, d;
  if (produced && sscanf (produced, "%d-%d-%d", &y, &m, &d) == 3)
    {
      char when[32];
      g_snprintf (when, sizeof when, "%04d:%02d:%02d 00:00:00", y, m, d);
      GDALSetMetadataItem (ds, "TIFFTAG_DATETIME", when, NULL);
    }
}

/* SRC as a COG at PATH.  Compression and overviews use every core
 * (NUM_THREADS; GDAL 3.6 takes GDAL_NUM_THREADS for the overviews), set for
 * this thread only so that writers running beside it are not changed. */
static gboolean
write_cog (GDALDatasetH src, const char *path, const char *resampling, const char *label,
           GDALProgressFunc progress, void *progress_data, GError **error)
{
  labelled_progress told = { progress, progress_data, label };
  g_autofree char *resample = g_strdup_printf ("RESAMPLING=%s", resampling);
  char *options[] = { (char *) "COMPRESS=DEFLATE",
                      (char *) "BLOCKSIZE=128",
                      (char *) "OVERVIEW_COUNT=2",
                      (char *) "OVERVIEWS=IGNORE_EXISTING",
                      (char *) "NUM_THREADS=ALL_CPUS",
                      (char *) "SPARSE_OK=TRUE",
                      resample,
                      NULL };
  CPLSetThreadLocalConfigOption ("GDAL_NUM_THREADS", "ALL_CPUS");
  GDALDatasetH out = GDALCreateCopy (GDALGetDriverByName ("COG"), path, src, FALSE, options,
                                     progress ? report_progress : NULL, &told);
  CPLSetThreadLocalConfigOption ("GDAL_NUM_THREADS", NULL);
  if (out == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  GDALClose (out);
  return TRUE;
}

static gboolean
write_index (const dxi_area_grid *g, const dxi_boundaries *areas, const dxi_frame *table,
             const char *const *bands, const char *const *metadata, const char *path,
             GDALProgressFunc progress, void *progress_data, GError **error)
{
  guint nb = g_strv_length ((char **) bands);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) band_table_free);
  for (guint b = 0; b < nb; b++)
    g_ptr_array_add (tables,
                     band_table_new (areas, table, bands[b], GDT_Float32, DXI_RASTER_NODATA));
  GDALDatasetH vrt = lookup_dataset (g, (band_table *const *) tables->pdata, nb, error);
  if (vrt == NULL)
    return FALSE;
  for (guint b = 0; b < nb; b++)
    {
      GDALRasterBandH band = GDALGetRasterBand (vrt, (int) b + 1);
      GDALSetDescription (band, bands[b]);
      GDALSetRasterNoDataValue (band, DXI_RASTER_NODATA);
    }
  set_metadata (vrt, metadata);
  gboolean ok = write_cog (vrt, path, "AVERAGE", "index.tif", progress, progress_data, error);
  GDALClose (vrt);
  return ok;
}

static gboolean
write_classes (const dxi_area_grid *g, const dxi_boundaries *areas, const dxi_frame *table,
               const dxi_classes *classes, const char *const *metadata, const char *path,
               GDALProgressFunc progress, void *progress_data, GError **error)
{
  g_autoptr (band_table) t = band_table_new (areas, table, classes->column, GDT_Byte, 0);
  GDALDatasetH vrt = lookup_dataset (g, &t, 1, error);
  if (vrt == NULL)
    return FALSE;
  GDALRasterBandH band = GDALGetRasterBand (vrt, 1);
  g_autofree char *title = dxi_classes_title (classes);
  GDALSetDescription (band, title);
  GDALSetRasterNoDataValue (band, 0);
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
  set_metadata (vrt, metadata);
  gboolean ok = write_cog (vrt, path, "NEAREST", "decile.tif", progress, progress_data, error);
  GDALClose (vrt);
  return ok;
}

gboolean
dxi_raster_write (const dxi_boundaries *areas, const dxi_frame *table, const char *const *bands,
                  const dxi_classes *classes, double resolution, const char *const *metadata,
                  const char *index_path, const char *classes_path, GDALProgressFunc progress,
                  void *progress_data, GError **error)
{
  /* GDAL's block cache defaults to 5% of the memory; the COG writer streams
   * rows of tiles from the lookup bands, which cost little to compute again,
   * and needs far less: on the national 100 m grid 8 MiB takes the same CPU
   * as 32 MiB and 40 MiB less memory beside the print map (the user's
   * GDAL_CACHEMAX wins).  Tiles wholly outside the areas are left out
   * (SPARSE_OK): GDAL reads them as nodata, and they were a third of the
   * national grid's DEFLATE work. */
  if (CPLGetConfigOption ("GDAL_CACHEMAX", NULL) == NULL)
    GDALSetCacheMax64 (DXI_RASTER_CACHE_MB << 20);
  /* The lookup bands open the grid by name (MEM:::DATAPOINTER=) as they
   * are read, which GDAL 3.10 and later allow only when asked. */
  CPLSetThreadLocalConfigOption ("GDAL_MEM_ENABLE_OPEN", "YES");
  g_autoptr (dxi_area_grid) g = dxi_area_grid_new (areas, resolution, error);
  gboolean ok = g
                && write_index (g, areas, table, bands, metadata, index_path, progress,
                                progress_data, error)
                && write_classes (g, areas, table, classes, metadata, classes_path, progress,
                                  progress_data, error);
  CPLSetThreadLocalConfigOption ("GDAL_MEM_ENABLE_OPEN", NULL);
  return ok;
}
