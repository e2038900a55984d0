/* bourse-execution.h — BourseExecution: a fill (GET …/executions, the executions stream)
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

#define BOURSE_TYPE_EXECUTION (bourse_execution_get_type ())

G_DECLARE_FINAL_TYPE (BourseExecution, bourse_execution, BOURSE, EXECUTION, GObject)


const char *bourse_execution_get_id (BourseExecution *self);
const char *bourse_execution_get_instrument (BourseExecution *self);
double      bourse_execution_get_price (BourseExecution *self);
gint64      bourse_execution_get_time (BourseExecution *self);
double      bourse_execution_get_qty (BourseExecution *self);
BourseSide bourse_execution_get_side (BourseExecution *self);
const char *bourse_execution_get_order_id (BourseExecution *self);
const char *bourse_execution_get_position_id (BourseExecution *self);
gboolean    bourse_execution_get_is_close (BourseExecution *self);
double      bourse_execution_get_commission (BourseExecution *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_execution_to_json (BourseExecution *self);

G_END_DECLS
