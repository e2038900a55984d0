/* bourse-table-columns-private.h — column view parts the account manager and the alerts panel share:
 * property sorters, row action buttons, sorted models
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row button: @action (a "win." action taking a string) with the row's id
 * as target. Arrays of these end with a { NULL } entry; @tooltip is
 * translated when shown (mark it with N_()). */
typedef struct
{
  const char *icon_name;
  const char *tooltip;
  const char *action;
  const char *css_class;
} BourseRowAction;

GtkSorter *_bourse_table_property_sorter   (GType                  item_type,
                                            const char            *property);
void       _bourse_table_add_actions_column (GtkColumnView        *view,
                                             const BourseRowAction *actions,
                                             const char            *id_property);
void       _bourse_table_set_model         (GtkColumnView         *view,
                                            GListModel            *model);

G_END_DECLS
