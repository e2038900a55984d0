/* bourse-store-private.h — wiring a BourseBrokerStore to a given price stream or network monitor, for benchmarks and tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-store.h"
#include "bourse-stream.h"
#include "bourse-market-source.h"

G_BEGIN_DECLS

/* Tests: watch @monitor instead of the default GNetworkMonitor (before start). */
void _bourse_broker_store_set_network_monitor (BourseBrokerStore *self,
                                               GNetworkMonitor   *monitor);
/* Tests: the reconnect backoff of the streams the store opens from now on. */
void _bourse_broker_store_set_stream_backoff  (BourseBrokerStore *self,
                                               guint              initial_ms,
                                               guint              max_ms);

/* bourse-store-market.c: the store as a BourseMarketSource (history + trades). */
void        _bourse_broker_store_market_source_init      (BourseMarketSourceInterface *iface);
GHashTable *_bourse_broker_store_get_trade_subscriptions (BourseBrokerStore           *self);

G_END_DECLS
