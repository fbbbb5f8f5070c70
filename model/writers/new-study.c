#include "writers/new-study.h"

#include <gdal.h>
#include <ogr_srs_api.h>
#include <string.h>

#include "core/error.h"
#include "writers/csv.h"
#include "writers/outdir.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)

#define TEMPLATE "scenarios/trafford/champions.yaml"
#define TEMPLATE_COUNCIL "Trafford"

char *
dxi_new_study_data (const char *root, const char *name)
{
  return g_build_filename (root, "data", "national", name, NULL);
}

/* TO relative to the folder FROM (both made absolute), without a trailing
 * slash ("" when they are the same folder). */
static char *
relative_to (const char *from, const char *to)
{
  g_autofree char *a = g_canonicalize_filename (from, NULL),
                  *b = g_canonicalize_filename (to, NULL);
  g_auto (GStrv) fa = g_strsplit (a, "/", -1), fb = g_strsplit (b, "/", -1);
  guint i = 0;
  while (fa[i] && fb[i] && g_str_equal (fa[i], fb[i]))
    i++;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  for (guint j = i; fa[j]; j++)
    if (*fa[j])
      g_ptr_array_add (parts, (gpointer) "..");
  for (guint j = i; fb[j]; j++)
    if (*fb[j])
      g_ptr_array_add (parts, fb[j]);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("/", (char **) parts->pdata);
}

static gboolean
write_wards (const dxi_council *c, GPtrArray *geoms, gboolean approximate, const char *path,
             GError **error)
{
  GDALAllRegister ();
  char *options[] = { (char *) "COORDINATE_PRECISION=6", (char *) "RFC7946=NO", NULL };
  g_auto (GDALDatasetH) ds
      = GDALCreate (GDALGetDriverByName ("GeoJSON"), path, 0, 0, 0, GDT_Unknown, NULL);
  g_auto (OGRSpatialReferenceH) srs = OSRNewSpatialReference (NULL);
  OSRSetWellKnownGeogCS (srs, "WGS84");
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayerH layer = ds ? GDALDatasetCreateLayer (ds, "wards", srs, wkbMultiPolygon, options) : NULL;
  if (layer == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                   CPLGetLastErrorMsg ());
      return FALSE;
    }
  static const char *const fields[] = { "area_code", "area_name", "lad24_code", "boundary" };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (fields[i], OFTString);
      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  const char *boundary
      = approximate ? "approximate: LSOA 2021 boundaries dissolved by the ONS best-fit lookup"
                    : "ONS Wards (December 2022) Boundaries UK BSC";
  for (guint i = 0; i < geoms->len; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGR_F_SetFieldString (f, 0, c->ward_codes->pdata[i]);
      OGR_F_SetFieldString (f, 1, c->ward_names->pdata[i]);
      OGR_F_SetFieldString (f, 2, c->code);
      OGR_F_SetFieldString (f, 3, boundary);
      OGR_F_SetGeometry (f, OGR_G_ForceToMultiPolygon (OGR_G_Clone (geoms->pdata[i])));
      OGRErr err = OGR_L_CreateFeature (layer, f);
      OGR_F_Destroy (f);
      if (err != OGRERR_NONE)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
                       CPLGetLastErrorMsg ());
          return FALSE;
        }
    }
  return TRUE;
}

/* The IoD 2019 part: England's IMD score, income and employment rates and
 * rank summaries; Wales through the GB-comparable IMD score only (the Welsh
 * domain rates are WIMD's, measured differently). */
