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

/* A deflator NODE {source, index: {year: value}}, every value above 0: its
 * source into *SOURCE (owned by the document), each (year, value) into
 * INDEX (int year -> g_malloc'd double, the caller's table) and its index
 * map into *INDEX_NODE, for the caller's messages. */
gboolean dxi_sourced_deflator (const dxi_ynode *node, const char **source, GHashTable *index,
                               const dxi_ynode **index_node, GError **error);
