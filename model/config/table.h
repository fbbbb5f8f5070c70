/* A published table's definition (see inputs/table.h for the keys), read
 * from YAML into plain data that keeps where each setting was written. */
#pragma once
#include <glib.h>

#include "config/where.h"

typedef enum
{
  DXI_SHAPE_WIDE,
  DXI_SHAPE_LONG,
  DXI_SHAPE_NOMIS,
  DXI_SHAPE_OGR,
} DxiTableShape;

/* `filter: {column: value or [values]}`: the rows a table keeps. */
typedef struct dxi_filter_config
{
  dxi_where where; /* the `filter:` mapping */
  GStrv columns;
  dxi_where *column_where; /* each column's key */
  GPtrArray *values;       /* GStrv per column, none empty */
} dxi_filter_config;

typedef struct dxi_table_config
{
  dxi_where where;      /* the definition */
  char *path;           /* resolved against the YAML file's directory */
  dxi_where file_where; /* its `file:` */
  DxiTableShape shape;
  char *code_column, *name_column;
  GStrv columns; /* published names, NULL = default set */
  GStrv renames; /* same length as columns: the frame's names */
  char *prefix;
  GStrv exclude;
  char *category_column, *value_column;
  GStrv categories;
  dxi_filter_config *filter; /* NULL: every row */
  GStrv missing_markers;     /* NULL: the standard markers only */
  dxi_where *marker_where;   /* each of missing_markers */
  char *layer;
} dxi_table_config;

/* Parse a table definition; keys in EXTRA (NULL-terminated, may be NULL) are
 * allowed and left for the caller. */
dxi_table_config *dxi_table_config_from_yaml (const dxi_ynode *node, const char *const *extra,
                                              GError **error);
void dxi_table_config_free (dxi_table_config *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_table_config, dxi_table_config_free)

/* Parse the `filter:` mapping NODE. */
dxi_filter_config *dxi_filter_config_from_yaml (const dxi_ynode *node, GError **error);
void dxi_filter_config_free (dxi_filter_config *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_filter_config, dxi_filter_config_free)

/* The shape names as written in YAML, indexed by DxiTableShape. */
extern const char *const dxi_table_shape_names[];
