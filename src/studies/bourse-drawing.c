/* bourse-drawing.c — one chart drawing as data: kind, anchor points, style, geometry
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bourse-drawing.h"

#define MAX_POINTS 3

struct _BourseDrawing
{
  GObject parent_instance;

  /* owned */
  char               *id;
  char               *text;

  BourseDrawingKind   kind;
  BourseDrawingPoint  points[MAX_POINTS];
  guint32             color;
  double              line_width;
  BourseLineStyle     line_style;
  guint32             fill_color;
  guint               locked : 1;
  guint               hidden : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_COLOR,
  PROP_LINE_WIDTH,
  PROP_LINE_STYLE,
  PROP_TEXT,
  PROP_LOCKED,
  PROP_HIDDEN,
  PROP_FILL_COLOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BourseDrawing, bourse_drawing, G_TYPE_OBJECT)

G_DEFINE_QUARK (bourse-drawing-error-quark, bourse_drawing_error)

const double bourse_drawing_fib_levels[BOURSE_DRAWING_N_FIB_LEVELS] = {
  0, 0.236, 0.382, 0.5, 0.618, 0.786, 1,
};

/* Fill opacity a kind had before fills were editable (files without "fill"). */
#define DEFAULT_FILL_ALPHA 0x26

static const struct {
  const char *name;
  const char *title;
  guint       n_points;
  gboolean    has_fill;
} kinds[BOURSE_DRAWING_N_KINDS] = {
  [BOURSE_DRAWING_TREND_LINE] = { "trend-line", N_("Trend Line"), 2, FALSE },
  [BOURSE_DRAWING_RAY] = { "ray", N_("Ray"), 2, FALSE },
  [BOURSE_DRAWING_EXTENDED_LINE] = { "extended-line", N_("Extended Line"), 2, FALSE },
  [BOURSE_DRAWING_HORIZONTAL_LINE] = { "horizontal-line", N_("Horizontal Line"), 1, FALSE },
  [BOURSE_DRAWING_HORIZONTAL_RAY] = { "horizontal-ray", N_("Horizontal Ray"), 1, FALSE },
  [BOURSE_DRAWING_VERTICAL_LINE] = { "vertical-line", N_("Vertical Line"), 1, FALSE },
  [BOURSE_DRAWING_RECTANGLE] = { "rectangle", N_("Rectangle"), 2, TRUE },
  [BOURSE_DRAWING_PARALLEL_CHANNEL] = { "parallel-channel", N_("Parallel Channel"), 3, TRUE },
  [BOURSE_DRAWING_FIB_RETRACEMENT] = { "fib-retracement", N_("Fib Retracement"), 2, FALSE },
  [BOURSE_DRAWING_TEXT_NOTE] = { "text-note", N_("Text"), 1, FALSE },
  [BOURSE_DRAWING_PRICE_RANGE] = { "price-range", N_("Price Range"), 2, TRUE },
  [BOURSE_DRAWING_LONG_POSITION] = { "long-position", N_("Long Position"), 3, TRUE },
  [BOURSE_DRAWING_SHORT_POSITION] = { "short-position", N_("Short Position"), 3, TRUE },
};

static const char *line_styles[] = { "solid", "dashed", "dotted" };

