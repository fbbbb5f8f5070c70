/* A scenario's interventions (see config/scenario.h): each read into
 * R->sc->interventions with its parameters and benefit streams. */
#pragma once
#include <glib.h>

#include "config/scenario-reader.h"

/* Read the intervention NODE (an item of 'interventions'). */
gboolean dxi_intervention_read (dxi_scenario_reader *r, const dxi_ynode *node, GError **error);
