/* bourse-test-wait.c — test support: waiting on the main loop, for every test (GLib only)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-test-wait.h"

gboolean
bourse_test_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
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
bourse_test_wait_idle (void)
{
  gboolean ran = FALSE;

  /* Sources of one priority run in the order they were added, and a
   * lower-priority one only when no higher one is ready: once this idle ran,
   * so did every idle and timeout due that was queued before it. */
  g_idle_add_full (G_PRIORITY_LOW, flag_cb, &ran, NULL);
  WAIT_UNTIL (ran, 30);
}

static gboolean
is_null_cb (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

void
bourse_test_unref_and_wait_finalized (gpointer *object_slot,
                                      guint     timeout_ms)
{
  gpointer weak = *object_slot;

  g_assert_true (G_IS_OBJECT (weak));
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (object_slot);
  g_assert_true (bourse_test_wait_until (is_null_cb, &weak, timeout_ms));
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