const char *
bourse_drawing_kind_to_string (BourseDrawingKind kind)
{
  g_return_val_if_fail (kind < BOURSE_DRAWING_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
bourse_drawing_kind_from_string (const char        *name,
                                 BourseDrawingKind *kind)
{
  for (guint k = 0; k < BOURSE_DRAWING_N_KINDS; k++)
    if (name != NULL && g_str_equal (name, kinds[k].name))
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
bourse_drawing_kind_get_title (BourseDrawingKind kind)
{
  g_return_val_if_fail (kind < BOURSE_DRAWING_N_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].title);
}

gboolean
bourse_drawing_kind_has_fill (BourseDrawingKind kind)
{
  g_return_val_if_fail (kind < BOURSE_DRAWING_N_KINDS, FALSE);
  return kinds[kind].has_fill;
}

guint
bourse_drawing_kind_get_n_points (BourseDrawingKind kind)
{
  g_return_val_if_fail (kind < BOURSE_DRAWING_N_KINDS, 0);
  return kinds[kind].n_points;
}

static void
emit_changed (BourseDrawing *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
bourse_drawing_finalize (GObject *object)
{
  BourseDrawing *self = BOURSE_DRAWING (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (bourse_drawing_parent_class)->finalize (object);
}

static void
bourse_drawing_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BourseDrawing *self = BOURSE_DRAWING (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_KIND: g_value_set_uint (value, self->kind); break;
    case PROP_COLOR: g_value_set_uint (value, self->color); break;
    case PROP_LINE_WIDTH: g_value_set_double (value, self->line_width); break;
    case PROP_LINE_STYLE: g_value_set_uint (value, self->line_style); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    case PROP_HIDDEN: g_value_set_boolean (value, self->hidden); break;
    case PROP_FILL_COLOR: g_value_set_uint (value, self->fill_color); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BourseDrawing *self = BOURSE_DRAWING (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->id);
          self->id = g_value_dup_string (value);
        }
      break;
    case PROP_KIND: self->kind = g_value_get_uint (value); break;
    case PROP_COLOR: bourse_drawing_set_color (self, g_value_get_uint (value)); break;
    case PROP_LINE_WIDTH: bourse_drawing_set_line_width (self, g_value_get_double (value)); break;
    case PROP_LINE_STYLE: bourse_drawing_set_line_style (self, g_value_get_uint (value)); break;
    case PROP_TEXT: bourse_drawing_set_text (self, g_value_get_string (value)); break;
    case PROP_LOCKED: bourse_drawing_set_locked (self, g_value_get_boolean (value)); break;
    case PROP_HIDDEN: bourse_drawing_set_hidden (self, g_value_get_boolean (value)); break;
    case PROP_FILL_COLOR: bourse_drawing_set_fill_color (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_class_init (BourseDrawingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bourse_drawing_finalize;
  object_class->get_property = bourse_drawing_get_property;
  object_class->set_property = bourse_drawing_set_property;

  /* Stable identifier (a UUID unless given), kept across restarts. */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, co);
  /* A BourseDrawingKind. */
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, BOURSE_DRAWING_N_KINDS - 1, 0, co);
  properties[PROP_COLOR] = g_param_spec_uint ("color", NULL, NULL, 0, G_MAXUINT32, 0x2962ffff, rw);
  properties[PROP_LINE_WIDTH] = g_param_spec_double ("line-width", NULL, NULL, 0.5, 20, 2, rw);
  /* A BourseLineStyle. */
  properties[PROP_LINE_STYLE] = g_param_spec_uint ("line-style", NULL, NULL, 0, BOURSE_LINE_STYLE_DOTTED, 0, rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, rw);
  /* Locked drawings are neither moved nor edited by the chart. */
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, rw);
  /* Hidden drawings are neither painted nor hit. */
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, rw);
  /* 0xRRGGBBAA fill of area kinds; alpha 0 is no fill. */
  properties[PROP_FILL_COLOR] = g_param_spec_uint ("fill-color", NULL, NULL, 0, G_MAXUINT32,
                                                   0x2962ff00 | DEFAULT_FILL_ALPHA, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Anchors or style changed: redraw, save, re-evaluate alerts. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bourse_drawing_init (BourseDrawing *self)
{
  self->id = g_uuid_string_random ();
  self->color = 0x2962ffff;
  self->line_width = 2;
  self->line_style = BOURSE_LINE_STYLE_SOLID;
  self->fill_color = (self->color & 0xffffff00) | DEFAULT_FILL_ALPHA;
}

BourseDrawing *
bourse_drawing_new (BourseDrawingKind         kind,
                    const BourseDrawingPoint *points)
{
  BourseDrawing *self;

  g_return_val_if_fail (kind < BOURSE_DRAWING_N_KINDS, NULL);
  g_return_val_if_fail (points != NULL, NULL);

  self = g_object_new (BOURSE_TYPE_DRAWING, "kind", (guint) kind, NULL);
  for (guint i = 0; i < kinds[kind].n_points; i++)
    self->points[i] = points[i];
  return self;
}

const char *
bourse_drawing_get_id (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), NULL);
  return self->id;
}

BourseDrawingKind
bourse_drawing_get_kind (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return self->kind;
}

guint
bourse_drawing_get_n_points (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return kinds[self->kind].n_points;
}

BourseDrawingPoint
bourse_drawing_get_point (BourseDrawing *self,
                          guint          index)
{
  BourseDrawingPoint none = { 0, NAN };

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), none);
  g_return_val_if_fail (index < kinds[self->kind].n_points, none);
  return self->points[index];
}

