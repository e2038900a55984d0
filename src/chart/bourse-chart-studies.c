/* bourse-chart-studies.c — indicators attached to a BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-studies.h"

#define PANE_STRETCH 0.35
/* Above this many bars the first computation of a study runs in a worker thread
 * (~10 ns per bar: 100k bars would be ~1 ms, the main loop never waits 10). */
#define ASYNC_MIN_BARS 100000

typedef struct
{
  int out;      /* output shown (upper edge for bands) */
  int out2;     /* lower edge for bands, -1 otherwise */
  int offset;   /* bars the output is shifted by */
} SeriesMap;

typedef struct
{
  char            *id;
  BourseIndicator *indicator;
  guint            pane_id;
  gboolean         own_pane;
  GPtrArray       *series;      /* BourseChartSeries */
  GArray          *map;         /* SeriesMap, parallel to series */
  BourseStudyStyle style;
  gsize            synced_len;
  gint64           synced_first_time;
  GCancellable    *computing;   /* set while the first computation runs in a thread */
} Study;

struct _BourseChartStudies
{
  GObject parent_instance;

  /* borrowed: the chart owns us through the caller, we only watch it */
  BourseChart *chart;
  /* owned */
  GPtrArray   *studies;         /* Study* */

  guint        next_id;
  guint64      synced_serial;
  BourseBars  *synced_bars;     /* identity only, never dereferenced */
  guint        updating : 1;
};

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseChartStudies, bourse_chart_studies, G_TYPE_OBJECT)

static const guint32 default_colors[] = {
  0x2962ff, 0xff6d00, 0x26a69a, 0xe91e63, 0x9c27b0, 0xfdd835, 0x00bcd4,
};

static guint
count_kind (BourseChartStudies        *self,
            const BourseIndicatorInfo *info)
{
  guint n = 0;

  for (guint i = 0; i < self->studies->len; i++)
    {
      Study *study = g_ptr_array_index (self->studies, i);

      if (g_str_equal (bourse_indicator_get_info (study->indicator)->name, info->name))
        n++;
    }
  return n;
}

/* The study's own look from its metadata; a second SMA on the chart takes
 * the next colours of the palette so the two can be told apart. */
static void
default_style (BourseChartStudies *self,
               BourseIndicator    *indicator,
               BourseStudyStyle   *style)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (indicator);
  guint same = count_kind (self, info);

  bourse_study_style_init (style, info);
  if (same > 0)
    for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
      style->colors[o] = BOURSE_RGBA (default_colors[(same + o) % G_N_ELEMENTS (default_colors)], 1.0f);
}

static void
study_free (Study *study)
{
  if (study->computing != NULL)
    g_cancellable_cancel (study->computing);
  g_clear_object (&study->computing);
  g_free (study->id);
  g_clear_object (&study->indicator);
  g_clear_pointer (&study->series, g_ptr_array_unref);
  g_clear_pointer (&study->map, g_array_unref);
  g_free (study);
}

static Study *
find_study (BourseChartStudies *self,
            const char         *id)
{
  for (guint i = 0; i < self->studies->len; i++)
    {
      Study *study = g_ptr_array_index (self->studies, i);

      if (g_str_equal (study->id, id))
        return study;
    }
  return NULL;
}

/* The series' title: the study's label in words ("Bollinger Bands 20 2") for
 * the first, the output's name ("Basis", "Signal") for those joined to it. */
static char *
make_title (BourseIndicator *indicator,
            int              out,
            gboolean         first)
{
  if (first)
    return bourse_indicator_format_label (indicator);
  return g_strdup (bourse_indicator_get_info (indicator)->plots[out].label);
}

/* Decimals of the study's values: the style's, else the study's own, else
 * the symbol's (-1, price-based studies). */
static int
study_precision (Study *study)
{
  int precision = bourse_indicator_get_info (study->indicator)->precision;

  if (study->style.precision >= 0)
    return study->style.precision;
  return precision >= 0 ? precision : -1;
}

/* Levels and their shading as the style says, on the study's first series. */
static void
apply_levels (Study             *study,
              BourseChartSeries *series)
{
  BourseChartLevel levels[BOURSE_INDICATOR_MAX_LEVELS];
  guint n = 0;
  BourseRgba fill = study->style.level_color;

  for (guint k = 0; k < study->style.n_levels; k++)
    if (study->style.levels[k].visible)
      {
        levels[n].value = study->style.levels[k].value;
        levels[n].color = study->style.level_color;
        n++;
      }
  fill.alpha = 0.08f;
  bourse_chart_series_set_levels (series, levels, n, study->style.level_fill && n >= 2 ? &fill : NULL);
}

