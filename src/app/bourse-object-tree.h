/* bourse-object-tree.h — the chart's drawings and studies in a list, each to show, lock or remove
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TradingView's object tree: one row per study ("RSI 14") and per drawing
 * ("Trend Line"), topmost drawing first, with a visibility toggle, a lock
 * toggle (drawings) and a remove button. Selecting a drawing's row selects
 * the drawing on the chart, and the other way round. Changes made here go
 * through the pane, so they are saved and can be undone like any other.
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-chart-pane.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_OBJECT_TREE (bourse_object_tree_get_type ())

G_DECLARE_FINAL_TYPE (BourseObjectTree, bourse_object_tree, BOURSE, OBJECT_TREE, GtkWidget)

GtkWidget       *bourse_object_tree_new            (void);
BourseChartPane *bourse_object_tree_get_chart_pane (BourseObjectTree *self);
void             bourse_object_tree_set_chart_pane (BourseObjectTree *self,
                                                    BourseChartPane  *pane);
/* The list's rows, for tests and keyboard navigation. */
GtkListBox      *bourse_object_tree_get_list       (BourseObjectTree *self);

G_END_DECLS
