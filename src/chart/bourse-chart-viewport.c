/* bourse-chart-viewport.c — the visible bar range shared by all panes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-chart-viewport.h"

/* How many bars must stay visible when scrolling past either end. */
#define MIN_VISIBLE_BARS 3.0

struct _BourseChartViewport
{
  GObject parent_instance;

  double  width;
  double  bar_spacing;
  double  right_index;
  double  right_offset;
  gsize   n_bars;
  gsize   n_future;   /* whitespace slots after the last bar that hold series values */
};

G_DEFINE_FINAL_TYPE (BourseChartViewport, bourse_chart_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WIDTH,
  PROP_BAR_SPACING,
  PROP_RIGHT_INDEX,
  PROP_RIGHT_OFFSET,
  PROP_N_BARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
min_spacing_for (double width,
                 gsize  n_bars)
{
  /* LWC stops at 0.5 px per bar; we go as far as needed for every bar to fit. */
  double fit = n_bars > 0 ? width / ((double) n_bars + 1.0) : 0.5;

  return MAX (1e-6, MIN (0.5, fit));
}

double
bourse_chart_viewport_get_min_bar_spacing (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0.5);

  return min_spacing_for (self->width, self->n_bars + self->n_future);
}

/* Clamps spacing and position and notifies what changed. */
static void
apply (BourseChartViewport *self,
       double               bar_spacing,
       double               right_index)
{
  double min_sp = min_spacing_for (self->width, self->n_bars + self->n_future);
  double visible, lo, hi, keep;
  gboolean spacing_changed, index_changed;

  if (!isfinite (bar_spacing) || !isfinite (right_index))
    return;

  bar_spacing = CLAMP (bar_spacing, min_sp, BOURSE_CHART_VIEWPORT_MAX_BAR_SPACING);
  visible = self->width / bar_spacing;

  /* Keep a few bars on screen, however far one scrolls or zooms: the right
   * edge goes from just after the first bars to where only the last ones are
   * still in view (the right offset included). */
  keep = MIN (MIN_VISIBLE_BARS, MIN ((double) self->n_bars, visible));
  lo = keep - 0.5;
  hi = (double) self->n_bars - 0.5 + MAX (0.0, visible - keep);
  if (self->n_bars == 0)
    lo = hi = self->right_offset;
  if (self->n_bars > 0 && visible >= (double) self->n_bars)
    {
      /* Everything fits: keep every bar on screen, however far out we zoom. */
      lo = (double) self->n_bars - 0.5;
      hi = MAX (lo, visible - 0.5);
    }
  right_index = CLAMP (right_index, lo, MAX (lo, hi));

  spacing_changed = bar_spacing != self->bar_spacing;
  index_changed = right_index != self->right_index;
  if (!spacing_changed && !index_changed)
    return;

  self->bar_spacing = bar_spacing;
  self->right_index = right_index;
  if (spacing_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BAR_SPACING]);
  if (index_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RIGHT_INDEX]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
bourse_chart_viewport_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BourseChartViewport *self = BOURSE_CHART_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_BAR_SPACING:
      g_value_set_double (value, self->bar_spacing);
      break;
    case PROP_RIGHT_INDEX:
      g_value_set_double (value, self->right_index);
      break;
    case PROP_RIGHT_OFFSET:
      g_value_set_double (value, self->right_offset);
      break;
    case PROP_N_BARS:
      g_value_set_uint64 (value, self->n_bars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_viewport_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BourseChartViewport *self = BOURSE_CHART_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      bourse_chart_viewport_set_width (self, g_value_get_double (value));
      break;
    case PROP_BAR_SPACING:
      bourse_chart_viewport_set_bar_spacing (self, g_value_get_double (value));
      break;
    case PROP_RIGHT_INDEX:
      bourse_chart_viewport_set_right_index (self, g_value_get_double (value));
      break;
    case PROP_RIGHT_OFFSET:
      bourse_chart_viewport_set_right_offset (self, g_value_get_double (value));
      break;
    case PROP_N_BARS:
      bourse_chart_viewport_set_n_bars (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_viewport_class_init (BourseChartViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bourse_chart_viewport_get_property;
  object_class->set_property = bourse_chart_viewport_set_property;

  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL, 0, G_MAXDOUBLE, 600,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BAR_SPACING] =
    g_param_spec_double ("bar-spacing", NULL, NULL, 0, G_MAXDOUBLE,
                         BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RIGHT_INDEX] =
    g_param_spec_double ("right-index", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RIGHT_OFFSET] =
    g_param_spec_double ("right-offset", NULL, NULL, 0, 10000, 5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BARS] =
    g_param_spec_uint64 ("n-bars", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseChartViewport::changed:
   *
   * Emitted once per change of the visible range (spacing and/or position).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bourse_chart_viewport_init (BourseChartViewport *self)
{
  self->width = 600;
  self->bar_spacing = BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING;
  self->right_offset = 5;
  self->right_index = self->right_offset;
}

BourseChartViewport *
bourse_chart_viewport_new (void)
{
  return g_object_new (BOURSE_TYPE_CHART_VIEWPORT, NULL);
}

void
bourse_chart_viewport_get_time_scale (BourseChartViewport *self,
                                      BourseTimeScale     *out)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  out->width = self->width;
  out->bar_spacing = self->bar_spacing;
  out->right_index = self->right_index;
}

double
bourse_chart_viewport_get_width (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->width;
}

/* A resize keeps the right edge (the latest bars) where it is, as traders expect. */
void
bourse_chart_viewport_set_width (BourseChartViewport *self,
                                 double               width)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  width = MAX (width, 1.0);
  if (width == self->width)
    return;
  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
  apply (self, self->bar_spacing, self->right_index);
  g_signal_emit (self, signals[CHANGED], 0);
}

gsize
bourse_chart_viewport_get_n_bars (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->n_bars;
}

void
bourse_chart_viewport_set_n_bars (BourseChartViewport *self,
                                  gsize                n_bars)
{
  gboolean follow;
  gsize old;

  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  if (n_bars == self->n_bars)
    return;
  follow = self->n_bars == 0 || bourse_chart_viewport_is_at_realtime (self);
  old = self->n_bars;
  self->n_bars = n_bars;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BARS]);

  if (old == 0)
    bourse_chart_viewport_scroll_to_realtime (self);
  else if (follow && n_bars > old)
    apply (self, self->bar_spacing, self->right_index + (double) (n_bars - old));
  else
    apply (self, self->bar_spacing, self->right_index);
}

