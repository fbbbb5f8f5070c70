#include "config/affordability.h"

#include "config/sourced.h"
#include "core/error.h"

void
dxi_affordability_free (dxi_affordability *f)
{
  if (f == NULL)
    return;
  g_free (f->raw_index);
  g_free (f->deflator_source);
  g_free (f->capital_share);
  g_strfreev (f->share_source);
  g_free (f);
}

/* The deflator: an index value for the price base year and each appraisal year. */
static gboolean
read_deflator (const dxi_ynode *node, const dxi_scenario *sc, dxi_affordability *f, GError **error)
{
  const char *source = NULL;
  const dxi_ynode *index;
  g_autoptr (GHashTable) values = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (!dxi_sourced_deflator (node, &source, values, &index, error))
    return FALSE;
  f->deflator_source = g_strdup (source);
  for (guint t = 0; t <= f->n_years; t++)
    {
      gboolean base = t == f->n_years;
      int year = base ? sc->price_base_year : sc->first_year + (int) t;
      const double *v = g_hash_table_lookup (values, GINT_TO_POINTER (year));
      if (v == NULL)
        {
          dxi_ynode_error (index, error,
                           "the deflator needs an index value for %d (%s): it covers the price "
                           "base year %d and every "
                           "appraisal year %d-%d",
                           year, base ? "the price base year" : "an appraisal year",
                           sc->price_base_year, sc->first_year,
                           sc->first_year + (int) f->n_years - 1);
          return FALSE;
        }
      *(base ? &f->base_index : &f->raw_index[t]) = *v;
    }
  return TRUE;
}

/* capital_share: {id: {value, source}} for every intervention with a cost per person. */
static gboolean
read_shares (const dxi_ynode *node, const dxi_ynode *block, const dxi_scenario *sc,
             dxi_affordability *f, GError **error)
{
  if (node && !dxi_ynode_expect (node, DXI_YNODE_MAP, error))
    return FALSE;
  for (guint i = 0; i < f->n_iv; i++)
    {
      const dxi_intervention *iv = sc->interventions->pdata[i];
      const dxi_ynode *item = node ? dxi_ynode_get (node, iv->id) : NULL;
      double cpp = ((dxi_param *) sc->params->pdata[iv->cost_per_person])->value;
      f->capital_share[i] = 0;
      if (item == NULL && cpp == 0)
        {
          f->share_source[i] = g_strdup ("no cost per person");
          continue;
        }
      const char *source = NULL;
      if (item == NULL || !dxi_sourced_read (item, &f->capital_share[i], &source, error))
        {
          if (item == NULL)
            dxi_ynode_error (node ? node : block, error,
                             "affordability.capital_share needs '%s' {value, source}: the share of "
                             "its cost per person "
                             "that is capital (0 to 1); dxi has no default",
                             iv->id);
          return FALSE;
        }
      if (!(f->capital_share[i] >= 0 && f->capital_share[i] <= 1))
        {
          dxi_ynode_error (dxi_ynode_get (item, "value"), error,
                           "a capital share is from 0 to 1, found %g", f->capital_share[i]);
          return FALSE;
        }
      f->share_source[i] = g_strdup (source);
    }
  for (guint k = 0; node && k < dxi_ynode_len (node); k++)
    {
      const dxi_ynode *key = dxi_ynode_key_at (node, k);
      if (dxi_scenario_find_intervention (sc, key->value) < 0)
        {
          dxi_ynode_error (key, error,
                           "capital_share of '%s': the scenario has no such intervention",
                           key->value);
          return FALSE;
        }
    }
  return TRUE;
}

dxi_affordability *
dxi_affordability_from_yaml (const dxi_ynode *node, const dxi_scenario *sc, GError **error)
{
  static const char *const keys[] = { "deflator", "capital_share", NULL };
  g_autoptr (dxi_affordability) f = g_new0 (dxi_affordability, 1);
  f->n_iv = sc->interventions->len;
  f->n_years = sc->horizon;
  f->raw_index = g_new (double, f->n_years);
  f->capital_share = g_new0 (double, f->n_iv);
  f->share_source = g_new0 (char *, f->n_iv + 1);
  if (node == NULL)
    return g_steal_pointer (&f);
  if (!dxi_ynode_expect (node, DXI_YNODE_MAP, error) || !dxi_ynode_check_keys (node, keys, error))
    return NULL;
  const dxi_ynode *deflator = dxi_ynode_get (node, "deflator");
  if (deflator == NULL)
    {
      dxi_ynode_error (
          node, error,
          "affordability needs 'deflator' {source, index: {year: value}}: a GDP deflator "
          "forecast covering the price base year and every appraisal year");
      return NULL;
    }
  if (!read_deflator (deflator, sc, f, error)
      || !read_shares (dxi_ynode_get (node, "capital_share"), node, sc, f, error))
    return NULL;
  f->given = TRUE;
  return g_steal_pointer (&f);
}
