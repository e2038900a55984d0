/* bourse-chart-panes.c — the chart's panes, their extra series and layers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bourse-chart-model-private.h"

GPtrArray *
_bourse_chart_peek_panes (BourseChart *self)
{
  return self->panes;
}

BourseChartPane *
_bourse_chart_find_pane (BourseChart *self,
                         guint        pane_id)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      BourseChartPane *pane = g_ptr_array_index (self->panes, i);

      if (pane->id == pane_id)
        return pane;
    }
  return NULL;
}

BourseChartPane *
_bourse_chart_pane_new (guint  id,
                        double stretch)
{
  BourseChartPane *pane = g_new0 (BourseChartPane, 1);

  pane->id = id;
  pane->stretch = stretch;
  pane->mode = BOURSE_PRICE_SCALE_MODE_NORMAL;
  pane->autoscale = TRUE;
  return pane;
}

/* Tells the viewport how far visible series reach past the last bar. */
void
_bourse_chart_update_future_slots (BourseChart *self)
{
  gsize n_bars = self->bars != NULL ? self->bars->len : 0, n_max = n_bars;

  for (guint i = 0; i < self->series->len; i++)
    {
      BourseChartSeries *series = g_array_index (self->series, SeriesEntry, i).series;

      if (series != NULL && bourse_chart_series_get_visible (series))
        n_max = MAX (n_max, bourse_chart_series_get_n_values (series));
    }
  bourse_chart_viewport_set_n_future (self->viewport, n_bars > 0 ? n_max - n_bars : 0);
}

static void
series_changed_cb (BourseChart       *self,
                   gboolean           data,
                   BourseChartSeries *series)
{
  _bourse_chart_update_future_slots (self);
  _bourse_chart_emit_changed (self, data ? BOURSE_CHART_CHANGE_DATA : BOURSE_CHART_CHANGE_STYLE);
}

static void
layer_changed_cb (BourseChart      *self,
                  BourseChartLayer *layer)
{
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

guint
bourse_chart_add_pane (BourseChart *self,
                       double       stretch)
{
  guint id;

  g_return_val_if_fail (BOURSE_IS_CHART (self), G_MAXUINT);

  id = self->next_pane_id++;
  g_ptr_array_add (self->panes, _bourse_chart_pane_new (id, stretch > 0 ? stretch : 1.0));
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
  return id;
}

void
bourse_chart_remove_pane (BourseChart *self,
                          guint        pane_id)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (pane_id != BOURSE_CHART_MAIN_PANE);

  pane = _bourse_chart_find_pane (self, pane_id);
  if (pane == NULL)
    return;

  for (guint i = self->series->len; i > 0; i--)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i - 1);

      if (e->pane_id == pane_id)
        bourse_chart_remove_series (self, e->series);
    }
  for (guint i = self->layers->len; i > 0; i--)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i - 1);

      if (e->pane_id == pane_id)
        bourse_chart_remove_layer (self, e->layer);
    }
  if (pane_id == self->volume_pane_id)
    _bourse_chart_forget_volume_pane (self);
  g_ptr_array_remove (self->panes, pane);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

GArray *
bourse_chart_get_pane_ids (BourseChart *self)
{
  GArray *ids;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->panes->len);
  for (guint i = 0; i < self->panes->len; i++)
    {
      BourseChartPane *pane = g_ptr_array_index (self->panes, i);
      g_array_append_val (ids, pane->id);
    }
  return ids;
}

double
bourse_chart_get_pane_stretch (BourseChart *self,
                               guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), 0);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL ? pane->stretch : 0;
}

void
bourse_chart_set_pane_stretch (BourseChart *self,
                               guint        pane_id,
                               double       stretch)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  stretch = MAX (stretch, 0.05);
  if (stretch == pane->stretch)
    return;
  pane->stretch = stretch;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

