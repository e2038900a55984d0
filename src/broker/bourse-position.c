/* bourse-position.c — BoursePosition: an open position (GET …/positions, the positions stream)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-position.h"

struct _BoursePosition
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *id;
  char *instrument;
  double qty;
  BourseSide side;
  double avg_price;
  double unrealized_pl;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_INSTRUMENT,
  PROP_QTY,
  PROP_SIDE,
  PROP_AVG_PRICE,
  PROP_UNREALIZED_PL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BoursePosition, bourse_position, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_ID,            "id",           BOURSE_MODEL_FIELD_ID,     G_STRUCT_OFFSET (BoursePosition, id) },
  { PROP_INSTRUMENT,    "instrument",   BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BoursePosition, instrument) },
  { PROP_QTY,           "qty",          BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BoursePosition, qty) },
  { PROP_SIDE,          "side",         BOURSE_MODEL_FIELD_ENUM,   G_STRUCT_OFFSET (BoursePosition, side) },
  { PROP_AVG_PRICE,     "avgPrice",     BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BoursePosition, avg_price) },
  { PROP_UNREALIZED_PL, "unrealizedPl", BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BoursePosition, unrealized_pl) },
};

static void
bourse_position_finalize (GObject *object)
{
  BoursePosition *self = (BoursePosition *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->instrument, g_free);

  G_OBJECT_CLASS (bourse_position_parent_class)->finalize (object);
}

static void
bourse_position_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoursePosition *self = BOURSE_POSITION (object);

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

    case PROP_AVG_PRICE:
      g_value_set_double (value, self->avg_price);
      break;

    case PROP_UNREALIZED_PL:
      g_value_set_double (value, self->unrealized_pl);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_position_class_init (BoursePositionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_position_finalize;
  object_class->get_property = bourse_position_get_property;

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
  properties[PROP_AVG_PRICE] =
    g_param_spec_double ("avg-price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREALIZED_PL] =
    g_param_spec_double ("unrealized-pl", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_position_init (BoursePosition *self)
{
}

const char *
bourse_position_get_id (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), NULL);
  return self->id;
}

const char *
bourse_position_get_instrument (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), NULL);
  return self->instrument;
}

double
bourse_position_get_qty (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), 0);
  return self->qty;
}

BourseSide
bourse_position_get_side (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), BOURSE_SIDE_UNKNOWN);
  return self->side;
}

double
bourse_position_get_avg_price (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), 0);
  return self->avg_price;
}

double
bourse_position_get_unrealized_pl (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), 0);
  return self->unrealized_pl;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BoursePosition *
_bourse_position_new_from_json (JsonObject *object)
{
  BoursePosition *self = g_object_new (BOURSE_TYPE_POSITION, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_position_update_from (BoursePosition *self,
                              BoursePosition *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_position_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_position_to_json (BoursePosition *self)
{
  g_return_val_if_fail (BOURSE_IS_POSITION (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
}
