#include "config/sourced.h"

gboolean
dxi_sourced_read (const dxi_ynode *node, double *value, const char **source, GError **error)
{
  static const char *const keys[] = { "value", "source", NULL };
  return dxi_ynode_check_keys (node, keys, error)
         && dxi_ynode_get_double (node, "value", TRUE, value, error)
         && dxi_ynode_get_string (node, "source", TRUE, source, error);
}

gboolean
dxi_sourced_deflator (const dxi_ynode *node, const char **source, GHashTable *index,
                      const dxi_ynode **index_node, GError **error)
{
  static const char *const keys[] = { "source", "index", NULL };
  const dxi_ynode *map = *index_node = dxi_ynode_get (node, "index");
  if (map == NULL)
    {
      dxi_ynode_error (node, error, "the deflator needs 'index' ({year: value})");
      return FALSE;
    }
  if (!dxi_ynode_check_keys (node, keys, error)
      || !dxi_ynode_get_string (node, "source", TRUE, source, error)
      || !dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      gint64 year = 0;
      double v = 0;
      if (!dxi_ynode_int (dxi_ynode_key_at (map, i), &year, error)
          || !dxi_ynode_double (dxi_ynode_at (map, i), &v, error))
        return FALSE;
      if (!(v > 0))
        {
          dxi_ynode_error (dxi_ynode_at (map, i), error,
                           "a deflator index value must be above 0, found %g", v);
          return FALSE;
        }
      g_hash_table_insert (index, GINT_TO_POINTER ((int) year), g_memdup2 (&v, sizeof v));
    }
  return TRUE;
}