static void
add_series (Study                 *study,
            BourseChartSeriesKind  kind,
            int                    out,
            int                    out2)
{
  gboolean first = study->series->len == 0;
  g_autofree char *title = make_title (study->indicator, out, first);
  BourseChartSeries *series = bourse_chart_series_new (kind, title);
  SeriesMap map = { out, out2, bourse_indicator_get_output_offset (study->indicator, out) };
  BourseRgba color = study->style.colors[out];

  bourse_chart_series_set_color (series, &color);
  bourse_chart_series_set_line_width (series, study->style.line_widths[out]);
  bourse_chart_series_set_visible (series, study->style.visible && study->style.outputs_visible[out]);
  bourse_chart_series_set_precision (series, study_precision (study));
  bourse_chart_series_set_legend_joined (series, !first);
  if (first)
    apply_levels (study, series);
  /* An oscillator or volume study put over the candles (OBV, RSI…) is not in
   * prices: its own labelled scale on the second axis, as TradingView does,
   * instead of squashing the candles into a line. */
  if (!study->own_pane &&
      bourse_indicator_get_info (study->indicator)->placement == BOURSE_INDICATOR_PLACEMENT_PANE)
    bourse_chart_series_set_secondary_scale (series, TRUE);
  if (kind == BOURSE_CHART_SERIES_BAND)
    {
      BourseRgba fill = color;

      fill.alpha = 0.12f;
      bourse_chart_series_set_fill_color (series, &fill);
    }
  if (kind == BOURSE_CHART_SERIES_HISTOGRAM && g_str_equal (bourse_indicator_get_info (study->indicator)->name, "macd"))
    {
      /* MACD's histogram: green above zero (the style's colour once one is set), red below. */
      BourseRgba up = BOURSE_RGBA (0x26a69a, 0.8f);
      BourseRgba down = BOURSE_RGBA (0xef5350, 0.8f);

      bourse_chart_series_set_color (series, &up);
      bourse_chart_series_set_negative_color (series, &down);
    }
  g_ptr_array_add (study->series, series);
  g_array_append_val (study->map, map);
}

/* Which series show which outputs, from the study's metadata: a band for its
 * band outputs (Bollinger's upper and lower, Ichimoku's cloud), histograms
 * under lines, hidden outputs not at all. */
static void
build_series (Study *study)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (study->indicator);
  guint n = bourse_indicator_get_n_outputs (study->indicator);

  if (info->has_band)
    add_series (study, BOURSE_CHART_SERIES_BAND, info->band_upper, info->band_lower);
  for (guint o = 0; o < n; o++)
    if (info->plots[o].style == BOURSE_INDICATOR_PLOT_HISTOGRAM)
      add_series (study, BOURSE_CHART_SERIES_HISTOGRAM, (int) o, -1);
  for (guint o = 0; o < n; o++)
    {
      if (info->plots[o].style != BOURSE_INDICATOR_PLOT_LINE)
        continue;
      if (info->has_band && (o == info->band_upper || o == info->band_lower))
        continue;
      add_series (study, BOURSE_CHART_SERIES_LINE, (int) o, -1);
    }
}

static double
shifted_value (BourseIndicator *indicator,
               int              out,
               int              offset,
               gsize            j)
{
  gint64 i = (gint64) j - offset;

  if (out < 0 || i < 0)
    return NAN;
  return bourse_indicator_get_value (indicator, (guint) out, (gsize) i);
}

