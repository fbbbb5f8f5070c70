/* Which outputs a run writes (--formats): every one unless the user names
 * some.  manifest.json, coverage.txt and diagnostics.txt are always written,
 * whatever the list. */
#pragma once
#include <glib.h>

typedef enum
{
  DXI_FORMAT_GPKG = 1 << 0, /* wards.gpkg */
  DXI_FORMAT_SHP = 1 << 1,  /* wards.shp, .dbf, .shx, .prj, .cpg, .qml, .qmd, wards_fields.csv */
  DXI_FORMAT_TIF = 1 << 2,  /* index.tif, decile.tif */
  DXI_FORMAT_CSV = 1 << 3,  /* areas.csv; a run's appraisal.csv, compare.csv, optimise.csv */
  DXI_FORMAT_XLSX = 1 << 4, /* a run's business_case*.xlsx and compare.xlsx */
  DXI_FORMAT_MAP = 1 << 5,  /* map.pdf, map.png */
} dxi_format;

#define DXI_FORMATS_ALL ((guint) 0x3f)
/* The names --formats takes, in the order of the flags, "gpkg" first. */
#define DXI_FORMAT_NAMES "gpkg, shp, tif, csv, xlsx, map"

/* TEXT, names separated by commas (spaces around them ignored), as flags in
 * *FORMATS.  FALSE with a DXI_ERROR_USAGE error naming the first unknown or
 * repeated name, or an empty list or name; *FORMATS is then untouched. */
gboolean dxi_formats_parse (const char *text, guint *formats, GError **error);
