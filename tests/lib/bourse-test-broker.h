/* bourse-test-broker.h — test support: the demo broker in a thread, faults, and loop helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bourse-demo-broker.h"

G_BEGIN_DECLS

typedef struct
{
  BourseDemoBroker *broker;
  char             *url;
} BourseTestBroker;

/* Starts a seeded demo broker on 127.0.0.1, port 0, in its own thread. */
BourseTestBroker *bourse_test_broker_start     (guint64           seed);
void              bourse_test_broker_stop      (BourseTestBroker *self);
/* POST /_faults with @form ("latency-ms=200&http500-fraction=0.3"); blocks: call
 * it only while no async call of this thread needs the loop. */
void              bourse_test_broker_set_faults (BourseTestBroker *self,
                                                 const char       *form);

typedef gboolean (*BourseTestCondition) (gpointer user_data);

/* Iterates the default main context until @condition holds or @timeout_ms
 * passes; returns whether it holds. */
gboolean          bourse_test_wait_until        (BourseTestCondition condition,
                                                 gpointer            user_data,
                                                 guint               timeout_ms);
/* Iterates the default main context for @ms. */
void              bourse_test_spin              (guint               ms);

/* For _async/_finish pairs in tests: pass bourse_test_await_cb and &slot. */
void              bourse_test_await_cb          (GObject      *object,
                                                 GAsyncResult *result,
                                                 gpointer      user_data);
GAsyncResult     *bourse_test_await             (GAsyncResult **slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseTestBroker, bourse_test_broker_stop)

G_END_DECLS
