#include "config/scenario.h"

#include <math.h>
#include <string.h>

#include "config/affordability.h"
#include "config/benefits.h"
#include "config/intervention.h"
#include "config/optimiser.h"
#include "config/param.h"
#include "config/scenario-reader.h"
#include "config/sourced.h"
#include "core/error.h"

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
  dxi_optimiser_settings_free (sc->optimiser);
  dxi_affordability_free (sc->affordability);
  g_free (sc);
}

/* One factor {value, source} of appraisal.local_impact into *VALUE. */
static gboolean
local_factor (const dxi_ynode *node, const char *factor, gboolean multiplier, double *value,
              char **source, GError **error)
{
  const dxi_ynode *f = dxi_ynode_get (node, factor);
  const char *src = NULL;
  if (f == NULL || f->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (f ? f : node, error,
                       "local_impact needs '%s' {value, source}: the gross to net at the area "
                       "boundary takes none as given",
                       factor);
      return FALSE;
    }
  if (!dxi_sourced_read (f, value, &src, error))
    return FALSE;
  if (multiplier ? !(*value >= 1 && *value <= 5) : !(*value >= 0 && *value <= 1))
    {
      dxi_ynode_error (dxi_ynode_get (f, "value"), error,
                       "local_impact %s must be between %s, found %g", factor,
                       multiplier ? "1 and 5" : "0 and 1", *value);
      return FALSE;
    }
  *source = g_strdup (src);
  return TRUE;
}

/* appraisal.local_impact: the gross to net of benefits at an area boundary
 * (see config/scenario.h); every factor required, with its source. */
static gboolean
parse_local_impact (dxi_scenario_reader *r, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = { "area",         "to_year", "value_types", "deadweight",
                                      "displacement", "leakage", "multiplier",  NULL };
  static const char *const factors[] = { "deadweight", "displacement", "leakage", "multiplier" };
  const char *area = NULL;
  dxi_scenario *sc = r->sc;
  gint64 to_year = sc->first_year + (gint64) sc->horizon - 1;
  if (!dxi_ynode_check_keys (node, keys, error)
      || !dxi_ynode_get_string (node, "area", TRUE, &area, error)
      || !dxi_ynode_get_int (node, "to_year", FALSE, &to_year, error))
    return FALSE;
  if (to_year < sc->first_year || to_year >= sc->first_year + (gint64) sc->horizon)
    {
      dxi_ynode_error (dxi_ynode_get (node, "to_year"), error,
                       "to_year must be within the appraisal, %d to %u", sc->first_year,
                       sc->first_year + sc->horizon - 1);
      return FALSE;
    }
  dxi_local_impact *li = sc->local = g_new0 (dxi_local_impact, 1);
  li->area = g_strdup (area);
  li->to_year = (int) to_year;
  const dxi_ynode *types = dxi_ynode_get (node, "value_types");
  if (types && !dxi_ynode_expect (types, DXI_YNODE_SEQ, error))
    return FALSE;
  li->types[DXI_VALUE_ECONOMIC] = types == NULL;
  for (guint i = 0; types && i < dxi_ynode_len (types); i++)
    {
      int t = 0;
      if (!dxi_ynode_choice (dxi_ynode_at (types, i), dxi_value_type_names, &t, error))
        return FALSE;
      li->types[t] = TRUE;
    }
  double *slots[] = { &li->deadweight, &li->displacement, &li->leakage, &li->multiplier };
  for (guint i = 0; i < 4; i++)
    if (!local_factor (node, factors[i], i == 3, slots[i], &li->source[i], error))
      return FALSE;
  return TRUE;
}

