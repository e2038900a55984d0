/* bourse-widget-texture.c — a widget as it is on screen, rendered into a texture (chart screenshots)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How: GTK 4 has no public gtk_widget_snapshot(), but a GtkWidgetPaintable
 * snapshots the widget as it is drawn now (nothing outside it: no toolbar,
 * no panel); its render node is rendered by the window's own renderer at
 * the window's scale, so the texture has the widget's size in device pixels.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-widget-texture.h"

/**
 * bourse_widget_render_texture:
 *
 * Returns: (transfer full) (nullable): @widget's pixels, its width and
 *   height times the scale factor; %NULL with G_IO_ERROR_FAILED when
 *   it is not on screen
 */
GdkTexture *
bourse_widget_render_texture (GtkWidget  *widget,
                              GError    **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;
  int width, height, scale;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  scale = gtk_widget_get_scale_factor (widget);
  native = gtk_widget_get_native (widget);
  renderer = native ? gtk_native_get_renderer (native) : NULL;
  if (!gtk_widget_get_mapped (widget) || width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart is not on screen"));
      return NULL;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart has nothing drawn yet"));
      return NULL;
    }
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
}
