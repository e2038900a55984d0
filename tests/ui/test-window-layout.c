/* test-window-layout.c — the chart is the centre of the window; the sidebar and bottom panel fold and remember
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One application on the in-process demo broker.
 *
 * The chart's share is measured on real, realized windows at their default
 * size on a 1920×1080 and a 1280×800 screen: each screen is an Xvfb of that
 * size started by the test, opened as a second GdkDisplay, the window shown
 * on it, so the default size really comes from that monitor (meson test's
 * own Xvfb has one size only).
 *
 * The sidebar's strip and the bottom panel's tabs are driven by real clicks
 * (XTEST through xdotool) on a window on the test's display; what they leave
 * in GSettings (memory backend) must come back in a second window.
 */
#include "config.h"

#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static const char *const window_size_keys[] = {
  BOURSE_SETTINGS_KEY_WINDOW_WIDTH, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED,
  BOURSE_SETTINGS_KEY_SIDEBAR_PANEL, BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED, BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH,
  BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT,
};

static GSettings *
settings_of (Terminal *t)
{
  return bourse_settings_get_gsettings (bourse_application_get_settings (t->app));
}

/* A first start: nothing of the layout saved. */
static void
reset_layout (Terminal *t)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_size_keys); i++)
    g_settings_reset (settings_of (t), window_size_keys[i]);
}

static BourseWindow *
new_window (Terminal   *t,
            GdkDisplay *display)
{
  BourseWindow *window = bourse_window_new (GTK_APPLICATION (t->app), t->session,
                                            bourse_application_get_alert_manager (t->app));

  if (display)
    gtk_window_set_display (GTK_WINDOW (window), display);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window->chart_pane)), 15);
  bourse_test_wait_for_frame (GTK_WIDGET (window->chart_pane));
  return window;
}

static void
close_window (BourseWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  /* close, not destroy: closing is what saves the sizes */
  gtk_window_close (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL, 15);
}

/* An Xvfb screen of @width × @height; its display number comes back on -displayfd. */
static GSubprocess *
start_xvfb (int          width,
            int          height,
            GdkDisplay **display)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *screen = g_strdup_printf ("%dx%dx24", width, height);
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *xvfb;

  xvfb = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           "Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", screen, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (xvfb));
  number = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (number);
  name = g_strdup_printf (":%s", g_strstrip (number));
  *display = gdk_display_open (name);
  g_assert_nonnull (*display);
  /* What the application gives its own display (AdwApplication's style.css,
   * GtkApplication's icons), so the window is measured as it looks. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (*display, GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (*display), RESOURCE_PREFIX "/icons");
  }
  return xvfb;
}

/* The chart pane's share of the window at the default size on a @width × @height screen. */
static const char *const panels[] = { "watchlist", "trading", "alerts", "inspector" };

