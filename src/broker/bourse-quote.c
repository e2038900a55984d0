/* bourse-quote.c — BourseQuote: the latest quote of one symbol (GET /quotes, GET /streaming)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-quote.h"

struct _BourseQuote
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *symbol;
  double bid;
  double ask;
  double bid_size;
  double ask_size;
  double last;
  double last_size;
  double spread;
  double open;
  double high;
  double low;
  double prev_close;
  double volume;
  double change;
  double change_percent;
  gint64 time;
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_BID,
  PROP_ASK,
  PROP_BID_SIZE,
  PROP_ASK_SIZE,
  PROP_LAST,
  PROP_LAST_SIZE,
  PROP_SPREAD,
  PROP_OPEN,
  PROP_HIGH,
  PROP_LOW,
  PROP_PREV_CLOSE,
  PROP_VOLUME,
  PROP_CHANGE,
  PROP_CHANGE_PERCENT,
  PROP_TIME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseQuote, bourse_quote, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
bourse_quote_finalize (GObject *object)
{
  BourseQuote *self = (BourseQuote *) object;

  g_clear_pointer (&self->symbol, g_free);

  G_OBJECT_CLASS (bourse_quote_parent_class)->finalize (object);
}

static void
bourse_quote_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BourseQuote *self = BOURSE_QUOTE (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;

    case PROP_BID:
      g_value_set_double (value, self->bid);
      break;

    case PROP_ASK:
      g_value_set_double (value, self->ask);
      break;

    case PROP_BID_SIZE:
      g_value_set_double (value, self->bid_size);
      break;

    case PROP_ASK_SIZE:
      g_value_set_double (value, self->ask_size);
      break;

    case PROP_LAST:
      g_value_set_double (value, self->last);
      break;

    case PROP_LAST_SIZE:
      g_value_set_double (value, self->last_size);
      break;

    case PROP_SPREAD:
      g_value_set_double (value, self->spread);
      break;

    case PROP_OPEN:
      g_value_set_double (value, self->open);
      break;

    case PROP_HIGH:
      g_value_set_double (value, self->high);
      break;

    case PROP_LOW:
      g_value_set_double (value, self->low);
      break;

    case PROP_PREV_CLOSE:
      g_value_set_double (value, self->prev_close);
      break;

    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;

    case PROP_CHANGE:
      g_value_set_double (value, self->change);
      break;

    case PROP_CHANGE_PERCENT:
      g_value_set_double (value, self->change_percent);
      break;

    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_quote_class_init (BourseQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_quote_finalize;
  object_class->get_property = bourse_quote_get_property;

  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BID] =
    g_param_spec_double ("bid", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASK] =
    g_param_spec_double ("ask", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BID_SIZE] =
    g_param_spec_double ("bid-size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASK_SIZE] =
    g_param_spec_double ("ask-size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST] =
    g_param_spec_double ("last", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SIZE] =
    g_param_spec_double ("last-size", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPREAD] =
    g_param_spec_double ("spread", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN] =
    g_param_spec_double ("open", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH] =
    g_param_spec_double ("high", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOW] =
    g_param_spec_double ("low", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREV_CLOSE] =
    g_param_spec_double ("prev-close", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGE] =
    g_param_spec_double ("change", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGE_PERCENT] =
    g_param_spec_double ("change-percent", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_quote_init (BourseQuote *self)
{
}

const char *
bourse_quote_get_symbol (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), NULL);
  return self->symbol;
}

double
bourse_quote_get_bid (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->bid;
}

double
bourse_quote_get_ask (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->ask;
}

double
bourse_quote_get_bid_size (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->bid_size;
}

double
bourse_quote_get_ask_size (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->ask_size;
}

double
bourse_quote_get_last (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->last;
}

double
bourse_quote_get_last_size (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->last_size;
}

double
bourse_quote_get_spread (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->spread;
}

double
bourse_quote_get_open (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->open;
}

double
bourse_quote_get_high (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->high;
}

double
bourse_quote_get_low (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->low;
}

double
bourse_quote_get_prev_close (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->prev_close;
}

double
bourse_quote_get_volume (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->volume;
}

double
bourse_quote_get_change (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->change;
}

double
bourse_quote_get_change_percent (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->change_percent;
}

gint64
bourse_quote_get_time (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), 0);
  return self->time;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseQuote *
_bourse_quote_new_from_json (JsonObject *object)
{
  BourseQuote *self = g_object_new (BOURSE_TYPE_QUOTE, NULL);

  if ((self->symbol = _bourse_json_dup_id (object, "n")) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_SYMBOL);
  if (_bourse_json_get_number (object, "bid", &self->bid))
    self->present |= BOURSE_PRESENT_BIT (PROP_BID);
  if (_bourse_json_get_number (object, "ask", &self->ask))
    self->present |= BOURSE_PRESENT_BIT (PROP_ASK);
  if (_bourse_json_get_number (object, "bid_size", &self->bid_size))
    self->present |= BOURSE_PRESENT_BIT (PROP_BID_SIZE);
  if (_bourse_json_get_number (object, "ask_size", &self->ask_size))
    self->present |= BOURSE_PRESENT_BIT (PROP_ASK_SIZE);
  if (_bourse_json_get_number (object, "lp", &self->last))
    self->present |= BOURSE_PRESENT_BIT (PROP_LAST);
  if (_bourse_json_get_number (object, "last_size", &self->last_size))
    self->present |= BOURSE_PRESENT_BIT (PROP_LAST_SIZE);
  if (_bourse_json_get_number (object, "spread", &self->spread))
    self->present |= BOURSE_PRESENT_BIT (PROP_SPREAD);
  if (_bourse_json_get_number (object, "open_price", &self->open))
    self->present |= BOURSE_PRESENT_BIT (PROP_OPEN);
  if (_bourse_json_get_number (object, "high_price", &self->high))
    self->present |= BOURSE_PRESENT_BIT (PROP_HIGH);
  if (_bourse_json_get_number (object, "low_price", &self->low))
    self->present |= BOURSE_PRESENT_BIT (PROP_LOW);
  if (_bourse_json_get_number (object, "prev_close_price", &self->prev_close))
    self->present |= BOURSE_PRESENT_BIT (PROP_PREV_CLOSE);
  if (_bourse_json_get_number (object, "volume", &self->volume))
    self->present |= BOURSE_PRESENT_BIT (PROP_VOLUME);
  if (_bourse_json_get_number (object, "ch", &self->change))
    self->present |= BOURSE_PRESENT_BIT (PROP_CHANGE);
  if (_bourse_json_get_number (object, "chp", &self->change_percent))
    self->present |= BOURSE_PRESENT_BIT (PROP_CHANGE_PERCENT);
  if (_bourse_json_get_int64 (object, "t", &self->time))
    self->present |= BOURSE_PRESENT_BIT (PROP_TIME);

  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_quote_update_from (BourseQuote *self,
                           BourseQuote *other)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->present = other->present;

  if (g_strcmp0 (self->symbol, other->symbol) != 0)
    {
      g_free (self->symbol);
      self->symbol = g_strdup (other->symbol);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
      changed = TRUE;
    }
  if (self->bid != other->bid)
    {
      self->bid = other->bid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BID]);
      changed = TRUE;
    }
  if (self->ask != other->ask)
    {
      self->ask = other->ask;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASK]);
      changed = TRUE;
    }
  if (self->bid_size != other->bid_size)
    {
      self->bid_size = other->bid_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BID_SIZE]);
      changed = TRUE;
    }
  if (self->ask_size != other->ask_size)
    {
      self->ask_size = other->ask_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASK_SIZE]);
      changed = TRUE;
    }
  if (self->last != other->last)
    {
      self->last = other->last;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST]);
      changed = TRUE;
    }
  if (self->last_size != other->last_size)
    {
      self->last_size = other->last_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SIZE]);
      changed = TRUE;
    }
  if (self->spread != other->spread)
    {
      self->spread = other->spread;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPREAD]);
      changed = TRUE;
    }
  if (self->open != other->open)
    {
      self->open = other->open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
      changed = TRUE;
    }
  if (self->high != other->high)
    {
      self->high = other->high;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH]);
      changed = TRUE;
    }
  if (self->low != other->low)
    {
      self->low = other->low;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOW]);
      changed = TRUE;
    }
  if (self->prev_close != other->prev_close)
    {
      self->prev_close = other->prev_close;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREV_CLOSE]);
      changed = TRUE;
    }
  if (self->volume != other->volume)
    {
      self->volume = other->volume;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
      changed = TRUE;
    }
  if (self->change != other->change)
    {
      self->change = other->change;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);
      changed = TRUE;
    }
  if (self->change_percent != other->change_percent)
    {
      self->change_percent = other->change_percent;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE_PERCENT]);
      changed = TRUE;
    }
  if (self->time != other->time)
    {
      self->time = other->time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * bourse_quote_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_quote_to_json (BourseQuote *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_QUOTE (self), NULL);

  json_builder_begin_object (builder);
  if (self->present & BOURSE_PRESENT_BIT (PROP_SYMBOL))
    _bourse_json_builder_add_string_member (builder, "n", self->symbol);
  if (self->present & BOURSE_PRESENT_BIT (PROP_BID))
    _bourse_json_builder_add_number_member (builder, "bid", self->bid);
  if (self->present & BOURSE_PRESENT_BIT (PROP_ASK))
    _bourse_json_builder_add_number_member (builder, "ask", self->ask);
  if (self->present & BOURSE_PRESENT_BIT (PROP_BID_SIZE))
    _bourse_json_builder_add_number_member (builder, "bid_size", self->bid_size);
  if (self->present & BOURSE_PRESENT_BIT (PROP_ASK_SIZE))
    _bourse_json_builder_add_number_member (builder, "ask_size", self->ask_size);
  if (self->present & BOURSE_PRESENT_BIT (PROP_LAST))
    _bourse_json_builder_add_number_member (builder, "lp", self->last);
  if (self->present & BOURSE_PRESENT_BIT (PROP_LAST_SIZE))
    _bourse_json_builder_add_number_member (builder, "last_size", self->last_size);
  if (self->present & BOURSE_PRESENT_BIT (PROP_SPREAD))
    _bourse_json_builder_add_number_member (builder, "spread", self->spread);
  if (self->present & BOURSE_PRESENT_BIT (PROP_OPEN))
    _bourse_json_builder_add_number_member (builder, "open_price", self->open);
  if (self->present & BOURSE_PRESENT_BIT (PROP_HIGH))
    _bourse_json_builder_add_number_member (builder, "high_price", self->high);
  if (self->present & BOURSE_PRESENT_BIT (PROP_LOW))
    _bourse_json_builder_add_number_member (builder, "low_price", self->low);
  if (self->present & BOURSE_PRESENT_BIT (PROP_PREV_CLOSE))
    _bourse_json_builder_add_number_member (builder, "prev_close_price", self->prev_close);
  if (self->present & BOURSE_PRESENT_BIT (PROP_VOLUME))
    _bourse_json_builder_add_number_member (builder, "volume", self->volume);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CHANGE))
    _bourse_json_builder_add_number_member (builder, "ch", self->change);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CHANGE_PERCENT))
    _bourse_json_builder_add_number_member (builder, "chp", self->change_percent);
  if (self->present & BOURSE_PRESENT_BIT (PROP_TIME))
    _bourse_json_builder_add_int_member (builder, "t", self->time);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

BourseQuote *
_bourse_quote_new (const char *symbol)
{
  BourseQuote *self = g_object_new (BOURSE_TYPE_QUOTE, NULL);

  self->symbol = g_strdup (symbol);
  self->present |= BOURSE_PRESENT_BIT (PROP_SYMBOL);
  return self;
}

/* One validated entry of GET /quotes: {"s":"ok","n":"EURUSD","v":{…}}. */
BourseQuote *
_bourse_quote_new_from_entry (JsonObject *entry)
{
  JsonObject *v = _bourse_json_get_object (entry, "v");
  BourseQuote *self;

  self = _bourse_quote_new_from_json (v != NULL ? v : entry);
  g_free (self->symbol);
  self->symbol = _bourse_json_dup_id (entry, "n");
  self->present |= BOURSE_PRESENT_BIT (PROP_SYMBOL);
  return self;
}

