/* A scenario of inclusion spending: its appraisal settings, interventions and
 * the benefit streams they cause, as plain structs the appraisal uses.  The
 * config stage reads them from YAML (the caller loads the documents; nothing
 * here opens a file) and keeps no YAML node: where a later stage reports an
 * error in the file (an area code, a cap column), the struct keeps its
 * "file:line:col".  The types live here, not in appraisal/, because config/
 * is below appraisal/ in the stage order.
 *
 * Scenario keys:
 *   name, title          short name and title
 *   study                the study.yaml the scenario targets (relative path)
 *   benefits             the library of unit values (scenarios/benefits.yaml)
 *   appraisal            price_base_year, first_year, horizon_years (default 10),
 *                        discounting (stpr | health | flat), discount_rate
 *                        (flat only, a share from 0 to below 1),
 *                        optimism_bias {value, source}, deflator {source, index:
 *                        {year: value}} (needed when a unit value's price year is
 *                        not the price base year), monte_carlo {draws (10000),
 *                        seed (1)}, tornado_range (0.2: inputs at +-20%; above
 *                        0 and at most 1)
 *   interventions        list of:
 *     id, label, type    champions | devices | data_sims | skills | wifi
 *     cost_per_person    {value, source[, distribution]}: price-base pounds; above
 *                        0 with a budget (it divides it), 0 only with fixed costs
 *     fixed_costs        list of {year, capital, revenue} (price-base pounds, >= 0);
 *                        with a budget, within that year's (it includes them)
 *     budget | people    {year: pounds} or {year: people reached}
 *     targeting          {top_percent: N} | {deciles: [..]} | {areas: [codes of the
 *                        study's areas]} | all
 *     allocation         excluded_adults (default) | equal | population
 *     cap                the area column no area's reach may exceed, summed over
 *                        the years (default excluded_adults; mdls_households for
 *                        household interventions)
 *     success_rate       {value, source[, distribution]}: share of people reached
 *                        who get and stay online
 *     benefits           list of stream ids from the library, or {stream: id,
 *                        <field>: override} to change a field; each stream once
 *   optimiser            the budget optimiser's settings (config/optimiser.h)
 *   affordability        a GDP deflator forecast and capital shares for the
 *                        workbook's Affordability sheet (config/affordability.h)
 * A parameter is {value, source, distribution: {type, ...}}; a value without a
 * source is refused.  A distribution is centred on the parameter's value:
 * triangular and pert have it as their mode, normal and lognormal as their
 * mean, uniform holds it; bounds are percentages of the value {low: -20%,
 * high: +30%} or absolute {min, max} holding it; normal and lognormal take sd
 * (a number or a percentage of the value); a 'mode' or 'mean', when written,
 * must equal the value.  A bounded one stays in the parameter's range.
 * Stored in d1, d2, d3 as min, value, max (triangular, pert), min, max
 * (uniform), value, sd (normal, lognormal), in price-base prices.
 * Intervention ids are unique; the name is letters, digits, '_' and '-'.
 *
 * appraisal.benefit_optimism_bias (required, no default): {grade: {value,
 * source}}, the share of a stream's benefits taken off for its
 * data-confidence grade (the GMCA CBA model's approach).
 *
 * The benefit library's keys are in config/benefits.h. */
#pragma once
#include <glib.h>

#include "config/discount.h"

/* The YAML documents the readers take (core/ydoc.h), not needed by users of
 * the structs. */
struct dxi_ydoc;
/* config/optimiser.h and config/affordability.h */
struct dxi_optimiser_settings;
struct dxi_affordability;

typedef enum
{
  DXI_DIST_NONE,
  DXI_DIST_TRIANGULAR,
  DXI_DIST_PERT,
  DXI_DIST_NORMAL,
  DXI_DIST_LOGNORMAL,
  DXI_DIST_UNIFORM,
} DxiDistKind;

typedef struct dxi_param
{
  char *name;   /* e.g. "champions.cost_per_person", "time_savings.value" */
  char *label;  /* for the workbook */
  char *unit;   /* "GBP per person", "share", ... */
  char *source; /* where the number comes from */
  double value; /* nominal, price-base prices */
  DxiDistKind dist;
  double d1, d2, d3; /* the distribution, absolute, as in the header comment */
} dxi_param;

typedef enum
{
  DXI_TARGET_ALL,
  DXI_TARGET_TOP_PERCENT,
  DXI_TARGET_DECILES,
  DXI_TARGET_AREAS,
} DxiTargeting;

typedef enum
{
  DXI_ALLOC_EXCLUDED,
  DXI_ALLOC_EQUAL,
  DXI_ALLOC_POPULATION,
} DxiAllocation;

/* Recipients of a benefit, the public sector first (council, nhs, dwp, hmrc,
 * other_public: their benefits are fiscal), then individual, employer,
 * society; NULL-terminated. */
#define DXI_N_RECIPIENTS 8
#define DXI_N_PUBLIC_RECIPIENTS 5
extern const char *const dxi_recipient_names[];