static void
append_datasets (GString *y, const char *data, gboolean wales)
{
  g_string_append_printf (
      y,
      "datasets:\n"
      "  census2021_age:\n"
      "    file: %s/census2021/census2021-ts007a-lsoa.csv.gz\n"
      "    shape: wide\n"
      "    code_column: geography code\n"
      "    name_column: geography\n"
      "    prefix: \"Age: \"\n"
      "    exclude: [Total]\n"
      "    geography: lsoa21\n"
      "  census2021_disability:\n"
      "    file: %s/census2021/census2021-ts038-lsoa.csv.gz\n"
      "    shape: wide\n"
      "    code_column: geography code\n"
      "    columns:\n"
      "      - {column: \"Disability: Disabled under the Equality Act: Day-to-day activities "
      "limited a lot\", as: \"Disabled under the Equality Act: Day-to-day activities limited a "
      "lot\"}\n"
      "      - {column: \"Disability: Disabled under the Equality Act: Day-to-day activities "
      "limited a little\", as: \"Disabled under the Equality Act: Day-to-day activities limited a "
      "little\"}\n"
      "      - {column: \"Disability: Not disabled under the Equality Act: Has long term physical "
      "or mental health condition but day-to-day activities are not limited\", as: not_limited}\n"
      "      - {column: \"Disability: Not disabled under the Equality Act: No long term physical "
      "or mental health conditions\", as: no_condition}\n"
      "    geography: lsoa21\n"
      "  census2021_households:\n"
      "    file: %s/census2021/census2021-ts040-lsoa.csv.gz\n"
      "    shape: wide\n"
      "    code_column: geography code\n"
      "    columns: [{column: \"Number of disabled people in household: Total: All households\", "
      "as: households}]\n"
      "    geography: lsoa21\n"
      "  # The GB-comparable IMD score (equal to the IMD 2019 score for England).\n"
      "  imd2019_scores:\n"
      "    file: %s/imd2019/gb_imd_e.csv.gz\n"
      "    shape: wide\n"
      "    code_column: lsoa\n"
      "    columns: [{column: GB_IMD_E_score, as: overall_local_score}%s]\n"
      "    geography: lsoa11\n",
      data, data, data, data, wales ? "" : ", income_score, employment_score");
  if (!wales)
    g_string_append_printf (y,
                            "  imd2019_ranks:\n"
                            "    file: %s/imd2019/imd2019_ranks_deciles.csv.gz\n"
                            "    shape: wide\n"
                            "    code_column: lsoa11_code\n"
                            "    columns: [IMD_rank, IMD_decile]\n"
                            "    geography: lsoa11\n",
                            data);
}

/* Broadband from Ofcom Connected Nations' fixed coverage by Output Area
 * (2021 OAs), reaching the wards through the ONS OA21 -> LSOA21 lookup and
 * the bundled LSOA21 -> ward 2024 one.  BUNDLED: both files are in
 * data/national; otherwise the lines are written commented out with "#+ ",
 * to be uncommented once the analyst has downloaded the two files. */
typedef struct broadband
{
  gboolean bundled;
  const char *mark;        /* "" or "#+ " */
  char *coverage, *lookup; /* paths as the study names them */
} broadband;

static const char *const BROADBAND_INDICATORS[]
    = { "ofcom_gigabit", "ofcom_superfast", "ofcom_no_decent_broadband" };

/* The national file NAME, plain or gzip, when bundled under ROOT (caller frees). */
static char *
bundled_file (const char *root, const char *name)
{
  g_autofree char *plain = dxi_new_study_data (root, name);
  g_autofree char *gz = g_strconcat (plain, ".gz", NULL);
  if (g_file_test (gz, G_FILE_TEST_IS_REGULAR))
    return g_strconcat (name, ".gz", NULL);
  return g_file_test (plain, G_FILE_TEST_IS_REGULAR) ? g_strdup (name) : NULL;
}

/* The broadband files of a study whose path to ROOT is REL_ROOT ("" or
 * ending in '/'): the bundled ones, else the study's own to be downloaded. */
static void
broadband_init (broadband *b, const char *root, const char *rel_root)
{
  g_autofree char *coverage = bundled_file (root, DXI_NEW_STUDY_OFCOM_FILE);
  g_autofree char *lookup = bundled_file (root, DXI_NEW_STUDY_OA_LOOKUP);
  b->bundled = coverage && lookup;
  b->mark = b->bundled ? "" : "#+ ";
  b->coverage = b->bundled ? g_strdup_printf ("%sdata/national/%s", rel_root, coverage)
                           : g_strdup (DXI_NEW_STUDY_OFCOM_FILE);
  b->lookup = b->bundled ? g_strdup_printf ("%sdata/national/%s", rel_root, lookup)
                         : g_strdup (DXI_NEW_STUDY_OA_LOOKUP);
}

