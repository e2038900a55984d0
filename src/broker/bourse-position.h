/* bourse-position.h — BoursePosition: an open position (GET …/positions, the positions stream)
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

#define BOURSE_TYPE_POSITION (bourse_position_get_type ())

G_DECLARE_FINAL_TYPE (BoursePosition, bourse_position, BOURSE, POSITION, GObject)


const char *bourse_position_get_id (BoursePosition *self);
const char *bourse_position_get_instrument (BoursePosition *self);
double      bourse_position_get_qty (BoursePosition *self);
BourseSide bourse_position_get_side (BoursePosition *self);
double      bourse_position_get_avg_price (BoursePosition *self);
double      bourse_position_get_unrealized_pl (BoursePosition *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_position_to_json (BoursePosition *self);

G_END_DECLS