/* The GMCA CBA model's split of public value. */
typedef enum
{
  DXI_VALUE_FISCAL,   /* to the public sector */
  DXI_VALUE_ECONOMIC, /* earnings, output, money saved by people and businesses */
  DXI_VALUE_SOCIAL,   /* health and wellbeing */
} DxiValueType;
/* Their names in YAML, by DxiValueType; NULL-terminated. */
extern const char *const dxi_value_type_names[];

typedef struct dxi_stream
{
  char *id, *label, *recipient;
  guint recipient_index; /* into dxi_recipient_names */
  DxiValueType type;
  gboolean direct, health;
  guint persistence, lag; /* years of benefit; years from helping to the first */
  char *lag_source, *grade;
  guint value, drop_off, deadweight, displacement, leakage; /* indices into the scenario's params */
  guint optimism; /* param index: optimism bias on benefits of the stream's confidence grade */
  /* Built as quantity x (unit_value - less_unit_value) x eligibility, s->value
   * then the unit value; each DXI_NO_PARAM when the stream has none (a stream
   * given by its value per person: quantity 1, nothing less, eligibility 1). */
  guint quantity, less_unit_value, eligibility;
  guint growth; /* param index: real growth of the value a year, or DXI_NO_PARAM (none) */
  /* Years to the full benefit: share (k + 1) / ramp in the k-th year of
   * benefit, 1 from year ramp - 1. */
  guint ramp;
  char *ramp_source;
} dxi_stream;

/* A stream part the stream does not have. */
#define DXI_NO_PARAM G_MAXUINT

typedef struct dxi_intervention
{
  char *id, *label, *type;
  guint cost_per_person, success_rate; /* param indices */
  double *capital, *revenue;           /* fixed costs by year of the horizon */
  double *budget, *people;             /* by year; NAN where not set; one of the two is used */
  gboolean by_budget;
  DxiTargeting targeting;
  double top_percent;
  GArray *deciles;       /* guint */
  GPtrArray *areas;      /* char * */
  GPtrArray *area_where; /* char *: "file:line:col" of each of areas, for messages */
  DxiAllocation allocation;
  char *cap;
  char *cap_where; /* "file:line:col" of cap (or of the intervention), for messages */
  GArray *streams; /* guint: indices into the scenario's streams */
} dxi_intervention;

/* A local economic impact at an area boundary, kept apart from the social
 * NPSV: the undiscounted benefits of the chosen value types (economic by
 * default) from first_year to to_year, gross (before the streams' own
 * additionality, after optimism bias on benefits), then net at the boundary
 * as the HCA Additionality Guide's gross to net: x (1 - deadweight)(1 -
 * displacement)(1 - leakage) x multiplier.  Scenario key
 * appraisal.local_impact {area, to_year, value_types, deadweight,
 * displacement, leakage, multiplier}, each of the last four {value, source}
 * and required. */
typedef struct dxi_local_impact
{
  char *area;
  int to_year;
  gboolean types[3]; /* by DxiValueType */
  double deadweight, displacement, leakage, multiplier;
  char *source[4]; /* of the four, in that order */
} dxi_local_impact;

typedef struct dxi_scenario
{
  char *path, *name, *title, *study_path;
  int price_base_year, first_year;
  guint horizon;
  DxiDiscount discounting;
  double discount_rate;
  guint optimism_bias; /* param index */
  guint draws;
  guint32 seed;
  double tornado_range;
  GPtrArray *params;        /* dxi_param *: every input, for MC, sensitivity and the workbook */
  GPtrArray *streams;       /* dxi_stream * */
  GPtrArray *interventions; /* dxi_intervention * */
  char *deflator_source;
  dxi_local_impact *local;                  /* NULL when the scenario asks for none */
  struct dxi_optimiser_settings *optimiser; /* 'optimiser'; not given: ->given FALSE */
  struct dxi_affordability *affordability;  /* 'affordability'; not given: ->given FALSE */
} dxi_scenario;

/* Limits of appraisal.monte_carlo draws and seed (dxi run --draws and --seed
 * are held to them too). */
#define DXI_SCENARIO_DRAWS_MAX 10000000
#define DXI_SCENARIO_SEED_MAX G_MAXUINT32

/* Read SCENARIO (a loaded document) with the benefit library LIBRARY, every
 * stream of which is checked (config/benefits.h), used or not. */
dxi_scenario *dxi_scenario_from_yaml (const struct dxi_ydoc *scenario,
                                      const struct dxi_ydoc *library, GError **error);
void dxi_scenario_free (dxi_scenario *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_scenario, dxi_scenario_free)

/* The index of the intervention ID in SC->interventions, or -1. */
gint dxi_scenario_find_intervention (const dxi_scenario *sc, const char *id);

/* Path of the study and of the benefit library named by a scenario
 * document, resolved relative to it (caller frees). */
char *dxi_scenario_study_path (const struct dxi_ydoc *scenario, GError **error);
char *dxi_scenario_library_path (const struct dxi_ydoc *scenario, GError **error);
