#include "config/where.h"

#include "core/error.h"
#include "core/ydoc.h"

dxi_where
dxi_where_of (const dxi_ynode *node)
{
  if (node == NULL)
    return (dxi_where){ 0 };
  return (dxi_where){ g_strdup (node->doc->path), node->line, node->col };
}

dxi_where
dxi_where_copy (const dxi_where *where)
{
  return (dxi_where){ g_strdup (where->file), where->line, where->col };
}

void
dxi_where_clear (dxi_where *where)
{
  g_clear_pointer (&where->file, g_free);
}

char *
dxi_where_text (const dxi_where *where)
{
  if (where->file == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s:%u:%u", where->file, where->line, where->col);
}

void
dxi_where_error (const dxi_where *where, GError **error, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (where->file == NULL)
    g_set_error_literal (error, DXI_ERROR, DXI_ERROR_CONFIG, msg);
  else
    g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s:%u:%u: %s", where->file, where->line,
                 where->col, msg);
}

void
dxi_where_prefix (const dxi_where *where, GError **error, const char *format, ...)
{
  if (error == NULL || *error == NULL || where->file == NULL
      || g_str_has_prefix ((*error)->message, where->file))
    return;
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_prefix_error (error, "%s:%u:%u: %s", where->file, where->line, where->col, msg);
}
