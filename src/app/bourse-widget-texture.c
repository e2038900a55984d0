/* bourse-widget-texture.c — a widget as it is on screen, rendered into a texture (chart screenshots)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How: GTK 4 has no public gtk_widget_snapshot(), but a GtkWidgetPaintable
 * snapshots the widget as it is drawn (nothing outside it: no toolbar, no
 * panel); its render node is rendered by the window's own renderer at the
 * window's scale, so the texture has the widget's size in device pixels.
 * A widget whose layout is pending (new bars, a toast) snapshots as nothing,
 * so the render waits for the end of a frame, when layout is done.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-widget-texture.h"

#define MAX_FRAMES 10  /* a widget re-laid out on every frame is still caught */

typedef struct
{
  GtkWidget     *widget;
  GdkFrameClock *frame_clock;
  gulong         after_paint_id;
  gulong         unmap_id;
  gulong         map_id;
  guint          frames;
} RenderData;

static void
render_data_free (gpointer user_data)
{
  RenderData *data = user_data;

  g_clear_signal_handler (&data->after_paint_id, data->frame_clock);
  g_clear_signal_handler (&data->unmap_id, data->widget);
  g_clear_signal_handler (&data->map_id, data->widget);
  g_clear_object (&data->frame_clock);
  g_clear_object (&data->widget);
  g_free (data);
}

/* NULL when the widget has nothing to show now. */
static GdkTexture *
render_now (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;

  if (native == NULL || width <= 0 || height <= 0)
    return NULL;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GTask         *task)
{
  RenderData *data = g_task_get_task_data (task);
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    goto done;
  texture = gtk_widget_get_mapped (data->widget) ? render_now (data->widget) : NULL;
  if (texture == NULL && ++data->frames < MAX_FRAMES && gtk_widget_get_mapped (data->widget))
    {
      gtk_widget_queue_draw (data->widget);
      return;
    }
  if (texture != NULL)
    g_task_return_pointer (task, texture, g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart is not on screen"));

done:
  g_clear_signal_handler (&data->after_paint_id, data->frame_clock);
  g_clear_signal_handler (&data->unmap_id, data->widget);
  g_object_unref (task);
}

/* A widget taken off screen gets no more frames. */
static void
unmap_cb (GtkWidget *widget,
          GTask     *task)
{
  RenderData *data = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart is not on screen"));
  g_clear_signal_handler (&data->after_paint_id, data->frame_clock);
  g_clear_signal_handler (&data->unmap_id, data->widget);
  g_object_unref (task);
}

/* Renders at the end of the next frame of @data's widget, which is mapped. */
static void
wait_for_frame (GTask *task)
{
  RenderData *data = g_task_get_task_data (task);

  data->frame_clock = g_object_ref (gtk_widget_get_frame_clock (data->widget));
  data->after_paint_id = g_signal_connect (data->frame_clock, "after-paint", G_CALLBACK (after_paint_cb), task);
  data->unmap_id = g_signal_connect (data->widget, "unmap", G_CALLBACK (unmap_cb), task);
  gtk_widget_queue_draw (data->widget);
}

/* A window just presented (by the script that started the terminal) */
static void
map_cb (GtkWidget *widget,
        GTask     *task)
{
  RenderData *data = g_task_get_task_data (task);

  g_clear_signal_handler (&data->map_id, data->widget);
  wait_for_frame (task);
}

/**
 * bourse_widget_render_texture_async:
 *
 * Renders @widget as the next frame shows it; the texture is its width
 * and height times the scale factor. A widget in a window being shown is
 * rendered once it is on screen; any other unmapped widget is an error.
 */
void
bourse_widget_render_texture_async (GtkWidget           *widget,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkRoot *root;
  RenderData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_widget_render_texture_async);
  root = gtk_widget_get_root (widget);
  if (!gtk_widget_get_mapped (widget) &&
      !(GTK_IS_WINDOW (root) && gtk_widget_get_visible (GTK_WIDGET (root)) && gtk_widget_get_child_visible (widget) &&
        !gtk_widget_get_mapped (GTK_WIDGET (root))))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The chart is not on screen"));
      return;
    }
  data = g_new0 (RenderData, 1);
  data->widget = g_object_ref (widget);
  g_task_set_task_data (task, data, render_data_free);
  /* the handlers own the task until one of them returns it */
  if (gtk_widget_get_mapped (widget))
    wait_for_frame (g_steal_pointer (&task));
  else
    data->map_id = g_signal_connect (widget, "map", G_CALLBACK (map_cb), g_steal_pointer (&task));
}

GdkTexture *
bourse_widget_render_texture_finish (GtkWidget     *widget,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
