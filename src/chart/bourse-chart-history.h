/* bourse-chart-history.h — one chart's undo/redo history of state snapshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry is a change of one part of a chart (its drawings, its studies,
 * its type…) recorded as two snapshots, the state before and after, as
 * GVariants, with the function that puts a snapshot back. Undo restores the
 * "before" of the newest entry, redo the "after" of the entry undone last;
 * a new entry drops what could have been redone. Entries pushed one after the
 * other with the same merge key (a drag, the edits made in one open style
 * dialog) become one: the first "before", the last "after". While a snapshot
 * is being restored, bourse_chart_history_is_restoring() is TRUE so whoever
 * records changes does not record the restore itself.
 *
 *   bourse_chart_history_push (history, _("Change Chart Type"), NULL,
 *                              restore_chart_type, pane,
 *                              g_variant_new_string ("candles"),
 *                              g_variant_new_string ("line"));
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Puts @state (one of the snapshots given to push) back on @target. */
typedef void (*BourseChartHistoryRestore) (gpointer  target,
                                           GVariant *state);

#define BOURSE_TYPE_CHART_HISTORY (bourse_chart_history_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartHistory, bourse_chart_history, BOURSE, CHART_HISTORY, GObject)

BourseChartHistory *bourse_chart_history_new           (guint                      limit);
/* @target is borrowed: it must outlive the history (the chart owns both).
 * @before and @after are sunk if floating. Equal snapshots record nothing. */
void                bourse_chart_history_push          (BourseChartHistory        *self,
                                                        const char                *label,
                                                        const char                *merge_key,
                                                        BourseChartHistoryRestore  restore,
                                                        gpointer                   target,
                                                        GVariant                  *before,
                                                        GVariant                  *after);
gboolean            bourse_chart_history_undo          (BourseChartHistory        *self);
gboolean            bourse_chart_history_redo          (BourseChartHistory        *self);
gboolean            bourse_chart_history_can_undo      (BourseChartHistory        *self);
gboolean            bourse_chart_history_can_redo      (BourseChartHistory        *self);
/* What undo/redo would do ("Move Drawing"), or NULL. */
const char         *bourse_chart_history_get_undo_label (BourseChartHistory       *self);
const char         *bourse_chart_history_get_redo_label (BourseChartHistory       *self);
gboolean            bourse_chart_history_is_restoring  (BourseChartHistory        *self);
/* The next push starts a new entry even with the same merge key. */
void                bourse_chart_history_seal          (BourseChartHistory        *self);
void                bourse_chart_history_clear         (BourseChartHistory        *self);

G_END_DECLS
