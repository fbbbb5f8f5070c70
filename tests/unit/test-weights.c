/* Averages of percentages by a proper weight: tests/fixtures/rollup/
 * study_premises.yaml, every expected figure worked by hand below from the
 * fixture's rows, not taken from dxi's output.
 *
 *   targets W1, W2; LSOA21-like A-E (Z reaches W9, not a target):
 *     l21 -> ward: A W1 1, B W1 1, C W1 0.5 + W2 0.5, D W2 1, E W2 1
 *     gigabit (%)      A 90, B 50, C 20, D 80, E 40
 *     premises (ofcom) A 60, B 150, C 40, D 100, E 100
 *     all_premises     A 55, B 140, C 50, D 90, E 120  (another table)
 *     households       A 40, B 100, C 50, D 80, E 100
 *     premises (speed) A 50, B 100, C 40, D 80, no row for E
 *   LSOA11-like P-T with IMD scores 10, 20, 30, 40, 50, through the
 *   crosswalk (P U A; Q S B, C; R M D; S M D; T X D, E). */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "built.h"

static built *
build (void)
{
  return build_study ("study_premises.yaml");
}

static void
test_premises (void)
{
  built *b = build ();
  /* By the premises of the same table: W1 (90 * 60 + 50 * 150 + 20 * 40/2)
   * / (60 + 150 + 20); W2 (20 * 20 + 80 * 100 + 40 * 100) / (20 + 100 + 100). */
  assert_value (b, "W1", "gigabit", 13300.0 / 230);
  assert_value (b, "W2", "gigabit", 12400.0 / 220);
  /* By the premises of another table: W1 (90 * 55 + 50 * 140 + 20 * 25) /
   * 220; W2 (20 * 25 + 80 * 90 + 40 * 120) / 235. */
  assert_value (b, "W1", "gigabit_other", 12450.0 / 220);
  assert_value (b, "W2", "gigabit_other", 12500.0 / 235);
  /* The study's average_by replaces the catalogue's households. */
  assert_value (b, "W1", "gigabit_study", 12450.0 / 220);
  assert_value (b, "W2", "gigabit_study", 12500.0 / 235);
  /* By households, the proxy: W1 (90 * 40 + 50 * 100 + 20 * 25) / 165;
   * W2 (20 * 25 + 80 * 80 + 40 * 100) / 205. */
  assert_value (b, "W1", "gigabit_households", 9100.0 / 165);
  assert_value (b, "W2", "gigabit_households", 10900.0 / 205);
  built_free (b);
}

/* Premises measured at the LSOA21s an LSOA11 becomes, each LSOA21 shared
 * among the LSOA11s it comes from (shares P-A 1, Q-B 1, Q-C 1, R-D 0.4,
 * S-D 0.4, T-D 0.2, T-E 1):
 *   P: W1 60;  Q: W1 150 + 40/2 = 170, W2 20;  R: W2 40;  S: W2 40;
 *   T: W2 20 + 100 = 120                          (sums 230 and 220) */
static void
test_premises_through_a_chain (void)
{
  built *b = build ();
  assert_value (b, "W1", "imd_premises", (10.0 * 60 + 20 * 170) / 230);
  assert_value (b, "W2", "imd_premises", (20.0 * 20 + 30 * 40 + 40 * 40 + 50 * 120) / 220);
  built_free (b);
}

/* Only the percentage averaged by households is a proxy. */
static void
test_proxy_warning (void)
{
  built *b = build ();
  guint n = 0;
  for (guint i = 0; i < b->warnings->len; i++)
    n += strstr (b->warnings->pdata[i], "a proxy weight") != NULL;
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (b->coverage->str,
                            "WARNING: indicator 'gigabit_households' is a percentage of premises "
                            "averaged by households, a proxy weight"));
  g_assert_null (strstr (b->coverage->str, "indicator 'gigabit_study' is a percentage"));
  built_free (b);
}

/* speed_l21.csv's premises: A 50, B 100, C 40, D 80, and no row for E,
 * which has a value: E is left out, and the run says so.  W1 (90 * 50 + 50 *
 * 100 + 20 * 20) / 170; W2 (20 * 20 + 80 * 80) / 100. */
