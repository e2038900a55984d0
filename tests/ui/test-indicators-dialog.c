/* test-indicators-dialog.c — the Indicators dialog and a study's settings form, driven by real X input
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One terminal on the in-process demo broker. The Indicators dialog is opened
 * as the toolbar opens it (win.indicators); "RSI" is typed into its search
 * with real key events, the Relative Strength Index row is clicked and Enter
 * adds it. The chart must then have an RSI pane whose levels 30 and 70 are
 * in the chart's model and on screen (dashed lines of the level colour in a
 * rendered snapshot), whose scale shows two decimals ("50.00"), and whose
 * legend reads "RSI 14". The settings form then takes a period of 21 typed in
 * and a new colour; the spec, the series and the settings must all follow.
 * Inputs the parser refuses keep Apply disabled with the reason shown.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-indicators-dialog.h"
#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static void
ready (Terminal *t)
{
  GtkWidget *view = bourse_test_terminal_show (t);

  bourse_test_wait_for_frame (view);
}

/* The id of the first study called @name on the chart, or NULL. */
static const char *
find_study (Terminal   *t,
            const char *name)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (t->window->studies);

  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *ind = bourse_chart_studies_get_indicator (t->window->studies, g_ptr_array_index (ids, i));

      if (g_str_equal (bourse_indicator_get_info (ind)->name, name))
        return g_ptr_array_index (ids, i);
    }
  return NULL;
}

static guint
n_visible (BourseIndicatorsDialog *dialog)
{
  g_auto(GStrv) visible = bourse_indicators_dialog_dup_visible (dialog);

  return g_strv_length (visible);
}

static guint
channel_distance (guint32 a,
                  guint32 b)
{
  guint d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, (guint) ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* How many of the dash starts across the right half of the pane, at @price's
 * row, show @rgb (the level colour). Dashes are 6 px on, 4 px off from the
 * plot's left edge. */
/* 0xRRGGBB at (x, y) of an RGB24/ARGB32 image surface */
static guint32
surface_pixel (cairo_surface_t *surface,
               int              x,
               int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (const void *) (data + (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4) & 0xffffff;
}

static guint
count_level_pixels (cairo_surface_t               *snapshot,
                    const BourseChartPaneGeometry *g,
                    double                         price,
                    guint32                        rgb,
                    guint                         *probes)
{
  int y = (int) floor (g->y + bourse_price_scale_price_to_y (&g->price_scale, price));
  guint hits = 0;

  *probes = 0;
  for (double x = floor (g->width / 20) * 10 + 2; x < g->width - 12; x += 10)
    {
      guint32 px = surface_pixel (snapshot, (int) (g->x + x), y);

      (*probes)++;
      if (channel_distance (px, rgb) <= 24)
        hits++;
    }
  return hits;
}

/* "/" on the chart opens the Indicators dialog; typing filters it, Down and
 * Enter add the first match. Returns the id of the RSI added. */
static const char *
add_rsi_from_search (Terminal  *t,
                     GtkWidget *view)
{
  GtkWidget *search, *row;
  BourseIndicatorsDialog *dialog;
  g_auto(GStrv) visible = NULL;
  const char *rsi;

  /* "/" typed on the chart opens it, as on TradingView */
  gtk_widget_grab_focus (view);
  WAIT_UNTIL (gtk_widget_has_focus (view), 15);
  bourse_test_key (view, "slash");
  WAIT_UNTIL ((dialog = (BourseIndicatorsDialog *) bourse_test_find_toplevel (BOURSE_TYPE_INDICATORS_DIALOG)) != NULL, 15);
  search = bourse_test_find_named (GTK_WIDGET (dialog), "search");
  g_assert_nonnull (search);
  WAIT_UNTIL (gtk_widget_get_mapped (search), 15);
  bourse_test_wait_for_frame (search);

  /* every study is listed before typing */
  visible = bourse_indicators_dialog_dup_visible (dialog);
  g_assert_cmpuint (g_strv_length (visible), >=, 21);
  g_clear_pointer (&visible, g_strfreev);

  bourse_test_type (search, "RSI");
  WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (search)), "RSI") == 0, 15);
  /* the search entry filters once typing pauses */
  WAIT_UNTIL (n_visible (dialog) < 5, 15);
  visible = bourse_indicators_dialog_dup_visible (dialog);
  g_assert_true (g_strv_contains ((const char * const *) visible, "rsi"));
  g_assert_true (g_strv_contains ((const char * const *) visible, "stochrsi"));
  g_assert_false (g_strv_contains ((const char * const *) visible, "sma"));
  g_assert_false (g_strv_contains ((const char * const *) visible, "bb"));

  /* pick "Relative Strength Index": Down moves from the search into the list,
   * onto the first match, and Enter adds it */
  row = bourse_test_find_named (GTK_WIDGET (dialog), "study-rsi");
  g_assert_nonnull (row);
  WAIT_UNTIL (gtk_widget_get_mapped (row), 15);
  bourse_test_key (search, "Down");
  WAIT_UNTIL (gtk_root_get_focus (GTK_ROOT (dialog)) == row, 15);
  g_assert_null (find_study (t, "rsi"));   /* moving onto it does not add it */
  bourse_test_key (row, "Return");
  WAIT_UNTIL ((rsi = find_study (t, "rsi")) != NULL, 15);
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies, rsi)), ==, "rsi:14");
  bourse_test_key (search, "Escape");
  WAIT_UNTIL (bourse_test_find_toplevel (BOURSE_TYPE_INDICATORS_DIALOG) == NULL, 15);
  return rsi;
}

