#include "config/lookup.h"

#include "core/ydoc.h"

const char *const dxi_lookup_kind_names[]
    = { "csv", "postcode", "crosswalk", "chain", "overlap", "apportion", NULL };

void
dxi_lookup_config_free (dxi_lookup_config *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  dxi_where_clear (&c->where);
  dxi_where_clear (&c->kind_where);
  g_free (c->file);
  dxi_where_clear (&c->file_where);
  g_free (c->from_column);
  g_free (c->to_column);
  g_free (c->weight_column);
  g_free (c->change_column);
  for (guint i = 0; c->steps && c->steps[i]; i++)
    dxi_where_clear (&c->step_where[i]);
  g_free (c->step_where);
  g_strfreev (c->steps);
  g_free (c->from_areas);
  g_free (c->from_code_field);
  g_free (c->from_layer);
  dxi_where_clear (&c->from_areas_where);
  g_free (c->part_column);
  g_free (c->parts);
  g_free (c->part_weight);
  g_free (c->best_fit);
  dxi_where_clear (&c->parts_where);
  dxi_where_clear (&c->part_weight_where);
  dxi_where_clear (&c->best_fit_where);
  g_free (c);
}

/* A string member (absent: *OUT unchanged), copied. */
static gboolean
get_string (const dxi_ynode *node, const char *key, gboolean required, char **out, GError **error)
{
  const char *value = NULL;
  if (!dxi_ynode_get_string (node, key, required, &value, error))
    return FALSE;
  if (value)
    {
      g_free (*out);
      *out = g_strdup (value);
    }
  return TRUE;
}

static gboolean
parse_chain (dxi_lookup_config *c, const dxi_ynode *node, GError **error)
{
  const dxi_ynode *steps = dxi_ynode_get (node, "steps");
  if (steps == NULL)
    {
      dxi_ynode_error (node, error, "a chain needs 'steps' (a list of lookup names)");
      return FALSE;
    }
  if (!dxi_ynode_expect (steps, DXI_YNODE_SEQ, error))
    return FALSE;
  guint n = dxi_ynode_len (steps);
  if (n < 2)
    {
      dxi_ynode_error (steps, error, "a chain needs at least two steps");
      return FALSE;
    }
  c->steps = g_new0 (char *, n + 1);
  c->step_where = g_new0 (dxi_where, n);
  for (guint i = 0; i < n; i++)
    {
      const dxi_ynode *step = dxi_ynode_at (steps, i);
      const char *name = dxi_ynode_string (step, error);
      if (name == NULL)
        return FALSE;
      if (g_str_equal (name, c->name))
        {
          dxi_ynode_error (step, error, "lookup '%s' cannot be a step of itself", c->name);
          return FALSE;
        }
      c->steps[i] = g_strdup (name);
      c->step_where[i] = dxi_where_of (step);
    }
  return TRUE;
}

static gboolean
parse_overlap (dxi_lookup_config *c, const dxi_ynode *node, GError **error)
{
  if (!dxi_ynode_get_path (node, "from_areas", TRUE, &c->from_areas, error)
      || !get_string (node, "from_code_field", TRUE, &c->from_code_field, error)
      || !get_string (node, "from_layer", FALSE, &c->from_layer, error))
    return FALSE;
  c->from_areas_where = dxi_where_of (dxi_ynode_get (node, "from_areas"));
  return TRUE;
}

static gboolean
parse_apportion (dxi_lookup_config *c, const dxi_ynode *node, GError **error)
{
  static const char *const assigns[] = { "largest", "shared", NULL };
  int assign = 0;
  if (!get_string (node, "best_fit", FALSE, &c->best_fit, error)
      || !dxi_ynode_get_path (node, "file", TRUE, &c->file, error)
      || !get_string (node, "from_column", TRUE, &c->from_column, error)
      || !get_string (node, "part_column", TRUE, &c->part_column, error)
      || !get_string (node, "parts", TRUE, &c->parts, error)
      || !get_string (node, "part_weight", TRUE, &c->part_weight, error)
      || !dxi_ynode_get_choice (node, "assign", FALSE, assigns, &assign, error))
    return FALSE;
  c->shared = assign == 1;
  c->file_where = dxi_where_of (dxi_ynode_get (node, "file"));
  c->best_fit_where = dxi_where_of (dxi_ynode_get (node, "best_fit"));
  c->parts_where = dxi_where_of (dxi_ynode_get (node, "parts"));
  c->part_weight_where = dxi_where_of (dxi_ynode_get (node, "part_weight"));
  if (c->best_fit && g_str_equal (c->best_fit, c->name))
    {
      dxi_where_error (&c->best_fit_where, error, "lookup '%s' cannot be its own best fit",
                       c->name);
      return FALSE;
    }
  if (g_str_equal (c->parts, c->name))
    {
      dxi_where_error (&c->parts_where, error, "lookup '%s' cannot take its parts through itself",
                       c->name);
      return FALSE;
    }
  return TRUE;
}

/* csv, postcode, crosswalk: a table of code pairs. */
static gboolean
parse_pairs (dxi_lookup_config *c, const dxi_ynode *node, GError **error)
{
  static const char *const default_from[] = { NULL, NULL, "lsoa11_code" };
  static const char *const default_to[] = { NULL, NULL, "lsoa21_code" };
  c->from_column = g_strdup (default_from[c->kind]);
  c->to_column = g_strdup (default_to[c->kind]);
  c->change_column = g_strdup ("change_code");
  if (!dxi_ynode_get_bool (node, "apportions", FALSE, &c->apportions, error)
      || !dxi_ynode_get_path (node, "file", TRUE, &c->file, error)
      || !get_string (node, "from_column", c->from_column == NULL, &c->from_column, error)
      || !get_string (node, "to_column", c->to_column == NULL, &c->to_column, error)
      || !get_string (node, "weight_column", FALSE, &c->weight_column, error)
      || !get_string (node, "change_column", FALSE, &c->change_column, error))
    return FALSE;
  c->file_where = dxi_where_of (dxi_ynode_get (node, "file"));
  return TRUE;
}

dxi_lookup_config *
dxi_lookup_config_from_yaml (const char *name, const dxi_ynode *node, GError **error)
{
  static const char *const keys[]
      = { "kind",          "file",        "from_column", "to_column",       "weight_column",
          "change_column", "steps",       "from_areas",  "from_code_field", "from_layer",
          "apportions",    "part_column", "parts",       "part_weight",     "assign",
          "best_fit",      NULL };
  int kind = 0;
  if (!dxi_ynode_check_keys (node, keys, error)
      || !dxi_ynode_get_choice (node, "kind", TRUE, dxi_lookup_kind_names, &kind, error))
    return NULL;
  g_autoptr (dxi_lookup_config) c = g_new0 (dxi_lookup_config, 1);
  c->name = g_strdup (name);
  c->where = dxi_where_of (node);
  c->kind = kind;
  c->kind_where = dxi_where_of (dxi_ynode_get (node, "kind"));
  gboolean ok;
  if (kind == DXI_LOOKUP_CHAIN)
    ok = parse_chain (c, node, error);
  else if (kind == DXI_LOOKUP_OVERLAP)
    ok = parse_overlap (c, node, error);
  else if (kind == DXI_LOOKUP_APPORTION)
    ok = parse_apportion (c, node, error);
  else
    ok = parse_pairs (c, node, error);
  return ok ? g_steal_pointer (&c) : NULL;
}