BoursePriceScaleMode
bourse_chart_get_pane_scale_mode (BourseChart *self,
                                  guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_PRICE_SCALE_MODE_NORMAL);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL ? pane->mode : BOURSE_PRICE_SCALE_MODE_NORMAL;
}

void
bourse_chart_set_pane_scale_mode (BourseChart          *self,
                                  guint                 pane_id,
                                  BoursePriceScaleMode  mode)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (mode == pane->mode)
    return;
  pane->mode = mode;
  pane->autoscale = TRUE;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_pane_inverted (BourseChart *self,
                                guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL && pane->inverted;
}

void
bourse_chart_set_pane_inverted (BourseChart *self,
                                guint        pane_id,
                                gboolean     inverted)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  inverted = !!inverted;
  if (inverted == pane->inverted)
    return;
  pane->inverted = inverted;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

void
bourse_chart_set_pane_price_range (BourseChart *self,
                                   guint        pane_id,
                                   double       low,
                                   double       high)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (!isfinite (low) || !isfinite (high) || !(high > low))
    return;
  pane->autoscale = FALSE;
  pane->manual_low = low;
  pane->manual_high = high;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_pane_autoscale (BourseChart *self,
                                 guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), TRUE);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane == NULL || pane->autoscale;
}

void
bourse_chart_reset_pane_scale (BourseChart *self,
                               guint        pane_id)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (pane->autoscale)
    return;
  pane->autoscale = TRUE;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

void
bourse_chart_add_series (BourseChart       *self,
                         BourseChartSeries *series,
                         guint              pane_id)
{
  SeriesEntry entry;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (BOURSE_IS_CHART_SERIES (series));
  g_return_if_fail (_bourse_chart_find_pane (self, pane_id) != NULL);

  entry.series = g_object_ref (series);
  entry.pane_id = pane_id;
  entry.changed_id = g_signal_connect_object (series, "changed", G_CALLBACK (series_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  g_array_append_val (self->series, entry);
  _bourse_chart_update_future_slots (self);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

void
bourse_chart_remove_series (BourseChart       *self,
                            BourseChartSeries *series)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  for (guint i = 0; i < self->series->len; i++)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i);

      if (e->series == series)
        {
          g_clear_signal_handler (&e->changed_id, e->series);
          g_clear_object (&e->series);
          g_array_remove_index (self->series, i);
          _bourse_chart_update_future_slots (self);
          _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_DATA);
          return;
        }
    }
}

GPtrArray *
bourse_chart_get_series (BourseChart *self,
                         guint        pane_id)
{
  GPtrArray *ret;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ret = g_ptr_array_new ();
  for (guint i = 0; i < self->series->len; i++)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i);

      if (e->pane_id == pane_id)
        g_ptr_array_add (ret, e->series);
    }
  return ret;
}

void
bourse_chart_add_layer (BourseChart      *self,
                        BourseChartLayer *layer,
                        guint             pane_id)
{
  LayerEntry entry;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (BOURSE_IS_CHART_LAYER (layer));
  g_return_if_fail (_bourse_chart_find_pane (self, pane_id) != NULL);

  entry.layer = g_object_ref (layer);
  entry.pane_id = pane_id;
  entry.changed_id = g_signal_connect_object (layer, "changed", G_CALLBACK (layer_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  g_array_append_val (self->layers, entry);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

void
bourse_chart_remove_layer (BourseChart      *self,
                           BourseChartLayer *layer)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i);

      if (e->layer == layer)
        {
          g_clear_signal_handler (&e->changed_id, e->layer);
          g_clear_object (&e->layer);
          g_array_remove_index (self->layers, i);
          _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
          return;
        }
    }
}

GPtrArray *
bourse_chart_get_layers (BourseChart *self,
                         guint        pane_id)
{
  GPtrArray *ret;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ret = g_ptr_array_new ();
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i);

      if (e->pane_id == pane_id)
        g_ptr_array_add (ret, e->layer);
    }
  return ret;
}
