/* test-ticket-layout.c — the ticket's submit button stays in view on a small screen, for every order type
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window at 1280×800 (what CI's Xvfb screen is): for each order
 * type the submit button must lie wholly inside the window and inside every
 * scrolled window around it, so a trader never has to scroll to place an
 * order. Screenshots go to $BOURSE_SCREENSHOT_DIR when it is set.
 */
#include "config.h"

#include "bourse-application.h"
#include "bourse-test-ui.h"
#include "bourse-window-private.h"

#define SCREEN_WIDTH  1280
#define SCREEN_HEIGHT 800

typedef struct
{
  BourseApplication *app;
  BourseWindow      *window;
} Fixture;

/* Fails unless @widget's bounds lie wholly inside @area's allocation. */
static void
assert_inside (GtkWidget  *widget,
               GtkWidget  *area,
               const char *what)
{
  graphene_rect_t bounds;
  double width = gtk_widget_get_width (area);
  double height = gtk_widget_get_height (area);

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  g_test_message ("%s: submit button at %.0f,%.0f %.0fx%.0f in %s of %.0fx%.0f",
                  what, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                  G_OBJECT_TYPE_NAME (area), width, height);
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
}

static void
test_submit_button_visible (gconstpointer data)
{
  const Fixture *fixture = data;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  BourseOrderTicket *ticket = fixture->window->order_ticket;
  GtkWidget *submit = bourse_test_find_action_button (GTK_WIDGET (ticket), "ticket.submit");
  static const BourseOrderType types[] = {
    BOURSE_ORDER_TYPE_MARKET, BOURSE_ORDER_TYPE_LIMIT, BOURSE_ORDER_TYPE_STOP, BOURSE_ORDER_TYPE_STOP_LIMIT,
  };

  g_assert_nonnull (submit);
  WAIT_UNTIL (gtk_widget_get_mapped (window), 15);
  gtk_test_widget_wait_for_draw (window);
  /* the window fits the screen: otherwise "inside the window" would prove nothing */
  g_assert_cmpint (gtk_widget_get_width (window), <=, SCREEN_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (window), <=, SCREEN_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const char *name = bourse_order_type_to_string (types[i]);
      g_autofree char *png = g_strdup_printf ("ticket-layout-%s-%dx%d.png", name, SCREEN_WIDTH, SCREEN_HEIGHT);

      bourse_order_ticket_set_order_type (ticket, types[i]);
      g_assert_cmpint (bourse_order_ticket_get_order_type (ticket), ==, types[i]);
      /* laid out and painted with the new type's fields */
      bourse_test_wait_for_frame (window);

      g_assert_true (gtk_widget_get_mapped (submit));
      g_assert_true (gtk_widget_get_child_visible (submit));
      assert_inside (submit, window, name);
      /* and not scrolled away inside any scrolled window around it */
      for (GtkWidget *ancestor = gtk_widget_get_parent (submit); ancestor; ancestor = gtk_widget_get_parent (ancestor))
        if (GTK_IS_SCROLLED_WINDOW (ancestor))
          assert_inside (submit, ancestor, name);
      bourse_test_save_screenshot (window, png);
    }
}

int
main (int   argc,
      char *argv[])
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  fixture.app = bourse_application_new ();
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (fixture.app), NULL, &error));
  g_assert_no_error (error);

  /* the size CI's screen allows, as a saved window size would restore it */
  g_settings_set_int (bourse_settings_get_gsettings (bourse_application_get_settings (fixture.app)),
                      BOURSE_SETTINGS_KEY_WINDOW_WIDTH, SCREEN_WIDTH);
  g_settings_set_int (bourse_settings_get_gsettings (bourse_application_get_settings (fixture.app)),
                      BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, SCREEN_HEIGHT);
  g_application_activate (G_APPLICATION (fixture.app));
  fixture.window = BOURSE_WINDOW (gtk_application_get_windows (GTK_APPLICATION (fixture.app))->data);
  /* the ticket is the sidebar's "trading" panel */
  _bourse_window_show_panel (fixture.window, "trading");

  g_test_add_data_func ("/Bourse/UI/TicketLayout/submit-button-visible", &fixture, test_submit_button_visible);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (fixture.app)) == NULL, 15);
  g_object_unref (fixture.app);
  return status;
}
