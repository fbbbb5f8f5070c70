#include "appraisal/programme.h"

#include <math.h>
#include <string.h>

#include "core/error.h"

static const char *const dist_names[] = { "none", "triangular", "pert", "normal", "lognormal", "uniform", NULL };
static const char *const kinds[] = { "direct", "indirect", NULL };
/* Public-sector recipients first: their benefits are fiscal. */
const char *const dxi_recipient_names[] = { "council", "nhs", "dwp", "hmrc", "other_public", "individual", "employer",
                                            "society", NULL };
static const char *const value_types[] = { "fiscal", "economic", "social", NULL };
static const char *const types[] = { "champions", "devices", "data_sims", "skills", "wifi", NULL };
static const char *const allocations[] = { "excluded_adults", "equal", "population", NULL };

static void
param_free (gpointer data)
{
  dxi_param *p = data;
  g_free (p->name);
  g_free (p->label);
  g_free (p->unit);
  g_free (p->source);
  g_free (p);
}

static void
stream_free (gpointer data)
{
  dxi_stream *s = data;
  g_free (s->id);
  g_free (s->label);
  g_free (s->recipient);
  g_free (s->grade);
  g_free (s->lag_source);
  g_free (s->ramp_source);
  g_free (s);
}

static void
intervention_free (gpointer data)
{
  dxi_intervention *iv = data;
  g_free (iv->id);
  g_free (iv->label);
  g_free (iv->type);
  g_free (iv->capital);
  g_free (iv->revenue);
  g_free (iv->budget);
  g_free (iv->people);
  if (iv->deciles)
    g_array_unref (iv->deciles);
  if (iv->areas)
    g_ptr_array_unref (iv->areas);
  if (iv->area_where)
    g_ptr_array_unref (iv->area_where);
  g_free (iv->cap);
  g_free (iv->cap_where);
  if (iv->streams)
    g_array_unref (iv->streams);
  g_free (iv);
}

void
dxi_scenario_free (dxi_scenario *sc)
{
  if (sc == NULL)
    return;
  g_free (sc->path);
  g_free (sc->name);
  g_free (sc->title);
  g_free (sc->study_path);
  g_free (sc->deflator_source);
  if (sc->local)
    {
      g_free (sc->local->area);
      for (guint i = 0; i < 4; i++)
        g_free (sc->local->source[i]);
      g_free (sc->local);
    }
  if (sc->params)
    g_ptr_array_unref (sc->params);
  if (sc->streams)
    g_ptr_array_unref (sc->streams);
  if (sc->interventions)
    g_ptr_array_unref (sc->interventions);
  g_free (sc);
}

/* A parameter node named more than once (a YAML anchor and its aliases): one
 * input, drawn once in the Monte Carlo and varied as one. */
typedef struct
{
  guint index, uses;
  char *label; /* the first use's */
} shared_param;

static void
shared_param_free (gpointer data)
{
  shared_param *sp = data;
  g_free (sp->label);
  g_free (sp);
}

/* Parser state: the scenario, its deflator, the library. */
typedef struct
{
  dxi_scenario *sc;
  const dxi_ydoc *doc, *library;
  GHashTable *deflator; /* year -> double * */
  GHashTable *shared;   /* dxi_ynode * (a YAML anchor's node, named again by aliases) -> shared_param * */
  const dxi_ynode *grades; /* appraisal.benefit_optimism_bias: grade -> {value, source} */
} parser;

/* A bound or spread of a distribution: a number, or a percentage of the
 * parameter's value ("-20%", "+30%") when *RELATIVE. */
static gboolean
spread_number (const dxi_ynode *node, double *out, gboolean *relative, GError **error)
{
  if (node->kind != DXI_YNODE_SCALAR || !g_str_has_suffix (node->value, "%"))
    return (*relative = FALSE, dxi_ynode_double (node, out, error));
  g_autofree char *num = g_strndup (node->value, strlen (node->value) - 1);
  char *end = NULL;
  *out = g_ascii_strtod (num, &end) / 100;
  *relative = TRUE;
  if (*num == '\0' || *end != '\0' || !isfinite (*out))
    {
      dxi_ynode_error (node, error, "expected a percentage such as '-20%%' or '+30%%', found '%s'", node->value);
      return FALSE;
    }
  return TRUE;
}

/* A distribution centred on the parameter's value P->value: the value is the
 * mode (triangular, PERT) or the mean (normal, lognormal), and lies within
 * the bounds (uniform).  Bounds are relative to the value ({low: -20%, high:
 * +30%}) or absolute ({min, max}, holding the value); the spread of a normal
 * or lognormal is an sd, absolute or a percentage of the value.  'mode' or
 * 'mean', when written, must be the value, so a value edited without its
 * distribution is refused rather than ignored.  Stored as absolute numbers in
 * d1, d2, d3 (see programme.h). */
