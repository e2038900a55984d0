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

  if ((self->id = _bourse_json_dup_id (object, "id")) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_ID);
  if ((self->instrument = g_strdup (_bourse_json_get_string (object, "instrument"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_INSTRUMENT);
  if (_bourse_json_get_number (object, "qty", &self->qty))
    self->present |= BOURSE_PRESENT_BIT (PROP_QTY);
  if (_bourse_json_get_string (object, "side") != NULL)
    {
      self->side = bourse_side_from_string (_bourse_json_get_string (object, "side"));
      self->present |= BOURSE_PRESENT_BIT (PROP_SIDE);
    }
  if (_bourse_json_get_string (object, "type") != NULL)
    {
      self->order_type = bourse_order_type_from_string (_bourse_json_get_string (object, "type"));
      self->present |= BOURSE_PRESENT_BIT (PROP_ORDER_TYPE);
    }
  if (_bourse_json_get_string (object, "status") != NULL)
    {
      self->status = bourse_order_status_from_string (_bourse_json_get_string (object, "status"));
      self->present |= BOURSE_PRESENT_BIT (PROP_STATUS);
    }
  if (_bourse_json_get_number (object, "filledQty", &self->filled_qty))
    self->present |= BOURSE_PRESENT_BIT (PROP_FILLED_QTY);
  if (_bourse_json_get_number (object, "avgPrice", &self->avg_price))
    self->present |= BOURSE_PRESENT_BIT (PROP_AVG_PRICE);
  if (_bourse_json_get_number (object, "limitPrice", &self->limit_price))
    self->present |= BOURSE_PRESENT_BIT (PROP_LIMIT_PRICE);
  if (_bourse_json_get_number (object, "stopPrice", &self->stop_price))
    self->present |= BOURSE_PRESENT_BIT (PROP_STOP_PRICE);
  if (_bourse_json_get_number (object, "trailingStopPips", &self->trailing_stop_pips))
    self->present |= BOURSE_PRESENT_BIT (PROP_TRAILING_STOP_PIPS);
  if ((self->parent_id = _bourse_json_dup_id (object, "parentId")) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_PARENT_ID);
  if (_bourse_json_get_string (object, "parentType") != NULL)
    {
      self->parent_type = bourse_parent_type_from_string (_bourse_json_get_string (object, "parentType"));
      self->present |= BOURSE_PRESENT_BIT (PROP_PARENT_TYPE);
    }
  if (_bourse_json_get_member (object, "duration") != NULL && !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (object, "duration")))
    {
      self->duration = json_node_copy (_bourse_json_get_member (object, "duration"));
      self->present |= BOURSE_PRESENT_BIT (PROP_DURATION);
    }
  if (_bourse_json_get_int64 (object, "lastModified", &self->last_modified))
    self->present |= BOURSE_PRESENT_BIT (PROP_LAST_MODIFIED);
  if (_bourse_json_get_member (object, "message") != NULL && !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (object, "message")))
    {
      self->message = json_node_copy (_bourse_json_get_member (object, "message"));
      self->present |= BOURSE_PRESENT_BIT (PROP_MESSAGE);
    }

  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_order_update_from (BourseOrder *self,
                           BourseOrder *other)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->present = other->present;

  if (g_strcmp0 (self->id, other->id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (other->id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->instrument, other->instrument) != 0)
    {
      g_free (self->instrument);
      self->instrument = g_strdup (other->instrument);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUMENT]);
      changed = TRUE;
    }
  if (self->qty != other->qty)
    {
      self->qty = other->qty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QTY]);
      changed = TRUE;
    }
  if (self->side != other->side)
    {
      self->side = other->side;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
      changed = TRUE;
    }
  if (self->order_type != other->order_type)
    {
      self->order_type = other->order_type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_TYPE]);
      changed = TRUE;
    }
  if (self->status != other->status)
    {
      self->status = other->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      changed = TRUE;
    }
  if (self->filled_qty != other->filled_qty)
    {
      self->filled_qty = other->filled_qty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLED_QTY]);
      changed = TRUE;
    }
  if (self->avg_price != other->avg_price)
    {
      self->avg_price = other->avg_price;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVG_PRICE]);
      changed = TRUE;
    }
  if (self->limit_price != other->limit_price)
    {
      self->limit_price = other->limit_price;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT_PRICE]);
      changed = TRUE;
    }
  if (self->stop_price != other->stop_price)
    {
      self->stop_price = other->stop_price;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP_PRICE]);
      changed = TRUE;
    }
  if (self->trailing_stop_pips != other->trailing_stop_pips)
    {
      self->trailing_stop_pips = other->trailing_stop_pips;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAILING_STOP_PIPS]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->parent_id, other->parent_id) != 0)
    {
      g_free (self->parent_id);
      self->parent_id = g_strdup (other->parent_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
      changed = TRUE;
    }
  if (self->parent_type != other->parent_type)
    {
      self->parent_type = other->parent_type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_TYPE]);
      changed = TRUE;
    }
  if ((self->duration == NULL) != (other->duration == NULL) ||
      (self->duration != NULL && !json_node_equal (self->duration, other->duration)))
    {
      g_clear_pointer (&self->duration, json_node_unref);
      self->duration = other->duration != NULL ? json_node_copy (other->duration) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
      changed = TRUE;
    }
  if (self->last_modified != other->last_modified)
    {
      self->last_modified = other->last_modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MODIFIED]);
      changed = TRUE;
    }
  if ((self->message == NULL) != (other->message == NULL) ||
      (self->message != NULL && !json_node_equal (self->message, other->message)))
    {
      g_clear_pointer (&self->message, json_node_unref);
      self->message = other->message != NULL ? json_node_copy (other->message) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * bourse_order_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_order_to_json (BourseOrder *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_ORDER (self), NULL);

  json_builder_begin_object (builder);
  if (self->present & BOURSE_PRESENT_BIT (PROP_ID))
    _bourse_json_builder_add_string_member (builder, "id", self->id);
  if (self->present & BOURSE_PRESENT_BIT (PROP_INSTRUMENT))
    _bourse_json_builder_add_string_member (builder, "instrument", self->instrument);
  if (self->present & BOURSE_PRESENT_BIT (PROP_QTY))
    _bourse_json_builder_add_number_member (builder, "qty", self->qty);
  if (self->present & BOURSE_PRESENT_BIT (PROP_SIDE))
    _bourse_json_builder_add_string_member (builder, "side", bourse_side_to_string (self->side));
  if (self->present & BOURSE_PRESENT_BIT (PROP_ORDER_TYPE))
    _bourse_json_builder_add_string_member (builder, "type", bourse_order_type_to_string (self->order_type));
  if (self->present & BOURSE_PRESENT_BIT (PROP_STATUS))
    _bourse_json_builder_add_string_member (builder, "status", bourse_order_status_to_string (self->status));
  if (self->present & BOURSE_PRESENT_BIT (PROP_FILLED_QTY))
    _bourse_json_builder_add_number_member (builder, "filledQty", self->filled_qty);
  if (self->present & BOURSE_PRESENT_BIT (PROP_AVG_PRICE))
    _bourse_json_builder_add_number_member (builder, "avgPrice", self->avg_price);
  if (self->present & BOURSE_PRESENT_BIT (PROP_LIMIT_PRICE))
    _bourse_json_builder_add_number_member (builder, "limitPrice", self->limit_price);
  if (self->present & BOURSE_PRESENT_BIT (PROP_STOP_PRICE))
    _bourse_json_builder_add_number_member (builder, "stopPrice", self->stop_price);
  if (self->present & BOURSE_PRESENT_BIT (PROP_TRAILING_STOP_PIPS))
    _bourse_json_builder_add_number_member (builder, "trailingStopPips", self->trailing_stop_pips);
  if (self->present & BOURSE_PRESENT_BIT (PROP_PARENT_ID))
    _bourse_json_builder_add_string_member (builder, "parentId", self->parent_id);
  if (self->present & BOURSE_PRESENT_BIT (PROP_PARENT_TYPE))
    _bourse_json_builder_add_string_member (builder, "parentType", bourse_parent_type_to_string (self->parent_type));
  if (self->present & BOURSE_PRESENT_BIT (PROP_DURATION))
    _bourse_json_builder_add_value_member (builder, "duration", json_node_copy (self->duration));
  if (self->present & BOURSE_PRESENT_BIT (PROP_LAST_MODIFIED))
    _bourse_json_builder_add_int_member (builder, "lastModified", self->last_modified);
  if (self->present & BOURSE_PRESENT_BIT (PROP_MESSAGE))
    _bourse_json_builder_add_value_member (builder, "message", json_node_copy (self->message));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