static void
sync_study (Study            *study,
            const BourseBars *bars)
{
  gsize len = bars->len;
  gboolean full;

  bourse_indicator_update (study->indicator, bars);
  full = study->synced_len == 0 || len < study->synced_len ||
         bars->time[0] != study->synced_first_time;

  for (guint s = 0; s < study->series->len; s++)
    {
      BourseChartSeries *series = g_ptr_array_index (study->series, s);
      const SeriesMap *m = &g_array_index (study->map, SeriesMap, s);
      gboolean band = m->out2 >= 0;

      /* An output shifted forward (Ichimoku's leading spans) reaches @offset
       * slots past the last bar: the chart draws them in the future. */
      gsize n_values = len > 0 ? len + (gsize) MAX (m->offset, 0) : 0;

      if (full)
        {
          g_autofree double *upper = g_new (double, MAX (n_values, 1));
          g_autofree double *lower = band ? g_new (double, MAX (n_values, 1)) : NULL;

          for (gsize j = 0; j < n_values; j++)
            {
              upper[j] = shifted_value (study->indicator, m->out, m->offset, j);
              if (band)
                lower[j] = shifted_value (study->indicator, m->out2, m->offset, j);
            }
          if (band)
            bourse_chart_series_set_band (series, upper, lower, n_values);
          else
            bourse_chart_series_set_values (series, upper, n_values);
        }
      else
        {
          /* Outputs from the previously forming bar on may have changed; a shifted
           * output lands |offset| bars away from the bar that computed it. */
          gint64 first = (gint64) study->synced_len - 1 + m->offset;
          gsize from = (gsize) CLAMP (first, 0, (gint64) bourse_chart_series_get_n_values (series));

          for (gsize j = from; j < n_values; j++)
            bourse_chart_series_set_value (series, j,
                                           shifted_value (study->indicator, m->out, m->offset, j),
                                           shifted_value (study->indicator, m->out2, m->offset, j));
        }
    }
  study->synced_len = len;
  study->synced_first_time = len > 0 ? bars->time[0] : 0;
}

static void
chart_changed_cb (BourseChartStudies *self,
                  guint               change,
                  BourseChart        *chart)
{
  if ((change & BOURSE_CHART_CHANGE_DATA) && !self->updating)
    bourse_chart_studies_update (self);
}

static void
bourse_chart_studies_dispose (GObject *object)
{
  BourseChartStudies *self = BOURSE_CHART_STUDIES (object);

  if (self->chart != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chart, self);
      g_object_remove_weak_pointer (G_OBJECT (self->chart), (gpointer *) &self->chart);
      self->chart = NULL;
    }
  g_clear_pointer (&self->studies, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_chart_studies_parent_class)->dispose (object);
}