static gboolean
parse_distribution (const dxi_ynode *node, dxi_param *p, GError **error)
{
  static const char *const keys[] = { "type", "source", "low", "high", "min", "max", "mode", "mean", "sd", NULL };
  int type = 0;
  if (!dxi_ynode_check_keys (node, keys, error) || !dxi_ynode_get_choice (node, "type", TRUE, dist_names, &type, error))
    return FALSE;
  gboolean bounded = type != DXI_DIST_NORMAL && type != DXI_DIST_LOGNORMAL;
  /* Only the type's own keys: a stray 'sd' on a triangular would be ignored. */
  const char *const own_bounded[] = { "type", "source", "low", "high", "min", "max",
                                      type == DXI_DIST_UNIFORM ? NULL : "mode", NULL };
  const char *const own_spread[] = { "type", "source", "mean", "sd", NULL };
  if (!dxi_ynode_check_keys (node, bounded ? own_bounded : own_spread, error))
    return FALSE;
  double v = p->value;
  const dxi_ynode *centre = dxi_ynode_get (node, bounded ? "mode" : "mean");
  double c = v;
  if (centre && !dxi_ynode_double (centre, &c, error))
    return FALSE;
  if (centre && c != v)
    {
      dxi_ynode_error (centre, error,
                       "the distribution of '%s' is centred on its value %g, not %g: drop '%s' (or give the value %g)",
                       p->name, v, c, bounded ? "mode" : "mean", c);
      return FALSE;
    }
  if (!bounded)
    {
      const dxi_ynode *sd = dxi_ynode_get (node, "sd");
      gboolean rel = FALSE;
      double s = 0;
      if (sd == NULL)
        {
          dxi_ynode_error (node, error, "%s distribution needs 'sd' (a number, or a percentage of the value: sd: 10%%)",
                           dist_names[type]);
          return FALSE;
        }
      if (!spread_number (sd, &s, &rel, error))
        return FALSE;
      p->d1 = v;
      p->d2 = rel ? s * fabs (v) : s;
      if (!(p->d2 > 0) || (type == DXI_DIST_LOGNORMAL && !(v > 0)))
        {
          dxi_ynode_error (sd, error, "%s distribution of '%s' needs sd > 0%s (value %g, sd %g)", dist_names[type],
                           p->name, type == DXI_DIST_LOGNORMAL ? " and a value > 0" : "", v, p->d2);
          return FALSE;
        }
      p->dist = type;
      return TRUE;
    }
  const dxi_ynode *low = dxi_ynode_get (node, "low"), *high = dxi_ynode_get (node, "high");
  const dxi_ynode *min = dxi_ynode_get (node, "min"), *max = dxi_ynode_get (node, "max");
  gboolean relative = low || high;
  if ((relative && (min || max)) || (relative ? !(low && high) : !(min && max)))
    {
      dxi_ynode_error (node, error,
                       "%s distribution needs either low and high (percentages of the value: {low: -20%%, high: +30%%}) "
                       "or min and max (absolute bounds holding the value)",
                       dist_names[type]);
      return FALSE;
    }
  double lo = 0, hi = 0;
  gboolean rel_lo = FALSE, rel_hi = FALSE;
  if (!spread_number (relative ? low : min, &lo, &rel_lo, error)
      || !spread_number (relative ? high : max, &hi, &rel_hi, error))
    return FALSE;
  if (rel_lo != relative || rel_hi != relative)
    {
      dxi_ynode_error (rel_lo != relative ? (relative ? low : min) : (relative ? high : max), error,
                       relative ? "low and high are percentages of the value, such as -20%% and +30%%"
                                : "min and max are numbers; write percentages of the value as low and high");
      return FALSE;
    }
  if (relative)
    {
      if (lo > 0 || hi < 0 || v == 0)
        {
          dxi_ynode_error (node, error,
                           v == 0 ? "a spread in percent of the value 0 is empty: give min and max"
                                  : "low is a percentage at or below 0 and high one at or above 0 (low: -20%%, high: +30%%)");
          return FALSE;
        }
      double a = v * (1 + lo), b = v * (1 + hi);
      lo = MIN (a, b);
      hi = MAX (a, b);
    }
  if (!(lo <= v && v <= hi && lo < hi))
    {
      dxi_ynode_error (node, error, "%s distribution of '%s' runs from %g to %g: it must hold the value %g, with min < max",
                       dist_names[type], p->name, lo, hi, v);
      return FALSE;
    }
  p->d1 = lo;
  p->d2 = type == DXI_DIST_UNIFORM ? hi : v;
  p->d3 = hi;
  p->dist = type;
  return TRUE;
}

/* A parameter {value, source, price_year, distribution}; the value rebased to
 * the price base year when PRICED. */
static gboolean
parse_param (parser *ps, const dxi_ynode *node, const char *name, const char *label, const char *unit,
             gboolean priced, double lo, double hi, guint *out, GError **error)
{
  static const char *const keys[] = { "value", "source", "price_year", "distribution", "unit", NULL };
  if (node->kind == DXI_YNODE_SCALAR)
    {
      dxi_ynode_error (node, error, "'%s' needs its source: write {value: %s, source: \"where it comes from\"}", name,
                       node->value);
      return FALSE;
    }
  shared_param *sp = g_hash_table_lookup (ps->shared, node);
  if (sp)
    {
      dxi_param *p = ps->sc->params->pdata[sp->index];
      if (!g_str_equal (p->unit, unit))
        {
          dxi_ynode_error (node, error, "'%s' and '%s' name the same {value, source} as inputs of different kinds (%s, %s)",
                           p->name, name, p->unit, unit);
          return FALSE;
        }
      g_free (p->label);
      p->label = g_strdup_printf ("%s (one input for %u uses)", sp->label, ++sp->uses);
      *out = sp->index;
      return TRUE;
    }
  const char *source = NULL;
  double value = NAN;
  gint64 year = ps->sc->price_base_year;
  const dxi_ynode *v = dxi_ynode_get (node, "value");
  if (!dxi_ynode_check_keys (node, keys, error) || !dxi_ynode_get_string (node, "source", TRUE, &source, error)
      || !dxi_ynode_get_int (node, "price_year", FALSE, &year, error))
    return FALSE;
  if (!priced && dxi_ynode_get (node, "price_year"))
    {
      dxi_ynode_error (dxi_ynode_get (node, "price_year"), error,
                       "'%s' is not rebased: price_year belongs to benefit values (give this one in %d prices)", name,
                       ps->sc->price_base_year);
      return FALSE;
    }
  if (v == NULL || dxi_ynode_is_null (v))
    {
      dxi_ynode_error (node, error, "'%s' has no published value (source: %s); the scenario must supply it", name,
                       source);
      return FALSE;
    }
  if (!dxi_ynode_double (v, &value, error))
    return FALSE;
  if (value < lo || value > hi)
    {
      dxi_ynode_error (v, error, "'%s' must be between %g and %g, found %g", name, lo, hi, value);
      return FALSE;
    }
  dxi_param *p = g_new0 (dxi_param, 1);
  p->name = g_strdup (name);
  p->label = g_strdup (label);
  p->unit = g_strdup (unit);
  p->source = g_strdup (source);
  p->value = value;
  g_ptr_array_add (ps->sc->params, p);
  *out = ps->sc->params->len - 1;
  sp = g_new0 (shared_param, 1);
  sp->index = *out;
  sp->uses = 1;
  sp->label = g_strdup (label);
  g_hash_table_insert (ps->shared, (gpointer) node, sp);
  const dxi_ynode *dist = dxi_ynode_get (node, "distribution");
  if (dist && !parse_distribution (dist, p, error))
    return FALSE;
  /* The range's own source, when it has one, beside the value's. */
  const char *range_source = NULL;
  if (dist && !dxi_ynode_get_string (dist, "source", FALSE, &range_source, error))
    return FALSE;
  if (range_source)
    {
      char *src = g_strdup_printf ("%s; range (%s): %s", p->source, dist_names[p->dist], range_source);
      g_free (p->source);
      p->source = src;
    }
  /* A bounded distribution stays in the parameter's range (a share's within 0 to 1). */
  double dmax = p->dist == DXI_DIST_UNIFORM ? p->d2 : p->d3;
  if ((p->dist == DXI_DIST_TRIANGULAR || p->dist == DXI_DIST_PERT || p->dist == DXI_DIST_UNIFORM)
      && (p->d1 < lo || dmax > hi))
    {
      dxi_ynode_error (dist, error, "'%s' distribution runs from %g to %g: it must lie between %g and %g", name, p->d1,
                       dmax, lo, hi);
      return FALSE;
    }
  if (priced && year != ps->sc->price_base_year)
    {
      double *from = g_hash_table_lookup (ps->deflator, GINT_TO_POINTER ((int) year));
      double *to = g_hash_table_lookup (ps->deflator, GINT_TO_POINTER (ps->sc->price_base_year));
      if (from == NULL || to == NULL)
        {
          dxi_ynode_error (node, error,
                           "'%s' is in %" G_GINT64_FORMAT " prices: the scenario's appraisal.deflator needs index "
                           "values for %" G_GINT64_FORMAT " and %d",
                           name, year, year, ps->sc->price_base_year);
          return FALSE;
        }
      double k = *to / *from;
      p->value *= k;
      p->d1 *= k; /* every distribution parameter is in money */
      p->d2 *= k;
      p->d3 *= k;
      char *src = g_strdup_printf ("%s (%" G_GINT64_FORMAT " prices, rebased to %d with the GDP deflator)", source,
                                   year, ps->sc->price_base_year);
      g_free (p->source);
      p->source = src;
    }
  return TRUE;
}