static void
broadband_clear (broadband *b)
{
  g_free (b->coverage);
  g_free (b->lookup);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (broadband, broadband_clear)

static void
append_broadband_howto (GString *y, const broadband *b)
{
  if (b->bundled)
    {
      g_string_append (
          y, "# Broadband: Ofcom Connected Nations fixed coverage by Output Area, bundled in\n"
             "# data/national, reaches the wards through the ONS OA21 -> LSOA21 lookup.\n");
      return;
    }
  g_string_append_printf (
      y,
      "# Broadband: no national Ofcom file is bundled, so this index has no broadband\n"
      "# domain (the map and the run say so).  To add it:\n"
      "#  1. download Ofcom Connected Nations, fixed broadband coverage by Output Area\n"
      "#     (residential), e.g. 202407_fixed_oa_res_coverage_r01.csv (ofcom.org.uk >\n"
      "#     Connected Nations > data downloads), and save it as %s\n"
      "#     beside this file, as published;\n"
      "#  2. download the ONS Output Area (2021) to LSOA (2021) lookup (Open Geography\n"
      "#     Portal, columns OA21CD, LSOA21CD) and save it as %s;\n"
      "#  3. remove the leading '#+ ' from the lines below that start with it: the\n"
      "#     lookups oa21_lsoa21 and oa21, the dataset ofcom_fixed_coverage and the\n"
      "#     indicators %s, %s and %s.\n",
      b->coverage, b->lookup, BROADBAND_INDICATORS[0], BROADBAND_INDICATORS[1],
      BROADBAND_INDICATORS[2]);
}

static void
append_broadband_lookups (GString *y, const broadband *b)
{
  g_string_append_printf (y,
                          "%s  oa21_lsoa21:\n"
                          "%s    kind: csv\n"
                          "%s    file: %s\n"
                          "%s    from_column: OA21CD\n"
                          "%s    to_column: LSOA21CD\n"
                          "%s  oa21:\n"
                          "%s    kind: chain\n"
                          "%s    steps: [oa21_lsoa21, lsoa21]\n",
                          b->mark, b->mark, b->mark, b->lookup, b->mark, b->mark, b->mark, b->mark,
                          b->mark);
}

static void
append_broadband_dataset (GString *y, const broadband *b)
{
  g_string_append_printf (y,
                          "%s  ofcom_fixed_coverage:\n"
                          "%s    file: %s\n"
                          "%s    shape: wide\n"
                          "%s    code_column: output_area\n"
                          "%s    geography: oa21\n",
                          b->mark, b->mark, b->coverage, b->mark, b->mark, b->mark);
}

/* The study's header, areas, catalogue and national lookups. */
static void
append_header (GString *y, const dxi_council *c, const char *rel_root, const char *data,
               const broadband *b, gboolean approximate)
{
  g_string_append_printf (
      y,
      "# %s (%s): digital exclusion risk by ward, written by `dxi new %s` from the\n"
      "# national tables bundled with dxi (data/national, see data/SOURCES.md).\n"
      "# It runs as it is: `dxi check study.yaml`, `dxi run champions.yaml`.\n"
      "# Census 2021 TS007a has no 16-19 split, so adults here are residents aged 20+.\n"
      "#\n",
      c->name, c->code, c->code);
  append_broadband_howto (y, b);
  g_string_append_printf (y,
                          "name: %s\n"
                          "title: Digital exclusion risk in %s, by ward%s\n"
                          "\n"
                          "areas:\n"
                          "  file: wards.geojson\n"
                          "  code_field: area_code\n"
                          "  name_field: area_name\n"
                          "  geography: ward24\n"
                          "\n"
                          "catalogue: %sindicators/catalogue.yaml\n"
                          "rates: %sindicators/rates.yaml\n"
                          "\n"
                          "lookups:\n"
                          "  lsoa21:\n"
                          "    kind: csv\n"
                          "    file: %s/lookups/lookup_lsoa21_ward24_ltla24.csv.gz\n"
                          "    from_column: lsoa21_code\n"
                          "    to_column: ward24_code\n"
                          "  lsoa11_lsoa21:\n"
                          "    kind: crosswalk\n"
                          "    file: %s/lookups/lookup_lsoa11_lsoa21_ltla22.csv.gz\n"
                          "  lsoa11:\n"
                          "    kind: chain\n"
                          "    steps: [lsoa11_lsoa21, lsoa21]\n",
                          c->name, c->name, approximate ? " (approximate ward boundaries)" : "",
                          rel_root, rel_root, data, data);
}

/* Sources, the counts (population, households, adults, excluded adults). */
static void
append_counts (GString *y, gboolean approximate)
{
  g_string_append_printf (
      y,
      "\n"
      "sources:\n"
      "  areas: {source: \"%s\", vintage: wards of May 2024}\n"
      "\n"
      "population: {dataset: census2021_age}\n"
      "households: {dataset: census2021_households}\n"
      "adults:\n"
      "  dataset: census2021_age\n"
      "  columns: [Aged 20 to 24 years, Aged 25 to 29 years, Aged 30 to 34 years, Aged 35 to 39 "
      "years, Aged 40 to 44 years,\n"
      "            Aged 45 to 49 years, Aged 50 to 54 years, Aged 55 to 59 years, Aged 60 to 64 "
      "years, Aged 65 to 69 years,\n"
      "            Aged 70 to 74 years, Aged 75 to 79 years, Aged 80 to 84 years, Aged 85 years "
      "and over]\n"
      "\n"
      "excluded_adults:\n"
      "  age_16_44: {dataset: census2021_age, columns: [Aged 20 to 24 years, Aged 25 to 29 years, "
      "Aged 30 to 34 years, Aged 35 to 39 years, Aged 40 to 44 years]}\n"
      "  age_45_54: {dataset: census2021_age, columns: [Aged 45 to 49 years, Aged 50 to 54 "
      "years]}\n"
      "  age_55_64: {dataset: census2021_age, columns: [Aged 55 to 59 years, Aged 60 to 64 "
      "years]}\n"
      "  age_65_74: {dataset: census2021_age, columns: [Aged 65 to 69 years, Aged 70 to 74 "
      "years]}\n"
      "  age_75_plus: {dataset: census2021_age, columns: [Aged 75 to 79 years, Aged 80 to 84 "
      "years, Aged 85 years and over]}\n",
      approximate
          ? "approximate: ONS LSOA 2021 boundaries (BSC) dissolved by the ONS best-fit LSOA21 "
            "to ward 2024 lookup"
          : "ONS Wards (December 2022) Boundaries UK BSC");
}

/* The indicators (IoD domains in England only; broadband as the bundle has
 * it), the index preset and the coverage rule. */
static void
append_indicators (GString *y, const broadband *b, gboolean wales)
{
  g_string_append (y, "\n"
                      "indicators:\n"
                      "  - age_65_74\n"
                      "  - age_75_plus\n"
                      "  - disability\n"
                      "  - imd_score\n");
  if (!wales)
    g_string_append (y, "  - income_deprivation\n"
                        "  - employment_deprivation\n");
  for (guint i = 0; i < G_N_ELEMENTS (BROADBAND_INDICATORS); i++)
    g_string_append_printf (y, "%s  - %s\n", b->mark, BROADBAND_INDICATORS[i]);
  if (!wales)
    g_string_append (y, "\n"
                        "extra:\n"
                        "  - imd_average_rank\n"
                        "  - imd_extent\n"
                        "  - imd_local_concentration\n"
                        "  - imd_most_deprived_10\n");
  g_string_append (y, "\n"
                      "index:\n"
                      "  preset: deri\n"
                      "\n"
                      "coverage:\n"
                      "  on_mismatch: error\n");
}

static char *
study_text (const dxi_council *c, const char *rel_root, const broadband *b, gboolean approximate,
            gboolean wales)
{
  g_autofree char *data = g_strconcat (rel_root, "data/national", NULL);
  GString *y = g_string_new (NULL);
  append_header (y, c, rel_root, data, b, approximate);
  append_broadband_lookups (y, b);
  g_string_append (y, "\n");
  append_datasets (y, data, wales);
  append_broadband_dataset (y, b);
  append_counts (y, approximate);
  append_indicators (y, b, wales);
  return g_string_free (y, FALSE);
}

/* The template scenario with the council's name and this folder's paths. */
static char *
scenario_text (const dxi_council *c, const char *root, const char *rel_root, GError **error)
{
  g_autofree char *path = g_build_filename (root, TEMPLATE, NULL);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot read the scenario template '%s'", path);
      return NULL;
    }
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "study:"))
        g_string_append (out, "study: study.yaml");
      else if (g_str_has_prefix (lines[i], "benefits:"))
        g_string_append_printf (out, "benefits: %sscenarios/benefits.yaml", rel_root);
      else
        {
          g_auto (GStrv) parts = g_strsplit (lines[i], TEMPLATE_COUNCIL, -1);
          g_autofree char *line = g_strjoinv (c->name, parts);
          g_string_append (out, line);
        }
      if (lines[i + 1])
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_files (const dxi_council *c, const char *root, dxi_outdir *out, const char *folder,
             dxi_new_study *study, GError **error)
{
  g_autofree char *wards = dxi_new_study_data (root, "boundaries/boundaries_wards22.fgb.gz");
  g_autofree char *lsoas = dxi_new_study_data (root, "boundaries/boundaries_lsoa21.fgb.gz");
  g_autoptr (GPtrArray) geoms
      = dxi_council_boundaries (c, wards, lsoas, &study->approximate, error);
  if (geoms == NULL)
    return FALSE;
  g_autofree char *rel = relative_to (folder, root);
  g_autofree char *rel_root = *rel ? g_strconcat (rel, "/", NULL) : g_strdup ("");
  g_autofree char *geojson = dxi_outdir_path (out, "wards.geojson");
  g_autofree char *study_yaml = dxi_outdir_path (out, "study.yaml");
  g_autofree char *scenario_yaml = dxi_outdir_path (out, "champions.yaml");
  g_auto (broadband) b = { 0 };
  broadband_init (&b, root, rel_root);
  study->broadband = b.bundled;
  g_autofree char *text = study_text (c, rel_root, &b, study->approximate, study->wales);
  g_autofree char *scenario = scenario_text (c, root, rel_root, error);
  return scenario && write_wards (c, geoms, study->approximate, geojson, error)
         && dxi_write_file (study_yaml, text, strlen (text), error)
         && dxi_write_file (scenario_yaml, scenario, strlen (scenario), error);
}

dxi_new_study *
dxi_new_study_write (const dxi_council *c, const char *root, const char *folder, GError **error)
{
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_set_error (
          error, DXI_ERROR, DXI_ERROR_IO,
          "'%s' already exists; dxi new never replaces a study: choose another folder with -o",
          folder);
      return NULL;
    }
  g_autoptr (dxi_new_study) study = g_new0 (dxi_new_study, 1);
  study->folder = g_strdup (folder);
  study->n_wards = c->ward_codes->len;
  study->wales = c->code[0] == 'W';
  dxi_outdir_options options = { 0 };
  dxi_outdir *out = dxi_outdir_begin (folder, &options, error);
  if (out == NULL)
    return NULL;
  if (!write_files (c, root, out, folder, study, error) || !dxi_outdir_commit (out, error))
    {
      dxi_outdir_abort (out);
      return NULL;
    }
  dxi_outdir_free (out);
  return g_steal_pointer (&study);
}

void
dxi_new_study_free (dxi_new_study *study)
{
  if (study == NULL)
    return;
  g_free (study->folder);
  g_free (study);
}
