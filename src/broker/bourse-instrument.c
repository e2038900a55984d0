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

  if ((self->name = _bourse_json_dup_id (object, "name")) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_NAME);
  if ((self->description = g_strdup (_bourse_json_get_string (object, "description"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_DESCRIPTION);
  if ((self->instrument_type = g_strdup (_bourse_json_get_string (object, "type"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_INSTRUMENT_TYPE);
  if (_bourse_json_get_number (object, "minQty", &self->min_qty))
    self->present |= BOURSE_PRESENT_BIT (PROP_MIN_QTY);
  if (_bourse_json_get_number (object, "maxQty", &self->max_qty))
    self->present |= BOURSE_PRESENT_BIT (PROP_MAX_QTY);
  if (_bourse_json_get_number (object, "qtyStep", &self->qty_step))
    self->present |= BOURSE_PRESENT_BIT (PROP_QTY_STEP);
  if (_bourse_json_get_number (object, "pipSize", &self->pip_size))
    self->present |= BOURSE_PRESENT_BIT (PROP_PIP_SIZE);
  if (_bourse_json_get_number (object, "pipValue", &self->pip_value))
    self->present |= BOURSE_PRESENT_BIT (PROP_PIP_VALUE);
  if (_bourse_json_get_number (object, "minTick", &self->min_tick))
    self->present |= BOURSE_PRESENT_BIT (PROP_MIN_TICK);
  if (_bourse_json_get_number (object, "lotSize", &self->lot_size))
    self->present |= BOURSE_PRESENT_BIT (PROP_LOT_SIZE);
  if (_bourse_json_get_number (object, "marginRate", &self->margin_rate))
    self->present |= BOURSE_PRESENT_BIT (PROP_MARGIN_RATE);
  if ((self->currency = g_strdup (_bourse_json_get_string (object, "currency"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_CURRENCY);
  if (_bourse_json_get_boolean (object, "hasQuotes", &self->has_quotes))
    self->present |= BOURSE_PRESENT_BIT (PROP_HAS_QUOTES);

  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_instrument_update_from (BourseInstrument *self,
                                BourseInstrument *other)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->present = other->present;

  if (g_strcmp0 (self->name, other->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (other->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->description, other->description) != 0)
    {
      g_free (self->description);
      self->description = g_strdup (other->description);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->instrument_type, other->instrument_type) != 0)
    {
      g_free (self->instrument_type);
      self->instrument_type = g_strdup (other->instrument_type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUMENT_TYPE]);
      changed = TRUE;
    }
  if (self->min_qty != other->min_qty)
    {
      self->min_qty = other->min_qty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_QTY]);
      changed = TRUE;
    }
  if (self->max_qty != other->max_qty)
    {
      self->max_qty = other->max_qty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_QTY]);
      changed = TRUE;
    }
  if (self->qty_step != other->qty_step)
    {
      self->qty_step = other->qty_step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QTY_STEP]);
      changed = TRUE;
    }
  if (self->pip_size != other->pip_size)
    {
      self->pip_size = other->pip_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIP_SIZE]);
      changed = TRUE;
    }
  if (self->pip_value != other->pip_value)
    {
      self->pip_value = other->pip_value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIP_VALUE]);
      changed = TRUE;
    }
  if (self->min_tick != other->min_tick)
    {
      self->min_tick = other->min_tick;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_TICK]);
      changed = TRUE;
    }
  if (self->lot_size != other->lot_size)
    {
      self->lot_size = other->lot_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOT_SIZE]);
      changed = TRUE;
    }
  if (self->margin_rate != other->margin_rate)
    {
      self->margin_rate = other->margin_rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARGIN_RATE]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->currency, other->currency) != 0)
    {
      g_free (self->currency);
      self->currency = g_strdup (other->currency);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
      changed = TRUE;
    }
  if (self->has_quotes != other->has_quotes)
    {
      self->has_quotes = other->has_quotes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_QUOTES]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * bourse_instrument_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_instrument_to_json (BourseInstrument *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_INSTRUMENT (self), NULL);

  json_builder_begin_object (builder);
  if (self->present & BOURSE_PRESENT_BIT (PROP_NAME))
    _bourse_json_builder_add_string_member (builder, "name", self->name);
  if (self->present & BOURSE_PRESENT_BIT (PROP_DESCRIPTION))
    _bourse_json_builder_add_string_member (builder, "description", self->description);
  if (self->present & BOURSE_PRESENT_BIT (PROP_INSTRUMENT_TYPE))
    _bourse_json_builder_add_string_member (builder, "type", self->instrument_type);
  if (self->present & BOURSE_PRESENT_BIT (PROP_MIN_QTY))
    _bourse_json_builder_add_number_member (builder, "minQty", self->min_qty);
  if (self->present & BOURSE_PRESENT_BIT (PROP_MAX_QTY))
    _bourse_json_builder_add_number_member (builder, "maxQty", self->max_qty);
  if (self->present & BOURSE_PRESENT_BIT (PROP_QTY_STEP))
    _bourse_json_builder_add_number_member (builder, "qtyStep", self->qty_step);
  if (self->present & BOURSE_PRESENT_BIT (PROP_PIP_SIZE))
    _bourse_json_builder_add_number_member (builder, "pipSize", self->pip_size);
  if (self->present & BOURSE_PRESENT_BIT (PROP_PIP_VALUE))
    _bourse_json_builder_add_number_member (builder, "pipValue", self->pip_value);
  if (self->present & BOURSE_PRESENT_BIT (PROP_MIN_TICK))
    _bourse_json_builder_add_number_member (builder, "minTick", self->min_tick);
  if (self->present & BOURSE_PRESENT_BIT (PROP_LOT_SIZE))
    _bourse_json_builder_add_number_member (builder, "lotSize", self->lot_size);
  if (self->present & BOURSE_PRESENT_BIT (PROP_MARGIN_RATE))
    _bourse_json_builder_add_number_member (builder, "marginRate", self->margin_rate);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CURRENCY))
    _bourse_json_builder_add_string_member (builder, "currency", self->currency);
  if (self->present & BOURSE_PRESENT_BIT (PROP_HAS_QUOTES))
    _bourse_json_builder_add_boolean_member (builder, "hasQuotes", self->has_quotes);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