static void
check_chart_share (Terminal *t,
                   int       width,
                   int       height,
                   double    least)
{
  g_autoptr(GSubprocess) xvfb = NULL;
  g_autofree char *png = g_strdup_printf ("layout-%dx%d.png", width, height);
  GdkDisplay *display = NULL;
  BourseWindow *window;
  GdkRectangle monitor = { 0, 0, width, height };
  int expected_width, expected_height, default_width, default_height;
  double window_area, chart_area, share;
  graphene_rect_t bounds;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  reset_layout (t);
  xvfb = start_xvfb (width, height, &display);
  window = new_window (t, display);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window->chart_pane)) > 0, 15);
  bourse_test_wait_for_frame (GTK_WIDGET (window));

  /* the size came from that monitor */
  _bourse_window_default_size_for_monitor (&monitor, &expected_width, &expected_height);
  gtk_window_get_default_size (GTK_WINDOW (window), &default_width, &default_height);
  g_assert_cmpint (default_width, ==, expected_width);
  g_assert_cmpint (default_height, ==, expected_height);
  /* what is laid out: the default size less the client-side decoration's frame, if any */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, expected_width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, expected_width - 40);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, expected_height);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), >=, expected_height - 40);
  g_assert_cmpint (expected_width, <=, width);
  g_assert_cmpint (expected_height, <=, height);
  /* with the default panels: the watchlist open, the account manager folded */
  g_assert_cmpstr (_bourse_window_get_panel (window), ==, "watchlist");
  g_assert_true (bourse_account_manager_get_collapsed (window->account_manager));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->watchlist)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->account_manager)));

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (window->chart_pane), GTK_WIDGET (window), &bounds));
  window_area = (double) gtk_widget_get_width (GTK_WIDGET (window)) * gtk_widget_get_height (GTK_WIDGET (window));
  chart_area = (double) bounds.size.width * bounds.size.height;
  share = chart_area / window_area;
  g_test_message ("%d×%d screen: window %d×%d, chart %.0f×%.0f at (%.0f, %.0f): %.1f %% of the window",
                  width, height, gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  bounds.size.width, bounds.size.height, bounds.origin.x, bounds.origin.y, share * 100);
  g_assert_cmpfloat (share, >=, least);
  /* and the toolbar fits: the header bar is no wider than the window */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->connection_button)), >, 0);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (window->connection_button)));
  bourse_test_save_screenshot (GTK_WIDGET (window), png);

  /* every sidebar panel and the unfolded bottom panel fit that window too */
  bourse_account_manager_set_collapsed (window->account_manager, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      int min_width, min_height;

      _bourse_window_show_panel (window, panels[i]);
      bourse_test_wait_for_frame (GTK_WIDGET (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
      g_test_message ("with %s: the window needs at least %d×%d", panels[i], min_width, min_height);
      g_assert_cmpint (min_width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_cmpint (min_height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  gdk_display_close (display);
  g_subprocess_force_exit (xvfb);
  reset_layout (t);
}

static void
test_chart_share_1920 (gconstpointer data)
{
  check_chart_share ((Terminal *) data, 1920, 1080, 0.65);
}

static void
test_chart_share_1280 (gconstpointer data)
{
  check_chart_share ((Terminal *) data, 1280, 800, 0.55);
}

static void
click (GtkWidget *widget)
{
  bourse_test_pointer_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* The strip: a click shows a panel, a click on the open one folds the
 * sidebar, a click on another shows that one; the chart takes the room. */
static void
test_sidebar_strip (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *window;
  int chart_width;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  reset_layout (t);
  window = new_window (t, NULL);
  g_assert_true (bourse_test_require_xdotool (GTK_WIDGET (window)));
  g_assert_cmpstr (_bourse_window_get_panel (window), ==, "watchlist");
  g_assert_true (gtk_toggle_button_get_active (window->watchlist_strip_button));
  chart_width = gtk_widget_get_width (GTK_WIDGET (window->chart_pane));

  click (GTK_WIDGET (window->trading_strip_button));
  WAIT_UNTIL (g_strcmp0 (_bourse_window_get_panel (window), "trading") == 0, 15);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window->order_ticket)), 15);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->watchlist)));
  g_assert_true (gtk_toggle_button_get_active (window->trading_strip_button));
  g_assert_false (gtk_toggle_button_get_active (window->watchlist_strip_button));
  g_assert_cmpstr (g_settings_get_string (settings_of (t), BOURSE_SETTINGS_KEY_SIDEBAR_PANEL), ==, "trading");

  /* the open one again: folded to the strip, the chart is wider */
  click (GTK_WIDGET (window->trading_strip_button));
  WAIT_UNTIL (_bourse_window_get_panel (window) == NULL, 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (window->order_ticket)), 15);
  bourse_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_false (gtk_toggle_button_get_active (window->trading_strip_button));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->chart_pane)), >, chart_width + 150);
  g_assert_true (g_settings_get_boolean (settings_of (t), BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED));
  bourse_test_save_screenshot (GTK_WIDGET (window), "layout-sidebar-folded.png");

  /* another: unfolds on it */
  click (GTK_WIDGET (window->alerts_strip_button));
  WAIT_UNTIL (g_strcmp0 (_bourse_window_get_panel (window), "alerts") == 0, 15);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window->alerts_panel)), 15);
  g_assert_false (g_settings_get_boolean (settings_of (t), BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED));

  /* Ctrl+Shift+I's action shows the inspector in the sidebar, and hides it again */
  click (GTK_WIDGET (window->inspector_button));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window->api_inspector)), 15);
  g_assert_cmpstr (_bourse_window_get_panel (window), ==, "inspector");
  close_window (window);
  reset_layout (t);
}

/* The bottom panel folds to its tab row: a click on the shown tab or on
 * the fold button; a click on a tab unfolds it. */
