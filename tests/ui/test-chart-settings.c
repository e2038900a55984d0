/* test-chart-settings.c — the chart settings dialog and one-click trading, in the real window with real input
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One terminal on the in-process demo broker. The dialog is opened with
 * win.chart-settings; its switches are clicked with XTEST events, its
 * colour buttons set as the colour chooser would, its combo rows selected.
 * Each change is checked on the chart's state and on the rendered chart,
 * then in a second window made from the same (memory) settings. One-click
 * trading is turned on through its consent dialog; real clicks on Buy and
 * Sell must reach the demo broker as exactly one market order per click,
 * with no confirmation, and a double click while the first order is in
 * flight (the broker made slow) must not send a second one. Off again, the
 * buttons are gone and orders from the ticket are confirmed as before.
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-settings-dialog.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static void
ready (Terminal *t)
{
  GtkWidget *view = bourse_test_terminal_show (t);

  WAIT_UNTIL (bourse_chart_get_bars (t->window->chart) != NULL && bourse_chart_get_bars (t->window->chart)->len > 50, 30);
  bourse_test_wait_for_frame (view);
}

static GSettings *
gsettings (Terminal *t)
{
  return bourse_settings_get_gsettings (bourse_application_get_settings (t->app));
}

/* The value of a string key, for assertions (freed at the next call). */
static const char *
setting (Terminal   *t,
         const char *key)
{
  static char *value;

  g_free (value);
  value = g_settings_get_string (gsettings (t), key);
  return value;
}

static BourseChartSettingsDialog *
find_dialog (void)
{
  return (BourseChartSettingsDialog *) bourse_test_find_toplevel (BOURSE_TYPE_CHART_SETTINGS_DIALOG);
}

static GtkWidget *
named (gpointer    parent,
       const char *name)
{
  GtkWidget *widget = bourse_test_find_named (GTK_WIDGET (parent), name);

  g_assert_nonnull (widget);
  return widget;
}

/* Scrolls the page holding @widget so that it is on screen. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t p;

  g_assert_nonnull (scrolled);
  WAIT_UNTIL (gtk_widget_get_mapped (widget), 10);
  bourse_test_wait_for_frame (widget);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &p));
  if (p.y < 0 || p.y + gtk_widget_get_height (widget) > gtk_widget_get_height (scrolled))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + p.y -
                                gtk_widget_get_height (scrolled) / 2.0);
      bourse_test_wait_for_frame (widget);
    }
}

/* A real click on a switch of the dialog's @page; waits for the new state. */
static void
click_switch (BourseChartSettingsDialog *dialog,
              const char                *page,
              const char                *name)
{
  GtkWidget *widget = named (dialog, name);
  gboolean was = gtk_switch_get_active (GTK_SWITCH (widget));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), page);
  scroll_into_view (widget);
  bourse_test_pointer_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  WAIT_UNTIL (gtk_switch_get_active (GTK_SWITCH (widget)) != was, 10);
}

/* What a pick in the colour chooser does to the button. */
static void
choose_color (BourseChartSettingsDialog *dialog,
              const char                *name,
              const char                *spec)
{
  GtkWidget *button = named (dialog, name);
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, spec));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_signal_emit_by_name (button, "color-set");
}

/* Whether @pixel is @color painted over @background at 35 % or more: the
 * view can sit at a fractional position in the window, so 1 px lines come
 * out blended over two device pixels. */
static gboolean
shows_color (guint32 pixel,
             guint32 color,
             guint32 background)
{
  double d[3], p[3], dot = 0, len = 0, t, residual = 0;

  if (color == background)
    return (pixel & 0xffffff) == color;
  for (guint k = 0; k < 3; k++)
    {
      int shift = 16 - 8 * (int) k;
      double b = (background >> shift) & 0xff;

      d[k] = ((color >> shift) & 0xff) - b;
      p[k] = ((pixel >> shift) & 0xff) - b;
      dot += d[k] * p[k];
      len += d[k] * d[k];
    }
  t = dot / len;
  for (guint k = 0; k < 3; k++)
    residual += (p[k] - t * d[k]) * (p[k] - t * d[k]);
  return t >= 0.35 && t <= 1.05 && residual < 3 * 12 * 12;
}

/* Pixels of the chart's plot (price and time axes left out, and the band
 * of the legend and one-click bar) showing @rgb over @background. */