void
bourse_drawing_set_point (BourseDrawing      *self,
                          guint               index,
                          BourseDrawingPoint  point)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));
  g_return_if_fail (index < kinds[self->kind].n_points);
  g_return_if_fail (isfinite (point.price));

  if (self->points[index].time == point.time && self->points[index].price == point.price)
    return;
  self->points[index] = point;
  emit_changed (self);
}

void
bourse_drawing_translate (BourseDrawing *self,
                          gint64         dt,
                          double         dprice)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));
  g_return_if_fail (isfinite (dprice));

  if (dt == 0 && dprice == 0)
    return;
  for (guint i = 0; i < kinds[self->kind].n_points; i++)
    {
      self->points[i].time += dt;
      self->points[i].price += dprice;
    }
  emit_changed (self);
}

guint32
bourse_drawing_get_color (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return self->color;
}

void
bourse_drawing_set_color (BourseDrawing *self,
                          guint32        rgba)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  if (self->color == rgba)
    return;
  self->color = rgba;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  emit_changed (self);
}

double
bourse_drawing_get_line_width (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return self->line_width;
}

void
bourse_drawing_set_line_width (BourseDrawing *self,
                               double         width)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  width = CLAMP (width, 0.5, 20);
  if (self->line_width == width)
    return;
  self->line_width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_WIDTH]);
  emit_changed (self);
}

BourseLineStyle
bourse_drawing_get_line_style (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return self->line_style;
}

void
bourse_drawing_set_line_style (BourseDrawing   *self,
                               BourseLineStyle  style)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));
  g_return_if_fail (style <= BOURSE_LINE_STYLE_DOTTED);

  if (self->line_style == style)
    return;
  self->line_style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_STYLE]);
  emit_changed (self);
}

const char *
bourse_drawing_get_text (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), NULL);
  return self->text;
}

void
bourse_drawing_set_text (BourseDrawing *self,
                         const char    *text)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  emit_changed (self);
}

gboolean
bourse_drawing_get_locked (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), FALSE);
  return self->locked;
}

void
bourse_drawing_set_locked (BourseDrawing *self,
                           gboolean       locked)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  locked = !!locked;
  if (self->locked == (guint) locked)
    return;
  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  emit_changed (self);
}

gboolean
bourse_drawing_get_hidden (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), FALSE);
  return self->hidden;
}

void
bourse_drawing_set_hidden (BourseDrawing *self,
                           gboolean       hidden)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  hidden = !!hidden;
  if (self->hidden == (guint) hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
  emit_changed (self);
}

guint32
bourse_drawing_get_fill_color (BourseDrawing *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), 0);
  return self->fill_color;
}

void
bourse_drawing_set_fill_color (BourseDrawing *self,
                               guint32        rgba)
{
  g_return_if_fail (BOURSE_IS_DRAWING (self));

  if (self->fill_color == rgba)
    return;
  self->fill_color = rgba;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILL_COLOR]);
  emit_changed (self);
}

BourseDrawing *
bourse_drawing_clone (BourseDrawing *self,
                      gint64         dt,
                      double         dprice)
{
  BourseDrawing *copy;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), NULL);
  g_return_val_if_fail (isfinite (dprice), NULL);

  copy = bourse_drawing_new (self->kind, self->points);
  for (guint i = 0; i < kinds[self->kind].n_points; i++)
    {
      copy->points[i].time += dt;
      copy->points[i].price += dprice;
    }
  copy->color = self->color;
  copy->fill_color = self->fill_color;
  copy->line_width = self->line_width;
  copy->line_style = self->line_style;
  copy->text = g_strdup (self->text);
  /* A clone is a new, editable drawing even when its original is locked. */
  return copy;
}

