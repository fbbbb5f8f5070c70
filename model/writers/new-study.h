/* `dxi new`: a ready study folder for one council, from the national data
 * bundled with dxi (ROOT/data/national, ROOT/indicators, and the scenario
 * template ROOT/scenarios/trafford/champions.yaml):
 *  - wards.geojson: the council's current (2024) wards, published boundaries
 *    or LSOA 2021 boundaries dissolved by the lookup, labelled approximate;
 *  - study.yaml: Census 2021, IoD 2019 (Wales through the GB-comparable IMD
 *    score), the lookups, the DERI index method; runs with no edits;
 *  - champions.yaml: a first scenario (digital champions in the most excluded
 *    30% of wards), its values marked ILLUSTRATIVE as in the template.
 * The folder is written atomically and must not exist yet: dxi new never
 * replaces a study someone may have edited. */
#pragma once
#include <glib.h>

#include "inputs/council.h"

typedef struct dxi_new_study
{
  char *folder; /* where it was written */
  guint n_wards;
  gboolean approximate; /* wards dissolved from LSOAs */
  gboolean wales;
  gboolean broadband; /* the Ofcom OA coverage file and OA21 lookup are bundled */
} dxi_new_study;

/* Under ROOT/data/national: Ofcom Connected Nations fixed coverage by Output
 * Area (2021 OAs, as published, e.g. 202407_fixed_oa_res_coverage_r01.csv) and
 * the ONS OA21 -> LSOA21 lookup (OA21CD, LSOA21CD), plain or gzip.  When both
 * are there a new study has a broadband domain; otherwise its study.yaml says
 * which files to download, where they go and which lines to uncomment, and a
 * study folder's own copies go to the same names beside study.yaml. */
#define DXI_NEW_STUDY_OFCOM_FILE "broadband/ofcom_fixed_oa_coverage.csv"
#define DXI_NEW_STUDY_OA_LOOKUP "lookups/lookup_oa21_lsoa21.csv"

/* The national file NAME (e.g. "lookups/lookup_lsoa21_ward24_ltla24.csv.gz")
 * under ROOT/data/national (caller frees). */
char *dxi_new_study_data (const char *root, const char *name);
/* Write the study of COUNCIL into FOLDER. */
dxi_new_study *dxi_new_study_write (const dxi_council *council, const char *root,
                                    const char *folder, GError **error);
void dxi_new_study_free (dxi_new_study *study);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_new_study, dxi_new_study_free)