static guint
count_plot_pixels (BourseWindow *window,
                   guint32       rgb,
                   guint32       background,
                   guint        *total)
{
  GtkWidget *view = GTK_WIDGET (bourse_window_get_chart_view (window));
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (BOURSE_CHART_VIEW (view));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *data = NULL;
  BourseChartPaneGeometry g;
  guint n = 0;
  int width;

  bourse_test_wait_for_frame (view);
  texture = bourse_test_render_widget (view);
  width = gdk_texture_get_width (texture);
  data = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));
  /* GDK_MEMORY_DEFAULT: 0xAARRGGBB words on little endian */
  gdk_texture_download (texture, (guchar *) data, (gsize) width * 4);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
  *total = 0;
  for (int y = (int) g.y + 60; y < (int) (g.y + g.height) - 2; y++)
    for (int x = (int) g.x + 2; x < (int) (g.x + g.width) - 2; x++)
      {
        n += shows_color (data[(gsize) y * width + x], rgb, background);
        (*total)++;
      }
  return n;
}

static guint32
rgb_of (const BourseRgba *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8) |
         (guint32) lround (c->blue * 255);
}

static void
test_dialog_changes_chart (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseChart *chart;
  BourseChartSettingsDialog *dialog;
  guint total, before;
  gboolean vertical, horizontal;
  gsize first, end;
  g_autoptr(GArray) breaks = NULL;

  ready (t);
  chart = t->window->chart;
  /* Hourly bars: several days on screen, so day boundaries are too. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-resolution", g_variant_new_string ("60"));
  WAIT_UNTIL (bourse_chart_get_bars (chart) != NULL && bourse_chart_get_bars (chart)->len > 100 &&
              bourse_chart_get_bars (chart)->time[1] - bourse_chart_get_bars (chart)->time[0] >= 3600, 30);

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "chart-settings", NULL);
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 10);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);

  /* Scales: logarithmic. */
  g_assert_cmpint (bourse_chart_get_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE), ==, BOURSE_PRICE_SCALE_MODE_NORMAL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "scale_mode_row")), 1);
  g_assert_cmpint (bourse_chart_get_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE), ==, BOURSE_PRICE_SCALE_MODE_LOGARITHMIC);
  g_assert_cmpstr (setting (t, "chart-scale-mode"), ==, "logarithmic");

  /* Canvas: a background of its own, then the grid in magenta, then off. */
  choose_color (dialog, "background_color", "rgb(40,60,20)");
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, 0x283c14);
  before = count_plot_pixels (t->window, 0x283c14, 0x283c14, &total);
  g_assert_cmpuint (before, >, total / 2);

  choose_color (dialog, "grid_color", "rgb(255,0,255)");
  g_assert_cmpuint (count_plot_pixels (t->window, 0xff00ff, 0x283c14, &total), >, 100);
  click_switch (dialog, "canvas", "grid_vertical_switch");
  click_switch (dialog, "canvas", "grid_horizontal_switch");
  bourse_chart_get_grid_lines (chart, &vertical, &horizontal);
  g_assert_false (vertical);
  g_assert_false (horizontal);
  g_assert_cmpuint (count_plot_pixels (t->window, 0xff00ff, 0x283c14, &total), ==, 0);

  /* Watermark: off, then on with a text typed into its row. */
  g_assert_nonnull (bourse_chart_get_watermark (chart));
  click_switch (dialog, "canvas", "watermark_switch");
  g_assert_null (bourse_chart_get_watermark (chart));
  click_switch (dialog, "canvas", "watermark_switch");
  {
    GtkWidget *entry = named (dialog, "watermark_entry");
    GtkWidget *text = bourse_test_find_descendant (entry, GTK_TYPE_TEXT, 0);

    scroll_into_view (entry);
    bourse_test_pointer_click (entry, gtk_widget_get_width (entry) / 2.0, gtk_widget_get_height (entry) / 2.0);
    WAIT_UNTIL (gtk_widget_is_focus (text), 10);
    bourse_test_type (text, "MYCHART");
    WAIT_UNTIL (g_strcmp0 (bourse_chart_get_watermark (chart), "MYCHART") == 0, 10);
  }

  /* Session breaks: a dashed line at each day in view, in the crosshair's colour. */
  bourse_test_pointer_move (GTK_WIDGET (dialog), 5, 5);
  before = count_plot_pixels (t->window, rgb_of (&bourse_chart_get_palette (chart)->crosshair), 0x283c14, &total);
  click_switch (dialog, "canvas", "session_breaks_switch");
  g_assert_true (bourse_chart_get_session_breaks (chart));
  {
    BourseChartRenderer *renderer = bourse_chart_view_get_renderer (bourse_window_get_chart_view (t->window));
    BourseChartPaneGeometry g;

    g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g));
    bourse_time_scale_visible_bars (&g.time_scale, bourse_chart_get_bars (chart)->len, &first, &end);
  }
  breaks = bourse_chart_find_session_breaks (chart, first, end);
  g_assert_cmpuint (breaks->len, >, 0);
  g_assert_cmpuint (count_plot_pixels (t->window, rgb_of (&bourse_chart_get_palette (chart)->crosshair), 0x283c14, &total),
                    >, before + 20 * breaks->len);

  /* Status line: the studies' lines off is a flag of its own. */
  click_switch (dialog, "status", "legend_volume");
  g_assert_false (bourse_chart_get_legend_flags (chart) & BOURSE_CHART_LEGEND_VOLUME);
  g_assert_true (bourse_chart_get_legend_flags (chart) & BOURSE_CHART_LEGEND_OHLC);

  /* Time zone: New York moves the time axis by its offset. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "time_zone_row")), 3);
  g_assert_cmpstr (setting (t, "chart-time-zone"), ==, "America/New_York");
  g_assert_cmpstr (g_time_zone_get_identifier (bourse_chart_get_time_zone (chart)), ==, "America/New_York");

  /* Precision: three decimals, whatever the symbol's tick. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "precision_row")), 4);
  g_assert_cmpint (bourse_chart_get_precision (chart), ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A second window from the same settings shows the same chart settings. */
