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

struct dxi_row_filter
{
  char *where;        /* "file:line:col" of the `filter:` mapping */
  GStrv column_where; /* "file:line:col" of each column's key */
  GStrv columns;
  GPtrArray *values; /* GStrv per column */
  int *at;           /* header index per column, once bound */
  GPtrArray *seen;   /* per column: a few of the values met, for a message */
  guint n_rows, n_kept;
};

/* Values of one column kept for the message of a filter that keeps nothing. */
#define SEEN_MAX 8

void
dxi_row_filter_free (dxi_row_filter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->where);
  g_strfreev (filter->column_where);
  g_strfreev (filter->columns);
  g_ptr_array_unref (filter->values);
  g_ptr_array_unref (filter->seen);
  g_free (filter->at);
  g_free (filter);
}

dxi_row_filter *
dxi_row_filter_new (const dxi_filter_config *config)
{
  dxi_row_filter *filter = g_new0 (dxi_row_filter, 1);
  guint n = config->values->len;
  filter->where = dxi_where_text (&config->where);
  filter->columns = g_strdupv (config->columns);
  filter->column_where = g_new0 (char *, n + 1);
  filter->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  filter->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < n; i++)
    {
      filter->column_where[i] = dxi_where_text (&config->column_where[i]);
      g_ptr_array_add (filter->values, g_strdupv (config->values->pdata[i]));
      g_ptr_array_add (filter->seen, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
    }
  return filter;
}

gboolean
dxi_row_filter_bind (dxi_row_filter *filter, const char *path, char **header, guint n,
                     GError **error)
{
  guint n_cols = g_strv_length (filter->columns);
  g_free (filter->at);
  filter->at = g_new (int, n_cols + 1);
  for (guint i = 0; i < n_cols; i++)
    {
      filter->at[i] = -1;
      for (guint c = 0; c < n && filter->at[i] < 0; c++)
        if (g_str_equal (header[c], filter->columns[i]))
          filter->at[i] = (int) c;
      if (filter->at[i] >= 0)
        continue;
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      for (guint c = 0; c < n; c++)
        g_ptr_array_add (names, header[c]);
      g_ptr_array_add (names, NULL);
      const char *near = dxi_suggest (filter->columns[i], (const char *const *) names->pdata);
      g_autofree char *list = dxi_choices_join ((const char *const *) names->pdata);
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                   "%s: filter: no column '%s' in '%s' (%s%s%scolumns: %s)",
                   filter->column_where[i], filter->columns[i], path, near ? "did you mean '" : "",
                   near ? near : "", near ? "'? " : "", list);
      return FALSE;
    }
  return TRUE;
}

gboolean
dxi_row_filter_keeps (dxi_row_filter *filter, char **fields)
{
  filter->n_rows++;
  for (guint i = 0; filter->columns[i]; i++)
    {
      const char *v = fields[filter->at[i]];
      GHashTable *seen = filter->seen->pdata[i];
      if (g_hash_table_size (seen) < SEEN_MAX && !g_hash_table_contains (seen, v))
        g_hash_table_add (seen, g_strdup (v));
      if (!g_strv_contains ((const char *const *) filter->values->pdata[i], v))
        return FALSE;
    }
  filter->n_kept++;
  return TRUE;
}

char *
dxi_row_filter_describe (const dxi_row_filter *filter)
{
  GString *s = g_string_new ("the filter '");
  for (guint i = 0; filter->columns[i]; i++)
    {
      g_autofree char *joined = g_strjoinv (", ", filter->values->pdata[i]);
      g_string_append_printf (s, "%s%s: %s", i ? "; " : "", filter->columns[i], joined);
    }
  g_string_append_printf (s, "' kept %u of the file's %u rows", filter->n_kept, filter->n_rows);
  return g_string_free (s, FALSE);
}

static gint
by_text (gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
dxi_row_filter_none_kept (const dxi_row_filter *filter, const char *path, GError **error)
{
  GString *held = g_string_new (NULL);
  for (guint i = 0; filter->columns[i]; i++)
    {
      g_autofree gpointer *values = g_hash_table_get_keys_as_array (filter->seen->pdata[i], NULL);
      g_qsort_with_data (values, g_hash_table_size (filter->seen->pdata[i]), sizeof (gpointer),
                         by_text, NULL);
      g_autofree char *list = dxi_choices_join ((const char *const *) values);
      g_string_append_printf (held, "%s'%s' holds %s%s", i ? "; " : "", filter->columns[i], list,
                              g_hash_table_size (filter->seen->pdata[i]) >= SEEN_MAX ? ", ..."
                                                                                     : "");
    }
  g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: no row of '%s' matches the filter (%s)",
               filter->where, path, held->str);
  g_string_free (held, TRUE);
  return FALSE;
}

const int *
dxi_row_filter_columns (const dxi_row_filter *filter, guint *n_columns)
{
  *n_columns = g_strv_length (filter->columns);
  return filter->at;
}

gboolean
dxi_delimited_is_missing_marker (const char *text, const char *const *markers)
{
  if (markers == NULL)
    return FALSE;
  while (*text == ' ')
    text++;
  gsize len = strlen (text);
  while (len > 0 && text[len - 1] == ' ')
    len--;
  for (guint i = 0; markers[i]; i++)
    if (strlen (markers[i]) == len && strncmp (markers[i], text, len) == 0)
      return TRUE;
  return FALSE;
}
