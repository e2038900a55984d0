/* bourse-test-broker.c — test support: the demo broker in a thread, faults, and loop helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bourse-test-broker.h"

BourseTestBroker *
bourse_test_broker_start (guint64 seed)
{
  BourseTestBroker *self = g_new0 (BourseTestBroker, 1);
  g_autoptr(GError) error = NULL;

  self->broker = bourse_demo_broker_new (seed, NULL);
  bourse_demo_broker_start_in_thread (self->broker, "127.0.0.1", 0, &error);
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
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;
  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
bourse_test_wait_until (BourseTestCondition condition,
                        gpointer            user_data,
                        guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, flag_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (user_data);
}

void
bourse_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
bourse_test_await_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

GAsyncResult *
bourse_test_await (GAsyncResult **slot)
{
  /* Bounded: meson's test timeout is the backstop, this gives a clear message first. */
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (45, flag_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (*slot == NULL)
    g_error ("an async call did not finish within 45 s");
  g_source_remove (id);
  return *slot;
}
