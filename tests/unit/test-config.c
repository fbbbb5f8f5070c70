/* The config stage: table, filter, lookup and index definitions read into
 * plain structs that keep {file, line, col} once the YAML is gone. */
#include <glib.h>
#include <string.h>

#include "config/index.h"
#include "config/lookup.h"
#include "config/study.h"
#include "config/table.h"
#include "core/error.h"
#include "core/ydoc.h"

static dxi_ydoc *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  dxi_ydoc *doc = dxi_ydoc_load_string ("/cfg/study.yaml", text, -1, &error);
  g_assert_no_error (error);
  return doc;
}

static void
assert_where (const dxi_where *w, guint line, guint col)
{
  g_assert_cmpstr (w->file, ==, "/cfg/study.yaml");
  g_assert_cmpuint (w->line, ==, line);
  g_assert_cmpuint (w->col, ==, col);
}

static void
test_table (void)
{
  static const char text[] = "file: a.csv\n"
                             "shape: long\n"
                             "code_column: c\n"
                             "category_column: k\n"
                             "value_column: v\n"
                             "filter: {measure: [Count, Percent]}\n"
                             "missing_markers: ['#N/A']\n";
  g_autoptr (GError) error = NULL;
  dxi_ydoc *doc = load (text);
  g_autoptr (dxi_table_config) t = dxi_table_config_from_yaml (doc->root, NULL, &error);
  dxi_ydoc_free (doc); /* the config outlives its document */
  g_assert_no_error (error);
  g_assert_cmpstr (t->path, ==, "/cfg/a.csv");
  g_assert_cmpint (t->shape, ==, DXI_SHAPE_LONG);
  g_assert_cmpstr (t->category_column, ==, "k");
  assert_where (&t->file_where, 1, 7);
  g_assert_nonnull (t->filter);
  g_assert_cmpstr (t->filter->columns[0], ==, "measure");
  g_assert_null (t->filter->columns[1]);
  assert_where (&t->filter->column_where[0], 6, 10);
  const char *const *kept = t->filter->values->pdata[0];
  g_assert_cmpstr (kept[0], ==, "Count");
  g_assert_cmpstr (kept[1], ==, "Percent");
  g_assert_cmpstr (t->missing_markers[0], ==, "#N/A");
  assert_where (&t->marker_where[0], 7, 19);
}