/* Merge: a library entry with the scenario's overrides of some fields. */
static const dxi_ynode *
field (const dxi_ynode *override, const dxi_ynode *entry, const char *key)
{
  const dxi_ynode *n = override ? dxi_ynode_get (override, key) : NULL;
  return n ? n : dxi_ynode_get (entry, key);
}

/* A required share of a stream (deadweight, displacement, leakage, drop-off):
 * the scenario's override, else the library's; missing is an error at the
 * library entry naming where the scenario uses it.  Drop-off alone may be
 * left out of a one-year stream, where there is no further year to lose. */
static gboolean
stream_share (parser *ps, const dxi_ynode *override, const dxi_ynode *entry, const dxi_ynode *used, const char *id,
              const char *label, const char *key, guint persistence, guint *out, GError **error)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", id, key);
  g_autofree char *l = g_strdup_printf ("%s: %s", label, key);
  const dxi_ynode *node = field (override, entry, key);
  if (node)
    return parse_param (ps, node, name, l, "share", FALSE, 0, 1, out, error);
  if (g_str_equal (key, "drop_off") && persistence == 1)
    {
      dxi_param *p = g_new0 (dxi_param, 1);
      p->name = g_steal_pointer (&name);
      p->label = g_strdup (l);
      p->unit = g_strdup ("share");
      p->source = g_strdup ("none: the stream lasts one year, so nothing drops off");
      g_ptr_array_add (ps->sc->params, p);
      *out = ps->sc->params->len - 1;
      return TRUE;
    }
  dxi_ynode_error (entry, error,
                   "stream '%s' (used at %s:%u:%u) needs '%s' {value, source}, in the library or the scenario's "
                   "benefits entry: it is not taken as 0",
                   id, used->doc->path, used->line, used->col, key);
  return FALSE;
}

/* The optimism bias on benefits of confidence GRADE (a key of
 * appraisal.benefit_optimism_bias): one parameter per grade in use. */
static gboolean
grade_param (parser *ps, const dxi_ynode *grade, guint *out, GError **error)
{
  const char *g = dxi_ynode_string (grade, error);
  if (g == NULL)
    return FALSE;
  g_autofree char *name = g_strdup_printf ("benefit_optimism_bias.grade_%s", g);
  for (guint i = 0; i < ps->sc->params->len; i++)
    if (g_str_equal (((dxi_param *) ps->sc->params->pdata[i])->name, name))
      return *out = i, TRUE;
  const dxi_ynode *node = dxi_ynode_get (ps->grades, g);
  if (node == NULL)
    {
      g_autoptr (GString) have = g_string_new (NULL);
      for (guint i = 0; i < dxi_ynode_len (ps->grades); i++)
        g_string_append_printf (have, "%s'%s'", i ? ", " : "", dxi_ynode_key_at (ps->grades, i)->value);
      dxi_ynode_error (grade, error, "confidence grade '%s' is not in the scenario's appraisal.benefit_optimism_bias (%s)",
                       g, have->str);
      return FALSE;
    }
  g_autofree char *label = g_strdup_printf ("Optimism bias on benefits of confidence grade %s", g);
  return parse_param (ps, node, name, label, "share", FALSE, 0, 1, out, error);
}

/* A whole number of years {value, source} from LO to 50 (lag_years,
 * ramp_up_years). */
static gboolean
sourced_years (const dxi_ynode *n, const char *key, gint64 lo, gint64 *out, const char **source, GError **error)
{
  static const char *const keys[] = { "value", "source", NULL };
  if (n->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (n, error, "'%s' needs its source: write {value: %s, source: \"where it comes from\"}", key,
                       n->kind == DXI_YNODE_SCALAR ? n->value : "N");
      return FALSE;
    }
  if (!dxi_ynode_check_keys (n, keys, error) || !dxi_ynode_get_int (n, "value", TRUE, out, error)
      || !dxi_ynode_get_string (n, "source", TRUE, source, error))
    return FALSE;
  if (*out < lo || *out > 50)
    {
      dxi_ynode_error (dxi_ynode_get (n, "value"), error, "%s must be %" G_GINT64_FORMAT " to 50, found %" G_GINT64_FORMAT,
                       key, lo, *out);
      return FALSE;
    }
  return TRUE;
}

/* An optional part of a stream (a parameter), DXI_NO_PARAM when absent. */
static gboolean
stream_part (parser *ps, const dxi_ynode *node, const char *id, const char *label, const char *key, const char *what,
             const char *unit, gboolean priced, double lo, double hi, guint *out, GError **error)
{
  *out = DXI_NO_PARAM;
  if (node == NULL)
    return TRUE;
  g_autofree char *name = g_strdup_printf ("%s.%s", id, key);
  g_autofree char *l = g_strdup_printf ("%s: %s", label, what);
  return parse_param (ps, node, name, l, unit, priced, lo, hi, out, error);
}

/* The value of a stream per person helped a year: 'value', or built as
 * quantity x (unit_value - less_unit_value) x eligibility, each part
 * sourced; s->value is then the unit value.  A node gives one form, and an
 * override's 'value' replaces the library's build.  Either form may grow in
 * real terms a year. */
