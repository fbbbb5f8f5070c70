#include "config/intervention.h"

#include <math.h>

#include "config/benefits.h"
#include "config/param.h"
#include "core/error.h"

static const char *const types[] = { "champions", "devices", "data_sims", "skills", "wifi", NULL };
static const char *const allocations[] = { "excluded_adults", "equal", "population", NULL };

/* {year: amount} over the horizon into OUT (NAN where not given). */
static gboolean
parse_by_year (dxi_scenario_reader *r, const dxi_ynode *map, double *out, GError **error)
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
      if (!dxi_ynode_int (key, &year, error)
          || !dxi_ynode_double (dxi_ynode_at (map, i), &v, error))
        return FALSE;
      gint64 t = year - r->sc->first_year;
      if (t < 0 || t >= r->sc->horizon || v < 0)
        {
          dxi_ynode_error (key, error,
                           "year %" G_GINT64_FORMAT " with %g: years run from %d to %u and amounts "
                           "are >= 0",
                           year, v, r->sc->first_year, r->sc->first_year + r->sc->horizon - 1);
          return FALSE;
        }
      out[t] = v;
    }
  return TRUE;
}

/* targeting: {deciles: [..]} or {areas: [..]}, the list V. */
static gboolean
parse_target_list (dxi_intervention *iv, const dxi_ynode *v, gboolean deciles, GError **error)
{
  if (!dxi_ynode_expect (v, DXI_YNODE_SEQ, error))
    return FALSE;
  if (dxi_ynode_len (v) == 0)
    {
      dxi_ynode_error (v, error, "targeting names no %s",
                       deciles ? "deciles (1 to 10)" : "area codes");
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
      if (deciles
          && !(item->kind == DXI_YNODE_SCALAR && dxi_ynode_int (item, &d, NULL) && d >= 1
               && d <= 10))
        {
          if (item->kind != DXI_YNODE_SCALAR)
            dxi_ynode_int (item, &d, error);
          else
            dxi_ynode_error (item, error,
                             "deciles are whole numbers from 1 (most excluded) to 10, found '%s'",
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
          g_ptr_array_add (iv->area_where,
                           g_strdup_printf ("%s:%u:%u", item->doc->path, item->line, item->col));
        }
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
  return parse_target_list (iv, deciles ? v : dxi_ynode_get (node, "areas"), deciles, error);
}

/* The intervention NODE's names and choices, added to R->sc; NULL on error. */
static dxi_intervention *
intervention_new (dxi_scenario_reader *r, const dxi_ynode *node, GError **error)
{
  static const char *const keys[]
      = { "id",        "label",      "type", "cost_per_person", "fixed_costs", "budget", "people",
          "targeting", "allocation", "cap",  "success_rate",    "benefits",    NULL };
  const char *id = NULL, *label = NULL, *cap = "excluded_adults";
  int type = 0, allocation = 0;
  if (!dxi_ynode_check_keys (node, keys, error)
      || !dxi_ynode_get_string (node, "id", TRUE, &id, error)
      || !dxi_ynode_get_string (node, "label", FALSE, &label, error)
      || !dxi_ynode_get_choice (node, "type", TRUE, types, &type, error)
      || !dxi_ynode_get_choice (node, "allocation", FALSE, allocations, &allocation, error)
      || !dxi_ynode_get_string (node, "cap", FALSE, &cap, error))
    return NULL;
  if (dxi_scenario_find_intervention (r->sc, id) >= 0)
    {
      dxi_ynode_error (dxi_ynode_get (node, "id"), error,
                       "intervention id '%s' is used twice: each needs its own", id);
      return NULL;
    }
  dxi_intervention *iv = g_new0 (dxi_intervention, 1);
  g_ptr_array_add (r->sc->interventions, iv);
  guint h = r->sc->horizon;
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
  return iv;
}

/* Cost per person and success rate, and the budget or people by year. */
static gboolean
intervention_costs (dxi_scenario_reader *r, const dxi_ynode *node, dxi_intervention *iv,
                    GError **error)
{
  const char *id = iv->id;
  g_autofree char *cname = g_strdup_printf ("%s.cost_per_person", id);
  g_autofree char *clabel = g_strdup_printf ("%s: cost per person reached", iv->label);
  g_autofree char *sname = g_strdup_printf ("%s.success_rate", id);
  g_autofree char *slabel
      = g_strdup_printf ("%s: success rate (reached who get and stay online)", iv->label);
  const dxi_ynode *cost = dxi_ynode_get (node, "cost_per_person");
  const dxi_ynode *success = dxi_ynode_get (node, "success_rate");
  if (cost == NULL || success == NULL)
    {
      dxi_ynode_error (node, error, "intervention '%s' needs 'cost_per_person' and 'success_rate'",
                       id);
      return FALSE;
    }
  if (!dxi_param_read (r, cost, &(dxi_param_kind){ cname, clabel, "GBP per person", FALSE, 0, 1e7 },
                       &iv->cost_per_person, error)
      || !dxi_param_read (r, success, &(dxi_param_kind){ sname, slabel, "share", FALSE, 0, 1 },
                          &iv->success_rate, error))
    return FALSE;
  const dxi_ynode *budget = dxi_ynode_get (node, "budget");
  const dxi_ynode *people = dxi_ynode_get (node, "people");
  if ((budget == NULL) == (people == NULL))
    {
      dxi_ynode_error (node, error, "intervention '%s' needs either 'budget' or 'people' by year",
                       id);
      return FALSE;
    }
  iv->by_budget = budget != NULL;
  if (!parse_by_year (r, budget ? budget : people, budget ? iv->budget : iv->people, error))
    return FALSE;
  double cpp = ((dxi_param *) r->sc->params->pdata[iv->cost_per_person])->value;
  if (iv->by_budget && cpp <= 0)
    {
      dxi_ynode_error (dxi_ynode_get (cost, "value"), error,
                       "'%s' must be above 0 with a budget: the budget less fixed costs is divided "
                       "by it",
                       cname);
      return FALSE;
    }
  return TRUE;
}

/* One row {year, capital, revenue, source} of fixed_costs, added to IV's. */
static gboolean
fixed_cost_row (dxi_scenario_reader *r, const dxi_ynode *row, dxi_intervention *iv, GError **error)
{
  static const char *const keys[] = { "year", "capital", "revenue", "source", NULL };
  gint64 year = 0;
  double capital = 0, revenue = 0;
  guint h = r->sc->horizon;
  if (!dxi_ynode_check_keys (row, keys, error)
      || !dxi_ynode_get_int (row, "year", TRUE, &year, error)
      || !dxi_ynode_get_double (row, "capital", FALSE, &capital, error)
      || !dxi_ynode_get_double (row, "revenue", FALSE, &revenue, error))
    return FALSE;
  gint64 t = year - r->sc->first_year;
  if (t < 0 || t >= h)
    {
      dxi_ynode_error (row, error, "year %" G_GINT64_FORMAT " is outside the appraisal (%d to %u)",
                       year, r->sc->first_year, r->sc->first_year + h - 1);
      return FALSE;
    }
  if (capital < 0 || revenue < 0)
    {
      dxi_ynode_error (row, error, "fixed costs are amounts >= 0, found capital %g and revenue %g",
                       capital, revenue);
      return FALSE;
    }
  iv->capital[t] += capital;
  iv->revenue[t] += revenue;
  double spend = isnan (iv->budget[t]) ? 0 : iv->budget[t];
  if (iv->by_budget && iv->capital[t] + iv->revenue[t] > spend)
    {
      dxi_ynode_error (row, error,
                       "fixed costs of %" G_GINT64_FORMAT " (%g) are above its budget (%g): the "
                       "budget includes fixed costs",
                       year, iv->capital[t] + iv->revenue[t], spend);
      return FALSE;
    }
  return TRUE;
}

/* fixed_costs, and the check that the intervention costs something. */
static gboolean
intervention_fixed_costs (dxi_scenario_reader *r, const dxi_ynode *node, dxi_intervention *iv,
                          GError **error)
{
  const dxi_ynode *fixed = dxi_ynode_get (node, "fixed_costs");
  if (fixed && !dxi_ynode_expect (fixed, DXI_YNODE_SEQ, error))
    return FALSE;
  for (guint i = 0; fixed && i < dxi_ynode_len (fixed); i++)
    if (!fixed_cost_row (r, dxi_ynode_at (fixed, i), iv, error))
      return FALSE;
  gboolean fixed_cost = FALSE;
  for (guint t = 0; t < r->sc->horizon; t++)
    fixed_cost |= iv->capital[t] + iv->revenue[t] > 0;
  double cpp = ((dxi_param *) r->sc->params->pdata[iv->cost_per_person])->value;
  if (cpp == 0 && !fixed_cost)
    {
      dxi_ynode_error (dxi_ynode_get (dxi_ynode_get (node, "cost_per_person"), "value"), error,
                       "intervention '%s' costs nothing: give a cost_per_person above 0 or "
                       "fixed_costs",
                       iv->id);
      return FALSE;
    }
  return TRUE;
}

/* The intervention's benefits: stream ids from the library, or {stream: id,
 * <field>: override}; each stream once. */
static gboolean
intervention_benefits (dxi_scenario_reader *r, const dxi_ynode *node, dxi_intervention *iv,
                       GError **error)
{
  const dxi_ynode *benefits = dxi_ynode_get (node, "benefits");
  iv->streams = g_array_new (FALSE, FALSE, sizeof (guint));
  if (benefits == NULL || !dxi_ynode_expect (benefits, DXI_YNODE_SEQ, error))
    {
      if (benefits == NULL)
        dxi_ynode_error (node, error, "intervention '%s' needs 'benefits' (stream ids from '%s')",
                         iv->id, r->library->path);
      return FALSE;
    }
  g_autoptr (GPtrArray) listed = g_ptr_array_new (); /* borrowed stream ids */
  for (guint i = 0; i < dxi_ynode_len (benefits); i++)
    {
      const dxi_ynode *item = dxi_ynode_at (benefits, i), *entry;
      const dxi_ynode *override = item->kind == DXI_YNODE_MAP ? item : NULL;
      const char *sid = item->kind == DXI_YNODE_SCALAR ? item->value : NULL;
      if (sid == NULL && !dxi_ynode_get_string (item, "stream", TRUE, &sid, error))
        return FALSE;
      if (g_ptr_array_find_with_equal_func (listed, sid, g_str_equal, NULL))
        {
          dxi_ynode_error (item, error,
                           "stream '%s' is listed twice for '%s': its benefit would be counted "
                           "twice",
                           sid, iv->id);
          return FALSE;
        }
      g_ptr_array_add (listed, (gpointer) sid);
      if ((entry = dxi_benefits_entry (r->library, item, sid, error)) == NULL)
        return FALSE;
      /* An overridden stream is the intervention's own. */
      g_autofree char *key = override && dxi_ynode_len (override) > 1
                                 ? g_strdup_printf ("%s.%s", iv->id, sid)
                                 : g_strdup (sid);
      guint s;
      if (!dxi_benefits_stream (r, key, entry, override, item, &s, error))
        return FALSE;
      g_array_append_val (iv->streams, s);
    }
  return TRUE;
}

gboolean
dxi_intervention_read (dxi_scenario_reader *r, const dxi_ynode *node, GError **error)
{
  dxi_intervention *iv = intervention_new (r, node, error);
  return iv && intervention_costs (r, node, iv, error)
         && intervention_fixed_costs (r, node, iv, error)
         && parse_targeting (iv, dxi_ynode_get (node, "targeting"), error)
         && intervention_benefits (r, node, iv, error);
}
