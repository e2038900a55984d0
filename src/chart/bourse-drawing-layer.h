/* bourse-drawing-layer.h — draws and edits BourseDrawings on a chart pane
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A BourseChartLayer over a GListStore of BourseDrawing (the per-symbol list the
 * app loads and saves with BourseDrawingStore). With a tool set, a press starts a
 * new drawing at the pointer and dragging places its second anchor (parallel
 * channels get their width, positions a 1:1 stop, both editable afterwards); the
 * tool then resets. Without a tool, a press on a drawing selects it, dragging
 * moves it, and dragging one of the selected drawing's handles moves that anchor.
 * Locked drawings select but never move; hidden ones are neither drawn nor
 * hit ("all-locked" and "all-hidden" do that to every drawing). With
 * "keep-tool" the tool stays after a drawing is placed. With "magnet" on, anchors snap to the
 * open, high, low or close of the bar under the pointer, whichever is nearest.
 * Presses that hit nothing fall through to the chart (panning).
 */
#pragma once

#include "bourse-chart-layer.h"
#include "bourse-drawing.h"

G_BEGIN_DECLS

/* "No tool": select and edit. */
#define BOURSE_DRAWING_LAYER_NO_TOOL BOURSE_DRAWING_N_KINDS

#define BOURSE_TYPE_DRAWING_LAYER (bourse_drawing_layer_get_type ())

G_DECLARE_FINAL_TYPE (BourseDrawingLayer, bourse_drawing_layer, BOURSE, DRAWING_LAYER, GObject)

/* @drawings: the list to show and edit (NULL: a new empty one). */
BourseDrawingLayer *bourse_drawing_layer_new                (GListStore         *drawings);
GListStore         *bourse_drawing_layer_get_drawings       (BourseDrawingLayer *self);
/* A BourseDrawingKind to create with the next press, or BOURSE_DRAWING_LAYER_NO_TOOL. */
guint               bourse_drawing_layer_get_tool           (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_tool           (BourseDrawingLayer *self,
                                                             guint               tool);
gboolean            bourse_drawing_layer_get_magnet         (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_magnet         (BourseDrawingLayer *self,
                                                             gboolean            magnet);
BourseDrawing      *bourse_drawing_layer_get_selected       (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_selected       (BourseDrawingLayer *self,
                                                             BourseDrawing      *drawing);
gboolean            bourse_drawing_layer_get_keep_tool      (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_keep_tool      (BourseDrawingLayer *self,
                                                             gboolean            keep_tool);
gboolean            bourse_drawing_layer_get_all_locked     (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_all_locked     (BourseDrawingLayer *self,
                                                             gboolean            all_locked);
gboolean            bourse_drawing_layer_get_all_hidden     (BourseDrawingLayer *self);
void                bourse_drawing_layer_set_all_hidden     (BourseDrawingLayer *self,
                                                             gboolean            all_hidden);
/* TRUE from the press that places or drags a drawing to its release. */
gboolean            bourse_drawing_layer_get_editing        (BourseDrawingLayer *self);
/* Bring to front / send to back; FALSE when @drawing is not in the list. */
gboolean            bourse_drawing_layer_restack            (BourseDrawingLayer *self,
                                                             BourseDrawing      *drawing,
                                                             gboolean            to_front);
/* Removes the selected drawing from the list; FALSE when none. */
gboolean            bourse_drawing_layer_delete_selected    (BourseDrawingLayer *self);
/* The topmost drawing within @tolerance px of (x, y) in @geometry, or NULL. */
BourseDrawing      *bourse_drawing_layer_pick               (BourseDrawingLayer            *self,
                                                             const BourseChartPaneGeometry *geometry,
                                                             double                         x,
                                                             double                         y,
                                                             double                         tolerance);

G_END_DECLS