static gboolean
stream_value (parser *ps, const dxi_ynode *override, const dxi_ynode *entry, const char *id, dxi_stream *s,
              GError **error)
{
  static const char *const parts[] = { "quantity", "unit_value", "less_unit_value", "eligibility", NULL };
  const dxi_ynode *nodes[] = { entry, override };
  for (guint i = 0; i < 2; i++)
    for (guint k = 0; nodes[i] && parts[k]; k++)
      if (dxi_ynode_get (nodes[i], parts[k]) && dxi_ynode_get (nodes[i], "value"))
        {
          dxi_ynode_error (dxi_ynode_get (nodes[i], parts[k]), error,
                           "stream '%s' gives both 'value' (per person helped a year) and '%s': give the value or its "
                           "parts (quantity x unit_value [- less_unit_value] x eligibility), not both",
                           id, parts[k]);
          return FALSE;
        }
  gboolean built = FALSE;
  for (guint k = 0; parts[k]; k++)
    built |= field (override, entry, parts[k]) != NULL;
  built &= !(override && dxi_ynode_get (override, "value"));
  const char *label = s->label;
  s->quantity = s->less_unit_value = s->eligibility = DXI_NO_PARAM;
  if (!stream_part (ps, field (override, entry, "growth"), id, label, "growth", "real growth of the value a year",
                    "share a year", FALSE, -0.5, 0.5, &s->growth, error))
    return FALSE;
  if (!built)
    {
      const dxi_ynode *value = field (override, entry, "value");
      if (value == NULL)
        {
          dxi_ynode_error (entry, error,
                           "stream '%s' needs a 'value' per person helped per year, or its parts 'quantity' and "
                           "'unit_value'",
                           id);
          return FALSE;
        }
      return stream_part (ps, value, id, label, "value", "value per person helped per year", "GBP per person per year",
                          TRUE, -1e9, 1e9, &s->value, error);
    }
  const dxi_ynode *quantity = field (override, entry, "quantity"), *unit = field (override, entry, "unit_value");
  if (quantity == NULL || unit == NULL)
    {
      dxi_ynode_error (entry, error, "stream '%s' built from parts needs both 'quantity' and 'unit_value'", id);
      return FALSE;
    }
  const char *qunit = "units per person helped a year";
  if (quantity->kind == DXI_YNODE_MAP && dxi_ynode_get (quantity, "unit")
      && !dxi_ynode_get_string (quantity, "unit", FALSE, &qunit, error))
    return FALSE;
  return stream_part (ps, quantity, id, label, "quantity", "quantity per person helped a year", qunit, FALSE, 0, 1e9,
                      &s->quantity, error)
         && stream_part (ps, unit, id, label, "unit_value", "value of one unit", "GBP per unit", TRUE, -1e9, 1e9,
                         &s->value, error)
         && stream_part (ps, field (override, entry, "less_unit_value"), id, label, "less_unit_value",
                         "value of one unit taken off (e.g. the cost of the channel moved to)", "GBP per unit", TRUE,
                         -1e9, 1e9, &s->less_unit_value, error)
         && stream_part (ps, field (override, entry, "eligibility"), id, label, "eligibility",
                         "share of people helped the stream applies to", "share", FALSE, 0, 1, &s->eligibility, error);
}

/* USED: the scenario's benefits item naming the stream, for messages. */
static gboolean
parse_stream (parser *ps, const char *id, const dxi_ynode *entry, const dxi_ynode *override, const dxi_ynode *used,
              guint *out, GError **error)
{
  static const char *const keys[] = { "label",    "value",    "kind",       "recipient",    "value_type",
                                      "health",   "persistence", "lag_years", "confidence", "drop_off",
                                      "deadweight", "displacement", "leakage", "stream",     "quantity",
                                      "unit_value", "less_unit_value", "eligibility", "growth", "ramp_up_years", NULL };
  static const char *const confidence_keys[] = { "grade", "source", NULL };
  if (!dxi_ynode_check_keys (entry, keys, error) || (override && !dxi_ynode_check_keys (override, keys, error)))
    return FALSE;
  for (guint i = 0; i < ps->sc->streams->len; i++)
    if (g_str_equal (((dxi_stream *) ps->sc->streams->pdata[i])->id, id))
      return *out = i, TRUE;
  dxi_stream *s = g_new0 (dxi_stream, 1);
  s->id = g_strdup (id);
  s->persistence = 1;
  g_ptr_array_add (ps->sc->streams, s);
  *out = ps->sc->streams->len - 1;
  int kind = 0, recipient = 0, type = 0;
  gint64 persistence = 1, lag = 0;
  const char *label = id, *lag_source = NULL, *grade_source = NULL;
  const dxi_ynode *n;
  if ((n = field (override, entry, "label")) && (label = dxi_ynode_string (n, error)) == NULL)
    return FALSE;
  if ((n = field (override, entry, "kind")) == NULL || !dxi_ynode_choice (n, kinds, &kind, error))
    {
      if (n == NULL)
        dxi_ynode_error (entry, error, "stream '%s' needs 'kind' (direct or indirect)", id);
      return FALSE;
    }
  if ((n = field (override, entry, "recipient")) == NULL || !dxi_ynode_choice (n, dxi_recipient_names, &recipient, error))
    {
      if (n == NULL)
        dxi_ynode_error (entry, error,
                         "stream '%s' needs 'recipient' (council, nhs, dwp, hmrc, other_public, individual, employer, "
                         "society)",
                         id);
      return FALSE;
    }
  /* Fiscal: a benefit to the public sector; the others say economic or social. */
  gboolean public = recipient < DXI_N_PUBLIC_RECIPIENTS;
  n = field (override, entry, "value_type");
  if (n && !dxi_ynode_choice (n, value_types, &type, error))
    return FALSE;
  if (public ? n && type != DXI_VALUE_FISCAL : n == NULL || type == DXI_VALUE_FISCAL)
    {
      dxi_ynode_error (n ? n : entry, error,
                       public ? "stream '%s' goes to '%s', a public-sector recipient: its value is fiscal"
                              : "stream '%s' goes to '%s': give 'value_type: economic' (earnings, output, money saved) "
                                "or 'value_type: social' (health, wellbeing); fiscal is for public-sector recipients",
                       id, dxi_recipient_names[recipient]);
      return FALSE;
    }
  if ((n = field (override, entry, "health")) && !dxi_ynode_bool (n, &s->health, error))
    return FALSE;
  if ((n = field (override, entry, "persistence")) && !dxi_ynode_int (n, &persistence, error))
    return FALSE;
  if (persistence < 1 || persistence > 50)
    {
      dxi_ynode_error (n, error, "persistence must be 1 to 50 years, found %" G_GINT64_FORMAT, persistence);
      return FALSE;
    }
  s->label = g_strdup (label);
  if (!stream_value (ps, override, entry, id, s, error))
    return FALSE;
  /* The lag from helping someone to the stream's first year of benefit. */
  n = field (override, entry, "lag_years");
  if (n == NULL || n->kind == DXI_YNODE_SCALAR)
    {
      dxi_ynode_error (n ? n : entry, error,
                       "stream '%s' (used at %s:%u:%u) needs 'lag_years' {value, source}: the years from helping "
                       "someone online to the first year of benefit (0: the same year)",
                       id, used->doc->path, used->line, used->col);
      return FALSE;
    }
  if (!sourced_years (n, "lag_years", 0, &lag, &lag_source, error))
    return FALSE;
  /* Ramp-up: the years to the full benefit (1, the default: full at once). */
  gint64 ramp = 1;
  const char *ramp_source = "none: the full benefit from its first year";
  if ((n = field (override, entry, "ramp_up_years")) && !sourced_years (n, "ramp_up_years", 1, &ramp, &ramp_source, error))
    return FALSE;
  s->ramp = (guint) ramp;
  s->ramp_source = g_strdup (ramp_source);
  s->direct = kind == 0;
  s->recipient = g_strdup (dxi_recipient_names[recipient]);
  s->recipient_index = (guint) recipient;
  s->type = type;
  s->persistence = (guint) persistence;
  s->lag = (guint) lag;
  s->lag_source = g_strdup (lag_source);
  /* Optimism bias on benefits: the stream's data-confidence grade. */
  n = field (override, entry, "confidence");
  if (n == NULL || n->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (n ? n : entry, error,
                       "stream '%s' (used at %s:%u:%u) needs 'confidence' {grade, source}: the grade of its evidence, "
                       "which sets the optimism bias on its benefits",
                       id, used->doc->path, used->line, used->col);
      return FALSE;
    }
  if (!dxi_ynode_check_keys (n, confidence_keys, error) || !dxi_ynode_get_string (n, "source", TRUE, &grade_source, error))
    return FALSE;
  const dxi_ynode *grade = dxi_ynode_get (n, "grade");
  if (grade == NULL)
    {
      dxi_ynode_error (n, error, "missing key 'grade'");
      return FALSE;
    }
  if (!grade_param (ps, grade, &s->optimism, error))
    return FALSE;
  s->grade = g_strdup (grade->value);
  const char *shares[] = { "drop_off", "deadweight", "displacement", "leakage" };
  guint *slots[] = { &s->drop_off, &s->deadweight, &s->displacement, &s->leakage };
  for (guint i = 0; i < 4; i++)
    if (!stream_share (ps, override, entry, used, id, label, shares[i], s->persistence, slots[i], error))
      return FALSE;
  return TRUE;
}

