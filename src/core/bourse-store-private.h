/* bourse-store-private.h — wiring a BourseBrokerStore to a given price stream, for benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-store.h"
#include "bourse-stream.h"

G_BEGIN_DECLS

/* Applies @stream's price messages to the store's subscribed quotes and depth,
 * exactly as the store's own price stream does (feed it with _bourse_stream_feed). */
void _bourse_broker_store_attach_price_stream (BourseBrokerStore *self,
                                               BourseStream      *stream);

G_END_DECLS
