/* bourse-drawing.h — one chart drawing as data: kind, anchor points, style, geometry
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawings are anchored in data space (bar time in UNIX seconds, price), never in
 * pixels, so they survive zooming, resizing and restarts. The chart layer projects
 * them with a BourseDrawingProjection for painting and hit testing; alerts ask for
 * the line's value (or the channel's bounds) at a time.
 *
 * Anchors per kind (n = bourse_drawing_kind_get_n_points()):
 *   trend-line, ray, extended-line   2  the line through p0 and p1; a segment, a ray
 *                                      from p0 through p1, or infinite both ways
 *   horizontal-line                  1  price p0 everywhere
 *   horizontal-ray                   1  price p0 from time p0 onwards
 *   vertical-line                    1  time p0
 *   rectangle                        2  opposite corners
 *   parallel-channel                 3  base line p0–p1; p2 sets the parallel line's offset
 *   fib-retracement                  2  level L at price p1 + (p0 - p1)·L: 1 at p0, 0 at p1
 *   text-note                        1  text at p0
 *   price-range                      2  measures p1 - p0 (and in percent of p0)
 *   long-position, short-position    3  p0 entry (time, price), p1 target price (its time
 *                                      is the right edge), p2 stop price
 * Value lines are interpolated linearly in time (exact for series without gaps).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BOURSE_DRAWING_ERROR (bourse_drawing_error_quark ())

typedef enum
{
  BOURSE_DRAWING_ERROR_INVALID,   /* malformed or inconsistent drawing data */
  BOURSE_DRAWING_ERROR_IO,
} BourseDrawingError;

GQuark bourse_drawing_error_quark (void);

typedef enum
{
  BOURSE_DRAWING_TREND_LINE,
  BOURSE_DRAWING_RAY,
  BOURSE_DRAWING_EXTENDED_LINE,
  BOURSE_DRAWING_HORIZONTAL_LINE,
  BOURSE_DRAWING_HORIZONTAL_RAY,
  BOURSE_DRAWING_VERTICAL_LINE,
  BOURSE_DRAWING_RECTANGLE,
  BOURSE_DRAWING_PARALLEL_CHANNEL,
  BOURSE_DRAWING_FIB_RETRACEMENT,
  BOURSE_DRAWING_TEXT_NOTE,
  BOURSE_DRAWING_PRICE_RANGE,
  BOURSE_DRAWING_LONG_POSITION,
  BOURSE_DRAWING_SHORT_POSITION,
  BOURSE_DRAWING_N_KINDS
} BourseDrawingKind;

typedef enum
{
  BOURSE_LINE_STYLE_SOLID,
  BOURSE_LINE_STYLE_DASHED,
  BOURSE_LINE_STYLE_DOTTED,
} BourseLineStyle;

typedef struct
{
  gint64 time;
  double price;
} BourseDrawingPoint;

/* Data space → pixels, supplied by the chart. */
typedef struct
{
  double (*time_to_x)  (gint64 time, gpointer user_data);
  double (*price_to_y) (double price, gpointer user_data);
  gpointer user_data;
  double   width;    /* extent of the pane, for rays and infinite lines */
  double   height;
} BourseDrawingProjection;

/* Retracement levels drawn by fib-retracement, ascending, 7 of them. */
#define BOURSE_DRAWING_N_FIB_LEVELS 7
extern const double bourse_drawing_fib_levels[BOURSE_DRAWING_N_FIB_LEVELS];

const char        *bourse_drawing_kind_to_string    (BourseDrawingKind kind);
gboolean           bourse_drawing_kind_from_string  (const char        *name,
                                                     BourseDrawingKind *kind);
guint              bourse_drawing_kind_get_n_points (BourseDrawingKind kind);

#define BOURSE_TYPE_DRAWING (bourse_drawing_get_type ())

G_DECLARE_FINAL_TYPE (BourseDrawing, bourse_drawing, BOURSE, DRAWING, GObject)

/* @points holds bourse_drawing_kind_get_n_points(@kind) anchors. */
BourseDrawing     *bourse_drawing_new               (BourseDrawingKind         kind,
                                                     const BourseDrawingPoint *points);
const char        *bourse_drawing_get_id            (BourseDrawing *self);
BourseDrawingKind  bourse_drawing_get_kind          (BourseDrawing *self);
guint              bourse_drawing_get_n_points      (BourseDrawing *self);
BourseDrawingPoint bourse_drawing_get_point         (BourseDrawing *self,
                                                     guint          index);
