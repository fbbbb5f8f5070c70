#include "config/param.h"

#include <math.h>
#include <string.h>

#include "core/error.h"

static const char *const dist_names[]
    = { "none", "triangular", "pert", "normal", "lognormal", "uniform", NULL };
static const char *const param_keys[]
    = { "value", "source", "price_year", "distribution", "unit", NULL };
static const char *const dist_keys[]
    = { "type", "source", "low", "high", "min", "max", "mode", "mean", "sd", NULL };

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

GHashTable *
dxi_param_table_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, shared_param_free);
}

void
dxi_param_free (gpointer data)
{
  dxi_param *p = data;
  g_free (p->name);
  g_free (p->label);
  g_free (p->unit);
  g_free (p->source);
  g_free (p);
}

guint
dxi_param_add (dxi_scenario_reader *r, const char *name, const char *label, const char *unit,
               const char *source)
{
  dxi_param *p = g_new0 (dxi_param, 1);
  p->name = g_strdup (name);
  p->label = g_strdup (label);
  p->unit = g_strdup (unit);
  p->source = g_strdup (source);
  g_ptr_array_add (r->sc->params, p);
  return r->sc->params->len - 1;
}

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
      dxi_ynode_error (node, error, "expected a percentage such as '-20%%' or '+30%%', found '%s'",
                       node->value);
      return FALSE;
    }
  return TRUE;
}

/* A normal or lognormal distribution: mean the value, sd absolute or a
 * percentage of it. */
static gboolean
distribution_spread (const dxi_ynode *node, int type, dxi_param *p, GError **error)
{
  const dxi_ynode *sd = dxi_ynode_get (node, "sd");
  gboolean rel = FALSE;
  double s = 0, v = p->value;
  if (sd == NULL)
    {
      dxi_ynode_error (node, error,
                       "%s distribution needs 'sd' (a number, or a percentage of the value: "
                       "sd: 10%%)",
                       dist_names[type]);
      return FALSE;
    }
  if (!spread_number (sd, &s, &rel, error))
    return FALSE;
  p->d1 = v;
  p->d2 = rel ? s * fabs (v) : s;
  if (!(p->d2 > 0) || (type == DXI_DIST_LOGNORMAL && !(v > 0)))
    {
      dxi_ynode_error (sd, error, "%s distribution of '%s' needs sd > 0%s (value %g, sd %g)",
                       dist_names[type], p->name,
                       type == DXI_DIST_LOGNORMAL ? " and a value > 0" : "", v, p->d2);
      return FALSE;
    }
  p->dist = type;
  return TRUE;
}

/* The bounds of a bounded distribution into *LO, *HI, absolute: {low, high}
 * in percent of the value, or {min, max}. */
