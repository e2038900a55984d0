/* test-indicator-colors.c — colours chosen in "Edit indicator…" survive the window being made again
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two studies on the chart; the first is given a colour through the real
 * settings form (win.edit-indicator, its first colour button, Apply). The window is then
 * destroyed and a new one made from the settings: the first study must come
 * back in its colour, the second in its default.
 */
#include "config.h"

#include "bourse-application.h"
#include "bourse-chart-series.h"
#include "bourse-test-ui.h"
#include "bourse-window-private.h"

static BourseWindow *
make_window (BourseApplication *app)
{
  g_application_activate (G_APPLICATION (app));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BOURSE_IS_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

/* The colour of the first series of the @nth study on @window's chart. */
static BourseRgba
study_color (BourseWindow *window,
             guint         nth,
             char        **spec)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (window->studies);
  g_autoptr(GPtrArray) series = NULL;
  BourseRgba color;

  g_assert_cmpuint (ids->len, >, nth);
  series = bourse_chart_studies_get_series (window->studies, g_ptr_array_index (ids, nth));
  g_assert_cmpuint (series->len, >, 0);
  bourse_chart_series_get_color (g_ptr_array_index (series, 0), &color);
  *spec = g_strdup (bourse_indicator_get_spec (bourse_chart_studies_get_indicator (window->studies,
                                                                                   g_ptr_array_index (ids, nth))));
  return color;
}

static void
test_colors_survive_new_window (void)
{
  g_autoptr(BourseApplication) app = bourse_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_auto(GStrv) colors = NULL;
  g_autofree char *action_target = NULL;
  g_autofree char *spec = NULL;
  const GdkRGBA chosen = { 0.8f, 0.2f, 0.6f, 1.0f };
  BourseRgba before_default, restored, restored_default;
  BourseWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *color_button;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  /* stays alive between the two windows, as alerts keep it */
  g_application_hold (G_APPLICATION (app));

  window = make_window (app);
  g_assert_true (bourse_chart_pane_add_indicator (window->chart_pane, "sma:20", &error));
  g_assert_no_error (error);
  g_assert_true (bourse_chart_pane_add_indicator (window->chart_pane, "ema:9", &error));
  g_assert_no_error (error);
  before_default = study_color (window, 1, &spec);
  g_clear_pointer (&spec, g_free);

  /* Edit indicator… on the first: a new colour, applied */
  ids = bourse_chart_studies_list (window->studies);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-indicator", "s", g_ptr_array_index (ids, 0));
  WAIT_UNTIL ((dialog = bourse_test_find_message_dialog ()) != NULL, 10);
  /* the settings form's colour of the first output */
  color_button = bourse_test_find_named (GTK_WIDGET (dialog), "color-0");
  g_assert_nonnull (color_button);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color_button), &chosen);
  g_signal_emit_by_name (color_button, "color-set");
  /* what a click on Apply does: respond, then close */
  adw_message_dialog_response (dialog, "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (bourse_test_find_message_dialog () == NULL, 15);

  colors = bourse_settings_dup_chart_indicator_colors (bourse_application_get_settings (app));
  g_assert_cmpuint (g_strv_length (colors), ==, 2);
  g_assert_cmpstr (colors[1], ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL, 15);

  window = make_window (app);
  restored = study_color (window, 0, &spec);
  g_assert_cmpstr (spec, ==, "sma:20");
  g_clear_pointer (&spec, g_free);
  g_assert_cmpfloat_with_epsilon (restored.red, chosen.red, 1e-3);
  g_assert_cmpfloat_with_epsilon (restored.green, chosen.green, 1e-3);
  g_assert_cmpfloat_with_epsilon (restored.blue, chosen.blue, 1e-3);
  g_assert_cmpfloat_with_epsilon (restored.alpha, chosen.alpha, 1e-3);
  /* the one left alone keeps its default colour */
  restored_default = study_color (window, 1, &spec);
  g_assert_cmpstr (spec, ==, "ema:9");
  g_assert_cmpmem (&restored_default, sizeof restored_default, &before_default, sizeof before_default);

  /* removing a study drops its colour with it */
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = bourse_chart_studies_list (window->studies);
  bourse_chart_pane_remove_indicator (window->chart_pane, g_ptr_array_index (ids, 0));
  g_clear_pointer (&colors, g_strfreev);
  colors = bourse_settings_dup_chart_indicator_colors (bourse_application_get_settings (app));
  g_assert_cmpuint (g_strv_length (colors), ==, 1);
  g_assert_cmpstr (colors[0], ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL, 15);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/IndicatorColors/survive-new-window", test_colors_survive_new_window);

  return g_test_run ();
}
