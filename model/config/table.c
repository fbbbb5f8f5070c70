#include "config/table.h"

#include "core/ydoc.h"

const char *const dxi_table_shape_names[] = { "wide", "long", "nomis", "ogr", NULL };

static void
wheres_free (dxi_where *wheres, guint n)
{
  for (guint i = 0; wheres && i < n; i++)
    dxi_where_clear (&wheres[i]);
  g_free (wheres);
}

void
dxi_filter_config_free (dxi_filter_config *filter)
{
  if (filter == NULL)
    return;
  dxi_where_clear (&filter->where);
  wheres_free (filter->column_where, filter->values->len);
  g_strfreev (filter->columns);
  g_ptr_array_unref (filter->values);
  g_free (filter);
}

void
dxi_table_config_free (dxi_table_config *config)
{
  if (config == NULL)
    return;
  dxi_where_clear (&config->where);
  dxi_where_clear (&config->file_where);
  g_free (config->path);
  g_free (config->code_column);
  g_free (config->name_column);
  g_strfreev (config->columns);
  g_strfreev (config->renames);
  g_free (config->prefix);
  g_strfreev (config->exclude);
  g_free (config->category_column);
  g_free (config->value_column);
  g_strfreev (config->categories);
  dxi_filter_config_free (config->filter);
  wheres_free (config->marker_where,
               config->missing_markers ? g_strv_length (config->missing_markers) : 0);
  g_strfreev (config->missing_markers);
  g_free (config->layer);
  g_free (config);
}

/* One value or a non-empty list of values, as a GStrv. */
static GStrv
filter_values (const dxi_ynode *node, GError **error)
{
  if (node->kind == DXI_YNODE_SEQ && dxi_ynode_len (node) == 0)
    {
      dxi_ynode_error (node, error, "a filter needs at least one value to keep");
      return NULL;
    }
  return dxi_ynode_strv (node, error);
}

dxi_filter_config *
dxi_filter_config_from_yaml (const dxi_ynode *node, GError **error)
{
  if (!dxi_ynode_expect (node, DXI_YNODE_MAP, error))
    return NULL;
  g_autoptr (dxi_filter_config) filter = g_new0 (dxi_filter_config, 1);
  guint n = dxi_ynode_len (node);
  filter->where = dxi_where_of (node);
  filter->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  filter->column_where = g_new0 (dxi_where, n);
  filter->columns = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GStrv values = filter_values (dxi_ynode_at (node, i), error);
      if (values == NULL)
        return NULL;
      filter->columns[i] = g_strdup (dxi_ynode_key_at (node, i)->value);
      filter->column_where[i] = dxi_where_of (dxi_ynode_key_at (node, i));
      g_ptr_array_add (filter->values, values);
    }
  return g_steal_pointer (&filter);
}

static gboolean
parse_columns (dxi_table_config *spec, const dxi_ynode *list, GError **error)
{
  static const char *const keys[] = { "column", "as", NULL };
  if (!dxi_ynode_expect (list, DXI_YNODE_SEQ, error))
    return FALSE;
  g_autoptr (GStrvBuilder) cols = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  for (guint i = 0; i < dxi_ynode_len (list); i++)
    {
      const dxi_ynode *item = dxi_ynode_at (list, i);
      const char *col = NULL, *as = NULL;
      if (item->kind == DXI_YNODE_SCALAR)
        col = as = item->value;
      else if (!dxi_ynode_check_keys (item, keys, error)
               || !dxi_ynode_get_string (item, "column", TRUE, &col, error)
               || !dxi_ynode_get_string (item, "as", FALSE, &as, error))
        return FALSE;
      g_strv_builder_add (cols, col);
      g_strv_builder_add (names, as ? as : col);
    }
  spec->columns = g_strv_builder_end (cols);
  spec->renames = g_strv_builder_end (names);
  return TRUE;
}

/* A list of strings (a single string is not one). */
static gboolean
parse_strings (const dxi_ynode *list, GStrv *out, GError **error)
{
  if (!dxi_ynode_expect (list, DXI_YNODE_SEQ, error))
    return FALSE;
  *out = dxi_ynode_strv (list, error);
  return *out != NULL;
}

static gboolean
parse_markers (dxi_table_config *spec, const dxi_ynode *list, GError **error)
{
  if (!parse_strings (list, &spec->missing_markers, error))
    return FALSE;
  spec->marker_where = g_new0 (dxi_where, dxi_ynode_len (list));
  for (guint i = 0; i < dxi_ynode_len (list); i++)
    spec->marker_where[i] = dxi_where_of (dxi_ynode_at (list, i));
  return TRUE;
}

