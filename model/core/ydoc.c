#include "core/ydoc.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/error.h"
#include "core/suggest.h"

/* Parser state while building the tree from libyaml events. */
typedef struct
{
  dxi_ydoc *doc;
  yaml_parser_t parser;
  GHashTable *anchors; /* anchor name -> dxi_ynode * (borrowed) */
  guint n_nodes;       /* nodes made, aliases counted at their full size */
} loader;

static dxi_ynode *
node_new (loader *ld, DxiYNodeKind kind, const yaml_mark_t *mark)
{
  dxi_ynode *node = g_new0 (dxi_ynode, 1);
  node->kind = kind;
  node->line = (guint) mark->line + 1;
  node->col = (guint) mark->column + 1;
  node->doc = ld->doc;
  if (kind != DXI_YNODE_SCALAR)
    node->items = g_ptr_array_new ();
  if (kind == DXI_YNODE_MAP)
    node->keys = g_ptr_array_new ();
  g_ptr_array_add (ld->doc->nodes, node);
  ld->n_nodes++;
  return node;
}

static void
node_free (gpointer data)
{
  dxi_ynode *node = data;
  g_free (node->value);
  if (node->items)
    g_ptr_array_unref (node->items);
  if (node->keys)
    g_ptr_array_unref (node->keys);
  g_free (node);
}

static gboolean
fail_at (loader *ld, const yaml_mark_t *mark, GError **error, const char *what)
{
  g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s:%zu:%zu: %s", ld->doc->path, mark->line + 1,
               mark->column + 1, what);
  return FALSE;
}

static gboolean
parser_fail (loader *ld, GError **error)
{
  const yaml_parser_t *p = &ld->parser;
  g_autofree char *what = g_strdup_printf ("%s%s%s", p->problem ? p->problem : "invalid YAML",
                                           p->context ? " " : "", p->context ? p->context : "");
  return fail_at (ld, &p->problem_mark, error, what);
}

/* Count an alias's whole subtree against the node limit: this is what stops
 * a "billion laughs" document, where each alias doubles the expanded size. */
static guint
subtree_size (const dxi_ynode *node)
{
  guint n = 1;
  if (node->items)
    for (guint i = 0; i < node->items->len; i++)
      n += subtree_size (node->items->pdata[i]);
  return n;
}

static dxi_ynode *parse_node (loader *ld, yaml_event_t *event, guint depth, GError **error);

static gboolean
next_event (loader *ld, yaml_event_t *event, GError **error)
{
  if (!yaml_parser_parse (&ld->parser, event))
    return parser_fail (ld, error);
  return TRUE;
}

static void
remember_anchor (loader *ld, const yaml_char_t *anchor, dxi_ynode *node)
{
  if (anchor)
    g_hash_table_insert (ld->anchors, g_strdup ((const char *) anchor), node);
}

static gboolean
parse_children (loader *ld, dxi_ynode *node, yaml_event_type_t end, guint depth, GError **error)
{
  for (;;)
    {
      yaml_event_t event;
      if (!next_event (ld, &event, error))
        return FALSE;
      if (event.type == end)
        {
          yaml_event_delete (&event);
          return TRUE;
        }
      dxi_ynode *child = parse_node (ld, &event, depth + 1, error);
      if (child == NULL)
        return FALSE;
      if (node->kind == DXI_YNODE_MAP)
        {
          if (child->kind != DXI_YNODE_SCALAR)
            {
              yaml_mark_t mark = { .line = child->line - 1, .column = child->col - 1 };
              return fail_at (ld, &mark, error, "a mapping key must be a plain value");
            }
          for (guint i = 0; i < node->keys->len; i++)
            if (g_str_equal (((dxi_ynode *) node->keys->pdata[i])->value, child->value))
              {
                yaml_mark_t mark = { .line = child->line - 1, .column = child->col - 1 };
                g_autofree char *what
                    = g_strdup_printf ("duplicate key '%s' (first at line %u)", child->value,
                                       ((dxi_ynode *) node->keys->pdata[i])->line);
                return fail_at (ld, &mark, error, what);
              }
          g_ptr_array_add (node->keys, child);
          if (!next_event (ld, &event, error))
            return FALSE;
          dxi_ynode *value = parse_node (ld, &event, depth + 1, error);
          if (value == NULL)
            return FALSE;
          g_ptr_array_add (node->items, value);
        }
      else
        g_ptr_array_add (node->items, child);
    }
}

