/* The benefit library (scenarios/benefits.yaml): every stream checked when
 * it is read, used by a scenario or not, and the scenario's streams built
 * from its entries and the scenario's overrides.
 *
 * Library keys of a stream: label, value (a parameter, with price_year), kind
 * (direct | indirect), recipient (council | nhs | dwp | hmrc | other_public |
 * individual | employer | society), value_type (economic | social; fiscal for
 * the public-sector recipients, implied), health (true: health discount
 * schedule), persistence (years the benefit lasts, default 1), lag_years
 * {value, source} (years from helping to the first benefit), confidence
 * {grade, source}, and the parameters drop_off (share lost each further year;
 * may be left out of a one-year stream), deadweight, displacement, leakage:
 * all required, here or in the scenario's override.
 *
 * Instead of value, a stream may be built from sourced parts: quantity (a
 * parameter with its own unit: GP appointments avoided, transactions moved
 * online, hours saved, the chance of finding work, per person helped a year)
 * x unit_value (a priced parameter: GBP per appointment, per transaction, per
 * hour, a year's earnings) less less_unit_value (a priced parameter, e.g. the
 * web cost of a transaction whose unit_value is its phone cost), times
 * eligibility (a share: the people helped the stream applies to, e.g. those
 * of working age for earnings).  Each part has its own source and price year,
 * rebased with the GDP deflator.  Both forms may carry growth {value, source}
 * (real growth of the value a year from first_year: year t is worth (1 +
 * growth)^t) and ramp_up_years {value, source} (the k-th year of benefit, k
 * from 0, yields (k + 1) / ramp_up_years of the full value until it is
 * reached).  A scenario's override giving 'value' replaces the library's
 * build; one giving a part replaces that part.  The library's top-level
 * 'shared' holds parts several streams name through YAML anchors; dxi reads
 * it only through them.
 *
 * What a stream needs may come from the scenario's override, so the check of
 * a library stream is of what it says (its keys, kind, recipient, value type,
 * health, persistence, and the keys of its parameters and their
 * distributions), not of what it leaves out. */
#pragma once
#include <glib.h>

#include "config/scenario-reader.h"

/* Check LIBRARY: its top-level keys and every stream under 'streams'. */
gboolean dxi_benefits_check (const dxi_ydoc *library, GError **error);

/* The library entry of stream SID, named by the scenario's benefits item
 * ITEM; NULL (an error at ITEM, with a suggestion) when there is none. */
const dxi_ynode *dxi_benefits_entry (const dxi_ydoc *library, const dxi_ynode *item,
                                     const char *sid, GError **error);

/* The scenario's stream ID from library ENTRY with the scenario's OVERRIDE
 * (NULL for none) into R->sc->streams, once; *OUT its index.  USED is the
 * scenario's benefits item naming it, for messages. */
gboolean dxi_benefits_stream (dxi_scenario_reader *r, const char *id, const dxi_ynode *entry,
                              const dxi_ynode *override, const dxi_ynode *used, guint *out,
                              GError **error);
