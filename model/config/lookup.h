/* A lookup's definition (see inputs/lookup.h for the kinds and keys), read
 * from YAML into plain data that keeps where each setting was written. */
#pragma once
#include <glib.h>

#include "config/where.h"

typedef enum
{
  DXI_LOOKUP_CSV,
  DXI_LOOKUP_POSTCODE,
  DXI_LOOKUP_CROSSWALK,
  DXI_LOOKUP_CHAIN,
  DXI_LOOKUP_OVERLAP,
  DXI_LOOKUP_APPORTION,
} DxiLookupKind;

/* The kind names as written in YAML, indexed by DxiLookupKind. */
extern const char *const dxi_lookup_kind_names[];

typedef struct dxi_lookup_config
{
  char *name;
  dxi_where where; /* the definition */
  DxiLookupKind kind;
  dxi_where kind_where; /* its `kind:` */
  /* csv, postcode, crosswalk, apportion: the table (resolved path). */
  char *file;
  dxi_where file_where;
  char *from_column, *to_column, *weight_column, *change_column;
  gboolean apportions;
  /* chain */
  GStrv steps;
  dxi_where *step_where;
  /* overlap */
  char *from_areas, *from_code_field, *from_layer;
  dxi_where from_areas_where;
  /* apportion */
  char *part_column, *parts, *part_weight, *best_fit;
  dxi_where parts_where, part_weight_where, best_fit_where;
  gboolean shared; /* assign: shared (default largest) */
} dxi_lookup_config;

/* Parse the lookup NAME defined by NODE. */
dxi_lookup_config *dxi_lookup_config_from_yaml (const char *name, const dxi_ynode *node,
                                                GError **error);
void dxi_lookup_config_free (dxi_lookup_config *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_lookup_config, dxi_lookup_config_free)
