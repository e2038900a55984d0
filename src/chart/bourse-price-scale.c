/* bourse-price-scale.c — price ↔ y mapping, nice ticks and label formatting
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-price-scale.h"

/* The log transform is floored so that a zero or negative price (a bad tick,
 * a spread series) maps somewhere finite instead of poisoning the range. */
#define LOG_FLOOR 1e-12

void
bourse_price_scale_init (BoursePriceScale     *ps,
                         BoursePriceScaleMode  mode,
                         double                height)
{
  g_return_if_fail (ps != NULL);

  ps->mode = mode;
  ps->inverted = FALSE;
  ps->height = height;
  ps->top_margin = 0.2;
  ps->bottom_margin = 0.1;
  ps->base = 1.0;
  ps->min = 0.0;
  ps->max = 1.0;
}

double
bourse_price_scale_transform (const BoursePriceScale *ps,
                              double                  price)
{
  switch (ps->mode)
    {
    case BOURSE_PRICE_SCALE_MODE_LOGARITHMIC:
      return log10 (MAX (price, LOG_FLOOR));
    case BOURSE_PRICE_SCALE_MODE_PERCENT:
      return (price - ps->base) / fabs (ps->base) * 100.0;
    case BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100:
      return price / ps->base * 100.0;
    case BOURSE_PRICE_SCALE_MODE_NORMAL:
    default:
      return price;
    }
}

double
bourse_price_scale_untransform (const BoursePriceScale *ps,
                                double                  value)
{
  switch (ps->mode)
    {
    case BOURSE_PRICE_SCALE_MODE_LOGARITHMIC:
      return pow (10.0, value);
    case BOURSE_PRICE_SCALE_MODE_PERCENT:
      return ps->base + value / 100.0 * fabs (ps->base);
    case BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100:
      return value / 100.0 * ps->base;
    case BOURSE_PRICE_SCALE_MODE_NORMAL:
    default:
      return value;
    }
}

void
bourse_price_scale_set_price_range (BoursePriceScale *ps,
                                    double            low,
                                    double            high)
{
  double tl, th, inner, span;

  g_return_if_fail (ps != NULL);

  if (!isfinite (low) || !isfinite (high))
    return;
  if (ps->mode == BOURSE_PRICE_SCALE_MODE_PERCENT || ps->mode == BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100)
    {
      if (!isfinite (ps->base) || ps->base == 0.0)
        ps->base = high != 0.0 ? high : 1.0;
    }

  tl = bourse_price_scale_transform (ps, low);
  th = bourse_price_scale_transform (ps, high);
  if (th < tl)
    {
      double t = tl;
      tl = th;
      th = t;
    }
  if (th - tl < 1e-12 * MAX (1.0, fabs (th)))
    {
      /* A flat range (one bar, a constant series) still needs some height. */
      double pad = fabs (th) > 0 ? fabs (th) * 0.005 : 0.5;
      tl -= pad;
      th += pad;
    }

  inner = 1.0 - ps->top_margin - ps->bottom_margin;
  if (inner < 0.05)
    inner = 0.05;
  span = (th - tl) / inner;
  ps->min = tl - span * ps->bottom_margin;
  ps->max = th + span * ps->top_margin;
}

double
bourse_price_scale_price_to_y (const BoursePriceScale *ps,
                               double                  price)
{
  double v = bourse_price_scale_transform (ps, price);
  double f = (v - ps->min) / (ps->max - ps->min);

  return ps->inverted ? f * ps->height : (1.0 - f) * ps->height;
}

double
bourse_price_scale_y_to_price (const BoursePriceScale *ps,
                               double                  y)
{
  double f = ps->inverted ? y / ps->height : 1.0 - y / ps->height;

  return bourse_price_scale_untransform (ps, ps->min + f * (ps->max - ps->min));
}

void
bourse_price_scale_zoom (BoursePriceScale *ps,
                         double            factor)
{
  double mid = (ps->min + ps->max) / 2.0;
  double half = (ps->max - ps->min) / 2.0 * factor;

  if (!(factor > 0) || !isfinite (half) || half <= 0)
    return;
  ps->min = mid - half;
  ps->max = mid + half;
}

void
bourse_price_scale_pan (BoursePriceScale *ps,
                        double            dy)
{
  double per_px = (ps->max - ps->min) / MAX (ps->height, 1.0);
  double d = dy * per_px * (ps->inverted ? -1.0 : 1.0);

  ps->min += d;
  ps->max += d;
}

/* Smallest step of the form m × 10^k (m in 1, 2, 2.5, 5) that is >= @raw and a
 * multiple of @tick_size. */