static gboolean
distribution_bounds (const dxi_ynode *node, int type, double v, double *lo, double *hi,
                     GError **error)
{
  const dxi_ynode *low = dxi_ynode_get (node, "low"), *high = dxi_ynode_get (node, "high");
  const dxi_ynode *min = dxi_ynode_get (node, "min"), *max = dxi_ynode_get (node, "max");
  gboolean relative = low || high;
  if ((relative && (min || max)) || (relative ? !(low && high) : !(min && max)))
    {
      dxi_ynode_error (node, error,
                       "%s distribution needs either low and high (percentages of the value: "
                       "{low: -20%%, high: +30%%}) "
                       "or min and max (absolute bounds holding the value)",
                       dist_names[type]);
      return FALSE;
    }
  gboolean rel_lo = FALSE, rel_hi = FALSE;
  if (!spread_number (relative ? low : min, lo, &rel_lo, error)
      || !spread_number (relative ? high : max, hi, &rel_hi, error))
    return FALSE;
  if (rel_lo != relative || rel_hi != relative)
    {
      const dxi_ynode *bad = rel_lo != relative ? (relative ? low : min) : (relative ? high : max);
      dxi_ynode_error (bad, error,
                       relative ? "low and high are percentages of the value, such as -20%% and "
                                  "+30%%"
                                : "min and max are numbers; write percentages of the value as low "
                                  "and high");
      return FALSE;
    }
  if (relative)
    {
      if (*lo > 0 || *hi < 0 || v == 0)
        {
          dxi_ynode_error (node, error,
                           v == 0 ? "a spread in percent of the value 0 is empty: give min and max"
                                  : "low is a percentage at or below 0 and high one at or above 0 "
                                    "(low: -20%%, high: +30%%)");
          return FALSE;
        }
      double a = v * (1 + *lo), b = v * (1 + *hi);
      *lo = MIN (a, b);
      *hi = MAX (a, b);
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
 * d1, d2, d3 (see config/scenario.h). */
static gboolean
parse_distribution (const dxi_ynode *node, dxi_param *p, GError **error)
{
  int type = 0;
  if (!dxi_ynode_check_keys (node, dist_keys, error)
      || !dxi_ynode_get_choice (node, "type", TRUE, dist_names, &type, error))
    return FALSE;
  gboolean bounded = type != DXI_DIST_NORMAL && type != DXI_DIST_LOGNORMAL;
  /* Only the type's own keys: a stray 'sd' on a triangular would be ignored. */
  const char *const own_bounded[]
      = { "type", "source", "low", "high", "min", "max", type == DXI_DIST_UNIFORM ? NULL : "mode",
          NULL };
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
                       "the distribution of '%s' is centred on its value %g, not %g: drop '%s' (or "
                       "give the value %g)",
                       p->name, v, c, bounded ? "mode" : "mean", c);
      return FALSE;
    }
  if (!bounded)
    return distribution_spread (node, type, p, error);
  double lo = 0, hi = 0;
  if (!distribution_bounds (node, type, v, &lo, &hi, error))
    return FALSE;
  if (!(lo <= v && v <= hi && lo < hi))
    {
      dxi_ynode_error (node, error,
                       "%s distribution of '%s' runs from %g to %g: it must hold the value %g, "
                       "with min < max",
                       dist_names[type], p->name, lo, hi, v);
      return FALSE;
    }
  p->d1 = lo;
  p->d2 = type == DXI_DIST_UNIFORM ? hi : v;
  p->d3 = hi;
  p->dist = type;
  return TRUE;
}

/* NODE read before (an anchor named again): the same input, one use more. */
static gboolean
shared_use (dxi_scenario_reader *r, const dxi_ynode *node, shared_param *sp,
            const dxi_param_kind *kind, guint *out, GError **error)
{
  dxi_param *p = r->sc->params->pdata[sp->index];
  if (!g_str_equal (p->unit, kind->unit))
    {
      dxi_ynode_error (node, error,
                       "'%s' and '%s' name the same {value, source} as inputs of different kinds "
                       "(%s, %s)",
                       p->name, kind->name, p->unit, kind->unit);
      return FALSE;
    }
  g_free (p->label);
  p->label = g_strdup_printf ("%s (one input for %u uses)", sp->label, ++sp->uses);
  *out = sp->index;
  return TRUE;
}

/* The distribution of P from node DIST, within KIND's range, its own source
 * (when it has one) beside the value's. */
static gboolean
param_distribution (const dxi_ynode *dist, dxi_param *p, const dxi_param_kind *kind, GError **error)
{
  const char *range_source = NULL;
  if (!parse_distribution (dist, p, error)
      || !dxi_ynode_get_string (dist, "source", FALSE, &range_source, error))
    return FALSE;
  if (range_source)
    {
      char *src
          = g_strdup_printf ("%s; range (%s): %s", p->source, dist_names[p->dist], range_source);
      g_free (p->source);
      p->source = src;
    }
  /* A bounded distribution stays in the parameter's range (a share's within
   * 0 to 1). */
  double dmax = p->dist == DXI_DIST_UNIFORM ? p->d2 : p->d3;
  gboolean bounded
      = p->dist == DXI_DIST_TRIANGULAR || p->dist == DXI_DIST_PERT || p->dist == DXI_DIST_UNIFORM;
  if (bounded && (p->d1 < kind->lo || dmax > kind->hi))
    {
      dxi_ynode_error (dist, error,
                       "'%s' distribution runs from %g to %g: it must lie between %g and %g",
                       kind->name, p->d1, dmax, kind->lo, kind->hi);
      return FALSE;
    }
  return TRUE;
}

/* P, in YEAR prices, rebased to the price base year with the deflator; its
 * source is SOURCE, the value's own, with the rebasing said. */
