/* The ward layer for GIS: a shapefile (wards.shp .shx .dbf .prj .cpg, UTF-8,
 * with a QGIS style wards.qml beside it (the map's classes, classes.h), which
 * QGIS loads with the layer) and a GeoPackage (wards.gpkg, full field
 * names, the same style in `layer_styles`
 * so QGIS applies it on opening), both in EPSG:27700.  Field names in the DBF
 * are at most 10 characters; the mapping is deterministic and written to
 * wards_fields.csv with each field's full name, type, unit and description
 * (fields.h), which also go to the style's aliases, the GeoPackage's
 * gpkg_data_columns and the layer metadata wards.qmd. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "inputs/boundaries.h"
#include "writers/classes.h"
#include "writers/layer-fields.h"

/* QGIS style: graduated colours of CLASSES on CLASS_FIELD (1 = most at
 * risk), labels from NAME_FIELD, and the full name of each of FIELDS as its
 * alias (named by their DBF or full names) (caller frees). */
char *dxi_layers_qml_classes (const dxi_classes *classes, const char *class_field,
                              const char *name_field, GArray *fields, gboolean dbf_names);

/* AREAS must be in EPSG:27700, rows matching TABLE's by code. */
/* METADATA (may be NULL): "KEY=VALUE" credits (credits.h): the layer's
 * metadata, and PRODUCED the date every format carries. */
gboolean dxi_layers_write_shapefile (const dxi_boundaries *areas, const dxi_frame *table,
                                     GArray *fields, const dxi_classes *classes,
                                     const char *const *metadata, const char *dir, GError **error);
/* EXTRA (may be NULL): a non-spatial table written beside the layer as
 * EXTRA_NAME, its codes and names as the text columns `key` and `label`. */
gboolean dxi_layers_write_gpkg (const dxi_boundaries *areas, const dxi_frame *table, GArray *fields,
                                const dxi_classes *classes, const char *const *metadata,
                                const dxi_frame *extra, const char *extra_name, const char *path,
                                GError **error);
