/* Affordability inputs of a scenario: what turns the appraisal's real costs
 * into the cash a budget holder needs, by financial year, capital and
 * revenue.  Scenario key (optional; without it the workbook's Affordability
 * sheet shows real cash and says what to give):
 *   affordability:
 *     deflator: {source, index: {year: value}}   a forecast of the GDP deflator
 *               covering the price base year and every appraisal year:
 *               nominal = real x index(year) / index(price base year)
 *     capital_share: {intervention id: {value, source}}   the share (0 to 1)
 *               of its cost per person that is capital; every intervention
 *               that reaches people at a cost needs one
 * Fixed costs keep the capital / revenue split the scenario gives them.
 * Appraisal year Y is taken as financial year Y-(Y+1). */
#pragma once
#include <glib.h>

#include "config/scenario.h"
#include "core/ydoc.h"

typedef struct dxi_affordability
{
  gboolean given;
  guint n_iv, n_years;
  double base_index; /* the price base year's */
  double *raw_index; /* n_years: the index as given (nominal = real x raw_index / base_index) */
  char *deflator_source;
  double *capital_share; /* n_iv */
  char **share_source;   /* n_iv (NULL-terminated) */
} dxi_affordability;

/* The scenario's 'affordability' block NODE (NULL: none given) for SC,
 * whose years and interventions are read (file:line:col errors). */
dxi_affordability *dxi_affordability_from_yaml (const dxi_ynode *node, const dxi_scenario *sc,
                                                GError **error);
void dxi_affordability_free (dxi_affordability *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_affordability, dxi_affordability_free)
