/* bourse-drawing-painters.h — paints one BourseDrawing on a chart pane
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One painter per drawing kind, chosen from a table indexed by the kind; the
 * drawing layer decides what to draw and where its anchors are, the painters
 * only how each kind looks.
 */
#pragma once

#include <cairo.h>

#include "bourse-chart-layer.h"
#include "bourse-drawing.h"

G_BEGIN_DECLS

/* Paints @drawing with its anchors at (@x[i], @y[i]), pane-local logical px
 * (as many as it has points, at most 3). */
void bourse_drawing_paint         (cairo_t                       *cr,
                                   BourseDrawing                 *drawing,
                                   const BourseChartPaneGeometry *geometry,
                                   const double                  *x,
                                   const double                  *y);
typedef enum
{
  BOURSE_POSITION_LABEL_TARGET,
  BOURSE_POSITION_LABEL_STOP,
  BOURSE_POSITION_LABEL_RATIO,
  BOURSE_POSITION_N_LABELS
} BoursePositionLabelKind;

/* One label of the long/short position tool: a solid box, pane-local px. */
typedef struct
{
  BoursePositionLabelKind kind;
  double                  x, y, width, height;
  double                  baseline;   /* of the text, from the box's top */
  char                    text[96];
} BoursePositionLabel;

void bourse_drawing_layout_position_labels (cairo_t                       *cr,
                                            BourseDrawing                 *drawing,
                                            const BourseChartPaneGeometry *geometry,
                                            const double                  *x,
                                            const double                  *y,
                                            BoursePositionLabel           *labels);
/* The handles of a selected drawing: a ring at each of its @n anchors. */
void bourse_drawing_paint_handles (cairo_t                       *cr,
                                   BourseDrawing                 *drawing,
                                   const double                  *x,
                                   const double                  *y,
                                   guint                          n);

G_END_DECLS
