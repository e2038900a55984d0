/* bourse-bridge.h — BourseBridge: TradingView alert webhooks in, orders at the broker out
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer answering POST /webhook on a broker session (a started
 * BourseBrokerStore). Each alert goes through, in order: a body size cap
 * (413), the message grammar (400), the secret compared in constant time
 * (401), the ticker against the broker's instruments and the alert's age
 * against --max-lag (400), the idempotency key in the journal (a repeat
 * within 24 h is answered 200 with the original answer and places nothing),
 * the trading rules of BourseTrader (422 when they refuse), then the broker.
 * The answer goes out as soon as the broker accepts or refuses, or with 202
 * after 2.5 s while it is still going (TradingView gives up after 3 s). No
 * request that may have been acted on is ever answered 5xx, since TradingView
 * re-sends those. Every alert and decision is appended to the journal.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-bridge-journal.h"
#include "bourse-store.h"

G_BEGIN_DECLS

#define BOURSE_BRIDGE_MAX_BODY (64 * 1024)   /* bytes; larger alerts are answered 413 */
#define BOURSE_BRIDGE_REPLY_MS 2500          /* answer 202 after this while the broker is still busy */

#define BOURSE_TYPE_BRIDGE (bourse_bridge_get_type ())

G_DECLARE_FINAL_TYPE (BourseBridge, bourse_bridge, BOURSE, BRIDGE, GObject)

/* @store: started (its account and instruments known). */
BourseBridge *bourse_bridge_new          (BourseBrokerStore   *store,
                                          BourseBridgeJournal *journal,
                                          const char          *secret);
/* Validate, plan and log, but send nothing to the broker. */
void          bourse_bridge_set_dry_run  (BourseBridge        *self,
                                          gboolean             dry_run);
/* Refuse alerts whose time is more than @seconds old (and alerts without a
 * time); 0 (the default) accepts any age. */
void          bourse_bridge_set_max_lag  (BourseBridge        *self,
                                          guint                seconds);
/* Listens on @address, "IP:PORT" (port 0 picks a free one). */
gboolean      bourse_bridge_listen       (BourseBridge        *self,
                                          const char          *address,
                                          GError             **error);
/* The webhook URL, "http://IP:PORT/webhook"; NULL before listening. */
char         *bourse_bridge_dup_url      (BourseBridge        *self);
/* Stops listening; alerts being sent are still journaled when they end. */
void          bourse_bridge_stop         (BourseBridge        *self);

G_END_DECLS
