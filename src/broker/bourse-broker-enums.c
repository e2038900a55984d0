/* bourse-broker-enums.c — enumerations of the broker API and their wire strings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-broker-enums.h"

G_DEFINE_ENUM_TYPE (BourseSide, bourse_side,
  G_DEFINE_ENUM_VALUE (BOURSE_SIDE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BOURSE_SIDE_BUY, "buy"),
  G_DEFINE_ENUM_VALUE (BOURSE_SIDE_SELL, "sell"))

G_DEFINE_ENUM_TYPE (BourseOrderType, bourse_order_type,
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_TYPE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_TYPE_MARKET, "market"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_TYPE_LIMIT, "limit"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_TYPE_STOP, "stop"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_TYPE_STOP_LIMIT, "stoplimit"))

G_DEFINE_ENUM_TYPE (BourseOrderStatus, bourse_order_status,
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_PLACING, "placing"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_INACTIVE, "inactive"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_WORKING, "working"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_FILLED, "filled"),
  G_DEFINE_ENUM_VALUE (BOURSE_ORDER_STATUS_CANCELLED, "cancelled"))

G_DEFINE_ENUM_TYPE (BourseParentType, bourse_parent_type,
  G_DEFINE_ENUM_VALUE (BOURSE_PARENT_TYPE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (BOURSE_PARENT_TYPE_ORDER, "order"),
  G_DEFINE_ENUM_VALUE (BOURSE_PARENT_TYPE_POSITION, "position"))

G_DEFINE_ENUM_TYPE (BourseConnectionState, bourse_connection_state,
  G_DEFINE_ENUM_VALUE (BOURSE_CONNECTION_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (BOURSE_CONNECTION_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (BOURSE_CONNECTION_STATE_LIVE, "live"),
  G_DEFINE_ENUM_VALUE (BOURSE_CONNECTION_STATE_RECONNECTING, "reconnecting"),
  G_DEFINE_ENUM_VALUE (BOURSE_CONNECTION_STATE_FAILED, "failed"))

/* The GEnumValue nicks are the wire strings, so one table serves both ways. */
static int
from_nick (GType       type,
           const char *str)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const GEnumValue *value;

  if (str == NULL)
    return 0;
  value = g_enum_get_value_by_nick (klass, str);
  return value != NULL ? value->value : 0;
}

static const char *
to_nick (GType type,
         int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : "unknown";
}

BourseSide
bourse_side_from_string (const char *str)
{
  return from_nick (BOURSE_TYPE_SIDE, str);
}

const char *
bourse_side_to_string (BourseSide side)
{
  return to_nick (BOURSE_TYPE_SIDE, side);
}

BourseOrderType
bourse_order_type_from_string (const char *str)
{
  return from_nick (BOURSE_TYPE_ORDER_TYPE, str);
}

const char *
bourse_order_type_to_string (BourseOrderType type)
{
  return to_nick (BOURSE_TYPE_ORDER_TYPE, type);
}

BourseOrderStatus
bourse_order_status_from_string (const char *str)
{
  return from_nick (BOURSE_TYPE_ORDER_STATUS, str);
}

const char *
bourse_order_status_to_string (BourseOrderStatus status)
{
  return to_nick (BOURSE_TYPE_ORDER_STATUS, status);
}

gboolean
bourse_order_status_is_final (BourseOrderStatus status)
{
  return status == BOURSE_ORDER_STATUS_FILLED ||
         status == BOURSE_ORDER_STATUS_CANCELLED ||
         status == BOURSE_ORDER_STATUS_REJECTED;
}

BourseParentType
bourse_parent_type_from_string (const char *str)
{
  return from_nick (BOURSE_TYPE_PARENT_TYPE, str);
}

const char *
bourse_parent_type_to_string (BourseParentType type)
{
  return to_nick (BOURSE_TYPE_PARENT_TYPE, type);
}

const char *
bourse_connection_state_to_string (BourseConnectionState state)
{
  return to_nick (BOURSE_TYPE_CONNECTION_STATE, state);
}
