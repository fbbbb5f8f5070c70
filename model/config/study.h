/* study.yaml: the target areas, the published tables (datasets) and how they
 * reach the areas, the indicators chosen from the catalogue, the totals and
 * estimates carried per area, and the index settings.
 *
 * Keys (every path relative to the study file):
 *   name, title         short name and map/report title
 *   areas               file, code_field, name_field, layer, geography (a label
 *                       for the areas' own codes, e.g. ward22)
 *   catalogue           indicator catalogue (indicators/catalogue.yaml)
 *   rates               sourced national rates (indicators/rates.yaml)
 *   lookups             name -> lookup definition (see lookup.h); a dataset whose
 *                       geography is NAME is joined to the areas through it
 *   datasets            name -> table definition (see published.h: filter,
 *                       missing_markers, ...) plus `geography`: the areas'
 *                       geography label, or a lookup name; `min_coverage`
 *                       and `on_mismatch` (error | warn | ignore) override the
 *                       study's coverage settings for that dataset
 *   population, households, adults
 *                       {dataset, columns}: totals per area (columns default to
 *                       every category of the dataset)
 *   excluded_adults     band -> {dataset, columns, subtract: {dataset, columns},
 *                       rate, source}: adults in the band; the rate defaults to
 *                       rates.yaml's excluded_adults.bands.<band>
 *   mdls                type -> {dataset, columns, rate, source}: households of
 *                       the type; rate defaults to rates.yaml's mdls.types.<type>
 *   indicators          list of catalogue ids, or {id, domain, weight,
 *                       average_by} maps (average_by: the roll-up weight of an
 *                       average, as the catalogue's `weight`, for this study)
 *   extra               catalogue ids computed and reported in areas.csv but
 *                       left out of the index (e.g. IoD extent)
 *   index               index settings (see index/settings.h)
 *   coverage            {on_mismatch: error | warn, min_coverage: 0.9}: a rate
 *                       or an average is missing for an area when less than
 *                       min_coverage of the area's weight (population of the
 *                       source areas reaching it) has data; a dataset may give
 *                       its own min_coverage beside its geography
 *   output              {resolution: metres of index.tif cells (default 100)}
 *   sources             {dataset or areas: {source, vintage}}: credits on the
 *                       maps and in the layers' metadata (default: the
 *                       catalogue's source of the dataset's indicators) */
#pragma once
#include <glib.h>

#include "config/index.h"
#include "config/lookup.h"
#include "config/table.h"
#include "core/frame.h"
typedef struct dxi_ydoc dxi_ydoc;

/* The range of output.resolution (and of --resolution), metres per cell. */
#define DXI_RESOLUTION_MIN 1.0
#define DXI_RESOLUTION_MAX 10000.0

typedef enum
{
  DXI_INDICATOR_RATE,    /* 100 * sum(numerator) / sum(denominator) */
  DXI_INDICATOR_AVERAGE, /* weighted average of one value column */
} DxiIndicatorKind;

typedef enum
{
  DXI_WEIGHT_POPULATION,
  DXI_WEIGHT_HOUSEHOLDS,
  DXI_WEIGHT_AREA,
  DXI_WEIGHT_DATASET, /* a count from a dataset: {dataset, column(s), counts} */
} DxiWeightKind;

typedef struct dxi_study_count dxi_study_count;

typedef struct dxi_study_indicator
{
  char *id, *label, *theme, *domain, *dataset, *source;
  int direction; /* +1 higher is worse (more excluded), -1 higher is better */
  DxiIndicatorKind kind;
  GStrv numerator;   /* RATE */
  GStrv denominator; /* RATE; NULL = every category */
  char *value;       /* AVERAGE */
  DxiWeightKind weight_kind;
  dxi_study_count *weight_count; /* DXI_WEIGHT_DATASET: the dataset and columns */
  char *weight_counts;    /* what one unit of the weight is: population, households, area, ... */
  char *percent_of;       /* AVERAGE of percentages: what they are a share of (NULL: not said) */
  dxi_where weight_where; /* the `weight` (or the study's `average_by`) that chose it, or nowhere */
  int summary;            /* AVERAGE: a DxiIodSummary (average_score = weighted mean) */
  double weight;          /* index weight within its domain */
  dxi_where where;        /* where it was chosen, for messages */
} dxi_study_indicator;

/* A count per area: a dataset's columns summed, less another's. */
struct dxi_study_count
{
  char *id;
  char *dataset;
  GStrv columns; /* NULL = every category */
  char *minus_dataset;
  GStrv minus_columns;
  double rate; /* for excluded_adults / mdls */
  char *source;
  dxi_where where;
};

/* What a join that leaves codes unmatched or areas without data does. */
typedef enum
{
  DXI_MISMATCH_ERROR,  /* stops the run */
  DXI_MISMATCH_WARN,   /* a warning (run summary, manifest, coverage.txt) */
  DXI_MISMATCH_IGNORE, /* a dataset's own choice: a line in coverage.txt only */
} DxiMismatch;

typedef struct dxi_study_dataset
{
  char *id;
  char *geography;
  double min_coverage;     /* share of an area's weight that must have data */
  DxiMismatch on_mismatch; /* the dataset's own, else the study's */
  dxi_table_config *table; /* table definition (without `geography`) */
} dxi_study_dataset;

/* A `sources:` entry: the credit of a dataset (or of "areas"). */
typedef struct dxi_study_source
{
  char *key;              /* a dataset id or "areas" */
  char *source, *vintage; /* each may be NULL */
} dxi_study_source;

typedef struct dxi_study
{
  char *path;
  char *dir; /* the study file's directory: relative paths in it resolve here */
  char *name, *title;
  char *areas_file, *areas_layer, *code_field, *name_field, *geography;
  char *catalogue_path, *rates_path;
  GHashTable *lookups;   /* name -> dxi_lookup_config * */
  GPtrArray *datasets;   /* dxi_study_dataset * */
  GPtrArray *indicators; /* dxi_study_indicator * */
  GPtrArray *extra;      /* dxi_study_indicator *: reported, not in the index */
  dxi_study_count *population, *households, *adults;
  GPtrArray *excluded;      /* dxi_study_count *, one per age band */
  GPtrArray *mdls;          /* dxi_study_count *, one per household type */
  dxi_index_settings index; /* `index:`, or the defaults */
  GPtrArray *sources;       /* dxi_study_source *, in the order written */
  DxiMismatch on_mismatch;  /* coverage: {on_mismatch}: error or warn */
  double min_coverage;      /* coverage: {min_coverage}, default 0.9 */
  double resolution;        /* DXI_RESOLUTION_MIN .. DXI_RESOLUTION_MAX metres */
  /* The YAML documents, only while dxi_study_load reads them: NULL once it
   * returns, so that no YAML node outlives the configuration. */
  dxi_ydoc *doc, *catalogue, *rates;
} dxi_study;

dxi_study *dxi_study_load (const char *path, GError **error);
void dxi_study_free (dxi_study *study);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_study, dxi_study_free)

const dxi_study_dataset *dxi_study_find_dataset (const dxi_study *study, const char *id);
/* The `sources:` entry for KEY (a dataset id or "areas"), or NULL. */
const dxi_study_source *dxi_study_find_source (const dxi_study *study, const char *key);
/* Every file the study reads (study, catalogue, rates, tables, lookups, areas),
 * for the manifest; caller frees with g_ptr_array_unref. */
GPtrArray *dxi_study_input_files (const dxi_study *study);