/* Build the node that EVENT starts (consumes EVENT). */
static dxi_ynode *
parse_node (loader *ld, yaml_event_t *event, guint depth, GError **error)
{
  dxi_ynode *node = NULL;
  yaml_mark_t mark = event->start_mark;
  if (depth > DXI_YDOC_MAX_DEPTH)
    {
      yaml_event_delete (event);
      g_autofree char *what = g_strdup_printf ("nesting deeper than %d levels", DXI_YDOC_MAX_DEPTH);
      fail_at (ld, &mark, error, what);
      return NULL;
    }
  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      node = node_new (ld, DXI_YNODE_SCALAR, &mark);
      node->value = g_strndup ((const char *) event->data.scalar.value, event->data.scalar.length);
      node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      remember_anchor (ld, event->data.scalar.anchor, node);
      yaml_event_delete (event);
      break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      {
        gboolean is_map = event->type == YAML_MAPPING_START_EVENT;
        node = node_new (ld, is_map ? DXI_YNODE_MAP : DXI_YNODE_SEQ, &mark);
        /* The anchor names the node once it is complete: an alias inside it
         * (`&a [*a]`) would make the tree a cycle, so it is unknown there. */
        g_autofree char *anchor
            = g_strdup ((const char *) (is_map ? event->data.mapping_start.anchor
                                               : event->data.sequence_start.anchor));
        yaml_event_delete (event);
        if (!parse_children (ld, node, is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT,
                             depth, error))
          return NULL;
        remember_anchor (ld, (const yaml_char_t *) anchor, node);
        break;
      }
    case YAML_ALIAS_EVENT:
      {
        node = g_hash_table_lookup (ld->anchors, event->data.alias.anchor);
        if (node == NULL)
          {
            g_autofree char *what
                = g_strdup_printf ("unknown alias '*%s'", event->data.alias.anchor);
            yaml_event_delete (event);
            fail_at (ld, &mark, error, what);
            return NULL;
          }
        yaml_event_delete (event);
        ld->n_nodes += subtree_size (node);
        break;
      }
    default:
      yaml_event_delete (event);
      fail_at (ld, &mark, error, "unexpected YAML structure");
      return NULL;
    }
  if (ld->n_nodes > DXI_YDOC_MAX_NODES)
    {
      g_autofree char *what = g_strdup_printf (
          "document expands to more than %d nodes (too many aliases?)", DXI_YDOC_MAX_NODES);
      fail_at (ld, &mark, error, what);
      return NULL;
    }
  return node;
}

static gboolean
expect_event (loader *ld, yaml_event_type_t type, GError **error)
{
  yaml_event_t event;
  if (!next_event (ld, &event, error))
    return FALSE;
  gboolean ok = event.type == type;
  yaml_mark_t mark = event.start_mark;
  yaml_event_delete (&event);
  if (!ok)
    return fail_at (ld, &mark, error, "expected a single YAML document");
  return TRUE;
}

