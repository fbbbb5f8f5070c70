/* The row filter every table shape shares (row-filter.h). */
#include "inputs/row-filter.h"

#include <string.h>

#include "core/error.h"
#include "core/suggest.h"

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
