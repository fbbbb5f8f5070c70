/* What a map or layer handed on must say about itself: each source with its
 * vintage, the method in words, the date of production and the licence and
 * copyright statements.  The same text goes on the print map, in the
 * layers' metadata (GeoPackage, .qmd beside the shapefile) and in the
 * GeoTIFFs' metadata.
 *
 * Sources come from the study's `sources:` ({dataset: {source, vintage}})
 * where it names a dataset, else from the catalogue: the publication of the
 * indicators computed from the dataset (its source text up to the first
 * comma, "ONS Census 2021").  The date of production is SOURCE_DATE_EPOCH
 * when set (reproducible builds' convention), else today (UTC). */
#pragma once
#include <glib.h>

#include "index/settings.h"
#include "inputs/study.h"

/* The year of the Crown copyright statements (OS, ONS). */
#define DXI_CROWN_COPYRIGHT_YEAR "2025"

typedef struct dxi_credits
{
  GPtrArray *sources; /* char *: "Ofcom Connected Nations 2022 (May 2022)", in study order */
  /* the areas' boundaries and vintage, "ONS Wards (May 2023) ... (wards 2023)", or NULL */
  char *areas;
  /* "GMCA Digital Exclusion Risk Index method (min-max 0-10, equal domain weights)" */
  char *method;
  char *produced;     /* "3 December 2026" */
  char *produced_iso; /* "2026-12-03" */
  char *copyright;    /* OS, ONS, OGL v3.0, Ofcom statements as one paragraph */
} dxi_credits;

dxi_credits *dxi_credits_new (const dxi_study *study, const dxi_index_settings *settings);
void dxi_credits_free (dxi_credits *credits);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_credits, dxi_credits_free)

/* "Census 2021 (ONS); ...": the sources joined with "; " (caller frees). */
char *dxi_credits_sources_text (const dxi_credits *credits);
/* GDAL metadata "KEY=VALUE" for a dataset titled TITLE: TITLE, DESCRIPTION
 * (the title, method and sources in one paragraph), SOURCES, AREAS (the
 * boundaries with their vintage, when the study's sources name them),
 * METHOD, PRODUCED (ISO date), COPYRIGHT, SOFTWARE (caller frees with
 * g_strfreev). */
char **dxi_credits_metadata (const dxi_credits *credits, const char *title);
/* The method in words for SETTINGS (caller frees). */
char *dxi_credits_method (const dxi_index_settings *settings);
/* The day of production, SOURCE_DATE_EPOCH or now (caller unrefs). */
GDateTime *dxi_credits_production_time (void);
