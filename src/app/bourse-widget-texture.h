/* bourse-widget-texture.h — a widget as it is on screen, rendered into a texture (chart screenshots)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        bourse_widget_render_texture_async  (GtkWidget            *widget,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GdkTexture *bourse_widget_render_texture_finish (GtkWidget            *widget,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