dxi_ydoc *
dxi_ydoc_load_string (const char *name, const char *text, gssize len, GError **error)
{
  g_return_val_if_fail (name != NULL && text != NULL, NULL);
  gsize size = len < 0 ? strlen (text) : (gsize) len;
  g_autoptr (dxi_ydoc) doc = g_new0 (dxi_ydoc, 1);
  doc->path = g_strdup (name);
  doc->dir = g_path_get_dirname (name);
  doc->nodes = g_ptr_array_new_with_free_func (node_free);
  if (size > DXI_YDOC_MAX_BYTES)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: file is larger than %d MiB", name,
                   DXI_YDOC_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (text, size, NULL))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: not valid UTF-8", name);
      return NULL;
    }
  loader ld = { .doc = doc };
  ld.anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  yaml_parser_initialize (&ld.parser);
  yaml_parser_set_input_string (&ld.parser, (const unsigned char *) text, size);
  gboolean ok = expect_event (&ld, YAML_STREAM_START_EVENT, error);
  yaml_event_t event;
  if (ok)
    ok = next_event (&ld, &event, error);
  if (ok && event.type == YAML_STREAM_END_EVENT)
    {
      yaml_event_delete (&event);
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s: empty document", name);
      ok = FALSE;
    }
  else if (ok)
    {
      yaml_event_delete (&event);
      ok = next_event (&ld, &event, error)
           && (doc->root = parse_node (&ld, &event, 0, error)) != NULL
           && expect_event (&ld, YAML_DOCUMENT_END_EVENT, error)
           && expect_event (&ld, YAML_STREAM_END_EVENT, error);
    }
  yaml_parser_delete (&ld.parser);
  g_hash_table_unref (ld.anchors);
  return ok ? g_steal_pointer (&doc) : NULL;
}

dxi_ydoc *
dxi_ydoc_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", path,
                   local->code == G_FILE_ERROR_NOENT ? "No such file or directory"
                                                     : local->message);
      return NULL;
    }
  return dxi_ydoc_load_string (path, text, (gssize) len, error);
}

void
dxi_ydoc_free (dxi_ydoc *doc)
{
  if (doc == NULL)
    return;
  if (doc->nodes)
    g_ptr_array_unref (doc->nodes);
  g_free (doc->path);
  g_free (doc->dir);
  g_free (doc);
}

void
dxi_ynode_error (const dxi_ynode *node, GError **error, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "%s:%u:%u: %s", node->doc->path, node->line,
               node->col, what);
}

static const char *
kind_name (DxiYNodeKind kind)
{
  switch (kind)
    {
    case DXI_YNODE_SCALAR:
      return "a single value";
    case DXI_YNODE_MAP:
      return "a mapping (key: value lines)";
    case DXI_YNODE_SEQ:
      return "a list";
    }
  return "?";
}

gboolean
dxi_ynode_expect (const dxi_ynode *node, DxiYNodeKind kind, GError **error)
{
  if (node->kind == kind)
    return TRUE;
  dxi_ynode_error (node, error, "expected %s, found %s", kind_name (kind), kind_name (node->kind));
  return FALSE;
}

guint
dxi_ynode_len (const dxi_ynode *node)
{
  return node && node->items ? node->items->len : 0;
}

const dxi_ynode *
dxi_ynode_at (const dxi_ynode *node, guint i)
{
  g_return_val_if_fail (node && node->items && i < node->items->len, NULL);
  return node->items->pdata[i];
}

const dxi_ynode *
dxi_ynode_key_at (const dxi_ynode *map, guint i)
{
  g_return_val_if_fail (map && map->keys && i < map->keys->len, NULL);
  return map->keys->pdata[i];
}

const dxi_ynode *
dxi_ynode_get (const dxi_ynode *map, const char *key)
{
  if (map == NULL || map->kind != DXI_YNODE_MAP)
    return NULL;
  for (guint i = 0; i < map->keys->len; i++)
    if (g_str_equal (((dxi_ynode *) map->keys->pdata[i])->value, key))
      return map->items->pdata[i];
  return NULL;
}

gboolean
dxi_ynode_is_null (const dxi_ynode *node)
{
  if (node == NULL)
    return TRUE;
  if (node->kind != DXI_YNODE_SCALAR || !node->plain)
    return FALSE;
  return node->value[0] == '\0' || g_str_equal (node->value, "~")
         || g_str_equal (node->value, "null") || g_str_equal (node->value, "Null")
         || g_str_equal (node->value, "NULL");
}

