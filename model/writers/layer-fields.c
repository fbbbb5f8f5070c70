#include "writers/layer-fields.h"

#include <string.h>

#include "writers/csv.h"

/* Words shortened for DBF names, in order. */
static const char *const abbrev[][2] = {
  { "older_living_alone", "old_alone" },
  { "_plus", "plus" },
  { "index_", "i_" },
  { "decile", "dec" },
  { "quintile", "qnt" },
  { "population", "pop" },
  { "households", "hh" },
  { "excluded", "excl" },
  { "deprivation", "dep" },
  { "median", "med" },
  { "adults", "ad" },
  { "qualifications", "qual" },
  { "download", "dl" },
  { "speed", "spd" },
  { "living", "liv" },
  { "alone", "aln" },
  { "parents", "par" },
  { "english", "eng" },
  { "disability", "dis" },
  { "income", "inc" },
  { "employment", "emp" },
  { "demography", "demo" },
  { "broadband", "bb" },
  { "score", "sc" },
  { "rank", "rk" },
  { "norm_", "n_" },
};

/* Scenario columns keep a short suffix and a shortened scenario name. */
static const char *const suffixes[][2]
    = { { "_reached", "_rch" }, { "_helped", "_hlp" }, { "_pv_benefit", "_pvb" } };

static char *
dbf_name (const char *column, GHashTable *taken)
{
  g_autofree char *name = g_strdup (column);
  for (guint i = 0; strlen (name) > 10 && i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i][0]))
      {
        gsize stem = strlen (name) - strlen (suffixes[i][0]);
        char *short_name = g_strdup_printf (
            "%.*s%s", (int) MIN (stem, 10 - strlen (suffixes[i][1])), name, suffixes[i][1]);
        g_free (name);
        name = short_name;
      }
  for (guint i = 0; strlen (name) > 10 && i < G_N_ELEMENTS (abbrev); i++)
    {
      char *at = strstr (name, abbrev[i][0]);
      if (at == NULL)
        continue;
      GString *s = g_string_new_len (name, at - name);
      g_string_append (s, abbrev[i][1]);
      g_string_append (s, at + strlen (abbrev[i][0]));
      g_free (name);
      name = g_string_free (s, FALSE);
    }
  if (strlen (name) > 10)
    name[10] = '\0';
  /* Unique: replace the tail with a number. */
  char *unique = g_strdup (name);
  for (guint k = 1; g_hash_table_contains (taken, unique); k++)
    {
      g_free (unique);
      char suffix[8];
      g_snprintf (suffix, sizeof suffix, "%u", k);
      unique = g_strdup_printf ("%.*s%s", (int) (10 - strlen (suffix)), name, suffix);
    }
  g_hash_table_add (taken, unique);
  return g_strdup (unique);
}

/* The columns dxi writes itself. */
static const struct
{
  const char *name, *alias, *unit, *description;
  gboolean whole;
} known[] = {
  { "index_score", "Index score", "score (higher = more at risk)",
    "Digital exclusion risk index score of the area", FALSE },
  { "index_rank", "Index rank", "rank",
    "Rank among the study's areas on the index, 1 = most at risk; ties share the best rank", TRUE },
  { "index_decile", "Index decile", "decile",
    "Decile of the rank, ceil(10 rank / n): 1 = the 10% most at risk", TRUE },
  { "index_quintile", "Index quintile", "quintile",
    "Quintile of the rank, ceil(5 rank / n): 1 = the 20% most at risk", TRUE },
  { "rank_p5", "Rank, 5th percentile", "rank",
    "5th percentile of the area's rank over the Monte Carlo draws of weights, normalisation and "
    "aggregation",
    FALSE },
  { "rank_median", "Rank, median", "rank", "Median of the area's rank over the Monte Carlo draws",
    FALSE },
  { "rank_p95", "Rank, 95th percentile", "rank",
    "95th percentile of the area's rank over the Monte Carlo draws", FALSE },
  { "p_top_decile", "Probability of the most-at-risk decile", "probability (0-1)",
    "Share of the Monte Carlo draws that put the area in the 10% most at risk", FALSE },
  { "population", "Usual residents", "people", "Usual residents, Census 2021", TRUE },
  { "households", "Households", "households", "Households, Census 2021", TRUE },
  { "adults", "Residents aged 16 and over", "people",
    "Usual residents aged 16 and over, Census 2021", TRUE },
  { "excluded_adults", "Adults not online (estimate)", "people",
    "Adults of each age band times the national share of that age who had not used the internet in "
    "the last three "
    "months (ONS, Internet users, UK: 2018), rounded to whole people",
    TRUE },
  { "mdls_households", "Households below the Minimum Digital Living Standard (estimate)",
    "households",
    "Households of each type times the share below the Minimum Digital Living Standard (Yates et "
    "al. 2024), rounded",
    TRUE },
};

