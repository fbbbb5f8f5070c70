#include "config/optimiser.h"

#include <math.h>

#include "config/sourced.h"

void
dxi_optimiser_settings_free (dxi_optimiser_settings *s)
{
  if (s == NULL)
    return;
  g_free (s->source);
  g_free (s->capacity);
  g_free (s);
}

/* {value, source}: a number in [LO, HI] with its source. */
static gboolean
sourced_number (const dxi_ynode *node, const char *what, double lo, double hi, double *value,
                const char **source, GError **error)
{
  if (node->kind != DXI_YNODE_MAP)
    {
      dxi_ynode_error (node, error,
                       "%s needs its source: write {value: ..., source: \"where it comes from\"}",
                       what);
      return FALSE;
    }
  if (!dxi_sourced_read (node, value, source, error))
    return FALSE;
  if (!(*value >= lo && *value <= hi))
    {
      dxi_ynode_error (dxi_ynode_get (node, "value"), error, "%s must be from %g to %g, found %g",
                       what, lo, hi, *value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_capacity (const dxi_ynode *node, const dxi_scenario *sc, double *capacity, GError **error)
{
  if (!dxi_ynode_expect (node, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint k = 0; k < dxi_ynode_len (node); k++)
    {
      const dxi_ynode *key = dxi_ynode_key_at (node, k);
      gint found = dxi_scenario_find_intervention (sc, key->value);
      if (found < 0)
        {
          g_autoptr (GString) ids = g_string_new (NULL);
          for (guint i = 0; i < sc->interventions->len; i++)
            g_string_append_printf (ids, "%s'%s'", i ? ", " : "",
                                    ((dxi_intervention *) sc->interventions->pdata[i])->id);
          dxi_ynode_error (
              key, error,
              "capacity of '%s': the scenario has no such intervention (its interventions: %s)",
              key->value, ids->str);
          return FALSE;
        }
      const char *source = NULL;
      g_autofree char *what
          = g_strdup_printf ("the capacity of '%s' (people reached a year)", key->value);
      if (!sourced_number (dxi_ynode_at (node, k), what, 1e-9, 1e12, &capacity[found], &source,
                           error))
        return FALSE;
    }
  return TRUE;
}

dxi_optimiser_settings *
dxi_optimiser_settings_from_yaml (const dxi_ynode *node, const dxi_scenario *sc, GError **error)
{
  static const char *const keys[] = { "reach_cost_rise", "capacity", NULL };
  g_autoptr (dxi_optimiser_settings) s = g_new0 (dxi_optimiser_settings, 1);
  s->n_iv = sc->interventions->len;
  s->capacity = g_new (double, s->n_iv);
  for (guint i = 0; i < s->n_iv; i++)
    s->capacity[i] = INFINITY;
  if (node == NULL)
    return g_steal_pointer (&s);
  if (!dxi_ynode_expect (node, DXI_YNODE_MAP, error) || !dxi_ynode_check_keys (node, keys, error))
    return NULL;
  const dxi_ynode *rise = dxi_ynode_get (node, "reach_cost_rise");
  if (rise == NULL)
    {
      dxi_ynode_error (node, error,
                       "the optimiser needs 'reach_cost_rise' {value, source}: k in the cost of "
                       "the next person reached, "
                       "c (1 + k u) with u the share of the area's cap already reached (0: no "
                       "rise); dxi has no default");
      return NULL;
    }
  const char *source = NULL;
  if (!sourced_number (rise, "reach_cost_rise", 0, 100, &s->reach_cost_rise, &source, error))
    return NULL;
  s->source = g_strdup (source);
  const dxi_ynode *capacity = dxi_ynode_get (node, "capacity");
  if (capacity && !read_capacity (capacity, sc, s->capacity, error))
    return NULL;
  s->given = TRUE;
  return g_steal_pointer (&s);
}