gboolean
dxi_ynode_check_keys (const dxi_ynode *map, const char *const *allowed, GError **error)
{
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < map->keys->len; i++)
    {
      const dxi_ynode *key = map->keys->pdata[i];
      if (g_strv_contains (allowed, key->value))
        continue;
      const char *near = dxi_suggest (key->value, allowed);
      if (near)
        dxi_ynode_error (key, error, "unknown key '%s' (did you mean '%s'?)", key->value, near);
      else
        {
          g_autofree char *valid = dxi_choices_join (allowed);
          dxi_ynode_error (key, error, "unknown key '%s' (valid keys: %s)", key->value, valid);
        }
      return FALSE;
    }
  return TRUE;
}

const char *
dxi_ynode_string (const dxi_ynode *node, GError **error)
{
  if (!dxi_ynode_expect (node, DXI_YNODE_SCALAR, error))
    return NULL;
  return node->value;
}

GStrv
dxi_ynode_strv (const dxi_ynode *node, GError **error)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  if (node->kind == DXI_YNODE_SCALAR)
    g_strv_builder_add (b, node->value);
  else if (!dxi_ynode_expect (node, DXI_YNODE_SEQ, error))
    return NULL;
  for (guint i = 0; node->kind == DXI_YNODE_SEQ && i < dxi_ynode_len (node); i++)
    {
      const char *s = dxi_ynode_string (dxi_ynode_at (node, i), error);
      if (s == NULL)
        return NULL;
      g_strv_builder_add (b, s);
    }
  return g_strv_builder_end (b);
}

gboolean
dxi_ynode_double (const dxi_ynode *node, double *out, GError **error)
{
  if (node->kind == DXI_YNODE_SCALAR && node->value[0] != '\0')
    {
      char *end = NULL;
      errno = 0;
      double v = g_ascii_strtod (node->value, &end);
      if (*end == '\0' && errno == 0 && isfinite (v))
        {
          *out = v;
          return TRUE;
        }
    }
  dxi_ynode_error (node, error, "expected a number, found %s%s%s",
                   node->kind == DXI_YNODE_SCALAR ? "'" : "",
                   node->kind == DXI_YNODE_SCALAR ? node->value : kind_name (node->kind),
                   node->kind == DXI_YNODE_SCALAR ? "'" : "");
  return FALSE;
}

gboolean
dxi_ynode_int (const dxi_ynode *node, gint64 *out, GError **error)
{
  if (node->kind == DXI_YNODE_SCALAR && node->value[0] != '\0')
    {
      char *end = NULL;
      errno = 0;
      gint64 v = g_ascii_strtoll (node->value, &end, 10);
      if (*end == '\0' && errno == 0)
        {
          *out = v;
          return TRUE;
        }
    }
  dxi_ynode_error (node, error, "expected a whole number, found %s%s%s",
                   node->kind == DXI_YNODE_SCALAR ? "'" : "",
                   node->kind == DXI_YNODE_SCALAR ? node->value : kind_name (node->kind),
                   node->kind == DXI_YNODE_SCALAR ? "'" : "");
  return FALSE;
}

gboolean
dxi_ynode_bool (const dxi_ynode *node, gboolean *out, GError **error)
{
  static const char *const yes[] = { "true", "True", "TRUE", "yes", "Yes", "on", NULL };
  static const char *const no[] = { "false", "False", "FALSE", "no", "No", "off", NULL };
  if (node->kind == DXI_YNODE_SCALAR && g_strv_contains (yes, node->value))
    return *out = TRUE, TRUE;
  if (node->kind == DXI_YNODE_SCALAR && g_strv_contains (no, node->value))
    return *out = FALSE, TRUE;
  dxi_ynode_error (node, error, "expected true or false, found %s%s%s",
                   node->kind == DXI_YNODE_SCALAR ? "'" : "",
                   node->kind == DXI_YNODE_SCALAR ? node->value : kind_name (node->kind),
                   node->kind == DXI_YNODE_SCALAR ? "'" : "");
  return FALSE;
}