/* The window's chart as the view draws it, at the view's size, into an
 * image whose pixels line up with the layout of that very frame (live
 * ticks move the RSI between frames): the 70 and 30 levels' dashes are in
 * @level_color, and nothing of it is halfway between them (50 is hidden). */
static void
assert_levels_drawn (Terminal         *t,
                     GtkWidget        *view,
                     guint             pane,
                     const BourseRgba *level_color)
{
  g_autoptr(BourseChartRenderer) frame = bourse_chart_renderer_new (t->window->chart);
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  guint32 rgb = (guint32) lround (level_color->red * 255) << 16 | (guint32) lround (level_color->green * 255) << 8 |
                (guint32) lround (level_color->blue * 255);
  BourseChartPaneGeometry g;
  guint probes = 0, hits;

  bourse_chart_renderer_render (frame, cr, width, height, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_true (bourse_chart_renderer_get_pane_geometry (frame, pane, &g));
  g_assert_cmpint (g.precision, ==, 2);
  hits = count_level_pixels (surface, &g, 70, rgb, &probes);
  g_test_message ("level 70: %u of %u dashes", hits, probes);
  g_assert_cmpuint (probes, >=, 5);
  g_assert_cmpuint (hits * 2, >=, probes);
  hits = count_level_pixels (surface, &g, 30, rgb, &probes);
  g_test_message ("level 30: %u of %u dashes", hits, probes);
  g_assert_cmpuint (hits * 2, >=, probes);
  hits = count_level_pixels (surface, &g, 50, rgb, &probes);
  g_assert_cmpuint (hits, ==, 0);
  cairo_surface_destroy (surface);
}

/* The legend names study @rsi in words, on a plate of its own; a
 * double-click on that plate opens the study's settings. */
static void
assert_legend_opens_settings (Terminal          *t,
                              GtkWidget         *view,
                              guint              pane,
                              BourseChartSeries *series,
                              const char        *rsi)
{
  BourseChartRenderer *renderer = bourse_chart_view_get_renderer (bourse_window_get_chart_view (t->window));
  BourseChartLegendItem plate = { 0 };
  AdwMessageDialog *settings;
  gboolean found = FALSE;

  bourse_test_wait_for_frame (view);
  for (guint i = 0; i < bourse_chart_renderer_get_n_legend_items (renderer); i++)
    {
      BourseChartLegendItem item;

      g_assert_true (bourse_chart_renderer_get_legend_item (renderer, i, &item));
      if (item.pane_id == pane && item.series == series)
        {
          found = TRUE;
          plate = item;
        }
    }
  g_assert_true (found);
  g_assert_cmpstr (bourse_chart_pane_get_study_at (t->window->chart_pane, plate.x + plate.width / 2,
                                                   plate.y + plate.height / 2), ==, rsi);
  bourse_test_pointer_double_click (view, plate.x + plate.width / 2, plate.y + plate.height / 2);
  WAIT_UNTIL ((settings = bourse_test_find_message_dialog ()) != NULL, 15);
  g_assert_cmpstr (adw_message_dialog_get_heading (settings), ==, "Relative Strength Index");
  adw_message_dialog_response (settings, "cancel");
  gtk_window_close (GTK_WINDOW (settings));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
}

static void
test_search_adds_rsi (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *view;
  BourseChartRenderer *renderer;
  BourseChartPaneGeometry g;
  g_autoptr(GPtrArray) series = NULL;
  const BourseChartLevel *levels;
  BourseRgba level_color;
  const char *rsi;
  guint n_levels = 0, pane;
  gboolean saw_70 = FALSE, saw_30 = FALSE;
  char label[64];

  ready (t);
  view = GTK_WIDGET (bourse_window_get_chart_view (t->window));
  g_assert_null (find_study (t, "rsi"));
  rsi = add_rsi_from_search (t, view);

  /* its own pane, labelled in words, carrying the 70 and 30 levels */
  pane = bourse_chart_studies_get_pane (t->window->studies, rsi);
  g_assert_cmpuint (pane, !=, BOURSE_CHART_MAIN_PANE);
  series = bourse_chart_studies_get_series (t->window->studies, rsi);
  g_assert_cmpstr (bourse_chart_series_get_title (g_ptr_array_index (series, 0)), ==, "RSI 14");
  levels = bourse_chart_series_get_levels (g_ptr_array_index (series, 0), &n_levels, NULL, NULL);
  for (guint k = 0; k < n_levels; k++)
    {
      saw_70 |= levels[k].value == 70;
      saw_30 |= levels[k].value == 30;
    }
  g_assert_true (saw_70 && saw_30);
  level_color = levels[0].color;

  /* on screen: both levels' dashes in the level colour, two decimals on the scale */
  bourse_test_pointer_move (GTK_WIDGET (t->window), 2, 2);
  bourse_chart_clear_crosshair (t->window->chart);
  bourse_test_wait_for_frame (view);
  renderer = bourse_chart_view_get_renderer (bourse_window_get_chart_view (t->window));
  g_assert_true (bourse_chart_renderer_get_pane_geometry (renderer, pane, &g));
  g_assert_cmpint (g.precision, ==, 2);
  bourse_price_scale_format (&g.price_scale, 50, g.precision, label, sizeof label);
  g_assert_cmpstr (label, ==, "50.00");
  g_assert_cmpfloat (bourse_price_scale_price_to_y (&g.price_scale, 70), >=, 0);
  g_assert_cmpfloat (bourse_price_scale_price_to_y (&g.price_scale, 30), <=, g.height);
  bourse_test_save_screenshot (view, "indicators-dialog-rsi");
  assert_levels_drawn (t, view, pane, &level_color);
  assert_legend_opens_settings (t, view, pane, g_ptr_array_index (series, 0), rsi);
}

/* Period 21 typed into the form and a new colour: applied, drawn and kept. */
static void
test_settings_form (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  BourseSettings *settings = bourse_application_get_settings (t->app);
  const GdkRGBA chosen = { 0.9f, 0.3f, 0.1f, 1.0f };
  AdwMessageDialog *dialog;
  GtkWidget *period, *color, *error_label, *slow;
  g_autoptr(GPtrArray) series = NULL;
  g_auto(GStrv) specs = NULL;
  g_auto(GStrv) styles = NULL;
  const char *rsi, *macd;
  BourseRgba drawn;
  BourseStudyStyle kept;
  g_autoptr(GError) error = NULL;
  int index = -1;

  ready (t);
  rsi = find_study (t, "rsi");
  if (rsi == NULL)
    {
      g_assert_true (bourse_chart_pane_add_indicator (t->window->chart_pane, "rsi", &error));
      g_assert_no_error (error);
      rsi = find_study (t, "rsi");
    }

  g_action_group_activate_action (G_ACTION_GROUP (t->window), "edit-indicator", g_variant_new_string (rsi));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Relative Strength Index");
  period = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "input-0");
  color = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "color-0");
  g_assert_nonnull (period);
  g_assert_nonnull (color);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (period)), ==, 14);
  WAIT_UNTIL (gtk_widget_get_mapped (period), 15);
  bourse_test_wait_for_frame (period);

  /* the period typed as a user types it: select all, "21" */
  bourse_test_pointer_click (period, 20, gtk_widget_get_height (period) / 2.0);
  bourse_test_key (period, "ctrl+a");
  bourse_test_type (period, "21");
  WAIT_UNTIL (gtk_spin_button_get_value (GTK_SPIN_BUTTON (period)) == 21, 15);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  /* the colour as its chooser hands it over */
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &chosen);
  g_signal_emit_by_name (color, "color-set");
  /* Enter applies (Apply is the default response) */
  bourse_test_key (period, "Return");
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);

  rsi = find_study (t, "rsi");
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies, rsi)), ==, "rsi:21");
  series = bourse_chart_studies_get_series (t->window->studies, rsi);
  g_assert_cmpstr (bourse_chart_series_get_title (g_ptr_array_index (series, 0)), ==, "RSI 21");
  bourse_chart_series_get_color (g_ptr_array_index (series, 0), &drawn);
  g_assert_cmpfloat_with_epsilon (drawn.red, chosen.red, 1e-3);
  g_assert_cmpfloat_with_epsilon (drawn.green, chosen.green, 1e-3);
  g_assert_cmpfloat_with_epsilon (drawn.blue, chosen.blue, 1e-3);

  /* kept: the spec and, beside it, the style with that colour */
  specs = bourse_settings_dup_chart_indicators (settings);
  styles = bourse_settings_dup_chart_indicator_styles (settings);
  g_assert_cmpuint (g_strv_length (specs), ==, g_strv_length (styles));
  for (guint i = 0; specs[i]; i++)
    if (g_str_equal (specs[i], "rsi:21"))
      index = (int) i;
  g_assert_cmpint (index, >=, 0);
  bourse_study_style_init (&kept, bourse_indicator_find_study ("rsi"));
  g_assert_true (bourse_study_style_parse (&kept, styles[index], &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (kept.colors[0].red, chosen.red, 1e-2);
  g_assert_cmpfloat_with_epsilon (kept.colors[0].green, chosen.green, 1e-2);
  g_assert_cmpfloat_with_epsilon (kept.colors[0].blue, chosen.blue, 1e-2);
  g_assert_cmpuint (kept.n_levels, ==, 3);

  /* refused inputs: MACD's fast period not below the slow one */
  g_assert_true (bourse_chart_pane_add_indicator (t->window->chart_pane, "macd", &error));
  g_assert_no_error (error);
  macd = find_study (t, "macd");
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "edit-indicator", g_variant_new_string (macd));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 15);
  slow = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "input-1");
  error_label = bourse_test_find_named (adw_message_dialog_get_extra_child (dialog), "error");
  g_assert_nonnull (slow);
  g_assert_nonnull (error_label);
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (slow), 10);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "shorter"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (slow), 26);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);
  g_assert_cmpstr (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (t->window->studies, macd)), ==, "macd:12,26,9");
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Indicators/search-adds-rsi", test_search_adds_rsi },
    { "/Bourse/UI/Indicators/settings-form", test_settings_form },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
