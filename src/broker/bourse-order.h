/* bourse-order.h — BourseOrder: an order, working or final (GET …/orders, …/ordersHistory, the orders stream)
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

#define BOURSE_TYPE_ORDER (bourse_order_get_type ())

G_DECLARE_FINAL_TYPE (BourseOrder, bourse_order, BOURSE, ORDER, GObject)


const char *bourse_order_get_id (BourseOrder *self);
const char *bourse_order_get_instrument (BourseOrder *self);
double      bourse_order_get_qty (BourseOrder *self);
BourseSide bourse_order_get_side (BourseOrder *self);
BourseOrderType bourse_order_get_order_type (BourseOrder *self);
BourseOrderStatus bourse_order_get_status (BourseOrder *self);
double      bourse_order_get_filled_qty (BourseOrder *self);
double      bourse_order_get_avg_price (BourseOrder *self);
double      bourse_order_get_limit_price (BourseOrder *self);
double      bourse_order_get_stop_price (BourseOrder *self);
double      bourse_order_get_trailing_stop_pips (BourseOrder *self);
const char *bourse_order_get_parent_id (BourseOrder *self);
BourseParentType bourse_order_get_parent_type (BourseOrder *self);
JsonNode   *bourse_order_get_duration (BourseOrder *self);
gint64      bourse_order_get_last_modified (BourseOrder *self);
JsonNode   *bourse_order_get_message (BourseOrder *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_order_to_json (BourseOrder *self);

G_END_DECLS
