/* bourse-chart-series.c — an extra series (indicator output) drawn on a pane
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-series.h"
#include "bourse-lod.h"

struct _BourseChartSeries
{
  GObject                parent_instance;

  BourseChartSeriesKind  kind;
  char                  *title;
  BourseRgba             color;
  BourseRgba             negative_color;
  BourseRgba             fill_color;
  double                 line_width;
  double                 base;
  int                    precision;
  BourseRgba             level_fill;

  /* owned */
  GArray                *levels;  /* BourseChartLevel */
  GArray                *values;  /* double; upper edge for BAND */
  GArray                *lower;   /* double; BAND only */
  BourseLod             *lod;
  gsize                  lod_valid_from; /* values from here on are not in the pyramid */

  guint                  visible : 1;
  guint                  overlay : 1;
  guint                  secondary_scale : 1;
  guint                  legend_joined : 1;
  guint                  has_level_fill : 1;
};

G_DEFINE_FINAL_TYPE (BourseChartSeries, bourse_chart_series, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_LINE_WIDTH,
  PROP_BASE,
  PROP_VISIBLE,
  PROP_OVERLAY,
  PROP_SECONDARY_SCALE,
  PROP_PRECISION,
  PROP_LEGEND_JOINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (BourseChartSeries *self,
              gboolean           data)
{
  g_signal_emit (self, signals[CHANGED], 0, data);
}

static const double *
lo_array (BourseChartSeries *self)
{
  return self->kind == BOURSE_CHART_SERIES_BAND ? (const double *) (void *) self->lower->data
                                                : (const double *) (void *) self->values->data;
}

static void
ensure_lod (BourseChartSeries *self)
{
  const double *hi = (const double *) (void *) self->values->data;

  if (self->lod_valid_from >= self->values->len && bourse_lod_get_len (self->lod) == self->values->len)
    return;
  bourse_lod_update (self->lod, lo_array (self), hi, self->values->len, self->lod_valid_from);
  self->lod_valid_from = self->values->len;
}

static void
bourse_chart_series_finalize (GObject *object)
{
  BourseChartSeries *self = BOURSE_CHART_SERIES (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->lower, g_array_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->lod, bourse_lod_free);

  G_OBJECT_CLASS (bourse_chart_series_parent_class)->finalize (object);
}

static void
bourse_chart_series_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BourseChartSeries *self = BOURSE_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LINE_WIDTH:
      g_value_set_double (value, self->line_width);
      break;
    case PROP_BASE:
      g_value_set_double (value, self->base);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_OVERLAY:
      g_value_set_boolean (value, self->overlay);
      break;
    case PROP_SECONDARY_SCALE:
      g_value_set_boolean (value, self->secondary_scale);
      break;
    case PROP_PRECISION:
      g_value_set_int (value, self->precision);
      break;
    case PROP_LEGEND_JOINED:
      g_value_set_boolean (value, self->legend_joined);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_series_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BourseChartSeries *self = BOURSE_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_TITLE:
      bourse_chart_series_set_title (self, g_value_get_string (value));
      break;
    case PROP_LINE_WIDTH:
      bourse_chart_series_set_line_width (self, g_value_get_double (value));
      break;
    case PROP_BASE:
      bourse_chart_series_set_base (self, g_value_get_double (value));
      break;
    case PROP_VISIBLE:
      bourse_chart_series_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_OVERLAY:
      bourse_chart_series_set_overlay (self, g_value_get_boolean (value));
      break;
    case PROP_SECONDARY_SCALE:
      bourse_chart_series_set_secondary_scale (self, g_value_get_boolean (value));
      break;
    case PROP_PRECISION:
      bourse_chart_series_set_precision (self, g_value_get_int (value));
      break;
    case PROP_LEGEND_JOINED:
      bourse_chart_series_set_legend_joined (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_series_class_init (BourseChartSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_chart_series_finalize;
  object_class->get_property = bourse_chart_series_get_property;
  object_class->set_property = bourse_chart_series_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, BOURSE_CHART_SERIES_LINE, BOURSE_CHART_SERIES_BAND,
                      BOURSE_CHART_SERIES_LINE,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_WIDTH] =
    g_param_spec_double ("line-width", NULL, NULL, 0.5, 10, 1.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE] =
    g_param_spec_double ("base", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERLAY] =
    g_param_spec_boolean ("overlay", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECONDARY_SCALE] =
    g_param_spec_boolean ("secondary-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRECISION] =
    g_param_spec_int ("precision", NULL, NULL, -1, 10, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEGEND_JOINED] =
    g_param_spec_boolean ("legend-joined", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseChartSeries::changed:
   * @data: %TRUE when values changed, %FALSE for appearance only
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
bourse_chart_series_init (BourseChartSeries *self)
{
  self->color = BOURSE_RGBA (0x2196f3, 1.0);
  self->negative_color = BOURSE_RGBA (0xef5350, 1.0);
  self->fill_color = BOURSE_RGBA (0x2196f3, 0.12);
  self->line_width = 1.5;
  self->visible = TRUE;
  self->precision = -1;
  self->levels = g_array_new (FALSE, FALSE, sizeof (BourseChartLevel));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->lower = g_array_new (FALSE, FALSE, sizeof (double));
  self->lod = bourse_lod_new ();
}

BourseChartSeries *
bourse_chart_series_new (BourseChartSeriesKind  kind,
                         const char            *title)
{
  return g_object_new (BOURSE_TYPE_CHART_SERIES, "kind", kind, "title", title, NULL);
}

BourseChartSeriesKind
bourse_chart_series_get_kind (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), BOURSE_CHART_SERIES_LINE);
  return self->kind;
}

const char *
bourse_chart_series_get_title (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), NULL);
  return self->title;
}