/* The years, discounting and tornado range of appraisal NODE. */
static gboolean
appraisal_years (dxi_scenario *sc, const dxi_ynode *node, GError **error)
{
  static const char *const schedules[] = { "stpr", "health", "flat", NULL };
  gint64 base = 0, first = 0, horizon = 10;
  int schedule = 0;
  sc->tornado_range = 0.2;
  if (!dxi_ynode_get_int (node, "price_base_year", TRUE, &base, error)
      || !dxi_ynode_get_int (node, "first_year", TRUE, &first, error)
      || !dxi_ynode_get_int (node, "horizon_years", FALSE, &horizon, error)
      || !dxi_ynode_get_choice (node, "discounting", FALSE, schedules, &schedule, error)
      || !dxi_ynode_get_double (node, "discount_rate", schedule == DXI_DISCOUNT_FLAT,
                                &sc->discount_rate, error)
      || !dxi_ynode_get_double (node, "tornado_range", FALSE, &sc->tornado_range, error))
    return FALSE;
  const char *bad = horizon < 1 || horizon > 60        ? "horizon_years"
                    : base < 1990 || base > 2100       ? "price_base_year"
                    : first < base - 5 || first > 2100 ? "first_year"
                                                       : NULL;
  if (bad)
    {
      dxi_ynode_error (dxi_ynode_get (node, bad), error,
                       "horizon_years must be 1 to 60, price_base_year 1990 to 2100 and first_year "
                       "from 5 years before it to 2100 (found %" G_GINT64_FORMAT
                       ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                       horizon, base, first);
      return FALSE;
    }
  const dxi_ynode *rate = dxi_ynode_get (node, "discount_rate");
  if (rate && schedule != DXI_DISCOUNT_FLAT)
    {
      dxi_ynode_error (rate, error,
                       "discount_rate applies only with 'discounting: flat' (%s uses the Green "
                       "Book rates)",
                       schedules[schedule]);
      return FALSE;
    }
  if (rate && !(sc->discount_rate >= 0 && sc->discount_rate < 1))
    {
      dxi_ynode_error (rate, error,
                       "discount_rate is a share a year (0.035 for 3.5%%), 0 to below 1, found %g",
                       sc->discount_rate);
      return FALSE;
    }
  if (!(sc->tornado_range > 0 && sc->tornado_range <= 1))
    {
      dxi_ynode_error (dxi_ynode_get (node, "tornado_range"), error,
                       "tornado_range is a share (0.2 for inputs at +-20%%), above 0 and at most "
                       "1, found %g",
                       sc->tornado_range);
      return FALSE;
    }
  sc->price_base_year = (int) base;
  sc->first_year = (int) first;
  sc->horizon = (guint) horizon;
  sc->discounting = schedule;
  return TRUE;
}

/* appraisal.monte_carlo {draws, seed}, MC (NULL: the defaults). */
static gboolean
appraisal_monte_carlo (dxi_scenario *sc, const dxi_ynode *mc, GError **error)
{
  static const char *const mc_keys[] = { "draws", "seed", NULL };
  gint64 draws = 10000, seed = 1;
  if (mc
      && (!dxi_ynode_check_keys (mc, mc_keys, error)
          || !dxi_ynode_get_int (mc, "draws", FALSE, &draws, error)
          || !dxi_ynode_get_int (mc, "seed", FALSE, &seed, error)))
    return FALSE;
  if (draws < 0 || draws > DXI_SCENARIO_DRAWS_MAX)
    {
      dxi_ynode_error (dxi_ynode_get (mc, "draws"), error, "'draws' must be between 0 and %d",
                       DXI_SCENARIO_DRAWS_MAX);
      return FALSE;
    }
  if (seed < 0 || seed > DXI_SCENARIO_SEED_MAX)
    {
      dxi_ynode_error (dxi_ynode_get (mc, "seed"), error,
                       "'seed' must be between 0 and %" G_GINT64_FORMAT,
                       (gint64) DXI_SCENARIO_SEED_MAX);
      return FALSE;
    }
  sc->draws = (guint) draws;
  sc->seed = (guint32) seed;
  return TRUE;
}

/* appraisal.deflator {source, index: {year: value}} into R->deflator. */
static gboolean
appraisal_deflator (dxi_scenario_reader *r, const dxi_ynode *defl, GError **error)
{
  const char *source = NULL;
  const dxi_ynode *index;
  if (!dxi_sourced_deflator (defl, &source, r->deflator, &index, error))
    return FALSE;
  r->sc->deflator_source = g_strdup (source);
  return TRUE;
}

/* The optimism bias on costs, and the grades of optimism bias on benefits. */
static gboolean
appraisal_optimism (dxi_scenario_reader *r, const dxi_ynode *node, GError **error)
{
  const dxi_ynode *ob = dxi_ynode_get (node, "optimism_bias");
  if (ob == NULL)
    {
      dxi_ynode_error (node, error,
                       "missing key 'optimism_bias' ({value, source}: the Green Book asks for it)");
      return FALSE;
    }
  /* Optimism bias on benefits by data-confidence grade: no default, as the
   * published table (GMCA CBA model) is not one dxi can cite. */
  r->grades = dxi_ynode_get (node, "benefit_optimism_bias");
  if (r->grades == NULL || r->grades->kind != DXI_YNODE_MAP || dxi_ynode_len (r->grades) == 0)
    {
      dxi_ynode_error (r->grades ? r->grades : node, error,
                       "%s 'benefit_optimism_bias' ({grade: {value, source}, ...}: the share of "
                       "benefits taken off for each data-confidence grade; dxi has no default)",
                       r->grades ? "expected a mapping of grades under" : "missing key");
      return FALSE;
    }
  const dxi_param_kind kind
      = { "optimism_bias", "Optimism bias on costs", "share of costs", FALSE, 0, 5 };
  return dxi_param_read (r, ob, &kind, &r->sc->optimism_bias, error);
}