void
bourse_drawing_assign (BourseDrawing *self,
                       BourseDrawing *source)
{
  gboolean same;

  g_return_if_fail (BOURSE_IS_DRAWING (self));
  g_return_if_fail (BOURSE_IS_DRAWING (source));
  g_return_if_fail (self->kind == source->kind);

  same = memcmp (self->points, source->points, sizeof self->points) == 0 &&
         self->color == source->color && self->fill_color == source->fill_color &&
         self->line_width == source->line_width && self->line_style == source->line_style &&
         g_strcmp0 (self->text, source->text) == 0 && self->locked == source->locked &&
         self->hidden == source->hidden;
  if (same)
    return;
  memcpy (self->points, source->points, sizeof self->points);
  self->color = source->color;
  self->fill_color = source->fill_color;
  self->line_width = source->line_width;
  self->line_style = source->line_style;
  g_free (self->text);
  self->text = g_strdup (source->text);
  self->locked = source->locked;
  self->hidden = source->hidden;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint p = PROP_COLOR; p < N_PROPS; p++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[p]);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

/* ---- geometry ---- */

static gboolean
line_value (const BourseDrawingPoint *a,
            const BourseDrawingPoint *b,
            gint64                    time,
            double                   *price)
{
  if (a->time == b->time)
    return FALSE;
  *price = a->price + (b->price - a->price) * (double) (time - a->time) / (double) (b->time - a->time);
  return TRUE;
}

gboolean
bourse_drawing_value_at (BourseDrawing *self,
                         gint64         time,
                         double        *price)
{
  const BourseDrawingPoint *p;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), FALSE);
  g_return_val_if_fail (price != NULL, FALSE);

  p = self->points;
  switch (self->kind)
    {
    case BOURSE_DRAWING_HORIZONTAL_LINE:
      *price = p[0].price;
      return TRUE;
    case BOURSE_DRAWING_HORIZONTAL_RAY:
      *price = p[0].price;
      return time >= p[0].time;
    case BOURSE_DRAWING_TREND_LINE:
      if (time < MIN (p[0].time, p[1].time) || time > MAX (p[0].time, p[1].time))
        return FALSE;
      return line_value (&p[0], &p[1], time, price);
    case BOURSE_DRAWING_RAY:
      if ((p[1].time >= p[0].time && time < p[0].time) ||
          (p[1].time < p[0].time && time > p[0].time))
        return FALSE;
      return line_value (&p[0], &p[1], time, price);
    case BOURSE_DRAWING_EXTENDED_LINE:
      return line_value (&p[0], &p[1], time, price);
    default:
      return FALSE;
    }
}

gboolean
bourse_drawing_channel_at (BourseDrawing *self,
                           gint64         time,
                           double        *upper,
                           double        *lower)
{
  const BourseDrawingPoint *p;
  double base, offset_base, a, b;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), FALSE);
  g_return_val_if_fail (upper != NULL && lower != NULL, FALSE);

  p = self->points;
  if (time < MIN (p[0].time, p[1].time) || time > MAX (p[0].time, p[1].time))
    return FALSE;

  switch (self->kind)
    {
    case BOURSE_DRAWING_RECTANGLE:
      *upper = MAX (p[0].price, p[1].price);
      *lower = MIN (p[0].price, p[1].price);
      return TRUE;
    case BOURSE_DRAWING_PARALLEL_CHANNEL:
      if (!line_value (&p[0], &p[1], time, &base) ||
          !line_value (&p[0], &p[1], p[2].time, &offset_base))
        return FALSE;
      a = base;
      b = base + (p[2].price - offset_base);
      *upper = MAX (a, b);
      *lower = MIN (a, b);
      return TRUE;
    default:
      return FALSE;
    }
}

double
bourse_drawing_get_fib_price (BourseDrawing *self,
                              double         level)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING (self), NAN);
  g_return_val_if_fail (self->kind == BOURSE_DRAWING_FIB_RETRACEMENT, NAN);

  return self->points[1].price + (self->points[0].price - self->points[1].price) * level;
}

