/* bourse-test-wait.h — test support: waiting on the main loop, for every test (GLib only)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Waits are event-driven with generous bounds: the machines the tests run on
 * are slow and shared, so nothing here sleeps for a fixed time and then looks.
 * No GTK: the library tests link this through bourse-test-broker, the UI
 * tests through bourse-test-ui.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean          bourse_test_wake_cb           (gpointer user_data);

/* Spins the main loop until @cond holds; fails the test after @seconds. The
 * 20 ms wake-up only re-checks @cond: it decides nothing. */
#define WAIT_UNTIL(cond, seconds)                                                        \
  G_STMT_START {                                                                         \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) (seconds) * G_USEC_PER_SEC;    \
    guint wake_id_ = g_timeout_add (20, bourse_test_wake_cb, NULL);                      \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > deadline_)                                         \
          g_error ("Timed out after %d s waiting for %s", (int) (seconds), #cond);       \
        g_main_context_iteration (NULL, TRUE);                                           \
      }                                                                                  \
    g_source_remove (wake_id_);                                                          \
  } G_STMT_END

typedef gboolean (*BourseTestCondition) (gpointer user_data);

/* Iterates the default main context until @condition holds or @timeout_ms
 * passes; returns whether it holds (for the callers that expect it may not). */
gboolean          bourse_test_wait_until        (BourseTestCondition condition,
                                                 gpointer            user_data,
                                                 guint               timeout_ms);
/* Runs the main loop for @ms. Only for letting time pass on purpose (a
 * latency measurement, a debounce under test), never to wait for a result. */
void              bourse_test_spin              (guint               ms);
/* Returns once the main loop has run everything that was ready or queued as
 * an idle (up to G_PRIORITY_LOW) when it was called: "the app has decided". */
void              bourse_test_wait_idle         (void);

/* Drops the reference in *@object_slot (and clears it), then waits until the
 * object is finalized (calls in flight hold it until their cancellation is
 * delivered); fails the test after @timeout_ms. */
void              bourse_test_unref_and_wait_finalized (gpointer *object_slot,
                                                        guint     timeout_ms);

/* For _async/_finish pairs in tests: pass bourse_test_await_cb and &slot,
 * then finish with AWAIT (slot). Fails the test after 45 s. */
void              bourse_test_await_cb          (GObject      *object,
                                                 GAsyncResult *result,
                                                 gpointer      user_data);
GAsyncResult     *bourse_test_await             (GAsyncResult **slot);
#define AWAIT(slot) bourse_test_await (&(slot))

G_END_DECLS
