/* bourse-market-data.c — hands out the one bar feed per symbol and resolution
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart and the alerts ask here for a symbol's bars at a resolution and
 * get the same BourseBarFeed while anyone holds it, so a study on the chart
 * and an alert on the same study see the very same bars. Feeds are held
 * weakly: the last observer to drop one ends it, its requests and its trade
 * subscription. The market data subscribes each symbol with a live feed to
 * the source's trades and routes every trade to that symbol's feeds.
 *
 * It also knows which resolutions the broker serves for each symbol (its
 * /symbol_info `supported-resolutions`), and gives a feed whose resolution
 * is not among them the coarsest one it can be built from.
 */
#include "config.h"

#include "bourse-market-data.h"

struct _BourseMarketData
{
  GObject parent_instance;

  /* owned */
  BourseMarketSource *source;
  GHashTable         *feeds;     /* "symbol\nresolution" → Entry (the feed is weak) */
  GHashTable         *symbols;   /* symbol → number of live feeds */
  GHashTable         *sessions;  /* symbol → Session, as the broker's /symbol_info tells */
  GHashTable         *resolutions; /* symbol → GStrv the broker serves, as /symbol_info tells */
  gulong              trade_id;
};

typedef struct
{
  BourseMarketData *self;   /* unowned: the entry lives in its table */
  BourseBarFeed    *feed;   /* weak */
  char             *symbol;
} Entry;

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

enum {
  RESOLUTIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BourseMarketData, bourse_market_data, G_TYPE_OBJECT)

static void feed_finalized_cb (gpointer data, GObject *where_the_object_was);

typedef struct
{
  BourseTradingSession  rule;     /* its time zone is owned here */
} Session;

static void
session_free (Session *session)
{
  g_clear_pointer (&session->rule.time_zone, g_time_zone_unref);
  g_free (session);
}

static void
entry_free (Entry *entry)
{
  if (entry->feed != NULL)
    g_object_weak_unref (G_OBJECT (entry->feed), feed_finalized_cb, entry);
  g_free (entry->symbol);
  g_free (entry);
}

static void
symbol_ref (BourseMarketData *self,
            const char       *symbol)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->symbols, symbol));

  g_hash_table_replace (self->symbols, g_strdup (symbol), GUINT_TO_POINTER (n + 1));
  if (n == 0 && self->source != NULL)
    bourse_market_source_subscribe_trades (self->source, symbol);
}

static void
symbol_unref (BourseMarketData *self,
              const char       *symbol)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->symbols, symbol));

  if (n > 1)
    {
      g_hash_table_replace (self->symbols, g_strdup (symbol), GUINT_TO_POINTER (n - 1));
      return;
    }
  g_hash_table_remove (self->symbols, symbol);
  if (n == 1 && self->source != NULL)
    bourse_market_source_unsubscribe_trades (self->source, symbol);
}

static void
feed_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  Entry *entry = data;
  BourseMarketData *self = entry->self;
  g_autofree char *symbol = g_strdup (entry->symbol);
  GHashTableIter iter;
  gpointer value;

  entry->feed = NULL;
  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == entry)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
  symbol_unref (self, symbol);
}

static void
source_trade_cb (BourseMarketSource *source,
                 const char         *symbol,
                 gint64              time,
                 double              price,
                 double              size,
                 BourseMarketData   *self)
{
  bourse_market_data_add_trade (self, symbol, time, price, size);
}

static void
bourse_market_data_dispose (GObject *object)
{
  BourseMarketData *self = BOURSE_MARKET_DATA (object);

  bourse_market_data_set_source (self, NULL);
  if (self->feeds != NULL)
    g_hash_table_remove_all (self->feeds);
  G_OBJECT_CLASS (bourse_market_data_parent_class)->dispose (object);
}

static void
bourse_market_data_finalize (GObject *object)
{
  BourseMarketData *self = BOURSE_MARKET_DATA (object);

  g_clear_pointer (&self->feeds, g_hash_table_unref);
  g_clear_pointer (&self->symbols, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->resolutions, g_hash_table_unref);
  G_OBJECT_CLASS (bourse_market_data_parent_class)->finalize (object);
}