/* {year: amount} over the horizon into OUT (NAN where not given). */
static gboolean
parse_by_year (parser *ps, const dxi_ynode *map, double *out, GError **error)
{
  if (!dxi_ynode_expect (map, DXI_YNODE_MAP, error))
    return FALSE;
  if (dxi_ynode_len (map) == 0)
    {
      dxi_ynode_error (map, error, "no years given: write {year: amount, ...}");
      return FALSE;
    }
  for (guint i = 0; i < dxi_ynode_len (map); i++)
    {
      const dxi_ynode *key = dxi_ynode_key_at (map, i);
      gint64 year = 0;
      double v = 0;
      if (!dxi_ynode_int (key, &year, error) || !dxi_ynode_double (dxi_ynode_at (map, i), &v, error))
        return FALSE;
      gint64 t = year - ps->sc->first_year;
      if (t < 0 || t >= ps->sc->horizon || v < 0)
        {
          dxi_ynode_error (key, error, "year %" G_GINT64_FORMAT " with %g: years run from %d to %u and amounts are >= 0",
                           year, v, ps->sc->first_year, ps->sc->first_year + ps->sc->horizon - 1);
          return FALSE;
        }
      out[t] = v;
    }
  return TRUE;
}

static gboolean
parse_targeting (dxi_intervention *iv, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = { "top_percent", "deciles", "areas", NULL };
  if (node == NULL || (node->kind == DXI_YNODE_SCALAR && g_str_equal (node->value, "all")))
    return TRUE;
  if (!dxi_ynode_check_keys (node, keys, error))
    return FALSE;
  if (dxi_ynode_len (node) != 1)
    {
      dxi_ynode_error (node, error, "targeting takes one of top_percent, deciles or areas");
      return FALSE;
    }
  const dxi_ynode *v;
  if ((v = dxi_ynode_get (node, "top_percent")))
    {
      iv->targeting = DXI_TARGET_TOP_PERCENT;
      if (!dxi_ynode_double (v, &iv->top_percent, error))
        return FALSE;
      if (!(iv->top_percent > 0 && iv->top_percent <= 100))
        {
          dxi_ynode_error (v, error, "top_percent must be above 0 and at most 100");
          return FALSE;
        }
      return TRUE;
    }
  gboolean deciles = (v = dxi_ynode_get (node, "deciles")) != NULL;
  if (!deciles)
    v = dxi_ynode_get (node, "areas");
  if (!dxi_ynode_expect (v, DXI_YNODE_SEQ, error))
    return FALSE;
  if (dxi_ynode_len (v) == 0)
    {
      dxi_ynode_error (v, error, "targeting names no %s", deciles ? "deciles (1 to 10)" : "area codes");
      return FALSE;
    }
  iv->targeting = deciles ? DXI_TARGET_DECILES : DXI_TARGET_AREAS;
  iv->deciles = g_array_new (FALSE, FALSE, sizeof (guint));
  iv->areas = g_ptr_array_new_with_free_func (g_free);
  iv->area_where = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < dxi_ynode_len (v); i++)
    {
      const dxi_ynode *item = dxi_ynode_at (v, i);
      gint64 d = 0;
      const char *code = NULL;
      if (deciles && !(item->kind == DXI_YNODE_SCALAR && dxi_ynode_int (item, &d, NULL) && d >= 1 && d <= 10))
        {
          if (item->kind != DXI_YNODE_SCALAR)
            dxi_ynode_int (item, &d, error);
          else
            dxi_ynode_error (item, error, "deciles are whole numbers from 1 (most excluded) to 10, found '%s'",
                             item->value);
          return FALSE;
        }
      if (!deciles && (code = dxi_ynode_string (item, error)) == NULL)
        return FALSE;
      guint dd = (guint) d;
      if (deciles)
        g_array_append_val (iv->deciles, dd);
      else
        {
          g_ptr_array_add (iv->areas, g_strdup (code));
          g_ptr_array_add (iv->area_where, g_strdup_printf ("%s:%u:%u", item->doc->path, item->line, item->col));
        }
    }
  return TRUE;
}

