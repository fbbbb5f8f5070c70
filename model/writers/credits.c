#include "writers/credits.h"

#include <stdlib.h>
#include <string.h>

static gboolean
equal_domain_weights (const dxi_index_settings *s)
{
  if (s->domain_weights == NULL)
    return TRUE;
  GHashTableIter it;
  gpointer value;
  double first = 1;
  gboolean any = FALSE;
  g_hash_table_iter_init (&it, s->domain_weights);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      double w = *(const double *) value;
      if (any && w != first)
        return FALSE;
      first = w, any = TRUE;
    }
  /* Unlisted domains weigh 1. */
  return !any || first == 1;
}

char *
dxi_credits_method (const dxi_index_settings *s)
{
  static const char *const names[] = {
    [DXI_INDEX_PRESET_DERI] = "GMCA Digital Exclusion Risk Index method",
    [DXI_INDEX_PRESET_IOD] = "English Indices of Deprivation 2019 method",
    [DXI_INDEX_PRESET_JRC] = "JRC/OECD Handbook on Constructing Composite Indicators method",
  };
  GString *m = g_string_new (names[s->preset]);
  g_string_append (m, " (");
  switch (s->normalisation)
    {
    case DXI_NORM_MINMAX:
      g_string_append_printf (m, "min-max %g-%g", s->range_lo, s->range_hi);
      break;
    case DXI_NORM_ZSCORE:
      g_string_append (m, "z-scores");
      break;
    case DXI_NORM_RANK:
      g_string_append (m, "ranks");
      break;
    case DXI_NORM_PERCENTILE:
      g_string_append (m, "percentiles");
      break;
    default:
      g_string_append (m, "ranks with the IoD exponential transform");
      break;
    }
  if (s->reference == DXI_REF_DATASET && s->reference_dataset)
    g_string_append_printf (m, " against %s", s->reference_dataset);
  else if (s->reference == DXI_REF_GOALPOSTS)
    g_string_append (m, " between fixed goalposts");
  if (s->outliers == DXI_OUTLIERS_JRC)
    g_string_append (m, ", outliers winsorised");
  if (s->aggregation == DXI_AGG_GEOMETRIC || s->domain_aggregation == DXI_AGG_GEOMETRIC)
    g_string_append (m, ", geometric means");
  if (s->domain_transform == DXI_DOMAIN_TRANSFORM_IOD_EXP)
    g_string_append (m, ", domains exponentially transformed");
  g_string_append (m, equal_domain_weights (s) ? ", equal domain weights)"
                                               : ", domain weights as the study sets)");
  return g_string_free (m, FALSE);
}

GDateTime *
dxi_credits_production_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch && *epoch)
    {
      char *end = NULL;
      gint64 t = g_ascii_strtoll (epoch, &end, 10);
      if (end && *end == '\0' && t >= 0)
        return g_date_time_new_from_unix_utc (t);
    }
  return g_date_time_new_now_utc ();
}

/* "3 December 2026", in English whatever the locale. */
static char *
long_date (GDateTime *t)
{
  static const char *const months[]
      = { "January", "February", "March",     "April",   "May",      "June",
          "July",    "August",   "September", "October", "November", "December" };
  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (t),
                          months[g_date_time_get_month (t) - 1], g_date_time_get_year (t));
}

/* A study's `sources:` entry for KEY: "source (vintage)", or NULL. */
static char *
study_source (const dxi_study *study, const char *key, const char *fallback)
{
  const dxi_study_source *entry = dxi_study_find_source (study, key);
  if (entry == NULL)
    return NULL;
  const char *text = entry->source ? entry->source : fallback;
  if (text == NULL)
    return NULL;
  if (entry->vintage && *entry->vintage)
    return g_strdup_printf ("%s (%s)", text, entry->vintage);
  return g_strdup (text);
}

static void
add_unique (GPtrArray *list, char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], text))
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (list, text);
}