static gboolean
param_rebase (dxi_scenario_reader *r, const dxi_ynode *node, dxi_param *p, const char *source,
              gint64 year, GError **error)
{
  int base = r->sc->price_base_year;
  double *from = g_hash_table_lookup (r->deflator, GINT_TO_POINTER ((int) year));
  double *to = g_hash_table_lookup (r->deflator, GINT_TO_POINTER (base));
  if (from == NULL || to == NULL)
    {
      dxi_ynode_error (node, error,
                       "'%s' is in %" G_GINT64_FORMAT " prices: the scenario's appraisal.deflator "
                       "needs index values for %" G_GINT64_FORMAT " and %d",
                       p->name, year, year, base);
      return FALSE;
    }
  double k = *to / *from;
  p->value *= k;
  p->d1 *= k; /* every distribution parameter is in money */
  p->d2 *= k;
  p->d3 *= k;
  char *src = g_strdup_printf ("%s (%" G_GINT64_FORMAT " prices, rebased to %d with the GDP "
                               "deflator)",
                               source, year, base);
  g_free (p->source);
  p->source = src;
  return TRUE;
}

/* The value, source and price year of NODE, checked against KIND. */
static gboolean
param_value (dxi_scenario_reader *r, const dxi_ynode *node, const dxi_param_kind *kind,
             double *value, const char **source, gint64 *year, GError **error)
{
  const dxi_ynode *v = dxi_ynode_get (node, "value");
  if (!dxi_ynode_check_keys (node, param_keys, error)
      || !dxi_ynode_get_string (node, "source", TRUE, source, error)
      || !dxi_ynode_get_int (node, "price_year", FALSE, year, error))
    return FALSE;
  if (!kind->priced && dxi_ynode_get (node, "price_year"))
    {
      dxi_ynode_error (dxi_ynode_get (node, "price_year"), error,
                       "'%s' is not rebased: price_year belongs to benefit values (give this one "
                       "in %d prices)",
                       kind->name, r->sc->price_base_year);
      return FALSE;
    }
  if (v == NULL || dxi_ynode_is_null (v))
    {
      dxi_ynode_error (node, error,
                       "'%s' has no published value (source: %s); the scenario must supply it",
                       kind->name, *source);
      return FALSE;
    }
  if (!dxi_ynode_double (v, value, error))
    return FALSE;
  if (*value < kind->lo || *value > kind->hi)
    {
      dxi_ynode_error (v, error, "'%s' must be between %g and %g, found %g", kind->name, kind->lo,
                       kind->hi, *value);
      return FALSE;
    }
  return TRUE;
}

gboolean
dxi_param_check_keys (const dxi_ynode *node, GError **error)
{
  if (node == NULL || node->kind != DXI_YNODE_MAP)
    return TRUE;
  const dxi_ynode *dist = dxi_ynode_get (node, "distribution");
  return dxi_ynode_check_keys (node, param_keys, error)
         && (dist == NULL || dxi_ynode_check_keys (dist, dist_keys, error));
}

/* A parameter {value, source, price_year, distribution}; the value rebased to
 * the price base year when KIND->priced. */
gboolean
dxi_param_read (dxi_scenario_reader *r, const dxi_ynode *node, const dxi_param_kind *kind,
                guint *out, GError **error)
{
  if (node->kind == DXI_YNODE_SCALAR)
    {
      dxi_ynode_error (node, error,
                       "'%s' needs its source: write {value: %s, source: \"where it comes from\"}",
                       kind->name, node->value);
      return FALSE;
    }
  shared_param *sp = g_hash_table_lookup (r->shared, node);
  if (sp)
    return shared_use (r, node, sp, kind, out, error);
  const char *source = NULL;
  double value = NAN;
  gint64 year = r->sc->price_base_year;
  if (!param_value (r, node, kind, &value, &source, &year, error))
    return FALSE;
  *out = dxi_param_add (r, kind->name, kind->label, kind->unit, source);
  dxi_param *p = r->sc->params->pdata[*out];
  p->value = value;
  sp = g_new0 (shared_param, 1);
  sp->index = *out;
  sp->uses = 1;
  sp->label = g_strdup (kind->label);
  g_hash_table_insert (r->shared, (gpointer) node, sp);
  const dxi_ynode *dist = dxi_ynode_get (node, "distribution");
  if (dist && !param_distribution (dist, p, kind, error))
    return FALSE;
  if (kind->priced && year != r->sc->price_base_year)
    return param_rebase (r, node, p, source, year, error);
  return TRUE;
}
