/* A scenario's parameters {value, source, price_year, distribution} (see
 * config/scenario.h): read into SC->params, rebased to the price base year,
 * one input for a YAML anchor named more than once. */
#pragma once
#include <glib.h>

#include "config/scenario-reader.h"

/* What a parameter is: NAME ("champions.cost_per_person"), LABEL (for the
 * workbook), UNIT, PRICED (a value rebased from its price_year), and the
 * range LO to HI its value and a bounded distribution keep to. */
typedef struct dxi_param_kind
{
  const char *name, *label, *unit;
  gboolean priced;
  double lo, hi;
} dxi_param_kind;

/* The table of parameters read so far, keyed by YAML node, for R->shared. */
GHashTable *dxi_param_table_new (void);

/* Read NODE as a parameter of KIND into R->sc->params; *OUT its index. */
gboolean dxi_param_read (dxi_scenario_reader *r, const dxi_ynode *node, const dxi_param_kind *kind,
                         guint *out, GError **error);

/* The keys of parameter NODE and of its distribution, when NODE is a mapping
 * (a bare number is refused, with the parameter's name, where it is read). */
gboolean dxi_param_check_keys (const dxi_ynode *node, GError **error);

/* Add a parameter with no YAML node (a fixed value with its reason). */
guint dxi_param_add (dxi_scenario_reader *r, const char *name, const char *label, const char *unit,
                     const char *source);

void dxi_param_free (gpointer param);
