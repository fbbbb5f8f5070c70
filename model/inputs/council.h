/* A council of England or Wales as the bundled national lookup knows it:
 * its LAD 2024 code and name, its current (2024) wards and the LSOAs 2021
 * that each ward is built from (ONS best-fit LSOA21 -> ward 2024 -> LTLA
 * 2024 lookup, data/national/lookups/lookup_lsoa21_ward24_ltla24.csv.gz).
 * Used by `dxi new` to write a ready study for any council. */
#pragma once
#include <glib.h>
#include <ogr_api.h>

typedef struct dxi_council
{
  char *code;            /* E09000008 */
  char *name;            /* Croydon */
  GPtrArray *ward_codes; /* char *, sorted */
  GPtrArray *ward_names; /* char *, same order */
  GHashTable *lsoa_ward; /* LSOA21 code -> index into ward_codes (GUINT_TO_POINTER (i + 1)) */
} dxi_council;

/* Every council in LOOKUP: "code\tname" strings, sorted by code. */
GPtrArray *dxi_council_list (const char *lookup, GError **error);
/* The council whose LAD code or name (any case) is QUERY; an unknown one is
 * an error suggesting the nearest name. */
dxi_council *dxi_council_find (const char *lookup, const char *query, GError **error);
void dxi_council_free (dxi_council *council);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_council, dxi_council_free)

/* Ward boundaries of COUNCIL (one geometry per ward, in ward_codes order,
 * OGC:CRS84 longitude/latitude): the published ward boundaries in WARDS
 * (field ward22_code) when every current ward is there under its code, else
 * the LSOA 2021 boundaries in LSOAS (field lsoa21_code) dissolved by the
 * lookup, with *APPROXIMATE set.  Caller destroys the geometries. */
GPtrArray *dxi_council_boundaries (const dxi_council *council, const char *wards, const char *lsoas,
                                   gboolean *approximate, GError **error);
