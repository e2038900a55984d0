/* bourse-demo-broker.h — the demo paper-trading broker as an embeddable HTTP server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves the TradingView broker REST API (docs/api-profile.md) on loopback
 * from a seeded price simulator and a matching engine.
 *
 * Two ways to run it:
 *  - bourse_demo_broker_start() serves from the caller's thread-default
 *    GMainContext (the executable does this);
 *  - bourse_demo_broker_start_in_thread() serves from a thread of its own with
 *    its own GMainContext, and returns once it listens (the app and the tests
 *    do this; it never touches the caller's main loop). Until
 *    bourse_demo_broker_stop() only get_uri(), get_port() and
 *    get_stream_count() may be called on the object from other threads;
 *    change faults at run time with `POST /_faults` instead of set_fault().
 *
 * The URI has no trailing slash (`http://127.0.0.1:PORT`); endpoint paths
 * are appended as is (`…/authorize`). A doubled slash is tolerated.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_DEMO_BROKER (bourse_demo_broker_get_type ())

G_DECLARE_FINAL_TYPE (BourseDemoBroker, bourse_demo_broker, BOURSE, DEMO_BROKER, GObject)

BourseDemoBroker *bourse_demo_broker_new             (guint64            seed,
                                                      const char        *state_file);
gboolean          bourse_demo_broker_set_fault       (BourseDemoBroker  *self,
                                                      const char        *name,
                                                      const char        *value,
                                                      GError           **error);
gboolean          bourse_demo_broker_set_account_flag (BourseDemoBroker *self,
                                                      const char        *flag,
                                                      gboolean           value,
                                                      GError           **error);
gboolean          bourse_demo_broker_start           (BourseDemoBroker  *self,
                                                      const char        *listen_address,
                                                      guint              port,
                                                      GError           **error);
gboolean          bourse_demo_broker_start_in_thread (BourseDemoBroker  *self,
                                                      const char        *listen_address,
                                                      guint              port,
                                                      GError           **error);
const char       *bourse_demo_broker_get_uri         (BourseDemoBroker  *self);
gboolean          bourse_demo_broker_address_is_loopback (const char   *address);
guint             bourse_demo_broker_get_port        (BourseDemoBroker  *self);
guint             bourse_demo_broker_get_stream_count (BourseDemoBroker *self);
void              bourse_demo_broker_set_recover     (BourseDemoBroker  *self,
                                                      gboolean           recover);
gboolean          bourse_demo_broker_save_state      (BourseDemoBroker  *self,
                                                      GError           **error);
void              bourse_demo_broker_stop            (BourseDemoBroker  *self);

G_END_DECLS
