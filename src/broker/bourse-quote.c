/* bourse-quote.c — BourseQuote: the latest quote of one symbol (GET /quotes, GET /streaming)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-price.h"
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
  double reference;  /* the previous close the day's change is measured from */
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

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_SYMBOL,         "n",                BOURSE_MODEL_FIELD_ID,     G_STRUCT_OFFSET (BourseQuote, symbol) },
  { PROP_BID,            "bid",              BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, bid) },
  { PROP_ASK,            "ask",              BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, ask) },
  { PROP_BID_SIZE,       "bid_size",         BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, bid_size) },
  { PROP_ASK_SIZE,       "ask_size",         BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, ask_size) },
  { PROP_LAST,           "lp",               BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, last) },
  { PROP_LAST_SIZE,      "last_size",        BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, last_size) },
  { PROP_SPREAD,         "spread",           BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, spread) },
  { PROP_OPEN,           "open_price",       BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, open) },
  { PROP_HIGH,           "high_price",       BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, high) },
  { PROP_LOW,            "low_price",        BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, low) },
  { PROP_PREV_CLOSE,     "prev_close_price", BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, prev_close) },
  { PROP_VOLUME,         "volume",           BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, volume) },
  { PROP_CHANGE,         "ch",               BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, change) },
  { PROP_CHANGE_PERCENT, "chp",              BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseQuote, change_percent) },
  { PROP_TIME,           "t",                BOURSE_MODEL_FIELD_INT64,  G_STRUCT_OFFSET (BourseQuote, time) },
};

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
#define HAS(prop) ((self->present & BOURSE_PRESENT_BIT (prop)) != 0)

/* A snapshot's day change, made whole and consistent. The reference is the
 * broker's previous close; without one, what its change (or percentage)
 * implies at this snapshot's last price. The change is the broker's when it
 * sent one (else last − reference); the percentage is recomputed from the
 * change when it is missing or disagrees beyond the broker's rounding, so
 * "+0.006" never stands beside "-0.00 %". A later last price moves both
 * (see update_change). */
static void
make_change_consistent (BourseQuote *self)
{
  double change, percent;

  if (HAS (PROP_PREV_CLOSE) && self->prev_close > 0)
    self->reference = self->prev_close;
  else if (HAS (PROP_CHANGE) && self->last > 0 && self->last - self->change > 0)
    self->reference = self->last - self->change;
  else if (HAS (PROP_CHANGE_PERCENT) && self->last > 0 && self->change_percent > -100)
    self->reference = self->last / (1 + self->change_percent / 100);
  else
    self->reference = 0;
  if (!(self->reference > 0))
    return;

  if (HAS (PROP_CHANGE))
    change = self->change;
  else if (!bourse_price_change (self->last, self->reference, &change, &percent))
    return;
  percent = change / self->reference * 100;
  self->change = change;
  if (!HAS (PROP_CHANGE_PERCENT) || fabs (self->change_percent - percent) > 0.005 + 1e-9 ||
      (self->change_percent > 0 && change < 0) || (self->change_percent < 0 && change > 0))
    self->change_percent = percent;
  self->present |= BOURSE_PRESENT_BIT (PROP_CHANGE) | BOURSE_PRESENT_BIT (PROP_CHANGE_PERCENT);
}

BourseQuote *
_bourse_quote_new_from_json (JsonObject *object)
{
  BourseQuote *self = g_object_new (BOURSE_TYPE_QUOTE, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  make_change_consistent (self);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_quote_update_from (BourseQuote *self,
                           BourseQuote *other)
{
  self->present = other->present;
  self->reference = other->reference;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_quote_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_quote_to_json (BourseQuote *self)
{
  g_return_val_if_fail (BOURSE_IS_QUOTE (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
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

/* The hot path of every stream line: store @v, record the property if it changed. */
static inline void
set_value (BourseQuote *self,
           double      *field,
           double       v,
           guint        prop,
           Changed     *changed)
{
  self->present |= BOURSE_PRESENT_BIT (prop);
  if (*field != v)
    {
      *field = v;
      changed->props[changed->n++] = prop;
    }
}

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
    set_value (self, field, v, prop, changed);
}

/* The stream carries no change: once the previous close is known (from
 * /quotes), a new last price moves the change with it. */
static void
update_change (BourseQuote *self,
               Changed     *changed)
{
  double change, percent;

  if (!bourse_price_change (self->last, self->reference, &change, &percent))
    return;
  set_value (self, &self->change, change, PROP_CHANGE, changed);
  set_value (self, &self->change_percent, percent, PROP_CHANGE_PERCENT, changed);
}

static void
notify_changed (BourseQuote   *self,
                const Changed *changed)
{
  /* A handler may drop the last subscription, and the store's reference with
   * it (an alert that fires and stops watching): stay alive until done. */
  g_object_ref (self);
  for (guint i = 0; i < changed->n; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[changed->props[i]]);
  g_object_unref (self);
}

/**
 * _bourse_quote_fill_reference_from:
 *
 * What only /quotes tells (the previous close, the day's change), taken from
 * @other without touching what the stream keeps newer (bid, ask, last, time).
 */
void
_bourse_quote_fill_reference_from (BourseQuote *self,
                                   BourseQuote *other)
{
  Changed changed = { .n = 0 };

  if (other->reference > 0)
    self->reference = other->reference;
  if (other->present & BOURSE_PRESENT_BIT (PROP_PREV_CLOSE))
    set_value (self, &self->prev_close, other->prev_close, PROP_PREV_CLOSE, &changed);
  if (other->present & BOURSE_PRESENT_BIT (PROP_CHANGE))
    set_value (self, &self->change, other->change, PROP_CHANGE, &changed);
  if (other->present & BOURSE_PRESENT_BIT (PROP_CHANGE_PERCENT))
    set_value (self, &self->change_percent, other->change_percent, PROP_CHANGE_PERCENT, &changed);
  update_change (self, &changed);
  notify_changed (self, &changed);
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
      update_change (self, &changed);
      break;
    }
  if (f[0] != 'd' && t != self->time)
    {
      self->time = t;
      self->present |= BOURSE_PRESENT_BIT (PROP_TIME);
      changed.props[changed.n++] = PROP_TIME;
    }
  notify_changed (self, &changed);
  return TRUE;
}
