/* test-api-inspector.c — the Broker API inspector keeps what a broker engineer checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-api-exchange-private.h"
#include "bourse-api-inspector.h"

static BourseApiExchange *
rest_exchange (const char *path)
{
  BourseApiExchange *exchange = _bourse_api_exchange_new (BOURSE_API_EXCHANGE_REST, "GET",
                                                          "http://127.0.0.1:1", path, NULL, TRUE);

  _bourse_api_exchange_complete (exchange, 200, "{\"s\":\"ok\",\"d\":{}}", 17, NULL, NULL);
  return exchange;
}

static BourseApiExchange *
stream_message (guint n)
{
  g_autofree char *body = g_strdup_printf ("{\"f\":\"t\",\"id\":\"EURUSD\",\"p\":1.%05u,\"t\":1}", n % 100000);
  BourseApiExchange *exchange = _bourse_api_exchange_new (BOURSE_API_EXCHANGE_STREAM_MESSAGE, "GET",
                                                          "http://127.0.0.1:1", "/streaming", NULL, TRUE);

  _bourse_api_exchange_complete (exchange, 200, body, strlen (body), NULL, NULL);
  return exchange;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
has_path (GListModel *model,
          const char *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BourseApiExchange) exchange = g_list_model_get_item (model, i);

      if (g_strcmp0 (bourse_api_exchange_get_path (exchange), path) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A fast stream must not push /config and /accounts out of the list. */
static void
test_stream_messages_make_room (void)
{
  BourseApiInspector *inspector = g_object_ref_sink (g_object_new (BOURSE_TYPE_API_INSPECTOR, NULL));
  GListModel *entries = bourse_api_inspector_get_entries (inspector);
  GtkToggleButton *streams;
  GtkColumnView *view;
  guint n_entries;

  for (const char *const *path = (const char *const[]) { "/config", "/accounts", NULL }; *path; path++)
    {
      g_autoptr(BourseApiExchange) exchange = rest_exchange (*path);

      bourse_api_inspector_add_exchange (inspector, exchange);
    }
  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr(BourseApiExchange) exchange = stream_message (i);

      bourse_api_inspector_add_exchange (inspector, exchange);
    }

  n_entries = g_list_model_get_n_items (entries);
  g_assert_cmpuint (n_entries, <=, 2000);
  g_assert_cmpuint (n_entries, >, 1000);
  g_assert_true (has_path (entries, "/config"));
  g_assert_true (has_path (entries, "/accounts"));

  /* "Stream Messages" off hides those already recorded, and records no more. */
  view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (inspector), GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n_entries);
  streams = NULL;
  for (GtkWidget *w = find_descendant (GTK_WIDGET (inspector), GTK_TYPE_TOGGLE_BUTTON); w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_TOGGLE_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Stream Messages") == 0)
      streams = GTK_TOGGLE_BUTTON (w);
  g_assert_nonnull (streams);
  gtk_toggle_button_set_active (streams, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 2);
  {
    g_autoptr(BourseApiExchange) exchange = stream_message (1);

    bourse_api_inspector_add_exchange (inspector, exchange);
  }
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, n_entries);
  gtk_toggle_button_set_active (streams, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n_entries);

  g_object_unref (inspector);
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Newest first, and the list stays on the newest entry while the user has
 * not scrolled away; once they have, new entries leave them where they are. */
static void
test_follows_newest (void)
{
  GtkWidget *window = gtk_window_new ();
  BourseApiInspector *inspector = g_object_new (BOURSE_TYPE_API_INSPECTOR, NULL);
  GtkScrolledWindow *scroll;
  GtkAdjustment *adjustment;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 300);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (inspector));
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/request/%u", i);
      g_autoptr(BourseApiExchange) exchange = rest_exchange (path);

      bourse_api_inspector_add_exchange (inspector, exchange);
      if (i % 10 == 0)
        spin_for (20);
    }
  spin_for (500);

  scroll = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (find_descendant (GTK_WIDGET (inspector), GTK_TYPE_COLUMN_VIEW),
                                                         GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroll);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment) &&
           g_get_monotonic_time () < deadline)
      spin_for (50);
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));

  /* the user scrolls down to read an older one */
  gtk_adjustment_set_value (adjustment, 300);
  spin_for (100);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(BourseApiExchange) exchange = rest_exchange ("/later");

      bourse_api_inspector_add_exchange (inspector, exchange);
    }
  spin_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_lower (adjustment));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/UI/Inspector/stream-messages-make-room", test_stream_messages_make_room);
  g_test_add_func ("/Bourse/UI/Inspector/follows-newest", test_follows_newest);
  return g_test_run ();
}
