/* The fields of the map layers, described for whoever opens them: a short
 * DBF name (at most 10 characters, deterministic, unique), the full name
 * (QGIS alias, GeoPackage gpkg_data_columns), the unit and a description,
 * and whether the values are whole numbers (ranks, classes, counts and people,
 * rounded, written as integers).  wards_fields.csv lists them. */
#pragma once
#include <glib.h>

#include "core/frame.h"

/* A column the caller asks for; ALIAS, UNIT and DESCRIPTION may be NULL for
 * the columns dxi writes itself (index_*, rank_*, totals, estimates, domain
 * scores, scenarios' *_reached / *_helped / *_pv_benefit), described here. */
typedef struct dxi_layer_column
{
  const char *name;
  const char *alias, *unit, *description;
} dxi_layer_column;

typedef struct dxi_layer_field
{
  char *column; /* the table's column (full name, used in the GeoPackage) */
  char *dbf;    /* its shapefile name, <= 10 characters, unique */
  char *alias;  /* "Index rank" */
  char *unit;   /* "rank", "%", "people", ... ("" when none) */
  char *description;
  gboolean whole; /* integers: rounded to the nearest whole number */
} dxi_layer_field;

/* Fields for COLUMNS (N of them; those absent from TABLE are left out). */
GArray *dxi_layer_fields (const dxi_frame *table, const dxi_layer_column *columns, guint n);
void dxi_layer_fields_free (GArray *fields);

/* wards_fields.csv: shapefile_field, column, alias, type, unit, description
 * of code, name and FIELDS; AREAS (the boundaries and their vintage, "ONS
 * Wards (May 2023) Boundaries UK BGC (wards 2023)", or NULL) in the
 * description of code and name (caller frees). */
char *dxi_layer_fields_csv (GArray *fields, const char *areas);
