/* bourse-store-signals.c — the signal groups the window and the chart pane follow a
 * broker store and its entity lists with
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group is made once and retargeted when the store changes, so the
 * handlers are connected in one place; callbacks are swapped (they take
 * @instance first) and go with @instance.
 */
#include "config.h"

#include "bourse-store.h"
#include "bourse-store-signals-private.h"

/* A store's connection state and entity changes, to @instance. */
GSignalGroup *
_bourse_store_signals_new (gpointer  instance,
                           GCallback state_changed_cb,
                           GCallback entity_changed_cb)
{
  GSignalGroup *group = g_signal_group_new (BOURSE_TYPE_BROKER_STORE);

  g_signal_group_connect_object (group, "notify::connection-state", state_changed_cb, instance, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (group, "entity-changed", entity_changed_cb, instance, G_CONNECT_SWAPPED);
  return group;
}

/* A list model's "items-changed", to @instance. */
GSignalGroup *
_bourse_list_signals_new (gpointer  instance,
                          GCallback items_changed_cb)
{
  GSignalGroup *group = g_signal_group_new (G_TYPE_LIST_MODEL);

  g_signal_group_connect_object (group, "items-changed", items_changed_cb, instance, G_CONNECT_SWAPPED);
  return group;
}
