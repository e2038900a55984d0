/* bourse-store-market.c — the broker store as the source of history and trades for live bars
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The studies library owns live bars (BourseMarketData, BourseBarFeed) but
 * knows nothing of brokers; it sees the store through BourseMarketSource.
 * History is the store's /history request. Trades are the subscribed quotes'
 * last prices: each change of a quote's `last` is one trade at the quote's
 * time (the Broker API streams quotes, and trades only when a broker has them).
 */
#include "config.h"

#include "bourse-store-private.h"

static void
quote_last_changed_cb (BourseQuote       *quote,
                       GParamSpec        *pspec,
                       BourseBrokerStore *self)
{
  const char *symbol = bourse_quote_get_symbol (quote);
  double last = bourse_quote_get_last (quote);
  gint64 time = bourse_quote_get_time (quote);

  if (symbol == NULL || !(last > 0) ||
      !g_hash_table_contains (_bourse_broker_store_get_trade_subscriptions (self), symbol))
    return;
  if (time <= 0)
    time = g_get_real_time () / G_USEC_PER_SEC;
  bourse_market_source_emit_trade (BOURSE_MARKET_SOURCE (self), symbol, time, last, 0);
}

static void
store_fetch_history_async (BourseMarketSource  *source,
                           const char          *symbol,
                           const char          *resolution,
                           gint64               from,
                           gint64               to,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  bourse_broker_store_fetch_history_async (BOURSE_BROKER_STORE (source), symbol, resolution, from, to,
                                           cancellable, callback, user_data);
}

static BourseBars *
store_fetch_history_finish (BourseMarketSource  *source,
                            GAsyncResult        *result,
                            GError             **error)
{
  return bourse_broker_store_fetch_history_finish (BOURSE_BROKER_STORE (source), result, error);
}

static void
store_subscribe_trades (BourseMarketSource *source,
                        const char         *symbol)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (source);
  BourseQuote *quote;

  if (!_bourse_broker_store_subscription_ref (_bourse_broker_store_get_trade_subscriptions (self), symbol))
    return;
  bourse_broker_store_subscribe_quotes (self, symbol);
  quote = bourse_broker_store_lookup_quote (self, symbol);
  if (quote != NULL)
    g_signal_connect_object (quote, "notify::last", G_CALLBACK (quote_last_changed_cb), self, 0);
}

static void
store_unsubscribe_trades (BourseMarketSource *source,
                          const char         *symbol)
{
  BourseBrokerStore *self = BOURSE_BROKER_STORE (source);
  BourseQuote *quote;

  if (!_bourse_broker_store_subscription_unref (_bourse_broker_store_get_trade_subscriptions (self), symbol))
    return;
  quote = bourse_broker_store_lookup_quote (self, symbol);
  if (quote != NULL)
    g_signal_handlers_disconnect_by_data (quote, self);  /* the store connects nothing else to a quote */
  bourse_broker_store_unsubscribe_quotes (self, symbol);
}

void
_bourse_broker_store_market_source_init (BourseMarketSourceInterface *iface)
{
  iface->fetch_history_async = store_fetch_history_async;
  iface->fetch_history_finish = store_fetch_history_finish;
  iface->subscribe_trades = store_subscribe_trades;
  iface->unsubscribe_trades = store_unsubscribe_trades;
}
