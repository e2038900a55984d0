/* bourse-market-source.h — what live bars need from a broker: history and trades
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An interface so that the studies library (which owns live bars) can be fed
 * by the broker library without either depending on the other: the broker's
 * store implements it; BourseMarketData in studies consumes it.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-bars.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_MARKET_SOURCE (bourse_market_source_get_type ())

G_DECLARE_INTERFACE (BourseMarketSource, bourse_market_source, BOURSE, MARKET_SOURCE, GObject)

struct _BourseMarketSourceInterface
{
  GTypeInterface parent_iface;

  void        (*fetch_history_async)  (BourseMarketSource   *self,
                                       const char           *symbol,
                                       const char           *resolution,
                                       gint64                from,
                                       gint64                to,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  BourseBars *(*fetch_history_finish) (BourseMarketSource   *self,
                                       GAsyncResult         *result,
                                       GError              **error);
  void        (*subscribe_trades)     (BourseMarketSource   *self,
                                       const char           *symbol);
  void        (*unsubscribe_trades)   (BourseMarketSource   *self,
                                       const char           *symbol);
};

void        bourse_market_source_fetch_history_async  (BourseMarketSource   *self,
                                                       const char           *symbol,
                                                       const char           *resolution,
                                                       gint64                from,
                                                       gint64                to,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
BourseBars *bourse_market_source_fetch_history_finish (BourseMarketSource   *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void        bourse_market_source_subscribe_trades     (BourseMarketSource   *self,
                                                       const char           *symbol);
void        bourse_market_source_unsubscribe_trades   (BourseMarketSource   *self,
                                                       const char           *symbol);
void        bourse_market_source_emit_trade           (BourseMarketSource   *self,
                                                       const char           *symbol,
                                                       gint64                time,
                                                       double                price,
                                                       double                size);

G_END_DECLS
