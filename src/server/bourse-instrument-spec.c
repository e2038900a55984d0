/* bourse-instrument-spec.c — the instruments the demo broker trades
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bourse-instrument-spec.h"

#include <math.h>

/* Realistic contract details as of 2026: retail FX in units, spot crypto,
 * US stocks and the E-mini S&P 500 December 2026 future (50 USD a point). */
static const BourseInstrumentSpec instrument_specs[] = {
  { "EURUSD", "Euro / U.S. Dollar", "forex", "FX", "FX:EURUSD", "USD",
    0.00001, 0.0001, 1.0, 1000, 1000, 10000000, 1.0 / 30, 1.0850, 0.07, 8, 4.0e7, 100000 },
  { "GBPUSD", "British Pound / U.S. Dollar", "forex", "FX", "FX:GBPUSD", "USD",
    0.00001, 0.0001, 1.0, 1000, 1000, 10000000, 1.0 / 30, 1.2700, 0.08, 10, 2.5e7, 100000 },
  { "USDJPY", "U.S. Dollar / Japanese Yen", "forex", "FX", "FX:USDJPY", "JPY",
    0.001, 0.01, 1.0, 1000, 1000, 10000000, 1.0 / 30, 150.00, 0.09, 9, 3.0e7, 100000 },
  { "BTCUSD", "Bitcoin / U.S. Dollar", "crypto", "CRYPTO", "BITSTAMP:BTCUSD", "USD",
    0.1, 0.1, 1.0, 0.0001, 0.0001, 100, 0.5, 68000.0, 0.55, 5, 40.0, 0.25 },
  { "ETHUSD", "Ethereum / U.S. Dollar", "crypto", "CRYPTO", "BITSTAMP:ETHUSD", "USD",
    0.01, 0.01, 1.0, 0.001, 0.001, 1000, 0.5, 3400.0, 0.65, 10, 500.0, 2 },
  { "AAPL", "Apple Inc.", "stock", "NASDAQ", "NASDAQ:AAPL", "USD",
    0.01, 0.01, 1.0, 1, 1, 100000, 0.2, 190.00, 0.25, 2, 60000, 100 },
  { "MSFT", "Microsoft Corporation", "stock", "NASDAQ", "NASDAQ:MSFT", "USD",
    0.01, 0.01, 1.0, 1, 1, 100000, 0.2, 420.00, 0.23, 3, 30000, 100 },
  { "NVDA", "NVIDIA Corporation", "stock", "NASDAQ", "NASDAQ:NVDA", "USD",
    0.01, 0.01, 1.0, 1, 1, 100000, 0.2, 120.00, 0.50, 2, 250000, 200 },
  { "ESZ6", "E-mini S&P 500 Futures (Dec 2026)", "futures", "CME", "CME_MINI:ESZ2026", "USD",
    0.25, 0.25, 50.0, 1, 1, 500, 0.05, 5600.00, 0.16, 1, 1500, 10 },
};

const BourseInstrumentSpec *
bourse_instrument_spec_get_all (guint *n_specs)
{
  if (n_specs != NULL)
    *n_specs = G_N_ELEMENTS (instrument_specs);
  return instrument_specs;
}

const BourseInstrumentSpec *
bourse_instrument_spec_lookup (const char *name,
                               guint      *index)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (instrument_specs); i++)
    {
      if (g_str_equal (instrument_specs[i].name, name))
        {
          if (index != NULL)
            *index = i;
          return &instrument_specs[i];
        }
    }

  return NULL;
}

guint
bourse_instrument_spec_decimals (const BourseInstrumentSpec *spec)
{
  guint decimals = 0;
  double tick = spec->min_tick;

  while (decimals < 10 && fabs (tick - round (tick)) > 1e-9)
    {
      tick *= 10;
      decimals++;
    }

  return decimals;
}

/* Rounds to the tick grid and then to the tick's decimals, so that the
 * double printed on the wire is the shortest decimal for that price. */
double
bourse_instrument_spec_round (const BourseInstrumentSpec *spec,
                              double                      price)
{
  double scale = pow (10, bourse_instrument_spec_decimals (spec));
  double ticks = round (price / spec->min_tick);

  return round (ticks * spec->min_tick * scale) / scale;
}

static gboolean
is_multiple (double value,
             double step)
{
  double ratio = value / step;

  return fabs (ratio - round (ratio)) < 1e-6;
}

gboolean
bourse_instrument_spec_on_tick (const BourseInstrumentSpec *spec,
                                double                      price)
{
  return is_multiple (price, spec->min_tick);
}

gboolean
bourse_instrument_spec_on_step (const BourseInstrumentSpec *spec,
                                double                      qty)
{
  return is_multiple (qty, spec->qty_step);
}

/* Locale-independent, at the tick's precision: "1.08412", "5600.25". */
const char *
bourse_instrument_spec_format (const BourseInstrumentSpec *spec,
                               char                       *buffer,
                               gsize                       size,
                               double                      price)
{
  static const char * const formats[] = {
    "%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f", "%.7f", "%.8f", "%.9f", "%.10f",
  };

  return g_ascii_formatd (buffer, (gint) size, formats[MIN (bourse_instrument_spec_decimals (spec), 10)], price);
}
