/* Lookups: code tables, the LSOA11 -> LSOA21 crosswalk, chains, overlaps,
 * postcodes; on the real Trafford files and on hand-computable squares. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "inputs/lookup.h"

#define FIX DXI_SOURCE_DIR "/tests/fixtures/lookups/"

/* The test's lookups by name, and a population of the two LSOA21s that
 * E01006185 split into (Census 2021 usual residents, TS007). */
typedef struct
{
  dxi_ydoc *doc;
  GHashTable *built;
  dxi_frame *population;
  dxi_boundaries *targets;
} fixture;

static dxi_lookup *get (gpointer data, const char *name, GError **error);

static const dxi_frame *
population (gpointer data, GError **error)
{
  (void) error;
  return ((fixture *) data)->population;
}

static dxi_lookup *
get (gpointer data, const char *name, GError **error)
{
  fixture *fx = data;
  dxi_lookup *l = g_hash_table_lookup (fx->built, name);
  if (l)
    return l;
  dxi_lookup_context ctx
      = { .get = get, .population = population, .targets = fx->targets, .data = fx };
  const dxi_ynode *node = dxi_ynode_get (fx->doc->root, name);
  if (node == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG, "no lookup named '%s'", name);
      return NULL;
    }
  g_autoptr (dxi_lookup_config) config = dxi_lookup_config_from_yaml (name, node, error);
  l = config ? dxi_lookup_build (config, &ctx, error) : NULL;
  if (l)
    g_hash_table_insert (fx->built, l->name, l);
  return l;
}

static fixture *
fixture_new (void)
{
  static const char yaml[]
      = "lsoa21: {kind: csv, file: lsoa21_wd22_bestfit_trafford.csv, from_column: lsoa21cd, "
        "to_column: wd22cd}\n"
        "lsoa11_lsoa21: {kind: crosswalk, file: lsoa11_lsoa21_trafford.csv}\n"
        "lsoa11: {kind: chain, steps: [lsoa11_lsoa21, lsoa21]}\n"
        "ward23: {kind: overlap, from_areas: wards_2023.geojson, from_code_field: area_code}\n"
        "squares: {kind: overlap, from_areas: squares_source.geojson, from_code_field: code}\n"
        "postcodes: {kind: postcode, file: postcodes_onspd_sample.csv, from_column: postcode, "
        "to_column: ward_code}\n"
        "loop: {kind: chain, steps: [lsoa21, loop]}\n";
  fixture *fx = g_new0 (fixture, 1);
  fx->doc = dxi_ydoc_load_string (FIX "lookups.yaml", yaml, -1, NULL);
  fx->built
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dxi_lookup_free);
  fx->population = dxi_frame_new ("test");
  guint col = dxi_frame_add_column (fx->population, "population");
  dxi_frame_set (fx->population, dxi_frame_add_row (fx->population, "E01034000", NULL), col, 1236);
  dxi_frame_set (fx->population, dxi_frame_add_row (fx->population, "E01034001", NULL), col, 1646);
  fx->targets
      = dxi_boundaries_read (FIX "wards_2022.geojson", NULL, "area_code", "area_name", NULL);
  g_assert_nonnull (fx->targets);
  return fx;
}

static void
fixture_free (fixture *fx)
{
  g_hash_table_unref (fx->built);
  dxi_ydoc_free (fx->doc);
  dxi_frame_free (fx->population);
  dxi_boundaries_free (fx->targets);
  g_free (fx);
}

static double
weight (const dxi_lookup *l, const char *from, const char *to)
{
  const GArray *links = dxi_lookup_links (l, from);
  for (guint i = 0; links && i < links->len; i++)
    if (g_str_equal (g_array_index (links, dxi_link, i).target, to))
      return g_array_index (links, dxi_link, i).weight;
  return NAN;
}

static double
total_weight (const dxi_lookup *l, const char *from)
{
  const GArray *links = dxi_lookup_links (l, from);
  double s = 0;
  for (guint i = 0; links && i < links->len; i++)
    s += g_array_index (links, dxi_link, i).weight;
  return links ? s : NAN;
}