/* Changed properties are collected and notified once all fields are set,
 * like g_object_freeze_notify() but without its per-call allocation: this
 * runs for every line of the price stream. */
typedef struct
{
  guint props[N_PROPS];
  guint n;
} Changed;

static inline void
set_number (BourseQuote *self,
            JsonObject  *line,
            const char  *member,
            double      *field,
            guint        prop,
            Changed     *changed)
{
  double v;

  if (_bourse_json_get_number (line, member, &v))
    {
      self->present |= BOURSE_PRESENT_BIT (prop);
      if (*field != v)
        {
          *field = v;
          changed->props[changed->n++] = prop;
        }
    }
}

/* Applies one validated line of GET /streaming (quote, trade or daily bar) for
 * this symbol. Ticks older than the last one are dropped (the spec says times
 * never decrease per symbol and kind). Returns FALSE when dropped. */
gboolean
_bourse_quote_apply_stream (BourseQuote *self,
                            JsonObject  *line,
                            const char  *f)
{
  Changed changed = { .n = 0 };
  gint64 t = 0;

  if (_bourse_json_get_int64 (line, "t", &t) && t < self->time && f[0] != 'd')
    return FALSE;

  switch (f[0])
    {
    case 'q':
      set_number (self, line, "bp", &self->bid, PROP_BID, &changed);
      set_number (self, line, "ap", &self->ask, PROP_ASK, &changed);
      set_number (self, line, "bs", &self->bid_size, PROP_BID_SIZE, &changed);
      set_number (self, line, "as", &self->ask_size, PROP_ASK_SIZE, &changed);
      break;
    case 'd':
      set_number (self, line, "o", &self->open, PROP_OPEN, &changed);
      set_number (self, line, "h", &self->high, PROP_HIGH, &changed);
      set_number (self, line, "l", &self->low, PROP_LOW, &changed);
      set_number (self, line, "v", &self->volume, PROP_VOLUME, &changed);
      break;
    case 'a':
      set_number (self, line, "p", &self->ask, PROP_ASK, &changed);
      set_number (self, line, "s", &self->ask_size, PROP_ASK_SIZE, &changed);
      break;
    case 'b':
      set_number (self, line, "p", &self->bid, PROP_BID, &changed);
      set_number (self, line, "s", &self->bid_size, PROP_BID_SIZE, &changed);
      break;
    default: /* trade */
      set_number (self, line, "p", &self->last, PROP_LAST, &changed);
      set_number (self, line, "s", &self->last_size, PROP_LAST_SIZE, &changed);
      break;
    }
  if (f[0] != 'd' && t != self->time)
    {
      self->time = t;
      self->present |= BOURSE_PRESENT_BIT (PROP_TIME);
      changed.props[changed.n++] = PROP_TIME;
    }
  /* A handler may drop the last subscription, and the store's reference with
   * it (an alert that fires and stops watching): stay alive until done. */
  g_object_ref (self);
  for (guint i = 0; i < changed.n; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[changed.props[i]]);
  g_object_unref (self);
  return TRUE;
}
