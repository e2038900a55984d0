/* bourse-chart-bars.c — the chart's bars and what is derived from them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The level-of-detail pyramids over (low, high), close and volume and the
 * Heikin-Ashi arrays are brought up to date lazily and incrementally: bars
 * only change at the end, so each cache remembers the first bar it has not
 * seen and an update costs O(changed bars).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-model-private.h"

void
_bourse_chart_lod_cache_dirty (LodCache *cache,
                               gsize     from)
{
  cache->dirty_from = MIN (cache->dirty_from, from);
}

void
_bourse_chart_mark_dirty (BourseChart *self,
                          gsize        from)
{
  _bourse_chart_lod_cache_dirty (&self->range_lod, from);
  _bourse_chart_lod_cache_dirty (&self->close_lod, from);
  _bourse_chart_lod_cache_dirty (&self->volume_lod, from);
  self->ha_dirty_from = MIN (self->ha_dirty_from, from);
}

/* Notices in-place changes of the bars through their serial: only the last
 * known bar and what follows can have changed (BourseBars never rewrites older
 * bars); a shorter series or another first bar means a full rebuild. */

static void
sync_bars (BourseChart *self)
{
  BourseBars *bars = self->bars;
  gint64 first_time;

  if (bars == NULL)
    return;
  if (bars->serial == self->known_serial && bars->len == self->known_len)
    return;

  first_time = bars->len > 0 ? bars->time[0] : G_MININT64;
  if (bars->len < self->known_len || first_time != self->known_first_time)
    _bourse_chart_mark_dirty (self, 0);
  else
    _bourse_chart_mark_dirty (self, self->known_len > 0 ? self->known_len - 1 : 0);

  self->known_serial = bars->serial;
  self->known_len = bars->len;
  self->known_first_time = first_time;
  bourse_chart_viewport_set_n_bars (self->viewport, bars->len);
  _bourse_chart_update_future_slots (self);
}

static void
update_heikin_ashi (BourseChart *self)
{
  BourseBars *bars = self->bars;
  gsize from;

  if (self->ha_dirty_from == G_MAXSIZE)
    return;
  if (bars->len > self->ha_capacity)
    {
      gsize cap = MAX (bars->capacity, bars->len);

      for (guint k = 0; k < 4; k++)
        self->ha[k] = g_renew (double, self->ha[k], cap);
      self->ha_capacity = cap;
    }

  for (from = self->ha_dirty_from; from < bars->len; from++)
    {
      double o = bars->open[from], h = bars->high[from], l = bars->low[from], c = bars->close[from];
      double ha_c = (o + h + l + c) / 4.0;
      double ha_o = from == 0 ? (o + c) / 2.0 : (self->ha[0][from - 1] + self->ha[3][from - 1]) / 2.0;

      self->ha[0][from] = ha_o;
      self->ha[1][from] = MAX (h, MAX (ha_o, ha_c));
      self->ha[2][from] = MIN (l, MIN (ha_o, ha_c));
      self->ha[3][from] = ha_c;
    }
  self->ha_dirty_from = G_MAXSIZE;
}

static void
lod_cache_sync (LodCache     *cache,
                const double *lo,
                const double *hi,
                gsize         len)
{
  if (cache->dirty_from == G_MAXSIZE)
    return;
  bourse_lod_update (cache->lod, lo, hi, len, cache->dirty_from);
  cache->dirty_from = G_MAXSIZE;
}

gboolean
_bourse_chart_get_ohlc (BourseChart      *self,
                        BourseOhlcSource *out)
{
  BourseBars *bars = self->bars;

  memset (out, 0, sizeof *out);
  if (bars == NULL)
    return FALSE;

  sync_bars (self);
  out->time = bars->time;
  out->volume = bars->volume;
  out->len = bars->len;
  if (self->chart_type == BOURSE_CHART_TYPE_HEIKIN_ASHI)
    {
      update_heikin_ashi (self);
      out->open = self->ha[0];
      out->high = self->ha[1];
      out->low = self->ha[2];
      out->close = self->ha[3];
    }
  else
    {
      out->open = bars->open;
      out->high = bars->high;
      out->low = bars->low;
      out->close = bars->close;
    }
  lod_cache_sync (&self->range_lod, out->low, out->high, out->len);
  out->range_lod = self->range_lod.lod;
  return TRUE;
}

const BourseLod *
_bourse_chart_get_close_lod (BourseChart *self)
{
  BourseOhlcSource src;

  if (!_bourse_chart_get_ohlc (self, &src))
    return NULL;
  lod_cache_sync (&self->close_lod, src.close, src.close, src.len);
  return self->close_lod.lod;
}

