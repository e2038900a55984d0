/* test-intervals.c — typing on the chart, intervals built or typed, the interval picker, the view after a switch
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real terminal on the in-process demo broker (it serves 1, 5, 15, 60,
 * 1D and 1W), with real key presses and clicks through xdotool:
 *  - "GBP" typed on the focused chart opens the symbol search with "GBP" and
 *    GBPUSD listed; Enter shows GBPUSD;
 *  - "4h" typed on the chart and Enter: the chart is at 240, its bars 4 hours
 *    apart, built from hourly bars; "9x" gets an inline error, Escape cancels;
 *  - 5m → 1D: the view is filled with bars, the last one near the right edge;
 *  - a star clicked in the picker's list makes a favourite kept in GSettings,
 *    and the custom form adds 90 minutes (and refuses 30 seconds, which the
 *    broker cannot give).
 */
#include "config.h"

#include <string.h>

#include "bourse-interval-picker.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static void
ready (Terminal *t)
{
  GtkWidget *view = bourse_test_terminal_show (t);

  /* /symbol_info told what the broker serves */
  WAIT_UNTIL (bourse_market_data_get_resolutions (bourse_session_get_market_data (t->session), "EURUSD") != NULL, 30);
  bourse_test_wait_for_frame (view);
}

/* The chart's bars are the feed's, loaded, for @symbol at @resolution. */
static gboolean
chart_shows (Terminal   *t,
             const char *symbol,
             const char *resolution)
{
  BourseBarFeed *feed = t->window->chart_pane->feed;
  BourseBars *bars = bourse_chart_get_bars (t->window->chart);

  return feed != NULL && !bourse_bar_feed_get_loading (feed) &&
         g_strcmp0 (bourse_bar_feed_get_symbol (feed), symbol) == 0 &&
         g_strcmp0 (bourse_bar_feed_get_resolution (feed), resolution) == 0 &&
         bars != NULL && bars->len > 3 && bars == bourse_bar_feed_get_bars (feed);
}

/* The smallest gap between two bars. */
static gint64
bar_interval (BourseBars *bars)
{
  gint64 interval = G_MAXINT64;

  for (gsize i = 1; i < bars->len; i++)
    interval = MIN (interval, bars->time[i] - bars->time[i - 1]);
  return interval;
}

/* Whether a mapped label under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A popover is a surface of its own: the window's rendering leaves it out. */
static void
save_popover_screenshot (GtkWidget  *popover,
                         const char *name)
{
  const char *dir = g_getenv ("BOURSE_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  /* a new message resizes the popover: one frame to lay out, one to show */
  for (guint i = 0; i < 3; i++)
    bourse_test_wait_for_frame (popover);
  paintable = gtk_widget_paintable_new (popover);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (popover), gtk_widget_get_height (popover));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (popover),
                                                              gtk_widget_get_height (popover)));
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* A real click in the middle of @widget, once it is laid out and drawn. */
static void
click (GtkWidget *widget)
{
  WAIT_UNTIL (gtk_widget_get_mapped (widget), 15);
  bourse_test_wait_for_frame (widget);
  bourse_test_pointer_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* Focus on the chart as a trader gets it: a click on an empty spot (high up,
 * away from the price lines). */
static void
focus_chart (Terminal *t)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));

  bourse_test_pointer_click (view, gtk_widget_get_width (view) / 3.0, 12);
  WAIT_UNTIL (gtk_widget_has_focus (view), 15);
}

static void
test_type_symbol (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view, *search;

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  search = GTK_WIDGET (t->window->symbol_search);
  bourse_watchlist_activate_symbol (t->window->watchlist, "EURUSD");
  WAIT_UNTIL (chart_shows (t, "EURUSD", bourse_window_get_resolution (t->window)), 30);

  focus_chart (t);
  bourse_test_type (view, "GBP");
  WAIT_UNTIL (gtk_widget_get_mapped (search), 15);
  /* every key landed in the search, in order: the first opened it */
  WAIT_UNTIL (g_strcmp0 (bourse_symbol_search_get_text (t->window->symbol_search), "GBP") == 0, 15);
  WAIT_UNTIL (shows_label (search, "GBPUSD") && !shows_label (search, "EURUSD"), 15);
  g_assert_cmpuint (bourse_symbol_search_get_n_results (t->window->symbol_search), >=, 1);
  save_popover_screenshot (search, "type-to-search.png");

  bourse_test_key (search, "Return");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "GBPUSD") == 0, 15);
  WAIT_UNTIL (!gtk_widget_get_mapped (search), 15);
  WAIT_UNTIL (chart_shows (t, "GBPUSD", bourse_window_get_resolution (t->window)), 30);
  g_assert_cmpstr (gtk_label_get_text (t->window->symbol_label), ==, "GBPUSD");
}