static gboolean
check_table_keys (const dxi_ynode *node, const char *const *extra, GError **error)
{
  static const char *const keys[] = { "file",
                                      "shape",
                                      "code_column",
                                      "name_column",
                                      "columns",
                                      "prefix",
                                      "exclude",
                                      "category_column",
                                      "value_column",
                                      "categories",
                                      "filter",
                                      "layer",
                                      "missing_markers",
                                      NULL };
  g_autoptr (GPtrArray) allowed = g_ptr_array_new ();
  for (guint i = 0; keys[i]; i++)
    g_ptr_array_add (allowed, (gpointer) keys[i]);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (allowed, (gpointer) extra[i]);
  g_ptr_array_add (allowed, NULL);
  return dxi_ynode_check_keys (node, (const char *const *) allowed->pdata, error);
}

/* Every member but `file`, in the order the messages have always come. */
static gboolean
parse_members (dxi_table_config *spec, const dxi_ynode *node, int *shape, GError **error)
{
  const char *code = NULL, *name = NULL, *prefix = NULL, *cat = NULL, *val = NULL, *layer = NULL;
  const dxi_ynode *columns = dxi_ynode_get (node, "columns");
  const dxi_ynode *categories = dxi_ynode_get (node, "categories");
  const dxi_ynode *filter = dxi_ynode_get (node, "filter");
  const dxi_ynode *exclude = dxi_ynode_get (node, "exclude");
  const dxi_ynode *markers = dxi_ynode_get (node, "missing_markers");
  gboolean ok
      = dxi_ynode_get_choice (node, "shape", FALSE, dxi_table_shape_names, shape, error)
        && dxi_ynode_get_string (node, "code_column", *shape != DXI_SHAPE_NOMIS, &code, error)
        && dxi_ynode_get_string (node, "name_column", FALSE, &name, error)
        && dxi_ynode_get_string (node, "prefix", FALSE, &prefix, error)
        && dxi_ynode_get_string (node, "category_column", *shape == DXI_SHAPE_LONG, &cat, error)
        && dxi_ynode_get_string (node, "value_column", *shape == DXI_SHAPE_LONG, &val, error)
        && dxi_ynode_get_string (node, "layer", FALSE, &layer, error)
        && (columns == NULL || parse_columns (spec, columns, error))
        && (categories == NULL || parse_strings (categories, &spec->categories, error))
        && (exclude == NULL || parse_strings (exclude, &spec->exclude, error))
        && (filter == NULL || (spec->filter = dxi_filter_config_from_yaml (filter, error)))
        && (markers == NULL || parse_markers (spec, markers, error));
  spec->code_column = g_strdup (code);
  spec->name_column = g_strdup (name);
  spec->prefix = g_strdup (prefix);
  spec->category_column = g_strdup (cat);
  spec->value_column = g_strdup (val);
  spec->layer = g_strdup (layer);
  return ok;
}

dxi_table_config *
dxi_table_config_from_yaml (const dxi_ynode *node, const char *const *extra, GError **error)
{
  if (!check_table_keys (node, extra, error))
    return NULL;
  g_autoptr (dxi_table_config) spec = g_new0 (dxi_table_config, 1);
  spec->where = dxi_where_of (node);
  if (!dxi_ynode_get_path (node, "file", TRUE, &spec->path, error))
    return NULL;
  spec->file_where = dxi_where_of (dxi_ynode_get (node, "file"));
  int shape = g_str_has_suffix (spec->path, ".xlsx") || g_str_has_suffix (spec->path, ".ods")
                      || g_str_has_suffix (spec->path, ".gpkg")
                  ? DXI_SHAPE_OGR
                  : DXI_SHAPE_WIDE;
  if (!parse_members (spec, node, &shape, error))
    return NULL;
  const char *misplaced = shape == DXI_SHAPE_LONG ? (spec->columns  ? "columns"
                                                     : spec->prefix ? "prefix"
                                                                    : NULL)
                                                  : (spec->category_column ? "category_column"
                                                     : spec->value_column  ? "value_column"
                                                     : spec->categories    ? "categories"
                                                                           : NULL);
  if (misplaced)
    {
      dxi_ynode_error (node, error, "'%s' does not apply to a %s table", misplaced,
                       dxi_table_shape_names[shape]);
      return NULL;
    }
  spec->shape = shape;
  return g_steal_pointer (&spec);
}