static double
nice_step (double raw,
           double tick_size)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double exp10, step = raw;

  if (!(raw > 0) || !isfinite (raw))
    return 0;
  exp10 = pow (10.0, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    {
      step = mantissas[i] * exp10;
      if (step >= raw * (1 - 1e-9))
        break;
    }
  if (tick_size > 0)
    {
      double ticks = round (step / tick_size);

      if (fabs (ticks * tick_size - step) > tick_size * 1e-6 || ticks < 1)
        ticks = ceil (step / tick_size);
      step = MAX (ticks, 1.0) * tick_size;
    }
  return step;
}

static void
linear_ticks (double  lo,
              double  hi,
              double  step,
              GArray *prices)
{
  double start = ceil (lo / step - 1e-9);

  for (double k = start; k * step <= hi * (1 + 1e-12) + 1e-12; k++)
    {
      double p = k * step;

      if (fabs (p) < step * 1e-9)
        p = 0.0;
      g_array_append_val (prices, p);
      if (prices->len > 1000)
        break;
    }
}

void
bourse_price_scale_build_ticks (const BoursePriceScale *ps,
                                double                  tick_size,
                                double                  min_spacing,
                                GArray                 *prices)
{
  double n_max, lo, hi;

  g_return_if_fail (ps != NULL && prices != NULL);

  g_array_set_size (prices, 0);
  if (!(ps->height > 0) || !(ps->max > ps->min) || !(min_spacing > 0))
    return;
  n_max = MAX (1.0, ps->height / min_spacing);

  if (ps->mode != BOURSE_PRICE_SCALE_MODE_LOGARITHMIC)
    {
      /* Nice steps in the displayed unit (price, percent, index), converted back. */
      double step = nice_step ((ps->max - ps->min) / n_max,
                               ps->mode == BOURSE_PRICE_SCALE_MODE_NORMAL ? tick_size : 0);
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

      if (step <= 0)
        return;
      linear_ticks (ps->min, ps->max, step, values);
      for (guint i = 0; i < values->len; i++)
        {
          double p = ps->mode == BOURSE_PRICE_SCALE_MODE_NORMAL
            ? g_array_index (values, double, i)
            : bourse_price_scale_untransform (ps, g_array_index (values, double, i));
          g_array_append_val (prices, p);
        }
      return;
    }

  lo = pow (10.0, ps->min);
  hi = pow (10.0, ps->max);
  if (ps->max - ps->min < 1.0)
    {
      /* Narrower than a decade: linear nice steps sized for the densest part
       * (the top, where a price unit takes the fewest pixels). */
      double px_per_unit = ps->height / (ps->max - ps->min) / (hi * G_LN10);
      double step = nice_step (min_spacing / px_per_unit, tick_size);

      if (step > 0)
        linear_ticks (lo, hi, step, prices);
      return;
    }
  else
    {
      /* Per decade: 1, 2, 5 × 10^k or every integer mantissa when there is room. */
      static const double coarse[] = { 1, 2, 5 };
      static const double fine[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
      static const double decade_only[] = { 1 };
      double px_per_decade = ps->height / (ps->max - ps->min);
      const double *m;
      guint n_m;
      int k0 = (int) floor (ps->min), k1 = (int) ceil (ps->max);
      int k_step = 1;

      if (px_per_decade * log10 (10.0 / 9.0) >= min_spacing)
        m = fine, n_m = G_N_ELEMENTS (fine);
      else if (px_per_decade * log10 (2.0) >= min_spacing)
        m = coarse, n_m = G_N_ELEMENTS (coarse);
      else
        {
          m = decade_only, n_m = 1;
          k_step = (int) MAX (1.0, ceil (min_spacing / px_per_decade));
        }

      for (int k = k0; k <= k1; k++)
        {
          if (k % k_step != 0)
            continue;
          for (guint i = 0; i < n_m; i++)
            {
              double p = m[i] * pow (10.0, k);

              if (p >= lo * (1 - 1e-12) && p <= hi * (1 + 1e-12))
                {
                  if (tick_size > 0 && p < tick_size)
                    continue;
                  g_array_append_val (prices, p);
                }
            }
        }
    }
}

void
bourse_price_scale_format (const BoursePriceScale *ps,
                           double                  price,
                           int                     precision,
                           char                   *buf,
                           gsize                   buf_len)
{
  precision = CLAMP (precision, 0, 10);

  switch (ps->mode)
    {
    case BOURSE_PRICE_SCALE_MODE_PERCENT:
      g_snprintf (buf, buf_len, "%.2f%%", bourse_price_scale_transform (ps, price));
      break;
    case BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100:
      g_snprintf (buf, buf_len, "%.2f", bourse_price_scale_transform (ps, price));
      break;
    case BOURSE_PRICE_SCALE_MODE_LOGARITHMIC:
    case BOURSE_PRICE_SCALE_MODE_NORMAL:
    default:
      g_snprintf (buf, buf_len, "%.*f", precision, price);
      break;
    }
}
