#include "writers/csv.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/numfmt.h"

void
dxi_csv_text (GString *out, const char *text)
{
  if (text == NULL)
    return;
  gboolean formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  gboolean quote = formula || strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

void
dxi_csv_number (GString *out, double value)
{
  if (isnan (value))
    return;
  char buf[DXI_NUMFMT_SIZE];
  gsize len = dxi_numfmt_shortest (buf, value);
  g_string_append_len (out, buf, (gssize) len);
}

gboolean
dxi_write_file (const char *path, const char *text, gsize len, GError **error)
{
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  gboolean ok = fwrite (text, 1, len, f) == len;
  int saved = errno;
  if (fclose (f) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok)
    g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path, g_strerror (saved));
  return ok;
}

gboolean
dxi_csv_write_frame (const dxi_frame *frame, const char *code_header, const char *const *columns,
                     const char *path, GError **error)
{
  g_autoptr (GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < dxi_frame_n_cols (frame); c++)
    if (columns == NULL || g_strv_contains (columns, dxi_frame_column_name (frame, c)))
      g_array_append_val (cols, c);
  g_autoptr (GString) out = g_string_new (NULL);
  dxi_csv_text (out, code_header);
  g_string_append (out, ",name");
  for (guint i = 0; i < cols->len; i++)
    {
      g_string_append_c (out, ',');
      dxi_csv_text (out, dxi_frame_column_name (frame, g_array_index (cols, guint, i)));
    }
  g_string_append_c (out, '\n');
  for (guint r = 0; r < dxi_frame_n_rows (frame); r++)
    {
      dxi_csv_text (out, dxi_frame_code (frame, r));
      g_string_append_c (out, ',');
      dxi_csv_text (out, dxi_frame_name (frame, r));
      for (guint i = 0; i < cols->len; i++)
        {
          g_string_append_c (out, ',');
          dxi_csv_number (out, dxi_frame_get (frame, r, g_array_index (cols, guint, i)));
        }
      g_string_append_c (out, '\n');
    }
  return dxi_write_file (path, out->str, out->len, error);
}
