/* A table read straight from its YAML definition, for the tests and fuzzers
 * (dxi itself reads definitions in config/ and builds specs in inputs/). */
#pragma once
#include "config/table.h"
#include "inputs/table.h"

static inline dxi_table_spec *
table_spec_from_yaml (const dxi_ynode *node, const char *const *extra, GError **error)
{
  g_autoptr (dxi_table_config) config = dxi_table_config_from_yaml (node, extra, error);
  return config ? dxi_table_spec_new (config, error) : NULL;
}
