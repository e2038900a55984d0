/* test-scripting.c — the app actions scripts run through D-Bus, and the chart screenshot shortcut
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `gapplication action io.github.bourse.Bourse NAME PARAM` does: the
 * test opens a connection of its own to the session bus and activates the
 * application's actions on its object path (org.gtk.Actions.Activate, as
 * gapplication does), then checks each effect on the real window: symbol,
 * interval, chart type, study, a PNG of the chart area, the CSV of Export
 * Chart Data; wrong parameters give a toast and a warning. Ctrl+Alt+S,
 * pressed through X, puts a PNG of the chart on the clipboard.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bourse-test-terminal.h"

typedef struct
{
  GDBusConnection *bus;     /* the test's own connection, as another process has */
  GActionGroup    *actions; /* the application's actions, seen through it */
} Remote;

/* The application's actions as another process on the session bus sees
 * them; FALSE (the test skipped) without a session bus. */
static gboolean
remote_init (BourseTestTerminal *t,
             Remote             *remote)
{
  GDBusConnection *app_bus = g_application_get_dbus_connection (G_APPLICATION (t->app));
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  if (app_bus == NULL)
    {
      g_test_skip ("no session bus: run under dbus-run-session");
      return FALSE;
    }
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  remote->bus = g_dbus_connection_new_for_address_sync (address,
                                                        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  remote->actions = G_ACTION_GROUP (g_dbus_action_group_get (remote->bus, g_dbus_connection_get_unique_name (app_bus),
                                                             g_application_get_dbus_object_path (G_APPLICATION (t->app))));
  return TRUE;
}

static void
remote_clear (Remote *remote)
{
  g_clear_object (&remote->actions);
  if (remote->bus != NULL)
    g_dbus_connection_close_sync (remote->bus, NULL, NULL);
  g_clear_object (&remote->bus);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Remote, remote_clear)

/* gapplication action io.github.bourse.Bourse @name "'@value'" */
static void
remote_activate (Remote     *remote,
                 const char *name,
                 const char *value)
{
  g_action_group_activate_action (remote->actions, name, g_variant_new_string (value));
  g_dbus_connection_flush_sync (remote->bus, NULL, NULL);
}

static gboolean
has_study (BourseTestTerminal *t,
           const char         *spec)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (t->window->studies);

  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (t->window->studies, g_ptr_array_index (ids, i));

      if (indicator != NULL && g_strcmp0 (bourse_indicator_get_spec (indicator), spec) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A wrong parameter changes nothing, says why in a toast and in the log. */
static void
check_refused (BourseTestTerminal *t,
               Remote             *remote,
               const char         *name,
               const char         *value,
               const char         *toast)
{
  guint toasts = bourse_window_get_n_toasts (t->window);
  g_autofree char *symbol = g_strdup (bourse_window_get_symbol (t->window));
  g_autofree char *resolution = g_strdup (bourse_window_get_resolution (t->window));
  g_autofree char *type = g_strdup (bourse_chart_pane_get_chart_type (t->window->chart_pane));
  g_autoptr(GPtrArray) studies = bourse_chart_studies_list (t->window->studies);
  g_autofree char *pattern = g_strdup_printf ("%s %s: *", name, value);

  g_test_expect_message ("Bourse", G_LOG_LEVEL_WARNING, pattern);
  remote_activate (remote, name, value);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, toast), 10);
  g_test_assert_expected_messages ();
  g_test_message ("%s '%s' → %s", name, value, bourse_window_get_last_toast (t->window));
  g_assert_cmpstr (bourse_window_get_symbol (t->window), ==, symbol);
  g_assert_cmpstr (bourse_window_get_resolution (t->window), ==, resolution);
  g_assert_cmpstr (bourse_chart_pane_get_chart_type (t->window->chart_pane), ==, type);
  {
    g_autoptr(GPtrArray) after = bourse_chart_studies_list (t->window->studies);

    g_assert_cmpuint (after->len, ==, studies->len);
  }
}