static void
bourse_market_data_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseMarketData *self = BOURSE_MARKET_DATA (object);

  switch (prop_id)
    {
    case PROP_SOURCE: g_value_set_object (value, self->source); break;
    default:          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_market_data_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BourseMarketData *self = BOURSE_MARKET_DATA (object);

  switch (prop_id)
    {
    case PROP_SOURCE: bourse_market_data_set_source (self, g_value_get_object (value)); break;
    default:          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_market_data_class_init (BourseMarketDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_market_data_dispose;
  object_class->finalize = bourse_market_data_finalize;
  object_class->get_property = bourse_market_data_get_property;
  object_class->set_property = bourse_market_data_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, BOURSE_TYPE_MARKET_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseMarketData::resolutions-changed:
   * @symbol: whose served resolutions the broker told
   */
  signals[RESOLUTIONS_CHANGED] =
    g_signal_new ("resolutions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bourse_market_data_init (BourseMarketData *self)
{
  self->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  self->symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) session_free);
  self->resolutions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/* Builds @feed from the coarsest served resolution when it is not served. */
static void
choose_base (BourseMarketData *self,
             BourseBarFeed    *feed)
{
  const char * const *natives = g_hash_table_lookup (self->resolutions, bourse_bar_feed_get_symbol (feed));
  g_autofree char *base = bourse_resolution_choose_base (bourse_bar_feed_get_resolution (feed), natives);
  g_autoptr(GError) error = NULL;

  if (!bourse_bar_feed_set_base_resolution (feed, base, &error))
    g_warning ("%s", error->message);  /* choose_base only picks bases that can build */
}

BourseMarketData *
bourse_market_data_new (void)
{
  return g_object_new (BOURSE_TYPE_MARKET_DATA, NULL);
}

/**
 * bourse_market_data_get_source:
 *
 * Returns: (transfer none) (nullable): where history and trades come from
 */
BourseMarketSource *
bourse_market_data_get_source (BourseMarketData *self)
{
  g_return_val_if_fail (BOURSE_IS_MARKET_DATA (self), NULL);
  return self->source;
}

/**
 * bourse_market_data_set_source:
 * @source: (nullable): the connected broker, or %NULL while there is none
 *
 * Every feed moves to @source: it drops the old market's bars and loads its
 * history again.
 */
void
bourse_market_data_set_source (BourseMarketData   *self,
                               BourseMarketSource *source)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (BOURSE_IS_MARKET_DATA (self));
  g_return_if_fail (source == NULL || BOURSE_IS_MARKET_SOURCE (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    {
      g_hash_table_iter_init (&iter, self->symbols);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        bourse_market_source_unsubscribe_trades (self->source, key);
      g_clear_signal_handler (&self->trade_id, self->source);
    }
  g_set_object (&self->source, source);
  if (self->source != NULL)
    {
      self->trade_id = g_signal_connect_object (self->source, "trade", G_CALLBACK (source_trade_cb),
                                                self, 0);
      g_hash_table_iter_init (&iter, self->symbols);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        bourse_market_source_subscribe_trades (self->source, key);
    }
  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    bourse_bar_feed_set_source (((Entry *) value)->feed, source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * bourse_market_data_get_feed:
 *
 * Returns: (transfer full) (nullable): the feed of @symbol at @resolution,
 *   shared with everyone else holding it; %NULL with @error for a resolution
 *   that is not one
 */
BourseBarFeed *
bourse_market_data_get_feed (BourseMarketData  *self,
                             const char        *symbol,
                             const char        *resolution,
                             GError           **error)
{
  g_autofree char *key = NULL;
  Entry *entry;
  BourseBarFeed *feed;

  g_return_val_if_fail (BOURSE_IS_MARKET_DATA (self), NULL);
  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  key = g_strdup_printf ("%s\n%s", symbol, resolution ? resolution : "");
  entry = g_hash_table_lookup (self->feeds, key);
  if (entry != NULL)
    return g_object_ref (entry->feed);

  feed = bourse_bar_feed_new (symbol, resolution, error);
  if (feed == NULL)
    return NULL;
  entry = g_new0 (Entry, 1);
  entry->self = self;
  entry->feed = feed;
  entry->symbol = g_strdup (symbol);
  g_object_weak_ref (G_OBJECT (feed), feed_finalized_cb, entry);
  {
    Session *session = g_hash_table_lookup (self->sessions, symbol);

    if (session != NULL)
      bourse_bar_feed_set_session (feed, &session->rule);
  }
  choose_base (self, feed);
  g_hash_table_insert (self->feeds, g_steal_pointer (&key), entry);
  symbol_ref (self, symbol);
  bourse_bar_feed_set_source (feed, self->source);
  return feed;
}

/**
 * bourse_market_data_set_session:
 * @session: the symbol's regular session ("24x7", "0930-1600", "1700-1700")
 * @time_zone: (nullable): its IANA time zone; %NULL for UTC
 *
 * Live bars of @symbol are bucketed by this session from now on (its feeds
 * now and later), so they join the broker's history without a seam.
 * Returns: %FALSE with @error when @session or @time_zone is not one
 */
gboolean
bourse_market_data_set_session (BourseMarketData  *self,
                                const char        *symbol,
                                const char        *session,
                                const char        *time_zone,
                                GError           **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  Session *parsed;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BOURSE_IS_MARKET_DATA (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);

  if (time_zone != NULL && (zone = g_time_zone_new_identifier (time_zone)) == NULL)
    {
      g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
                   "“%s” is not a time zone", time_zone);
      return FALSE;
    }
  parsed = g_new0 (Session, 1);
  if (!bourse_trading_session_parse (session, zone, &parsed->rule, error))
    {
      g_free (parsed);
      return FALSE;
    }
  if (parsed->rule.time_zone != NULL)
    g_time_zone_ref (parsed->rule.time_zone);
  g_hash_table_replace (self->sessions, g_strdup (symbol), parsed);

  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (((Entry *) value)->symbol, symbol))
      bourse_bar_feed_set_session (((Entry *) value)->feed, &parsed->rule);
  return TRUE;
}

/**
 * bourse_market_data_set_resolutions:
 * @resolutions: (nullable) (array zero-terminated=1): the resolutions the
 *   broker serves for @symbol ("1", "60", "1D"…); %NULL when it does not say
 *
 * Feeds of @symbol at another resolution are built from the coarsest of
 * these that can build them (now and later).
 */
void
bourse_market_data_set_resolutions (BourseMarketData   *self,
                                    const char         *symbol,
                                    const char * const *resolutions)
{
  const char * const *known;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (BOURSE_IS_MARKET_DATA (self));
  g_return_if_fail (symbol != NULL);

  known = g_hash_table_lookup (self->resolutions, symbol);
  if (known == resolutions ||
      (known != NULL && resolutions != NULL && g_strv_equal (known, resolutions)))
    return;
  if (resolutions != NULL)
    g_hash_table_replace (self->resolutions, g_strdup (symbol), g_strdupv ((char **) resolutions));
  else
    g_hash_table_remove (self->resolutions, symbol);

  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (((Entry *) value)->symbol, symbol))
      choose_base (self, ((Entry *) value)->feed);
  g_signal_emit (self, signals[RESOLUTIONS_CHANGED], 0, symbol);
}

/**
 * bourse_market_data_get_resolutions:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): what the
 *   broker serves for @symbol, %NULL while unknown
 */
const char * const *
bourse_market_data_get_resolutions (BourseMarketData *self,
                                    const char       *symbol)
{
  g_return_val_if_fail (BOURSE_IS_MARKET_DATA (self), NULL);
  return symbol ? g_hash_table_lookup (self->resolutions, symbol) : NULL;
}

/**
 * bourse_market_data_add_trade:
 *
 * Routes one trade to every feed of @symbol.
 * Returns: the number of feeds whose bars changed
 */
guint
bourse_market_data_add_trade (BourseMarketData *self,
                              const char       *symbol,
                              gint64            time,
                              double            price,
                              double            size)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;
  guint changed = 0;

  g_return_val_if_fail (BOURSE_IS_MARKET_DATA (self), 0);
  g_return_val_if_fail (symbol != NULL, 0);

  /* Collect first: an observer of ::updated may drop or take feeds. */
  g_hash_table_iter_init (&iter, self->feeds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (((Entry *) value)->symbol, symbol))
      g_ptr_array_add (feeds, g_object_ref (((Entry *) value)->feed));
  for (guint i = 0; i < feeds->len; i++)
    changed += bourse_bar_feed_add_trade (g_ptr_array_index (feeds, i), time, price, size);
  return changed;
}
