#include "config/benefits.h"

#include "config/param.h"
#include "core/error.h"

static const char *const kinds[] = { "direct", "indirect", NULL };
/* Public-sector recipients first: their benefits are fiscal. */
const char *const dxi_recipient_names[] = { "council",  "nhs",          "dwp",
                                            "hmrc",     "other_public", "individual",
                                            "employer", "society",      NULL };
const char *const dxi_value_type_names[] = { "fiscal", "economic", "social", NULL };
/* The keys of a library stream, and of a scenario's override of one. */
static const char *const stream_keys[]
    = { "label",      "value",           "kind",        "recipient",  "value_type",
        "health",     "persistence",     "lag_years",   "confidence", "drop_off",
        "deadweight", "displacement",    "leakage",     "stream",     "quantity",
        "unit_value", "less_unit_value", "eligibility", "growth",     "ramp_up_years",
        NULL };
/* The stream's parameters: {value, source, ...} each. */
static const char *const param_fields[]
    = { "value",    "quantity",   "unit_value",   "less_unit_value", "eligibility", "growth",
        "drop_off", "deadweight", "displacement", "leakage",         NULL };
static const char *const sourced_keys[] = { "value", "source", NULL };
static const char *const confidence_keys[] = { "grade", "source", NULL };

/* Merge: a library entry with the scenario's overrides of some fields. */
static const dxi_ynode *
field (const dxi_ynode *override, const dxi_ynode *entry, const char *key)
{
  const dxi_ynode *n = override ? dxi_ynode_get (override, key) : NULL;
  return n ? n : dxi_ynode_get (entry, key);
}

/* A stream's persistence from node N (1 when N is NULL), 1 to 50 years. */
static gboolean
read_persistence (const dxi_ynode *n, gint64 *persistence, GError **error)
{
  *persistence = 1;
  if (n && !dxi_ynode_int (n, persistence, error))
    return FALSE;
  if (*persistence < 1 || *persistence > 50)
    {
      dxi_ynode_error (n, error, "persistence must be 1 to 50 years, found %" G_GINT64_FORMAT,
                       *persistence);
      return FALSE;
    }
  return TRUE;
}

/* What library stream ENTRY says, whether a scenario uses it or not. */
static gboolean
check_stream (const dxi_ynode *entry, GError **error)
{
  const dxi_ynode *n;
  int choice = 0;
  gboolean flag = FALSE;
  gint64 persistence = 1;
  if (!dxi_ynode_check_keys (entry, stream_keys, error)
      || ((n = dxi_ynode_get (entry, "label")) && dxi_ynode_string (n, error) == NULL)
      || ((n = dxi_ynode_get (entry, "kind")) && !dxi_ynode_choice (n, kinds, &choice, error))
      || ((n = dxi_ynode_get (entry, "recipient"))
          && !dxi_ynode_choice (n, dxi_recipient_names, &choice, error))
      || ((n = dxi_ynode_get (entry, "value_type"))
          && !dxi_ynode_choice (n, dxi_value_type_names, &choice, error))
      || ((n = dxi_ynode_get (entry, "health")) && !dxi_ynode_bool (n, &flag, error))
      || ((n = dxi_ynode_get (entry, "persistence")) && !read_persistence (n, &persistence, error)))
    return FALSE;
  for (guint i = 0; param_fields[i]; i++)
    if (!dxi_param_check_keys (dxi_ynode_get (entry, param_fields[i]), error))
      return FALSE;
  const char *const sourced[] = { "lag_years", "ramp_up_years", "confidence" };
  for (guint i = 0; i < G_N_ELEMENTS (sourced); i++)
    if ((n = dxi_ynode_get (entry, sourced[i])) && n->kind == DXI_YNODE_MAP
        && !dxi_ynode_check_keys (n, i == 2 ? confidence_keys : sourced_keys, error))
      return FALSE;
  return TRUE;
}