/* Scenario columns: <scenario>_reached, _helped, _pv_benefit. */
static const struct
{
  const char *suffix, *what, *unit, *description;
  gboolean whole;
} per_scenario[] = {
  { "_reached", "people reached", "people",
    "People the scenario's interventions reach in the area, rounded", TRUE },
  { "_helped", "people helped", "people", "People the scenario helps online in the area, rounded",
    TRUE },
  { "_pv_benefit", "present value of benefits", "GBP (real prices, discounted)",
    "Present value of the scenario's benefits in the area (Green Book discounting)", FALSE },
};

/* Describe F from the built-in tables when the caller did not. */
static void
describe (dxi_layer_field *f, const dxi_layer_column *c)
{
  const char *alias = c->alias, *unit = c->unit, *description = c->description;
  g_autofree char *made_alias = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (c->name, known[i].name))
      {
        alias = alias ? alias : known[i].alias;
        unit = unit ? unit : known[i].unit;
        description = description ? description : known[i].description;
        f->whole = known[i].whole;
      }
  for (guint i = 0; i < G_N_ELEMENTS (per_scenario); i++)
    if (g_str_has_suffix (c->name, per_scenario[i].suffix))
      {
        g_autofree char *scenario
            = g_strndup (c->name, strlen (c->name) - strlen (per_scenario[i].suffix));
        made_alias = g_strdup_printf ("%s: %s", scenario, per_scenario[i].what);
        alias = alias ? alias : made_alias;
        unit = unit ? unit : per_scenario[i].unit;
        description = description ? description : per_scenario[i].description;
        f->whole = per_scenario[i].whole;
      }
  g_autofree char *domain_description = NULL;
  if (g_str_has_prefix (c->name, "dom_"))
    {
      g_autofree char *domain = g_strdup (c->name + 4);
      domain[0] = g_ascii_toupper (domain[0]);
      made_alias = g_strdup_printf ("Domain score: %s", domain);
      domain_description = g_strdup_printf (
          "Score of the %s domain: the weighted mean of its normalised indicators", domain);
      alias = alias ? alias : made_alias;
      unit = unit ? unit : "score (higher = more at risk)";
      description = description ? description : domain_description;
    }
  f->alias = g_strdup (alias ? alias : c->name);
  /* An indicator's unit is the last bracket of its label: "(%)", "(Mbit/s)". */
  const char *open = strrchr (f->alias, '(');
  if (unit == NULL && open && g_str_has_suffix (open, ")"))
    f->unit = g_strndup (open + 1, strlen (open) - 2);
  else
    f->unit = g_strdup (unit ? unit : "");
  f->description = g_strdup (description ? description : "");
}

GArray *
dxi_layer_fields (const dxi_frame *table, const dxi_layer_column *columns, guint n)
{
  GArray *fields = g_array_new (FALSE, TRUE, sizeof (dxi_layer_field));
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (taken, g_strdup ("code"));
  g_hash_table_add (taken, g_strdup ("name"));
  for (guint i = 0; i < n; i++)
    {
      if (dxi_frame_find_column (table, columns[i].name) < 0)
        continue;
      dxi_layer_field f
          = { .column = g_strdup (columns[i].name), .dbf = dbf_name (columns[i].name, taken) };
      describe (&f, &columns[i]);
      g_array_append_val (fields, f);
    }
  return fields;
}

void
dxi_layer_fields_free (GArray *fields)
{
  for (guint i = 0; fields && i < fields->len; i++)
    {
      dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      g_free (f->column);
      g_free (f->dbf);
      g_free (f->alias);
      g_free (f->unit);
      g_free (f->description);
    }
  if (fields)
    g_array_unref (fields);
}

static void
csv_row (GString *csv, const char *const cells[6])
{
  for (guint c = 0; c < 6; c++)
    {
      if (c)
        g_string_append_c (csv, ',');
      dxi_csv_text (csv, cells[c]);
    }
  g_string_append_c (csv, '\n');
}

char *
dxi_layer_fields_csv (GArray *fields, const char *areas)
{
  GString *csv = g_string_new ("shapefile_field,column,alias,type,unit,description\n");
  g_autofree char *code
      = g_strdup_printf ("The area's GSS code%s%s", areas ? ", " : "", areas ? areas : "");
  g_autofree char *name
      = g_strdup_printf ("The area's name%s%s", areas ? ", " : "", areas ? areas : "");
  csv_row (csv, (const char *const[]){ "code", "code", "Area code", "text", "", code });
  csv_row (csv, (const char *const[]){ "name", "name", "Area name", "text", "", name });
  for (guint i = 0; i < fields->len; i++)
    {
      const dxi_layer_field *f = &g_array_index (fields, dxi_layer_field, i);
      csv_row (csv,
               (const char *const[]){ f->dbf, f->column, f->alias, f->whole ? "integer" : "real",
                                      f->unit, f->description });
    }
  return g_string_free (csv, FALSE);
}
