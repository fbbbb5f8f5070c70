/* The YAML document: load any text, then ask every node for every type, as
 * the stages do (the getters must fail cleanly, never crash). */
#include "common.h"
#include "core/ydoc.h"

static const char *const choices[] = { "deri", "iod", "jrc", "minmax", "zscore", "rank", NULL };

static void
probe (const dxi_ynode *node)
{
  double d;
  gint64 i;
  gboolean b;
  int c;
  GError *error = NULL;
  dxi_ynode_string (node, &error);
  g_clear_error (&error);
  dxi_ynode_double (node, &d, &error);
  g_clear_error (&error);
  dxi_ynode_int (node, &i, &error);
  g_clear_error (&error);
  dxi_ynode_bool (node, &b, &error);
  g_clear_error (&error);
  dxi_ynode_choice (node, choices, &c, &error);
  g_clear_error (&error);
  g_free (dxi_ynode_path (node, &error));
  g_clear_error (&error);
  dxi_ynode_is_null (node);
  if (node->kind == DXI_YNODE_SCALAR && node->value)
    dxi_suggest (node->value, choices);
  if (node->kind != DXI_YNODE_MAP)
    return;
  dxi_ynode_check_keys (node, choices, &error);
  g_clear_error (&error);
  for (guint k = 0; k < dxi_ynode_len (node); k++)
    {
      const char *key = dxi_ynode_key_at (node, k)->value;
      dxi_ynode_get (node, key);
      dxi_ynode_get_double (node, key, TRUE, &d, &error);
      g_clear_error (&error);
      dxi_ynode_get_choice (node, key, FALSE, choices, &c, &error);
      g_clear_error (&error);
    }
  dxi_ynode_get_int (node, "missing", TRUE, &i, &error);
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("fuzz/doc.yaml", (const char *) data, (gssize) size, &error);
  if (doc == NULL)
    return fuzz_report ("ydoc", error);
  for (guint n = 0; n < doc->nodes->len; n++)
    probe (doc->nodes->pdata[n]);
  return fuzz_report ("ydoc", error);
}