static gboolean
parse_appraisal (dxi_scenario_reader *r, const dxi_ynode *node, GError **error)
{
  static const char *const keys[] = {
    "price_base_year", "first_year", "horizon_years", "discounting",   "discount_rate",
    "optimism_bias",   "deflator",   "monte_carlo",   "tornado_range", "benefit_optimism_bias",
    "local_impact",    NULL
  };
  if (node == NULL)
    {
      dxi_ynode_error (r->doc->root, error,
                       "missing key 'appraisal' (price_base_year, first_year, ...)");
      return FALSE;
    }
  const dxi_ynode *defl = dxi_ynode_get (node, "deflator");
  const dxi_ynode *local = dxi_ynode_get (node, "local_impact");
  return dxi_ynode_check_keys (node, keys, error) && appraisal_years (r->sc, node, error)
         && appraisal_monte_carlo (r->sc, dxi_ynode_get (node, "monte_carlo"), error)
         && (defl == NULL || appraisal_deflator (r, defl, error))
         && (local == NULL || parse_local_impact (r, local, error))
         && appraisal_optimism (r, node, error);
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

/* The scenario's name: it makes column and file names
 * (business_case_<name>.xlsx). */
static gboolean
plain_name (const dxi_ynode *root, const char *name, GError **error)
{
  gboolean plain = *name != '\0';
  for (const char *c = name; *c; c++)
    plain &= g_ascii_isalnum (*c) || *c == '_' || *c == '-';
  if (!plain)
    dxi_ynode_error (dxi_ynode_get (root, "name"), error,
                     "name '%s' names columns and files: use letters, digits, '_' and '-'", name);
  return plain;
}

/* The appraisal, the interventions, the optimiser and affordability settings
 * of the scenario R->doc. */
static gboolean
parse_scenario (dxi_scenario_reader *r, GError **error)
{
  const dxi_ynode *root = r->doc->root;
  if (!parse_appraisal (r, dxi_ynode_get (root, "appraisal"), error))
    return FALSE;
  const dxi_ynode *ivs = dxi_ynode_get (root, "interventions");
  if (ivs == NULL || !dxi_ynode_expect (ivs, DXI_YNODE_SEQ, error) || dxi_ynode_len (ivs) == 0)
    {
      if (ivs == NULL || dxi_ynode_len (ivs) == 0)
        dxi_ynode_error (ivs ? ivs : root, error,
                         "a scenario needs at least one intervention under 'interventions'");
      return FALSE;
    }
  for (guint i = 0; i < dxi_ynode_len (ivs); i++)
    if (!dxi_intervention_read (r, dxi_ynode_at (ivs, i), error))
      return FALSE;
  dxi_scenario *sc = r->sc;
  sc->optimiser = dxi_optimiser_settings_from_yaml (dxi_ynode_get (root, "optimiser"), sc, error);
  sc->affordability
      = sc->optimiser
            ? dxi_affordability_from_yaml (dxi_ynode_get (root, "affordability"), sc, error)
            : NULL;
  return sc->affordability != NULL;
}

dxi_scenario *
dxi_scenario_from_yaml (const dxi_ydoc *doc, const dxi_ydoc *library, GError **error)
{
  static const char *const keys[]
      = { "name",          "title",     "study",         "benefits", "appraisal",
          "interventions", "optimiser", "affordability", NULL };
  const dxi_ynode *root = doc->root;
  const char *name = NULL, *title = NULL;
  if (!dxi_ynode_check_keys (root, keys, error)
      || !dxi_ynode_get_string (root, "name", TRUE, &name, error)
      || !dxi_ynode_get_string (root, "title", FALSE, &title, error)
      || !plain_name (root, name, error) || !dxi_benefits_check (library, error))
    return NULL;
  g_autoptr (dxi_scenario) sc = g_new0 (dxi_scenario, 1);
  sc->path = g_strdup (doc->path);
  sc->name = g_strdup (name);
  sc->title = g_strdup (title ? title : name);
  sc->study_path = dxi_scenario_study_path (doc, error);
  sc->params = g_ptr_array_new_with_free_func (dxi_param_free);
  sc->streams = g_ptr_array_new_with_free_func (stream_free);
  sc->interventions = g_ptr_array_new_with_free_func (intervention_free);
  dxi_scenario_reader r = {
    sc, doc, library, g_hash_table_new_full (NULL, NULL, NULL, g_free), dxi_param_table_new (), NULL
  };
  gboolean ok = sc->study_path != NULL && parse_scenario (&r, error);
  g_hash_table_unref (r.deflator);
  g_hash_table_unref (r.shared);
  return ok ? g_steal_pointer (&sc) : NULL;
}