static void
test_chart_actions (gconstpointer data)
{
  BourseTestTerminal *t = (BourseTestTerminal *) data;
  g_auto(Remote) remote = { 0 };

  WAIT_UNTIL (bourse_test_is_live (t), 30);
  if (!remote_init (t, &remote))
    return;

  remote_activate (&remote, "chart-symbol", "GBPUSD");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "GBPUSD") == 0, 10);
  g_assert_cmpstr (bourse_chart_pane_get_symbol (t->window->chart_pane), ==, "GBPUSD");

  /* as traders type them: hours are the API's minutes */
  remote_activate (&remote, "chart-interval", "4h");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_resolution (t->window), "240") == 0, 10);
  remote_activate (&remote, "chart-interval", "1D");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_resolution (t->window), "1D") == 0, 10);
  g_assert_cmpstr (bourse_chart_pane_get_resolution (t->window->chart_pane), ==, "1D");

  remote_activate (&remote, "chart-type", "heikin-ashi");
  WAIT_UNTIL (g_strcmp0 (bourse_chart_pane_get_chart_type (t->window->chart_pane), "heikin-ashi") == 0, 10);

  remote_activate (&remote, "chart-indicator", "rsi:14");
  WAIT_UNTIL (has_study (t, "rsi:14"), 10);

  check_refused (t, &remote, "chart-symbol", "NOSUCH", "no symbol “NOSUCH”");
  check_refused (t, &remote, "chart-interval", "4x", "not an interval");
  check_refused (t, &remote, "chart-type", "pie", "Unknown chart type “pie”");
  check_refused (t, &remote, "chart-indicator", "nosuchstudy:3", "Indicator not added");
}

/* How many different colours @texture has, up to @enough. */
static guint
count_colors (GdkTexture *texture,
              guint       enough)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height && g_hash_table_size (colors) < enough; i++)
    g_hash_table_add (colors, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (colors);
}

static void
test_chart_screenshot (gconstpointer data)
{
  BourseTestTerminal *t = (BourseTestTerminal *) data;
  g_auto(Remote) remote = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("bourse-scripting-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chart = GTK_WIDGET (t->window->chart_pane);
  int scale = gtk_widget_get_scale_factor (chart);
  guint toasts = bourse_window_get_n_toasts (t->window);

  WAIT_UNTIL (bourse_test_is_live (t), 30);
  if (!remote_init (t, &remote))
    return;
  bourse_test_wait_for_frame (chart);

  remote_activate (&remote, "chart-screenshot", path);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Chart saved to chart.png"), 10);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  /* the chart area alone, at its size on screen */
  g_test_message ("chart %d × %d, window %d × %d, PNG %d × %d", gtk_widget_get_width (chart), gtk_widget_get_height (chart),
                  gtk_widget_get_width (GTK_WIDGET (t->window)), gtk_widget_get_height (GTK_WIDGET (t->window)),
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (chart) * scale);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (chart) * scale);
  g_assert_cmpint (gdk_texture_get_width (texture), <, gtk_widget_get_width (GTK_WIDGET (t->window)) * scale);
  /* candles, axes, labels: not one flat colour */
  g_assert_cmpuint (count_colors (texture, 64), ==, 64);

  /* a file that cannot be written: said, not crashed */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-dir", "chart.png", NULL);

    toasts = bourse_window_get_n_toasts (t->window);
    g_test_expect_message ("Bourse", G_LOG_LEVEL_WARNING, "Chart screenshot not saved to *");
    remote_activate (&remote, "chart-screenshot", bad);
    WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Chart screenshot not saved"), 10);
    g_test_assert_expected_messages ();
  }

  g_remove (path);
  g_rmdir (dir);
}

