/* bourse-window-chart-image.c — the window's chart images: a PNG file or the clipboard
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.chart-screenshot (a path: what scripts and app.chart-screenshot use),
 * win.chart-screenshot-save (the file chooser first) and
 * win.chart-screenshot-clipboard (Ctrl+Alt+S, the toolbar's camera) render
 * the chart area alone, without toolbars and panels, at its size on screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-widget-texture.h"
#include "bourse-window-private.h"

static void
screenshot_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BourseWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      /* a script that asked for it reads the log */
      g_warning ("Chart screenshot not saved to %s: %s", g_file_peek_path (G_FILE (object)), error->message);
      _bourse_window_report_error (self, _("Chart screenshot not saved"), error);
      return;
    }
  name = g_file_get_basename (G_FILE (object));
  message = g_strdup_printf (_("Chart saved to %s"), name);
  _bourse_window_toast (self, message);
}

static void
screenshot_rendered_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = bourse_widget_render_texture_finish (GTK_WIDGET (object), result, &error);
  BourseWindow *self = BOURSE_WINDOW (gtk_widget_get_root (GTK_WIDGET (object)));
  g_autoptr(GBytes) png = NULL;

  if (texture == NULL)
    {
      g_warning ("Chart screenshot not saved to %s: %s", g_file_peek_path (file), error->message);
      if (self != NULL)
        _bourse_window_report_error (self, _("Chart screenshot not saved"), error);
      return;
    }
  png = gdk_texture_save_to_png_bytes (texture);
  g_file_replace_contents_bytes_async (file, png, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       screenshot_saved_cb, g_object_ref (self));
}

/* The chart area alone (no toolbar, no panel) as a PNG of its on-screen
 * size in device pixels. */
static void
bourse_window_chart_screenshot_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_widget_render_texture_async (GTK_WIDGET (self->chart_pane), NULL, screenshot_rendered_cb,
                                      g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL)));
}

static void
clipboard_rendered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BourseWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = bourse_widget_render_texture_finish (GTK_WIDGET (object), result, &error);

  if (texture == NULL)
    {
      _bourse_window_report_error (self, _("Chart not copied"), error);
      return;
    }
  /* GDK offers the texture as image/png, and more, to whoever pastes it */
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  _bourse_window_toast (self, _("Chart copied to clipboard"));
}

static void
bourse_window_chart_screenshot_clipboard_action (GSimpleAction *action,
                                                 GVariant      *parameter,
                                                 gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_widget_render_texture_async (GTK_WIDGET (self->chart_pane), NULL, clipboard_rendered_cb, g_object_ref (self));
}

static void
screenshot_dialog_response_cb (GtkNativeDialog *dialog,
                               int              response,
                               BourseWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL && g_file_peek_path (file) != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (self), "chart-screenshot",
                                        g_variant_new_string (g_file_peek_path (file)));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* "Save Chart Image…": the file chooser, then win.chart-screenshot. */
static void
bourse_window_chart_screenshot_save_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data)
{
  BourseWindow *self = user_data;
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s-%s.png", self->symbol ? self->symbol : "chart",
                                           self->resolution ? self->resolution : "");

  dialog = gtk_file_chooser_native_new (_("Save Chart Image"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (screenshot_dialog_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry chart_image_actions[] = {
  { "chart-screenshot", bourse_window_chart_screenshot_action, "s" },
  { "chart-screenshot-clipboard", bourse_window_chart_screenshot_clipboard_action },
  { "chart-screenshot-save", bourse_window_chart_screenshot_save_action },
};

void
_bourse_window_add_chart_image_actions (BourseWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), chart_image_actions, G_N_ELEMENTS (chart_image_actions), self);
}