gboolean
dxi_benefits_check (const dxi_ydoc *library, GError **error)
{
  /* shared: parts several streams name through YAML anchors. */
  static const char *const library_keys[] = { "streams", "shared", NULL };
  if (!dxi_ynode_check_keys (library->root, library_keys, error))
    return FALSE;
  const dxi_ynode *streams = dxi_ynode_get (library->root, "streams");
  if (streams == NULL || !dxi_ynode_expect (streams, DXI_YNODE_MAP, error))
    {
      if (streams == NULL)
        dxi_ynode_error (library->root, error, "missing key 'streams'");
      return FALSE;
    }
  for (guint k = 0; k < dxi_ynode_len (streams); k++)
    if (!check_stream (dxi_ynode_at (streams, k), error))
      return FALSE;
  return TRUE;
}

const dxi_ynode *
dxi_benefits_entry (const dxi_ydoc *library, const dxi_ynode *item, const char *sid, GError **error)
{
  const dxi_ynode *streams = dxi_ynode_get (library->root, "streams");
  const dxi_ynode *entry = dxi_ynode_get (streams, sid);
  if (entry)
    return entry;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint k = 0; k < dxi_ynode_len (streams); k++)
    g_ptr_array_add (ids, dxi_ynode_key_at (streams, k)->value);
  g_ptr_array_add (ids, NULL);
  const char *near = dxi_suggest (sid, (const char *const *) ids->pdata);
  dxi_ynode_error (item, error, "no stream '%s' in '%s'%s%s%s", sid, library->path,
                   near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
  return NULL;
}

/* A required share of a stream (deadweight, displacement, leakage, drop-off):
 * the scenario's override, else the library's; missing is an error at the
 * library entry naming where the scenario uses it.  Drop-off alone may be
 * left out of a one-year stream, where there is no further year to lose. */
static gboolean
stream_share (dxi_scenario_reader *r, const dxi_ynode *override, const dxi_ynode *entry,
              const dxi_ynode *used, const char *id, const char *label, const char *key,
              guint persistence, guint *out, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", id, key);
  g_autofree char *l = g_strdup_printf ("%s: %s", label, key);
  const dxi_ynode *node = field (override, entry, key);
  if (node)
    return dxi_param_read (r, node, &(dxi_param_kind){ name, l, "share", FALSE, 0, 1 }, out, error);
  if (g_str_equal (key, "drop_off") && persistence == 1)
    {
      *out = dxi_param_add (r, name, l, "share",
                            "none: the stream lasts one year, so nothing drops off");
      return TRUE;
    }
  dxi_ynode_error (entry, error,
                   "stream '%s' (used at %s:%u:%u) needs '%s' {value, source}, in the library or "
                   "the scenario's benefits entry: it is not taken as 0",
                   id, used->doc->path, used->line, used->col, key);
  return FALSE;
}

/* The optimism bias on benefits of confidence GRADE (a key of
 * appraisal.benefit_optimism_bias): one parameter per grade in use. */
static gboolean
grade_param (dxi_scenario_reader *r, const dxi_ynode *grade, guint *out, GError **error)
{
  const char *g = dxi_ynode_string (grade, error);
  if (g == NULL)
    return FALSE;
  g_autofree char *name = g_strdup_printf ("benefit_optimism_bias.grade_%s", g);
  for (guint i = 0; i < r->sc->params->len; i++)
    if (g_str_equal (((dxi_param *) r->sc->params->pdata[i])->name, name))
      return *out = i, TRUE;
  const dxi_ynode *node = dxi_ynode_get (r->grades, g);
  if (node == NULL)
    {
      g_autoptr (GString) have = g_string_new (NULL);
      for (guint i = 0; i < dxi_ynode_len (r->grades); i++)
        g_string_append_printf (have, "%s'%s'", i ? ", " : "",
                                dxi_ynode_key_at (r->grades, i)->value);
      dxi_ynode_error (grade, error,
                       "confidence grade '%s' is not in the scenario's "
                       "appraisal.benefit_optimism_bias (%s)",
                       g, have->str);
      return FALSE;
    }
  g_autofree char *label = g_strdup_printf ("Optimism bias on benefits of confidence grade %s", g);
  return dxi_param_read (r, node, &(dxi_param_kind){ name, label, "share", FALSE, 0, 1 }, out,
                         error);
}

