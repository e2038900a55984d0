/* bourse-instrument.c — BourseInstrument: a tradable instrument of an account (GET …/instruments)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-instrument.h"

struct _BourseInstrument
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *name;
  char *description;
  char *instrument_type;
  double min_qty;
  double max_qty;
  double qty_step;
  double pip_size;
  double pip_value;
  double min_tick;
  double lot_size;
  double margin_rate;
  char *currency;
  gboolean has_quotes;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_INSTRUMENT_TYPE,
  PROP_MIN_QTY,
  PROP_MAX_QTY,
  PROP_QTY_STEP,
  PROP_PIP_SIZE,
  PROP_PIP_VALUE,
  PROP_MIN_TICK,
  PROP_LOT_SIZE,
  PROP_MARGIN_RATE,
  PROP_CURRENCY,
  PROP_HAS_QUOTES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseInstrument, bourse_instrument, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_NAME,            "name",        BOURSE_MODEL_FIELD_ID,      G_STRUCT_OFFSET (BourseInstrument, name) },
  { PROP_DESCRIPTION,     "description", BOURSE_MODEL_FIELD_STRING,  G_STRUCT_OFFSET (BourseInstrument, description) },
  { PROP_INSTRUMENT_TYPE, "type",        BOURSE_MODEL_FIELD_STRING,  G_STRUCT_OFFSET (BourseInstrument, instrument_type) },
  { PROP_MIN_QTY,         "minQty",      BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, min_qty) },
  { PROP_MAX_QTY,         "maxQty",      BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, max_qty) },
  { PROP_QTY_STEP,        "qtyStep",     BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, qty_step) },
  { PROP_PIP_SIZE,        "pipSize",     BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, pip_size) },
  { PROP_PIP_VALUE,       "pipValue",    BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, pip_value) },
  { PROP_MIN_TICK,        "minTick",     BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, min_tick) },
  { PROP_LOT_SIZE,        "lotSize",     BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, lot_size) },
  { PROP_MARGIN_RATE,     "marginRate",  BOURSE_MODEL_FIELD_NUMBER,  G_STRUCT_OFFSET (BourseInstrument, margin_rate) },
  { PROP_CURRENCY,        "currency",    BOURSE_MODEL_FIELD_STRING,  G_STRUCT_OFFSET (BourseInstrument, currency) },
  { PROP_HAS_QUOTES,      "hasQuotes",   BOURSE_MODEL_FIELD_BOOLEAN, G_STRUCT_OFFSET (BourseInstrument, has_quotes) },
};

static void
bourse_instrument_finalize (GObject *object)
{
  BourseInstrument *self = (BourseInstrument *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->instrument_type, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (bourse_instrument_parent_class)->finalize (object);
}

static void
bourse_instrument_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BourseInstrument *self = BOURSE_INSTRUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_INSTRUMENT_TYPE:
      g_value_set_string (value, self->instrument_type);
      break;

    case PROP_MIN_QTY:
      g_value_set_double (value, self->min_qty);
      break;

    case PROP_MAX_QTY:
      g_value_set_double (value, self->max_qty);
      break;

    case PROP_QTY_STEP:
      g_value_set_double (value, self->qty_step);
      break;

    case PROP_PIP_SIZE:
      g_value_set_double (value, self->pip_size);
      break;

    case PROP_PIP_VALUE:
      g_value_set_double (value, self->pip_value);
      break;

    case PROP_MIN_TICK:
      g_value_set_double (value, self->min_tick);
      break;

    case PROP_LOT_SIZE:
      g_value_set_double (value, self->lot_size);
      break;

    case PROP_MARGIN_RATE:
      g_value_set_double (value, self->margin_rate);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_HAS_QUOTES:
      g_value_set_boolean (value, self->has_quotes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_instrument_class_init (BourseInstrumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_instrument_finalize;
  object_class->get_property = bourse_instrument_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTRUMENT_TYPE] =
    g_param_spec_string ("instrument-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_QTY] =
    g_param_spec_double ("min-qty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_QTY] =
    g_param_spec_double ("max-qty", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QTY_STEP] =
    g_param_spec_double ("qty-step", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIP_SIZE] =
    g_param_spec_double ("pip-size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIP_VALUE] =
    g_param_spec_double ("pip-value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_TICK] =
    g_param_spec_double ("min-tick", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOT_SIZE] =
    g_param_spec_double ("lot-size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARGIN_RATE] =
    g_param_spec_double ("margin-rate", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_QUOTES] =
    g_param_spec_boolean ("has-quotes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_instrument_init (BourseInstrument *self)
{
}

const char *
bourse_instrument_get_name (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);
  return self->name;
}

const char *
bourse_instrument_get_description (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);
  return self->description;
}

const char *
bourse_instrument_get_instrument_type (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);
  return self->instrument_type;
}

double
bourse_instrument_get_min_qty (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->min_qty;
}

double
bourse_instrument_get_max_qty (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->max_qty;
}

double
bourse_instrument_get_qty_step (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->qty_step;
}

double
bourse_instrument_get_pip_size (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->pip_size;
}

double
bourse_instrument_get_pip_value (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->pip_value;
}

double
bourse_instrument_get_min_tick (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->min_tick;
}

double
bourse_instrument_get_lot_size (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->lot_size;
}

double
bourse_instrument_get_margin_rate (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), 0);
  return self->margin_rate;
}

const char *
bourse_instrument_get_currency (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);
  return self->currency;
}

gboolean
bourse_instrument_get_has_quotes (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), FALSE);
  return self->has_quotes;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseInstrument *
_bourse_instrument_new_from_json (JsonObject *object)
{
  BourseInstrument *self = g_object_new (BOURSE_TYPE_INSTRUMENT, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_instrument_update_from (BourseInstrument *self,
                                BourseInstrument *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_instrument_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_instrument_to_json (BourseInstrument *self)
{
  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
}