static void
test_bottom_panel (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *window;
  g_autoptr(GPtrArray) tabs = NULL;
  GtkWidget *positions_tab = NULL, *orders_tab = NULL, *fold = NULL;
  int chart_height;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  reset_layout (t);
  window = new_window (t, NULL);
  g_assert_true (bourse_test_require_xdotool (GTK_WIDGET (window)));
  g_assert_true (bourse_account_manager_get_collapsed (window->account_manager));
  chart_height = gtk_widget_get_height (GTK_WIDGET (window->chart_pane));

  tabs = bourse_test_list_descendants (GTK_WIDGET (window->account_manager), GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < tabs->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (tabs, i);
      GtkWidget *label = bourse_test_find_descendant (button, GTK_TYPE_LABEL, 0);
      const char *text = label ? gtk_label_get_text (GTK_LABEL (label)) : NULL;

      if (g_strcmp0 (text, "Positions") == 0)
        positions_tab = button;
      else if (g_strcmp0 (text, "Orders") == 0)
        orders_tab = button;
      else if (label == NULL)
        fold = button;
    }
  g_assert_nonnull (positions_tab);
  g_assert_nonnull (orders_tab);
  g_assert_nonnull (fold);

  /* a tab: unfolded on it, the chart gives up the height */
  click (orders_tab);
  WAIT_UNTIL (!bourse_account_manager_get_collapsed (window->account_manager), 15);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (bourse_account_manager_get_orders_view (window->account_manager))), 15);
  bourse_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (bourse_account_manager_get_page (window->account_manager), ==, "orders");
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window->chart_pane)), <, chart_height - 100);
  g_assert_false (g_settings_get_boolean (settings_of (t), BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED));

  /* the shown tab again: folded, still on it */
  click (orders_tab);
  WAIT_UNTIL (bourse_account_manager_get_collapsed (window->account_manager), 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (bourse_account_manager_get_orders_view (window->account_manager))), 15);
  g_assert_cmpstr (bourse_account_manager_get_page (window->account_manager), ==, "orders");
  g_assert_true (g_settings_get_boolean (settings_of (t), BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED));
  bourse_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window->chart_pane)), ==, chart_height);

  /* the fold button: unfolds, and folds */
  click (fold);
  WAIT_UNTIL (!bourse_account_manager_get_collapsed (window->account_manager), 15);
  click (fold);
  WAIT_UNTIL (bourse_account_manager_get_collapsed (window->account_manager), 15);
  close_window (window);
  reset_layout (t);
}

/* What the trader left — panel, folds, sizes, window size — comes back in the next window. */
static void
test_state_persists (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *first, *second;
  int sidebar_width, bottom_height, width, height, default_width, default_height;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  reset_layout (t);
  first = new_window (t, NULL);
  g_assert_true (bourse_test_require_xdotool (GTK_WIDGET (first)));
  click (GTK_WIDGET (first->inspector_button));
  WAIT_UNTIL (g_strcmp0 (_bourse_window_get_panel (first), "inspector") == 0, 15);
  bourse_account_manager_set_page (first->account_manager, "history");
  WAIT_UNTIL (!bourse_account_manager_get_collapsed (first->account_manager), 15);
  /* the trader drags both handles */
  gtk_paned_set_position (first->sidebar_paned, gtk_paned_get_position (first->sidebar_paned) - 70);
  gtk_paned_set_position (first->vertical_paned, gtk_paned_get_position (first->vertical_paned) - 60);
  bourse_test_wait_for_frame (GTK_WIDGET (first));
  sidebar_width = gtk_widget_get_width (GTK_WIDGET (first->sidebar_stack));
  bottom_height = gtk_widget_get_height (GTK_WIDGET (first->account_manager));
  gtk_window_get_default_size (GTK_WINDOW (first), &width, &height);
  close_window (first);

  g_assert_cmpint (g_settings_get_int (settings_of (t), BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH), ==, sidebar_width);
  g_assert_cmpint (g_settings_get_int (settings_of (t), BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT), ==, bottom_height);

  second = new_window (t, NULL);
  bourse_test_wait_for_frame (GTK_WIDGET (second));
  gtk_window_get_default_size (GTK_WINDOW (second), &default_width, &default_height);
  g_assert_cmpint (default_width, ==, width);
  g_assert_cmpint (default_height, ==, height);
  g_assert_cmpstr (_bourse_window_get_panel (second), ==, "inspector");
  g_assert_true (gtk_toggle_button_get_active (second->inspector_button));
  g_assert_cmpstr (bourse_account_manager_get_page (second->account_manager), ==, "history");
  g_assert_false (bourse_account_manager_get_collapsed (second->account_manager));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (second->sidebar_stack)), ==, sidebar_width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (second->account_manager)), ==, bottom_height);
  close_window (second);
  reset_layout (t);
}