static GtkWidget *
find_file_chooser (void)
{
  return (GtkWidget *) bourse_test_find_mapped_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

/* Save Chart Image…: the file chooser offers SYMBOL-RESOLUTION.png in the
 * current directory (the test's own, so it needs no folder change), and
 * its Save button, clicked through X, writes the PNG there. */
static void
test_chart_screenshot_save (gconstpointer data)
{
  BourseTestTerminal *t = (BourseTestTerminal *) data;
  g_autofree char *dir = g_dir_make_tmp ("bourse-scripting-XXXXXX", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *offered = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *toast = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint toasts = bourse_window_get_n_toasts (t->window);
  GtkWidget *chooser, *save;

  WAIT_UNTIL (bourse_test_is_live (t), 30);
  g_assert_cmpint (g_chdir (dir), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "chart-screenshot-save", NULL);
  WAIT_UNTIL ((chooser = find_file_chooser ()) != NULL, 10);
  offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  expected = g_strdup_printf ("%s-%s.png", bourse_window_get_symbol (t->window), bourse_window_get_resolution (t->window));
  g_assert_cmpstr (offered, ==, expected);

  save = gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_nonnull (save);
  bourse_test_wait_for_frame (save);
  if (!bourse_test_require_xdotool (save))
    {
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      g_assert_cmpint (g_chdir (cwd), ==, 0);
      return;
    }
  bourse_test_pointer_click (save, gtk_widget_get_width (save) / 2.0, gtk_widget_get_height (save) / 2.0);
  toast = g_strdup_printf ("Chart saved to %s", expected);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, toast), 10);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  path = g_build_filename (dir, expected, NULL);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   gtk_widget_get_width (GTK_WIDGET (t->window->chart_pane)) * gtk_widget_get_scale_factor (GTK_WIDGET (t->window)));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_chart_export (gconstpointer data)
{
  BourseTestTerminal *t = (BourseTestTerminal *) data;
  g_auto(Remote) remote = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("bourse-scripting-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  g_auto(GStrv) header = NULL;
  guint toasts = bourse_window_get_n_toasts (t->window);
  guint close_column = 0;
  BourseBars *bars;
  gsize n_before, n_rows;

  WAIT_UNTIL (bourse_test_is_live (t), 30);
  if (!remote_init (t, &remote))
    return;

  /* an SMA of one bar is the close: the CSV's bars are this symbol's */
  remote_activate (&remote, "chart-symbol", "USDJPY");
  remote_activate (&remote, "chart-indicator", "sma:1");
  WAIT_UNTIL (g_strcmp0 (bourse_window_get_symbol (t->window), "USDJPY") == 0 && has_study (t, "sma:1"), 10);
  WAIT_UNTIL ((bars = bourse_chart_get_bars (t->window->chart)) != NULL && bars->len > 50 &&
              bars->close[bars->len - 1] > 50 /* yen, not a previous symbol's dollars */, 30);
  n_before = bars->len;

  remote_activate (&remote, "chart-export", path);
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Chart data exported to chart.csv"), 10);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  rows = g_strsplit (contents, "\n", -1);
  header = g_strsplit (rows[0], ",", -1);
  g_test_message ("header: %s", rows[0]);
  /* TradingView's Export chart data: the bars' columns, then the studies' */
  g_assert_cmpstr (header[0], ==, "time");
  g_assert_cmpstr (header[1], ==, "open");
  g_assert_cmpstr (header[2], ==, "high");
  g_assert_cmpstr (header[3], ==, "low");
  g_assert_cmpstr (header[4], ==, "close");
  g_assert_cmpstr (header[5], ==, "volume");
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], "sma_1"))
      close_column = i;
  g_assert_cmpuint (close_column, >, 5);
  /* the header, a row per bar, "" after the last newline */
  n_rows = g_strv_length (rows) - 2;
  bars = bourse_chart_get_bars (t->window->chart);
  g_assert_cmpuint (n_rows, >=, n_before);
  g_assert_cmpuint (n_rows, <=, bars->len);
  for (gsize i = 0; i < n_rows; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i + 1], ",", -1);
      double close, open, high, low, bar_close, volume;

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      g_assert_cmpint (g_ascii_strtoll (cells[0], NULL, 10), ==, bars->time[i]);
      close = g_ascii_strtod (cells[close_column], NULL);
      open = g_ascii_strtod (cells[1], NULL);
      high = g_ascii_strtod (cells[2], NULL);
      low = g_ascii_strtod (cells[3], NULL);
      bar_close = g_ascii_strtod (cells[4], NULL);
      volume = g_ascii_strtod (cells[5], NULL);
      /* a candle: low <= open, close <= high; the SMA of one is the close column */
      g_assert_cmpfloat (low, <=, MIN (open, bar_close));
      g_assert_cmpfloat (high, >=, MAX (open, bar_close));
      g_assert_cmpfloat (volume, >=, 0);
      g_assert_cmpfloat (fabs (close - bar_close), <=, 1e-6 * bar_close);
      /* the last bar may have ticked since */
      if (i + 1 < n_rows)
        {
          g_assert_cmpfloat (fabs (close - bars->close[i]), <=, 1e-6 * bars->close[i]);
          g_assert_cmpfloat (fabs (bar_close - bars->close[i]), <=, 1e-9 * bars->close[i]);
          g_assert_cmpfloat (fabs (open - bars->open[i]), <=, 1e-9 * bars->open[i]);
          g_assert_cmpfloat (fabs (high - bars->high[i]), <=, 1e-9 * bars->high[i]);
          g_assert_cmpfloat (fabs (low - bars->low[i]), <=, 1e-9 * bars->low[i]);
          g_assert_cmpfloat (fabs (volume - bars->volume[i]), <=, 1e-9 * MAX (1, bars->volume[i]));
        }
    }

  g_remove (path);
  g_rmdir (dir);
}