/* The publication of an indicator: its catalogue source up to the first comma. */
static char *
publication (const char *source)
{
  const char *comma = strchr (source, ',');
  return comma ? g_strndup (source, comma - source) : g_strdup (source);
}

static void
add_indicator_sources (const dxi_study *study, const GPtrArray *indicators, GPtrArray *out)
{
  for (guint i = 0; i < indicators->len; i++)
    {
      const dxi_study_indicator *ind = indicators->pdata[i];
      if (ind->source == NULL)
        continue;
      g_autofree char *fallback = publication (ind->source);
      char *text = ind->dataset ? study_source (study, ind->dataset, fallback) : NULL;
      add_unique (out, text ? text : g_strdup (fallback));
    }
}

static gboolean
any_mentions (const GPtrArray *list, const char *word)
{
  for (guint i = 0; i < list->len; i++)
    if (strstr (list->pdata[i], word))
      return TRUE;
  return FALSE;
}

dxi_credits *
dxi_credits_new (const dxi_study *study, const dxi_index_settings *settings)
{
  dxi_credits *c = g_new0 (dxi_credits, 1);
  c->sources = g_ptr_array_new_with_free_func (g_free);
  c->areas = study_source (study, "areas", NULL);
  if (c->areas)
    g_ptr_array_add (c->sources, g_strdup (c->areas));
  add_indicator_sources (study, study->indicators, c->sources);
  c->method = dxi_credits_method (settings);
  g_autoptr (GDateTime) now = dxi_credits_production_time ();
  c->produced = long_date (now);
  c->produced_iso = g_date_time_format (now, "%Y-%m-%d");
  GString *cr = g_string_new (
      "Contains OS data \u00a9 Crown copyright and database right " DXI_CROWN_COPYRIGHT_YEAR
      ". Contains National Statistics data \u00a9 Crown copyright and database "
      "right " DXI_CROWN_COPYRIGHT_YEAR ". Public sector information licensed under the Open "
      "Government Licence v3.0.");
  if (any_mentions (c->sources, "Ofcom"))
    g_string_append (cr, " \u00a9 Ofcom.");
  c->copyright = g_string_free (cr, FALSE);
  return c;
}

void
dxi_credits_free (dxi_credits *c)
{
  if (c == NULL)
    return;
  g_ptr_array_unref (c->sources);
  g_free (c->areas);
  g_free (c->method);
  g_free (c->produced);
  g_free (c->produced_iso);
  g_free (c->copyright);
  g_free (c);
}

char *
dxi_credits_sources_text (const dxi_credits *c)
{
  /* Only reads C: the print map calls this on its own thread. */
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < c->sources->len; i++)
    g_string_append_printf (text, "%s%s", i ? "; " : "", (const char *) c->sources->pdata[i]);
  return g_string_free (text, FALSE);
}

char **
dxi_credits_metadata (const dxi_credits *c, const char *title)
{
  g_autofree char *sources = dxi_credits_sources_text (c);
  GPtrArray *md = g_ptr_array_new ();
  g_ptr_array_add (md, g_strdup_printf ("TITLE=%s", title));
  g_ptr_array_add (md, g_strdup_printf ("DESCRIPTION=%s. %s. Sources: %s. Produced %s.", title,
                                        c->method, sources, c->produced));
  g_ptr_array_add (md, g_strdup_printf ("SOURCES=%s", sources));
  if (c->areas)
    g_ptr_array_add (md, g_strdup_printf ("AREAS=%s", c->areas));
  g_ptr_array_add (md, g_strdup_printf ("METHOD=%s", c->method));
  g_ptr_array_add (md, g_strdup_printf ("PRODUCED=%s", c->produced_iso));
  g_ptr_array_add (md, g_strdup_printf ("COPYRIGHT=%s", c->copyright));
  g_ptr_array_add (md, g_strdup ("SOFTWARE=dxi " DXI_VERSION));
  g_ptr_array_add (md, NULL);
  return (char **) g_ptr_array_free (md, FALSE);
}