static void
test_source_without_weight (void)
{
  built *b = build ();
  assert_value (b, "W1", "gigabit_partial", 9900.0 / 170);
  assert_value (b, "W2", "gigabit_partial", 68);
  g_assert_nonnull (strstr (b->coverage->str,
                            "indicator 'gigabit_partial': 1 source code(s) with a value have no "
                            "weight (no row, or a missing cell, in dataset 'speed'): E;"));
  g_assert_null (strstr (b->coverage->str, "indicator 'gigabit': 1 source"));
  built_free (b);
}

/* A weight from a dataset is checked where it is written. */
static void
test_weight_errors (void)
{
  static const struct
  {
    const char *from, *to, *message;
  } cases[] = {
    { "weight: {dataset: ofcom, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "weight: {dataset: ofcomm, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "catalogue.yaml:7:46: unknown dataset 'ofcomm' (did you mean 'ofcom'?)" },
    { "weight: {dataset: ofcom, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "weight: {dataset: ofcom, counts: premises}, source: fixture}\n  gigabit_other",
      "catalogue.yaml:7:36: a weight from a dataset needs 'column' (or 'columns', summed)" },
    { "weight: {dataset: ofcom, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "weight: {dataset: ofcom, column: premises}, source: fixture}\n  gigabit_other",
      "catalogue.yaml:7:36: missing key 'counts'" },
    { "weight: {dataset: ofcom, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "weight: {dataset: ofcom, column: premisses, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "catalogue.yaml:7:36: the weight of an average: dataset 'ofcom' ('" },
    { "weight: {dataset: ofcom, column: premises, counts: premises}, source: fixture}\n  "
      "gigabit_other",
      "weight: premises, source: fixture}\n  gigabit_other",
      "catalogue.yaml:7:36: unknown value 'premises' (valid: 'population', 'households', 'area')" },
    { "value: gigabit,\n     percent_of: premises, weight: {dataset: ofcom,",
      "numerator: [gigabit], denominator: [premises],\n     percent_of: premises, weight: "
      "{dataset: ofcom,",
      "catalogue.yaml:7:18: 'percent_of' is for an average of percentages" },
  };
  g_autofree char *catalogue = NULL, *study = NULL;
  g_assert_true (g_file_get_contents (FIX "catalogue_premises.yaml", &catalogue, NULL, NULL));
  g_assert_true (g_file_get_contents (FIX "study_premises.yaml", &study, NULL, NULL));
  g_autofree char *dir = g_dir_make_tmp ("dxi-weights-XXXXXX", NULL);
  g_autofree char *study_path = g_build_filename (dir, "study.yaml", NULL);
  g_autofree char *catalogue_path = g_build_filename (dir, "catalogue.yaml", NULL);
  g_autoptr (GString) s = g_string_new (study);
  g_string_replace (s, "catalogue: catalogue_premises.yaml", "catalogue: catalogue.yaml", 1);
  g_string_replace (s, "file: ", "file: " FIX, 0);
  g_string_replace (s, "rates: rates.yaml", "rates: " FIX "rates.yaml", 1);
  g_assert_true (g_file_set_contents (study_path, s->str, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) c = g_string_new (catalogue);
      g_assert_cmpuint (g_string_replace (c, cases[i].from, cases[i].to, 1), ==, 1);
      g_assert_true (g_file_set_contents (catalogue_path, c->str, -1, NULL));
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_study) st = dxi_study_load (study_path, &error);
      g_autoptr (dxi_boundaries) areas
          = st ? dxi_boundaries_read (st->areas_file, NULL, st->code_field, st->name_field, NULL)
               : NULL;
      g_autoptr (GString) coverage = g_string_new (NULL);
      g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (dxi_frame) table
          = areas ? dxi_build_study (st, areas, coverage, warnings, &error) : NULL;
      g_assert_null (table);
      g_assert_nonnull (error);
      if (error && !strstr (error->message, cases[i].message))
        g_test_message ("'%s' lacks '%s'", error->message, cases[i].message);
      g_assert_true (error && strstr (error->message, cases[i].message));
    }
  g_remove (study_path);
  g_remove (catalogue_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/weights/premises", test_premises);
  g_test_add_func ("/weights/premises-through-a-chain", test_premises_through_a_chain);
  g_test_add_func ("/weights/proxy-warning", test_proxy_warning);
  g_test_add_func ("/weights/source-without-weight", test_source_without_weight);
  g_test_add_func ("/weights/errors", test_weight_errors);
  return g_test_run ();
}