gboolean
bourse_drawing_get_risk_reward (BourseDrawing *self,
                                double        *risk,
                                double        *reward,
                                double        *ratio)
{
  double entry, target, stop, rk, rw;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), FALSE);

  if (self->kind != BOURSE_DRAWING_LONG_POSITION && self->kind != BOURSE_DRAWING_SHORT_POSITION)
    return FALSE;
  entry = self->points[0].price;
  target = self->points[1].price;
  stop = self->points[2].price;
  if (self->kind == BOURSE_DRAWING_LONG_POSITION)
    {
      rw = target - entry;
      rk = entry - stop;
    }
  else
    {
      rw = entry - target;
      rk = stop - entry;
    }
  if (risk)
    *risk = rk;
  if (reward)
    *reward = rw;
  if (ratio)
    *ratio = rk != 0 ? rw / rk : NAN;
  return TRUE;
}

double
bourse_geometry_point_segment_distance (double   px,
                                        double   py,
                                        double   ax,
                                        double   ay,
                                        double   bx,
                                        double   by,
                                        gboolean extend_back,
                                        gboolean extend_forward)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t;

  if (len2 == 0)
    return hypot (px - ax, py - ay);
  t = ((px - ax) * dx + (py - ay) * dy) / len2;
  if (!extend_back)
    t = MAX (t, 0);
  if (!extend_forward)
    t = MIN (t, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static double
box_distance (double x, double y, double x0, double y0, double x1, double y1)
{
  double left = MIN (x0, x1), right = MAX (x0, x1);
  double top = MIN (y0, y1), bottom = MAX (y0, y1);
  double dx = x < left ? left - x : (x > right ? x - right : 0);
  double dy = y < top ? top - y : (y > bottom ? y - bottom : 0);

  return hypot (dx, dy);
}

double
bourse_drawing_hit_distance (BourseDrawing                 *self,
                             const BourseDrawingProjection *proj,
                             double                         x,
                             double                         y)
{
  double px[MAX_POINTS], py[MAX_POINTS];
  guint n;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), INFINITY);
  g_return_val_if_fail (proj != NULL, INFINITY);

  n = kinds[self->kind].n_points;
  for (guint i = 0; i < n; i++)
    {
      px[i] = proj->time_to_x (self->points[i].time, proj->user_data);
      py[i] = proj->price_to_y (self->points[i].price, proj->user_data);
    }

  switch (self->kind)
    {
    case BOURSE_DRAWING_TREND_LINE:
      return bourse_geometry_point_segment_distance (x, y, px[0], py[0], px[1], py[1], FALSE, FALSE);
    case BOURSE_DRAWING_RAY:
      return bourse_geometry_point_segment_distance (x, y, px[0], py[0], px[1], py[1], FALSE, TRUE);
    case BOURSE_DRAWING_EXTENDED_LINE:
      return bourse_geometry_point_segment_distance (x, y, px[0], py[0], px[1], py[1], TRUE, TRUE);
    case BOURSE_DRAWING_HORIZONTAL_LINE:
      return fabs (y - py[0]);
    case BOURSE_DRAWING_HORIZONTAL_RAY:
      return x >= px[0] ? fabs (y - py[0]) : hypot (x - px[0], y - py[0]);
    case BOURSE_DRAWING_VERTICAL_LINE:
      return fabs (x - px[0]);
    case BOURSE_DRAWING_RECTANGLE:
    case BOURSE_DRAWING_PRICE_RANGE:
      return box_distance (x, y, px[0], py[0], px[1], py[1]);
    case BOURSE_DRAWING_PARALLEL_CHANNEL:
      {
        /* The parallel line passes through p2 with the base line's slope. */
        double slope_dy = py[1] - py[0];
        double slope_dx = px[1] - px[0];
        double off = slope_dx != 0 ? py[2] - (py[0] + slope_dy * (px[2] - px[0]) / slope_dx) : 0;
        double d0 = bourse_geometry_point_segment_distance (x, y, px[0], py[0], px[1], py[1], FALSE, FALSE);
        double d1 = bourse_geometry_point_segment_distance (x, y, px[0], py[0] + off, px[1], py[1] + off,
                                                            FALSE, FALSE);
        if (slope_dx != 0 && x >= MIN (px[0], px[1]) && x <= MAX (px[0], px[1]))
          {
            double base = py[0] + slope_dy * (x - px[0]) / slope_dx;
            if (y >= MIN (base, base + off) && y <= MAX (base, base + off))
              return 0;
          }
        return MIN (d0, d1);
      }
    case BOURSE_DRAWING_FIB_RETRACEMENT:
      {
        double best = bourse_geometry_point_segment_distance (x, y, px[0], py[0], px[1], py[1], FALSE, FALSE);
        for (guint l = 0; l < BOURSE_DRAWING_N_FIB_LEVELS; l++)
          {
            double ly = py[1] + (py[0] - py[1]) * bourse_drawing_fib_levels[l];
            best = MIN (best, bourse_geometry_point_segment_distance (x, y, MIN (px[0], px[1]), ly,
                                                                      MAX (px[0], px[1]), ly,
                                                                      FALSE, FALSE));
          }
        return best;
      }
    case BOURSE_DRAWING_TEXT_NOTE:
      /* The label box the layer draws: right of and above the anchor. */
      return box_distance (x, y, px[0], py[0] - 18, px[0] + 8 + 7.0 * g_utf8_strlen (self->text ? self->text : "", -1), py[0]);
    case BOURSE_DRAWING_LONG_POSITION:
    case BOURSE_DRAWING_SHORT_POSITION:
      return MIN (box_distance (x, y, px[0], py[0], px[1], py[1]),
                  box_distance (x, y, px[0], py[0], px[1], py[2]));
    case BOURSE_DRAWING_N_KINDS:
    default:
      return INFINITY;
    }
}

