/* bourse-instrument-spec.h — the instruments the demo broker trades
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only table shared by the price simulator and the matching engine.
 * Quantities are in units (FX: currency units, crypto: coins, stocks: shares,
 * futures: contracts). A pip is worth `pip_size * multiplier` of the quote
 * currency per unit; the matching engine converts that into the account
 * currency with live cross rates.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;            /* broker symbol, also the TradingView ticker */
  const char *description;
  const char *type;            /* forex, crypto, stock, futures */
  const char *exchange;        /* for /symbol_info */
  const char *tradingview;     /* EXCHANGE:SYMBOL for /mapping */
  const char *quote_currency;  /* currency prices are quoted in */
  double      min_tick;
  double      pip_size;
  double      multiplier;      /* contract size: quote currency per point per unit */
  double      qty_step;
  double      min_qty;
  double      max_qty;
  double      margin_rate;
  double      base_price;      /* level the simulated price reverts to */
  double      volatility;      /* annualised, e.g. 0.08 for 8 % */
  guint       spread_ticks;    /* quoted spread, >= 1 */
  double      minute_volume;   /* average volume traded per minute */
  double      lot;             /* typical trade / book size */
} BourseInstrumentSpec;

const BourseInstrumentSpec *bourse_instrument_spec_get_all   (guint       *n_specs);
const BourseInstrumentSpec *bourse_instrument_spec_lookup    (const char  *name,
                                                              guint       *index);
guint                       bourse_instrument_spec_decimals  (const BourseInstrumentSpec *spec);
double                      bourse_instrument_spec_round     (const BourseInstrumentSpec *spec,
                                                              double       price);
const char                 *bourse_instrument_spec_format   (const BourseInstrumentSpec *spec,
                                                              char        *buffer,
                                                              gsize        size,
                                                              double       price);
gboolean                    bourse_instrument_spec_on_tick   (const BourseInstrumentSpec *spec,
                                                              double       price);
gboolean                    bourse_instrument_spec_on_step   (const BourseInstrumentSpec *spec,
                                                              double       qty);

G_END_DECLS