static void
test_settings_persist (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseWindow *second;
  BourseChart *chart;
  gboolean vertical, horizontal;
  guint total;

  second = bourse_window_new (GTK_APPLICATION (t->app), t->session,
                              bourse_application_get_alert_manager (t->app));
  gtk_window_present (GTK_WINDOW (second));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (bourse_window_get_chart_view (second))), 15);
  chart = second->chart;
  WAIT_UNTIL (bourse_chart_get_bars (chart) != NULL && bourse_chart_get_bars (chart)->len > 50, 30);

  g_assert_cmpint (bourse_chart_get_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE), ==, BOURSE_PRICE_SCALE_MODE_LOGARITHMIC);
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, 0x283c14);
  bourse_chart_get_grid_lines (chart, &vertical, &horizontal);
  g_assert_false (vertical || horizontal);
  g_assert_cmpstr (bourse_chart_get_watermark (chart), ==, "MYCHART");
  g_assert_true (bourse_chart_get_session_breaks (chart));
  g_assert_cmpint (bourse_chart_get_precision (chart), ==, 3);
  g_assert_cmpstr (g_time_zone_get_identifier (bourse_chart_get_time_zone (chart)), ==, "America/New_York");
  g_assert_cmpuint (count_plot_pixels (second, 0x283c14, 0x283c14, &total), >, total / 3);

  gtk_window_destroy (GTK_WINDOW (second));

  /* Reset to Defaults puts every key back, live. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "chart-settings", NULL);
  WAIT_UNTIL (find_dialog () != NULL, 10);
  gtk_widget_activate_action (GTK_WIDGET (find_dialog ()), "chart-settings.reset", NULL);
  g_assert_cmpint (bourse_chart_get_pane_scale_mode (t->window->chart, BOURSE_CHART_MAIN_PANE), ==,
                   BOURSE_PRICE_SCALE_MODE_NORMAL);
  g_assert_true (bourse_chart_get_grid_visible (t->window->chart));
  g_assert_false (bourse_chart_get_session_breaks (t->window->chart));
  g_assert_cmpstr (setting (t, "chart-background-color"), ==, "");
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));
}

/* The rest of the dialog: candle and line colours, chart type, scales,
 * crosshair; each on the chart, colours on its pixels. */
