/* The ward layer for GIS: a shapefile (wards.shp .shx .dbf .prj .cpg, UTF-8,
 * with a QGIS style wards.qml beside it (the map's classes, classes.h), which QGIS loads with the layer) and a
 * GeoPackage (wards.gpkg, full field names, the same style in `layer_styles`
 * so QGIS applies it on opening), both in EPSG:27700.  Field names in the DBF
 * are at most 10 characters; the mapping is deterministic and written to
 * wards_fields.csv. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "inputs/areas.h"
#include "writers/classes.h"

typedef struct dxi_layer_field
{
  char *column; /* the table's column (full name, used in the GeoPackage) */
  char *dbf;    /* its shapefile name, <= 10 characters, unique */
} dxi_layer_field;

/* Fields for COLUMNS (those present in TABLE), with DBF names. */
GArray *dxi_layer_fields (const dxi_frame *table, const char *const *columns);
void dxi_layer_fields_free (GArray *fields);

/* QGIS style: graduated colours of CLASSES on CLASS_FIELD (1 = most at
 * risk), labels from NAME_FIELD (caller frees). */
char *dxi_qml_classes (const dxi_classes *classes, const char *class_field, const char *name_field);

/* AREAS must be in EPSG:27700, rows matching TABLE's by code. */
/* METADATA (may be NULL): "KEY=VALUE" credits (credits.h): the layer's
 * metadata, and PRODUCED the date every format carries. */
gboolean dxi_layers_write_shapefile (const dxi_areas *areas, const dxi_frame *table, GArray *fields,
                                     const dxi_classes *classes, const char *const *metadata, const char *dir,
                                     GError **error);
/* EXTRA (may be NULL): a non-spatial table written beside the layer as
 * EXTRA_NAME, its codes and names as the text columns `key` and `label`. */
gboolean dxi_layers_write_gpkg (const dxi_areas *areas, const dxi_frame *table, GArray *fields,
                                const dxi_classes *classes, const char *const *metadata, const dxi_frame *extra,
                                const char *extra_name, const char *path, GError **error);
