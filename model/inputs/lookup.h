/* Lookups: how codes of one geography reach another, with weights.
 *
 * A lookup maps each source code to one or more target codes, each with a
 * weight: the share of the source that lies in the target (weights of one
 * source sum to 1 when it is apportioned), and for overlap lookups the
 * intersection area in square metres.  Kinds, as written in study.yaml:
 *   csv        code -> code table (ONS best-fit lookups, OA -> LSOA -> ward):
 *              file, from_column, to_column, weight_column (optional); the
 *              weights of one source summing above 1 are an error naming the
 *              row, unless `apportions: true` says they are meant to (a
 *              source given whole, or more, to several targets)
 *   postcode   the same from an ONSPD-style file; postcodes are matched
 *              without spaces and in capitals (file, from_column, to_column)
 *   crosswalk  the ONS LSOA 2011 -> LSOA 2021 lookup (file, from_column
 *              default lsoa11_code, to_column default lsoa21_code,
 *              change_column default change_code): U and M rows weigh 1; an
 *              LSOA11 split (S, or X) is apportioned to its LSOA21s by their
 *              population (the study's population dataset), so no one is
 *              dropped or counted twice
 *   chain      steps: [lookup, lookup, ...] composed, weights multiplied
 *   overlap    from_areas (a boundary file) and from_code_field: each source
 *              area is shared among the study's areas by area of overlap,
 *              computed in EPSG:27700 (British National Grid)
 *   apportion  each source shared among the areas by the population of its
 *              parts, the way ONS builds ward statistics from Output Areas:
 *              file (parts -> sources, e.g. OA21 -> LSOA21), from_column (the
 *              source code), part_column (the part code), parts (a lookup
 *              taking each part to the areas), part_weight (a dataset of the
 *              parts: its row totals weigh them, e.g. OA populations) and
 *              assign: largest (default: a part the parts lookup gives to
 *              several areas goes whole to the one it gives most: for an
 *              overlap, the largest area of overlap) or shared (as given).
 *              A source's weight in an area is the population of its parts
 *              there over the population of all its parts.  best_fit (a
 *              lookup, e.g. the ONS best-fit table) is what coverage.txt
 *              compares it with; without it, each source whole in the area
 *              of its largest share. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "config/lookup.h"
#include "inputs/boundaries.h"

typedef struct dxi_link
{
  char *target;  /* owned */
  double weight; /* share of the source in the target */
  double area;   /* overlap lookups: m^2 of the intersection; else NAN */
} dxi_link;

typedef struct dxi_lookup
{
  char *name;
  DxiLookupKind kind;
  char *description;  /* for the coverage report */
  GHashTable *links;  /* source code -> GArray of dxi_link */
  GPtrArray *steps;   /* chain: the names of its steps */
  gboolean postcodes; /* match keys as postcodes */
} dxi_lookup;

dxi_lookup *dxi_lookup_new (const char *name, DxiLookupKind kind);
void dxi_lookup_free (dxi_lookup *lookup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_lookup, dxi_lookup_free)

void dxi_lookup_add (dxi_lookup *lookup, const char *source, const char *target, double weight,
                     double area);
/* Links of SOURCE (normalised when the lookup is by postcode) or NULL. */
const GArray *dxi_lookup_links (const dxi_lookup *lookup, const char *source);
guint dxi_lookup_n_sources (const dxi_lookup *lookup);

/* Resolves the lookups a definition refers to (chain steps), the study's
 * population at a geography (crosswalk apportioning) and a dataset's row
 * totals (the parts of an apportion).  BEST_FIT builds apportion lookups as
 * best fits instead, to measure what apportioning changes. */
typedef struct dxi_lookup_context
{
  dxi_lookup *(*get) (gpointer data, const char *name, GError **error); /* borrowed result */
  const dxi_frame *(*population) (gpointer data, GError **error);       /* borrowed; LSOA21 etc. */
  const dxi_boundaries *targets;                                        /* the study's areas */
  gpointer data;
  /* One column, the row totals of dataset ID (caller frees), or NULL with an error. */
  dxi_frame *(*totals) (gpointer data, const char *id, GError **error);
  gboolean best_fit;
} dxi_lookup_context;

/* Build the lookup CONFIG defines (named as it is). */
dxi_lookup *dxi_lookup_build (const dxi_lookup_config *config, const dxi_lookup_context *ctx,
                              GError **error);

/* The files CONFIG reads open and hold the columns it names (their headers
 * only: what dxi check asks of a lookup nothing uses). */
gboolean dxi_lookup_check_files (const dxi_lookup_config *config, GError **error);

/* Compose: A then B. */
dxi_lookup *dxi_lookup_compose (const char *name, const dxi_lookup *a, const dxi_lookup *b);
/* Overlap of SOURCE areas with TARGET areas (both reprojected to EPSG:27700). */
dxi_lookup *dxi_lookup_overlap (const char *name, dxi_boundaries *source, dxi_boundaries *target,
                                GError **error);
/* Each source of APPORTIONED whole to the target of its largest weight
 * (ties: the first code in sort order). */
dxi_lookup *dxi_lookup_best_fit (const char *name, const dxi_lookup *apportioned);
/* Postcode key: capitals, no spaces (caller frees). */
char *dxi_lookup_postcode_key (const char *postcode);
