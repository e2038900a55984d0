/* bourse-test-broker.c — test support: the demo broker in a thread, faults, and a store on it (GLib only)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bourse-test-broker.h"

BourseTestBroker *
bourse_test_broker_start (guint64 seed)
{
  return bourse_test_broker_start_with_flags_off (seed, NULL);
}

BourseTestBroker *
bourse_test_broker_start_with_flags_off (guint64             seed,
                                         const char * const *flags_off)
{
  BourseTestBroker *self = g_new0 (BourseTestBroker, 1);
  g_autoptr(GError) error = NULL;

  self->broker = bourse_demo_broker_new (seed, NULL);
  for (guint i = 0; flags_off != NULL && flags_off[i] != NULL; i++)
    {
      g_assert_true (bourse_demo_broker_set_account_flag (self->broker, flags_off[i], FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bourse_demo_broker_start_in_thread (self->broker, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  self->url = g_strdup (bourse_demo_broker_get_uri (self->broker));
  g_assert_nonnull (self->url);
  return self;
}

void
bourse_test_broker_stop (BourseTestBroker *self)
{
  if (self == NULL)
    return;
  bourse_demo_broker_stop (self->broker);
  g_clear_object (&self->broker);
  g_free (self->url);
  g_free (self);
}

void
bourse_test_broker_set_faults (BourseTestBroker *self,
                               const char       *form)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (self->url, "/_faults", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_set_proxy_resolver (session, NULL);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  /* The broker serves from its own thread, so a blocking call here is safe. */
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static gboolean
store_live_cb (gpointer user_data)
{
  return bourse_broker_store_get_connection_state (user_data) == BOURSE_CONNECTION_STATE_LIVE;
}

void
bourse_test_store_start_live (BourseBrokerStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bourse_broker_store_start_async (store, NULL, NULL, bourse_test_await_cb, &result);
  g_assert_true (bourse_broker_store_start_finish (store, AWAIT (result), &error));
  g_assert_no_error (error);
  g_assert_true (bourse_test_wait_until (store_live_cb, store, 5000));
}

void
bourse_test_store_stop (BourseBrokerStore **store)
{
  /* Calls in flight hold the store until their cancellation is delivered. */
  bourse_broker_store_stop (*store);
  bourse_test_unref_and_wait_finalized ((gpointer *) store, 5000);
}