static void
test_csv (void)
{
  fixture *fx = fixture_new ();
  g_autoptr (GError) error = NULL;
  dxi_lookup *l = get (fx, "lsoa21", &error);
  g_assert_no_error (error);
  /* ONS best fit row: E01006109,Trafford 001A,E05000825,Clifford */
  g_assert_cmpuint (dxi_lookup_n_sources (l), ==, 139);
  g_assert_cmpfloat (weight (l, "E01006109", "E05000825"), ==, 1);
  fixture_free (fx);
}

static void
test_crosswalk_split (void)
{
  fixture *fx = fixture_new ();
  g_autoptr (GError) error = NULL;
  dxi_lookup *l = get (fx, "lsoa11_lsoa21", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dxi_lookup_n_sources (l), ==, 138);
  /* E01006185 split (S) into E01034000 (1,236 residents) and E01034001 (1,646). */
  g_assert_cmpfloat_with_epsilon (weight (l, "E01006185", "E01034000"), 1236.0 / 2882.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (weight (l, "E01006185", "E01034001"), 1646.0 / 2882.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (total_weight (l, "E01006185"), 1, 1e-12);
  g_assert_cmpfloat (weight (l, "E01006121", "E01006121"), ==, 1);
  fixture_free (fx);
}

static void
test_crosswalk_merge_and_unknown (void)
{
  /* A merge (M): two LSOA11s into one LSOA21, each carried whole. */
  g_autoptr (dxi_lookup) l = dxi_lookup_new ("m", DXI_LOOKUP_CROSSWALK);
  dxi_lookup_add (l, "E01000001", "E01099999", 1, NAN);
  dxi_lookup_add (l, "E01000002", "E01099999", 1, NAN);
  g_assert_cmpfloat (weight (l, "E01000001", "E01099999"), ==, 1);
  g_assert_cmpfloat (weight (l, "E01000002", "E01099999"), ==, 1);
  /* A split with an unknown population cannot be apportioned: an error. */
  fixture *fx = fixture_new ();
  dxi_frame_set (fx->population, 0, 0, NAN);
  g_autoptr (GError) error = NULL;
  g_assert_null (get (fx, "lsoa11_lsoa21", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error ? strstr (error->message, "cannot be apportioned") : NULL);
  fixture_free (fx);
}

static void
test_chain (void)
{
  fixture *fx = fixture_new ();
  g_autoptr (GError) error = NULL;
  dxi_lookup *l = get (fx, "lsoa11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (l->steps->len, ==, 2);
  /* Both halves of E01006185 are in Clifford (E05000825) by best fit, so
   * the whole LSOA11 reaches it; every LSOA11 keeps a total weight of 1. */
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, l->links);
  guint n = 0;
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      g_assert_cmpfloat_with_epsilon (total_weight (l, key), 1, 1e-12);
      n++;
    }
  g_assert_cmpuint (n, ==, 138);
  g_clear_error (&error);
  g_assert_null (get (fx, "loop", &error));
  g_assert_nonnull (error);
  fixture_free (fx);
}

static void
test_overlap_squares (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) src
      = dxi_boundaries_read (FIX "squares_source.geojson", NULL, "code", NULL, &error);
  g_autoptr (dxi_boundaries) tgt
      = dxi_boundaries_read (FIX "squares_target.geojson", NULL, "code", NULL, &error);
  g_assert_no_error (error);
  g_autoptr (dxi_lookup) l = dxi_lookup_overlap ("sq", src, tgt, &error);
  g_assert_no_error (error);
  /* A (100 m x 100 m) is cut in half by T1/T2; B (200 m x 100 m) lies in T2. */
  g_assert_cmpfloat_with_epsilon (weight (l, "A", "T1"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (weight (l, "A", "T2"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (weight (l, "B", "T2"), 1.0, 1e-9);
  g_assert_true (isnan (weight (l, "B", "T1")));
  const GArray *links = dxi_lookup_links (l, "A");
  g_assert_cmpfloat_with_epsilon (g_array_index (links, dxi_link, 0).area, 5000, 1e-6);
}

static void
test_overlap_real_wards (void)
{
  fixture *fx = fixture_new ();
  g_autoptr (GError) error = NULL;
  dxi_lookup *l = get (fx, "ward23", &error);
  g_assert_no_error (error);
  /* Every 2023 ward lies within the 2022 wards of the same borough; the
   * generalised (BGC) boundaries of the two vintages differ along the
   * borough edge by up to 0.25% of a ward's area, so the shares sum to 1
   * within that. */
  g_assert_cmpuint (dxi_lookup_n_sources (l), ==, 21);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, l->links);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_assert_cmpfloat_with_epsilon (total_weight (l, key), 1, 3e-3);
  fixture_free (fx);
}

static void
test_postcode (void)
{
  fixture *fx = fixture_new ();
  g_autoptr (GError) error = NULL;
  dxi_lookup *l = get (fx, "postcodes", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (weight (l, "m15 4ab", "E05015247"), ==, 1);
  g_assert_cmpfloat (weight (l, "M154AD", "E05015253"), ==, 1);
  g_assert_null (dxi_lookup_links (l, "M15 9ZZ"));
  fixture_free (fx);
}

/* Weights of one source summing above 1 count it more than once: an error at
 * the row where its weights pass 1, unless the lookup says it apportions. */
static void
test_weights_above_one (void)
{
  static const char yaml[] = "double: {kind: csv, file: ../rollup/l21_ward_double.csv, "
                             "from_column: l21, to_column: ward, "
                             "weight_column: w}\n"
                             "meant: {kind: csv, file: ../rollup/l21_ward_double.csv, from_column: "
                             "l21, to_column: ward, "
                             "weight_column: w, apportions: true}\n";
  fixture *fx = fixture_new ();
  dxi_ydoc_free (fx->doc);
  fx->doc = dxi_ydoc_load_string (FIX "weights.yaml", yaml, -1, NULL);
  g_autoptr (GError) error = NULL;
  /* l21_ward_double.csv row 3 (the header is row 1): B,W1,2. */
  g_assert_null (get (fx, "double", &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_DATA);
  g_assert_nonnull (error
                        ? strstr (error->message,
                                  "l21_ward_double.csv:3: the weights of 'B' sum to 2, more than 1")
                        : NULL);
  g_clear_error (&error);
  dxi_lookup *l = get (fx, "meant", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (weight (l, "B", "W1"), ==, 2);
  /* Shares of a source that sum to 1 are accepted: C,W1,0.5 and C,W2,0.5. */
  g_assert_cmpfloat_with_epsilon (total_weight (l, "C"), 1, 1e-12);
  fixture_free (fx);
}

/* The overlap join as it was before the spatial index: every source box
 * against every target box, and an intersection for each pair that meets. */
static dxi_lookup *
brute_force_overlap (dxi_boundaries *source, dxi_boundaries *target)
{
  g_assert_true (dxi_boundaries_transform (source, "EPSG:27700", NULL));
  g_assert_true (dxi_boundaries_transform (target, "EPSG:27700", NULL));
  dxi_lookup *lookup = dxi_lookup_new ("brute", DXI_LOOKUP_OVERLAP);
  guint nt = dxi_boundaries_len (target);
  g_autofree OGREnvelope *env = g_new (OGREnvelope, nt);
  for (guint t = 0; t < nt; t++)
    OGR_G_GetEnvelope (target->geoms->pdata[t], &env[t]);
  for (guint s = 0; s < dxi_boundaries_len (source); s++)
    {
      OGRGeometryH sg = source->geoms->pdata[s];
      double area = OGR_G_Area (sg);
      OGREnvelope se;
      OGR_G_GetEnvelope (sg, &se);
      for (guint t = 0; t < nt; t++)
        {
          const OGREnvelope te = env[t];
          if (te.MaxX < se.MinX || te.MinX > se.MaxX || te.MaxY < se.MinY || te.MinY > se.MaxY)
            continue;
          OGRGeometryH inter = OGR_G_Intersection (sg, target->geoms->pdata[t]);
          double a = inter ? OGR_G_Area (inter) : 0;
          if (inter)
            OGR_G_DestroyGeometry (inter);
          if (a >= 1.0 && area > 0)
            dxi_lookup_add (lookup, dxi_frame_code (source->frame, s),
                            dxi_frame_code (target->frame, t), a / area, a);
        }
    }
  return lookup;
}

/* The indexed overlap join gives the brute-force links, in the same order
 * with the same weights and areas: Trafford's 2023 wards, LSOA21s and
 * output areas against its 2022 wards, and the 2022 wards against the LSOAs
 * (sources larger than the targets). */
static void
test_overlap_equals_brute_force (void)
{
  static const struct
  {
    const char *source, *source_code, *target, *target_code;
  } cases[] = {
    { FIX "wards_2023.geojson", "area_code", FIX "wards_2022.geojson", "area_code" },
    { DXI_SOURCE_DIR "/data/trafford/boundaries/lsoa21.geojson", "area_code",
      FIX "wards_2022.geojson", "area_code" },
    { DXI_SOURCE_DIR "/data/trafford/boundaries/oa21.geojson", "area_code",
      FIX "wards_2022.geojson", "area_code" },
    { FIX "wards_2022.geojson", "area_code",
      DXI_SOURCE_DIR "/data/trafford/boundaries/lsoa21.geojson", "area_code" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (dxi_boundaries) src
          = dxi_boundaries_read (cases[c].source, NULL, cases[c].source_code, NULL, &error);
      g_assert_no_error (error);
      g_autoptr (dxi_boundaries) tgt
          = dxi_boundaries_read (cases[c].target, NULL, cases[c].target_code, NULL, &error);
      g_assert_no_error (error);
      if (src == NULL || tgt == NULL)
        continue;
      g_autoptr (dxi_lookup) want = brute_force_overlap (src, tgt);
      g_autoptr (dxi_lookup) got = dxi_lookup_overlap ("indexed", src, tgt, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dxi_lookup_n_sources (got), ==, dxi_lookup_n_sources (want));
      g_assert_cmpuint (dxi_lookup_n_sources (want), >, 10);
      guint links = 0;
      for (guint s = 0; s < dxi_boundaries_len (src); s++)
        {
          const char *code = dxi_frame_code (src->frame, s);
          const GArray *w = dxi_lookup_links (want, code), *g = dxi_lookup_links (got, code);
          g_assert_cmpuint (g ? g->len : 0, ==, w ? w->len : 0);
          for (guint i = 0; w && g && i < MIN (w->len, g->len); i++)
            {
              const dxi_link *lw = &g_array_index (w, dxi_link, i),
                             *lg = &g_array_index (g, dxi_link, i);
              g_assert_cmpstr (lg->target, ==, lw->target);
              g_assert_cmpfloat_with_epsilon (lg->weight, lw->weight, 1e-9);
              g_assert_cmpfloat_with_epsilon (lg->area, lw->area, 1e-6 * MAX (1.0, lw->area));
              links++;
            }
        }
      g_assert_cmpuint (links, >=, dxi_lookup_n_sources (want));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/lookup/csv-best-fit", test_csv);
  g_test_add_func ("/lookup/overlap-equals-brute-force", test_overlap_equals_brute_force);
  g_test_add_func ("/lookup/crosswalk-split-by-population", test_crosswalk_split);
  g_test_add_func ("/lookup/crosswalk-merge-and-unknown-population",
                   test_crosswalk_merge_and_unknown);
  g_test_add_func ("/lookup/chain", test_chain);
  g_test_add_func ("/lookup/overlap-squares", test_overlap_squares);
  g_test_add_func ("/lookup/overlap-2023-to-2022-wards", test_overlap_real_wards);
  g_test_add_func ("/lookup/postcode", test_postcode);
  g_test_add_func ("/lookup/weights-above-one", test_weights_above_one);
  return g_test_run ();
}
