#include "core/error.h"

#include <string.h>

G_DEFINE_QUARK (dxi - error - quark, dxi_error)

void
dxi_error_prefix (GError **error, const char *format, ...)
{
  if (error == NULL || *error == NULL)
    return;
  va_list ap;
  va_start (ap, format);
  g_autofree char *prefix = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* "file: " before a message that already starts "file:line:col: " would say the file twice. */
  gsize n = strlen (prefix);
  if (g_str_has_suffix (prefix, ": ") && strncmp ((*error)->message, prefix, n - 1) == 0)
    return;
  g_prefix_error (error, "%s", prefix);
}