static gboolean
parse_intervention (parser *ps, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = { "id",    "label",     "type",       "cost_per_person", "fixed_costs", "budget",
                                      "people", "targeting", "allocation", "cap",             "success_rate", "benefits",
                                      NULL };
  const char *id = NULL, *label = NULL, *cap = "excluded_adults";
  int type = 0, allocation = 0;
  if (!dxi_ynode_check_keys (node, keys, error) || !dxi_ynode_get_string (node, "id", TRUE, &id, error)
      || !dxi_ynode_get_string (node, "label", FALSE, &label, error)
      || !dxi_ynode_get_choice (node, "type", TRUE, types, &type, error)
      || !dxi_ynode_get_choice (node, "allocation", FALSE, allocations, &allocation, error)
      || !dxi_ynode_get_string (node, "cap", FALSE, &cap, error))
    return FALSE;
  if (dxi_scenario_find_intervention (ps->sc, id) >= 0)
    {
      dxi_ynode_error (dxi_ynode_get (node, "id"), error, "intervention id '%s' is used twice: each needs its own", id);
      return FALSE;
    }
  dxi_intervention *iv = g_new0 (dxi_intervention, 1);
  g_ptr_array_add (ps->sc->interventions, iv);
  guint h = ps->sc->horizon;
  iv->id = g_strdup (id);
  iv->label = g_strdup (label ? label : id);
  iv->type = g_strdup (types[type]);
  iv->allocation = allocation;
  iv->cap = g_strdup (cap);
  const dxi_ynode *cap_node = dxi_ynode_get (node, "cap") ? dxi_ynode_get (node, "cap") : node;
  iv->cap_where = g_strdup_printf ("%s:%u:%u", cap_node->doc->path, cap_node->line, cap_node->col);
  iv->capital = g_new0 (double, h);
  iv->revenue = g_new0 (double, h);
  iv->budget = g_new (double, h);
  iv->people = g_new (double, h);
  for (guint t = 0; t < h; t++)
    iv->budget[t] = iv->people[t] = NAN;
  g_autofree char *cname = g_strdup_printf ("%s.cost_per_person", id);
  g_autofree char *clabel = g_strdup_printf ("%s: cost per person reached", iv->label);
  g_autofree char *sname = g_strdup_printf ("%s.success_rate", id);
  g_autofree char *slabel = g_strdup_printf ("%s: success rate (reached who get and stay online)", iv->label);
  const dxi_ynode *cost = dxi_ynode_get (node, "cost_per_person"), *success = dxi_ynode_get (node, "success_rate");
  if (cost == NULL || success == NULL)
    {
      dxi_ynode_error (node, error, "intervention '%s' needs 'cost_per_person' and 'success_rate'", id);
      return FALSE;
    }
  if (!parse_param (ps, cost, cname, clabel, "GBP per person", FALSE, 0, 1e7, &iv->cost_per_person, error)
      || !parse_param (ps, success, sname, slabel, "share", FALSE, 0, 1, &iv->success_rate, error))
    return FALSE;
  const dxi_ynode *budget = dxi_ynode_get (node, "budget"), *people = dxi_ynode_get (node, "people");
  if ((budget == NULL) == (people == NULL))
    {
      dxi_ynode_error (node, error, "intervention '%s' needs either 'budget' or 'people' by year", id);
      return FALSE;
    }
  iv->by_budget = budget != NULL;
  if (!parse_by_year (ps, budget ? budget : people, budget ? iv->budget : iv->people, error))
    return FALSE;
  double cpp = ((dxi_param *) ps->sc->params->pdata[iv->cost_per_person])->value;
  if (iv->by_budget && cpp <= 0)
    {
      dxi_ynode_error (dxi_ynode_get (cost, "value"), error,
                       "'%s' must be above 0 with a budget: the budget less fixed costs is divided by it", cname);
      return FALSE;
    }
  const dxi_ynode *fixed = dxi_ynode_get (node, "fixed_costs");
  if (fixed && !dxi_ynode_expect (fixed, DXI_YNODE_SEQ, error))
    return FALSE;
  for (guint i = 0; fixed && i < dxi_ynode_len (fixed); i++)
    {
      static const char *const fkeys[] = { "year", "capital", "revenue", "source", NULL };
      const dxi_ynode *row = dxi_ynode_at (fixed, i);
      gint64 year = 0;
      double capital = 0, revenue = 0;
      if (!dxi_ynode_check_keys (row, fkeys, error) || !dxi_ynode_get_int (row, "year", TRUE, &year, error)
          || !dxi_ynode_get_double (row, "capital", FALSE, &capital, error)
          || !dxi_ynode_get_double (row, "revenue", FALSE, &revenue, error))
        return FALSE;
      gint64 t = year - ps->sc->first_year;
      if (t < 0 || t >= h)
        {
          dxi_ynode_error (row, error, "year %" G_GINT64_FORMAT " is outside the appraisal (%d to %u)", year,
                           ps->sc->first_year, ps->sc->first_year + h - 1);
          return FALSE;
        }
      if (capital < 0 || revenue < 0)
        {
          dxi_ynode_error (row, error, "fixed costs are amounts >= 0, found capital %g and revenue %g", capital,
                           revenue);
          return FALSE;
        }
      iv->capital[t] += capital;
      iv->revenue[t] += revenue;
      double spend = isnan (iv->budget[t]) ? 0 : iv->budget[t];
      if (iv->by_budget && iv->capital[t] + iv->revenue[t] > spend)
        {
          dxi_ynode_error (row, error,
                           "fixed costs of %" G_GINT64_FORMAT " (%g) are above its budget (%g): the budget includes "
                           "fixed costs",
                           year, iv->capital[t] + iv->revenue[t], spend);
          return FALSE;
        }
    }
  gboolean fixed_cost = FALSE;
  for (guint t = 0; t < h; t++)
    fixed_cost |= iv->capital[t] + iv->revenue[t] > 0;
  if (cpp == 0 && !fixed_cost)
    {
      dxi_ynode_error (dxi_ynode_get (cost, "value"), error,
                       "intervention '%s' costs nothing: give a cost_per_person above 0 or fixed_costs", id);
      return FALSE;
    }
  if (!parse_targeting (iv, dxi_ynode_get (node, "targeting"), error))
    return FALSE;
  const dxi_ynode *benefits = dxi_ynode_get (node, "benefits");
  const dxi_ynode *library = dxi_ynode_get (ps->library->root, "streams");
  iv->streams = g_array_new (FALSE, FALSE, sizeof (guint));
  if (benefits == NULL || !dxi_ynode_expect (benefits, DXI_YNODE_SEQ, error))
    {
      if (benefits == NULL)
        dxi_ynode_error (node, error, "intervention '%s' needs 'benefits' (stream ids from '%s')", id,
                         ps->library->path);
      return FALSE;
    }
  g_autoptr (GPtrArray) listed = g_ptr_array_new (); /* borrowed stream ids */
  for (guint i = 0; i < dxi_ynode_len (benefits); i++)
    {
      const dxi_ynode *item = dxi_ynode_at (benefits, i), *override = NULL;
      const char *sid = item->kind == DXI_YNODE_SCALAR ? item->value : NULL;
      if (sid == NULL && !dxi_ynode_get_string (item, "stream", TRUE, &sid, error))
        return FALSE;
      if (g_ptr_array_find_with_equal_func (listed, sid, g_str_equal, NULL))
        {
          dxi_ynode_error (item, error, "stream '%s' is listed twice for '%s': its benefit would be counted twice", sid,
                           id);
          return FALSE;
        }
      g_ptr_array_add (listed, (gpointer) sid);
      if (item->kind == DXI_YNODE_MAP)
        override = item;
      const dxi_ynode *entry = dxi_ynode_get (library, sid);
      if (entry == NULL)
        {
          g_autoptr (GPtrArray) ids = g_ptr_array_new ();
          for (guint k = 0; k < dxi_ynode_len (library); k++)
            g_ptr_array_add (ids, dxi_ynode_key_at (library, k)->value);
          g_ptr_array_add (ids, NULL);
          const char *near = dxi_suggest (sid, (const char *const *) ids->pdata);
          dxi_ynode_error (item, error, "no stream '%s' in '%s'%s%s%s", sid, ps->library->path,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
          return FALSE;
        }
      /* An overridden stream is the intervention's own. */
      g_autofree char *key = override && dxi_ynode_len (override) > 1 ? g_strdup_printf ("%s.%s", id, sid) : g_strdup (sid);
      guint s;
      if (!parse_stream (ps, key, entry, override, item, &s, error))
        return FALSE;
      g_array_append_val (iv->streams, s);
    }
  return TRUE;
}

/* appraisal.local_impact: the gross to net of benefits at an area boundary
 * (see programme.h); every factor required, with its source. */
static gboolean
parse_local_impact (parser *ps, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = { "area", "to_year", "value_types", "deadweight", "displacement", "leakage",
                                      "multiplier", NULL };
  static const char *const factors[] = { "deadweight", "displacement", "leakage", "multiplier" };
  static const char *const value_keys[] = { "value", "source", NULL };
  const char *area = NULL;
  gint64 to_year = ps->sc->first_year + (gint64) ps->sc->horizon - 1;
  if (!dxi_ynode_check_keys (node, keys, error) || !dxi_ynode_get_string (node, "area", TRUE, &area, error)
      || !dxi_ynode_get_int (node, "to_year", FALSE, &to_year, error))
    return FALSE;
  if (to_year < ps->sc->first_year || to_year >= ps->sc->first_year + (gint64) ps->sc->horizon)
    {
      dxi_ynode_error (dxi_ynode_get (node, "to_year"), error, "to_year must be within the appraisal, %d to %u",
                       ps->sc->first_year, ps->sc->first_year + ps->sc->horizon - 1);
      return FALSE;
    }
  dxi_local_impact *li = ps->sc->local = g_new0 (dxi_local_impact, 1);
  li->area = g_strdup (area);
  li->to_year = (int) to_year;
  const dxi_ynode *types = dxi_ynode_get (node, "value_types");
  if (types && !dxi_ynode_expect (types, DXI_YNODE_SEQ, error))
    return FALSE;
  li->types[DXI_VALUE_ECONOMIC] = types == NULL;
  for (guint i = 0; types && i < dxi_ynode_len (types); i++)
    {
      int t = 0;
      if (!dxi_ynode_choice (dxi_ynode_at (types, i), value_types, &t, error))
        return FALSE;
      li->types[t] = TRUE;
    }
  double *slots[] = { &li->deadweight, &li->displacement, &li->leakage, &li->multiplier };
  for (guint i = 0; i < 4; i++)
    {
      const dxi_ynode *f = dxi_ynode_get (node, factors[i]);
      const char *source = NULL;
      if (f == NULL || f->kind != DXI_YNODE_MAP)
        {
          dxi_ynode_error (f ? f : node, error,
                           "local_impact needs '%s' {value, source}: the gross to net at the area boundary takes none "
                           "as given",
                           factors[i]);
          return FALSE;
        }
      if (!dxi_ynode_check_keys (f, value_keys, error) || !dxi_ynode_get_double (f, "value", TRUE, slots[i], error)
          || !dxi_ynode_get_string (f, "source", TRUE, &source, error))
        return FALSE;
      gboolean multiplier = i == 3;
      if (multiplier ? !(*slots[i] >= 1 && *slots[i] <= 5) : !(*slots[i] >= 0 && *slots[i] <= 1))
        {
          dxi_ynode_error (dxi_ynode_get (f, "value"), error, "local_impact %s must be between %s, found %g",
                           factors[i], multiplier ? "1 and 5" : "0 and 1", *slots[i]);
          return FALSE;
        }
      li->source[i] = g_strdup (source);
    }
  return TRUE;
}

static gboolean
parse_appraisal (parser *ps, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = { "price_base_year", "first_year",  "horizon_years", "discounting", "discount_rate",
                                      "optimism_bias",   "deflator",    "monte_carlo",   "tornado_range",
                                      "benefit_optimism_bias", "local_impact", NULL };
  static const char *const schedules[] = { "stpr", "health", "flat", NULL };
  static const char *const mc_keys[] = { "draws", "seed", NULL };
  static const char *const defl_keys[] = { "source", "index", NULL };
  gint64 base = 0, first = 0, horizon = 10, draws = 10000, seed = 1;
  int schedule = 0;
  dxi_scenario *sc = ps->sc;
  sc->tornado_range = 0.2;
  if (node == NULL)
    {
      dxi_ynode_error (ps->doc->root, error, "missing key 'appraisal' (price_base_year, first_year, ...)");
      return FALSE;
    }
  if (!dxi_ynode_check_keys (node, keys, error) || !dxi_ynode_get_int (node, "price_base_year", TRUE, &base, error)
      || !dxi_ynode_get_int (node, "first_year", TRUE, &first, error)
      || !dxi_ynode_get_int (node, "horizon_years", FALSE, &horizon, error)
      || !dxi_ynode_get_choice (node, "discounting", FALSE, schedules, &schedule, error)
      || !dxi_ynode_get_double (node, "discount_rate", schedule == DXI_DISCOUNT_FLAT, &sc->discount_rate, error)
      || !dxi_ynode_get_double (node, "tornado_range", FALSE, &sc->tornado_range, error))
    return FALSE;
  const char *bad = horizon < 1 || horizon > 60 ? "horizon_years"
                    : base < 1990 || base > 2100 ? "price_base_year"
                    : first < base - 5 || first > 2100 ? "first_year"
                                                       : NULL;
  if (bad)
    {
      dxi_ynode_error (dxi_ynode_get (node, bad), error,
                       "horizon_years must be 1 to 60, price_base_year 1990 to 2100 and first_year from 5 years before "
                       "it to 2100 (found %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                       horizon, base, first);
      return FALSE;
    }
  const dxi_ynode *rate = dxi_ynode_get (node, "discount_rate"), *tornado = dxi_ynode_get (node, "tornado_range");
  if (rate && schedule != DXI_DISCOUNT_FLAT)
    {
      dxi_ynode_error (rate, error, "discount_rate applies only with 'discounting: flat' (%s uses the Green Book rates)",
                       schedules[schedule]);
      return FALSE;
    }
  if (rate && !(sc->discount_rate >= 0 && sc->discount_rate < 1))
    {
      dxi_ynode_error (rate, error, "discount_rate is a share a year (0.035 for 3.5%%), 0 to below 1, found %g",
                       sc->discount_rate);
      return FALSE;
    }
  if (!(sc->tornado_range > 0 && sc->tornado_range <= 1))
    {
      dxi_ynode_error (tornado, error, "tornado_range is a share (0.2 for inputs at +-20%%), above 0 and at most 1, "
                       "found %g", sc->tornado_range);
      return FALSE;
    }
  sc->price_base_year = (int) base;
  sc->first_year = (int) first;
  sc->horizon = (guint) horizon;
  sc->discounting = schedule;
  const dxi_ynode *mc = dxi_ynode_get (node, "monte_carlo");
  if (mc && (!dxi_ynode_check_keys (mc, mc_keys, error) || !dxi_ynode_get_int (mc, "draws", FALSE, &draws, error)
             || !dxi_ynode_get_int (mc, "seed", FALSE, &seed, error)))
    return FALSE;
  if (draws < 0 || draws > DXI_SCENARIO_DRAWS_MAX)
    {
      dxi_ynode_error (dxi_ynode_get (mc, "draws"), error, "'draws' must be between 0 and %d", DXI_SCENARIO_DRAWS_MAX);
      return FALSE;
    }
  if (seed < 0 || seed > DXI_SCENARIO_SEED_MAX)
    {
      dxi_ynode_error (dxi_ynode_get (mc, "seed"), error, "'seed' must be between 0 and %" G_GINT64_FORMAT,
                       (gint64) DXI_SCENARIO_SEED_MAX);
      return FALSE;
    }
  sc->draws = (guint) draws;
  sc->seed = (guint32) seed;
  const dxi_ynode *defl = dxi_ynode_get (node, "deflator");
  if (defl)
    {
      const char *source = NULL;
      const dxi_ynode *index = dxi_ynode_get (defl, "index");
      if (!dxi_ynode_check_keys (defl, defl_keys, error) || !dxi_ynode_get_string (defl, "source", TRUE, &source, error)
          || index == NULL || !dxi_ynode_expect (index, DXI_YNODE_MAP, error))
        {
          if (index == NULL && error && *error == NULL)
            dxi_ynode_error (defl, error, "deflator needs 'index' ({year: value})");
          return FALSE;
        }
      sc->deflator_source = g_strdup (source);
      for (guint i = 0; i < dxi_ynode_len (index); i++)
        {
          gint64 y = 0;
          double *v = g_new (double, 1);
          if (!dxi_ynode_int (dxi_ynode_key_at (index, i), &y, error) || !dxi_ynode_double (dxi_ynode_at (index, i), v, error))
            {
              g_free (v);
              return FALSE;
            }
          if (!(*v > 0))
            {
              dxi_ynode_error (dxi_ynode_at (index, i), error, "a deflator index value must be above 0, found %g", *v);
              g_free (v);
              return FALSE;
            }
          g_hash_table_insert (ps->deflator, GINT_TO_POINTER ((int) y), v);
        }
    }
  const dxi_ynode *local = dxi_ynode_get (node, "local_impact");
  if (local && !parse_local_impact (ps, local, error))
    return FALSE;
  const dxi_ynode *ob = dxi_ynode_get (node, "optimism_bias");
  if (ob == NULL)
    {
      dxi_ynode_error (node, error, "missing key 'optimism_bias' ({value, source}: the Green Book asks for it)");
      return FALSE;
    }
  /* Optimism bias on benefits by data-confidence grade: no default, as the
   * published table (GMCA CBA model) is not one dxi can cite. */
  ps->grades = dxi_ynode_get (node, "benefit_optimism_bias");
  if (ps->grades == NULL || ps->grades->kind != DXI_YNODE_MAP || dxi_ynode_len (ps->grades) == 0)
    {
      dxi_ynode_error (ps->grades ? ps->grades : node, error,
                       "%s 'benefit_optimism_bias' ({grade: {value, source}, ...}: the share of benefits taken off "
                       "for each data-confidence grade; dxi has no default)",
                       ps->grades ? "expected a mapping of grades under" : "missing key");
      return FALSE;
    }
  return parse_param (ps, ob, "optimism_bias", "Optimism bias on costs", "share of costs", FALSE, 0, 5,
                      &sc->optimism_bias, error);
}

gint
dxi_scenario_find_intervention (const dxi_scenario *sc, const char *id)
{
  for (guint i = 0; i < sc->interventions->len; i++)
    if (g_str_equal (((dxi_intervention *) sc->interventions->pdata[i])->id, id))
      return (gint) i;
  return -1;
}

char *
dxi_scenario_study_path (const dxi_ydoc *scenario, GError **error)
{
  char *path = NULL;
  return dxi_ynode_get_path (scenario->root, "study", TRUE, &path, error) ? path : NULL;
}

char *
dxi_scenario_library_path (const dxi_ydoc *scenario, GError **error)
{
  char *path = NULL;
  return dxi_ynode_get_path (scenario->root, "benefits", TRUE, &path, error) ? path : NULL;
}

dxi_scenario *
dxi_scenario_from_yaml (const dxi_ydoc *doc, const dxi_ydoc *library, GError **error)
{
  static const char *const keys[] = { "name", "title", "study", "benefits", "appraisal", "interventions",
                                      "optimiser", "affordability", NULL };
  const dxi_ynode *root = doc->root;
  const char *name = NULL, *title = NULL;
  if (!dxi_ynode_check_keys (root, keys, error) || !dxi_ynode_get_string (root, "name", TRUE, &name, error)
      || !dxi_ynode_get_string (root, "title", FALSE, &title, error))
    return NULL;
  /* The name makes column and file names (business_case_<name>.xlsx). */
  gboolean plain_name = *name != '\0';
  for (const char *c = name; *c; c++)
    plain_name &= g_ascii_isalnum (*c) || *c == '_' || *c == '-';
  if (!plain_name)
    {
      dxi_ynode_error (dxi_ynode_get (root, "name"), error,
                       "name '%s' names columns and files: use letters, digits, '_' and '-'", name);
      return NULL;
    }
  /* shared: parts several streams name through YAML anchors. */
  static const char *const library_keys[] = { "streams", "shared", NULL };
  if (!dxi_ynode_check_keys (library->root, library_keys, error))
    return NULL;
  const dxi_ynode *lib_streams = dxi_ynode_get (library->root, "streams");
  if (lib_streams == NULL || !dxi_ynode_expect (lib_streams, DXI_YNODE_MAP, error))
    {
      if (lib_streams == NULL)
        dxi_ynode_error (library->root, error, "missing key 'streams'");
      return NULL;
    }
  g_autoptr (dxi_scenario) sc = g_new0 (dxi_scenario, 1);
  sc->path = g_strdup (doc->path);
  sc->name = g_strdup (name);
  sc->title = g_strdup (title ? title : name);
  sc->study_path = dxi_scenario_study_path (doc, error);
  sc->params = g_ptr_array_new_with_free_func (param_free);
  sc->streams = g_ptr_array_new_with_free_func (stream_free);
  sc->interventions = g_ptr_array_new_with_free_func (intervention_free);
  parser ps = { sc, doc, library, g_hash_table_new_full (NULL, NULL, NULL, g_free),
                g_hash_table_new_full (NULL, NULL, NULL, shared_param_free), NULL };
  gboolean ok = sc->study_path != NULL && parse_appraisal (&ps, dxi_ynode_get (root, "appraisal"), error);
  const dxi_ynode *ivs = dxi_ynode_get (root, "interventions");
  if (ok && (ivs == NULL || !dxi_ynode_expect (ivs, DXI_YNODE_SEQ, error) || dxi_ynode_len (ivs) == 0))
    {
      if (ivs == NULL || dxi_ynode_len (ivs) == 0)
        dxi_ynode_error (ivs ? ivs : root, error, "a scenario needs at least one intervention under 'interventions'");
      ok = FALSE;
    }
  for (guint i = 0; ok && i < dxi_ynode_len (ivs); i++)
    ok = parse_intervention (&ps, dxi_ynode_at (ivs, i), error);
  g_hash_table_unref (ps.deflator);
  g_hash_table_unref (ps.shared);
  return ok ? g_steal_pointer (&sc) : NULL;
}