static void
test_type_interval (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  BourseIntervalEntry *entry = bourse_chart_pane_get_interval_entry (t->window->chart_pane);
  const char *symbol;
  BourseBars *bars;

  ready (t);
  symbol = bourse_window_get_symbol (t->window);

  /* a typo: the box says why and stays; Escape leaves the chart as it was */
  _bourse_window_set_resolution (t->window, "15");
  WAIT_UNTIL (chart_shows (t, symbol, "15"), 30);
  focus_chart (t);
  bourse_test_type (view, "9x");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (entry)), 15);
  WAIT_UNTIL (g_strcmp0 (bourse_interval_entry_get_text (entry), "9x") == 0, 15);
  bourse_test_key (GTK_WIDGET (entry), "Return");
  WAIT_UNTIL (bourse_interval_entry_get_invalid (entry), 15);
  g_assert_nonnull (strstr (bourse_interval_entry_get_message (entry), "not an interval"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  save_popover_screenshot (GTK_WIDGET (entry), "interval-entry-error.png");
  bourse_test_key (GTK_WIDGET (entry), "Escape");
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (entry)), 15);
  g_assert_cmpstr (bourse_window_get_resolution (t->window), ==, "15");

  /* 30 seconds: an interval, but one this broker cannot give */
  focus_chart (t);
  bourse_test_type (view, "30s");
  WAIT_UNTIL (g_strcmp0 (bourse_interval_entry_get_text (entry), "30s") == 0, 15);
  bourse_test_key (GTK_WIDGET (entry), "Return");
  WAIT_UNTIL (bourse_interval_entry_get_invalid (entry), 15);
  g_assert_nonnull (strstr (bourse_interval_entry_get_message (entry), "not available"));
  bourse_test_key (GTK_WIDGET (entry), "Escape");
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (entry)), 15);

  /* 4 hours: typed, explained as it is typed, applied with Enter */
  focus_chart (t);
  bourse_test_type (view, "4h");
  WAIT_UNTIL (g_strcmp0 (bourse_interval_entry_get_text (entry), "4h") == 0, 15);
  WAIT_UNTIL (g_strcmp0 (bourse_interval_entry_get_message (entry), "4 hours") == 0, 15);
  save_popover_screenshot (GTK_WIDGET (entry), "interval-entry.png");
  bourse_test_key (GTK_WIDGET (entry), "Return");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_resolution (t->window), "240") == 0, 15);
  WAIT_UNTIL (chart_shows (t, symbol, "240"), 30);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  /* built from the hourly bars the broker serves; 4-hour bars on the chart */
  g_assert_cmpstr (bourse_bar_feed_get_base_resolution (t->window->chart_pane->feed), ==, "60");
  bars = bourse_chart_get_bars (t->window->chart);
  g_assert_cmpint (bar_interval (bars), ==, 4 * 3600);
  for (gsize i = 0; i < bars->len; i++)
    g_assert_cmpint (bars->time[i] % (4 * 3600), ==, 0);

  /* a bare number is minutes */
  focus_chart (t);
  bourse_test_type (view, "7");
  bourse_test_key (GTK_WIDGET (entry), "Return");
  WAIT_UNTIL (chart_shows (t, symbol, "7"), 30);
  g_assert_cmpint (bar_interval (bourse_chart_get_bars (t->window->chart)), ==, 7 * 60);
}

/* How much of the visible slots (the right offset aside) hold bars. */
static double
filled_fraction (Terminal *t,
                 double   *n_visible_bars)
{
  BourseChartViewport *viewport = bourse_chart_get_viewport (t->window->chart);
  BourseBars *bars = bourse_chart_get_bars (t->window->chart);
  double first, last, shown;

  bourse_chart_viewport_get_visible_range (viewport, &first, &last);
  shown = MIN (last, (double) bars->len - 1) - MAX (first, 0) + 1;
  *n_visible_bars = shown;
  g_test_message ("visible %.1f … %.1f of %u bars: %.0f bars shown", first, last, (guint) bars->len, shown);
  return shown / (last - first + 1 - bourse_chart_viewport_get_right_offset (viewport));
}

static void
test_default_range (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  const char *symbol;
  double shown;

  ready (t);
  symbol = bourse_window_get_symbol (t->window);
  focus_chart (t);
  bourse_test_key (view, "alt+2");
  WAIT_UNTIL (chart_shows (t, symbol, "5"), 30);
  bourse_test_wait_for_frame (view);
  g_assert_cmpfloat (filled_fraction (t, &shown), >=, 0.9);
  g_assert_cmpfloat (shown, >=, 100);
  g_assert_cmpfloat (shown, <=, 200);

  bourse_test_key (view, "alt+5");
  WAIT_UNTIL (chart_shows (t, symbol, "1D"), 30);
  bourse_test_wait_for_frame (view);
  /* all the daily bars there are (the demo keeps 120 days), filling the view */
  g_assert_cmpfloat (filled_fraction (t, &shown), >=, 0.9);
  g_assert_cmpfloat (shown, ==, (double) bourse_chart_get_bars (t->window->chart)->len);
  g_assert_true (bourse_chart_viewport_is_at_realtime (bourse_chart_get_viewport (t->window->chart)));
  bourse_test_save_screenshot (GTK_WIDGET (t->window), "daily-after-5m.png");
}