static void
test_dialog_other_settings (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseChart *chart = t->window->chart;
  BourseChartSettingsDialog *dialog;
  guint32 bg;
  guint total, blue, orange, green;

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "chart-settings", NULL);
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 10);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);
  /* Wicks are drawn apart from bodies only on candles wide enough to show
   * them: zoom in as a trader checking their colour would. */
  bourse_chart_viewport_set_bar_spacing (bourse_chart_get_viewport (chart), 12);
  bg = rgb_of (&bourse_chart_get_palette (chart)->background);
  blue = count_plot_pixels (t->window, 0x0000ff, bg, &total);
  orange = count_plot_pixels (t->window, 0xff8000, bg, &total);
  green = count_plot_pixels (t->window, 0x00c800, bg, &total);

  /* Candle bodies and wicks in colours no theme uses. */
  choose_color (dialog, "up_color", "rgb(0,0,255)");
  choose_color (dialog, "down_color", "rgb(0,0,255)");
  g_assert_cmpuint (count_plot_pixels (t->window, 0x0000ff, bg, &total), >, blue + 200);
  choose_color (dialog, "up_wick_color", "rgb(255,128,0)");
  choose_color (dialog, "down_wick_color", "rgb(255,128,0)");
  g_assert_cmpuint (count_plot_pixels (t->window, 0xff8000, bg, &total), >, orange + 50);

  /* The chart type goes through the window (toolbar and settings follow). */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "chart_type_row")), 4);
  g_assert_cmpint (bourse_chart_get_chart_type (chart), ==, BOURSE_CHART_TYPE_LINE);
  g_assert_cmpstr (setting (t, "chart-type"), ==, "line");
  choose_color (dialog, "line_color", "rgb(0,200,0)");
  g_assert_cmpuint (count_plot_pixels (t->window, 0x00c800, bg, &total), >, green + 50);

  /* Scales. */
  click_switch (dialog, "scales", "autoscale_switch");
  g_assert_false (bourse_chart_get_pane_autoscale (chart, BOURSE_CHART_MAIN_PANE));
  click_switch (dialog, "scales", "autoscale_switch");
  g_assert_true (bourse_chart_get_pane_autoscale (chart, BOURSE_CHART_MAIN_PANE));
  click_switch (dialog, "scales", "inverted_switch");
  g_assert_true (bourse_chart_get_pane_inverted (chart, BOURSE_CHART_MAIN_PANE));
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "axis_side_row")), 1);
  g_assert_cmpint (bourse_chart_get_price_axis_side (chart), ==, BOURSE_PRICE_AXIS_LEFT);
  click_switch (dialog, "scales", "last_price_switch");
  g_assert_false (bourse_chart_get_last_price_visible (chart));
  {
    char buf[16];

    /* Hourly bars: the live one closes within the hour. */
    g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
    click_switch (dialog, "scales", "countdown_switch");
    g_assert_false (bourse_chart_format_countdown (chart, buf, sizeof buf));
    click_switch (dialog, "scales", "countdown_switch");
    g_assert_true (bourse_chart_format_countdown (chart, buf, sizeof buf));
  }

  /* Crosshair. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "crosshair_row")), 2);
  g_assert_cmpint (bourse_chart_get_crosshair_mode (chart), ==, BOURSE_CROSSHAIR_MODE_MAGNET_OHLC);

  /* Back to the defaults, chart type aside (the toolbar's). */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "chart-settings.reset", NULL);
  g_assert_false (bourse_chart_get_pane_inverted (chart, BOURSE_CHART_MAIN_PANE));
  g_assert_cmpint (bourse_chart_get_price_axis_side (chart), ==, BOURSE_PRICE_AXIS_RIGHT);
  g_assert_true (bourse_chart_get_last_price_visible (chart));
  g_assert_cmpint (bourse_chart_get_crosshair_mode (chart), ==, BOURSE_CROSSHAIR_MODE_NORMAL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (dialog, "chart_type_row")), 0);
  g_assert_cmpint (bourse_chart_get_chart_type (chart), ==, BOURSE_CHART_TYPE_CANDLES);
  g_assert_cmpuint (count_plot_pixels (t->window, 0x0000ff, bg, &total), <, blue + 100);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Market orders of @side and @qty on EURUSD the demo broker has received. */
static guint
demo_orders (Terminal   *t,
             const char *side,
             double      qty)
{
  g_autoptr(JsonNode) node = bourse_test_demo_get (t, "/accounts/D1/ordersHistory");
  JsonArray *orders = json_node_get_array (node);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);

      n += g_strcmp0 (json_object_get_string_member (o, "instrument"), "EURUSD") == 0 &&
           g_strcmp0 (json_object_get_string_member (o, "side"), side) == 0 &&
           g_strcmp0 (json_object_get_string_member (o, "type"), "market") == 0 &&
           json_object_get_double_member (o, "qty") == qty;
    }
  return n;
}

