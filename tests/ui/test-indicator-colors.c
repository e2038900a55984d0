/* test-indicator-colors.c — colours chosen in "Edit indicator…" survive the window being made again
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two studies on the chart; the first is given a colour through the real
 * dialog (win.edit-indicator, its colour button, Apply). The window is then
 * destroyed and a new one made from the settings: the first study must come
 * back in its colour, the second in its default.
 */
#include "config.h"

#include "bourse-application.h"
#include "bourse-chart-series.h"
#include "bourse-window-private.h"

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main loop until @cond holds; fails the test after @seconds. */
#define WAIT_UNTIL(cond, seconds)                                                        \
  G_STMT_START {                                                                         \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) (seconds) * G_USEC_PER_SEC;    \
    guint wake_id_ = g_timeout_add (20, wake_cb, NULL);                                  \
    while (!(cond))                                                                      \
      {                                                                                  \
        if (g_get_monotonic_time () > deadline_)                                         \
          g_error ("Timed out after %d s waiting for %s", (int) (seconds), #cond);       \
        g_main_context_iteration (NULL, TRUE);                                           \
      }                                                                                  \
    g_source_remove (wake_id_);                                                          \
  } G_STMT_END

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  WAIT_UNTIL (g_get_monotonic_time () >= end, ms / 1000 + 2);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

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
  g_assert_true (_bourse_window_add_indicator (window, "sma:20", &error));
  g_assert_no_error (error);
  g_assert_true (_bourse_window_add_indicator (window, "ema:9", &error));
  g_assert_no_error (error);
  before_default = study_color (window, 1, &spec);
  g_clear_pointer (&spec, g_free);

  /* Edit indicator… on the first: a new colour, applied */
  ids = bourse_chart_studies_list (window->studies);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-indicator", "s", g_ptr_array_index (ids, 0));
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 10);
  color_button = find_named (GTK_WIDGET (dialog), "color");
  g_assert_nonnull (color_button);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color_button), &chosen);
  g_signal_emit_by_name (color_button, "color-set");
  adw_message_dialog_response (dialog, "apply");
  spin (50);

  colors = bourse_settings_dup_chart_indicator_colors (bourse_application_get_settings (app));
  g_assert_cmpuint (g_strv_length (colors), ==, 2);
  g_assert_cmpstr (colors[1], ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

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
  _bourse_window_remove_indicator (window, g_ptr_array_index (ids, 0));
  g_clear_pointer (&colors, g_strfreev);
  colors = bourse_settings_dup_chart_indicator_colors (bourse_application_get_settings (app));
  g_assert_cmpuint (g_strv_length (colors), ==, 1);
  g_assert_cmpstr (colors[0], ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  spin (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/IndicatorColors/survive-new-window", test_colors_survive_new_window);

  return g_test_run ();
}