/* Moving one anchor (editing). Emits ::changed. */
void               bourse_drawing_set_point         (BourseDrawing *self,
                                                     guint          index,
                                                     BourseDrawingPoint point);
/* Moving the whole drawing. Emits ::changed. */
void               bourse_drawing_translate         (BourseDrawing *self,
                                                     gint64         dt,
                                                     double         dprice);

/* Style: colour as 0xRRGGBBAA, width in px, dash style, text (notes, labels). */
guint32            bourse_drawing_get_color         (BourseDrawing *self);
void               bourse_drawing_set_color         (BourseDrawing *self,
                                                     guint32        rgba);
double             bourse_drawing_get_line_width    (BourseDrawing *self);
void               bourse_drawing_set_line_width    (BourseDrawing *self,
                                                     double         width);
BourseLineStyle    bourse_drawing_get_line_style    (BourseDrawing *self);
void               bourse_drawing_set_line_style    (BourseDrawing *self,
                                                     BourseLineStyle style);
const char        *bourse_drawing_get_text          (BourseDrawing *self);
void               bourse_drawing_set_text          (BourseDrawing *self,
                                                     const char    *text);
gboolean           bourse_drawing_get_locked        (BourseDrawing *self);
void               bourse_drawing_set_locked        (BourseDrawing *self,
                                                     gboolean       locked);
/* Hidden drawings are neither painted nor hit; they stay in the list and file. */
gboolean           bourse_drawing_get_hidden        (BourseDrawing *self);
void               bourse_drawing_set_hidden        (BourseDrawing *self,
                                                     gboolean       hidden);
/* Fill of the area kinds (rectangle, channel, price range, positions) as
 * 0xRRGGBBAA; alpha 0 means no fill. */
guint32            bourse_drawing_get_fill_color    (BourseDrawing *self);
void               bourse_drawing_set_fill_color    (BourseDrawing *self,
                                                     guint32        rgba);
gboolean           bourse_drawing_kind_has_fill     (BourseDrawingKind kind);
/* A copy with a new id, moved by (@dt, @dprice): the chart's "Clone". */
BourseDrawing     *bourse_drawing_clone             (BourseDrawing *self,
                                                     gint64         dt,
                                                     double         dprice);
/* Makes @self like @source (same kind): anchors, style, text, flags; one
 * ::changed. Undo uses it so the objects the UI holds stay the same. */
void               bourse_drawing_assign            (BourseDrawing *self,
                                                     BourseDrawing *source);
/* The kind in words for menus and the object tree ("Trend Line"). */
const char        *bourse_drawing_kind_get_title    (BourseDrawingKind kind);

/* Geometry for alerts. Value of a line-like drawing (trend line, ray, extended
 * line, horizontal line/ray) at @time; FALSE where the drawing does not exist. */
gboolean           bourse_drawing_value_at          (BourseDrawing *self,
                                                     gint64         time,
                                                     double        *price);
/* Bounds of a parallel channel or rectangle at @time; FALSE outside its span. */
gboolean           bourse_drawing_channel_at        (BourseDrawing *self,
                                                     gint64         time,
                                                     double        *upper,
                                                     double        *lower);
double             bourse_drawing_get_fib_price     (BourseDrawing *self,
                                                     double         level);
/* Long/short position: reward and risk in price units (positive when the target
 * and stop are on the right sides of the entry) and reward/risk. */
gboolean           bourse_drawing_get_risk_reward   (BourseDrawing *self,
                                                     double        *risk,
                                                     double        *reward,
                                                     double        *ratio);

/* Hit testing in pixels: distance from (@x, @y) to the drawn shape (0 inside
 * filled shapes), and the anchor handle within @radius of the point, or -1. */
double             bourse_drawing_hit_distance      (BourseDrawing                 *self,
                                                     const BourseDrawingProjection *projection,
                                                     double                         x,
                                                     double                         y);
int                bourse_drawing_hit_handle        (BourseDrawing                 *self,
                                                     const BourseDrawingProjection *projection,
                                                     double                         x,
                                                     double                         y,
                                                     double                         radius);

/* Distance from a point to a segment, a ray, or an infinite line through a–b. */
double             bourse_geometry_point_segment_distance (double px, double py,
                                                           double ax, double ay,
                                                           double bx, double by,
                                                           gboolean extend_back,
                                                           gboolean extend_forward);

JsonNode          *bourse_drawing_to_json           (BourseDrawing *self);
BourseDrawing     *bourse_drawing_new_from_json     (JsonNode      *node,
                                                     GError       **error);

G_END_DECLS
