/* bourse-execution.c — BourseExecution: a fill (GET …/executions, the executions stream)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-execution.h"

struct _BourseExecution
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *id;
  char *instrument;
  double price;
  gint64 time;
  double qty;
  BourseSide side;
  char *order_id;
  char *position_id;
  gboolean is_close;
  double commission;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_INSTRUMENT,
  PROP_PRICE,
  PROP_TIME,
  PROP_QTY,
  PROP_SIDE,
  PROP_ORDER_ID,
  PROP_POSITION_ID,
  PROP_IS_CLOSE,
  PROP_COMMISSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseExecution, bourse_execution, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_ID,          "id",         BOURSE_MODEL_FIELD_ID,      G_STRUCT_OFFSET (BourseExecution, id) },
  { PROP_INSTRUMENT,  "instrument", BOURSE_MODEL_FIELD_STRING,  G_STRUCT_OFFSET (BourseExecution, instrument) },
  { PROP_PRICE,       "price",      BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseExecution, price) },
  { PROP_TIME,        "time",       BOURSE_MODEL_FIELD_INT64,   G_STRUCT_OFFSET (BourseExecution, time) },
  { PROP_QTY,         "qty",        BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseExecution, qty) },
  { PROP_SIDE,        "side",       BOURSE_MODEL_FIELD_ENUM,    G_STRUCT_OFFSET (BourseExecution, side) },
  { PROP_ORDER_ID,    "orderId",    BOURSE_MODEL_FIELD_ID,      G_STRUCT_OFFSET (BourseExecution, order_id) },
  { PROP_POSITION_ID, "positionId", BOURSE_MODEL_FIELD_ID,      G_STRUCT_OFFSET (BourseExecution, position_id) },
  { PROP_IS_CLOSE,    "isClose",    BOURSE_MODEL_FIELD_BOOLEAN, G_STRUCT_OFFSET (BourseExecution, is_close) },
  { PROP_COMMISSION,  "commission", BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseExecution, commission) },
};

static void
bourse_execution_finalize (GObject *object)
{
  BourseExecution *self = (BourseExecution *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->instrument, g_free);
  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->position_id, g_free);

  G_OBJECT_CLASS (bourse_execution_parent_class)->finalize (object);
}

static void
bourse_execution_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BourseExecution *self = BOURSE_EXECUTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_INSTRUMENT:
      g_value_set_string (value, self->instrument);
      break;

    case PROP_PRICE:
      g_value_set_double (value, self->price);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    case PROP_QTY:
      g_value_set_double (value, self->qty);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;

    case PROP_ORDER_ID:
      g_value_set_string (value, self->order_id);
      break;

    case PROP_POSITION_ID:
      g_value_set_string (value, self->position_id);
      break;

    case PROP_IS_CLOSE:
      g_value_set_boolean (value, self->is_close);
      break;

    case PROP_COMMISSION:
      g_value_set_double (value, self->commission);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_execution_class_init (BourseExecutionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_execution_finalize;
  object_class->get_property = bourse_execution_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTRUMENT] =
    g_param_spec_string ("instrument", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE] =
    g_param_spec_double ("price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QTY] =
    g_param_spec_double ("qty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, BOURSE_TYPE_SIDE, BOURSE_SIDE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER_ID] =
    g_param_spec_string ("order-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION_ID] =
    g_param_spec_string ("position-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_CLOSE] =
    g_param_spec_boolean ("is-close", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMISSION] =
    g_param_spec_double ("commission", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_execution_init (BourseExecution *self)
{
}

const char *
bourse_execution_get_id (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), NULL);
  return self->id;
}

const char *
bourse_execution_get_instrument (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), NULL);
  return self->instrument;
}

double
bourse_execution_get_price (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), 0);
  return self->price;
}

gint64
bourse_execution_get_time (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), 0);
  return self->time;
}

double
bourse_execution_get_qty (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), 0);
  return self->qty;
}

BourseSide
bourse_execution_get_side (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), BOURSE_SIDE_UNKNOWN);
  return self->side;
}

const char *
bourse_execution_get_order_id (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), NULL);
  return self->order_id;
}

const char *
bourse_execution_get_position_id (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), NULL);
  return self->position_id;
}

gboolean
bourse_execution_get_is_close (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), FALSE);
  return self->is_close;
}

double
bourse_execution_get_commission (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), 0);
  return self->commission;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseExecution *
_bourse_execution_new_from_json (JsonObject *object)
{
  BourseExecution *self = g_object_new (BOURSE_TYPE_EXECUTION, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_execution_update_from (BourseExecution *self,
                               BourseExecution *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_execution_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_execution_to_json (BourseExecution *self)
{
  g_return_val_if_fail (BOURSE_IS_EXECUTION (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
}
