/* A number with its source, {value, source}, the way every input a scenario
 * gives dxi is written. */
#pragma once
#include <glib.h>

#include "core/ydoc.h"

/* NODE, a map of exactly 'value' (a number) and 'source' (a string), into
 * *VALUE and *SOURCE (owned by the document); file:line:col errors.  The
 * caller says what a node that is not a map means and checks the range. */
gboolean dxi_sourced_read (const dxi_ynode *node, double *value, const char **source,
                           GError **error);
