/* bourse-store-signals-private.h — the signal groups the window and the chart pane follow a
 * broker store and its entity lists with
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSignalGroup *_bourse_store_signals_new (gpointer  instance,
                                         GCallback state_changed_cb,
                                         GCallback entity_changed_cb);
GSignalGroup *_bourse_list_signals_new  (gpointer  instance,
                                         GCallback items_changed_cb);

G_END_DECLS
