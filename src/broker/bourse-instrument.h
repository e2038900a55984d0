/* bourse-instrument.h — BourseInstrument: a tradable instrument of an account (GET …/instruments)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only GObject for the UI to bind to. The store updates it in place and
 * notifies exactly the properties that changed. Optional numbers the broker did
 * not send read as 0; optional strings as NULL.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-broker-enums.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_INSTRUMENT (bourse_instrument_get_type ())

G_DECLARE_FINAL_TYPE (BourseInstrument, bourse_instrument, BOURSE, INSTRUMENT, GObject)


const char *bourse_instrument_get_name (BourseInstrument *self);
const char *bourse_instrument_get_description (BourseInstrument *self);
const char *bourse_instrument_get_instrument_type (BourseInstrument *self);
double      bourse_instrument_get_min_qty (BourseInstrument *self);
double      bourse_instrument_get_max_qty (BourseInstrument *self);
double      bourse_instrument_get_qty_step (BourseInstrument *self);
double      bourse_instrument_get_pip_size (BourseInstrument *self);
double      bourse_instrument_get_pip_value (BourseInstrument *self);
double      bourse_instrument_get_min_tick (BourseInstrument *self);
double      bourse_instrument_get_lot_size (BourseInstrument *self);
double      bourse_instrument_get_margin_rate (BourseInstrument *self);
const char *bourse_instrument_get_currency (BourseInstrument *self);
gboolean    bourse_instrument_get_has_quotes (BourseInstrument *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_instrument_to_json (BourseInstrument *self);

G_END_DECLS
