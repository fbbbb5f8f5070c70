#include "inputs/delimited.h"

#include <cpl_vsi.h>
#include <errno.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"

struct dxi_delimited
{
  char *path;
  GMappedFile *file; /* the file as it is, or */
  GBytes *inflated;  /* a .gz file's contents */
  const char *p, *end;
  guint line;
  guint open_quote_line; /* line of a quote still open at the end, or 0 */
  GPtrArray *fields;     /* char * into buf */
  GString *buf;          /* this row's unquoted text, NUL-separated */
  GArray *offsets;       /* start of each field in buf */
};

/* A reader over TEXT (LEN bytes, borrowed; NULL when empty: then p == end ==
 * NULL, no arithmetic on a null pointer, which reads as no rows). */
static dxi_delimited *
dxi_delimited_open_text (const char *path, const char *text, gsize len)
{
  dxi_delimited *csv = g_new0 (dxi_delimited, 1);
  csv->path = g_strdup (path);
  csv->p = text;
  csv->end = text ? text + len : NULL;
  if (csv->p && csv->end - csv->p >= 3 && memcmp (csv->p, "\xEF\xBB\xBF", 3) == 0)
    csv->p += 3;
  csv->line = 1;
  csv->fields = g_ptr_array_new ();
  csv->buf = g_string_sized_new (1024);
  csv->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  return csv;
}

/* The largest table read from a .gz file, inflated. */
#define MAX_INFLATED ((vsi_l_offset) 2 << 30)

/* A gzip-compressed table (as data/national/ bundles them), inflated in
 * memory through GDAL's /vsigzip/. */
static GBytes *
inflate_gz (const char *path, GError **error)
{
  g_autofree char *vsi = g_strconcat ("/vsigzip/", path, NULL);
  GByte *data = NULL;
  vsi_l_offset len = 0;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': No such file or directory",
                   path);
      return NULL;
    }
  if (!VSIIngestFile (NULL, vsi, &data, &len, MAX_INFLATED))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot read '%s': not a readable gzip file",
                   path);
      return NULL;
    }
  GBytes *bytes = g_bytes_new (data, (gsize) len);
  VSIFree (data);
  return bytes;
}

dxi_delimited *
dxi_delimited_open (const char *path, GError **error)
{
  if (g_str_has_suffix (path, ".gz"))
    {
      GBytes *bytes = inflate_gz (path, error);
      if (bytes == NULL)
        return NULL;
      gsize len = 0;
      const char *text = g_bytes_get_data (bytes, &len);
      dxi_delimited *csv = dxi_delimited_open_text (path, len ? text : NULL, len);
      csv->inflated = bytes;
      return csv;
    }
  g_autoptr (GError) local = NULL;
  GMappedFile *file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", path,
                   local->code == G_FILE_ERROR_NOENT ? "No such file or directory"
                                                     : local->message);
      return NULL;
    }
  /* An empty file maps to NULL contents. */
  dxi_delimited *csv = dxi_delimited_open_text (path, g_mapped_file_get_contents (file),
                                                g_mapped_file_get_length (file));
  csv->file = file;
  return csv;
}

void
dxi_delimited_free (dxi_delimited *csv)
{
  if (csv == NULL)
    return;
  if (csv->file)
    g_mapped_file_unref (csv->file);
  if (csv->inflated)
    g_bytes_unref (csv->inflated);
  g_ptr_array_unref (csv->fields);
  g_string_free (csv->buf, TRUE);
  g_array_unref (csv->offsets);
  g_free (csv->path);
  g_free (csv);
}

const char *
dxi_delimited_path (const dxi_delimited *csv)
{
  return csv->path;
}

gboolean
dxi_delimited_next (dxi_delimited *csv, char ***fields, guint *n, guint *line)
{
  const char *p = csv->p, *end = csv->end;
  if (p == NULL || p >= end)
    return FALSE;
  *line = csv->line;
  g_string_truncate (csv->buf, 0);
  g_array_set_size (csv->offsets, 0);
  gsize start = 0;
  g_array_append_val (csv->offsets, start);
  gboolean quoted = FALSE;
  while (p < end)
    {
      char c = *p;
      if (quoted)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (csv->buf, '"');
              p += 2;
              continue;
            }
          if (c == '"')
            {
              quoted = FALSE;
              csv->open_quote_line = 0;
            }
          else
            {
              if (c == '\n')
                csv->line++;
              g_string_append_c (csv->buf, c);
            }
          p++;
          continue;
        }
      if (c == '"')
        {
          quoted = TRUE;
          csv->open_quote_line = csv->line;
          p++;
        }
      else if (c == ',')
        {
          g_string_append_c (csv->buf, '\0');
          start = csv->buf->len;
          g_array_append_val (csv->offsets, start);
          p++;
        }
      else if (c == '\r' || c == '\n')
        {
          p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
          csv->line++;
          break;
        }
      else
        {
          /* Copy a run of ordinary bytes at once. */
          const char *q = p;
          while (q < end && *q != ',' && *q != '"' && *q != '\r' && *q != '\n')
            q++;
          g_string_append_len (csv->buf, p, q - p);
          p = q;
        }
    }
  csv->p = p;
  if (quoted)
    {
      csv->p = end; /* the rest of the file is one unterminated field */
      return FALSE;
    }
  csv->open_quote_line = 0;
  g_ptr_array_set_size (csv->fields, 0);
  for (guint i = 0; i < csv->offsets->len; i++)
    g_ptr_array_add (csv->fields, csv->buf->str + g_array_index (csv->offsets, gsize, i));
  *n = csv->fields->len;
  g_ptr_array_add (csv->fields, NULL); /* so the row is also a GStrv */
  *fields = (char **) csv->fields->pdata;
  return TRUE;
}

gboolean
dxi_delimited_finish (const dxi_delimited *csv, GError **error)
{
  if (csv->open_quote_line == 0)
    return TRUE;
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
               "%s:%u: a quoted field is never closed (a '\"' is missing)", csv->path,
               csv->open_quote_line);
  return FALSE;
}