const BourseLod *
_bourse_chart_get_volume_lod (BourseChart *self)
{
  if (self->bars == NULL)
    return NULL;
  sync_bars (self);
  lod_cache_sync (&self->volume_lod, self->bars->volume, self->bars->volume, self->bars->len);
  return self->volume_lod.lod;
}

/* Builds what the next frame will need now, rather than in the middle of a
 * user's zoom: a 10M-bar pyramid built lazily is a dropped frame. */
void
_bourse_chart_prepare_derived (BourseChart *self)
{
  if (self->bars == NULL)
    return;
  bourse_chart_get_lod (self);
  if (self->volume_mode != BOURSE_VOLUME_MODE_HIDDEN)
    {
      _bourse_chart_get_volume_lod (self);
    }
  switch (self->chart_type)
    {
    case BOURSE_CHART_TYPE_LINE:
    case BOURSE_CHART_TYPE_STEP_LINE:
    case BOURSE_CHART_TYPE_AREA:
    case BOURSE_CHART_TYPE_BASELINE:
    case BOURSE_CHART_TYPE_HISTOGRAM:
      _bourse_chart_get_close_lod (self);
      break;
    case BOURSE_CHART_TYPE_CANDLES:
    case BOURSE_CHART_TYPE_HOLLOW_CANDLES:
    case BOURSE_CHART_TYPE_HEIKIN_ASHI:
    case BOURSE_CHART_TYPE_BARS:
    default:
      break;
    }
}

BourseBars *
bourse_chart_get_bars (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->bars;
}

void
bourse_chart_set_bars (BourseChart *self,
                       BourseBars  *bars)
{
  gint64 anchor_time = 0;
  double anchor_offset = 0;
  gboolean anchored = FALSE, was_realtime;
  gsize old_len;

  g_return_if_fail (BOURSE_IS_CHART (self));

  was_realtime = bourse_chart_viewport_is_at_realtime (self->viewport);
  old_len = self->bars != NULL ? self->bars->len : 0;
  if (self->bars != NULL && self->bars->len > 0 && !was_realtime)
    {
      double right = bourse_chart_viewport_get_right_index (self->viewport) - 0.5;
      double clamped = CLAMP (floor (right), 0, (double) self->bars->len - 1);

      anchor_time = self->bars->time[(gsize) clamped];
      anchor_offset = right - clamped;
      anchored = TRUE;
    }

  if (bars != NULL)
    bourse_bars_ref (bars);
  g_clear_pointer (&self->bars, bourse_bars_unref);
  self->bars = bars;
  self->known_serial = bars != NULL ? bars->serial : 0;
  self->known_len = bars != NULL ? bars->len : 0;
  self->known_first_time = bars != NULL && bars->len > 0 ? bars->time[0] : G_MININT64;
  _bourse_chart_mark_dirty (self, 0);
  /* Asked again only once older bars arrived: a broker with no more history
   * must not be asked on every frame. */
  if (bars == NULL || bars->len == 0 || bars->time[0] < self->history_first_time)
    self->history_requested = FALSE;

  bourse_chart_viewport_set_n_bars (self->viewport, bars != NULL ? bars->len : 0);
  if (bars != NULL && anchored)
    {
      gsize i = bourse_bars_lower_bound (bars, anchor_time);

      if (i < bars->len && bars->time[i] == anchor_time)
        bourse_chart_viewport_set_right_index (self->viewport, (double) i + anchor_offset + 0.5);
      else
        bourse_chart_viewport_scroll_to_realtime (self->viewport);
    }
  else if (bars != NULL && (old_len == 0 || was_realtime))
    bourse_chart_viewport_scroll_to_realtime (self->viewport);

  _bourse_chart_prepare_derived (self);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

void
bourse_chart_bars_changed (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  sync_bars (self);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

const BourseLod *
bourse_chart_get_lod (BourseChart *self)
{
  BourseOhlcSource src;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  if (!_bourse_chart_get_ohlc (self, &src))
    return NULL;
  return src.range_lod;
}

gssize
bourse_chart_bar_at_index (BourseChart *self,
                           double       index)
{
  double r;

  g_return_val_if_fail (BOURSE_IS_CHART (self), -1);

  if (self->bars == NULL || self->bars->len == 0 || !isfinite (index))
    return -1;
  r = round (index);
  return (gssize) CLAMP (r, 0, (double) self->bars->len - 1);
}