gboolean
dxi_ynode_choice (const dxi_ynode *node, const char *const *choices, int *out, GError **error)
{
  const char *s = dxi_ynode_string (node, error);
  if (s == NULL)
    return FALSE;
  for (int i = 0; choices[i]; i++)
    if (g_str_equal (choices[i], s))
      return *out = i, TRUE;
  g_autofree char *valid = dxi_choices_join (choices);
  const char *near = dxi_suggest (s, choices);
  if (near)
    dxi_ynode_error (node, error, "unknown value '%s' (did you mean '%s'? valid: %s)", s, near,
                     valid);
  else
    dxi_ynode_error (node, error, "unknown value '%s' (valid: %s)", s, valid);
  return FALSE;
}

char *
dxi_ynode_path (const dxi_ynode *node, GError **error)
{
  const char *s = dxi_ynode_string (node, error);
  if (s == NULL)
    return NULL;
  if (s[0] == '\0')
    {
      dxi_ynode_error (node, error, "expected a file path, found an empty value");
      return NULL;
    }
  if (g_path_is_absolute (s))
    return g_strdup (s);
  char *joined = g_build_filename (node->doc->dir, s, NULL);
  char *canon = g_canonicalize_filename (joined, NULL);
  g_free (joined);
  /* Keep paths relative when the document's were, so messages stay short. */
  if (!g_path_is_absolute (node->doc->dir))
    {
      g_autofree char *cwd = g_get_current_dir ();
      gsize n = strlen (cwd);
      if (g_str_has_prefix (canon, cwd) && canon[n] == G_DIR_SEPARATOR)
        {
          char *rel = g_strdup (canon + n + 1);
          g_free (canon);
          return rel;
        }
    }
  return canon;
}

/* Member lookup shared by the get_* helpers: NULL with *ok TRUE means absent
 * and optional. */
static const dxi_ynode *
member (const dxi_ynode *map, const char *key, gboolean required, gboolean *ok, GError **error)
{
  *ok = dxi_ynode_expect (map, DXI_YNODE_MAP, error);
  if (!*ok)
    return NULL;
  const dxi_ynode *node = dxi_ynode_get (map, key);
  if (node == NULL && required)
    {
      dxi_ynode_error (map, error, "missing key '%s'", key);
      *ok = FALSE;
    }
  return node;
}

#define DEFINE_GETTER(NAME, TYPE, CALL)                                                            \
  gboolean dxi_ynode_get_##NAME (const dxi_ynode *map, const char *key, gboolean required,         \
                                 TYPE *out, GError **error)                                        \
  {                                                                                                \
    gboolean ok;                                                                                   \
    const dxi_ynode *node = member (map, key, required, &ok, error);                               \
    if (node == NULL)                                                                              \
      return ok;                                                                                   \
    return CALL;                                                                                   \
  }

DEFINE_GETTER (double, double, dxi_ynode_double (node, out, error))
DEFINE_GETTER (int, gint64, dxi_ynode_int (node, out, error))
DEFINE_GETTER (bool, gboolean, dxi_ynode_bool (node, out, error))
DEFINE_GETTER (string, const char *, (*out = dxi_ynode_string (node, error)) != NULL)
DEFINE_GETTER (path, char *, (*out = dxi_ynode_path (node, error)) != NULL)

gboolean
dxi_ynode_get_choice (const dxi_ynode *map, const char *key, gboolean required,
                      const char *const *choices, int *out, GError **error)
{
  gboolean ok;
  const dxi_ynode *node = member (map, key, required, &ok, error);
  if (node == NULL)
    return ok;
  return dxi_ynode_choice (node, choices, out, error);
}
