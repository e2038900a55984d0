/* bourse-market-source.c — the history-and-trades interface and its ::trade signal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-market-source.h"

G_DEFINE_INTERFACE (BourseMarketSource, bourse_market_source, G_TYPE_OBJECT)

enum { TRADE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
bourse_market_source_default_init (BourseMarketSourceInterface *iface)
{
  /**
   * BourseMarketSource::trade:
   * @symbol: the symbol traded (only subscribed symbols are reported)
   * @time: UNIX seconds of the trade (or quote)
   * @price: the traded (last) price
   * @size: the traded size; 0 when the broker gives no size
   */
  signals[TRADE] = g_signal_new ("trade", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                 G_TYPE_STRING, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

void
bourse_market_source_fetch_history_async (BourseMarketSource  *self,
                                          const char          *symbol,
                                          const char          *resolution,
                                          gint64               from,
                                          gint64               to,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (BOURSE_IS_MARKET_SOURCE (self));
  BOURSE_MARKET_SOURCE_GET_IFACE (self)->fetch_history_async (self, symbol, resolution, from, to,
                                                              cancellable, callback, user_data);
}

BourseBars *
bourse_market_source_fetch_history_finish (BourseMarketSource  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_return_val_if_fail (BOURSE_IS_MARKET_SOURCE (self), NULL);
  return BOURSE_MARKET_SOURCE_GET_IFACE (self)->fetch_history_finish (self, result, error);
}

void
bourse_market_source_subscribe_trades (BourseMarketSource *self,
                                       const char         *symbol)
{
  g_return_if_fail (BOURSE_IS_MARKET_SOURCE (self));
  BOURSE_MARKET_SOURCE_GET_IFACE (self)->subscribe_trades (self, symbol);
}

void
bourse_market_source_unsubscribe_trades (BourseMarketSource *self,
                                         const char         *symbol)
{
  g_return_if_fail (BOURSE_IS_MARKET_SOURCE (self));
  BOURSE_MARKET_SOURCE_GET_IFACE (self)->unsubscribe_trades (self, symbol);
}

void
bourse_market_source_emit_trade (BourseMarketSource *self,
                                 const char         *symbol,
                                 gint64              time,
                                 double              price,
                                 double              size)
{
  g_return_if_fail (BOURSE_IS_MARKET_SOURCE (self));
  g_signal_emit (self, signals[TRADE], 0, symbol, time, price, size);
}