gsize
bourse_chart_viewport_get_n_future (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->n_future;
}

void
bourse_chart_viewport_set_n_future (BourseChartViewport *self,
                                    gsize                n_future)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  if (n_future == self->n_future)
    return;
  self->n_future = n_future;
  apply (self, self->bar_spacing, self->right_index);
}

double
bourse_chart_viewport_get_bar_spacing (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->bar_spacing;
}

void
bourse_chart_viewport_set_bar_spacing (BourseChartViewport *self,
                                       double               bar_spacing)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, bar_spacing, self->right_index);
}

double
bourse_chart_viewport_get_right_index (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->right_index;
}

void
bourse_chart_viewport_set_right_index (BourseChartViewport *self,
                                       double               right_index)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, self->bar_spacing, right_index);
}

double
bourse_chart_viewport_get_right_offset (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), 0);
  return self->right_offset;
}

void
bourse_chart_viewport_set_right_offset (BourseChartViewport *self,
                                        double               bars)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  bars = CLAMP (bars, 0, 10000);
  if (bars == self->right_offset)
    return;
  self->right_offset = bars;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RIGHT_OFFSET]);
}

void
bourse_chart_viewport_zoom_at (BourseChartViewport *self,
                               double               x,
                               double               factor)
{
  BourseTimeScale ts;
  double anchor, spacing;

  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  if (!(factor > 0) || !isfinite (factor))
    return;
  bourse_chart_viewport_get_time_scale (self, &ts);
  anchor = bourse_time_scale_x_to_index (&ts, x);
  spacing = CLAMP (self->bar_spacing * factor,
                   min_spacing_for (self->width, self->n_bars),
                   BOURSE_CHART_VIEWPORT_MAX_BAR_SPACING);
  apply (self, spacing, anchor + (self->width - x) / spacing);
}

void
bourse_chart_viewport_scroll_by_pixels (BourseChartViewport *self,
                                        double               dx)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, self->bar_spacing, self->right_index - dx / self->bar_spacing);
}

void
bourse_chart_viewport_scroll_by_bars (BourseChartViewport *self,
                                      double               bars)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, self->bar_spacing, self->right_index + bars);
}

void
bourse_chart_viewport_fit_content (BourseChartViewport *self)
{
  double n;

  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  /* The future slots (Ichimoku's cloud) are content too. */
  n = MAX ((double) (self->n_bars + self->n_future), 1.0);
  apply (self, self->width / (n + 1.0), n - 0.5 + 1.0);
}

/* The view a chart opens with (TradingView's "Reset chart view"): the
 * default spacing, the last bar at the right offset. */
void
bourse_chart_viewport_reset (BourseChartViewport *self)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, BOURSE_CHART_VIEWPORT_DEFAULT_BAR_SPACING, (double) self->n_bars - 0.5 + self->right_offset);
}

void
bourse_chart_viewport_scroll_to_realtime (BourseChartViewport *self)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, self->bar_spacing, (double) self->n_bars - 0.5 + self->right_offset);
}

void
bourse_chart_viewport_set_visible_range (BourseChartViewport *self,
                                         double               first,
                                         double               last)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  if (!(last >= first))
    return;
  apply (self, self->width / (last - first + 1.0), last + 0.5);
}

void
bourse_chart_viewport_get_visible_range (BourseChartViewport *self,
                                         double              *first,
                                         double              *last)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));

  *last = self->right_index - 0.5;
  *first = self->right_index - self->width / self->bar_spacing + 0.5;
}

void
bourse_chart_viewport_shift (BourseChartViewport *self,
                             double               n)
{
  g_return_if_fail (BOURSE_IS_CHART_VIEWPORT (self));
  apply (self, self->bar_spacing, self->right_index + n);
}

gboolean
bourse_chart_viewport_is_at_realtime (BourseChartViewport *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_VIEWPORT (self), FALSE);

  /* The last bar is in view. */
  return self->right_index >= (double) self->n_bars - 0.5 - 1e-9 &&
         self->right_index - self->width / self->bar_spacing <= (double) self->n_bars - 0.5;
}