static void
read_png_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GInputStream **stream = user_data;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;

  *stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &mime_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime_type, ==, "image/png");
}

/* Ctrl+Alt+S, pressed on the chart through X, copies it as a PNG. */
static void
test_screenshot_shortcut (gconstpointer data)
{
  BourseTestTerminal *t = (BourseTestTerminal *) data;
  GtkWidget *chart = GTK_WIDGET (t->window->chart_pane);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (t->window));
  static const char *png_types[] = { "image/png", NULL };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) spliced = NULL;
  guint toasts;

  WAIT_UNTIL (bourse_test_is_live (t), 30);
  if (!bourse_test_require_xdotool (chart))
    return;
  gtk_window_present (GTK_WINDOW (t->window));
  WAIT_UNTIL (gtk_widget_get_mapped (chart), 15);
  bourse_test_wait_for_frame (chart);

  /* the shortcut is set, and the Keyboard Shortcuts window lists it */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t->app), "win.chart-screenshot-clipboard");
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
    g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
    gboolean listed = FALSE;

    g_assert_cmpstr (accels[0], ==, "<Control><Alt>s");
    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *action = NULL;

          g_object_get (l->data, "action-name", &action, NULL);
          listed |= g_strcmp0 (action, "win.chart-screenshot-clipboard") == 0;
        }
    g_assert_true (listed);
  }

  toasts = bourse_window_get_n_toasts (t->window);
  bourse_test_key (chart, "ctrl+alt+s");
  WAIT_UNTIL (bourse_test_toast_seen (t, toasts, "Chart copied to clipboard"), 10);
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "image/png"));

  /* what a paste asking for image/png gets */
  gdk_clipboard_read_async (clipboard, png_types, G_PRIORITY_DEFAULT, NULL, read_png_cb, &stream);
  WAIT_UNTIL (stream != NULL, 10);
  memory = g_memory_output_stream_new_resizable ();
  /* GTK writes the PNG on this thread's main loop: read it asynchronously */
  g_output_stream_splice_async (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, bourse_test_await_cb, &spliced);
  g_output_stream_splice_finish (memory, AWAIT (spliced), &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 8);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  texture = gdk_texture_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (chart) * gtk_widget_get_scale_factor (chart));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (chart) * gtk_widget_get_scale_factor (chart));
  g_assert_cmpuint (count_colors (texture, 64), ==, 64);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/Scripting/chart-actions", test_chart_actions },
    { "/Bourse/UI/Scripting/chart-screenshot", test_chart_screenshot },
    { "/Bourse/UI/Scripting/chart-screenshot-save", test_chart_screenshot_save },
    { "/Bourse/UI/Scripting/chart-export", test_chart_export },
    { "/Bourse/UI/Scripting/screenshot-shortcut", test_screenshot_shortcut },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
