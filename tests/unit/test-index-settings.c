/* Index settings from study.yaml: presets, overrides, errors. */
#include <glib.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "index/settings.h"

static gboolean
parse (const char *text, dxi_index_settings *s, GError **error)
{
  g_autoptr (GError) load_error = NULL;
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("study.yaml", text, -1, &load_error);
  g_assert_no_error (load_error);
  return dxi_index_settings_from_yaml (dxi_ynode_get (doc->root, "index"), s, error);
}

static void
test_defaults (void)
{
  dxi_index_settings s;
  g_assert_true (dxi_index_settings_from_yaml (NULL, &s, NULL));
  g_assert_cmpint (s.preset, ==, DXI_INDEX_PRESET_DERI);
  g_assert_cmpint (s.normalisation, ==, DXI_NORM_MINMAX);
  g_assert_cmpfloat (s.range_hi, ==, 10);
  g_assert_cmpint (s.missing, ==, DXI_MISSING_FAIL);
  g_assert_cmpuint (s.draws, ==, 1000);
  g_assert_cmpuint (s.sobol_samples, ==, 256);
  dxi_index_settings_clear (&s);
}

static void
test_preset_and_overrides (void)
{
  dxi_index_settings s;
  g_autoptr (GError) error = NULL;
  g_assert_true (parse ("index:\n"
                        "  preset: jrc\n"
                        "  range: [0, 10]\n"
                        "  aggregation: geometric\n"
                        "  missing: renormalise\n"
                        "  domain_weights: {Broadband: 2, Demography: 1}\n"
                        "  uncertainty:\n"
                        "    draws: 200\n"
                        "    seed: 42\n"
                        "    concentration: 50\n"
                        "    normalisations: [rank, zscore, rank]\n"
                        "    aggregations: geometric\n",
                        &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.preset, ==, DXI_INDEX_PRESET_JRC);
  g_assert_cmpint (s.outliers, ==, DXI_OUTLIERS_JRC);
  g_assert_cmpfloat (s.range_hi, ==, 10);
  g_assert_cmpint (s.aggregation, ==, DXI_AGG_GEOMETRIC);
  g_assert_cmpint (s.domain_aggregation, ==, DXI_AGG_ARITHMETIC);
  g_assert_cmpint (s.missing, ==, DXI_MISSING_RENORMALISE);
  g_assert_cmpfloat (dxi_index_settings_domain_weight (&s, "Broadband"), ==, 2);
  g_assert_cmpfloat (dxi_index_settings_domain_weight (&s, "Deprivation"), ==, 1);
  g_assert_cmpuint (s.draws, ==, 200);
  g_assert_cmpuint (s.seed, ==, 42);
  g_assert_cmpfloat (s.concentration, ==, 50);
  g_assert_cmpuint (s.n_alt_normalisations, ==, 2);
  g_assert_cmpint (s.alt_normalisations[1], ==, DXI_NORM_ZSCORE);
  g_assert_cmpuint (s.n_alt_aggregations, ==, 1);
  dxi_index_settings_clear (&s);

  g_assert_true (parse ("index: {preset: iod, domain_transform: none}\n", &s, &error));
  g_assert_cmpint (s.normalisation, ==, DXI_NORM_IOD_EXP);
  g_assert_cmpint (s.domain_transform, ==, DXI_DOMAIN_TRANSFORM_NONE);
  dxi_index_settings_clear (&s);

  g_assert_true (parse ("index:\n  reference: goalposts\n  goalposts: {gigabit: [0, 100]}\n", &s, &error));
  const double *gp = g_hash_table_lookup (s.goalposts, "gigabit");
  g_assert_nonnull (gp);
  g_assert_cmpfloat (gp[1], ==, 100);
  dxi_index_settings_clear (&s);
}

static void
test_errors (void)
{
  struct
  {
    const char *yaml, *message;
  } cases[] = {
    { "index:\n  normalisaton: zscore\n", "study.yaml:2:3: unknown key 'normalisaton' (did you mean 'normalisation'?)" },
    { "index:\n  preset: deri2\n", "study.yaml:2:11: unknown value 'deri2' (did you mean 'deri'? valid: 'deri', 'iod', 'jrc')" },
    { "index:\n  range: [10, 0]\n", "study.yaml:2:10: expected lo < hi in [lo, hi]" },
    { "index:\n  uncertainty: {drawz: 10}\n", "study.yaml:2:17: unknown key 'drawz' (did you mean 'draws'?)" },
    { "index:\n  uncertainty: {draws: -1}\n", "study.yaml:2:24: 'draws' must be between 0 and 1000000" },
    { "index:\n  reference: dataset\n", "study.yaml:2:3: 'reference: dataset' needs 'reference_dataset' (the dataset of reference areas)" },
    { "index:\n  domain_weights: {Broadband: -1}\n", "study.yaml:2:31: expected a number >= 0, found '-1'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      dxi_index_settings s;
      g_autoptr (GError) error = NULL;
      g_assert_false (parse (cases[i].yaml, &s, &error));
      g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
      if (error)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      dxi_index_settings_clear (&s);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/index/settings/defaults", test_defaults);
  g_test_add_func ("/index/settings/preset-and-overrides", test_preset_and_overrides);
  g_test_add_func ("/index/settings/errors", test_errors);
  return g_test_run ();
}
