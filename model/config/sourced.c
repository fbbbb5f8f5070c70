#include "config/sourced.h"

gboolean
dxi_sourced_read (const dxi_ynode *node, double *value, const char **source, GError **error)
{
  static const char *const keys[] = { "value", "source", NULL };
  return dxi_ynode_check_keys (node, keys, error)
         && dxi_ynode_get_double (node, "value", TRUE, value, error)
         && dxi_ynode_get_string (node, "source", TRUE, source, error);
}