/* The mapped label reading @text under @widget, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
drawing_tool_is (BourseWindow *window,
                 const char   *tool)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "set-drawing-tool");

  return g_str_equal (g_variant_get_string (state, NULL), tool);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) && g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          gboolean found = menu_has_action (linked, action);

          g_object_unref (linked);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* The drawing toolbar: a group's button picks its tool, the arrow in its
 * corner lists the group's tools and the one picked becomes the button's.
 * The Indicators menu has no drawing tools any more. */
static void
test_drawing_toolbar (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *window;
  GtkWidget *lines, *more, *popover, *ray;
  g_autofree char *target = NULL;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  reset_layout (t);
  window = new_window (t, NULL);
  g_assert_true (bourse_test_require_xdotool (GTK_WIDGET (window)));
  g_assert_false (menu_has_action (gtk_menu_button_get_menu_model (window->indicators_button), "win.set-drawing-tool"));

  /* the lines group: its button is the trend line */
  lines = window->tool_group_buttons[1];
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (lines)), ==, "bourse-trend-line-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (lines)),
                                          "bourse-trend-line-symbolic"));
  click (lines);
  WAIT_UNTIL (drawing_tool_is (window, "trend-line"), 15);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lines)));

  /* its arrow: the list, "Ray" picked */
  more = bourse_test_find_descendant (gtk_widget_get_parent (lines), GTK_TYPE_MENU_BUTTON, 0);
  g_assert_nonnull (more);
  click (more);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  WAIT_UNTIL (popover != NULL && find_label (popover, "Ray") != NULL, 15);
  bourse_test_wait_for_frame (popover);
  ray = find_label (popover, "Ray");
  click (ray);
  WAIT_UNTIL (drawing_tool_is (window, "ray"), 15);
  /* the group's button is the ray now */
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (lines)), ==, "bourse-ray-symbolic");
  g_variant_get (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (lines)), "s", &target);
  g_assert_cmpstr (target, ==, "ray");

  /* the cursor group goes back to no tool */
  click (window->tool_group_buttons[0]);
  WAIT_UNTIL (drawing_tool_is (window, "none"), 15);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lines)));
  close_window (window);
  reset_layout (t);
}

/* The first fill of the session unfolds the bottom panel on the positions. */
static void
test_first_fill_opens_bottom_panel (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *window;

  /* the terminal's own window: no fill yet in this program */
  WAIT_UNTIL (bourse_test_is_live (t), 40);
  window = t->window;
  bourse_account_manager_set_page (window->account_manager, "orders");
  bourse_account_manager_set_collapsed (window->account_manager, TRUE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (bourse_account_manager_get_positions_view (window->account_manager))));

  bourse_order_ticket_set_order_type (window->order_ticket, BOURSE_ORDER_TYPE_MARKET);
  bourse_order_ticket_set_qty (window->order_ticket, 10000);
  g_assert_true (bourse_order_ticket_get_valid (window->order_ticket));
  g_assert_null (bourse_test_find_position (t, "EURUSD"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "buy", NULL);
  WAIT_UNTIL (bourse_test_find_position (t, "EURUSD") != NULL, 30);
  WAIT_UNTIL (!bourse_account_manager_get_collapsed (window->account_manager), 15);
  g_assert_cmpstr (bourse_account_manager_get_page (window->account_manager), ==, "positions");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (bourse_account_manager_get_positions_view (window->account_manager))), 15);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Layout/chart-share-1920x1080", test_chart_share_1920 },
    { "/Bourse/UI/Layout/chart-share-1280x800", test_chart_share_1280 },
    { "/Bourse/UI/Layout/sidebar-strip", test_sidebar_strip },
    { "/Bourse/UI/Layout/bottom-panel", test_bottom_panel },
    { "/Bourse/UI/Layout/state-persists", test_state_persists },
    { "/Bourse/UI/Layout/drawing-toolbar", test_drawing_toolbar },
    { "/Bourse/UI/Layout/first-fill-opens-bottom-panel", test_first_fill_opens_bottom_panel },
  };

  /* fills notify the desktop: a notification server takes them */
  return bourse_test_terminal_main (&argc, &argv, TRUE, cases, G_N_ELEMENTS (cases));
}
