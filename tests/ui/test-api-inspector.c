/* test-api-inspector.c — the Broker API inspector keeps what a broker engineer checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-api-exchange-private.h"
#include "bourse-api-inspector.h"
#include "bourse-test-ui.h"

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
  view = GTK_COLUMN_VIEW (bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_COLUMN_VIEW, 0));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n_entries);
  streams = NULL;
  for (GtkWidget *w = bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_TOGGLE_BUTTON, 0); w; w = gtk_widget_get_next_sibling (w))
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

/* Newest first, and the list stays on the newest entry while the user has
 * not scrolled away; once they have, new entries leave them where they are. */
static void
test_follows_newest (void)
{
  BourseApiInspector *inspector = g_object_new (BOURSE_TYPE_API_INSPECTOR, NULL);
  GtkWindow *window = bourse_test_present_window (GTK_WIDGET (inspector), 900, 300);
  GtkScrolledWindow *scroll;
  GtkAdjustment *adjustment;
  double upper;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/request/%u", i);
      g_autoptr(BourseApiExchange) exchange = rest_exchange (path);

      bourse_api_inspector_add_exchange (inspector, exchange);
      if (i % 10 == 0)
        bourse_test_wait_for_frame (GTK_WIDGET (inspector));
    }

  scroll = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_COLUMN_VIEW, 0),
                                                         GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroll);
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment), 15);
  WAIT_UNTIL (gtk_adjustment_get_value (adjustment) == gtk_adjustment_get_lower (adjustment), 15);
  bourse_test_wait_idle ();

  /* the user scrolls down to read an older one */
  gtk_adjustment_set_value (adjustment, 300);
  bourse_test_wait_idle ();
  upper = gtk_adjustment_get_upper (adjustment);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(BourseApiExchange) exchange = rest_exchange ("/later");

      bourse_api_inspector_add_exchange (inspector, exchange);
    }
  /* the list has laid the new rows out (it grew) and painted: where it
   * stands now is what it decided */
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > upper, 15);
  /* a scroll back would be queued in a low-priority idle after the frame and
   * take effect at the next layout: let both happen */
  bourse_test_wait_idle ();
  bourse_test_wait_for_frame (GTK_WIDGET (inspector));
  bourse_test_wait_idle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, gtk_adjustment_get_lower (adjustment));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The inspector is a panel of the right sidebar (340 px by default): at that
 * width and at a wide one, the list and the details (the bodies and "Copy as
 * curl") both get room and stay inside the panel. */
static void
check_layout_at (int width)
{
  BourseApiInspector *inspector = g_object_new (BOURSE_TYPE_API_INSPECTOR, NULL);
  GtkWindow *window = bourse_test_present_window (GTK_WIDGET (inspector), width, 700);
  GtkWidget *list = NULL;
  GtkWidget *details = bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_TEXT_VIEW, 0);
  GtkWidget *copy_curl = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  graphene_rect_t bounds;
  g_autofree char *name = g_strdup_printf ("api-inspector-%d.png", width);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/accounts/D1/orders/%u", i);
      g_autoptr(BourseApiExchange) exchange = rest_exchange (path);

      bourse_api_inspector_add_exchange (inspector, exchange);
    }
  {
    g_autoptr(BourseApiExchange) shown = g_list_model_get_item (bourse_api_inspector_get_entries (inspector), 3);

    bourse_api_inspector_select (inspector, shown);
  }
  list = gtk_widget_get_ancestor (bourse_test_find_descendant (GTK_WIDGET (inspector), GTK_TYPE_COLUMN_VIEW, 0),
                                  GTK_TYPE_SCROLLED_WINDOW);
  buttons = bourse_test_list_descendants (GTK_WIDGET (inspector), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "Copy as curl") == 0)
      copy_curl = buttons->pdata[i];
  g_assert_nonnull (list);
  g_assert_nonnull (details);
  g_assert_nonnull (copy_curl);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (inspector)) > 0, 15);
  bourse_test_wait_for_frame (GTK_WIDGET (inspector));
  g_test_message ("%d px: inspector %d×%d, list %d×%d, details %d×%d", width,
                  gtk_widget_get_width (GTK_WIDGET (inspector)), gtk_widget_get_height (GTK_WIDGET (inspector)),
                  gtk_widget_get_width (list), gtk_widget_get_height (list),
                  gtk_widget_get_width (details), gtk_widget_get_height (details));

  /* It fits the panel it was given. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (inspector)), <=, width);
  /* The list shows rows, the details show the bodies. */
  g_assert_cmpint (gtk_widget_get_height (list), >=, 150);
  g_assert_cmpint (gtk_widget_get_width (list), >=, width / 2);
  g_assert_cmpint (gtk_widget_get_height (details), >=, 150);
  g_assert_cmpint (gtk_widget_get_width (details), >=, width / 2);
  g_assert_true (gtk_widget_get_mapped (details));
  /* "Copy as curl" is on screen, wholly inside the panel. */
  g_assert_true (gtk_widget_get_mapped (copy_curl));
  g_assert_true (gtk_widget_compute_bounds (copy_curl, GTK_WIDGET (inspector), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (inspector)));

  bourse_test_save_screenshot (GTK_WIDGET (window), name);
  gtk_window_destroy (window);
}

static void
test_fits_sidebar (void)
{
  check_layout_at (340);
  check_layout_at (900);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/UI/Inspector/stream-messages-make-room", test_stream_messages_make_room);
  g_test_add_func ("/Bourse/UI/Inspector/follows-newest", test_follows_newest);
  g_test_add_func ("/Bourse/UI/Inspector/fits-sidebar", test_fits_sidebar);
  return g_test_run ();
}