/* A whole number of years {value, source} from LO to 50 (lag_years,
 * ramp_up_years). */
static gboolean
sourced_years (const dxi_ynode *n, const char *key, gint64 lo, gint64 *out, const char **source,
               GError **error)
{
  if (n->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (n, error,
                       "'%s' needs its source: write {value: %s, source: \"where it comes from\"}",
                       key, n->kind == DXI_YNODE_SCALAR ? n->value : "N");
      return FALSE;
    }
  if (!dxi_ynode_check_keys (n, sourced_keys, error)
      || !dxi_ynode_get_int (n, "value", TRUE, out, error)
      || !dxi_ynode_get_string (n, "source", TRUE, source, error))
    return FALSE;
  if (*out < lo || *out > 50)
    {
      dxi_ynode_error (dxi_ynode_get (n, "value"), error,
                       "%s must be %" G_GINT64_FORMAT " to 50, found %" G_GINT64_FORMAT, key, lo,
                       *out);
      return FALSE;
    }
  return TRUE;
}

/* An optional part of a stream (a parameter), DXI_NO_PARAM when absent. */
static gboolean
stream_part (dxi_scenario_reader *r, const dxi_ynode *node, const char *id, const char *label,
             const char *key, const char *what, const char *unit, gboolean priced, double lo,
             double hi, guint *out, GError **error)
{
  *out = DXI_NO_PARAM;
  if (node == NULL)
    return TRUE;
  g_autofree char *name = g_strdup_printf ("%s.%s", id, key);
  g_autofree char *l = g_strdup_printf ("%s: %s", label, what);
  return dxi_param_read (r, node, &(dxi_param_kind){ name, l, unit, priced, lo, hi }, out, error);
}

/* A stream built from parts: quantity x (unit_value - less_unit_value) x
 * eligibility, s->value the unit value. */
static gboolean
stream_parts (dxi_scenario_reader *r, const dxi_ynode *override, const dxi_ynode *entry,
              const char *id, dxi_stream *s, GError **error)
{
  const char *label = s->label;
  const dxi_ynode *quantity = field (override, entry, "quantity");
  const dxi_ynode *unit = field (override, entry, "unit_value");
  if (quantity == NULL || unit == NULL)
    {
      dxi_ynode_error (entry, error,
                       "stream '%s' built from parts needs both 'quantity' and 'unit_value'", id);
      return FALSE;
    }
  const char *qunit = "units per person helped a year";
  if (quantity->kind == DXI_YNODE_MAP && dxi_ynode_get (quantity, "unit")
      && !dxi_ynode_get_string (quantity, "unit", FALSE, &qunit, error))
    return FALSE;
  return stream_part (r, quantity, id, label, "quantity", "quantity per person helped a year",
                      qunit, FALSE, 0, 1e9, &s->quantity, error)
         && stream_part (r, unit, id, label, "unit_value", "value of one unit", "GBP per unit",
                         TRUE, -1e9, 1e9, &s->value, error)
         && stream_part (r, field (override, entry, "less_unit_value"), id, label,
                         "less_unit_value",
                         "value of one unit taken off (e.g. the cost of the channel moved to)",
                         "GBP per unit", TRUE, -1e9, 1e9, &s->less_unit_value, error)
         && stream_part (r, field (override, entry, "eligibility"), id, label, "eligibility",
                         "share of people helped the stream applies to", "share", FALSE, 0, 1,
                         &s->eligibility, error);
}

/* The value of a stream per person helped a year: 'value', or built as
 * quantity x (unit_value - less_unit_value) x eligibility, each part
 * sourced; s->value is then the unit value.  A node gives one form, and an
 * override's 'value' replaces the library's build.  Either form may grow in
 * real terms a year. */