static BourseOneClickBar *
one_click_bar (Terminal *t)
{
  return t->window->chart_pane->one_click_bar;
}

static void
click_button (GtkWidget *button)
{
  bourse_test_pointer_click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0);
}

static void
test_one_click_buy (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseOneClickBar *bar = one_click_bar (t);
  AdwMessageDialog *consent;
  GtkWidget *buy;
  guint posts, bought;
  double qty;

  ready (t);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "set-symbol", g_variant_new_string ("EURUSD"));
  g_assert_false (g_settings_get_boolean (gsettings (t), "one-click-trading"));
  buy = named (bar, "buy");
  g_assert_false (gtk_widget_get_mapped (buy));

  /* The first time asks; Turn On is what the user picks. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "one-click-trading", NULL);
  WAIT_UNTIL ((consent = bourse_test_find_message_dialog ()) != NULL, 10);
  g_assert_false (g_settings_get_boolean (gsettings (t), "one-click-trading"));
  adw_message_dialog_response (consent, "enable");
  gtk_window_close (GTK_WINDOW (consent));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 10);
  g_assert_true (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (t->window), "one-click-trading")));
  WAIT_UNTIL (gtk_widget_get_mapped (buy) && gtk_widget_get_sensitive (buy), 15);
  bourse_test_wait_for_frame (buy);

  /* Confirmation is on for the ticket: one-click must not ask. */
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), TRUE);
  qty = bourse_one_click_bar_get_qty (bar);
  g_assert_cmpfloat (qty, >, 0);
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
  bought = demo_orders (t, "buy", qty);

  click_button (buy);
  WAIT_UNTIL (bourse_test_count_requests (t, "POST", "/accounts/D1/orders") == posts + 1 &&
              !bourse_one_click_bar_get_busy (bar), 15);
  g_assert_null (bourse_test_find_message_dialog ());
  g_assert_cmpuint (demo_orders (t, "buy", qty), ==, bought + 1);
  /* Nothing more goes out after it. */
  bourse_test_wait_for_frame (buy);
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 1);
}

static void
test_one_click_double_click (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseOneClickBar *bar = one_click_bar (t);
  GtkWidget *sell = named (bar, "sell");
  guint posts, sold, sent;
  double qty = bourse_one_click_bar_get_qty (bar);

  g_assert_true (bourse_one_click_bar_get_enabled (bar));
  WAIT_UNTIL (gtk_widget_get_mapped (sell) && gtk_widget_get_sensitive (sell), 15);
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
  sold = demo_orders (t, "sell", qty);
  sent = bourse_one_click_bar_get_n_sent (bar);

  /* A slow broker: the second click of the double click lands while the
   * first order is in flight, and must be dropped. */
  bourse_test_set_demo_fault (t, "latency-ms=600");
  bourse_test_pointer_multi_click (sell, gtk_widget_get_width (sell) / 2.0, gtk_widget_get_height (sell) / 2.0, 2, 60);
  WAIT_UNTIL (bourse_one_click_bar_get_n_sent (bar) == sent + 1, 10);
  g_assert_true (bourse_one_click_bar_get_busy (bar));
  WAIT_UNTIL (!bourse_one_click_bar_get_busy (bar), 15);
  bourse_test_set_demo_fault (t, "latency-ms=0");
  g_assert_cmpuint (bourse_one_click_bar_get_n_sent (bar), ==, sent + 1);
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 1);
  g_assert_cmpuint (demo_orders (t, "sell", qty), ==, sold + 1);

  /* Once it is answered the next click is an order again. */
  WAIT_UNTIL (gtk_widget_get_sensitive (sell), 10);
  click_button (sell);
  WAIT_UNTIL (bourse_one_click_bar_get_n_sent (bar) == sent + 2 && !bourse_one_click_bar_get_busy (bar), 15);
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts + 2);
  g_assert_cmpuint (demo_orders (t, "sell", qty), ==, sold + 2);
  g_assert_null (bourse_test_find_message_dialog ());
}