static void
bourse_chart_studies_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseChartStudies *self = BOURSE_CHART_STUDIES (object);

  switch (prop_id)
    {
    case PROP_CHART: g_value_set_object (value, self->chart); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_studies_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseChartStudies *self = BOURSE_CHART_STUDIES (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_get_object (value);
      g_object_add_weak_pointer (G_OBJECT (self->chart), (gpointer *) &self->chart);
      g_signal_connect_object (self->chart, "changed", G_CALLBACK (chart_changed_cb), self,
                               G_CONNECT_SWAPPED);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_studies_class_init (BourseChartStudiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_chart_studies_dispose;
  object_class->get_property = bourse_chart_studies_get_property;
  object_class->set_property = bourse_chart_studies_set_property;

  /* The chart the studies draw on (not referenced: the chart outlives us). */
  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, BOURSE_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_chart_studies_init (BourseChartStudies *self)
{
  self->studies = g_ptr_array_new_with_free_func ((GDestroyNotify) study_free);
}

BourseChartStudies *
bourse_chart_studies_new (BourseChart *chart)
{
  g_return_val_if_fail (BOURSE_IS_CHART (chart), NULL);
  return g_object_new (BOURSE_TYPE_CHART_STUDIES, "chart", chart, NULL);
}

BourseChart *
bourse_chart_studies_get_chart (BourseChartStudies *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);
  return self->chart;
}

typedef struct
{
  BourseChartStudies *self;   /* owned reference */
  Study              *study;  /* valid unless the computation was cancelled */
} ComputeData;

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ComputeData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (bourse_indicator_update_finish (BOURSE_INDICATOR (object), result, &error))
    {
      BourseChartStudies *self = data->self;
      Study *study = data->study;
      BourseBars *bars = self->chart ? bourse_chart_get_bars (self->chart) : NULL;

      g_clear_object (&study->computing);
      study->synced_len = 0;
      if (bars != NULL && bars->len > 0)
        {
          /* Catches up with whatever arrived meanwhile, then fills the series. */
          self->updating = TRUE;
          sync_study (study, bars);
          self->updating = FALSE;
        }
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Computing a study failed: %s", error->message);
  g_object_unref (data->self);
  g_free (data);
}

static void
attach (BourseChartStudies *self,
        Study              *study)
{
  BourseBars *bars = bourse_chart_get_bars (self->chart);

  build_series (study);
  self->updating = TRUE;
  if (bars != NULL && bars->len >= ASYNC_MIN_BARS)
    {
      ComputeData *data = g_new0 (ComputeData, 1);

      data->self = g_object_ref (self);
      data->study = study;
      study->computing = g_cancellable_new ();
      bourse_indicator_update_async (study->indicator, bars, study->computing, computed_cb, data);
    }
  else if (bars != NULL && bars->len > 0)
    sync_study (study, bars);
  for (guint s = 0; s < study->series->len; s++)
    bourse_chart_add_series (self->chart, g_ptr_array_index (study->series, s), study->pane_id);
  self->updating = FALSE;
}

static void
detach (BourseChartStudies *self,
        Study              *study)
{
  self->updating = TRUE;
  for (guint s = 0; s < study->series->len; s++)
    bourse_chart_remove_series (self->chart, g_ptr_array_index (study->series, s));
  self->updating = FALSE;
  if (study->computing != NULL)
    g_cancellable_cancel (study->computing);
  g_clear_object (&study->computing);
  g_ptr_array_set_size (study->series, 0);
  g_array_set_size (study->map, 0);
  study->synced_len = 0;
}

const char *
bourse_chart_studies_add (BourseChartStudies        *self,
                          const char                *spec,
                          BourseIndicatorPlacement   placement,
                          GError                   **error)
{
  g_autoptr(BourseIndicator) indicator = NULL;
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (self->chart != NULL, NULL);

  indicator = bourse_indicator_new_from_spec (spec, error);
  if (indicator == NULL)
    return NULL;

  study = g_new0 (Study, 1);
  study->id = g_strdup_printf ("%s#%u", bourse_indicator_get_spec (indicator), ++self->next_id);
  study->indicator = g_steal_pointer (&indicator);
  study->series = g_ptr_array_new_with_free_func (g_object_unref);
  study->map = g_array_new (FALSE, FALSE, sizeof (SeriesMap));
  default_style (self, study->indicator, &study->style);
  study->own_pane = placement == BOURSE_INDICATOR_PLACEMENT_PANE;
  study->pane_id = study->own_pane ? bourse_chart_add_pane (self->chart, PANE_STRETCH)
                                   : BOURSE_CHART_MAIN_PANE;
  g_ptr_array_add (self->studies, study);
  attach (self, study);
  return study->id;
}

const char *
bourse_chart_studies_add_default (BourseChartStudies  *self,
                                  const char          *spec,
                                  GError             **error)
{
  g_autoptr(BourseIndicator) probe = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);

  probe = bourse_indicator_new_from_spec (spec, error);
  if (probe == NULL)
    return NULL;
  return bourse_chart_studies_add (self, spec, bourse_indicator_get_info (probe)->placement, error);
}

gboolean
bourse_chart_studies_remove (BourseChartStudies *self,
                             const char         *id)
{
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  study = find_study (self, id);
  if (study == NULL || self->chart == NULL)
    return FALSE;
  detach (self, study);
  if (study->own_pane)
    bourse_chart_remove_pane (self->chart, study->pane_id);
  g_ptr_array_remove (self->studies, study);
  return TRUE;
}

gboolean
bourse_chart_studies_set_spec (BourseChartStudies  *self,
                               const char          *id,
                               const char          *spec,
                               GError             **error)
{
  g_autoptr(BourseIndicator) indicator = NULL;
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), FALSE);

  study = find_study (self, id);
  if (study == NULL)
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_UNKNOWN_STUDY,
                   "No study “%s” on this chart", id);
      return FALSE;
    }
  indicator = bourse_indicator_new_from_spec (spec, error);
  if (indicator == NULL)
    return FALSE;
  if (bourse_indicator_get_info (indicator) != bourse_indicator_get_info (study->indicator) &&
      !g_str_equal (bourse_indicator_get_info (indicator)->name,
                    bourse_indicator_get_info (study->indicator)->name))
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER,
                   "“%s” is not a %s study", spec, bourse_indicator_get_info (study->indicator)->name);
      return FALSE;
    }
  detach (self, study);
  g_set_object (&study->indicator, indicator);
  attach (self, study);
  return TRUE;
}

gboolean
bourse_chart_studies_set_color (BourseChartStudies *self,
                                const char         *id,
                                guint               output,
                                const BourseRgba   *color)
{
  BourseStudyStyle style;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  if (!bourse_chart_studies_get_style (self, id, &style) || output >= BOURSE_INDICATOR_MAX_OUTPUTS)
    return FALSE;
  style.colors[output] = *color;
  return bourse_chart_studies_set_style (self, id, &style);
}