static gboolean
stream_value (dxi_scenario_reader *r, const dxi_ynode *override, const dxi_ynode *entry,
              const char *id, dxi_stream *s, GError **error)
{
  static const char *const parts[]
      = { "quantity", "unit_value", "less_unit_value", "eligibility", NULL };
  const dxi_ynode *nodes[] = { entry, override };
  for (guint i = 0; i < 2; i++)
    for (guint k = 0; nodes[i] && parts[k]; k++)
      if (dxi_ynode_get (nodes[i], parts[k]) && dxi_ynode_get (nodes[i], "value"))
        {
          dxi_ynode_error (dxi_ynode_get (nodes[i], parts[k]), error,
                           "stream '%s' gives both 'value' (per person helped a year) and '%s': "
                           "give the value or its parts (quantity x unit_value [- "
                           "less_unit_value] x eligibility), not both",
                           id, parts[k]);
          return FALSE;
        }
  gboolean built = FALSE;
  for (guint k = 0; parts[k]; k++)
    built |= field (override, entry, parts[k]) != NULL;
  built &= !(override && dxi_ynode_get (override, "value"));
  s->quantity = s->less_unit_value = s->eligibility = DXI_NO_PARAM;
  if (!stream_part (r, field (override, entry, "growth"), id, s->label, "growth",
                    "real growth of the value a year", "share a year", FALSE, -0.5, 0.5, &s->growth,
                    error))
    return FALSE;
  if (built)
    return stream_parts (r, override, entry, id, s, error);
  const dxi_ynode *value = field (override, entry, "value");
  if (value == NULL)
    {
      dxi_ynode_error (entry, error,
                       "stream '%s' needs a 'value' per person helped per year, or its parts "
                       "'quantity' and 'unit_value'",
                       id);
      return FALSE;
    }
  return stream_part (r, value, id, s->label, "value", "value per person helped per year",
                      "GBP per person per year", TRUE, -1e9, 1e9, &s->value, error);
}

/* Kind, recipient and value type of stream S: fiscal for a public-sector
 * recipient, economic or social (said) for the others. */
static gboolean
stream_class (const dxi_ynode *override, const dxi_ynode *entry, const char *id, dxi_stream *s,
              GError **error)
{
  int kind = 0, recipient = 0, type = 0;
  const dxi_ynode *n;
  if ((n = field (override, entry, "kind")) == NULL || !dxi_ynode_choice (n, kinds, &kind, error))
    {
      if (n == NULL)
        dxi_ynode_error (entry, error, "stream '%s' needs 'kind' (direct or indirect)", id);
      return FALSE;
    }
  if ((n = field (override, entry, "recipient")) == NULL
      || !dxi_ynode_choice (n, dxi_recipient_names, &recipient, error))
    {
      if (n == NULL)
        dxi_ynode_error (entry, error,
                         "stream '%s' needs 'recipient' (council, nhs, dwp, hmrc, other_public, "
                         "individual, employer, society)",
                         id);
      return FALSE;
    }
  gboolean public = recipient < DXI_N_PUBLIC_RECIPIENTS;
  n = field (override, entry, "value_type");
  if (n && !dxi_ynode_choice (n, dxi_value_type_names, &type, error))
    return FALSE;
  if (public ? n && type != DXI_VALUE_FISCAL : n == NULL || type == DXI_VALUE_FISCAL)
    {
      dxi_ynode_error (n ? n : entry, error,
                       public ? "stream '%s' goes to '%s', a public-sector recipient: its value is "
                                "fiscal"
                              : "stream '%s' goes to '%s': give 'value_type: economic' (earnings, "
                                "output, money saved) or 'value_type: social' (health, "
                                "wellbeing); fiscal is for public-sector recipients",
                       id, dxi_recipient_names[recipient]);
      return FALSE;
    }
  s->direct = kind == 0;
  s->recipient = g_strdup (dxi_recipient_names[recipient]);
  s->recipient_index = (guint) recipient;
  s->type = type;
  return TRUE;
}

/* The lag from helping someone to the stream's first year of benefit, and
 * the ramp-up to the full benefit (1, the default: full at once). */
