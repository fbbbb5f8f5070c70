/* The optimiser's settings of a scenario (appraisal/optimise.h says what
 * the optimiser does with them), read with the scenario. */
#pragma once
#include <glib.h>

#include "config/scenario.h"
#include "core/ydoc.h"

typedef struct dxi_optimiser_settings
{
  gboolean
      given; /* the scenario has an 'optimiser' block: without one the optimiser does not run */
  double reach_cost_rise; /* k */
  char *source;           /* of k */
  double *capacity;       /* n_iv: most people reached a year, INFINITY when not given */
  guint n_iv;
} dxi_optimiser_settings;

/* The scenario's 'optimiser' block NODE (NULL: none, the optimiser does not
 * run) for SC, whose interventions are read (file:line:col errors).  Keys:
 * reach_cost_rise {value, source} (required, >= 0), capacity {intervention
 * id: {value, source}} (people a year, optional). */
dxi_optimiser_settings *dxi_optimiser_settings_from_yaml (const dxi_ynode *node,
                                                          const dxi_scenario *sc, GError **error);
void dxi_optimiser_settings_free (dxi_optimiser_settings *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_optimiser_settings, dxi_optimiser_settings_free)
