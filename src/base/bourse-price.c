/* bourse-price.c — prices and quantities on an instrument's grid: rounding and formatting
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-price.h"

static gboolean
is_positive (double v)
{
  return isfinite (v) && v > 0;
}

/**
 * bourse_round_to_tick:
 * @price: a price (or a quantity)
 * @tick: the instrument's minimum move (or quantity step); 0, negative or
 *   not finite means "no grid"
 *
 * Returns: the multiple of @tick nearest to @price; @price itself when there
 *   is no grid or @price is not finite
 */
double
bourse_round_to_tick (double price,
                      double tick)
{
  if (!isfinite (price) || !is_positive (tick))
    return price;
  return round (price / tick) * tick;
}

/* The number of decimals that shows every multiple of @tick exactly. */
guint
bourse_decimals_for_tick (double tick)
{
  if (!is_positive (tick))
    return 2;
  for (guint d = 0; d < 10; d++)
    {
      double scaled = tick * pow (10, d);
      if (fabs (scaled - round (scaled)) < 1e-9 * MAX (1.0, scaled))
        return d;
    }
  return 10;
}

/* Locale-aware, for display. */
char *
bourse_format_price (double price,
                     double tick)
{
  if (!isfinite (price))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", (int) bourse_decimals_for_tick (tick), price);
}

/* Always with a '.', for the wire (form bodies), whatever the locale. */
char *
bourse_format_wire_number (double value,
                           double tick)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%uf", MIN (bourse_decimals_for_tick (tick), 12u));

  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_strdup (buf);
}

/**
 * bourse_price_change:
 * @price: the current (or a bar's closing) price
 * @reference: the price it is compared with: the previous session's close
 *   for the day's change, as TradingView's watchlist and daily legend show it
 * @change: (out): @price − @reference
 * @percent: (out): @change in percent of @reference
 *
 * The one definition of "change" the watchlist, the quote and the chart's
 * legend share, so that they cannot disagree. The percentage is always
 * derived from the change, never taken separately, so both have one sign.
 *
 * Returns: FALSE (and zeros) when either price is unknown
 */
gboolean
bourse_price_change (double  price,
                     double  reference,
                     double *change,
                     double *percent)
{
  if (!is_positive (price) || !is_positive (reference))
    {
      *change = 0;
      *percent = 0;
      return FALSE;
    }
  *change = price - reference;
  *percent = *change / reference * 100;
  return TRUE;
}

/* Signed, with "+" for a rise; a change that rounds to zero shows no sign
 * (never "-0.00"). */
char *
bourse_format_change (double change,
                      guint  decimals)
{
  double scale = pow (10, MIN (decimals, 12u));
  double rounded = round (change * scale) / scale;

  if (!isfinite (change))
    return g_strdup ("—");
  if (rounded == 0)
    return g_strdup_printf ("%.*f", (int) decimals, 0.0);
  return g_strdup_printf ("%+.*f", (int) decimals, rounded);
}

/* Two decimals and a "%", rounded half away from zero, as the change. */
char *
bourse_format_change_percent (double percent)
{
  g_autofree char *number = bourse_format_change (percent, 2);

  return g_strconcat (number, "%", NULL);
}
