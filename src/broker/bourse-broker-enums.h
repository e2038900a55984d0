/* bourse-broker-enums.h — enumerations of the broker API (sides, order types, statuses, states)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each enum has an UNKNOWN value: a broker may send values newer than this
 * client (the spec says to ignore unknown enum values), and the client keeps the
 * raw string beside the enum (e.g. bourse_order_get_status_string()).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BOURSE_SIDE_UNKNOWN,
  BOURSE_SIDE_BUY,
  BOURSE_SIDE_SELL,
} BourseSide;

typedef enum
{
  BOURSE_ORDER_TYPE_UNKNOWN,
  BOURSE_ORDER_TYPE_MARKET,
  BOURSE_ORDER_TYPE_LIMIT,
  BOURSE_ORDER_TYPE_STOP,
  BOURSE_ORDER_TYPE_STOP_LIMIT,
} BourseOrderType;

typedef enum
{
  BOURSE_ORDER_STATUS_UNKNOWN,
  BOURSE_ORDER_STATUS_PLACING,
  BOURSE_ORDER_STATUS_INACTIVE,
  BOURSE_ORDER_STATUS_WORKING,
  BOURSE_ORDER_STATUS_REJECTED,
  BOURSE_ORDER_STATUS_FILLED,
  BOURSE_ORDER_STATUS_CANCELLED,
} BourseOrderStatus;

typedef enum
{
  BOURSE_PARENT_TYPE_NONE,
  BOURSE_PARENT_TYPE_ORDER,
  BOURSE_PARENT_TYPE_POSITION,
} BourseParentType;

/* The state of one stream, and of the store's connection as a whole. */
typedef enum
{
  BOURSE_CONNECTION_STATE_DISCONNECTED,
  BOURSE_CONNECTION_STATE_CONNECTING,
  BOURSE_CONNECTION_STATE_LIVE,
  BOURSE_CONNECTION_STATE_RECONNECTING,
  BOURSE_CONNECTION_STATE_FAILED,
} BourseConnectionState;

#define BOURSE_TYPE_SIDE (bourse_side_get_type ())
#define BOURSE_TYPE_ORDER_TYPE (bourse_order_type_get_type ())
#define BOURSE_TYPE_ORDER_STATUS (bourse_order_status_get_type ())
#define BOURSE_TYPE_PARENT_TYPE (bourse_parent_type_get_type ())
#define BOURSE_TYPE_CONNECTION_STATE (bourse_connection_state_get_type ())

GType bourse_side_get_type             (void) G_GNUC_CONST;
GType bourse_order_type_get_type       (void) G_GNUC_CONST;
GType bourse_order_status_get_type     (void) G_GNUC_CONST;
GType bourse_parent_type_get_type      (void) G_GNUC_CONST;
GType bourse_connection_state_get_type (void) G_GNUC_CONST;

/* Wire strings ("buy", "stoplimit", "working"…) ⇄ values. */
BourseSide        bourse_side_from_string         (const char *str);
const char       *bourse_side_to_string           (BourseSide side);
BourseOrderType   bourse_order_type_from_string   (const char *str);
const char       *bourse_order_type_to_string     (BourseOrderType type);
BourseOrderStatus bourse_order_status_from_string (const char *str);
const char       *bourse_order_status_to_string   (BourseOrderStatus status);
gboolean          bourse_order_status_is_final    (BourseOrderStatus status);
BourseParentType  bourse_parent_type_from_string  (const char *str);
const char       *bourse_parent_type_to_string    (BourseParentType type);
const char       *bourse_connection_state_to_string (BourseConnectionState state);

G_END_DECLS