static void
test_table_errors (void)
{
  static const struct
  {
    const char *text, *message;
  } cases[] = {
    { "file: a.csv\ncode_column: c\nshpae: wide\n", "/cfg/study.yaml:3:1: unknown key 'shpae'" },
    { "file: a.csv\ncode_column: c\nfilter: {nation: []}\n",
      "/cfg/study.yaml:3:18: a filter needs at least one value to keep" },
    { "file: a.csv\nshape: long\ncode_column: c\ncategory_column: k\nvalue_column: v\nprefix: x\n",
      "/cfg/study.yaml:1:1: 'prefix' does not apply to a long table" },
    { "code_column: c\n", "/cfg/study.yaml:1:1: missing key 'file'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_ydoc) doc = load (cases[i].text);
      g_autoptr (dxi_table_config) t = dxi_table_config_from_yaml (doc->root, NULL, &error);
      g_assert_null (t);
      g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static dxi_lookup_config *
lookup (const char *text, GError **error)
{
  g_autoptr (dxi_ydoc) doc = load (text);
  const dxi_ynode *node = dxi_ynode_get (doc->root, "l");
  return dxi_lookup_config_from_yaml ("l", node, error);
}

static void
test_lookups (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_lookup_config) cw = lookup ("l:\n  kind: crosswalk\n  file: x.csv\n", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cw->kind, ==, DXI_LOOKUP_CROSSWALK);
  g_assert_cmpstr (cw->file, ==, "/cfg/x.csv");
  g_assert_cmpstr (cw->from_column, ==, "lsoa11_code");
  g_assert_cmpstr (cw->to_column, ==, "lsoa21_code");
  g_assert_cmpstr (cw->change_column, ==, "change_code");
  assert_where (&cw->where, 2, 3);
  assert_where (&cw->kind_where, 2, 9);

  g_autoptr (dxi_lookup_config) chain = lookup ("l:\n  kind: chain\n  steps: [a, bb]\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (chain->steps), ==, 2);
  g_assert_cmpstr (chain->steps[1], ==, "bb");
  assert_where (&chain->step_where[1], 3, 14);

  g_autoptr (dxi_lookup_config) ap
      = lookup ("l:\n  kind: apportion\n  file: p.csv\n  from_column: s\n  part_column: p\n"
                "  parts: oa\n  part_weight: pop\n  assign: shared\n",
                &error);
  g_assert_no_error (error);
  g_assert_true (ap->shared);
  g_assert_cmpstr (ap->parts, ==, "oa");
  assert_where (&ap->part_weight_where, 7, 16);
}

static void
test_lookup_errors (void)
{
  static const struct
  {
    const char *text, *message;
  } cases[] = {
    { "l:\n  kind: csvv\n  file: x.csv\n", "/cfg/study.yaml:2:9: unknown value 'csvv' (did you mean 'csv'?" },
    { "l:\n  kind: chain\n  steps: [a]\n", "/cfg/study.yaml:3:10: a chain needs at least two steps" },
    { "l:\n  kind: chain\n  steps: [a, l]\n", "/cfg/study.yaml:3:14: lookup 'l' cannot be a step of itself" },
    { "l:\n  kind: csv\n  file: x.csv\n  to_column: t\n", "/cfg/study.yaml:2:3: missing key 'from_column'" },
    { "l:\n  kind: apportion\n  file: p.csv\n  from_column: s\n  part_column: p\n  parts: l\n"
      "  part_weight: pop\n",
      "/cfg/study.yaml:6:10: lookup 'l' cannot take its parts through itself" },
    { "l:\n  kind: overlap\n  from_areas: a.geojson\n", "/cfg/study.yaml:2:3: missing key 'from_code_field'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_lookup_config) c = lookup (cases[i].text, &error);
      g_assert_null (c);
      g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: '%s' does not start with '%s'", i, error->message, cases[i].message);
    }
}

/* A copy of the index settings owns its tables: clearing the first leaves it whole. */
static void
test_index_copy (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) doc
      = load ("index:\n  reference: dataset\n  reference_dataset: wide.yaml\n"
              "  domain_weights: {Skills: 2}\n");
  dxi_index_settings s, copy;
  g_assert_true (dxi_index_settings_from_yaml (dxi_ynode_get (doc->root, "index"), &s, &error));
  g_assert_no_error (error);
  dxi_index_settings_copy (&copy, &s);
  dxi_index_settings_clear (&s);
  g_assert_cmpint (copy.reference, ==, DXI_REF_DATASET);
  g_assert_cmpstr (copy.reference_dataset, ==, "wide.yaml");
  g_assert_cmpfloat (dxi_index_settings_domain_weight (&copy, "Skills"), ==, 2);
  g_assert_cmpfloat (dxi_index_settings_domain_weight (&copy, "Access"), ==, 1);
  dxi_index_settings_clear (&copy);
}

/* The Trafford study read whole: every definition parsed, no document kept. */
static void
test_study (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_study) study
      = dxi_study_load (DXI_SOURCE_DIR "/scenarios/trafford/study.yaml", &error);
  g_assert_no_error (error);
  g_assert_null (study->doc);
  g_assert_null (study->catalogue);
  g_assert_null (study->rates);
  g_assert_cmpuint (g_hash_table_size (study->lookups), ==, 5);
  const dxi_lookup_config *chain = g_hash_table_lookup (study->lookups, "lsoa11");
  g_assert_nonnull (chain);
  g_assert_cmpint (chain->kind, ==, DXI_LOOKUP_CHAIN);
  g_assert_cmpstr (chain->steps[0], ==, "lsoa11_lsoa21");
  g_assert_cmpstr (chain->steps[1], ==, "lsoa21");
  const dxi_study_dataset *imd = dxi_study_find_dataset (study, "imd2019_scores");
  g_assert_nonnull (imd);
  g_assert_true (g_str_has_suffix (imd->table->path, "/data/trafford/imd2019/gb_imd_e_trafford.csv"));
  g_assert_cmpstr (imd->table->code_column, ==, "lsoa");
  g_assert_cmpuint (imd->table->where.line, ==, 100); /* its `file:` line in study.yaml */
  const dxi_study_source *areas = dxi_study_find_source (study, "areas");
  g_assert_nonnull (areas);
  g_assert_cmpstr (areas->vintage, ==, "wards 2023");
  g_assert_null (dxi_study_find_source (study, "imd2019_scores"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/table", test_table);
  g_test_add_func ("/config/table-errors", test_table_errors);
  g_test_add_func ("/config/lookups", test_lookups);
  g_test_add_func ("/config/lookup-errors", test_lookup_errors);
  g_test_add_func ("/config/index-copy", test_index_copy);
  g_test_add_func ("/config/study", test_study);
  return g_test_run ();
}