static gboolean
stream_timing (const dxi_ynode *override, const dxi_ynode *entry, const dxi_ynode *used,
               const char *id, dxi_stream *s, GError **error)
{
  const dxi_ynode *n = field (override, entry, "lag_years");
  gint64 lag = 0, ramp = 1;
  const char *lag_source = NULL, *ramp_source = "none: the full benefit from its first year";
  if (n == NULL || n->kind == DXI_YNODE_SCALAR)
    {
      dxi_ynode_error (n ? n : entry, error,
                       "stream '%s' (used at %s:%u:%u) needs 'lag_years' {value, source}: the "
                       "years from helping someone online to the first year of benefit (0: the "
                       "same year)",
                       id, used->doc->path, used->line, used->col);
      return FALSE;
    }
  if (!sourced_years (n, "lag_years", 0, &lag, &lag_source, error))
    return FALSE;
  if ((n = field (override, entry, "ramp_up_years"))
      && !sourced_years (n, "ramp_up_years", 1, &ramp, &ramp_source, error))
    return FALSE;
  s->ramp = (guint) ramp;
  s->ramp_source = g_strdup (ramp_source);
  s->lag = (guint) lag;
  s->lag_source = g_strdup (lag_source);
  return TRUE;
}

/* Optimism bias on benefits: the stream's data-confidence grade. */
static gboolean
stream_confidence (dxi_scenario_reader *r, const dxi_ynode *override, const dxi_ynode *entry,
                   const dxi_ynode *used, const char *id, dxi_stream *s, GError **error)
{
  const dxi_ynode *n = field (override, entry, "confidence");
  const char *grade_source = NULL;
  if (n == NULL || n->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (n ? n : entry, error,
                       "stream '%s' (used at %s:%u:%u) needs 'confidence' {grade, source}: the "
                       "grade of its evidence, which sets the optimism bias on its benefits",
                       id, used->doc->path, used->line, used->col);
      return FALSE;
    }
  if (!dxi_ynode_check_keys (n, confidence_keys, error)
      || !dxi_ynode_get_string (n, "source", TRUE, &grade_source, error))
    return FALSE;
  const dxi_ynode *grade = dxi_ynode_get (n, "grade");
  if (grade == NULL)
    {
      dxi_ynode_error (n, error, "missing key 'grade'");
      return FALSE;
    }
  if (!grade_param (r, grade, &s->optimism, error))
    return FALSE;
  s->grade = g_strdup (grade->value);
  return TRUE;
}

gboolean
dxi_benefits_stream (dxi_scenario_reader *r, const char *id, const dxi_ynode *entry,
                     const dxi_ynode *override, const dxi_ynode *used, guint *out, GError **error)
{
  if (!dxi_ynode_check_keys (entry, stream_keys, error)
      || (override && !dxi_ynode_check_keys (override, stream_keys, error)))
    return FALSE;
  for (guint i = 0; i < r->sc->streams->len; i++)
    if (g_str_equal (((dxi_stream *) r->sc->streams->pdata[i])->id, id))
      return *out = i, TRUE;
  dxi_stream *s = g_new0 (dxi_stream, 1);
  s->id = g_strdup (id);
  s->persistence = 1;
  g_ptr_array_add (r->sc->streams, s);
  *out = r->sc->streams->len - 1;
  gint64 persistence = 1;
  const char *label = id;
  const dxi_ynode *n;
  if ((n = field (override, entry, "label")) && (label = dxi_ynode_string (n, error)) == NULL)
    return FALSE;
  if (!stream_class (override, entry, id, s, error)
      || ((n = field (override, entry, "health")) && !dxi_ynode_bool (n, &s->health, error))
      || !read_persistence (field (override, entry, "persistence"), &persistence, error))
    return FALSE;
  s->label = g_strdup (label);
  s->persistence = (guint) persistence;
  if (!stream_value (r, override, entry, id, s, error)
      || !stream_timing (override, entry, used, id, s, error)
      || !stream_confidence (r, override, entry, used, id, s, error))
    return FALSE;
  const char *shares[] = { "drop_off", "deadweight", "displacement", "leakage" };
  guint *slots[] = { &s->drop_off, &s->deadweight, &s->displacement, &s->leakage };
  for (guint i = 0; i < 4; i++)
    if (!stream_share (r, override, entry, used, id, label, shares[i], s->persistence, slots[i],
                       error))
      return FALSE;
  return TRUE;
}