/* The toolbar's picker, mapped. */
static BourseIntervalPicker *
window_picker (Terminal *t)
{
  BourseIntervalPicker *picker = t->window->interval_picker;

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (picker)), 15);
  return picker;
}

static void
test_picker (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GSettings *settings;
  BourseIntervalPicker *picker;
  GtkWidget *menu_button, *popover, *star, *favourite, *add, *error;
  g_auto(GStrv) intervals = NULL;
  g_auto(GStrv) favourites = NULL;
  g_autoptr(GError) refused = NULL;

  ready (t);
  settings = bourse_settings_get_gsettings (t->window->settings);
  g_settings_reset (settings, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES);
  picker = window_picker (t);

  /* the list: what the broker serves and what it builds, nothing it cannot */
  intervals = bourse_interval_picker_dup_intervals (picker);
  g_assert_true (g_strv_contains ((const char * const *) intervals, "1"));
  g_assert_true (g_strv_contains ((const char * const *) intervals, "240"));
  g_assert_true (g_strv_contains ((const char * const *) intervals, "45"));
  g_assert_true (g_strv_contains ((const char * const *) intervals, "2D"));
  g_assert_true (g_strv_contains ((const char * const *) intervals, "1M"));
  g_assert_false (g_strv_contains ((const char * const *) intervals, "30S"));
  /* the default favourites are buttons; Alt+1…6 keep their meaning */
  g_assert_nonnull (bourse_test_find_named (GTK_WIDGET (picker), "favourite-240"));
  g_assert_null (bourse_test_find_named (GTK_WIDGET (picker), "favourite-30"));

  menu_button = gtk_widget_get_last_child (GTK_WIDGET (picker));
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  click (menu_button);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  star = bourse_test_find_named (popover, "star-30");
  g_assert_nonnull (star);
  bourse_test_wait_for_frame (popover);
  save_popover_screenshot (popover, "interval-list.png");
  bourse_test_save_screenshot (GTK_WIDGET (picker), "interval-picker.png");
  click (star);
  WAIT_UNTIL ((favourites = g_settings_get_strv (settings, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES)) != NULL &&
              g_strv_contains ((const char * const *) favourites, "30"), 15);
  /* the favourites are kept shortest first, 30 minutes among them, and shown */
  g_assert_cmpstr (favourites[3], ==, "30");
  WAIT_UNTIL ((favourite = bourse_test_find_named (GTK_WIDGET (picker), "favourite-30")) != NULL, 15);

  /* the new favourite, clicked, is the chart's interval */
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_UNTIL (!gtk_widget_get_mapped (popover) && gtk_widget_get_mapped (favourite), 15);
  bourse_test_wait_for_frame (favourite);
  click (favourite);
  WAIT_UNTIL (chart_shows (t, bourse_window_get_symbol (t->window), "30"), 30);
  g_assert_cmpint (bar_interval (bourse_chart_get_bars (t->window->chart)), ==, 30 * 60);

  /* the custom form: 90 minutes, added and shown */
  click (menu_button);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bourse_test_find_descendant (popover, GTK_TYPE_SPIN_BUTTON, 0)), 90);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_descendant (popover, GTK_TYPE_DROP_DOWN, 0)), 1);
  add = GTK_WIDGET (gtk_widget_get_last_child (gtk_widget_get_parent (bourse_test_find_descendant (popover, GTK_TYPE_DROP_DOWN, 0))));
  bourse_test_wait_for_frame (popover);
  click (add);
  WAIT_UNTIL (chart_shows (t, bourse_window_get_symbol (t->window), "90"), 30);
  g_assert_cmpint (bar_interval (bourse_chart_get_bars (t->window->chart)), ==, 90 * 60);
  g_clear_pointer (&favourites, g_strfreev);
  favourites = g_settings_get_strv (settings, BOURSE_INTERVAL_PICKER_KEY_CUSTOM);
  g_assert_true (g_strv_contains ((const char * const *) favourites, "90"));
  /* an interval no favourite shows on the list's button */
  WAIT_UNTIL (g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), "90m") == 0, 15);

  /* 30 seconds: refused in words, inline */
  click (menu_button);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bourse_test_find_descendant (popover, GTK_TYPE_SPIN_BUTTON, 0)), 30);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bourse_test_find_descendant (popover, GTK_TYPE_DROP_DOWN, 0)), 0);
  bourse_test_wait_for_frame (popover);
  click (add);
  error = gtk_widget_get_last_child (gtk_widget_get_parent (gtk_widget_get_parent (add)));
  WAIT_UNTIL (gtk_widget_get_mapped (error), 15);
  save_popover_screenshot (popover, "interval-list-error.png");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "not available"));
  g_assert_cmpstr (bourse_window_get_resolution (t->window), ==, "90");
  g_assert_null (bourse_interval_picker_add_custom (picker, "0h", &refused));
  g_assert_error (refused, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Intervals/type-symbol", test_type_symbol },
    { "/Bourse/UI/Intervals/type-interval", test_type_interval },
    { "/Bourse/UI/Intervals/default-range", test_default_range },
    { "/Bourse/UI/Intervals/picker", test_picker },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