static void
test_one_click_off (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseOneClickBar *bar = one_click_bar (t);
  GtkWidget *buy = named (bar, "buy");
  AdwMessageDialog *confirm;
  guint posts;

  /* Off asks nothing; the buttons go. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "one-click-trading", NULL);
  g_assert_null (bourse_test_find_message_dialog ());
  g_assert_false (g_settings_get_boolean (gsettings (t), "one-click-trading"));
  WAIT_UNTIL (!gtk_widget_get_mapped (buy), 10);
  g_assert_false (bourse_one_click_bar_get_enabled (bar));

  /* The ticket still asks before sending, and Cancel sends nothing. */
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), TRUE);
  posts = bourse_test_count_requests (t, "POST", "/accounts/D1/orders");
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "buy", NULL);
  WAIT_UNTIL ((confirm = bourse_test_find_message_dialog ()) != NULL, 10);
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_close (GTK_WINDOW (confirm));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 10);
  bourse_test_wait_for_frame (GTK_WIDGET (t->window));
  g_assert_cmpuint (bourse_test_count_requests (t, "POST", "/accounts/D1/orders"), ==, posts);

  /* On again: consented once, so no second question. */
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "one-click-trading", NULL);
  g_assert_null (bourse_test_find_message_dialog ());
  WAIT_UNTIL (gtk_widget_get_mapped (buy), 10);
  bourse_settings_set_confirm_orders (bourse_application_get_settings (t->app), FALSE);
}

/* Chart settings are undone like any chart edit: Ctrl+Z on the chart puts
 * back the grid and the background the dialog changed, Ctrl+Shift+Z
 * changes them again; the setting follows each step. */
static void
test_settings_undo (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseChart *chart = t->window->chart;
  GtkWidget *view;
  BourseChartSettingsDialog *dialog;
  gboolean vertical, horizontal;
  guint32 background;

  ready (t);
  view = GTK_WIDGET (t->window->chart_view);
  bourse_chart_history_clear (bourse_chart_pane_get_history (t->window->chart_pane));
  background = rgb_of (&bourse_chart_get_palette (chart)->background);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "chart-settings", NULL);
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 10);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);
  choose_color (dialog, "background_color", "rgb(40,60,20)");
  click_switch (dialog, "canvas", "grid_vertical_switch");
  bourse_chart_get_grid_lines (chart, &vertical, &horizontal);
  g_assert_false (vertical);
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, 0x283c14);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (find_dialog () == NULL, 10);

  gtk_window_present (GTK_WINDOW (t->window));
  gtk_widget_grab_focus (view);
  WAIT_UNTIL (gtk_widget_has_focus (view) && gtk_window_is_active (GTK_WINDOW (t->window)), 15);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_settings_get_boolean (gsettings (t), "chart-grid-vertical"), 10);
  bourse_chart_get_grid_lines (chart, &vertical, &horizontal);
  g_assert_true (vertical);
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, 0x283c14);
  bourse_test_key (view, "ctrl+z");
  WAIT_UNTIL (g_strcmp0 (setting (t, "chart-background-color"), "") == 0, 10);
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, background);
  bourse_test_key (view, "ctrl+shift+z");
  WAIT_UNTIL (g_strcmp0 (setting (t, "chart-background-color"), "") != 0, 10);
  g_assert_cmphex (rgb_of (&bourse_chart_get_palette (chart)->background), ==, 0x283c14);
  bourse_test_key (view, "ctrl+shift+z");
  WAIT_UNTIL (!g_settings_get_boolean (gsettings (t), "chart-grid-vertical"), 10);

  /* back to the defaults for the cases after */
  g_settings_reset (gsettings (t), "chart-grid-vertical");
  g_settings_reset (gsettings (t), "chart-background-color");
  bourse_chart_history_clear (bourse_chart_pane_get_history (t->window->chart_pane));
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/ChartSettings/dialog-changes-chart", test_dialog_changes_chart },
    { "/Bourse/UI/ChartSettings/persist-in-new-window", test_settings_persist },
    { "/Bourse/UI/ChartSettings/other-settings", test_dialog_other_settings },
    { "/Bourse/UI/ChartSettings/undo-redo", test_settings_undo },
    { "/Bourse/UI/OneClick/buy", test_one_click_buy },
    { "/Bourse/UI/OneClick/double-click", test_one_click_double_click },
    { "/Bourse/UI/OneClick/off", test_one_click_off },
  };

  return bourse_test_terminal_main (&argc, &argv, TRUE, cases, G_N_ELEMENTS (cases));
}