gboolean
bourse_chart_studies_get_style (BourseChartStudies *self,
                                const char         *id,
                                BourseStudyStyle   *style)
{
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  study = find_study (self, id);
  if (study == NULL)
    return FALSE;
  *style = study->style;
  return TRUE;
}

gboolean
bourse_chart_studies_set_style (BourseChartStudies     *self,
                                const char             *id,
                                const BourseStudyStyle *style)
{
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  study = find_study (self, id);
  if (study == NULL || self->chart == NULL)
    return FALSE;
  study->style = *style;
  study->style.n_levels = MIN (study->style.n_levels, BOURSE_INDICATOR_MAX_LEVELS);
  for (guint s = 0; s < study->series->len; s++)
    {
      const SeriesMap *m = &g_array_index (study->map, SeriesMap, s);
      BourseChartSeries *series = g_ptr_array_index (study->series, s);
      BourseChartSeriesKind kind = bourse_chart_series_get_kind (series);
      BourseRgba color = study->style.colors[m->out];

      if (kind == BOURSE_CHART_SERIES_HISTOGRAM && g_str_equal (bourse_indicator_get_info (study->indicator)->name, "macd"))
        {
          /* MACD's histogram: the chosen colour above zero, red below */
          BourseRgba up = color;

          up.alpha *= 0.8f;
          bourse_chart_series_set_color (series, &up);
        }
      else
        bourse_chart_series_set_color (series, &color);
      if (kind == BOURSE_CHART_SERIES_BAND)
        {
          color.alpha = 0.12f;
          bourse_chart_series_set_fill_color (series, &color);
        }
      bourse_chart_series_set_line_width (series, study->style.line_widths[m->out]);
      bourse_chart_series_set_visible (series, study->style.visible && study->style.outputs_visible[m->out]);
      bourse_chart_series_set_precision (series, study_precision (study));
      if (s == 0)
        apply_levels (study, series);
    }
  return TRUE;
}

GPtrArray *
bourse_chart_studies_list (BourseChartStudies *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);

  ids = g_ptr_array_new ();
  for (guint i = 0; i < self->studies->len; i++)
    g_ptr_array_add (ids, ((Study *) g_ptr_array_index (self->studies, i))->id);
  return ids;
}

BourseIndicator *
bourse_chart_studies_get_indicator (BourseChartStudies *self,
                                    const char         *id)
{
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);
  study = find_study (self, id);
  return study ? study->indicator : NULL;
}

guint
bourse_chart_studies_get_pane (BourseChartStudies *self,
                               const char         *id)
{
  Study *study;

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), G_MAXUINT);
  study = find_study (self, id);
  return study ? study->pane_id : G_MAXUINT;
}

GPtrArray *
bourse_chart_studies_get_series (BourseChartStudies *self,
                                 const char         *id)
{
  Study *study;
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), out);
  study = find_study (self, id);
  if (study != NULL)
    for (guint s = 0; s < study->series->len; s++)
      g_ptr_array_add (out, g_ptr_array_index (study->series, s));
  return out;
}

const char *
bourse_chart_studies_find_series (BourseChartStudies *self,
                                  BourseChartSeries  *series)
{
  g_return_val_if_fail (BOURSE_IS_CHART_STUDIES (self), NULL);

  for (guint i = 0; series != NULL && i < self->studies->len; i++)
    {
      Study *study = g_ptr_array_index (self->studies, i);

      for (guint s = 0; s < study->series->len; s++)
        if (g_ptr_array_index (study->series, s) == series)
          return study->id;
    }
  return NULL;
}

void
bourse_chart_studies_update (BourseChartStudies *self)
{
  BourseBars *bars;

  g_return_if_fail (BOURSE_IS_CHART_STUDIES (self));

  if (self->chart == NULL || (bars = bourse_chart_get_bars (self->chart)) == NULL)
    return;
  /* Our own series updates come back as DATA changes: skip unchanged bars. */
  if (bars == self->synced_bars && bourse_bars_get_serial (bars) == self->synced_serial)
    return;
  self->updating = TRUE;
  for (guint i = 0; i < self->studies->len; i++)
    {
      Study *study = g_ptr_array_index (self->studies, i);

      if (study->computing != NULL)
        continue;   /* its worker's completion syncs it */
      if (bars != self->synced_bars)
        study->synced_len = 0;
      if (bars->len > 0)
        sync_study (study, bars);
    }
  self->updating = FALSE;
  self->synced_bars = bars;
  self->synced_serial = bourse_bars_get_serial (bars);
}
