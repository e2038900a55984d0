/* bourse-drawing-style-dialog.h — a drawing's colour, line, fill and text, applied as they change
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is applied to the drawing at once (the chart shows it, the
 * pane saves it) and recorded in the chart's history; all the changes made
 * while one dialog is open are one undo step.
 */
#pragma once

#include <adwaita.h>

#include "bourse-chart-pane.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_DRAWING_STYLE_DIALOG (bourse_drawing_style_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseDrawingStyleDialog, bourse_drawing_style_dialog, BOURSE, DRAWING_STYLE_DIALOG, AdwWindow)

BourseDrawingStyleDialog *bourse_drawing_style_dialog_new         (GtkWindow       *parent,
                                                                   BourseChartPane *pane,
                                                                   BourseDrawing   *drawing);
BourseDrawing            *bourse_drawing_style_dialog_get_drawing (BourseDrawingStyleDialog *self);

G_END_DECLS
