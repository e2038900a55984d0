/* bourse-test-broker.h — test support: the demo broker in a thread, faults, and a store on it (GLib only)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bourse-broker-client.h"
#include "bourse-demo-broker.h"
#include "bourse-store.h"
#include "bourse-test-wait.h"

G_BEGIN_DECLS

typedef struct
{
  BourseDemoBroker *broker;
  char             *url;
} BourseTestBroker;

/* Starts a seeded demo broker on 127.0.0.1, port 0, in its own thread. */
BourseTestBroker *bourse_test_broker_start     (guint64           seed);
/* The same with the account flags named in @flags_off (NULL-terminated, or
 * NULL) turned off, as a broker that does not support them answers. */
BourseTestBroker *bourse_test_broker_start_with_flags_off (guint64             seed,
                                                           const char * const *flags_off);
void              bourse_test_broker_stop      (BourseTestBroker *self);
/* POST /_faults with @form ("latency-ms=200&http500-fraction=0.3"); blocks: call
 * it only while no async call of this thread needs the loop. */
void              bourse_test_broker_set_faults (BourseTestBroker *self,
                                                 const char       *form);

/* Starts @store (bourse_broker_store_start_async) and waits until it is LIVE. */
void              bourse_test_store_start_live  (BourseBrokerStore *store);
/* Stops the store in *@store, drops it and waits until it is finalized. */
void              bourse_test_store_stop        (BourseBrokerStore **store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseTestBroker, bourse_test_broker_stop)

G_END_DECLS