int
bourse_drawing_hit_handle (BourseDrawing                 *self,
                           const BourseDrawingProjection *proj,
                           double                         x,
                           double                         y,
                           double                         radius)
{
  int best = -1;
  double best_distance = radius;

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), -1);
  g_return_val_if_fail (proj != NULL, -1);

  for (guint i = 0; i < kinds[self->kind].n_points; i++)
    {
      double hx = proj->time_to_x (self->points[i].time, proj->user_data);
      double hy = proj->price_to_y (self->points[i].price, proj->user_data);
      double d = hypot (x - hx, y - hy);

      if (d <= best_distance)
        {
          best = (int) i;
          best_distance = d;
        }
    }
  return best;
}

/* ---- JSON ---- */

JsonNode *
bourse_drawing_to_json (BourseDrawing *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char color[16];

  g_return_val_if_fail (BOURSE_IS_DRAWING (self), NULL);

  g_snprintf (color, sizeof color, "#%08x", self->color);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kinds[self->kind].name);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < kinds[self->kind].n_points; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_int_value (builder, self->points[i].time);
      json_builder_set_member_name (builder, "price");
      json_builder_add_double_value (builder, self->points[i].price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, color);
  json_builder_set_member_name (builder, "line_width");
  json_builder_add_double_value (builder, self->line_width);
  json_builder_set_member_name (builder, "line_style");
  json_builder_add_string_value (builder, line_styles[self->line_style]);
  if (self->text != NULL)
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, self->text);
    }
  json_builder_set_member_name (builder, "locked");
  json_builder_add_boolean_value (builder, self->locked);
  g_snprintf (color, sizeof color, "#%08x", self->fill_color);
  json_builder_set_member_name (builder, "fill");
  json_builder_add_string_value (builder, color);
  /* Written only when set, so files stay readable by older versions' eyes. */
  if (self->hidden)
    {
      json_builder_set_member_name (builder, "hidden");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
get_member (JsonObject  *object,
            const char  *name,
            GType        type,
            gboolean     required,
            JsonNode   **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                     "Drawing has no “%s”", name);
      return !required;
    }
  if (type == JSON_TYPE_ARRAY ? !JSON_NODE_HOLDS_ARRAY (node) :
      type == JSON_TYPE_OBJECT ? !JSON_NODE_HOLDS_OBJECT (node) :
      !(JSON_NODE_HOLDS_VALUE (node) &&
        (json_node_get_value_type (node) == type ||
         (type == G_TYPE_DOUBLE && json_node_get_value_type (node) == G_TYPE_INT64))))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawing member “%s” has the wrong type", name);
      return FALSE;
    }
  *out = node;
  return TRUE;
}

