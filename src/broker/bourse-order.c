/* bourse-order.c — BourseOrder: an order, working or final (GET …/orders, …/ordersHistory, the orders stream)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-order.h"

struct _BourseOrder
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *id;
  char *instrument;
  double qty;
  BourseSide side;
  BourseOrderType order_type;
  BourseOrderStatus status;
  double filled_qty;
  double avg_price;
  double limit_price;
  double stop_price;
  double trailing_stop_pips;
  char *parent_id;
  BourseParentType parent_type;
  JsonNode *duration;
  gint64 last_modified;
  JsonNode *message;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_INSTRUMENT,
  PROP_QTY,
  PROP_SIDE,
  PROP_ORDER_TYPE,
  PROP_STATUS,
  PROP_FILLED_QTY,
  PROP_AVG_PRICE,
  PROP_LIMIT_PRICE,
  PROP_STOP_PRICE,
  PROP_TRAILING_STOP_PIPS,
  PROP_PARENT_ID,
  PROP_PARENT_TYPE,
  PROP_DURATION,
  PROP_LAST_MODIFIED,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseOrder, bourse_order, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_ID,                 "id",               BOURSE_MODEL_FIELD_ID,     G_STRUCT_OFFSET (BourseOrder, id) },
  { PROP_INSTRUMENT,         "instrument",       BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BourseOrder, instrument) },
  { PROP_QTY,                "qty",              BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, qty) },
  { PROP_SIDE,               "side",             BOURSE_MODEL_FIELD_ENUM,   G_STRUCT_OFFSET (BourseOrder, side) },
  { PROP_ORDER_TYPE,         "type",             BOURSE_MODEL_FIELD_ENUM,   G_STRUCT_OFFSET (BourseOrder, order_type) },
  { PROP_STATUS,             "status",           BOURSE_MODEL_FIELD_ENUM,   G_STRUCT_OFFSET (BourseOrder, status) },
  { PROP_FILLED_QTY,         "filledQty",        BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, filled_qty) },
  { PROP_AVG_PRICE,          "avgPrice",         BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, avg_price) },
  { PROP_LIMIT_PRICE,        "limitPrice",       BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, limit_price) },
  { PROP_STOP_PRICE,         "stopPrice",        BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, stop_price) },
  { PROP_TRAILING_STOP_PIPS, "trailingStopPips", BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseOrder, trailing_stop_pips) },
  { PROP_PARENT_ID,          "parentId",         BOURSE_MODEL_FIELD_ID,     G_STRUCT_OFFSET (BourseOrder, parent_id) },
  { PROP_PARENT_TYPE,        "parentType",       BOURSE_MODEL_FIELD_ENUM,   G_STRUCT_OFFSET (BourseOrder, parent_type) },
  { PROP_DURATION,           "duration",         BOURSE_MODEL_FIELD_JSON,   G_STRUCT_OFFSET (BourseOrder, duration) },
  { PROP_LAST_MODIFIED,      "lastModified",     BOURSE_MODEL_FIELD_INT64,  G_STRUCT_OFFSET (BourseOrder, last_modified) },
  { PROP_MESSAGE,            "message",          BOURSE_MODEL_FIELD_JSON,   G_STRUCT_OFFSET (BourseOrder, message) },
};

static void
bourse_order_finalize (GObject *object)
{
  BourseOrder *self = (BourseOrder *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->instrument, g_free);
  g_clear_pointer (&self->parent_id, g_free);
  g_clear_pointer (&self->duration, json_node_unref);
  g_clear_pointer (&self->message, json_node_unref);

  G_OBJECT_CLASS (bourse_order_parent_class)->finalize (object);
}

static void
bourse_order_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BourseOrder *self = BOURSE_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_INSTRUMENT:
      g_value_set_string (value, self->instrument);
      break;

    case PROP_QTY:
      g_value_set_double (value, self->qty);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_ORDER_TYPE:
      g_value_set_enum (value, self->order_type);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_FILLED_QTY:
      g_value_set_double (value, self->filled_qty);
      break;

    case PROP_AVG_PRICE:
      g_value_set_double (value, self->avg_price);
      break;

    case PROP_LIMIT_PRICE:
      g_value_set_double (value, self->limit_price);
      break;

    case PROP_STOP_PRICE:
      g_value_set_double (value, self->stop_price);
      break;

    case PROP_TRAILING_STOP_PIPS:
      g_value_set_double (value, self->trailing_stop_pips);
      break;

    case PROP_PARENT_ID:
      g_value_set_string (value, self->parent_id);
      break;

    case PROP_PARENT_TYPE:
      g_value_set_enum (value, self->parent_type);
      break;

    case PROP_DURATION:
      g_value_set_boxed (value, self->duration);
      break;

    case PROP_LAST_MODIFIED:
      g_value_set_int64 (value, self->last_modified);
      break;

    case PROP_MESSAGE:
      g_value_set_boxed (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_order_class_init (BourseOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_order_finalize;
  object_class->get_property = bourse_order_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTRUMENT] =
    g_param_spec_string ("instrument", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QTY] =
    g_param_spec_double ("qty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, BOURSE_TYPE_SIDE, BOURSE_SIDE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_TYPE] =
    g_param_spec_enum ("order-type", NULL, NULL, BOURSE_TYPE_ORDER_TYPE, BOURSE_ORDER_TYPE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, BOURSE_TYPE_ORDER_STATUS, BOURSE_ORDER_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILLED_QTY] =
    g_param_spec_double ("filled-qty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVG_PRICE] =
    g_param_spec_double ("avg-price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT_PRICE] =
    g_param_spec_double ("limit-price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STOP_PRICE] =
    g_param_spec_double ("stop-price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAILING_STOP_PIPS] =
    g_param_spec_double ("trailing-stop-pips", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ID] =
    g_param_spec_string ("parent-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_TYPE] =
    g_param_spec_enum ("parent-type", NULL, NULL, BOURSE_TYPE_PARENT_TYPE, BOURSE_PARENT_TYPE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_boxed ("duration", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_MODIFIED] =
    g_param_spec_int64 ("last-modified", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_boxed ("message", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_order_init (BourseOrder *self)
{
}

const char *
bourse_order_get_id (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);
  return self->id;
}

const char *
bourse_order_get_instrument (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);
  return self->instrument;
}

double
bourse_order_get_qty (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->qty;
}

BourseSide
bourse_order_get_side (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), BOURSE_SIDE_UNKNOWN);
  return self->side;
}

BourseOrderType
bourse_order_get_order_type (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), BOURSE_ORDER_TYPE_UNKNOWN);
  return self->order_type;
}

BourseOrderStatus
bourse_order_get_status (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), BOURSE_ORDER_STATUS_UNKNOWN);
  return self->status;
}

double
bourse_order_get_filled_qty (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->filled_qty;
}

double
bourse_order_get_avg_price (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->avg_price;
}

double
bourse_order_get_limit_price (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->limit_price;
}

double
bourse_order_get_stop_price (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->stop_price;
}

double
bourse_order_get_trailing_stop_pips (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->trailing_stop_pips;
}

const char *
bourse_order_get_parent_id (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);
  return self->parent_id;
}

BourseParentType
bourse_order_get_parent_type (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), BOURSE_PARENT_TYPE_NONE);
  return self->parent_type;
}

JsonNode *
bourse_order_get_duration (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);
  return self->duration;
}

gint64
bourse_order_get_last_modified (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), 0);
  return self->last_modified;
}

JsonNode *
bourse_order_get_message (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);
  return self->message;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseOrder *
_bourse_order_new_from_json (JsonObject *object)
{
  BourseOrder *self = g_object_new (BOURSE_TYPE_ORDER, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_order_update_from (BourseOrder *self,
                           BourseOrder *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_order_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_order_to_json (BourseOrder *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
}
