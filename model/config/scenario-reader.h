/* The state of reading one scenario, shared by the config stage's readers of
 * its parts (config/param.c, config/benefits.c, config/intervention.c,
 * config/scenario.c); it lives only while the scenario is read. */
#pragma once
#include <glib.h>

#include "config/scenario.h"
#include "core/ydoc.h"

typedef struct dxi_scenario_reader
{
  dxi_scenario *sc;
  const dxi_ydoc *doc, *library;
  GHashTable *deflator; /* year -> double * */
  /* dxi_ynode * (a YAML anchor's node, named again by aliases) -> the
   * parameter read from it (config/param.c) */
  GHashTable *shared;
  const dxi_ynode *grades; /* appraisal.benefit_optimism_bias: grade -> {value, source} */
} dxi_scenario_reader;