static gboolean
parse_color (const char  *c,
             guint32     *rgba,
             GError     **error)
{
  char *end = NULL;
  guint64 v = (c[0] == '#') ? g_ascii_strtoull (c + 1, &end, 16) : 0;

  if (c[0] != '#' || strlen (c) != 9 || end == NULL || *end != '\0')
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawing colour “%s” is not #rrggbbaa", c);
      return FALSE;
    }
  *rgba = (guint32) v;
  return TRUE;
}

BourseDrawing *
bourse_drawing_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(BourseDrawing) self = NULL;
  BourseDrawingPoint points[MAX_POINTS] = { { 0 } };
  BourseDrawingKind kind;
  JsonObject *object;
  JsonNode *id, *kind_node, *points_node, *color, *width, *style, *text, *locked, *fill, *hidden;
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "A drawing must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_member (object, "id", G_TYPE_STRING, TRUE, &id, error) ||
      !get_member (object, "kind", G_TYPE_STRING, TRUE, &kind_node, error) ||
      !get_member (object, "points", JSON_TYPE_ARRAY, TRUE, &points_node, error) ||
      !get_member (object, "color", G_TYPE_STRING, FALSE, &color, error) ||
      !get_member (object, "line_width", G_TYPE_DOUBLE, FALSE, &width, error) ||
      !get_member (object, "line_style", G_TYPE_STRING, FALSE, &style, error) ||
      !get_member (object, "text", G_TYPE_STRING, FALSE, &text, error) ||
      !get_member (object, "locked", G_TYPE_BOOLEAN, FALSE, &locked, error) ||
      !get_member (object, "fill", G_TYPE_STRING, FALSE, &fill, error) ||
      !get_member (object, "hidden", G_TYPE_BOOLEAN, FALSE, &hidden, error))
    return NULL;

  if (!bourse_drawing_kind_from_string (json_node_get_string (kind_node), &kind))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Unknown drawing kind “%s”", json_node_get_string (kind_node));
      return NULL;
    }
  array = json_node_get_array (points_node);
  if (json_array_get_length (array) != kinds[kind].n_points)
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "A %s has %u points, not %u", kinds[kind].name, kinds[kind].n_points,
                   json_array_get_length (array));
      return NULL;
    }
  for (guint i = 0; i < kinds[kind].n_points; i++)
    {
      JsonNode *point = json_array_get_element (array, i);
      JsonNode *t, *p;

      if (!JSON_NODE_HOLDS_OBJECT (point))
        {
          g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                       "Point %u of a drawing is not an object", i);
          return NULL;
        }
      if (!get_member (json_node_get_object (point), "time", G_TYPE_INT64, TRUE, &t, error) ||
          !get_member (json_node_get_object (point), "price", G_TYPE_DOUBLE, TRUE, &p, error))
        return NULL;
      points[i].time = json_node_get_int (t);
      points[i].price = json_node_get_double (p);
      if (!isfinite (points[i].price))
        {
          g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                       "Point %u of a drawing has no finite price", i);
          return NULL;
        }
    }

  self = g_object_new (BOURSE_TYPE_DRAWING, "kind", (guint) kind, "id", json_node_get_string (id), NULL);
  memcpy (self->points, points, sizeof points);
  if (color != NULL && !parse_color (json_node_get_string (color), &self->color, error))
    return NULL;
  /* Files from before editable fills: the line colour at the old opacity. */
  self->fill_color = (self->color & 0xffffff00) | DEFAULT_FILL_ALPHA;
  if (fill != NULL && !parse_color (json_node_get_string (fill), &self->fill_color, error))
    return NULL;
  if (hidden != NULL)
    self->hidden = json_node_get_boolean (hidden);
  if (width != NULL)
    self->line_width = CLAMP (json_node_get_double (width), 0.5, 20);
  if (style != NULL)
    {
      gboolean found = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (line_styles); s++)
        if (g_str_equal (json_node_get_string (style), line_styles[s]))
          {
            self->line_style = s;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                       "Unknown line style “%s”", json_node_get_string (style));
          return NULL;
        }
    }
  if (text != NULL)
    self->text = g_strdup (json_node_get_string (text));
  if (locked != NULL)
    self->locked = json_node_get_boolean (locked);
  return g_steal_pointer (&self);
}