void
bourse_chart_series_set_title (BourseChartSeries *self,
                               const char        *title)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = title != NULL ? g_utf8_make_valid (title, -1) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self, FALSE);
}

#define COLOR_ACCESSORS(field)                                              \
void                                                                        \
bourse_chart_series_get_##field (BourseChartSeries *self,                   \
                                 BourseRgba        *color)                  \
{                                                                           \
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));                         \
  *color = self->field;                                                     \
}                                                                           \
void                                                                        \
bourse_chart_series_set_##field (BourseChartSeries *self,                   \
                                 const BourseRgba  *color)                  \
{                                                                           \
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));                         \
  g_return_if_fail (color != NULL);                                         \
  if (memcmp (&self->field, color, sizeof *color) == 0)                     \
    return;                                                                 \
  self->field = *color;                                                     \
  emit_changed (self, FALSE);                                               \
}

COLOR_ACCESSORS (color)
COLOR_ACCESSORS (negative_color)
COLOR_ACCESSORS (fill_color)

double
bourse_chart_series_get_line_width (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), 1);
  return self->line_width;
}

void
bourse_chart_series_set_line_width (BourseChartSeries *self,
                                    double             width)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  width = CLAMP (width, 0.5, 10);
  if (width == self->line_width)
    return;
  self->line_width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_WIDTH]);
  emit_changed (self, FALSE);
}

double
bourse_chart_series_get_base (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), 0);
  return self->base;
}

void
bourse_chart_series_set_base (BourseChartSeries *self,
                              double             base)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  if (base == self->base || !isfinite (base))
    return;
  self->base = base;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE]);
  emit_changed (self, FALSE);
}

gboolean
bourse_chart_series_get_visible (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), FALSE);
  return self->visible;
}

void
bourse_chart_series_set_visible (BourseChartSeries *self,
                                 gboolean           visible)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  visible = !!visible;
  if (visible == self->visible)
    return;
  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
  emit_changed (self, FALSE);
}

gboolean
bourse_chart_series_get_overlay (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), FALSE);
  return self->overlay;
}

void
bourse_chart_series_set_overlay (BourseChartSeries *self,
                                 gboolean           overlay)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  overlay = !!overlay;
  if (overlay == self->overlay)
    return;
  self->overlay = overlay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY]);
  emit_changed (self, FALSE);
}

gboolean
bourse_chart_series_get_secondary_scale (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), FALSE);
  return self->secondary_scale;
}

void
bourse_chart_series_set_secondary_scale (BourseChartSeries *self,
                                         gboolean           secondary)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  secondary = !!secondary;
  if (secondary == self->secondary_scale)
    return;
  self->secondary_scale = secondary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDARY_SCALE]);
  emit_changed (self, FALSE);
}

void
bourse_chart_series_set_values (BourseChartSeries *self,
                                const double      *values,
                                gsize              n_values)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));
  g_return_if_fail (self->kind != BOURSE_CHART_SERIES_BAND);
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, (guint) n_values);
  self->lod_valid_from = 0;
  emit_changed (self, TRUE);
}

void
bourse_chart_series_set_band (BourseChartSeries *self,
                              const double      *upper,
                              const double      *lower,
                              gsize              n_values)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));
  g_return_if_fail (self->kind == BOURSE_CHART_SERIES_BAND);
  g_return_if_fail ((upper != NULL && lower != NULL) || n_values == 0);

  g_array_set_size (self->values, 0);
  g_array_set_size (self->lower, 0);
  g_array_append_vals (self->values, upper, (guint) n_values);
  g_array_append_vals (self->lower, lower, (guint) n_values);
  self->lod_valid_from = 0;
  emit_changed (self, TRUE);
}

void
bourse_chart_series_set_value (BourseChartSeries *self,
                               gsize              index,
                               double             value,
                               double             value2)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));
  g_return_if_fail (index <= self->values->len);

  if (index == self->values->len)
    {
      g_array_append_val (self->values, value);
      if (self->kind == BOURSE_CHART_SERIES_BAND)
        g_array_append_val (self->lower, value2);
    }
  else
    {
      g_array_index (self->values, double, index) = value;
      if (self->kind == BOURSE_CHART_SERIES_BAND)
        g_array_index (self->lower, double, index) = value2;
    }
  self->lod_valid_from = MIN (self->lod_valid_from, index);
  emit_changed (self, TRUE);
}

gsize
bourse_chart_series_get_n_values (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), 0);
  return self->values->len;
}

double
bourse_chart_series_get_value (BourseChartSeries *self,
                               gsize              index,
                               double            *value2)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), NAN);

  if (value2 != NULL)
    *value2 = NAN;
  if (index >= self->values->len)
    return NAN;
  if (value2 != NULL && self->kind == BOURSE_CHART_SERIES_BAND)
    *value2 = g_array_index (self->lower, double, index);
  return g_array_index (self->values, double, index);
}

const double *
bourse_chart_series_peek_values (BourseChartSeries  *self,
                                 const double      **lower)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), NULL);

  if (lower != NULL)
    *lower = self->kind == BOURSE_CHART_SERIES_BAND ? (const double *) (void *) self->lower->data : NULL;
  return (const double *) (void *) self->values->data;
}

gboolean
bourse_chart_series_get_range (BourseChartSeries *self,
                               gsize              first,
                               gsize              end,
                               double            *min,
                               double            *max)
{
  gboolean ok;

  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), FALSE);

  ensure_lod (self);
  ok = bourse_lod_query (self->lod, lo_array (self), (const double *) (void *) self->values->data,
                         first, MIN (end, self->values->len), min, max);
  /* Histograms are drawn from their base, which must stay in view. */
  if (ok && self->kind == BOURSE_CHART_SERIES_HISTOGRAM)
    {
      *min = MIN (*min, self->base);
      *max = MAX (*max, self->base);
    }
  return ok;
}

void
bourse_chart_series_aggregate (BourseChartSeries *self,
                               const gsize       *bounds,
                               gsize              n_columns,
                               double            *out_min,
                               double            *out_max)
{
  g_autofree gsize *clamped = NULL;

  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  ensure_lod (self);
  clamped = g_new (gsize, n_columns + 1);
  for (gsize c = 0; c <= n_columns; c++)
    clamped[c] = MIN (bounds[c], self->values->len);
  bourse_lod_aggregate (self->lod, lo_array (self), (const double *) (void *) self->values->data,
                        clamped, n_columns, out_min, out_max);
}

int
bourse_chart_series_get_precision (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), -1);
  return self->precision;
}

void
bourse_chart_series_set_precision (BourseChartSeries *self,
                                   int                precision)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  precision = CLAMP (precision, -1, 10);
  if (precision == self->precision)
    return;
  self->precision = precision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECISION]);
  emit_changed (self, FALSE);
}

gboolean
bourse_chart_series_get_legend_joined (BourseChartSeries *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), FALSE);
  return self->legend_joined;
}

void
bourse_chart_series_set_legend_joined (BourseChartSeries *self,
                                       gboolean           joined)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));

  joined = !!joined;
  if (joined == self->legend_joined)
    return;
  self->legend_joined = joined;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_JOINED]);
  emit_changed (self, FALSE);
}

void
bourse_chart_series_set_levels (BourseChartSeries      *self,
                                const BourseChartLevel *levels,
                                guint                   n_levels,
                                const BourseRgba       *fill)
{
  g_return_if_fail (BOURSE_IS_CHART_SERIES (self));
  g_return_if_fail (n_levels == 0 || levels != NULL);

  g_array_set_size (self->levels, 0);
  for (guint i = 0; i < n_levels; i++)
    if (isfinite (levels[i].value))
      g_array_append_val (self->levels, levels[i]);
  self->has_level_fill = fill != NULL;
  if (fill != NULL)
    self->level_fill = *fill;
  /* Levels take part in the autoscale: a data change for the chart. */
  emit_changed (self, TRUE);
}

const BourseChartLevel *
bourse_chart_series_get_levels (BourseChartSeries *self,
                                guint             *n_levels,
                                BourseRgba        *fill,
                                gboolean          *has_fill)
{
  g_return_val_if_fail (BOURSE_IS_CHART_SERIES (self), NULL);

  if (n_levels != NULL)
    *n_levels = self->levels->len;
  if (has_fill != NULL)
    *has_fill = self->has_level_fill;
  if (fill != NULL && self->has_level_fill)
    *fill = self->level_fill;
  return (const BourseChartLevel *) (void *) self->levels->data;
}
